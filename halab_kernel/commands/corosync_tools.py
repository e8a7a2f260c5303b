"""corosync-quorumtool and corosync-cfgtool, answered from the simulator (corosync-cmapctl: cmapctl_tool.py).

Formats follow corosync 3.1.7's tools (tools/corosync-quorumtool.c and the
captures from a real cluster): same headings, same padding, same exit codes
(corosync-quorumtool -s exits 2 when the node is not quorate, 1 when corosync
is not running).
"""

from __future__ import annotations

import getopt
import re
from datetime import datetime, timedelta, timezone

from halab_kernel.commands.router import CommandContext, register
from halab_kernel.commands.text_tools import getopt_message
from halab_kernel.model import CommandResult, QuorumView

# The simulator's clock starts at this wall-clock date, so printed dates look real.
EPOCH = datetime(2026, 1, 5, 9, 0, 0, tzinfo=timezone.utc)
NOT_RUNNING = CommandResult(stderr="Cannot initialize CMAP service\n", rc=1)


def wall_clock(seconds: float) -> datetime:
    return EPOCH + timedelta(seconds=seconds)


def _padded(value: object) -> str:
    """print_string_padded(): right-aligned in 10 columns, then a space."""
    return f"{value!s:>10} "


def membership_lines(view: QuorumView) -> list[str]:
    """display_nodes_data(): with a registered quorum device, a Qdevice column (each member's
    A/NA,V/NV,MW/NMW flags) and a last row for the device, its votes 0 where this node's
    qdevice casts no vote (then "(votes N)")."""
    device = view.qdevice_present
    header = _padded("Nodeid") + _padded("Votes") + (_padded("Qdevice") if device else "") + "Name"
    lines = ["", "Membership information", "----------------------", header]
    for name, node_id in zip(view.members, view.member_ids):
        local = " (local)" if name == view.node else ""
        flags = _padded(view.qdevice_flags.get(name, "NR")) if device else ""
        lines.append(_padded(node_id) + _padded(view.votes.get(name, 1)) + flags + name + local)
    if device:
        casting = view.qdevice_votes > 0
        note = "" if casting else f" (votes {view.qdevice_configured_votes})"
        lines.append(_padded(0) + _padded(view.qdevice_votes) + "           Qdevice" + note)
    return lines


def quorum_status_text(view: QuorumView, now: float) -> str:
    moment = wall_clock(now)
    date = f"{moment:%a %b} {moment.day:>2} {moment:%H:%M:%S %Y}"  # ctime()
    note = " " if "Quorate" in view.flags else "Activity blocked"  # votequorum's own flag, as the tool reads it
    lines = [
        "Quorum information",
        "------------------",
        f"Date:             {date}",
        "Quorum provider:  corosync_votequorum",
        f"Nodes:            {len(view.members)}",
        f"Node ID:          {view.node_id}",
        f"Ring ID:          {view.ring_id}",
        f"Quorate:          {'Yes' if view.quorate else 'No'}",
        "",
        "Votequorum information",
        "----------------------",
        f"Expected votes:   {view.expected_votes}",
        f"Highest expected: {view.highest_expected}",
        f"Total votes:      {view.total_votes}",
        f"Quorum:           {view.quorum} {note}",
        "Flags:            " + "".join(flag + " " for flag in view.flags),
    ]
    return "\n".join(lines + membership_lines(view)) + "\n"


QUORUMTOOL_USAGE = """usage: 
corosync-quorumtool <options>

  options:

  -s             show quorum status
  -m             constantly monitor quorum status
  -l             list nodes
  -a             show all names or addresses for each node
  -p             when used with -s or -l, generates machine parsable output
  -v <votes>     change the number of votes for a node (*)
  -n <nodeid>    optional nodeid of node for -v
  -e <expected>  change expected votes for the cluster (*)
  -H             show nodeids in hexadecimal rather than decimal
  -i             show node IP addresses instead of the resolved name
  -o <a|n|i>     order by [a] IP address (default), [n] name, [i] nodeid
  -f             forcefully unregister a quorum device *DANGEROUS* (*)
  -h             show this help text
  -V             show version and exit

  (*) Starred items only work if votequorum is the quorum provider for corosync

"""
_INT_MAX = 2 ** 31 - 1
# option -> (lowest, highest, what corosync 3.1.7 says when util_strtonum refuses the value)
_NUMBERS = {"-e": (1, _INT_MAX, "New expected votes value was not valid, try a positive number"),
            "-v": (0, _INT_MAX, "New votes value was not valid, try a positive number or zero"),
            "-n": (1, 2 ** 32 - 1, "The nodeid was not valid, try a positive number")}
_NOT_SIMULATED = {"-p": "machine parsable output (-p)", "-H": "hexadecimal node ids (-H)",
                  "-i": "addresses instead of names (-i)", "-a": "all names or addresses (-a)",
                  "-o": "ordering the node list (-o)", "-f": "unregistering a quorum device (-f)"}


def _strtonum(value: str, lowest: int, highest: int) -> int | None:
    """util_strtonum(): strtoll in base 10 over the whole value, then the range."""
    if not re.fullmatch(r"[ \t\n\v\f\r]*[+-]?\d+", value) or not lowest <= int(value) <= highest:
        return None
    return int(value)


def _getopt_error(error: getopt.GetoptError) -> CommandResult:
    """glibc getopt's words, then the usage and exit 1, as corosync-quorumtool answers (it reads short
    options only: `--help` is the option '-')."""
    if error.opt and len(error.opt) > 1:
        message = "invalid option -- '-'"
    elif "requires argument" in error.msg:
        message = f"option requires an argument -- '{error.opt}'"
    else:
        message = f"invalid option -- '{error.opt}'"
    return CommandResult(stdout=QUORUMTOOL_USAGE, stderr=f"corosync-quorumtool: {message}\n", rc=1)


