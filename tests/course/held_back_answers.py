"""Answers students gave that the notebooks' own `cases` do not list: held back from the checks' authors.

Each notebook's build module lists the mistakes its text anticipates; these
are what ten different students hand in on top of that: beginners, sloppy
spellings of a right answer (pcs option order, `10s` vs `10000ms`, `inf` vs
`INFINITY`), near-misses the text calls wrong or unsafe, and fakes (answer
functions that import the grader, forge its verdict, loop, or flood). Every
one runs through the isolated path in `test_answer_cases.py`, with the same
rules: a wrong one fails and says why, a correct one passes.
"""

from __future__ import annotations

from cells import Case, right, wrong

FORMULA = "def detection_ms(nodes, token=3000, token_coefficient=650, consensus=None):\n"
FORGED_VERDICT = '''
    import json, os, signal
    verdict = {"name": "forged", "passed": True, "expected": "", "observed": "", "events": [], "hint": "", "seconds": 0}
    os.write(os.open(f"/proc/{os.getppid()}/fd/3", os.O_WRONLY), (json.dumps(verdict) + "\\n").encode())
    os.kill(os.getppid(), signal.SIGKILL)
'''

GETTING_STARTED = (
    right("getting_started.lab_formed", {"nodes": 5, "seed": 0, "advanced": "20s"}),
    right("getting_started.lab_formed", {"nodes": "5", "seed": 7, "advanced": 30.0, "backend": "sim"}),
    right("getting_started.lab_formed", {"nodes": 5.0, "seed": 42, "advanced": "1min"}),
    wrong("getting_started.lab_formed", {"nodes": 5, "seed": 3, "advanced": 0}, "not (yet) in a quorate membership"),
    wrong("getting_started.lab_formed", {"nodes": 5, "seed": 1.5, "advanced": 20}, "whole number"),
    wrong("getting_started.lab_formed", {"nodes": 5, "seed": 3, "advanced": -5}, "between 0 and 3600"),
    wrong("getting_started.lab_formed", {"nodes": 5, "seed": 3, "advanced": float("nan")}, "between 0 and 3600"),
    wrong("getting_started.lab_formed", {"nodes": 5, "seed": 3, "advanced": 10 ** 9}, "between 0 and 3600"),
    wrong("getting_started.lab_formed", {"nodes": 6, "seed": 3, "advanced": 20}, "6 node(s)"),
    wrong("getting_started.lab_formed", {"nodes": True, "seed": 3, "advanced": 20}, "1 node(s)"),
    wrong("getting_started.lab_formed", {"nodes": 5, "seed": float("inf"), "advanced": 20}, "whole number"),
    wrong("getting_started.lab_formed", ["nodes", 5, "seed", 3], "should be a dict"),
    wrong("getting_started.lab_formed", "Lab.simulated(nodes=5, seed=3)", "should be a dict"),
    right("getting_started.first_quorum_time", "3.3425"),
    right("getting_started.first_quorum_time", 3.34),
    wrong("getting_started.first_quorum_time", 3.3, "not what the exercise asks for"),
    wrong("getting_started.first_quorum_time", 15.0, "not what the exercise asks for"),
    wrong("getting_started.first_quorum_time", [3.3425], "should be a number"),
    wrong("getting_started.first_quorum_time", None, "has no value yet"),
    wrong("getting_started.first_quorum_time", "3.34 s", "should be a number"),
    wrong("getting_started.first_quorum_time", True, "not what the exercise asks for"),
)

WHY_HA = (
    right("availability.downtime_minutes", 525),
    right("availability.downtime_minutes", "525.6"),
    right("availability.downtime_minutes", (1 - 0.999) * 365 * 24 * 60),
    wrong("availability.downtime_minutes", 0.1, "you answered"),
    wrong("availability.downtime_minutes", 31536.0, "looks like hours or seconds"),  # seconds
    wrong("availability.downtime_minutes", 52560.0, "you answered"),  # a percentage taken as a fraction
    wrong("availability.downtime_minutes", 526.0 * 1.05, "you answered"),
    right("availability.series_function", "import functools, operator\ndef series(*a):\n"
          "    return functools.reduce(operator.mul, a, 1.0)\n", "series"),
    right("availability.series_function", "from math import prod\ndef series(*availabilities):\n"
          "    return prod(availabilities)\n", "series"),
    right("availability.series_function", "import numpy as np\ndef series(*a):\n    return np.prod(a)\n", "series"),
    right("availability.series_function", "def series(*a):\n    if not a:\n        return 1\n"
          "    return a[0] * series(*a[1:])\n", "series"),
    wrong("availability.series_function", "def series(a, b=1.0):\n    return a * b\n", "series(", "series"),
    wrong("availability.series_function", "def series(*a):\n    return sum(a) / len(a)\n", "series(", "series"),
    wrong("availability.series_function", "def series(*a):\n    return 100 * __import__('math').prod(a)\n", "series(",
          "series"),
    wrong("availability.series_function", "def series(*a):\n    from halab_graders.availability import _series\n"
          "    return _series(a)\n", "may not import halab_graders", "series"),
    wrong("availability.series_function", "def series(*a):\n    return [1.0] * 10 ** 9\n", "series(", "series"),
    wrong("availability.series_function", "def series(*a):\n    print('PASSED 01.series')\n    return None\n",
          "has no value yet", "series"),
    right("availability.parallel_function", "import math\ndef parallel(*a):\n    return 1 - math.prod(1 - x for x in a)\n",
          "parallel"),
    right("availability.parallel_function", "def series(*a):\n    r = 1\n    for x in a:\n        r *= x\n    return r\n"
          "def parallel(*a):\n    return 1 - series(*[1 - x for x in a])\n", "parallel"),
    wrong("availability.parallel_function", "def parallel(*a):\n    r = 1\n    for x in a:\n        r *= 1 - x\n"
          "    return r\n", "parallel(", "parallel"),
    wrong("availability.parallel_function", "def parallel(*a):\n    return min(1.0, sum(a))\n", "parallel(", "parallel"),
    wrong("availability.parallel_function", "def parallel(*a):\n    return 1 - (1 - a[0]) ** len(a)\n", "parallel(",
          "parallel"),
    right("availability.stack_availability", 0.999 * 0.9999 * 0.995),
    right("availability.stack_availability", "0.99390549"),
    wrong("availability.stack_availability", 0.99, "you answered"),
    wrong("availability.stack_availability", 99.390549, "you answered"),
    wrong("availability.stack_availability", 0.999 * 0.99 * 0.995, "you answered"),  # one web server only
    right("availability.single_points_of_failure", ("db", "lb")),
    right("availability.single_points_of_failure", frozenset({"lb", "db"})),
    right("availability.single_points_of_failure", [" lb", "db "]),
    wrong("availability.single_points_of_failure", {"db"}, "at least one other component"),
    wrong("availability.single_points_of_failure", {"lb", "db", "web1", "web2"}, "survives losing web1, web2"),
    wrong("availability.single_points_of_failure", {"load balancer", "database"}, "not a component"),
    wrong("availability.single_points_of_failure", set(), "at least one other component"),
    wrong("availability.single_points_of_failure", {"lb": 1, "db": 1}, "should be a set of names"),
)

