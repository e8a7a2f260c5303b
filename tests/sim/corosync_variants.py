"""Tricky corosync.conf variants: valid 2- and 3-node files, each mutated one to three times.

The mutations are the mistakes and oddities a student (or a held-back case) can bring: every
totem / interface / nodelist / quorum / logging / system key with bad, boundary and odd-typed
values, keys and sections missing or repeated, node ids and ring addresses inconsistent across
nodes, crypto combinations, link options, comments, quoting, braces, whitespace, unknown keys,
`include` lines. All addresses are loopback and one node is 127.0.0.1 (or `localhost`), so the
real `corosync -t -c FILE` on a test machine checks the same local node as the simulator; the
fourth family (lab_variant) holds lab files instead, which real_verdict_on() runs through real
corosync on the lab machine the simulator describes.

Used by tests/sim/test_corosync_variants.py (a fixed sample) and
benchmarks/bench_corosync_validity.py (hundreds, with the agreement printed).
"""

from __future__ import annotations

import ipaddress
import os
import random
import re
import shutil
import socket
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Union

from halab_kernel.sim.corosync.config import CorosyncConfigError, build_config, parse_text
from halab_kernel.sim.corosync.localnode import IPAddress, Machine, last_looked_at
from halab_kernel.sim.corosync.validation import AUTHKEY, lab_machine, one_machine

CONF_PATH = "/etc/corosync/corosync.conf"


@dataclass
class Section:
    name: str
    items: list[Union["Section", tuple[str, str]]] = field(default_factory=list)

    def sections(self, name: str) -> list["Section"]:
        return [item for item in self.items if isinstance(item, Section) and item.name == name]

    def set(self, key: str, value: str) -> None:
        for index, item in enumerate(self.items):
            if isinstance(item, tuple) and item[0] == key:
                self.items[index] = (key, value)
                return
        self.items.append((key, value))

    def drop(self, key: str) -> None:
        self.items = [item for item in self.items
                      if not (isinstance(item, tuple) and item[0] == key)
                      and not (isinstance(item, Section) and item.name == key)]


def render(sections: list[Section], indent: str = "    ") -> str:
    def lines(section: Section, depth: int) -> list[str]:
        out = [f"{indent * depth}{section.name} {{"]
        for item in section.items:
            out += lines(item, depth + 1) if isinstance(item, Section) else \
                [f"{indent * (depth + 1)}{item[0]}: {item[1]}"]
        return out + [f"{indent * depth}}}"]
    return "\n".join(line for section in sections for line in lines(section, 0)) + "\n"


def base(nodes: int, transport: str, crypto: bool, links: int, ipv6: bool = False) -> list[Section]:
    totem = Section("totem", [("version", "2"), ("cluster_name", "course"), ("transport", transport)])
    if crypto:
        totem.items += [("crypto_cipher", "aes256"), ("crypto_hash", "sha256")]
    nodelist = Section("nodelist")
    for number in range(1, nodes + 1):
        node = Section("node", [(f"ring{link}_addr", (("::1" if number == 1 else f"fd00::{link}:{number}") if ipv6
                                                      else f"127.0.{link}.{number}")) for link in range(links)])
        node.items += [("name", f"node{number}"), ("nodeid", str(number))]
        nodelist.items.append(node)
    quorum = Section("quorum", [("provider", "corosync_votequorum")])
    if nodes == 2:
        quorum.items.append(("two_node", "1"))
    logging = Section("logging", [("to_syslog", "yes"), ("to_logfile", "no"), ("timestamp", "on")])
    return [totem, nodelist, quorum, logging]


ODD = ["", "0", "1", "-1", "2", "7", "8", "9", "13", "14", "29", "30", "100", "101", "255", "256", "65535", "65536",
       "4294967295", "4294967296", "+5", " 5", "5 ", "05", "0x10", "1e3", "1.5", "yes", "no", "on", "off", "true",
       "YES", "none", "\"1\"", "abc", "-", "1000ms", "99999999999999999999"]

