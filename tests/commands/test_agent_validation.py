"""Resource agents refuse what the installed ones refuse, with their rc, exit reason and log line.

The parameter checks are compared with the real agents themselves: the test
runs /usr/lib/ocf/resource.d/heartbeat/IPaddr2 validate-all with the same
parameters (as root, it only reads the network configuration) and expects the
same verdict. In a live simulated lab the failed start shows in crm_mon as the
real one does: `invalid parameter`, `exitreason='[findif] failed'`.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from halab_kernel.lab import Lab
from halab_kernel.sim.agents.validation import apache, filesystem, ipaddr2

IPADDR2 = Path("/usr/lib/ocf/resource.d/heartbeat/IPaddr2")


def _real_validate(params: dict[str, str]) -> int:
    env = {**os.environ, "OCF_ROOT": "/usr/lib/ocf", "OCF_RESOURCE_INSTANCE": "vip", "__OCF_ACTION": "validate-all"}
    env.update({f"OCF_RESKEY_{name}": value for name, value in params.items()})
    return subprocess.run([str(IPADDR2), "validate-all"], env=env, capture_output=True, timeout=30).returncode


CASES = [
    {"ip": "10.200.0.100/24"}, {"ip": "10.200.0.300"}, {"ip": "0.1.2.3"}, {"ip": "10.200.0.100", "cidr_netmask": "33"},
    {"ip": "10.200.0.100", "cidr_netmask": "abc"}, {"ip": "10.200.0.100", "cidr_netmask": "255.255.255.0"},
    {"ip": "10.200.0.100", "cidr_netmask": "255.0.255.0"}, {"ip": "10.200.0.100", "broadcast": "10.200.0.999"},
    {"ip": "fe80::g"}, {"ip": "10.200.0.100", "nic": "eth9"}, {"ip": "10.200.0.100", "nic": "lo"},
]


@pytest.mark.skipif(not IPADDR2.exists() or os.geteuid() != 0, reason="needs resource-agents' IPaddr2, as root")
@pytest.mark.parametrize("params", CASES, ids=[str(c) for c in CASES])
def test_ipaddr2_refuses_the_parameters_the_real_agent_refuses(params: dict[str, str]) -> None:
    refusal = ipaddr2(params)
    real = _real_validate(params)
    if refusal is None:
        assert real != 6, f"the real agent refuses {params} (rc {real})"
    else:
        assert real == refusal.rc == 6


def test_filesystem_refuses_an_unknown_fstype_as_not_installed() -> None:
    refusal = filesystem({"device": "/dev/sdb1", "directory": "/srv", "fstype": "ext5"})
    assert refusal is not None and refusal.rc == 5
    assert refusal.exit_reason == "Couldn't find filesystem ext5 in /proc/filesystems and failed to load kernel module"
    assert filesystem({"device": "/dev/sdb1", "directory": "/srv", "fstype": "xfs"}) is None


def test_a_vip_with_a_prefix_in_ip_fails_to_start_with_invalid_parameter() -> None:
    lab = Lab.simulated(3, seed=1)
    lab.run("node1", "pcs property set stonith-enabled=false")
    result = lab.run("node1", "pcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100/24")
    assert result.rc == 0, result.stderr
    lab.advance(60)
    status = lab.run("node1", "crm_mon -1").stdout
    assert "vip start on node1 returned 'not configured' ([findif] failed)" in status, status
    assert "No active resources" in status  # rc 6 is fatal: Pacemaker tries no other node
    journal = lab.run("node1", "journalctl --no-pager").stdout + lab.run("node2", "journalctl --no-pager").stdout \
        + lab.run("node3", "journalctl --no-pager").stdout
    assert "ERROR: IP address [10.200.0.100/24] not valid." in journal


def test_apache_refuses_a_configfile_a_debian_node_does_not_have() -> None:
    refusal = apache({"configfile": "/etc/httpd/conf/httpd.conf"})
    assert refusal is not None and refusal.rc == 5
    assert refusal.exit_reason == "Configuration file /etc/httpd/conf/httpd.conf not found!"
    assert apache({"configfile": "/etc/apache2/apache2.conf"}) is None and apache({}) is None


FILESYSTEM = Path("/usr/lib/ocf/resource.d/heartbeat/Filesystem")


@pytest.mark.skipif(not FILESYSTEM.exists() or os.geteuid() != 0, reason="needs resource-agents' Filesystem, as root")
@pytest.mark.parametrize("device", ["/dev/halab-missing", "sdb1", "/srv/halab-missing"])
def test_filesystem_refuses_a_missing_device_as_the_real_agent_does(device: str, tmp_path: Path) -> None:
    """Only devices that are not there: the real agent stops before mounting anything."""
    params = {"device": device, "directory": str(tmp_path / "mnt"), "fstype": "ext4"}
    env = {**os.environ, "OCF_ROOT": "/usr/lib/ocf", "OCF_RESOURCE_INSTANCE": "fs", "__OCF_ACTION": "start"}
    env.update({f"OCF_RESKEY_{name}": value for name, value in params.items()})
    real = subprocess.run([str(FILESYSTEM), "start"], env=env, capture_output=True, text=True, timeout=30)
    refusal = filesystem(params)
    assert refusal is not None and real.returncode == refusal.rc == 5
    assert f"ocf-exit-reason:{refusal.exit_reason}" in real.stderr
    for present in ("/dev/sdb1", "/dev/vdb1", "/dev/vg0/data", "/dev/disk/by-id/wwn-1", "--uuid=1234"):
        assert filesystem({**params, "device": present}) is None, present
    assert filesystem({"device": "server:/export", "directory": "/mnt", "fstype": "nfs"}) is None  # no block device
