"""Held-back answers, fourth round: the exercises added for issue 15's open items, and time-bound defeaters.

Function answers that swallow every exception (and ignore the signals a bound could send) in a loop, for
each function exercise that had none: the sandbox kills them after 5 s and the check fails with that. A
commands answer that makes the office-hours week far more costly than the exercise needs fails at the check's
CPU bound. The rest are beginners' spellings found while reviewing 03, 08 and 12 against their texts.
"""

from __future__ import annotations

from cells import right, wrong

_SWALLOW = "    while True:\n        try:\n{body}        except BaseException:\n            pass\n"
_IPMI = "".join(f"pcs stonith create ipmi-node{i} fence_ipmilan ip=10.0.0.5{i} username=admin password=secret lanplus=1 "
                f"pcmk_host_list=node{i}\n" for i in (1, 2, 3))
_XVM = 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"\n'
_OFFICE = "pcs constraint location web rule score=100 date-spec hours=8-17 weekdays=1-5 and '#uname' eq node2\n"

FOURTH_ROUND = (
    # answers that defeat a time bound: each fails, in bounded time
    wrong("quorum.quorum_formula", "import signal\n\n\ndef votes_needed(expected_votes):\n"
          "    for number in (signal.SIGALRM, signal.SIGTERM, signal.SIGINT, signal.SIGPROF):\n"
          "        signal.signal(number, signal.SIG_IGN)\n" + _SWALLOW.format(body="            pass\n"),
          "did not return within 5 s", "votes_needed"),
    wrong("availability.series_function", "def series(*availabilities):\n    result = 1.0\n"
          + _SWALLOW.format(body="            for value in availabilities:\n                result *= value\n"),
          "did not return within 5 s", "series"),
    wrong("corosync.detection_formula", "def detection_ms(nodes, token=3000, token_coefficient=650, consensus=None):\n"
          "    import time\n" + _SWALLOW.format(body="            time.sleep(10)\n"), "did not return within 5 s",
          "detection_ms"),
    wrong("incidents.diagnosis", "def diagnose(log, replays):\n    seen = []\n"
          + _SWALLOW.format(body="            seen = (seen + [log])[-10:]\n"), "did not return within 5 s", "diagnose"),
    wrong("connectivity.office_hours", "pcs property set cluster-recheck-interval=1min\n" + _OFFICE
          + "".join(f"pcs resource create d{index} ocf:pacemaker:Dummy\n" for index in range(300)),
          "did not finish within"),  # the check's 30 s CPU bound, or on a loaded machine the judge's 45 s wall
    # 03: expected votes forced down defeats wait_for_all's protection; a short window still follows the failures
    wrong("quorum.down_to_one_design", {"last_man_standing": 1, "wait_for_all": 1, "auto_tie_breaker": 1,
                                        "expected_votes": 1}, "two quorate sides"),
    right("quorum.down_to_one_design", {"last_man_standing": 1, "wait_for_all": 1, "auto_tie_breaker": 1,
                                        "last_man_standing_window": 1000}),
    # 08: other spellings of one device for every node; a priority delay with no priority anywhere
    right("fencing.fence_device", 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1,node2,node3"'),
    right("fencing.fence_device", 'pcs stonith create fence-xvm fence_xvm pcmk_host_map="node1:vm1;node2:vm2;node3:vm3"'),
    wrong("fencing.fence_race", 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2"\n'
          "pcs property set priority-fencing-delay=10s", "both nodes were shot"),
    # two devices in one level (both must succeed), and a node left without its fallback
    wrong("topology.fence_topology", _IPMI + _XVM + "".join(f"pcs stonith level add 1 node{i} ipmi-node{i} fence-xvm\n"
                                                            for i in (1, 2, 3)), "not by the hypervisor"),
    wrong("topology.fence_topology", _IPMI + _XVM + "".join(f"pcs stonith level add 1 node{i} ipmi-node{i}\n"
                                                            f"pcs stonith level add 2 node{i} fence-xvm\n" for i in (1, 2))
          + "pcs stonith level add 1 node3 ipmi-node3\n", "no level after node3's board uses fence_xvm"),
    # 08 Ex 4: a test repeated is still a test
    right("topology.fence_tested", _XVM + "pcs stonith fence node3\npcs stonith fence node3"),
)
