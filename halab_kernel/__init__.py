"""halab: learn Linux high availability (Pacemaker + Corosync) in Jupyter.

`from halab_kernel import Lab` is the notebook-facing entry point. Imports are
lazy so that `import halab_kernel` stays fast in a fresh kernel, and so that the
`halab` command's way to its resident server (halab_kernel.fastpath) imports no
more than the standard library's cheapest modules: not even `typing` (5-10 ms).
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing; type checkers read it as True

__version__ = "0.1.0"
__all__ = ["Lab", "__version__"]

if TYPE_CHECKING:
    from typing import Any

    from halab_kernel.lab import Lab


def __getattr__(name: str) -> Any:
    if name == "Lab":
        from halab_kernel.lab import Lab

        return Lab
    raise AttributeError(f"module 'halab_kernel' has no attribute {name!r}")


def load_ipython_extension(ipython: Any) -> None:
    """`%load_ext halab_kernel` (and the HA Lab kernel): register the lab magics."""
    from halab_kernel.magics import load_ipython_extension as load

    load(ipython)


def unload_ipython_extension(ipython: Any) -> None:
    from halab_kernel.magics import unload_ipython_extension as unload

    unload(ipython)
