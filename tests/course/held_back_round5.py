"""Held-back answers, fifth round (issue 15): a fresh adversarial pass over every graded exercise.

Three students: (a) a beginner who half-read the text (a percentage for a fraction, a finite score for
"always", a move where a preference is asked, a rule that forbids every node), (b) an experienced admin who
answers in another correct way (pcs spellings with `--group`, `meta` before `op`, roles on the colocation's
target, `crm_attribute`/`crm_resource`/`cibadmin` instead of pcs, durations as `30`, `30s`, `30sec`,
`PT30S`, `pcmk_host_map`, `resource op defaults`), and (c) a student gaming the grader (the right type with
wrong content, an answer that passes the demo story but not the danger the text names). Durations with a
decimal point (`0.5min`, `1.5min`) are read by Pacemaker's crm_get_msec as their whole part (0 and 1
minutes), as the real cluster does, so they are wrong answers with that explanation.
"""

from __future__ import annotations

from collections import OrderedDict, defaultdict
from typing import Any

from cells import right, wrong

_NOSTONITH = "pcs property set stonith-enabled=false\n"
_VIPC = "pcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=24"
_WEBC = "pcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf"
_FSC = "pcs resource create fs ocf:heartbeat:Filesystem device=/dev/vdb1 directory=/srv/www fstype=ext4"
_LOC = "pcs constraint location vip prefers node2=100\n"
_COL = "pcs constraint colocation add web with vip INFINITY\n"
_ORD = "pcs constraint order vip then web\n"
_XVM3 = 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"\n'
_XVM2 = 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2"\n'
_CAP_RES = ("pcs resource create fs ocf:heartbeat:Filesystem device=/dev/sdb1 directory=/var/www/html fstype=ext4\n"
            "pcs resource create vip ocf:heartbeat:IPaddr2 ip=192.168.122.200 cidr_netmask=24\n"
            "pcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf "
            "statusurl=http://localhost/server-status\n")
_CAP_GROUPED = _CAP_RES.replace("\n", " --group webgroup\n")
_STICKY = "pcs resource defaults update resource-stickiness=100\n"
_PING = "pcs resource create ping ocf:pacemaker:ping host_list=10.200.0.1 multiplier=1000 dampen=5s op monitor interval=10s clone\n"
_IPMI = "".join(f"pcs stonith create ipmi-node{i} fence_ipmilan ip=10.0.0.5{i} username=admin password=secret lanplus=1 "
                f"pcmk_host_list=node{i}\n" for i in (1, 2, 3))

