"""Seeded variants of the public scheduler cases: one edit language for the bench and the tests.

The held-back cases of Pacemaker 2.1.5's suite come from the same families as the public ones,
so the honesty rule is probed off the public path: a public case's CIB with one or two edits
(a node offline, in standby or maintenance; a resource's target-role or is-managed changed; a
failed monitor or start recorded; stickiness, a location score, a cluster option or quorum
changed; a location, colocation or order added between existing resources; clone meta
attributes; migration-threshold, failure-timeout, on-fail and other failure handling; a
resource removed (its history left as an orphan) or added; a node added; utilization under a
placement strategy; operation results off the common path (degraded, timed out, hard errors);
an on-fail policy with a failure of that operation; allow-migrate with a ban from the current
node; tickets granted, revoked or on standby, and new rsc_ticket constraints; node-health
strategies with a health attribute; maintenance of one resource). Each edit is a line of text (`node n1 offline expected=down`, `meta rsc
is-managed=false`, `fail rsc monitor rc=7 on n2`, ...): the random choosers print it, and
`apply` replays it, so a silently wrong variant found by benchmarks/bench_scheduler_variants.py
becomes a regression test that names its edits instead of a seed.
Variants are written to temporary directories only (the cases are GPL test data).
"""

from __future__ import annotations

import copy
import random
from typing import Callable

from lxml import etree

from halab_kernel.values import interval_ms

Chooser = Callable[[etree._Element, random.Random], str]


class EditError(ValueError):
    """An edit that does not fit the CIB (a typo in a test's edit list)."""


def _nvpair(parent: etree._Element, tag: str, tag_id: str, name: str, value: str) -> None:
    block = parent.find(tag)
    if block is None:
        block = etree.SubElement(parent, tag, id=tag_id)
    for pair in block.findall("nvpair"):
        if pair.get("name") == name:
            pair.set("value", value)
            return
    etree.SubElement(block, "nvpair", id=f"{tag_id}-{name}", name=name, value=value)


def _one(root: etree._Element, xpath: str, what: str) -> etree._Element:
    found = root.xpath(xpath)
    if not found:
        raise EditError(f"no {what} in this CIB")
    return found[0]


# ------------------------------------------------------------------ the edits, deterministic

def _node(root, uname: str, state: str, *rest: str) -> None:
    if state == "offline":
        element = _one(root, f"status/node_state[@uname='{uname}']", f"node_state {uname}")
        element.attrib.update({"in_ccm": "false", "crmd": "offline", "join": "down",
                               "expected": rest[0].split("=")[1] if rest else "down"})
    else:
        node = _one(root, f"configuration/nodes/node[@uname='{uname}']", f"node {uname}")
        _nvpair(node, "instance_attributes", f"{node.get('id')}-variant", state, "on")


def _meta(root, rsc: str, assignment: str) -> None:
    name, value = assignment.split("=", 1)
    element = _one(root, f"configuration/resources//*[@id='{rsc}']", f"resource {rsc}")
    _nvpair(element, "meta_attributes", f"{rsc}-variant-meta", name, value)


def _default(root, assignment: str) -> None:
    name, value = assignment.split("=", 1)
    configuration = root.find("configuration")
    defaults = configuration.find("rsc_defaults")
    if defaults is None:
        defaults = etree.SubElement(configuration, "rsc_defaults")
    _nvpair(defaults, "meta_attributes", "variant-rsc-defaults", name, value)


def _location(root, constraint: str, assignment: str) -> None:
    _one(root, f"configuration/constraints/rsc_location[@id='{constraint}']", constraint).set(
        "score", assignment.split("=", 1)[1])


def _property(root, assignment: str) -> None:
    name, value = assignment.split("=", 1)
    if name == "have-quorum":
        root.set(name, value)
        return
    crm_config = root.find("configuration/crm_config")
    block = crm_config.find("cluster_property_set")
    if block is None:
        block = etree.SubElement(crm_config, "cluster_property_set", id="variant-options")
    for pair in block.findall("nvpair"):
        if pair.get("name") == name:
            pair.set("value", value)
            return
    etree.SubElement(block, "nvpair", id=f"variant-{name}", name=name, value=value)