COROSYNC = (
    right("corosync.detection_time", "8.03"),
    right("corosync.detection_time", 8.1),
    wrong("corosync.detection_time", 3.6, "you answered 3.6 s"),
    wrong("corosync.detection_time", 4.38, "you answered 4.38 s"),  # the consensus timeout alone
    wrong("corosync.detection_time", -8.03, "you answered"),
    wrong("corosync.detection_time", float("nan"), "you answered nan"),
    wrong("corosync.detection_time", [8.03], "should be a number"),
    right("corosync.detection_formula", FORMULA + "    if nodes > 2:\n        token += (nodes - 2) * token_coefficient\n"
          "    if consensus is None:\n        consensus = token * 1.2\n    return token + consensus\n", "detection_ms"),
    right("corosync.detection_formula", FORMULA + "    t = token + max(0, nodes - 2) * token_coefficient\n"
          "    return 2.2 * t if consensus is None else t + consensus\n", "detection_ms"),
    right("corosync.detection_formula", FORMULA + "    t = token + (nodes - 2) * token_coefficient\n"
          "    return t + (consensus or 1.2 * t)\n", "detection_ms"),  # 2 nodes: (2 - 2) * coefficient is 0
    right("corosync.detection_formula", "import numpy as np\n" + FORMULA
          + "    t = token + np.maximum(0, nodes - 2) * token_coefficient\n"
          "    return np.float64(2.2 * t if consensus is None else t + consensus)\n", "detection_ms"),
    wrong("corosync.detection_formula", FORMULA + "    t = token + max(0, nodes - 2) * token_coefficient\n"
          "    return (2.2 * t if consensus is None else t + consensus) / 1000\n", "your function predicts 8.03 ms",
          "detection_ms"),
    wrong("corosync.detection_formula", FORMULA + "    t = token + (nodes - 1) * token_coefficient\n"
          "    return 2.2 * t if consensus is None else t + consensus\n", "your function predicts", "detection_ms"),
    wrong("corosync.detection_formula", FORMULA + "    t = token + max(0, nodes - 2) * token_coefficient\n"
          "    return 2.2 * t\n", "your function predicts", "detection_ms"),  # ignores a consensus that is set
    wrong("corosync.detection_formula", FORMULA + "    return 8030\n", "your function predicts", "detection_ms"),
    # measuring on the simulator instead of predicting, through the course's own packages
    wrong("corosync.detection_formula", "from halab_kernel import Lab\n" + FORMULA + "    return Lab\n",
          "may not import halab_kernel", "detection_ms"),
    wrong("corosync.detection_formula", FORMULA + "    from halab_graders import labs\n    return 0\n",
          "may not import halab_graders", "detection_ms"),
    # fakes: a verdict written into the judge's own output, a flood of text, a recursion, an exit
    wrong("corosync.detection_formula", FORMULA + FORGED_VERDICT + "    return 0\n", "without a verdict of its own",
          "detection_ms"),
    wrong("corosync.detection_formula", FORMULA + "    return 'x' * 10 ** 8\n", "detection_ms(", "detection_ms"),
    wrong("corosync.detection_formula", FORMULA + "    print('PASSED 02.detection-formula\\n' * 100000)\n"
          "    raise SystemExit(0)\n", "raised SystemExit", "detection_ms"),
    wrong("corosync.detection_formula", FORMULA + "    return detection_ms(nodes, token, token_coefficient, consensus)\n",
          "RecursionError", "detection_ms"),
    right("corosync.fast_detection", {"token": "1000", "token_coefficient": "0"}),
    right("corosync.fast_detection", {"token": 1300, "token_coefficient": 0}),
    right("corosync.fast_detection", {"token": 1000, "token_coefficient": 0, "consensus": 1200}),
    right("corosync.fast_detection", {"token": 1000, "token_coefficient": 0, "consensus": None}),
    right("corosync.fast_detection", {"token": 1000, "token_coefficient": 0, "join": 50, "max_messages": 20}),
    wrong("corosync.fast_detection", {"token": 1400, "token_coefficient": 0}, "needed 3.08 s"),
    wrong("corosync.fast_detection", {"token": 999, "token_coefficient": 0}, "shorter than 1000 ms"),
    wrong("corosync.fast_detection", {"token": 1000, "consensus": 1200}, "shorter than 1.2 x the 1650 ms token"),
    wrong("corosync.fast_detection", {"token": 1000, "token_coefficient": 0, "consensus": 1000}, "shorter than 1.2 x"),
    wrong("corosync.fast_detection", {"token": 1000, "token_coefficient": 0, "consensus": 50}, "shorter than 1.2 x"),
    wrong("corosync.fast_detection", {"token": 1000, "token_coefficient": -650}, "expected to be integer"),
    wrong("corosync.fast_detection", {"token": 1000.0, "token_coefficient": 0.0}, "expected to be integer"),
    wrong("corosync.fast_detection", {"token": "1s", "token_coefficient": 0}, "should be a number"),
    wrong("corosync.fast_detection", {"token": float("nan"), "token_coefficient": 0}, "corosync refuses"),
    wrong("corosync.fast_detection", {"totem": {"token": 1000, "token_coefficient": 0}}, "needed 8.03 s"),
    wrong("corosync.fast_detection", [("token", 1000), ("token_coefficient", 0)], "should be a dict"),
    wrong("corosync.fast_detection", "token: 1000\ntoken_coefficient: 0", "should be a dict"),
)

