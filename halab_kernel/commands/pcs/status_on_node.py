"""`pcs resource status [ID] node=NODE`: pcs 0.11.5 adds `--node NODE` to crm_mon, which lists (2.1.5,
resource_list and clone_default):

- a resource active nowhere, as without --node (a clone's "Stopped: [ ... ]" list keeps only NODE, and goes
  when NODE is not among them);
- a resource active somewhere only if it is active on NODE; of a clone, the instances active on NODE and
  those active nowhere.

NODE is "*" (every node) or a node's name, without regard to case. What the simulator does not reproduce is
refused by name: NODE naming a tag (crm_mon takes the nodes it tags), bundles, a primitive or a clone
instance active on several nodes, a group with members active elsewhere.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable

from lxml import etree

from halab_kernel.commands.pcs.errors import PcsError


def _refused(what: str) -> PcsError:
    return PcsError(f"Error: pcs resource status node=NODE (crm_mon --node) of {what} is not simulated; try it on "
                    "real nodes: halab rig up")


def _running(view) -> set[str]:
    if view.status is not None:
        return set(view.status.nodes)
    return {node for child in view.children for node in _running(child)}


def matcher(cib: etree._Element, wanted: str) -> Callable[[str], bool]:
    """Whether a node is one crm_mon --node WANTED shows."""
    if wanted == "*":
        return lambda name: True
    names = {node.get("uname", "").lower() for node in cib.iterfind("configuration/nodes/node")}
    if wanted.lower() not in names and cib.xpath("configuration/tags/tag[@id=$i]", i=wanted):
        raise _refused(f"a tag ({wanted})")
    return lambda name: name.lower() == wanted.lower()


def on_node(views: tuple, shown: Callable[[str], bool]) -> tuple:
    """The top-level views crm_mon --node lists, as it lists them."""
    kept = []
    for view in views:
        if view.kind == "bundle":
            raise _refused("bundles")
        running = _running(view)
        if running and not any(shown(node) for node in running):
            continue
        if view.kind == "clone":
            instances = tuple(child for child in view.children
                              if not _running(child) or any(shown(node) for node in _running(child)))
            if any(len(_running(child)) > 1 for child in instances):
                raise _refused("a clone instance active on several nodes")
            kept.append(replace(view, children=instances,
                                stopped_on=tuple(node for node in view.stopped_on if shown(node))))
            continue
        if not all(shown(node) for node in running) or (view.kind == "primitive" and len(running) > 1):
            raise _refused("a resource active on several nodes")
        kept.append(view)
    return tuple(kept)
