"""Take an instructor's Jupyter edits of a generated notebook back into its build module.

    python course/build/build.py --adopt course/source/09-troubleshooting/troubleshooting.ipynb

The build modules stay the truth; this only saves retyping. Each markdown or
code cell whose text was changed in Jupyter is found, by its old text, in the
module (where it is written as `md(\"\"\"...\"\"\")`, `code(\"\"\"...\"\"\")` or an
exercise's `source=\"\"\"...\"\"\"`) and replaced by the new text, indented the
same. A cell added in Jupyter goes into the module's CELLS list right after the
entry that made the cell above it: a markdown cell as `md(...)`, a code cell as
`code(...)`, and a code cell that is one call of the `exercise(...)` helper as
`*exercise(...)` (its answer cell, Check button and test cell then come from the
build). The module is written only when rebuilding it gives back every edited
cell exactly (an added exercise: the cells it makes); anything else is refused
with what to do by hand: cells removed or moved, a cell added inside the cells
one helper makes, a read-only test cell (made by `exercise`/`graded`: change
their arguments), a "What you should see" note (`see`: its lines are checked
against the output), a cell written elsewhere (common.py) or more than once.
Outputs and cell metadata are not adopted: the build writes neither.
"""

from __future__ import annotations

import ast
import importlib
import re
import types
from dataclasses import dataclass, field

from nbformat.notebooknode import NotebookNode

from cells import expected_lines


class Refused(ValueError):
    """An edit adopt cannot place in the build module: the message says what to do instead."""


@dataclass(frozen=True)
class Adopted:
    text: str  # the build module's new text
    cells: tuple[str, ...]  # the ids of the cells taken over (edited or added)
    todo: tuple[str, ...] = field(default=())  # what the author still has to write by hand (an exercise's cases)


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
    kept = [cell for cell in edited.cells if cell.get("id") in old_ids]
    if [cell.get("id") for cell in kept] != old_ids:
        removed = [cell for cell in old_ids if cell not in {kept_cell.get("id") for kept_cell in kept}]
        raise Refused(f"cells were removed ({', '.join(map(str, removed)) or 'none'}) or moved: remove or move them "
                      "in the build module (md, code, see, exercise), then run build.py")
    changes = []
    for old, new in zip(generated.cells, kept):
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
    """The build module with the edited cells' new text and the added cells, checked by rebuilding the notebook."""
    changes = _changed(generated, edited)
    text = module_text
    for cell_id, old, new in changes:
        text = _replace_cell(text, cell_id, old, new)
    text, added, todo = _add_cells(text, module_name, generated, edited)
    try:
        rebuilt = _rebuild(text, module_name)
    except (NameError, TypeError, ValueError, SyntaxError) as error:
        raise Refused(f"the build module with the added cells does not build ({error}): add them by hand") from None
    wanted = _expected_cells(text, module_name, edited, added)
    wrong = [cell.id for cell, want in zip(rebuilt.cells, wanted) if cell.source != want]
    if wrong or len(rebuilt.cells) != len(wanted):
        raise Refused(f"rebuilding from the adopted module does not give back cell(s) {', '.join(wrong)}: make these "
                      "edits in the build module by hand")
    return Adopted(text, tuple(cell_id for cell_id, _, _ in changes) + tuple(added), tuple(todo))


# --- cells added in Jupyter ----------------------------------------------------------------------------------------

def _cells_list(text: str) -> ast.List:
    for node in ast.parse(text).body:
        if (isinstance(node, ast.Assign) and isinstance(node.value, ast.List)
                and any(isinstance(target, ast.Name) and target.id == "CELLS" for target in node.targets)):
            return node.value
    raise Refused("the build module has no CELLS = [...] list to add cells to: add them by hand")


def _entry_sizes(text: str, module_name: str, entries: list[ast.expr]) -> list[int]:
    """How many notebook cells each entry of CELLS makes (`*exercise(...)` makes three, `md(...)` one)."""
    namespace = _namespace(text, module_name)
    sizes = []
    for entry in entries:
        if isinstance(entry, ast.Starred):
            sizes.append(len(eval(compile(ast.Expression(entry.value), "<CELLS entry>", "eval"), namespace)))  # noqa: S307
        else:
            sizes.append(1)
    return sizes


