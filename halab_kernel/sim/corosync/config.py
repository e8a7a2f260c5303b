"""corosync.conf in, a typed configuration out, with corosync's own errors.

A student may give the simulator the very file they would put in
/etc/corosync/corosync.conf, or a dict shaped like it
(`{"totem": {"token": 1000}, "quorum": {"two_node": 1}}`). Both go through the
same checks that corosync 3.1.7's parser (`corosync -t`) and votequorum make,
with the same messages: an integer key with a bad value, a duplicate nodeid,
a knet node without nodeid, incompatible quorum options. Unknown keys are
accepted silently, exactly as corosync accepts them; `warnings` lists them so
the course can point out a likely typo without pretending corosync would.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any, Mapping

from halab_kernel.sim.corosync import coroparse, validation
from halab_kernel.sim.corosync.coroparse import CorosyncConfigError, Tree

__all__ = ["NODE_KEYS", "CorosyncConfigError", "CorosyncConfig", "NodeEntry", "QuorumOptions", "DeviceOptions", "load",
           "parse_text", "build_config", "render_text", "default_tree", "merge_options", "check_votequorum"]

NODE_KEYS = {validation.AUTHKEY: 256}  # a simulated node's authkey: pcs cluster setup (or corosync-keygen) wrote it

DEFAULT_TOKEN_MS = 3000
DEFAULT_TOKEN_COEFFICIENT_MS = 650
DEFAULT_LMS_WINDOW_MS = 10000
DEFAULT_DEVICE_TIMEOUT_MS = 10000
DEFAULT_DEVICE_SYNC_TIMEOUT_MS = 30000

@dataclass(frozen=True)
class NodeEntry:
    name: str
    node_id: int
    ring0_addr: str
    votes: int = 1
    links: tuple[tuple[int, str], ...] = ()  # (link number, address) of every ringN_addr, in order


@dataclass(frozen=True)
class QuorumOptions:
    """The `quorum {}` section as votequorum(5) defines it."""

    provider: str | None = "corosync_votequorum"
    expected_votes: int = 0  # 0: from the nodelist
    two_node: bool = False
    wait_for_all: bool = False  # effective: two_node switches it on unless set to 0
    last_man_standing: bool = False
    last_man_standing_window_ms: int = DEFAULT_LMS_WINDOW_MS
    auto_tie_breaker: bool = False
    auto_tie_breaker_node: str = "lowest"  # "lowest", "highest" or node ids "1 3 2"
    allow_downscale: bool = False
    expected_votes_tracking: bool = False
    device: DeviceOptions | None = None  # the quorum.device section, when there is one

    @property
    def has_device(self) -> bool:
        """votequorum treats a device as configured when quorum.device.model is set."""
        return self.device is not None and bool(self.device.model)


@dataclass(frozen=True)
class DeviceOptions:
    """The `quorum { device {} }` section (corosync-qdevice(8)); corosync itself checks only
    that its integers parse: corosync-qdevice judges the rest when it starts."""

    model: str | None = None
    votes: int | None = None  # None: votequorum counts the device at (nodes - 1)
    timeout_ms: int = DEFAULT_DEVICE_TIMEOUT_MS
    sync_timeout_ms: int = DEFAULT_DEVICE_SYNC_TIMEOUT_MS
    host: str | None = None
    algorithm: str = "ffsplit"
    tie_breaker: str = "lowest"  # "lowest", "highest" or a node id


@dataclass(frozen=True)
class LoggingOptions:
    """Where corosync's lines go (the `logging {}` section): the journal through syslog (corosync's
    default yes), and a log file only when `to_logfile` is on and `logfile` names one."""

    to_syslog: bool = True
    to_logfile: bool = False
    logfile: str | None = None

    @property
    def file(self) -> str | None:
        return self.logfile if self.to_logfile and self.logfile else None


def _logging(section: Mapping[str, Any]) -> LoggingOptions:
    def switch(key: str, default: bool) -> bool:
        value = section.get(key)
        return default if not isinstance(value, str) else value.lower() in ("yes", "on", "true", "1")

    logfile = section.get("logfile")
    return LoggingOptions(to_syslog=switch("to_syslog", True), to_logfile=switch("to_logfile", False),
                          logfile=logfile if isinstance(logfile, str) else None)


@dataclass(frozen=True)
class CorosyncConfig:
    cluster_name: str
    nodes: tuple[NodeEntry, ...]
    token_ms: int = DEFAULT_TOKEN_MS
    token_coefficient_ms: int = DEFAULT_TOKEN_COEFFICIENT_MS
    consensus_ms: int | None = None  # None: 1.2 x runtime token
    transport: str = "knet"
    quorum: QuorumOptions = field(default_factory=QuorumOptions)
    logging: LoggingOptions = field(default_factory=LoggingOptions)
    warnings: tuple[str, ...] = ()
    text: str = ""  # the corosync.conf this came from (or what pcs would have written)
    startup_error: str | None = None  # votequorum refuses it when corosync starts (corosync -t does not)
    doubled_members: int = 0  # nodes whose only key is ring0_addr: each counts twice for the token

    @property
    def runtime_token_ms(self) -> int:
        """corosync 3: token + (members - 2) * token_coefficient, for 3 or more members, where a node whose only
        key is ring0_addr counts twice (measured: runtime.config.totem.token 5600 for three such udpu nodes;
        a `name`, a `nodeid`, any other key makes it count once)."""
        members = len(self.nodes) + self.doubled_members
        extra = (members - 2) * self.token_coefficient_ms if members >= 3 else 0
        return self.token_ms + extra

    @property
    def runtime_consensus_ms(self) -> int:
        if self.consensus_ms is not None:
            return self.consensus_ms
        return int(self.runtime_token_ms * 1.2)

    def node_named(self, name: str) -> NodeEntry:
        for node in self.nodes:
            if node.name == name:
                return node
        raise KeyError(name)


# --- the text format ------------------------------------------------------

def parse_text(text: str, path: str = "/etc/corosync/corosync.conf") -> tuple[Tree, dict[str, int]]:
    """Parse corosync.conf text into a tree (coroparse.py); also return each key's line number."""
    return coroparse.parse(text, path)


