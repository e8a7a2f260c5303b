"""`pcs resource manage|unmanage|utilization` and `pcs stonith enable|disable`.

Which elements get `is-managed` follows pcs 0.11's library: unmanaging a
group or clone unmanages its primitives (so that managing one member later
does not touch the others), managing a primitive also clears the flag on the
groups and clones around it. `--monitor` disables/enables the monitors too.
"""

from __future__ import annotations

from lxml import etree

from halab_kernel.commands.pcs import cibtools, messages
from halab_kernel.commands.pcs.bundles import ignored_by_pacemaker
from halab_kernel.commands.pcs.context import PcsLib
from halab_kernel.commands.pcs.errors import PcsError
from halab_kernel.commands.pcs.options import Modifiers
from halab_kernel.commands.pcs.parsing import prepare_options

_RESOURCE_OR_TAG = "bundle/clone/group/resource/tag"
_FALSE = ("false", "0", "no", "off", "n")


def find_resources_or_tags(lib: PcsLib, ids: list[str]) -> list[etree._Element]:
    """The resources named (a tag stands for the resources it lists); pcs's errors for the rest."""
    found: list[etree._Element] = []
    for element_id in ids:
        element = cibtools.find_resource(lib.cib, element_id)
        tag = next((t for t in lib.cib.iterfind("configuration/tags/tag") if t.get("id") == element_id), None)
        if element is not None:
            found.append(element)
        elif tag is not None:
            found += [r for r in (cibtools.find_resource(lib.cib, ref.get("id", ""))
                                  for ref in tag.iterfind("obj_ref")) if r is not None]
        elif cibtools.id_exists(lib.cib, element_id):
            lib.reporter.error(f"'{element_id}' is not a {_RESOURCE_OR_TAG}")
        else:
            lib.reporter.error(messages.id_not_found(element_id, _RESOURCE_OR_TAG))
    return list(dict.fromkeys(found))


def warn_stonith_mismatch(lib: PcsLib, ids: list[str], stonith_command: bool, use_instead: str | None) -> None:
    """pcs's deprecation when `pcs resource X` names a fence device (or `pcs stonith X` a resource)."""
    elements = []
    for element_id in ids:  # pcs expands tags to their resources here; unknown ids say nothing
        element = cibtools.find_resource(lib.cib, element_id)
        tag = next((t for t in lib.cib.iterfind("configuration/tags/tag") if t.get("id") == element_id), None)
        if element is not None:
            elements.append(element)
        elif tag is not None:
            elements += [cibtools.find_resource(lib.cib, ref.get("id", "")) for ref in tag.iterfind("obj_ref")]
    mismatched = [e for e in elements if e is not None and cibtools.is_stonith(e) != stonith_command]
    if not mismatched:
        return
    what = "resources" if stonith_command else "stonith resources"
    hint = f" Please use '{use_instead}' instead." if use_instead else ""
    lib.reporter.deprecation(f"Ability of this command to accept {what} is deprecated and will be removed "
                             f"in a future release.{hint}")


def primitives_of(element: etree._Element) -> list[etree._Element]:
    if element.tag in ("clone", "master", "bundle"):
        inner = next((c for c in element if c.tag in ("primitive", "group")), None)
        if inner is None:
            return []
        element = inner
    if element.tag == "group":
        return element.findall("primitive")
    return [element] if element.tag == "primitive" else []


def _set_managed(lib: PcsLib, element: etree._Element, value: str) -> None:
    """pcs's arrange_first_meta_attributes: the first meta set, created first in the element."""
    existing = element.find("meta_attributes")
    if existing is None and value == "":
        return
    nvset = cibtools.nvset(element, "meta_attributes", cibtools.unique_id(
        lib.cib, f"{element.get('id')}-meta_attributes"), first=True)
    assert nvset is not None
    cibtools.set_nvpair(nvset, "is-managed", value)


def _monitors(primitive: etree._Element) -> list[etree._Element]:
    return [op for op in primitive.iterfind("operations/op") if op.get("name") == "monitor"]


