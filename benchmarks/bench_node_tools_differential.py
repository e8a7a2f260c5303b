"""The node tools against the real Pacemaker 2.1.5 ones over many seeded random sequences.

Each sequence starts from a settled lab (the course's base cluster, a richer one, or a public
scheduler case's configuration on nodes node1..nodeN) and runs LENGTH commands of crm_resource,
crm_attribute, crm_standby, crm_failcount, crm_ticket, cibadmin, crm_verify, crm_node,
stonith_admin, crm_mon and pcs's status views; each step is compared with the real tool on the
lab's exported CIB (tests/commands/node_tool_sequences.py). Prints every differing step, then per
family: commands run, differing, refused by name; the steps skipped because the real tool needs a
running daemon even with CIB_file, with the reason; the starts the simulator refuses.

    .venv/bin/python benchmarks/bench_node_tools_differential.py [SEED] [SEQUENCES] [LENGTH] [START-PREFIX]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.commands import node_tool_sequences  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seed", nargs="?", type=int, default=1000)
    parser.add_argument("sequences", nargs="?", type=int, default=120)
    parser.add_argument("length", nargs="?", type=int, default=25)
    parser.add_argument("start_prefix", nargs="?", default=None, help="only the starts whose name begins so")
    args = parser.parse_args()
    began = time.perf_counter()
    node_tool_sequences.main(args.seed, args.sequences, args.length, args.start_prefix)
    print(f"seconds: {time.perf_counter() - began:.0f}")


if __name__ == "__main__":
    main()
