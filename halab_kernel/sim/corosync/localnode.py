"""How corosync 3.1.7 finds the local node in the nodelist (totemconfig.c find_local_node()).

Searched in this order, each step over the nodes in icmap key order (positions sorted as text, so
node 10 comes between 1 and 2; in a node `name` before `ring0_addr`), comparing the text of a
node's `name` or `ring0_addr` exactly:
1. uname's node name, then that name cut at its last dots one by one;
2. for each of the machine's addresses (getifaddrs: IPv4 ones, then IPv6 ones), the name
   getnameinfo gives it (its /etc/hosts name, else the address as text), that name cut at its first
   dot, and for an IPv4 address the address as text (corosync asks for an IPv6 one with the size of a
   `struct sockaddr`, which getnameinfo refuses);
3. each node's `name`, then `ring0_addr`, resolved by getaddrinfo (`127.1`, `2130706433`, `0::1`,
   /etc/hosts names in any case, a scope naming an interface only after a link-local address),
   against the machine's addresses (an IPv4-mapped IPv6 address is no IPv4 one).
Nothing found: no local node, and corosync goes on with the position of the last key it looked at
(the last node in key order with a `name` or `ring0_addr`), whose addresses then stand in for the interfaces.
No I/O: the machine is described by a `Machine`.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field
from typing import Any, Mapping

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
LOOPBACK4 = ipaddress.IPv4Address("127.0.0.1")
LOOPBACK6 = ipaddress.IPv6Address("::1")


def inet_aton(text: str) -> int | None:
    """The IPv4 address getaddrinfo reads in `127.1`, `127.0.0.01`, `0x7f.0.0.1` or `2130706433`
    (1 to 4 parts, decimal, octal or hex, the last filling the remaining bytes), else None."""
    parts = text.split(".")
    if not 1 <= len(parts) <= 4:
        return None
    numbers = []
    for part in parts:
        match = re.fullmatch(r"0[xX]([0-9a-fA-F]*)|0([0-7]*)|([1-9][0-9]*)", part)
        if match is None:
            return None
        hex_digits, octal, decimal = match.groups()
        numbers.append(int(hex_digits or "0", 16) if hex_digits is not None else
                       int(octal or "0", 8) if octal is not None else int(decimal))
    *leading, last = numbers
    if any(number > 255 for number in leading) or last >= 1 << (8 * (4 - len(leading))):
        return None
    value = 0
    for number in leading:
        value = value << 8 | number
    return value << (8 * (4 - len(leading))) | last



INTERFACES = ("lo", "eth0")  # the interfaces a node (and a test machine) has, which a scope can name


def inet6_address(text: str) -> ipaddress.IPv6Address | None:
    """The IPv6 address getaddrinfo reads in `text`, with glibc's rule for a scope (`%...`): a number up to
    4294967295 after any address, an interface name only after a link-local one (`fe80::1%lo`, not `::1%lo`)."""
    bare, percent, scope = text.partition("%")
    try:
        address = ipaddress.IPv6Address(bare)
    except ValueError:
        return None
    if not percent or scope.isdigit() and scope.isascii() and int(scope) <= 0xFFFFFFFF:
        return address
    link_local = address.is_link_local or address.is_multicast and address.packed[1] & 0xF in (1, 2)
    return address if link_local and scope in INTERFACES else None


def host(hosts: Mapping[str, tuple[IPAddress, ...]], name: str) -> tuple[IPAddress, ...] | None:
    """The addresses /etc/hosts gives a name (glibc compares names without regard to case), or None."""
    wanted = name.lower()
    return next((addresses for known, addresses in hosts.items() if known.lower() == wanted), None)


def resolve(text: str, hosts: Mapping[str, tuple[IPAddress, ...]]) -> tuple[IPAddress, ...]:
    """getaddrinfo(text, AF_UNSPEC): the addresses a node's name or address stands for."""
    number = inet_aton(text)
    if number is not None:
        return (ipaddress.IPv4Address(number),)
    address = inet6_address(text)
    if address is not None:
        return (address,)
    return host(hosts, text) or ()


@dataclass(frozen=True)
class Machine:
    """What find_local_node() learns from the machine it runs on."""
    hostname: str | None  # uname's node name; None: one no node is named after
    addresses: tuple[IPAddress, ...]  # getifaddrs(), IPv4 ones first
    names: Mapping[IPAddress, str] = field(default_factory=dict)  # getnameinfo(): the /etc/hosts name
    hosts: Mapping[str, tuple[IPAddress, ...]] = field(default_factory=dict)  # getaddrinfo() of host names

    def name_of(self, address: IPAddress) -> str:
        return self.names.get(address, str(address))


# A test machine that is none of the nodes: loopback only, /etc/hosts knowing localhost (IPv4) alone.
TEST_MACHINE = Machine(None, (LOOPBACK4, LOOPBACK6), {LOOPBACK4: "localhost"}, {"localhost": (LOOPBACK4,)})


def key_order(nodes: list[Mapping[str, Any]]) -> list[int]:
    """The node positions in icmap key order (`nodelist.node.10.` sorts before `nodelist.node.2.`)."""
    return sorted((position for position, node in enumerate(nodes) if node), key=str)


def _by_name(nodes: list[Mapping[str, Any]], wanted: str) -> int | None:
    """nodelist_byname(): the first node whose `name` or `ring0_addr` is exactly `wanted`."""
    for position in key_order(nodes):
        if any(str(nodes[position].get(key)) == wanted for key in ("name", "ring0_addr") if key in nodes[position]):
            return position
    return None


def _names_to_try(machine: Machine) -> list[str]:
    names: list[str] = []
    if machine.hostname is not None:
        names.append(machine.hostname)
        cut = machine.hostname
        while "." in cut:
            cut = cut.rsplit(".", 1)[0]
            names.append(cut)
    for address in machine.addresses:
        name = machine.name_of(address)
        names.append(name)
        if "." in name:
            names.append(name.split(".", 1)[0])
        if address.version == 4:
            names.append(str(address))
    return names


def find_local_node(nodes: list[Mapping[str, Any]], machine: Machine) -> int | None:
    """The position of the node this machine is, or None."""
    for name in _names_to_try(machine):
        found = _by_name(nodes, name)
        if found is not None:
            return found
    for position in key_order(nodes):
        for key in ("name", "ring0_addr"):
            if key in nodes[position] and set(resolve(str(nodes[position][key]), machine.hosts)) & set(
                    machine.addresses):
                return position
    return None


def last_looked_at(nodes: list[Mapping[str, Any]]) -> int:
    """The position find_local_node() leaves behind when it finds nothing: the last node in key order with a
    `name` or `ring0_addr` (measured: a last node with only ring1_addr is passed over), else the last one."""
    order = key_order(nodes)
    named = [position for position in order if "name" in nodes[position] or "ring0_addr" in nodes[position]]
    return named[-1] if named else order[-1] if order else len(nodes) - 1
