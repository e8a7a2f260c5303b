"""`halab rig up|down|status|heal|exec|ssh`: a real Pacemaker/Corosync cluster on this machine."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Sequence

from halab_kernel.remote.rig import manager
from halab_kernel.remote.rig.host import RigError
from halab_kernel.remote.rig.layout import DEFAULT_DIR, DEFAULT_PREFIX, DEFAULT_SUBNET, RigLayout


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="halab rig",
        description="A real N-node Pacemaker + Corosync cluster in network namespaces (needs root).",
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--dir", type=Path, default=DEFAULT_DIR, help=f"rig folder (default {DEFAULT_DIR})")
    common.add_argument("--prefix", default=DEFAULT_PREFIX, help=f"namespace name prefix (default {DEFAULT_PREFIX})")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    up = commands.add_parser("up", parents=[common], help="start the rig; prints the inventory path")
    up.add_argument("--nodes", type=int, default=3, help="number of nodes, 2 to 5 (default 3)")
    up.add_argument("--subnet", default=DEFAULT_SUBNET, help=f"rig IPv4 subnet (default {DEFAULT_SUBNET})")
    up.add_argument("--token", type=int, metavar="MS", help="corosync totem token in ms (default: corosync's)")
    up.add_argument("--no-fencing", action="store_true", help="stonith-enabled=false and no fence device")
    up.add_argument("--wait", type=float, default=90.0, help="seconds to wait for the cluster (default 90)")
    commands.add_parser("down", parents=[common], help="stop the rig and remove everything it made")
    commands.add_parser("status", parents=[common], help="show the nodes and the cluster")
    commands.add_parser("heal", parents=[common],
                        help="undo every halab fault on the nodes (partitions, stopped stacks, standby), whoever made it")
    run = commands.add_parser("exec", parents=[common], help="run a command inside a node")
    run.add_argument("node")
    run.add_argument("argv", nargs=argparse.REMAINDER, metavar="CMD ...")
    ssh = commands.add_parser("ssh", parents=[common], help="an SSH session to a node (or run CMD there)")
    ssh.add_argument("node")
    ssh.add_argument("argv", nargs=argparse.REMAINDER, metavar="CMD ...")
    return parser


def main(argv: Sequence[str]) -> int:
    args = _parser().parse_args(list(argv))
    if os.geteuid() != 0:
        print(f"halab rig {args.command}: needs root (network, mount and PID namespaces)", file=sys.stderr)
        return 1
    try:
        if args.command == "up":
            layout = RigLayout(nodes=args.nodes, prefix=args.prefix, directory=args.dir, subnet=args.subnet)
            started = time.monotonic()
            print(f"halab rig: starting {args.nodes} nodes...", file=sys.stderr)
            inventory = manager.up(layout, fencing=not args.no_fencing, token_ms=args.token, wait=args.wait)
            print(f"halab rig: cluster up in {time.monotonic() - started:.1f} s", file=sys.stderr)
            print(inventory)
            return 0
        layout = RigLayout(prefix=args.prefix, directory=args.dir)
        if args.command == "down":
            problems = manager.down(layout)
            for problem in problems:
                print(f"halab rig down: {problem}", file=sys.stderr)
            return 1 if problems else 0
        if args.command == "heal":
            found, problems = manager.heal(layout)
            for node, items in found.items():
                print(f"{node}: undone: {', '.join(items)}")
            if not found:
                print("no halab fault found on the nodes")
            for problem in problems:
                print(f"halab rig heal: {problem}", file=sys.stderr)
            return 1 if problems else 0
        if args.command == "status":
            healthy, text = manager.status(layout)
            print(text)
            return 0 if healthy else 3
        if args.command == "exec":
            if not args.argv:
                print("halab rig exec: give a command to run", file=sys.stderr)
                return 2
            return manager.exec_in_node(layout, args.node, args.argv)
        record = manager.load_record(args.dir)
        if not record or args.node not in record.layout.node_names:
            print(f"halab rig ssh: no rig node named {args.node!r} is up", file=sys.stderr)
            return 1
        os.execvp("ssh", ["ssh", "-F", str(record.layout.ssh_config), args.node, *args.argv])
    except (RigError, ValueError) as error:
        print(f"halab rig {args.command}: {error}", file=sys.stderr)
        return 1
    return 0
