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

DEFAULT_TOKEN_MS = 3000
DEFAULT_TOKEN_COEFFICIENT_MS = 650
DEFAULT_LMS_WINDOW_MS = 10000
DEFAULT_DEVICE_TIMEOUT_MS = 10000
DEFAULT_DEVICE_SYNC_TIMEOUT_MS = 30000

# Integer keys corosync's parser checks, with their ranges (coroparse.c).
_UINT32 = (0, 4294967295)
_UINT8 = (0, 255)
_INTEGER_KEYS: dict[str, tuple[int, int]] = {
    "totem.version": _UINT32,
    "totem.token": _UINT32,
    "totem.token_coefficient": _UINT32,
    "totem.token_retransmits_before_loss_const": _UINT32,
    "totem.join": _UINT32,
    "totem.consensus": _UINT32,
    "totem.merge": _UINT32,
    "totem.downcheck": _UINT32,
    "totem.fail_recv_const": _UINT32,
    "totem.seqno_unchanged_const": _UINT32,
    "totem.send_join": _UINT32,
    "totem.max_messages": _UINT32,
    "totem.window_size": _UINT32,
    "totem.netmtu": _UINT32,
    "totem.nodeid": _UINT32,
    "quorum.expected_votes": _UINT32,
    "quorum.votes": _UINT32,
    "quorum.last_man_standing_window": _UINT32,
    "quorum.two_node": _UINT8,
    "quorum.wait_for_all": _UINT8,
    "quorum.last_man_standing": _UINT8,
    "quorum.auto_tie_breaker": _UINT8,
    "quorum.allow_downscale": _UINT8,
    "quorum.expected_votes_tracking": _UINT8,
    "quorum.device.votes": _UINT32,
    "quorum.device.timeout": _UINT32,
    "quorum.device.sync_timeout": _UINT32,
    "nodelist.node.nodeid": _UINT32,
    "nodelist.node.quorum_votes": _UINT32,
}

_KNOWN_KEYS = set(_INTEGER_KEYS) | {
    "totem.cluster_name", "totem.transport", "totem.crypto_cipher", "totem.crypto_hash",
    "totem.crypto_model", "totem.secauth", "totem.ip_version", "totem.link_mode",
    "totem.knet_pmtud_interval", "totem.knet_compression_model", "totem.cluster_uuid",
    "totem.interface.linknumber", "totem.interface.knet_link_priority", "totem.interface.knet_transport",
    "totem.interface.bindnetaddr", "totem.interface.mcastport", "totem.interface.ringnumber",
    "totem.keyfile", "totem.rrp_mode",
    "quorum.provider", "quorum.auto_tie_breaker_node", "quorum.device.model",
    "quorum.device.net.host", "quorum.device.net.algorithm", "quorum.device.net.tie_breaker",
    "quorum.device.net.port", "quorum.device.net.tls", "quorum.device.net.connect_timeout",
    "nodelist.node.name", "nodelist.node.ring0_addr", "nodelist.node.ring1_addr",
    "logging.to_logfile", "logging.logfile", "logging.to_syslog", "logging.to_stderr",
    "logging.timestamp", "logging.debug", "logging.fileline", "logging.function_name",
    "logging.logger_subsys.subsys", "logging.logger_subsys.debug", "system.allow_knet_handle_fallback",
    "system.state_dir", "system.move_to_root_cgroup", "system.sched_rr", "system.priority",
}


class CorosyncConfigError(ValueError):
    """The configuration corosync would refuse, with corosync's own message."""


@dataclass(frozen=True)
class NodeEntry:
    name: str
    node_id: int
    ring0_addr: str
    votes: int = 1


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
class CorosyncConfig:
    cluster_name: str
    nodes: tuple[NodeEntry, ...]
    token_ms: int = DEFAULT_TOKEN_MS
    token_coefficient_ms: int = DEFAULT_TOKEN_COEFFICIENT_MS
    consensus_ms: int | None = None  # None: 1.2 x runtime token
    transport: str = "knet"
    quorum: QuorumOptions = field(default_factory=QuorumOptions)
    warnings: tuple[str, ...] = ()
    text: str = ""  # the corosync.conf this came from (or what pcs would have written)

    @property
    def runtime_token_ms(self) -> int:
        """corosync 3: token + (nodes - 2) * token_coefficient, for 3 or more configured nodes."""
        extra = max(0, len(self.nodes) - 2) * self.token_coefficient_ms if len(self.nodes) >= 3 else 0
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

_SECTION_OPEN = re.compile(r"^([A-Za-z0-9_.\-]+)\s*\{$")
_KEY_VALUE = re.compile(r"^([A-Za-z0-9_.\-]+)\s*:\s*(.*)$")

