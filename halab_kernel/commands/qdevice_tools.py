"""corosync-qdevice-tool on a node, and the qnetd host's own shell (corosync-qnetd-tool).

Layouts follow corosync-qdevice 3.0.x's IPC status commands (qdevice-ipc-cmd.c,
qdevice-net-ipc-cmd.c, qnetd-ipc-cmd.c): tab-aligned "Key:\\tvalue" lines. In the
lab the arbiter host is called "qnetd": `lab.run("qnetd", "corosync-qnetd-tool -l")`
in a notebook. It answers corosync-qnetd-tool and `systemctl start|stop|status
corosync-qnetd`; anything else is not installed there.
"""

from __future__ import annotations

import getopt
from typing import TYPE_CHECKING

from halab_kernel.commands.router import CommandContext, register, split_command_line
from halab_kernel.model import CommandResult
from halab_kernel.sim.corosync.qdevice import QNETD_PORT

if TYPE_CHECKING:
    from halab_kernel.sim.corosync.config import DeviceOptions
    from halab_kernel.sim.simulator import Simulator

NO_QDEVICE = CommandResult(stderr="Can't connect to QDevice socket (is QDevice running?): No such file or directory\n",
                           rc=1)
NO_QNETD = CommandResult(stderr="Can't connect to QNetd socket (is QNetd running?): No such file or directory\n",
                         rc=1)
QDEVICE_TOOL_USAGE = "usage: corosync-qdevice-tool [-Hhsv] [-p qdevice_ipc_socket_path]\n"
QNETD_TOOL_USAGE = "usage: corosync-qnetd-tool [-Hhlsv] [-c cluster_name] [-p qnetd_ipc_socket_path]\n"
ALGORITHM_NAMES = {"ffsplit": "Fifty-Fifty split", "lms": "LMS"}


def tie_breaker_text(device: DeviceOptions) -> str:
    mode = device.tie_breaker.strip()
    if mode == "highest":
        return "Node with highest node ID"
    if mode.isdigit():
        return f"Node with ID {mode}"
    return "Node with lowest node ID"


@register("corosync-qdevice-tool")
def corosync_qdevice_tool(context: CommandContext, argv: list[str]) -> CommandResult:
    sim = context.sim
    try:
        options, _ = getopt.getopt(argv, "Hhsvp:")
    except getopt.GetoptError:
        return CommandResult(stderr=QDEVICE_TOOL_USAGE, rc=1)
    flags = {flag for flag, _ in options}
    if "-h" in flags or not flags & {"-s", "-H"}:
        return CommandResult(stderr=QDEVICE_TOOL_USAGE, rc=1 if "-h" not in flags else 0)
    daemon = sim.qdevice.daemons.get(context.node) if sim.qdevice else None
    if daemon is None or daemon.state in ("stopped", "exited"):
        return NO_QDEVICE
    if "-H" in flags:
        sim.qdevice.quit(context.node)  # type: ignore[union-attr]
        return CommandResult()
    device = sim.qdevice.device  # type: ignore[union-attr]
    node = sim.totem.nodes[context.node]
    verbose = "-v" in flags
    lines = ["Qdevice information", "-------------------", "Model:\t\t\tNet", f"Node ID:\t\t{node.node_id}"]
    if verbose:
        lines += [f"HB interval:\t\t{device.timeout_ms * 8 // 10}ms",  # 0.8 x timeout, as qdevice computes it
                  f"Sync HB interval:\t{device.sync_timeout_ms * 8 // 10}ms"]
    lines.append("Configured node list:")
    lines += [f"    {index}\tNode ID = {entry.node_id}" for index, entry in enumerate(sim.config.nodes)]
    ring = node.totem_ring
    if verbose and ring is not None:
        lines.append(f"Ring ID:\t\t{ring.ring_id}")
    members = sorted(sim.totem.nodes[n].node_id for n in ring.members) if ring else []
    lines.append("Membership node list:\t" + ", ".join(map(str, members)))
    lines += ["", "Qdevice-net information", "----------------------",
              f"Cluster name:\t\t{sim.config.cluster_name}",
              f"QNetd host:\t\t{device.host}:{QNETD_PORT}",
              f"Algorithm:\t\t{ALGORITHM_NAMES.get(device.algorithm, device.algorithm)}",
              f"Tie-breaker:\t\t{tie_breaker_text(device)}",
              "State:\t\t\t" + ("Connected" if daemon.state == "connected" else "Connecting")]
    return CommandResult(stdout="\n".join(lines) + "\n")


