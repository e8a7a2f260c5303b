"""`halab run`: type a command on a node of a fresh simulated cluster, from a terminal.

    halab run [--nodes 3] [--seed 0] [--after 30] [--node node1] -- corosync-quorumtool -s

The cluster starts at time 0 and runs `--after` virtual seconds before the
command, so it has formed its membership. Handy for scripts and for comparing
with a real node's output.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from typing import Sequence

from halab_kernel.errors import LabError


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="halab run", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nodes", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--after", default="30s", help="virtual time to run before the command (default 30s)")
    parser.add_argument("--node", default="node1")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(list(argv))
    words = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not words:
        parser.error("no command given (e.g. halab run -- corosync-quorumtool -s)")
    from halab_kernel import Lab

    try:
        lab = Lab.simulated(nodes=args.nodes, seed=args.seed)
        lab.advance(args.after)
        result = lab.run(args.node, shlex.join(words))
    except (LabError, ValueError) as error:
        print(f"halab run: {error}", file=sys.stderr)
        return 2
    sys.stdout.write(result.stdout)
    sys.stderr.write(result.stderr)
    return result.rc
