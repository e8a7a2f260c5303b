"""Per-node corosync.log and pacemaker.log lines, in the real formats, from events.

A pure function of the event stream: the same events give the same lines.
The shapes are those of corosync 3.1.7 and Pacemaker 2.1.5 as captured on a
real cluster (shared/pacemaker-2.1.5/captures/*/logs/): corosync's
`Nov 26 11:43:38 [29] node1 corosync notice  [TOTEM ] ...` and Pacemaker's
`Nov 26 11:43:40.173 node1 pacemaker-controld  [59] (execute_rsc_action) \tnotice: ...`.
Only the lines that tell the story are produced (membership, quorum,
election, transitions, operations, fencing), not Pacemaker's debug chatter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Iterable, Iterator

from halab_kernel.model import (
    ActionFinished, ActionStarted, DaemonStarted, DaemonStopped, DCElected, Event, LogLine, MembershipChanged,
    NodeFenced, QuorumChanged, TokenLost, TransitionComputed,
)
from halab_kernel.sim.pacemaker.fenced import event_uuid, operation_id
from halab_kernel.values import readable_interval

EPOCH = datetime(2026, 1, 5, 9, 0, 0, tzinfo=timezone.utc)  # the simulator's time 0, as on its command outputs
PIDS = {"sbd": 27, "corosync": 29, "pacemakerd": 53, "pacemaker-based": 54, "pacemaker-fenced": 55, "pacemaker-execd": 56,
        "pacemaker-attrd": 57, "pacemaker-schedulerd": 58, "pacemaker-controld": 59}


@dataclass(frozen=True)
class LogRecord:
    time: float
    node: str
    daemon: str  # "corosync" or a Pacemaker daemon name
    level: str
    message: str
    function: str = ""  # Pacemaker's source function, shown in parentheses

    @property
    def file(self) -> str:
        """Where the line goes: corosync.log, pacemaker.log, or only the journal of its own unit (sbd)."""
        if self.daemon == "corosync" or self.daemon.startswith("pacemaker"):
            return "corosync" if self.daemon == "corosync" else "pacemaker"
        return self.daemon

    def line(self) -> str:
        moment = EPOCH + timedelta(seconds=self.time)
        if self.daemon == "corosync":
            return f"{moment:%b %d %H:%M:%S} [{PIDS['corosync']}] {self.node} corosync {self.level:<7} {self.message}"
        stamp = f"{moment:%b %d %H:%M:%S}.{moment.microsecond // 1000:03d}"
        return (f"{stamp} {self.node} {self.daemon:<20}[{PIDS.get(self.daemon, 60)}] ({self.function}) "
                f"\t{self.level}: {self.message}")

    @property
    def in_journal(self) -> bool:
        """Whether the daemon sends the line to syslog: Pacemaker's daemons only notice and above
        (PCMK_logpriority's default); corosync (syslog_priority info), sbd and the agents all they log."""
        return not self.daemon.startswith("pacemaker") or self.level not in ("info", "debug", "trace")

    def journal_message(self) -> str:
        """MESSAGE as journald keeps it: the text the daemon hands to syslog(3), in the daemon's own
        syslog format (measured: corosync 3.1.7 and pacemaker-schedulerd 2.1.5 writing to /dev/log).
        corosync `  [TOTEM ] text`; Pacemaker's daemons `%g %p: %b`, ` notice: text`; sbd
        `%g %-7p: %n: %b` (libqb's `-` pads on the left: `  notice: function: text`), a disk
        servant's lines led by its device as `%10s: `; a resource agent's ocf_log through logger,
        `ERROR: text`."""
        if self.daemon == "corosync":
            return f"  {self.message}"
        if self.daemon.startswith("pacemaker"):
            return f" {self.level}: {self.message}"
        if self.daemon == "sbd":
            servant, _, rest = self.message.partition(": ")
            if servant.startswith("/"):
                return f"{servant:>10}:  {self.level:>7}: {rest}"
            return f" {self.level:>7}: {self.message}"
        return f"{self.level}: {self.message}"

    def journal_line(self, hostname: bool = True) -> str:
        """As `journalctl` shows it in its short format (`--no-hostname` without the node): the
        identifier, its PID and the message as journald keeps it."""
        moment = EPOCH + timedelta(seconds=self.time)
        host = f" {self.node}" if hostname else ""
        return f"{moment:%b %d %H:%M:%S}{host} {self.daemon}[{PIDS.get(self.daemon, 60)}]: {self.journal_message()}"


def _ids(names: Iterable[str], node_ids: dict[str, int]) -> str:
    return " ".join(str(node_ids.get(name, 0)) for name in names)


def records(events: Iterable[Event], node_ids: dict[str, int]) -> Iterator[LogRecord]:
    """The log records each event leaves on the node where it happened."""
    for event in events:
        yield from _records_of(event, node_ids)


def _records_of(event: Event, node_ids: dict[str, int]) -> Iterator[LogRecord]:
    t, node = event.time, event.node or ""
    if isinstance(event, TokenLost):
        yield LogRecord(t, node, "corosync", "notice",
                        f"[TOTEM ] A processor failed, forming new configuration: token timed out "
                        f"({event.timeout_ms}ms), waiting {event.consensus_ms}ms for consensus.")
    elif isinstance(event, MembershipChanged):
        yield LogRecord(t, node, "corosync", "notice",
                        f"[QUORUM] Sync members[{len(event.members)}]: {_ids(event.members, node_ids)}")
        if event.joined:
            yield LogRecord(t, node, "corosync", "notice",
                            f"[QUORUM] Sync joined[{len(event.joined)}]: {_ids(event.joined, node_ids)}")
        if event.left:
            yield LogRecord(t, node, "corosync", "notice",
                            f"[QUORUM] Sync left[{len(event.left)}]: {_ids(event.left, node_ids)}")
        changes = ""
        if event.joined:
            changes += f" Members joined: {_ids(event.joined, node_ids)}"
        if event.left:
            changes += f" Members left: {_ids(event.left, node_ids)}"
        yield LogRecord(t, node, "corosync", "notice", f"[TOTEM ] A new membership ({event.ring_id}) was formed."
                        + changes)
        yield LogRecord(t, node, "corosync", "notice",
                        f"[QUORUM] Members[{len(event.members)}]: {_ids(event.members, node_ids)}")
        yield LogRecord(t, node, "corosync", "notice",
                        "[MAIN  ] Completed service synchronization, ready to provide service.")
    elif isinstance(event, QuorumChanged):
        text = ("This node is within the primary component and will provide service." if event.quorate else
                "This node is within the non-primary component and will NOT provide any services.")
        yield LogRecord(t, node, "corosync", "notice", f"[QUORUM] {text}")
    elif isinstance(event, DaemonStarted) and event.daemon == "corosync":
        yield LogRecord(t, node, "corosync", "notice", "[MAIN  ] Corosync Cluster Engine 3.1.7 starting up")
    elif isinstance(event, DaemonStarted):
        yield LogRecord(t, node, "pacemakerd", "notice", "Starting Pacemaker 2.1.5", "main")
    elif isinstance(event, DaemonStopped) and event.graceful:
        daemon = "corosync" if event.daemon == "corosync" else "pacemakerd"
        text = ("[MAIN  ] Corosync Cluster Engine exiting normally" if daemon == "corosync"
                else "Shutdown complete")
        yield LogRecord(t, node, daemon, "notice", text, "" if daemon == "corosync" else "pcmk_shutdown_worker")
    elif isinstance(event, DCElected):
        yield LogRecord(t, node, "pacemaker-controld", "notice",
                        "State transition S_ELECTION -> S_INTEGRATION | input=I_ELECTION_DC "
                        "cause=C_FSA_INTERNAL origin=do_election_check", "do_state_transition")
    elif isinstance(event, TransitionComputed):
        for summary in event.actions:
            yield LogRecord(t, node, "pacemaker-schedulerd", "notice", f"Actions: {summary}", "log_list_item")
        saved = "" if event.pe_input is None else \
            f", saving inputs in /var/lib/pacemaker/pengine/pe-input-{event.pe_input}.bz2"
        yield LogRecord(t, node, "pacemaker-schedulerd", "notice", f"Calculated transition {event.transition}{saved}",
                        "pcmk__log_transition_summary")
    elif isinstance(event, ActionStarted) and event.action == "fence":
        yield LogRecord(t, node, "pacemaker-controld", "notice",
                        f"Requesting fencing (reboot) of node {event.resource} | action=1 timeout=60000",
                        "controld_execute_fence_action")
    elif isinstance(event, ActionStarted):
        key = f"{event.resource}_{event.action}_{event.interval_ms}"
        yield LogRecord(t, event.dc or node, "pacemaker-controld", "notice",
                        f"Initiating {event.action} operation {key} on {node}", "execute_rsc_action")
    elif isinstance(event, ActionFinished):
        # log_executor_event (2.1.5): a completed operation at notice whatever its rc, a timeout as an
        # error with the timeout; the exit reason in parentheses unless the operation succeeded
        action = "probe" if event.action == "monitor" and not event.interval_ms else event.action
        after = f" after {readable_interval(event.timeout_ms)}" if event.timeout_ms else ""
        reason = f" ({event.reason})" if event.reason and (event.timeout_ms or event.rc != 0) else ""
        yield LogRecord(t, node, "pacemaker-controld", "error" if event.timeout_ms else "notice",
                        f"Result of {action} operation for {event.resource} on {node}: {event.result}{after}{reason}",
                        "log_executor_event")
    elif isinstance(event, LogLine):  # a daemon's own words (sbd), already in its format
        yield LogRecord(t, node, event.daemon, event.level, event.text, event.function)
    elif isinstance(event, NodeFenced):
        yield from _fence_result(event)


def _fence_result(event: NodeFenced) -> Iterator[LogRecord]:
    """finalize_op (fenced_remote.c) and handle_fence_notification (controld_fencing.c), 2.1.5, on the
    requester and on every peer that hears the result (capture 03: node3 logs both for node1's fencing of
    node2). fenced writes `crm_exit_str (pcmk_exec_status_str)`: a fence agent that exits 1 is exit status 1,
    execution complete ("Error occurred (complete)": services_linux.c sets PCMK_EXEC_DONE and no exit
    reason, which only OCF agents give); no capable device anywhere is PCMK_EXEC_NO_FENCE_DEVICE with no
    delegate ("by unknown node"). Only the requester's fenced logs a failure as an error. The controller
    writes the execution status alone, a completed failure turned into PCMK_EXEC_ERROR ("Error"), and
    with no executioner "the cluster"; the requesting controller's own callback (tengine_stonith_callback)
    its call's result, the exit reason or else "Agent returned error", and gives up for now without a device.
    Not simulated, so never written: a fence agent's timeout (PCMK_EXEC_TIMEOUT, "Error occurred (Timed Out:
    Fence agent did not complete within 20s)", the controller's "Timed Out (...)").
    The ids: fenced's operation (`| id=` its first 8 characters, `| event=` the whole uuid)."""
    t, node = event.time, event.node or ""
    unable = event.delegate == ""
    by = event.delegate or ("unknown node" if unable else node)
    if event.ok:
        result, status, reason = "OK (complete)", "OK", ""
    else:
        result, status, reason = ("Error occurred (No fence device)", "No fence device", "No fence device") \
            if unable else ("Error occurred (complete)", "Error", "Agent returned error")
    ids = event_ids = ""
    if event.operation:
        ids, event_ids = f" | id={operation_id(event.operation)}", f" | event={event_uuid(event.operation)}"
    for hearer in (node, *event.witnesses):
        yield LogRecord(t, hearer, "pacemaker-fenced", "error" if not event.ok and hearer == node else "notice",
                        f"Operation '{event.action}' targeting {event.target} by {by} for {event.client}@{node}: "
                        f"{result}{ids}", "finalize_op")
        if hearer == node and event.operation and event.client.startswith("pacemaker-controld"):
            # the reply to the requesting controller comes before the notifications (handle_local_reply_and_notify)
            text = f"Fence operation {event.operation} for {event.target} " + (
                "succeeded" if event.ok else
                f"failed: {reason} (aborting transition{' and giving up for now' if unable else ''})")
            yield LogRecord(t, node, "pacemaker-controld", "info" if event.ok else "warning" if unable else "notice",
                            text, "tengine_stonith_callback")
        yield LogRecord(t, hearer, "pacemaker-controld", "notice",
                        f"Peer {event.target} was{'' if event.ok else ' not'} terminated ({event.action}) by "
                        f"{'the cluster' if unable else by} on behalf of {event.client}@{node}: {status}{event_ids}",
                        "handle_fence_notification")
