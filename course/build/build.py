"""Write the course's source notebooks from their build modules.

    python course/build/build.py          # (re)write course/source/<NN-topic>/<name>.ipynb and course/README.md's tables
    python course/build/build.py --check  # exit 1 if a committed notebook (or README table) differs from the build modules
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

import nbformat

BUILD = Path(__file__).resolve().parent
SOURCE = BUILD.parent / "source"
MODULES = ("nb00_getting_started", "nb01_why_ha", "nb02_corosync", "nb03_quorum", "nb04_building", "nb05_resources",
           "nb06_constraints", "nb07_failover", "nb08_fencing", "nb09_troubleshooting", "nb10_capstone", "nb11_operations",
           "nb12_connectivity")

if str(BUILD) not in sys.path:
    sys.path.insert(0, str(BUILD))

import readme  # noqa: E402  (course/build/readme.py, found through the path above)


def notebooks() -> list:
    """Every course Notebook (see cells.Notebook), in course order."""
    return [importlib.import_module(name).NOTEBOOK for name in MODULES]


def target(notebook) -> Path:
    return SOURCE / notebook.assignment / notebook.filename


def render(notebook) -> str:
    return nbformat.writes(notebook.node()) + "\n"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="only compare, do not write")
    args = parser.parse_args(argv)
    stale = []
    for notebook in notebooks():
        path, text = target(notebook), render(notebook)
        if args.check:
            if not path.exists() or path.read_text() != text:
                stale.append(path)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        print(f"wrote {path.relative_to(BUILD.parent.parent)}")
    page = readme.readme_path(BUILD)
    text = readme.render(page.read_text(), notebooks())
    if args.check and page.read_text() != text:
        stale.append(page)
    elif not args.check and page.read_text() != text:
        page.write_text(text)
        print(f"wrote {page.relative_to(BUILD.parent.parent)}")
    for path in stale:
        print(f"out of date: {path} (run python course/build/build.py)")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
