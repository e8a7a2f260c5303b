"""Held-back answers, sixth round (issue 15): every graded exercise read again against its text.

What this round found misjudged, and the checks now get right: a reversed colocation as 09 B's repair (the
address went away whenever web stopped); a dotted netmask (`cidr_netmask=255.255.255.0`, which the real
IPaddr2 converts to 24) failed 05 as a wrong parameter; role filters copied from promotable examples onto
plain resources (a colocation of `Promoted web`, an order on `promote vip`, a location rule with
`role=Promoted`, a monitor with `role=Promoted` on web or on the ping clone) either passed or failed without
saying why: each now fails naming the role its resource never takes. Verdicts that now say which part is
wrong: 01's single points of failure (the extra and the missing ones at once), 09's incident (a pe-input from
before the failure, a later failure named as the first), and answers in the wrong unit (ms for s and back).
"""

from __future__ import annotations

from cells import right, wrong
# the commands every round spells the same way
from tests.course.held_back_round5 import (
    _CAP_RES, _COL, _FSC, _IPMI, _LOC, _NOSTONITH, _ORD, _PING, _STICKY, _VIPC, _WEBC, _XVM2, _XVM3,
)

_PAIR = _XVM2 + _CAP_RES + "pcs resource group add webgroup fs vip web\npcs resource meta webgroup priority=10\n"
_RACE = "pcs stonith create fence-node1 fence_xvm pcmk_host_list=node1\npcs stonith create fence-node2 fence_xvm " \
        "pcmk_host_list=node2 pcmk_delay_base="
_UPLINK = "pcs constraint location web rule score-attribute=pingd defined pingd"
_OFFICE = "pcs constraint location web rule score=100 date-spec hours=8-17 weekdays=1-5 and '#uname' eq node2"
_FAILURES = r'''
import re


def failures(log):
    return [line for line in log.splitlines()
            if "Result of" in line and "probe" not in line and not line.endswith(": ok")]


def named(line):
    return re.search(r"Result of (\w+) operation for (\S+) on (\S+):", line).groups()


def first_stopping(log, replays, line):
    for name in re.findall(r"saving inputs in \S+/(pe-input-\d+\.bz2)", log[log.index(line):]):
        summary = replays[name].split("Transition Summary:")[-1].split("Executing")[0]
        if re.search(r"\* (Stop|Restart|Recover|Move|Migrate) +web\b", summary):
            return name
'''
# the last failure of the cascade named as its cause (the right pe-input)
_INCIDENT_LAST = _FAILURES + r'''

def diagnose(log, replays):
    seen = failures(log)
    operation, resource, node = named(seen[-1])
    return {"pe_input": first_stopping(log, replays, seen[0]), "resource": resource, "node": node,
            "operation": operation}
'''
# the oldest pe-input the DC kept: a quiet transition from before anything failed
_INCIDENT_OLDEST = _FAILURES + r'''

def diagnose(log, replays):
    operation, resource, node = named(failures(log)[0])
    oldest = min(replays, key=lambda name: int(re.search(r"\d+", name).group()))
    return {"pe_input": oldest, "resource": resource, "node": node, "operation": operation}
'''

SIXTH_ROUND_ROLES = (
    # Promoted and Unpromoted are roles of promotable clones: on plain resources the filter never applies
    wrong("constraints.together_in_order", _LOC + "pcs constraint colocation add Promoted web with vip INFINITY\n" + _ORD,
          "which web never takes"),
    wrong("constraints.together_in_order", _LOC + _COL + "pcs constraint order promote vip then start web\n",
          "which vip never takes"),
    wrong("constraints.together_in_order", "pcs constraint location vip rule role=Promoted score=100 '#uname' eq node2\n"
          + _COL + _ORD, "which vip never takes"),
    wrong("resources.web_service", _NOSTONITH + _VIPC + " --group websvc\n" + _WEBC
          + " op monitor interval=20s role=Promoted --group websvc\n", "never takes that role"),
    wrong("connectivity.uplink_rule", _PING.replace("interval=10s", "interval=10s role=Promoted") + _UPLINK,
          "never takes that role"),
    wrong("connectivity.uplink_rule", _PING + _UPLINK.replace("rule ", "rule role=Promoted "), "which web never takes"),
    wrong("operations.hung_stop", "pcs resource update web op stop timeout=20s op monitor interval=10s role=Unpromoted",
          "already specified"),
)

