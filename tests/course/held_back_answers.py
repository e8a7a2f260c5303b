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
from tests.course.held_back_round3 import THIRD_ROUND
from tests.course.held_back_round4 import FOURTH_ROUND
from tests.course.held_back_round5 import (
    FIFTH_ROUND, FIFTH_ROUND_DANGERS, FIFTH_ROUND_MAPS, FIFTH_ROUND_SPELLINGS, FIFTH_ROUND_STORIES,
    FIFTH_ROUND_CONF, FIFTH_ROUND_ROLES, FIFTH_ROUND_TYPES,
    FIFTH_ROUND_UPLINK,
)
from tests.course.held_back_round6 import SIXTH_ROUND, SIXTH_ROUND_MORE, SIXTH_ROUND_ROLES
from tests.course.held_back_round7 import SEVENTH_ROUND
from tests.course.held_back_round8 import EIGHTH_ROUND
from tests.course.held_back_round9 import NINTH_ROUND
from tests.course.held_back_round10 import TENTH_ROUND
from tests.course.held_back_round11 import ELEVENTH_ROUND

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
    wrong("getting_started.lab_formed", {"nodes": True, "seed": 3, "advanced": 20}, "should be a number, not True"),
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
    wrong("getting_started.first_quorum_time", True, "should be a number, not True"),
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
    wrong("availability.single_points_of_failure", {"db"}, "1 component(s) you left out"),
    wrong("availability.single_points_of_failure", {"lb", "db", "web1", "web2"}, "survives losing web1, web2"),
    wrong("availability.single_points_of_failure", {"load balancer", "database"}, "not a component"),
    wrong("availability.single_points_of_failure", set(), "2 component(s) you left out"),
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
    # (a judge started for the check ends without a verdict; a warm judge's child has no such channel to forge)
    wrong("corosync.detection_formula", FORMULA + FORGED_VERDICT + "    return 0\n", "", "detection_ms"),
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
    # the real IPaddr2 converts a dotted netmask to its prefix length (findif.sh, with a warning): right (round 6)
    right('resources.vip_monitored', 'pcs property set stonith-enabled=false\npcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=255.255.255.0'),
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

