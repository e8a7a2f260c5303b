"""What `corosync -t` checks once the file is parsed: logging, totem, the nodelist, the key.

corosync 3.1.7 reads the logging section first (exit 7), then totem_config_read(),
totem_config_keyread() and totem_config_validate() (exit 8). Each step refuses with its own
message; the first refusal is the one `corosync -t` prints, so the checks run here in the
same order. What corosync would learn from the machine it runs on is modelled on a
simulated node: the node checking the file is `local` (a position in the nodelist, by default
the one find_local_node() finds on the machine local_position() takes: a test machine for a
file written for one machine, else the lab machine of the last node), key files are those in
`keys` (path -> size in bytes), log directories are a Debian node's, and the host names that
resolve (/etc/hosts) are `localhost` and, in a lab, the nodes' names (lab_hosts: a `name`, else
a `ring0_addr` that is a host name), to IPv4 addresses; udp and udpu generate a missing node id
from the address a `ring0_addr` resolves to.
votequorum's own checks come later, when the service starts (config.check_votequorum).
"""

from __future__ import annotations

import ipaddress
import itertools
import posixpath
import re
from dataclasses import dataclass, field
from typing import Any, Mapping

from halab_kernel.sim.corosync.coroparse import CorosyncConfigError, Tree
from halab_kernel.sim.corosync.localnode import (LOOPBACK4, LOOPBACK6, TEST_MACHINE, IPAddress, Machine,
                                                 find_local_node, host, inet6_address, inet_aton,
                                                 key_order, last_looked_at, resolve)

INTERFACE_MAX = 8
MINIMUM_TIMEOUT = 30  # (1000 / HZ) * 3
MINIMUM_TIMEOUT_HOLD = 14  # MINIMUM_TIMEOUT * 0.8 - 1000 / HZ
DEFAULT_PORT = 5405
AUTHKEY = "/etc/corosync/authkey"
KEY_MIN_BYTES = 128

_LOG_DIRECTORIES = {"/", "/etc", "/etc/corosync", "/home", "/root", "/run", "/tmp", "/usr", "/var", "/var/lib",
                    "/var/lib/corosync", "/var/lib/pacemaker", "/var/log", "/var/log/corosync", "/var/log/pacemaker",
                    "/var/tmp"}
_FILES = {"/etc/hosts", "/etc/passwd", "/etc/group", "/etc/hostname", "/etc/corosync/corosync.conf",
          "/etc/corosync/authkey", "/dev/null", "/dev/zero", "/dev/urandom", "/dev/random"}
# device files every node has, as a key file: how many bytes corosync reads (at most its 4096-byte key)
_DEVICE_FILES = {"/dev/null": 0, "/dev/zero": 4096, "/dev/urandom": 4096, "/dev/random": 4096}
_PRIORITIES = {"emerg", "alert", "crit", "err", "error", "warning", "notice", "info", "debug"}
_FACILITIES = {"daemon", "kern", "user", "mail", "auth", "authpriv", "syslog", "lpr", "news", "uucp", "cron", "ftp",
               *(f"local{n}" for n in range(8))}


def _refuse(reason: str) -> CorosyncConfigError:
    return CorosyncConfigError(f"parse error in config: {reason}")


# --- logging (logconfig.c) ---------------------------------------------------

def _switch(section: Mapping[str, Any], key: str, allowed: tuple[str, ...]) -> None:
    value = section.get(key)
    if isinstance(value, str) and value not in allowed:
        raise _refuse(f"unknown value for {key}.")


def _logging_destinations(section: Mapping[str, Any]) -> None:
    """corosync_main_config_set(): the same keys at the top level and in each logger_subsys."""
    on_off = ("yes", "on", "no", "off")
    _switch(section, "to_stderr", on_off)
    _switch(section, "to_syslog", on_off)
    if "syslog_facility" in section and section["syslog_facility"] not in _FACILITIES:
        raise _refuse("unknown syslog facility specified.")
    for key, what in (("syslog_level", "syslog level"), ("syslog_priority", "syslog priority")):
        if key in section and str(section[key]).lower() not in _PRIORITIES:
            raise _refuse(f"unknown {what} specified.")
    logfile = section.get("logfile")
    if isinstance(logfile, str) and _logfile_error(logfile):
        raise _refuse(f"Can't open logfile '{logfile}' for reason: {_logfile_error(logfile)}.")
    _switch(section, "to_file", on_off)
    _switch(section, "to_logfile", on_off)
    if "logfile_priority" in section and str(section["logfile_priority"]).lower() not in _PRIORITIES:
        raise _refuse("unknown logfile priority specified.")
    _switch(section, "debug", ("on", "off", "trace"))


