"""Clone wrappers as pcs 0.11.5 makes and updates them: the clone element, its meta options,
the agent checks on them (`resource clone|promotable`, `resource update CLONE`, `resource meta CLONE`)."""

from __future__ import annotations

from lxml import etree

from halab_kernel.commands.pcs import cibtools
from halab_kernel.commands.pcs.context import PcsLib
from halab_kernel.commands.pcs.errors import UsageError
from halab_kernel.commands.pcs.parsing import group_by_keywords, prepare_options
from halab_kernel.sim.agents import find_agent
from halab_kernel.values import is_true


def agent_is_promotable(agent_name: str) -> bool:
    """Whether pcs lets the agent be promotable: it checks OCF 1.1 agents only (pacemaker's own declare
    1.1; resource-agents' heartbeat ones 1.0 and pass unchecked), by their promote/demote actions."""
    if agent_name.startswith("ocf:heartbeat:"):
        return True
    meta = find_agent(agent_name)
    return meta is not None and any(a.name in ("promote", "demote") for a in meta.actions)


def make_clone(cib: etree._Element, clone_id: str, child: etree._Element, options: dict[str, str]) -> etree._Element:
    """The clone around `child` as `resource create ... clone` makes it (pcs's library: empty values
    kept, ids sanitized); `resource clone` sets its options with the legacy code instead."""
    clone = etree.Element("clone", id=clone_id)
    clone.append(child)
    if options:
        nvset = etree.SubElement(clone, "meta_attributes",
                                 id=cibtools.unique_id(cib, f"{clone_id}-meta_attributes", {clone_id}))
        for name in sorted(options):
            etree.SubElement(nvset, "nvpair", id=cibtools.sanitize_id(f"{nvset.get('id')}-{name}"),
                             name=name, value=options[name])
    return clone


def clone_args(argv: list[str], promotable: bool) -> tuple[str | None, dict[str, str]]:
    """pcs's parse_clone: an optional clone id, then meta options (bare or after `meta`)."""
    rest = list(argv)
    clone_id = rest.pop(0) if rest and rest[0] not in ("op", "meta") and "=" not in rest[0] else None
    groups = group_by_keywords(rest, {"op", "meta"}, "options" if rest and rest[0] not in ("op", "meta") else None,
                               repeated=("op",))
    if "op" in groups:
        raise UsageError("op settings must be changed on base resource, not the clone")
    meta = prepare_options(groups.get("options", []) + groups.get("meta", []))
    if promotable:
        if "promotable" in meta:
            raise UsageError("you cannot specify both promotable option and promotable keyword")
        meta["promotable"] = "true"
    return clone_id, meta


def refuse_stonith_clone(lib: PcsLib, element: etree._Element, force: bool) -> None:
    if cibtools.is_stonith(element):
        _forceable(lib, f"No need to clone stonith resource '{element.get('id')}', any node can use a stonith "
                        "resource (unless specifically banned) regardless of whether the stonith resource "
                        "is running on that node or not", force)
        lib.reporter.stop_if_errors_plain()


def check_clone_meta(lib: PcsLib, child: etree._Element, meta: dict[str, str], force: bool) -> None:
    """pcs's _check_clone_incompatible_options_child: globally-unique and promotable need an OCF agent,
    promotable one that promotes (OCF 1.1 agents only); --force reaches a group's members only."""
    if child.tag == "primitive":
        _check_primitive(lib, child, meta, None, False)
    elif child.tag == "group":
        for primitive in child.findall("primitive"):
            _check_primitive(lib, primitive, meta, child.get("id"), force)
    lib.reporter.stop_if_errors_plain()


def _check_primitive(lib: PcsLib, primitive: etree._Element, meta: dict[str, str], group_id: str | None,
                     force: bool) -> None:
    agent = cibtools.agent_name(primitive)
    where = f"resource '{primitive.get('id')}'" + (f" in group '{group_id}'" if group_id else "")
    if primitive.get("class") != "ocf":
        for option in ("globally-unique", "promotable"):
            if is_true(meta.get(option, "0")):
                lib.reporter.error(f"Clone option '{option}' is not compatible with '{agent}' resource agent of "
                                   f"{where}")
                return
    elif is_true(meta.get("promotable", "0")) and not agent_is_promotable(agent):
        _forceable(lib, f"Clone option 'promotable' is not compatible with '{agent}' resource agent of {where}",
                   force)


def _forceable(lib: PcsLib, message: str, force: bool) -> None:
    """A forceable error whose force is the command's own flag, not always --force."""
    if force:
        lib.reporter.warning(message)
    else:
        lib.reporter.error(f"{message}, use --force to override")


def update_clone(lib: PcsLib, clone: etree._Element, child: etree._Element, argv: list[str]) -> None:
    """`resource update CLONE ...`: pcs's resource_clone_create(update_existing=True): the meta options
    in name order, nothing forced (pcs passes no force flags there)."""
    if clone.tag == "master":  # pcs's transform_master_to_clone
        clone.tag = "clone"
        cibtools.legacy_update_nvset(clone, "meta_attributes", [("promotable", "true")])
    refuse_stonith_clone(lib, child, force=False)
    _, meta = clone_args(argv, promotable=False)
    check_clone_meta(lib, child, meta, force=False)
    cibtools.legacy_update_nvset(clone, "meta_attributes", sorted(meta.items()))
    lib.mark_changed()