FENCING = (
    right('fencing.fence_device', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list=node1,node2,node3'),
    right('fencing.fence_device', 'pcs stonith create fence-xvm fence_xvm'),
    right('fencing.fence_device', 'pcs stonith create fence-xvm fence_xvm pcmk_host_map="node1:node1;node2:node2;node3:node3"'),
    right('fencing.fence_device', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3" pcmk_host_check=static-list'),
    right('fencing.fence_device', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"\npcs property set stonith-enabled=true'),
    right('fencing.fence_device', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"\npcs property set stonith-timeout=120s'),
    right('fencing.fence_device', 'pcs stonith create f-node1 fence_xvm pcmk_host_list=node1\npcs stonith create f-node2 fence_xvm pcmk_host_list=node2\npcs stonith create f-node3 fence_xvm pcmk_host_list=node3'),
    right('fencing.fence_device', 'pcs stonith create f-node1 fence_xvm pcmk_host_list=node1\npcs constraint location f-node1 avoids node1\npcs stonith create f-node2 fence_xvm pcmk_host_list=node2\npcs constraint location f-node2 avoids node2\npcs stonith create f-node3 fence_xvm pcmk_host_list=node3\npcs constraint location f-node3 avoids node3'),
    wrong('fencing.fence_device', 'pcs stonith create ipmi-node1 fence_ipmilan ip=10.0.0.50 username=admin password=secret lanplus=1 pcmk_host_list=node1\npcs stonith create ipmi-node2 fence_ipmilan ip=10.0.0.50 username=admin password=secret lanplus=1 pcmk_host_list=node2\npcs stonith create ipmi-node3 fence_ipmilan ip=10.0.0.52 username=admin password=secret lanplus=1 pcmk_host_list=node3', ''),
    wrong('fencing.fence_device', 'pcs stonith create ipmi-node1 fence_ipmilan ip=10.0.0.50 username=admin password=secret lanplus=1 pcmk_host_list=node1\npcs stonith create ipmi-node1 fence_ipmilan ip=10.0.0.51 username=admin password=secret lanplus=1 pcmk_host_list=node1\npcs stonith create ipmi-node3 fence_ipmilan ip=10.0.0.52 username=admin password=secret lanplus=1 pcmk_host_list=node3', ''),
    wrong('fencing.fence_device', 'pcs stonith create ipmi-node1 fence_ipmilan ip=10.0.0.50 username=admin password=secret lanplus=1 pcmk_host_list=node1 pcmk_delay_max=15s\npcs stonith create ipmi-node2 fence_ipmilan ip=10.0.0.51 username=admin password=secret lanplus=1 pcmk_host_list=node2 pcmk_delay_max=15s\npcs stonith create ipmi-node3 fence_ipmilan ip=10.0.0.52 username=admin password=secret lanplus=1 pcmk_host_list=node3 pcmk_delay_max=15s', 'allowed: 20 s'),
    wrong('fencing.fence_device', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3" pcmk_delay_base=30s', ''),
    wrong('fencing.fence_device', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"\npcs stonith disable fence-xvm', ''),
    right('fencing.fence_device', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"\npcs property set stonith-action=off'),
    right('fencing.fence_device', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"\npcs property set no-quorum-policy=ignore'),
    wrong('fencing.fence_device', 'pcs stonith create fence-xvm fence_dummy pcmk_host_list="node1 node2 node3"', 'test agent'),
    # real pcs 0.11.5 still takes a fence agent in `pcs resource create` (with a deprecation warning): a working device
    right('fencing.fence_device', 'pcs resource create fence-xvm stonith:fence_xvm pcmk_host_list="node1 node2 node3"'),
    wrong('fencing.fence_device', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node4"', ''),
    wrong('fencing.fence_device', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3" --disabled', ''),
    right('fencing.without_fencing', ['node1', 'node2']),
    right('fencing.without_fencing', ('node2', 'node1')),
    wrong('fencing.without_fencing', set(), ''),
    wrong('fencing.without_fencing', {'node3', 'node2', 'node1'}, ''),
    wrong('fencing.without_fencing', 'node1 node2', ''),
    right('fencing.fence_race', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2" pcmk_delay_base="node1:0;node2:5"'),
    right('fencing.fence_race', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2" pcmk_delay_base="node2:5s"'),
    right('fencing.fence_race', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2" pcmk_delay_base="node1:0s node2:5s"'),
    right('fencing.fence_race', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2" pcmk_delay_base="node2:10s;node1:0s"'),
    right('fencing.fence_race', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2" pcmk_delay_base="node2:5000ms"'),
    right('fencing.fence_race', 'pcs stonith create fence-node1 fence_xvm pcmk_host_list=node1\npcs stonith create fence-node2 fence_xvm pcmk_host_list=node2 pcmk_delay_base=5'),
    wrong('fencing.fence_race', 'pcs stonith create fence-node2 fence_xvm pcmk_host_list=node2 delay=5\npcs stonith create fence-node1 fence_xvm pcmk_host_list=node1', ''),
    # fenced counts delays in whole seconds (2.1.5: 500 ms / 1000 = 0): no head start at all
    wrong('fencing.fence_race', 'pcs stonith create fence-node1 fence_xvm pcmk_host_list=node1\npcs stonith create fence-node2 fence_xvm pcmk_host_list=node2 pcmk_delay_base=500ms', 'both nodes were shot'),
    # round 7: won by the draws (a random delay from 0 s up on the survivor's device only): wrong
    wrong('fencing.fence_race', 'pcs stonith create fence-node1 fence_xvm pcmk_host_list=node1\npcs stonith create fence-node2 fence_xvm pcmk_host_list=node2 pcmk_delay_max=10s', 'node2'),  # lost on a tied draw, or won by the draws
    right('fencing.fence_race', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2"\npcs property set priority-fencing-delay=10\npcs resource meta fs priority=10'),
    right('fencing.fence_race', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2"\npcs resource meta fs priority=10\npcs property set priority-fencing-delay=15s'),
    wrong('fencing.fence_race', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2"\npcs property set priority-fencing-delay=10s', ''),
    wrong('fencing.fence_race', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2"\npcs resource meta fs priority=10', ''),
    wrong('fencing.fence_race', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2"\npcs property set priority-fencing-delay=10s\npcs resource meta fs priority=0', ''),
    wrong('fencing.fence_race', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2"\npcs property set priority-fencing-delay=0\npcs resource meta fs priority=10', ''),
    wrong('fencing.fence_race', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2" pcmk_delay_base="node1:5s;node2:5s"', ''),
    wrong('fencing.fence_race', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2" pcmk_delay_base=5s', ''),
    wrong('fencing.fence_race', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2" pcmk_delay_base="node2:5s" pcmk_delay_max=20s', ''),
    wrong('fencing.fence_race', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2"\npcs constraint location fs prefers node2=INFINITY', ''),
    wrong('fencing.fence_race', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2"\npcs resource defaults update resource-stickiness=1000', ''),
    wrong('fencing.fence_race', 'pcs stonith create fence-node1 fence_xvm pcmk_host_list=node1\npcs stonith create fence-node2 fence_xvm pcmk_host_list=node2 pcmk_delay_base=5s\npcs stonith disable fence-node1', ''),
    wrong('fencing.fence_race', 'pcs stonith create fence-node1 fence_xvm pcmk_host_list=node1', ''),
    right('fencing.fence_race', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2" pcmk_delay_base="node2:5s"\npcs property set no-quorum-policy=ignore'),
)

TROUBLESHOOTING = (
    right('troubleshooting.diagnoses', {'a': 'wrong-hostname', 'b': 'missing-colocation', 'c': 'leftover-ban', 'd': 'lost-quorum'}),
    right('troubleshooting.diagnoses', {'A': 'WRONG-HOSTNAME', 'B': 'MISSING-COLOCATION', 'C': 'LEFTOVER-BAN', 'D': 'LOST-QUORUM'}),
    right('troubleshooting.diagnoses', {'A': ' wrong-hostname ', 'B': ' missing-colocation ', 'C': ' leftover-ban ', 'D': ' lost-quorum '}),
    right('troubleshooting.diagnoses', {'A': 'wrong-hostname', 'B': 'missing-colocation', 'C': 'leftover-ban', 'D': 'lost-quorum', 'E': 'no-fencing'}),
    wrong('troubleshooting.diagnoses', {'A': 'wrong-hostname', 'B': 'leftover-ban', 'C': 'missing-colocation', 'D': 'lost-quorum'}, ''),
    wrong('troubleshooting.diagnoses', {'A': 'wrong-hostname', 'B': 'wrong-hostname', 'C': 'wrong-hostname', 'D': 'wrong-hostname'}, ''),
    wrong('troubleshooting.diagnoses', {'A': ['wrong-hostname', 'missing-colocation', 'leftover-ban', 'lost-quorum'], 'B': ['wrong-hostname', 'missing-colocation', 'leftover-ban', 'lost-quorum'], 'C': ['wrong-hostname', 'missing-colocation', 'leftover-ban', 'lost-quorum'], 'D': ['wrong-hostname', 'missing-colocation', 'leftover-ban', 'lost-quorum']}, ''),
    wrong('troubleshooting.diagnoses', [('A', 'wrong-hostname'), ('B', 'missing-colocation'), ('C', 'leftover-ban'), ('D', 'lost-quorum')], ''),
    wrong('troubleshooting.diagnoses', {'A': 'wrong-hostname', 'B': 'missing-colocation', 'C': 'leftover-ban', 'D': 'failed-resource'}, ''),
    right('troubleshooting.first_cause', {'resource': 'FS', 'node': 'Node1', 'operation': 'Monitor'}),
    right('troubleshooting.first_cause', {'node': 'node1', 'operation': 'monitor', 'resource': 'fs'}),
    right('troubleshooting.first_cause', {'resource': 'fs', 'node': 'node1', 'operation': 'monitor_20000'}),
    wrong('troubleshooting.first_cause', {'resource': 'fs', 'node': 'node1', 'operation': 'stop'}, ''),
    wrong('troubleshooting.first_cause', {'resource': 'fs', 'node': 'node2', 'operation': 'monitor'}, ''),
    wrong('troubleshooting.first_cause', {'resource': 'vip', 'node': 'node1', 'operation': 'monitor'}, ''),
    wrong('troubleshooting.first_cause', ('fs', 'node1', 'monitor'), ''),
    wrong('troubleshooting.first_cause', {'resource': 'fs', 'node': 'node1'}, ''),
    wrong('troubleshooting.first_cause', 'Result of monitor operation for fs on node1', ''),
    right('troubleshooting.repaired', {'A': ['pcs constraint remove location-webgroup-node2.lab.example-100', 'pcs constraint location webgroup prefers node2=100']}, puzzle_letter='A'),
    right('troubleshooting.repaired', {'A': ['pcs constraint delete location-webgroup-node2.lab.example-100', 'pcs constraint location webgroup prefers node2']}, puzzle_letter='A'),
    right('troubleshooting.repaired', {'A': ['pcs constraint delete location-webgroup-node2.lab.example-100', 'pcs constraint location vip prefers node2=100']}, puzzle_letter='A'),
    right('troubleshooting.repaired', {'A': ['pcs constraint delete location-webgroup-node2.lab.example-100', 'pcs constraint location webgroup prefers node2=INFINITY']}, puzzle_letter='A'),
    wrong('troubleshooting.repaired', {'A': ['pcs constraint delete location-webgroup-node2.lab.example-100', 'pcs resource move webgroup node2']}, '', puzzle_letter='A'),
    wrong('troubleshooting.repaired', {'A': ['pcs constraint delete location-webgroup-node2.lab.example-100', 'pcs resource move webgroup node2', 'pcs resource clear webgroup']}, 'did not last', puzzle_letter='A'),
    wrong('troubleshooting.repaired', {'A': ['pcs constraint delete location-webgroup-node2.lab.example-100', 'pcs constraint location webgroup avoids node1 node3']}, 'down for', puzzle_letter='A'),
    wrong('troubleshooting.repaired', {'A': ['pcs constraint delete location-webgroup-node2.lab.example-100']}, '', puzzle_letter='A'),
    wrong('troubleshooting.repaired', {'A': ['pcs constraint location webgroup prefers node2=1000']}, '', puzzle_letter='A'),
    wrong('troubleshooting.repaired', {'A': ['pcs resource ban webgroup node1', 'pcs resource ban webgroup node3']}, '', puzzle_letter='A'),
    right('troubleshooting.repaired', {'B': ['pcs constraint colocation add web with vip score=INFINITY']}, puzzle_letter='B'),
    right('troubleshooting.repaired', {'B': ['pcs resource group add webgroup vip web']}, puzzle_letter='B'),
    # reversed: the address would go away whenever web stops (round 6: the check now plays that story)
    wrong('troubleshooting.repaired', {'B': ['pcs constraint colocation add vip with web INFINITY']}, 'vip follows web', puzzle_letter='B'),
    wrong('troubleshooting.repaired', {'B': ['pcs constraint colocation add web with vip INFINITY', 'pcs constraint order vip then web']}, 'duplicate constraint', puzzle_letter='B'),
    wrong('troubleshooting.repaired', {'B': ['pcs resource move web node2', 'pcs resource move vip node2']}, '', puzzle_letter='B'),
    right('troubleshooting.repaired', {'C': ['pcs resource clear webgroup node2']}, puzzle_letter='C'),
    right('troubleshooting.repaired', {'C': ['pcs constraint remove cli-ban-webgroup-on-node2']}, puzzle_letter='C'),
    right('troubleshooting.repaired', {'C': ['pcs resource move webgroup node2']}, puzzle_letter='C'),
    right('troubleshooting.repaired', {'C': ['pcs resource clear webgroup', 'pcs resource move webgroup node2']}, puzzle_letter='C'),
    wrong('troubleshooting.repaired', {'C': ['pcs resource ban webgroup node1']}, '', puzzle_letter='C'),
    right('troubleshooting.repaired', {'D': ['pcs cluster start node2 node3']}, puzzle_letter='D'),
    right('troubleshooting.repaired', {'D': ['pcs cluster start --all --wait']}, puzzle_letter='D'),
    wrong('troubleshooting.repaired', {'D': ['pcs property set no-quorum-policy=ignore']}, '', puzzle_letter='D'),
    wrong('troubleshooting.repaired', {'D': ['pcs cluster start node2']}, '', puzzle_letter='D'),
    right('troubleshooting.repaired', {'D': ['pcs cluster start --all', 'pcs quorum expected-votes 1']}, puzzle_letter='D'),
    wrong('troubleshooting.repaired', {'D': ['pcs quorum unblock']}, '', puzzle_letter='D'),
)

CAPSTONE = (
    right('capstone.web_service_built', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"\npcs resource create fs Filesystem device=/dev/sdb1 directory=/var/www/html fstype=ext4\npcs resource create vip IPaddr2 ip=192.168.122.200 cidr_netmask=24\npcs resource create web apache configfile=/etc/apache2/apache2.conf statusurl=http://localhost/server-status\npcs resource group add webgroup fs vip web\npcs resource defaults update resource-stickiness=100\n'),
    right('capstone.web_service_built', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"\npcs resource create fs ocf:heartbeat:Filesystem device=/dev/sdb1 directory=/var/www/html fstype=ext4\npcs resource create vip ocf:heartbeat:IPaddr2 ip=192.168.122.200 cidr_netmask=24\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf statusurl=http://localhost/server-status\npcs resource group add webgroup vip fs web\npcs resource defaults update resource-stickiness=100\n'),
    wrong('capstone.web_service_built', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"\npcs resource create fs ocf:heartbeat:Filesystem device=/dev/sdb1 directory=/var/www/html fstype=ext4\npcs resource create vip ocf:heartbeat:IPaddr2 ip=192.168.122.200 cidr_netmask=24\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf statusurl=http://localhost/server-status\npcs resource group add webgroup fs web vip\npcs resource defaults update resource-stickiness=100\n', ''),
    wrong('capstone.web_service_built', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"\npcs resource create fs ocf:heartbeat:Filesystem device=/dev/sdb1 directory=/var/www/html fstype=ext4\npcs resource create vip ocf:heartbeat:IPaddr2 ip=192.168.122.200/24\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf statusurl=http://localhost/server-status\npcs resource group add webgroup fs vip web\npcs resource defaults update resource-stickiness=100\n', ''),
    wrong('capstone.web_service_built', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"\npcs resource create fs ocf:heartbeat:Filesystem device=/dev/sdb directory=/var/www/html fstype=ext4\npcs resource create vip ocf:heartbeat:IPaddr2 ip=192.168.122.200 cidr_netmask=24\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf statusurl=http://localhost/server-status\npcs resource group add webgroup fs vip web\npcs resource defaults update resource-stickiness=100\n', ''),
    wrong('capstone.web_service_built', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"\npcs resource create fs ocf:heartbeat:Filesystem device=/dev/sdb1 directory=/var/www fstype=ext4\npcs resource create vip ocf:heartbeat:IPaddr2 ip=192.168.122.200 cidr_netmask=24\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf statusurl=http://localhost/server-status\npcs resource group add webgroup fs vip web\npcs resource defaults update resource-stickiness=100\n', ''),
    right('capstone.web_service_built', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"\npcs resource create fs ocf:heartbeat:Filesystem device=/dev/sdb1 directory=/var/www/html fstype=ext4\npcs resource create vip ocf:heartbeat:IPaddr2 ip=192.168.122.200 cidr_netmask=24\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf\npcs resource group add webgroup fs vip web\npcs resource defaults update resource-stickiness=100\n'),
    wrong('capstone.web_service_built', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"\npcs resource create fs ocf:heartbeat:Filesystem device=/dev/sdb1 directory=/var/www/html fstype=ext4\npcs resource create vip ocf:heartbeat:IPaddr2 ip=192.168.122.201 cidr_netmask=24\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf statusurl=http://localhost/server-status\npcs resource group add webgroup fs vip web\npcs resource defaults update resource-stickiness=100\n', ''),
    right('capstone.web_service_built', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"\npcs resource create fs ocf:heartbeat:Filesystem device=/dev/sdb1 directory=/var/www/html fstype=ext4\npcs resource create vip ocf:heartbeat:IPaddr2 ip=192.168.122.200 cidr_netmask=24\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf statusurl=http://localhost/server-status\npcs constraint colocation add vip with fs INFINITY\npcs constraint colocation add web with vip INFINITY\npcs constraint order fs then web\npcs constraint order vip then web\npcs resource defaults update resource-stickiness=100\n'),
    right('capstone.web_service_built', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"\npcs resource create fs ocf:heartbeat:Filesystem device=/dev/sdb1 directory=/var/www/html fstype=ext4\npcs resource create vip ocf:heartbeat:IPaddr2 ip=192.168.122.200 cidr_netmask=24\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf statusurl=http://localhost/server-status\npcs constraint colocation add vip with fs\npcs constraint colocation add web with vip\npcs constraint order fs then vip\npcs constraint order vip then web\npcs resource defaults update resource-stickiness=100\n'),
    wrong('capstone.web_service_built', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"\npcs resource create fs ocf:heartbeat:Filesystem device=/dev/sdb1 directory=/var/www/html fstype=ext4\npcs resource create vip ocf:heartbeat:IPaddr2 ip=192.168.122.200 cidr_netmask=24\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf statusurl=http://localhost/server-status\npcs constraint colocation add web with fs INFINITY\npcs constraint colocation add web with vip INFINITY\npcs constraint order fs then web\npcs constraint order vip then web\npcs resource defaults update resource-stickiness=100\n', 'not running together'),
    right('capstone.web_service_built', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"\npcs resource create fs ocf:heartbeat:Filesystem device=/dev/sdb1 directory=/var/www/html fstype=ext4\npcs resource create vip ocf:heartbeat:IPaddr2 ip=192.168.122.200 cidr_netmask=24\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf statusurl=http://localhost/server-status\npcs resource group add webgroup fs vip web\npcs resource defaults update resource-stickiness=100\n'),
    wrong('capstone.web_service_built', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2"\npcs resource create fs ocf:heartbeat:Filesystem device=/dev/sdb1 directory=/var/www/html fstype=ext4\npcs resource create vip ocf:heartbeat:IPaddr2 ip=192.168.122.200 cidr_netmask=24\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf statusurl=http://localhost/server-status\npcs resource group add webgroup fs vip web\npcs resource defaults update resource-stickiness=100\n', ''),
    wrong('capstone.web_service_built', 'pcs stonith create fence-xvm fence_dummy pcmk_host_list="node1 node2 node3"\npcs resource create fs ocf:heartbeat:Filesystem device=/dev/sdb1 directory=/var/www/html fstype=ext4\npcs resource create vip ocf:heartbeat:IPaddr2 ip=192.168.122.200 cidr_netmask=24\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf statusurl=http://localhost/server-status\npcs resource group add webgroup fs vip web\npcs resource defaults update resource-stickiness=100\n', ''),
    wrong('capstone.web_service_built', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"\npcs resource create FS ocf:heartbeat:Filesystem device=/dev/sdb1 directory=/var/www/html fstype=ext4\npcs resource create vip ocf:heartbeat:IPaddr2 ip=192.168.122.200 cidr_netmask=24\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf statusurl=http://localhost/server-status\npcs resource group add webgroup FS vip web\npcs resource defaults update resource-stickiness=100\n', ''),
    right('capstone.web_service', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"\npcs resource create fs ocf:heartbeat:Filesystem device=/dev/sdb1 directory=/var/www/html fstype=ext4\npcs resource create vip ocf:heartbeat:IPaddr2 ip=192.168.122.200 cidr_netmask=24\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf statusurl=http://localhost/server-status\npcs resource group add webgroup fs vip web\npcs resource defaults update resource-stickiness=INFINITY\n'),
    right('capstone.web_service', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"\npcs resource create fs ocf:heartbeat:Filesystem device=/dev/sdb1 directory=/var/www/html fstype=ext4\npcs resource create vip ocf:heartbeat:IPaddr2 ip=192.168.122.200 cidr_netmask=24\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf statusurl=http://localhost/server-status\npcs resource group add webgroup fs vip web\npcs resource defaults resource-stickiness=100\n'),
    right('capstone.web_service', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"\npcs resource create fs ocf:heartbeat:Filesystem device=/dev/sdb1 directory=/var/www/html fstype=ext4\npcs resource create vip ocf:heartbeat:IPaddr2 ip=192.168.122.200 cidr_netmask=24\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf statusurl=http://localhost/server-status\npcs resource group add webgroup fs vip web\npcs resource defaults update resource-stickiness=1\n'),
    right('capstone.web_service', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"\npcs resource create fs ocf:heartbeat:Filesystem device=/dev/sdb1 directory=/var/www/html fstype=ext4\npcs resource create vip ocf:heartbeat:IPaddr2 ip=192.168.122.200 cidr_netmask=24\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf statusurl=http://localhost/server-status\npcs resource group add webgroup fs vip web\npcs resource defaults update resource-stickiness=100\npcs constraint location webgroup prefers node1=200\n'),
    right('capstone.web_service', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"\npcs resource create fs ocf:heartbeat:Filesystem device=/dev/sdb1 directory=/var/www/html fstype=ext4\npcs resource create vip ocf:heartbeat:IPaddr2 ip=192.168.122.200 cidr_netmask=24\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf statusurl=http://localhost/server-status\npcs resource group add webgroup fs vip web\npcs resource defaults update resource-stickiness=100\npcs constraint location webgroup prefers node1=50\n'),
    right('capstone.web_service', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"\npcs resource create fs ocf:heartbeat:Filesystem device=/dev/sdb1 directory=/var/www/html fstype=ext4\npcs resource create vip ocf:heartbeat:IPaddr2 ip=192.168.122.200 cidr_netmask=24\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf statusurl=http://localhost/server-status\npcs resource group add webgroup fs vip web\npcs resource defaults update resource-stickiness=100\npcs property set no-quorum-policy=freeze\n'),
    right('capstone.web_service', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"\npcs resource create fs ocf:heartbeat:Filesystem device=/dev/sdb1 directory=/var/www/html fstype=ext4\npcs resource create vip ocf:heartbeat:IPaddr2 ip=192.168.122.200 cidr_netmask=24\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf statusurl=http://localhost/server-status\npcs resource group add webgroup fs vip web\npcs resource defaults update resource-stickiness=100\npcs property set no-quorum-policy=suicide\n'),
    right('capstone.web_service', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"\npcs resource create fs ocf:heartbeat:Filesystem device=/dev/sdb1 directory=/var/www/html fstype=ext4\npcs resource create vip ocf:heartbeat:IPaddr2 ip=192.168.122.200 cidr_netmask=24\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf statusurl=http://localhost/server-status\npcs resource group add webgroup fs vip web\npcs resource defaults update resource-stickiness=100\npcs resource meta webgroup migration-threshold=1\n'),
    right('capstone.web_service', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"\npcs resource create fs ocf:heartbeat:Filesystem device=/dev/sdb1 directory=/var/www/html fstype=ext4\npcs resource create vip ocf:heartbeat:IPaddr2 ip=192.168.122.200 cidr_netmask=24\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf statusurl=http://localhost/server-status\npcs resource group add webgroup fs vip web\npcs resource defaults update resource-stickiness=100\npcs resource meta webgroup failure-timeout=60s\n'),
    right('capstone.web_service', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"\npcs resource create fs ocf:heartbeat:Filesystem device=/dev/sdb1 directory=/var/www/html fstype=ext4\npcs resource create vip ocf:heartbeat:IPaddr2 ip=192.168.122.200 cidr_netmask=24\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf statusurl=http://localhost/server-status\npcs resource group add webgroup fs vip web\npcs resource defaults update resource-stickiness=100\npcs property set stonith-action=off\n'),
    wrong('capstone.web_service', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"\npcs resource create fs ocf:heartbeat:Filesystem device=/dev/sdb1 directory=/var/www/html fstype=ext4\npcs resource create vip ocf:heartbeat:IPaddr2 ip=192.168.122.200 cidr_netmask=24\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf statusurl=http://localhost/server-status\npcs resource group add webgroup fs vip web\npcs resource defaults update resource-stickiness=100\npcs property set stonith-watchdog-timeout=10s\n', ''),
    wrong('capstone.web_service', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"\npcs resource create fs ocf:heartbeat:Filesystem device=/dev/sdb1 directory=/var/www/html fstype=ext4\npcs resource create vip ocf:heartbeat:IPaddr2 ip=192.168.122.200 cidr_netmask=24\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf statusurl=http://localhost/server-status\npcs resource group add webgroup fs vip web\npcs resource defaults update resource-stickiness=100\npcs resource clone webgroup\n', ''),
    wrong('capstone.web_service', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"\npcs resource create fs ocf:heartbeat:Filesystem device=/dev/sdb1 directory=/var/www/html fstype=ext4\npcs resource create vip ocf:heartbeat:IPaddr2 ip=192.168.122.200 cidr_netmask=24\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf statusurl=http://localhost/server-status\npcs resource group add webgroup fs vip web\npcs resource defaults update resource-stickiness=100\npcs property set maintenance-mode=true\n', ''),
    right('capstone.two_node_service', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2"\npcs resource create fs ocf:heartbeat:Filesystem device=/dev/sdb1 directory=/var/www/html fstype=ext4\npcs resource create vip ocf:heartbeat:IPaddr2 ip=192.168.122.200 cidr_netmask=24\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf statusurl=http://localhost/server-status\npcs resource group add webgroup fs vip web\npcs resource meta webgroup priority=10\npcs property set priority-fencing-delay=10\npcs resource defaults update resource-stickiness=100\n'),
    right('capstone.two_node_service', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2"\npcs resource create fs ocf:heartbeat:Filesystem device=/dev/sdb1 directory=/var/www/html fstype=ext4\npcs resource create vip ocf:heartbeat:IPaddr2 ip=192.168.122.200 cidr_netmask=24\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf statusurl=http://localhost/server-status\npcs resource group add webgroup fs vip web\npcs resource meta web priority=10\npcs property set priority-fencing-delay=10s\npcs resource defaults update resource-stickiness=100\n'),
    right('capstone.two_node_service', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2"\npcs resource create fs ocf:heartbeat:Filesystem device=/dev/sdb1 directory=/var/www/html fstype=ext4\npcs resource create vip ocf:heartbeat:IPaddr2 ip=192.168.122.200 cidr_netmask=24\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf statusurl=http://localhost/server-status\npcs resource group add webgroup fs vip web\npcs resource meta webgroup priority=1\npcs property set priority-fencing-delay=10s\npcs resource defaults update resource-stickiness=100\n'),
    # priority-fencing-delay=2s: shorter than a fence_xvm action (3 s), so the other node's shot can fire before the
    # holder's has landed (round 9: a head start must outlast the whole fence action)
    wrong('capstone.two_node_service', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2"\npcs resource create fs ocf:heartbeat:Filesystem device=/dev/sdb1 directory=/var/www/html fstype=ext4\npcs resource create vip ocf:heartbeat:IPaddr2 ip=192.168.122.200 cidr_netmask=24\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf statusurl=http://localhost/server-status\npcs resource group add webgroup fs vip web\npcs resource meta webgroup priority=10\npcs property set priority-fencing-delay=2s\npcs resource defaults update resource-stickiness=100\n', 'both nodes were shot'),
    wrong('capstone.two_node_service', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2"\npcs resource create fs ocf:heartbeat:Filesystem device=/dev/sdb1 directory=/var/www/html fstype=ext4\npcs resource create vip ocf:heartbeat:IPaddr2 ip=192.168.122.200 cidr_netmask=24\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf statusurl=http://localhost/server-status\npcs resource group add webgroup fs vip web\npcs resource meta webgroup priority=10\npcs property set priority-fencing-delay=0\npcs resource defaults update resource-stickiness=100\n', ''),
    right('capstone.two_node_service', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2"\npcs resource create fs ocf:heartbeat:Filesystem device=/dev/sdb1 directory=/var/www/html fstype=ext4\npcs resource create vip ocf:heartbeat:IPaddr2 ip=192.168.122.200 cidr_netmask=24\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf statusurl=http://localhost/server-status\npcs resource group add webgroup fs vip web\npcs resource meta webgroup priority=10\npcs property set priority-fencing-delay=10s\n\n'),
    wrong('capstone.two_node_service', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2" pcmk_delay_base="node2:5s"\npcs resource create fs ocf:heartbeat:Filesystem device=/dev/sdb1 directory=/var/www/html fstype=ext4\npcs resource create vip ocf:heartbeat:IPaddr2 ip=192.168.122.200 cidr_netmask=24\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf statusurl=http://localhost/server-status\npcs resource group add webgroup fs vip web\npcs resource meta webgroup priority=10\npcs resource defaults update resource-stickiness=100\n', ''),
    wrong('capstone.two_node_service', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2"\npcs resource create fs ocf:heartbeat:Filesystem device=/dev/sdb1 directory=/var/www/html fstype=ext4\npcs resource create vip ocf:heartbeat:IPaddr2 ip=192.168.122.200 cidr_netmask=24\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf statusurl=http://localhost/server-status\npcs resource group add webgroup fs vip web\npcs resource meta webgroup priority=10\npcs property set priority-fencing-delay=10s\npcs resource defaults update resource-stickiness=100\npcs property set no-quorum-policy=ignore\n', 'fence loop'),  # the shot node, back behind the cut, shoots the holder
    wrong('capstone.two_node_service', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2"\npcs resource create fs ocf:heartbeat:Filesystem device=/dev/sdb1 directory=/var/www/html fstype=ext4\npcs resource create vip ocf:heartbeat:IPaddr2 ip=192.168.122.200 cidr_netmask=24\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf statusurl=http://localhost/server-status\npcs resource group add webgroup fs vip web\npcs resource meta webgroup priority=10\npcs property set priority-fencing-delay=10s\npcs resource defaults update resource-stickiness=100\npcs property set stonith-enabled=false\n', ''),
    wrong('capstone.two_node_service', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2"\npcs resource create fs ocf:heartbeat:Filesystem device=/dev/sdb1 directory=/var/www/html fstype=ext4\npcs resource create vip ocf:heartbeat:IPaddr2 ip=192.168.122.200 cidr_netmask=24\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf statusurl=http://localhost/server-status\npcs resource group add webgroup fs vip web\npcs resource meta webgroup priority=10 priority-fencing-delay=10s\npcs resource defaults update resource-stickiness=100\n', ''),
)

OPERATIONS = (
    right('operations.default_recovery', '74.2'),
    wrong('operations.default_recovery', 71900, ''),
    wrong('operations.default_recovery', 60.0, ''),
    wrong('operations.default_recovery', 80.0, ''),
    right('operations.hung_stop', 'pcs resource update web op stop timeout=20 op monitor interval=10 timeout=20'),
    right('operations.hung_stop', 'pcs resource update web op stop timeout=20000ms'),
    right('operations.hung_stop', 'pcs resource update web op stop interval=0s timeout=20s'),
    wrong('operations.hung_stop', 'pcs resource op add web stop timeout=20s', ''),
    right('operations.hung_stop', 'pcs resource update web op stop timeout=20s\npcs resource update web op monitor interval=10s timeout=20s'),
    wrong('operations.hung_stop', 'pcs resource update web op stop timeout=20s on-fail=restart', ''),
    wrong('operations.hung_stop', 'pcs resource update web op stop timeout=20s on-fail=stop', ''),
    wrong('operations.hung_stop', 'pcs resource update web op stop timeout=20s on-fail=standby', ''),
    wrong('operations.hung_stop', 'pcs resource update web op monitor interval=10s timeout=20s op stop timeout=20s\npcs property set stonith-enabled=false', ''),
    wrong('operations.hung_stop', 'pcs resource update web op stop timeout=60s', ''),
    right('operations.hung_stop', 'pcs resource update web op stop timeout=20s meta migration-threshold=1'),
    wrong('operations.hung_stop', 'pcs resource update web op monitor interval=10s on-fail=fence op stop timeout=20s', ''),
    wrong('operations.hung_stop', 'pcs resource op defaults update timeout=20s', '74.2 s after it died'),
    right('operations.hung_stop', 'pcs resource update web op monitor interval=10s timeout=20s op stop timeout=20s op start timeout=20s'),
)

CONNECTIVITY = (
    right('connectivity.pingd_value', '1000'),
    right('connectivity.pingd_value', 1000.0),
    wrong('connectivity.pingd_value', 500, ''),
    wrong('connectivity.pingd_value', 1, ''),
    wrong('connectivity.pingd_value', 'pingd=1000', ''),
    right('connectivity.uplink_rule', 'pcs resource create ping ocf:pacemaker:ping host_list=10.200.0.1 multiplier=1000 dampen=5s op monitor interval=10s clone\npcs constraint location web rule score-attribute=pingd pingd gt 0'),
    right('connectivity.uplink_rule', 'pcs resource create ping ocf:pacemaker:ping host_list=10.200.0.1 clone\npcs constraint location web rule score-attribute=pingd defined pingd'),
    wrong('connectivity.uplink_rule', 'pcs resource create ping ocf:pacemaker:ping host_list=10.200.0.1 dampen=5s multiplier=100 --clone\npcs constraint location web rule score-attribute=pingd defined pingd', 'option --clone not recognized'),
    right('connectivity.uplink_rule', 'pcs resource create ping ping host_list=10.200.0.1 multiplier=1000 dampen=5s clone\npcs constraint location web rule score-attribute=pingd defined pingd'),
    right('connectivity.uplink_rule', 'pcs resource create ping ocf:pacemaker:ping host_list=10.200.0.1 multiplier=1000 dampen=5s\npcs resource clone ping\npcs constraint location web rule score-attribute=pingd defined pingd'),
    wrong('connectivity.uplink_rule', 'pcs resource create ping ocf:pacemaker:ping host_list=10.200.0.1 multiplier=1000 dampen=5s op monitor interval=10s clone\npcs constraint location web rule score=-INFINITY pingd lt 1', ''),
    right('connectivity.uplink_rule', 'pcs resource create ping ocf:pacemaker:ping host_list=10.200.0.1 multiplier=1000 dampen=5s op monitor interval=10s clone\npcs constraint location web rule score=100 pingd gte 1000'),
    wrong('connectivity.uplink_rule', 'pcs resource create ping ocf:pacemaker:ping host_list=10.200.0.1 multiplier=1000 dampen=5s op monitor interval=10s clone\npcs constraint location web rule score=100 defined pingd', ''),
    wrong('connectivity.uplink_rule', 'pcs resource create ping ocf:pacemaker:ping host_list=10.200.0.1 multiplier=1000 dampen=5s op monitor interval=10s clone\npcs constraint location web rule score=-100 pingd lt 1', 'took the whole service'),
    wrong('connectivity.uplink_rule', 'pcs resource create ping ocf:pacemaker:ping host_list=10.200.0.2 multiplier=1000 dampen=5s op monitor interval=10s clone\npcs constraint location web rule score-attribute=pingd defined pingd', ''),
    wrong('connectivity.uplink_rule', 'pcs resource create ping ocf:pacemaker:ping host_list=10.200.0.1 multiplier=1000 dampen=60s op monitor interval=10s clone\npcs constraint location web rule score-attribute=pingd defined pingd', ''),
    wrong('connectivity.uplink_rule', 'pcs resource create ping ocf:pacemaker:ping host_list=10.200.0.1 multiplier=1000 dampen=5s op monitor interval=10s clone\npcs constraint location web rule score-attribute=pingd defined pingd\npcs resource defaults update resource-stickiness=5000', ''),
    wrong('connectivity.uplink_rule', 'pcs resource create ping ocf:pacemaker:ping host_list=10.200.0.1 multiplier=1000 dampen=5s op monitor interval=10s clone\npcs constraint location ping-clone rule score-attribute=pingd defined pingd', ''),
    right('connectivity.uplink_rule', 'pcs resource create ping ocf:pacemaker:ping host_list=10.200.0.1 multiplier=1000 dampen=5s op monitor interval=10s clone\npcs constraint location web rule score-attribute=pingd pingd gt 0'),
)

TOPOLOGY = (
    right('topology.fence_topology', 'pcs stonith create ipmi-node1 fence_ipmilan ip=10.0.0.51 username=admin password=secret lanplus=1 pcmk_host_list=node1\npcs stonith create ipmi-node2 fence_ipmilan ip=10.0.0.52 username=admin password=secret lanplus=1 pcmk_host_list=node2\npcs stonith create ipmi-node3 fence_ipmilan ip=10.0.0.53 username=admin password=secret lanplus=1 pcmk_host_list=node3\npcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"\npcs stonith level add 1 node1 ipmi-node1\npcs stonith level add 2 node1 fence-xvm\npcs stonith level add 1 node2 ipmi-node2\npcs stonith level add 2 node2 fence-xvm\npcs stonith level add 1 node3 ipmi-node3\npcs stonith level add 2 node3 fence-xvm'),
    right('topology.fence_topology', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"\npcs stonith create ipmi-node1 fence_ipmilan ip=10.0.0.51 username=admin password=secret lanplus=1 pcmk_host_list=node1\npcs stonith create ipmi-node2 fence_ipmilan ip=10.0.0.52 username=admin password=secret lanplus=1 pcmk_host_list=node2\npcs stonith create ipmi-node3 fence_ipmilan ip=10.0.0.53 username=admin password=secret lanplus=1 pcmk_host_list=node3\npcs stonith level add 1 node1 ipmi-node1\npcs stonith level add 2 node1 fence-xvm\npcs stonith level add 1 node2 ipmi-node2\npcs stonith level add 2 node2 fence-xvm\npcs stonith level add 1 node3 ipmi-node3\npcs stonith level add 2 node3 fence-xvm'),
    wrong('topology.fence_topology', 'pcs stonith create ipmi-node1 fence_ipmilan ip=10.0.0.51 username=admin password=secret lanplus=1 pcmk_host_list=node1\npcs stonith create ipmi-node2 fence_ipmilan ip=10.0.0.52 username=admin password=secret lanplus=1 pcmk_host_list=node2\npcs stonith create ipmi-node3 fence_ipmilan ip=10.0.0.53 username=admin password=secret lanplus=1 pcmk_host_list=node3\npcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"\npcs stonith level add 1 regexp%node[1-3] fence-xvm', 'tried fence-xvm first'),
    wrong('topology.fence_topology', 'pcs stonith create ipmi-node1 fence_ipmilan ip=10.0.0.51 username=admin password=secret lanplus=1 pcmk_host_list=node1\npcs stonith create ipmi-node2 fence_ipmilan ip=10.0.0.52 username=admin password=secret lanplus=1 pcmk_host_list=node2\npcs stonith create ipmi-node3 fence_ipmilan ip=10.0.0.53 username=admin password=secret lanplus=1 pcmk_host_list=node3\npcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"', 'no fencing level applies'),
    wrong('topology.fence_topology', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"\npcs stonith create ipmi-node1 fence_ipmilan ip=10.0.0.51 username=admin password=secret lanplus=1 pcmk_host_list=node1\npcs stonith create ipmi-node2 fence_ipmilan ip=10.0.0.52 username=admin password=secret lanplus=1 pcmk_host_list=node2\npcs stonith create ipmi-node3 fence_ipmilan ip=10.0.0.53 username=admin password=secret lanplus=1 pcmk_host_list=node3', 'no fencing level applies'),
    wrong('topology.fence_topology', 'pcs stonith create ipmi-node1 fence_ipmilan ip=10.0.0.51 username=admin password=secret lanplus=1 pcmk_host_list=node1\npcs stonith create ipmi-node2 fence_ipmilan ip=10.0.0.52 username=admin password=secret lanplus=1 pcmk_host_list=node2\npcs stonith create ipmi-node3 fence_ipmilan ip=10.0.0.53 username=admin password=secret lanplus=1 pcmk_host_list=node3\npcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"\npcs stonith level add 2 node1 ipmi-node1\npcs stonith level add 1 node1 fence-xvm\npcs stonith level add 2 node2 ipmi-node2\npcs stonith level add 1 node2 fence-xvm\npcs stonith level add 2 node3 ipmi-node3\npcs stonith level add 1 node3 fence-xvm', 'tried fence-xvm first'),
    wrong('topology.fence_topology', 'pcs stonith create ipmi-node1 fence_ipmilan ip=10.0.0.51 username=admin password=secret lanplus=1 pcmk_host_list=node1\npcs stonith create ipmi-node2 fence_ipmilan ip=10.0.0.52 username=admin password=secret lanplus=1 pcmk_host_list=node2\npcs stonith create ipmi-node3 fence_ipmilan ip=10.0.0.53 username=admin password=secret lanplus=1 pcmk_host_list=node3\npcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"\npcs stonith level add 1 node1 ipmi-node1\npcs stonith level add 1 node2 ipmi-node2\npcs stonith level add 1 node3 ipmi-node3', 'not by the hypervisor'),
    wrong('topology.fence_topology', 'pcs stonith create ipmi-node1 fence_ipmilan ip=10.0.0.51 username=admin password=secret lanplus=1 pcmk_host_list=node1\npcs stonith create ipmi-node2 fence_ipmilan ip=10.0.0.52 username=admin password=secret lanplus=1 pcmk_host_list=node2\npcs stonith create ipmi-node3 fence_ipmilan ip=10.0.0.53 username=admin password=secret lanplus=1 pcmk_host_list=node3\npcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"\npcs stonith level add 1 node1 ipmi-node1,fence-xvm\npcs stonith level add 1 node2 ipmi-node2,fence-xvm\npcs stonith level add 1 node3 ipmi-node3,fence-xvm', 'not by the hypervisor'),
    right('topology.fence_topology', 'pcs stonith create ipmi-node1 fence_ipmilan ip=10.0.0.51 username=admin password=secret lanplus=1 pcmk_host_list=node1\npcs stonith create ipmi-node2 fence_ipmilan ip=10.0.0.52 username=admin password=secret lanplus=1 pcmk_host_list=node2\npcs stonith create ipmi-node3 fence_ipmilan ip=10.0.0.53 username=admin password=secret lanplus=1 pcmk_host_list=node3\npcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"\npcs stonith level add 1 node1 ipmi-node1\npcs stonith level add 3 node1 fence-xvm\npcs stonith level add 1 node2 ipmi-node2\npcs stonith level add 3 node2 fence-xvm\npcs stonith level add 1 node3 ipmi-node3\npcs stonith level add 3 node3 fence-xvm'),
    wrong('topology.fence_topology', 'pcs stonith create ipmi-node1 fence_ipmilan ip=10.0.0.51 username=admin password=secret lanplus=1 pcmk_host_list=node1\npcs stonith create ipmi-node2 fence_ipmilan ip=10.0.0.52 username=admin password=secret lanplus=1 pcmk_host_list=node2\npcs stonith create ipmi-node3 fence_ipmilan ip=10.0.0.53 username=admin password=secret lanplus=1 pcmk_host_list=node3\npcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"\npcs stonith level add 1 node1 ipmi-node1\npcs stonith level add 2 node1 fence-xvm\npcs stonith level add 1 node2 ipmi-node2\npcs stonith level add 2 node2 fence-xvm', 'no fencing level applies to node3'),
    wrong('topology.fence_topology', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"\npcs stonith create ipmi fence_ipmilan ip=10.0.0.50 username=admin password=secret lanplus=1 pcmk_host_list="node1 node2 node3"\npcs stonith level add 1 node1 ipmi\npcs stonith level add 2 node1 fence-xvm\npcs stonith level add 1 node2 ipmi\npcs stonith level add 2 node2 fence-xvm\npcs stonith level add 1 node3 ipmi\npcs stonith level add 2 node3 fence-xvm', 'management board at 10.0.0.50'),
)


# Second round (issue 15): thirty students per exercise. Agent-name typos the real pcs refuses, the 'stonith:'
# prefix pcs 0.11 refuses, a fence device banned from every node, timeouts too short for a healthy busy agent,
# a finite colocation as a repair of "always together", orders and colocations the wrong way round, unsafe
# quorum and fencing switches, and the equivalent spellings that must pass.
_VIPC = "pcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=24"
_NOSTONITH = "pcs property set stonith-enabled=false\n"
_WEBC = "pcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf"
_FSC = "pcs resource create fs ocf:heartbeat:Filesystem device=/dev/vdb1 directory=/srv/www fstype=ext4"
_PAIR_PREF = "pcs constraint location vip prefers node2=100\n"
_FX = 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"'
_CAP_RES = ("pcs resource create fs ocf:heartbeat:Filesystem device=/dev/sdb1 directory=/var/www/html fstype=ext4\n"
           "pcs resource create vip ocf:heartbeat:IPaddr2 ip=192.168.122.200 cidr_netmask=24\n"
           "pcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf "
           "statusurl=http://localhost/server-status\n")
_CAP = _FX + "\n" + _CAP_RES + "pcs resource group add webgroup fs vip web\npcs resource defaults update resource-stickiness=100\n"
_PAIRFX = 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2"\n'
_PAIR_CAP = (_PAIRFX + _CAP_RES + "pcs resource group add webgroup fs vip web\npcs resource meta webgroup priority=10\n"
            "pcs property set priority-fencing-delay=10s\npcs resource defaults update resource-stickiness=100\n")
_PING = "pcs resource create ping ocf:pacemaker:ping host_list=10.200.0.1 multiplier=1000 dampen=5s op monitor interval=10s clone\n"

_IPMI = "".join(f"pcs stonith create ipmi-node{i} fence_ipmilan ip=10.0.0.5{i} username=admin password=secret lanplus=1 pcmk_host_list=node{i}\n" for i in (1, 2, 3))
_XVM = 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"\n'
_LEVELS = "".join(f"pcs stonith level add 1 node{i} ipmi-node{i}\npcs stonith level add 2 node{i} fence-xvm\n" for i in (1, 2, 3))

# a function that measures on the simulator instead of predicting
_MEASURE = ("    lab = Lab.simulated(nodes=nodes, corosync={'totem': {'token': token, 'token_coefficient': token_coefficient}})\n"
           "    lab.advance(30)\n    t = lab.now\n    lab.crash('node1')\n"
           "    lab.wait_until(lambda s: 'node1' not in [n.name for n in s.nodes if n.status == 'online'], 60)\n"
           "    return (lab.now - t) * 1000\n")

_V6 = "pcs property set stonith-enabled=false\npcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=24"

_G7 = "pcs resource group add webgroup fs vip web\n"
_S7 = "pcs resource defaults update resource-stickiness=100\n"

SECOND_ROUND = (
    # 05 vip
    wrong("resources.vip_monitored", _NOSTONITH + _VIPC.replace("IPaddr2", "IPAddr2"), ""),
    wrong("resources.vip_monitored", _VIPC, ""),  # forgot that nothing starts without fencing
    wrong("resources.vip_monitored", _NOSTONITH + _VIPC + " --disabled", ""),
    right("resources.vip_monitored", _VIPC + " op monitor interval=10s\n" + _NOSTONITH.strip()),
    right("resources.vip_monitored", _NOSTONITH + _VIPC + " op monitor interval=10s timeout=20s"),
    right("resources.vip_monitored", _NOSTONITH + _VIPC + " op monitor interval=10sec"),
    wrong("resources.vip_monitored", _NOSTONITH + _VIPC + " op monitor interval=30s", ""),
    wrong("resources.vip_monitored", _NOSTONITH + _VIPC + "\npcs resource ban vip node1\npcs resource ban vip node2\npcs resource ban vip node3", ""),
    wrong("resources.vip_monitored", _NOSTONITH + _VIPC.replace("10.200.0.100", "10.200.0.100/24").replace(" cidr_netmask=24", ""), "refuses"),
    # pcs refuses a second monitor unless forced: `pcs resource update vip op monitor interval=5s` replaces it
    wrong("resources.vip_monitored", _NOSTONITH + _VIPC + "\npcs resource op add vip monitor interval=5s", "already specified"),
    right("resources.vip_monitored", "crm_attribute --type crm_config --name stonith-enabled --update false\n" + _VIPC),
    # 05 web
    wrong("resources.web_service", _NOSTONITH + _VIPC + "\n" + _WEBC, ""),  # no constraint: apart
    wrong("resources.web_service", _NOSTONITH + _VIPC + "\n" + _WEBC + "\npcs constraint colocation add web with vip 100", ""),
    right("resources.web_service", _NOSTONITH + _VIPC + " --group websvc\n" + _WEBC + " --group websvc\npcs resource defaults update resource-stickiness=100"),
    wrong("resources.web_service", _NOSTONITH + _VIPC + "\n" + _WEBC + "\npcs constraint order vip then web", ""),
    wrong("resources.web_service", _NOSTONITH + _VIPC + "\n" + _WEBC.replace("apache", "Apache") + "\npcs resource group add websvc vip web", ""),
    right("resources.web_service", _NOSTONITH + _VIPC + "\n" + _WEBC + "\npcs constraint colocation add web with vip score=INFINITY\npcs constraint order start vip then start web"),
    # 05 fs
    wrong("resources.filesystem_first", _NOSTONITH + _FSC + " --group websvc\n" + _WEBC + " --group websvc --before fs", ""),
    right("resources.filesystem_first", _NOSTONITH + _FSC + "\n" + _WEBC + "\npcs constraint colocation add web with fs INFINITY\npcs constraint order fs then web"),
    wrong("resources.filesystem_first", _NOSTONITH + _FSC + "\n" + _WEBC + "\npcs constraint colocation add web with fs INFINITY", ""),
    wrong("resources.filesystem_first", _NOSTONITH + _FSC + "\n" + _WEBC + "\npcs constraint order fs then web", ""),
    wrong("resources.filesystem_first", _NOSTONITH + _FSC.replace("/dev/vdb1", "/dev/sdb1") + " --group websvc\n" + _WEBC + " --group websvc", ""),
    right("resources.filesystem_first", _NOSTONITH + _FSC.replace("/srv/www", "/srv/www/") + " --group websvc\n" + _WEBC + " --group websvc"),
    wrong("resources.filesystem_first", _NOSTONITH + _FSC + "\n" + _WEBC + "\npcs constraint colocation add fs with web INFINITY\npcs constraint order web then fs", ""),
    # 06 together
    wrong("constraints.together_in_order", _PAIR_PREF + "pcs constraint colocation add vip with web INFINITY\npcs constraint order vip then web", ""),
    wrong("constraints.together_in_order", _PAIR_PREF + "pcs constraint colocation add web with vip 1000\npcs constraint order vip then web", ""),
    wrong("constraints.together_in_order", "pcs constraint location vip prefers node1=100\npcs constraint colocation add web with vip INFINITY\npcs constraint order vip then web", ""),
    right("constraints.together_in_order", _PAIR_PREF + "pcs constraint colocation add started web with started vip INFINITY\npcs constraint order start vip then start web"),
    right("constraints.together_in_order", _PAIR_PREF + "pcs constraint colocation add web with vip INFINITY\npcs constraint order vip then web\npcs property set stonith-enabled=false"),  # already off here
    wrong("constraints.together_in_order", _PAIR_PREF + "pcs constraint colocation add web with vip INFINITY\npcs constraint order vip then web\npcs constraint location web prefers node3=INFINITY", ""),
    wrong("constraints.together_in_order", _PAIR_PREF + "pcs constraint colocation add web with vip INFINITY", ""),
    wrong("constraints.together_in_order", _PAIR_PREF + "pcs constraint order vip then web", ""),
    right("constraints.together_in_order", "crm_resource --resource vip --move --node node2\npcs constraint colocation add web with vip INFINITY\npcs constraint order vip then web"),
    # 06 sticky
    right("constraints.stays_put", "pcs resource defaults update resource-stickiness=200"),
    wrong("constraints.stays_put", "pcs resource defaults update resource-stickiness=10", ""),
    wrong("constraints.stays_put", "pcs resource defaults update stickiness=100", ""),
    wrong("constraints.stays_put", "pcs constraint location webgroup prefers node1=INFINITY", ""),
    wrong("constraints.stays_put", "pcs resource meta webgroup target-role=Stopped", ""),
    # 06 read_scores
    wrong("constraints.read_scores", 50.5, ""),
    wrong("constraints.read_scores", "110 points", ""),
    # 07
    wrong("failover.migration_policy", "pcs resource meta web migration-threshold=1", ""),
    wrong("failover.migration_policy", "pcs resource update web op monitor interval=20s on-fail=fence\npcs resource meta web migration-threshold=2", ""),
    # round 7: real 2.1.5 does not read it ("can fail 999998 more times ... (1000000)", crm_simulate -VVVV)
    wrong("failover.migration_policy", "pcs resource meta web migration_threshold=2", "not one Pacemaker reads"),
    right("failover.forgiven_failures", "pcs resource meta web migration-threshold=3 failure-timeout=120s"),
    wrong("failover.forgiven_failures", "pcs resource meta web migration-threshold=3 failure-timeout=60s", ""),
    wrong("failover.forgiven_failures", "pcs resource meta web migration-threshold=3 failure-timeout=2", ""),
    wrong("failover.forgiven_failures", "pcs resource meta web migration-threshold=3", ""),
    wrong("failover.forgiven_failures", "pcs resource meta web failure-timeout=2min", ""),
    wrong("failover.fast_recovery", {"token_ms": 1000, "monitor_seconds": 4, "consensus_ms": 600}, ""),
    wrong("failover.fast_recovery", {"token_ms": "1s", "monitor_seconds": 4}, ""),
    wrong("failover.fast_recovery", {"token_ms": True, "monitor_seconds": 4}, ""),
    wrong("failover.measured_failover", "10.66 s", ""),
    # 08
    wrong("fencing.fence_device", _FX + "\npcs constraint location fence-xvm avoids node1 node2 node3", ""),
    wrong("fencing.fence_device", _FX + "\npcs constraint location fence-xvm avoids node1=INFINITY node2=INFINITY node3=INFINITY", ""),
    wrong("fencing.fence_device", _FX + "\npcs property set stonith-enabled=false", ""),
    wrong("fencing.fence_device", 'pcs stonith create fence-xvm fence_virsh pcmk_host_list="node1 node2 node3"', ""),
    wrong("fencing.fence_device", 'pcs stonith create fence-xvm fence-xvm pcmk_host_list="node1 node2 node3"', ""),
    wrong("fencing.fence_device", 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1.lab node2.lab node3.lab"', ""),
    wrong("fencing.fence_device", 'pcs stonith create fence-xvm stonith:fence_xvm pcmk_host_list="node1 node2 node3"',
          "do not use the 'stonith:' prefix"),
    right("fencing.fence_device", _FX + " op monitor interval=60s"),
    wrong("fencing.fence_device", 'pcs stonith create f-node1 fence_xvm pcmk_host_list=node1\npcs constraint location f-node1 prefers node1=INFINITY\npcs constraint location f-node1 avoids node2 node3\n'
          'pcs stonith create f-node2 fence_xvm pcmk_host_list=node2\npcs constraint location f-node2 avoids node1 node3\n'
          'pcs stonith create f-node3 fence_xvm pcmk_host_list=node3\npcs constraint location f-node3 avoids node1 node2', ""),
    wrong("fencing.fence_race", _PAIRFX.strip() + ' pcmk_delay_base="node1:5s"', ""),
    wrong("fencing.fence_race", 'pcs stonith create fence-node1 fence_xvm pcmk_host_list=node1 pcmk_delay_base=5s\npcs stonith create fence-node2 fence_xvm pcmk_host_list=node2', ""),
    right("fencing.fence_race", _PAIRFX.strip() + ' pcmk_delay_base="node2:5s"\npcs property set priority-fencing-delay=0'),
    wrong("fencing.fence_race", 'pcs stonith create fence-node1 fence_xvm pcmk_host_list=node1\npcs stonith create fence-node2 fence_xvm pcmk_host_list=node2 pcmk_delay_base=5s\npcs constraint location fence-node2 avoids node1 node2', ""),
    wrong("fencing.fence_race", _PAIRFX.strip() + ' pcmk_delay_base="node2:5s"\npcs property set stonith-enabled=false', ""),
    wrong("fencing.without_fencing", ["node1"], ""),
    wrong("fencing.without_fencing", {"node2"}, ""),
    # 10 capstone
    wrong("capstone.web_service", _CAP + "pcs property set no-quorum-policy=ignore", ""),
    wrong("capstone.web_service", _CAP + "pcs property set stonith-enabled=false", ""),
    wrong("capstone.web_service", _CAP.replace("group add webgroup fs vip web", "group add webgroup web fs vip"), ""),
    wrong("capstone.web_service", _CAP.replace("pcs resource defaults update resource-stickiness=100\n", ""), ""),
    wrong("capstone.web_service", _CAP + "pcs constraint location webgroup prefers node1=INFINITY", ""),
    right("capstone.web_service", _CAP.replace("resource-stickiness=100", "resource-stickiness=INFINITY")),
    right("capstone.web_service", _CAP.replace("pcs resource defaults update resource-stickiness=100", "pcs resource meta webgroup resource-stickiness=100")),
    wrong("capstone.web_service", _CAP + "pcs resource update web op stop timeout=1s", "stop has a timeout of 1 s"),
    wrong("capstone.two_node_service", _PAIR_CAP + "pcs quorum update wait_for_all=0", ""),
    wrong("capstone.two_node_service", _PAIR_CAP.replace("pcs resource meta webgroup priority=10\n", ""), ""),
    wrong("capstone.two_node_service", _PAIRFX + _CAP_RES + "pcs resource group add webgroup fs vip web\npcs resource defaults update resource-stickiness=100\n", ""),
    right("capstone.two_node_service", _PAIR_CAP.replace("priority-fencing-delay=10s", "priority-fencing-delay=15")),
    # 11 operations
    wrong("operations.hung_stop", "pcs resource update web op stop timeout=1s", "stop has a timeout of"),
    wrong("operations.hung_stop", "pcs resource update web op stop timeout=2s", "stop has a timeout of"),
    wrong("operations.hung_stop", "pcs resource update web op stop timeout=1", "stop has a timeout of"),
    right("operations.hung_stop", "pcs resource update web op stop timeout=30s"),
    right("operations.hung_stop", "pcs resource update web op stop timeout=30000ms"),
    right("operations.hung_stop", "pcs resource update web op stop timeout=30sec"),
    wrong("operations.hung_stop", "pcs resource update web op stop timeout=20s\npcs resource update web meta is-managed=false", ""),
    wrong("operations.hung_stop", "pcs resource update web op stop timeout=20s\npcs stonith disable fence-xvm", ""),
    wrong("operations.hung_stop", "pcs resource update web op stop timeout=40s", ""),
    right("operations.hung_stop", "pcs resource op defaults update timeout=20s\npcs resource update web op stop timeout=20s"),
    wrong("operations.hung_stop", "pcs resource update web op monitor interval=10s timeout=1s op stop timeout=20s",
          "monitor has a timeout of 1 s"),
    wrong("operations.default_recovery", "74.2 s", ""),
    # 12 connectivity
    wrong("connectivity.uplink_rule", _PING + "pcs constraint location web rule score=-INFINITY not_defined pingd or pingd lte 0", ""),
    right("connectivity.uplink_rule", _PING + "pcs constraint location web rule score-attribute=pingd defined pingd\npcs resource defaults update resource-stickiness=100"),
    wrong("connectivity.uplink_rule", _PING.replace(" clone", "") + "pcs constraint location web rule score-attribute=pingd defined pingd", ""),
    wrong("connectivity.uplink_rule", _PING.replace("host_list=10.200.0.1", "host_list=10.200.0.100") + "pcs constraint location web rule score-attribute=pingd defined pingd", ""),
    wrong("connectivity.uplink_rule", _PING + "pcs constraint location web rule score-attribute=ping defined ping", ""),
    wrong("connectivity.uplink_rule", _PING + "pcs constraint location web rule score=-INFINITY pingd lt 1000", ""),
    wrong("connectivity.uplink_rule", _PING.replace("ocf:pacemaker:ping", "ocf:pacemaker:pingd"), ""),
    # 03 quorum designs
    wrong("quorum.two_node_design", {"two_node": 1, "wait_for_all": 0}, ""),
    wrong("quorum.two_node_design", {"two_node": 1, "expected_votes": 1}, ""),
    right("quorum.two_node_design", {"two_node": 1, "wait_for_all": 1}),
    wrong("quorum.down_to_one_design", {"last_man_standing": 1, "auto_tie_breaker": 1}, ""),
    right("quorum.down_to_one_design", {"last_man_standing": 1, "wait_for_all": 1, "auto_tie_breaker": 1, "two_node": 1}),  # off with 4 nodes
    right("quorum.down_to_one_design", {"last_man_standing": 1, "wait_for_all": 1, "auto_tie_breaker": 1, "last_man_standing_window": 10000}),
    wrong("quorum.arbiter_design", {"device": {"model": "net", "votes": 1, "net": {"host": "qnetd", "algorithm": "lms"}}, "auto_tie_breaker": 1}, ""),
    # ffsplit without votes: 1 written out: corosync-qdevice exits ("50:50 split algorithm works only if ...")
    wrong("quorum.arbiter_design", {"device": {"model": "net", "net": {"host": "qnetd", "algorithm": "ffsplit"}}}, "not quorate"),
    right("quorum.arbiter_design", {"device": {"model": "net", "votes": 1, "net": {"host": "qnetd", "algorithm": "lms"}}}),
    wrong("quorum.arbiter_design", {"device": {"model": "net", "votes": 1, "net": {"host": "qnetd", "algorithm": "ffsplit"}}, "two_node": 1, "wait_for_all": 0}, ""),
    # fakes on function checks
    wrong("quorum.quorum_formula", "def votes_needed(n):\n    return {1: 1, 2: 2, 3: 2, 4: 3, 5: 3}[n]\n", "", "votes_needed"),
    wrong("availability.parallel_function", "def parallel(*a):\n    import time\n    while True:\n        try:\n            time.sleep(1)\n        except BaseException:\n            pass\n", "", "parallel"),
    wrong("corosync.detection_formula", "def detection_ms(nodes, token=3000, token_coefficient=650, consensus=None):\n    import sys\n    return sys._getframe(1).f_locals.get('measured', 0)\n", "", "detection_ms"),
    # 04 building
    wrong("building.built_from_bare", ["pcs host auth node1 node2 node3 -u hacluster -p secret", "pcs cluster setup webcluster node1 node2 node3 --start", "pcs cluster stop --all"], ""),
    right("building.built_from_bare", ["pcs host auth node1 node2 node3 -u hacluster -p secret", "pcs cluster setup webcluster node1 node2 node3", "pcs cluster start --all", "pcs cluster enable --all"]),
    # 09
    wrong("troubleshooting.repaired", {"D": ["pcs quorum expected-votes 1"]}, "", puzzle_letter="D"),
    wrong("troubleshooting.repaired", {"D": ["pcs property set stonith-enabled=false", "pcs property set no-quorum-policy=ignore"]}, "", puzzle_letter="D"),
    wrong("troubleshooting.repaired", {"B": ["pcs constraint colocation add web with vip 100"]}, "ran away from vip",
          puzzle_letter="B"),
    wrong("troubleshooting.repaired", {"C": ["pcs resource ban webgroup node3", "pcs resource ban webgroup node1"]}, "", puzzle_letter="C"),
    right("troubleshooting.repaired", {"C": ["crm_resource --clear --resource webgroup"]}, puzzle_letter="C"),
    wrong("troubleshooting.repaired", {"A": ["pcs constraint location webgroup prefers node2.lab.example=100"]}, "", puzzle_letter="A"),
    # 08 topology: a fallback device nobody may run, levels fenced ignores (index above 9)
    wrong("topology.fence_topology", _IPMI + _XVM + "".join(f"pcs stonith level add 1 node{i} ipmi-node{i} fence-xvm\n" for i in (1, 2, 3)), "not by the hypervisor"),
    wrong("topology.fence_topology", _IPMI + _XVM + _LEVELS.replace("level add 1 node2 ipmi-node2", "level add 1 node2 ipmi-nod2"), "ipmi-nod2"),
    wrong("topology.fence_topology", _IPMI + _XVM + _LEVELS + "pcs constraint location fence-xvm avoids node1 node2 node3", "may run on no other node"),
    right("topology.fence_topology", _IPMI + _XVM + _LEVELS + "".join(f"pcs constraint location ipmi-node{i} avoids node{i}\n" for i in (1, 2, 3))),
    wrong("topology.fence_topology", _IPMI + _XVM + "".join(f"pcs stonith level add 10 node{i} ipmi-node{i}\npcs stonith level add 20 node{i} fence-xvm\n" for i in (1, 2, 3)), "no fencing level applies"),
    wrong("topology.fence_topology", _IPMI.replace("ip=10.0.0.53", "ip=10.0.0.52") + _XVM + _LEVELS, "10.0.0.52"),
    wrong("fencing.fence_device", 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"\npcs constraint location fence-xvm prefers node1=INFINITY\npcs constraint location fence-xvm avoids node2 node3', "may run on no other node"),
    right("fencing.fence_device", 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"\npcs constraint location fence-xvm avoids node1'),
    # function answers: the simulator reached another way, frames and the heap searched, the judge killed,
    # side effects at import; and plain alternatives
    wrong("corosync.detection_formula", FORMULA + "    import importlib\n    Lab = importlib.import_module('halab_' + 'kernel').Lab\n" + _MEASURE, "", "detection_ms"),
    wrong("corosync.detection_formula", FORMULA + "    import sys\n    sys.path.insert(0, '/work/main')\n    Lab = __import__('halab_kernel').Lab\n" + _MEASURE, "", "detection_ms"),
    wrong("corosync.detection_formula", FORMULA + "    import subprocess\n    return float(subprocess.run(['python3', '-c', 'print(8030)'], capture_output=True, text=True).stdout)\n", "", "detection_ms"),
    wrong("corosync.detection_formula", FORMULA + "    import gc\n    found = [o for o in gc.get_objects() if isinstance(o, dict) and 'measured' in o]\n    return found[0]['measured'] if found else 0\n", "", "detection_ms"),
    wrong("corosync.detection_formula", FORMULA + "    import sys\n    f = sys._getframe()\n    while f:\n        if 'measured' in f.f_locals:\n            return f.f_locals['measured']\n        f = f.f_back\n    return 0\n", "", "detection_ms"),
    wrong("availability.series_function", "def series(*a):\n    import os\n    os.kill(os.getppid(), 9)\n    return 1.0\n", "", "series"),
    wrong("availability.series_function", "import os\nos.system('echo PASSED > /tmp/verdict')\ndef series(*a):\n    return 0.0\n", "", "series"),
    right("availability.series_function", "def series(*availabilities):\n    result = 1.0\n    for availability in availabilities:\n        result = result * availability\n    return result\n", "series"),
    right("availability.series_function", "from functools import reduce\ndef series(*a):\n    return reduce(lambda x, y: x * y, a, 1)\n", "series"),
    wrong("availability.series_function", "def series(a, b, c=1.0):\n    return a * b * c\n", "series(", "series"),
    wrong("availability.parallel_function", "import math\ndef parallel(*a):\n    return 1 - math.prod(a)\n", "parallel(", "parallel"),
    right("availability.parallel_function", "import numpy as np\ndef parallel(*a):\n    return float(1 - np.prod([1 - x for x in a]))\n", "parallel"),
    wrong("quorum.quorum_formula", "import math\ndef votes_needed(n):\n    return math.ceil(n / 2)\n", "returned", "votes_needed"),
    right("quorum.quorum_formula", "def votes_needed(expected_votes):\n    return expected_votes - (expected_votes - 1) // 2\n", "votes_needed"),
    wrong("availability.downtime_minutes", 8.76, "you answered"),
    wrong("corosync.detection_time", 8030, "you answered"),
    wrong("constraints.read_scores", 111, ""),
    right("failover.measured_failover", 10.7),
    # corosync.conf refusals and quorum options beside the point; a ping attribute of another name
    wrong("building.three_node_conf", _CONF.replace("token: 2000", "token: 2000\n crypto_cipher: aes256\n crypto_hash: none"), "corosync refuses"),
    wrong("building.three_node_conf", _CONF.replace("  nodeid: 2\n", ""), "corosync refuses"),
    wrong("building.three_node_conf", _CONF.replace("ring0_addr: 10.0.0.3", "ring0_addr: 10.0.0.2"), ""),
    # 1.2 x the token *before* the coefficient: shorter than 1.2 x the 2650 ms token 3 nodes get (notebook 02)
    wrong("building.three_node_conf", _CONF.replace("token: 2000", "token: 2000\n consensus: 2400"), "not what a 2000 ms token gives"),
    wrong("building.three_node_conf", _CONF.replace("token: 2000", "token: 2000\n consensus: 1000"), ""),
    wrong("building.two_node_conf", _PAIR.replace("two_node: 1", "auto_tie_breaker: 1"), ""),
    wrong("connectivity.uplink_rule", _PING.replace("dampen=5s", "dampen=5s name=connectivity") + "pcs constraint location web rule score-attribute=pingd defined pingd", ""),
    right("connectivity.uplink_rule", _PING.replace("dampen=5s", "dampen=5s name=connectivity") + "pcs constraint location web rule score-attribute=connectivity defined connectivity"),
    right("connectivity.uplink_rule", _PING.replace(" clone\n", " clone interleave=true\n") + "pcs constraint location web rule score-attribute=pingd defined pingd"),
    right("failover.forgiven_failures", "pcs resource meta web migration-threshold=3 failure-timeout=PT2M"),
    right("fencing.fence_race", 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2" pcmk_delay_base="node2:5s" pcmk_delay_max=0'),
    right("quorum.down_to_one_design", {"last_man_standing": 1, "wait_for_all": 1, "auto_tie_breaker": 1, "expected_votes": 4}),
    wrong("quorum.two_node_design", {"auto_tie_breaker": 1}, ""),
    wrong("quorum.two_node_design", {"two_node": 1, "last_man_standing": 1, "wait_for_all": 0}, ""),
    # waits and timeouts without end, a disabled device, text that only prints, attributes set by hand
    right("resources.vip_monitored", _V6 + " --wait=999999"),
    right("building.built_from_bare", ["pcs host auth node1 node2 node3 -u hacluster -p secret", "pcs cluster setup webcluster node1 node2 node3", "pcs cluster start --all --wait=999999999999"]),
    wrong("operations.hung_stop", "pcs resource update web op stop timeout=99999999999999999999999s", ""),
    wrong("operations.hung_stop", "pcs resource update web op stop timeout=20s op monitor interval=0.001s", ""),
    wrong("operations.hung_stop", "pcs resource update web op stop timeout=20s\npcs stonith update fence-xvm pcmk_delay_base=30s", ""),
    right("operations.hung_stop", "pcs resource update web op stop timeout=20s\npcs property set stonith-timeout=300s"),
    wrong("fencing.fence_device", _FX + " meta target-role=Stopped", "disabled"),
    wrong("fencing.fence_device", _FX + "\ncrm_attribute --type crm_config --name stonith-enabled --update false", ""),
    right("fencing.fence_device", _FX + "\npcs property set stonith-enabled=false\npcs property set stonith-enabled=true"),
    right("fencing.fence_device", _FX + "\npcs stonith level add 1 node1 fence-xvm\npcs stonith level add 1 node2 fence-xvm\npcs stonith level add 1 node3 fence-xvm"),
    wrong("resources.vip_monitored", "echo 'PASSED 05.vip-monitored'", ""),
    wrong("constraints.stays_put", "cibadmin --modify --xml-text '<nvpair id=\"rsc-options-resource-stickiness\" name=\"resource-stickiness\" value=\"100\"/>'", ""),
    wrong("connectivity.uplink_rule", "crm_attribute -N node1 -n pingd -v 1000 -l reboot\ncrm_attribute -N node2 -n pingd -v 1000 -l reboot\ncrm_attribute -N node3 -n pingd -v 1000 -l reboot\npcs constraint location web rule score-attribute=pingd defined pingd", ""),
    right("failover.migration_policy", "pcs resource meta web migration-threshold=2\npcs resource cleanup web"),
    # capstone: a fixed or random delay where the service moves, priority on one member, orders left out
    wrong("capstone.two_node_service", _PAIRFX.strip() + ' pcmk_delay_base="node2:5s"\n' + _CAP_RES + _G7 + _S7, "lost the fence race"),
    right("capstone.two_node_service", _PAIRFX + _CAP_RES + _G7 + _S7 + "pcs resource meta fs priority=10\npcs property set priority-fencing-delay=10s\n"),
    wrong("capstone.two_node_service", _PAIRFX.strip() + " pcmk_delay_max=10s\n" + _CAP_RES + _G7 + _S7, "both nodes were shot"),
    wrong("capstone.two_node_service", _PAIRFX + _CAP_RES + _G7 + _S7 + "pcs resource meta webgroup priority=10\npcs property set priority-fencing-delay=10s\npcs property set stonith-enabled=false\n", ""),
    wrong("capstone.web_service", 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"\n' + _CAP_RES + "pcs constraint colocation add vip with fs INFINITY\npcs constraint colocation add web with vip INFINITY\n" + _S7, "before fs had started"),
    right("capstone.web_service", 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"\n' + _CAP_RES + "pcs constraint colocation add vip with fs INFINITY\npcs constraint colocation add web with vip INFINITY\npcs constraint order fs then vip\npcs constraint order vip then web\n" + _S7),
    wrong("capstone.web_service_built", 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2"\n' + _CAP_RES + _G7, "node3"),
    wrong("capstone.web_service_built", 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"\n' + _CAP_RES.replace("ip=192.168.122.200", "ip=192.168.122.200/24").replace(" cidr_netmask=24", "") + _G7, "refuses"),
)

_ASSIGNMENT_OF_TOPIC = {"getting_started": "00-getting-started", "availability": "01-why-ha", "corosync": "02-corosync",
                        "quorum": "03-quorum", "building": "04-building-a-cluster", "resources": "05-resources",
                        "constraints": "06-constraints", "failover": "07-failover-timing", "fencing": "08-fencing",
                        "topology": "08-fencing", "troubleshooting": "09-troubleshooting", "incidents": "09-troubleshooting",
                        "capstone": "10-capstone",
                        "operations": "11-operations", "connectivity": "12-connectivity"}


def _second_round(assignment: str) -> tuple[Case, ...]:
    """The second to eleventh rounds' answers to the exercises of `assignment`."""
    return tuple(case for case in SECOND_ROUND + THIRD_ROUND + FOURTH_ROUND + FIFTH_ROUND + FIFTH_ROUND_DANGERS
                 + FIFTH_ROUND_SPELLINGS + FIFTH_ROUND_MAPS + FIFTH_ROUND_STORIES + FIFTH_ROUND_CONF
                 + FIFTH_ROUND_ROLES + FIFTH_ROUND_TYPES + FIFTH_ROUND_UPLINK + SIXTH_ROUND + SIXTH_ROUND_ROLES
                 + SIXTH_ROUND_MORE + SEVENTH_ROUND + EIGHTH_ROUND + NINTH_ROUND + TENTH_ROUND + ELEVENTH_ROUND
                 if _ASSIGNMENT_OF_TOPIC[case.check.split(".")[0]] == assignment)


HELD_BACK: dict[str, tuple[Case, ...]] = {
    "00-getting-started": GETTING_STARTED + _second_round("00-getting-started"),
    "01-why-ha": WHY_HA + _second_round("01-why-ha"),
    "02-corosync": COROSYNC + _second_round("02-corosync"),
    "03-quorum": QUORUM + _second_round("03-quorum"),
    "04-building-a-cluster": BUILDING + _second_round("04-building-a-cluster"),
    "05-resources": RESOURCES + _second_round("05-resources"),
    "06-constraints": CONSTRAINTS + _second_round("06-constraints"),
    "07-failover-timing": FAILOVER + _second_round("07-failover-timing"),
    "08-fencing": FENCING + TOPOLOGY + _second_round("08-fencing"),
    "09-troubleshooting": TROUBLESHOOTING + _second_round("09-troubleshooting"),
    "10-capstone": CAPSTONE + _second_round("10-capstone"),
    "11-operations": OPERATIONS + _second_round("11-operations"),
    "12-connectivity": CONNECTIVITY + _second_round("12-connectivity"),
}
