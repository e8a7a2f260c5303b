"""Held-back answers, seventh round (issue 15): a critical beginner and an HA instructor, notebook by notebook.

What this round found misjudged, and the checks now get right: a meta attribute spelt with underscores
(`migration_threshold=2`, `resource_stickiness=100`) passed as if Pacemaker read it (real 2.1.5 does not:
crm_simulate -VVVV says "can fail 999998 more times ... (1000000)"; two earlier rounds had it right); a
fence race won by a random `pcmk_delay_max` alone on the survivor's device passed (a short draw lets both
nodes fire; the simulator's first shot always wins, real hardware can take both); a monitor every 10 ms passed
05 (a unit mistake); a quorum option spelt `two-node` failed without saying it is no option at all. The
judgement calls, decided as the text now teaches them: a finite colocation score fails 06 Ex 1 ("always"), a
colocation either way round passes 05 Ex 3 (the text says so), a stickiness tie keeps 06 Ex 2's group put (the
text says so, as 2.1.5's assign_best_node keeps the current node on equal scores).
"""

from __future__ import annotations

from cells import right, wrong
from tests.course.held_back_round5 import _CAP_GROUPED, _CAP_RES, _COL, _FSC, _LOC, _NOSTONITH, _ORD, _PING, \
    _STICKY, _VIPC, _WEBC, _XVM2, _XVM3

_GROUP = "pcs resource group add webgroup fs vip web\n"
_PAIR_DELAY = _XVM2 + _CAP_RES + _GROUP + "pcs resource meta webgroup priority=10\npcs property set priority-fencing-delay=10s\n"
_RACE = "pcs stonith create fence-node1 fence_xvm pcmk_host_list=node1\npcs stonith create fence-node2 fence_xvm " \
        "pcmk_host_list=node2"
_UPLINK = "pcs constraint location web rule score-attribute=pingd defined pingd"
_OFFICE = "pcs constraint location web rule score=100 date-spec hours=8-17 weekdays=1-5 and '#uname' eq node2"
_AUTH = "pcs host auth node1 node2 node3 -u hacluster -p secret"