def _fail(root, rsc: str, task: str, rc_text: str, _on: str, uname: str, status_text: str = "status=0") -> None:
    """A failed monitor (at the resource's configured interval if any) or start, recorded as a
    controller does: the operation's own entry, its `_last_failure_0` copy (a start: also
    `_last_0`), and the node's fail-count and last-failure attributes. `status=N` sets the
    op-status (2: timed out, 4: error, 5: hard error, 6: fatal, 7: not installed)."""
    state = _one(root, f"status/node_state[@uname='{uname}']", f"node_state {uname}")
    lrm = _one(state, f"lrm/lrm_resources/lrm_resource[@id='{rsc}']", f"history of {rsc} on {uname}")
    if lrm.find("lrm_rsc_op") is None:
        raise EditError(f"{rsc} has no operation on {uname}")
    rc = rc_text.split("=")[1]
    configured = root.xpath(f"//configuration//primitive[@id='{rsc.split(':')[0]}']"
                            "/operations/op[@name='monitor' and not(@role)]/@interval")
    interval = "0" if task == "start" else str(interval_ms(configured[0])) if configured else "10000"
    call = max(int(op.get("call-id", "0")) for op in lrm.findall("lrm_rsc_op")) + 1
    when = max(int(op.get("last-rc-change", "0") or 0) for op in lrm.findall("lrm_rsc_op")) + 1
    magic = f"0:{rc};99:99:0:00000000-0000-0000-0000-000000000000"
    own = f"{rsc}_{task}_{interval}" if task == "monitor" else f"{rsc}_last_0"
    for record_id in (own, f"{rsc}_last_failure_0"):
        for old in lrm.findall("lrm_rsc_op"):
            if old.get("id") == record_id:
                lrm.remove(old)
        template = lrm.find("lrm_rsc_op")
        if template is None:
            raise EditError(f"{rsc} has no operation on {uname}")
        record = copy.deepcopy(template)
        record.attrib.update({"id": record_id, "operation_key": f"{rsc}_{task}_{interval}", "operation": task,
                              "interval": interval, "rc-code": rc, "op-status": status_text.split("=")[1],
                              "call-id": str(call),
                              "transition-magic": magic, "transition-key": magic.split(";")[1],
                              "last-rc-change": str(when), "last-run": str(when)})
        lrm.append(record)
    attributes = state.find("transient_attributes")
    if attributes is None:
        attributes = etree.SubElement(state, "transient_attributes", id=state.get("id") or "variant")
    _nvpair(attributes, "instance_attributes", f"status-{state.get('id')}-variant",
            f"fail-count-{rsc}#{task}_{interval}", "1")
    _nvpair(attributes, "instance_attributes", f"status-{state.get('id')}-variant",
            f"last-failure-{rsc}#{task}_{interval}", str(when))


def _op(root, rsc: str, name: str, assignment: str) -> None:
    """An attribute of a resource's configured operation (`op rsc monitor on-fail=block`)."""
    key, value = assignment.split("=", 1)
    _one(root, f"configuration/resources//primitive[@id='{rsc}']/operations/op[@name='{name}']",
         f"{name} operation of {rsc}").set(key, value)