def _exercise_call(source: str) -> ast.Call | None:
    """The `exercise(...)` call a code cell consists of, or None for an ordinary code cell."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    if (len(tree.body) == 1 and isinstance(tree.body[0], ast.Expr) and isinstance(tree.body[0].value, ast.Call)
            and isinstance(tree.body[0].value.func, ast.Name) and tree.body[0].value.func.id == "exercise"):
        return tree.body[0].value
    return None


def _check_exercise(call: ast.Call, cell_id: str, taken: set[str]) -> tuple[str, str]:
    """(the exercise's name, its check) of a well-formed new exercise; refuses one that could not grade."""
    keywords = {keyword.arg: keyword.value for keyword in call.keywords}
    arguments = [*call.args[:2], keywords.get("check"), keywords.get("answer"), keywords.get("source")]
    if len(call.args) < 2 or not all(isinstance(value, ast.Constant) for value in arguments):
        raise Refused(f"cell {cell_id}: write a new exercise as exercise(\"name\", points, check=\"module.check\", "
                      "answer=\"variable\", source=\"\"\"...\"\"\") with plain literal values")
    name, _, check, _, source = (value.value for value in arguments)  # type: ignore[union-attr]
    if f"ex-{name}" in taken or f"test-{name}" in taken:
        raise Refused(f"cell {cell_id}: the notebook already has an exercise named {name!r}: pick another name")
    if "### BEGIN SOLUTION" not in source or "### END SOLUTION" not in source:
        raise Refused(f"cell {cell_id}: the exercise's source needs ### BEGIN SOLUTION and ### END SOLUTION around "
                      "the model answer (nbgrader removes what is between them on release)")
    module, _, function = str(check).partition(".")
    try:
        getattr(importlib.import_module(f"halab_graders.{module}"), function)
    except (ImportError, AttributeError):
        raise Refused(f"cell {cell_id}: no check {check!r} in graders/halab_graders/ (module.function)") from None
    return str(name), str(check)


def _render(cell: NotebookNode, indent: str, taken: set[str]) -> tuple[str, str]:
    """The CELLS entry for an added cell, and what is left to write by hand."""
    source = cell.source
    call = _exercise_call(source) if cell.cell_type == "code" else None
    if call is not None:
        name, check = _check_exercise(call, str(cell.get("id")), taken)
        lines = ("*" + source.strip()).split("\n")
        entry = "\n".join(indent + line if line.strip() else "" for line in lines) + ","
        return entry, (f"exercise {name!r}: add right(...) and wrong(...) cases for {check} to cases= and its "
                       f"test-{name} to a Topic, then run the tests")
    if cell.cell_type not in ("markdown", "code"):
        raise Refused(f"cell {cell.get('id')} is a {cell.cell_type} cell: only markdown and code cells can be added")
    if '"""' in source or "'''" in source:
        raise Refused(f"cell {cell.get('id')}: the new text holds triple quotes, which would end the module's string: "
                      "add this cell in the build module by hand")
    helper = "md" if cell.cell_type == "markdown" else "code"
    body = "\n".join(indent + line if line.strip() else "" for line in _in_module(source).split("\n"))
    return f'{indent}{helper}("""\n{body}\n{indent}"""),', ""


def _add_cells(text: str, module_name: str, generated: NotebookNode,
               edited: NotebookNode) -> tuple[str, list[str], list[str]]:
    """The module with every cell added in Jupyter written into CELLS after the entry that made the cell above it."""
    old_ids = [cell.get("id") for cell in generated.cells]
    if all(cell.get("id") in old_ids for cell in edited.cells):
        return text, [], []
    entries = _cells_list(text).elts
    ends, total = [], 0  # the index of the last notebook cell each entry makes
    for size in _entry_sizes(text, module_name, entries):
        total += size
        ends.append(total - 1)
    if total != len(old_ids):
        raise Refused("the notebook was not generated from this build module's CELLS: run build.py first")
    taken = set(old_ids) | {cell.get("id") for cell in edited.cells}
    inserts: dict[int, list[str]] = {}  # entry index (-1: before the first) -> rendered added cells
    added, todo, above = [], [], -1
    for cell in edited.cells:
        if cell.get("id") in old_ids:
            above = old_ids.index(cell.get("id"))
            continue
        if above >= 0 and above not in ends:
            raise Refused(f"cell {cell.get('id')} was added inside the cells one helper call makes (an exercise's "
                          "answer, Check button and test; common.py's backend cells): move it below them, or add it "
                          "in the build module")
        entry = ends.index(above) if above >= 0 else -1
        indent = " " * entries[max(entry, 0)].col_offset
        rendered, note = _render(cell, indent, taken - {cell.get("id")})
        inserts.setdefault(entry, []).append(rendered)
        added.append(cell.get("id"))
        todo += [note] if note else []
    lines = text.split("\n")
    for entry in sorted(inserts, reverse=True):
        at = (entries[entry].end_lineno or entries[entry].lineno) if entry >= 0 else entries[0].lineno - 1
        if entry >= 0 and not lines[at - 1].rstrip().endswith(","):
            raise Refused("a CELLS entry does not end its line with a comma: add the cells in the build module by hand")
        lines[at:at] = inserts[entry]
    return "\n".join(lines), added, todo


def _expected_cells(text: str, module_name: str, edited: NotebookNode, added: list[str]) -> list[str]:
    """The sources the rebuilt notebook must hold: the edited cells, each added exercise call as the cells it makes."""
    namespace = _namespace(text, module_name)
    wanted = []
    for cell in edited.cells:
        call = _exercise_call(cell.source) if cell.get("id") in added and cell.cell_type == "code" else None
        if call is None:
            wanted.append(cell.source)
        else:
            try:
                made = eval(compile(ast.Expression(call), "<added exercise>", "eval"), namespace)  # noqa: S307
            except (NameError, TypeError, ValueError) as error:
                raise Refused(f"cell {cell.get('id')}: exercise(...) cannot be made ({error}); the build module must "
                              "import exercise from cells") from None
            wanted += [made_cell.source for made_cell in made]
    return wanted


def _namespace(text: str, module_name: str) -> dict:
    module = types.ModuleType(module_name)
    exec(compile(text, f"<adopted {module_name}>", "exec"), module.__dict__)  # noqa: S102 - our own build module
    return module.__dict__


def _rebuild(text: str, module_name: str) -> NotebookNode:
    return _namespace(text, module_name)["NOTEBOOK"].node()
