"""The command lines that inject faults on real nodes. Pure text builders, no I/O.

Every value that comes from a caller (node or resource names) is quoted with
`shlex.quote`, and addresses are checked by `ipaddress` before they enter an
nftables script, so a name like `x; touch pwned` is an odd name, never a
command. Stack control prefers the rig's `rig-stack` and otherwise uses
systemd, as on a real node.
"""

from __future__ import annotations

import ipaddress
import shlex
from typing import Mapping, Sequence

PARTITION_TABLE = "halab_partition"

STACK_PROCESSES = (
    "corosync pacemakerd pacemaker-based pacemaker-fenced pacemaker-execd "
    "pacemaker-attrd pacemaker-schedulerd pacemaker-controld"
)

CRASH = f"pids=$(pidof {STACK_PROCESSES}); [ -n \"$pids\" ] && kill -9 $pids; true"
START = (
    "if command -v rig-stack >/dev/null 2>&1; then rig-stack start; "
    "else systemctl start corosync && systemctl start pacemaker; fi"
)
STOP = (
    "if command -v rig-stack >/dev/null 2>&1; then rig-stack stop; "
    "else systemctl stop pacemaker && systemctl stop corosync; fi"
)
POWER_OFF = (
    "if command -v rig-stack >/dev/null 2>&1; then rig-stack poweroff; "
    "else systemctl poweroff --force --force; fi"
)
NODELIST = "corosync-cmapctl -b nodelist.node"
DAEMONS = {  # what kill(node, daemon) may name -> the processes it kills
    "corosync": "corosync",
    "pacemakerd": STACK_PROCESSES.replace("corosync ", ""),
    "pacemaker": STACK_PROCESSES.replace("corosync ", ""),
}
HEAL = f"nft delete table inet {PARTITION_TABLE} 2>/dev/null; true"


def q(value: str) -> str:
    return shlex.quote(str(value))


def kill(daemon: str) -> str:
    """kill -9 of one daemon; `pacemakerd` takes its sub-daemons with it, as the simulator models."""
    return f"pids=$(pidof {DAEMONS[daemon]}); [ -n \"$pids\" ] && kill -9 $pids; true"


def power_on(node: str) -> str:
    """Run on ANOTHER rig node: boots a powered-off rig node (real machines need their own power switch)."""
    return f"rig-stack power-on {q(node)}"


def fail_resource(resource: str, node: str) -> str:
    return f"crm_resource --fail --resource {q(resource)} --node {q(node)}"


def fence(node: str) -> str:
    return f"pcs stonith fence {q(node)}"


def standby(node: str, on: bool) -> str:
    return f"pcs node {'standby' if on else 'unstandby'} {q(node)}"


def ring_addresses(cmap_output: str) -> dict[str, list[str]]:
    """`corosync-cmapctl -b nodelist.node` -> {node name: [ring addresses]}."""
    fields: dict[str, dict[str, str]] = {}
    for line in cmap_output.splitlines():
        key, sep, value = line.partition(" = ")
        parts = key.split()[0].split(".") if sep else []
        if len(parts) == 4 and parts[:2] == ["nodelist", "node"]:
            fields.setdefault(parts[2], {})[parts[3]] = value.strip()
    addresses: dict[str, list[str]] = {}
    for entry in fields.values():
        name = entry.get("name")
        rings = [v for k, v in sorted(entry.items()) if k.startswith("ring") and k.endswith("_addr")]
        if name:
            addresses[name] = rings
    return addresses


def partition_rules(cut_off: Sequence[str]) -> str:
    """Shell command that drops corosync (UDP) traffic from/to `cut_off` addresses on this node.

    Only UDP is dropped, so SSH (TCP) keeps working and the lab can still watch
    and heal the node.
    """
    checked = [ipaddress.ip_address(address) for address in cut_off]
    lines = [f"table inet {PARTITION_TABLE} {{",
             "  chain input { type filter hook input priority -10; policy accept; }",
             "  chain output { type filter hook output priority -10; policy accept; }", "}"]
    for address in checked:
        family = "ip" if address.version == 4 else "ip6"
        lines.append(f"add rule inet {PARTITION_TABLE} input {family} saddr {address} meta l4proto udp drop")
        lines.append(f"add rule inet {PARTITION_TABLE} output {family} daddr {address} meta l4proto udp drop")
    script = "\n".join(lines) + "\n"
    return f"{HEAL}; printf %s {q(script)} | nft -f -"


def cut_offs(groups: Sequence[Sequence[str]], addresses: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    """For each node, the ring addresses of every node outside its group."""
    result = {}
    for group in groups:
        others = [a for g in groups if g is not group for n in g for a in addresses.get(n, ())]
        for node in group:
            result[node] = others
    return result
