"""SshBackend against a real 3-node Pacemaker/Corosync rig (root + Debian packages; else skipped).

One rig for the whole session (see conftest); tests that break the cluster
wait, bounded, until it is whole again, so that their order does not matter.
The failure scenarios themselves are in test_scenarios.py.
"""

from __future__ import annotations

import subprocess
import time

import pytest

from halab_kernel.model import FaultInjected, NodeFenced
from halab_kernel.remote import FaultsNotAllowed, HostKeyRefused, NodeTimeout, RemoteError, SshBackend
from halab_kernel.remote.inventory import read_inventory
from tests.remote.conftest import wait_for, whole

pytestmark = pytest.mark.rig


def test_snapshot_of_a_healthy_cluster(healthy):
    state = healthy.state()
    assert state.node_names == ("node1", "node2", "node3") and state.cluster_name == "halab"
    assert len(state.partitions) == 1 and state.partitions[0].quorate and state.dc in state.node_names
    assert set(state.views) == {"node1", "node2", "node3"}
    assert all(v.members == ("node1", "node2", "node3") for v in state.views.values())
    assert state.resource("fence-rig").agent == "stonith:fence_rig"


def test_run_returns_what_the_node_prints(healthy):
    assert healthy.run("node2", "uname -n").stdout == "node2\n"
    result = healthy.run("node3", "echo out; echo err >&2; exit 3")
    assert (result.stdout, result.stderr, result.rc) == ("out\n", "err\n", 3)
    assert healthy.run("node9", "true").rc == 255


def test_unknown_host_key_is_refused_with_the_way_to_trust_it(rig, tmp_path):
    empty = tmp_path / "known_hosts"
    empty.write_text("")
    with pytest.raises(HostKeyRefused, match="unknown host key.*ssh-keyscan"):
        SshBackend(inventory=rig, known_hosts=empty)


def test_a_changed_host_key_is_refused(rig, tmp_path):
    inventory = read_inventory(rig)
    lines = inventory.known_hosts.read_text().splitlines()
    swapped = tmp_path / "known_hosts"
    swapped.write_text(f"{lines[0].split()[0]} {' '.join(lines[1].split()[1:])}\n")  # node1 with node2's key
    with pytest.raises(HostKeyRefused, match="does not match"):
        SshBackend(["node1"] and {"node1": inventory.hosts[0].address}, key=inventory.key, known_hosts=swapped)


def test_hostile_resource_names_never_execute(healthy):
    for name in ("x; touch /tmp/pwned1", "$(touch /tmp/pwned2)", "`touch /tmp/pwned3`"):
        with pytest.raises(RemoteError):
            healthy.fail_resource(name, node="node1")
        with pytest.raises(ValueError):
            healthy.standby(name)
    assert healthy.run("node1", "ls /tmp/pwned1 /tmp/pwned2 /tmp/pwned3 2>/dev/null | wc -l").stdout.strip() == "0"


def test_faults_are_refused_unless_allowed(rig, healthy):
    with SshBackend(inventory=rig) as readonly:
        for attempt in (lambda: readonly.crash("node1"), lambda: readonly.partition(["node1"]),
                        lambda: readonly.fence("node2"), lambda: readonly.standby("node2")):
            with pytest.raises(FaultsNotAllowed, match="allow_faults=True"):
                attempt()
        assert not [e for e in readonly.events if isinstance(e, FaultInjected)]
    assert whole(healthy.state())


def test_a_silent_node_fails_within_the_timeout_and_the_others_keep_answering(rig, rig_layout, healthy):
    netns = rig_layout.node_netns("node3")
    with SshBackend(inventory=rig, timeout=2) as backend:
        subprocess.run(["ip", "netns", "exec", netns, "nft", "add table inet halabt_silence; "
                        "add chain inet halabt_silence input { type filter hook input priority 0; }; "
                        "add rule inet halabt_silence input tcp dport 22 drop"], check=True)
        try:
            started = time.monotonic()
            result = backend.run("node3", "true")
            assert result.rc == 255 and "no answer within 2 s" in result.stderr
            assert time.monotonic() - started < 3.0
            started = time.monotonic()
            state = backend.state()  # node3 is in back-off: answered at once, others read normally
            assert time.monotonic() - started < 2.0
            assert not state.node("node3").powered and state.quorate("node1") and state.quorate("node2")
            with pytest.raises(NodeTimeout):
                backend._connections["node2"].execute("sleep 5", timeout=1)
            assert backend.run("node2", "uname -n").stdout == "node2\n"  # reconnected
        finally:
            subprocess.run(["ip", "netns", "exec", netns, "nft", "delete table inet halabt_silence"], check=True)
        time.sleep(5.1)  # the back-off
        assert backend.run("node3", "uname -n").stdout == "node3\n"


