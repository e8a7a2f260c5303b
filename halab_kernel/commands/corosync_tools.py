"""corosync-quorumtool and corosync-cfgtool, answered from the simulator (corosync-cmapctl: cmapctl_tool.py).

Formats follow corosync 3.1.7's tools (tools/corosync-quorumtool.c and the
captures from a real cluster): same headings, same padding, same exit codes
(corosync-quorumtool -s exits 2 when the node is not quorate, 1 when corosync
is not running).
"""

from __future__ import annotations

import getopt
import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from typing import Iterator, Mapping

from halab_kernel.commands.router import CommandContext, register
from halab_kernel.commands.text_tools import getopt_message
from halab_kernel.model import CommandResult, QuorumView
from halab_kernel.sim.corosync.validation import inet_aton, printed

# The simulator's clock starts at this wall-clock date, so printed dates look real.
EPOCH = datetime(2026, 1, 5, 9, 0, 0, tzinfo=timezone.utc)
NOT_RUNNING = CommandResult(stderr="Cannot initialize CMAP service\n", rc=1)


def wall_clock(seconds: float) -> datetime:
    return EPOCH + timedelta(seconds=seconds)


def _padded(value: object) -> str:
    """print_string_padded(): right-aligned in 10 columns, then a space."""
    return f"{value!s:>10} "


@dataclass(frozen=True)
class ListFormat:
    """How display_nodes_data() prints the members: -H (ids in hex), -i (addresses instead of names), -a (every
    link's address after the first), -p (the Qdevice column always), -o a|n|i (order)."""

    hexadecimal: bool = False
    addresses: bool = False
    all_addresses: bool = False
    parsable: bool = False
    order: str = "a"

    def node_id(self, value: int, padded: bool = True) -> str:
        if self.hexadecimal:
            return f"0x{value:08x} " if padded else f"0x{value:08x}"
        return _padded(value) if padded else str(value)


def membership_lines(view: QuorumView, names: Mapping[str, str] | None = None,
                     form: ListFormat = ListFormat()) -> list[str]:
    """display_nodes_data(): with a registered quorum device (or -p), a Qdevice column (each member's
    A/NA,V/NV,MW/NMW flags, NR when none is registered) and, with a device, a last row for it, its votes 0
    where this node's qdevice casts no vote (then "(votes N)"). `names`: what each member is shown as."""
    device = view.qdevice_present
    column = device or form.parsable
    header = _padded("Nodeid") + _padded("Votes") + (_padded("Qdevice") if column else "") + "Name"
    lines = ["", "Membership information", "----------------------", header]
    rows = [(names.get(name, name) if names else name, name, node_id)
            for name, node_id in zip(view.members, view.member_ids)]
    if form.order == "n":
        rows.sort(key=lambda row: row[0].encode())
    elif form.order == "i":
        rows.sort(key=lambda row: row[2])
    for shown, name, node_id in rows:
        local = " (local)" if name == view.node else ""
        flags = _padded(view.qdevice_flags.get(name, "NR") if device else "NR") if column else ""
        lines.append(form.node_id(node_id) + _padded(view.votes.get(name, 1)) + flags + shown + local)
    if device:
        casting = view.qdevice_votes > 0
        note = "" if casting else f" (votes {view.qdevice_configured_votes})"
        lines.append(form.node_id(0) + _padded(view.qdevice_votes) + "           Qdevice" + note)
    return lines


