"""The `halab` command's entry point: a resident server's answer when one runs, else the direct path.

From a shell, a tool command (`halab run`, `crm_simulate`, `pcs`) is first offered to the
resident server (halab_kernel.fastpath), which has halab imported already; that costs a
Python start-up and a fork, like a C tool's start. When none answers, or for every other
command, halab_kernel.subcommands runs it here. This module imports nothing else at start-up
so that the served path stays as short as the interpreter allows.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    from typing import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """`halab ARGS`; `argv` given (a test, or the server's child) always runs in this process."""
    args = list(sys.argv[1:] if argv is None else argv)
    if argv is None:
        from halab_kernel.fastpath.client import run_on_server

        status = run_on_server(args)
        if status is not None:
            return status
    from halab_kernel.subcommands import run

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
