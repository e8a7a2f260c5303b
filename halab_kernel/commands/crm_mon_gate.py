"""What crm_mon 2.1.5 would show of a CIB that halab's crm_mon does not reproduce, named.

crm_mon refuses (rc 69, "not simulated: ...") rather than print a text that differs from the real
one; each check here names a feature of the CIB, not a case. The lab's own CIBs never have
them (no pending operations recorded, no remote nodes, no health attributes), so this gate
matters for a CIB loaded by hand; tests/test_crm_mon_cases.py measures it on the public cases.
"""

from __future__ import annotations

from lxml import etree

from halab_kernel import values

_HEALTHY = ("green", "0")


def _pending(view: etree._Element) -> bool:
    """An operation recorded as still running (record-pending): crm_mon shows "Starting", "(Monitoring)"."""
    return any(op.get("op-status") == "-1" or op.get("call-id") == "-1"
               for op in view.iterfind("status/node_state/lrm/lrm_resources/lrm_resource/lrm_rsc_op"))


def _remote(view: etree._Element) -> bool:
    """Pacemaker Remote or guest nodes, or bundles: crm_mon lists them as RemoteOnline, GuestNode ..."""
    resources = view.find("configuration/resources")
    if resources is None:
        return False
    if resources.find(".//bundle") is not None or view.find("configuration/nodes/node[@type='remote']") is not None:
        return True
    if any(p.get("class") == "ocf" and p.get("provider") == "pacemaker" and p.get("type") == "remote"
           for p in resources.iter("primitive")):
        return True
    return any(nv.get("name") == "remote-node" for nv in resources.iterfind(".//meta_attributes/nvpair"))


def _health(view: etree._Element) -> bool:
    """A node health attribute that is not green: crm_mon marks the node "(health is RED)"."""
    for nvpair in view.iterfind("status/node_state/transient_attributes/instance_attributes/nvpair"):
        name, value = nvpair.get("name", ""), (nvpair.get("value") or "").lower()
        if name.startswith("#health") and value not in _HEALTHY and not value.isdigit():
            return True
    return False


def _unseen_without_fencing(view: etree._Element) -> bool:
    """A cluster node with no status entry while fencing is disabled: 2.1.5 lists it OFFLINE; the
    scheduler's reading (UNCLEAN) is not checked against it."""
    fencing = next((nv.get("value") for nv in view.iterfind("configuration/crm_config/cluster_property_set/nvpair")
                    if nv.get("name") == "stonith-enabled"), None)
    if values.is_true(fencing, True):
        return False
    seen = {state.get("id") for state in view.iterfind("status/node_state")}
    return any(node.get("id") not in seen and node.get("type") != "remote"
               for node in view.iterfind("configuration/nodes/node"))


CHECKS = (
    (_pending, "pending resource actions (op-status -1: Starting, Monitoring ...)"),
    (_remote, "Pacemaker Remote nodes, guest nodes and bundles"),
    (_health, "node health attributes (#health-*: health is RED/YELLOW)"),
    (_unseen_without_fencing, "a node with no status entry while stonith-enabled=false"),
)


def unmodelled_details(view: etree._Element) -> str | None:
    """The first feature of `view` crm_mon would show that halab does not reproduce (None: none)."""
    return next((what for check, what in CHECKS if check(view)), None)
