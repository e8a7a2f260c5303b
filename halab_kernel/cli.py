"""The `halab` command: one entry point, subcommands routed by a small table."""

from __future__ import annotations

import sys
from importlib import import_module
from typing import Callable, Sequence

# subcommand -> "module:function"; each function takes argv (without the
# subcommand) and returns an exit code. Imported lazily so `halab --help` is fast.
SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "course": ("halab_kernel.course_launcher:main", "open the course in JupyterLab (simulator backend)"),
    "run": ("halab_kernel.sim_shell:main", "run one command on a fresh simulated cluster"),
    "crm_simulate": ("halab_kernel.commands.crm_simulate:main", "crm_simulate-compatible scheduler on a CIB file"),
    "pcs": ("halab_kernel.commands.pcs_cli:main", "pcs's configuration commands on a CIB file (pcs -f FILE ...)"),
    "rig": ("halab_kernel.remote.rig.cli:main", "a real Pacemaker/Corosync cluster in network namespaces"),
    "install-kernel": ("halab_kernel.kernelspec:main", "install the 'HA Lab (Python 3)' kernelspec"),
}


def _usage() -> str:
    lines = ["usage: halab <command> [args...]", "", "commands:"]
    lines += [f"  {name:<15} {help_text}" for name, (_, help_text) in SUBCOMMANDS.items()]
    return "\n".join(lines)


def _load(target: str) -> Callable[[Sequence[str]], int]:
    module_name, function_name = target.split(":")
    return getattr(import_module(module_name), function_name)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help", "help"):
        print(_usage())
        return 0
    name, rest = args[0], args[1:]
    if name not in SUBCOMMANDS:
        print(f"halab: unknown command '{name}'\n\n{_usage()}", file=sys.stderr)
        return 2
    try:
        function = _load(SUBCOMMANDS[name][0])
    except (ImportError, AttributeError) as error:
        print(f"halab {name}: not available in this installation ({error})", file=sys.stderr)
        return 1
    return int(function(rest) or 0)


if __name__ == "__main__":
    sys.exit(main())