TOTEM_KEYS = {
    "version": ["2", "1", "3", "two"], "cluster_name": ["x" * 40, "a b", "", "ü"],
    "transport": ["knet", "udpu", "udp", "KNET", "tcp", "sctp", ""],
    "crypto_cipher": ["none", "aes256", "aes192", "aes128", "aes512", "AES256", "3des", ""],
    "crypto_hash": ["none", "md5", "sha1", "sha256", "sha384", "sha512", "sha2", ""],
    "crypto_model": ["nss", "openssl", "gcrypt", ""], "secauth": ["on", "off", "yes", "maybe"],
    "keyfile": ["/etc/corosync/authkey", "/nonexistent/key", "relative.key"],
    "link_mode": ["passive", "active", "rr", "roundrobin", "PASSIVE", ""],
    "ip_version": ["ipv4", "ipv6", "ipv4-6", "ipv6-4", "ipv7", "IPV4", ""],
    "token": ODD, "token_coefficient": ODD, "token_retransmit": ODD, "token_warning": ODD, "hold": ODD,
    "token_retransmits_before_loss_const": ODD, "join": ODD, "send_join": ODD, "consensus": ODD, "merge": ODD,
    "downcheck": ODD, "fail_recv_const": ODD, "seqno_unchanged_const": ODD, "heartbeat_failures_allowed": ODD,
    "max_network_delay": ODD, "window_size": ODD, "max_messages": ODD, "miss_count_const": ODD,
    "knet_pmtud_interval": ODD, "knet_mtu": ODD, "netmtu": ODD, "threads": ODD, "nodeid": ODD,
    "knet_compression_model": ["zlib", "lz4", "none", "gzip", ""], "knet_compression_threshold": ODD,
    "knet_compression_level": ["-1", "0", "9", "10", "-2147483649", "x"],
    "config_version": ["0", "1", "-1", "18446744073709551616", "x", "1.0"],
    "cluster_uuid": ["abc"], "block_unlisted_ips": ["yes", "no", "maybe"], "clear_node_high_bit": ["yes", "no", "x"],
    "cancel_token_hold_on_retransmit": ["yes", "no", "x"], "rrp_mode": ["none", "passive"],
    "vsftype": ["none", "ykd"], "tokn": ["1000"], "Token": ["1000"],
}
INTERFACE_KEYS = {
    "linknumber": ["0", "1", "7", "8", "9", "-1", "x", "255", "256"], "ringnumber": ["0", "1"],
    "knet_link_priority": ["0", "1", "255", "256", "-1", "x"], "knet_ping_interval": ["0", "1", "100", "x", "-5"],
    "knet_ping_timeout": ["0", "1", "200", "x"], "knet_ping_precision": ["0", "2048", "x"],
    "knet_pong_count": ["0", "1", "2", "x"], "knet_transport": ["udp", "sctp", "tcp", ""],
    "mcastport": ["0", "5405", "65535", "65536", "x", "-1"], "ttl": ["0", "1", "255", "256", "x"],
    "bindnetaddr": ["127.0.0.0", "10.0.0.0", "::1", "garbage"], "mcastaddr": ["239.255.1.1", "x"],
    "broadcast": ["yes", "no"], "member": ["127.0.0.1"], "foo": ["bar"],
}
QUORUM_KEYS = {
    "provider": ["corosync_votequorum", "corosync_quorum", "none", ""],
    **{key: ["0", "1", "2", "255", "256", "-1", "x", "yes"] for key in (
        "two_node", "wait_for_all", "auto_tie_breaker", "last_man_standing", "allow_downscale",
        "expected_votes_tracking")},
    "expected_votes": ["0", "1", "2", "3", "4", "100", "-1", "x"], "votes": ["0", "1", "2", "x"],
    "last_man_standing_window": ["0", "1", "10000", "x"], "auto_tie_breaker_node": ["lowest", "highest", "1 2", "x"],
    "leaving_timeout": ["0", "x"], "quorum_votes": ["1"],
}
NODE_KEYS = {
    "nodeid": ["0", "1", "2", "3", "4", "65535", "65536", "4294967295", "4294967296", "-1", "x", "01", " 2"],
    "name": ["node1", "node2", "", "a b", "localhost"],
    "ring0_addr": ["127.0.0.1", "127.0.0.9", "localhost", "::1", "127.0.0.2:5405", "127.0.0.2/8", "", "bogus.invalid",
                   "127.1", "0x7f.0.0.5", "256.0.0.1", "fd00::5", "::ffff:127.0.0.1", "0::1", "[::1]", "fe80::1%lo",
                   "2130706433", "127.0.0.1 ", "node1", "node9"],
    "ring1_addr": ["127.0.1.9", "::1", "", "fd00::1:9", "fe80::1%lo"], "ring7_addr": ["127.0.7.1"], "ring8_addr": ["127.0.8.1"],
    "quorum_votes": ["0", "1", "2", "-1", "x", "4294967296"],
}
LOGGING_KEYS = {
    **{key: ["yes", "no", "on", "off", "1", "0", "true", "maybe", ""] for key in (
        "to_syslog", "to_logfile", "to_stderr", "timestamp", "fileline", "function_name")},
    "debug": ["on", "off", "trace", "yes", "x"], "logfile": ["corosync.log", "/var/log/corosync/corosync.log", ""],
    "syslog_facility": ["daemon", "local0", "local7", "local8", "x"],
    "syslog_priority": ["info", "debug", "err", "error", "trace", "x"],
    "logfile_priority": ["info", "notice", "x"], "blackbox": ["on", "off", "x"], "timestamp_x": ["on"],
}
SYSTEM_KEYS = {
    "qb_ipc_type": ["native", "shm", "socket", "pipe"], "sched_rr": ["yes", "no", "x"],
    "priority": ["max", "min", "-20", "19", "x"], "move_to_root_cgroup": ["yes", "no", "auto", "x"],
    "allow_knet_handle_fallback": ["yes", "no", "x"], "state_dir": ["/var/lib/corosync"],
}

Mutation = Callable[[list[Section], random.Random], None]


def _section(config: list[Section], name: str) -> Section:
    found = [section for section in config if section.name == name]
    if found:
        return found[0]
    section = Section(name)
    config.append(section)
    return section


def _set_from(pool_name: str, pool: dict[str, list[str]]) -> Mutation:
    def mutate(config: list[Section], rng: random.Random) -> None:
        key = rng.choice(sorted(pool))
        _section(config, pool_name).set(key, rng.choice(pool[key]))
    return mutate


def _interface(config: list[Section], rng: random.Random) -> None:
    interface = Section("interface", [(key, rng.choice(INTERFACE_KEYS[key]))
                                      for key in rng.sample(sorted(INTERFACE_KEYS), rng.randint(1, 3))])
    if rng.random() < 0.6:
        interface.set("linknumber", rng.choice(["0", "0", "1", "8", "x"]))
    _section(config, "totem").items.append(interface)


def _node_key(config: list[Section], rng: random.Random) -> None:
    nodes = _section(config, "nodelist").sections("node")
    if not nodes:
        return
    node = rng.choice(nodes)
    key = rng.choice(sorted(NODE_KEYS))
    if rng.random() < 0.2:
        node.drop(key)
    else:
        node.set(key, rng.choice(NODE_KEYS[key]))


def _drop_key(config: list[Section], rng: random.Random) -> None:
    section = rng.choice(config)
    keys = [item for item in section.items if isinstance(item, tuple)]
    if keys:
        section.drop(rng.choice(keys)[0])


def _duplicate_key(config: list[Section], rng: random.Random) -> None:
    section = rng.choice(config)
    keys = [item for item in section.items if isinstance(item, tuple)]
    if keys:
        key = rng.choice(keys)[0]
        pools = {"totem": TOTEM_KEYS, "quorum": QUORUM_KEYS, "logging": LOGGING_KEYS}
        section.items.append((key, rng.choice(pools.get(section.name, {}).get(key, ODD))))


def _drop_section(config: list[Section], rng: random.Random) -> None:
    config.remove(rng.choice(config))


def _duplicate_section(config: list[Section], rng: random.Random) -> None:
    section = rng.choice(config)
    config.insert(rng.randrange(len(config) + 1), Section(section.name, list(section.items)))


def _node_count(config: list[Section], rng: random.Random) -> None:
    nodelist = _section(config, "nodelist")
    nodes = nodelist.sections("node")
    if rng.random() < 0.5 and nodes:
        nodelist.items.remove(rng.choice(nodes))
    else:
        nodelist.items.append(Section("node", [("ring0_addr", f"127.0.0.{rng.randint(1, 9)}"),
                                               ("nodeid", rng.choice(["1", "4", "9"]))]))