def _add(root, kind: str, *words: str) -> None:
    """A new constraint, resource or node: `add location RSC NODE SCORE`, `add colocation RSC WITH
    SCORE`, `add order FIRST THEN KIND [symmetrical=false]`, `add ticket RSC TICKET [loss-policy=..]
    [rsc-role=..]`, `add primitive ID [in GROUP]`, `add node NAME`."""
    configuration = root.find("configuration")
    number = len(root.xpath("//*[starts-with(@id, 'variant-')]"))
    if kind == "node":
        etree.SubElement(configuration.find("nodes"), "node", id=f"variant-{words[0]}", uname=words[0])
        etree.SubElement(root.find("status"), "node_state", id=f"variant-{words[0]}", uname=words[0],
                         in_ccm="true", crmd="online", join="member", expected="member")
        return
    if kind == "primitive":
        parent = (configuration.find("resources") if len(words) == 1 else
                  _one(root, f"configuration/resources//group[@id='{words[2]}']", f"group {words[2]}"))
        primitive = etree.SubElement(parent, "primitive", {"class": "ocf"}, id=words[0],
                                     provider="pacemaker", type="Dummy")
        operations = etree.SubElement(primitive, "operations")
        etree.SubElement(operations, "op", id=f"{words[0]}-monitor-10s", name="monitor", interval="10s")
        return
    constraints = configuration.find("constraints")
    if constraints is None:
        constraints = etree.SubElement(configuration, "constraints")
    if kind == "location":
        attributes = {"rsc": words[0], "node": words[1], "score": words[2]}
    elif kind == "colocation":
        attributes = {"rsc": words[0], "with-rsc": words[1], "score": words[2]}
    elif kind == "ticket":
        attributes = {"rsc": words[0], "ticket": words[1]}
        for word in words[2:]:
            key, value = word.split("=", 1)
            attributes[key] = value
    elif kind == "order":
        attributes = {"first": words[0], "then": words[1], "kind": words[2]}
        for word in words[3:]:
            key, value = word.split("=", 1)
            attributes[key] = value
    else:
        raise EditError(f"cannot add {kind!r}")
    etree.SubElement(constraints, f"rsc_{kind}", id=f"variant-{kind}-{number}", **attributes)


def _remove(root, rsc: str) -> None:
    """A resource taken out of the configuration with the constraints naming it (its history stays:
    an orphan)."""
    element = _one(root, f"configuration/resources//*[@id='{rsc}']", f"resource {rsc}")
    parent = element.getparent()
    if parent.tag == "group" and len(parent.findall("primitive")) < 2:
        raise EditError(f"{rsc} is the last member of its group")
    if parent.tag in ("clone", "master"):
        raise EditError(f"{rsc} is a clone's child")
    parent.remove(element)
    gone = {rsc} | {child.get("id") for child in element.iter()}
    for constraint in root.xpath("configuration/constraints/*"):
        if gone & {constraint.get(key) for key in ("rsc", "with-rsc", "first", "then")} or gone & set(
                constraint.xpath(".//resource_ref/@id")):
            constraint.getparent().remove(constraint)


def _utilization(root, kind: str, name: str, assignment: str) -> None:
    """Utilization of a node or a primitive: `utilization node n1 cpu=4`, `utilization rsc r cpu=1`."""
    key, value = assignment.split("=", 1)
    xpath = (f"configuration/nodes/node[@uname='{name}']" if kind == "node"
             else f"configuration/resources//primitive[@id='{name}']")
    element = _one(root, xpath, f"{kind} {name}")
    _nvpair(element, "utilization", f"variant-{name}-utilization", key, value)


def _attr(root, uname: str, assignment: str) -> None:
    """A transient node attribute in the status section (`attr n1 #health-disk=red`)."""
    name, value = assignment.split("=", 1)
    state = _one(root, f"status/node_state[@uname='{uname}']", f"node_state {uname}")
    attributes = state.find("transient_attributes")
    if attributes is None:
        attributes = etree.SubElement(state, "transient_attributes", id=state.get("id") or "variant")
    _nvpair(attributes, "instance_attributes", f"status-{state.get('id')}-variant", name, value)


def _ticket(root, ticket: str, *assignments: str) -> None:
    """A ticket's state in the status section (`ticket T granted=false standby=true`)."""
    status = root.find("status")
    tickets = status.find("tickets")
    if tickets is None:
        tickets = etree.SubElement(status, "tickets")
    state = next((t for t in tickets.findall("ticket_state") if t.get("id") == ticket), None)
    if state is None:
        state = etree.SubElement(tickets, "ticket_state", id=ticket)
    for assignment in assignments:
        key, value = assignment.split("=", 1)
        state.set(key, value)


EDITS: dict[str, Callable[..., None]] = {
    "node": _node, "meta": _meta, "default": _default, "location": _location,
    "property": _property, "fail": _fail, "op": _op, "add": _add, "remove": _remove,
    "utilization": _utilization, "attr": _attr, "ticket": _ticket,
}


def apply(root: etree._Element, edit: str) -> None:
    """Replay one edit line on a CIB (in place)."""
    verb, *words = edit.split()
    if verb not in EDITS:
        raise EditError(f"unknown edit {verb!r}")
    EDITS[verb](root, *words)