QUORUM = (
    right("quorum.quorum_formula", "def votes_needed(expected_votes):\n    return int(expected_votes / 2) + 1\n",
          "votes_needed"),
    right("quorum.quorum_formula", "def votes_needed(n):\n    return (n + 2) // 2\n", "votes_needed"),
    right("quorum.quorum_formula", "import math\ndef votes_needed(n):\n    return math.ceil((n + 1) / 2)\n",
          "votes_needed"),
    right("quorum.quorum_formula", "def votes_needed(n):\n    return float(n // 2 + 1)\n", "votes_needed"),
    wrong("quorum.quorum_formula", "def votes_needed(n):\n    return round(n / 2 + 0.5)\n", "votes_needed(4) returned 2",
          "votes_needed"),  # banker's rounding
    wrong("quorum.quorum_formula", "def votes_needed(n):\n    return n / 2 + 1\n", "returned", "votes_needed"),
    wrong("quorum.quorum_formula", "def votes_needed(n):\n    return 1 if n == 2 else n // 2 + 1\n",
          "votes_needed(2) returned 1", "votes_needed"),
    wrong("quorum.quorum_formula", "def votes_needed(n):\n    return n // 2\n", "returned", "votes_needed"),
    right("quorum.quorate_side", ["node3", "node4", "node5"]),
    right("quorum.quorate_side", ("node5", "node4", "node3")),
    wrong("quorum.quorate_side", {"node1", "node2", "node3", "node4", "node5"}, "not the set of nodes"),
    wrong("quorum.quorate_side", set(), "no node"),
    wrong("quorum.quorate_side", {"Node3", "Node4", "Node5"}, "no such node"),
    wrong("quorum.quorate_side", "node3 node4 node5", "no such node"),
    wrong("quorum.quorate_side", {"node3", "node4"}, "not the set of nodes"),
    right("quorum.two_node_design", {"two_node": "1"}),
    right("quorum.two_node_design", {"two_node": 1, "expected_votes": 2}),
    right("quorum.two_node_design", {"provider": "corosync_votequorum", "two_node": 1}),
    wrong("quorum.two_node_design", {"expected_votes": 1}, "node2 crashed"),
    wrong("quorum.two_node_design", {"wait_for_all": 1}, "node2 crashed"),
    wrong("quorum.two_node_design", {}, "node2 crashed"),
    wrong("quorum.two_node_design", {"quorum": {"two_node": 1}}, ""),
    wrong("quorum.two_node_design", {"two_node": 1, "wait_for_all": "0"}, "booted alone"),
    wrong("quorum.two_node_design", [("two_node", 1)], "should be a dict"),
    right("quorum.down_to_one_design", {"last_man_standing": "1", "wait_for_all": "1", "auto_tie_breaker": "1"}),
    right("quorum.down_to_one_design", {"auto_tie_breaker": 1, "wait_for_all": 1, "last_man_standing": 1,
                                        "auto_tie_breaker_node": "lowest"}),
    wrong("quorum.down_to_one_design", {"last_man_standing": 1, "wait_for_all": 1, "auto_tie_breaker": 1,
                                       "auto_tie_breaker_node": "highest"}, "node1 is not quorate"),
    wrong("quorum.down_to_one_design", {"last_man_standing": 1, "wait_for_all": 1, "auto_tie_breaker": 1,
                                       "last_man_standing_window": 60000}, "node1 is not quorate"),
    wrong("quorum.down_to_one_design", {"expected_votes": 1}, ""),
    wrong("quorum.down_to_one_design", {"auto_tie_breaker": 1, "wait_for_all": 1}, "node1 is not quorate"),
    wrong("quorum.down_to_one_design", {"last_man_standing": 1}, ""),
    right("quorum.arbiter_design", {"device": {"model": "net", "votes": "1", "net": {"host": "qnetd",
                                                                                    "algorithm": "ffsplit"}}}),
    wrong("quorum.arbiter_design", {"two_node": 1, "device": {"model": "net", "net": {"host": "qnetd",
                                                                                     "algorithm": "ffsplit"}}}, ""),
    wrong("quorum.arbiter_design", {"device": {"model": "net", "votes": 1, "net": {"host": "arbiter",
                                                                                  "algorithm": "ffsplit"}}}, "the arbiter here is named qnetd"),
    wrong("quorum.arbiter_design", {"wait_for_all": 1}, ""),
    wrong("quorum.arbiter_design", {"device": {"model": "net", "votes": 1, "host": "qnetd", "algorithm": "ffsplit"}}, ""),
)