def _crypto(config: list[Section], rng: random.Random) -> None:
    totem = _section(config, "totem")
    for key in ("crypto_cipher", "crypto_hash", "secauth", "transport"):
        if rng.random() < 0.5:
            totem.set(key, rng.choice(TOTEM_KEYS[key]))


def _second_link(config: list[Section], rng: random.Random) -> None:
    nodes = _section(config, "nodelist").sections("node")
    link = rng.choice(["1", "1", "2", "7", "8"])
    for node in nodes:
        if rng.random() < 0.8:
            node.set(f"ring{link}_addr", rng.choice([f"127.0.{link}.{rng.randint(1, 9)}", "::1"]))


def _unknown_section(config: list[Section], rng: random.Random) -> None:
    host = rng.choice(config)
    host.items.append(Section(rng.choice(["foo", "node", "quorum", "logger_subsys", "device", "member"]),
                              [("key", "value")]))


def _device(config: list[Section], rng: random.Random) -> None:
    device = Section("device", [("model", rng.choice(["net", "disk", ""])),
                                ("votes", rng.choice(["1", "0", "2", "x"]))])
    if rng.random() < 0.7:
        device.items.append(Section("net", [("host", "127.0.0.1"),
                                            ("algorithm", rng.choice(["ffsplit", "lms", "x"]))]))
    _section(config, "quorum").items.append(device)


def _logger_subsys(config: list[Section], rng: random.Random) -> None:
    subsys = Section("logger_subsys", [(key, rng.choice(LOGGING_KEYS[key]))
                                       for key in rng.sample(sorted(LOGGING_KEYS), rng.randint(0, 2))])
    if rng.random() < 0.8:
        subsys.items.insert(0, ("subsys", rng.choice(["QUORUM", "TOTEM", "KNET", "x", ""])))
    _section(config, "logging").items.append(subsys)


def _device_option(config: list[Section], rng: random.Random) -> None:
    key = rng.choice(["timeout", "sync_timeout", "master_wins", "votes"])
    _device(config, rng)
    _section(config, "quorum").sections("device")[-1].set(key, rng.choice(ODD))


def _resources(config: list[Section], rng: random.Random) -> None:
    _section(config, "resources").set(rng.choice(["watchdog_timeout", "watchdog_device"]), rng.choice(ODD[:12]))


def _uidgid(config: list[Section], rng: random.Random) -> None:
    _section(config, "uidgid").set(rng.choice(["uid", "gid", "user"]),
                                   rng.choice(["root", "hacluster", "haclient", "nobody", "x"]))


MUTATIONS: list[Mutation] = [
    _set_from("totem", TOTEM_KEYS), _set_from("totem", TOTEM_KEYS), _set_from("totem", TOTEM_KEYS),
    _set_from("quorum", QUORUM_KEYS), _set_from("quorum", QUORUM_KEYS), _set_from("logging", LOGGING_KEYS),
    _set_from("logging", LOGGING_KEYS), _set_from("system", SYSTEM_KEYS), _interface, _interface, _node_key,
    _node_key, _node_key, _drop_key, _duplicate_key, _drop_section, _duplicate_section, _node_count, _crypto,
    _crypto, _second_link, _unknown_section, _device, _resources, _uidgid,
    _logger_subsys, _device_option,
]


def _text_oddity(text: str, rng: random.Random) -> str:
    lines = text.splitlines()
    where = rng.randrange(len(lines) + 1)
    choice = rng.randrange(14)
    if choice == 0:
        lines.insert(where, rng.choice(["# a comment", "    # indented comment", "#", "; not a comment"]))
    elif choice == 1:
        lines.insert(where, rng.choice(["}", "{", "foo {", "}}"]))
    elif choice == 2 and lines:
        del lines[rng.randrange(len(lines))]
    elif choice == 3:
        lines = [line.replace("    ", "\t") for line in lines]
    elif choice == 4:
        lines.insert(where, rng.choice(["include /etc/corosync/other.conf", "include: x", "@include x"]))
    elif choice == 5:
        lines.insert(where, rng.choice(["key_without_colon", "key: value: more", ":value", "key:", "   "]))
    elif choice == 6 and lines:
        index = rng.randrange(len(lines))
        lines[index] = lines[index].replace(": ", rng.choice([":", " : ", ":\t", " = ", ": \""]), 1)
    elif choice == 7 and lines:
        index = rng.randrange(len(lines))
        lines[index] = lines[index] + rng.choice([" # trailing", "  ", "\t", " }", " {", ";"])
    elif choice == 8:
        lines = [line.replace(" {", "{") for line in lines]
    elif choice == 9:
        lines = [line.replace(" {", "\n{") for line in lines]
    elif choice == 10 and lines:
        index = rng.randrange(len(lines))
        lines[index] = lines[index].upper()
    elif choice == 11:
        return "\r\n".join(lines) + "\r\n"
    elif choice == 12:
        return "\n".join(lines)
    else:
        lines.insert(where, rng.choice(["totem { token: 1000 }", "quorum {}", "node {", "logging {", "x {}"]))
    return "\n".join(lines) + "\n"


BASES = [(2, "knet", False, 1), (3, "knet", False, 1), (3, "udpu", False, 1), (2, "knet", True, 1),
         (3, "knet", False, 2), (2, "udp", False, 1), (3, "knet", False, 1, True), (2, "udpu", False, 1, True),
         (2, "knet", False, 2, True)]


def variant(seed: int) -> str:
    """One tricky file, the same for the same seed."""
    rng = random.Random(seed)
    config = base(*rng.choice(BASES))
    for _ in range(rng.choice([1, 1, 2, 2, 3])):
        rng.choice(MUTATIONS)(config, rng)
    text = render(config, indent=rng.choice(["    ", "  ", "\t"]))
    if rng.random() < 0.3:
        text = _text_oddity(text, rng)
    return text


def variants(count: int, first_seed: int = 0) -> dict[int, str]:
    return {seed: variant(seed) for seed in range(first_seed, first_seed + count)}


