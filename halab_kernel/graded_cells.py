"""A test cell's verdict, given by the grading process: the student's kernel only hands over the answer.

Under the course's autograde (`nbgrader_plugins.ExecuteGivingTestCellsTheirJudgesTime`) a test
cell's `_grade(CHECK, ANSWER, **OPTIONS)` calls print the answer as one line of data
(`halab_graders.isolated.grade`, REQUEST_MARK) instead of judging in the kernel. After the cell
has run, the grading process reads those lines, takes each call's check and options from the
cell's own source (restored from the gradebook before it runs, so the student's copy does not
count), has a judge check the answer (a warm judge of this process's own, reached over a socket pair: no process
the kernel leaves running can stand in for it), and writes the verdicts into the cell: "PASSED ..." for
each passed check, an AssertionError output (which nbgrader scores as a failed test) at the
first that did not pass, exactly as the kernel-side `grade` prints and raises.

So nothing run in the kernel can pass a test: a cell whose calls never hand over an answer
(the kernel's `runpy`, `print` or `sys.stdout` replaced in an earlier cell, the calls skipped)
fails, and an answer handed over by other means is judged like the student's own answer.
"""

from __future__ import annotations

import ast
import contextlib
import json
from typing import Any

from halab_graders import isolated
from nbformat.notebooknode import NotebookNode

NEVER_ARRIVED = ("the answer never reached the grading process: the test cell's call did not run as written "
                 "(was something it uses replaced in an earlier cell?)")


def checks_of(source: str) -> list[tuple[str, dict[str, Any]]]:
    """The `_grade(...)` calls of a test cell, in the source's order: each check's name and its options (a call
    whose check or options are not literals, or a source that is not Python, has none)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    found = sorted((node for node in ast.walk(tree)
                    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_grade"),
                   key=lambda node: (node.lineno, node.col_offset))
    calls = []
    for node in found:
        try:
            check = ast.literal_eval(node.args[0]) if node.args else None
            options = {keyword.arg: ast.literal_eval(keyword.value) for keyword in node.keywords}
        except ValueError:
            continue
        if isinstance(check, str) and None not in options:
            calls.append((check, {str(name): value for name, value in options.items()}))
    return calls


def take_answers(cell: NotebookNode, mark: str) -> list[str]:
    """The answer lines the kernel printed in `cell` (without `mark`), removed from its outputs."""
    answers: list[str] = []
    kept = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream" and output.get("name") == "stdout":
            lines = output.get("text", "").split("\n")
            answers += [line[len(mark):] for line in lines if line.startswith(mark)]
            output["text"] = "\n".join(line for line in lines if not line.startswith(mark))
            if not output["text"]:
                continue
        kept.append(output)
    cell["outputs"] = kept
    return answers


def judge_cell(cell: NotebookNode, folder: str | None) -> None:
    """Judge the answers `cell`'s calls handed over (judges working in `folder`, the notebook's) and write the
    verdicts into its outputs."""
    answers = take_answers(cell, isolated.REQUEST_MARK)
    if any(output.get("output_type") == "error" for output in cell.get("outputs", [])):
        return  # the cell failed in the kernel already (an answer not defined, ...): it is scored as failed
    with contextlib.chdir(folder) if folder else contextlib.nullcontext():
        for index, (check, options) in enumerate(checks_of(cell.get("source", ""))):
            verdict = _verdict(check, options, answers[index] if index < len(answers) else None)
            if verdict["passed"] is not True:
                cell["outputs"].append(_failure(isolated.explain(verdict)))
                return
            cell["outputs"].append(NotebookNode(output_type="stream", name="stdout",
                                                text=isolated.explain(verdict) + "\n"))


def _verdict(check: str, options: dict[str, Any], line: str | None) -> dict[str, Any]:
    """The verdict on the answer in `line` (None: none was handed over), judged under the source's check and
    options, never the kernel's."""
    if line is None:
        return isolated.failed_verdict(check, NEVER_ARRIVED)
    try:
        handed = json.loads(line)
    except ValueError:
        handed = None
    if isinstance(handed, dict) and isinstance(handed.get("observed"), str) and "request" not in handed:
        return isolated.failed_verdict(check, handed["observed"])  # the kernel found the answer not data: it fails
    try:
        answer = json.loads(handed["request"])["answer"]  # type: ignore[index]
        request = json.dumps({"check": check, "answer": answer,
                              "options": isolated.to_data(options, "the check's options")})
    except isolated.NotData as problem:
        return isolated.failed_verdict(check, str(problem))
    except (ValueError, KeyError, TypeError):
        return isolated.failed_verdict(check, "the answer handed over is not data the grading process can read")
    return isolated.judge_request(check, request, private=True)  # never a warm judge the kernel could stand in for


def _failure(message: str) -> NotebookNode:
    return NotebookNode(output_type="error", ename="AssertionError", evalue=message,
                        traceback=[f"\x1b[0;31mAssertionError\x1b[0m: {message}"])
