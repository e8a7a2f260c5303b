"""How pcs talks back: reports collected during a command, rendered like pcs does.

pcs separates the logic (which produces typed reports) from the text the
user reads. We keep that shape: validation code adds `Report`s to a
`Reporter`; `Reporter.stop_if_errors()` ends the command the way pcs's
library commands do ("Error: ..." lines, then "Error: Errors have occurred,
therefore pcs is unable to continue"). Older pcs commands end with a single
`Error:` line: they raise `PcsError` directly. Nothing is written to the
CIB until a handler returns normally, which gives all-or-nothing for free.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ERROR = "error"
WARNING = "warning"
DEPRECATION = "deprecation"
INFO = "info"

UNABLE_TO_CONTINUE = "Error: Errors have occurred, therefore pcs is unable to continue"


@dataclass(frozen=True)
class Report:
    """One message of pcs: an error may be overridable with --force."""

    severity: str
    message: str
    forceable: bool = False


class PcsError(Exception):
    """Stop the command: `lines` go to stderr (already prefixed), rc 1."""

    def __init__(self, *lines: str, rc: int = 1) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines
        self.rc = rc


class UsageError(Exception):
    """Bad command-line shape: pcs prints the usage of the command group (rc 1)."""

    def __init__(self, message: str | None = None, hint: str | None = None, show_both: bool = False) -> None:
        super().__init__(message or "")
        self.message = message
        self.hint = hint  # printed as "Hint: ..." after the message, before the usage
        self.show_both = show_both  # the usage is printed after a message too
        self.command: str | None = None  # the command whose usage applies, set by the router


SCHEMA_REFUSED = "Call failed: Update does not conform to the configured schema"


def unable_to_update(library: bool) -> PcsError:
    """cibadmin refused the CIB pcs pushed (the schema). pcs's legacy commands print cibadmin's output after
    "Unable to update cib" (utils.err: its line break, then pcs's: a blank line); its library commands
    (CibPushError) cibadmin's stderr, a line break and its empty stdout: two blank lines. On a CIB file,
    cibadmin's stderr starts with the refused CIB, its lines numbered; that dump is not reproduced."""
    return PcsError("Error: Unable to update cib", SCHEMA_REFUSED, "", *([""] if library else []))


def error_line(message: str) -> str:
    return f"Error: {message}"


@dataclass
class Reporter:
    """Collects what a command says on stdout and stderr, in order."""

    force: bool = False
    stdout: list[str] = field(default_factory=list)
    stderr: list[str] = field(default_factory=list)
    _errors: int = 0

    def out(self, line: str) -> None:
        self.stdout.append(line)

    def err(self, line: str) -> None:
        self.stderr.append(line)

    def warning(self, message: str) -> None:
        self.stderr.append(f"Warning: {message}")

    def deprecation(self, message: str) -> None:
        self.stderr.append(f"Deprecation Warning: {message}")

    def error(self, message: str, forceable: bool = False) -> None:
        """An error; with --force a forceable one becomes a warning."""
        if forceable and self.force:
            self.warning(message)
            return
        suffix = ", use --force to override" if forceable else ""
        self.stderr.append(f"Error: {message}{suffix}")
        self._errors += 1

    @property
    def has_errors(self) -> bool:
        return self._errors > 0

    def stop_if_errors(self) -> None:
        """End a library-style command whose validation found errors."""
        if self._errors:
            raise PcsError(UNABLE_TO_CONTINUE)

    def stop_if_errors_plain(self) -> None:
        """End an older-style command: its Error lines are all it prints."""
        if self._errors:
            raise PcsError()