def test_close_heals_an_injected_partition(rig, rig_layout, healthy):
    backend = SshBackend(inventory=rig, allow_faults=True)
    backend.partition([["node1", "node2"], ["node3"]])
    backend.close()
    tables = subprocess.run(["ip", "netns", "exec", rig_layout.node_netns("node3"), "nft", "list", "tables"],
                            capture_output=True, text=True, check=True).stdout
    assert "halab_partition" not in tables
    wait_for(healthy, whole, 60, "whole after close")


def test_fence_reboots_the_node(healthy):
    healthy.fence("node2")
    wait_for(healthy, lambda s: any(isinstance(e, NodeFenced) and e.target == "node2" for e in healthy.events),
             30, "fence seen")
    wait_for(healthy, whole, 60, "node2 back")


def test_stop_and_start_the_stack(healthy):
    healthy.stop("node3")
    state = healthy.state()
    assert not state.node("node3").corosync_running and state.node("node3").status == "offline"
    healthy.start("node3")
    wait_for(healthy, whole, 60, "node3 back")


def test_power_off_then_start_brings_the_node_back(healthy):
    healthy.power_off("node3")
    wait_for(healthy, lambda s: not s.node("node3").powered and s.node("node3").status != "online", 40,
             "node3 seen without power")
    healthy.start("node3")  # powered on from another node if the cluster's fencing has not rebooted it yet
    wait_for(healthy, whole, 90, "node3 back")


def test_only_monitor_failures_can_be_injected_on_real_nodes(healthy):
    from halab_kernel.errors import LabError

    with pytest.raises(LabError, match="only monitor failures"):
        healthy.fail_resource("web", op="start")
    with pytest.raises(LabError, match="no resource named 'nosuch'"):
        healthy.fail_resource("nosuch")
    with pytest.raises(LabError, match="unknown daemon"):
        healthy.kill("node1", "sshd")


def test_the_courses_web_service_runs_for_real_on_the_rig(rig, healthy):
    """IPaddr2 on the inventory's free address, ext4 on the shared disk, a real apache: mounted on one node only.

    The mount point is apache's document root, as in notebook 05; the mount stays inside the node's own
    mount namespace.
    """
    inventory = read_inventory(rig)
    assert (healthy.service_address, healthy.shared_disk) == (inventory.service_address, inventory.shared_disk)
    address, prefix = healthy.service_address.split("/")
    created = [f"pcs resource create course-fs ocf:heartbeat:Filesystem device={healthy.shared_disk} "
               "directory=/var/www/html fstype=ext4 --group course",
               f"pcs resource create course-vip ocf:heartbeat:IPaddr2 ip={address} cidr_netmask={prefix} --group course",
               "pcs resource create course-web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf "
               "statusurl=http://localhost/server-status --group course"]
    try:
        for command in created:
            result = healthy.run("node1", command)
            assert result.ok, result.output
        state = wait_for(healthy, lambda s: all(s.resource(f"course-{r}").nodes for r in ("fs", "vip", "web")), 60,
                         "the course group started")
        holder = state.resource("course-web").nodes[0]
        deadline = time.monotonic() + 30  # crm_mon lists a resource on its node while its start is still pending
        while not (status := healthy.run(holder, "curl -sf http://localhost/server-status?auto").stdout):
            assert time.monotonic() < deadline, "apache never answered on " + holder
            healthy.advance(0.5)
        assert status.startswith("localhost")
        assert f"{address}/{prefix}" in healthy.run(holder, "ip -4 -o addr show dev eth0").stdout
        mounted = {node: f"{healthy.shared_disk} /var/www/html ext4" in healthy.run(node, "cat /proc/mounts").stdout
                   for node in state.node_names}
        assert mounted == {node: node == holder for node in state.node_names}
    finally:
        healthy.run("node1", "pcs resource delete course --force")  # stops and removes the group and its members
        wait_for(healthy, lambda s: not any(r.id.startswith("course-") for r in s.resources), 60, "the group removed")
