"""Held-back answers, ninth round (issue 15): notebooks 00 to 08 read again as a beginner and as someone gaming the check.

What this round found misjudged, and the checks now get right: 02's detection formula passed its visible seed with a
function that ignores the consensus argument (seed 0's random draws never set consensus: every seed now also tries a
4-node cluster with consensus set by hand); 08's fence race and 10's two-node pair passed a head start of 1 to 3 s
(pcmk_delay_base, a per-target map, or priority-fencing-delay) because a simulated fence took 0.7 s: a head start
protects only when it outlasts the other node's whole fence action (the agent logs in, switches the power and polls
until it reads off: seconds on real boards), and the simulator's fence_xvm, fence_virsh and fence_ipmilan actions now
take the typical 3-4 s (durations.fence_seconds; the rig's measured fence_rig keeps its 0.7 s) that the check demands
a head start beyond, and the text of 08 says so. The rest confirm the checks: type tricks (numbers as text, numpy
numbers, booleans, NaN, infinities, huge and negative values, sets spelt as lists, tuples or strings), off-by-one
formulas, functions that loop, raise, read globals or return text, corosync.conf spellings corosync refuses, pcs
spellings pcs refuses, and the right answers other admins give (a group listed in another order where order does not
matter, stickiness split over a group's members, a dotted netmask findif converts, `interval=10` in plain seconds).
"""

from __future__ import annotations

import math

import numpy as np

from cells import right, wrong
from nb10_capstone import _PAIR_SERVICE

_PFD = "priority-fencing-delay=10s"
# 09 Ex 5: the scheduler's own summary lines in the log ('Actions: Recover web ...') say what each transition does,
# as its replay's Transition Summary does: a reader of those finds the pe-input too (the first one after the failure
# does not, on an incident whose service was unmanaged when it failed: nb09's INCIDENT_READER_LOG_ONLY)
_BY_LOGGED_SUMMARIES = r'''
import re
def diagnose(log, replays):
    lines = log.splitlines()
    start = next(i for i, l in enumerate(lines) if "Result of" in l and "probe" not in l and not l.endswith(": ok"))
    op, res, node = re.search(r"Result of (\w+) operation for (\S+) on (\S+):", lines[start]).groups()
    stops = False
    for line in lines[start:]:
        if re.search(r"Actions: (Stop|Restart|Recover|Move|Migrate) +web\b", line):
            stops = True
        saved = re.search(r"saving inputs in \S+/(pe-input-\d+\.bz2)", line)
        if saved and stops:
            return {"pe_input": saved.group(1), "resource": res, "node": node, "operation": op}
'''

