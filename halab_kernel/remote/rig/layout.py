"""Where a rig lives and how its parts are named: pure values, no I/O.

One `RigLayout` answers every "what is the name/path/address of ..." question
for `up`, `down`, `status` and the node init, so the three can never disagree
(a `down` that guesses different names would leave namespaces behind).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DIR = Path("/srv/halab-rig")
DEFAULT_PREFIX = "halab"
DEFAULT_SUBNET = "10.200.0.0/24"
MIN_NODES, MAX_NODES = 2, 5

# Directories bind-mounted over the host's own, per node: (mount point, folder name).
NODE_BIND_MOUNTS: tuple[tuple[str, str], ...] = (
    ("/etc/corosync", "etc-corosync"),
    ("/var/lib/pacemaker", "var-lib-pacemaker"),
    ("/var/lib/corosync", "var-lib-corosync"),
    ("/var/lib/pcsd", "var-lib-pcsd"),
    ("/var/log", "var-log"),
    ("/root", "root-home"),  # a fresh node's home: the host's ~/.bashrc (pyenv...) costs 100 ms per command
)
PACEMAKER_STATE_DIRS = ("cib", "pengine", "blackbox", "cores")


@dataclass(frozen=True)
class RigLayout:
    """Names, paths and addresses of one rig."""

    nodes: int = 3
    prefix: str = DEFAULT_PREFIX
    directory: Path = DEFAULT_DIR
    subnet: str = DEFAULT_SUBNET

    def __post_init__(self) -> None:
        if not MIN_NODES <= self.nodes <= MAX_NODES:
            raise ValueError(f"--nodes must be between {MIN_NODES} and {MAX_NODES}, not {self.nodes}")
        if not self.prefix.isalnum() or len(self.prefix) > 8:
            raise ValueError(f"--prefix must be at most 8 letters or digits, not {self.prefix!r}")
        network = ipaddress.ip_network(self.subnet, strict=True)
        if network.version != 4 or network.prefixlen > 26:
            raise ValueError(f"--subnet must be an IPv4 network of at least /26, not {self.subnet}")

    # --- names ---------------------------------------------------------
    @property
    def node_names(self) -> tuple[str, ...]:
        return tuple(f"node{i}" for i in range(1, self.nodes + 1))

    @property
    def bridge_netns(self) -> str:
        return f"{self.prefix}-br"

    def node_netns(self, node: str) -> str:
        return f"{self.prefix}-{node}"

    @property
    def host_link(self) -> str:
        """The root namespace's end of the workstation veth."""
        return f"{self.prefix}-ws"

    def bridge_port(self, node: str) -> str:
        return f"{self.prefix}-{node}"[:15]

    # --- addresses -----------------------------------------------------
    @property
    def network(self) -> ipaddress.IPv4Network:
        return ipaddress.IPv4Network(self.subnet)

    @property
    def workstation_address(self) -> str:
        return str(self.network.network_address + 1)

    def node_address(self, node: str) -> str:
        index = self.node_names.index(node) + 1
        return str(self.network.network_address + 10 + index)

    @property
    def prefixlen(self) -> int:
        return self.network.prefixlen

    @property
    def service_address(self) -> str:
        """A free address of the rig's subnet for the course's floating IP (IPaddr2), with its prefix."""
        return f"{self.network.network_address + 100}/{self.prefixlen}"

    # --- paths -----------------------------------------------------------
    def node_dir(self, node: str) -> Path:
        return self.directory / "nodes" / node

    @property
    def ssh_dir(self) -> Path:
        return self.directory / "ssh"

    @property
    def client_key(self) -> Path:
        return self.ssh_dir / "id_ed25519"

    @property
    def known_hosts(self) -> Path:
        return self.ssh_dir / "known_hosts"

    def authorized_keys(self, node: str) -> Path:
        """The client's key as the node's sshd sees it: /root/.ssh/authorized_keys in the node's own /root.

        sshd (StrictModes) refuses keys in a file any of whose parent folders
        others may write; inside the node the path is /root/.ssh, so the
        rig folder may live anywhere, /tmp included.
        """
        return self.node_dir(node) / "root-home" / ".ssh" / "authorized_keys"

    @property
    def ssh_config(self) -> Path:
        return self.ssh_dir / "ssh_config"

    @property
    def inventory(self) -> Path:
        return self.directory / "inventory.toml"

    @property
    def sbin_extra(self) -> Path:
        """Programs overlaid onto /usr/sbin inside the nodes (fence agent, rig-stack)."""
        return self.directory / "sbin"

    @property
    def hosts_file(self) -> Path:
        return self.directory / "conf" / "hosts"

    @property
    def state_file(self) -> Path:
        """What `up` started (PIDs, names), read by `status` and `down`."""
        return self.directory / "rig.json"

    @property
    def shared_disk_image(self) -> Path:
        """The file behind the rig's shared disk: a loop device every node sees, like a SAN LUN."""
        return self.directory / "shared-disk.img"

    def pill_dir(self, node: str) -> Path:
        """A node's PID 1 mailbox: `<token>.req` holds off/on/reboot, answered by `<token>.ack`.

        One file per request, so a fence by the cluster and a power-on by the
        lab at the same moment cannot overwrite each other.
        """
        return self.node_dir(node) / "pills"