FIFTH_ROUND = (
    # 00: a duration spelled as Pacemaker would; a count of nodes that is not the lab's
    right("getting_started.lab_formed", {"nodes": 5, "seed": 11, "advanced": "30s"}),
    wrong("getting_started.lab_formed", {"nodes": 5, "seed": 0, "advanced": "0s"}, "not (yet) in a quorate membership"),
    # 01: a percentage where the text asks for a fraction; a European decimal comma; the right number as text
    wrong("availability.stack_availability", 99.390549, "percentage"),
    wrong("availability.stack_availability", "0,99390549", "should be a number"),
    right("availability.stack_availability", " 0.9939055 "),
    wrong("availability.downtime_minutes", 8.76, "hours"),  # the yearly downtime in hours
    right("availability.single_points_of_failure", {"lb", "db", "db "}),  # the same name twice once stripped
    # 02: token_coefficient 0 with a consensus exactly 1.2 x the token is still right; a string with a unit is not
    right("corosync.fast_detection", {"token": 1000, "token_coefficient": 0, "consensus": 1200}),
    wrong("corosync.fast_detection", {"token": 1000, "token_coefficient": "0ms"}, "corosync refuses"),
    # 03: quorum options as corosync.conf spells booleans is right; 'on' is not a corosync value
    right("quorum.two_node_design", {"two_node": 1, "wait_for_all": 1, "expected_votes": 2}),
    wrong("quorum.two_node_design", {"two_node": "on"}, "corosync refuses"),
    wrong("quorum.down_to_one_design", {"last_man_standing": 1, "wait_for_all": 1, "auto_tie_breaker": 0}, "node1 is not quorate"),
    # 05: meta before op, op start/stop timeouts beside the monitor, a clone where one address is asked,
    # maintenance mode that stops every recovery, an interval Pacemaker reads as 0
    right("resources.vip_monitored", _NOSTONITH + _VIPC + " meta resource-stickiness=100 op monitor interval=10s"),
    right("resources.vip_monitored", _NOSTONITH + _VIPC + " op start timeout=20s op monitor interval=10s timeout=20s "
          "op stop timeout=20s"),
    right("resources.vip_monitored", _NOSTONITH + _VIPC + " op monitor interval=10sec timeout=20sec"),
    wrong("resources.vip_monitored", _NOSTONITH + _VIPC + " op monitor interval=10s\npcs resource clone vip", "vip on node1, node2, node3"),
    wrong("resources.vip_monitored", _NOSTONITH + _VIPC + " op monitor interval=10s\n"
          "pcs property set maintenance-mode=true", "not running"),
    wrong("resources.vip_monitored", _NOSTONITH + _VIPC + " op monitor interval=10s\npcs node standby --all", "vip on no node"),
    right("resources.web_service", _NOSTONITH + _VIPC + " op monitor interval=10s\n" + _WEBC
          + " op monitor interval=20s\n" + _COL + _ORD),
    right("resources.web_service", _NOSTONITH + _VIPC + " --group websvc\n" + _WEBC + " --group websvc\n" + _STICKY),
    wrong("resources.web_service", _NOSTONITH + _VIPC + "\n" + _WEBC + " clone\n", "not up together"),
    wrong("resources.web_service", _NOSTONITH + _VIPC + "\n" + _WEBC + "\npcs constraint colocation add web with vip 100\n",
          "ran away from vip"),
    right("resources.filesystem_first", _NOSTONITH + _FSC + "\n" + _WEBC + "\npcs constraint colocation add web with fs\n"
          "pcs constraint order start fs then start web\n"),
    wrong("resources.filesystem_first", _NOSTONITH + _FSC + "\n" + _WEBC + "\npcs constraint colocation add web with fs\n"
          "pcs constraint order fs then web kind=Serialize\n", "kind=Serialize"),
    # 06: role on the colocation's target only; a lasting INFINITY preference through crm_resource is right; a
    # one-off pcs resource move is not a preference; a group built after its constraints
    right("constraints.together_in_order", _LOC + "pcs constraint colocation add web with Started vip INFINITY\n" + _ORD),
    right("constraints.together_in_order", "pcs constraint location add loc-vip vip node2 100\n"
          "cibadmin --create -o constraints --xml-text '<rsc_colocation id=\"col\" rsc=\"web\" with-rsc=\"vip\" "
          "score=\"INFINITY\"/>'\n" + _ORD),
    wrong("constraints.together_in_order", _LOC + "pcs constraint colocation add web with vip INFINITY\n"
          "pcs constraint order vip then web kind=Serialize\n", "kind=Serialize"),
    wrong("constraints.together_in_order", "pcs resource move vip node2\n" + _COL + _ORD, "not running at the moment"),
    wrong("constraints.together_in_order", _LOC + "pcs constraint colocation add web with vip 1000000 --force\n"
          "pcs constraint colocation delete web vip\n" + _ORD, "do not run together"),
    right("constraints.stays_put", "pcs resource update webgroup meta resource-stickiness=100\n"
          .replace("update webgroup meta", "meta webgroup")),
    right("constraints.stays_put", "pcs resource defaults update resource-stickiness=100 migration-threshold=3"),
    wrong("constraints.stays_put", "pcs resource meta webgroup resource-stickiness=1", "back to it"),
    wrong("constraints.stays_put", "pcs resource defaults update resource-stickiness=100\npcs resource meta webgroup "
          "resource-stickiness=0", "back to it"),
    right("constraints.read_scores", " 110 "),  # the number as crm_simulate prints it, copied with its spaces
    # 07: meta and op in one update; decimal durations; crm_resource for meta
    right("failover.migration_policy", "pcs resource update web op monitor interval=20s meta migration-threshold=2"),
    right("failover.migration_policy", "pcs resource meta web migration-threshold=2 failure-timeout=10min"),
    right("failover.forgiven_failures", "crm_resource --resource web --meta --set-parameter migration-threshold "
          "--parameter-value 3\ncrm_resource --resource web --meta --set-parameter failure-timeout --parameter-value 2min"),
    right("failover.forgiven_failures", "pcs resource meta web migration-threshold=3 failure-timeout=2.0min"),
    wrong("failover.forgiven_failures", "pcs resource meta web migration-threshold=3 failure-timeout=1.5min", "reads failure-timeout=1.5min as 60 s"),
    wrong("failover.forgiven_failures", "pcs resource meta web migration-threshold=3 failure-timeout=0.5min", "reads failure-timeout=0.5min as 0 s"),
    right("failover.fast_recovery", {"token_ms": "1000", "monitor_seconds": "3"}),
    # 08: a per-node map, a device per node with maps, fence_xvm with its own port names; a board for the wrong node
    right("fencing.fence_device", 'pcs stonith create fence-xvm fence_xvm pcmk_host_map="node1:vm-node1;node2:vm-node2;'
          'node3:vm-node3" pcmk_host_check=static-list'),
    right("fencing.fence_device", _IPMI.replace("pcmk_host_list=node", "pcmk_host_map=node").replace(
        "pcmk_host_map=node1", "pcmk_host_map=node1:1").replace("pcmk_host_map=node2", "pcmk_host_map=node2:1")
          .replace("pcmk_host_map=node3", "pcmk_host_map=node3:1")),
    wrong("fencing.fence_device", _IPMI.replace("pcmk_host_list=node3", "pcmk_host_list=node2"), "can fence node3"),
    wrong("fencing.fence_device", _XVM3 + "crm_attribute --type crm_config --name stonith-enabled --update 0", "nobody fenced it"),
    right("fencing.fence_race", 'pcs stonith create fence-xvm fence_xvm pcmk_host_map="node1:node1;node2:node2" '
          'pcmk_delay_base="node1:0;node2:5s"'),
    right("fencing.fence_race", _XVM2 + "pcs resource meta fs priority=10\n"
          "crm_attribute --type crm_config --name priority-fencing-delay --update 10s"),
    wrong("fencing.fence_race", _XVM2 + "pcs resource meta fs priority=10\n"
          "pcs property set priority-fencing-delay=0.5min", "not a valid priority-fencing-delay"),
    wrong("fencing.fence_race", 'pcs stonith create fence-node1 fence_xvm pcmk_host_list=node1 pcmk_delay_base=0s\n'
          'pcs stonith create fence-node2 fence_xvm pcmk_host_list=node2 pcmk_delay_base=0.5s', "reads pcmk_delay_base=0.5s as 0 s"),
    wrong("topology.fence_tested", _XVM3 + "pcs stonith confirm node3 --force", "unable to confirm"),
    right("topology.fence_topology", _IPMI + _XVM3 + "".join(f"pcs stonith level add 1 node{i} ipmi-node{i}\n"
                                                             for i in (1, 2, 3))
          + "".join(f"pcs stonith level add 2 node{i} fence-xvm\n" for i in (1, 2, 3))),
    wrong("topology.fence_topology", _IPMI + _XVM3 + "".join(f"pcs stonith level add 2 node{i} ipmi-node{i}\n"
                                                             f"pcs stonith level add 1 node{i} fence-xvm\n"
                                                             for i in (1, 2, 3)), "not node1's own board"),
    # 09: a repair through crm_resource; the reversed colocation; the wrong puzzle's key
    right("troubleshooting.repaired", {"C": ["crm_resource --clear --resource webgroup --node node2"]},
          puzzle_letter="C"),
    right("troubleshooting.repaired", {"A": ["pcs constraint delete location-webgroup-node2.lab.example-100",
                                             "pcs constraint location webgroup rule score=100 '#uname' eq node2"]},
          puzzle_letter="A"),
    # pcs replaces every location constraint of webgroup on node2 (the cli-ban included), as real pcs 0.11.5 does
    right("troubleshooting.repaired", {"C": ["pcs constraint location webgroup prefers node2=INFINITY"]},
          puzzle_letter="C"),
    wrong("troubleshooting.repaired", {"D": ["pcs cluster start --all", "pcs resource disable webgroup"]},
          "not running together", puzzle_letter="D"),
    wrong("troubleshooting.diagnoses", {"A": "wrong-hostname", "B": "missing-colocation", "C": "leftover-ban",
                                        "D": "lost-quorum", "E": "no-fencing", "a": "no-fencing"}, "not every diagnosis"),
    right("troubleshooting.first_cause", {"resource": "FS", "node": "Node1", "operation": "fs_monitor_20000"}),
    # 10: a group made at create time with --group; a two-node pair whose priority sits on the group's first member
    right("capstone.web_service", _XVM3 + _CAP_GROUPED + _STICKY),
    right("capstone.web_service", _XVM3 + _CAP_GROUPED + "crm_attribute --type rsc_defaults --name resource-stickiness "
          "--update 100\n"),
    wrong("capstone.web_service", _XVM3 + _CAP_GROUPED, "though node2 was healthy"),  # no stickiness: needless moves back
    wrong("capstone.web_service", _XVM3 + _CAP_GROUPED + _STICKY + "pcs property set no-quorum-policy=ignore\n", "no-quorum-policy=ignore"),
    right("capstone.two_node_service", _XVM2 + _CAP_GROUPED + "pcs resource meta webgroup priority=10\n"
          "crm_attribute --type crm_config --name priority-fencing-delay --update 10s\n" + _STICKY),
    # without stickiness and without a preference a running group stays where it is (equal scores keep it)
    right("capstone.two_node_service", _XVM2 + _CAP_GROUPED + "pcs resource meta webgroup priority=10\n"
          "pcs property set priority-fencing-delay=10s\n"),
    # 11: durations in other spellings; a stop timeout Pacemaker reads as 0
    right("operations.hung_stop", "pcs resource update web op stop timeout=PT20S"),
    right("operations.hung_stop", "pcs resource op defaults update timeout=20s\npcs resource update web op stop "
          "timeout=20sec"),
    wrong("operations.hung_stop", "pcs resource update web op stop timeout=0.5min", "reads timeout=0.5min as 0 s"),
    # 12: a ping clone made with pcs resource clone after create, meta on the clone; the classic -INFINITY rule
    right("connectivity.uplink_rule", "pcs resource create ping ocf:pacemaker:ping host_list=10.200.0.1 "
          "multiplier=1000 dampen=5s op monitor interval=10s\npcs resource clone ping meta interleave=true\n"
          "pcs constraint location web rule score-attribute=pingd defined pingd"),
    wrong("connectivity.uplink_rule", _PING + "pcs constraint location web rule score=-INFINITY not_defined pingd or "
          "pingd lt 1000", "took the whole service"),
    wrong("connectivity.uplink_rule", _PING + "pcs constraint location web prefers node2=1000", "lost its uplink"),
    right("connectivity.pingd_value", " 1000\n"),
    right("connectivity.office_hours", ["crm_attribute --type crm_config --name cluster-recheck-interval --update 5min",
                                        "pcs constraint location web rule score=100 date-spec hours=8-17 weekdays=1-5 "
                                        "and '#uname' eq node2"]),
    wrong("connectivity.office_hours", ["pcs property set cluster-recheck-interval=5min",
                                        "pcs constraint location web rule score=100 date-spec hours=8-18 weekdays=1-5 "
                                        "and '#uname' eq node2"], "on Monday 18:05"),
)

