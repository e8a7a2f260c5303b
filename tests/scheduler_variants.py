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
strategies with a health attribute; maintenance of one resource; a resource's definition changed; fencing
options with a node to fence; a live migration recorded part of the way; constraint options
(resource-discovery, influence, node-attribute), built-in node attributes in rules, rsc_defaults and
op_defaults under rules, a resource found running on one more node, score-attribute rules,
`requires`, added operations (Stopped/Promoted-role monitors, on-fail) and two-set orders or
colocations with an action or role). Each edit is a line of text (`node n1 offline expected=down`, `meta rsc
is-managed=false`, `fail rsc monitor rc=7 on n2`, ...): the random choosers print it, and
`apply` replays it, so a silently wrong variant found by benchmarks/bench_scheduler_variants.py
becomes a regression test that names its edits instead of a seed.
Variants are written to temporary directories only (the cases are GPL test data).
"""

from __future__ import annotations

import contextlib
import copy
import io
import random
import subprocess
from pathlib import Path
from typing import Callable

from lxml import etree

from halab_kernel.commands.crm_simulate import main as crm_simulate
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
    """`node n1 offline [expected=member]`, `node n1 unseen` (configured, no node_state: never
    seen by the cluster), `node n1 standby|maintenance` (a remote node without a `<node>` entry:
    a transient attribute of its node_state)."""
    if state == "unseen":
        element = _one(root, f"status/node_state[@uname='{uname}']", f"node_state {uname}")
        element.getparent().remove(element)
    elif state == "offline":
        element = _one(root, f"status/node_state[@uname='{uname}']", f"node_state {uname}")
        element.attrib.update({"in_ccm": "false", "crmd": "offline", "join": "down",
                               "expected": rest[0].split("=")[1] if rest else "down"})
    elif root.find(f"configuration/nodes/node[@uname='{uname}']") is None \
            and root.find(f"status/node_state[@uname='{uname}'][@remote_node='true']") is not None:
        # a Pacemaker Remote node without a <node> entry: a transient attribute of its status
        element = _one(root, f"status/node_state[@uname='{uname}']", f"node_state {uname}")
        attributes = element.find("transient_attributes")
        if attributes is None:
            attributes = etree.SubElement(element, "transient_attributes", id=uname)
        _nvpair(attributes, "instance_attributes", f"status-{uname}-variant", state, "on")
    else:
        node = _one(root, f"configuration/nodes/node[@uname='{uname}']", f"node {uname}")
        _nvpair(node, "instance_attributes", f"{node.get('id')}-variant", state, "on")


def _meta(root, rsc: str, assignment: str) -> None:
    name, value = assignment.split("=", 1)
    element = _one(root, f"configuration/resources//*[@id='{rsc}']", f"resource {rsc}")
    _nvpair(element, "meta_attributes", f"{rsc}-variant-meta", name, value)


def _param(root, rsc: str, assignment: str) -> None:
    """An instance attribute of a primitive or template, set or changed (`param rsc ip=10.0.0.9`):
    a definition change, as `pcs resource update` makes one."""
    name, value = assignment.split("=", 1)
    element = _one(root, f"configuration/resources//*[(self::primitive or self::template) and @id='{rsc}']",
                   f"primitive or template {rsc}")
    _nvpair(element, "instance_attributes", f"{rsc}-variant-params", name, value)


def _default(root, assignment: str) -> None:
    name, value = assignment.split("=", 1)
    configuration = root.find("configuration")
    defaults = configuration.find("rsc_defaults")
    if defaults is None:
        defaults = etree.SubElement(configuration, "rsc_defaults")
    _nvpair(defaults, "meta_attributes", "variant-rsc-defaults", name, value)


def _defaultrule(root, section: str, assignment: str, *matchers: str) -> None:
    """An rsc_defaults (`rsc`) or op_defaults (`op`) block that applies under a rule: `defaultrule rsc
    resource-stickiness=100 class=ocf type=Dummy` (an rsc_expression), `defaultrule op timeout=5s
    name=monitor interval=10s` (an op_expression)."""
    name, value = assignment.split("=", 1)
    configuration = root.find("configuration")
    tag = f"{section}_defaults"
    defaults = configuration.find(tag)
    if defaults is None:
        defaults = etree.SubElement(configuration, tag)
    ident = f"variant-{section}-rule-{len(defaults)}"
    block = etree.SubElement(defaults, "meta_attributes", id=ident)
    rule = etree.SubElement(block, "rule", id=f"{ident}-rule", score="INFINITY")
    expression = "rsc_expression" if section == "rsc" else "op_expression"
    etree.SubElement(rule, expression, {"id": f"{ident}-expr", **dict(m.split("=", 1) for m in matchers)})
    etree.SubElement(block, "nvpair", id=f"{ident}-{name}", name=name, value=value)


def _scorerule(root, rsc: str, attribute: str) -> None:
    """A location whose rule takes its score from a node attribute (`scorerule rsc pref`:
    score-attribute=pref, on nodes where it is defined)."""
    constraints = root.find("configuration/constraints")
    ident = f"variant-scorerule-{len(constraints)}"
    location = etree.SubElement(constraints, "rsc_location", id=ident, rsc=rsc)
    rule = etree.SubElement(location, "rule", {"id": f"{ident}-rule", "score-attribute": attribute})
    etree.SubElement(rule, "expression", id=f"{ident}-expr", attribute=attribute, operation="defined")


def _addop(root, rsc: str, name: str, *assignments: str) -> None:
    """A new configured operation on a primitive: `addop rsc monitor interval=7s role=Stopped`."""
    primitive = _one(root, f"configuration/resources//primitive[@id='{rsc}']", f"primitive {rsc}")
    operations = primitive.find("operations")
    if operations is None:
        operations = etree.SubElement(primitive, "operations")
    attributes = dict(a.split("=", 1) for a in assignments)
    ident = f"{rsc}-variant-{name}-{attributes.get('interval', '0')}-{len(operations)}"
    etree.SubElement(operations, "op", {"id": ident, "name": name, **attributes})


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


def _fail(root, rsc: str, task: str, rc_text: str, _on: str, uname: str, *options: str) -> None:
    """A failed monitor (at the resource's configured interval if any), start, stop, promote or
    demote, recorded as a controller does: the operation's own entry, its `_last_failure_0` copy
    (not a monitor: also `_last_0`), and the node's fail-count and last-failure attributes. `status=N` sets the
    op-status (2: timed out, 4: error, 5: hard error, 6: fatal, 7: not installed); `digest=own`
    copies a monitor's digest from a recorded run of that monitor (as a controller records it)."""
    settings = dict(option.split("=", 1) for option in options)
    status_text = f"status={settings.get('status', '0')}"
    state = _one(root, f"status/node_state[@uname='{uname}']", f"node_state {uname}")
    lrm = _one(state, f"lrm/lrm_resources/lrm_resource[@id='{rsc}']", f"history of {rsc} on {uname}")
    if lrm.find("lrm_rsc_op") is None:
        raise EditError(f"{rsc} has no operation on {uname}")
    rc = rc_text.split("=")[1]
    configured = root.xpath(f"//configuration//primitive[@id='{rsc.split(':')[0]}']"
                            "/operations/op[@name='monitor' and not(@role)]/@interval")
    interval = "0" if task != "monitor" else str(interval_ms(configured[0])) if configured else "10000"
    call = max(int(op.get("call-id", "0")) for op in lrm.findall("lrm_rsc_op")) + 1
    when = max(int(op.get("last-rc-change", "0") or 0) for op in lrm.findall("lrm_rsc_op")) + 1
    magic = f"0:{rc};99:99:0:00000000-0000-0000-0000-000000000000"
    own = f"{rsc}_{task}_{interval}" if task == "monitor" else f"{rsc}_last_0"
    for record_id in (own, f"{rsc}_last_failure_0"):
        for old in lrm.findall("lrm_rsc_op"):
            if old.get("id") == record_id:
                lrm.remove(old)
        # a one-shot task copies a one-shot operation (its digest); a monitor copies the first
        # entry, as the rows written before the other tasks existed expect
        alike = [op for op in lrm.findall("lrm_rsc_op") if op.get("op-digest") and op.get("interval", "0") == (
            interval if settings.get("digest") == "own" else "0")]
        template = alike[0] if alike and (task != "monitor" or settings.get("digest") == "own") \
            else lrm.find("lrm_rsc_op")
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
    """A new constraint, resource or node: `add location RSC NODE SCORE [role=..]
    [resource-discovery=..]`, `add colocation RSC WITH
    SCORE [rsc-role=..] [with-rsc-role=..] [influence=..] [node-attribute=..]`, `add order FIRST THEN KIND [symmetrical=false]
    [first-action=..] [then-action=..]`, `add ticket RSC TICKET [loss-policy=..] [rsc-role=..]`,
    `add rule RSC SCORE ATTRIBUTE OP VALUE [role=..] [type=..]`, `add daterule RSC SCORE gt|lt|in_range
    DATE [END]`, `add set order|colocation SCORE-OR-KIND
    [sequential=false] [require-all=false] RSC...`, `add primitive ID [in GROUP]`, `add node NAME`."""
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
        for word in words[3:]:
            key, value = word.split("=", 1)
            attributes[key] = value
    elif kind == "colocation":
        attributes = {"rsc": words[0], "with-rsc": words[1], "score": words[2]}
        for word in words[3:]:
            key, value = word.split("=", 1)
            attributes[key] = value
    elif kind == "rule":
        _rule(constraints, f"variant-rule-{number}", *words)
        return
    elif kind == "set":
        _set(constraints, f"variant-set-{number}", *words)
        return
    elif kind == "daterule":
        _date_rule(constraints, f"variant-daterule-{number}", *words)
        return
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


def _rule(constraints: etree._Element, ident: str, rsc: str, score: str, attribute: str, operation: str,
          value: str, *extras: str) -> None:
    """A location with a rule on a node attribute (`-` as VALUE for defined/not_defined)."""
    location = etree.SubElement(constraints, "rsc_location", id=ident, rsc=rsc)
    rule = etree.SubElement(location, "rule", id=f"{ident}-rule", score=score)
    expression = {"id": f"{ident}-expr", "attribute": attribute, "operation": operation}
    if value != "-":
        expression["value"] = value
    for word in extras:
        key, item = word.split("=", 1)
        if key == "role":
            rule.set(key, item)
        else:
            expression[key] = item
    etree.SubElement(rule, "expression", expression)


def _date_rule(constraints: etree._Element, ident: str, rsc: str, score: str, operation: str, *dates: str) -> None:
    """A location whose rule is a date expression (`gt START`, `lt END`, `in_range START END`)."""
    location = etree.SubElement(constraints, "rsc_location", id=ident, rsc=rsc)
    rule = etree.SubElement(location, "rule", id=f"{ident}-rule", score=score)
    expression = {"id": f"{ident}-expr", "operation": operation}
    if operation == "lt":
        expression["end"] = dates[0]
    else:
        expression["start"] = dates[0]
        if operation == "in_range":
            expression["end"] = dates[1]
    etree.SubElement(rule, "date_expression", expression)


def _set(constraints: etree._Element, ident: str, kind: str, strength: str, *words: str) -> None:
    """An order (STRENGTH: its kind) or colocation (STRENGTH: its score) of resource sets."""
    attributes = {"id": ident, "kind" if kind == "order" else "score": strength}
    constraint = etree.SubElement(constraints, f"rsc_{kind}", attributes)
    # sets are separated by a bar, each with its options: `add set order Mandatory A B | action=promote C`
    for number, group in enumerate(" ".join(words).split("|")):
        items = group.split()
        options = dict(w.split("=", 1) for w in items if "=" in w)
        resource_set = etree.SubElement(constraint, "resource_set",
                                        id=f"{ident}-set" + (str(number) if number else ""), **options)
        for rsc in (w for w in items if "=" not in w):
            etree.SubElement(resource_set, "resource_ref", id=rsc)


def _nodeattr(root, uname: str, assignment: str) -> None:
    """A permanent node attribute in the configuration (`nodeattr n1 site=a`)."""
    name, value = assignment.split("=", 1)
    node = _one(root, f"configuration/nodes/node[@uname='{uname}']", f"node {uname}")
    _nvpair(node, "instance_attributes", f"{node.get('id')}-variant", name, value)


def _lrm_resource(root, rsc: str, uname: str) -> etree._Element:
    """The history of `rsc` on `uname`, created (with the agent of its configuration) if absent."""
    state = _one(root, f"status/node_state[@uname='{uname}']", f"node_state {uname}")
    found = state.find(f"lrm/lrm_resources/lrm_resource[@id='{rsc}']")
    if found is not None:
        return found
    config = _one(root, f"configuration/resources//primitive[@id='{rsc.split(':')[0]}']", f"primitive {rsc}")
    if config.get("class") is None:
        raise EditError(f"{rsc} takes its agent from a template")
    lrm = state.find("lrm")
    if lrm is None:
        lrm = etree.SubElement(state, "lrm", id=state.get("id") or uname)
    resources = lrm.find("lrm_resources")
    if resources is None:
        resources = etree.SubElement(lrm, "lrm_resources")
    agent = {"id": rsc, "class": config.get("class"), "type": config.get("type") or ""}
    if config.get("provider"):
        agent["provider"] = config.get("provider")
    return etree.SubElement(resources, "lrm_resource", agent)


def _record(root, lrm: etree._Element, record_id: str, attributes: dict[str, str]) -> None:
    """A new entry in a resource's history, copied from one of its non-recurring operations on any
    node (so it carries the op-digest a controller records) with these attributes."""
    base = lrm.get("id", "").split(":")[0]
    templates = [op for op in root.xpath("status//lrm_resource/lrm_rsc_op[@interval='0' and @op-digest]")
                 if op.getparent().get("id", "").split(":")[0] == base]
    if not templates:
        raise EditError(f"{lrm.get('id')} has no recorded operation to copy")
    for old in lrm.findall("lrm_rsc_op"):
        if old.get("id") == record_id:
            lrm.remove(old)
    record = copy.deepcopy(templates[0])
    for key in ("exit-reason", "migrate_source", "migrate_target"):
        record.attrib.pop(key, None)
    record.attrib.update({"id": record_id, **attributes})
    lrm.append(record)


def _history_clock(lrm: etree._Element) -> tuple[int, int]:
    """The next call id on this node, and a last-rc-change just after the newest in the status."""
    if lrm.xpath("lrm_rsc_op[starts-with(@operation, 'migrate_')]"):
        raise EditError(f"{lrm.get('id')} has a migration in its history here")
    ops = lrm.getparent().xpath(".//lrm_rsc_op")
    call = max([int(op.get("call-id", "0")) for op in ops] + [0]) + 1
    when = max([int(op.get("last-rc-change", "0") or 0) for op in lrm.xpath("/cib/status//lrm_rsc_op")] + [0]) + 1
    return call, when


def _probe(root, rsc: str, _on: str, uname: str, rc_text: str) -> None:
    """A probe (monitor_0) of `rsc` on `uname` with this result, its newest operation there
    (`probe rsc on n2 rc=0`: found running; 7: not running; 8: promoted; 1, 5: failed)."""
    lrm = _lrm_resource(root, rsc, uname)
    rc = rc_text.split("=")[1]
    call, when = _history_clock(lrm)
    magic = f"0:{rc};99:99:7:00000000-0000-0000-0000-000000000000"
    attributes = {"operation_key": f"{rsc}_monitor_0", "operation": "monitor", "interval": "0", "rc-code": rc,
                  "op-status": "0", "call-id": str(call), "transition-magic": magic,
                  "transition-key": magic.split(";")[1], "last-rc-change": str(when), "last-run": str(when),
                  "on_node": uname, "exec-time": "0", "queue-time": "0"}
    _record(root, lrm, f"{rsc}_last_0", attributes)
    if rc not in ("0", "7", "8"):
        _record(root, lrm, f"{rsc}_last_failure_0", attributes)


def _pending(root, rsc: str, task: str, _on: str, uname: str) -> None:
    """An operation still in flight (record-pending): call-id -1, rc 193, op-status -1
    (`pending rsc start on n1`)."""
    lrm = _lrm_resource(root, rsc, uname)
    _, when = _history_clock(lrm)
    magic = "-1:193;99:99:0:00000000-0000-0000-0000-000000000000"
    _record(root, lrm, f"{rsc}_last_0", {
        "operation_key": f"{rsc}_{task}_0", "operation": task, "interval": "0", "rc-code": "193",
        "op-status": "-1", "call-id": "-1", "transition-magic": magic, "transition-key": magic.split(";")[1],
        "last-rc-change": str(when), "last-run": str(when), "on_node": uname, "exec-time": "0", "queue-time": "0"})


def _migrate(root, rsc: str, source: str, _to: str, target: str, how: str) -> None:
    """A live migration of `rsc` from the node it was started on, recorded as far as it got
    (`migrate rsc n1 to n2 partial`): `partial` (migrate_to done), `complete` (migrate_from done
    too, the source's stop not yet run), `failed-to` (migrate_to failed), `failed-from`
    (migrate_from failed), `pending` (migrate_to in flight), `complete-stopped` (complete, then
    stopped on the target, recorded in an older controller's entry per operation). Sets
    allow-migrate=true."""
    lrm = _lrm_resource(root, rsc, source)
    if not lrm.xpath("lrm_rsc_op[@operation='start' and @rc-code='0']"):
        raise EditError(f"{rsc} was not started on {source}")
    call, when = _history_clock(lrm)
    _meta(root, rsc.split(":")[0], "allow-migrate=true")
    moved = {"migrate_source": source, "migrate_target": target, "interval": "0", "op-status": "0",
             "on_node": source, "exec-time": "0", "queue-time": "0", "last-run": str(when),
             "last-rc-change": str(when)}

    def entry(task: str, rc: str, number: int) -> dict[str, str]:
        magic = f"{'-1' if rc == '193' else '0'}:{rc};98:98:0:00000000-0000-0000-0000-000000000000"
        return {**moved, "operation_key": f"{rsc}_{task}_0", "operation": task, "rc-code": rc,
                "call-id": "-1" if rc == "193" else str(number), "op-status": "-1" if rc == "193" else "0",
                "transition-magic": magic, "transition-key": magic.split(";")[1]}

    to_rc = {"failed-to": "1", "pending": "193"}.get(how, "0")
    _record(root, lrm, f"{rsc}_last_0", entry("migrate_to", to_rc, call))
    if to_rc == "1":
        _record(root, lrm, f"{rsc}_last_failure_0", entry("migrate_to", to_rc, call))
    if how in ("complete", "failed-from", "complete-stopped"):
        there = _lrm_resource(root, rsc, target)
        rc = "1" if how == "failed-from" else "0"
        target_call = _history_clock(there)[0]     # the target's own call ids
        if how == "complete-stopped":   # an older controller's history: an entry per operation
            _record(root, there, f"{rsc}_migrate_from_0", {**entry("migrate_from", rc, target_call),
                                                            "on_node": target})
            _record(root, there, f"{rsc}_stop_0", {**entry("migrate_from", rc, target_call + 1), "on_node": target,
                                                    "operation": "stop", "operation_key": f"{rsc}_stop_0"})
            return
        _record(root, there, f"{rsc}_last_0", {**entry("migrate_from", rc, target_call), "on_node": target})
        if rc == "1":
            _record(root, there, f"{rsc}_last_failure_0", {**entry("migrate_from", rc, target_call),
                                                            "on_node": target})


def _remove(root, rsc: str, constraint_id: str = "") -> None:
    """A resource taken out of the configuration with the constraints naming it (its history stays:
    an orphan); `remove constraint ID`: one constraint."""
    if rsc == "constraint" and constraint_id:
        found = _one(root, f"configuration/constraints/*[@id='{constraint_id}']", f"constraint {constraint_id}")
        found.getparent().remove(found)
        return
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
    "utilization": _utilization, "attr": _attr, "ticket": _ticket, "nodeattr": _nodeattr, "probe": _probe,
    "pending": _pending, "param": _param, "migrate": _migrate, "defaultrule": _defaultrule,
    "scorerule": _scorerule, "addop": _addop,
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


def _own_digest(task: str, rng: random.Random) -> str:
    """Half of the failed monitors carry the monitor's own recorded digest (as a controller
    records them); the others the first entry's, as the older rows do."""
    return " digest=own" if task == "monitor" and rng.random() < 0.5 else ""


def node_offline(root, rng):
    state = _pick(rng, root.findall("status/node_state"))
    if state is None:
        return ""
    return f"node {state.get('uname')} offline expected={rng.choice(['down', 'member'])}"


def node_standby(root, rng):
    node = _pick(rng, root.findall("configuration/nodes/node")
                 + root.findall("status/node_state[@remote_node='true']"))
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
                                     "stop-all-resources=true", "default-resource-stickiness=100",
                                     "no-quorum-policy=demote\nproperty have-quorum=0",
                                     "no-quorum-policy=suicide\nproperty have-quorum=0",
                                     "no-quorum-policy=freeze\nproperty have-quorum=0",
                                     "enable-startup-probes=false", "stop-orphan-resources=false",
                                     "stop-orphan-actions=false", "remove-after-stop=true"])


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
    return f"fail {lrm.get('id')} {task} rc={rc} on {state.get('uname')}" + _own_digest(task, rng)


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
    return f"fail {lrm.get('id')} {task} rc={rc} on {state.get('uname')} status={status}" + _own_digest(task, rng)


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