def this_machine() -> Machine:
    """The machine the tests run on, as corosync's find_local_node() sees it: uname's name, `ip -o addr`
    (IPv4 addresses first, as getifaddrs lists them), getnameinfo's names for them and /etc/hosts."""
    listing = subprocess.run(["ip", "-o", "addr"], capture_output=True, text=True, timeout=10).stdout
    found = [(ipaddress.ip_address(address), interface)
             for interface, address in re.findall(r"^\d+: (\S+)\s+inet6? ([0-9a-f.:]+)/", listing, re.MULTILINE)]
    addresses = [address for address, _ in sorted(found, key=lambda pair: pair[0].version)]
    names: dict[IPAddress, str] = {}
    for address, interface in found:
        if address.is_link_local:
            names[address] = f"{address}%{interface}"
        else:
            names[address] = socket.getnameinfo((str(address), 0), 0)[0]
    hosts: dict[str, tuple[IPAddress, ...]] = {}
    for line in Path("/etc/hosts").read_text().splitlines():
        address, *aliases = line.split("#", 1)[0].split() or [""]
        for alias in aliases:
            hosts[alias] = (*hosts.get(alias, ()), ipaddress.ip_address(address))
    return Machine(os.uname().nodename, tuple(addresses), names, hosts)


def simulated_verdict(text: str, machine: Machine | None = None) -> str | None:
    """The simulator's verdict with the key files real corosync finds on this machine: None = accepted.
    `machine`: judged on that machine (this_machine()) instead of the one the simulator takes."""
    try:
        tree, lines = parse_text(text, path=CONF_PATH)
        build_config(tree, lines, keys={AUTHKEY: os.path.getsize(AUTHKEY)} if os.path.exists(AUTHKEY) else {},
                     machine=machine)
    except CorosyncConfigError as error:
        return str(error)
    return None


def real_verdict(text: str, directory: Path) -> tuple[int, str]:
    """Real `corosync -t -c FILE`: its exit code and what it printed (the file named as CONF_PATH)."""
    conf = directory / "corosync.conf"
    conf.write_text(text)
    real = subprocess.run(["corosync", "-t", "-c", str(conf)], capture_output=True, text=True, timeout=20,
                          cwd=directory)  # a relative logfile lands here
    return real.returncode, (real.stderr + real.stdout).replace(str(conf), CONF_PATH)


def lab_machine_of(text: str) -> Machine | None:
    """The lab machine the simulator judges a lab file on (validation.lab_machine of the last node in key order),
    or None for a file it judges on a test machine (one written for one machine, or with no node, or unreadable)."""
    try:
        tree, _ = parse_text(text, path=CONF_PATH)
    except CorosyncConfigError:
        return None
    nodelist = tree.get("nodelist")
    nodes = list(nodelist.get("node", [])) if isinstance(nodelist, dict) else []
    last = last_looked_at(nodes)
    if one_machine(nodes) or not 0 <= last < len(nodes) or not any(nodes):
        return None
    return lab_machine(nodes, last)


def namespaces_work() -> bool:
    """Whether real corosync can run on a described machine here: root, unshare(1), mount and UTS namespaces."""
    if os.geteuid() != 0 or shutil.which("unshare") is None or shutil.which("corosync") is None:
        return False
    probe = subprocess.run(["unshare", "-m", "-u", "-n", "--propagation", "private", "true"], capture_output=True,
                           timeout=10)
    return probe.returncode == 0


def real_verdict_on(text: str, machine: Machine, directory: Path) -> tuple[int, str]:
    """Real `corosync -t -c FILE` on `machine`, made for it in new mount, UTS and network namespaces: its node
    name (uname), its addresses (on lo), its /etc/hosts (bind-mounted over the real one inside the namespace
    only, so nothing outside changes)."""
    conf = directory / "corosync.conf"
    conf.write_text(text)
    hosts = directory / "hosts"
    hosts.write_text("".join(f"{address} {name}\n" for name, found in machine.hosts.items() for address in found))
    own = [address for address in machine.addresses if not address.is_loopback]
    script = ('mount --bind "$1" /etc/hosts && printf %s "$2" > /proc/sys/kernel/hostname && ip link set lo up && '
              + "".join(f"ip addr add {address}/{address.max_prefixlen} dev lo && " for address in own)
              + 'exec corosync -t -c "$3"')
    hostname = machine.hostname if machine.hostname and len(machine.hostname.encode()) <= 64 else "labtest"
    real = subprocess.run(["unshare", "-m", "-u", "-n", "--propagation", "private", "sh", "-c", script, "sh",
                           str(hosts), hostname, str(conf)], capture_output=True, text=True, timeout=20, cwd=directory)
    return real.returncode, (real.stderr + real.stdout).replace(str(conf), CONF_PATH)


def disagreement(text: str, directory: Path, machine: Machine | None = None) -> str | None:
    """None when the simulator and real corosync give the same verdict (and, refusing, the same message)."""
    rc, message = real_verdict(text, directory)
    return compared(rc, message, simulated_verdict(text, machine))


def compared(rc: int, message: str, ours: str | None) -> str | None:
    """What differs between real corosync's exit code and message and the simulator's verdict, or None."""
    if (rc == 0) != (ours is None):
        return f"real rc={rc}: {message.strip()[-300:]}\nsimulator: {ours or 'accepted'}"
    if ours is not None and message.strip() and ours not in message:  # `to_stderr: no`: a silent refusal
        return f"real: {message.strip()[-300:]}\nsimulator: {ours}"
    return None


# --- second family: keys in the wrong section, nozzle / qb / resources, long and unicode text, syntax ----

SECTION_POOLS = {"totem": TOTEM_KEYS, "quorum": QUORUM_KEYS, "logging": LOGGING_KEYS, "system": SYSTEM_KEYS,
                 "interface": INTERFACE_KEYS, "node": NODE_KEYS}
NOZZLE_KEYS = {"name": ["nozzle0", "", "x" * 20, "noz zle"], "ipaddr": ["192.168.100.1", "fd00::99", "x", ""],
               "ipprefix": ["24", "64", "0", "129", "x", "-1"], "macaddr": ["00:00:00:00:00:01", "x", ""],
               "foo": ["bar"]}
QB_KEYS = {"ipc_type": ["native", "shm", "socket", "x"], "foo": ["bar"]}
RESOURCES_KEYS = {"watchdog_timeout": ["0", "1", "2", "10", "60", "120", "-1", "x", "4294967296"],
                  "watchdog_device": ["off", "/dev/watchdog", "/dev/null", "x", ""],
                  "poll_period": ["0", "x"]}