SIXTH_ROUND = (
    # 00: other spellings of the recipe
    right("getting_started.lab_formed", {"nodes": 5, "seed": 3, "advanced": "20000ms"}),
    wrong("getting_started.first_quorum_time", 20500.0, "milliseconds"),
    # 01: an extra and a missing single point of failure at once: the verdict names both parts
    wrong("availability.single_points_of_failure", {"web1", "db"}, "survives losing web1 on its own"),
    wrong("availability.single_points_of_failure", {"web1", "db"}, "1 component(s) you left out"),
    wrong("availability.downtime_minutes", 31536, "seconds"),
    # 02: seconds where milliseconds are asked, and back
    wrong("corosync.detection_time", 6000, "milliseconds"),
    wrong("corosync.fast_detection", {"token": 1, "token_coefficient": 0}, "shorter than 1000 ms"),
    # 03: wait_for_all switched off beside two_node; a Python boolean is corosync's 1; lms is made for even splits too
    wrong("quorum.two_node_design", {"two_node": 1, "wait_for_all": 0}, "claimed quorum"),
    right("quorum.two_node_design", {"two_node": True}),
    right("quorum.arbiter_design", {"device": {"model": "net", "votes": 1, "net": {"host": "qnetd", "algorithm": "lms"}}}),
    wrong("quorum.arbiter_design", {"device": {"model": "net", "votes": 2, "net": {"host": "qnetd",
                                                                                  "algorithm": "ffsplit"}}},
          "node2 is not quorate"),
    # 05: a dotted netmask (the agent converts it, with a warning); an interval in ms; a monitor too slow; the
    # group built in the wrong order
    right("resources.vip_monitored", _NOSTONITH + _VIPC.replace("=24", "=255.255.255.0") + " op monitor interval=10s"),
    right("resources.web_service", _NOSTONITH + _VIPC.replace("=24", "=255.255.255.0") + " --group websvc\n" + _WEBC
          + " --group websvc\n"),
    wrong("resources.vip_monitored", _NOSTONITH + _VIPC.replace("=24", "=255.255.0.255") + " op monitor interval=10s",
          "cidr_netmask"),
    right("resources.vip_monitored", _NOSTONITH + _VIPC + " op monitor interval=10000ms"),
    wrong("resources.vip_monitored", _NOSTONITH + _VIPC + " op monitor interval=30s", "allowed: 15 s"),
    wrong("resources.filesystem_first", _NOSTONITH + _FSC + " --group g\n" + _WEBC + " --group g --before fs\n",
          "before fs had started"),
    # 06: the preference on web (the colocation carries it to vip), a group with its preference; the order reversed
    right("constraints.together_in_order", "pcs constraint location web prefers node2=100\n" + _COL + _ORD),
    right("constraints.together_in_order", "pcs resource group add pair vip web\n"
          "pcs constraint location pair prefers node2=100\n"),
    wrong("constraints.together_in_order", _LOC + _COL + "pcs constraint order start web then start vip\n",
          "before vip had started"),
    # stickiness that can never be outweighed; half of it on each member of the pair (a tie keeps the group put)
    right("constraints.stays_put", "pcs resource defaults update resource-stickiness=INFINITY"),
    right("constraints.stays_put", "pcs resource defaults update resource-stickiness=50"),
    right("constraints.read_scores", 110.0),
    # 07: a failure-timeout in plain seconds; one of 2 s; the design in the wrong units
    right("failover.forgiven_failures", "pcs resource meta web migration-threshold=3 failure-timeout=120"),
    wrong("failover.forgiven_failures", "pcs resource meta web migration-threshold=3 failure-timeout=2",
          "it should have moved"),
    wrong("failover.migration_policy", "pcs resource meta web migration-threshold=1", "restarted where it was"),
    wrong("failover.fast_recovery", {"token_ms": 1, "monitor_seconds": 4}, "a number of seconds?"),
    wrong("failover.fast_recovery", {"token_ms": 1000, "monitor_seconds": 4000}, "milliseconds?"),
    # 08: a delay in plain seconds is right, one of 5 ms is no delay; the test that switches the node off for good;
    # a level with both devices (both must work); level numbers with a gap
    right("fencing.fence_race", _RACE + "5"),
    wrong("fencing.fence_race", _RACE + "5ms", "ms are milliseconds"),
    wrong("fencing.fence_race", _RACE.replace("pcmk_host_list=node1", "pcmk_host_list=node1 pcmk_delay_base=5s")
          .rsplit(" pcmk_delay_base=", 1)[0], "lost the race"),
    right("topology.fence_tested", _XVM3 + "stonith_admin --reboot node3"),
    wrong("topology.fence_tested", _XVM3 + "pcs stonith fence node3 --off", "stays off"),
    wrong("topology.fence_tested", _XVM3 + "pcs stonith fence node4", "unable to fence"),
    right("topology.fence_topology", _IPMI + _XVM3 + "".join(f"pcs stonith level add 1 node{i} ipmi-node{i}\n"
                                                             f"pcs stonith level add 3 node{i} fence-xvm\n"
                                                             for i in (1, 2, 3))),
    wrong("topology.fence_topology", _IPMI + _XVM3 + "".join(f"pcs stonith level add 1 node{i} ipmi-node{i},fence-xvm\n"
                                                             for i in (1, 2, 3)), "not by the hypervisor"),
    # 09: the reversed colocation and group for B; D with one node started; A with the stranger left in place
    wrong("troubleshooting.repaired", {"B": ["pcs constraint colocation add vip with web INFINITY"]}, "vip follows web",
          puzzle_letter="B"),
    wrong("troubleshooting.repaired", {"B": ["pcs constraint colocation add vip with web"]}, "vip follows web",
          puzzle_letter="B"),
    wrong("troubleshooting.repaired", {"B": ["pcs resource group add webgroup web vip"]}, "not running together",
          puzzle_letter="B"),
    wrong("troubleshooting.repaired", {"D": ["pcs cluster start node2"]}, "node3 is not online", puzzle_letter="D"),
    right("troubleshooting.repaired", {"D": ["pcs cluster start node2 node3"]}, puzzle_letter="D"),
    right("troubleshooting.repaired", {"A": ["pcs constraint location remove location-webgroup-node2.lab.example-100",
                                             "pcs constraint location webgroup prefers node2=100"]}, puzzle_letter="A"),
    wrong("troubleshooting.repaired", {"A": ["pcs constraint location webgroup prefers node2=100"]},
          "still name a node", puzzle_letter="A"),
    right("troubleshooting.repaired", {"C": ["pcs resource clear webgroup", "pcs resource move webgroup node2"]},
          puzzle_letter="C"),
    wrong("troubleshooting.first_cause", {"resource": "fs", "node": "node1", "operation": "start"}, "not together"),
    wrong("incidents.diagnosis", _INCIDENT_LAST, "it is a consequence", function="diagnose"),
    wrong("incidents.diagnosis", _INCIDENT_OLDEST, "before anything had failed", function="diagnose"),
    # 10: the group in the wrong order; priority-fencing-delay in plain seconds, and in milliseconds
    wrong("capstone.web_service", _XVM3 + _CAP_RES + "pcs resource group add webgroup web vip fs\n" + _STICKY,
          "before fs had started"),
    right("capstone.two_node_service", _PAIR + "pcs property set priority-fencing-delay=10\n" + _STICKY),
    wrong("capstone.two_node_service", _PAIR + "pcs property set priority-fencing-delay=10ms\n" + _STICKY,
          "ms are milliseconds"),
    # 11: on-fail=fence written out; a timeout in plain seconds; block (never recovers); the recovery in ms
    right("operations.hung_stop", "pcs resource update web op stop timeout=20s on-fail=fence"),
    right("operations.hung_stop", "pcs resource update web op stop timeout=20"),
    wrong("operations.hung_stop", "pcs resource update web op stop timeout=20s on-fail=block", "never fenced"),
    wrong("operations.hung_stop", "pcs resource update web op stop timeout=20ms", "ms are milliseconds"),
    # 12: the classic -INFINITY rule; a recheck in plain seconds, one too slow; stickiness that outweighs the window
    wrong("connectivity.uplink_rule", _PING + "pcs constraint location web rule score=-INFINITY not_defined pingd or "
          "pingd lte 0", "took the whole service"),
    wrong("connectivity.uplink_rule", _PING.replace(" clone", "") + _UPLINK, "must run on each node"),
    right("connectivity.office_hours", ["pcs property set cluster-recheck-interval=300", _OFFICE]),
    wrong("connectivity.office_hours", ["pcs property set cluster-recheck-interval=15min", _OFFICE], "on Monday 18:05"),
    wrong("connectivity.office_hours", ["pcs property set cluster-recheck-interval=5min",
                                        _OFFICE.replace("hours=8-17", "hours=9-17")], "on Tuesday 08:05"),
    wrong("connectivity.office_hours", ["pcs property set cluster-recheck-interval=5min", _OFFICE,
                                        "pcs resource meta web resource-stickiness=1000"], "on Monday 09:10"),
)

