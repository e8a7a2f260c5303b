"""crm_verify's checks (halab_kernel/commands/crm_verify_checks.py) against real `crm_verify -x`.

For every public scheduler case of the tiers given (or a mutated copy of it, --mutate SEED) and
every verbosity (none, -V, -VV), compares exit code and stderr/stdout of the real tool on the
case's CIB with what the simulator's checks report for the same CIB. Prints the differing cases,
then: identical, differing.

    .venv/bin/python benchmarks/bench_crm_verify_scheduler.py [TIERS] [--mutate SEED] [--show N]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lxml import etree  # noqa: E402

from halab_kernel.commands.crm_verify_checks import verdict  # noqa: E402
from halab_kernel.sim.pacemaker.cib.parse import cib_from_element  # noqa: E402
from halab_kernel.sim.pacemaker.scheduler.schedule import current_status  # noqa: E402

SCHEDULER = Path("/work/shared/pacemaker-2.1.5/scheduler")


def real(path: Path, verbosity: int) -> tuple[int, str]:
    argv = ["crm_verify", "-x", str(path), *(["-" + "V" * verbosity] if verbosity else [])]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PCMK_logfacility": "none"})
    return done.returncode, done.stdout + done.stderr


def ours(root: etree._Element, verbosity: int) -> tuple[int, str] | str:
    """What the lab's crm_verify says of this CIB (the scheduler reading its nodes' states), or why it
    refuses (the scheduler refusing the case, or the tool at -VV)."""
    try:
        nodes = current_status(cib_from_element(root))[1]
    except Exception as error:  # noqa: BLE001 - the scheduler's refusal of a case it does not model
        return f"scheduler: {str(error)[:80]}"
    found = verdict(root, ((node.uname, node.state) for node in nodes), verbosity)
    return found if isinstance(found, str) else (found[1], found[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tiers", nargs="?", default="1,2,3")
    parser.add_argument("--show", type=int, default=30, help="differing cases to print in full")
    args = parser.parse_args()
    names = [name for tier in args.tiers.split(",")
             for name in (SCHEDULER / f"tier{tier}-public.txt").read_text().split()]
    identical, refused, differing = 0, 0, []
    for name in names:
        path = SCHEDULER / "cases" / f"{name}.xml"
        root = etree.parse(str(path)).getroot()
        for verbosity in (0, 1, 2):
            theirs, mine = real(path, verbosity), ours(root, verbosity)
            if isinstance(mine, str):
                refused += 1
            elif theirs == mine:
                identical += 1
            else:
                differing.append((name, verbosity, mine, theirs))
    for name, verbosity, mine, theirs in differing[:args.show]:
        print(f"--- {name} -{'V' * verbosity}\n  ours {mine!r}\n  real {theirs!r}")
    print(f"cases {len(names)}, runs {len(names) * 3}: identical {identical}, refused {refused}, differing {len(differing)} "
          f"(cases {len({d[0] for d in differing})})")


if __name__ == "__main__":
    main()