EXTRA_TOTEM = {"knet_pmtud_interval": ["0", "1", "30", "86400", "86401"],
               "knet_mtu": ["0", "575", "576", "1500", "65536"], "threads": ["0", "1", "16", "17"],
               "token": ["29", "30", "31", "1000"], "hold": ["13", "14", "15"],
               "token_retransmits_before_loss_const": ["0", "1", "2", "4", "10"],
               "max_messages": ["0", "1", "256", "1000"], "window_size": ["0", "1", "49", "50", "51"],
               "block_unlisted_ips": ["yes", "no", "on", "1"], "knet_compression_threshold": ["0", "1", "100"],
               "netmtu": ["0", "1500", "1499", "65536"], "cluster_name": ["a" * 255, "ab", "a.b", "кластер"]}


def _misplaced_key(config: list[Section], rng: random.Random) -> None:
    """A key of one section written in another (two_node in totem, token in quorum, nodeid in a node...)."""
    source = rng.choice(sorted(SECTION_POOLS))
    key = rng.choice(sorted(SECTION_POOLS[source]))
    value = rng.choice(SECTION_POOLS[source][key])
    target = rng.choice(["totem", "quorum", "logging", "system", "nodelist", "node", "interface", "resources",
                         "uidgid", "device"])
    if target == "node":
        nodes = _section(config, "nodelist").sections("node")
        if nodes:
            rng.choice(nodes).set(key, value)
    elif target == "interface":
        interfaces = _section(config, "totem").sections("interface")
        if not interfaces:
            interfaces = [Section("interface", [("linknumber", "0")])]
            _section(config, "totem").items.append(interfaces[0])
        interfaces[0].set(key, value)
    elif target == "device":
        _device(config, rng)
        _section(config, "quorum").sections("device")[-1].set(key, value)
    else:
        _section(config, target).set(key, value)


def _nozzle(config: list[Section], rng: random.Random) -> None:
    nozzle = Section("nozzle", [(key, rng.choice(NOZZLE_KEYS[key]))
                                for key in rng.sample(sorted(NOZZLE_KEYS), rng.randint(0, 4))])
    config.append(nozzle)


def _qb_and_resources(config: list[Section], rng: random.Random) -> None:
    if rng.random() < 0.5:
        key = rng.choice(sorted(QB_KEYS))
        _section(config, "qb").set(key, rng.choice(QB_KEYS[key]))
    else:
        key = rng.choice(sorted(RESOURCES_KEYS))
        _section(config, "resources").set(key, rng.choice(RESOURCES_KEYS[key]))


def _boundary_totem(config: list[Section], rng: random.Random) -> None:
    key = rng.choice(sorted(EXTRA_TOTEM))
    _section(config, "totem").set(key, rng.choice(EXTRA_TOTEM[key]))


def _interfaces_per_link(config: list[Section], rng: random.Random) -> None:
    """Several interface sections: repeated link numbers, missing ones, knet options per link."""
    totem = _section(config, "totem")
    for _ in range(rng.randint(1, 3)):
        interface = Section("interface")
        if rng.random() < 0.85:
            interface.set("linknumber", rng.choice(["0", "0", "1", "1", "2", "7"]))
        for key in rng.sample(["knet_link_priority", "knet_ping_interval", "knet_ping_timeout", "knet_transport",
                               "knet_pong_count", "mcastport", "bindnetaddr", "ttl"], rng.randint(0, 2)):
            interface.set(key, rng.choice(INTERFACE_KEYS[key]))
        totem.items.append(interface)


def _crypto_matrix(config: list[Section], rng: random.Random) -> None:
    totem = _section(config, "totem")
    totem.set("transport", rng.choice(["knet", "knet", "udpu", "udp"]))
    for key, values in (("crypto_cipher", ["none", "aes256", "aes128"]), ("crypto_hash", ["none", "sha1", "md5"]),
                        ("crypto_model", ["nss", "openssl"]), ("secauth", ["on", "off"])):
        roll = rng.random()
        if roll < 0.45:
            totem.set(key, rng.choice(values))
        elif roll < 0.55:
            totem.drop(key)
    if rng.random() < 0.3:
        totem.set("keyfile", rng.choice(["/etc/corosync/authkey", "/dev/null", "/tmp", "/var/lib/corosync/", "/dev/zero"]))
    if rng.random() < 0.2:
        totem.set("key", rng.choice(["x" * 3, "x" * 1023, "0123456789abcdef" * 10]))


def _device_sections(config: list[Section], rng: random.Random) -> None:
    device = Section("device", [("model", rng.choice(["net", "net", "disk", "NET"]))])
    for key in rng.sample(["votes", "timeout", "sync_timeout", "master_wins"], rng.randint(0, 2)):
        device.set(key, rng.choice(["0", "1", "2", "x", "-1", "10000"]))
    if rng.random() < 0.8:
        net = Section("net", [("host", rng.choice(["127.0.0.1", "qnetd", "", "::1"]))])
        for key, values in (("algorithm", ["ffsplit", "lms", "2nodelms", "test", "x"]),
                            ("tie_breaker", ["lowest", "highest", "1", "x", "0"]),
                            ("tls", ["on", "off", "required", "x"]), ("port", ["5403", "0", "65536", "x"]),
                            ("connect_timeout", ["0", "1000", "x"]), ("force_ip_version", ["0", "4", "6", "5"])):
            if rng.random() < 0.35:
                net.set(key, rng.choice(values))
        device.items.append(net)
    if rng.random() < 0.3:
        device.items.append(Section("heuristics", [("mode", rng.choice(["on", "off", "sync", "x"])),
                                                   ("exec_ping", "/bin/true")]))
    _section(config, "quorum").items.append(device)


def _nested_misplaced(config: list[Section], rng: random.Random) -> None:
    """A whole section inside another (nodelist in totem, quorum in nodelist, interface in a node...)."""
    inner = rng.choice([Section("nodelist", [Section("node", [("ring0_addr", "127.0.0.5"), ("nodeid", "5")])]),
                        Section("quorum", [("provider", "corosync_votequorum")]),
                        Section("interface", [("linknumber", "0")]), Section("logging", [("debug", "on")]),
                        Section("totem", [("token", "1000")]), Section("node", [("ring0_addr", "127.0.0.6")]),
                        Section("system", [("sched_rr", "x")])])
    host = rng.choice(config)
    if host.name == "nodelist" and rng.random() < 0.5 and host.sections("node"):
        host = rng.choice(host.sections("node"))
    host.items.insert(rng.randrange(len(host.items) + 1), inner)


