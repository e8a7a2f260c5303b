"""The course's nbgrader plug-ins: autograde output an instructor can trust and a student can read.

Both are put in place by the course's nbgrader_config.py.

**No false "checksum has changed" warnings.** The cause (nbgrader 0.9.6, upstream issue #1961): `generate_assignment` saves
each test cell in the gradebook, with its checksum, *before* it removes the
hidden tests from the student version. At autograde, `OverwriteCells`
compares the handed-in cell (hidden tests absent, as released) with that
checksum, finds them different, warns "Attribute 'checksum' for cell ... has
changed!", and puts the saved source back, which is how the hidden tests
come back to run. So every hidden-test cell of every submission, even an
untouched one, gets the warning an instructor would read as tampering.

`OverwriteCellsKnowingHiddenTests` (the course's nbgrader_config.py puts it
in place of `OverwriteCells`) restores the cells exactly as nbgrader does,
but stays quiet when the handed-in cell is the released one: the saved source
with its hidden tests removed. A test cell a student really changed still
gets the warning, and still gets its source back.

**Feedback without the grading host's paths, wrapped.** A failed check
raises inside `halab_graders`, so IPython's traceback shows a frame like
`File /srv/grader/.venv/lib/python3.11/site-packages/halab_graders/check.py:141`
(a path of the grading host, and code the student did not write) and the
check's explanation on lines too long for the feedback page, which cuts
them. `TidyTracebacks` keeps the student's own frames (`Cell In[..]`) and
the error message, drops frames of installed code, wraps the message, and
shortens any path of installed code left in printed output.

**Time limits that a busy machine cannot trip.** nbclient bounds each cell by
wall time (`Execute.timeout`), and after a cell's reply waits `iopub_timeout`
(4 s by default) for its last output, failing the whole submission's
autograde if it is late (nbgrader sets `raise_on_iopub_timeout`). A test cell's
checks bound themselves by their judge's own time, with a wall-clock backstop
(halab_graders.isolated: JUDGE_SECONDS, BACKSTOP_SECONDS);
(`ExecuteGivingTestCellsTheirJudgesTime`, in place of nbgrader's Execute)
gives a test cell its checks' backstops on top of `Execute.timeout`, so on a
loaded machine the judge, not nbclient, decides, and says so. Other cells keep
`Execute.timeout`: a student's endless loop in the kernel still stops there.

**Verdicts the kernel cannot forge.** The same Execute step runs the kernel
with `HALAB_VERDICTS_BY_GRADER=1`: a test cell's `_grade` calls only hand the
answer over as data, and after the cell has run this process judges each
answer under the check and options of the cell's own (gradebook) source and
writes the verdicts into the cell (halab_kernel/graded_cells.py). A kernel
whose `runpy`, `print` or streams were replaced hands nothing over, and the
test fails.
"""

from __future__ import annotations

import os
import re
import textwrap
import traceback
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema
from jupyter_client.manager import AsyncKernelManager
from nbformat.notebooknode import NotebookNode
from nbgrader import utils
from nbgrader.nbgraderformat import MetadataValidator, ValidationError
from nbgrader.nbgraderformat.common import BaseMetadataValidator
from nbgrader.preprocessors import CheckCellMetadata, ClearHiddenTests, Execute, NbGraderPreprocessor, OverwriteCells
from traitlets import default


class OverwriteCellsKnowingHiddenTests(OverwriteCells):
    """nbgrader's OverwriteCells, minus the warning for hidden tests removed on release."""

    def preprocess_cell(self, cell: NotebookNode, resources: Any, cell_index: int) -> tuple[NotebookNode, Any]:
        self._as_released = False
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id is not None and utils.is_locked(cell):
            self._as_released = cell.source == self._released_source(grade_id)
        return super().preprocess_cell(cell, resources, cell_index)

    def report_change(self, name: str, attr: str, old: Any, new: Any) -> None:
        if attr == "checksum" and self._as_released:
            return  # the released cell, as nbgrader itself made it: nothing was changed
        super().report_change(name, attr, old, new)

    def _released_source(self, grade_id: str) -> str | None:
        """The saved source of `grade_id` as generate_assignment released it (hidden tests removed)."""
        from nbgrader.api import MissingEntry

        try:
            saved = self.gradebook.find_source_cell(grade_id, self.notebook_id, self.assignment_id)
        except MissingEntry:
            return None
        released = NotebookNode({"cell_type": saved.cell_type, "source": saved.source, "metadata": {}})
        ClearHiddenTests(config=self.config)._remove_hidden_test_region(released)
        return released.source


