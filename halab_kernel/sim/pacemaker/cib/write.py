"""Frozen CIB -> XML text (lxml), the inverse of parse.py for everything it models."""

from __future__ import annotations

from lxml import etree

from .model import Cib, Clone, Group, Primitive
from .scores import score_text


def _nvset(parent, tag: str, set_id: str, values: dict) -> None:
    if not values:
        return
    block = etree.SubElement(parent, tag, id=set_id)
    for name, value in values.items():
        attrs = {"id": f"{set_id}-{name}", "name": name}
        if value is not None:
            attrs["value"] = str(value)
        etree.SubElement(block, "nvpair", attrs)


def _primitive(parent, rsc: Primitive) -> None:
    attrs = {"id": rsc.id, "class": rsc.standard, "type": rsc.agent_type}
    if rsc.provider:
        attrs["provider"] = rsc.provider
    element = etree.SubElement(parent, "primitive", attrs)
    _nvset(element, "instance_attributes", f"{rsc.id}-instance_attributes", rsc.params)
    meta = {k: v for k, v in rsc.meta.items() if k not in rsc.params}
    _nvset(element, "meta_attributes", f"{rsc.id}-meta_attributes", meta)
    if rsc.operations:
        ops = etree.SubElement(element, "operations")
        for op in rsc.operations:
            op_attrs = {"id": op.id, "name": op.name, "interval": f"{op.interval_ms // 1000}s"
                        if op.interval_ms % 1000 == 0 else f"{op.interval_ms}ms"}
            if op.on_fail:
                op_attrs["on-fail"] = op.on_fail
            if op.role:
                op_attrs["role"] = op.role
            if op.timeout:
                op_attrs["timeout"] = op.timeout
            if not op.enabled:
                op_attrs["enabled"] = "false"
            etree.SubElement(ops, "op", op_attrs)


def _resource(parent, rsc) -> None:
    if isinstance(rsc, Primitive):
        _primitive(parent, rsc)
    elif isinstance(rsc, Group):
        element = etree.SubElement(parent, "group", id=rsc.id)
        _nvset(element, "meta_attributes", f"{rsc.id}-meta_attributes", rsc.meta)
        for member in rsc.members:
            _primitive(element, member)
    elif isinstance(rsc, Clone):
        element = etree.SubElement(parent, "clone", id=rsc.id)
        meta = dict(rsc.meta)
        if rsc.promotable:
            meta.setdefault("promotable", "true")
        _nvset(element, "meta_attributes", f"{rsc.id}-meta_attributes", meta)
        _resource(element, rsc.child)


def to_xml(cib: Cib) -> str:
    """Serialise the configuration and status this model holds."""
    root = etree.Element("cib", {k: v for k, v in cib.cib_attributes.items()})
    config = etree.SubElement(root, "configuration")
    crm_config = etree.SubElement(config, "crm_config")
    _nvset(crm_config, "cluster_property_set", "cib-bootstrap-options", cib.properties)
    nodes = etree.SubElement(config, "nodes")
    for node in cib.nodes:
        element = etree.SubElement(nodes, "node", id=node.id, uname=node.uname, type=node.node_type)
        _nvset(element, "instance_attributes", f"nodes-{node.id}", node.attributes)
    resources = etree.SubElement(config, "resources")
    for rsc in cib.resources:
        _resource(resources, rsc)
    constraints = etree.SubElement(config, "constraints")
    for loc in cib.locations:
        if loc.rules or loc.node is None:
            continue   # rules are evaluated, not re-serialised
        etree.SubElement(constraints, "rsc_location", id=loc.id, rsc=loc.resource, node=loc.node,
                         score=score_text(loc.score))
    for col in cib.colocations:
        etree.SubElement(constraints, "rsc_colocation", id=col.id, rsc=col.resource,
                         **{"with-rsc": col.with_resource, "score": score_text(col.score)})
    for order in cib.orders:
        etree.SubElement(constraints, "rsc_order", id=order.id, first=order.first, then=order.then,
                         kind=order.kind, symmetrical="true" if order.symmetrical else "false",
                         **{"first-action": order.first_action, "then-action": order.then_action})
    if cib.rsc_defaults:
        block = etree.SubElement(config, "rsc_defaults")
        _nvset(block, "meta_attributes", "rsc-options", cib.rsc_defaults)
    if cib.op_defaults:
        block = etree.SubElement(config, "op_defaults")
        _nvset(block, "meta_attributes", "op-options", cib.op_defaults)
    status = etree.SubElement(root, "status")
    for state in cib.node_states:
        attrs = {"id": state.id}
        for key, value in (("uname", state.uname), ("in_ccm", state.in_ccm), ("crmd", state.crmd),
                           ("join", state.join), ("expected", state.expected)):
            if value is not None:
                attrs[key] = value
        element = etree.SubElement(status, "node_state", attrs)
        if state.transient:
            transient = etree.SubElement(element, "transient_attributes", id=state.id)
            _nvset(transient, "instance_attributes", f"status-{state.id}", state.transient)
        lrm = etree.SubElement(element, "lrm", id=state.id)
        lrm_resources = etree.SubElement(lrm, "lrm_resources")
        for history in state.history:
            rsc_attrs = {"id": history.id}
            for key, value in (("class", history.standard), ("provider", history.provider),
                               ("type", history.agent_type)):
                if value:
                    rsc_attrs[key] = value
            rsc_element = etree.SubElement(lrm_resources, "lrm_resource", rsc_attrs)
            for record in history.operations:
                op_attrs = {"id": record.id, "operation": record.operation,
                            "call-id": str(record.call_id), "rc-code": str(record.rc_code),
                            "op-status": str(record.op_status), "interval": str(record.interval_ms)}
                if record.operation_key:
                    op_attrs["operation_key"] = record.operation_key
                if record.transition_key:
                    op_attrs["transition-key"] = record.transition_key
                if record.last_rc_change:
                    op_attrs["last-rc-change"] = str(record.last_rc_change)
                etree.SubElement(rsc_element, "lrm_rsc_op", op_attrs)
    return etree.tostring(root, pretty_print=True).decode()