Tree = dict[str, Any]  # values: str, Tree, or list[Tree] for repeated sections (node, interface)
_REPEATED_SECTIONS = {"node", "interface", "logger_subsys"}


def parse_text(text: str, path: str = "/etc/corosync/corosync.conf") -> tuple[Tree, dict[str, int]]:
    """Parse corosync.conf text into a tree; also return each key's line number."""
    root: Tree = {}
    stack: list[Tree] = [root]
    lines_of: dict[str, int] = {}
    prefix: list[str] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line == "}":
            if len(stack) == 1:
                raise CorosyncConfigError(f"parser error: {path}:{number}: Unexpected closing brace")
            stack.pop()
            prefix.pop()
            continue
        opened = _SECTION_OPEN.match(line)
        if opened:
            name = opened.group(1)
            child: Tree = {}
            if name in _REPEATED_SECTIONS:
                stack[-1].setdefault(name, []).append(child)
            else:
                existing = stack[-1].get(name)
                child = existing if isinstance(existing, dict) else child
                stack[-1][name] = child
            stack.append(child)
            prefix.append(name)
            continue
        pair = _KEY_VALUE.match(line)
        if not pair:
            raise CorosyncConfigError(
                f"parser error: {path}:{number}: Line is not opening or closing section or key value"
            )
        key, value = pair.group(1), pair.group(2).strip()
        stack[-1][key] = value
        lines_of[".".join(prefix + [key])] = number
    if len(stack) != 1:
        raise CorosyncConfigError(f"parser error: {path}:{len(text.splitlines())}: Missing closing brace")
    return root, lines_of


def _integer(tree: Mapping[str, Any], key: str, dotted: str, lines_of: Mapping[str, int], path: str) -> int | None:
    value = tree.get(key)
    if value is None:
        return None
    low, high = _INTEGER_KEYS[_generic(dotted)]
    text = str(value).strip()
    if re.fullmatch(r"[+]?\d+", text) and low <= int(text) <= high:
        return int(text)
    line = lines_of.get(dotted, lines_of.get(_generic(dotted), 0))
    where = f"{path}:{line}: " if line else ""
    raise CorosyncConfigError(
        f'parser error: {where}Value of key "{dotted}" is expected to be integer in range ({low}..{high}), '
        f'but "{text}" was given'
    )


def _generic(dotted: str) -> str:
    return re.sub(r"\.\d+\.", ".", dotted)


def _unknown_keys(tree: Mapping[str, Any], prefix: str = "") -> list[str]:
    unknown = []
    for key, value in tree.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, dict):
            unknown += _unknown_keys(value, dotted + ".")
        elif isinstance(value, list):
            for item in value:
                unknown += _unknown_keys(item, dotted + ".")
        elif dotted not in _KNOWN_KEYS:
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
                 path: str = "/etc/corosync/corosync.conf") -> CorosyncConfig:
    """Check a parsed tree the way corosync and votequorum do, and type it."""
    lines_of = lines_of or {}
    totem = tree.get("totem", {}) if isinstance(tree.get("totem"), dict) else {}
    quorum = tree.get("quorum", {}) if isinstance(tree.get("quorum"), dict) else {}
    nodelist = tree.get("nodelist", {}) if isinstance(tree.get("nodelist"), dict) else {}

    def number(section: Mapping[str, Any], key: str, dotted: str) -> int | None:
        return _integer(section, key, dotted, lines_of, path)

    for key in totem:
        if f"totem.{key}" in _INTEGER_KEYS:
            number(totem, key, f"totem.{key}")
    for key in quorum:
        if f"quorum.{key}" in _INTEGER_KEYS:
            number(quorum, key, f"quorum.{key}")
    nodes = _nodes(nodelist, lines_of, path)
    transport = totem.get("transport", "knet")

    device = quorum.get("device") if isinstance(quorum.get("device"), dict) else None
    options = QuorumOptions(
        provider=quorum.get("provider"),
        expected_votes=number(quorum, "expected_votes", "quorum.expected_votes") or 0,
        two_node=bool(number(quorum, "two_node", "quorum.two_node")),
        wait_for_all=_wait_for_all(quorum, number),
        last_man_standing=bool(number(quorum, "last_man_standing", "quorum.last_man_standing")),
        last_man_standing_window_ms=number(quorum, "last_man_standing_window", "quorum.last_man_standing_window")
        or DEFAULT_LMS_WINDOW_MS,
        auto_tie_breaker=bool(number(quorum, "auto_tie_breaker", "quorum.auto_tie_breaker")),
        auto_tie_breaker_node=str(quorum.get("auto_tie_breaker_node", "lowest")),
        allow_downscale=bool(number(quorum, "allow_downscale", "quorum.allow_downscale")),
        device=_device(device, lines_of, path) if device is not None else None,
    )
    config = CorosyncConfig(
        cluster_name=str(totem.get("cluster_name", "")),
        nodes=nodes,
        token_ms=number(totem, "token", "totem.token") or DEFAULT_TOKEN_MS,
        token_coefficient_ms=(
            DEFAULT_TOKEN_COEFFICIENT_MS if totem.get("token_coefficient") is None
            else number(totem, "token_coefficient", "totem.token_coefficient") or 0
        ),
        consensus_ms=number(totem, "consensus", "totem.consensus"),
        transport=str(transport),
        quorum=options,
        warnings=tuple(f"unknown key '{key}' (corosync ignores it: a typo?)" for key in _unknown_keys(tree)),
    )
    check_votequorum(config)
    return config


