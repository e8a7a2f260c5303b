"""`pcs resource bundle create|reset|update` and `resource create ... bundle B`, as pcs 0.11.5 writes them.

A configuration file may hold bundles (`pcs -f FILE`); the simulated cluster does not run them: a live
lab's CIB refuses them at the commit (scheduler/unmodelled.py, "not simulated: bundles"), so these
commands change a file only. Validation follows pcs's lib/cib/resource/bundle.py: every validator
runs and reports in order, then "Errors have occurred"; unknown option names are forceable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from halab_kernel.commands.pcs import cibtools, messages
from halab_kernel.commands.pcs.context import PcsLib
from halab_kernel.commands.pcs.errors import PcsError, Reporter, UsageError, unable_to_update
from halab_kernel.commands.pcs.options import Modifiers
from halab_kernel.commands.pcs.parsing import group_by_keywords, prepare_options

CONTAINER_TYPES = ("docker", "podman", "rkt")
CONTAINER_OPTIONS = ("image", "masters", "network", "options", "promoted-max", "replicas", "replicas-per-host",
                     "run-command")
NETWORK_OPTIONS = ("control-port", "host-interface", "host-netmask", "ip-range-start")
PORT_MAP_OPTIONS = ("id", "internal-port", "port", "range")
STORAGE_MAP_OPTIONS = ("id", "options", "source-dir", "source-dir-root", "target-dir")
_MAPS = ("port-map", "storage-map")
_INTEGER = re.compile(r"[+-]?[0-9]+")
_PORT = "a port number (1..65535)"
_SCHEMA_ATTRIBUTES = {  # what pacemaker-3.9.rng lets each bundle element carry
    **{kind: frozenset(CONTAINER_OPTIONS) for kind in CONTAINER_TYPES},
    "network": frozenset((*NETWORK_OPTIONS, "add-host")),
    "port-mapping": frozenset(PORT_MAP_OPTIONS),
    "storage-mapping": frozenset(STORAGE_MAP_OPTIONS),
}
_NOT_ACCESSIBLE = ("Resource '{inner}' will not be accessible by the cluster inside bundle '{bundle}', at least "
                   "one of bundle options 'control-port' or 'ip-range-start' has to be specified")


@dataclass
class _Ids:
    """pcs's IdProvider: ids booked or allocated during one command count as taken."""

    cib: etree._Element
    booked: set[str] = field(default_factory=set)

    def book(self, value: str) -> str | None:
        if value in self.booked or cibtools.id_exists(self.cib, value):
            return f"'{value}' already exists"
        self.booked.add(value)
        return None

    def allocate(self, base: str) -> str:
        value = cibtools.unique_id(self.cib, base, self.booked)
        self.booked.add(value)
        return value


def _integer(value: str, low: int | None = None, high: int | None = None) -> bool:
    return bool(_INTEGER.fullmatch(value)) and (low is None or int(value) >= low) \
        and (high is None or int(value) <= high)


def _is_port(value: str) -> bool:
    return _integer(value, 1, 65535)


def _check_value(reporter: Reporter, options: dict[str, str], name: str, valid: bool, hint: str,
                 empty_valid: bool = False, forceable: bool = False) -> None:
    if name in options and not (empty_valid and options[name] == "") and not valid:
        reporter.error(messages.invalid_value(options[name], name, hint), forceable=forceable)


def _names_in(reporter: Reporter, options: dict[str, str], allowed: tuple[str, ...], kind: str,
              removable: bool = False) -> None:
    allowed_now = set(allowed) | ({n for n, v in options.items() if v == ""} if removable else set())
    unknown = [name for name in options if name not in allowed_now]
    if unknown:
        reporter.error(messages.invalid_options(unknown, allowed_now, kind), forceable=True)


def _exclusive(reporter: Reporter, options: dict[str, str], names: tuple[str, str], kind: str) -> None:
    if all(name in options for name in names):
        reporter.error(f"Only one of {kind} options '{names[0]}' and '{names[1]}' can be used")