# the second batch: dangers the texts name, tried with answers that pass the demo story
_IPMI_NO_LIST = "".join(f"pcs stonith create ipmi-node{i} fence_ipmilan ip=10.0.0.5{i} username=admin password=secret "
                        "lanplus=1\n" for i in (1, 2, 3))
_OFFICE_RULE = "pcs constraint location web rule score=100 date-spec hours=8-17 weekdays=1-5 and '#uname' eq node2"

FIFTH_ROUND_DANGERS = (
    # 08: three boards without a host list: each claims every node (fence_ipmilan's status answers for any port),
    # so the board of node2 may be the one asked to fence node1
    wrong("fencing.fence_device", _IPMI_NO_LIST, "reset the wrong machine"),
    wrong("topology.fence_tested", _IPMI_NO_LIST + "pcs stonith fence node3", "reset the wrong machine"),
    # 12: an OR where the text needs AND; a typed string comparison is the same rule; 4 minutes is within 5
    wrong("connectivity.office_hours", ["pcs property set cluster-recheck-interval=5min",
                                        _OFFICE_RULE.replace(" and '#uname'", " or '#uname'")], "on Monday 09:10 web ran on node1"),
    right("connectivity.office_hours", ["pcs property set cluster-recheck-interval=4min",
                                        _OFFICE_RULE.replace("'#uname' eq node2", "'#uname' eq string node2")]),
    wrong("connectivity.office_hours", ["pcs property set cluster-recheck-interval=5min",
                                        _OFFICE_RULE.replace("weekdays=1-5", "weekdays=mon-fri")], "invalid weekdays"),
    # 06: a preference and a colocation that only hold while vip runs on node2 (a rule on #uname for web)
    wrong("constraints.together_in_order", _LOC + "pcs constraint location web rule score=INFINITY '#uname' eq node2\n"
          + _ORD, "not running together on another node"),
    # 05: the address pinned to one node: it survives its monitor's failures but not the crash of that node
    wrong("resources.web_service", _NOSTONITH + _VIPC + " --group websvc\n" + _WEBC + " --group websvc\n"
          "pcs constraint location websvc prefers node1=INFINITY\npcs constraint location websvc avoids node2 node3\n",
          "was down for"),
    # 07: migration-threshold on the group moves the whole group; on vip only it does not move web
    wrong("failover.migration_policy", "pcs resource meta vip migration-threshold=2\n"
          "pcs resource meta vip failure-timeout=10min", "it should have moved"),
    # 11: the stop on-fail=fence spelled with a role; the timeout on the wrong operation
    wrong("operations.hung_stop", "pcs resource update web op start timeout=20s", "74.2 s after it died"),
    wrong("operations.hung_stop", "pcs resource update web op monitor interval=10s timeout=20s", "74.2 s after it died"),
    # 03: wait_for_all given as a boolean word corosync does not read
    wrong("quorum.down_to_one_design", {"last_man_standing": 1, "wait_for_all": "yes", "auto_tie_breaker": 1}, "corosync refuses"),
    # 09: the repair of D that starts the nodes and then hides the next loss of quorum
    wrong("troubleshooting.repaired", {"D": ["pcs cluster start --all", "pcs property set no-quorum-policy=ignore"]},
          "two copies of the address", puzzle_letter="D"),
    # a preference of its own beside the colocation is harmless: the pair stays together and survives the crash
    right("troubleshooting.repaired", {"B": ["pcs constraint colocation add web with vip INFINITY",
                                             "pcs constraint location web prefers node3=INFINITY"]},
          puzzle_letter="B"),
    # 10: the two-node pair with a random delay and priority together (the random part can still lose)
    right("capstone.two_node_service", _XVM2.strip() + " pcmk_delay_max=0\n" + _CAP_GROUPED
          + "pcs resource meta webgroup priority=10\npcs property set priority-fencing-delay=10s\n" + _STICKY),
    wrong("capstone.two_node_service", _XVM2 + _CAP_GROUPED + "pcs resource meta webgroup priority=10\n"
          "pcs property set priority-fencing-delay=10s\npcs constraint location webgroup prefers node1=100\n", "moved from node2 back to node1"),
)

