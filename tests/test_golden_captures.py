"""The simulator, driven by the same pcs commands as the real capture rig, prints what the
real cluster printed (shared/pacemaker-2.1.5/captures), line for line after normalising
dates, the "Last change" line, the cluster name and the rig's own fence agent (fence_rig,
a test-rig agent; the simulator uses fence_dummy).
"""

from __future__ import annotations

import re

import pytest

from halab_kernel import Lab
from tests.conftest import shared_path
from tests.normalize import normalize

SETUP = [
    "pcs property set stonith-enabled={stonith}",
    "pcs stonith create fence-rig fence_dummy pcmk_host_list='node1 node2 node3' pcmk_reboot_timeout=30 "
    "op monitor interval=60s",
    "pcs resource create dummy1 ocf:pacemaker:Dummy meta migration-threshold=1 op monitor interval=10s",
    "pcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=24 nic=eth0 "
    "op monitor interval=10s --group grp",
    "pcs resource create dummy2 ocf:heartbeat:Dummy op monitor interval=10s --group grp",
    "pcs constraint location grp prefers node2=100",
    "pcs constraint colocation add dummy1 with grp INFINITY",
    "pcs constraint order start grp then start dummy1",
]


def placed(corosync=None, stonith: bool = True) -> Lab:
    options = {"totem": {"cluster_name": "rigcluster", **((corosync or {}).get("totem", {}))}}
    lab = Lab.simulated(nodes=3, corosync=options)
    assert lab.wait_until(lambda s: s.dc is not None and all(n.status == "online" for n in s.nodes), 60)
    for command in SETUP:
        result = lab.run("node1", command.format(stonith="true" if stonith else "false"))
        assert result.rc == 0, (command, result.stderr)
    assert lab.wait_until(lambda s: s.resource("dummy2").nodes == ("node2",), 30)
    lab.advance(15)
    return lab


def crash_node2(lab: Lab) -> None:
    lab.crash("node2")
    lab.advance(15)


def standby_node2(lab: Lab) -> None:
    assert lab.run("node1", "pcs node standby node2").rc == 0
    lab.advance(5)


def state_file_removed(lab: Lab) -> None:
    lab.fail_resource("dummy2", "node2")
    lab.advance(15)


def partition_node2(lab: Lab) -> None:
    lab.partition(["node2"], ["node1", "node3"])
    lab.advance(15)


# capture folder, node the capture was taken on, how to get there. In 03b the real cluster's DC
# had moved to node3 in earlier runs of the rig (the DC stays where it is until it leaves);
# the simulator's fresh cluster has node1, so the DC's name is normalised there.
DC_MOVED_EARLIER = {"03b-after-node-crash-token-1000"}
SCENARIOS = {
    "02-resources-placed": ("node1", {}, None),
    "03-after-node-crash-token-default": ("node1", {}, crash_node2),
    "03b-after-node-crash-token-1000": ("node1", {"corosync": {"totem": {"token": 1000}}}, crash_node2),
    "07-resource-failure-state-removed": ("node1", {}, state_file_removed),
    "08-node-standby": ("node1", {}, standby_node2),
    "04-partition-nostonith/majority-view": ("node1", {"stonith": False}, partition_node2),
    "04-partition-nostonith/minority-view": ("node2", {"stonith": False}, partition_node2),
    "05-partition-fencing/majority-view": ("node1", {}, partition_node2),
}


def _normal(text: str) -> list[str]:
    text = normalize(text)
    text = re.sub(r"^(  \* Last change: ).*$", r"\1<CHANGE>", text, flags=re.M)
    text = text.replace("stonith:fence_rig", "stonith:fence_dummy").replace("type=fence_rig", "type=fence_dummy")
    return [line for line in text.splitlines()
            if not line.startswith("Status of pacemakerd") and "rig_dir=" not in line]


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
@pytest.mark.parametrize("tool, capture_file", [("crm_mon -1", "crm_mon-1.txt"), ("crm_mon -1rf", "crm_mon-1rf.txt"),
                                                 ("corosync-quorumtool -s", "corosync-quorumtool-s.txt")])
def test_outputs_match_the_real_cluster(scenario: str, tool: str, capture_file: str) -> None:
    node, options, step = SCENARIOS[scenario]
    folder = shared_path("pacemaker-2.1.5", "captures", scenario, node)
    expected = folder / capture_file
    if not expected.exists():
        pytest.skip(f"the capture has no {capture_file} for {scenario}")
    lab = placed(**options)
    if step:
        step(lab)
    result = lab.run(node, tool)
    ours, real = _normal(result.stdout), _normal(expected.read_text())
    if scenario in DC_MOVED_EARLIER:
        ours, real = ([re.sub(r"Current DC: node\d", "Current DC: <DC>", line) for line in text]
                      for text in (ours, real))
    assert ours == real
    rc_file = folder / f"{capture_file}.rc"
    if rc_file.exists():
        assert result.rc == int(rc_file.read_text())


def test_pcs_config_matches_the_real_cluster() -> None:
    expected = shared_path("pacemaker-2.1.5", "captures", "02-resources-placed", "node1", "pcs-config.txt")
    result = placed().run("node1", "pcs config")
    assert result.rc == 0
    assert _normal(result.stdout) == _normal(expected.read_text())


def test_pcs_status_full_matches_the_real_cluster() -> None:
    """Everything but the two sections the capture rig cannot have: it runs no pcsd and no systemd
    (shared/notes/real-cluster-rig.md), so there it says "Unable to authenticate" and "inactive";
    a real node, and the simulator, say "Online" and "active"."""
    expected = shared_path("pacemaker-2.1.5", "captures", "02-resources-placed", "node1", "pcs-status-full.txt")
    result = placed().run("node1", "pcs status --full")

    def without_rig_limits(text: str) -> list[str]:
        text = text.replace("Unable to authenticate", "Online").replace("inactive/enabled", "active/enabled")
        return _normal(text)

    assert result.rc == 0
    assert without_rig_limits(result.stdout) == without_rig_limits(expected.read_text())


def _section(text: str, heading: str) -> list[str]:
    lines = text.splitlines()
    start = lines.index(heading) + 1
    return [line for line in lines[start:start + 20] if line.startswith("  * ")] if heading in lines else []


def test_pcs_status_full_lists_the_fencing_history_as_the_real_cluster() -> None:
    """Capture 05: after node2 was fenced, `pcs status --full` (crm_mon --fence-history=3 -R) lists
    every fencing under "Fencing History", in the full history's technical wording."""
    expected = shared_path("pacemaker-2.1.5", "captures", "05-partition-fencing", "majority-view", "node1",
                           "pcs-status-full.txt").read_text()
    lab = Lab.simulated(3, seed=7)
    lab.advance(30)
    lab.run("node1", "pcs stonith create fence-rig fence_dummy pcmk_host_list='node1 node2 node3'")
    lab.advance(20)
    lab.crash("node2")
    lab.advance(60)
    ours = lab.run("node1", "pcs status --full").stdout
    shape = re.compile(r"  \* reboot of node2 successful: delegate=node1, client=pacemaker-controld\.59, "
                       r"origin=node1, completed='\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ'")
    assert all(shape.fullmatch(line) for line in _section(expected, "Fencing History:"))
    history = _section(ours, "Fencing History:")
    assert len(history) == 1 and shape.fullmatch(history[0])
    assert ours.index("Migration Summary:") < ours.index("Fencing History:") < ours.index("Tickets:")
