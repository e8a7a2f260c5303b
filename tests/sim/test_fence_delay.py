"""How long fenced waits before a fence action: schedule_stonith_command (Pacemaker 2.1.5) counts
pcmk_delay_base and pcmk_delay_max in whole seconds and draws `rand() % (max - base) + base`."""

from __future__ import annotations

import re

import pytest

from halab_kernel import Lab
from halab_kernel.model import LogLine, NodeFenced
from halab_kernel.sim.pacemaker.fenced import delay_range
from tests.sim.topology import set_property


@pytest.mark.parametrize("params, target, expected", [
    ({}, "node1", (0, 0)),
    ({"pcmk_delay_max": "5s"}, "node1", (0, 4)),             # 0, 1, 2, 3 or 4 s: never 5
    ({"pcmk_delay_base": "2s", "pcmk_delay_max": "5s"}, "node1", (2, 4)),
    ({"pcmk_delay_base": "5s"}, "node1", (5, 5)),             # max 0: the base alone
    ({"pcmk_delay_base": "8s", "pcmk_delay_max": "5s"}, "node1", (5, 5)),  # base cut to the maximum
    ({"pcmk_delay_base": "500ms"}, "node1", (0, 0)),          # 500 ms / 1000: no delay at all
    ({"pcmk_delay_max": "2500ms"}, "node1", (0, 1)),
    ({"pcmk_delay_base": "node1:0s;node2:5s"}, "node2", (5, 5)),
    ({"pcmk_delay_base": "node1:0s;node2:5s"}, "node1", (0, 0)),
])
def test_delay_range_in_whole_seconds(params, target, expected):
    assert delay_range(params, target) == expected


def test_the_logged_delays_are_whole_seconds_below_the_maximum():
    seen = set()
    for seed in range(8):
        lab = Lab.simulated(nodes=2, seed=seed, corosync={"quorum": {"two_node": 1}})
        assert lab.wait_until(lambda s: s.dc is not None and all(n.status == "online" for n in s.nodes), 60)
        set_property(lab, "stonith-enabled", "true")
        assert lab.run("node1", "pcs stonith create fence fence_dummy pcmk_delay_max=3s").ok
        lab.advance(10)
        lab.partition(["node1"], ["node2"])
        lab.advance(40)
        assert any(isinstance(e, NodeFenced) for e in lab.events)
        log = "\n".join(e.text for e in lab.events if isinstance(e, LogLine))  # a node shot in a race may still be booting
        delays = re.findall(r"Delaying 'reboot' action targeting node\d using fence for (\d+)s \| timeout=60s "
                            r"requested_delay=0s base=0s max=3s", log)
        # 1.2 x (stonith-timeout 60 + pcmk_delay_max 3) = 75; the second figure is stonith-watchdog-timeout (2.1.5)
        requests = re.findall(r"targeting node\d \| for client \S+ \(75s, 0s\)", log)
        seen.update([0] * (len(requests) - len(delays)) + [int(n) for n in delays])  # 0 s: no "Delaying" line
    assert seen == {0, 1, 2}   # the first device's delay, drawn by the peer that runs it: 3 is never drawn
