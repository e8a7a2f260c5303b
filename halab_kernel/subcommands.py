"""The `halab` command's subcommands: argparse, each module imported only when it runs.

Two kinds of subcommands. The course's own (`course`, `grade`, `book`,
`install-kernel`, `server`) declare their options here through their module's
`add_arguments(parser)` and run as `run(args)`, so `halab COMMAND --help`
documents every option. The tool emulations (`run`, `crm_simulate`, `pcs`,
`rig`) keep the real tools' argument syntax: their arguments are handed over
untouched to the module's `main(argv)`, which answers `--help` itself.

Nothing optional is imported at start-up: `halab --version` and `halab run`
work in a core install (no JupyterLab, nbgrader or paramiko). halab_kernel.cli
(the entry point) imports this module only when no resident server runs the command.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from importlib import import_module

from halab_kernel import __version__

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    import argparse


@dataclass(frozen=True)
class Subcommand:
    name: str
    module: str
    summary: str
    passes_arguments_through: bool = False  # the real tool's syntax: argv goes to module.main untouched


SUBCOMMANDS = (
    Subcommand("course", "halab_kernel.course_launcher", "open the course in JupyterLab (simulator backend)"),
    Subcommand("grade", "halab_kernel.grading", "autograde every submission of an assignment, in parallel, and export the grades"),
    Subcommand("book", "halab_kernel.reader_edition", "build the reader edition: the course executed, as a static HTML site"),
    Subcommand("install-kernel", "halab_kernel.kernelspec", "install the 'HA Lab (Python 3)' kernelspec"),
    Subcommand("run", "halab_kernel.sim_shell", "run one command on a fresh simulated cluster", True),
    Subcommand("crm_simulate", "halab_kernel.commands.crm_simulate", "crm_simulate-compatible scheduler on a CIB file", True),
    Subcommand("pcs", "halab_kernel.commands.pcs_cli", "pcs's configuration commands on a CIB file (pcs -f FILE ...)", True),
    Subcommand("rig", "halab_kernel.remote.rig.cli", "a real Pacemaker/Corosync cluster in network namespaces", True),
    Subcommand("server", "halab_kernel.fastpath.control",
               "start, stop or show the resident server that makes run, crm_simulate and pcs start fast"),
)
_BY_NAME = {command.name: command for command in SUBCOMMANDS}
_INSTALL_HINT = {
    "halab_kernel.course_launcher": "halab[notebook,grading]",
    "halab_kernel.grading": "halab[grading]",
    "halab_kernel.reader_edition": "halab[book,grading]",
    "halab_kernel.kernelspec": "halab[notebook]",
    "halab_kernel.remote.rig.cli": "halab[ssh]",
}


def parser() -> argparse.ArgumentParser:
    """The whole command line; the course's own subcommands get their options from their module."""
    import argparse  # here: the tool emulations (`run`, `crm_simulate`, `pcs`) parse their own arguments

    top = argparse.ArgumentParser(
        prog="halab",
        description="Learn Linux high availability (Pacemaker + Corosync) in Jupyter, on a simulator or real nodes.",
        epilog="`halab COMMAND --help` documents each command.",
    )
    top.add_argument("--version", action="version", version=f"halab {__version__}")
    commands = top.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    for command in SUBCOMMANDS:
        if command.passes_arguments_through:
            commands.add_parser(command.name, help=f"{command.summary} (the real tool's arguments)", add_help=False)
            continue
        module = import_module(command.module)
        sub = commands.add_parser(command.name, help=command.summary, description=module.__doc__,
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
        module.add_arguments(sub)
    return top


def _missing_module_message(name: str, module: str, error: ImportError) -> str:
    extra = _INSTALL_HINT.get(module)
    hint = f": install it with `pip install '{extra}'`" if extra else ""
    return f"halab {name}: {error.name or error} is not installed{hint}"


def run(args: list[str]) -> int:
    """Run `halab ARGS` in this process."""
    if args and args[0] in _BY_NAME and _BY_NAME[args[0]].passes_arguments_through:
        command = _BY_NAME[args[0]]
        try:
            tool = import_module(command.module).main
        except ImportError as error:
            print(_missing_module_message(command.name, command.module, error), file=sys.stderr)
            return 1
        return int(tool(args[1:]) or 0)
    parsed = parser().parse_args(args)
    if parsed.command is None:
        parser().print_help()
        return 0
    command = _BY_NAME[parsed.command]
    try:
        return int(import_module(command.module).run(parsed) or 0)
    except ImportError as error:  # an optional dependency the command needs at run time
        print(_missing_module_message(command.name, command.module, error), file=sys.stderr)
        return 1