class _SchemaCheckedOnce(BaseMetadataValidator):
    """nbgrader's cell-metadata check with its JSON schema checked once per process: `jsonschema.validate`, which
    nbgrader calls for every nbgrader cell, first checks the schema itself against its meta-schema (format checks
    included) and builds a validator (~1 ms a cell, ~0.25 s of CPU over one student's course). Same verdicts: the
    same validator class and the best-matching error, raised as jsonschema.validate raises it."""

    _validators: dict[int, Any] = {}

    def validate_cell(self, cell: NotebookNode) -> None:
        if "nbgrader" not in cell.metadata:
            return
        metadata = cell.metadata["nbgrader"]
        if metadata.get("schema_version", 0) != self.schema_version:
            super().validate_cell(cell)  # nbgrader's own error for an older or a newer schema
            return
        validator = self._validators.get(self.schema_version)
        if validator is None:
            kind = jsonschema.validators.validator_for(self.schema)
            kind.check_schema(self.schema)
            validator = self._validators[self.schema_version] = kind(self.schema)
        error = jsonschema.exceptions.best_match(validator.iter_errors(metadata))
        if error is not None:
            raise error


class _MetadataValidator(MetadataValidator, _SchemaCheckedOnce):  # type: ignore[misc]
    """nbgrader's MetadataValidator (grade ids, points, cell types, unique ids), its schema checked once."""


class CheckCellMetadataOnce(CheckCellMetadata):
    """nbgrader's CheckCellMetadata, with `_MetadataValidator`."""

    def preprocess(self, nb: NotebookNode, resources: Any) -> tuple[NotebookNode, Any]:
        try:
            _MetadataValidator().validate_nb(nb)
        except ValidationError:
            self.log.error(traceback.format_exc())
            message = "Notebook failed to validate; the nbgrader metadata may be corrupted."
            self.log.error(message)
            raise ValidationError(message)  # noqa: B904 - as nbgrader raises it
        return nb, resources


_ANSI = re.compile(r"\x1b\[[0-9;]*m")
WIDTH = 100  # characters: the feedback page's code column


class TidyTracebacks(NbGraderPreprocessor):
    """Error outputs: the student's frames and the wrapped message; printed paths made relative."""

    def preprocess_cell(self, cell: NotebookNode, resources: Any, cell_index: int) -> tuple[NotebookNode, Any]:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                kept = [entry for entry in output.get("traceback", []) if not _is_installed_frame(entry)]
                if kept:
                    kept[-1] = _wrap(kept[-1])
                output["traceback"] = [short_paths(entry) for entry in kept]
            elif output.get("output_type") == "stream":
                output["text"] = short_paths(output.get("text", ""))
        return cell, resources


def _is_installed_frame(entry: str) -> bool:
    """A traceback entry for code in a file (installed packages), not in a notebook cell."""
    return _ANSI.sub("", entry).lstrip().startswith("File /")


def _wrap(message: str) -> str:
    return "\n".join(textwrap.fill(line, WIDTH, subsequent_indent="    ", break_long_words=False,
                                    break_on_hyphens=False) if len(_ANSI.sub("", line)) > WIDTH else line
                     for line in message.splitlines())


@lru_cache(maxsize=1)
def _installed_roots() -> tuple[str, ...]:
    """Folders whose paths mean nothing to a student: where Python packages and this course's code live."""
    import site
    import sysconfig

    roots = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"], *site.getsitepackages(),
             str(Path(__file__).resolve().parents[1]), str(Path(__file__).resolve().parents[1] / "graders"),
             str(Path(__file__).resolve().parents[1] / "widgets")}
    return tuple(sorted((root.rstrip("/") + "/" for root in roots), key=len, reverse=True))


