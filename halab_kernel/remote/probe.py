"""What one node is asked for a snapshot, in ONE SSH command, and how its answer is split.

A snapshot needs four tools per node. Four SSH round trips per node would
cost four channel openings; instead one small shell script runs the tools
one after the other on the node and prints each output under a marker line
`@@halab <section> <exit status>`. The script is fixed text: the only values
put into it are integers (log offsets), constant paths and the journal cursor
the node itself printed (quoted), so nothing a user typed ever reaches this shell.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field
from typing import Mapping

MARKER = "\n@@halab "

TOOLS: dict[str, str] = {
    "crm_mon": "crm_mon -1 --output-as=xml",
    "cib": "cibadmin -Q",
    "quorum": "corosync-quorumtool -s",  # fails when corosync is not running
    "links": "corosync-cfgtool -s",
}

LOG_FILES: dict[str, str] = {
    "pacemaker": "/var/log/pacemaker/pacemaker.log",
    "corosync": "/var/log/corosync/corosync.log",
}
LOG_CHUNK = 262144  # bytes of new log read per file per snapshot, at most


@dataclass(frozen=True)
class Probe:
    """One node's raw answer: section name -> (exit status, text)."""

    sections: Mapping[str, tuple[int, str]] = field(default_factory=dict)

    def ok(self, name: str) -> str | None:
        """The section's text if its tool succeeded (quorumtool's 2 = inquorate is a success)."""
        rc, text = self.sections.get(name, (127, ""))
        allowed = (0, 2) if name == "quorum" else (0,)
        return text if rc in allowed and text.strip() else None


def script(log_offsets: Mapping[str, int | None] | None = None, journal_cursor: str | None = None) -> str:
    """The shell script to run on a node; with `log_offsets`, also the new lines of each log.

    An offset of None asks only for the log's current size (where to start next time).
    A node without these log files but with journald is read from the journal
    instead, after `journal_cursor` (a cursor the node itself printed, quoted).
    """
    lines = ["export LC_ALL=C"]
    for name, command in TOOLS.items():
        # sequential on purpose: measured faster than concurrent tools on a busy 2-core machine
        lines.append(f"out=$({command} 2>/dev/null); printf '\\n@@halab {name} %s\\n%s' $? \"$out\"")
    for name, offset in (log_offsets or {}).items():
        path = shlex.quote(LOG_FILES[name])
        start = 0 if offset is None else int(offset)
        tail = "" if offset is None else f"; tail -c +{start + 1} {path} | head -c {LOG_CHUNK}"
        lines.append(f"if [ -r {path} ]; then printf '\\n@@halab log-{name} %s\\n' \"$(stat -c %s {path})\"{tail}; fi")
    if log_offsets is not None:
        readable = " && ".join(f"[ ! -r {shlex.quote(path)} ]" for path in LOG_FILES.values())
        since = f"--after-cursor={shlex.quote(journal_cursor)}" if journal_cursor else "-n 0"
        lines.append(f"if {readable} && command -v journalctl >/dev/null 2>&1; then printf '\\n@@halab log-journal 0\\n'; "
                     f"journalctl -u corosync -u pacemaker -p notice -o short-precise --no-pager --show-cursor {since}; fi")
    return "\n".join(lines) + "\n"


def split(output: str) -> Probe:
    """Cut the script's output back into its sections."""
    sections: dict[str, tuple[int, str]] = {}
    for chunk in ("\n" + output).split(MARKER)[1:]:
        header, _, body = chunk.partition("\n")
        name, _, status = header.partition(" ")
        try:
            rc = int(status.strip())
        except ValueError:
            rc = 127
        sections[name] = (rc, body)
    return Probe(sections)
