"""nbgrader configuration of the HA Lab course (this folder is the course root).

Run nbgrader from this folder: `nbgrader generate_assignment 02-corosync`,
`nbgrader autograde 02-corosync`, `nbgrader generate_feedback 02-corosync`.
See docs/instructors.md for JupyterHub (exchange, kernelspec, memory).
"""

import os
import warnings

from nbconvert.preprocessors import ClearMetadataPreprocessor
from nbgrader.preprocessors import (AssignLatePenalties, ClearOutput, DeduplicateIds, IgnorePattern, LimitOutput,
                                    OverwriteKernelspec, SaveAutoGrades)

from halab_kernel.lab_settings import kernel_encryption
from halab_kernel.nbgrader_plugins import (CheckCellMetadataOnce, ExecuteGivingTestCellsTheirJudgesTime,
                                          OverwriteCellsKnowingHiddenTests, TidyTracebacks)

c = get_config()  # type: ignore[name-defined]  # noqa: F821 - provided by traitlets when nbgrader loads this file

# nbgrader 0.9.6 on SQLAlchemy 2 warns "Object of type <SubmittedNotebook> not in session, add
# operation along ... will not proceed" for every cell of a student's first submission: its
# objects are added through their parents' cascade a moment later (the grades are complete,
# tests/course checks them). Chatter an instructor cannot act on: silenced for this course.
warnings.filterwarnings("ignore", message=r"Object of type <\w+> not in session")

c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))
c.CourseDirectory.course_id = os.environ.get("HALAB_COURSE_ID", "halab")

# Every notebook runs on the "HA Lab (Python 3)" kernel: the halab magics are preloaded
# in it. Autograde re-runs submissions with the SOURCE notebook's kernelspec, so the
# grading host needs it installed: `halab install-kernel --sys-prefix`.
c.Execute.kernel_name = "halab"
# A whole notebook grades in seconds on the simulator; the bound is for runaway student code in
# the kernel: 120 s of wall time per cell. A test cell's checks bound themselves by their judge's
# own time (halab_graders.isolated: 45 s) with a 300 s wall-clock backstop, so a test cell gets
# those backstops on top (ExecuteGivingTestCellsTheirJudgesTime, in the chain below): on a
# loaded machine the judge decides, not a wall clock.
c.Execute.timeout = 120
# After a cell's reply nbclient waits this long for its last output, then fails the whole
# submission (nbgrader raises on it): 4 s by default, which a loaded machine can exceed.
c.Execute.iopub_timeout = 60
c.Execute.startup_timeout = 60
# Once the last cell has run its outputs are in: end the kernel at once rather than ask it to shut
# down and poll until it has (0.1 s instead of 0.3-0.9 s per notebook). Grading never uses real
# nodes, so no exit handler of the course has anything to do.
c.Execute.shutdown_kernel = "immediate"
# Grading never debugs: its kernels skip importing Jupyter's debugger (debugpy, ~0.1 s of CPU per
# kernel, 13 kernels per student; halab_kernel/grading_kernel.py).
c.Execute.extra_arguments = ["--IPKernelApp.kernel_class=halab_kernel.grading_kernel.GradingKernel"]
# Kernel traffic encrypted (CurveZMQ) where jupyter_client and pyzmq can: ipykernel 7 otherwise
# warns at every start, in every graded submission's log, that its sockets are plain text.
c.merge(type(c)(kernel_encryption()))

# nbgrader 0.9.6's own preprocessor chains, with these changes (halab_kernel/nbgrader_plugins.py):
# - OverwriteCells warns "Attribute 'checksum' ... has changed!" for every test cell with hidden
#   tests, untouched or not (it saved the cell before removing them): ours warns only when a
#   student really changed a locked cell;
# - Execute gives a test cell its checks' wall-clock backstops on top of Execute.timeout;
# - TidyTracebacks: feedback shows the student's frames and the check's message, wrapped, and
#   no path of the grading host;
# - CheckCellMetadata checks its JSON schema once, not at every cell (same verdicts, ~0.25 s less a student).
c.Autograde.sanitize_preprocessors = [ClearOutput, DeduplicateIds, OverwriteKernelspec,
                                      OverwriteCellsKnowingHiddenTests, CheckCellMetadataOnce]
c.Autograde.autograde_preprocessors = [ExecuteGivingTestCellsTheirJudgesTime, IgnorePattern, ClearMetadataPreprocessor, LimitOutput,
                                       TidyTracebacks, SaveAutoGrades, AssignLatePenalties, CheckCellMetadataOnce]

# While grading, nbgrader sets NBGRADER_EXECUTION in the kernel's environment. The course
# reacts to it: open_lab() always picks the simulator (grading never touches real nodes),
# the dashboard and progress bars draw static text, Check buttons become one line.
# Widget state would still bloat graded notebooks (3.5 KB -> 5 MB); storing it must stay
# on (turning it off breaks Output widgets under nbclient), so drop it afterwards instead:
c.ClearMetadataPreprocessor.enabled = True
c.ClearMetadataPreprocessor.clear_cell_metadata = False
c.ClearMetadataPreprocessor.preserve_nb_metadata_mask = {("kernelspec",), ("language_info",)}

# Students see an explicit stub where a solution was.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# Release/collect on a shared hub: set HALAB_EXCHANGE (e.g. /srv/nbgrader/exchange).
if os.environ.get("HALAB_EXCHANGE"):
    c.Exchange.root = os.environ["HALAB_EXCHANGE"]
