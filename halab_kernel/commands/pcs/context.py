"""What a pcs handler works with: a private copy of the CIB and a reporter.

The shape is pcs's own: every handler is `(lib, argv, modifiers)`. Here `lib`
is a `PcsLib`: it holds a working copy of the CIB that the handler may change
freely; the caller keeps the copy only if the handler returns normally.
"""

from __future__ import annotations

from copy import deepcopy
from dataclasses import dataclass, field
from datetime import datetime
from typing import Callable, Mapping

from lxml import etree

from halab_kernel.commands.pcs.errors import PcsError, Reporter, unable_to_update
from halab_kernel.commands.pcs.options import Modifiers

Handler = Callable[["PcsLib", list[str], Modifiers], None]


@dataclass
class PcsLib:
    """The CIB being edited, the reporter, and the files a command may read or write."""

    cib_root: etree._Element | None
    reporter: Reporter
    files: Mapping[str, str] = field(default_factory=dict)
    offline: bool = True  # `-f FILE`: no live cluster behind the CIB
    corosync_conf: str | None = None  # text of corosync.conf, for `pcs config`
    sbd_enabled: bool = False  # SBD configured on the nodes (a live simulated cluster can have it)
    now: datetime | None = None  # "now" for rule lifetimes and expiry: the simulator's clock or the wall clock
    changed: bool = False
    pushed: etree._Element | None = None  # what a command that pushes step by step has pushed so far
    written_files: dict[str, str] = field(default_factory=dict)

    @property
    def cib(self) -> etree._Element:
        """The working CIB; a command that needs one fails like pcs without it."""
        if self.cib_root is None:
            raise PcsError("Error: unable to get cib")
        return self.cib_root

    def mark_changed(self) -> None:
        self.changed = True

    def push_step(self) -> None:
        """One of several pushes of a legacy pcs command (each a cibadmin --replace, validated by the
        schema): if a later step fails, this step's CIB is kept, as on the real cluster."""
        from halab_kernel.commands.cib_schema import schema_problem

        if self.cib.tag == "cib" and schema_problem(self.cib) is not None:
            raise unable_to_update(library=False)
        self.pushed = deepcopy(self.cib)

    def replace_cib(self, root: etree._Element) -> None:
        self.cib_root = root
        self.changed = True