def _known(dotted: str) -> bool:
    generic = coroparse.generic(dotted)
    return generic in coroparse.INTEGER_KEYS or generic in coroparse.ENUM_KEYS or generic in _STRING_KEYS


_STRING_KEYS = {
    "totem.cluster_name", "totem.transport", "totem.secauth", "totem.link_mode", "totem.keyfile", "totem.key",
    "totem.cluster_uuid", "totem.config_version", "totem.block_unlisted_ips", "totem.clear_node_high_bit",
    "totem.cancel_token_hold_on_retransmit", "totem.vsftype", "totem.rrp_mode",
    "totem.interface.bindnetaddr", "totem.interface.mcastaddr", "totem.interface.broadcast",
    "totem.interface.knet_transport", "totem.interface.ringnumber",
    "quorum.provider", "quorum.auto_tie_breaker_node", "quorum.device.model",
    "quorum.device.net.host", "quorum.device.net.algorithm", "quorum.device.net.tie_breaker",
    "quorum.device.net.port", "quorum.device.net.tls", "quorum.device.net.connect_timeout",
    "quorum.device.net.force_ip_version", "quorum.device.net.keep_active_partition_tie_breaker",
    "nodelist.node.name", "nodelist.node.ring0_addr",
    *(f"nodelist.node.ring{n}_addr" for n in range(1, 8)),
    *(f"logging.{key}" for key in ("to_logfile", "logfile", "to_syslog", "to_stderr", "timestamp", "debug",
                                   "fileline", "function_name", "syslog_facility", "syslog_priority",
                                   "logfile_priority", "blackbox")),
    *(f"logging.logger_subsys.{key}" for key in ("subsys", "debug", "to_logfile", "logfile", "to_syslog",
                                                 "to_stderr", "syslog_facility", "syslog_priority",
                                                 "logfile_priority")),
    "system.state_dir", "system.priority", "uidgid.uid", "uidgid.gid",
}


