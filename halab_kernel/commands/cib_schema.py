"""Whether a CIB conforms to Pacemaker's schema, as the real tools decide it.

The real cibadmin and crm_attribute validate every change against the schema
and refuse an invalid one with rc 78 ("Update does not conform to the
configured schema"), leaving the CIB as it was; crm_mon, crm_verify and pcs
reading a CIB file validate it first (cib_file's load_file_cib). Pacemaker
2.1.5 validates with libxml2's RELAX NG against the schema the CIB names in
`validate-with` (validate_xml): where Pacemaker's schema files are installed
(/usr/share/pacemaker, Debian's pacemaker-common, GPL data read at run time,
not copied here), so does the simulator, through lxml (the same libxml2
validator). Where they are not (a laptop, Binder), hand-written checks cover
what students get wrong: the four mandatory sections, ids that are not XML ids
(a quote in a name: `nodes-1-a'b`), duplicate ids, attributes or elements in a
foreign namespace, the required attributes of the common elements (a primitive
without class/type), the constraints' and operations' attributes and
enumerations; `schema_verdict()` tells a caller which verdict it got.
tests/commands/test_tool_edges.py and tests/test_cib_schema_files.py compare
the verdicts with the real tools.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from lxml import etree

SCHEMA_DIR = Path("/usr/share/pacemaker")

_XML_ID = re.compile(r"^[^\W\d][\w.\-]*$")
_SCORE = re.compile(r"^\s*(?:[+-]?\d+|[+-]?INFINITY)\s*$")  # score.rng: an xsd integer or (+/-)INFINITY
_SECTIONS = ("crm_config", "nodes", "resources", "constraints")
_REQUIRED = {
    "primitive": ("id", "type"), "group": ("id",), "clone": ("id",), "master": ("id",), "bundle": ("id",),
    "nvpair": ("id", "name"), "op": ("id", "name", "interval"), "node": ("id", "uname"),
    "instance_attributes": ("id",), "meta_attributes": ("id",), "utilization": ("id",),
    "cluster_property_set": ("id",), "rsc_location": ("id",), "rsc_colocation": ("id",), "rsc_order": ("id",),
    "rsc_ticket": ("id", "ticket"), "rule": ("id",), "expression": ("id", "attribute", "operation"),
    "date_expression": ("id", "operation"), "resource_set": ("id",), "fencing-level": ("id", "index", "devices"),
    "tag": ("id",), "alert": ("id", "path"), "recipient": ("id", "value"),
}
_CONSTRAINT_ATTRIBUTES = {  # besides id and score (what `pcs constraint ... foo=bar --force` lets through)
    "rsc_location": {"node", "resource-discovery", "role", "rsc", "rsc-pattern"},
    "rsc_colocation": {"influence", "node-attribute", "rsc", "rsc-role", "with-rsc", "with-rsc-role"},
    "rsc_order": {"first", "first-action", "kind", "require-all", "symmetrical", "then", "then-action"},
    "rsc_ticket": {"loss-policy", "rsc", "rsc-role", "ticket"},
    "resource_set": {"action", "id-ref", "kind", "ordering", "require-all", "role", "sequential"},
}
_OP_ATTRIBUTES = {"id", "name", "interval", "description", "start-delay", "interval-origin", "timeout", "enabled",
                  "record-pending", "role", "on-fail"}
_OP_CHOICES = {
    "enabled": ("true", "false", "1", "0"), "record-pending": ("true", "false", "1", "0"),
    "role": ("Stopped", "Started", "Promoted", "Unpromoted", "Slave", "Master"),
    "on-fail": ("ignore", "block", "demote", "stop", "restart", "standby", "fence", "restart-container"),
}
_CHILDREN = {  # what each container of the configuration may hold (pacemaker-3.9.rng)
    "configuration": {"crm_config", "nodes", "resources", "constraints", "rsc_defaults", "op_defaults", "acls",
                      "fencing-topology", "tags", "alerts"},
    "crm_config": {"cluster_property_set"}, "nodes": {"node"},
    "resources": {"primitive", "group", "clone", "master", "template", "bundle"},
    "constraints": {"rsc_location", "rsc_colocation", "rsc_order", "rsc_ticket"},
    "rsc_defaults": {"meta_attributes"}, "op_defaults": {"meta_attributes"},
}
_REFERENCES = {  # IDREF attributes: they must name an element of the CIB
    "rsc_location": ("rsc",), "rsc_colocation": ("rsc", "with-rsc"), "rsc_order": ("first", "then"),
    "rsc_ticket": ("rsc",), "resource_ref": ("id",), "nvpair": ("id-ref",),
}
_ROLES = ("Stopped", "Started", "Promoted", "Unpromoted", "Slave", "Master")
_ACTIONS = ("start", "promote", "demote", "stop")
_CHOICES = {  # enumerated attributes of the constraints and nodes (constraints-3.9.rng, nodes-3.4.rng, rule-3.1.rng)
    ("rsc_location", "role"): _ROLES, ("rsc_colocation", "rsc-role"): _ROLES,
    ("rsc_colocation", "with-rsc-role"): _ROLES, ("rsc_ticket", "rsc-role"): _ROLES, ("resource_set", "role"): _ROLES,
    ("rsc_order", "kind"): ("Optional", "Mandatory", "Serialize"), ("resource_set", "kind"): ("Optional", "Mandatory",
                                                                                            "Serialize"),
    ("rsc_order", "first-action"): _ACTIONS, ("rsc_order", "then-action"): _ACTIONS, ("resource_set", "action"): _ACTIONS,
    ("rsc_ticket", "loss-policy"): ("stop", "demote", "fence", "freeze"),
    ("expression", "operation"): ("lt", "gt", "lte", "gte", "eq", "ne", "defined", "not_defined"),
    ("expression", "type"): ("string", "integer", "number", "version"),
    ("expression", "value-source"): ("literal", "param", "meta"),
    ("node", "type"): ("normal", "member", "ping", "remote"),
}
_BOOLEANS = {("rsc_order", "symmetrical"), ("rsc_order", "require-all"), ("resource_set", "sequential"),
             ("resource_set", "require-all")}  # xsd:boolean
_NVSET = ({"id", "id-ref", "score"}, {"nvpair", "rule"})  # nvset-3.9.rng
_RESOURCE_EXTRA = {"meta_attributes", "instance_attributes"}
_ELEMENT_CONTENT = {  # attributes and children an element may have (resources-, nodes-, nvset-, rule-3.9.rng)
    "primitive": ({"id", "class", "provider", "type", "description", "template"},
                  {"instance_attributes", "meta_attributes", "utilization", "operations"}),
    "group": ({"id", "description"}, {"primitive"} | _RESOURCE_EXTRA),
    "clone": ({"id", "description"}, {"primitive", "group"} | _RESOURCE_EXTRA),
    "operations": ({"id", "id-ref"}, {"op"}), "op": (_OP_ATTRIBUTES, _RESOURCE_EXTRA),
    "meta_attributes": _NVSET, "instance_attributes": _NVSET, "utilization": _NVSET, "cluster_property_set": _NVSET,
    "nvpair": ({"id", "id-ref", "name", "value"}, set()), "crm_config": (set(), {"cluster_property_set"}),
    "node": ({"id", "uname", "type", "description", "score"}, {"instance_attributes", "utilization"}),
    "rule": ({"id", "id-ref", "score", "score-attribute", "boolean-op", "role"},
             {"expression", "date_expression", "rule", "rsc_expression", "op_expression"}),
    "expression": ({"id", "attribute", "operation", "value", "type", "value-source"}, set()),
    **{tag: (attributes | {"id", "score"}, {"resource_set", "lifetime"} | ({"rule"} if tag == "rsc_location" else set()))
       for tag, attributes in _CONSTRAINT_ATTRIBUTES.items() if tag != "resource_set"},
}
_PRIMITIVE_CLASSES = ("ocf", "lsb", "heartbeat", "stonith", "upstart", "service", "systemd", "nagios")


def schema_problem(root: etree._Element) -> str | None:
    """Why `root` (a whole CIB) would fail pacemaker's schema, or None if it conforms: libxml2's first
    complaint against the installed schema it names, else the hand-written checks' (schema_verdict)."""
    return schema_verdict(root)[0]