_LEVELS_BY_REGEXP = (_IPMI + _XVM3 + "".join(f"pcs stonith level add 1 node{i} ipmi-node{i}\n" for i in (1, 2, 3))
                     + "pcs stonith level add 2 regexp%node[1-3] fence-xvm\n")
_CAP_SERVICE = _XVM3 + _CAP_RES + "pcs resource group add webgroup fs vip web\n"

FIFTH_ROUND_SPELLINGS = (
    # an experienced admin's other spellings, each right
    right("constraints.together_in_order", "pcs constraint location vip prefers node2=+INFINITY\n" + _COL + _ORD),
    right("constraints.stays_put", "crm_resource --resource webgroup --meta --set-parameter resource-stickiness "
          "--parameter-value 100"),
    right("failover.migration_policy", "crm_attribute --type rsc_defaults --name migration-threshold --update 2"),
    right("operations.hung_stop", "pcs resource update web op stop timeout=20s op monitor interval=10s timeout=20s "
          "on-fail=restart"),
    # fenced keeps one topology per node: a name's levels shadow a pattern's (find_topology_for_host)
    wrong("topology.fence_topology", _LEVELS_BY_REGEXP, "fenced keeps one topology per node"),
    # two patterns are two topologies too: node1 gets those of the first that matches it
    wrong("topology.fence_topology", _IPMI + _XVM3 + "".join(f"pcs stonith level add 1 regexp%^node{i}$ ipmi-node{i}\n"
                                                             for i in (1, 2, 3))
          + "pcs stonith level add 2 regexp%node[1-3] fence-xvm\n", "fenced keeps one topology per node"),
    # one pattern per node holding both of its levels: right
    right("topology.fence_topology", _IPMI + _XVM3 + "".join(f"pcs stonith level add 1 regexp%^node{i}$ ipmi-node{i}\n"
                                                             f"pcs stonith level add 2 regexp%^node{i}$ fence-xvm\n"
                                                             for i in (1, 2, 3))),
    right("capstone.web_service", _CAP_SERVICE + "pcs resource meta webgroup resource-stickiness=100\n"),
    right("quorum.arbiter_design", {"device": {"model": "net", "votes": 1, "net": {"host": "qnetd",
                                                                                   "algorithm": "ffsplit"}},
                                    "wait_for_all": 1}),
    # a fence device that waits: every fencing of the campaign is 30 s late, and so is the service
    wrong("capstone.web_service", _CAP_SERVICE.replace('node3"\n', 'node3" pcmk_delay_base=30s\n') + _STICKY,
          "was down for"),
)