def _container_options(reporter: Reporter, options: dict[str, str], element: etree._Element | None = None) -> None:
    """_validate_generic_container_options (new, reset) or its update variant (element given)."""
    update = element is not None
    _names_in(reporter, options, CONTAINER_OPTIONS, "container", removable=update)
    if not update and "image" not in options:
        reporter.error(messages.required_missing(["image"], "container"))
    if options.get("image") == "":
        reporter.error("image cannot be empty, use image name")
    if not update:
        _check_value(reporter, options, "masters", _integer(options.get("masters", ""), 0), "a non-negative integer")
        _check_value(reporter, options, "promoted-max", _integer(options.get("promoted-max", ""), 0),
                     "a non-negative integer")
        _exclusive(reporter, options, ("masters", "promoted-max"), "container")
    else:
        for name in ("masters", "promoted-max"):
            _check_value(reporter, options, name, _integer(options.get(name, ""), 0), "a non-negative integer",
                         empty_valid=True)
    for name in ("replicas", "replicas-per-host"):
        _check_value(reporter, options, name, _integer(options.get(name, ""), 1), "a positive integer",
                     empty_valid=update)
    if update and options.get("masters", "") != "" and options.get("promoted-max", "") != "":
        _exclusive(reporter, options, ("masters", "promoted-max"), "container")
    if (options.get("masters") if update else "masters" in options):
        reporter.deprecation(messages.deprecated_option("masters", ["promoted-max"], "container"))
    if update and element is not None:
        for name, other in (("masters", "promoted-max"), ("promoted-max", "masters")):
            if options.get(name) and element.get(other) and options.get(other) != "":
                reporter.error(f"Cannot set container option '{name}' because container option '{other}' "
                               "is already set")


def _network_options(reporter: Reporter, options: dict[str, str], update: bool = False) -> None:
    _names_in(reporter, options, NETWORK_OPTIONS, "network", removable=update)
    _check_value(reporter, options, "control-port", _is_port(options.get("control-port", "")), _PORT,
                 empty_valid=update)
    _check_value(reporter, options, "host-netmask", _integer(options.get("host-netmask", ""), 1, 32),
                 "a number of bits of the mask (1..32)", empty_valid=update, forceable=True)


def _map_id(reporter: Reporter, ids: _Ids, options: dict[str, str], description: str) -> None:
    if "id" not in options:
        return
    problem = cibtools.id_problem(options["id"], description) or ids.book(options["id"])
    if problem:
        reporter.error(problem)


def _port_maps(reporter: Reporter, ids: _Ids, maps: list[dict[str, str]]) -> None:
    for options in maps:
        _names_in(reporter, options, PORT_MAP_OPTIONS, "port-map")
        _map_id(reporter, ids, options, "port-map id")
        if "internal-port" in options and "port" not in options:
            reporter.error("If port-map option 'internal-port' is specified, port-map option 'port' must be "
                           "specified as well")
        if "port" not in options and "range" not in options:
            reporter.error(messages.required_alternatives(["port", "range"], [], "port-map"))
        _exclusive(reporter, options, ("port", "range"), "port-map")
        _check_value(reporter, options, "port", _is_port(options.get("port", "")), _PORT)
        _check_value(reporter, options, "internal-port", _is_port(options.get("internal-port", "")), _PORT)
        parts = options.get("range", "").split("-", 1)
        _check_value(reporter, options, "range", bool(re.match(r"[0-9]+-[0-9]+$", options.get("range", "")))
                     and all(_is_port(part) for part in parts), "port-port", forceable=True)


def _storage_maps(reporter: Reporter, ids: _Ids, maps: list[dict[str, str]]) -> None:
    for options in maps:
        _names_in(reporter, options, STORAGE_MAP_OPTIONS, "storage-map")
        _map_id(reporter, ids, options, "storage-map id")
        if "source-dir" not in options and "source-dir-root" not in options:
            reporter.error(messages.required_alternatives(["source-dir", "source-dir-root"], [], "storage-map"))
        _exclusive(reporter, options, ("source-dir", "source-dir-root"), "storage-map")
        if "target-dir" not in options:
            reporter.error(messages.required_missing(["target-dir"], "storage-map"))


# --- writing ---------------------------------------------------------------------------------------


def _set_attributes(element: etree._Element, options: dict[str, str]) -> None:
    """update_attributes_remove_empty: an empty value removes the attribute."""
    for name, value in options.items():
        if value == "":
            element.attrib.pop(name, None)
        else:
            element.set(name, value)


def _append_port_map(network: etree._Element, ids: _Ids, bundle_id: str, options: dict[str, str]) -> None:
    options = dict(options)
    suffix = options.get("port") or options.get("range") if "id" not in options else None
    if "id" not in options and suffix:
        options["id"] = ids.allocate(cibtools.sanitize_id(f"{bundle_id}-port-map-{suffix}"))
    _set_attributes(etree.SubElement(network, "port-mapping"), options)


