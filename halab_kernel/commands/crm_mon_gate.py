"""What crm_mon 2.1.5 would show of a CIB that halab's crm_mon does not reproduce, named.

crm_mon refuses (rc 69, "not simulated: ...") rather than print a text that differs from the real
one; each check here names a feature of the CIB, not a case. The lab's own CIBs never have
them (no pending operations recorded, no remote nodes), so this gate matters for a CIB loaded by
hand; tests/test_crm_mon_cases.py and tests/test_crm_mon_text_edits.py measure it on the public cases.
A node with no status entry while fencing is disabled is read as 2.1.5 does (no longer refused).
"""

from __future__ import annotations

from lxml import etree

from halab_kernel import values


def _pending(view: etree._Element) -> bool:
    """An operation recorded as still running (record-pending): crm_mon shows "Starting", "(Monitoring)" (the
    text and XML show it outside clones, crm_mon_xml.pending_tasks; pcs's resource listing refuses it)."""
    return any(op.get("op-status") == "-1" or op.get("call-id") == "-1"
               for op in view.iterfind("status/node_state/lrm/lrm_resources/lrm_resource/lrm_rsc_op"))


def _remote(view: etree._Element) -> bool:
    """Pacemaker Remote or guest nodes, or bundles: crm_mon lists them as RemoteOnline, GuestNode ..."""
    if view.find("status/node_state[@remote_node='true']") is not None:   # an orphaned remote connection too
        return True
    resources = view.find("configuration/resources")
    if resources is None:
        return False
    if resources.find(".//bundle") is not None or view.find("configuration/nodes/node[@type='remote']") is not None:
        return True
    if any(p.get("class") == "ocf" and p.get("provider") == "pacemaker" and p.get("type") == "remote"
           for p in resources.iter("primitive")):
        return True
    return any(nv.get("name") == "remote-node" for nv in resources.iterfind(".//meta_attributes/nvpair"))


def _rule_based_options(view: etree._Element) -> bool:
    """A rule in the cluster options or a node's attributes: crm_mon evaluates it at its own clock
    (maintenance banner, standby); halab reads the values unconditionally."""
    return view.find("configuration/crm_config/cluster_property_set/rule") is not None or \
        view.find("configuration/nodes/node/instance_attributes/rule") is not None


def _partial_migration(view: etree._Element) -> bool:
    """A migrate_to the source's last records end with (migrate_to, then stop) while the target's last
    record shows the resource stopped there (a stop, or a probe that found it stopped): 2.1.5 still
    places the resource from the migration's records ("Started node2", "Stopped node2")."""
    def history(node: str | None, rsc: str | None) -> list:
        found = view.iterfind(f"status/node_state[@uname='{node}']/lrm/lrm_resources/lrm_resource[@id='{rsc}']/lrm_rsc_op")
        return sorted(found, key=lambda op: int(op.get("call-id", "0") or "0"))

    for entry in view.iterfind("status/node_state/lrm/lrm_resources/lrm_resource"):
        ops = history(entry.getparent().getparent().getparent().get("uname"), entry.get("id"))
        if len(ops) < 2 or [op.get("operation") for op in ops[-2:]] != ["migrate_to", "stop"]:
            continue
        target = history(ops[-2].get("migrate_target"), entry.get("id"))
        if not target or target[-1].get("operation") == "stop" or \
                (target[-1].get("operation") == "monitor" and target[-1].get("rc-code") == "7"):
            return True
    return False


def _masked_probe_misread(view: etree._Element) -> bool:
    """A probe 2.1.5 reads as "not running" though it failed (pcmk_xe_mask_probe_failure): invalid
    parameters (rc 2), or an agent not installed (op-status 7) with a result other than 5; the
    scheduler reads those resources as failed where they ran."""
    for op in view.iterfind("status/node_state/lrm/lrm_resources/lrm_resource/lrm_rsc_op[@operation='monitor']"):
        if op.get("interval", "0") in ("0", "0s", "") and (
                op.get("rc-code") == "2" or (op.get("op-status") == "7" and op.get("rc-code") != "5")):
            return True
    return False


def _pending_in_clone(view: etree._Element) -> bool:
    """An operation in flight of a clone's instance: which instance 2.1.5 shows it on is not reproduced."""
    in_clones = {p.get("id") for clone in view.iterfind(".//configuration/resources//clone") for p in clone.iter("primitive")} | \
        {p.get("id") for clone in view.iterfind(".//configuration/resources//master") for p in clone.iter("primitive")}
    return any((op.get("op-status") == "-1" or op.get("call-id") == "-1") and
               (op.getparent().get("id") or "").split(":")[0] in in_clones
               for op in view.iterfind("status/node_state/lrm/lrm_resources/lrm_resource/lrm_rsc_op"))


def _clone_max_zero(view: etree._Element) -> bool:
    """A clone with clone-max=0: --show-detail (and -n --inactive) list its orphaned instances one by
    one, which halab's reading of their histories does not number as 2.1.5 does."""
    return any(nv.get("name") in ("clone-max", "clone_max") and (nv.get("value") or "").strip() == "0"
               for nv in view.iterfind("configuration/resources//*/meta_attributes/nvpair"))


