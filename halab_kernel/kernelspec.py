"""`halab install-kernel`: install the "HA Lab (Python 3)" kernelspec (kernel name `halab`).

The wheel already ships the kernelspec to `share/jupyter/kernels/halab/`
(hatchling `shared-data`), so a plain `pip install halab` is enough for
JupyterLab, nbclient, nbgrader and JupyterHub that run from the same
environment. This command is for the other cases: a kernel for a Jupyter that
lives in another environment (`--user`), or a fresh `--sys-prefix` / `--prefix`.

The installed `kernel.json` names this interpreter by its absolute path, so
the kernel keeps running halab's environment whichever Jupyter starts it. The
extension is preloaded with `--IPKernelApp.extensions=halab_kernel`:
`python -m ipykernel install` cannot add arguments, hence this command.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

KERNEL_NAME = "halab"
DISPLAY_NAME = "HA Lab (Python 3)"
SPEC_SOURCE = Path(__file__).resolve().parent / "kernelspec" / KERNEL_NAME


def kernel_json(python: str = "python") -> dict:
    """The kernelspec as a dict; `python` is argv[0] ("python" lets Jupyter use its own)."""
    spec = json.loads((SPEC_SOURCE / "kernel.json").read_text())
    spec["argv"][0] = python
    return spec


def install(user: bool = False, prefix: str | None = None, python: str | None = None) -> str:
    """Install the kernelspec and return the folder it went to."""
    from jupyter_client.kernelspec import KernelSpecManager

    with tempfile.TemporaryDirectory() as staging:
        spec_dir = Path(staging) / KERNEL_NAME
        shutil.copytree(SPEC_SOURCE, spec_dir)
        spec = kernel_json(python or sys.executable)
        (spec_dir / "kernel.json").write_text(json.dumps(spec, indent=2) + "\n")
        return KernelSpecManager().install_kernel_spec(
            str(spec_dir), kernel_name=KERNEL_NAME, user=user, prefix=prefix
        )


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """`halab install-kernel`'s options (where the kernelspec goes)."""
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--user", action="store_true", help="install for the current user (~/.local/share/jupyter)")
    where.add_argument("--sys-prefix", action="store_true",
                       help=f"install into this environment ({sys.prefix}); the default")
    where.add_argument("--prefix", metavar="DIR", help="install into DIR/share/jupyter/kernels")


def run(args: argparse.Namespace) -> int:
    prefix = sys.prefix if args.sys_prefix else args.prefix
    if not args.user and prefix is None:
        prefix = sys.prefix  # the default: next to the package, like the wheel's shared-data
    try:
        where = install(user=args.user, prefix=prefix)
    except OSError as error:
        print(f"halab install-kernel: cannot install the kernel: {error}", file=sys.stderr)
        return 1
    print(f"Installed kernelspec {KERNEL_NAME} ({DISPLAY_NAME}) in {where}")
    return 0
