"""fenced's fencing history as Pacemaker 2.1.5's tools show it: crm_mon's "Failed Fencing Actions",
"Pending Fencing Actions" and "Fencing History" sections (text) and its fence_history element (XML), and
`stonith_admin --history`.

The history lives in fenced, not in the CIB: `crm_mon` on a CIB file cannot show it, so the views
differential leaves it out, and these follow 2.1.5's sources (lib/fencing/st_output.c:
stonith__history_description, the failed/pending/fencing lists; st_client.c: stonith__sort_history,
stonith__later_succeeded; crm_mon's reduce_stonith_history; lib/pacemaker/pcmk_fence.c:
pcmk__fence_history), checked against the installed 2.1.5 libraries (tests/sim/test_fence_history.py).
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Iterable

from halab_kernel import values
from halab_kernel.model import Event, NodeFenced
from halab_kernel.sim.pacemaker.fenced import PendingOperation

if TYPE_CHECKING:
    from halab_kernel.commands.on_node import ClusterOnNode


def fence_history(events: Iterable[Event], pending: Iterable[PendingOperation] = (),
                  viewer: str = "") -> list[dict[str, Any]]:
    """fenced's history as stonith__sort_history orders it: pending operations first (`pending`, as
    `viewer`'s fenced holds them), then the completed ones newest first, a failed operation without a
    completion time (an orphan failed by merge_duplicates: time 0) last. Each: action, target, origin,
    delegate (None when none is known or no device could run), client, status (success, failed,
    pending), state (fenced's op_state) and completion time (`when`, seconds since the epoch; None
    while pending; `at`, the exact time for ordering)."""
    done: list[dict[str, Any]] = [{"action": e.action, "target": e.target, "origin": e.node or "", "client": e.client,
             "status": "success" if e.ok else "failed", "state": 2 if e.ok else 4,
             "delegate": (e.node or "") if e.delegate is None else (e.delegate or None),
             "when": values.unix_time(e.time), "at": e.time}
            for e in events if isinstance(e, NodeFenced)]
    for op in pending:
        failed = op.completed is not None
        done.append({"action": op.action, "target": op.target, "origin": op.origin, "client": op.client,
                     "status": "failed" if failed else "pending", "state": op.state_on(viewer), "delegate": None,
                     "when": (values.unix_time(op.completed) if op.completed else 0) if failed else None,
                     "at": (op.completed or -1e12) if failed else None})
    waiting = [event for event in done if event["at"] is None]
    return waiting + sorted((event for event in done if event["at"] is not None), key=lambda e: -e["at"])



def node_history(sim: ClusterOnNode, node: str) -> list[dict[str, Any]]:
    """The history `node`'s fenced holds (`fence_history`): the fencings reported since the last time no fenced
    ran (it keeps them in memory only), and the operations nobody reported."""
    fenced = sim.pacemaker.fenced
    return fence_history(fenced.remembered(sim.events), fenced.history(node), node)

def later_succeeded(event: dict, history: list[dict]) -> str | None:
    """stonith__later_succeeded (2.1.5): for an entry, the delegate of a successful one for the same target
    and action completed after it, among those listed before it; the same delegate's first if it has one."""
    other = None
    for earlier in history:
        if earlier is event:
            break
        if (earlier["status"] == "success" and earlier["target"] == event["target"]
                and earlier["action"] == event["action"] and (event["at"] or 0) < earlier["at"]):
            if event["delegate"] is None or event["delegate"] == earlier["delegate"]:
                return earlier["delegate"]
            other = earlier["delegate"]
    return other