# --- the qnetd host ---------------------------------------------------------------


def run_on_qnetd_host(sim: Simulator, line: str) -> CommandResult:
    """A command typed on the arbiter host."""
    try:
        argv = split_command_line(line)
    except ValueError:
        return CommandResult(stderr="bash: syntax error: unexpected end of file (unterminated quote)\n", rc=2)
    if not argv:
        return CommandResult()
    if argv[0] == "corosync-qnetd-tool":
        return qnetd_tool(sim, argv[1:])
    if argv[0] == "systemctl" and len(argv) == 3 and argv[2] in ("corosync-qnetd", "corosync-qnetd.service"):
        return _systemctl(sim, argv[1])
    return CommandResult(stderr=f"bash: {argv[0]}: command not found (the quorum device host runs only "
                                "corosync-qnetd-tool and systemctl start|stop corosync-qnetd; for any other "
                                "command: halab rig up)\n", rc=127)


def _systemctl(sim: Simulator, verb: str) -> CommandResult:
    if verb == "stop":
        sim.stop_qnetd()
    elif verb == "start":
        sim.start_qnetd()
    elif verb in ("status", "is-active"):
        running = sim.qdevice.qnetd.running  # type: ignore[union-attr]
        if verb == "is-active":
            return CommandResult(stdout="active\n" if running else "inactive\n", rc=0 if running else 3)
        state = "active (running)" if running else "inactive (dead)"
        return CommandResult(stdout="● corosync-qnetd.service - Corosync Qdevice Network daemon\n"
                             f"     Active: {state}\n", rc=0 if running else 3)
    else:
        return CommandResult(stderr=f"Unknown command verb {verb}.\n", rc=1)
    return CommandResult()


def qnetd_tool(sim: Simulator, argv: list[str]) -> CommandResult:
    qdevice = sim.qdevice
    assert qdevice is not None
    try:
        options, _ = getopt.getopt(argv, "Hhlsvc:p:")
    except getopt.GetoptError:
        return CommandResult(stderr=QNETD_TOOL_USAGE, rc=1)
    flags = dict(options)
    if "-h" in flags or not set(flags) & {"-l", "-s", "-H"}:
        return CommandResult(stderr=QNETD_TOOL_USAGE, rc=1 if "-h" not in flags else 0)
    if not qdevice.qnetd.running:
        return NO_QNETD
    if "-H" in flags:
        sim.stop_qnetd()
        return CommandResult()
    clients = sorted(qdevice.qnetd.clients.values(), key=lambda c: c.node_id)
    if "-s" in flags:
        return CommandResult(stdout=f"QNetd address:\t\t\t*:{QNETD_PORT}\n"
                             "TLS:\t\t\t\tSupported (client certificate required)\n"
                             f"Connected clients:\t\t{len(clients)}\n"
                             f"Connected clusters:\t\t{1 if clients else 0}\n")
    cluster = flags.get("-c")
    if not clients or (cluster is not None and cluster != sim.config.cluster_name):
        return CommandResult()
    device = qdevice.device
    lines = [f'Cluster "{sim.config.cluster_name}":',
             f"    Algorithm:\t\t{ALGORITHM_NAMES.get(device.algorithm, device.algorithm)}",
             f"    Tie-breaker:\t{tie_breaker_text(device)}"]
    configured = ", ".join(str(entry.node_id) for entry in sim.config.nodes)
    for index, client in enumerate(clients):
        address = sim.config.node_named(client.node).ring0_addr
        members = ", ".join(str(n) for n in sorted(qdevice.qnetd.node_ids[m] for m in client.ring))
        vote = client.vote or "No change"
        lines += [f"    Node ID {client.node_id}:",
                  f"        Client address:\t\t::ffff:{address}:{50000 + client.node_id}",
                  f"        Configured node list:\t{configured}",
                  f"        Membership node list:\t{members}",
                  f"        Vote:\t\t\t{vote} ({vote})"]
    return CommandResult(stdout="\n".join(lines) + "\n")