def short_paths(text: str) -> str:
    """`/srv/.../site-packages/halab_graders/check.py` -> `halab_graders/check.py`."""
    for root in _installed_roots():
        text = text.replace(root, "")
    return text



_CHECK_CALL = re.compile(r"\b_?grade\(")  # `_grade('corosync.detection_time', ...)`: one judged check


class ExecuteGivingTestCellsTheirJudgesTime(Execute):
    """nbgrader's Execute, with a test cell given the wall-clock backstops of its checks on top of `timeout`.

    A test cell (restored from the gradebook before it runs, so a student cannot change it) runs checks whose
    judges are stopped by their own time long before their backstop, and at the backstop however busy the machine
    (a verdict saying so): on a loaded machine the judge decides, not nbclient's wall clock. Every other cell keeps
    `timeout` (an instructor's `--Execute.timeout=N` included): a student's endless loop in the kernel stops there.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("kernel_manager_class", KernelsForkedFromAZygote)
        super().__init__(*args, **kwargs)

    @default("timeout_func")
    def _judges_time(self) -> Any:
        return self.cell_timeout

    def preprocess(self, nb: NotebookNode, resources: Any = None, km: Any = None) -> tuple[NotebookNode, Any]:
        """Execute the notebook in a kernel whose test cells hand their answers over (graded_cells)."""
        from halab_graders.isolated import VERDICTS_BY_GRADER

        previous = os.environ.get(VERDICTS_BY_GRADER)
        os.environ[VERDICTS_BY_GRADER] = "1"  # the kernel inherits it
        try:
            return super().preprocess(nb, resources, km)
        finally:
            if previous is None:
                del os.environ[VERDICTS_BY_GRADER]
            else:
                os.environ[VERDICTS_BY_GRADER] = previous

    def preprocess_cell(self, cell: NotebookNode, resources: Any, index: int) -> tuple[NotebookNode, Any]:
        cell, resources = super().preprocess_cell(cell, resources, index)
        if _is_test_cell(cell):
            from halab_kernel.graded_cells import judge_cell

            judge_cell(cell, (self.resources or {}).get("metadata", {}).get("path") or None)
        return cell, resources

    def cell_timeout(self, cell: NotebookNode) -> int | None:
        if not self.timeout or self.timeout < 0:
            return None  # no limit configured: none added
        from halab_graders.isolated import BACKSTOP_SECONDS, SERVER_GRACE_SECONDS

        checks = len(_CHECK_CALL.findall(cell.get("source", ""))) if _is_test_cell(cell) else 0
        return int(self.timeout + checks * (BACKSTOP_SECONDS + SERVER_GRACE_SECONDS))


class KernelsForkedFromAZygote(AsyncKernelManager):
    """jupyter_client's kernel manager, with each grading kernel forked from this process's zygote
    (halab_kernel/kernel_zygote.py: ipykernel, IPython and the course's magics imported once) instead of started
    afresh; started as usual where the zygote declines."""

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: Any) -> None:
        from jupyter_client.provisioning import LocalProvisioner

        from halab_kernel.kernel_zygote import fork_kernel

        provisioner = self.provisioner
        forked = None
        if isinstance(provisioner, LocalProvisioner) and not kw.get("independent"):
            cwd = os.path.abspath(kw.get("cwd") or os.getcwd())
            forked = fork_kernel(kernel_cmd, dict(kw.get("env") or os.environ), cwd)
        if forked is None or not isinstance(provisioner, LocalProvisioner):
            return await super()._async_launch_kernel(kernel_cmd, **kw)
        provisioner.process = forked  # type: ignore[assignment]
        provisioner.pid = provisioner.pgid = forked.pid  # its own session: signals go to its group
        provisioner.cwd = cwd
        self._reconcile_connection_info(provisioner.connection_info)
        return None


def _is_test_cell(cell: NotebookNode) -> bool:
    nbgrader = cell.get("metadata", {}).get("nbgrader", {})
    return bool(nbgrader.get("grade") and not nbgrader.get("solution"))
