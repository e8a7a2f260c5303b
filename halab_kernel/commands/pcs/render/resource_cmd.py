"""`pcs resource|stonith config --output-format=cmd`: the pcs commands that would create the
resources again, as pcs 0.11.5's resources_to_cmd writes them."""

from __future__ import annotations

from shlex import quote
from typing import Callable

from lxml import etree

from halab_kernel.commands.pcs import cibtools
from halab_kernel.commands.pcs.render.resource_lines import (
    bundle_network_pairs, bundle_runtime, port_map_pairs, storage_map_pairs,
)
from halab_kernel.commands.pcs.sets import LEGACY_ROLES

_STEP = "  "
_TRUE = ("1", "true", "yes", "on", "y")


def _words(words: list[str]) -> str:
    return " ".join(quote(word) for word in words)


def _pairs(pairs: list[tuple[str, str]]) -> str:
    return _words([f"{name}={value}" for name, value in pairs])


def _first_set(element: etree._Element, tag: str, label: str | None = None) -> list[str]:
    """pcs takes the first set of a kind only."""
    nvset = element.find(tag)  # its pairs by id, as pcs's nvset DTO sorts them
    pairs = [(p.get("name", ""), p.get("value", "")) for p in sorted(nvset.findall("nvpair"), key=lambda p: p.get("id", ""))
             ] if nvset is not None else []
    if not pairs:
        return []
    return [f"{label} {_pairs(pairs)}" if label else _pairs(pairs)]


def _operation(op: etree._Element) -> str:
    pairs = [("interval", op.get("interval", "")), ("id", op.get("id", ""))]
    if op.get("start-delay"):
        pairs.append(("start-delay", op.get("start-delay", "")))
    elif op.get("interval-origin"):
        pairs.append(("interval-origin", op.get("interval-origin", "")))
    if op.get("timeout"):
        pairs.append(("timeout", op.get("timeout", "")))
    for key in ("enabled", "record-pending"):
        if op.get(key) is not None:
            pairs.append((key, "1" if op.get(key, "").lower() in _TRUE else "0"))
    if op.get("role"):
        pairs.append(("role", LEGACY_ROLES.get(op.get("role", ""), op.get("role", ""))))
    if op.get("on-fail"):
        pairs.append(("on-fail", op.get("on-fail", "")))
    level = next((p.get("value") for p in op.iterfind("instance_attributes/nvpair")
                  if p.get("name") == "OCF_CHECK_LEVEL"), None)
    if level:
        pairs.append(("OCF_CHECK_LEVEL", level))
    return f"{op.get('name')} {_pairs(pairs)}"


def _primitive(primitive: etree._Element, bundle: str | None = None) -> list[list[str]]:
    stonith = cibtools.is_stonith(primitive)
    operations = [_STEP + _operation(op) for op in primitive.iterfind("operations/op")]
    options = (_first_set(primitive, "instance_attributes") + (["op", *operations] if operations else [])
               + _first_set(primitive, "meta_attributes", "meta") + ([f"bundle {bundle}"] if bundle else []))
    head = _words(["pcs", "stonith" if stonith else "resource", "create", "--no-default-ops", "--force", "--",
                   primitive.get("id", ""), primitive.get("type", "") if stonith else cibtools.agent_name(primitive)])
    commands = [[head] + [_STEP + line for line in options]]
    utilization = _first_set(primitive, "utilization")
    if utilization:
        commands.append([_words(["pcs", "resource", "utilization", primitive.get("id", "")])]
                        + [_STEP + line for line in utilization])
    return commands


def _group(group: etree._Element) -> list[list[str]]:
    commands = [[_words(["pcs", "resource", "group", "add", group.get("id", "")]),
                 _STEP + _words([p.get("id", "") for p in group.findall("primitive")])]]
    meta = _first_set(group, "meta_attributes")
    if meta:
        commands.append([_words(["pcs", "resource", "meta", group.get("id", "")])] + [_STEP + line for line in meta])
    return commands


def _clone(clone: etree._Element) -> list[list[str]]:
    member = next((c.get("id", "") for c in clone if c.tag in ("primitive", "group")), "")
    return [[_words(["pcs", "resource", "clone", member, clone.get("id", "")])]
            + [_STEP + line for line in _first_set(clone, "meta_attributes", "meta")]]


def _bundle(bundle: etree._Element) -> list[list[str]]:
    """`bundle create` with its container, network, maps and meta, then the primitive inside it."""
    runtime = bundle_runtime(bundle)
    assert runtime is not None
    options = [_words(["container", runtime[0]]), _STEP + _pairs(runtime[1])]
    network = bundle_network_pairs(bundle)
    options += [f"network {_pairs(network)}"] if network else []
    options += [f"port-map {_pairs(port_map_pairs(m))}" for m in bundle.iterfind("network/port-mapping")]
    options += [f"storage-map {_pairs(storage_map_pairs(m))}" for m in bundle.iterfind("storage/storage-mapping")]
    options += _first_set(bundle, "meta_attributes", "meta")
    commands = [[_words(["pcs", "resource", "bundle", "create", bundle.get("id", "")])]
                + [_STEP + line for line in options]]
    inner = bundle.find("primitive")
    return commands + (_primitive(inner, bundle.get("id", "")) if inner is not None else [])


def resources_cmd(cib: etree._Element, stonith: bool, only: list[str] | None,
                  warn: Callable[[str], None] = lambda _: None) -> str:
    """Bundles (each with its primitive), then primitives, groups and clones, in document order
    (by id when some are asked for); a bundle of no known container runtime is left out, with a warning."""
    resources = cib.find("configuration/resources")
    if resources is None:
        return ""
    primitives = [p for p in resources.iter("primitive")
                  if (cibtools.is_stonith(p) if stonith else
                      not cibtools.is_stonith(p) or cibtools.resource_parent(p) is not None)]
    groups = [] if stonith else list(resources.iter("group"))
    clones = [] if stonith else list(resources.iter("clone", "master"))
    bundles = [] if stonith else list(resources.iter("bundle"))
    if only:
        wanted: set[str | None] = set()
        for element in resources.iter(*cibtools.RESOURCE_TAGS):
            if element.get("id") in only:
                wanted.update(inner.get("id") for inner in element.iter(*cibtools.RESOURCE_TAGS))
        primitives, groups, clones, bundles = (
            sorted((e for e in kind if e.get("id") in wanted), key=lambda e: e.get("id", ""))
            for kind in (primitives, groups, clones, bundles))
    commands = []
    created = [bundle for bundle in bundles if bundle_runtime(bundle) is not None]
    for bundle in bundles:
        if bundle not in created:
            warn(f"Bundle resource '{bundle.get('id')}' uses unsupported container type, therefore pcs is "
                 "unable to create it. The resource will be omitted.")
        else:
            commands += _bundle(bundle)
    primitives = [p for p in primitives if p.getparent() not in created]
    commands += [c for p in primitives for c in _primitive(p)] + [c for g in groups for c in _group(g)] + \
        [c for clone in clones for c in _clone(clone)]
    return ";\n".join(" \\\n".join(lines) for lines in commands)