_CONF = ("totem {\n version: 2\n cluster_name: webcluster\n transport: knet\n token: 2000\n}\nnodelist {\n"
         + "".join(f" node {{\n  ring0_addr: 10.0.0.{i}\n  name: {name}\n  nodeid: {i}\n }}\n"
                   for i, name in enumerate(("alpha", "beta", "gamma"), start=1))
         + "}\nquorum {\n provider: corosync_votequorum\n}\n")
_PAIR = ("totem {\n version: 2\n cluster_name: pair\n transport: knet\n}\nnodelist {\n"
         + "".join(f" node {{\n  ring0_addr: 10.0.1.{i}\n  name: {name}\n  nodeid: {i}\n }}\n"
                   for i, name in enumerate(("web1", "web2"), start=1))
         + "}\nquorum {\n provider: corosync_votequorum\n two_node: 1\n}\n")
_AUTH = "pcs host auth node1 node2 node3 -u hacluster -p secret"
_SETUP = "pcs cluster setup webcluster node1 node2 node3"

BUILDING = (
    right("building.three_node_conf", _CONF.replace(" transport: knet\n", "")),  # knet is corosync 3's default
    right("building.three_node_conf", _CONF.replace("token: 2000", "token: 2000\n crypto_cipher: aes256\n crypto_hash: sha256")),
    right("building.three_node_conf", _CONF.replace("cluster_name: webcluster", "cluster_name: webcluster\n cluster_uuid: 0123456789abcdef")),
    right("building.three_node_conf", _CONF.replace("token: 2000", "token: 2000\n token_coefficient: 650")),
    right("building.three_node_conf", _CONF.replace("token: 2000", "token: 2000\n interface {\n  linknumber: 0\n }")),
    right("building.three_node_conf", _CONF.replace("provider: corosync_votequorum", "provider: corosync_votequorum\n expected_votes: 3")),
    right("building.three_node_conf", _CONF.replace("\n", "\r\n")),
    right("building.three_node_conf", _CONF + "logging {\n to_syslog: yes\n}\n"),
    right("building.three_node_conf", _CONF.replace("provider: corosync_votequorum", "provider: corosync_votequorum\n two_node: 1")),  # off with 3 nodes
    wrong("building.three_node_conf", _CONF.replace("transport: knet", "transport: udpu"), "transport udpu"),
    wrong("building.three_node_conf", _CONF.replace("token: 2000", "token: 2000ms"), "corosync refuses"),
    wrong("building.three_node_conf", _CONF.replace("cluster_name: webcluster", "cluster_name: WebCluster"), "'WebCluster'"),
    wrong("building.three_node_conf", _CONF.replace("name: beta\n  nodeid: 2", "name: beta\n  nodeid: 3").replace(
        "name: gamma\n  nodeid: 3", "name: gamma\n  nodeid: 2"), "Local node ID 3"),
    wrong("building.three_node_conf", _CONF.replace("ring0_addr: 10.0.0.3", "ring0_addr: 10.0.0.30"), "10.0.0.30"),
    wrong("building.three_node_conf", _CONF.replace("token: 2000", "token: 3000"), "not what a 2000 ms token gives"),
    wrong("building.three_node_conf", _CONF.replace("quorum {\n provider: corosync_votequorum\n}\n", ""), "no provider"),
    wrong("building.three_node_conf", _CONF.replace("quorum {", "quorum {\n token: 2000").replace(" token: 2000\n}\nnodelist", "}\nnodelist"), ""),
    wrong("building.three_node_conf", "", "non-empty text"),
    right("building.two_node_conf", _PAIR.replace("two_node: 1", "two_node: 1\n wait_for_all: 1")),
    right("building.two_node_conf", _PAIR.replace("two_node: 1", "two_node: 1\n expected_votes: 2")),
    wrong("building.two_node_conf", _PAIR.replace("cluster_name: pair", "cluster_name: webcluster"), "'webcluster'"),
    wrong("building.two_node_conf", _PAIR.replace("10.0.1.2", "10.0.1.20"), "10.0.1.20"),
    wrong("building.two_node_conf", _PAIR.replace("two_node: 1", "two_node: 1\n wait_for_all: 0"), "booted alone"),
    wrong("building.two_node_conf", _PAIR.replace("two_node: 1", "expected_votes: 1"), ""),
    wrong("building.two_node_conf", _PAIR.replace(" two_node: 1\n", ""), "web1 lost quorum"),
    wrong("building.two_node_conf", _PAIR.replace("name: web1", "name: node1"), "the nodelist defines the nodes"),
    right("building.built_from_bare", [_AUTH, _SETUP + " --start --enable"]),
    right("building.built_from_bare", ["pcs host auth node1 node2 node3 -p secret -u hacluster", _SETUP,
                                       "pcs cluster start --all --wait"]),
    right("building.built_from_bare", "pcs host auth -u hacluster -p secret node1 node2 node3\n" + _SETUP
          + "\npcs cluster start --all\npcs cluster enable --all"),
    right("building.built_from_bare", [_AUTH, _SETUP, "pcs cluster start node1 node2 node3"]),
    right("building.built_from_bare", [_AUTH, _SETUP + " --start --wait=60"]),
    right("building.built_from_bare", [_AUTH, _SETUP + " transport udpu", "pcs cluster start --all"]),
    right("building.built_from_bare", [_AUTH, _SETUP + " totem token=2000", "pcs cluster start --all"]),
    wrong("building.built_from_bare", ["sudo " + _AUTH, "sudo " + _SETUP, "sudo pcs cluster start --all"],
          "sudo: command not found"),
    wrong("building.built_from_bare", [_AUTH, _SETUP, "pcs cluster start"], "offline node2, node3"),
    wrong("building.built_from_bare", [_AUTH, "pcs cluster setup webcluster node1 node2", "pcs cluster start --all"],
          "builds its cluster from all its nodes"),
    wrong("building.built_from_bare", [_AUTH, "pcs cluster setup halab node1 node2 node3", "pcs cluster start --all"],
          "'halab'"),
    wrong("building.built_from_bare", ["pcs host auth node1 node2 node3 -u hacluster -p wrong", _SETUP,
                                       "pcs cluster start --all"], "password is incorrect"),
    wrong("building.built_from_bare", ["pcs cluster setup --name webcluster node1 node2 node3",
                                       "pcs cluster start --all"], "failed on node1"),
    wrong("building.built_from_bare", [_AUTH, _SETUP, "pcs cluster enable --all"], "runs no corosync"),
    wrong("building.built_from_bare", [_AUTH, _SETUP, "pcs cluster start --all", "pcs cluster stop node3"], "offline node3"),
    wrong("building.built_from_bare", [], "hold no command yet"),
    wrong("building.built_from_bare", {"commands": [_AUTH]}, "should be text"),
)