def _append_storage_map(storage: etree._Element, ids: _Ids, bundle_id: str, options: dict[str, str]) -> None:
    options = dict(options)
    if "id" not in options:
        options["id"] = ids.allocate(f"{bundle_id}-storage-map")
    _set_attributes(etree.SubElement(storage, "storage-mapping"), options)


def _container(bundle: etree._Element) -> etree._Element | None:
    return next((child for child in bundle if child.tag in CONTAINER_TYPES), None)


def _arrange_first_meta(bundle: etree._Element, ids: _Ids, meta: dict[str, str]) -> None:
    """arrange_first_meta_attributes: the first meta_attributes, or a new one put first when useful."""
    if not meta:
        return
    nvset = bundle.find("meta_attributes")
    new = nvset is None
    if nvset is None:
        nvset = etree.Element("meta_attributes", id=ids.allocate(cibtools.sanitize_id(f"{bundle.get('id')}-meta_attributes")))
        bundle.insert(0, nvset)
    for name in sorted(meta):
        cibtools.set_nvpair(nvset, name, meta[name])
    if new and len(nvset) == 0:
        bundle.remove(nvset)


def _update(bundle: etree._Element, ids: _Ids, container: dict[str, str], network: dict[str, str],
            port_add: list[dict[str, str]], port_remove: list[str], storage_add: list[dict[str, str]],
            storage_remove: list[str], meta: dict[str, str]) -> None:
    bundle_id = bundle.get("id", "")
    runtime = _container(bundle)
    if runtime is not None:
        _set_attributes(runtime, container)
    for tag, options, maps, child, removed, append in (
            ("network", network, port_add, "port-mapping", port_remove, _append_port_map),
            ("storage", {}, storage_add, "storage-mapping", storage_remove, _append_storage_map)):
        element = bundle.find(tag)
        attached = element is not None
        if element is None:
            element = etree.Element(tag)
        _set_attributes(element, options)
        for mapping in element.findall(child):
            if mapping.get("id", "") in removed:
                element.remove(mapping)
        for mapping_options in maps:
            append(element, ids, bundle_id, mapping_options)
        if not attached and (element.attrib or len(element)):
            bundle.append(element)
    _arrange_first_meta(bundle, ids, meta)


def _push(lib: PcsLib, bundle: etree._Element) -> None:
    """pcs pushes what --force let through; the CIB's schema refuses an unknown attribute."""
    for element in bundle.iter(*_SCHEMA_ATTRIBUTES):
        if set(element.attrib) - _SCHEMA_ATTRIBUTES[str(element.tag)]:
            raise unable_to_update(library=True)
    lib.mark_changed()


# --- parsing --------------------------------------------------------------------------------------


def _groups(argv: list[str]) -> dict[str, list]:
    groups = group_by_keywords(argv, {"meta", "container", "network", *_MAPS}, None, repeated=_MAPS)
    for keyword in ("meta", "container", "network", *_MAPS):  # pcs's _parse_bundle_groups checks in this order
        value = groups.get(keyword)
        if value is not None and ((keyword in _MAPS and any(not section for section in value)) or not value):
            raise UsageError(f"No {keyword} options specified")
    return groups


def _maps(groups: dict[str, list], keyword: str) -> list[dict[str, str]]:
    return [prepare_options(section) for section in groups.get(keyword, [])]


def _map_changes(groups: dict[str, list], keyword: str) -> tuple[list[dict[str, str]], list[str]]:
    added: list[dict[str, str]] = []
    removed: list[str] = []
    for section in groups.get(keyword, []):
        if len(section) < 2 or section[0] not in ("add", "delete", "remove"):
            raise UsageError(f"When using '{keyword}' you must specify either 'add' and options or either of "
                             "'delete' or 'remove' and id(s)")
        if section[0] == "add":
            added.append(prepare_options(section[1:]))
        else:
            removed.extend(section[1:])
    return added, removed


def _find_bundle(lib: PcsLib, bundle_id: str) -> etree._Element:
    found = lib.cib.xpath("configuration/resources//bundle[@id=$i]", i=bundle_id)
    if found:
        return found[0]
    other = lib.cib.xpath("configuration//*[@id=$i]", i=bundle_id)
    raise PcsError(f"Error: '{bundle_id}' is not a bundle" if other else f"Error: bundle '{bundle_id}' does not exist")


def _not_accessible(reporter: Reporter, bundle: etree._Element, inner_id: str) -> None:
    reporter.error(_NOT_ACCESSIBLE.format(inner=inner_id, bundle=bundle.get("id")), forceable=True)


