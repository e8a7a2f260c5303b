"""crm_mon's fencing history (Pacemaker 2.1.5): fenced's record of every fencing the cluster asked
for, its "Failed Fencing Actions" section (text) and its fence_history element (XML).

The history lives in fenced, not in the CIB: `crm_mon` on a CIB file cannot show it, so the views
differential leaves it out and these follow 2.1.5's sources (crm_mon's reduce_stonith_history,
stonith__history_description).
"""

from __future__ import annotations

from datetime import datetime, timezone

from halab_kernel import values
from halab_kernel.model import NodeFenced


def fence_history(events) -> list[dict]:
    """fenced's history, newest first (stonith__sort_history): action, target, origin, delegate (None
    when no device could run), status and completion time of every fencing the cluster asked for."""
    return [{"action": e.action, "target": e.target, "origin": e.node or "", "status": "success" if e.ok else "failed",
             "delegate": (e.node or "") if e.delegate is None else (e.delegate or None),
             "when": values.unix_time(e.time), "client": e.client}
            for e in reversed(list(events)) if isinstance(e, NodeFenced)]


def failed_fencing_actions(history: list[dict], detail: bool = False, full: bool = False) -> list[str]:
    """crm_mon's "Failed Fencing Actions": the latest failure per target, action and delegate
    (crm_mon's reduce_stonith_history), worded as 2.1.5's stonith__history_description: "reboot of
    node3 for pacemaker-controld.59@node1 last failed at ..." (-R: "failed: delegate=..., client=...,
    origin=..., last-failed='...'"); no delegate when no fencer could run a device. `full`
    (--fence-history=3, as `pcs status --full` asks): every failure, each "completed"."""
    lines, seen = [], set()
    for event in history:
        key = (event["target"], event["action"], event["delegate"])
        if event["status"] != "failed" or (key in seen and not full):
            continue
        seen.add(key)
        action = _ACTIONS.get(event["action"], event["action"])
        text = _description(event, action, "failed", detail, full)
        later = next((e for e in history if e["status"] == "success" and e["target"] == event["target"]
                      and e["action"] == event["action"] and e["when"] >= event["when"]), None)
        if later is not None:
            text += f" (a later attempt from {later['delegate'] or later['origin']} succeeded)"
        lines.append(f"  * {text}")
    return lines


def fencing_history(history: list[dict], detail: bool = False) -> list[str]:
    """crm_mon --fence-history=3's "Fencing History": every fencing that did not fail, newest first
    (stonith__history with the full history's wording)."""
    return [f"  * {_description(event, _ACTIONS.get(event['action'], event['action']), 'successful', detail, True)}"
            for event in history if event["status"] != "failed"]


_ACTIONS = {"on": "unfencing", "off": "turning off"}


def _description(event: dict, action: str, state: str, detail: bool, full: bool) -> str:
    """stonith__history_description (2.1.5): `detail` (-R) the technical form, `full` the full history's."""
    delegate, client = event["delegate"], event["client"]
    when = f"{datetime.fromtimestamp(event['when'], tz=timezone.utc):%Y-%m-%d %H:%M:%S}Z"
    if detail:
        stamp = "completed" if full else ("last-failed" if state == "failed" else "last-successful")
        return (f"{action} of {event['target']} {state}: " + (f"delegate={delegate}, " if delegate else "")
                + f"client={client}, origin={event['origin']}, {stamp}='{when}'")
    return (f"{action} of {event['target']}" + (f" by {delegate}" if delegate else "")
            + f" for {client}@{event['origin']}" + ("" if full else " last") + f" {state} at {when}")