_IPMI_MAPPED = "".join(f'pcs stonith create ipmi-node{i} fence_ipmilan ip=10.0.0.5{i} username=admin password=secret '
                       f'lanplus=1 pcmk_host_map="node{i}:1"\n' for i in (1, 2, 3))
FIFTH_ROUND_MAPS = (
    # boards that name their node through a host map (the port is the board's own): the same topology
    right("topology.fence_topology", _IPMI_MAPPED + _XVM3 + "".join(f"pcs stonith level add 1 node{i} ipmi-node{i}\n"
                                                                    f"pcs stonith level add 2 node{i} fence-xvm\n"
                                                                    for i in (1, 2, 3))),
    right("topology.fence_tested", _IPMI_MAPPED + "pcs stonith fence node3"),
)

FIFTH_ROUND_STORIES = (
    # a clone of web skipped the colleague's ban before (pcs refuses a constraint on a cloned primitive): the
    # story now bans the clone, and a finite colocation is caught as for a plain web
    wrong("constraints.together_in_order", _LOC + "pcs constraint colocation add web with vip 1000\n" + _ORD
          + "pcs resource clone web\n", "do not run together"),
    wrong("resources.web_service", _NOSTONITH + _VIPC + "\n" + _WEBC + "\npcs constraint colocation add web with vip "
          "1000\npcs constraint order vip then web\npcs resource clone web clone-max=1\n", "ran away from vip"),
)