def _logfile_error(logfile: str) -> str | None:
    """Why fopen(logfile, "a") fails on a simulated node (relative paths: corosync's working directory)."""
    normal = posixpath.normpath(logfile) if logfile else ""
    if logfile.endswith("/") or normal in _LOG_DIRECTORIES or normal in (".", ".."):
        return "Is a directory (21)"
    directory = posixpath.dirname(normal)
    if not logfile or directory not in _LOG_DIRECTORIES and directory not in ("", ".."):
        return "No such file or directory (2)"
    return None


def check_logging(logging: Mapping[str, Any]) -> None:
    _switch(logging, "fileline", ("on", "off"))
    _switch(logging, "function_name", ("on", "off"))
    _switch(logging, "timestamp", ("on", "off", "hires"))
    _switch(logging, "blackbox", ("on", "off"))
    _logging_destinations(logging)
    for subsys in logging.get("logger_subsys", []):
        if subsys.get("subsys"):  # measured: an empty subsys name hides its keys from logconfig
            _logging_destinations(subsys)


def check_state_dir(system: Mapping[str, Any]) -> None:
    """main.c chdir()s to system.state_dir after the logging checks, before totem (measured; exit 16). A
    relative directory is taken from / (where systemd starts corosync)."""
    state_dir = system.get("state_dir")
    if not isinstance(state_dir, str):
        return
    path = posixpath.normpath(posixpath.join("/", state_dir))
    if not state_dir or path not in _LOG_DIRECTORIES | {"/dev"} and path not in _FILES \
            and not any(path.startswith(f"{file}/") for file in _FILES):
        raise CorosyncConfigError(f"Cannot chdir to state directory {state_dir}. No such file or directory")
    if path not in _LOG_DIRECTORIES | {"/dev"}:
        raise CorosyncConfigError(f"Cannot chdir to state directory {state_dir}. Not a directory")


# --- addresses -----------------------------------------------------------------

def printed(address: str) -> str:
    """totemip_print(): the address inet_ntop writes (127.1 -> 127.0.0.1, fd00::0:2 -> fd00::2, no scope)."""
    bare = address.split("%", 1)[0]
    number = inet_aton(bare)
    if number is not None or bare == "localhost":
        return str(ipaddress.IPv4Address(0x7F000001 if number is None else number))
    try:
        parsed = ipaddress.IPv6Address(bare)
    except ValueError:
        return bare  # a node name, resolved in the lab
    return f"::ffff:{parsed.ipv4_mapped}" if parsed.ipv4_mapped else str(parsed)


Hosts = Mapping[str, tuple[IPAddress, ...]]  # /etc/hosts: what getaddrinfo resolves a host name to


def address_family(text: str, ip_version: str, hosts: Hosts) -> int | None:
    """totemip_parse(): 4 or 6, or None when it cannot be resolved in that IP version."""
    parsed = inet6_address(text)
    if parsed is not None:
        # measured: with ip_version ipv4 an IPv4-mapped address is read as the IPv4 address it maps
        families = [4 if ip_version == "ipv4" and parsed.ipv4_mapped else 6]
    elif inet_aton(text) is not None:
        families = [4]
    else:
        families = [address.version for address in host(hosts, text) or ()]
    wanted = {"ipv4": (4,), "ipv6": (6,)}.get(ip_version, (4, 6))
    return next((family for family in families if family in wanted), None)


