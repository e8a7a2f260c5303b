"""`%fault` in a notebook: its words (halab_kernel.fault_words) become a `Fault` the lab injects.

Every check happens before the lab is touched, so a refused line changes nothing.
"""

from __future__ import annotations

from typing import Any, Iterable

from IPython.core.error import UsageError

from halab_kernel import fault_words
from halab_kernel.errors import LabError
from halab_kernel.model import Fault


def inject_words(lab: Any, words: list[str]) -> Fault:
    """Inject the fault `words` describe (as typed after %fault); return it."""
    try:
        fault = fault_words.parse(words, tuple(lab.node_names))
    except LabError as error:
        raise UsageError(str(error)) from None
    lab.inject(fault)
    return fault


def check_nodes(lab: Any, names: Iterable[str]) -> None:
    known = tuple(lab.node_names)
    for name in names:
        if name not in known:
            raise UsageError(f"unknown node {name!r} (this lab has: {' '.join(known)})")