_CONF = ("totem {\n version: 2\n cluster_name: webcluster\n transport: knet\n token: 2000\n}\nnodelist {\n"
         + "".join(f" node {{\n  ring0_addr: 10.0.0.{i}\n  name: {name}\n  nodeid: {i}\n }}\n"
                   for i, name in ((1, "alpha"), (2, "beta"), (3, "gamma")))
         + "}\nquorum {\n provider: corosync_votequorum\n}\n")
FIFTH_ROUND_CONF = (
    # the token in the wrong section: corosync takes it as an unknown key of quorum and keeps the default token
    wrong("building.three_node_conf", _CONF.replace(" token: 2000\n", "").replace(
        " provider: corosync_votequorum\n", " provider: corosync_votequorum\n token: 2000\n"), "unknown key 'quorum.token'"),
    # pcs cluster setup's own file on these (Debian) nodes: logging, an interface block for link 0; right
    right("building.three_node_conf", _CONF.replace("quorum {", "logging {\n to_logfile: yes\n logfile: "
                                                    "/var/log/corosync/corosync.log\n to_syslog: yes\n timestamp: on\n}\n"
                                                    "quorum {").replace(" token: 2000\n", " token: 2000\n "
                                                                        "interface {\n  linknumber: 0\n }\n")),
    # RHEL's log path copied onto Debian nodes: /var/log/cluster does not exist there and corosync refuses to start
    wrong("building.three_node_conf", _CONF.replace("quorum {", "logging {\n to_logfile: yes\n logfile: "
                                                    "/var/log/cluster/corosync.log\n}\nquorum {"), "Can't open logfile"),
    # a token of 2 seconds in another unit: corosync reads milliseconds only
    wrong("building.three_node_conf", _CONF.replace("token: 2000", "token: 2s"), "expected to be integer"),
    # a node's address that is another node's
    wrong("building.three_node_conf", _CONF.replace("ring0_addr: 10.0.0.3", "ring0_addr: 10.0.0.2"), "corosync-cfgtool -s on gamma"),
    # 02: consensus alone made short, without touching the token
    wrong("corosync.fast_detection", {"token": 3000, "token_coefficient": 0, "consensus": 100}, "shorter than 1.2 x"),
    # 10: built with colocations and orders at the member level, stickiness on the defaults: right
    right("capstone.web_service_built", _XVM3 + _CAP_RES + "pcs constraint colocation add vip with fs INFINITY\n"
          "pcs constraint colocation add web with vip INFINITY\npcs constraint order fs then vip\n"
          "pcs constraint order vip then web\n" + _STICKY),
    # 10: the fence device created after the resources (order of creation does not matter): right
    right("capstone.web_service_built", _CAP_GROUPED + _XVM3),
    # 10: a filesystem agent spelled by its short name and the apache one in full: right
    right("capstone.web_service_built", _XVM3 + _CAP_GROUPED.replace("ocf:heartbeat:Filesystem", "Filesystem")),
)