SEVENTH_ROUND = (
    # 00-02: durations as text, a component in capitals, a token with the unit written out
    right("getting_started.lab_formed", {"nodes": 5, "seed": 3, "advanced": "1min"}),
    wrong("getting_started.lab_formed", {"nodes": 5, "seed": 3, "advanced": "20ms"}, "not (yet) in a quorate"),
    wrong("availability.single_points_of_failure", {"LB", "DB"}, "not a component of this stack"),
    right("corosync.fast_detection", {"token": "1000", "token_coefficient": "0"}),
    wrong("corosync.fast_detection", {"token": 1000, "token_coefficient": 0, "consensus": 1000}, "1.2 x"),
    # 03: an option spelt with a dash or in capitals is none at all
    wrong("quorum.two_node_design", {"two-node": 1}, "not an option votequorum reads"),
    wrong("quorum.two_node_design", {"Two_Node": 1}, "not an option votequorum reads"),
    wrong("quorum.down_to_one_design", {"last_man_standing": 1, "wait_for_all": 1, "auto_tie_breaker": 1,
                                        "lms_window": 10000}, "not an option votequorum reads"),
    right("quorum.two_node_design", {"two_node": 1, "provider": "corosync_votequorum"}),
    wrong("quorum.down_to_one_design", {"last_man_standing": 1, "auto_tie_breaker": 1}, "two quorate sides"),
    # 04: --wait, enable beside start, addresses per node; a typo in a node name; setup before auth; no start
    right("building.built_from_bare", [_AUTH, "pcs cluster setup webcluster node1 node2 node3",
                                       "pcs cluster start --all --wait"]),
    right("building.built_from_bare", [_AUTH, "pcs cluster setup webcluster node1 node2 node3", "pcs cluster start --all",
                                       "pcs cluster enable --all"]),
    right("building.built_from_bare", [_AUTH, "pcs cluster setup webcluster node1 addr=10.200.0.11 node2 "
                                       "addr=10.200.0.12 node3 addr=10.200.0.13 --start"]),
    wrong("building.built_from_bare", [_AUTH, "pcs cluster setup webcluster node1 node2 nod3", "pcs cluster start --all"],
          "not known to pcs"),
    wrong("building.built_from_bare", ["pcs cluster setup webcluster node1 node2 node3", _AUTH, "pcs cluster start --all"],
          "not known to pcs"),
    wrong("building.built_from_bare", [_AUTH, "pcs cluster setup webcluster node1 node2 node3"], "runs no corosync"),
    # 05 Ex 1: --wait, plain numbers; a monitor every 10 ms (a unit slip); a typo in the address; created
    # disabled; a monitor added beside the one pcs already made from the agent's defaults
    right("resources.vip_monitored", _NOSTONITH + _VIPC + " op monitor interval=10s --wait=30"),
    right("resources.vip_monitored", _NOSTONITH + _VIPC + " op monitor interval=10 timeout=20"),
    right("resources.vip_monitored", _NOSTONITH + _VIPC + " op monitor interval=1s"),
    right("resources.vip_monitored", _NOSTONITH + _VIPC + "\npcs resource update vip op monitor interval=10s"),
    wrong("resources.vip_monitored", _NOSTONITH + _VIPC + " op monitor interval=10ms", "ms are milliseconds"),
    wrong("resources.vip_monitored", _NOSTONITH + _VIPC.replace("10.200.0.100", "10.200.0.10")
          + " op monitor interval=10s", "not what the exercise asks for"),
    wrong("resources.vip_monitored", _NOSTONITH + _VIPC + " op monitor interval=10s --disabled", "not running"),
    wrong("resources.vip_monitored", _NOSTONITH + _VIPC + "\npcs resource op add vip monitor interval=10s",
          "already specified"),
    # 05 Ex 2: --wait; the group made afterwards (either order: Ex 2 asks for one node, not an order); sets;
    # a finite colocation; a typo in the group's name
    right("resources.web_service", _NOSTONITH + _VIPC + " --group websvc --wait\n" + _WEBC + " --group websvc --wait"),
    right("resources.web_service", _NOSTONITH + _VIPC + "\n" + _WEBC + "\npcs resource group add websvc vip web"),
    right("resources.web_service", _NOSTONITH + _VIPC + "\n" + _WEBC + "\npcs resource group add websvc web vip"),
    right("resources.web_service", _NOSTONITH + _VIPC + "\n" + _WEBC + "\npcs constraint colocation set vip web\n"
          "pcs constraint order set vip web"),
    wrong("resources.web_service", _NOSTONITH + _VIPC + "\n" + _WEBC + "\npcs constraint colocation add web with vip 100\n"
          + _ORD, "'always' needs a score"),
    wrong("resources.web_service", _NOSTONITH + _VIPC + " --group websvc\n" + _WEBC + " --group webscv",
          "not up together"),
    # 05 Ex 3: the colocation either way round (the text says so); an order alone; another device or fstype
    right("resources.filesystem_first", _NOSTONITH + _FSC + "\n" + _WEBC + "\npcs constraint colocation add fs with web "
          "INFINITY\npcs constraint order fs then web"),
    right("resources.filesystem_first", _NOSTONITH + _FSC + "\n" + _WEBC + "\npcs constraint colocation add fs with web\n"
          "pcs constraint order start fs then start web"),
    right("resources.filesystem_first", _NOSTONITH + _FSC.replace("/srv/www", "/srv/www/") + " --group g\n" + _WEBC
          + " --group g"),
    wrong("resources.filesystem_first", _NOSTONITH + _FSC + "\n" + _WEBC + "\npcs constraint order fs then web",
          "do not run together"),
    wrong("resources.filesystem_first", _NOSTONITH + _FSC.replace("/dev/vdb1", "/dev/vdb") + " --group g\n" + _WEBC
          + " --group g", "device"),
    wrong("resources.filesystem_first", _NOSTONITH + _FSC.replace("ext4", "xfs") + " --group g\n" + _WEBC + " --group g",
          "fstype"),
    # 06 Ex 1: "always" with a finite score; node names mistyped; crm_resource --move, a named location, a rule,
    # roles spelt out; avoiding the others (nowhere left after the crash); Serialize; move before anything runs;
    # the colocation given twice
    wrong("constraints.together_in_order", _LOC + "pcs constraint colocation add web with vip 100\n" + _ORD,
          "'always' needs a score"),
    wrong("constraints.together_in_order", _LOC.replace("node2", "nod2") + _COL + _ORD, "does not appear to exist"),
    wrong("constraints.together_in_order", _LOC.replace("node2", "Node2") + _COL + _ORD, "does not appear to exist"),
    right("constraints.together_in_order", "crm_resource --move -r vip -N node2\n" + _COL + _ORD),
    right("constraints.together_in_order", "pcs constraint location add vip-on-node2 vip node2 100\n" + _COL + _ORD),
    right("constraints.together_in_order", "pcs constraint location vip rule score=100 '#uname' eq node2\n" + _COL + _ORD),
    right("constraints.together_in_order", _LOC + "pcs constraint colocation add started web with started vip "
          "INFINITY\n" + _ORD),
    wrong("constraints.together_in_order", "pcs constraint location vip avoids node1=100 node3=100\n" + _COL + _ORD,
          "not running together on another node"),
    wrong("constraints.together_in_order", _LOC + _COL + "pcs constraint order vip then web kind=Serialize\n",
          "kind=Serialize"),
    wrong("constraints.together_in_order", "pcs resource move vip node2\n" + _COL + _ORD, "not running at the moment"),
    wrong("constraints.together_in_order", _LOC + _COL + _ORD + _COL, "duplicate constraint"),
    # 06 Ex 2: ties keep the group put (the text says so); meta on a group through update (pcs refuses); a name
    # with underscores; a unit on a score; a preference made absolute
    right("constraints.stays_put", "pcs resource meta vip resource-stickiness=60\npcs resource meta web "
          "resource-stickiness=60"),
    right("constraints.stays_put", "pcs resource meta webgroup resource-stickiness=50"),
    right("constraints.stays_put", "pcs resource meta vip resource-stickiness=100"),
    right("constraints.stays_put", "crm_resource --resource webgroup --meta --set-parameter resource-stickiness "
          "--parameter-value 100"),
    wrong("constraints.stays_put", "pcs resource meta webgroup resource-stickiness=40", "back to it"),
    wrong("constraints.stays_put", "pcs resource update webgroup meta resource-stickiness=200", "Unable to find resource"),
    wrong("constraints.stays_put", "pcs resource defaults update resource_stickiness=100", "with dashes"),
    wrong("constraints.stays_put", "pcs resource defaults update resource-stickiness=100ms", "back to it"),
    wrong("constraints.stays_put", "pcs resource defaults update stickiness=100", "back to it"),
    wrong("constraints.stays_put", "pcs resource meta webgroup resource-stickiness=100\npcs constraint location "
          "webgroup prefers node2=INFINITY", "back to it"),
    right("constraints.read_scores", "110 "),
    wrong("constraints.read_scores", 130, "not the score crm_simulate shows"),
    # 07: crm_resource and --wait; underscores; a threshold on vip or for every resource at 3; 2m is minutes to
    # crm_get_msec; a failure-timeout in ms written without the unit; recheck switched off (the scheduler's own
    # recheck time still expires the failure)
    right("failover.migration_policy", "crm_resource --resource web --meta --set-parameter migration-threshold "
          "--parameter-value 2"),
    right("failover.migration_policy", "pcs resource meta web migration-threshold=2 --wait"),
    wrong("failover.migration_policy", "pcs resource meta web migration_threshold=2", "not one Pacemaker reads"),
    wrong("failover.migration_policy", "pcs resource defaults update migration-threshold=3", "should have moved"),
    right("failover.forgiven_failures", "pcs resource meta web migration-threshold=3\npcs resource meta web "
          "failure-timeout=2min"),
    right("failover.forgiven_failures", "pcs resource meta web migration-threshold=3 failure-timeout=2m"),
    right("failover.forgiven_failures", "pcs resource meta web migration-threshold=3 failure-timeout=2min\n"
          "pcs property set cluster-recheck-interval=0"),
    wrong("failover.forgiven_failures", "pcs resource meta web migration-threshold=3 failure-timeout=120000",
          "still away"),
    wrong("failover.fast_recovery", {"token_ms": "1000ms", "monitor_seconds": "4s"}, "should be a number"),
    wrong("failover.fast_recovery", {"token": 1000, "monitor": 4}, "exactly the keys"),
    # 08: host lists with commas, host maps, --wait; a node that does not exist; a disabled device; fencing off;
    # the race: a fixed delay for the wrong node, a random one (by luck), one shared device with a per-node map
    right("fencing.fence_device", 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1,node2,node3"'),
    right("fencing.fence_device", 'pcs stonith create fence-xvm fence_xvm '
          'pcmk_host_map="node1:node1;node2:node2;node3:node3"'),
    right("fencing.fence_device", _XVM3.strip() + " --wait=60"),
    wrong("fencing.fence_device", 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node4"',
          "no fence device can fence node3"),
    wrong("fencing.fence_device", _XVM3.strip() + " --disabled", "may run on no other node"),
    wrong("fencing.fence_device", _XVM3 + "pcs property set stonith-enabled=false", "nobody fenced it"),
    wrong("fencing.fence_race", _RACE.replace("pcmk_host_list=node1", "pcmk_host_list=node1 pcmk_delay_base=5s"),
          "lost the race"),
    wrong("fencing.fence_race", _RACE + " pcmk_delay_max=5s", "node2"),  # lost on a tied draw, or won by the draws
    wrong("fencing.fence_race", 'pcs stonith create fence-both fence_xvm pcmk_host_list="node1 node2" pcmk_delay_max=5s',
          "node2"),  # lost on some seed, or won by the draws
    wrong("fencing.fence_race", _RACE.replace("pcmk_host_list=node1", "pcmk_host_list=node1 pcmk_delay_max=6s")
          + " pcmk_delay_base=5s pcmk_delay_max=10s", "both nodes were shot"),
    right("fencing.fence_race", _RACE + " pcmk_delay_base=5s pcmk_delay_max=8s"),
    right("fencing.fence_race", _RACE.replace("pcmk_host_list=node1", "pcmk_host_list=node1 pcmk_delay_max=2s")
          + " pcmk_delay_base=5s"),
    right("fencing.fence_race", 'pcs stonith create fence-both fence_xvm pcmk_host_list="node1 node2" '
          'pcmk_delay_base="node1:0s;node2:5s"'),
    right("topology.fence_tested", _XVM3 + "stonith_admin -B node3"),
    wrong("topology.fence_tested", _XVM3 + "stonith_admin -B Node3", "No such device"),
    wrong("topology.fence_tested", _XVM3 + "pcs stonith fence node3 --off\npcs cluster start node3", "stays off"),
    wrong("topology.fence_tested", _XVM3, "never fenced"),
    # 09: crm_resource --clear, --wait; clearing a member; moving instead of clearing; cleanup; a finite
    # colocation; quorum switched off; the local node started alone; a new preference with a typo; the old one
    # deleted without a new one; a move instead of a preference
    right("troubleshooting.repaired", {"C": ["crm_resource --clear -r webgroup"]}, puzzle_letter="C"),
    right("troubleshooting.repaired", {"C": ["pcs resource clear webgroup --wait"]}, puzzle_letter="C"),
    wrong("troubleshooting.repaired", {"C": ["pcs resource clear web"]}, "not where the puzzle says", puzzle_letter="C"),
    wrong("troubleshooting.repaired", {"C": ["pcs resource move webgroup node1"]}, "cannot move", puzzle_letter="C"),
    wrong("troubleshooting.repaired", {"C": ["pcs resource cleanup webgroup"]}, "not where the puzzle says",
          puzzle_letter="C"),
    wrong("troubleshooting.repaired", {"B": ["pcs constraint colocation add web with vip 1000"]},
          "'always' needs a score", puzzle_letter="B"),
    right("troubleshooting.repaired", {"B": ["pcs constraint colocation set vip web"]}, puzzle_letter="B"),
    wrong("troubleshooting.repaired", {"D": ["pcs cluster start node2 node3", "pcs property set no-quorum-policy=ignore"]},
          "two copies of the address", puzzle_letter="D"),
    right("troubleshooting.repaired", {"D": ["pcs cluster start --all --wait"]}, puzzle_letter="D"),
    wrong("troubleshooting.repaired", {"D": ["pcs cluster start"]}, "is not online", puzzle_letter="D"),
    wrong("troubleshooting.repaired", {"A": ["pcs constraint delete location-webgroup-node2.lab.example-100",
                                             "pcs constraint location webgroup prefers Node2=100"]},
          "does not appear to exist", puzzle_letter="A"),
    wrong("troubleshooting.repaired", {"A": ["pcs constraint delete location-webgroup-node2.lab.example-100"]},
          "not where the puzzle says", puzzle_letter="A"),
    wrong("troubleshooting.repaired", {"A": ["pcs constraint delete location-webgroup-node2.lab.example-100",
                                             "pcs resource move webgroup node2"]}, "did not last", puzzle_letter="A"),
    right("troubleshooting.first_cause", {"resource": "fs", "node": "Node1", "operation": "monitor"}),
    right("troubleshooting.first_cause", {"resource": "fs", "node": "node1", "operation": "monitor_20000"}),
    # 10: members grouped at creation; stickiness on the group; a preference too strong; underscores; fencing off;
    # one device per node with priority-fencing-delay; no stickiness in the pair (nothing pulls it back); a random
    # delay instead of priority; quorum ignored; wait_for_all changed on a running cluster
    right("capstone.web_service", _XVM3 + _CAP_GROUPED + _STICKY),
    right("capstone.web_service", _XVM3 + _CAP_RES + _GROUP + "pcs resource meta webgroup resource-stickiness=100\n"),
    right("capstone.web_service", _XVM3 + _CAP_RES + _GROUP + _STICKY + "pcs constraint location webgroup prefers "
          "node1=50\n"),
    wrong("capstone.web_service", _XVM3 + _CAP_RES + _GROUP + _STICKY + "pcs constraint location webgroup prefers "
          "node1=INFINITY\n", "though node3 was healthy"),
    wrong("capstone.web_service", _XVM3 + _CAP_RES + _GROUP + "pcs resource defaults update resource_stickiness=100\n",
          "with dashes"),
    wrong("capstone.web_service", _XVM3 + _CAP_RES + _GROUP + "pcs resource defaults update resource-stickiness=100ms\n",
          "though node2 was healthy"),
    wrong("capstone.web_service", _XVM3 + _CAP_RES + _GROUP + _STICKY + "pcs property set stonith-enabled=false\n",
          "never fenced"),
    right("capstone.two_node_service", _RACE + "\n" + _CAP_RES + _GROUP + "pcs resource meta webgroup priority=10\n"
          "pcs property set priority-fencing-delay=10s\n" + _STICKY),
    right("capstone.two_node_service", _PAIR_DELAY),
    wrong("capstone.two_node_service", _XVM2.replace('"\n', '" pcmk_delay_max=10s\n') + _CAP_RES + _GROUP + _STICKY,
          "both nodes were shot"),
    wrong("capstone.two_node_service", _PAIR_DELAY + _STICKY + "pcs property set no-quorum-policy=ignore\n",
          "a fence loop"),
    wrong("capstone.two_node_service", _PAIR_DELAY + _STICKY + "pcs quorum update wait_for_all=1\n",
          "corosync is running"),
    # 11: the stop's timeout through op add (pcs refuses a second stop, even with --force); recoveries that
    # never fence; the start's timeout; minutes; a resource this lab does not have
    right("operations.hung_stop", "pcs resource update web op stop timeout=20s\npcs resource update web op monitor "
          "interval=10s timeout=20s"),
    wrong("operations.hung_stop", "pcs resource op add web stop timeout=20s interval=0s --force", "already specified"),
    wrong("operations.hung_stop", "pcs resource update web op stop timeout=20s on-fail=restart", "never fenced"),
    wrong("operations.hung_stop", "pcs resource update web op stop timeout=20s on-fail=ignore", "never fenced"),
    wrong("operations.hung_stop", "pcs resource update web op start timeout=20s", "74.2 s after it died"),
    wrong("operations.hung_stop", "pcs resource update web op stop timeout=20min", "never fenced"),
    wrong("operations.hung_stop", "pcs resource update vip op stop timeout=20s", "Unable to find resource: vip"),
    wrong("operations.default_recovery", 71900, "milliseconds?"),
    # 12: --wait, the clone made afterwards; the attribute misspelt; an unreachable target; a rule on the ping
    # clone; a forbidding rule beside the preference; Sunday-based weekdays; one hour too many; recheck
    # left at its default, or every 5 s
    right("connectivity.pingd_value", "1000"),
    right("connectivity.uplink_rule", _PING.replace(" clone", " clone --wait") + _UPLINK),
    right("connectivity.uplink_rule", _PING.replace(" clone", "\npcs resource clone ping") + _UPLINK),
    wrong("connectivity.uplink_rule", _PING + "pcs constraint location web rule score-attribute=ping defined ping",
          "lost its uplink"),
    wrong("connectivity.uplink_rule", _PING.replace("host_list=10.200.0.1", "host_list=10.200.0.254") + _UPLINK,
          "lost its uplink"),
    wrong("connectivity.uplink_rule", _PING + "pcs constraint location ping-clone rule score-attribute=pingd defined "
          "pingd", "lost its uplink"),
    wrong("connectivity.uplink_rule", _PING + "pcs constraint location web rule score=-INFINITY pingd lt 1 or "
          "not_defined pingd\n" + _UPLINK, "took the whole service"),
    right("connectivity.office_hours", ["pcs property set cluster-recheck-interval=300s", _OFFICE]),
    wrong("connectivity.office_hours", ["pcs property set cluster-recheck-interval=5min",
                                        _OFFICE.replace("weekdays=1-5", "weekdays=0-4")], "date-spec"),
    wrong("connectivity.office_hours", ["pcs property set cluster-recheck-interval=5min",
                                        _OFFICE.replace("hours=8-17", "hours=8-18")], "on Monday 18:05"),
    wrong("connectivity.office_hours", [_OFFICE], "cluster-recheck-interval 900 s"),
    wrong("connectivity.office_hours", ["pcs property set cluster-recheck-interval=5", _OFFICE], "times a week"),
)