def _promotables(root) -> list:
    return [r for r in _top_level(root) if r.tag == "master" or r.xpath(
        "meta_attributes/nvpair[@name='promotable' and @value='true']")]


def role_colocation(root, rng):
    """A colocation with roles: with a promotable clone's Promoted or Unpromoted role, or
    between two promotable clones."""
    promotables = _promotables(root)
    resources = [r.get("id") for r in _top_level(root)]
    if not promotables or len(resources) < 2:
        return ""
    primary = rng.choice(promotables).get("id")
    dependent = rng.choice([r for r in resources if r != primary])
    words = [f"add colocation {dependent} {primary} {rng.choice(SCORES)}",
             "with-rsc-role=" + rng.choice(["Promoted", "Unpromoted", "Started", "Master"])]
    if dependent in {p.get("id") for p in promotables} and rng.random() < 0.5:
        words.append("rsc-role=" + rng.choice(["Promoted", "Unpromoted"]))
    if rng.random() < 0.3:
        words[0] = f"add colocation {primary} {dependent} {rng.choice(SCORES)}"
        words[1] = "rsc-role=" + rng.choice(["Promoted", "Unpromoted"])
    return " ".join(words)


def order_action(root, rng):
    """An order between actions other than start (promote, demote, stop), of any kind."""
    resources = _top_level(root)
    if len(resources) < 2:
        return ""
    first, then = rng.sample(resources, 2)
    promotable = {p.get("id") for p in _promotables(root)}

    def action(rsc):
        return rng.choice(["start", "stop", "promote", "demote"] if rsc.get("id") in promotable
                          else ["start", "stop"])
    words = [f"add order {first.get('id')} {then.get('id')} {rng.choice(['Mandatory', 'Optional', 'Serialize'])}",
             f"first-action={action(first)}", f"then-action={action(then)}"]
    if rng.random() < 0.4:
        words.append("symmetrical=false")
    return " ".join(words)


