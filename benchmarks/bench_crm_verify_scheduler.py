"""crm_verify's checks (halab_kernel/commands/crm_verify_checks.py) against real `crm_verify -x`.

For every public scheduler case of the tiers given (or a mutated copy of it, --mutate SEED: see
crm_verify_mutate.py) and every verbosity (none, -V, -VV), compares exit code and stderr/stdout of
the real tool on the case's CIB with what the simulator's checks report for the same CIB. Prints
the differing runs, then: identical, refused (by name), differing, and of those the silent ones
(rc 0 where the real tool finds the configuration invalid, which the honesty rule forbids).

    .venv/bin/python benchmarks/bench_crm_verify_scheduler.py [TIER ...] [--mutate SEED] [--show N]

TIER is 1, 2 or 3 (also "1,2,3"); default all three.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lxml import etree  # noqa: E402

from benchmarks.crm_verify_mutate import mutate  # noqa: E402
from halab_kernel.commands.crm_verify_checks import verdict  # noqa: E402
from halab_kernel.sim.pacemaker.cib.parse import cib_from_element  # noqa: E402
from halab_kernel.sim.pacemaker.scheduler.schedule import current_status  # noqa: E402

SCHEDULER = Path("/work/shared/pacemaker-2.1.5/scheduler")
SCHEMAS = Path("/usr/share/pacemaker")
_compiled: dict[str, etree.RelaxNG] = {}


def schema_refusal(root: etree._Element) -> str | None:
    """Why the lab could not hold this CIB: its schema (the installed RelaxNG, as the real CIB
    manager validates it) does not allow it, or it asks for no validation. The lab's crm_verify
    checks only the lab's own CIB, which the CIB keeps valid; such a file is refused by name."""
    schema = root.get("validate-with", "none")
    path = SCHEMAS / f"{schema}.rng"
    if schema == "none" or not path.exists():
        return f"cib: a configuration validated against {schema}"
    if schema not in _compiled:
        _compiled[schema] = etree.RelaxNG(etree.parse(str(path)))
    if not _compiled[schema].validate(root.getroottree()):
        return f"cib: a configuration its schema ({schema}) does not allow"
    return None


def real(path: Path, verbosity: int) -> tuple[int, str]:
    argv = ["crm_verify", "-x", str(path), *(["-" + "V" * verbosity] if verbosity else [])]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PCMK_logfacility": "none"})
    return done.returncode, done.stdout + done.stderr


def ours(root: etree._Element, verbosity: int) -> tuple[int, str] | str:
    """What the lab's crm_verify says of this CIB (the scheduler reading its nodes' states), or why it refuses (the CIB's schema, the scheduler refusing the case,
    or the checks)."""
    invalid = schema_refusal(root)
    if invalid is not None:
        return invalid
    try:
        _, nodes, views = current_status(cib_from_element(root))
    except Exception as error:  # noqa: BLE001 - the scheduler's refusal of a case it does not model
        return f"scheduler: {str(error)[:80]}"
    found = verdict(root, ((node.uname, node.state) for node in nodes), verbosity, views)
    return found if isinstance(found, str) else (found[1], found[0])


def cases(tiers: list[str]) -> list[str]:
    return [name for tier in tiers for name in (SCHEDULER / f"tier{tier}-public.txt").read_text().split()]


def main() -> None:
    parser = argparse.ArgumentParser(description="crm_verify's checks against real crm_verify -x, on the "
                                                 "public scheduler CIBs")
    parser.add_argument("tiers", nargs="*", default=["1", "2", "3"], help="tiers (1 2 3, or 1,2,3)")
    parser.add_argument("--mutate", metavar="SEED", help="check mutated copies of the CIBs (seeded)")
    parser.add_argument("--show", type=int, default=30, help="differing runs to print in full")
    parser.add_argument("--refusals", action="store_true", help="also list the refusals")
    args = parser.parse_args()
    names = cases([tier for given in args.tiers for tier in given.split(",") if tier])
    identical, refused, differing = 0, [], []
    with tempfile.TemporaryDirectory() as scratch:
        for name in names:
            path = SCHEDULER / "cases" / f"{name}.xml"
            root = etree.parse(str(path)).getroot()
            if args.mutate is not None:
                root = mutate(root, f"{args.mutate}:{name}")
                path = Path(scratch) / f"{name}.xml"
                path.write_bytes(etree.tostring(root))
            for verbosity in (0, 1, 2):
                theirs, mine = real(path, verbosity), ours(root, verbosity)
                if isinstance(mine, str):
                    refused.append((name, verbosity, mine))
                elif theirs == mine:
                    identical += 1
                else:
                    differing.append((name, verbosity, mine, theirs))
    for name, verbosity, mine, theirs in differing[:args.show]:
        print(f"--- {name} -{'V' * verbosity}\n  ours {mine!r}\n  real {theirs!r}")
    for name, verbosity, why in refused if args.refusals else ():
        print(f"refused {name} -{'V' * verbosity}: {why}")
    silent = sum(1 for _, _, mine, theirs in differing if mine[0] == 0 and theirs[0] != 0)
    print(f"cases {len(names)}, runs {len(names) * 3}: identical {identical}, refused {len(refused)}, "
          f"differing {len(differing)} (cases {len({d[0] for d in differing})}; rc 0 where real is not: {silent})"
          + (f" [--mutate {args.mutate}]" if args.mutate is not None else ""))


if __name__ == "__main__":
    main()
