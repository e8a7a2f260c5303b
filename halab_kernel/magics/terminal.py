"""Printing like a terminal, and refusing like a good teacher: the magics' shared manners.

A command's stdout and stderr are printed as they came, then its exit code
when it is not 0. A magic's mistakes become one line (IPython's UsageError,
or "error: ..." for the lab's own refusals), never a traceback.
"""

from __future__ import annotations

import functools
import sys
from typing import Any, Callable, Iterable

from IPython.core.error import UsageError

from halab_kernel.model import CommandResult, LogLine
from halab_kernel.values import duration_seconds


def parse_duration(text: str) -> float:
    """'30s', '2m', '500ms', '1h', '1.5' (seconds) -> seconds (halab_kernel.values); UsageError otherwise."""
    try:
        return duration_seconds(text.strip())
    except ValueError as error:
        raise UsageError(f"bad duration {text!r}: {error}") from None


def show(result: CommandResult) -> None:
    """Print a command's output as a terminal would, and its exit code when not 0."""
    if result.stdout:
        sys.stdout.write(result.stdout if result.stdout.endswith("\n") else result.stdout + "\n")
        sys.stdout.flush()
    if result.stderr:
        sys.stderr.write(result.stderr if result.stderr.endswith("\n") else result.stderr + "\n")
    if result.rc != 0:
        sys.stderr.write(f"(exit code {result.rc})\n")
    sys.stderr.flush()


def print_error(message: str) -> None:
    sys.stderr.write(message.rstrip() + "\n")
    sys.stderr.flush()


def friendly(magic: Callable[..., Any]) -> Callable[..., Any]:
    """Turn the lab's refusals into one line on stderr; keep UsageError for IPython to print."""

    @functools.wraps(magic)
    def wrapper(self: Any, *args: Any) -> Any:
        try:
            return magic(self, *args)
        except UsageError:
            raise
        except HelpShown:
            return None
        except Exception as error:  # noqa: BLE001 - a magic must never leave a traceback on screen
            print_error(error_line(error))
        return None

    return wrapper


def is_refusal(error: BaseException) -> bool:
    """Whether `error` is the lab refusing something (worth one line), not a bug in halab.

    LabError is a ValueError, a missing resource a KeyError, SSH trouble an
    OSError, and every exception class halab defines speaks to students.
    """
    return isinstance(error, (ValueError, KeyError, OSError)) or type(error).__module__.startswith("halab_kernel.")


def error_line(error: BaseException) -> str:
    """The one line a student sees for `error`."""
    if is_refusal(error):
        message = error.args[0] if isinstance(error, KeyError) and error.args else error
        return f"error: {message}"
    return f"halab: internal error ({type(error).__name__}: {error}); please report it"


def command_lines(cell: str) -> list[str]:
    """Lines of a cell that are commands: not blank, not shell comments."""
    return [line.strip() for line in cell.splitlines() if line.strip() and not line.strip().startswith("#")]


def lab_status(lab: Any, node: str) -> str:
    """`%lab status`: the kind of lab, its time, and each node's state, quorum and DC role."""
    state = lab.state()
    lines = [f"{getattr(lab, 'kind', '?')} lab, t={lab.now:.3f} s, commands run on {node}"]
    for each in state.nodes:
        partition = state.partition_of(each.name)
        quorum = "" if partition is None else (" quorate" if partition.quorate else " NOT quorate")
        dc = " (DC)" if state.dc == each.name else ""
        lines.append(f"  {each.name:<10} {each.status:<12}{quorum}{dc}")
    if state.resources:
        lines.append(f"  {len(state.resources)} resource(s)")
    return "\n".join(lines)


def summarise(events: Iterable[Any], now: float, limit: int = 25) -> str:
    """What `%advance` prints: the interval's events without the log lines, at most `limit`."""
    notable = [event for event in events if not isinstance(event, LogLine)]
    lines = [f"t={now:.3f} s, {len(notable)} event(s)"]
    lines += [f"  {event.time:10.3f}  {event.node or '-':<8} {event.message}" for event in notable[:limit]]
    if len(notable) > limit:
        lines.append(f"  ... and {len(notable) - limit} more (all of them: lab.events_frame())")
    return "\n".join(lines)


class HelpShown(Exception):
    """`-h` printed the help: nothing else to do."""
