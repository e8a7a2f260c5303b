"""crm_simulate 2.1.5's text: cluster status, transition summary, scores.

Pure functions from scheduler results to text, so the simulator can answer
`crm_simulate -L -S` inside a lab exactly as `halab crm_simulate -x FILE -S` does. The lists
are built in the fancy text layout (titles, bullets, indentation); `plain` turns them into the
layout 2.1.5 prints when it shows scores (`crm_simulate -s`, `-Ls`).
"""

from __future__ import annotations

import re
from functools import cmp_to_key, lru_cache

from ..cib.scores import score_text
from . import executing
from .transition import ResourceView, Transition

_NAME_PARTS = re.compile(r"[0-9]+|[^0-9]")


@lru_cache(maxsize=4096)   # the same few node names, compared at every transition
def _compare_names(one: str, other: str) -> int:
    """pcmk__numeric_strcasecmp, the order of every node list 2.1.5 prints: digit runs by their
    value (7 before 007), other characters without case, a name before its longer namesakes."""
    left, right = _NAME_PARTS.findall(one), _NAME_PARTS.findall(other)
    for mine, theirs in zip(left, right):
        if mine.isdigit() and theirs.isdigit():
            if (int(mine), len(mine)) != (int(theirs), len(theirs)):
                return -1 if (int(mine), len(mine)) < (int(theirs), len(theirs)) else 1
        elif mine[0].lower() != theirs[0].lower():
            return -1 if mine[0].lower() < theirs[0].lower() else 1
    return (len(left) > len(right)) - (len(left) < len(right))


by_name = cmp_to_key(_compare_names)


_LISTS = {("member", True): "Online", ("member", False): "OFFLINE", ("remote", True): "RemoteOnline",
          ("remote", False): "RemoteOFFLINE", ("guest", True): "GuestOnline"}   # an offline guest: not listed
_KINDS = {"remote": "RemoteNode", "guest": "GuestNode"}


def _online(node) -> bool:
    return node.state not in ("offline", "unclean-offline")


def node_text_status(node) -> str:
    """2.1.5's node_text_status: how a node listed on its own line is."""
    if node.state in ("unclean-offline", "unclean-online"):
        return f"UNCLEAN ({node.state.split('-')[1]})"
    if node.state == "pending":
        return "pending"
    if node.state == "standby-onfail":
        return "standby (on-fail)"
    if node.standby and not _online(node):
        return "OFFLINE (standby)"
    if node.state == "standby" or node.standby:
        return "standby (with active resources)" if node.with_resources else "standby"
    if node.maintenance and not _online(node):
        return "OFFLINE (maintenance)"
    if node.state == "maintenance" or node.maintenance:
        return "maintenance"
    return "online" if _online(node) else "OFFLINE"


def render_nodes(nodes: tuple) -> list:
    """node_list_text: a node in a bad state (unclean, pending, standby, maintenance, unhealthy) on
    its own line, the others named in lists by kind and state (an offline guest node in none)."""
    nodes = tuple(sorted(nodes, key=lambda node: by_name(node.uname)))   # as the scheduler keeps them
    lines = ["  * Node List:"]
    lists: dict = {name: [] for name in ("Online", "OFFLINE", "RemoteOnline", "RemoteOFFLINE", "GuestOnline")}
    for node in nodes:
        if node.state in ("online", "offline") and not node.standby and not node.maintenance and node.health > 0:
            listed = _LISTS.get((node.kind, _online(node)))
            if listed:
                lists[listed].append(node.uname)
            continue
        health = " (health is RED)" if node.health < 0 else " (health is YELLOW)" if node.health == 0 else ""
        lines.append(f"    * {_KINDS.get(node.kind, 'Node')} {node.uname}: {node_text_status(node)}{health}")
    lines += [f"    * {name}: [ {' '.join(unames)} ]" for name, unames in lists.items() if unames]
    return lines


def state_word(status) -> str:
    """`Started`, `Unpromoted`, `FAILED`; a failed instance keeps showing it was promoted."""
    if status.failed:
        return "FAILED Promoted" if status.role == "Promoted" else "FAILED"
    return status.role


# native_pending_state: an operation in flight names the state; a monitor is a flag (native_pending_task)
_PENDING_STATES = {"start": "Starting", "stop": "Stopping", "migrate_to": "Migrating", "migrate_from": "Migrating",
                   "promote": "Promoting", "demote": "Demoting"}