def schema_verdict(root: etree._Element) -> tuple[str | None, bool]:
    """(schema_problem(root), whether that is the real schema's verdict, its file being installed, rather than
    only the hand-written checks')."""
    verdict = _relaxng_verdict(root)
    return (_hand_problem(root), False) if verdict is _UNCHECKED else (verdict, True)


_UNCHECKED = "unchecked"


@functools.lru_cache(maxsize=None)
def _schema(name: str) -> etree.RelaxNG | None:
    """The installed schema `name` (pacemaker-3.9, ...), None when its file is not there."""
    path = SCHEMA_DIR / f"{name}.rng"
    if not re.fullmatch(r"pacemaker-[0-9.]+|pacemaker-next", name) or not path.is_file():
        return None
    return etree.RelaxNG(etree.parse(str(path)))


def _installed_schemas() -> list[str]:
    """The pacemaker-X.Y schemas installed, oldest first (known_schemas' order)."""
    found = [path.stem for path in SCHEMA_DIR.glob("pacemaker-*.rng") if re.fullmatch(r"pacemaker-[0-9]+\.[0-9]+",
                                                                                       path.stem)]
    return sorted(found, key=lambda name: tuple(int(part) for part in name.split("-")[1].split(".")))


def _relaxng_verdict(root: etree._Element) -> str | None:
    """validate_xml: "none" validates nothing; a CIB naming no schema conforms if any installed one takes
    it; else libxml2's first complaint against the schema named (None: it conforms). _UNCHECKED when that
    schema is not installed (or is one 2.1.5 only upgrades from: pacemaker-0.x/1.1, transitional-0.6)."""
    validation = root.get("validate-with")
    if validation == "none":
        return None
    if validation is None:
        schemas = [schema for schema in map(_schema, _installed_schemas()) if schema is not None]
        if not schemas:
            return _UNCHECKED
        return None if any(schema.validate(root) for schema in schemas) else "it conforms to no installed schema"
    schema = _schema(validation)
    if schema is None:
        return _UNCHECKED
    if schema.validate(root):
        return None
    error = schema.error_log[0] if len(schema.error_log) else None
    return f"line {error.line}: {error.message}" if error is not None else f"it does not conform to {validation}"


