"""How crm_simulate's simulated results read back into its revised status.

crm_simulate records each simulated action in the node's history as the controller would
(pcmk__create_history_xml): a successful stop as the entry `RSC_last_0`, with a call id above the
others and a transition key of its own (transition -1 of FAKE_TE_ID). Only that entry is replaced.
"""

from __future__ import annotations

from typing import Optional

from .working import Rsc, WorkingSet

FAKE_TE_ID = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"   # the controller uuid of crm_simulate's records


def pending_start_outlives_stop(ws: WorkingSet, rsc: Rsc, node: str) -> bool:
    """A start still pending (call-id -1) on `node` under another id than `RSC_last_0` - an old
    controller's `RSC_start_0` - survives the simulated stop, and pe__is_newer_op orders it after
    the stop (the transition keys name different controllers), so the resource is still shown
    started there (764). Plain resources only: clone instances are refused (unmodelled.py)."""
    if rsc.clone_parent() is not None:
        return False
    history = ws.histories.get(node, {}).get(rsc.id)
    if history is None:
        return False
    return any(record.operation == "start" and record.call_id == -1 and record.id != f"{rsc.id}_last_0"
               and _newer_than_injected(record.transition_key) for record in history.operations)


def _newer_than_injected(key: Optional[str]) -> bool:
    """pe__is_newer_op of a pending record against crm_simulate's own (transition -1 of
    FAKE_TE_ID): by another controller it is newer; by crm_simulate itself only if it was
    recorded in transition -1 too (735's pending starts, from transitions 8 and 9, are older)."""
    parts = (key or "").split(":")
    if len(parts) < 4:
        return False
    return parts[3] != FAKE_TE_ID or parts[1] == "-1"