def history_active(entry: etree._Element) -> bool:
    """A resource's history on a node ends with it active (not stopped, not probed stopped)."""
    ops = sorted(entry.iterfind("lrm_rsc_op"), key=lambda op: int(op.get("call-id", "0") or "0"))
    return bool(ops) and not ((ops[-1].get("operation") == "stop" and ops[-1].get("rc-code") == "0")
                              or (ops[-1].get("operation") == "monitor" and ops[-1].get("rc-code") == "7"))


def _cloned_group_duplicates(view: etree._Element) -> bool:
    """A member of a cloned group active on one node under two instance numbers: 2.1.5 makes orphaned
    group instances of them that halab's reading does not number alike."""
    members = {p.get("id") for p in view.iterfind(".//configuration/resources//clone/group/primitive")}
    for state in view.iterfind("status/node_state"):
        active = [entry.get("id", "").split(":")[0] for entry in state.iterfind("lrm/lrm_resources/lrm_resource")
                  if ":" in entry.get("id", "") and history_active(entry)]
        if any(active.count(member) > 1 for member in members):
            return True
    return False


def _unique_cloned_group(view: etree._Element) -> bool:
    """A cloned group with globally-unique=true and a member whose class cannot be a unique clone's (lsb,
    systemd, service): 2.1.5 makes it anonymous as it unpacks that member (pe__force_anon), after the
    members before it, whose later instances keep their instance number (promoted-ordering: apache2:1
    beside mysql-proxy)."""
    return any(clone.find("group") is not None and any(
        nv.get("name") == "globally-unique" and values.is_true(nv.get("value"))
        for nv in clone.iterfind("meta_attributes/nvpair")) and any(
        _agent_class(view, p) not in ("ocf", "stonith") for p in clone.iterfind("group/primitive"))
        for clone in view.iterfind(".//configuration/resources/clone"))


def _agent_class(view: etree._Element, primitive: etree._Element) -> str | None:
    """A primitive's class, its own or its template's."""
    template = view.find(f"configuration/resources/template[@id='{primitive.get('template')}']") \
        if primitive.get("template") else None
    return primitive.get("class") or (template.get("class") if template is not None else None)


def _pending_unread(view: etree._Element) -> bool:
    """An operation in flight other than a start or a probe (a stop, a monitor, a promote ...) on a node where no finished
    record shows the resource active: 2.1.5 shows it there ("Stopping node1"), halab's reading stopped."""
    for entry in view.iterfind("status/node_state/lrm/lrm_resources/lrm_resource"):
        ops = list(entry.iterfind("lrm_rsc_op"))
        if not any(op.get("op-status") == "-1" and op.get("operation") != "start" and not (
                op.get("operation") == "monitor" and op.get("interval", "0") in ("0", "0s")) for op in ops):   # a probe: none
            continue
        done = sorted((op for op in ops if op.get("op-status") != "-1"), key=lambda op: int(op.get("call-id", "0") or "0"))
        if not done or (done[-1].get("operation") == "stop" and done[-1].get("rc-code") == "0") or \
                (done[-1].get("operation") == "monitor" and done[-1].get("rc-code") == "7"):
            return True
    return False


CHECKS = (
    (_pending_in_clone, "an operation in flight of a clone instance (pending)"),
    (_pending_unread, "an operation in flight (not a start) of a resource no finished record shows active there"),
    (_remote, "Pacemaker Remote nodes, guest nodes and bundles"),
    (_rule_based_options, "rule-based cluster options or node attributes (<rule> in crm_config or a node)"),
    (_masked_probe_misread, "a probe that found invalid parameters, or an agent not installed with another "
                            "result (masked probe failure)"),
    (_partial_migration, "a live migration stopped on its source before a migrate_from (partial migration)"),
    (_cloned_group_duplicates, "orphaned instances of a cloned group active twice on a node"),
)


DETAIL_CHECKS = (
    (_clone_max_zero, "the instances of a clone with clone-max=0 (--show-detail, -n --inactive, XML)"),
    (_unique_cloned_group, "a globally-unique cloned group with an lsb, systemd or service member (its members' "
                           "instance names)"),
)

# what crm_mon's XML would show differently: what the text shows with instances one by one
XML_CHECKS = CHECKS + DETAIL_CHECKS


def xml_unmodelled_details(view: etree._Element) -> str | None:
    """The first feature of `view` crm_mon's XML would show that halab does not reproduce (None: none)."""
    return next((what for check, what in XML_CHECKS if check(view)), None)


# what crm_mon's resource list (pcs resource status of a file) would show differently (public case CIBs)
LISTING_CHECKS = ((_pending, "pending resource actions (op-status -1: Starting, Monitoring ...)"),) + tuple(
    entry for entry in CHECKS + DETAIL_CHECKS
    if entry[0] in (_remote, _rule_based_options, _partial_migration, _cloned_group_duplicates))


def unmodelled_details(view: etree._Element, detail: bool = False) -> str | None:
    """The first feature of `view` crm_mon would show that halab does not reproduce (None: none);
    `detail`: the output lists clone instances one by one (--show-detail, -n --inactive, XML)."""
    checks = CHECKS + DETAIL_CHECKS if detail else CHECKS
    return next((what for check, what in checks if check(view)), None)