def describe(event: dict, full: bool, detail: bool, later: str | None = None) -> str:
    """stonith__history_description (2.1.5): `detail` (pcmk_show_failed_detail) the technical form, `full`
    the full history's wording; a delegate and a time only once completed."""
    action = _ACTIONS.get(event["action"], event["action"])
    state = {"success": "successful", "failed": "failed"}.get(event["status"], "pending")
    completed = event["status"] != "pending"
    delegate = event["delegate"] if completed else None
    text = f"{action} of {event['target']}"
    if detail:
        text += f" {state}: " + (f"delegate={delegate}, " if delegate else "")
        text += f"client={event['client']}, origin={event['origin']}"
        if completed:
            stamp = "completed" if full else ("last-failed" if state == "failed" else "last-successful")
            text += f", {stamp}='{_time(event['when'])}'"
    else:
        text += (f" by {delegate}" if delegate else "") + f" for {event['client']}@{event['origin']}"
        text += ("" if full else " last") + f" {state}" + (f" at {_time(event['when'])}" if completed else "")
    if state == "failed" and later is not None:
        text += f" (a later attempt from {later} succeeded)"
    return text


def fencing_sections(history: list[dict], level: int, detail: bool = False) -> list[str]:
    """crm_mon's fencing sections (cluster_status_text, 2.1.5) at --fence-history `level`: 1 (the default)
    "Failed Fencing Actions" and "Pending Fencing Actions", of the history reduced (pcmk__reduce_fence_history:
    the newest completed entry per target, action and state, and delegate for failures); 2 and 3 (alike:
    fence_history_cb sets `--include fencing` and the full history for both; the installed crm_mon reduces
    only when not every fencing section is shown) every section, each entry in the full history's wording."""
    if not level:
        return []
    full = level >= 2
    shown = history if full else _reduced(history)
    lines = []
    failed = [event for event in shown if event["status"] == "failed"]
    if failed:
        lines += ["", "Failed Fencing Actions:"]
        lines += [f"  * {describe(event, full, detail, later_succeeded(event, shown))}" for event in failed]
    if full:
        rest = [event for event in shown if event["status"] != "failed"]
        if rest:
            lines += ["", "Fencing History:"] + [f"  * {describe(event, full, detail)}" for event in rest]
    else:
        waiting = []
        for event in shown:  # stonith__pending_actions: up to the first completed entry
            if event["status"] != "pending":
                break
            waiting.append(f"  * {describe(event, full, detail)}")
        if waiting:
            lines += ["", "Pending Fencing Actions:"] + waiting
    return lines


def admin_history(history: list[dict], verbose: bool) -> str:
    """`stonith_admin --history` (pcmk__fence_history, 2.1.5): with --verbose every entry in the full
    history's technical wording; without, one: the last successful entry of the sorted list (the oldest
    success, as its loop leaves it); then the text output's "N events found"."""
    if verbose:
        lines = [describe(event, True, True, later_succeeded(event, history)) for event in history]
    else:
        successes = [event for event in history if event["status"] == "success"]
        lines = [describe(successes[-1], False, True)] if successes else []
    noun = "event" if len(lines) == 1 else "events"
    return "".join(f"{line}\n" for line in lines) + f"{len(lines)} {noun} found\n"


def xml_attributes(event: dict) -> list[tuple[str, str]]:
    """A fence_event element's attributes, in stonith_event_xml's order (2.1.5)."""
    found = [("action", event["action"]), ("target", event["target"]), ("client", event["client"]),
             ("origin", event["origin"])]
    if event["status"] == "pending":
        found += [("status", "pending"), ("extended-status", str(event["state"]))]
    else:
        found.append(("status", event["status"]))
    if event["delegate"] is not None:
        found.append(("delegate", event["delegate"]))
    if event["status"] != "pending":
        found.append(("completed", _time(event["when"])))
    return found


_ACTIONS = {"on": "unfencing", "off": "turning off"}


def _reduced(history: list[dict]) -> list[dict]:
    """reduce_stonith_history: of completed entries, only the newest per target, action and state (and,
    for failures, delegate); pending ones all."""
    seen, kept = set(), []
    for event in history:
        if event["status"] != "pending":
            key = (event["target"], event["action"], event["status"],
                   event["delegate"] if event["status"] == "failed" else None)
            if key in seen:
                continue
            seen.add(key)
        kept.append(event)
    return kept


def _time(when: int) -> str:
    return f"{datetime.fromtimestamp(when, tz=timezone.utc):%Y-%m-%d %H:%M:%S}Z"