def edited(xml: bytes, edits: list[str]) -> bytes:
    """A CIB with these edits applied, as bytes."""
    root = etree.fromstring(xml)
    for edit in edits:
        apply(root, edit)
    return etree.tostring(root)


# ------------------------------------------------------------------ the random choosers

def _pick(rng: random.Random, items: list):
    return rng.choice(items) if items else None


def _resources(root) -> list:
    return [r for r in root.iter("primitive", "group", "clone", "master")
            if r.getparent() is not None and r.getparent().tag in ("resources", "clone", "master", "group")]


def node_offline(root, rng):
    state = _pick(rng, root.findall("status/node_state"))
    if state is None:
        return ""
    return f"node {state.get('uname')} offline expected={rng.choice(['down', 'member'])}"


def node_standby(root, rng):
    node = _pick(rng, root.findall("configuration/nodes/node"))
    if node is None:
        return ""
    return f"node {node.get('uname')} {rng.choice(['standby', 'maintenance'])}"


def target_role(root, rng):
    rsc = _pick(rng, _resources(root))
    if rsc is None:
        return ""
    value = rng.choice(["Stopped", "Started", "Unpromoted", "Promoted"] if rsc.tag in ("master", "clone")
                       else ["Stopped", "Started"])
    return f"meta {rsc.get('id')} target-role={value}"


def unmanaged(root, rng):
    rsc = _pick(rng, _resources(root))
    return "" if rsc is None else f"meta {rsc.get('id')} is-managed=false"


def stickiness(root, rng):
    return f"default resource-stickiness={rng.choice([0, 1, 100, 1000, 'INFINITY'])}"


def location_score(root, rng):
    location = _pick(rng, [c for c in root.findall("configuration/constraints/rsc_location") if c.get("score")])
    if location is None:
        return ""
    return f"location {location.get('id')} score={rng.choice([-1000, -10, 0, 10, 1000, 'INFINITY', '-INFINITY'])}"


def cluster_option(root, rng):
    return "property " + rng.choice(["stonith-enabled=false", "no-quorum-policy=stop", "no-quorum-policy=freeze",
                                     "no-quorum-policy=ignore", "have-quorum=0", "symmetric-cluster=false",
                                     "start-failure-is-fatal=false", "maintenance-mode=true",
                                     "stop-all-resources=true", "default-resource-stickiness=100"])


def failed_operation(root, rng):
    entries = [(state, lrm) for state in root.findall("status/node_state")
               for lrm in state.findall("lrm/lrm_resources/lrm_resource")
               if lrm.get("class") != "stonith"]
    picked = _pick(rng, entries)
    if picked is None or picked[1].find("lrm_rsc_op") is None:
        return ""
    state, lrm = picked
    task = rng.choice(["monitor", "start"])
    rc = rng.choice(["1", "7"]) if task == "monitor" else "1"
    return f"fail {lrm.get('id')} {task} rc={rc} on {state.get('uname')}"


def _top_level(root) -> list:
    """Resources a constraint may name: top-level ones and group members (not clone children)."""
    return [r for r in root.iter("primitive", "group", "clone", "master")
            if r.getparent() is not None and r.getparent().tag in ("resources", "group")]


def _unames(root) -> list:
    return [node.get("uname") for node in root.findall("configuration/nodes/node") if node.get("type") != "remote"]


SCORES = ["-INFINITY", "-1000", "-10", "0", "10", "100", "1000", "INFINITY"]


def new_constraint(root, rng):
    resources = [r.get("id") for r in _top_level(root)]
    kind = rng.choice(["location", "colocation", "order"])
    if kind == "location" or len(resources) < 2:
        unames = _unames(root)
        if not resources or not unames:
            return ""
        return f"add location {rng.choice(resources)} {rng.choice(unames)} {rng.choice(SCORES)}"
    first, then = rng.sample(resources, 2)
    if kind == "colocation":
        return f"add colocation {first} {then} {rng.choice(SCORES)}"
    return (f"add order {first} {then} {rng.choice(['Mandatory', 'Optional', 'Serialize'])}"
            + rng.choice(["", " symmetrical=false"]))


