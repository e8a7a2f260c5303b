"""`pcs cluster setup NAME NODE [addr=A]... [transport T ...] [totem ...] [quorum ...]`: corosync.conf.

The text is the one pcs 0.11.5's ConfigFacade writes: `totem` (version,
cluster_name, transport, totem options sorted, one `interface` per link with
options, transport, compression and crypto options sorted, cluster_uuid),
`nodelist` (ringN_addr, name, nodeid), `quorum` (provider, options sorted,
`two_node: 1` for two nodes without auto_tie_breaker), `logging`. knet gets
aes256/sha256 crypto unless crypto options are given. The cluster_uuid comes
from the caller (a simulator draws it from its seeded random generator).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from halab_kernel.commands.pcs import messages
from halab_kernel.commands.pcs.errors import PcsError, Reporter, UsageError

TOTEM = ("block_unlisted_ips", "consensus", "downcheck", "fail_recv_const", "heartbeat_failures_allowed", "hold",
         "join", "max_messages", "max_network_delay", "merge", "miss_count_const", "send_join",
         "seqno_unchanged_const", "token", "token_coefficient", "token_retransmit",
         "token_retransmits_before_loss_const", "window_size")
QUORUM = ("auto_tie_breaker", "last_man_standing", "last_man_standing_window", "wait_for_all")
KNET_GENERIC = ("ip_version", "knet_pmtud_interval", "link_mode")
UDP_GENERIC = ("ip_version", "netmtu")
COMPRESSION = ("level", "model", "threshold")
CRYPTO = ("cipher", "hash", "model")
KNET_LINK = {"link_priority": "knet_link_priority", "linknumber": "linknumber", "mcastport": "mcastport",
             "ping_interval": "knet_ping_interval", "ping_precision": "knet_ping_precision",
             "ping_timeout": "knet_ping_timeout", "pong_count": "knet_pong_count", "transport": "knet_transport"}
UDP_LINK = ("bindnetaddr", "broadcast", "mcastaddr", "mcastport", "ttl")


@dataclass(frozen=True)
class SetupRequest:
    """What `pcs cluster setup` was asked for, parsed from its command line."""

    name: str
    nodes: tuple[tuple[str, tuple[str, ...]], ...]  # (node name, addresses)
    transport: str = "knet"
    transport_options: dict[str, str] = field(default_factory=dict)
    links: tuple[dict[str, str], ...] = ()
    compression: dict[str, str] = field(default_factory=dict)
    crypto: dict[str, str] = field(default_factory=dict)
    totem: dict[str, str] = field(default_factory=dict)
    quorum: dict[str, str] = field(default_factory=dict)


def _options(words: list[str]) -> dict[str, str]:
    from halab_kernel.commands.pcs.parsing import prepare_options
    return prepare_options(words)


def _split(words: list[str], keywords: tuple[str, ...], first: str) -> dict[str, list[list[str]]]:
    groups: dict[str, list[list[str]]] = {first: [[]]}
    current = first
    for word in words:
        if word in keywords:
            if word in groups and word != "link":
                raise UsageError(f"'{word}' cannot be used more than once")
            groups.setdefault(word, []).append([])
            current = word
        else:
            groups[current][-1].append(word)
    return groups


def parse(argv: list[str]) -> SetupRequest:
    if len(argv) < 2:
        raise UsageError()
    name, rest = argv[0], argv[1:]
    groups = _split(rest, ("transport", "totem", "quorum"), "nodes")
    nodes: list[tuple[str, list[str]]] = []
    for word in groups["nodes"][0]:
        if "=" not in word:
            nodes.append((word, []))
            continue
        key, value = word.split("=", 1)
        if not nodes:
            raise UsageError(f"Invalid character '=' in node name '{word}'")  # pcs: no node before addr=
        if key != "addr":
            raise PcsError(f"Error: Unknown options '{key}' for node '{nodes[-1][0]}'")
        nodes[-1][1].append(value)
    seen = [name for name, _ in nodes]
    repeated = next((name for name in seen if seen.count(name) > 1), None)
    if repeated:
        raise UsageError(f"Node name '{repeated}' defined multiple times")
    request = SetupRequest(name, tuple((n, tuple(a)) for n, a in nodes),
                           totem=_options(groups.get("totem", [[]])[0]),
                           quorum=_options(groups.get("quorum", [[]])[0]))
    if "transport" not in groups:
        return request
    words = groups["transport"][0]
    if not words:
        raise UsageError("Transport type not defined")
    transport, words = words[0], words[1:]
    parts = _split(words, ("link", "compression", "crypto"), "generic")
    return SetupRequest(request.name, request.nodes, transport, _options(parts["generic"][0]),
                        tuple(_options(link) for link in parts.get("link", [])),
                        _options(parts.get("compression", [[]])[0]), _options(parts.get("crypto", [[]])[0]),
                        request.totem, request.quorum)


def validate(request: SetupRequest, reporter: Reporter) -> None:
    """The option-name checks of pcs's setup validator (values are corosync's business)."""
    def check(options: dict[str, str], allowed: tuple[str, ...], kind: str) -> None:
        invalid = sorted(name for name in options if name not in allowed)
        if invalid:
            reporter.error(messages.invalid_options(invalid, sorted(allowed), kind))
    if request.transport not in ("knet", "udp", "udpu"):
        reporter.error(f"'{request.transport}' is not a valid transport value, use 'knet', 'udp', 'udpu'")
    knet = request.transport == "knet"
    check(request.transport_options, KNET_GENERIC if knet else UDP_GENERIC, "knet transport" if knet
          else "udp/udpu transport")
    for link in request.links:
        check(link, tuple(sorted(KNET_LINK)) if knet else UDP_LINK, "link")
        for given, needed in (("ping_interval", "ping_timeout"), ("ping_timeout", "ping_interval")):
            if knet and given in link and needed not in link:
                reporter.error(f"If link option '{given}' is specified, link option '{needed}' must be specified "
                               "as well")
    check(request.compression, COMPRESSION, "compression")
    check(request.crypto, CRYPTO, "crypto")
    check(request.totem, TOTEM, "totem")
    check(request.quorum, QUORUM, "quorum")
    reporter.stop_if_errors()


def render(request: SetupRequest, cluster_uuid: str | None) -> str:
    """corosync.conf as pcs 0.11.5 writes it for this request."""
    totem = [("version", "2"), ("cluster_name", request.name), ("transport", request.transport)]
    totem += sorted(request.totem.items())
    interfaces: list[list[tuple[str, str]]] = []
    knet = request.transport == "knet"
    numbers = [int(link["linknumber"]) for link in request.links if "linknumber" in link]
    free = [n for n in range(8) if n not in numbers]
    numbered = [dict(link) if "linknumber" in link else {**link, "linknumber": str(free.pop(0))}
                for link in request.links]
    for link in sorted(numbered, key=lambda item: item["linknumber"]):
        if [name for name in link if name != "linknumber"]:
            translated = {KNET_LINK.get(name, name) if knet else name: value for name, value in link.items()}
            interfaces.append(sorted(translated.items()))
    totem += sorted(request.transport_options.items())
    if knet:
        totem += sorted((f"knet_compression_{k}", v) for k, v in request.compression.items())
        crypto = request.crypto or {"cipher": "aes256", "hash": "sha256"}
        totem += sorted((f"crypto_{k}", v) for k, v in crypto.items())
    if cluster_uuid:
        totem.append(("cluster_uuid", cluster_uuid))
    quorum = [("provider", "corosync_votequorum")] + sorted(request.quorum.items())
    if len(request.nodes) == 2 and request.quorum.get("auto_tie_breaker") != "1":
        quorum.append(("two_node", "1"))
    lines = ["totem {"] + [f"    {k}: {v}" for k, v in totem if v != ""]
    for interface in interfaces:
        lines += ["", "    interface {"] + [f"        {k}: {v}" for k, v in interface] + ["    }"]
    lines += ["}", "", "nodelist {"]
    for number, (name, addrs) in enumerate(request.nodes, 1):
        if number > 1:
            lines.append("")
        lines += ["    node {"] + [f"        ring{i}_addr: {a}" for i, a in enumerate(addrs)]
        lines += [f"        name: {name}", f"        nodeid: {number}", "    }"]
    lines += ["}", "", "quorum {"] + [f"    {k}: {v}" for k, v in quorum if v != ""] + ["}", "", "logging {",
              "    to_logfile: yes", "    logfile: /var/log/corosync/corosync.log", "    to_syslog: yes",
              "    timestamp: on", "}"]
    return "\n".join(lines) + "\n"


def default_addresses(request: SetupRequest, reporter: Reporter) -> SetupRequest:
    """A node without addr= gets its name as its address, as pcs says (when known-hosts has none)."""
    nodes = []
    for name, addrs in request.nodes:
        if not addrs:
            reporter.err(f"No addresses specified for host '{name}', using '{name}'")
            addrs = (name,)
        nodes.append((name, addrs))
    return SetupRequest(request.name, tuple(nodes), request.transport, request.transport_options, request.links,
                        request.compression, request.crypto, request.totem, request.quorum)


LIVE_ONLY = ("--wait", "--start", "--enable", "--no-keys-sync")
SETUP_OPTIONS = ("--force", "--no-cluster-uuid", *LIVE_ONLY, "--corosync_conf", "--overwrite")


def setup_local(lib, argv: list[str], modifiers) -> None:  # type: ignore[no-untyped-def]
    """`pcs cluster setup --corosync_conf FILE ...`: write the file, touch no node."""
    import uuid

    live_only = LIVE_ONLY
    modifiers.ensure_only(*SETUP_OPTIONS)
    given = [option for option in live_only if modifiers.has(option)]
    if given:
        raise UsageError(f"Cannot specify any of {messages.quoted_list(live_only)} when '--corosync_conf' is "
                         "specified")
    request = default_addresses(parse(argv), lib.reporter)
    validate(request, lib.reporter)
    path = modifiers.get("--corosync_conf")
    if path in lib.files and not modifiers.has("--overwrite"):
        raise PcsError(f"Error: Corosync configuration file '{path}' already exists, use --overwrite to "
                       "overwrite existing file(s)")
    lib.written_files[path] = render(request, None if modifiers.has("--no-cluster-uuid") else uuid.uuid4().hex)
