"""The requester's fenced lines for one request, as capture 05 (05-partition-fencing, node1 11:45:26.801)
shows them: initiate_remote_stonith_op's "Requesting peer fencing (reboot) targeting node2 | id=...
state=querying base_timeout=60", then request_peer_fencing's "Requesting that node1 perform 'reboot' action
targeting node2 | for client pacemaker-controld.59 (36s, 0s)": 1.2 x the chosen peer's device timeouts
(pcmk_reboot_timeout=30, else the request's timeout, plus pcmk_delay_max), then stonith-watchdog-timeout in
ms; with topology, one line per device, "using DEVICE", one figure."""

from __future__ import annotations

import pytest

from halab_kernel import Lab


def _lab(device: str) -> Lab:
    lab = Lab.simulated(nodes=3, seed=1)
    assert lab.wait_until(lambda s: s.dc == "node1" and all(n.status == "online" for n in s.nodes), 60)
    assert lab.run("node1", "pcs property set stonith-enabled=true").ok
    assert lab.run("node1", device).ok
    lab.advance(30)
    return lab


def _requests(lab: Lab, since: float) -> list[str]:
    return [line.split("\tnotice: ")[1] for line in lab.logs("node1", since=since).line
            if "(initiate_remote_stonith_op)" in line or "(request_peer_fencing)" in line]


@pytest.mark.parametrize(("device", "figure"), [
    ("pcs stonith create fence-rig fence_dummy pcmk_host_list='node1 node2 node3' pcmk_reboot_timeout=30", 36),
    ("pcs stonith create fence-rig fence_dummy pcmk_host_list='node1 node2 node3'", 72),  # stonith-timeout 60
    ("pcs stonith create fence-rig fence_dummy pcmk_host_list='node1 node2 node3' pcmk_reboot_timeout=30s "
     "pcmk_delay_max=10s", 48),  # atoi("30s") = 30, + the 10 s the delay may take
])
def test_the_dc_request_as_capture_05(device: str, figure: int) -> None:
    lab = _lab(device)
    start = lab.now
    lab.crash("node2")
    lab.advance(20)
    first, second = _requests(lab, start)[:2]
    assert first.startswith("Requesting peer fencing (reboot) targeting node2 | id=")
    assert first.endswith(" state=querying base_timeout=60")
    assert second == (f"Requesting that node1 perform 'reboot' action targeting node2 | for client "
                      f"pacemaker-controld.59 ({figure}s, 0s)")


def test_a_manual_request_has_stonith_admins_timeout() -> None:
    lab = _lab("pcs stonith create fence-rig fence_dummy pcmk_host_list='node1 node2 node3'")
    start = lab.now
    assert lab.run("node1", "pcs stonith fence node2").ok
    first, second = _requests(lab, start)[:2]
    assert first.endswith(" state=querying base_timeout=120")  # stonith_admin's default --timeout
    assert second.endswith("| for client stonith_admin.2204 (144s, 0s)")


def test_with_topology_each_device_is_requested_with_its_own_timeout() -> None:
    lab = _lab("pcs stonith create f1 fence_dummy pcmk_host_list='node1 node2 node3' pcmk_reboot_timeout=20")
    assert lab.run("node1", "pcs stonith create f2 fence_dummy pcmk_host_list='node1 node2 node3'").ok
    assert lab.run("node1", "pcs stonith level add 1 node2 f1").ok
    assert lab.run("node1", "pcs stonith level add 2 node2 f2").ok
    lab.advance(10)
    lab.break_fence_device("f1")
    start = lab.now
    lab.crash("node2")
    lab.advance(30)
    lines = _requests(lab, start)
    assert [line.split(" | ")[1] for line in lines[1:3]] == [
        "for client pacemaker-controld.59 (24s)", "for client pacemaker-controld.59 (72s)"]
    assert [line.split(" | ")[0].rsplit(" using ", 1)[1] for line in lines[1:3]] == ["f1", "f2"]