SIXTH_ROUND_MORE = (
    # 03: a last-man-standing window longer than the gap between two failures: votes are not recalculated in time
    wrong("quorum.down_to_one_design", {"last_man_standing": 1, "wait_for_all": 1, "auto_tie_breaker": 1,
                                        "last_man_standing_window": 100000}, "is not quorate"),
    # 04: setup that starts the cluster itself; hosts left unauthenticated; only the local node started
    right("building.built_from_bare", ["pcs host auth node1 node2 node3 -u hacluster -p secret",
                                       "pcs cluster setup webcluster node1 node2 node3 --start --enable"]),
    wrong("building.built_from_bare", ["pcs host auth node1 node2 -u hacluster -p secret",
                                       "pcs cluster setup webcluster node1 node2 node3", "pcs cluster start --all"],
          "not known to pcs"),
    wrong("building.built_from_bare", ["pcs host auth node1 node2 node3 -u hacluster -p secret",
                                       "pcs cluster setup webcluster node1 node2 node3", "pcs cluster start"],
          "offline node2, node3"),
    # 06: the preference deleted along the way
    wrong("constraints.stays_put", _STICKY + "pcs constraint delete location-webgroup-node2-100",
          "should start on its preferred node"),
    # 07: meta through pcs resource update
    right("failover.migration_policy", "pcs resource update web meta migration-threshold=2"),
    # 08: a fence device whose only monitor is for a role it never takes
    wrong("fencing.fence_device", _XVM3.strip() + " op monitor interval=60s role=Promoted", "never takes that role"),
    # 11: operation defaults do not change a timeout web's stop already has; interval=0s spelt out is right
    wrong("operations.hung_stop", "pcs resource op defaults update timeout=20s", "74.2 s after it died"),
    right("operations.hung_stop", "pcs resource update web op stop timeout=20s interval=0s"),
    # 12: a multiplier of 1 still prefers connected nodes; an order after the ping clone beside the rule
    right("connectivity.uplink_rule", _PING.replace("multiplier=1000", "multiplier=1") + _UPLINK),
    right("connectivity.uplink_rule", _PING + _UPLINK + "\npcs constraint order ping-clone then web"),
)