@register("corosync-quorumtool")
def corosync_quorumtool(context: CommandContext, argv: list[str]) -> CommandResult:
    sim = context.sim
    view = sim.quorum_view(context.node)
    if view is None:
        return NOT_RUNNING
    try:
        options, _ = getopt.gnu_getopt(argv, "VHaslpmfe:v:hin:o:")
    except getopt.GetoptError as error:
        return _getopt_error(error)
    command, expected, votes, target, unmodelled = "status", 0, 0, None, []
    for flag, value in options:  # in corosync's order: a refused value ends the run at once
        if flag in _NUMBERS:
            lowest, highest, message = _NUMBERS[flag]
            number = _strtonum(value, lowest, highest)
            if number is None:
                return CommandResult(stderr=message + "\n", rc=1)
            if flag == "-e":
                command, expected = "expected", number
            elif flag == "-v":
                command, votes = "votes", number
            elif flag == "-n":
                target = number
        if flag == "-o" and value[:1] not in ("a", "n", "i"):
            return CommandResult(stderr="Invalid ordering option. valid orders are a(address), i(node ID) or "
                                 "n(name)\n", rc=1)
        if flag in ("-l", "-s"):
            command = "list" if flag == "-l" else "status"
        elif flag == "-V":
            return CommandResult(stdout="corosync-quorumtool version: 3.1.7\n")
        elif flag == "-h":
            command = "usage"
        elif flag == "-m":
            return CommandResult(stderr="corosync-quorumtool -m monitors forever; in the lab use %advance with "
                                 "the dashboard, or run -s again\n", rc=1)
        elif flag in _NOT_SIMULATED and not (flag == "-o" and value[:1] == "a"):
            unmodelled.append(_NOT_SIMULATED[flag])
    if command == "usage":
        return CommandResult(stdout=QUORUMTOOL_USAGE)
    if unmodelled:
        return CommandResult(stderr=f"corosync-quorumtool: not simulated: {unmodelled[0]}; try it on real nodes: "
                             "halab rig up\n", rc=1)
    if command == "list":
        return CommandResult(stdout="\n".join(membership_lines(view)) + "\n")
    if command == "votes":
        node_id = view.node_id if target is None else target
        refused = sim.totem.set_votes(context.node, node_id, votes)
        if refused:  # measured on a running corosync 3.1.7: this message, exit 1
            return CommandResult(stderr=f"Unable to set votes {votes} for nodeid: {node_id}: {refused}\n", rc=1)
        return CommandResult()
    if command == "expected":
        quorum = sim.totem.nodes[context.node].quorum
        if quorum is None or not quorum.accepts_expected_votes(expected):
            return CommandResult(stderr="Unable to set expected votes: CS_ERR_INVALID_PARAM\n", rc=1)  # measured: exit 1
        sim.totem.set_expected_votes(context.node, expected)
        return CommandResult()
    return CommandResult(stdout=quorum_status_text(view, sim.now), rc=0 if view.quorate else 2)


_CFGTOOL_USAGE = "corosync-cfgtool [[-i <interface ip>] [-b] -s] [-R] [-L] [-k nodeid] [-a nodeid] [-h] [-H]\n"
_CFGTOOL_UNMODELLED = {"-i": "one link's status", "-n": "the status of the nodes and their links",
                       "-b": "brief link status", "-R": "reloading corosync.conf", "-L": "reopening the log files",
                       "-k": "killing a node", "-a": "a node's addresses", "-H": "shutting corosync down",
                       "--force": "a forced shutdown"}


@register("corosync-cfgtool")
def corosync_cfgtool(context: CommandContext, argv: list[str]) -> CommandResult:
    try:
        options, _ = getopt.gnu_getopt(argv, "i:snbRLk:a:hH", ["force"])
    except getopt.GetoptError as error:
        return CommandResult(stderr=f"corosync-cfgtool: {getopt_message(error)}\n", rc=1)
    flags = [flag for flag, _ in options]
    if not flags or "-h" in flags:
        return CommandResult(stdout=_CFGTOOL_USAGE)
    unmodelled = next((flag for flag in flags if flag != "-s"), None)
    if unmodelled is not None:
        return CommandResult(stderr=f"corosync-cfgtool: not simulated: {_CFGTOOL_UNMODELLED[unmodelled]} "
                                    f"({unmodelled}); try it on real nodes: halab rig up\n", rc=1)
    sim = context.sim
    node = sim.totem.nodes[context.node]
    if node.process == "stopped":
        return CommandResult(stderr="Could not initialize corosync configuration API error 2\n", rc=1)
    entry = sim.config.node_named(context.node)
    heading = f"Local node ID {entry.node_id}, transport {sim.config.transport}"
    if sim.config.transport != "knet":  # the heading is the same; the link lines are not modelled
        return CommandResult(stdout=heading + "\n", stderr=f"corosync-cfgtool: not simulated: link status on the "
                             f"{sim.config.transport} transport (-s); try it on real nodes: halab rig up\n", rc=1)
    statuses = []
    for other in sim.config.nodes:  # a cut in the lab cuts every link between two nodes
        if other.name == context.node:
            status = "localhost"
        elif sim.totem.nodes[other.name].process != "stopped" and sim.network.can_talk(context.node, other.name):
            status = "connected"
        else:
            status = "disconnected"
        statuses.append(f"\t\tnodeid: {other.node_id:>10}:\t{status}")
    lines = [heading]
    for number, address in entry.links or ((0, entry.ring0_addr),):
        lines += [f"LINK ID {number} udp", f"\taddr\t= {address}", "\tstatus:", *statuses]
    return CommandResult(stdout="\n".join(lines) + "\n")
