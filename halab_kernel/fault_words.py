"""`%fault`'s language: words <-> `Fault` values, shared by the magics and the dashboard's buttons.

    crash NODE | restart NODE | power-off NODE | stop NODE | start NODE | kill NODE DAEMON
    partition NODES / NODES [/ NODES ...] | heal | fail-resource RESOURCE [NODE]
    break-fence-device DEVICE | repair-fence-device DEVICE   (simulator only)

`parse` checks everything before a lab is touched, so a refused line changes
nothing; `real_commands` says what a fault runs on real nodes, to print beside it.
"""

from __future__ import annotations

from typing import Sequence

from halab_kernel.errors import LabError
from halab_kernel.model import (
    Crash, Cut, FailResource, Fault, FenceDeviceFailure, Heal, Kill, PowerOff, Restart, Start, Stop,
)

FAULTS = ("crash", "restart", "power-off", "stop", "start", "kill", "partition", "heal", "fail-resource",
          "break-fence-device", "repair-fence-device")
DAEMONS = ("corosync", "pacemakerd", "pacemaker-controld", "pacemaker-execd", "pacemaker-fenced", "pacemaker-schedulerd")
_ON_A_NODE = {"crash": Crash, "restart": Restart, "power-off": PowerOff, "stop": Stop, "start": Start}


def parse(words: Sequence[str], nodes: Sequence[str]) -> Fault:
    """The fault `words` describe (as typed after %fault) on a cluster of `nodes`; LabError with the usage."""
    if not words:
        raise LabError("%fault: what fault? e.g. %fault crash node2 (see %fault?)")
    action, args = words[0], list(words[1:])
    if action in _ON_A_NODE:
        if len(args) != 1:
            raise LabError(f"%fault {action}: give exactly one node, e.g. %fault {action} node2")
        return _ON_A_NODE[action](_known(nodes, args)[0])
    if action == "kill":
        if len(args) != 2:
            raise LabError("%fault kill: give a node and a daemon, e.g. %fault kill node2 corosync")
        return Kill(_known(nodes, args[:1])[0], args[1])
    if action == "partition":
        groups = [group.split() for group in " ".join(args).split("/")]
        if len(groups) < 2 or any(not group for group in groups):
            raise LabError("%fault partition: separate the groups with '/', e.g. %fault partition node1 / node2 node3")
        return Cut(tuple(tuple(_known(nodes, group)) for group in groups))
    if action == "heal":
        if args:
            raise LabError("%fault heal takes no arguments: it removes every partition")
        return Heal()
    if action == "fail-resource":
        if not 1 <= len(args) <= 2:
            raise LabError("%fault fail-resource: give a resource (and optionally a node), e.g. %fault fail-resource WebSite")
        return FailResource(args[0], _known(nodes, args[1:])[0] if len(args) == 2 else None)
    if action in ("break-fence-device", "repair-fence-device"):
        if len(args) != 1:
            raise LabError(f"%fault {action}: give one fence device, e.g. %fault {action} ipmi-node2")
        return FenceDeviceFailure(args[0], failing=action == "break-fence-device")
    raise LabError(f"%fault: unknown fault {action!r}; known: {', '.join(FAULTS)}")


def _known(nodes: Sequence[str], names: Sequence[str]) -> list[str]:
    for name in names:
        if name not in nodes:
            raise LabError(f"unknown node {name!r} (this lab has: {' '.join(nodes)})")
    return list(names)


def real_commands(fault: Fault) -> list[str]:
    """What a fault runs on real nodes (SshBackend), to print next to the %fault line."""
    from halab_kernel.remote import faults

    if isinstance(fault, FailResource):
        return [faults.fail_resource(fault.resource, fault.node or "<the node where it runs>")]
    if isinstance(fault, Heal):
        return [faults.HEAL + "   (on every node)"]
    if isinstance(fault, Cut):
        return [f"nft table inet {faults.PARTITION_TABLE}: drop corosync traffic between the groups (on every node)"]
    if isinstance(fault, (Crash, Stop, Start, Restart)):
        steps = {Crash: [faults.CRASH], Stop: [faults.STOP], Start: [faults.START], Restart: [faults.STOP, faults.START]}
        return [f"on {fault.node}: {line}" for line in steps[type(fault)]]
    return []