def node_attribute_rule(root, rng):
    """A permanent node attribute on some nodes and a location rule on it (also with a role, a
    type, or defined/not_defined)."""
    unames = _unames(root)
    resources = [r.get("id") for r in _top_level(root)]
    if not unames or not resources:
        return ""
    edits = [f"nodeattr {uname} variant-site={rng.choice(['a', 'b', '5', '10'])}"
             for uname in rng.sample(unames, rng.randint(1, len(unames)))]
    operation, value = rng.choice([("eq", "a"), ("ne", "a"), ("gt", "5"), ("lt", "10"), ("gte", "5"),
                                   ("defined", "-"), ("not_defined", "-")])
    rule = f"add rule {rng.choice(resources)} {rng.choice(SCORES)} variant-site {operation} {value}"
    if operation in ("gt", "lt", "gte") and rng.random() < 0.5:
        rule += " type=" + rng.choice(["integer", "number", "string"])
    rsc = rule.split()[2]
    if rsc in {p.get("id") for p in _promotables(root)} and rng.random() < 0.5:
        rule += " role=" + rng.choice(["Promoted", "Unpromoted"])
    return "\n".join(edits + [rule])


def clone_limits(root, rng):
    """clone-max, clone-node-max and (on promotable clones) promoted-max / promoted-node-max."""
    clone = _pick(rng, root.findall(".//configuration/resources//clone") + root.findall(
        ".//configuration/resources//master"))
    if clone is None:
        return ""
    options = ["clone-max=0", "clone-max=1", "clone-max=3", "clone-max=5", "clone-node-max=2", "clone-node-max=3"]
    if clone in _promotables(root):
        options += ["promoted-max=0", "promoted-max=1", "promoted-max=2", "promoted-node-max=2",
                    "master-max=2", "promoted-max=2 promoted-node-max=2"]
    words = rng.choice(options).split()
    return "\n".join(f"meta {clone.get('id')} {word}" for word in words)


