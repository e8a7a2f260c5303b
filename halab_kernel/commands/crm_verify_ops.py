"""What crm_verify's scheduler says of a resource's configured operations (Pacemaker 2.1.5): when it
creates each resource instance's recurring actions -- once, twice for an instance of a promotable
clone; whatever the op's role and wherever (if anywhere) the instance is placed; not at all in
maintenance (the resource's or the cluster's) nor when it is blocked (a failure with on-fail=block,
a revoked ticket with loss-policy=freeze) -- every `op` with an interval is looked at in
configuration order:

- an action that cannot recur (start, stop, promote, demote, reload-agent, migrate_to/from):
  "Ignoring OP because NAME action cannot be recurring";
- otherwise, when another op of the resource has the same name (as written) and interval (as
  milliseconds: `40s` = `40000ms` = `P40S`): "Operation SECOND is duplicate of FIRST (...)",
  the second and first such op in the configuration (is_op_dup).

What it does not model is named: on-fail values it would reset (`unpack_operation_on_fail`, once
per action it creates: stop or standby for a stop, fence without fencing, values other schemas
allow), an op role it cannot read.
"""

from __future__ import annotations

from lxml import etree

from halab_kernel import values
from halab_kernel.commands.crm_verify_resources import ROLES, Report, Unpacked

CANNOT_RECUR = ("stop", "start", "demote", "promote", "reload-agent", "migrate_to", "migrate_from")
# on-fail values no action resets (unpack_operation_on_fail); others are not modelled
_PLAIN_ON_FAIL = ("block", "ignore", "restart", "stop", "standby", "fence", "restart-container")
_PLAIN_ON_FAIL_STOP = ("block", "fence", "ignore", "restart", "restart-container")


def _ops(rsc: Unpacked) -> list[etree._Element]:
    return [op for op in rsc.element.iterfind("operations/op") if op.get("id")]


def unmodelled(rsc: Unpacked, fencing: bool) -> str | None:
    """What, in this resource's operations, the checks do not model, or None."""
    for op in _ops(rsc):
        role = op.get("role")
        if role is not None and role.lower() not in ROLES:
            return f"an operation role it cannot read ({op.get('id')}: role={role})"
        on_fail = (op.get("on-fail") or "").lower()
        allowed = _PLAIN_ON_FAIL_STOP if op.get("name") == "stop" else _PLAIN_ON_FAIL
        if on_fail and (on_fail not in allowed or on_fail == "fence" and not fencing):
            return f"on-fail={op.get('on-fail')} for a {op.get('name')} operation ({op.get('id')})"
    return None


def said(rsc: Unpacked) -> list[tuple[str, str]]:
    """(function, message) for each op one look at this resource's recurring operations finds wrong."""
    ops = _ops(rsc)
    found = []
    for op in ops:
        interval = values.interval_ms(op.get("interval"))
        if not interval:
            continue
        name = op.get("name") or ""
        if name in CANNOT_RECUR:
            found.append(("is_recurring_history", f"Ignoring {op.get('id')} because {name} action cannot be "
                                                   "recurring"))
            continue
        same = [other.get("id") for other in ops
                if other.get("name") == name and values.interval_ms(other.get("interval")) == interval]
        if len(same) > 1:
            found.append(("is_op_dup", f"Operation {same[1]} is duplicate of {same[0]} (do not use same name "
                                       "and interval combination more than once per resource)"))
    return found


def role_split(rsc: Unpacked) -> bool:
    """Whether every op a look finds wrong is a duplicate within a Promoted/Unpromoted pair (one op
    per role): the only case of an active promotable instance the checks model (2.1.5 looks at
    others more often)."""
    ops = _ops(rsc)
    for op in ops:
        interval = values.interval_ms(op.get("interval"))
        if not interval:
            continue
        if op.get("name") in CANNOT_RECUR:
            return False
        same = [other for other in ops
                if other.get("name") == op.get("name") and values.interval_ms(other.get("interval")) == interval]
        roles = sorted(_ROLE_NAMES.get((other.get("role") or "").lower(), "") for other in same)
        if len(same) > 1 and roles != ["Promoted", "Unpromoted"]:
            return False
    return True


_ROLE_NAMES = {"promoted": "Promoted", "master": "Promoted", "unpromoted": "Unpromoted", "slave": "Unpromoted"}


def recurring(rsc: Unpacked, maintenance: bool, report: Report) -> None:
    """What creating this instance's recurring actions says (see the module's docstring)."""
    if rsc.element.tag != "primitive" or maintenance or values.is_true(rsc.meta.get("maintenance"), False):
        return
    for _ in range(2 if rsc.promotable else 1):
        for function, message in said(rsc):
            report(function, message)