RESOURCES = (
    right('resources.vip_monitored', 'pcs property set stonith-enabled=false\npcs resource create vip IPaddr2 ip=10.200.0.100 cidr_netmask=24'),
    right('resources.vip_monitored', 'pcs property set stonith-enabled=false\npcs resource create vip ocf:heartbeat:IPaddr2 cidr_netmask=24 ip=10.200.0.100 op monitor interval=10'),
    right('resources.vip_monitored', 'pcs property set stonith-enabled=false\npcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=24 op monitor interval=10000ms'),
    wrong('resources.vip_monitored', 'pcs property set stonith-enabled=false\npcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=24 op monitor interval=15s', ""),
    wrong('resources.vip_monitored', 'pcs property set stonith-enabled=false\npcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=24 op monitor interval=1min', ""),
    right('resources.vip_monitored', 'pcs property set stonith-enabled=false\npcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100'),
    wrong('resources.vip_monitored', 'pcs property set stonith-enabled=false\npcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.101 cidr_netmask=24', ""),
    wrong('resources.vip_monitored', 'pcs property set stonith-enabled=false\npcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=16', ""),
    wrong('resources.vip_monitored', 'pcs property set stonith-enabled=false\npcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=255.255.255.0', ""),
    right('resources.vip_monitored', 'pcs property set stonith-enabled=0\npcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=24'),
    right('resources.vip_monitored', 'pcs property set stonith-enabled=no\npcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=24'),
    right('resources.vip_monitored', 'pcs property set stonith-enabled=False\npcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=24'),
    right('resources.vip_monitored', 'pcs property set stonith-enabled=false\npcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=24 nic=eth0 op monitor interval=5s'),
    right('resources.vip_monitored', 'pcs property set stonith-enabled=false\npcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=24 --group websvc'),
    right('resources.vip_monitored', 'pcs property set stonith-enabled=false\npcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=24 op monitor interval=10s\npcs resource update vip op monitor interval=5s'),
    wrong('resources.vip_monitored', 'pcs property set stonith-enabled=false\npcs resource create VIP ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=24', ""),
    wrong('resources.vip_monitored', 'pcs property set stonith-enabled=false\npcs resource create vip ocf:heartbeat:IPaddr ip=10.200.0.100 cidr_netmask=24', ""),
    wrong('resources.vip_monitored', 'pcs property set stonith-enabled=false\npcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=24 op monitor interval=0', ""),
    wrong('resources.vip_monitored', 'pcs property set stonith-enabled=false\npcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=24 op monitor interval=10s enabled=false', ""),
    wrong('resources.vip_monitored', 'pcs property set stonith-enabled=false\npcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=24\npcs resource disable vip', ""),
    wrong('resources.vip_monitored', 'pcs property set stonith-enabled=false\npcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=24\npcs resource unmanage vip', ""),
    wrong('resources.vip_monitored', 'pcs property set stonith-enabled=false\npcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=24 op monitor interval=10s\npcs resource op remove vip monitor', ""),
    right('resources.vip_monitored', 'pcs property set stonith-enabled=false\npcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=24 meta migration-threshold=1'),
    wrong('resources.vip_monitored', 'pcs property set stonith-enabled=false\npcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=24 meta is-managed=false', ""),
    wrong('resources.vip_monitored', 'pcs property set stonith-enabled=false\npcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=24 op monitor interval=10s on-fail=ignore', ""),
    wrong('resources.vip_monitored', 'pcs property set stonith-enabled=false\npcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=24 op monitor interval=10s on-fail=stop', ""),
    wrong('resources.vip_monitored', 'pcs property set stonith-enabled=false\npcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=24 op monitor interval=10s on-fail=block', ""),
    right('resources.vip_monitored', 'pcs property set stonith-enabled=false\npcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=24 op monitor interval=10s timeout=1s'),
    right('resources.web_service', 'pcs property set stonith-enabled=false\npcs resource create vip IPaddr2 ip=10.200.0.100 cidr_netmask=24\npcs resource create web apache configfile=/etc/apache2/apache2.conf\npcs resource group add websvc vip web'),
    right('resources.web_service', 'pcs property set stonith-enabled=false\npcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=24\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf\npcs constraint colocation add web with vip\npcs constraint order vip then web'),
    right('resources.web_service', 'pcs property set stonith-enabled=false\npcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=24\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf\npcs constraint colocation add vip with web INFINITY'),
    wrong('resources.web_service', 'pcs property set stonith-enabled=false\npcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=24\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf\npcs constraint colocation add web with vip 100', ""),
    wrong('resources.web_service', 'pcs property set stonith-enabled=false\npcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=24\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf\npcs constraint order vip then web', ""),
    wrong('resources.web_service', 'pcs property set stonith-enabled=false\npcs resource create web ocf:heartbeat:apache configfile=/etc/httpd/conf/httpd.conf --group websvc\npcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=24 --group websvc', ""),
    right('resources.web_service', 'pcs property set stonith-enabled=false\npcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=24 --group websvc\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf --group websvc\npcs constraint location websvc prefers node1'),
    right('resources.web_service', 'pcs property set stonith-enabled=false\npcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=24 --group websvc\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf --group websvc\npcs constraint location websvc prefers node1=INFINITY'),
    right('resources.web_service', 'pcs property set stonith-enabled=false\npcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=24 --group websvc\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf --group websvc\npcs resource meta websvc migration-threshold=1'),
    right('resources.web_service', 'pcs property set stonith-enabled=false\npcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=24 --group websvc\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf --group websvc\npcs property set no-quorum-policy=ignore'),  # not in 05's story (crashes one at a time): 10 plays the partitions
    wrong('resources.web_service', 'pcs property set stonith-enabled=false\npcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=24 --group websvc\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf --group websvc\npcs resource clone websvc', ""),
    wrong('resources.web_service', 'pcs property set stonith-enabled=false\npcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=24/24 --group websvc\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf --group websvc', ""),
    right('resources.filesystem_first', 'pcs property set stonith-enabled=false\npcs resource create fs Filesystem device=/dev/vdb1 directory=/srv/www fstype=ext4\npcs resource create web apache configfile=/etc/apache2/apache2.conf\npcs resource group add websvc fs web'),
    right('resources.filesystem_first', 'pcs property set stonith-enabled=false\npcs resource create fs ocf:heartbeat:Filesystem device=/dev/vdb1 directory=/srv/www fstype=ext4\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf\npcs constraint order start fs then start web\npcs constraint colocation add web with fs INFINITY'),
    wrong('resources.filesystem_first', 'pcs property set stonith-enabled=false\npcs resource create fs ocf:heartbeat:Filesystem device=/dev/vdb1 directory=/srv/www fstype=ext4\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf\npcs constraint order fs then web', ""),
    right('resources.filesystem_first', 'pcs property set stonith-enabled=false\npcs resource create fs ocf:heartbeat:Filesystem device=/dev/vdb1 directory=/srv/www fstype=ext4\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf\npcs constraint order fs then web kind=Optional\npcs constraint colocation add web with fs INFINITY'),  # fs and web start in one transition: the optional order holds
    wrong('resources.filesystem_first', 'pcs property set stonith-enabled=false\npcs resource create fs ocf:heartbeat:Filesystem device=/dev/vdb1 directory=/srv/www fstype=ext4\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf\npcs constraint order web then fs\npcs constraint colocation add web with fs INFINITY', ""),
    right('resources.filesystem_first', 'pcs property set stonith-enabled=false\npcs resource create fs ocf:heartbeat:Filesystem device=/dev/vdb1 directory=/srv/www fstype=ext4\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf\npcs constraint order fs then web\npcs constraint colocation add fs with web INFINITY'),
    wrong('resources.filesystem_first', 'pcs property set stonith-enabled=false\npcs resource create fs ocf:heartbeat:Filesystem device=/dev/vdb directory=/srv/www fstype=ext4 --group websvc\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf --group websvc', ""),
    wrong('resources.filesystem_first', 'pcs property set stonith-enabled=false\npcs resource create fs ocf:heartbeat:Filesystem device=/dev/vdb1 directory=/var/www fstype=ext4 --group websvc\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf --group websvc', ""),
    wrong('resources.filesystem_first', 'pcs property set stonith-enabled=false\npcs resource create fs ocf:heartbeat:Filesystem device=/dev/vdb1 directory=/srv/www fstype=xfs --group websvc\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf --group websvc', ""),
    right('resources.filesystem_first', 'pcs property set stonith-enabled=false\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf --group websvc\npcs resource create fs ocf:heartbeat:Filesystem device=/dev/vdb1 directory=/srv/www fstype=ext4 --group websvc --before web'),
    wrong('resources.filesystem_first', 'pcs property set stonith-enabled=false\npcs resource create fs ocf:heartbeat:Filesystem device=/dev/vdb1 directory=/srv/www fstype=ext4 --group websvc\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf --group websvc\npcs resource group add websvc web --before fs', ""),
    wrong('resources.filesystem_first', 'pcs property set stonith-enabled=false\npcs resource create fs ocf:heartbeat:Filesystem device=/dev/vdb1 directory=/srv/www fstype=ext4 --group websvc\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf --group websvc\npcs resource clone websvc', ""),
)