def group_stickiness(root, rng):
    """resource-stickiness on a group or a clone (or on one group member)."""
    collective = _pick(rng, [r for r in _resources(root) if r.tag in ("group", "clone", "master")])
    if collective is None:
        return ""
    if collective.tag == "group" and rng.random() < 0.3:
        collective = rng.choice(collective.findall("primitive") or [collective])
    return f"meta {collective.get('id')} resource-stickiness={rng.choice([0, 1, 50, 200, 'INFINITY', '-100'])}"


def probe_history(root, rng):
    """A probe result recorded on a node: found running where not expected, not running, promoted,
    or failed."""
    unames = [s.get("uname") for s in root.findall("status/node_state")]
    primitives = [p for p in root.iterfind(".//configuration/resources//primitive")
                  if p.get("class") != "stonith" and p.get("class") is not None]
    if not unames or not primitives:
        return ""
    primitive = rng.choice(primitives)
    rsc = primitive.get("id")
    if primitive.xpath("ancestor::clone | ancestor::master"):
        known = root.xpath(f"status//lrm_resource[starts-with(@id, '{rsc}:') or @id='{rsc}']/@id")
        rsc = rng.choice(known) if known else rsc
    rc = rng.choice(["0", "0", "7", "8", "1", "5"])
    return f"probe {rsc} on {rng.choice(unames)} rc={rc}"