def generated_nodeid(address: str, hosts: Hosts, clear_high_bit: bool = False) -> int | None:
    """generate_nodeid(): the IPv4 address ring0_addr stands for (getaddrinfo AF_INET: a host name too) as a
    number, its high bit cleared under `totem.clear_node_high_bit: yes`; None where there is none."""
    number = inet_aton(address)
    if number is None:
        number = next((int(found) for found in host(hosts, address) or () if found.version == 4), None)
    return None if number is None else number & 0x7FFFFFFF if clear_high_bit else number


# --- totem ---------------------------------------------------------------------

@dataclass
class _Link:
    number: int
    in_totem: bool = False  # a totem.interface.N key exists (or the local node's ringN_addr)
    local: bool = False  # the local node has a ringN_addr
    port: int = 0
    ttl: int = 1
    priority: int = 1
    mcast: str | None = None
    members: list[tuple[str, int]] = field(default_factory=list)  # (address, host names resolved; family)


@dataclass
class _Totem:
    transport: str
    ip_version: str
    cipher: str
    hash: str
    hosts: Hosts
    clear_high_bit: bool = False
    doubled: int = 0  # link 0 members of nodes whose only key is ring0_addr: each counts twice for the token
    links: dict[int, _Link] = field(default_factory=dict)

    @property
    def crypto(self) -> bool:
        return self.cipher != "none" or self.hash != "none"

    def link(self, number: int) -> _Link:
        return self.links.setdefault(number, _Link(number))


def _crypto(totem: Mapping[str, Any]) -> tuple[str, str]:
    cipher = hash_ = "none"
    if totem.get("secauth") == "on":
        cipher, hash_ = "aes256", "sha256"
    cipher = totem.get("crypto_cipher", cipher)
    hash_ = totem.get("crypto_hash", hash_)
    if cipher != "none" and hash_ == "none":
        raise CorosyncConfigError("crypto_cipher requires crypto_hash with value other than none")
    return cipher, hash_


def _interfaces(totem_tree: Mapping[str, Any], totem: _Totem, local: Mapping[str, Any] | None,
                first_has_ring0: bool) -> None:
    """get_interface_params(): interface sections (merged by linknumber) and the local node's addresses, which
    totem_config_read() turns into bindnetaddrs unless interface 0 has its own bindnetaddr and
    nodelist.node.0 no ring0_addr (then every interface keeps the bindnetaddr written)."""
    stored = ("bindnetaddr", "mcastaddr", "broadcast", "mcastport", "ttl", "knet_link_priority", "knet_ping_interval",
              "knet_ping_timeout", "knet_ping_precision", "knet_pong_count", "knet_transport", "member")
    sections: dict[int, dict[str, Any]] = {}
    for section in totem_tree.get("interface", []):
        merged = sections.setdefault(int(section.get("linknumber", 0)), {})
        merged.update({key: value for key, value in section.items()
                       if key in stored and (key != "member" or isinstance(value, dict) and value)})  # measured
    converted = local if "bindnetaddr" not in sections.get(0, {}) or first_has_ring0 else None
    for key, value in (converted or {}).items():
        ring = re.fullmatch(r"ring(\d+)_addr", key)
        if ring:
            sections.setdefault(int(ring.group(1)), {})["bindnetaddr"] = value
    for number in sorted(sections, key=str):
        section = sections[number]
        keys = [key for key in section if totem.transport != "udp" or key == "bindnetaddr"]
        if not keys:
            continue
        if number >= INTERFACE_MAX:
            raise _refuse(f"interface ring number {number} is bigger than allowed maximum {INTERFACE_MAX - 1}")
        link = totem.link(number)
        link.in_totem = True
        link.local = f"ring{number}_addr" in (local or {})
        bindnet = section.get("bindnetaddr")
        if bindnet is not None and address_family(bindnet, totem.ip_version, totem.hosts) is None:
            raise CorosyncConfigError(f"failed to parse bindnet address '{bindnet}'")
        if "mcastaddr" in section:
            if address_family(section["mcastaddr"], totem.ip_version, totem.hosts) is None:
                raise CorosyncConfigError(f"failed to parse mcast address '{section['mcastaddr']}'")
            link.mcast = section["mcastaddr"]
        elif totem.transport == "udp" and "cluster_name" in totem_tree:
            link.mcast = "239.192.0.0"
        # measured: an explicit mcastport 0 stays 0 unless the local node has an address on the link
        link.port = int(section["mcastport"]) if "mcastport" in section else DEFAULT_PORT + number
        if not link.port and f"ring{number}_addr" in (local or {}):
            link.port = DEFAULT_PORT + number
        if section.get("knet_transport", "udp") not in ("udp", "sctp"):
            raise CorosyncConfigError("Unrecognised knet_transport. expected 'udp' or 'sctp'")
        link.ttl = int(section.get("ttl", 1))
        link.priority = int(section.get("knet_link_priority", 1))