FIFTH_ROUND_ROLES = (
    # a monitor copied from a promotable example: on a plain resource it never runs, so nothing notices the loss
    wrong("resources.vip_monitored", _NOSTONITH + _VIPC + " op monitor interval=10s role=Promoted", "never takes that role"),
    wrong("resources.vip_monitored", _NOSTONITH + _VIPC + " op monitor interval=10s role=Master", "never takes that role"),
    right("resources.vip_monitored", _NOSTONITH + _VIPC + " op monitor interval=10s role=Started timeout=20s"),
    wrong("operations.hung_stop", "pcs resource update web op monitor interval=10s role=Promoted op stop timeout=20s",
          "already specified"),
)


class _KindOrdered(OrderedDict):
    """A subclass of a C dict type made by a class statement: it could answer differently each time it is asked."""

    def get(self, key: Any, default: Any = None) -> Any:
        return 1


FIFTH_ROUND_TYPES = (
    # an experienced Python user's mappings: collections' C dicts hand over what they hold
    right("quorum.two_node_design", OrderedDict(two_node=1)),
    right("corosync.fast_detection", OrderedDict([("token", 1000), ("token_coefficient", 0)])),
    right("failover.fast_recovery", defaultdict(int, token_ms=1000, monitor_seconds=4)),
    wrong("corosync.fast_detection", defaultdict(int, token=1000), "needed"),  # no coefficient: the default 650
    wrong("quorum.two_node_design", _KindOrdered(two_node=1), "should be a plain dict"),
)

FIFTH_ROUND_UPLINK = (
    # both gateways pinged: the node that lost 10.200.0.1 scores lower than the others, and still moves
    right("connectivity.uplink_rule", _PING.replace("host_list=10.200.0.1", 'host_list="10.200.0.1 10.200.0.2"')
          + "pcs constraint location web rule score-attribute=pingd defined pingd"),
    # a score-attribute rule with no expression at all is refused by pcs; one on a misspelt attribute never matches
    wrong("connectivity.uplink_rule", _PING + "pcs constraint location web rule score-attribute=pingd", "no rule expression"),
    wrong("connectivity.uplink_rule", _PING + "pcs constraint location web rule score-attribute=ping_d defined ping_d",
          "lost its uplink"),
)