def _unknown_keys(tree: Mapping[str, Any], prefix: str = "") -> list[str]:
    unknown = []
    for key, value in tree.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, dict):
            unknown += _unknown_keys(value, dotted + ".")
        elif isinstance(value, list):
            for item in value:
                unknown += _unknown_keys(item, dotted + ".")
        elif not _known(dotted):
            unknown.append(dotted)
    return unknown


def default_tree(node_names: list[str], cluster_name: str = "halab") -> Tree:
    """What `pcs cluster setup` writes for these nodes (knet, one link)."""
    return {
        "totem": {"version": "2", "cluster_name": cluster_name, "transport": "knet",
                  "crypto_cipher": "aes256", "crypto_hash": "sha256"},
        "nodelist": {"node": [
            {"ring0_addr": f"10.200.0.{10 + i}", "name": name, "nodeid": str(i)}
            for i, name in enumerate(node_names, start=1)
        ]},
        "quorum": {"provider": "corosync_votequorum"},
        "logging": {"to_logfile": "yes", "logfile": "/var/log/corosync/corosync.log", "to_syslog": "yes",
                    "timestamp": "on"},
    }


def merge_options(tree: Tree, options: Mapping[str, Any]) -> Tree:
    """Overlay a dict of section options ({"totem": {"token": 1000}}) on a tree."""
    merged = {key: (dict(value) if isinstance(value, dict) else value) for key, value in tree.items()}
    for section, values in options.items():
        if not isinstance(values, Mapping):
            raise CorosyncConfigError(f"configuration error: section '{section}' must hold key: value pairs")
        target = merged.setdefault(section, {})
        for key, value in values.items():
            target[key] = _stringify(value)
    return merged


def _stringify(value: Any) -> Any:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, Mapping):
        return {k: _stringify(v) for k, v in value.items()}
    return str(value)


def build_config(tree: Tree, lines_of: Mapping[str, int] | None = None,
                 path: str = "/etc/corosync/corosync.conf", keys: Mapping[str, int] | None = None,
                 local: int | None = None, machine: validation.Machine | None = None) -> CorosyncConfig:
    """Check a parsed tree as `corosync -t` does on the node at position `local` of the nodelist
    (validation.local_position by default), with the key files `keys` (path -> bytes; by default a
    simulated node's authkey), on `machine` when given (validation.local_position), and type it."""
    validation.check(tree, NODE_KEYS if keys is None else keys, local, machine)
    totem = tree.get("totem", {}) if isinstance(tree.get("totem"), dict) else {}
    quorum = tree.get("quorum", {}) if isinstance(tree.get("quorum"), dict) else {}
    nodelist = tree.get("nodelist", {}) if isinstance(tree.get("nodelist"), dict) else {}
    device = quorum.get("device") if isinstance(quorum.get("device"), dict) else None
    two_node = bool(_number(quorum, "two_node"))
    wait_for_all = _number(quorum, "wait_for_all")
    options = QuorumOptions(
        provider=quorum.get("provider"),
        expected_votes=_number(quorum, "expected_votes") or 0,
        two_node=two_node,
        wait_for_all=two_node if wait_for_all is None else bool(wait_for_all),
        last_man_standing=bool(_number(quorum, "last_man_standing")),
        last_man_standing_window_ms=_default(_number(quorum, "last_man_standing_window"), DEFAULT_LMS_WINDOW_MS),
        auto_tie_breaker=bool(_number(quorum, "auto_tie_breaker")),
        auto_tie_breaker_node=str(quorum.get("auto_tie_breaker_node", "lowest")),
        allow_downscale=bool(_number(quorum, "allow_downscale")),
        expected_votes_tracking=bool(_number(quorum, "expected_votes_tracking")),
        device=_device(device) if device is not None else None,
    )
    coefficient = _number(totem, "token_coefficient")
    return CorosyncConfig(
        cluster_name=str(totem.get("cluster_name", "")),
        nodes=_nodes(nodelist, validation.hosts_of(list(nodelist.get("node", [])), machine),
                      totem.get("clear_node_high_bit") == "yes"),
        token_ms=_number(totem, "token") or DEFAULT_TOKEN_MS,
        token_coefficient_ms=DEFAULT_TOKEN_COEFFICIENT_MS if coefficient is None else coefficient,
        consensus_ms=_number(totem, "consensus"),
        transport=str(totem.get("transport", "knet")),
        quorum=options,
        logging=_logging(tree["logging"] if isinstance(tree.get("logging"), dict) else {}),
        warnings=tuple(f"unknown key '{key}' (corosync ignores it: a typo?)" for key in _unknown_keys(tree)),
        doubled_members=sum(list(node) == ["ring0_addr"] for node in nodelist.get("node", [])),
    )