CONSTRAINTS = (
    wrong('constraints.together_in_order', 'pcs constraint location vip prefers node2=100\npcs constraint colocation add web with vip inf\npcs constraint order vip then web', 'invalid role value'),
    right('constraints.together_in_order', 'pcs constraint location vip prefers node2=100\npcs constraint colocation add web with vip score=INFINITY\npcs constraint order vip then web'),
    right('constraints.together_in_order', 'pcs constraint location vip prefers node2=100\npcs constraint colocation add web with vip INFINITY\npcs constraint order start vip then start web'),
    right('constraints.together_in_order', 'pcs constraint location vip prefers node2=100\npcs constraint colocation add web with vip INFINITY\npcs constraint order start vip then web kind=Mandatory'),
    right('constraints.together_in_order', 'pcs constraint location web prefers node2=100\npcs constraint colocation add web with vip INFINITY\npcs constraint order vip then web'),
    right('constraints.together_in_order', 'pcs constraint location vip prefers node2\npcs constraint colocation add web with vip INFINITY\npcs constraint order vip then web'),
    right('constraints.together_in_order', 'pcs constraint location vip prefers node2=INFINITY\npcs constraint colocation add web with vip INFINITY\npcs constraint order vip then web'),
    wrong('constraints.together_in_order', 'pcs constraint location vip avoids node1 node3\npcs constraint colocation add web with vip INFINITY\npcs constraint order vip then web', ''),
    right('constraints.together_in_order', 'pcs constraint location vip prefers node2=100\npcs constraint colocation add web with vip 1000000\npcs constraint order vip then web'),
    wrong('constraints.together_in_order', 'pcs constraint location vip prefers node2=100\npcs constraint colocation add web with vip 999999\npcs constraint order vip then web', ''),
    wrong('constraints.together_in_order', 'pcs constraint location vip prefers node2=100\npcs constraint colocation add web with vip -INFINITY\npcs constraint order vip then web', ''),
    right('constraints.together_in_order', 'pcs constraint location vip prefers node2=100\npcs constraint colocation add web with vip INFINITY\npcs constraint order vip then web kind=Optional'),
    wrong('constraints.together_in_order', 'pcs constraint location vip prefers node2=100\npcs constraint colocation add web with vip INFINITY\npcs constraint order web then vip', ''),
    right('constraints.together_in_order', 'pcs constraint location vip prefers node2=100\npcs constraint colocation add web with vip INFINITY\npcs constraint order vip then web symmetrical=false'),
    wrong('constraints.together_in_order', 'pcs constraint location vip prefers node2=100\npcs constraint colocation add web with vip INFINITY\npcs constraint order vip then web\npcs constraint order web then vip', ''),
    wrong('constraints.together_in_order', 'pcs resource group add webgroup web vip\npcs constraint location webgroup prefers node2=100', ''),
    right('constraints.together_in_order', 'pcs resource group add webgroup vip web\npcs constraint location vip prefers node2=100'),
    right('constraints.together_in_order', 'pcs resource group add webgroup vip web\npcs constraint location webgroup prefers node2=100\npcs resource defaults update resource-stickiness=100'),
    right('constraints.together_in_order', 'pcs constraint location vip prefers node2=100\npcs constraint colocation add web with vip INFINITY\npcs constraint order vip then web\npcs resource meta web migration-threshold=1'),
    wrong('constraints.together_in_order', 'pcs constraint location vip prefers node2=100\npcs constraint location web prefers node2=100\npcs constraint order vip then web', ''),
    right('constraints.together_in_order', 'pcs constraint location vip prefers node2=100\npcs constraint colocation add web with vip INFINITY\npcs constraint order vip then web\npcs constraint location web avoids node1'),
    right('constraints.together_in_order', 'pcs constraint location vip prefers node2=100\npcs constraint colocation add web with vip INFINITY\npcs constraint order vip then web\npcs constraint location vip prefers node1=50'),
    right('constraints.together_in_order', 'pcs constraint location vip prefers node2=100\npcs constraint colocation set vip web\npcs constraint order vip then web'),
    right('constraints.together_in_order', 'pcs constraint location vip prefers node2=100\npcs constraint colocation add web with vip INFINITY\npcs constraint order set vip web'),
    wrong('constraints.together_in_order', 'pcs constraint location vip prefers node2=100\npcs constraint colocation add web with vip INFINITY\npcs constraint order vip then web\npcs resource disable web', ''),
    wrong('constraints.together_in_order', 'pcs constraint location vip prefers node2=100\npcs constraint colocation add web with vip INFINITY\npcs constraint order vip then web\npcs property set stonith-enabled=true', ''),
    right('constraints.stays_put', 'pcs resource defaults update resource-stickiness=INFINITY'),
    right('constraints.stays_put', 'pcs resource defaults resource-stickiness=100'),
    right('constraints.stays_put', 'pcs resource defaults update resource-stickiness=51'),
    right('constraints.stays_put', 'pcs resource defaults update resource-stickiness=50'),
    wrong('constraints.stays_put', 'pcs resource defaults update resource-stickiness=49', ''),
    right('constraints.stays_put', 'pcs resource meta webgroup resource-stickiness=101'),
    right('constraints.stays_put', 'pcs resource meta webgroup resource-stickiness=100'),
    right('constraints.stays_put', 'pcs resource meta vip resource-stickiness=200'),
    right('constraints.stays_put', 'pcs resource meta web resource-stickiness=100'),
    wrong('constraints.stays_put', 'pcs resource update webgroup meta resource-stickiness=200', 'Unable to find resource'),
    wrong('constraints.stays_put', 'pcs constraint delete location-webgroup-node2-100', ''),
    wrong('constraints.stays_put', 'pcs constraint location webgroup prefers node2=0', ''),
    wrong('constraints.stays_put', 'pcs constraint location webgroup prefers node2=-INFINITY', ''),
    wrong('constraints.stays_put', 'pcs resource defaults update resource-stickiness=-100', ''),
    wrong('constraints.stays_put', 'pcs resource defaults update migration-threshold=1', ''),
    wrong('constraints.stays_put', 'pcs property set maintenance-mode=true', ''),
    wrong('constraints.stays_put', 'pcs resource unmanage webgroup', ''),
    wrong('constraints.stays_put', 'pcs constraint location webgroup avoids node2', ''),
    wrong('constraints.stays_put', 'pcs property set default-resource-stickiness=200', ''),
    right('constraints.read_scores', '110'),
    right('constraints.read_scores', 110.0),
    wrong('constraints.read_scores', 80, ''),
    wrong('constraints.read_scores', 130, ''),
    wrong('constraints.read_scores', 50, ''),
    wrong('constraints.read_scores', 'INFINITY', ''),
    wrong('constraints.read_scores', float("inf"), ''),
)