def _state(status, with_node: bool = True) -> str:
    """`Started node1`, `FAILED node2 (blocked)`, `ORPHANED Unpromoted node3`; without the
    node for lists by node (crm_mon -n)."""
    flags = ["UNCLEAN"] if status.unclean and with_node else []
    if status.pending == "monitor":
        flags.append("Monitoring")
    if status.target_stopped:   # crm_mon's order: target role first, then how it is managed
        flags.append("disabled")
    if status.target_unpromoted:
        flags.append("target-role:Unpromoted")
    if not status.managed:
        flags.append("blocked" if status.blocked else "unmanaged")
    if status.failure_ignored:
        flags.append("failure ignored")
    if status.role == "Stopped" or not status.nodes:
        text = "FAILED" if status.failed else "Stopped"   # failed where it is not active
        nodes = ""
    else:
        text = state_word(status) if status.failed else _PENDING_STATES.get(status.pending, status.role)
        nodes = status.nodes[0] if len(status.nodes) == 1 and with_node else ""
        if nodes:
            text += f" {nodes}"
    if status.orphan:
        text = f"ORPHANED {text}"
    if flags:
        text += f" ({', '.join(flags)})"
    if len(status.nodes) > 1 and with_node:
        text += f" [ {' '.join(status.nodes)} ]"
    return text


def state_text(status) -> str:
    """A primitive's state as crm_mon -n lists it under a node: `FAILED Promoted`, `Started`."""
    return _state(status, with_node=False)


def _primitive_line(view: ResourceView, indent: str, name: str = "") -> str:
    status = view.status
    if status is None:      # a primitive's view always carries its status
        return f"{indent}* {name or view.id}"
    return f"{indent}* {name or view.id}\t({status.agent}):\t {_state(status)}"


def render_resources(views: tuple, show_stopped: bool = True, detail: bool = False) -> list:
    """The resource list; `show_stopped`: also list the nodes a clone is stopped on (crm_mon -r);
    `detail`: every clone instance on its own line (crm_mon -R)."""
    lines = ["  * Full List of Resources:"]
    if not views:
        lines.append("    * No resources")
    for view in views:
        lines += _render_view(view, "    ", show_stopped, detail=detail)
    return lines


def _render_view(view: ResourceView, indent: str, show_stopped: bool = True, name: str = "",
                 detail: bool = False, anonymous: bool = False) -> list:
    """`anonymous`: an instance of an anonymous clone, whose members go by their configured names
    (rsc_printable_id)."""
    if view.kind == "primitive":
        return [_primitive_line(view, indent, name)]
    if view.kind == "group":  # without the inactive ones (crm_mon's default), stopped members are counted
        shown = [c for c in view.children if show_stopped or c.status is None or c.status.nodes]
        inactive = len(view.children) - len(shown)
        flags = [text for text, on in ((f"{inactive} member{'s' if inactive > 1 else ''} inactive", inactive),
                                       ("unmanaged", not view.managed), ("disabled", view.disabled)) if on]
        flag_text = f" ({', '.join(flags)})" if flags else ""
        lines = [f"{indent}* Resource Group: {view.id}{flag_text}:"]
        for child in shown:
            lines += _render_view(child, indent + "  ", show_stopped, detail=detail,
                                  name=child.id.split(":")[0] if anonymous else "")
        return lines
    first = view.children[0] if view.children else None
    child_label = first.id.split(":")[0] if first else view.child_id
    flags = [name for name, on in (("promotable", view.promotable), ("unique", view.unique),
                                   ("unmanaged", not view.managed), ("disabled", view.disabled)) if on]
    flag_text = f" ({', '.join(flags)})" if flags else ""
    lines = [f"{indent}* Clone Set: {view.id} [{child_label}]{flag_text}:"]
    if view.unique or detail:  # an anonymous instance goes by the cloned resource's name
        for instance in view.children:
            lines += _render_view(instance, indent + "  ", show_stopped,
                                  name="" if view.unique else instance.id.split(":")[0], anonymous=not view.unique)
        return lines
    by_role: dict = {}
    odd: list = []
    for instance in view.children:
        nodes, special = _instance_nodes(instance)
        if special:
            odd.append(instance)
        elif nodes:
            by_role.setdefault(_list_role(view, instance), []).extend(nodes)
    for instance in odd:    # an anonymous instance goes by the cloned resource's name
        lines += _render_view(instance, indent + "  ", show_stopped, instance.id.split(":")[0], anonymous=True)
    for role in ("Promoted", "Unpromoted", "Unpromoted (target-role)", "Started"):
        if by_role.get(role):
            lines.append(f"{indent}  * {role}: [ {' '.join(sorted(by_role[role], key=by_name))} ]")
    listed = sum(1 for instance in view.children if instance not in odd and _instance_nodes(instance)[0])
    if show_stopped and view.stopped_on and listed < view.clone_max:
        stopped = any(c.status is not None and c.status.target_stopped for c in view.children)
        label = "Stopped (disabled)" if stopped else "Stopped"
        lines.append(f"{indent}  * {label}: [ {' '.join(sorted(view.stopped_on, key=by_name))} ]")
    return lines


def _list_role(clone: ResourceView, instance: ResourceView) -> str:
    """Which list an active instance is shown in: promotable clones list roles."""
    if not clone.promotable:
        return "Started"
    prims = [instance] if instance.kind == "primitive" else list(instance.children)
    if any(p.status is not None and p.status.role == "Promoted" for p in prims):
        return "Promoted"
    held = any(p.status is not None and p.status.target_unpromoted for p in prims)
    return "Unpromoted (target-role)" if held else "Unpromoted"