def clone_meta(root, rng):
    clone = _pick(rng, root.findall(".//configuration/resources//clone") + root.findall(
        ".//configuration/resources//master"))
    if clone is None:
        return ""
    return f"meta {clone.get('id')} " + rng.choice([
        "interleave=true", "interleave=false", "ordered=true", "clone-max=1", "clone-max=2",
        "clone-node-max=2", "globally-unique=true", "globally-unique=false", "notify=true"])


def failure_handling(root, rng):
    primitive = _pick(rng, list(root.iterfind(".//configuration/resources//primitive")))
    if primitive is None:
        return ""
    ops = primitive.findall("operations/op")
    if ops and rng.random() < 0.4:
        op = rng.choice(ops)
        return f"op {primitive.get('id')} {op.get('name')} on-fail=" + rng.choice(
            ["ignore", "block", "stop", "restart", "fence", "standby"])
    target = rng.choice([primitive.get("id"), "default"])
    assignment = rng.choice(["migration-threshold=1", "migration-threshold=3", "failure-timeout=60s",
                             "multiple-active=stop_only", "allow-migrate=true", "priority=10",
                             "requires=nothing", "resource-stickiness=INFINITY"])
    return f"default {assignment}" if target == "default" else f"meta {target} {assignment}"


def resource_change(root, rng):
    if rng.random() < 0.5:
        removable = [r for r in _top_level(root) if r.getparent().tag == "resources" or len(
            r.getparent().findall("primitive")) > 1]
        rsc = _pick(rng, removable)
        return "" if rsc is None else f"remove {rsc.get('id')}"
    groups = root.findall(".//configuration/resources/group")
    if groups and rng.random() < 0.3:
        return f"add primitive variant-rsc in {rng.choice(groups).get('id')}"
    return "add primitive variant-rsc"


def node_added(root, rng):
    return "add node variant-node"


def utilization(root, rng):
    """Capacities on every node and needs on a few primitives, under a placement strategy (several edits)."""
    unames = _unames(root)
    primitives = [p.get("id") for p in root.iterfind(".//configuration/resources//primitive")]
    if not unames or not primitives:
        return ""
    edits = ["property placement-strategy=" + rng.choice(["utilization", "minimal", "balanced"])]
    edits += [f"utilization node {uname} cpu={rng.choice([1, 2, 4])}" for uname in unames]
    edits += [f"utilization rsc {rsc} cpu={rng.choice([1, 2])}"
              for rsc in rng.sample(primitives, min(len(primitives), rng.choice([1, 2, 3])))]
    return "\n".join(edits)


def _histories(root) -> list:
    """(node_state, lrm_resource) pairs of non-fencing resources with at least one operation."""
    return [(state, lrm) for state in root.findall("status/node_state")
            for lrm in state.findall("lrm/lrm_resources/lrm_resource")
            if lrm.get("class") != "stonith" and lrm.find("lrm_rsc_op") is not None]


def status_oddity(root, rng):
    """An operation result off the common path: degraded (190/191), timed out, hard errors,
    not installed, not configured, unimplemented."""
    picked = _pick(rng, _histories(root))
    if picked is None:
        return ""
    state, lrm = picked
    task, rc, status = rng.choice([("monitor", 190, 0), ("monitor", 191, 0), ("monitor", 1, 2),
                                   ("start", 1, 2), ("monitor", 2, 0), ("start", 5, 0), ("start", 6, 0),
                                   ("monitor", 3, 0), ("start", 1, 4), ("monitor", 8, 0)])
    return f"fail {lrm.get('id')} {task} rc={rc} on {state.get('uname')} status={status}"