def _hand_problem(root: etree._Element) -> str | None:
    """The hand-written checks: why `root` would fail pacemaker's schema, or None if they pass."""
    configuration = root.find("configuration") if root.tag == "cib" else None
    if configuration is None or any(configuration.find(name) is None for name in _SECTIONS):
        return "a mandatory section is missing"
    for child in root:
        if isinstance(child.tag, str) and child.tag not in ("configuration", "status"):
            return f"<{child.tag}> is not allowed in <cib>"
    for container, allowed in _CHILDREN.items():
        for section in [configuration] if container == "configuration" else configuration.iterchildren(container):
            for child in section:
                if isinstance(child.tag, str) and child.tag not in allowed:
                    return f"<{child.tag}> is not allowed in <{container}>"
    seen: set[str] = set()
    for element in configuration.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag.startswith("{") or any(name.startswith("{") for name in element.attrib):
            return f"foreign namespace in <{etree.QName(element).localname}>"
        for name in _REQUIRED.get(element.tag, ()):
            if name not in element.attrib and not (element.tag == "primitive" and "template" in element.attrib) \
                    and not (element.tag == "nvpair" and "id-ref" in element.attrib):  # nvset-3.0.rng: a reference
                return f"<{element.tag}> needs {name}"
        element_id = element.get("id")
        if element_id is None or element.tag in ("obj_ref", "resource_ref", "role", "node"):  # node ids are text
            continue
        if not _XML_ID.match(element_id):
            return f"'{element_id}' is not a valid XML id"
        if element_id in seen:
            return f"id '{element_id}' is used twice"
        seen.add(element_id)
    for element in configuration.iter(*_REFERENCES):
        for name in _REFERENCES[element.tag]:
            if name in element.attrib and element.get(name) not in seen:
                return f"<{element.tag}> {name}='{element.get(name)}' names no element"
    for element in configuration.iter(*_CONSTRAINT_ATTRIBUTES):
        unknown = sorted(set(element.attrib) - _CONSTRAINT_ATTRIBUTES[element.tag] - {"id", "score"})
        if unknown:
            return f"<{element.tag}> has no attribute {unknown[0]}"
    for element in configuration.iter("rsc_location", "rsc_colocation", "rsc_order", "rule"):
        if "score" in element.attrib and not _SCORE.match(element.get("score", "")):
            return f"score '{element.get('score')}' is not an integer or INFINITY"
    for (tag, name), choices in _CHOICES.items():
        for element in configuration.iter(tag):
            if name in element.attrib and element.get(name) not in choices:
                return f"<{tag}> {name}={element.get(name)!r} is not one of {', '.join(choices)}"
    for tag, name in _BOOLEANS:
        for element in configuration.iter(tag):
            if name in element.attrib and element.get(name) not in ("true", "false", "1", "0"):
                return f"<{tag}> {name}={element.get(name)!r} is not a boolean"
    problem = _content_problem(configuration)
    if problem:
        return problem
    for op in configuration.iter("op"):
        problem = _op_problem(op)
        if problem:
            return problem
    for group in configuration.iter("group"):
        if group.find("primitive") is None:
            return f"group '{group.get('id')}' has no primitive"
    for location in configuration.iter("rsc_location"):
        if location.find("rule") is None and not {"node", "score"} <= set(location.attrib):
            return f"rsc_location '{location.get('id')}' needs a node and a score, or a rule"
    for primitive in configuration.iter("primitive"):
        if "template" not in primitive.attrib and primitive.get("class") not in _PRIMITIVE_CLASSES:
            return f"primitive '{primitive.get('id')}' has no valid class"
        if primitive.get("class") == "ocf" and "provider" not in primitive.attrib:
            return f"ocf primitive '{primitive.get('id')}' needs a provider"
        if primitive.get("class") not in ("ocf", None) and "provider" in primitive.attrib:
            return f"only an ocf primitive takes a provider ('{primitive.get('id')}')"
    for clone in configuration.iter("clone", "master"):
        if len([child for child in clone if child.tag in ("primitive", "group")]) != 1:
            return f"{clone.tag} '{clone.get('id')}' must hold one resource"
    return None