def _number(section: Mapping[str, Any], key: str) -> int | None:
    """A key the parser already checked is an integer."""
    value = section.get(key)
    return None if value is None else int(value)


def _default(value: int | None, default: int) -> int:
    """A key's value, 0 included (votequorum takes `last_man_standing_window: 0` as no wait)."""
    return default if value is None else value


def _device(device: Mapping[str, Any]) -> DeviceOptions:
    net: Mapping[str, Any] = device["net"] if isinstance(device.get("net"), dict) else {}
    return DeviceOptions(
        model=device.get("model") or None,
        votes=_number(device, "votes"),
        timeout_ms=_number(device, "timeout") or DEFAULT_DEVICE_TIMEOUT_MS,
        sync_timeout_ms=_number(device, "sync_timeout") or DEFAULT_DEVICE_SYNC_TIMEOUT_MS,
        host=net.get("host") or None,
        algorithm=str(net.get("algorithm", "ffsplit")),
        tie_breaker=str(net.get("tie_breaker", "lowest")),
    )


def _nodes(nodelist: Mapping[str, Any], hosts: validation.Hosts, clear_high_bit: bool) -> tuple[NodeEntry, ...]:
    """The nodes as the simulator runs them; udp/udpu nodes without a nodeid get the one corosync
    derives from the IPv4 address their ring0_addr stands for (`hosts`: where the file is judged)."""
    nodes: list[NodeEntry] = []
    for node in filter(None, nodelist.get("node", [])):  # a node without keys (kept at its position) is no node
        address = str(node.get("ring0_addr", ""))
        node_id = _number(node, "nodeid")
        if node_id is None:
            node_id = validation.generated_nodeid(address, hosts, clear_high_bit) or 0
        votes = _number(node, "quorum_votes")
        links = tuple((n, str(node[f"ring{n}_addr"])) for n in range(8) if f"ring{n}_addr" in node)
        nodes.append(NodeEntry(name=str(node.get("name", address)), node_id=node_id, ring0_addr=address,
                               votes=1 if votes is None else votes, links=links))
    return tuple(nodes)


def parse_tie_breaker(text: str) -> str | None:
    """parse_atb_string(): `lowest`, `highest`, or node ids read with strtol while they are numbers and
    not 0, only when atoi() of the whole text is not 0 (`x 1 2` and `0 1` are no list: auto_tie_breaker
    is then disabled); None when nothing valid is left."""
    if text in ("lowest", "highest"):
        return text
    ids: list[int] = []
    rest = text
    while match := re.match(r"\s*([+-]?\d+)", rest):
        number = int(match.group(1))
        if not number:
            break
        ids.append(number)
        rest = rest[match.end():]
    return " ".join(map(str, ids)) if ids else None