def unmanage(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    modifiers.ensure_only("-f", "--monitor")
    if not argv:
        raise PcsError("Error: You must specify resource(s) to unmanage")
    warn_stonith_mismatch(lib, argv, stonith_command=False, use_instead=None)
    elements = find_resources_or_tags(lib, argv)
    lib.reporter.stop_if_errors()
    for element in elements:
        targets = [element, *primitives_of(element)] if element.tag == "bundle" else primitives_of(element)
        for target in targets:
            _set_managed(lib, target, "false")
            if modifiers.has("--monitor") and target.tag == "primitive":
                for op in _monitors(target):
                    op.set("enabled", "false")
    lib.mark_changed()


def _to_manage(element: etree._Element) -> list[etree._Element]:
    """The element, the groups/clones/bundles around it, and what it contains."""
    around = [a for a in element.iterancestors() if a.tag in ("group", "clone", "master", "bundle")]
    inside = [c for c in element if c.tag in ("group", "primitive")]
    inside += [p for c in inside if c.tag == "group" for p in c.findall("primitive")]
    return [element, *around, *inside]


def manage(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    modifiers.ensure_only("-f", "--monitor")
    if not argv:
        raise PcsError("Error: You must specify resource(s) to manage")
    warn_stonith_mismatch(lib, argv, stonith_command=False, use_instead=None)
    elements = find_resources_or_tags(lib, argv)
    for target in dict.fromkeys(t for element in elements for t in _to_manage(element)):
        _set_managed(lib, target, "")
        if modifiers.has("--monitor") and target.tag == "primitive":
            for op in _monitors(target):
                op.attrib.pop("enabled", None)
    for element in sorted(elements, key=lambda e: e.get("id", "")):
        for primitive in primitives_of(element):
            monitors = _monitors(primitive)
            if monitors and all(op.get("enabled", "true").lower() in _FALSE for op in monitors):
                lib.reporter.warning(f"Resource '{primitive.get('id')}' has no enabled monitor operations. "
                                     "Re-run with '--monitor' to enable them.")
    lib.reporter.stop_if_errors()
    lib.mark_changed()


def is_managed(cib: etree._Element, element: etree._Element) -> bool:
    """What crm_mon reports as `managed`: own or inherited is-managed, defaults, maintenance-mode."""
    def flag(owner: etree._Element | None, name: str) -> str | None:
        if owner is None:
            return None
        values = dict(cibtools.nvpairs(owner.find("meta_attributes" if name == "is-managed" else
                                                  "cluster_property_set")))
        return values.get(name)
    maintenance = flag(cib.find("configuration/crm_config"), "maintenance-mode")
    if maintenance is not None and maintenance.lower() not in _FALSE:
        return False
    chain = [element, *(a for a in element.iterancestors() if a.tag in cibtools.RESOURCE_TAGS)]
    for primitive in primitives_of(element) or [element]:
        for owner in [primitive, *chain]:
            value = flag(owner, "is-managed")
            if value is not None:
                if value.lower() in _FALSE:
                    return False
                break
        else:
            default = flag(cib.find("configuration/rsc_defaults"), "is-managed")
            if default is not None and default.lower() in _FALSE:
                return False
    return True


def is_int(value: str) -> bool:
    """pcs asks Python's int(), which also takes ' 7', '+7' and '1_000'."""
    try:
        int(value)
    except ValueError:
        return False
    return True


def resource_utilization(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    modifiers.ensure_only("-f")
    if not argv:
        lib.reporter.out("Resource Utilization:")
        for primitive in sorted(lib.cib.iter("primitive"), key=lambda p: p.get("id", "")):
            text = utilization_text(primitive)
            if text:
                lib.reporter.out(f" {primitive.get('id')}: {text}")
        return
    resource_id, values = argv[0], argv[1:]
    warn_stonith_mismatch(lib, [resource_id], stonith_command=False, use_instead=None)
    primitive = next((p for p in lib.cib.iter("primitive") if p.get("id") == resource_id), None)
    if not values:
        if primitive is None:
            raise PcsError(f"Error: Unable to find a resource: {resource_id}")
        lib.reporter.out("Resource Utilization:")
        lib.reporter.out(f" {resource_id}: {utilization_text(primitive)}")
        return
    if primitive is None:
        raise PcsError(f"Error: Unable to find a resource: {resource_id}")
    options = prepare_options(values)
    update_utilization(lib, primitive, options, f"{resource_id}-utilization")


def utilization_text(element: etree._Element) -> str:
    return " ".join(f"{n}={v}" for n, v in sorted(dict(cibtools.nvpairs(element.find("utilization"))).items()))


def update_utilization(lib: PcsLib, element: etree._Element, options: dict[str, str], set_id: str) -> None:
    """pcs's dom_update_utilization: integers only; no new set just to remove values."""
    for name, value in sorted(options.items()):
        if value != "" and not is_int(value):
            raise PcsError(f"Error: Value of utilization attribute must be integer: '{name}={value}'")
    cibtools.legacy_update_nvset(element, "utilization", sorted(options.items()), set_id)
    lib.mark_changed()


def check_disable_options(modifiers: Modifiers) -> None:
    """pcs's rules on which of -f, --wait, --simulate, --safe, --no-strict go together."""
    exclusive = sorted(name for name in ("-f", "--simulate", "--wait") if modifiers.has(name))
    if len(exclusive) > 1:
        raise PcsError(f"Error: Only one of {messages.quoted_list(exclusive)} can be used")
    for checked, incompatible in (("--simulate", ("-f", "--safe", "--wait")), ("--safe", ("-f", "--simulate")),
                                  ("--no-strict", ("-f",))):
        clash = [name for name in incompatible if modifiers.has(name)]
        if modifiers.has(checked) and clash:
            raise PcsError(f"Error: '{checked}' cannot be used with {messages.quoted_list(clash)}")


def stonith_enable_disable(lib: PcsLib, argv: list[str], modifiers: Modifiers, enable: bool) -> None:
    """`pcs stonith enable|disable`: the resource commands, with the stonith wording (disable checks
    its options after the ids, as pcs's resource_disable_common does)."""
    verb = "enable" if enable else "disable"
    if enable:
        modifiers.ensure_only("-f", "--wait", "--debug", deferred_wait_check=True)
    if not argv:
        raise PcsError(f"Error: You must specify stonith resource(s) to {verb}")
    warn_stonith_mismatch(lib, argv, stonith_command=True, use_instead=f"pcs resource {verb}")
    if enable:
        modifiers.ensure_wait_satisfiable()
    else:
        if modifiers.has("--safe") or modifiers.has("--no-strict") or modifiers.has("--simulate"):
            lib.reporter.deprecation("Options '--safe', '--no-strict' and '--simualte' are deprecated and "
                                     "will be removed in a future release.")  # sic
        _check_disable_common(modifiers)
    enable_disable(lib, argv, modifiers, enable=enable, checked=True)


def _check_disable_common(modifiers: Modifiers) -> None:
    modifiers.ensure_only("-f", "--wait", "--debug", "--brief", "--safe", "--simulate", "--no-strict",
                          deferred_wait_check=True)
    check_disable_options(modifiers)


def disable(element: etree._Element) -> None:
    """pcs's common.disable: target-role=Stopped in the first meta attributes; a new set goes first."""
    nvset = cibtools.nvset(element, "meta_attributes", cibtools.unique_id(
        element.getroottree().getroot(), f"{element.get('id')}-meta_attributes"), first=True)
    cibtools.set_nvpair(nvset, "target-role", "Stopped")


def enable_disable(lib: PcsLib, argv: list[str], modifiers: Modifiers, enable: bool,
                   checked: bool = False) -> None:
    """`pcs resource enable|disable` (`checked`: `pcs stonith enable|disable` already checked argv)."""
    if not checked:  # enable checks its options first, disable after the ids and the stonith warning
        if enable:
            modifiers.ensure_only("-f", "--wait", "--debug", deferred_wait_check=True)
        if not argv:
            raise PcsError("Error: You must specify resource(s) to enable" if enable
                           else "Error: You must specify resource(s) to disable")
        warn_stonith_mismatch(lib, argv, stonith_command=False,
                              use_instead="pcs stonith enable" if enable else "pcs stonith disable")
        if enable:
            modifiers.ensure_wait_satisfiable()
        else:
            _check_disable_common(modifiers)
    if not enable and modifiers.has("--brief") and not any(
            modifiers.has(name) for name in ("--simulate", "--safe", "--no-strict")):
        raise PcsError("Error: '--brief' cannot be used without '--simulate' or '--safe'")
    cib, reporter = lib.cib, lib.reporter
    elements = find_resources_or_tags(lib, argv)  # pcs reports what is missing, warns on the rest, then stops
    unknown_to_pacemaker = ignored_by_pacemaker(cib)  # pcs asks crm_mon whether each one is managed
    for element in elements:
        # pcs enables the resource and its clone (or the clone's inner resource), no deeper
        targets = [element]
        if enable:
            parent = cibtools.resource_parent(element)
            if element.tag in ("clone", "master", "bundle"):
                targets += [c for c in element if c.tag in ("primitive", "group")]
            elif parent is not None and parent.tag in ("clone", "master", "bundle"):
                targets.append(parent)
        for target in targets:
            if target.get("id") in unknown_to_pacemaker:
                reporter.error(messages.id_not_found(target.get("id", ""), "bundle/clone/group/resource"))
                continue
            if not is_managed(cib, target):
                reporter.warning(f"'{target.get('id')}' is unmanaged")
            if enable:
                nv = target.find("meta_attributes")
                if nv is not None:
                    for pair in list(nv.findall("nvpair")):
                        if pair.get("name") == "target-role":
                            nv.remove(pair)
            else:
                disable(target)
    reporter.stop_if_errors()
    lib.mark_changed()