def _quorum_options(config: list[Section], rng: random.Random) -> None:
    quorum = _section(config, "quorum")
    for key, values in (("two_node", ["0", "1"]), ("wait_for_all", ["0", "1"]), ("auto_tie_breaker", ["0", "1"]),
                        ("auto_tie_breaker_node", ["lowest", "highest", "1", "2 3", "3 1", "9", "x", "1,2"]),
                        ("last_man_standing", ["0", "1"]), ("last_man_standing_window", ["0", "1", "10000"]),
                        ("allow_downscale", ["0", "1"]), ("expected_votes", ["1", "2", "3", "4", "5"]),
                        ("expected_votes_tracking", ["0", "1"])):
        if rng.random() < 0.3:
            quorum.set(key, rng.choice(values))
    if rng.random() < 0.3:
        nodes = _section(config, "nodelist").sections("node")
        if nodes:
            rng.choice(nodes).set("quorum_votes", rng.choice(["0", "1", "2", "3"]))


def _long_or_unicode(config: list[Section], rng: random.Random) -> None:
    section = rng.choice(config)
    choice = rng.randrange(5)
    if choice == 0:
        section.items.append((rng.choice(["cluster_name", "foo", "to_syslog"]), "v" * rng.choice([200, 490, 505, 520])))
    elif choice == 1:
        section.items.append(("k" * rng.choice([240, 249, 250, 251, 260]), "1"))
    elif choice == 2:
        section.items.append((rng.choice(["clüster", "ключ", "name", "cluster_name"]),
                              rng.choice(["ümlaut", "名前", "\u00a0x", "x\u00a0", "tab\tinside"])))
    elif choice == 3:
        section.items.append(Section(rng.choice(["sectiön", "a", "ab", "a b", "x" * 300]), [("key", "value")]))
    else:
        section.items.append((rng.choice(["a.b", "a/b", "a:b", "a-b", "a_b", "a@b"]), "1"))


def _syntax(text: str, rng: random.Random) -> str:
    lines = text.splitlines()
    where = rng.randrange(len(lines) + 1)
    choice = rng.randrange(12)
    if choice == 0:
        lines.insert(where, rng.choice(["totem { version: 2 }", "a: b }", "} }", "{ }", "{", "x { y {",
                                        "name: a{b", "name: a}b", "key: # value", "key::value", "::", ": {"]))
    elif choice == 1:
        return "\ufeff" + text
    elif choice == 2:
        return rng.choice(["", "\n", "# only a comment\n", "   \n\t\n", "totem {\n}\n", "}\n"])
    elif choice == 3:
        lines = [line + rng.choice([" ", "\t", "\u00a0", "\r"]) for line in lines]
    elif choice == 4 and lines:
        index = rng.randrange(len(lines))
        lines[index] = lines[index].replace(":", rng.choice(["", ";", ",", "=", "::"]), 1)
    elif choice == 5 and lines:
        index = rng.randrange(len(lines))
        lines.insert(index, lines[index])
    elif choice == 6:
        lines = [line.lstrip() for line in lines]
    elif choice == 7 and lines:
        index = rng.randrange(len(lines))
        lines[index] = lines[index] + rng.choice(["#c", " #c", "//c", " /* c */", "\x00"])
    elif choice == 8:
        return text.replace("\n", "\r")
    elif choice == 9:
        lines.insert(where, "x" * rng.choice([509, 510, 511, 600]))
    elif choice == 10 and lines:
        index = rng.randrange(len(lines))
        lines[index] = lines[index].replace("{", rng.choice(["{{", "{ {", "( ", "[", "{ #x"]), 1)
    else:
        lines.insert(where, rng.choice(["include /etc/corosync/corosync.conf", "include: /etc/corosync/uidgid.d",
                                        "#include x", ".include x", "!include x"]))
    return "\n".join(lines) + "\n"


ODD_MUTATIONS: list[Mutation] = [
    _misplaced_key, _misplaced_key, _nozzle, _qb_and_resources, _boundary_totem, _boundary_totem,
    _interfaces_per_link, _crypto_matrix, _crypto_matrix, _device_sections, _nested_misplaced, _quorum_options,
    _quorum_options, _long_or_unicode, _node_key, _second_link,
]


def odd_variant(seed: int) -> str:
    """One file of the second family, the same for the same seed."""
    rng = random.Random(f"odd-{seed}")
    config = base(*rng.choice(BASES))
    for _ in range(rng.choice([1, 1, 2, 3])):
        rng.choice(ODD_MUTATIONS)(config, rng)
    text = render(config, indent=rng.choice(["    ", "  ", "\t"]))
    if rng.random() < 0.25:
        text = _syntax(text, rng)
    return text


# --- third family: where a hand-written held-back file goes (quorum options, nodelist shapes, timeout relations,
# knet and crypto options, full interface sections, logging and system values, interface subsections, text) ----

TIMEOUT_LADDER = ["0", "1", "13", "14", "29", "30", "50", "100", "200", "1000", "1200", "1201", "3000", "3600",
                  "3650", "4380", "5000", "10000", "4294967295"]


def _quorum_combo(config: list[Section], rng: random.Random) -> None:
    quorum = _section(config, "quorum")
    if rng.random() < 0.2:
        quorum.set("provider", rng.choice(["corosync_votequorum", "Corosync_votequorum", "votequorum",
                                           "corosync_votequorum2", "corosync_votequorum # comment", "", "none"]))
    if rng.random() < 0.1:
        quorum.drop("provider")
    for key, values in (("expected_votes", ["0", "1", "2", "3", "4", "5", "7", "65536"]),
                        ("two_node", ["0", "1", "2"]), ("wait_for_all", ["0", "1", "2"]),
                        ("last_man_standing", ["0", "1"]), ("last_man_standing_window", ["0", "1", "10000", "20000"]),
                        ("auto_tie_breaker", ["0", "1"]),
                        ("auto_tie_breaker_node", ["lowest", "highest", "1", "3", "1 2", "1 2 3", "0", "1 x", "",
                                                   "Lowest", "9"]),
                        ("allow_downscale", ["0", "1"]), ("expected_votes_tracking", ["0", "1"]),
                        ("votes", ["1", "2"]), ("leaving_timeout", ["0", "5000"])):
        if rng.random() < 0.3:
            quorum.set(key, rng.choice(values))
    if rng.random() < 0.25:
        nodes = _section(config, "nodelist").sections("node")
        for node in rng.sample(nodes, rng.randint(0, len(nodes))):
            node.set("quorum_votes", rng.choice(["0", "1", "2", "3"]))