def pending_operation(root, rng):
    """An operation still in flight (record-pending) for a resource on a node."""
    picked = _pick(rng, _histories(root))
    if picked is None:
        return ""
    state, lrm = picked
    return f"pending {lrm.get('id')} {rng.choice(['start', 'stop', 'start', 'promote', 'demote'])} on " \
           f"{state.get('uname')}"


def start_failure(root, rng):
    """A failed start or monitor with the options that decide what it costs: start-failure-is-fatal,
    migration-threshold, failure-timeout."""
    picked = _pick(rng, _histories(root))
    if picked is None:
        return ""
    state, lrm = picked
    task = rng.choice(["start", "monitor"])
    edits = [rng.choice(["property start-failure-is-fatal=false", "property start-failure-is-fatal=true",
                         f"default migration-threshold={rng.choice([1, 2, 5])}",
                         f"default failure-timeout={rng.choice(['10s', '1d'])}"])]
    if rng.random() < 0.5:
        edits.append(rng.choice([f"default migration-threshold={rng.choice([1, 2])}",
                                 "default failure-timeout=60s", "property start-failure-is-fatal=false"]))
    return "\n".join(edits + [f"fail {lrm.get('id')} {task} rc=1 on {state.get('uname')}" + _own_digest(task, rng)])


def resource_set(root, rng):
    """An order or colocation of one resource set (sequential or not, require-all=false)."""
    resources = [r.get("id") for r in _top_level(root)]
    if len(resources) < 2:
        return ""
    members = rng.sample(resources, min(len(resources), rng.choice([2, 2, 3])))
    kind = rng.choice(["order", "colocation"])
    strength = rng.choice(["Mandatory", "Optional"]) if kind == "order" else rng.choice(
        ["INFINITY", "-INFINITY", "100"])
    options = rng.choice(["", " sequential=false", " require-all=false"] if kind == "order" else
                         ["", " sequential=false"])
    return f"add set {kind} {strength}{options} " + " ".join(members)


