"""What the installed agents refuse on start, for the parameters a student gets wrong.

Each check mirrors the agent's own shell code (resource-agents 4.12):
IPaddr2 runs findif's `findif_check_params` on start and validate-all only
(a probe just answers "not running"), logs `ERROR: IP address [X] not valid.`
and exits with `[findif] failed`, rc 6 (invalid configuration, which makes
Pacemaker stop trying anywhere). Filesystem looks its fstype up in
/proc/filesystems (then modprobe) and exits rc 5 (not installed), and so
does it when its block device is not there (a node has the disks a Debian
VM shows: /dev/sdb1, /dev/vdb1, LVM, md, DRBD...; a path like `sdb1`
or `/srv/data` is not one); apache
needs its configfile (Debian's /etc/apache2/apache2.conf; a RHEL path is not
there), rc 5. Only what the agent decides from its parameters and a Debian
node's fixed files is modelled; files a student creates are not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OCF_ERR_INSTALLED = 5
OCF_ERR_CONFIGURED = 6
OCF_NOT_RUNNING = 7

_IPV4 = re.compile(r"^([1-9][0-9]?|1[0-9][0-9]|2[0-4][0-9]|25[0-5])(\.([0-9][0-9]?|1[0-9][0-9]|2[0-4][0-9]|25[0-5])){3}$")
# what a Debian bookworm kernel lists in /proc/filesystems or loads with modprobe
# every simulated node has the interfaces of a rig node (halab_kernel/remote/rig/host.py)
NODE_INTERFACES = ("lo", "eth0")
KERNEL_FILESYSTEMS = frozenset({
    "ext2", "ext3", "ext4", "xfs", "btrfs", "vfat", "msdos", "exfat", "ntfs3", "iso9660", "udf", "nfs", "nfs4",
    "cifs", "smb3", "tmpfs", "ramfs", "gfs2", "ocfs2", "fuse", "squashfs", "overlay", "f2fs", "jfs", "reiserfs",
    "hfsplus", "nilfs2", "ceph", "9p", "bind",
})


@dataclass(frozen=True)
class Refusal:
    """An agent's failure decided from its parameters: rc, exit reason, the lines it logs."""

    rc: int
    exit_reason: str
    log: tuple[str, ...] = ()
    probe_rc: int | None = None  # what a probe (monitor, interval 0) answers instead; None: the same


def _prefix_ok(prefix: str, maximum: int) -> bool:
    return 0 < len(prefix) <= 3 and prefix.isdigit() and 1 <= int(prefix) <= maximum


def _dotted_quad_to_prefix(mask: str) -> str:
    """findif's maybe_convert_dotted_quad_to_cidr: 255.255.255.0 -> 24; anything else unchanged."""
    parts = mask.split(".")
    if len(parts) != 4 or not all(p.isdigit() and len(p) <= 3 and int(p) <= 255 for p in parts):
        return mask
    value = 0
    for part in parts:
        value = (value << 8) + int(part)
    for bits in range(32, -1, -1):
        if value == ((1 << bits) - 1) << (32 - bits):
            return str(bits)
    return mask


def ipaddr2(params: dict[str, str]) -> Refusal | None:
    ip = params.get("ip", "")
    nic = params.get("nic", "").split(":", 1)[0]
    problem = None
    if nic and nic not in NODE_INTERFACES:
        problem = f'Invalid interface name [{nic}]: Device "{nic}" does not exist.'
    elif ":" in ip:
        if re.search(r"[^0-9:a-fA-F]", ip):
            problem = f"IP address [{ip}] not valid."
        elif params.get("cidr_netmask") and not _prefix_ok(params["cidr_netmask"], 128):
            problem = f"Invalid netmask specification [{params['cidr_netmask']}]."
    elif not _IPV4.match(ip):
        problem = f"IP address [{ip}] not valid."
    elif params.get("cidr_netmask") and not _prefix_ok(_dotted_quad_to_prefix(params["cidr_netmask"]), 32):
        problem = f"Invalid netmask specification [{params['cidr_netmask']}]."
    elif params.get("broadcast") and not _IPV4.match(params["broadcast"]) and params["broadcast"] not in "+-":
        problem = f"Invalid broadcast address [{params['broadcast']}]."
    if problem is None:
        return None
    return Refusal(OCF_ERR_CONFIGURED, "[findif] failed", (f"ERROR: {problem}",), probe_rc=OCF_NOT_RUNNING)