NINTH_ROUND = (
    # getting_started.lab_formed
    right('getting_started.lab_formed', {'nodes': np.int64(5), 'seed': np.int64(3), 'advanced': np.float64(10.0)}),
    right('getting_started.lab_formed', {'seed': 3, 'advanced': 10, 'nodes': 5}),
    right('getting_started.lab_formed', {'nodes': 5, 'seed': 3, 'advanced': '10s'}),
    right('getting_started.lab_formed', {'nodes': '5', 'seed': 3, 'advanced': 10}),
    wrong('getting_started.lab_formed', {'nodes': 5, 'seed': 3, 'advanced': 1000000000000.0}, 'the seed should be a whole number and the time adv'),
    wrong('getting_started.lab_formed', {'nodes': 5, 'seed': 3, 'advanced': -10}, 'the seed should be a whole number and the time adv'),
    wrong('getting_started.lab_formed', {'nodes': 5, 'seed': 3, 'advanced': math.nan}, 'the seed should be a whole number and the time adv'),
    wrong('getting_started.lab_formed', {'nodes': 5, 'seed': 3, 'advanced': math.inf}, 'the seed should be a whole number and the time adv'),
    wrong('getting_started.lab_formed', {'nodes': 500, 'seed': 3, 'advanced': 10}, 'your lab has 500 node(s)'),
    wrong('getting_started.lab_formed', {'nodes': True, 'seed': 3, 'advanced': 10}, "my_lab_recipe['nodes'] should be a number, not Tru"),
    right('getting_started.lab_formed', {'nodes': 5.0, 'seed': 3, 'advanced': 10}),
    wrong('getting_started.lab_formed', {'Nodes': 5, 'Seed': 3, 'Advanced': 10}, "my_lab_recipe should be a dict such as {'nodes'"),
    wrong('getting_started.lab_formed', [5, 3, 10], "my_lab_recipe should be a dict such as {'nodes'"),
    wrong('getting_started.lab_formed', {'nodes': 5, 'seed': 'three', 'advanced': 10}, "my_lab_recipe['seed'] should be a number, not str "),
    right('getting_started.lab_formed', {'nodes': 5, 'seed': 0, 'advanced': 30}),
    # getting_started.first_quorum_time
    right('getting_started.first_quorum_time', np.float64(3.3425)),
    right('getting_started.first_quorum_time', '3.3425'),
    right('getting_started.first_quorum_time', 3.34),
    wrong('getting_started.first_quorum_time', 3, 'you answered 3 s'),
    wrong('getting_started.first_quorum_time', True, 'first_quorate_at should be a number, not True'),
    wrong('getting_started.first_quorum_time', math.nan, 'you answered nan s'),
    wrong('getting_started.first_quorum_time', math.inf, 'you answered inf s, later than the 15 s the cluste'),
    wrong('getting_started.first_quorum_time', -3.3425, 'you answered -3.3425 s'),
    wrong('getting_started.first_quorum_time', '3.3425 s', "first_quorate_at should be a number, not str '3.34"),
    # availability.downtime_minutes
    right('availability.downtime_minutes', 525.6),
    right('availability.downtime_minutes', np.float64(525.6)),
    right('availability.downtime_minutes', '525.6'),
    right('availability.downtime_minutes', 526),
    wrong('availability.downtime_minutes', 31536, 'you answered 31536 minutes (that looks like hours '),
    wrong('availability.downtime_minutes', 52.56, 'you answered 52.56 minutes'),
    wrong('availability.downtime_minutes', 5256, 'you answered 5256 minutes'),
    wrong('availability.downtime_minutes', 1.44, 'you answered 1.44 minutes'),
    wrong('availability.downtime_minutes', 525074.4, 'you answered 525074 minutes'),
    wrong('availability.downtime_minutes', math.nan, 'you answered nan minutes'),
    # availability.series_function
    right('availability.series_function', 'def series(*a):\n    return 1.0 if not a else a[0] * series(*a[1:])\n', function='series'),
    right('availability.series_function', 'import numpy as np\ndef series(*a):\n    return float(np.prod(np.array(a, dtype=float)))\n', function='series'),
    wrong('availability.series_function', 'def series(*a):\n    return a[0] * a[1]\n', 'series(0.99) raised IndexError', function='series'),
    wrong('availability.series_function', 'import math\ndef series(*a):\n    return round(math.prod(a), 2)\n', 'series(0.9515, 0.8841, 0.8518, 0.9022) returned 0.', function='series'),
    wrong('availability.series_function', 'import math\ndef series(*a):\n    return str(math.prod(a))\n', "series(0.99,) returned str '0.99'", function='series'),
    wrong('availability.series_function', 'def series(*a):\n    return sum(a) / len(a)\n', 'series(0.9, 0.9) returned 0.900000, which is not t', function='series'),
    wrong('availability.series_function', 'def series(availabilities):\n    r = 1\n    for x in availabilities:\n        r *= x\n    return r\n', 'series(0.99) raised TypeError', function='series'),
    wrong('availability.series_function', 'import time, math\ndef series(*a):\n    time.sleep(30)\n    return math.prod(a)\n', 'series(0.99) did not return within 5 s (an endless', function='series'),
    wrong('availability.series_function', 'def series(*a):\n    return EXPECTED\n', 'series(0.99) raised NameError', function='series'),
    wrong('availability.series_function', 'import math\ndef series(*a):\n    return math.prod(a) > 0.5\n', 'series(0.99,) (what it returned) should be a numbe', function='series'),
    # availability.parallel_function
    right('availability.parallel_function', 'import functools\ndef parallel(*a):\n    return 1 - functools.reduce(lambda d, x: d * (1 - x), a, 1.0)\n', function='parallel'),
    right('availability.parallel_function', 'def parallel(*a):\n    return 1 - series(*(1 - x for x in a))\ndef series(*a):\n    r = 1.0\n    for x in a:\n        r *= x\n    return r\n', function='parallel'),
    wrong('availability.parallel_function', 'def parallel(*a):\n    return 1 - (1 - a[0]) * (1 - a[1])\n', 'parallel(0.99) raised IndexError', function='parallel'),
    wrong('availability.parallel_function', 'def parallel(*a):\n    return min(1.0, sum(a))\n', 'parallel(0.9, 0.9) returned 1.000000, which is not', function='parallel'),
    wrong('availability.parallel_function', 'def parallel(*a):\n    return 1.0\n', 'parallel(0.99,) returned 1.000000, which is not th', function='parallel'),
    wrong('availability.parallel_function', 'import math\ndef parallel(*a):\n    return math.prod(1 - x for x in a)\n', 'parallel(0.99,) returned 0.010000, which is not th', function='parallel'),
    wrong('availability.parallel_function', 'def parallel(*a):\n    raise NotImplementedError\n', 'parallel(0.99) raised NotImplementedError', function='parallel'),
    wrong('availability.parallel_function', "def parallel(*a):\n    return float('nan')\n", 'parallel(0.99,) returned nan, which is not the ava', function='parallel'),
    # availability.stack_availability
    right('availability.stack_availability', np.float64(0.9939055994999999)),
    right('availability.stack_availability', 0.9939055995),
    wrong('availability.stack_availability', 0.994005, 'you answered 0.994005'),
    wrong('availability.stack_availability', 0.99, 'you answered 0.990000'),
    wrong('availability.stack_availability', '0.99392', 'you answered 0.993920'),
    wrong('availability.stack_availability', 99.39, 'you answered 99.390000, more than 1'),
    wrong('availability.stack_availability', 0.9999999005, 'you answered 1.000000'),
    # availability.single_points_of_failure
    right('availability.single_points_of_failure', ('lb', 'db')),
    right('availability.single_points_of_failure', frozenset({'db', 'lb'})),
    wrong('availability.single_points_of_failure', {'db', 'lb', 'web2', 'web1'}, 'your set {db, lb, web1, web2}'),
    wrong('availability.single_points_of_failure', set(), 'your set {}'),
    wrong('availability.single_points_of_failure', 'lb, db', 'lb, db is not a component of this stack (component'),
    wrong('availability.single_points_of_failure', {'lb': True, 'db': True}, "spofs should be a set of names such as {'a', 'b'},"),
    wrong('availability.single_points_of_failure', {'LB', 'DB'}, 'DB, LB is not a component of this stack (component'),
    wrong('availability.single_points_of_failure', {'db'}, 'your set {db}'),
    right('availability.single_points_of_failure', ['lb', 'db', 'db']),
    # corosync.detection_time
    right('corosync.detection_time', np.float64(8.03)),
    right('corosync.detection_time', 8.03),
    right('corosync.detection_time', '8.03'),
    wrong('corosync.detection_time', 6.6, 'you answered 6.6 s'),
    wrong('corosync.detection_time', 7.2, 'you answered 7.2 s'),
    wrong('corosync.detection_time', -8.03, 'you answered -8.03 s'),
    wrong('corosync.detection_time', math.inf, 'you answered inf'),
    wrong('corosync.detection_time', 133.83333333333334, 'you answered 133.833'),
    # corosync.detection_formula
    right('corosync.detection_formula', 'def detection_ms(nodes, token=3000, token_coefficient=650, consensus=None):\n    runtime = token + token_coefficient * (nodes - 2) if nodes > 2 else token\n    if consensus is None:\n        consensus = 1.2 * runtime\n    return runtime + consensus\n', function='detection_ms'),
    right('corosync.detection_formula', 'def detection_ms(nodes, token=3000, token_coefficient=650, consensus=None):\n    r = token + max(0, nodes - 2) * token_coefficient\n    return int(round(r + (1.2 * r if consensus is None else consensus)))\n', function='detection_ms'),
    wrong('corosync.detection_formula', 'def detection_ms(nodes, token=3000, token_coefficient=650, consensus=None):\n    r = token + max(nodes - 1, 0) * token_coefficient\n    return r + (1.2 * r if consensus is None else consensus)\n', 'for 3 nodes with default totem settings your funct', function='detection_ms'),
    right('corosync.detection_formula', 'def detection_ms(nodes, token=3000, token_coefficient=650, consensus=None):\n    r = token + (nodes - 2) * token_coefficient\n    return r + (1.2 * r if consensus is None else consensus)\n', function='detection_ms'),
    wrong('corosync.detection_formula', 'def detection_ms(nodes, token=3000, token_coefficient=650, consensus=None):\n    r = token + max(nodes - 2, 0) * token_coefficient\n    return (r + (1.2 * r if consensus is None else consensus)) / 1000\n', 'for 3 nodes with default totem settings your funct', function='detection_ms'),
    wrong('corosync.detection_formula', 'def detection_ms(nodes, token=3000, token_coefficient=650, consensus=None):\n    r = token + max(nodes - 2, 0) * token_coefficient\n    return r + 1.2 * r\n', 'consensus=5000 your function predicts', function='detection_ms'),
    wrong('corosync.detection_formula', 'def detection_ms(nodes, token=3000, token_coefficient=650, consensus=None):\n    r = token + max(nodes - 2, 0) * token_coefficient\n    return r + (consensus or 1.2 * token)\n', 'for 3 nodes with default totem settings your funct', function='detection_ms'),
    wrong('corosync.detection_formula', 'def detection_ms(nodes, token=3000, token_coefficient=650, consensus=None):\n    while True:\n        pass\n', 'detection_ms(3) did not return within 5 s (an endl', function='detection_ms'),
    wrong('corosync.detection_formula', 'def detection_ms(nodes, token=3000, token_coefficient=650, consensus=None):\n    return 8030\n', 'for 2 nodes with token=1000 your function predicts', function='detection_ms'),
    wrong('corosync.detection_formula', 'def detection_ms(nodes, token=3000, token_coefficient=650, consensus=None):\n    r = token + max(nodes - 2, 0) * token_coefficient\n    return str(r + (1.2 * r if consensus is None else consensus))\n', "detection_ms(3, {}) returned str '8030.0'", function='detection_ms'),
    # corosync.fast_detection
    right('corosync.fast_detection', {'token': 1000, 'token_coefficient': 0, 'consensus': 1200}),
    right('corosync.fast_detection', {'token': np.int64(1000), 'token_coefficient': np.int64(0)}),
    right('corosync.fast_detection', {'token': 1200, 'token_coefficient': 0}),
    wrong('corosync.fast_detection', {'token': 1000, 'token_coefficient': 0, 'consensus': 500}, 'consensus is 500 ms, shorter than 1.2 x the 1000 m'),
    wrong('corosync.fast_detection', {'token': 999, 'token_coefficient': 0}, 'token is 999 ms'),
    wrong('corosync.fast_detection', {'token': 1000, 'token_coefficient': -650}, 'corosync refuses to start with these totem options'),
    right('corosync.fast_detection', {'token': '1000', 'token_coefficient': '0'}),
    wrong('corosync.fast_detection', {'TOKEN': 1000, 'token_coefficient': 0}, 'with these options the survivors needed 6.60 s to '),
    wrong('corosync.fast_detection', {'token': 1000.5, 'token_coefficient': 0}, 'corosync refuses to start with these totem options'),
    wrong('corosync.fast_detection', {'token': 1000, 'token_coefficient': 0, 'consensus': 100000}, 'with these options the survivors needed 101.00 s t'),
    wrong('corosync.fast_detection', {'token': 1500, 'token_coefficient': 0}, 'with these options the survivors needed 3.30 s to '),
    wrong('corosync.fast_detection', {'token': '1s', 'token_coefficient': 0}, "fast_totem['token'] should be a number, not str '1"),
    wrong('corosync.fast_detection', {'token': True, 'token_coefficient': 0}, "fast_totem['token'] should be a number, not True"),
    # quorum.quorum_formula
    right('quorum.quorum_formula', 'def votes_needed(expected_votes):\n    return int(expected_votes / 2) + 1\n', function='votes_needed'),
    right('quorum.quorum_formula', 'def votes_needed(n):\n    return (n + 2) // 2\n', function='votes_needed'),
    wrong('quorum.quorum_formula', 'def votes_needed(n):\n    return n / 2 + 1\n', 'votes_needed(1) returned 1.5; corosync-quorumtool ', function='votes_needed'),
    wrong('quorum.quorum_formula', 'def votes_needed(n):\n    return round(n / 2) + 1\n', 'votes_needed(3) returned 3; corosync-quorumtool -s', function='votes_needed'),
    wrong('quorum.quorum_formula', 'def votes_needed(n):\n    return (n + 1) // 2\n', 'votes_needed(2) returned 1; corosync-quorumtool -s', function='votes_needed'),
    wrong('quorum.quorum_formula', 'def votes_needed(n):\n    return n // 2\n', 'votes_needed(1) returned 0; corosync-quorumtool -s', function='votes_needed'),
    wrong('quorum.quorum_formula', 'def votes_needed(n):\n    return n\n', 'votes_needed(3) returned 3; corosync-quorumtool -s', function='votes_needed'),
    wrong('quorum.quorum_formula', 'def votes_needed(n):\n    return {3: 2, 5: 3}[n]\n', 'votes_needed(1) raised KeyError', function='votes_needed'),
    # quorum.quorate_side
    right('quorum.quorate_side', ['node3', 'node4', 'node5']),
    right('quorum.quorate_side', ('node5', 'node4', 'node3')),
    wrong('quorum.quorate_side', 'node3 node4 node5', 'node3 node4 node5'),
    wrong('quorum.quorate_side', {'node1', 'node3', 'node2', 'node5', 'node4'}, 'you named node1, node2, node3, node4, node5'),
    wrong('quorum.quorate_side', set(), 'you named no node'),
    wrong('quorum.quorate_side', {3, 4, 5}, "quorate_side should be a set of names such as {'a'"),
    wrong('quorum.quorate_side', {'Node4', 'Node5', 'Node3'}, 'Node3, Node4, Node5'),
    # quorum.two_node_design
    right('quorum.two_node_design', {'two_node': np.int64(1)}),
    wrong('quorum.two_node_design', {'wait_for_all': 1}, 'node2 crashed and 30 s passed'),
    wrong('quorum.two_node_design', {'expected_votes': 1}, 'node2 crashed and 30 s passed'),
    wrong('quorum.two_node_design', {'two_node': 0}, 'node2 crashed and 30 s passed'),
    right('quorum.two_node_design', {'two_node': True}),
    wrong('quorum.two_node_design', {'last_man_standing': 1, 'wait_for_all': 1}, 'node2 crashed and 30 s passed'),
    right('quorum.two_node_design', {'two_node': 1, 'auto_tie_breaker': 1}),
    wrong('quorum.two_node_design', {}, 'node2 crashed and 30 s passed'),
    # quorum.down_to_one_design
    wrong('quorum.down_to_one_design', {'last_man_standing': 1, 'wait_for_all': 1, 'auto_tie_breaker': 1, 'last_man_standing_window': 60000}, 'after 3 node(s) failed one at a time (node2 last)'),
    wrong('quorum.down_to_one_design', {'auto_tie_breaker': 1, 'wait_for_all': 1}, 'after 3 node(s) failed one at a time (node2 last)'),
    wrong('quorum.down_to_one_design', {'expected_votes': 1}, 'after 2 node(s) failed one at a time (node3 last)'),
    right('quorum.down_to_one_design', {'last_man_standing': '1', 'wait_for_all': '1', 'auto_tie_breaker': '1'}),
    right('quorum.down_to_one_design', {'last_man_standing': 1, 'wait_for_all': 1, 'auto_tie_breaker': 1, 'auto_tie_breaker_node': 'lowest'}),
    # quorum.arbiter_design
    right('quorum.arbiter_design', {'device': {'model': 'net', 'votes': 1, 'net': {'host': 'qnetd', 'algorithm': 'ffsplit', 'tie_breaker': 'lowest'}}}),
    wrong('quorum.arbiter_design', {'two_node': 1, 'device': {'model': 'net', 'net': {'host': 'qnetd', 'algorithm': 'ffsplit'}}}, 'corosync refuses to start with arbiter_options'),
    wrong('quorum.arbiter_design', {'device': {'model': 'net', 'net': {'host': 'qnetd.example.com', 'algorithm': 'ffsplit'}}}, "the device's net host is 'qnetd.example.com'"),
    wrong('quorum.arbiter_design', {'device': {'model': 'disk', 'net': {'host': 'qnetd', 'algorithm': 'ffsplit'}}}, 'seed 0'),
    wrong('quorum.arbiter_design', {'device': {'model': 'net', 'votes': 1, 'host': 'qnetd', 'algorithm': 'ffsplit'}}, 'seed 0'),
    wrong('quorum.arbiter_design', {'device': {'model': 'net', 'votes': 1, 'net': {'host': 'qnetd', 'algorithm': '2nodelms'}}}, 'seed 0'),
    # building.three_node_conf
    right('building.three_node_conf', 'totem {\n version: 2\n cluster_name: webcluster\n transport: knet\n token: 2000\n token_coefficient: 650\n}\nnodelist {\n node {\n  ring0_addr: 10.0.0.1\n  name: alpha\n  nodeid: 1\n }\n node {\n  ring0_addr: 10.0.0.2\n  name: beta\n  nodeid: 2\n }\n node {\n  ring0_addr: 10.0.0.3\n  name: gamma\n  nodeid: 3\n }\n}\nquorum {\n provider: corosync_votequorum\n}\n'),
    right('building.three_node_conf', 'totem {\n version: 2\n cluster_name: webcluster\n transport: knet\n token: 2000\n}\nnodelist {\n node {\n  ring0_addr: 10.0.0.1\n  name: alpha\n  nodeid: 1\n }\n node {\n  ring0_addr: 10.0.0.2\n  name: beta\n  nodeid: 2\n }\n node {\n  ring0_addr: 10.0.0.3\n  name: gamma\n  nodeid: 3\n }\n}\nlogging {\n to_logfile: yes\n logfile: /var/log/corosync/corosync.log\n}\nquorum {\n provider: corosync_votequorum\n}\n'),
    right('building.three_node_conf', 'totem {\r\n version: 2\r\n cluster_name: webcluster\r\n transport: knet\r\n token: 2000\r\n}\r\nnodelist {\r\n node {\r\n  ring0_addr: 10.0.0.1\r\n  name: alpha\r\n  nodeid: 1\r\n }\r\n node {\r\n  ring0_addr: 10.0.0.2\r\n  name: beta\r\n  nodeid: 2\r\n }\r\n node {\r\n  ring0_addr: 10.0.0.3\r\n  name: gamma\r\n  nodeid: 3\r\n }\r\n}\r\nquorum {\r\n provider: corosync_votequorum\r\n}\r\n'),
    wrong('building.three_node_conf', 'totem {\n version: 2\n cluster_name: webcluster\n transport: knet\n token: 2\n}\nnodelist {\n node {\n  ring0_addr: 10.0.0.1\n  name: alpha\n  nodeid: 1\n }\n node {\n  ring0_addr: 10.0.0.2\n  name: beta\n  nodeid: 2\n }\n node {\n  ring0_addr: 10.0.0.3\n  name: gamma\n  nodeid: 3\n }\n}\nquorum {\n provider: corosync_votequorum\n}\n', 'after gamma crashed, alpha installed a new members'),
    wrong('building.three_node_conf', 'totem {\n version: 2\n cluster_name: webcluster\n transport: knet\n token: 2000ms\n}\nnodelist {\n node {\n  ring0_addr: 10.0.0.1\n  name: alpha\n  nodeid: 1\n }\n node {\n  ring0_addr: 10.0.0.2\n  name: beta\n  nodeid: 2\n }\n node {\n  ring0_addr: 10.0.0.3\n  name: gamma\n  nodeid: 3\n }\n}\nquorum {\n provider: corosync_votequorum\n}\n', 'corosync refuses to start with your corosync.conf'),
    wrong('building.three_node_conf', 'totem {\n version: 2\n cluster_name: webcluster\n transport: knet\n token: 2000\n}\nnodelist {\n node {\n  ring0_addr: 10.0.0.1\n  name: alpha\n  nodeid: 1\n }\n node {\n  ring0_addr: 10.0.0.2\n  name: beta\n  nodeid: 2\n }\n node {\n  ring0_addr: 10.0.0.3\n  name: gamma\n  nodeid: 3\n }\n}\nlogging {\n to_logfile: yes\n logfile: /var/log/cluster/corosync.log\n}\nquorum {\n provider: corosync_votequorum\n}\n', 'corosync refuses to start with your corosync.conf'),
    wrong('building.three_node_conf', 'totem {\n version: 2\n cluster_name: webcluster\n transport: knet\n token: 2000\n}\nnodelist {\n node {\n  ring0_addr: 10.0.0.1\n  name: alpha\n  nodeid: 1\n }\n node {\n  ring0_addr: 10.0.0.2\n  name: beta\n  nodeid: 2\n }\n node {\n  ring0_addr: 10.0.0.3\n  name: gamma\n  nodeid: 2\n }\n}\nquorum {\n provider: corosync_votequorum\n}\n', 'corosync refuses to start with your corosync.conf'),
    wrong('building.three_node_conf', 'totem {\n version: 2\n cluster_name: webcluster\n transport: knet\n token: 2000\n}\nnodelist {\n node {\n  ring0_addr: 10.0.0.1\n  name: alpha\n  nodeid: 1\n }\n node {\n  ring0_addr: 10.0.0.2\n  name: beta\n  nodeid: 2\n }\n node {\n  ring0_addr: 10.0.0.2\n  name: gamma\n  nodeid: 3\n }\n}\nquorum {\n provider: corosync_votequorum\n}\n', 'corosync-cfgtool -s on gamma reports'),
    wrong('building.three_node_conf', 'totem {\n version: 2\n cluster_name: WebCluster\n transport: knet\n token: 2000\n}\nnodelist {\n node {\n  ring0_addr: 10.0.0.1\n  name: alpha\n  nodeid: 1\n }\n node {\n  ring0_addr: 10.0.0.2\n  name: beta\n  nodeid: 2\n }\n node {\n  ring0_addr: 10.0.0.3\n  name: gamma\n  nodeid: 3\n }\n}\nquorum {\n provider: corosync_votequorum\n}\n', 'corosync-cmapctl -g totem.cluster_name on alpha gi'),
    wrong('building.three_node_conf', 'totem {\n version: 2\n cluster_name: webcluster\n transport: knet\n token: 2000\n}\nnodelist {\n node {\n  ring0_addr: 10.0.0.1\n  name: alpha\n  nodeid: 1\n }\n node {\n  ring0_addr: 10.0.0.2\n  name: beta\n  nodeid: 2\n }\n node {\n  ring0_addr: 10.0.0.3\n  name: gamma\n  nodeid: 3\n }\n}\nquorum {\n provider: votequorum\n}\n', 'the quorum section names no provider corosync_vote'),
    wrong('building.three_node_conf', 'totem {\n version: 2\n cluster_name: webcluster\n transport: udpu\n token: 2000\n}\nnodelist {\n node {\n  ring0_addr: 10.0.0.1\n  name: alpha\n  nodeid: 1\n }\n node {\n  ring0_addr: 10.0.0.2\n  name: beta\n  nodeid: 2\n }\n node {\n  ring0_addr: 10.0.0.3\n  name: gamma\n  nodeid: 3\n }\n}\nquorum {\n provider: corosync_votequorum\n}\n', 'corosync-cfgtool -s on alpha reports'),
    wrong('building.three_node_conf', 'totem {\n version: 2\n cluster_name: webcluster\n transport: knet\n token: 2000\n}\nnodelist {\n node {\n  ring0_addr: 10.0.0.1\n  name: alpha\n  nodeid: 1\n }\n node {\n  ring0_addr: 10.0.0.2\n  name: beta\n  nodeid: 2\n }\n node {\n  ring0_addr: 10.0.0.3\n  name: gamma\n  nodeid: 3\n }\n}\n', 'the quorum section names no provider corosync_vote'),
    wrong('building.three_node_conf', 'totem {\n version: 2\n cluster_name: webcluster\n transport: knet\n token: 2000\n\nnodelist {\n node {\n  ring0_addr: 10.0.0.1\n  name: alpha\n  nodeid: 1\n }\n node {\n  ring0_addr: 10.0.0.2\n  name: beta\n  nodeid: 2\n }\n node {\n  ring0_addr: 10.0.0.3\n  name: gamma\n  nodeid: 3\n }\n}\nquorum {\n provider: corosync_votequorum\n}\n', 'corosync refuses to start with your corosync.conf'),
    # building.two_node_conf
    right('building.two_node_conf', 'totem {\n version: 2\n cluster_name: pair\n transport: knet\n}\nnodelist {\n node {\n  ring0_addr: 10.0.1.1\n  name: web1\n  nodeid: 1\n }\n node {\n  ring0_addr: 10.0.1.2\n  name: web2\n  nodeid: 2\n }\n}\nquorum {\n provider: corosync_votequorum\n two_node: 1\n wait_for_all: 1\n}\n'),
    wrong('building.two_node_conf', 'totem {\n version: 2\n cluster_name: pair\n transport: knet\n}\nnodelist {\n node {\n  ring0_addr: 10.0.1.1\n  name: web1\n  nodeid: 1\n }\n node {\n  ring0_addr: 10.0.1.2\n  name: web2\n  nodeid: 2\n }\n}\nquorum {\n provider: corosync_votequorum\n two_node: 1\n wait_for_all: 0\n}\n', 'web1 booted alone and claimed quorum after 30 s wi'),
    wrong('building.two_node_conf', 'totem {\n version: 2\n cluster_name: pair\n transport: knet\n}\nnodelist {\n node {\n  ring0_addr: 10.0.1.1\n  name: web1\n  nodeid: 1\n }\n node {\n  ring0_addr: 10.0.1.2\n  name: web2\n  nodeid: 2\n }\n}\nquorum {\n provider: corosync_votequorum\n expected_votes: 1\n}\n', 'web2 crashed and web1 lost quorum'),
    wrong('building.two_node_conf', 'totem {\n version: 2\n cluster_name: pair\n transport: knet\n}\nnodelist {\n node {\n  ring0_addr: 10.0.1.1\n  name: web1\n  nodeid: 1\n }\n node {\n  ring0_addr: 10.0.1.2\n  name: web1\n  nodeid: 2\n }\n}\nquorum {\n provider: corosync_votequorum\n two_node: 1\n}\n', 'the nodelist defines the nodes web1, web1'),
    wrong('building.two_node_conf', 'totem {\n version: 2\n cluster_name: pair\n transport: knet\n}\nnodelist {\n node {\n  ring0_addr: 10.0.1.1\n  name: web1\n  nodeid: 1\n }\n node {\n  ring0_addr: 10.0.1.2\n  name: web2\n  nodeid: 2\n }\n}\nquorum {\n provider: corosync_votequorum\n two_node: on\n}\n', 'corosync refuses to start with your corosync.conf'),
    # building.built_from_bare
    right('building.built_from_bare', 'pcs host auth node1 node2 node3 -u hacluster -p secret\npcs cluster setup webcluster node1 node2 node3 --start'),
    right('building.built_from_bare', ["pcs host auth node1 node2 node3 -u hacluster -p 'secret'", 'pcs cluster setup webcluster node1 node2 node3', 'pcs cluster start --all --wait']),
    wrong('building.built_from_bare', ['pcs host auth node1 node2 node3 -u hacluster -p Secret', 'pcs cluster setup webcluster node1 node2 node3', 'pcs cluster start --all'], '`pcs host auth node1 node2 node3 -u hacluster -p S'),
    wrong('building.built_from_bare', ['pcs host auth node1 node2 node3 -u hacluster -p secret', 'pcs cluster setup webcluster node1 node2', 'pcs cluster start --all'], '`pcs cluster setup webcluster node1 node2` failed '),
    wrong('building.built_from_bare', ['pcs host auth node1 node2 node3 -u hacluster -p secret', 'pcs cluster setup webcluster node1 node2 node3', 'pcs cluster enable --all'], '60 s after your commands node1 runs no corosync'),
    wrong('building.built_from_bare', ['pcs host auth node1 node2 node3 -u hacluster -p secret', 'pcs cluster start --all', 'pcs cluster setup webcluster node1 node2 node3'], '`pcs cluster start --all` failed on node1 (exit co'),
    wrong('building.built_from_bare', ['pcs host auth node1 node2 node3 -u hacluster -p secret', 'pcs cluster setup webcluster node1 node2 node3', 'systemctl start corosync'], '`systemctl start corosync` failed on node1 (exit c'),
    # resources.vip_monitored
    wrong('resources.vip_monitored', 'pcs property set stonith-enabled=false\npcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=24 op monitor interval=15s', 'allowed: 15 s'),
    right('resources.vip_monitored', 'pcs property set stonith-enabled=false\npcs resource create vip ocf:heartbeat:IPaddr2 cidr_netmask=24 ip=10.200.0.100 op monitor interval=10s'),
    wrong('resources.vip_monitored', 'pcs property set stonith-enabled=false\npcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=24\npcs resource op add vip monitor interval=5s', 'already specified'),
    wrong('resources.vip_monitored', 'pcs property set stonith-enabled=false\npcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=24 op monitor interval=16s', 'vip failed at t=46.4 s (just after a monitor ran),'),
    right('resources.vip_monitored', 'pcs property set stonith-enabled=false\npcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=255.255.255.0 op monitor interval=10s'),
    wrong('resources.vip_monitored', 'pcs property set stonith-enabled=false\npcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.10 cidr_netmask=24 op monitor interval=10s', "vip's ip is '10.200.0.10', not what the exercise a"),
    wrong('resources.vip_monitored', 'pcs property set stonith-enabled=false\npcs resource create VIP ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=24 op monitor interval=10s', "after your commands there is no resource named 'vi"),
    right('resources.vip_monitored', 'pcs property set stonith-enabled=false\npcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=24 op monitor interval=10'),
    wrong('resources.vip_monitored', 'pcs property set stonith-enabled=false\npcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=24 op monitor interval=10s\npcs resource disable vip', '30 s after your commands vip is not running (vip o'),
    wrong('resources.vip_monitored', 'pcs property set stonith-enabled=false\npcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=24 op monitor interval=10s on-fail=ignore', 'vip failed at t=40.4 s (just after a monitor ran),'),
    # resources.web_service
    right('resources.web_service', 'pcs property set stonith-enabled=false\npcs resource create vip IPaddr2 ip=10.200.0.100 cidr_netmask=24\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf\npcs resource group add websvc vip web'),
    right('resources.web_service', 'pcs property set stonith-enabled=false\npcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=24\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf\npcs resource group add websvc web vip'),
    wrong('resources.web_service', 'pcs property set stonith-enabled=false\npcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=24\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf\npcs constraint colocation add web with vip 100', 'a colleague pinned vip to node2 (prefers node2=INF'),
    wrong('resources.web_service', 'pcs property set stonith-enabled=false\npcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=24 --group websvc\npcs resource create web ocf:heartbeat:apache configfile=/etc/httpd/conf/httpd.conf --group websvc', '60 s after your commands the service is not up tog'),
    wrong('resources.web_service', 'pcs property set stonith-enabled=false\npcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=24\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf\npcs resource clone web', '60 s after your commands the service is not up tog'),
    # resources.filesystem_first
    right('resources.filesystem_first', 'pcs property set stonith-enabled=false\npcs resource create fs ocf:heartbeat:Filesystem device=/dev/vdb1 directory=/srv/www fstype=ext4\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf\npcs resource group add websvc fs web'),
    right('resources.filesystem_first', 'pcs property set stonith-enabled=false\npcs resource create fs ocf:heartbeat:Filesystem device=/dev/vdb1 directory=/srv/www fstype=ext4\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf\npcs constraint colocation add fs with web INFINITY\npcs constraint order start fs then start web'),
    wrong('resources.filesystem_first', 'pcs property set stonith-enabled=false\npcs resource create fs ocf:heartbeat:Filesystem device=/dev/vdb1 directory=/srv/www fstype=ext4\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf\npcs constraint order fs then web', '30 s after your commands fs and web do not run tog'),
    wrong('resources.filesystem_first', 'pcs property set stonith-enabled=false\npcs resource create fs ocf:heartbeat:Filesystem device=/dev/vdb1 directory=/srv/www fstype=ext4\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf\npcs constraint order web then fs\npcs constraint colocation add web with fs INFINITY', 'at the first start'),
    right('resources.filesystem_first', 'pcs property set stonith-enabled=false\npcs resource create fs ocf:heartbeat:Filesystem device=/dev/vdb1 directory=/srv/www fstype=ext4\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf\npcs constraint colocation add web with fs INFINITY\npcs constraint order fs then web kind=Optional'),
    wrong('resources.filesystem_first', 'pcs property set stonith-enabled=false\npcs resource create fs ocf:heartbeat:Filesystem device=/dev/sdb1 directory=/srv/www fstype=ext4 --group websvc\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf --group websvc', "fs's device is '/dev/sdb1', not what the exercise "),
    # constraints.together_in_order
    right('constraints.together_in_order', 'pcs constraint location web prefers node2=100\npcs constraint colocation add web with vip INFINITY\npcs constraint order vip then web'),
    right('constraints.together_in_order', 'pcs constraint location vip prefers node2=100\npcs constraint colocation add web with vip INFINITY\npcs constraint order start vip then start web'),
    right('constraints.together_in_order', 'pcs constraint location vip prefers node2=100\npcs constraint colocation add web with vip score=INFINITY\npcs constraint order vip then web'),
    wrong('constraints.together_in_order', 'pcs constraint location vip prefers node2=-100\npcs constraint colocation add web with vip INFINITY\npcs constraint order vip then web', 'with every node up the pair runs on node1, not on '),
    wrong('constraints.together_in_order', 'pcs constraint location vip prefers node2=INFINITY\npcs constraint colocation add web with vip INFINITY\npcs constraint order vip then web\npcs constraint location vip avoids node1 node3', 'node2 crashed at t=30.6 s and 30 s later the servi'),
    wrong('constraints.together_in_order', 'pcs constraint location vip prefers node2=100\npcs constraint colocation add web with vip INFINITY\npcs constraint order web then vip', 'at the first start'),
    wrong('constraints.together_in_order', 'pcs constraint location vip prefers node2=100\npcs constraint colocation add web with vip -INFINITY\npcs constraint order vip then web', '30 s after your commands vip and web do not run to'),
    wrong('constraints.together_in_order', 'pcs constraint location vip prefers Node2=100\npcs constraint colocation add web with vip INFINITY\npcs constraint order vip then web', '`pcs constraint location vip prefers Node2=100` fa'),
    wrong('constraints.together_in_order', 'pcs constraint location vip prefers node2=100\npcs constraint colocation add web with vip inf\npcs constraint order vip then web', '`pcs constraint colocation add web with vip inf` f'),
    # constraints.stays_put
    right('constraints.stays_put', 'pcs resource defaults update resource-stickiness=101'),
    right('constraints.stays_put', 'pcs resource defaults update resource-stickiness=INFINITY'),
    right('constraints.stays_put', 'pcs resource meta webgroup resource-stickiness=200'),
    right('constraints.stays_put', 'pcs resource defaults update resource-stickiness=99'),
    right('constraints.stays_put', 'pcs resource defaults update resource-stickiness=50'),
    right('constraints.stays_put', 'pcs resource meta vip resource-stickiness=100'),
    wrong('constraints.stays_put', 'pcs resource defaults update stickiness=100', 'node2 was started again at t=41.7 s and the servic'),
    wrong('constraints.stays_put', 'pcs constraint delete location-webgroup-node2-100\npcs resource defaults update resource-stickiness=100', 'with every node up, webgroup should start on its p'),
    wrong('constraints.stays_put', 'pcs resource defaults update resource-stickiness=-100', 'node2 was started again at t=41.7 s and the servic'),
    # constraints.read_scores
    right('constraints.read_scores', np.int64(110)),
    right('constraints.read_scores', 110.0),
    right('constraints.read_scores', '110'),
    wrong('constraints.read_scores', 130, '130 is not the score crm_simulate shows for vip on'),
    wrong('constraints.read_scores', 160, '160 is not the score crm_simulate shows for vip on'),
    wrong('constraints.read_scores', 30, '30 is not the score crm_simulate shows for vip on '),
    wrong('constraints.read_scores', math.inf, 'inf is not the score crm_simulate shows for vip on'),
    # failover.measured_failover
    right('failover.measured_failover', np.float64(10.66)),
    right('failover.measured_failover', '10.66'),
    wrong('failover.measured_failover', 10.3, '10.3 s is not within 0.3 s of the failover the tim'),
    wrong('failover.measured_failover', -10.66, '-10.66 s is not within 0.3 s of the failover the t'),
    wrong('failover.measured_failover', math.nan, 'nan s is not within 0.3 s of the failover the time'),
    wrong('failover.measured_failover', 1e+300, '1e+300 s is more than twice the failover the timel'),
    # failover.migration_policy
    right('failover.migration_policy', 'pcs resource update web meta migration-threshold=2'),
    right('failover.migration_policy', 'pcs resource meta webgroup migration-threshold=2'),
    wrong('failover.migration_policy', 'pcs resource meta web migration-threshold=3', 'after its second failure on node1, web runs on nod'),
    wrong('failover.migration_policy', 'pcs resource meta web migration_threshold=2', 'the meta attribute migration_threshold (of web) is'),
    wrong('failover.migration_policy', 'pcs resource meta web migration-threshold=2 failure-timeout=1s', 'after its first failure on node1, web runs on no n'),
    wrong('failover.migration_policy', 'pcs resource meta web migration-threshold=0', 'after its second failure on node1, web runs on nod'),
    wrong('failover.migration_policy', 'pcs resource update web op monitor interval=20s on-fail=standby', 'after its first failure on node1, web runs on node'),
    # failover.forgiven_failures
    right('failover.forgiven_failures', 'pcs resource meta web migration-threshold=3 failure-timeout=2m'),
    right('failover.forgiven_failures', 'pcs resource meta web migration-threshold=3 failure-timeout=120'),
    wrong('failover.forgiven_failures', 'pcs resource meta web migration-threshold=2 failure-timeout=2min', 'after its second failure on node1, web runs on nod'),
    wrong('failover.forgiven_failures', 'pcs resource meta web migration-threshold=4 failure-timeout=2min', 'after its third failure on node1, web runs on node'),
    wrong('failover.forgiven_failures', 'pcs resource meta web migration-threshold=3 failure-timeout=20min', '200 s after its last failure on node1, web is stil'),
    wrong('failover.forgiven_failures', 'pcs resource meta web migration-threshold=3 failure-timeout=2h', '200 s after its last failure on node1, web is stil'),
    wrong('failover.forgiven_failures', 'pcs resource meta web migration-threshold=3\npcs property set cluster-recheck-interval=2min', '200 s after its last failure on node1, web is stil'),
    # failover.fast_recovery
    right('failover.fast_recovery', {'token_ms': np.int64(1000), 'monitor_seconds': np.int64(2)}),
    right('failover.fast_recovery', {'token_ms': 1000, 'monitor_seconds': 1}),
    wrong('failover.fast_recovery', {'token_ms': 1000, 'monitor_seconds': 0}, 'monitor_seconds should be a whole number of second'),
    wrong('failover.fast_recovery', {'token_ms': 1000, 'monitor_seconds': 2.5}, 'monitor_seconds should be a whole number of second'),
    right('failover.fast_recovery', {'token_ms': '1000', 'monitor_seconds': '3'}),
    wrong('failover.fast_recovery', {'token_ms': 1000, 'monitor_seconds': -1}, 'monitor_seconds should be a whole number of second'),
    wrong('failover.fast_recovery', {'token_ms': 1, 'monitor_seconds': 3}, 'a token of 1 ms is below 1000 ms (a number of seco'),
    wrong('failover.fast_recovery', {'token_ms': 1000, 'monitor_seconds': 7}, 'web was back 9.00 s after its process died (allowe'),
    wrong('failover.fast_recovery', {'token': 1000, 'monitor': 3}, 'fast_design should be a dict with exactly the keys'),
    wrong('failover.fast_recovery', {'token_ms': 2000, 'monitor_seconds': 3}, 'the service was back 8.46 s after the crash of its'),
    # fencing.fence_device
    right('fencing.fence_device', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1,node2,node3"'),
    right('fencing.fence_device', 'pcs stonith create fence-xvm fence_xvm pcmk_host_map="node1:vm1;node2:vm2;node3:vm3"'),
    right('fencing.fence_device', 'pcs stonith create ipmi-node1 fence_ipmilan ip=10.0.0.51 username=admin password=secret lanplus=1 pcmk_host_list=node1\npcs stonith create ipmi-node2 fence_ipmilan ip=10.0.0.52 username=admin password=secret lanplus=1 pcmk_host_list=node2\npcs stonith create ipmi-node3 fence_ipmilan ip=10.0.0.53 username=admin password=secret lanplus=1 pcmk_host_list=node3'),
    wrong('fencing.fence_device', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"\npcs stonith disable fence-xvm', 'the devices that could fence node1, node2, node3 m'),
    wrong('fencing.fence_device', 'pcs stonith create fence-xvm fence_dummy pcmk_host_list="node1 node2 node3"', "fence-xvm uses fence_dummy, the fence agents' test"),
    wrong('fencing.fence_device', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="Node1 Node2 Node3"', 'no fence device can fence node1, node2, node3 (its'),
    wrong('fencing.fence_device', 'pcs stonith create ipmi-node1 fence_ipmilan ip=10.0.0.51 username=admin password=secret lanplus=1 pcmk_host_list=node1\npcs stonith create ipmi-node2 fence_ipmilan ip=10.0.0.52 username=admin password=secret lanplus=1 pcmk_host_list=node2\npcs stonith create ipmi-node3 fence_ipmilan ip=10.0.0.53 username=admin password=secret lanplus=1 pcmk_host_list=node2\n', 'no fence device can fence node3 (its pcmk_host_lis'),
    wrong('fencing.fence_device', 'pcs stonith create ipmi-node1 fence_ipmilan ip=10.0.0.51 username=admin password=secret lanplus=1 pcmk_host_list=node1\npcs stonith create ipmi-node2 fence_ipmilan ip=10.0.0.52 username=admin password=secret lanplus=1 pcmk_host_list=node2\npcs stonith create ipmi-node3 fence_ipmilan ip=10.0.0.52 username=admin password=secret lanplus=1 pcmk_host_list=node3\n', 'the devices for node2 and node3 both talk to the b'),
    wrong('fencing.fence_device', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"\npcs constraint location fence-xvm avoids node1 node2 node3', 'the devices that could fence node1, node2, node3 m'),
    # fencing.without_fencing
    right('fencing.without_fencing', ['node2', 'node1']),
    right('fencing.without_fencing', frozenset({'node1', 'node2'})),
    wrong('fencing.without_fencing', set(), 'you named no node'),
    wrong('fencing.without_fencing', 'node1 node2', 'node1 node2'),
    wrong('fencing.without_fencing', {'node1', 'node2', 'node3'}, 'node3'),
    # fencing.fence_race
    wrong('fencing.fence_race', 'pcs stonith create fence-node1 fence_xvm pcmk_host_list=node1\npcs stonith create fence-node2 fence_xvm pcmk_host_list=node2 pcmk_delay_base=1s', 'both nodes were shot'),
    wrong('fencing.fence_race', 'pcs stonith create fence-node1 fence_xvm pcmk_host_list=node1\npcs stonith create fence-node2 fence_xvm pcmk_host_list=node2 pcmk_delay_base=3s', 'both nodes were shot'),
    right('fencing.fence_race', 'pcs stonith create fence-node1 fence_xvm pcmk_host_list=node1\npcs stonith create fence-node2 fence_xvm pcmk_host_list=node2 pcmk_delay_base=4s'),
    wrong('fencing.fence_race', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2" pcmk_delay_base="node1:0s;node2:2s"', 'both nodes were shot'),
    wrong('fencing.fence_race', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2"\npcs property set priority-fencing-delay=2s\npcs resource meta fs priority=10', 'both nodes were shot'),
    right('fencing.fence_race', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2"\npcs property set priority-fencing-delay=5s\npcs resource meta fs priority=10'),
    wrong('fencing.fence_race', 'pcs stonith create fence-node1 fence_xvm pcmk_host_list=node1 pcmk_delay_base=2s\npcs stonith create fence-node2 fence_xvm pcmk_host_list=node2 pcmk_delay_base=5s', 'both nodes were shot'),
    right('fencing.fence_race', 'pcs stonith create fence-node1 fence_xvm pcmk_host_list=node1 pcmk_delay_base=1s\npcs stonith create fence-node2 fence_xvm pcmk_host_list=node2 pcmk_delay_base=5s'),
    right('fencing.fence_race', 'pcs stonith create fence-node1 fence_xvm pcmk_host_list=node1 pcmk_delay_max=2s\npcs stonith create fence-node2 fence_xvm pcmk_host_list=node2 pcmk_delay_base=5s'),
    right('fencing.fence_race', 'pcs stonith create fence-node1 fence_xvm pcmk_host_list=node1 pcmk_delay_max=2s\npcs stonith create fence-node2 fence_xvm pcmk_host_list=node2 pcmk_delay_base=8s'),
    # topology.fence_tested
    wrong('topology.fence_tested', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"\npcs stonith fence node3 --wait', 'is not supported'),
    wrong('topology.fence_tested', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"\npcs stonith confirm node3', 'node3 was never fenced'),
    wrong('topology.fence_tested', 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"\npcs stonith fence Node3', '`pcs stonith fence Node3` failed on node1 (exit co'),
    # topology.fence_topology
    right('topology.fence_topology', 'pcs stonith create ipmi-node1 fence_ipmilan ip=10.0.0.51 username=admin password=secret lanplus=1 pcmk_host_list=node1\npcs stonith create ipmi-node2 fence_ipmilan ip=10.0.0.52 username=admin password=secret lanplus=1 pcmk_host_list=node2\npcs stonith create ipmi-node3 fence_ipmilan ip=10.0.0.53 username=admin password=secret lanplus=1 pcmk_host_list=node3\npcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"\npcs stonith level add 1 node1 ipmi-node1\npcs stonith level add 1 node2 ipmi-node2\npcs stonith level add 1 node3 ipmi-node3\npcs stonith level add 2 node1 fence-xvm\npcs stonith level add 2 node2 fence-xvm\npcs stonith level add 2 node3 fence-xvm\n'),
    wrong('topology.fence_topology', 'pcs stonith create ipmi-node1 fence_ipmilan ip=10.0.0.51 username=admin password=secret lanplus=1 pcmk_host_list=node1\npcs stonith create ipmi-node2 fence_ipmilan ip=10.0.0.52 username=admin password=secret lanplus=1 pcmk_host_list=node2\npcs stonith create ipmi-node3 fence_ipmilan ip=10.0.0.53 username=admin password=secret lanplus=1 pcmk_host_list=node3\npcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"\npcs stonith level add 2 node1 ipmi-node1\npcs stonith level add 1 node1 fence-xvm\npcs stonith level add 2 node2 ipmi-node2\npcs stonith level add 1 node2 fence-xvm\npcs stonith level add 2 node3 ipmi-node3\npcs stonith level add 1 node3 fence-xvm\n', 'node1 crashed'),
    wrong('topology.fence_topology', 'pcs stonith create ipmi-node1 fence_ipmilan ip=10.0.0.51 username=admin password=secret lanplus=1 pcmk_host_list=node1\npcs stonith create ipmi-node2 fence_ipmilan ip=10.0.0.52 username=admin password=secret lanplus=1 pcmk_host_list=node2\npcs stonith create ipmi-node3 fence_ipmilan ip=10.0.0.53 username=admin password=secret lanplus=1 pcmk_host_list=node3\npcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"\npcs stonith level add 1 node1 ipmi-node1,fence-xvm\npcs stonith level add 1 node2 ipmi-node2,fence-xvm\npcs stonith level add 1 node3 ipmi-node3,fence-xvm\n', 'node1 crashed while its board (ipmi-node1) did not'),
    wrong('topology.fence_topology', 'pcs stonith create ipmi-node1 fence_ipmilan ip=10.0.0.51 username=admin password=secret lanplus=1 pcmk_host_list=node1\npcs stonith create ipmi-node2 fence_ipmilan ip=10.0.0.52 username=admin password=secret lanplus=1 pcmk_host_list=node2\npcs stonith create ipmi-node3 fence_ipmilan ip=10.0.0.53 username=admin password=secret lanplus=1 pcmk_host_list=node3\npcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"\npcs stonith level add 1 node1 ipmi-node1\npcs stonith level add 2 node1 fence-xvm\npcs stonith level add 1 node2 ipmi-node2\npcs stonith level add 2 node2 fence-xvm\npcs stonith level add 1 node3 ipmi-node1\npcs stonith level add 2 node3 fence-xvm\n', "node3's first fencing level is ipmi-node1"),
    # 09 Ex 5
    right("incidents.diagnosis", _BY_LOGGED_SUMMARIES, function="diagnose"),
    right("incidents.diagnosis", _BY_LOGGED_SUMMARIES, function="diagnose", seed=20),
    # 10 Ex 2: priority-fencing-delay shorter than a fence action (the other node's shot fires before the holder's
    # lands), and just longer than one
    wrong("capstone.two_node_service", _PAIR_SERVICE.replace(_PFD, "priority-fencing-delay=3s"),
          "both nodes were shot"),
    right("capstone.two_node_service", _PAIR_SERVICE.replace(_PFD, "priority-fencing-delay=4s")),
)