def check_votequorum(config: CorosyncConfig) -> None:
    """The start-up checks of votequorum_readconfig(): corosync refuses to start on these."""
    quorum = config.quorum
    if quorum.provider != "corosync_votequorum":
        return
    if not config.nodes and not quorum.expected_votes:
        raise CorosyncConfigError("configuration error: nodelist or quorum.expected_votes must be configured!")
    if quorum.two_node and quorum.has_device:
        raise CorosyncConfigError("configuration error: two_node and quorum device cannot be configured at the same time!")
    node_votes = sum(node.votes for node in config.nodes)
    tie_breaker = parse_tie_breaker(quorum.auto_tie_breaker_node) if quorum.auto_tie_breaker else None
    if tie_breaker and node_votes % 2 and not quorum.wait_for_all and quorum.last_man_standing:
        raise CorosyncConfigError(
            "configuration error: auto_tie_breaker & last_man_standing not available in odd sized cluster"
        )
    if quorum.has_device and quorum.last_man_standing:
        raise CorosyncConfigError("configuration error: quorum.device is not compatible with last_man_standing")
    if quorum.has_device and tie_breaker:
        raise CorosyncConfigError("configuration error: quorum.device is not compatible with auto_tie_breaker")
    if quorum.has_device and quorum.allow_downscale:
        raise CorosyncConfigError("configuration error: quorum.device is not compatible with allow_downscale")
    device_votes = quorum.device.votes if quorum.device is not None and quorum.has_device else None
    if quorum.has_device and device_votes is None and quorum.expected_votes:
        raise CorosyncConfigError(
            "configuration error: quorum.device.votes must be specified when quorum.expected_votes is set")
    if quorum.has_device and device_votes is None and config.nodes and node_votes != len(config.nodes):
        raise CorosyncConfigError(
            "configuration error: quorum.device.votes must be specified when not all nodes votes 1")
    if device_votes and quorum.expected_votes and quorum.expected_votes - device_votes < 2:
        raise CorosyncConfigError(
            "configuration error: quorum.device.votes is too high or expected_votes is too low")


def render_text(tree: Tree, indent: str = "") -> str:
    """A tree back to corosync.conf text, in the layout pcs writes."""
    lines = []
    for key, value in tree.items():
        items = value if isinstance(value, list) else [value]
        for item in items:
            if isinstance(value, list) and item == {}:  # a node without keys, kept at its position
                continue
            if isinstance(item, dict):
                lines.append(f"{indent}{key} {{")
                lines.append(render_text(item, indent + "    ").rstrip("\n"))
                lines.append(f"{indent}}}")
                if not indent:
                    lines.append("")
            else:
                lines.append(f"{indent}{key}: {item}")
    return "\n".join(line for line in lines) + "\n"


def load(source: str | Mapping[str, Any] | None, node_names: list[str],
         keys: Mapping[str, int] | None = None, strict: bool = True) -> CorosyncConfig:
    """A whole corosync.conf text, a dict of section options overlaid on the default (what
    `pcs cluster setup` writes), or None; checked as `corosync -t` does on a simulated node (which
    has the authkey pcs generates, unless `keys` says otherwise), then as votequorum does when the
    service starts: `strict` raises that refusal, otherwise it is kept in `startup_error` for a
    cluster whose corosync then exits at start on every node."""
    if isinstance(source, str):
        text = source
    else:
        text = render_text(merge_options(default_tree(node_names), source or {}))
    tree, lines_of = parse_text(text)
    config = replace(build_config(tree, lines_of, keys=keys), text=text)
    nodelist: Mapping[str, Any] = tree["nodelist"] if isinstance(tree.get("nodelist"), dict) else {}
    nodes = list(nodelist.get("node", []))
    if any("name" not in node and "ring0_addr" not in node for node in nodes if node or node is nodes[0]):
        raise CorosyncConfigError(  # corosync -t accepts it; with a first such node no node's address is read
            "corosync -t accepts this file, but a node with neither name nor ring0_addr (keys of a section nested "
            "in a node, only ring1_addr, or an empty first node section) is not simulated; try it on real nodes: "
            "halab rig up")
    node_ids = [node.node_id for node in config.nodes]
    if len(set(node_ids)) < len(node_ids):  # corosync -t compares a node only with some others past 10 nodes
        raise CorosyncConfigError(
            "corosync -t accepts this file (past 10 nodes it compares a node's nodeid only with the nodes before it "
            "in key order up to the first with a higher position), but two nodes with the same nodeid are not "
            "simulated; try it on real nodes: halab rig up")
    try:
        check_votequorum(config)
    except CorosyncConfigError as error:
        if strict:
            raise
        return replace(config, startup_error=str(error))
    return config
