"""Mutated copies of scheduler CIBs for crm_verify's differential (bench_crm_verify_scheduler.py --mutate).

Each mutation is one configuration mistake an operator can make with cibadmin or a hand-edited file
(a duplicate or non-recurring operation, a bad role, option value, on-fail, requires, priority or
score, a missing reference, fencing without devices); a case gets one or two, drawn from its seed.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Callable

from lxml import etree

_OPTIONS = ("no-quorum-policy", "stonith-action", "placement-strategy", "symmetric-cluster", "stonith-enabled",
            "maintenance-mode", "batch-limit", "cluster-delay", "stonith-timeout", "start-failure-is-fatal",
            "node-health-strategy", "migration-limit")
_VALUES = ("bogus", "-1", "0", "yes", "10s", "1.5", "INFINITY", "suicide", "off", "#default", "")
_ROLES = ("Unpromoted", "Promoted", "Slave", "Master", "Started", "Stopped", "bogus", "#default", "default",
          "started")
_ON_FAIL = ("stop", "bogus", "fence", "demote", "block", "ignore", "restart", "standby", "restart-container")
_ACTIONS = ("start", "stop", "monitor", "promote", "demote", "migrate_to", "reload", "notify", "meta-data")


def _primitives(root: etree._Element) -> list[etree._Element]:
    return root.findall("configuration/resources//primitive")


def _meta(element: etree._Element, name: str, value: str) -> None:
    block = element.find("meta_attributes")
    if block is None:
        block = etree.SubElement(element, "meta_attributes", id=f"{element.get('id')}-mut-meta")
    for pair in block.iterfind("nvpair"):
        if pair.get("name") == name:
            pair.set("value", value)
            return
    etree.SubElement(block, "nvpair", id=f"{element.get('id')}-mut-{name}", name=name, value=value)


def _ops(primitive: etree._Element) -> etree._Element:
    ops = primitive.find("operations")
    if ops is None:
        ops = etree.SubElement(primitive, "operations")
    return ops


def _dup_op(root: etree._Element, rng: random.Random) -> None:
    prim = rng.choice(_primitives(root))
    ops = _ops(prim)
    recurring = [op for op in ops.iterfind("op") if op.get("interval", "0") not in ("0", "0s")]
    base = rng.choice(recurring) if recurring else etree.SubElement(
        ops, "op", id=f"{prim.get('id')}-mut-mon", name="monitor", interval="10s")
    twin = copy.deepcopy(base)
    twin.set("id", f"{base.get('id')}-twin")
    interval = base.get("interval", "10s")
    twin.set("interval", rng.choice((interval, interval.rstrip("s") + "000ms" if interval.endswith("s") and
                                     interval[:-1].isdigit() else interval)))
    if rng.random() < 0.3:
        twin.set("role", rng.choice(("Stopped", "Promoted", "Unpromoted")))
    ops.append(twin)


def _odd_op(root: etree._Element, rng: random.Random) -> None:
    prim = rng.choice(_primitives(root))
    name = rng.choice(_ACTIONS)
    etree.SubElement(_ops(prim), "op", id=f"{prim.get('id')}-mut-{name}", name=name,
                     interval=rng.choice(("0", "10s", "20s", "abc")),
                     **({"on-fail": rng.choice(_ON_FAIL)} if rng.random() < 0.6 else {}),
                     **({"role": rng.choice(_ROLES)} if rng.random() < 0.3 else {}))


def _on_fail(root: etree._Element, rng: random.Random) -> None:
    ops = root.findall("configuration/resources//primitive/operations/op")
    if not ops:
        return _odd_op(root, rng)
    rng.choice(ops).set("on-fail", rng.choice(_ON_FAIL))


def _role(root: etree._Element, rng: random.Random) -> None:
    resources = root.findall("configuration/resources//*[@id]")
    resources = [r for r in resources if r.tag in ("primitive", "group", "clone", "master")]
    _meta(rng.choice(resources), "target-role", rng.choice(_ROLES))


def _meta_value(root: etree._Element, rng: random.Random) -> None:
    resources = [r for r in root.findall("configuration/resources//*[@id]")
                 if r.tag in ("primitive", "group", "clone", "master")]
    name, values = rng.choice((("requires", ("nothing", "quorum", "fencing", "unfencing", "bogus")),
                               ("multiple-active", ("block", "stop_only", "bogus")),
                               ("priority", ("1.5", "abc", "10", "-5", "INFINITY")),
                               ("resource-stickiness", ("abc", "1.5", "INFINITY", "-INFINITY")),
                               ("migration-threshold", ("abc", "3", "0")),
                               ("clone-node-max", ("2", "1", "abc")), ("is-managed", ("false", "bogus"))))
    _meta(rng.choice(resources), name, rng.choice(values))


def _option(root: etree._Element, rng: random.Random) -> None:
    config = root.find("configuration/crm_config")
    if config is None:
        return
    block = config.find("cluster_property_set")
    if block is None:
        block = etree.SubElement(config, "cluster_property_set", id="mut-options")
    name = rng.choice(_OPTIONS)
    for pair in block.iterfind("nvpair"):
        if pair.get("name") == name:
            pair.set("value", rng.choice(_VALUES))
            return
    etree.SubElement(block, "nvpair", id=f"mut-{name}", name=name, value=rng.choice(_VALUES))


def _fencing(root: etree._Element, rng: random.Random) -> None:
    for device in root.findall("configuration/resources//primitive[@class='stonith']"):
        parent = device.getparent()
        if parent is not None and rng.random() < 0.8:
            parent.remove(device)
    for pair in root.iterfind("configuration/crm_config//nvpair[@name='stonith-enabled']"):
        pair.set("value", rng.choice(("true", "false", "1")))


def _constraint(root: etree._Element, rng: random.Random) -> None:
    constraints = root.find("configuration/constraints")
    if constraints is None:
        return
    prim = rng.choice(_primitives(root))
    nodes = [n.get("uname", "") for n in root.iterfind("configuration/nodes/node")] or ["nowhere"]
    rsc = rng.choice((prim.get("id", ""), "missing-rsc"))
    kind = rng.choice(("location", "colocation", "order"))
    if kind == "location":
        etree.SubElement(constraints, "rsc_location", id="mut-loc", rsc=rsc, node=rng.choice(nodes + ["ghost"]),
                         score=rng.choice(("100", "abc", "INFINITY", "1.5", "+inf")))
    elif kind == "colocation":
        etree.SubElement(constraints, "rsc_colocation", id="mut-col", rsc=rsc, score=rng.choice(("100", "abc")),
                         **{"with-rsc": rng.choice((prim.get("id", ""), "missing-other"))})
    else:
        etree.SubElement(constraints, "rsc_order", id="mut-ord", first=rsc, then=rng.choice(
            (prim.get("id", ""), "missing-other")), kind=rng.choice(("Mandatory", "Optional", "bogus")))


MUTATIONS: tuple[Callable[[etree._Element, random.Random], None], ...] = (
    _dup_op, _dup_op, _odd_op, _on_fail, _role, _role, _meta_value, _option, _option, _fencing, _constraint)


def mutate(root: etree._Element, seed: str) -> etree._Element:
    """A copy of the CIB with one or two mutations drawn from `seed` (the case's name and the run's seed)."""
    rng = random.Random(seed)
    mutated = copy.deepcopy(root)
    if not _primitives(mutated):
        return mutated
    for _ in range(rng.choice((1, 1, 2))):
        rng.choice(MUTATIONS)(mutated, rng)
    return mutated