def operation_failure(root, rng):
    """A failed stop, promote or demote (with an on-fail for it sometimes), or a monitor turned off
    (enabled=false) or given another interval."""
    picked = _pick(rng, [(s, lrm) for s, lrm in _histories(root)
                         if lrm.xpath("lrm_rsc_op[@operation='start' or @operation='promote' or @rc-code='8']")])
    if picked is None:
        return ""
    state, lrm = picked
    base = lrm.get("id").split(":")[0]
    primitive = _pick(rng, root.xpath(f"configuration/resources//primitive[@id='{base}']"))
    if primitive is None:
        return ""
    if rng.random() < 0.3 and primitive.find("operations/op[@name='monitor']") is not None:
        return f"op {base} monitor " + rng.choice(["enabled=false", "interval=17s", "timeout=1s"])
    promotable = bool(primitive.xpath("ancestor::master | ancestor::clone[meta_attributes/nvpair"
                                      "[@name='promotable' and @value='true']]"))
    task = rng.choice(["stop", "promote", "demote"] if promotable else ["stop"])
    edits = []
    if primitive.find(f"operations/op[@name='{task}']") is not None and rng.random() < 0.5:
        edits.append(f"op {base} {task} on-fail=" + rng.choice(["block", "stop", "restart", "fence", "ignore",
                                                                 "demote", "standby"]))
    return "\n".join(edits + [f"fail {lrm.get('id')} {task} rc={rng.choice([1, 1, 7, 5])} on {state.get('uname')}"])


def node_shutdown(root, rng):
    """A node shutting down (its shutdown attribute set), sometimes with shutdown-lock."""
    state = _pick(rng, root.findall("status/node_state[@crmd='online']"))
    if state is None:
        return ""
    edits = [f"attr {state.get('uname')} shutdown=1600000000"]
    if rng.random() < 0.3:
        edits.append("property shutdown-lock=true")
    return "\n".join(edits)


def date_rule(root, rng):
    """A location whose rule is a date expression (evaluated at the CIB's execution-date or now)."""
    resources = [r.get("id") for r in _top_level(root)]
    if not resources:
        return ""
    operation = rng.choice(["gt", "lt", "in_range"])
    dates = rng.choice([["2000-01-01"], ["2099-01-01"], ["2010-06-01T12:00:00Z"], ["2019-01-01", "2030-01-01"]])
    if operation == "in_range" and len(dates) == 1:
        dates = dates + ["2099-12-31"]
    return f"add daterule {rng.choice(resources)} {rng.choice(SCORES)} {operation} " + " ".join(
        dates[:2] if operation == "in_range" else dates[:1])


def definition_change(root, rng):
    """A resource's definition changed: an instance attribute of a primitive (also a fence device,
    a clone's or group's member) or of a template given another value, or a new one added."""
    element = _pick(rng, list(root.iterfind(".//configuration/resources//primitive"))
                    + list(root.iterfind(".//configuration/resources/template")))
    if element is None:
        return ""
    pairs = [pair for pair in element.findall("instance_attributes/nvpair")    # one word: an edit line's
             if pair.get("name") and len((pair.get("value") or "").split()) == 1]  # words are split on spaces
    if pairs and rng.random() < 0.6:
        pair = rng.choice(pairs)
        value = pair.get("value") or ""
        changed = str(int(value) + 1) if value.isdigit() else value + "-changed"
        return f"param {element.get('id')} {pair.get('name')}={changed}"
    return f"param {element.get('id')} variant-param={rng.choice(['1', 'yes', 'changed'])}"


def fencing_option(root, rng):
    """A fencing option (stonith-action, startup-fencing, concurrent-fencing, priority-fencing-delay with
    a resource priority) or a fence device stopped or unmanaged, often with a node to fence: lost
    (unclean) or configured but never seen."""
    edits = []
    devices = root.xpath("configuration/resources//primitive[@class='stonith']")
    choice = rng.choice(["stonith-action=off", "stonith-action=poweroff", "startup-fencing=false",
                         "concurrent-fencing=true", "priority-fencing-delay=10s", "device"])
    if choice == "device" and devices:
        edits.append(f"meta {rng.choice(devices).get('id')} " + rng.choice(["target-role=Stopped",
                                                                                "is-managed=false"]))
    elif choice != "device":
        edits.append(f"property {choice}")
    if choice == "priority-fencing-delay=10s":
        rsc = _pick(rng, _resources(root))
        if rsc is not None:
            edits.append(f"meta {rsc.get('id')} priority=10")
    state = _pick(rng, root.findall("status/node_state"))
    if state is not None and rng.random() < 0.7:
        edits.append(f"node {state.get('uname')} " + rng.choice(["offline expected=member", "unseen"]))
    return "\n".join(edits)


