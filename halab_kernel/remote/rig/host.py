"""The host side of a rig: prerequisites, the namespaced network, and running commands.

Every command is an argument list (never a shell string), so node names and
paths are never re-parsed by a shell.
"""

from __future__ import annotations

import ipaddress
import json
import os
import shutil
import subprocess
from functools import partial
from pathlib import Path
from typing import Callable, Sequence

from halab_kernel.remote.rig.layout import RigLayout


class RigError(Exception):
    """A rig operation failed; the message says what and what to do."""


# program -> the Debian package that provides it
REQUIRED_PROGRAMS: dict[str, str] = {
    "corosync": "corosync",
    "corosync-cfgtool": "corosync",
    "pacemakerd": "pacemaker",
    "crm_mon": "pacemaker-cli-utils",
    "cibadmin": "pacemaker-cli-utils",
    "pcs": "pcs",
    "sshd": "openssh-server",
    "ssh-keygen": "openssh-client",
    "ip": "iproute2",
    "nft": "nftables",
    "unshare": "util-linux",
    "nsenter": "util-linux",
    "mount": "mount",
    "apache2": "apache2",  # the course's web server resource (ocf:heartbeat:apache) runs for real on the nodes
    "curl": "curl",  # ... and its monitor fetches http://localhost/server-status with it
    "losetup": "mount",  # the shared disk of the Filesystem exercises is a loop device
    "mkfs.ext4": "e2fsprogs",
    # what the resource agents and the node init run inside the nodes
    "modprobe": "kmod",  # ocf:heartbeat:Filesystem loads the filesystem's module
    "blkid": "util-linux",  # ... and identifies the device
    "fsck": "util-linux",
    "findmnt": "util-linux",
    "pidof": "sysvinit-utils",  # rig-stack, the fault commands
    "sysctl": "procps",  # IPv6 off on the rig's links
    "getent": "libc-bin",  # ring addresses given as host names
    "ssh": "openssh-client",  # halab rig ssh
    "awk": "mawk",
}
REQUIRED_PATHS: dict[str, str] = {
    "/usr/lib/ocf/resource.d/heartbeat/IPaddr2": "resource-agents",
    "/usr/bin/python3": "python3",
}
SHARED_DISK_MB = 64
SEARCH_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


def missing_prerequisites() -> list[str]:
    """Why a rig cannot run here, one reason per line (empty when it can)."""
    reasons = []
    if os.geteuid() != 0:
        reasons.append("needs root (network, mount and PID namespaces, nftables)")
    packages = sorted(
        {pkg for prog, pkg in REQUIRED_PROGRAMS.items() if not shutil.which(prog, path=SEARCH_PATH)}
        | {pkg for path, pkg in REQUIRED_PATHS.items() if not Path(path).exists()}
    )
    if packages:
        reasons.append("missing Debian packages: " + " ".join(packages) + f" (apt-get install -y {' '.join(packages)})")
    if not Path("/proc/self/ns/net").exists() or not Path("/proc/self/ns/pid").exists():
        reasons.append("this kernel has no network/PID namespaces")
    try:
        filesystems = Path("/proc/filesystems").read_text()
    except OSError:
        filesystems = ""
    if "overlay" not in filesystems and os.geteuid() == 0:
        subprocess.run(["modprobe", "overlay"], capture_output=True)
        if "overlay" not in Path("/proc/filesystems").read_text():
            reasons.append("the kernel has no overlay filesystem (modprobe overlay)")
    return reasons


