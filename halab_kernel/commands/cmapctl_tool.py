"""corosync-cmapctl on a simulated node: the configuration map corosync 3.1.7 builds from
corosync.conf, and the runtime keys the lab models.

Keys from the file carry coroparse's types (u8/u16/u32/i32 for the keys it reads as numbers,
u64 for config_version, str for the rest), nodes and links by index (`nodelist.node.0.ring0_addr`,
`totem.interface.0.knet_link_priority`). Runtime keys: `runtime.members.ID.{config_version,ip,
join_count,status}` (this node's corosync since it last started: who joined how often, who left),
`runtime.votequorum.this_node_id` and three of `runtime.config.totem.*`. The listing is sorted as
cmap's trie is; what the lab does not hold (statistics, the other runtime keys) is said on stderr,
and asked for by name it is refused, never reported missing.
"""

from __future__ import annotations

from halab_kernel.commands.corosync_tools import getopt_operands, short_options
from halab_kernel.commands.router import CommandContext, register
from halab_kernel.model import CommandResult, DaemonStarted, MembershipChanged
from halab_kernel.sim.corosync import config as corosync_config
from halab_kernel.sim.corosync import coroparse, validation

_TYPES = {(0, 255): "u8", (0, 65535): "u16", (0, 4294967295): "u32", (-2147483648, 2147483647): "i32"}
# sections whose every key the lab holds: a key missing there is missing on a real node too
_COMPLETE = ("totem.", "nodelist.", "quorum.", "logging.", "runtime.members.", "runtime.votequorum.this_node_id")
_PARTIAL_NOTE = ("corosync-cmapctl: the lab holds the configuration keys, runtime.members.*, "
                 "runtime.votequorum.this_node_id and three runtime.config.totem.* keys; the other runtime and "
                 "statistics keys are not simulated (halab rig up)\n")
_REFUSED = {"-s": "setting a key (-s)", "-d": "deleting keys (-d)", "-D": "deleting keys (-D)",
            "-t": "tracking changes (-t)", "-T": "tracking changes (-T)", "-p": "loading keys from a file (-p)",
            "-m": "the statistics map (-m)", "-C": "clearing statistics (-C)", "-b": "binary values (-b)"}
_USAGE = (
    '\n'
    'usage:  corosync-cmapctl [-b] [-DdghsqTCt] [-p filename] [-m map] [params...]\n'
    '\n'
    '    -b show binary values\n'
    '\n'
    '    -m select map to use\n'
    "          The  default  map is 'icmap' which contains configuration information and some runtime variables used by corosync. \n"
    "          A 'stats' map is also available which displays network statistics - in great detail when knet is used as the transport.\n"
    'Set key:\n'
    '    corosync-cmapctl -s key_name type value\n'
    '\n'
    '    where type is one of ([i|u][8|16|32|64] | flt | dbl | str | bin)\n'
    '    for bin, value is file name (or - for stdin)\n'
    '\n'
    "    map can be either 'icmap' (the default) which contains corosync\n"
    "    configuration information, or 'stats' which contains statistics\n"
    '    about the networking and IPC traffic in some detail.\n'
    '\n'
    'Clear stats:\n'
    '    corosync-cmapctl -C [knet|ipc|totem|schedmiss|all]\n'
    "    The 'stats' map is implied\n"
    '\n'
    'Load settings from a file:\n'
    '    corosync-cmapctl -p filename\n'
    '\n'
    '    the format of the file is:\n'
    '    [^[^]]<key_name>[ <type> <value>]\n'
    "    Keys prefixed with single caret ('^') are deleted (see -d).\n"
    "    Keys (actually prefixes) prefixed with double caret ('^^') are deleted by prefix (see -D).\n"
    '    <type> and <value> are optional (not checked) in above cases.\n'
    '    Other keys are set (see -s) so both <type> and <value> are required.\n'
    '\n'
    'Delete key:\n'
    '    corosync-cmapctl -d key_name...\n'
    '\n'
    'Delete multiple keys with prefix:\n'
    '    corosync-cmapctl -D key_prefix...\n'
    '\n'
    'Get key:\n'
    '    corosync-cmapctl [-b] -g key_name...\n'
    '\n'
    'Quiet mode:\n'
    '    corosync-cmapctl [-b] -q -g key_name...\n'
    '\n'
    'Display all keys:\n'
    '    corosync-cmapctl [-b]\n'
    '\n'
    'Display keys with prefix key_name:\n'
    '    corosync-cmapctl [-b] key_name...\n'
    '\n'
    'Track changes on keys with key_name:\n'
    '    corosync-cmapctl [-b] -t key_name\n'
    '\n'
    'Track changes on keys with key prefix:\n'
    '    corosync-cmapctl [-b] -T key_prefix\n'
    '\n'
)
_NEEDS_KEYS = ("-g", "-s", "-d", "-D", "-t", "-T")  # measured: 'Expected key after options' without one
_MAPS = ("default", "icmap", "stats")
_CLEARED = ("knet", "totem", "ipc", "schedmiss", "all")


def _type_of(key: str) -> str:
    if key.endswith("totem.config_version"):
        return "u64"
    bounds = coroparse.INTEGER_KEYS.get(coroparse.generic(key))
    return _TYPES.get(bounds, "str") if bounds else "str"


