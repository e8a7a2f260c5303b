"""The command lines that inject faults on real nodes, and find and undo them. Pure text builders, no I/O.

Every value that comes from a caller (node or resource names) is quoted with
`shlex.quote`, and addresses are checked by `ipaddress` before they enter an
nftables script, so a name like `x; touch pwned` is an odd name, never a
command. Stack control prefers the rig's `rig-stack` and otherwise uses
systemd, as on a real node.

Every fault that outlives the command that made it carries a marker on the
node, so that any later process (a new lab, `halab rig heal`) can find and
undo it, whoever made it: network faults are nftables tables named `halab_*`
(with a comment saying who made them and when); a stopped or killed stack and
a standby node leave a file in `/run/halab-faults/` (tmpfs: a reboot clears
it, as it clears the firewall rules), removed when the fault is undone.
"""

from __future__ import annotations

import ipaddress
import shlex
from typing import Mapping, Sequence

PARTITION_TABLE = "halab_partition"
TABLE_PREFIX = "halab_"  # every nftables table a halab fault makes starts with this
MARKER_DIR = "/run/halab-faults"
STACK_MARKER = f"{MARKER_DIR}/stack"  # corosync/pacemaker stopped, killed or powered off by a halab fault
STANDBY_MARKER = f"{MARKER_DIR}/standby"  # the node was put in standby by a halab fault

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
STACK_RUNNING = "pidof corosync >/dev/null 2>&1 && pidof pacemakerd >/dev/null 2>&1"
# delete every halab network fault on the node, whoever made it
HEAL = (f"for t in $(nft list tables 2>/dev/null | awk '$2 == \"inet\" && index($3, \"{TABLE_PREFIX}\") == 1 "
        "{print $3}'); do nft delete table inet \"$t\"; done; true")
# what a later process finds: one line per fault left on this node ("network TABLE", "stack", "standby")
SCAN = (f"nft list tables 2>/dev/null | awk '$2 == \"inet\" && index($3, \"{TABLE_PREFIX}\") == 1 "
        "{print \"network \" $3}'; "
        f"[ -e {STACK_MARKER} ] && ! {{ {STACK_RUNNING}; }} && echo stack; "
        f"[ -e {STANDBY_MARKER} ] && echo standby; true")


def q(value: str) -> str:
    return shlex.quote(str(value))


def marked(marker: str, command: str, who: str) -> str:
    """`command`, preceded by leaving `marker` on the node (written first: a power cut leaves no time after)."""
    return f"mkdir -p {MARKER_DIR} && printf '%s\\n' {q(who)} > {marker} && {command}"


def undo_stack_and_standby(node: str) -> str:
    """Run on `node`: start a stack a halab fault stopped, then take it out of a halab standby (bounded retries)."""
    return (f"if [ -e {STACK_MARKER} ]; then {START} && rm -f {STACK_MARKER}; fi; "
            f"if [ -e {STANDBY_MARKER} ]; then i=0; while [ $i -lt 30 ]; do "
            f"{standby(node, False)} >/dev/null 2>&1 && rm -f {STANDBY_MARKER} && break; "
            "sleep 1; i=$((i+1)); done; fi; "
            f"[ ! -e {STACK_MARKER} ] && [ ! -e {STANDBY_MARKER} ]")


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


def is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def resolve(names: Sequence[str]) -> str:
    """Prints `NAME ADDRESS` for every address each host name has on the node (getent ahosts: files, then DNS)."""
    return ("for h in " + " ".join(q(n) for n in names) + "; do "
            "getent ahosts \"$h\" | awk -v h=\"$h\" '{print h, $1}'; done; true")


def resolved(output: str) -> dict[str, list[str]]:
    """The output of `resolve` -> {name: [addresses, without repeats, in order]}; anything not an address is dropped."""
    found: dict[str, list[str]] = {}
    for line in output.splitlines():
        parts = line.split()
        if len(parts) == 2 and is_address(parts[1]) and parts[1] not in found.setdefault(parts[0], []):
            found[parts[0]].append(parts[1])
    return found


def partition_rules(cut_off: Sequence[str], who: str) -> str:
    """Shell command that drops corosync (UDP) traffic from/to `cut_off` addresses on this node.

    Only UDP is dropped, so SSH (TCP) keeps working and the lab can still watch
    and heal the node. The table's comment says who made it (`who`).
    """
    checked = [ipaddress.ip_address(address) for address in cut_off]
    comment = "halab fault: partition by " + "".join(c for c in who if c.isalnum() or c in " .:-_=@/")
    lines = [f"table inet {PARTITION_TABLE} {{", f"  comment \"{comment[:120]}\"",
             "  chain input { type filter hook input priority -10; policy accept; }",
             "  chain output { type filter hook output priority -10; policy accept; }", "}"]
    for address in checked:
        family = "ip" if address.version == 4 else "ip6"
        lines.append(f"add rule inet {PARTITION_TABLE} input {family} saddr {address} meta l4proto udp drop")
        lines.append(f"add rule inet {PARTITION_TABLE} output {family} daddr {address} meta l4proto udp drop")
    script = "\n".join(lines) + "\n"
    return f"nft delete table inet {PARTITION_TABLE} 2>/dev/null; printf %s {q(script)} | nft -f -"


def cut_offs(groups: Sequence[Sequence[str]], addresses: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    """For each node, the ring addresses of every node outside its group."""
    result = {}
    for group in groups:
        others = [a for g in groups if g is not group for n in g for a in addresses.get(n, ())]
        for node in group:
            result[node] = others
    return result
