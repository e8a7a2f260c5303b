"""Seeded variants of the public scheduler cases: one edit language for the bench and the tests.

The held-back cases of Pacemaker 2.1.5's suite come from the same families as the public ones,
so the honesty rule is probed off the public path: a public case's CIB with one or two edits
(a node offline, in standby or maintenance; a resource's target-role or is-managed changed; a
failed monitor or start recorded; stickiness, a location score, a cluster option or quorum
changed). Each edit is a line of text (`node n1 offline expected=down`, `meta rsc
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


def _fail(root, rsc: str, task: str, rc_text: str, _on: str, uname: str) -> None:
    """A failed monitor (at the resource's configured interval if any) or start, recorded as a
    controller does: the operation's own entry, its `_last_failure_0` copy (a start: also
    `_last_0`), and the node's fail-count and last-failure attributes."""
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
                              "interval": interval, "rc-code": rc, "op-status": "0", "call-id": str(call),
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


EDITS: dict[str, Callable[..., None]] = {
    "node": _node, "meta": _meta, "default": _default, "location": _location,
    "property": _property, "fail": _fail,
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
                                     "no-quorum-policy=ignore", "have-quorum=0", "symmetric-cluster=false"])


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


MUTATIONS: tuple[Chooser, ...] = (node_offline, node_standby, target_role, unmanaged, stickiness,
                                  location_score, cluster_option, failed_operation)


def mutate(xml: bytes, rng: random.Random, kinds: tuple[Chooser, ...] = MUTATIONS) -> tuple[bytes, list[str]]:
    """One or two random edits of a case's CIB (reproducible by the generator's seed)."""
    root = etree.fromstring(xml)
    done = []
    for chooser in rng.sample(kinds, rng.choice([1, 1, 2])):
        edit = chooser(root, rng)
        if edit:
            try:
                apply(root, edit)
            except EditError:
                continue
            done.append(edit)
    return etree.tostring(root), done