def _flatten(tree: dict, prefix: str = "") -> dict[str, str]:
    """corosync.conf's tree as cmap keys: repeated sections by index (interfaces by linknumber)."""
    keys: dict[str, str] = {}
    for name, value in tree.items():
        path = f"{prefix}{name}"
        if isinstance(value, dict):
            keys.update(_flatten(value, path + "."))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if path == "totem.interface":
                    number = item.get("linknumber", item.get("ringnumber", str(index)))
                    item = {k: v for k, v in item.items() if k not in ("linknumber", "ringnumber")}
                    keys.update(_flatten(item, f"{path}.{number}."))
                elif path == "logging.logger_subsys":
                    continue  # per-subsystem logging: not held by the lab
                else:
                    keys.update(_flatten(item, f"{path}.{index}."))
        else:
            keys[path] = str(value)
    return keys


def _members(context: CommandContext) -> dict[str, tuple[int, str]]:
    """This node's corosync since it last started: each node seen, how often it joined, joined or left."""
    events = [e for e in context.sim.events if e.node == context.node]
    starts = [i for i, e in enumerate(events) if isinstance(e, DaemonStarted) and e.daemon == "corosync"]
    counts: dict[str, int] = {}
    status: dict[str, str] = {}
    for event in events[starts[-1] if starts else 0:]:
        if isinstance(event, MembershipChanged):
            for member in event.members:
                if status.get(member) != "joined":
                    counts[member] = counts.get(member, 0) + 1
                    status[member] = "joined"
            for member in event.left:
                status[member] = "left"
    return {name: (counts[name], status[name]) for name in counts}


def cmap(context: CommandContext) -> dict[str, tuple[str, str]]:
    """key -> (type, value) of what the lab holds on this node."""
    sim = context.sim
    config = sim.config
    tree, _ = corosync_config.parse_text(config.text)
    keys = {key: (_type_of(key), value) for key, value in _flatten(tree).items()}
    nodes = list(tree["nodelist"].get("node", [])) if isinstance(tree.get("nodelist"), dict) else []
    local = config.node_named(context.node)
    keys["nodelist.local_node_pos"] = ("u32", str(config.nodes.index(local)))
    keys["runtime.config.totem.token"] = ("u32", str(config.runtime_token_ms))
    keys["runtime.config.totem.consensus"] = ("u32", str(config.runtime_consensus_ms))
    keys["runtime.config.totem.token_coefficient"] = ("u32", str(config.token_coefficient_ms))
    keys["runtime.votequorum.this_node_id"] = ("u32", str(local.node_id))
    for name, (joins, status) in _members(context).items():
        entry = config.node_named(name)
        ip = "".join(f"r({number}) ip({validation.stored_address(address, nodes)}) "
                     for number, address in entry.links or ((0, entry.ring0_addr),))
        base = f"runtime.members.{entry.node_id}"
        keys.update({f"{base}.config_version": ("u64", "0"), f"{base}.ip": ("str", ip),
                     f"{base}.join_count": ("u32", str(joins)), f"{base}.status": ("str", status)})
    return keys


@register("corosync-cmapctl")
def corosync_cmapctl(context: CommandContext, argv: list[str]) -> CommandResult:
    options = []
    for flag, value in short_options(argv, "m:hgsdDtTbp:qC:"):  # each in turn, as main() reads them
        if flag == "?":
            return CommandResult(stderr=f"corosync-cmapctl: {value}\n", rc=1)
        if flag == "-h":
            return CommandResult(stdout=_USAGE)
        if flag == "-m" and value not in _MAPS:
            return CommandResult(stderr="invalid map name, must be 'default', 'icmap' or 'stats'\n", rc=1)
        if flag == "-C" and value not in _CLEARED:
            return CommandResult(stderr="argument to -C should be 'knet', 'totem', 'ipc', 'schedmiss' or 'all'\n",
                                 rc=1)
        options.append((flag, value))
    names = getopt_operands(argv, "m:hgsdDtTbp:qC:")
    flags = [flag for flag, value in options if not (flag == "-m" and value in ("default", "icmap"))]
    if any(flag in _NEEDS_KEYS for flag in flags) and not names:
        return CommandResult(stderr="Expected key after options\n", rc=1)
    if context.sim.totem.nodes[context.node].process == "stopped":
        return CommandResult(stderr="Failed to initialize the cmap API. Error CS_ERR_LIBRARY\n", rc=1)
    refused = next((flag for flag in flags if flag in _REFUSED), None)
    if refused:
        return CommandResult(stderr=f"corosync-cmapctl: not simulated: {_REFUSED[refused]}; try it on real nodes: "
                                    "halab rig up\n", rc=1)
    keys = cmap(context)
    quiet = "-q" in flags
    if "-g" in flags:
        out, errors = [], []
        for name in names:
            if name in keys:
                kind, value = keys[name]
                out.append(f"{value}\n" if quiet else f"{name} ({kind}) = {value}\n")
            elif name.startswith(_COMPLETE):
                errors.append(f"Can't get key {name}. Error CS_ERR_NOT_EXIST\n")
            else:
                return CommandResult(stdout="".join(out), stderr=f"corosync-cmapctl: not simulated: the key {name}; "
                                     "try it on real nodes: halab rig up\n", rc=1)
        return CommandResult(stdout="".join(out), stderr="".join(errors), rc=1 if errors else 0)
    shown = [key for key in sorted(keys) if not names or any(key.startswith(prefix) for prefix in names)]
    partial = not names or any(not (prefix.startswith(_COMPLETE) or f"{prefix}." in _COMPLETE) for prefix in names)
    return CommandResult(stdout="".join(f"{key} ({keys[key][0]}) = {keys[key][1]}\n" for key in shown),
                         stderr=_PARTIAL_NOTE if partial else "")
