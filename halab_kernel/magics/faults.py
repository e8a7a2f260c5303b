"""`%fault`'s language, shared with the dashboard's buttons: words -> a fault on the lab.

    crash NODE | restart NODE | power-off NODE | stop NODE | start NODE | kill NODE DAEMON
    partition NODES / NODES [/ NODES ...] | heal | fail-resource RESOURCE [NODE]

Every check happens before the lab is touched, so a refused line changes nothing.
"""

from __future__ import annotations

from typing import Any, Iterable

from IPython.core.error import UsageError

FAULTS = ("crash", "restart", "power-off", "stop", "start", "kill", "partition", "heal", "fail-resource")
DAEMONS = ("corosync", "pacemakerd", "pacemaker-controld", "pacemaker-execd", "pacemaker-fenced", "pacemaker-schedulerd")


def apply_fault(lab: Any, words: list[str]) -> str:
    """Inject the fault `words` describe (as typed after %fault); return what was done."""
    if not words:
        raise UsageError("%fault: what fault? e.g. %fault crash node2 (see %fault?)")
    action, args = words[0], words[1:]
    node_actions: dict[str, str] = {"crash": "crash", "restart": "restart", "power-off": "power_off", "stop": "stop", "start": "start"}
    if action in node_actions:
        if len(args) != 1:
            raise UsageError(f"%fault {action}: give exactly one node, e.g. %fault {action} node2")
        check_nodes(lab, args)
        getattr(lab, node_actions[action])(args[0])
    elif action == "kill":
        if len(args) != 2:
            raise UsageError("%fault kill: give a node and a daemon, e.g. %fault kill node2 corosync")
        check_nodes(lab, args[:1])
        lab.kill(args[0], args[1])
    elif action == "partition":
        groups = [group.split() for group in " ".join(args).split("/")]
        if len(groups) < 2 or any(not group for group in groups):
            raise UsageError("%fault partition: separate the groups with '/', e.g. %fault partition node1 / node2 node3")
        check_nodes(lab, [name for group in groups for name in group])
        lab.partition(*groups)
    elif action == "heal":
        if args:
            raise UsageError("%fault heal takes no arguments: it removes every partition")
        lab.heal()
    elif action == "fail-resource":
        if not 1 <= len(args) <= 2:
            raise UsageError("%fault fail-resource: give a resource (and optionally a node), e.g. %fault fail-resource WebSite")
        if not hasattr(lab, "fail_resource"):
            raise UsageError("%fault fail-resource: this lab cannot fail resources yet (no Pacemaker layer in it)")
        if len(args) == 2:
            check_nodes(lab, args[1:])
        lab.fail_resource(*args)
    else:
        raise UsageError(f"%fault: unknown fault {action!r}; known: {', '.join(FAULTS)}")
    return f"%fault {' '.join(words)}"


def real_commands(words: list[str]) -> list[str]:
    """What a fault runs on real nodes (SshBackend), to print next to the %fault line."""
    from halab_kernel.remote import faults

    action, args = words[0], words[1:]
    where = f"on {args[0]}: " if args else ""
    table = {
        "crash": [faults.CRASH],
        "stop": [faults.STOP],
        "start": [faults.START],
        "restart": [faults.STOP, faults.START],
        "heal": [faults.HEAL + "   (on every node)"],
        "partition": [f"nft table inet {faults.PARTITION_TABLE}: drop corosync traffic between the groups (on every node)"],
    }
    if action == "fail-resource" and args:
        return [faults.fail_resource(args[0], args[1] if len(args) > 1 else "<the node where it runs>")]
    return [where + line if action in ("crash", "stop", "start", "restart") else line for line in table.get(action, [])]


def check_nodes(lab: Any, names: Iterable[str]) -> None:
    known = tuple(lab.node_names)
    for name in names:
        if name not in known:
            raise UsageError(f"unknown node {name!r} (this lab has: {' '.join(known)})")