def migration_history(root, rng):
    """A live migration of a started primitive (not in a clone) recorded part of the way: partial,
    complete but for the source's stop, failed on either side, or pending."""
    started = [(state.get("uname"), lrm.get("id")) for state in root.findall("status/node_state")
               for lrm in state.findall("lrm/lrm_resources/lrm_resource")
               if lrm.get("class") != "stonith" and ":" not in (lrm.get("id") or "")
               and lrm.xpath("lrm_rsc_op[@operation='start' and @rc-code='0']")
               and root.xpath(f"configuration/resources/primitive[@id='{lrm.get('id')}'] | "
                              f"configuration/resources/group/primitive[@id='{lrm.get('id')}']")]
    picked = _pick(rng, started)
    targets = [u for u in _unames(root) if picked and u != picked[0]]
    if picked is None or not targets:
        return ""
    return f"migrate {picked[1]} {picked[0]} to {rng.choice(targets)} " + rng.choice(
        ["partial", "partial", "complete", "failed-to", "failed-from", "pending", "complete-stopped"])


def constraint_option(root, rng):
    """A location with resource-discovery (never, exclusive, always) or a role; a colocation
    with influence=false or a node-attribute (set on some nodes first)."""
    resources = [r.get("id") for r in _top_level(root)]
    unames = _unames(root)
    if not resources or not unames:
        return ""
    if len(resources) < 2 or rng.random() < 0.5:
        words = [f"add location {rng.choice(resources)} {rng.choice(unames)} {rng.choice(SCORES)}"]
        words.append(rng.choice(["resource-discovery=never", "resource-discovery=exclusive",
                                 "resource-discovery=always", "role=Promoted", "role=Unpromoted", "role=Started"]))
        return " ".join(words)
    dependent, primary = rng.sample(resources, 2)
    if rng.random() < 0.5:
        return f"add colocation {dependent} {primary} {rng.choice(SCORES)} influence=false"
    edits = [f"nodeattr {uname} variant-rack={rng.choice(['r1', 'r2'])}"
             for uname in rng.sample(unames, rng.randint(1, len(unames)))]
    return "\n".join(edits + [f"add colocation {dependent} {primary} {rng.choice(SCORES)} node-attribute=variant-rack"])


def builtin_rule(root, rng):
    """A location rule on a built-in node attribute (#uname, #id, #kind, #is_dc, #cluster-name)."""
    unames = _unames(root)
    resources = [r.get("id") for r in _top_level(root)]
    if not unames or not resources:
        return ""
    attribute, operation, value = rng.choice([
        ("#uname", "eq", rng.choice(unames)), ("#uname", "ne", rng.choice(unames)),
        ("#kind", "eq", "cluster"), ("#kind", "ne", "cluster"), ("#kind", "eq", "remote"),
        ("#is_dc", "eq", "true"), ("#is_dc", "ne", "true"), ("#cluster-name", "defined", "-"),
        ("#id", "defined", "-")])
    return f"add rule {rng.choice(resources)} {rng.choice(SCORES)} {attribute} {operation} {value}"


def defaults_rule(root, rng):
    """rsc_defaults or op_defaults that apply under a rule: on one agent's resources (class,
    provider, type) or on one operation (name, interval)."""
    primitives = [p for p in root.iterfind(".//configuration/resources//primitive") if p.get("class")]
    primitive = _pick(rng, primitives)
    if primitive is None:
        return ""
    if rng.random() < 0.6:
        matchers = rng.choice([[f"class={primitive.get('class')}"], [f"type={primitive.get('type')}"],
                               [f"class={primitive.get('class')}", f"type={primitive.get('type')}"]])
        assignment = rng.choice(["resource-stickiness=INFINITY", "resource-stickiness=0", "is-managed=false",
                                 "target-role=Stopped", "migration-threshold=1", "priority=5",
                                 "allow-migrate=true", "maintenance=true"])
        return f"defaultrule rsc {assignment} " + " ".join(matchers)
    ops = primitive.findall("operations/op")
    op = _pick(rng, ops)
    matchers = ["name=monitor"] if op is None else rng.choice([
        [f"name={op.get('name')}"], [f"name={op.get('name')}", f"interval={op.get('interval') or '0'}"]])
    assignment = rng.choice(["timeout=5s", "on-fail=block", "on-fail=stop", "record-pending=true",
                             "enabled=false", "on-fail=ignore"])
    return f"defaultrule op {assignment} " + " ".join(matchers)


def multiply_active(root, rng):
    """A resource found running on one more node by a probe, with a multiple-active policy."""
    picked = _pick(rng, [(state, lrm) for state, lrm in _histories(root) if ":" not in lrm.get("id")
                         and lrm.xpath("lrm_rsc_op[@operation='start' and @rc-code='0']")])
    others = [u for u in (s.get("uname") for s in root.findall("status/node_state[@crmd='online']"))
              if picked is not None and u != picked[0].get("uname")]
    if picked is None or not others:
        return ""
    rsc = picked[1].get("id")
    if not root.xpath(f"configuration/resources//primitive[@id='{rsc}']"):
        return ""
    edits = [f"probe {rsc} on {rng.choice(others)} rc=0"]
    policy = rng.choice(["", "stop_start", "stop_only", "block", "stop_unexpected"])
    if policy:
        edits.append(f"meta {rsc} multiple-active={policy}")
    return "\n".join(edits)