def _members(nodes: list[Mapping[str, Any]], totem: _Totem) -> None:
    """put_nodelist_members_to_config(): every node's ringN_addr on link N, the nodes in icmap key order."""
    for node in (nodes[position] for position in key_order(nodes)):
        for key in sorted(node):
            ring = re.fullmatch(r"ring(\d+)_addr", key)
            if not ring:
                continue
            address = node[key]
            if totem.transport == "knet":
                if not int(node.get("nodeid", 0) or 0):
                    raise CorosyncConfigError(
                        f"Knet requires an explicit nodeid to be specified for address '{address}'.")
                if int(node["nodeid"]) >= 65536:
                    raise CorosyncConfigError(f"Knet requires nodeid to be less than 65536 for address '{address}'.")
            elif key == "ring0_addr" and not int(node.get("nodeid", 0) or 0) and _generated(totem, address) is None:
                # measured: udp/udpu generate a node id from ring0_addr only; a node without one is not checked
                raise CorosyncConfigError(
                    f"An IPV6 network requires that a node ID be specified for address '{address}'.")
            number = int(ring.group(1))
            if number >= INTERFACE_MAX:
                raise _refuse(f"interface ring number {number} is bigger than allowed maximum {INTERFACE_MAX - 1}")
            family = address_family(address, totem.ip_version, totem.hosts)
            if family is None:
                raise CorosyncConfigError(f"failed to parse node address '{address}'")
            totem.link(number).members.append((_resolved(address, family, totem.hosts), family))
            if list(node) == ["ring0_addr"]:
                totem.doubled += 1


def _resolved(address: str, family: int | None, hosts: Hosts) -> str:
    """An address as totemip_parse() stores it: a host name becomes its address (of that family)."""
    if inet_aton(address) is not None or inet6_address(address) is not None:
        return address
    return next((str(found) for found in host(hosts, address) or () if family in (None, found.version)), address)


def stored_address(address: str, nodes: list[Mapping[str, Any]]) -> str:
    """A node's ringN_addr as corosync holds it where the file is judged (hosts_of): a host name resolved."""
    return _resolved(address, None, hosts_of(nodes))


def _generated(totem: _Totem, address: str) -> int | None:
    """The node id udp and udpu generate for a node without one."""
    return generated_nodeid(address, totem.hosts, totem.clear_high_bit)


def read_totem(totem_tree: Mapping[str, Any], nodes: list[Mapping[str, Any]], local: int,
               keys: Mapping[str, int], hosts: Hosts) -> _Totem:
    """totem_config_read(), the key file read as soon as crypto is known to be on (measured: before
    any interface, link or node check)."""
    transport = totem_tree.get("transport", "knet")
    if transport not in ("udpu", "udp", "knet"):
        raise CorosyncConfigError("Invalid transport type. Should be udpu, udp or knet")
    cipher, hash_ = _crypto(totem_tree)
    ip_version = totem_tree.get("ip_version", "ipv4" if transport == "udp" else "ipv6-4")
    totem = _Totem(transport, ip_version, cipher, hash_, hosts, totem_tree.get("clear_node_high_bit") == "yes")
    read_key(totem_tree, totem, keys)
    if len(totem_tree.get("link_mode", "")) >= 64:
        raise CorosyncConfigError("totem.link_mode is too long")
    has_nodelist = any("name" in node or "ring0_addr" in node for node in nodes)
    local_node = nodes[local] if has_nodelist and 0 <= local < len(nodes) else None
    _interfaces(totem_tree, totem, local_node, bool(nodes) and "ring0_addr" in nodes[0])
    first_named = bool(nodes) and ("name" in nodes[0] or "ring0_addr" in nodes[0])  # corosync's "a nodelist"
    if local_node is not None and first_named:
        node_id = int(local_node.get("nodeid", 0) or 0)
        if transport == "knet" and not node_id:
            raise CorosyncConfigError("Knet requires an explicit nodeid for the local node")
        if not node_id and _generated(totem, str(local_node.get("ring0_addr", ""))) is None:
            raise CorosyncConfigError("An IPV6 network requires that a node ID be specified")
    if first_named:  # measured: nodelist.node.0 must have one
        _members(nodes, totem)  # else no node's addresses are read (nor families, names, link counts checked)
    return totem


