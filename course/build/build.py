"""Write the course's source notebooks from their build modules.

    python course/build/build.py          # (re)write course/source/<NN-topic>/<name>.ipynb and course/README.md's tables
    python course/build/build.py --check  # exit 1 if a committed notebook (or README table) differs from the build modules
    python course/build/build.py --adopt course/source/NN-topic/name.ipynb
                                          # take the cell texts an instructor changed in Jupyter into the build module
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

import adopt  # noqa: E402  (course/build/adopt.py, found through the path above)
import readme  # noqa: E402


def notebooks() -> list:
    """Every course Notebook (see cells.Notebook), in course order."""
    return [importlib.import_module(name).NOTEBOOK for name in MODULES]


def target(notebook) -> Path:
    return SOURCE / notebook.assignment / notebook.filename


def render(notebook) -> str:
    return nbformat.writes(notebook.node()) + "\n"


def adopt_edits(path: Path) -> None:
    """Take the cell texts changed in `path` (a course/source notebook) into its build module; the rest follows."""
    found = [(name, notebook) for name, notebook in zip(MODULES, notebooks())
             if target(notebook).resolve() == path.resolve()]
    if not found:
        raise adopt.Refused(f"{path} is not one of the course's notebooks (course/source/NN-topic/name.ipynb)")
    name, notebook = found[0]
    module = BUILD / f"{name}.py"
    result = adopt.adopt(module.read_text(), name, notebook.node(), nbformat.read(path, as_version=4))
    module.write_text(result.text)
    print(f"adopted {len(result.cells)} cell(s) into {module.relative_to(BUILD.parent.parent)}: "
          f"{', '.join(result.cells) or 'nothing changed'}; now run python course/build/build.py")
    for note in result.todo:
        print(f"still to do by hand: {note}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="only compare, do not write")
    parser.add_argument("--adopt", metavar="NOTEBOOK", help="take a notebook's edited cell texts into its build module")
    args = parser.parse_args(argv)
    if args.adopt:
        try:
            adopt_edits(Path(args.adopt))
        except adopt.Refused as refused:
            print(f"build.py --adopt: {refused}", file=sys.stderr)
            return 1
        return 0
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
