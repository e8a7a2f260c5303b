"""cibadmin on the simulator against real Pacemaker 2.1.5 cibadmin on the same CIB (CIB_file=...).

Every command of tests/cibadmin_variants.py (queries, replace/create/modify/delete in each
section, invalid XML, schema violations, unknown sections, wrong ids, odd options) runs on a
fresh service lab and, on a file holding the same CIB, with the real tool. Agreement: the same
exit code, the same verdict line, the same stdout and the same resulting configuration.

    .venv/bin/python benchmarks/bench_cibadmin_differential.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.cibadmin_variants import COMMANDS, disagreement  # noqa: E402


def main() -> None:
    wrong = {}
    with tempfile.TemporaryDirectory() as directory:
        for command in COMMANDS:
            found = disagreement(command, Path(directory))
            if found:
                wrong[command] = found
    for command, found in wrong.items():
        print(f"--- {command}\n{found}\n")
    print(f"cibadmin agreement: {len(COMMANDS) - len(wrong)}/{len(COMMANDS)}")


if __name__ == "__main__":
    main()
