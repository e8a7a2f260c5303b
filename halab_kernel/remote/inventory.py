"""Which nodes to connect to, and how: from arguments or an inventory file.

The inventory is TOML (read by the standard library's tomllib), the format
`halab rig up` writes and a teacher can write by hand for lab VMs:

    user = "root"                       # optional, default root
    key = "~/.ssh/id_ed25519"           # optional: else the SSH agent
    known_hosts = "~/.ssh/known_hosts"  # optional: else ~/.ssh/known_hosts
    [hosts]                             # node name = address (or hosts = ["node1", ...])
    node1 = "10.200.0.11"
    [lab]                               # optional: what the course's notebooks need on these nodes
    service_address = "10.200.0.100/24" # a free address of the nodes' network (the floating IP)
    shared_disk = "/dev/vdb"            # a block device every node sees (its content is lost!)
"""

from __future__ import annotations

import ipaddress
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping

DEFAULT_KNOWN_HOSTS = Path("~/.ssh/known_hosts")
LAB_KEYS = {"service_address", "shared_disk"}


@dataclass(frozen=True)
class Host:
    """One node: the name the cluster knows it by, and where SSH reaches it."""

    name: str
    address: str
    port: int = 22


@dataclass(frozen=True)
class Inventory:
    hosts: tuple[Host, ...]
    user: str = "root"
    key: Path | None = None
    known_hosts: Path = DEFAULT_KNOWN_HOSTS
    service_address: str | None = None  # [lab] "10.200.0.100/24": free for the course's floating address
    shared_disk: str | None = None  # [lab] "/dev/vdb": seen by every node, for the Filesystem resource


def _host(name: str, where: str) -> Host:
    address, _, port = where.rpartition(":") if where.count(":") == 1 else (where, "", "")
    if port and not port.isdigit():
        raise ValueError(f"bad port in {where!r}")
    return Host(name, address or where, int(port) if port else 22)


def hosts_from(spec: Iterable[str] | Mapping[str, str]) -> tuple[Host, ...]:
    """`["node1", "node2:2222"]` or `{"node1": "10.0.0.1"}` -> hosts, names unique."""
    if isinstance(spec, Mapping):
        hosts = tuple(_host(str(name), str(address)) for name, address in spec.items())
    elif isinstance(spec, str):
        raise ValueError("hosts must be a list of names or a mapping name -> address, not a string")
    else:
        hosts = tuple(_host(h.rpartition(":")[0] or h, h) if ":" in h else Host(h, h) for h in map(str, spec))
    names = [h.name for h in hosts]
    if not hosts:
        raise ValueError("no hosts given")
    if len(set(names)) != len(names):
        raise ValueError(f"host names must be unique: {names}")
    return hosts


def read_inventory(path: str | Path) -> Inventory:
    path = Path(path).expanduser()
    try:
        data = tomllib.loads(path.read_text())
    except OSError as error:
        raise ValueError(f"cannot read inventory {path}: {error.strerror}") from None
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"inventory {path} is not valid TOML: {error}") from None
    if "hosts" not in data:
        raise ValueError(f"inventory {path} has no [hosts]")
    unknown = set(data) - {"hosts", "user", "key", "known_hosts", "lab"}
    if unknown:
        raise ValueError(f"inventory {path}: unknown keys {sorted(unknown)} (a password is never read from a file)")
    lab = data.get("lab", {})
    if not isinstance(lab, dict) or set(lab) - LAB_KEYS:
        raise ValueError(f"inventory {path}: [lab] takes only {' and '.join(sorted(LAB_KEYS))}")
    return Inventory(
        hosts=hosts_from(data["hosts"]),
        user=str(data.get("user", "root")),
        key=Path(data["key"]).expanduser() if data.get("key") else None,
        known_hosts=Path(data.get("known_hosts", DEFAULT_KNOWN_HOSTS)).expanduser(),
        service_address=_service_address(path, lab.get("service_address")),
        shared_disk=str(lab["shared_disk"]) if lab.get("shared_disk") else None,
    )


def _service_address(path: Path, text: object) -> str | None:
    """"10.200.0.100/24" checked by `ipaddress` (it goes into a pcs command line), or None."""
    if not text:
        return None
    try:
        if "/" not in str(text):
            raise ValueError("no prefix length")
        return str(ipaddress.IPv4Interface(str(text)))
    except ValueError:
        raise ValueError(f"inventory {path}: [lab] service_address must look like 10.200.0.100/24, "
                         f"not {text!r}") from None
