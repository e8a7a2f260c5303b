"""pcs's guard on guest nodes: the `remote-node` meta attribute makes a resource a guest node.

pcs 0.11.5 refuses to make (or unmake) one through `resource create|update|meta` (use
`pcs cluster node add-guest`, forceable), and refuses a node name that is taken (any id of
the configuration, a node's name or address). With `-f` the nodes are those of the CIB (remote
and guest nodes); on a live node the corosync nodes too.
"""

from __future__ import annotations

import re

from lxml import etree

from halab_kernel.commands.pcs.context import PcsLib

ADD_GUEST = "this command is not sufficient for creating a guest node, use 'pcs cluster node add-guest'"
REMOVE_GUEST = "this command is not sufficient for removing a guest node, use 'pcs cluster node remove-guest'"


def guest_name(primitive: etree._Element) -> str | None:
    """The guest node a primitive is (its `remote-node` meta value), None if it is none."""
    for pair in primitive.iterfind("meta_attributes/nvpair[@name='remote-node']"):
        return pair.get("value")
    return None


def _nodes(lib: PcsLib) -> tuple[set[str], set[str]]:
    """Names and addresses of the nodes pcs validates against."""
    names: set[str] = set()
    addresses: set[str] = set()
    for meta in lib.cib.xpath("//primitive/meta_attributes[nvpair[@name='remote-node' and string-length(@value) > 0]]"):
        pairs = {p.get("name"): p.get("value", "") for p in meta.iterfind("nvpair")}
        names.add(pairs["remote-node"])
        addresses.add(pairs.get("remote-addr") or pairs["remote-node"])
    if not lib.offline and lib.corosync_conf:
        names.update(re.findall(r"^\s*name\s*:\s*(\S+)", lib.corosync_conf, re.MULTILINE))
        addresses.update(re.findall(r"^\s*ring\d+_addr\s*:\s*(\S+)", lib.corosync_conf, re.MULTILINE))
    return names, addresses


def _taken(lib: PcsLib, name: str) -> bool:
    """pcs's does_id_exist: an id of the configuration, or another guest node's name."""
    return bool(lib.cib.xpath(
        "(/cib/*[name()!='status']|/*[name()!='cib'])//*[(name()!='acl_target' and name()!='role' and "
        "name()!='obj_ref' and name()!='resource_ref' and @id=$n) or (name()='primitive' and "
        "meta_attributes[nvpair[@name='remote-node' and @value=$n]])]", n=name))


def check_guest_change(lib: PcsLib, meta: dict[str, str], detect_remove: bool = False) -> None:
    """pcs's _validate_guest_change: reports for a `remote-node` in `meta` (none without one)."""
    if "remote-node" not in meta:
        return
    node = meta["remote-node"]
    removing = detect_remove and not node
    lib.reporter.error(REMOVE_GUEST if removing else ADD_GUEST, forceable=True)
    names, addresses = _nodes(lib)
    if _taken(lib, node) or node in names or ("remote-addr" not in meta and node in addresses):
        lib.reporter.error(f"'{node}' already exists")
    if "remote-addr" in meta and meta["remote-addr"] in addresses:
        lib.reporter.error(f"'{meta['remote-addr']}' already exists")
    lib.reporter.stop_if_errors()