def _nodelist_shape(config: list[Section], rng: random.Random) -> None:
    """Nodes without nodeid (under knet), duplicate names or addresses, no name, only a name, a third link."""
    nodes = _section(config, "nodelist").sections("node")
    if not nodes:
        return
    node = rng.choice(nodes)
    other = rng.choice(nodes)
    choice = rng.randrange(8)
    if choice == 0:
        for each in rng.sample(nodes, rng.randint(1, len(nodes))):
            each.drop("nodeid")
    elif choice == 1 and node is not other:
        other.set("name", dict(item for item in node.items if isinstance(item, tuple)).get("name", "node1"))
    elif choice == 2 and node is not other:
        other.set("ring0_addr", dict(item for item in node.items if isinstance(item, tuple)).get("ring0_addr", "x"))
    elif choice == 3:
        node.drop("name")
    elif choice == 4:
        node.drop("ring0_addr")
    elif choice == 5:
        node.set("name", rng.choice(["localhost", "node1.example.com", "NODE1", "node-1", "1"]))
    elif choice == 6:
        for each in nodes:
            each.set("ring0_addr", rng.choice(["localhost", "127.0.0.1", "::1", "node1", "127.0.0.2"]))
    else:
        node.set("nodeid", rng.choice(["0", "65535", "65536", "2147483648", "4294967295", "3", "10"]))


def _timeout_relations(config: list[Section], rng: random.Random) -> None:
    totem = _section(config, "totem")
    for key in rng.sample(["token", "consensus", "join", "token_coefficient", "token_retransmit", "hold", "merge",
                           "downcheck", "send_join", "max_network_delay", "token_retransmits_before_loss_const",
                           "fail_recv_const", "seqno_unchanged_const", "token_warning", "window_size",
                           "max_messages", "miss_count_const"], rng.randint(1, 3)):
        totem.set(key, rng.choice(TIMEOUT_LADDER))


def _knet_and_crypto(config: list[Section], rng: random.Random) -> None:
    totem = _section(config, "totem")
    for key, values in (("knet_pmtud_interval", ["0", "1", "30", "60", "86400"]),
                        ("knet_mtu", ["0", "576", "1397", "1500", "9000", "65536"]),
                        ("netmtu", ["0", "1000", "1500", "9000", "65536"]),
                        ("knet_compression_model", ["none", "zlib", "lz4", "lz4hc", "lzo2", "lzma", "bzip2", "zstd",
                                                    "Zlib"]),
                        ("knet_compression_level", ["-1", "0", "1", "9", "10", "2147483648"]),
                        ("knet_compression_threshold", ["0", "1", "100"]),
                        ("secauth", ["on", "off", "yes", "no", "1"]),
                        ("crypto_cipher", ["none", "aes256", "aes192", "aes128"]),
                        ("crypto_hash", ["none", "md5", "sha1", "sha256", "sha384", "sha512"]),
                        ("crypto_model", ["nss", "openssl"]),
                        ("cluster_name", ["", "a", "ab", "abc", "x" * 32, "x" * 64, "x" * 100, "a.b", "a b", "a-b"]),
                        ("transport", ["knet", "udp", "udpu", "Knet", "knet2", "udpu "]),
                        ("ip_version", ["ipv4", "ipv6", "ipv4-6", "ipv6-4"]),
                        ("link_mode", ["passive", "active", "rr"]),
                        ("block_unlisted_ips", ["yes", "no", "x"]), ("threads", ["0", "4", "17"]),
                        ("clear_node_high_bit", ["yes", "no"]), ("cluster_uuid", ["abc"])):
        if rng.random() < 0.15:
            totem.set(key, rng.choice(values))


def _interface_full(config: list[Section], rng: random.Random) -> None:
    totem = _section(config, "totem")
    interface = Section("interface")
    if rng.random() < 0.8:
        interface.set("linknumber", rng.choice(["0", "0", "1", "2"]))
    for key, values in (("bindnetaddr", ["127.0.0.0", "127.0.0.1", "127.0.0.255", "10.0.0.0", "::1", "fd00::",
                                         "localhost", "node1"]),
                        ("mcastaddr", ["239.255.1.1", "224.0.0.1", "239.192.0.1", "ff15::1", "10.0.0.1", "::1",
                                       "239.255.1", "255.255.255.255"]),
                        ("mcastport", ["0", "1", "5405", "5406", "65535"]), ("ttl", ["0", "1", "2", "255"]),
                        ("broadcast", ["yes", "no", "x"]), ("knet_link_priority", ["0", "1", "5", "255"]),
                        ("knet_ping_interval", ["0", "200", "1000"]), ("knet_ping_timeout", ["0", "500", "2000"]),
                        ("knet_ping_precision", ["0", "2048"]), ("knet_pong_count", ["0", "1", "5"]),
                        ("knet_transport", ["udp", "sctp", "UDP"])):
        if rng.random() < 0.3:
            interface.set(key, rng.choice(values))
    if rng.random() < 0.15:
        interface.items.insert(rng.randrange(len(interface.items) + 1),
                               Section(rng.choice(["member", "x", "options"]),
                                       [("memberaddr", "127.0.0.2")] if rng.random() < 0.5 else []))
    totem.items.append(interface)


