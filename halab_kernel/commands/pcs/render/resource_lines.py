"""`pcs resource config` / `pcs stonith config` text, as pcs 0.11 prints it."""

from __future__ import annotations

from datetime import datetime

from lxml import etree

from halab_kernel.commands.pcs.errors import PcsError
from halab_kernel.commands.pcs.sets import LEGACY_ROLES

INDENT = "  "


def _quote(text: str) -> str:
    """pcs's str_tools.quote(text, "= "): quoted only when it holds '=' or a space."""
    if not {"=", " "} & set(text):
        return text
    if '"' not in text:
        return f'"{text}"'
    if "'" not in text:
        return f"'{text}'"
    return '"{}"'.format(text.replace('"', '\\"'))


def name_value(name: str, value: str) -> str:
    """pcs's format_name_value_list item."""
    return f"{_quote(name)}={_quote(value)}"


def _indent(lines: list[str], level: int = 1) -> list[str]:
    return [INDENT * level + line for line in lines]


def _nvset(element: etree._Element | None, label: str) -> list[str]:
    if element is None:
        return []
    pairs = sorted((p.get("name", ""), p.get("value", "")) for p in element.findall("nvpair"))
    if not pairs:
        return []  # pcs does not show an empty set
    return [f"{label}: {element.get('id')}"] + _indent([name_value(n, v) for n, v in pairs])


def _operation(op: etree._Element) -> list[str]:
    pairs = [("interval", op.get("interval", ""))]
    if op.get("start-delay"):
        pairs.append(("start-delay", op.get("start-delay")))
    elif op.get("interval-origin"):
        pairs.append(("interval-origin", op.get("interval-origin")))
    for key in ("timeout", "enabled", "record-pending", "role", "on-fail"):
        if op.get(key):
            value = op.get(key)
            if key in ("enabled", "record-pending"):
                value = "1" if value.lower() in ("1", "true", "yes", "on", "y") else "0"
            if key == "role":
                value = LEGACY_ROLES.get(value, value)  # pcs shows Slave as Unpromoted
            pairs.append((key, value))
    level = next((p.get("value") for p in op.iter("nvpair") if p.get("name") == "OCF_CHECK_LEVEL"), None)
    if level:
        pairs.append(("OCF_CHECK_LEVEL", level))
    return [f"{op.get('name')}: {op.get('id')}"] + _indent([name_value(n, v) for n, v in pairs])


def primitive_lines(primitive: etree._Element) -> list[str]:
    kind = primitive.get("class")
    provider = f" provider={primitive.get('provider')}" if primitive.get("provider") else ""
    lines = [f"Resource: {primitive.get('id')} (class={kind}{provider} type={primitive.get('type')})"]
    body: list[str] = []
    if primitive.get("description"):
        body.append(f"Description: {primitive.get('description')}")
    body += _nvset(primitive.find("instance_attributes"), "Attributes")
    body += _nvset(primitive.find("meta_attributes"), "Meta Attributes")
    body += _nvset(primitive.find("utilization"), "Utilization")
    operations = primitive.findall("operations/op")
    if operations:
        body.append("Operations:")
        for op in operations:
            body += _indent(_operation(op))
    return lines + _indent(body)


def _wrapper_sets(element: etree._Element) -> list[str]:
    """A group's or clone's description and own sets (a hand-written CIB may give them instance attributes)."""
    described = [f"Description: {element.get('description')}"] if element.get("description") else []
    return described + _nvset(element.find("instance_attributes"), "Attributes") + _nvset(element.find("meta_attributes"),
                                                                                "Meta Attributes")


def group_lines(group: etree._Element) -> list[str]:
    body = _wrapper_sets(group)
    for primitive in group.findall("primitive"):
        body += primitive_lines(primitive)
    return [f"Group: {group.get('id')}"] + _indent(body)


def clone_lines(clone: etree._Element) -> list[str]:
    body = _wrapper_sets(clone)
    for child in clone:
        if child.tag == "primitive":
            body += primitive_lines(child)
        elif child.tag == "group":
            body += group_lines(child)
    return [f"Clone: {clone.get('id')}"] + _indent(body)


_CONTAINERS = ("docker", "podman", "rkt")


def _optional_int(value: str | None) -> str | None:
    """pcs's get_optional_value(int, ...): the number as int() reads it (' 5' and '+5' are 5)."""
    return None if value is None else str(int(value))


def bundle_runtime(bundle: etree._Element) -> tuple[str, list[tuple[str, str]]] | None:
    """The container runtime (docker, podman, rkt) and its options, as pcs's bundle DTO reads them."""
    runtime = next((bundle.find(tag) for tag in _CONTAINERS if bundle.find(tag) is not None), None)
    if runtime is None:
        return None
    pairs = [("image", runtime.get("image", ""))]
    numbers = (("replicas", runtime.get("replicas")), ("replicas-per-host", runtime.get("replicas-per-host")),
               ("promoted-max", runtime.get("promoted-max") or runtime.get("masters")))
    pairs += [(name, str(_optional_int(value))) for name, value in numbers if value is not None]
    pairs += [(name, runtime.get(name, "")) for name in ("run-command", "network", "options") if runtime.get(name)]
    return runtime.tag, pairs