def quorum_status_text(view: QuorumView, now: float, names: Mapping[str, str] | None = None,
                       form: ListFormat = ListFormat()) -> str:
    moment = wall_clock(now)
    date = f"{moment:%a %b} {moment.day:>2} {moment:%H:%M:%S %Y}"  # ctime()
    note = " " if "Quorate" in view.flags else "Activity blocked"  # votequorum's own flag, as the tool reads it
    lines = [
        "Quorum information",
        "------------------",
        f"Date:             {date}",
        "Quorum provider:  corosync_votequorum",
        f"Nodes:            {len(view.members)}",
        f"Node ID:          {form.node_id(view.node_id, padded=False)}",
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
    return "\n".join(lines + membership_lines(view, names, form)) + "\n"


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
_OPTIONS = "VHaslpmfe:v:hin:o:"
_INT_MAX = 2 ** 31 - 1
# option -> (lowest, highest, what corosync 3.1.7 says when util_strtonum refuses the value)
_NUMBERS = {"-e": (1, _INT_MAX, "New expected votes value was not valid, try a positive number"),
            "-v": (0, _INT_MAX, "New votes value was not valid, try a positive number or zero"),
            "-n": (1, 2 ** 32 - 1, "The nodeid was not valid, try a positive number")}
_ORDERS = ("a", "n", "i")
_COMMANDS = {"-s": "status", "-l": "list", "-m": "monitor", "-f": "unregister", "-e": "expected", "-v": "votes"}


def _strtonum(value: str, lowest: int, highest: int) -> int | None:
    """util_strtonum(): strtoll in base 10 over the whole value, then the range."""
    if not re.fullmatch(r"[ \t\n\v\f\r]*[+-]?\d+", value) or not lowest <= int(value) <= highest:
        return None
    return int(value)


def short_options(argv: list[str], spec: str) -> Iterator[tuple[str, str]]:
    """glibc getopt() without long options, one option at a time (operands are skipped, `--` ends the
    options): ("?", message) for an unknown option or a missing argument."""
    index = 0
    while index < len(argv):
        word = argv[index]
        index += 1
        if word == "--":
            return
        if not word.startswith("-") or word == "-":
            continue
        position = 1
        while position < len(word):
            letter = word[position]
            position += 1
            at = spec.find(letter)
            if letter == ":" or at < 0:
                yield "?", f"invalid option -- '{letter}'"
                continue
            if spec[at + 1:at + 2] != ":":
                yield f"-{letter}", ""
                continue
            if position < len(word):
                yield f"-{letter}", word[position:]
            elif index < len(argv):
                yield f"-{letter}", argv[index]
                index += 1
            else:
                yield "?", f"option requires an argument -- '{letter}'"
            break


def getopt_operands(argv: list[str], spec: str) -> list[str]:
    """What glibc getopt() leaves after the options (it moves the operands to the end)."""
    operands: list[str] = []
    index = 0
    while index < len(argv):
        word = argv[index]
        index += 1
        if word == "--":
            return operands + argv[index:]
        if not word.startswith("-") or word == "-":
            operands.append(word)
            continue
        for position in range(1, len(word)):
            at = spec.find(word[position])
            if at >= 0 and word[position] != ":" and spec[at + 1:at + 2] == ":":
                index += position == len(word) - 1  # the argument is the next word
                break
    return operands


def _usage(message: str | None) -> CommandResult:
    """Unknown options and missing arguments: glibc's words, the usage, exit 1; -h: the usage, exit 0."""
    if message is None:
        return CommandResult(stdout=QUORUMTOOL_USAGE)
    return CommandResult(stdout=QUORUMTOOL_USAGE, stderr=f"corosync-quorumtool: {message}\n", rc=1)


def _member_names(context: CommandContext, view: QuorumView, form: ListFormat) -> dict[str, str] | CommandResult:
    """node_name(): the nodelist name, or with -i the first address; -a adds every other link's address."""
    names: dict[str, str] = {}
    for name in view.members:
        entry = context.sim.config.node_named(name)
        links = [address for _, address in entry.links] or [entry.ring0_addr]
        shown = [printed(address) for address in links]
        if form.all_addresses and not form.addresses and len(links) > 1:  # measured: reverse lookups of the
            # other links' addresses, whose answer depends on the node's resolver ("node1,  " without DNS)
            return CommandResult(stderr="corosync-quorumtool: not simulated: the host names of a node's other "
                                 "links (-a without -i); try it on real nodes: halab rig up\n", rc=1)
        if (form.addresses or form.all_addresses and len(links) > 1) and \
                any(inet_aton(text) is None and ":" not in text for text in shown):
            return CommandResult(stderr="corosync-quorumtool: not simulated: the addresses of nodes named by "
                                 "host name (-i, -a); try it on real nodes: halab rig up\n", rc=1)
        first = [shown[0]] if form.addresses else [name]
        names[name] = ", ".join(first + (shown[1:] if form.all_addresses else []))
    return names


@register("corosync-quorumtool")
def corosync_quorumtool(context: CommandContext, argv: list[str]) -> CommandResult:
    """main(): each option in turn, a refused one ends the run at once (exit 1); then the command."""
    sim = context.sim
    command, number, target = "status", 0, None
    form = ListFormat()
    for flag, value in short_options(argv, _OPTIONS):
        if flag == "?":
            return _usage(value)
        if flag == "-h":
            return _usage(None)
        if flag == "-V":
            return CommandResult(stdout="corosync-quorumtool version: 3.1.7\n")
        if flag in _NUMBERS:
            lowest, highest, message = _NUMBERS[flag]
            parsed = _strtonum(value, lowest, highest)
            if parsed is None:
                return CommandResult(stderr=message + "\n", rc=1)
            if flag == "-n":
                target = parsed
            else:
                number = parsed
        if flag == "-o":
            if value not in _ORDERS:
                return CommandResult(stderr="Invalid ordering option. valid orders are a(address), i(node ID) or "
                                     "n(name)\n", rc=1)
            form = replace(form, order=value)
        command = _COMMANDS.get(flag, command)
        form = replace(form, hexadecimal=form.hexadecimal or flag == "-H", addresses=form.addresses or flag == "-i",
                       all_addresses=form.all_addresses or flag == "-a", parsable=form.parsable or flag == "-p")
    view = sim.quorum_view(context.node)
    if view is None:
        return NOT_RUNNING
    if command == "monitor":
        return CommandResult(stderr="corosync-quorumtool -m monitors forever; in the lab use %advance with "
                             "the dashboard, or run -s again\n", rc=1)
    if command == "unregister":
        if view.qdevice_present:
            return CommandResult(stderr="corosync-quorumtool: not simulated: unregistering a quorum device (-f); "
                                 "try it on real nodes: halab rig up\n", rc=1)
        return CommandResult()  # unregister_qdevice(): nothing registered, nothing to do
    if command == "votes":
        node_id = view.node_id if target is None else target
        refused = sim.totem.set_votes(context.node, node_id, number)
        if refused:  # measured on a running corosync 3.1.7: this message, exit 1
            return CommandResult(stderr=f"Unable to set votes {number} for nodeid: {node_id}: {refused}\n", rc=1)
        return CommandResult()
    if command == "expected":
        quorum = sim.totem.nodes[context.node].quorum
        if quorum is None or not quorum.accepts_expected_votes(number):
            return CommandResult(stderr="Unable to set expected votes: CS_ERR_INVALID_PARAM\n", rc=1)  # measured: exit 1
        sim.totem.set_expected_votes(context.node, number)
        return CommandResult()
    names = _member_names(context, view, form)
    if isinstance(names, CommandResult):
        return names
    if command == "list":
        return CommandResult(stdout="\n".join(membership_lines(view, names, form)) + "\n")
    return CommandResult(stdout=quorum_status_text(view, sim.now, names, form), rc=0 if view.quorate else 2)


_CFGTOOL_USAGE = (
    'corosync-cfgtool [[-i <interface ip>] [-b] -s] [-R] [-L] [-k nodeid] [-a nodeid] [-h] [-H]\n'
    '\n'
    'A tool for displaying and configuring active parameters within corosync.\n'
    'options:\n'
    '\t-i\tFinds only information about the specified interface IP address or link id when used with -s..\n'
    '\t-s\tDisplays the status of the current links on this node.\n'
    '\t-n\tDisplays the status of the connected nodes and their links.\n'
    '\t-b\tDisplays the brief status of the current links on this node when used with -s.\n'
    '\t-R\tTell all instances of corosync in this cluster to reload corosync.conf.\n'
    '\t-L\tTell corosync to reopen all logging files.\n'
    '\t-k\tKill a node identified by node id.\n'
    '\t-a\tDisplay the IP address(es) of a node\n'
    '\t-h\tPrint basic usage.\n'
    '\t-H\tShutdown corosync cleanly on this node.\n'
    '\t\t--force will shut down corosync regardless of daemon vetos\n'
)
_CFGTOOL_COMMANDS = ("-s", "-n", "-R", "-L", "-k", "-a", "-H")  # without one of them: the usage, exit 0
_CFGTOOL_UNMODELLED = {"-i": "one link's status", "-n": "the status of the nodes and their links",
                       "-b": "brief link status", "-R": "reloading corosync.conf", "-L": "reopening the log files",
                       "-k": "killing a node", "-a": "a node's addresses", "-H": "shutting corosync down"}


@register("corosync-cfgtool")
def corosync_cfgtool(context: CommandContext, argv: list[str]) -> CommandResult:
    try:
        options, _ = getopt.gnu_getopt(argv, "i:snbRLk:a:hH", ["force"])
    except getopt.GetoptError as error:
        return CommandResult(stderr=f"corosync-cfgtool: {getopt_message(error)}\n", rc=1)
    for flag, value in options:
        if flag in ("-k", "-a") and _strtonum(value, 1, 2 ** 32 - 1) is None:  # util_strtonum, measured
            return CommandResult(stderr="The nodeid was not valid, try a positive number\n", rc=1)
    flags = [flag for flag, _ in options]
    if not any(flag in _CFGTOOL_COMMANDS for flag in flags):  # measured: -h is no command, `-h -s` is -s
        return CommandResult(stdout=_CFGTOOL_USAGE)
    unmodelled = next((flag for flag in flags if flag in _CFGTOOL_UNMODELLED), None)
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
        if inet_aton(address) is None and ":" not in address:  # real prints the address the name resolves to
            return CommandResult(stdout=heading + "\n", stderr="corosync-cfgtool: not simulated: the address of a "
                                 "link named by host name (-s); try it on real nodes: halab rig up\n", rc=1)
        lines += [f"LINK ID {number} udp", f"\taddr\t= {address}", "\tstatus:", *statuses]
    return CommandResult(stdout="\n".join(lines) + "\n")