def _content_problem(configuration: etree._Element) -> str | None:
    """Attributes and children outside an element's schema; rules with their operators."""
    for tag, (attributes, children) in _ELEMENT_CONTENT.items():
        for element in configuration.iter(tag):
            unknown = sorted(set(element.attrib) - attributes) + \
                [str(child.tag) for child in element if isinstance(child.tag, str) and child.tag not in children]
            if unknown:
                return f"<{tag}> cannot hold {unknown[0]}"
    for pair in configuration.iter("nvpair"):
        if "id-ref" in pair.attrib and ("id" in pair.attrib or "value" in pair.attrib):
            return "an <nvpair> with id-ref takes no id and no value"
    for location in configuration.iter("rsc_location"):
        if location.find("rule") is not None and {"node", "score"} & set(location.attrib):
            return f"rsc_location '{location.get('id')}' takes a node and a score, or rules, not both"
    for rule in configuration.iter("rule"):
        if rule.get("boolean-op", "and") not in ("and", "or"):
            return f"rule '{rule.get('id')}' boolean-op must be and or or"
        if not any(isinstance(child.tag, str) and child.tag.endswith(("expression", "rule")) for child in rule):
            return f"rule '{rule.get('id')}' holds no expression"
    for expression in configuration.iter("date_expression"):
        if expression.get("operation") not in ("in_range", "gt", "lt", "date_spec"):
            return f"date_expression operation {expression.get('operation')!r} is not in_range, gt, lt or date_spec"
    return None


def epoch_of(root: etree._Element) -> tuple[int, int, int]:
    """(admin_epoch, epoch, num_updates): which of two CIBs is newer; missing counts as 0."""
    def number(name: str) -> int:
        try:
            return int(root.get(name, "0"))
        except ValueError:
            return 0
    return number("admin_epoch"), number("epoch"), number("num_updates")


def _op_problem(op: etree._Element) -> str | None:
    """An operation's attributes: only the schema's, enumerated ones from their lists, and a
    start-delay or an interval-origin, not both (what `pcs ... --force` lets through)."""
    unknown = sorted(set(op.attrib) - _OP_ATTRIBUTES)
    if unknown:
        return f"<op> has no attribute {unknown[0]}"
    if "start-delay" in op.attrib and "interval-origin" in op.attrib:
        return "<op> takes start-delay or interval-origin, not both"
    for name, allowed in _OP_CHOICES.items():
        if name in op.attrib and op.get(name) not in allowed:
            return f"<op> {name}={op.get(name)!r} is not one of {', '.join(allowed)}"
    return None