def read_key(totem_tree: Mapping[str, Any], totem: _Totem, keys: Mapping[str, int]) -> None:
    """totem_config_keyread(): crypto needs a key file of at least 1024 bits."""
    if not totem.crypto:
        return
    if "keyfile" not in totem_tree and "key" in totem_tree:  # the key written in the file itself
        if len(totem_tree["key"]) < KEY_MIN_BYTES - 1:  # measured: 127 characters pass
            raise CorosyncConfigError("key is too short")
        return
    path = totem_tree.get("keyfile", AUTHKEY)
    if path not in keys and posixpath.normpath(path) in _LOG_DIRECTORIES | {"/dev"}:
        raise CorosyncConfigError(f"Could not read {path}: Is a directory")  # open() works, read() does not
    size = keys.get(path, _DEVICE_FILES.get(path))
    if size is None:
        raise CorosyncConfigError(f"Could not open {path}: No such file or directory")
    if size < KEY_MIN_BYTES:
        raise CorosyncConfigError(f"Could only read {size * 8} bits of minimum {KEY_MIN_BYTES * 8} bits from {path}.")


# --- totem_config_validate() ---------------------------------------------------------

def _signed(value: int) -> int:
    """A uint32 as corosync prints it, with %d."""
    return value - (1 << 32) if value >= 1 << 31 else value


def _timeouts(totem_tree: Mapping[str, Any], ring0_members: int) -> None:
    """totem_volatile_config_read() and _validate(): defaults, then the minimum of each timeout."""
    def value(key: str, default: int, allow_zero: bool = False) -> int:
        configured = totem_tree.get(key)
        number = int(configured) if configured is not None else default
        return default if number == 0 and not allow_zero else number

    token = value("token", 3000)  # TOKEN_TIMEOUT of corosync 3.1.7
    if ring0_members > 2:
        token = (token + (ring0_members - 2) * int(totem_tree.get("token_coefficient", 650))) & 0xFFFFFFFF  # uint32
    retransmits = value("token_retransmits_before_loss_const", 4)
    network_delay = value("max_network_delay", 50)
    warning = value("token_warning", 75, allow_zero=True)
    retransmit = value("token_retransmit", int(token / (retransmits + 0.2)))
    hold = value("hold", int(retransmit * 0.8 - 10))
    join = value("join", 50)
    consensus = value("consensus", int(1.2 * token))
    if network_delay < MINIMUM_TIMEOUT:
        raise _refuse(f"The max_network_delay parameter ({network_delay} ms) may not be less than "
                      f"({MINIMUM_TIMEOUT} ms).")
    if token < MINIMUM_TIMEOUT:
        raise _refuse(f"The token timeout parameter ({token} ms) may not be less than ({MINIMUM_TIMEOUT} ms).")
    if warning > 100:
        raise _refuse(f"The token warning parameter ({_signed(warning)}%) must be between 0 (disabled) and 100.")
    if retransmit < MINIMUM_TIMEOUT:
        if "token_retransmit" in totem_tree:
            raise _refuse(f"The token retransmit timeout parameter ({retransmit} ms) may not be less than "
                          f"({MINIMUM_TIMEOUT} ms).")
        raise _refuse("Not appropriate token or token_retransmits_before_loss_const value set")
    if hold < MINIMUM_TIMEOUT_HOLD:
        raise _refuse(f"The token hold timeout parameter ({hold} ms) may not be less than "
                      f"({MINIMUM_TIMEOUT_HOLD} ms).")
    for key, what, default in (("join", "join", 50), ("consensus", "consensus", consensus)):
        if value(key, default) < MINIMUM_TIMEOUT:
            raise _refuse(f"The {what} timeout parameter ({value(key, default)} ms) may not be less than "
                          f"({MINIMUM_TIMEOUT} ms).")
    if consensus < join:
        raise _refuse(f"The consensus timeout parameter ({_signed(consensus)} ms) may not be less than join timeout "
                      f"({_signed(join)} ms).")
    for key, what, default in (("merge", "merge", 200), ("downcheck", "downcheck", 1000)):
        if value(key, default) < MINIMUM_TIMEOUT:
            raise _refuse(f"The {what} timeout parameter ({value(key, default)} ms) may not be less than "
                          f"({MINIMUM_TIMEOUT} ms).")


