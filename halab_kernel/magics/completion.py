"""Tab completion for the magics: pcs subcommands, faults, node, resource and daemon names."""

from __future__ import annotations

from typing import Any, Callable

from IPython.core.error import TryNext

from halab_kernel.fault_words import DAEMONS, FAULTS

PCS_COMMANDS: dict[str, tuple[str, ...]] = {
    "cluster": ("auth", "authkey", "cib", "cib-push", "config", "destroy", "disable", "enable", "kill", "link",
                "node", "reload", "setup", "start", "status", "stop", "sync", "verify"),
    "resource": ("agents", "ban", "bundle", "cleanup", "clear", "clone", "config", "create", "defaults", "delete",
                 "describe", "disable", "enable", "failcount", "group", "list", "manage", "meta", "move", "op",
                 "promotable", "providers", "refresh", "relocate", "remove", "restart", "standards", "status",
                 "unclone", "ungroup", "unmanage", "update", "utilization"),
    "stonith": ("cleanup", "config", "confirm", "create", "defaults", "delete", "describe", "disable", "enable",
                "failcount", "fence", "history", "level", "list", "meta", "op", "refresh", "remove", "sbd",
                "status", "update"),
    "constraint": ("colocation", "config", "delete", "location", "order", "ref", "remove", "rule", "ticket"),
    "property": ("config", "defaults", "describe", "set", "unset"),
    "quorum": ("config", "device", "expected-votes", "status", "unblock", "update"),
    "status": ("cluster", "corosync", "nodes", "pcsd", "qdevice", "quorum", "resources", "xml"),
    "node": ("attribute", "maintenance", "standby", "unmaintenance", "unstandby", "utilization"),
    "config": ("backup", "checkpoint", "restore", "show"),
    "acl": (), "alert": (), "booth": (), "client": (), "dr": (), "host": (), "pcsd": (), "qdevice": (), "tag": (),
}


def _names(shell: Any) -> tuple[tuple[str, ...], tuple[str, ...]]:
    magics = shell.magics_manager.registry.get("LabMagics")
    try:
        lab = magics.lab
        state = lab.state()
        return tuple(lab.node_names), tuple(rsc.id for rsc in state.resources)
    except Exception:  # noqa: BLE001 - completion must never raise
        return (), ()


def complete(shell: Any, line: str) -> list[str]:
    """Completions for the word being typed on a magic line (what IPython's hook returns)."""
    words = line.split()
    if not words:
        return []
    typing = not line.endswith(" ")
    done = words[:-1] if typing else words
    command = done[0].lstrip("%") if done else ""
    args = done[1:]
    nodes, resources = _names(shell)
    if command == "pcs":
        if not args:
            return sorted(PCS_COMMANDS)
        if len(args) == 1:
            return list(PCS_COMMANDS.get(args[0], ()))
        return [*nodes, *resources]
    if command == "fault":
        if not args:
            return list(FAULTS)
        if args[0] == "fail-resource":
            return list(resources) if len(args) == 1 else list(nodes)
        if args[0] == "kill" and len(args) == 2:
            return list(DAEMONS)
        return list(nodes) + (["/"] if args[0] == "partition" else [])
    if command == "node":
        return list(nodes) if not args else ["crm_mon -1", "corosync-quorumtool -s", "corosync-cfgtool -s", "pcs status"]
    if command == "lab":
        if not args:
            return ["sim", "ssh", "status", "use", "node", "close"]
        return list(nodes) if args[0] == "node" else []
    if command == "crm_mon":
        return ["-r", "-f", "-A", "-n", "--output-as=xml"]
    return []


def completer(command: str) -> Callable[[Any, Any], list[str]]:
    def hook(shell: Any, event: Any) -> list[str]:  # IPython binds hooks to the shell
        found = complete(shell, event.line)
        if not found:
            raise TryNext()
        return found

    hook.__name__ = f"complete_{command}"
    return hook
