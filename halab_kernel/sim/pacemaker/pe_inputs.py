"""The scheduler inputs a DC saves, as pacemaker-schedulerd keeps them in /var/lib/pacemaker/pengine.

Every transition the DC computes leaves its input (the CIB the scheduler read, with the moment it
read it as `execution-date`) in `pe-input-N.bz2` on the DC's own disk, and the log says so ("Calculated
transition T, saving inputs in .../pe-input-N.bz2"). `crm_simulate -x FILE -S` replays one: the same
input gives the same transition. The series is bounded by the cluster option `pe-input-series-max`
(default 4000; 0 saves none; a negative value, no bound): once N reaches it, numbering starts again at
0 and overwrites the oldest (lib/pacemaker/pcmk_sched_messages.c, pcmk__write_series_sequence); the
next number is kept in `pe-input.last`. The files live on, as on a real disk, across crashes and reboots.

Pure data: the store holds compressed text per node; making `.bz2` bytes (for export) is computation,
and writing them anywhere is the caller's business.
"""

from __future__ import annotations

import bz2
import zlib
from dataclasses import dataclass

PENGINE_DIR = "/var/lib/pacemaker/pengine"
SERIES = "pe-input"
DEFAULT_SERIES_MAX = 4000


@dataclass(frozen=True)
class SavedInput:
    """One saved scheduler input: its file number, the transition it produced, when, and its text."""

    number: int
    transition: int
    time: float
    packed: bytes  # the XML, zlib-compressed (cheap to keep; bz2 only when a file is exported)

    @property
    def name(self) -> str:
        return f"{SERIES}-{self.number}.bz2"

    @property
    def path(self) -> str:
        return f"{PENGINE_DIR}/{self.name}"

    def xml(self) -> str:
        return zlib.decompress(self.packed).decode()

    def file_bytes(self) -> bytes:
        """The file as it sits on a real node: the XML, bzip2-compressed (what real crm_simulate -x reads)."""
        return bz2.compress(zlib.decompress(self.packed))


def series_max(value: str | None) -> int:
    """pe-input-series-max as schedulerd reads it: an integer (default 4000), negative for no bound."""
    try:
        return int(value) if value is not None else DEFAULT_SERIES_MAX
    except ValueError:
        return DEFAULT_SERIES_MAX


class PeInputStore:
    """Each node's /var/lib/pacemaker/pengine: the saved inputs by file number, and the next number."""

    def __init__(self) -> None:
        self._saved: dict[str, dict[int, SavedInput]] = {}
        self._next: dict[str, int] = {}

    def save(self, node: str, transition: int, time: float, xml: str, limit: int) -> SavedInput | None:
        """Keep the input of `transition`, computed on `node`; None when pe-input-series-max is 0."""
        if limit == 0:
            return None
        number = self._next.get(node, 0)
        if limit > 0 and number >= limit:
            number = 0
        saved = SavedInput(number, transition, time, zlib.compress(xml.encode(), 1))
        self._saved.setdefault(node, {})[number] = saved
        self._next[node] = number + 1
        return saved

    def remove_inputs(self, node: str) -> None:
        """`pcs cluster destroy` on `node` removes `pe*.bz2` (pcs/cluster.py cluster_destroy); `pe-input.last` stays."""
        self._saved.pop(node, None)

    def saved(self, node: str) -> list[SavedInput]:
        """The node's saved inputs, by file number."""
        return [self._saved[node][n] for n in sorted(self._saved.get(node, {}))]

    def find(self, node: str, path: str) -> SavedInput | None:
        """The saved input at `path` on `node` (an absolute path, as `crm_simulate -x` names it)."""
        folder, _, name = path.rpartition("/")
        if folder.rstrip("/") != PENGINE_DIR or not name.startswith(f"{SERIES}-") or not name.endswith(".bz2"):
            return None
        number = name[len(SERIES) + 1:-len(".bz2")]
        if not number.isdigit():
            return None
        return self._saved.get(node, {}).get(int(number))

    def listing(self, node: str) -> list[str]:
        """The directory's file names: the inputs and, once one was saved, `pe-input.last`."""
        names = [saved.name for saved in self.saved(node)]
        return names + [f"{SERIES}.last"] if node in self._next else names

    def last_text(self, node: str) -> str | None:
        """`pe-input.last`: the number the next input will get."""
        return f"{self._next[node]}\n" if node in self._next else None