def _unsupported(bundle: etree._Element, setting: bool = False) -> str:
    inner = ", therefore it is not possible to set its container options" if setting else ""
    return (f"Bundle '{bundle.get('id')}' uses unsupported container type{inner}. Supported container types are: "
            + messages.quoted_list(CONTAINER_TYPES))


# --- commands -------------------------------------------------------------------------------------


def bundle_create(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    modifiers.ensure_only("-f", "--force", "--disabled", "--wait", deferred_wait_check=True)
    if not argv:
        raise UsageError()
    bundle_id, groups = argv[0], _groups(argv[1:])
    container = list(groups.get("container", []))
    kind = container.pop(0) if container and "=" not in container[0] else ""
    options = prepare_options(container)
    network = prepare_options(groups.get("network", []))
    port_maps, storage_maps = _maps(groups, "port-map"), _maps(groups, "storage-map")
    meta = prepare_options(groups.get("meta", []))
    modifiers.ensure_wait_satisfiable()
    reporter, ids = lib.reporter, _Ids(lib.cib)
    problem = cibtools.id_problem(bundle_id, "bundle name") or ids.book(bundle_id)
    if problem:
        reporter.error(problem)
    if kind not in CONTAINER_TYPES:
        reporter.error(messages.invalid_value(kind, "container type", CONTAINER_TYPES))
    else:
        _container_options(reporter, options)
    _network_options(reporter, network)
    _port_maps(reporter, ids, port_maps)
    _storage_maps(reporter, ids, storage_maps)
    reporter.stop_if_errors()
    bundle = etree.SubElement(cibtools.section(lib.cib, "resources"), "bundle", id=bundle_id)
    _set_attributes(etree.SubElement(bundle, kind), options)
    if network or port_maps:
        element = etree.SubElement(bundle, "network")
        _set_attributes(element, network)
        for mapping in port_maps:
            _append_port_map(element, ids, bundle_id, mapping)
    if storage_maps:
        element = etree.SubElement(bundle, "storage")
        for mapping in storage_maps:
            _append_storage_map(element, ids, bundle_id, mapping)
    if meta:
        nvset = etree.SubElement(bundle, "meta_attributes",
                                 id=ids.allocate(cibtools.sanitize_id(f"{bundle_id}-meta_attributes")))
        for name in sorted(meta):
            etree.SubElement(nvset, "nvpair", id=ids.allocate(cibtools.sanitize_id(f"{nvset.get('id')}-{name}")),
                             name=name, value=meta[name])
    if modifiers.has("--disabled"):
        _arrange_first_meta(bundle, ids, {"target-role": "Stopped"})
    _push(lib, bundle)


def bundle_reset(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    modifiers.ensure_only("-f", "--force", "--disabled", "--wait", deferred_wait_check=True)
    if not argv:
        raise UsageError()
    bundle_id, groups = argv[0], _groups(argv[1:])
    container = prepare_options(groups.get("container", []))
    network = prepare_options(groups.get("network", []))
    port_maps, storage_maps = _maps(groups, "port-map"), _maps(groups, "storage-map")
    meta = prepare_options(groups.get("meta", []))
    modifiers.ensure_wait_satisfiable()
    reporter = lib.reporter
    bundle = _find_bundle(lib, bundle_id)
    runtime = _container(bundle)
    if runtime is None:
        reporter.error(_unsupported(bundle))
        reporter.stop_if_errors()
    for child in list(bundle):  # reset_to_minimal: network, storage and meta stay, emptied
        if child.tag in ("network", "storage") or child.tag in CONTAINER_TYPES or child.tag == "meta_attributes":
            keep = {"image"} if child.tag in CONTAINER_TYPES else {"id"} if child.tag == "meta_attributes" else set()
            for grandchild in list(child):
                child.remove(grandchild)
            for name in [n for n in child.attrib if n not in keep]:
                del child.attrib[name]
    ids = _Ids(lib.cib)
    _container_options(reporter, container)
    _network_options(reporter, network)
    _port_maps(reporter, ids, port_maps)
    _storage_maps(reporter, ids, storage_maps)
    reporter.stop_if_errors()
    _update(bundle, ids, container, network, port_maps, [], storage_maps, [], meta)
    if modifiers.has("--disabled"):
        _arrange_first_meta(bundle, ids, {"target-role": "Stopped"})
    _push(lib, bundle)


def bundle_update(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    modifiers.ensure_only("-f", "--force", "--wait", deferred_wait_check=True)
    if not argv:
        raise UsageError()
    bundle_id, groups = argv[0], _groups(argv[1:])
    port_add, port_remove = _map_changes(groups, "port-map")
    storage_add, storage_remove = _map_changes(groups, "storage-map")
    container = prepare_options(groups.get("container", []))
    network = prepare_options(groups.get("network", []))
    meta = prepare_options(groups.get("meta", []))
    modifiers.ensure_wait_satisfiable()
    reporter, ids = lib.reporter, _Ids(lib.cib)
    bundle = _find_bundle(lib, bundle_id)
    if container:
        runtime = _container(bundle)
        if runtime is None:
            reporter.error(_unsupported(bundle, setting=True))
        else:
            _container_options(reporter, container, runtime)
    _network_update(reporter, bundle, network)
    _port_maps(reporter, ids, port_add)
    _storage_maps(reporter, ids, storage_add)
    for tag, label, removed in (("port-mapping", "port-map", port_remove),
                                ("storage-mapping", "storage-map", storage_remove)):
        for map_id in removed:
            _map_to_remove(reporter, lib.cib, bundle, tag, label, map_id)
    reporter.stop_if_errors()
    _update(bundle, ids, container, network, port_add, port_remove, storage_add, storage_remove, meta)
    _push(lib, bundle)


def _network_update(reporter: Reporter, bundle: etree._Element, options: dict[str, str]) -> None:
    network = bundle.find("network")
    if network is None:
        _network_options(reporter, options)
        return
    inner = bundle.find("primitive")
    if inner is not None and not _accessible_after(network, options):
        _not_accessible(reporter, bundle, inner.get("id", ""))
    _network_options(reporter, options, update=True)


def _accessible_after(network: etree._Element, options: dict[str, str]) -> bool:
    port, ip = network.get("control-port"), network.get("ip-range-start")
    removing = {name for name in ("control-port", "ip-range-start") if options.get(name) == ""}
    adding = {name for name in ("control-port", "ip-range-start") if options.get(name) is not None}
    lost = ((port and not ip and "control-port" in removing and "ip-range-start" not in adding)
            or (not port and ip and "control-port" not in adding and "ip-range-start" in removing)
            or (port and ip and removing == {"control-port", "ip-range-start"}))
    return not lost


def _map_to_remove(reporter: Reporter, cib: etree._Element, bundle: etree._Element, tag: str, label: str,
                   map_id: str) -> None:
    if bundle.xpath(f".//{tag}[@id=$i]", i=map_id):
        return
    other = cib.xpath("configuration//*[@id=$i]", i=map_id)
    if not other:
        reporter.error(f"there is no {label} '{map_id}' in the bundle '{bundle.get('id')}'")
    elif other[0].tag == tag:
        reporter.error(f"{label} '{map_id}' exists but does not belong to bundle '{bundle.get('id')}'")
    else:
        reporter.error(f"'{map_id}' is not a {label}")


def ignored_by_pacemaker(cib: etree._Element) -> set[str]:
    """The bundles pacemaker's unpacking drops (a resource inside, neither control-port nor ip-range-start:
    "Cannot control B inside R without either ip-range-start or control-port") and the resources inside them:
    crm_mon and crm_resource do not know them."""
    ignored: set[str] = set()
    for bundle in cib.iterfind("configuration/resources/bundle"):
        inner = bundle.find("primitive")
        network = bundle.find("network")
        if inner is not None and (network is None or not (network.get("control-port")
                                                          or network.get("ip-range-start"))):
            ignored |= {bundle.get("id", ""), inner.get("id", "")}
    return ignored


def put_into_bundle(lib: PcsLib, primitive: etree._Element, bundle_id: str) -> None:
    """create_into_bundle's last steps: the bundle must exist, be reachable, and hold no resource yet."""
    found = lib.cib.xpath("configuration/resources//bundle[@id=$i]", i=bundle_id)
    if not found:
        other = lib.cib.xpath("configuration//*[@id=$i]", i=bundle_id)
        raise PcsError(f"Error: '{bundle_id}' is not a bundle" if other else f"Error: bundle '{bundle_id}' does not exist")
    bundle = found[0]
    network = bundle.find("network")
    if network is None or not (network.get("control-port") or network.get("ip-range-start")):
        _not_accessible(lib.reporter, bundle, primitive.get("id", ""))
    lib.reporter.stop_if_errors()
    inner = bundle.find("primitive")
    if inner is not None:
        raise PcsError(f"Error: bundle '{bundle_id}' already contains resource '{inner.get('id')}', a bundle may "
                       "contain at most one resource")
    bundle.append(primitive)