def _device(device: Mapping[str, Any], lines_of: Mapping[str, int], path: str) -> DeviceOptions:
    def number(key: str) -> int | None:
        return _integer(device, key, f"quorum.device.{key}", lines_of, path)

    net = device.get("net") if isinstance(device.get("net"), dict) else {}
    return DeviceOptions(
        model=device.get("model") or None,
        votes=number("votes"),
        timeout_ms=number("timeout") or DEFAULT_DEVICE_TIMEOUT_MS,
        sync_timeout_ms=number("sync_timeout") or DEFAULT_DEVICE_SYNC_TIMEOUT_MS,
        host=net.get("host") or None,
        algorithm=str(net.get("algorithm", "ffsplit")),
        tie_breaker=str(net.get("tie_breaker", "lowest")),
    )


def _wait_for_all(quorum: Mapping[str, Any], number: Any) -> bool:
    explicit = number(quorum, "wait_for_all", "quorum.wait_for_all")
    if explicit is not None:
        return bool(explicit)
    return bool(number(quorum, "two_node", "quorum.two_node"))


def _nodes(nodelist: Mapping[str, Any], lines_of: Mapping[str, int], path: str) -> tuple[NodeEntry, ...]:
    entries = nodelist.get("node", [])
    nodes: list[NodeEntry] = []
    seen: set[int] = set()
    for position, node in enumerate(entries):
        address = str(node.get("ring0_addr", ""))
        node_id = _integer(node, "nodeid", f"nodelist.node.{position}.nodeid", lines_of, path)
        votes = _integer(node, "quorum_votes", f"nodelist.node.{position}.quorum_votes", lines_of, path)
        if node_id is None:
            raise CorosyncConfigError(f"Knet requires an explicit nodeid to be specified for address '{address}'.")
        if node_id in seen:
            raise CorosyncConfigError(f"Nodeid {node_id} appears twice in corosync.conf")
        seen.add(node_id)
        name = str(node.get("name", address))
        nodes.append(NodeEntry(name=name, node_id=node_id, ring0_addr=address, votes=1 if votes is None else votes))
    return tuple(nodes)


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
    if quorum.auto_tie_breaker and node_votes % 2 and not quorum.wait_for_all and quorum.last_man_standing:
        raise CorosyncConfigError(
            "configuration error: auto_tie_breaker & last_man_standing not available in odd sized cluster"
        )
    if quorum.has_device and quorum.last_man_standing:
        raise CorosyncConfigError("configuration error: quorum.device is not compatible with last_man_standing")
    if quorum.has_device and quorum.auto_tie_breaker:
        raise CorosyncConfigError("configuration error: quorum.device is not compatible with auto_tie_breaker")
    if quorum.has_device and quorum.allow_downscale:
        raise CorosyncConfigError("configuration error: quorum.device is not compatible with allow_downscale")


def render_text(tree: Tree, indent: str = "") -> str:
    """A tree back to corosync.conf text, in the layout pcs writes."""
    lines = []
    for key, value in tree.items():
        items = value if isinstance(value, list) else [value]
        for item in items:
            if isinstance(item, dict):
                lines.append(f"{indent}{key} {{")
                lines.append(render_text(item, indent + "    ").rstrip("\n"))
                lines.append(f"{indent}}}")
                if not indent:
                    lines.append("")
            else:
                lines.append(f"{indent}{key}: {item}")
    return "\n".join(line for line in lines) + "\n"


def load(source: str | Mapping[str, Any] | None, node_names: list[str]) -> CorosyncConfig:
    """A whole corosync.conf text, a dict of section options overlaid on the default, or None."""
    if isinstance(source, str):
        tree, lines_of = parse_text(source)
        return replace(build_config(tree, lines_of), text=source)
    tree = default_tree(node_names)
    if source:
        tree = merge_options(tree, source)
    return replace(build_config(tree), text=render_text(tree))