def score_attribute(root, rng):
    """A location rule whose score is a node attribute's value (score-attribute)."""
    unames = _unames(root)
    resources = [r.get("id") for r in _top_level(root)]
    if not unames or not resources:
        return ""
    edits = [f"nodeattr {uname} variant-pref={rng.choice(['-INFINITY', '-100', '0', '50', '200', 'INFINITY'])}"
             for uname in rng.sample(unames, rng.randint(1, len(unames)))]
    return "\n".join(edits + [f"scorerule {rng.choice(resources)} variant-pref"])


def requires_option(root, rng):
    """requires (nothing, quorum, fencing, unfencing) on a resource, with a node lost or quorum gone."""
    rsc = _pick(rng, _resources(root))
    state = _pick(rng, root.findall("status/node_state"))
    if rsc is None or state is None:
        return ""
    edits = [f"meta {rsc.get('id')} requires={rng.choice(['nothing', 'quorum', 'fencing', 'unfencing'])}"]
    edits.append(rng.choice([f"node {state.get('uname')} offline expected=member", "property have-quorum=0",
                             "property stonith-enabled=false"]))
    return "\n".join(edits)


def operation_added(root, rng):
    """A configured operation added: a monitor for the Stopped role (run where the resource is
    not), for the Promoted or Unpromoted role of a promotable instance, another interval, a
    disabled one, or a start with on-fail."""
    primitive = _pick(rng, [p for p in root.iterfind(".//configuration/resources//primitive")
                            if p.get("class") != "stonith"])
    if primitive is None:
        return ""
    promotable = bool(primitive.xpath("ancestor::master | ancestor::clone[meta_attributes/nvpair"
                                      "[@name='promotable' and @value='true']]"))
    choices = ["monitor interval=7s role=Stopped", "monitor interval=13s", "monitor interval=13s enabled=false",
               "monitor interval=7s role=Stopped timeout=20s", "start interval=0 on-fail=block",
               "stop interval=0 on-fail=block"]
    if promotable:
        choices += ["monitor interval=11s role=Promoted", "monitor interval=12s role=Unpromoted",
                    "monitor interval=11s role=Master", "promote interval=0 on-fail=demote"]
    name, *rest = rng.choice(choices).split()
    return f"addop {primitive.get('id')} {name} " + " ".join(rest)


def set_roles(root, rng):
    """An order or colocation of two sets, one with a role or action (promote, demote) on a
    promotable clone, or sequential=false."""
    promotables = [p.get("id") for p in _promotables(root)]
    resources = [r.get("id") for r in _top_level(root)]
    if len(resources) < 2:
        return ""
    first, second = rng.sample(resources, 2)
    kind = rng.choice(["order", "colocation"])
    strength = rng.choice(["Mandatory", "Optional"]) if kind == "order" else rng.choice(["INFINITY", "100", "-INFINITY"])
    if promotables and rng.random() < 0.7:
        second = rng.choice(promotables)
        if second == first:
            first = rng.choice([r for r in resources if r != second])
        option = (rng.choice(["action=promote", "action=demote", "action=start"]) if kind == "order"
                  else rng.choice(["role=Promoted", "role=Unpromoted", "role=Started"]))
    else:
        option = rng.choice(["sequential=false", "require-all=false"] if kind == "order" else ["sequential=false"])
    if rng.random() < 0.5:
        return f"add set {kind} {strength} {first} | {option} {second}"
    return f"add set {kind} {strength} {option} {second} | {first}"


MUTATIONS: tuple[Chooser, ...] = (node_offline, node_standby, target_role, unmanaged, stickiness,
                                  location_score, cluster_option, failed_operation, new_constraint,
                                  clone_meta, failure_handling, resource_change, node_added, utilization,
                                  status_oddity, failure_with_on_fail, migrate_away, ticket_change, node_health,
                                  resource_maintenance, role_colocation, order_action, node_attribute_rule,
                                  clone_limits, group_stickiness, probe_history, pending_operation, start_failure,
                                  resource_set, operation_failure, node_shutdown, date_rule,
                                  definition_change, fencing_option, migration_history, constraint_option,
                                  builtin_rule, defaults_rule, multiply_active, score_attribute, requires_option,
                                  operation_added, set_roles)


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


def real_on_variant(folder, case: str, edits: list[str]) -> tuple[Path, subprocess.CompletedProcess]:
    """Public case `case` with `edits`, written to `folder` (the cases are GPL test data, never copied
    into the repository), and the real `crm_simulate -x FILE -S` on it."""
    from tests.scheduler_verdicts import ORACLE   # it imports this module
    path = Path(folder) / f"{case}.xml"
    path.write_bytes(edited((ORACLE / "cases" / f"{case}.xml").read_bytes(), edits))
    real = subprocess.run(["crm_simulate", "-x", str(path), "-S"], capture_output=True, text=True,
                          env={"LC_ALL": "C", "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"}, timeout=60)
    return path, real


def simulated(path) -> tuple[int, str, str]:
    """`halab crm_simulate -x PATH -S` in-process: rc, stdout, stderr (where only the list of actions is
    refused, scheduler/executing_unlisted.py, the refusal is printed in its place and the summary and
    revised status, what compare.py judges, are printed as modelled)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        rc = crm_simulate(["-x", str(path), "-S"])
    return rc, out.getvalue(), err.getvalue()