def _links(totem: _Totem, nodes: list[Mapping[str, Any]]) -> None:
    """Every link a node or an interface section configured: ports, per-transport options, IP families."""
    for number in sorted(totem.links):
        link = totem.links[number]
        if totem.transport == "udp" and link.mcast is None:
            raise _refuse(f"No multicast address specified for interface {number}")
        if not link.in_totem or not link.port:
            raise _refuse(f"No multicast port specified for interface {number}")
        if totem.transport != "udp" and link.ttl != 1:
            raise _refuse(f"Can only set ttl on multicast transport types for interface {number}")
        # measured: priority 0 passes on a link the local node has an address on (link 0, or ringN_addr)
        if totem.transport != "knet" and link.priority != 1 and not (link.priority == 0 and link.local):
            raise _refuse(f"Can only set link priority on knet transport type for interface {number}")
        if totem.transport == "udp" and link.mcast and not _multicast(link.mcast):
            raise _refuse(f"mcastaddr is not a correct multicast address for interface {number}")


def _multicast(address: str) -> bool:
    """A multicast address in any form getaddrinfo reads (239.255.1 is 239.255.0.1); a host name is not."""
    try:
        return ipaddress.ip_address(printed(address)).is_multicast
    except ValueError:
        return False


def _link_families(totem: _Totem) -> None:
    """Measured after the version, the timeouts and the link counts, before duplicate node ids."""
    for number in sorted(totem.links):
        link = totem.links[number]
        for address, family in link.members[1:]:
            first, first_family = link.members[0]
            if family != first_family:
                raise _refuse(f"Nodes for link {number} have different IP families (compared {printed(address)} "
                              f"with {printed(first)})")


def _link_counts(totem: _Totem, nodes: list[Mapping[str, Any]]) -> None:
    configured = [totem.links[number] for number in sorted(totem.links)]
    if len(configured) < 2:
        return
    members = len(configured[0].members)
    if any("name" not in node for node in nodes[:members]):
        raise _refuse("for a multi-link configuration, all nodes must have a 'name' attribute")
    if any(len(link.members) != members for link in configured):
        raise _refuse("Not all nodes have the same number of links")


def _duplicate_nodeids(totem: _Totem, nodes: list[Mapping[str, Any]]) -> None:
    """check_for_duplicate_nodeids(): each node, in key order, against the nodes before it in key order up to
    the first whose position is not lower (measured: with 11 nodes, node 4 is compared with nodes 0 and 1 only,
    as node 10 comes next, so nodeid 5 on nodes 4 and 10 passes)."""
    ids: dict[int, int | None] = {}
    for position in key_order(nodes):
        node = nodes[position]
        node_id: int | None = int(node["nodeid"]) if "nodeid" in node else None
        if node_id is None and totem.transport != "knet":
            node_id = _generated(totem, str(node.get("ring0_addr", "")))
        ids[position] = node_id
    for position, node_id in ids.items():
        if node_id is None:
            continue
        for earlier in ids:
            if earlier >= position:
                break
            if ids[earlier] == node_id:
                raise CorosyncConfigError(f"Nodeid {node_id} appears twice in corosync.conf")