def failure_with_on_fail(root, rng):
    """A configured on-fail and a failure of that operation together."""
    picked = _pick(rng, _histories(root))
    if picked is None:
        return ""
    state, lrm = picked
    base = lrm.get("id").split(":")[0]
    primitive = _pick(rng, root.xpath(f"configuration/resources//primitive[@id='{base}']"))
    if primitive is None:
        return ""
    task = rng.choice(["monitor", "start"])
    policy = rng.choice(["ignore", "block", "stop", "restart", "fence", "standby", "demote"])
    configured = primitive.find(f"operations/op[@name='{task}']")
    edits = [f"op {base} {task} on-fail={policy}"] if configured is not None else [
        f"default migration-threshold={rng.choice([1, 2])}"]
    return "\n".join(edits + [f"fail {lrm.get('id')} {task} rc={rng.choice([1, 7]) if task == 'monitor' else 1} "
                               f"on {state.get('uname')}"])


def migrate_away(root, rng):
    """allow-migrate on an active primitive (or its group) and a ban from the node it runs on,
    sometimes with a failure recorded there too."""
    picked = _pick(rng, [(state, lrm) for state, lrm in _histories(root)
                         if ":" not in lrm.get("id") and lrm.xpath("lrm_rsc_op[@operation='start' and @rc-code='0']")])
    if picked is None:
        return ""
    state, lrm = picked
    rsc = lrm.get("id")
    parent = root.xpath(f"configuration/resources//primitive[@id='{rsc}']/parent::group/@id")
    target = parent[0] if parent else rsc
    edits = [f"meta {target} allow-migrate=true", f"add location {target} {state.get('uname')} -INFINITY"]
    if rng.random() < 0.3:
        edits.append(f"fail {rsc} monitor rc=1 on {state.get('uname')}")
    return "\n".join(edits)


def ticket_change(root, rng):
    """A ticket granted, revoked or on standby; or a new rsc_ticket on an existing resource."""
    tickets = root.xpath("configuration/constraints/rsc_ticket/@ticket")
    if tickets and rng.random() < 0.6:
        return f"ticket {rng.choice(tickets)} " + rng.choice(
            ["granted=true", "granted=false", "granted=true standby=true", "granted=false standby=false"])
    resources = _top_level(root)
    rsc = _pick(rng, resources)
    if rsc is None:
        return ""
    promotable = rsc.tag == "master" or bool(rsc.xpath("meta_attributes/nvpair[@name='promotable' and @value='true']"))
    policy = rng.choice(["stop", "demote", "freeze", "fence"])
    role = " rsc-role=Promoted" if promotable and rng.random() < 0.6 else ""
    state = rng.choice(["granted=false", "granted=true", "granted=true standby=true"])
    return f"add ticket {rsc.get('id')} variant-ticket loss-policy={policy}{role}\nticket variant-ticket {state}"


def node_health(root, rng):
    """A node-health strategy and a health attribute on one node."""
    state = _pick(rng, root.findall("status/node_state"))
    if state is None:
        return ""
    strategy = rng.choice(["migrate-on-red", "only-green", "progressive", "custom", "none"])
    return (f"property node-health-strategy={strategy}\n"
            f"attr {state.get('uname')} #health-variant={rng.choice(['red', 'yellow', 'green', '-100'])}")


def resource_maintenance(root, rng):
    """maintenance=true on one resource (or in rsc_defaults)."""
    rsc = _pick(rng, _resources(root))
    if rsc is None or rng.random() < 0.2:
        return "default maintenance=true"
    return f"meta {rsc.get('id')} maintenance=true"


MUTATIONS: tuple[Chooser, ...] = (node_offline, node_standby, target_role, unmanaged, stickiness,
                                  location_score, cluster_option, failed_operation, new_constraint,
                                  clone_meta, failure_handling, resource_change, node_added, utilization,
                                  status_oddity, failure_with_on_fail, migrate_away, ticket_change, node_health,
                                  resource_maintenance)


def mutate(xml: bytes, rng: random.Random, kinds: tuple[Chooser, ...] = MUTATIONS) -> tuple[bytes, list[str]]:
    """One or two random edits of a case's CIB (reproducible by the generator's seed)."""
    root = etree.fromstring(xml)
    done = []
    for chooser in rng.sample(kinds, min(len(kinds), rng.choice([1, 1, 2]))):
        edits = [edit for edit in chooser(root, rng).split("\n") if edit]
        trial = copy.deepcopy(root)
        try:
            for edit in edits:
                apply(trial, edit)
        except EditError:
            continue
        root = trial
        done.extend(edits)
    return etree.tostring(root), done
