"""A cache of what was used lately: values not asked for since the last rotation but one are dropped.

The parse keeps each operation history per text, the scheduler what it derives from a history: a
running cluster's histories change all the time, and a cache that only grows (or is cleared when
full) keeps thousands of dead ones, which every full pass of the garbage collector walks again
(issue 18: 60,000 objects more after a 500-resource hour). Here the user says how many entries its
next batch reads (`begin`); once the new generation holds more than that (and a margin), it becomes
the old generation and the old one goes. An old entry read again
moves back into the new generation.
"""

from __future__ import annotations

from typing import Generic, Hashable, Optional, TypeVar

V = TypeVar("V")

MARGIN = 1000


class RecentCache(Generic[V]):
    """Key -> value, keeping what was read in the last two generations."""

    def __init__(self) -> None:
        self._new: dict[Hashable, V] = {}
        self._old: dict[Hashable, V] = {}

    def begin(self, count: int) -> None:
        """A batch reading about `count` entries starts: rotate if the new generation outgrew it."""
        if len(self._new) > count + MARGIN:
            self._old, self._new = self._new, {}

    def get(self, key: Hashable) -> Optional[V]:
        found = self._new.get(key)
        if found is None:
            found = self._old.pop(key, None)
            if found is not None:
                self._new[key] = found
        return found

    def put(self, key: Hashable, value: V) -> V:
        self._new[key] = value
        return value

    def __len__(self) -> int:
        return len(self._new) + len(self._old)