def _instance_nodes(instance: ResourceView):
    prims = [instance] if instance.kind == "primitive" else list(instance.children)
    nodes = []
    special = False
    for prim in prims:
        status = prim.status
        if status is None:
            continue
        if status.nodes and (status.failed or not status.managed or status.orphan or status.unclean
                             or len(status.nodes) > 1):
            special = True  # crm_mon lists an instance on its own when it is active and odd
        for node in status.nodes:
            if node not in nodes:
                nodes.append(node)
    if instance.kind == "group":
        active = [p for p in prims if p.status and p.status.nodes]
        if active and len(active) != len(prims):
            special = True
    if len(nodes) > 1:
        special = True
    return nodes, special


def _widened(widths: tuple[int, int], item) -> tuple[int, int]:
    """rsc-action-item's static column widths (resource, details) once it has printed `item`."""
    if item.verb == "Fence":
        return widths
    rsc_width, detail_width = widths
    return (len(item.resource) + 2 if len(item.resource) > rsc_width else rsc_width,
            max(detail_width, len(item.details)))


def render_summary(items: tuple, logged_first: bool = False) -> list:
    """The "Transition Summary" lines, columns as wide as 2.1.5's rsc-action-item makes them: its
    widths are static and grow line by line. `logged_first`: the scheduler already went through
    every line once (to its log, as in crm_simulate) before these, so all get the final widths."""
    widths = (5, 5)
    for item in items if logged_first else ():
        widths = _widened(widths, item)
    lines = []
    for item in items:
        widths = _widened(widths, item)
        if item.verb == "Fence":
            guest = f" (resource: {item.container})" if item.container else ""   # LogNodeActions
            lines.append(f"  * Fence ({item.details}) {item.node}{guest} '{item.reason}'")
            continue
        if item.reason and item.blocked:
            reason = f"due to {item.reason} (blocked)"
        elif item.reason:
            reason = f"due to {item.reason}"
        elif item.blocked:
            reason = "blocked"
        else:
            reason = ""
        line = f"  * {item.verb:<8}   {item.resource:<{widths[0]}}   ( {item.details:>{widths[1]}} )"
        if reason:
            line += f"  {reason}"
        lines.append(line)
    return lines


def render_actions(transition: Transition) -> list:
    return executing.render(transition.actions)


def render_status(nodes: tuple, views: tuple) -> list:
    return render_nodes(nodes) + [""] + render_resources(views)


def render_simulation(transition: Transition) -> str:
    """The text of `crm_simulate -S`: the four sections."""
    lines = render_cluster_status("Current cluster status", transition.nodes_before, transition.before)
    lines += ["", *render_list("Transition Summary", render_summary(transition.summary, logged_first=True))]
    lines += ["", *render_list("Executing Cluster Transition", render_actions(transition))]
    lines += ["", *render_cluster_status("Revised Cluster Status", transition.nodes_after, transition.after)]
    return "\n".join(lines) + "\n"


_LIST_TITLES = ("Node List:", "Full List of Resources:", "Resource Group: ", "Clone Set: ")
_NAMED_ITEMS = ("Online: ", "OFFLINE: ")   # list items with a name (out->list_item's id)


def plain(lines: list) -> list:
    """Fancy list lines in 2.1.5's plain text layout (pcmk__output_text_set_fancy off, as
    crm_simulate has it when it shows scores): list titles vanish, and so do bullets, indentation
    and the names of named items (`Online: [ node1 ]` becomes `[ node1 ]`); blank lines stay."""
    shown = []
    for line in lines:
        body = line.lstrip(" ").removeprefix("* ")
        if body.startswith(_LIST_TITLES) and body.endswith(":"):
            continue
        for name in _NAMED_ITEMS:
            body = body.removeprefix(name)
        shown.append(body)
    return shown


def render_list(title: str, items: list, fancy: bool = True) -> list:
    """One of crm_simulate's lists ("Transition Summary", ...): fancy, its title then its bulleted
    items; plain, the items alone."""
    return [f"{title}:", *items] if fancy else plain(items)


def render_cluster_status(title: str, nodes: tuple, views: tuple, fancy: bool = True) -> list:
    """"Current cluster status" or "Revised Cluster Status": nodes, a blank line, resources."""
    return render_list(title, render_status(nodes, views), fancy)


def render_score_list(transition: Transition) -> list:
    """The "Allocation Scores" list's items."""
    return [f"  * {line}" for line in render_scores(transition).splitlines()]


def render_scores(transition: Transition) -> str:
    """Allocation score lines, as `crm_simulate -s` prints them."""
    return "".join(f"{line.function}: {line.resource} allocation score on {line.node}: "
                   f"{score_text(line.score)}\n" if line.function else
                   f"{line.resource} promotion score on {line.node}: {score_text(line.score)}\n"
                   for line in transition.scores)