def run(args: Sequence[str], *, netns: str | None = None, check: bool = True, timeout: float = 30.0) -> str:
    """Run a program (in a network namespace if given) and return its stdout."""
    full = ["ip", "netns", "exec", netns, *args] if netns else list(args)
    try:
        done = subprocess.run(full, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as error:
        raise RigError(f"{' '.join(full)}: no answer within {timeout:.0f} s") from error
    if check and done.returncode != 0:
        raise RigError(f"{' '.join(full)}: {done.stderr.strip() or f'exit status {done.returncode}'}")
    return done.stdout


def existing_netns(prefix: str) -> list[str]:
    names = [line.split()[0] for line in run(["ip", "netns", "list"]).splitlines() if line.strip()]
    return [name for name in names if name.startswith(f"{prefix}-")]


def check_subnet_free(layout: RigLayout) -> None:
    """Refuse to shadow a network this machine already routes: traffic must stay in the rig."""
    routes = json.loads(run(["ip", "-j", "-4", "route", "show", "table", "all"]) or "[]")
    for route in routes:
        destination = route.get("dst", "")
        if destination in ("default", "") or route.get("type") in ("local", "broadcast"):
            continue
        try:
            network = ipaddress.ip_network(destination, strict=False)
        except ValueError:
            continue
        if network.overlaps(layout.network):
            raise RigError(f"subnet {layout.subnet} overlaps the route {destination} already on this machine; "
                           "choose another with --subnet")


def create_network(layout: RigLayout) -> None:
    """The bridge in its own namespace, one veth per node, one to the root namespace."""
    bridge = layout.bridge_netns
    run(["ip", "netns", "add", bridge])
    run(["ip", "link", "set", "lo", "up"], netns=bridge)
    run(["ip", "link", "add", "br0", "type", "bridge"], netns=bridge)
    run(["ip", "link", "set", "br0", "up"], netns=bridge)
    run(["ip", "link", "add", layout.host_link, "type", "veth", "peer", "name", "ws", "netns", bridge])
    run(["sysctl", "-q", "-w", f"net.ipv6.conf.{layout.host_link}.disable_ipv6=1"], check=False)
    run(["ip", "addr", "add", f"{layout.workstation_address}/{layout.prefixlen}", "dev", layout.host_link])
    run(["ip", "link", "set", layout.host_link, "up"])
    run(["ip", "link", "set", "ws", "master", "br0", "up"], netns=bridge)
    for node in layout.node_names:
        netns = layout.node_netns(node)
        port = layout.bridge_port(node)
        run(["ip", "netns", "add", netns])
        run(["sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1"], netns=netns, check=False)
        run(["ip", "link", "add", port, "netns", bridge, "type", "veth", "peer", "name", "eth0", "netns", netns])
        run(["ip", "link", "set", port, "master", "br0", "up"], netns=bridge)
        run(["ip", "addr", "add", f"{layout.node_address(node)}/{layout.prefixlen}", "dev", "eth0"], netns=netns)
        run(["ip", "link", "set", "eth0", "up"], netns=netns)
        run(["ip", "link", "set", "lo", "up"], netns=netns)


def delete_network(layout: RigLayout) -> list[str]:
    """Remove every namespace and link of the rig that exists; return what is still there afterwards.

    Deleting one end of a veth deletes the other, and a namespace's links go
    with it, so something may vanish between looking and deleting: only what
    remains after a delete is a problem.
    """
    problems = []
    if _host_link_exists(layout):
        problems += _delete(["ip", "link", "delete", layout.host_link], lambda: _host_link_exists(layout))
    for netns in existing_netns(layout.prefix):
        problems += _delete(["ip", "netns", "delete", netns], partial(_netns_exists, layout.prefix, netns))
    return problems


def _netns_exists(prefix: str, netns: str) -> bool:
    return netns in existing_netns(prefix)


def _host_link_exists(layout: RigLayout) -> bool:
    links = json.loads(run(["ip", "-j", "link", "show"]) or "[]")
    return any(link.get("ifname") == layout.host_link for link in links)


def _delete(args: Sequence[str], still_there: Callable[[], bool]) -> list[str]:
    try:
        run(args)
    except RigError as error:
        if still_there():
            return [str(error)]
    return []


def attach_shared_disk(layout: RigLayout) -> str:
    """An empty ext4 image on a loop device: the rig's shared disk, like a SAN LUN.

    Every node sees the host's /dev, so every node can mount it: exactly the
    danger the fencing notebook teaches (ext4 mounted twice gets corrupted).
    """
    image = layout.shared_disk_image
    with open(image, "wb") as handle:
        handle.truncate(SHARED_DISK_MB << 20)
    run(["mkfs.ext4", "-q", "-F", "-L", "shared", str(image)])
    return run(["losetup", "--find", "--show", str(image)]).strip()


def detach_shared_disk(layout: RigLayout) -> list[str]:
    """Release every loop device backed by the rig's image; return what could not be released."""
    image = layout.shared_disk_image
    if not image.exists():
        return []
    problems = []
    for line in run(["losetup", "--associated", str(image)]).splitlines():
        try:
            run(["losetup", "--detach", line.split(":", 1)[0]])
        except RigError as error:
            problems.append(str(error))
    return problems


def init_pid(unshare_pid: int) -> int | None:
    """The host PID of a node's PID 1: the only child of its `unshare --fork`."""
    try:
        children = Path(f"/proc/{unshare_pid}/task/{unshare_pid}/children").read_text().split()
    except OSError:
        return None
    return int(children[0]) if children else None


def pid_alive(pid: int) -> bool:
    """Whether a process runs (a zombie waiting for its parent to reap it does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def rig_process(pid: int, directory: Path) -> bool:
    """Whether `pid` is still one of this rig's node processes (PIDs are reused: never kill a stranger)."""
    if not pid_alive(pid):
        return False
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    return b"halab_kernel.remote.rig.node_init" in argv and str(directory).encode() in argv


def rig_processes(directory: Path) -> list[int]:
    """Every living node PID 1 (and its `unshare`) of the rig in `directory`, found in /proc (no record needed)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and rig_process(int(entry.name), directory):
            found.append(int(entry.name))
    return found


def node_command(pid: int, args: Sequence[str]) -> list[str]:
    """Argument list that runs `args` inside a node, in all of its namespaces."""
    return ["nsenter", "-t", str(pid), "-m", "-u", "-n", "-p", "--", *args]