def _logging_full(config: list[Section], rng: random.Random) -> None:
    logging = _section(config, "logging")
    for key, values in (("to_syslog", ["yes", "no", "on", "off", "true", "1"]),
                        ("to_logfile", ["yes", "no", "on", "off"]), ("to_stderr", ["yes", "no"]),
                        ("logfile", ["/var/log/corosync/corosync.log", "/var/log/cluster/corosync.log",
                                     "/tmp/corosync.log", "corosync.log", "/var/log", ""]),
                        ("debug", ["on", "off", "trace", "yes", "no", "1"]),
                        ("timestamp", ["on", "off", "hires", "yes", "1"]),
                        ("fileline", ["on", "off", "yes"]), ("function_name", ["on", "off", "yes"]),
                        ("logfile_priority", ["debug", "info", "notice", "warning", "err", "error", "crit", "alert",
                                              "emerg", "trace", "x"]),
                        ("syslog_priority", ["debug", "info", "warning", "x"]),
                        ("syslog_facility", ["daemon", "local0", "local7", "user", "x"]),
                        ("blackbox", ["on", "off", "x"])):
        if rng.random() < 0.25:
            logging.set(key, rng.choice(values))
    if rng.random() < 0.2:
        subsys = Section("logger_subsys", [("subsys", rng.choice(["QUORUM", "TOTEM", "CMAP", "KNET", "MAIN"]))])
        subsys.set("debug", rng.choice(["on", "off", "trace", "x"]))
        logging.items.append(subsys)


def _system_full(config: list[Section], rng: random.Random) -> None:
    system = _section(config, "system")
    for key, values in (("qb_ipc_type", ["native", "shm", "socket", "x"]), ("sched_rr", ["yes", "no", "x"]),
                        ("priority", ["max", "min", "-21", "-20", "0", "19", "20", "x"]),
                        ("move_to_root_cgroup", ["yes", "no", "auto", "x"]),
                        ("allow_knet_handle_fallback", ["yes", "no", "x"]),
                        ("state_dir", ["/var/lib/corosync", "/nonexistent", "relative"]), ("foo", ["bar"])):
        if rng.random() < 0.35:
            system.set(key, rng.choice(values))


def _duplicate_sections(config: list[Section], rng: random.Random) -> None:
    name = rng.choice(["totem", "quorum", "nodelist", "logging"])
    copy = Section(name)
    if name == "totem":
        copy.items = [(rng.choice(["token", "transport", "version", "crypto_cipher"]),
                       rng.choice(["5000", "udpu", "2", "aes256", "x"]))]
    elif name == "quorum":
        copy.items = [("two_node", rng.choice(["0", "1"]))]
    elif name == "nodelist":
        copy.items = [Section("node", [("ring0_addr", "127.0.0.9"), ("nodeid", "9"), ("name", "node9")])]
    else:
        copy.items = [("to_syslog", rng.choice(["yes", "x"]))]
    config.insert(rng.randrange(len(config) + 1), copy)


def _focus_text(text: str, rng: random.Random) -> str:
    lines = text.splitlines()
    choice = rng.randrange(7)
    if choice == 0:
        return "\r\n".join(lines) + "\r\n"
    if choice == 1:
        return "\n".join(line.replace("    ", "\t") for line in lines) + "\n"
    if choice == 2 and lines:  # one key in capitals
        index = rng.randrange(len(lines))
        key, sep, value = lines[index].partition(":")
        if sep:
            lines[index] = key.upper() + sep + value
    elif choice == 3:
        lines.insert(rng.randrange(len(lines) + 1), rng.choice(["include /etc/corosync/corosync.d/*.conf",
                                                                "includedir /etc/corosync/conf.d", "!garbage",
                                                                "[totem]", "totem.token = 1000", "EOF"]))
    elif choice == 4 and lines:  # a section name in capitals
        index = next((i for i, line in enumerate(lines) if line.endswith("{")), 0)
        lines[index] = lines[index].upper()
    elif choice == 5:
        lines = [line + "  " for line in lines]
    else:
        lines.insert(rng.randrange(len(lines) + 1), rng.choice(["    # totem { }", "#}", "#{", "  ##"]))
    return "\n".join(lines) + "\n"


FOCUS_MUTATIONS: list[Mutation] = [
    _quorum_combo, _quorum_combo, _quorum_combo, _nodelist_shape, _nodelist_shape, _timeout_relations,
    _timeout_relations, _knet_and_crypto, _knet_and_crypto, _interface_full, _interface_full, _logging_full,
    _logging_full, _system_full, _duplicate_sections, _second_link,
]


def focus_variant(seed: int) -> str:
    """One file of the third family, the same for the same seed."""
    rng = random.Random(f"focus-{seed}")
    config = base(*rng.choice(BASES))
    for _ in range(rng.choice([1, 1, 2, 2, 3])):
        rng.choice(FOCUS_MUTATIONS)(config, rng)
    text = render(config, indent=rng.choice(["    ", "  ", "\t"]))
    if rng.random() < 0.2:
        text = _focus_text(text, rng)
    return text


# --- fourth family: lab files (issue 13), judged on the lab machine ----------------------------------------------

def lab_variant(seed: int) -> str:
    """A third-family file moved onto a lab: node N's loopback addresses become a host name (`nodeN`,
    `ha-nodeN`, `nodeN.example.com`, `NodeN`) or a LAN address (10.200.L.1N) in one style per file, `localhost`
    becomes `node1`, `::1` `fd00::1`; then, at random, node ids or names are dropped and udp/udpu chosen, so
    that udp and udpu generate node ids from the addresses host names resolve to in the lab."""
    rng = random.Random(f"lab-{seed}")
    text = focus_variant(seed)
    style = rng.choice(["host", "host", "fqdn", "capital", "hyphen", "lan", "mixed"])

    def moved(match: re.Match[str]) -> str:
        link, number = int(match.group(1)), int(match.group(2))
        chosen = rng.choice(["host", "lan"]) if style == "mixed" else style
        if chosen == "lan" or link:
            return f"10.200.{link}.{10 + number}"
        return {"host": f"node{number}", "fqdn": f"node{number}.example.com", "capital": f"Node{number}",
                "hyphen": f"ha-node{number}"}[chosen]

    text = re.sub(r"(?<![\w.])127\.0\.(\d)\.(\d{1,2})(?![\w.])", moved, text)
    text = re.sub(r"(?<![\w.:-])localhost(?![\w.-])", "node1", text)
    text = re.sub(r"(?<![\w:])::1(?![\w:.%])", "fd00::1", text)
    if rng.random() < 0.5:
        text = re.sub(r"(?m)^\s*nodeid: \d+\r?\n", "", text)
    if rng.random() < 0.4:
        text = re.sub(r"(?m)^\s*name: \S+\r?\n", "", text)
    if rng.random() < 0.6:
        text = re.sub(r"transport: knet\b", f"transport: {rng.choice(['udpu', 'udp'])}", text, count=1)
    return text