def validate_totem(totem_tree: Mapping[str, Any], totem: _Totem, nodes: list[Mapping[str, Any]],
                   local_found: bool) -> None:
    """totem_config_validate()."""
    if not totem.links:
        raise _refuse("No interfaces defined")
    if not local_found:
        if not all("name" in node for node in nodes):  # measured: found by address, the families come first
            _link_families(totem)
        raise _refuse("No valid name found for local host")
    _links(totem, nodes)
    if totem_tree.get("version") is None or int(totem_tree["version"]) != 2:
        raise _refuse("This totem parser can only parse version 2 configurations.")
    # measured (corosync -t and runtime.config.totem.token): a node whose only key is ring0_addr counts twice
    _timeouts(totem_tree, len(totem.links[0].members) + totem.doubled if 0 in totem.links else 0)
    _link_counts(totem, nodes)
    _link_families(totem)
    _duplicate_nodeids(totem, nodes)
    link_mode = totem_tree.get("link_mode", "passive")
    if link_mode not in ("active", "rr", "passive"):
        raise _refuse(f'The Knet link mode "{link_mode}" specified is invalid.  It must be active, passive or rr.')
    if totem.transport != "knet" and len(totem.links) > 1:
        raise _refuse(f"{len(totem.links)} is too many configured interfaces for non-Knet transport.")
    if totem.transport != "knet" and totem.crypto:
        raise _refuse("crypto_cipher & crypto_hash are only valid for the Knet transport.")


def one_machine(nodes: list[Mapping[str, Any]]) -> bool:
    """A file written for one machine (a test's: nodes on loopback addresses, on any link): judged as there, where
    only 127.0.0.1, ::1 and localhost are this machine and /etc/hosts knows only localhost."""
    addresses = [str(value) for node in nodes for key, value in node.items() if re.fullmatch(r"ring\d+_addr", key)]
    return any((inet_aton(printed(address).removeprefix("::ffff:")) or 0) >> 24 == 127
               or address.lower().startswith(("127.", "::1", "localhost")) for address in addresses)


_RING_ADDR = re.compile(r"ring\d+_addr")
_LABEL = r"[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_HOST_NAME = re.compile(rf"{_LABEL}(\.{_LABEL})*")
LAB_FIRST_ADDRESS = ipaddress.IPv4Address("10.200.0.11")  # the rig's plan (remote/rig/layout.py): node N at .10+N
_RIG_NAME = re.compile(r"node([1-9][0-9]*)")  # the rig's (and Lab.simulated's) machine names


def host_name(text: str) -> bool:
    """A host name a lab machine can be named (RFC 1123 labels, the last not all digits), not an address."""
    return bool(_HOST_NAME.fullmatch(text)) and not text.rsplit(".", 1)[-1].isdigit() and inet_aton(text) is None


def lab_hosts(nodes: list[Mapping[str, Any]]) -> dict[str, tuple[IPAddress, ...]]:
    """A lab's /etc/hosts: localhost, then every node's name (its `name`, else a `ring0_addr` that is a host
    name) at its IPv4 ring0 address, or where ring0_addr gives none at the address the lab gives that machine:
    nodeN's own 10.200.0.(10+N) of the rig's plan when no node's address in the file takes it (so a nodelist in
    another order, `pcs cluster setup NAME node3 node2 node1`, leaves each machine its address), else the next
    of the rig's 10.200.0.11, .12, ... that no node's address in the file takes."""
    taken = {inet_aton(str(value)) for node in nodes for key, value in node.items() if _RING_ADDR.fullmatch(key)}
    named = [(str(node["name"]) if "name" in node else ring0 if host_name(ring0) else None, inet_aton(ring0))
             for node in nodes for ring0 in [str(node.get("ring0_addr", ""))]]
    own: dict[str, int] = {}
    for name, number in named:
        rig = _RIG_NAME.fullmatch(name or "")
        if name is None or rig is None or number is not None or name in own or int(rig.group(1)) > 244:
            continue
        address = int(LAB_FIRST_ADDRESS) - 1 + int(rig.group(1))
        if address not in taken:
            own[name] = address
            taken.add(address)
    free = (ipaddress.IPv4Address(number) for number in itertools.count(int(LAB_FIRST_ADDRESS)) if number not in taken)
    hosts: dict[str, tuple[IPAddress, ...]] = {"localhost": (LOOPBACK4,)}
    for name, number in named:
        if name is not None and host(hosts, name) is None:
            chosen = number if number is not None else own.get(name)
            hosts[name] = (next(free) if chosen is None else ipaddress.IPv4Address(chosen),)
    return hosts