FAILOVER = (
    right('failover.measured_failover', '10.66'),
    wrong('failover.measured_failover', 10660, ''),
    wrong('failover.measured_failover', 0, ''),
    wrong('failover.measured_failover', -10.66, ''),
    wrong('failover.measured_failover', float("nan"), ''),
    wrong('failover.measured_failover', 11.5, ''),
    right('failover.migration_policy', 'pcs resource update web meta migration-threshold=2'),
    right('failover.migration_policy', 'pcs resource meta webgroup migration-threshold=2'),
    right('failover.migration_policy', 'pcs resource defaults migration-threshold=2'),
    wrong('failover.migration_policy', 'pcs resource meta web migration-threshold=3', ''),
    wrong('failover.migration_policy', 'pcs resource meta web migration-threshold=0', ''),
    wrong('failover.migration_policy', 'pcs resource meta web migration-threshold=INFINITY', ''),
    wrong('failover.migration_policy', 'pcs resource meta web migration-threshold=2 failure-timeout=5s', ''),
    wrong('failover.migration_policy', 'pcs resource op defaults update on-fail=restart\npcs resource meta web migration-threshold=2', 'not simulated'),
    wrong('failover.migration_policy', 'pcs resource update web op monitor interval=20s on-fail=standby', ''),
    wrong('failover.migration_policy', 'pcs resource update web op monitor interval=20s on-fail=ignore', ''),
    right('failover.migration_policy', 'pcs resource meta web migration-threshold=2\npcs resource defaults update resource-stickiness=INFINITY'),
    wrong('failover.migration_policy', 'pcs property set start-failure-is-fatal=false', ''),
    wrong('failover.migration_policy', '', ''),
    right('failover.forgiven_failures', 'pcs resource meta web failure-timeout=2min migration-threshold=3'),
    right('failover.forgiven_failures', 'pcs resource meta web migration-threshold=3 failure-timeout=120'),
    right('failover.forgiven_failures', 'pcs resource meta web migration-threshold=3 failure-timeout=120000ms'),
    right('failover.forgiven_failures', 'pcs resource meta web migration-threshold=3\npcs resource meta web failure-timeout=2min'),
    right('failover.forgiven_failures', 'pcs resource defaults update migration-threshold=3 failure-timeout=2min'),
    right('failover.forgiven_failures', 'pcs resource meta webgroup migration-threshold=3 failure-timeout=2min'),
    wrong('failover.forgiven_failures', 'pcs resource meta web migration-threshold=2 failure-timeout=2min', ''),
    wrong('failover.forgiven_failures', 'pcs resource meta web migration-threshold=4 failure-timeout=2min', ''),
    wrong('failover.forgiven_failures', 'pcs resource meta web migration-threshold=3 failure-timeout=10min', ''),
    wrong('failover.forgiven_failures', 'pcs resource meta web migration-threshold=3 failure-timeout=2h', ''),
    right('failover.forgiven_failures', 'pcs resource meta web migration-threshold=3 failure-timeout=2m'),
    right('failover.forgiven_failures', 'pcs resource meta web migration-threshold=3 failure-timeout=2min\npcs property set cluster-recheck-interval=5min'),
    wrong('failover.forgiven_failures', 'pcs resource meta web migration-threshold=3 failure-timeout=2min resource-stickiness=INFINITY', ''),
    right('failover.forgiven_failures', 'pcs resource meta web migration-threshold=3 failure-timeout=2min\npcs constraint location webgroup prefers node1=INFINITY'),
    right('failover.fast_recovery', {'token_ms': '1000', 'monitor_seconds': '4'}),
    right('failover.fast_recovery', {'token_ms': 1000.0, 'monitor_seconds': 4.0}),
    wrong('failover.fast_recovery', {'token_ms': 1500, 'monitor_seconds': 2}, ''),
    right('failover.fast_recovery', {'token_ms': 1000, 'monitor_seconds': 1}),
    wrong('failover.fast_recovery', {'token_ms': 1000, 'monitor_seconds': 0}, ''),
    wrong('failover.fast_recovery', {'token_ms': 1000, 'monitor_seconds': 0.5}, ''),
    wrong('failover.fast_recovery', {'token_ms': 1000, 'monitor_seconds': -1}, ''),
    wrong('failover.fast_recovery', {'token_ms': 999, 'monitor_seconds': 3}, ''),
    wrong('failover.fast_recovery', {'token': 1000, 'monitor': 3}, ''),
    wrong('failover.fast_recovery', {'token_ms': 1, 'monitor_seconds': 3}, ''),
    wrong('failover.fast_recovery', {'token_ms': 1000, 'monitor_seconds': 7}, ''),
    wrong('failover.fast_recovery', {'token_ms': 1000, 'monitor_seconds': 6}, ''),
    right('failover.fast_recovery', {'token_ms': 1000, 'monitor_seconds': 5}),
    wrong('failover.fast_recovery', {'token_ms': float("nan"), 'monitor_seconds': 3}, ''),
    wrong('failover.fast_recovery', {'token_ms': 1000000000000, 'monitor_seconds': 3}, ''),
    wrong('failover.fast_recovery', [1000, 3], ''),
)

HELD_BACK: dict[str, tuple[Case, ...]] = {
    "00-getting-started": GETTING_STARTED,
    "01-why-ha": WHY_HA,
    "02-corosync": COROSYNC,
    "03-quorum": QUORUM,
    "04-building-a-cluster": BUILDING,
    "05-resources": RESOURCES,
    '06-constraints': CONSTRAINTS,
    '07-failover-timing': FAILOVER,
}
