"""Building `<primitive>` elements the way `pcs resource create` / `stonith create` does."""

from __future__ import annotations

from lxml import etree

from halab_kernel.commands.pcs import cibtools
from halab_kernel.commands.pcs.agents import ResolvedAgent, default_operations
from halab_kernel.commands.pcs.errors import PcsError


def check_new_id(cib: etree._Element, resource_id: str, description: str = "resource name") -> None:
    """The id checks pcs makes first, before looking at the agent (plain Error line)."""
    problem = cibtools.id_problem(resource_id, description)
    if problem:
        raise PcsError(f"Error: {problem}")
    if cibtools.id_exists(cib, resource_id):
        raise PcsError(f"Error: '{resource_id}' already exists")


def build_primitive(cib: etree._Element, resource_id: str, agent: ResolvedAgent,
                    attributes: dict[str, str], meta: dict[str, str],
                    user_operations: list[dict[str, str]], no_default_ops: bool) -> etree._Element:
    primitive = etree.Element("primitive", id=resource_id)
    primitive.set("class", agent.standard)
    primitive.set("type", agent.type)
    if agent.provider:
        primitive.set("provider", agent.provider)
    reserved = {resource_id}
    if any(value for value in attributes.values()):
        _append_nvset(primitive, "instance_attributes", f"{resource_id}-instance_attributes",
                      attributes, reserved, cib)
    if meta:  # pcs's append_new_nvset writes an empty value too (`meta a=` -> value="")
        _append_nvset(primitive, "meta_attributes", f"{resource_id}-meta_attributes",
                      meta, reserved, cib, keep_empty=True)
    operations = etree.SubElement(primitive, "operations")
    for op in complete_operations(agent, user_operations, no_default_ops):
        if "id" in op and (op["id"] in reserved or cibtools.id_exists(cib, op["id"])):
            raise PcsError(f"Error: '{op['id']}' already exists")  # pcs's id provider, as it builds the op
        append_operation(cib, operations, resource_id, op, reserved)
    return primitive


def complete_operations(agent: ResolvedAgent, user_operations: list[dict[str, str]],
                        no_default_ops: bool) -> list[dict[str, str]]:
    """User ops (with default intervals) plus the agent's defaults for other names, by name."""
    given_names = {op["name"] for op in user_operations}
    completed = []
    for op in user_operations:
        op = {key: value for key, value in op.items() if value != ""}
        op.setdefault("interval", "60s" if op["name"] == "monitor" else "0s")
        if "role" in op:
            op["role"] = _role_for_cib(op["role"])
        completed.append(op)
    defaults = [op for op in default_operations(agent, no_default_ops) if op["name"] not in given_names]
    return sorted(completed + defaults, key=lambda op: op["name"])


def _role_for_cib(role: str) -> str:
    role = role.capitalize()
    return {"Master": "Promoted", "Slave": "Unpromoted"}.get(role, role)


def append_operation(cib: etree._Element, operations: etree._Element, resource_id: str,
                     op: dict[str, str], reserved: set[str], legacy_ids: bool = False) -> etree._Element:
    """Append an `<op>`; `legacy_ids` names OCF_CHECK_LEVEL's set as `pcs resource op add` does."""
    attrs = {key: value for key, value in op.items() if key not in ("OCF_CHECK_LEVEL", "id")}
    element = etree.SubElement(operations, "op")
    for key in ("name", "interval"):
        element.set(key, attrs.pop(key))
    for key, value in attrs.items():
        element.set(key, value)
    op_id = op.get("id") or cibtools.unique_id(
        cib, cibtools.sanitize_id(f"{resource_id}-{op['name']}-interval-{op['interval']}"), reserved)
    reserved.add(op_id)
    element.set("id", op_id)
    level = op.get("OCF_CHECK_LEVEL")
    if level:
        set_id, pair_id = ((f"params-{op_id}", f"{op_id}-OCF_CHECK_LEVEL-{level}") if legacy_ids
                           else (f"{op_id}-instance_attributes", f"{op_id}-instance_attributes-OCF_CHECK_LEVEL"))
        nv = etree.SubElement(element, "instance_attributes", id=cibtools.unique_id(cib, set_id, reserved))
        etree.SubElement(nv, "nvpair", id=cibtools.unique_id(cib, cibtools.sanitize_id(pair_id), reserved),
                         name="OCF_CHECK_LEVEL", value=level)
    return element


def _append_nvset(parent: etree._Element, tag: str, set_id: str, values: dict[str, str],
                  reserved: set[str], cib: etree._Element, keep_empty: bool = False) -> None:
    set_id = cibtools.unique_id(cib, set_id, reserved)
    reserved.add(set_id)
    element = etree.SubElement(parent, tag, id=set_id)
    for name in sorted(values):
        if values[name] == "" and not keep_empty:
            continue
        pair_id = cibtools.unique_id(cib, cibtools.sanitize_id(f"{set_id}-{name}"), reserved)
        reserved.add(pair_id)
        etree.SubElement(element, "nvpair", id=pair_id, name=name, value=values[name])
