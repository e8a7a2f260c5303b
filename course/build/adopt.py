"""Take an instructor's Jupyter edits of a generated notebook back into its build module.

    python course/build/build.py --adopt course/source/09-troubleshooting/troubleshooting.ipynb

The build modules stay the truth; this only saves retyping. Each markdown or
code cell whose text was changed in Jupyter is found, by its old text, in the
module (where it is written as `md(\"\"\"...\"\"\")`, `code(\"\"\"...\"\"\")` or an
exercise's `source=\"\"\"...\"\"\"`) and replaced by the new text, indented the
same. The module is written only when rebuilding it gives back every edited
cell exactly; anything else is refused with what to do by hand: cells added,
removed or moved, a read-only test cell (made by `exercise`/`graded`: change
their arguments), a "What you should see" note (`see`: its lines are checked
against the output), a cell written elsewhere (common.py) or more than once.
Outputs and cell metadata are not adopted: the build writes neither.
"""

from __future__ import annotations

import re
import types
from dataclasses import dataclass

from nbformat.notebooknode import NotebookNode

from cells import expected_lines


class Refused(ValueError):
    """An edit adopt cannot place in the build module: the message says what to do instead."""


@dataclass(frozen=True)
class Adopted:
    text: str  # the build module's new text
    cells: tuple[str, ...]  # the ids of the cells taken over


def _in_module(source: str) -> str:
    """How a cell's text reads inside the module's (non-raw) triple-quoted strings."""
    return source.replace("\\", "\\\\")


def _pattern(source: str) -> re.Pattern[str]:
    """The cell's lines at the start of their own lines, all under one indentation (blank lines may carry it)."""
    lines = _in_module(source).split("\n")
    first = r"^(?P<indent>[ ]*)" + re.escape(lines[0])
    rest = [r"(?:(?P=indent))?" if not line.strip() else r"(?P=indent)" + re.escape(line) for line in lines[1:]]
    return re.compile("\n".join([first, *rest]) + "$", re.MULTILINE)


def _replace_cell(text: str, cell_id: str, old: str, new: str) -> str:
    if '"""' in new or "'''" in new:
        raise Refused(f"cell {cell_id}: the new text holds triple quotes, which would end the module's string: "
                      "make this edit in the build module by hand")
    found = list(_pattern(old).finditer(text))
    if len(found) != 1:
        where = "more than once" if found else "nowhere (a cell written in common.py, or on one line?)"
        raise Refused(f"cell {cell_id}: its old text is written {where} in the build module: make this edit there "
                      "by hand, then run build.py")
    match = found[0]
    indent = match.group("indent")
    written = "\n".join(indent + line if line.strip() else "" for line in _in_module(new).split("\n"))
    return text[:match.start()] + written + text[match.end():]


def _changed(generated: NotebookNode, edited: NotebookNode) -> list[tuple[str, str, str]]:
    """(id, old text, new text) of every cell the instructor changed; refuses what cannot be adopted."""
    old_ids = [cell.get("id") for cell in generated.cells]
    new_ids = [cell.get("id") for cell in edited.cells]
    if old_ids != new_ids:
        added = [cell for cell in new_ids if cell not in old_ids]
        removed = [cell for cell in old_ids if cell not in new_ids]
        raise Refused(f"cells were added ({', '.join(map(str, added)) or 'none'}), removed "
                      f"({', '.join(map(str, removed)) or 'none'}) or moved: add, remove or move them in the build "
                      "module (md, code, see, exercise), then run build.py")
    changes = []
    for old, new in zip(generated.cells, edited.cells):
        if old.source == new.source:
            continue
        if old.cell_type != new.cell_type:
            raise Refused(f"cell {old.id} changed from {old.cell_type} to {new.cell_type}: change md(...)/code(...) "
                          "in the build module")
        nbgrader = old.metadata.get("nbgrader", {})
        if nbgrader.get("grade") and not nbgrader.get("solution"):
            raise Refused(f"cell {old.id} is a read-only test cell made by exercise()/graded(): change their "
                          "arguments in the build module")
        if expected_lines(old):
            raise Refused(f"cell {old.id} is a 'What you should see' note: edit its see(text, *lines) in the build "
                          "module (a test checks its lines against the output)")
        changes.append((old.id, old.source, new.source))
    return changes


def adopt(module_text: str, module_name: str, generated: NotebookNode, edited: NotebookNode) -> Adopted:
    """The build module with the edited cells' new text, checked by rebuilding the notebook from it."""
    changes = _changed(generated, edited)
    text = module_text
    for cell_id, old, new in changes:
        text = _replace_cell(text, cell_id, old, new)
    rebuilt = _rebuild(text, module_name)
    wrong = [cell.id for cell, want in zip(rebuilt.cells, edited.cells) if cell.source != want.source]
    if wrong or len(rebuilt.cells) != len(edited.cells):
        raise Refused(f"rebuilding from the adopted module does not give back cell(s) {', '.join(wrong)}: make these "
                      "edits in the build module by hand")
    return Adopted(text, tuple(cell_id for cell_id, _, _ in changes))


def _rebuild(text: str, module_name: str) -> NotebookNode:
    module = types.ModuleType(module_name)
    exec(compile(text, f"<adopted {module_name}>", "exec"), module.__dict__)  # noqa: S102 - our own build module
    return module.NOTEBOOK.node()
