"""What running a command gives back, in a module of its own: the command line's tools import it
without the events vocabulary of model.py (about 20 ms of dataclasses at a cold start)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CommandResult:
    """What running a command on a node gives back: as a shell would."""

    stdout: str = ""
    stderr: str = ""
    rc: int = 0

    @property
    def ok(self) -> bool:
        return self.rc == 0

    @property
    def output(self) -> str:
        """stdout then stderr, as a terminal would interleave them for short outputs."""
        return self.stdout + self.stderr