# the block devices a simulated node shows: a Debian VM's disks and partitions (sdb1, vdb1, nvme0n1p1),
# software RAID, DRBD, device-mapper and LVM paths, the /dev/disk/by-* links
_BLOCK_DEVICE = re.compile(r"^/dev/((s|v|xv|h)d[a-z]+[0-9]*|nvme[0-9]+n[0-9]+(p[0-9]+)?|md[0-9]+|drbd[0-9]+"
                           r"|dm-[0-9]+|loop[0-9]+|mapper/[^/]+|disk/by-[a-z]+/[^/]+|[^/]+/[^/]+)$")
# set_blockdevice_var: these filesystems mount no block device
_NOT_BLOCK_FSTYPES = frozenset({"nfs4", "nfs", "efs", "smbfs", "cifs", "none", "glusterfs", "ceph", "tmpfs", "overlay",
                                "overlayfs", "rozofs", "zfs", "cvfs", "lustre"})


def _missing_block_device(params: dict[str, str]) -> bool:
    """Filesystem's set_blockdevice_var and start check: a block device that is not there."""
    device, fstype = params.get("device", ""), params.get("fstype", "")
    options = params.get("options", "").split(",")
    if fstype in _NOT_BLOCK_FSTYPES or "loop" in options or device == "/dev/null":
        return False
    if device.startswith(("--uuid", "--label", "-U", "-L")):
        return False
    return not _BLOCK_DEVICE.match(device)


def filesystem(params: dict[str, str]) -> Refusal | None:
    """Filesystem_start: the fstype must be known to the kernel (rc 5), the block device must exist (rc 5).
    A missing mount point is no error: the agent creates it (mkdir -p)."""
    fstype = params.get("fstype", "")
    if fstype and fstype != "none":
        support = "fuse" if fstype.startswith("fuse.") or fstype in ("glusterfs", "rozofs") else (
            "nfs4" if fstype == "efs" else fstype)
        if support not in KERNEL_FILESYSTEMS:
            reason = f"Couldn't find filesystem {support} in /proc/filesystems and failed to load kernel module"
            return Refusal(OCF_ERR_INSTALLED, reason, (f"ERROR: {reason}",), probe_rc=OCF_NOT_RUNNING)
    if _missing_block_device(params):
        device = params.get("device", "")
        reason = f"Couldn't find device [{device}]. Expected /dev/??? to exist"
        return Refusal(OCF_ERR_INSTALLED, reason,
                       (f"INFO: Running start for {device} on {params.get('directory', '').rstrip('/') or '/'}",
                        f"ERROR: {reason}"), probe_rc=OCF_NOT_RUNNING)
    return None


# the apache configuration a Debian node has once apache2 is installed (apache's DefaultConfig there)
APACHE_CONFIG = "/etc/apache2/apache2.conf"


def apache(params: dict[str, str]) -> Refusal | None:
    """apache_validate_all: the configuration file must exist (a RHEL path on Debian does not)."""
    configfile = params.get("configfile") or APACHE_CONFIG
    if configfile == APACHE_CONFIG:
        return None
    reason = f"Configuration file {configfile} not found!"
    return Refusal(OCF_ERR_INSTALLED, reason, (f"ERROR: {reason}",), probe_rc=OCF_NOT_RUNNING)


CHECKS = {"ocf:heartbeat:IPaddr2": ipaddr2, "ocf:heartbeat:Filesystem": filesystem, "ocf:heartbeat:apache": apache}


def start_refusal(agent: str, params: dict[str, str]) -> Refusal | None:
    """The refusal of `agent` (full name) started with `params`, or None if it would start."""
    check = CHECKS.get(agent)
    return check(params) if check else None