def bundle_network_pairs(bundle: etree._Element) -> list[tuple[str, str]]:
    network = bundle.find("network")
    if network is None:
        return []
    pairs = []
    for name, number in (("ip-range-start", False), ("control-port", True), ("host-interface", False),
                         ("host-netmask", True)):
        value = network.get(name)
        if value is not None and (number or value):
            pairs.append((name, str(_optional_int(value)) if number else value))
    if network.get("add-host") is not None:  # bool(text): any non-empty text, "false" too, is 1
        pairs.append(("add-host", "1" if network.get("add-host") else "0"))
    return pairs


def port_map_pairs(mapping: etree._Element) -> list[tuple[str, str]]:
    pairs = [(name, str(_optional_int(mapping.get(name)))) for name in ("port", "internal-port")
             if mapping.get(name) is not None]
    return pairs + ([("range", mapping.get("range", ""))] if mapping.get("range") else [])


def storage_map_pairs(mapping: etree._Element) -> list[tuple[str, str]]:
    pairs = [(name, mapping.get(name, "")) for name in ("source-dir", "source-dir-root") if mapping.get(name)]
    pairs.append(("target-dir", mapping.get("target-dir", "")))
    return pairs + ([("options", mapping.get("options", ""))] if mapping.get("options") else [])


def _bundle_parts(bundle: etree._Element) -> list[str]:
    runtime = bundle_runtime(bundle)
    lines = [" ".join([f"{runtime[0].capitalize()}:", *(name_value(n, v) for n, v in runtime[1])])] if runtime else []
    network = bundle_network_pairs(bundle)
    lines += [" ".join(["Network:", *(name_value(n, v) for n, v in network)])] if network else []
    ports = []
    for mapping in bundle.findall("network/port-mapping"):
        words = [name_value(n, v) for n, v in port_map_pairs(mapping)]
        ports.append(" ".join(words + ([f"({mapping.get('id')})"] if words and mapping.get("id") else [])))
    storages = [" ".join([name_value(n, v) for n, v in storage_map_pairs(mapping)] + [f"({mapping.get('id')})"])
                for mapping in bundle.findall("storage/storage-mapping")]
    return (lines + (["Port Mapping:"] + _indent(ports) if ports else [])
            + (["Storage Mapping:"] + _indent(storages) if storages else []))


def bundle_lines(bundle: etree._Element) -> list[str]:
    """pcs's _resource_bundle_to_text: container, network, maps, meta attributes, the inner primitive."""
    body = [f"Description: {bundle.get('description')}"] if bundle.get("description") else []
    body += _bundle_parts(bundle)
    body += _nvset(bundle.find("meta_attributes"), "Meta Attributes")
    primitive = bundle.find("primitive")
    if primitive is not None:
        body += primitive_lines(primitive)
    return [f"Bundle: {bundle.get('id')}"] + _indent(body)


def resources_lines(cib: etree._Element, stonith: bool, only: list[str] | None = None) -> list[str]:
    """pcs's resources_to_text after filter_stonith: primitives, then groups, then clones; without
    `only` the outermost ones in document order, with it the ids asked for (of the kind), by id."""
    resources = cib.find("configuration/resources")
    if resources is None:
        return []

    def kind(element: etree._Element) -> bool:
        if element.tag != "primitive":
            return not stonith
        is_fence = element.get("class") == "stonith"
        return is_fence if stonith else not is_fence or element.getparent() is not resources

    lines: list[str] = []
    for tags, render in ((("primitive",), primitive_lines), (("group",), group_lines),
                         (("clone", "master"), clone_lines), (("bundle",), bundle_lines)):
        if only:
            chosen = sorted((e for e in resources.iter(*tags) if e.get("id") in only and kind(e)),
                            key=lambda e: e.get("id", ""))
        elif stonith:  # fence devices inside groups too (create --group), in document order
            chosen = [e for e in resources.iter(*tags) if kind(e)]
        else:
            chosen = [e for e in resources if e.tag in tags and kind(e)]
        for element in chosen:
            lines += render(element)
    return lines


def defaults_lines(cib: etree._Element, section: str, now: datetime | None = None, show_expired: bool = False,
                   full: bool | None = None, expire_check: bool = True) -> list[str]:
    """pcs's nvset_dto_list_to_lines: every set, empty ones too, its score in the heading, its rule below
    the nvpairs (ids with `full`); with `expire_check` crm_rule's labels, a set whose rule is expired shown
    only with `show_expired` (--all). A caller that does not say whether ids are wanted (`full` None)
    cannot show a rule: refused."""
    from halab_kernel.commands.pcs.defaults_rules import rule_lines, rule_state
    sets = cib.findall(f"configuration/{section}/meta_attributes")
    if not sets:
        return ["No defaults set"]
    if full is None and any(nvset.find("rule") is not None for nvset in sets):
        raise PcsError("Error: showing a set of defaults with a rule is not simulated in this command yet; "
                       "try it on real nodes: halab rig up")
    lines: list[str] = []
    for nvset in sets:
        rule = nvset.find("rule")
        label = rule_state(rule, now) if rule is not None and expire_check else None
        if label == "expired" and not show_expired:
            continue
        score = f" score={nvset.get('score')}" if nvset.get("score") else ""
        pairs = sorted((p.get("name", ""), p.get("value", "")) for p in nvset.findall("nvpair"))
        body = [name_value(n, v) for n, v in pairs]
        if rule is not None:
            body += rule_lines(rule, now, bool(full), expire_check)
        lines += [f"Meta Attrs{f' ({label})' if label else ''}: {nvset.get('id')}{score}"] + _indent(body)
    return lines or [""]  # every set expired and hidden: pcs prints an empty line