def lab_machine(nodes: list[Mapping[str, Any]], position: int) -> Machine:
    """The lab machine of the node at `position`: named after it (its `name`, else its `ring0_addr`), holding
    its addresses (host names resolved), with the lab's /etc/hosts (lab_hosts), which names its addresses."""
    node = nodes[position]
    hosts = lab_hosts(nodes)
    own = sorted({address for key, value in node.items() if _RING_ADDR.fullmatch(key)
                  for address in resolve(str(value), hosts)}, key=lambda address: address.version)
    addresses: list[IPAddress] = [LOOPBACK4, *(a for a in own if a.version == 4), LOOPBACK6,
                                  *(a for a in own if a.version == 6)]
    names = {address: name for name, found in reversed(hosts.items()) for address in found if address in addresses}
    hostname = node.get("name", node.get("ring0_addr"))
    return Machine(None if hostname is None else str(hostname), tuple(dict.fromkeys(addresses)), names, hosts)


def local_position(nodes: list[Mapping[str, Any]], machine: Machine | None = None) -> int | None:
    """The node whose checks come first, found as corosync finds it (localnode.find_local_node): in a file
    written for one machine (one_machine), on a test machine that is none of the nodes (None when no node
    names it); otherwise on the lab machine of the last node (localnode.last_looked_at), which every lab node
    stands for (each runs the same checks as its own local node; None when that node has neither name nor
    ring0_addr: its machine cannot find itself). A described `machine` is the one the file is judged on."""
    if machine is not None:
        return find_local_node(nodes, machine)
    if one_machine(nodes):
        return find_local_node(nodes, TEST_MACHINE)
    last = last_looked_at(nodes)
    if not 0 <= last < len(nodes):
        return last
    return find_local_node(nodes, lab_machine(nodes, last))


def hosts_of(nodes: list[Mapping[str, Any]], machine: Machine | None = None) -> Hosts:
    """What getaddrinfo resolves where the file is judged: `machine`'s /etc/hosts; a test machine's (localhost
    alone) for a file written for one machine; a lab's (lab_hosts) for any other."""
    if machine is not None:
        return machine.hosts
    return TEST_MACHINE.hosts if one_machine(nodes) else lab_hosts(nodes)


def check(tree: Tree, keys: Mapping[str, int], local: int | None = None, machine: Machine | None = None) -> None:
    """Everything `corosync -t` checks after parsing, in its order; the first refusal is raised. `machine`: the
    machine it runs on, when not the one local_position() takes (its /etc/hosts then names what resolves)."""
    logging = tree.get("logging")
    check_logging(logging if isinstance(logging, dict) else {})
    check_state_dir(tree["system"] if isinstance(tree.get("system"), dict) else {})
    totem_tree: Mapping[str, Any] = tree["totem"] if isinstance(tree.get("totem"), dict) else {}
    nodelist: Mapping[str, Any] = tree["nodelist"] if isinstance(tree.get("nodelist"), dict) else {}
    nodes = list(nodelist.get("node", []))
    position = local_position(nodes, machine) if local is None else local
    # measured: with no local node, totem is read with the last node (in key order) as local, then refused
    totem = read_totem(totem_tree, nodes, last_looked_at(nodes) if position is None else position, keys,
                       hosts_of(nodes, machine))
    has_nodelist = any("name" in node or "ring0_addr" in node for node in nodes)
    validate_totem(totem_tree, totem, nodes, local_found=has_nodelist and position is not None and position < len(nodes))
