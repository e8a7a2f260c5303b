"""The HA Lab kernel as nbgrader runs it: the IPython kernel without Jupyter's debugger.

At every start ipykernel imports debugpy (~0.08 s of CPU) to offer the debugger; grading never
debugs, and one student's course starts 13 kernels. course/nbgrader_config.py starts nbgrader's
kernels with `--IPKernelApp.kernel_class=halab_kernel.grading_kernel.GradingKernel`: importing
this module, before the kernel is made, marks debugpy as absent, so ipykernel offers no debugger
and does not import it. Nothing else changes: same kernelspec, same extension, same cells.
"""

from __future__ import annotations

import sys

from ipykernel.ipkernel import IPythonKernel

sys.modules.setdefault("debugpy", None)  # type: ignore[arg-type]  # an import of it now fails: ipykernel skips it


class GradingKernel(IPythonKernel):
    """The IPython kernel; what matters is that its module was imported before it was made."""
