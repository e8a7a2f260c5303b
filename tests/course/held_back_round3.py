"""Held-back answers, third round: what students who never saw the earlier rounds handed in.

Per graded exercise, more correct alternatives in the forms students use (pcs option order, quoting, units
and ISO durations, `pcs resource group add` later instead of `--group`, constraints instead of groups, shell
line continuations and comments, helper classes beside a function, tuples and lists for sets) and the
classic mistakes the text warns about (reversed orders and colocations, finite scores, tokens that are too
long, a random delay for a fixed race, one board for every node, repairs that hide the cause). Where real
pcs 0.11.5 or corosync 3.1.7 refuse a plausible spelling, the case says so: the check must fail with the
tool's own words. Fakes: objects that lie about equality, text subclasses, generators, huge and deeply
nested answers. They run with the others in test_answer_cases.py.
"""

from __future__ import annotations

from cells import Case, right, wrong

_FORMULA = "def detection_ms(nodes, token=3000, token_coefficient=650, consensus=None):\n"
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
_NOF = "pcs property set stonith-enabled=false\n"
_VIP = "pcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=24"
_WEB = "pcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf"
_FS = "pcs resource create fs ocf:heartbeat:Filesystem device=/dev/vdb1 directory=/srv/www fstype=ext4"
_FX = 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"'
_RES = ("pcs resource create fs ocf:heartbeat:Filesystem device=/dev/sdb1 directory=/var/www/html fstype=ext4\n"
        "pcs resource create vip ocf:heartbeat:IPaddr2 ip=192.168.122.200 cidr_netmask=24\n"
        "pcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf "
        "statusurl=http://localhost/server-status\n")
_G = "pcs resource group add webgroup fs vip web\n"
_S = "pcs resource defaults update resource-stickiness=100\n"
_PFX = 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2"\n'
_PRIO = "pcs resource meta webgroup priority=10\npcs property set priority-fencing-delay=10s\n"
_IPMI = "".join(f"pcs stonith create ipmi-node{i} fence_ipmilan ip=10.0.0.5{i} username=admin password=secret lanplus=1 "
                f"pcmk_host_list=node{i}\n" for i in (1, 2, 3))
_XVM = _FX + "\n"
_LEVELS = "".join(f"pcs stonith level add 1 node{i} ipmi-node{i}\npcs stonith level add 2 node{i} fence-xvm\n" for i in (1, 2, 3))
_PING = ("pcs resource create ping ocf:pacemaker:ping host_list=10.200.0.1 multiplier=1000 dampen=5s "
         "op monitor interval=10s clone\n")
_ACC = "class Acc:\n    def __init__(self):\n        self.v = 1.0\n\n    def add(self, x):\n        self.v *= x\n\n\n"


class _Agreeable:
    """Equal to anything, hashed like anything: a set that 'contains' every answer."""

    def __eq__(self, other: object) -> bool:
        return True

    def __hash__(self) -> int:
        return 0

    def __len__(self) -> int:
        return 3


class _Chameleon(str):
    """Text that turns into the right number when a check converts it."""

    def __float__(self) -> float:
        return 3.3425


def _nested(depth: int) -> list:
    answer: list = ["lb", "db"]
    for _ in range(depth):
        answer = [answer]
    return answer


def _looping() -> dict:
    answer: dict = {"nodes": 5, "seed": 3}
    answer["advanced"] = answer
    return answer


FAKES = (
    wrong("availability.single_points_of_failure", _Agreeable(), "should be plain data"),
    wrong("availability.single_points_of_failure", (part for part in ("lb", "db")), "should be plain data"),
    wrong("availability.single_points_of_failure", _nested(500), "nested too deeply"),
    wrong("getting_started.first_quorum_time", _Chameleon("anything"), "should be a plain str"),
    wrong("getting_started.lab_formed", _looping(), "nested too deeply"),
    wrong("availability.stack_availability", [0.99] * 3_000_000, "too large"),
    wrong("quorum.quorate_side", {"node3", "node4", "node5", _Agreeable()}, "should be plain data"),
    # functions that hand back what is not a number, or an object that claims to equal every number
    wrong("availability.series_function", "class Yes(float):\n    def __eq__(self, other):\n        return True\n\n"
          "def series(*a):\n    return Yes(0.5)\n", "series(", "series"),
    wrong("quorum.quorum_formula", "def votes_needed(n):\n    return [n // 2 + 1] * 10 ** 6\n", "votes_needed(", "votes_needed"),
    wrong("quorum.quorum_formula", "calls = []\n\ndef votes_needed(n):\n    calls.append(n)\n    return len(calls) + 1\n",
          "votes_needed(", "votes_needed"),
    wrong("availability.parallel_function", "def parallel(*a):\n    return parallel(*a, 0.5)\n", "RecursionError", "parallel"),
    # returns that are not a number (a 100,000-digit int, an array, a Decimal, nan, inf), signatures that differ
    # from the exercise's, a cache in a default argument (no answer here patches builtins: this test imports them)
    wrong("availability.series_function", "def series(*a):\n    return 10 ** 100000\n", "series(", "series"),
    wrong("availability.series_function", "def series(*a):\n    import numpy as np\n    return np.array([np.prod(a)])\n", "series(", "series"),
    wrong("availability.series_function", "def series(*a):\n    import decimal\n    return decimal.Decimal('0.5')\n", "series(", "series"),
    wrong("availability.series_function", "def series(*a):\n    return float('nan')\n", "series(", "series"),
    wrong("availability.series_function", "def series(*a):\n    return float('inf')\n", "series(", "series"),
    right("availability.series_function", "import numpy as np\ndef series(*a):\n    return np.array(a).prod()\n", "series"),
    right("availability.parallel_function", "def parallel(*a, _cache={}):\n    key = tuple(a)\n    if key not in _cache:\n        d = 1.0\n        for x in a:\n            d *= 1 - x\n        _cache[key] = 1 - d\n    return _cache[key]\n", "parallel"),
    wrong("quorum.quorum_formula", "def votes_needed(n):\n    return None\n", "has no value yet", "votes_needed"),
    wrong("quorum.quorum_formula", "def votes_needed(n):\n    raise NotImplementedError\n", "NotImplementedError", "votes_needed"),
    wrong("corosync.detection_formula", "def detection_ms(nodes, token=3000, token_coefficient=650):\n    return 2.2 * (token + max(0, nodes - 2) * token_coefficient)\n", "detection_ms", "detection_ms"),
    right("corosync.detection_formula", "def detection_ms(nodes, token=3000, token_coefficient=650, consensus=None, **unused):\n    t = token + max(0, nodes - 2) * token_coefficient\n    return t + (1.2 * t if consensus is None else consensus)\n", "detection_ms"),
    right("corosync.detection_formula", "def detection_ms(*args, **kwargs):\n    nodes = args[0]\n    token = kwargs.get('token', 3000)\n    k = kwargs.get('token_coefficient', 650)\n    c = kwargs.get('consensus')\n    t = token + max(0, nodes - 2) * k\n    return t + (1.2 * t if c is None else c)\n", "detection_ms"),
    # lambdas on a line of their own, as students write short functions
    right("availability.series_function", "import math\nseries = lambda *a: math.prod(a)\n", "series"),
    right("availability.parallel_function", "import math\nparallel = lambda *a: 1 - math.prod(1 - x for x in a)\n",
          "parallel"),
    wrong("availability.parallel_function", "import math\nparallel = lambda *a: math.prod(1 - x for x in a)\n",
          "parallel(", "parallel"),
    right("quorum.quorum_formula", "votes_needed = lambda n: n // 2 + 1\n", "votes_needed"),
    # a helper class beside the function, as students write one
    right("availability.series_function", _ACC + "def series(*a):\n    acc = Acc()\n    for x in a:\n        acc.add(x)\n"
          "    return acc.v\n", "series"),
    right("availability.series_function", "from dataclasses import dataclass\n\n\n@dataclass\nclass Product:\n"
          "    value: float = 1.0\n\n\ndef series(*a):\n    p = Product()\n    for x in a:\n        p.value *= x\n"
          "    return p.value\n", "series"),
)


# 09 Exercise 5: a reader that keeps its state in a class; one that takes the pe-input saved before the failure
_STATEFUL = r'''
import re

FAILED = re.compile(r"Result of (\w+) operation for (\S+) on (\S+): (.*)$")
SAVED = re.compile(r"saving inputs in (\S+pe-input-\d+\.bz2)")


class Reader:
    def __init__(self):
        self.failure = None
        self.pe_input = None

    def feed(self, line, replays):
        found = FAILED.search(line)
        if self.failure is None and found and "probe" not in line and found.group(4) != "ok":
            self.failure = found.groups()[:3]
        saved = SAVED.search(line)
        if self.failure and saved and self.pe_input is None:
            name = saved.group(1).rsplit("/", 1)[-1]
            summary = replays[name].split("Transition Summary:")[-1]
            if re.search(r"\* (Stop|Restart|Recover|Move|Migrate)\s+web\b", summary):
                self.pe_input = saved.group(1)


def diagnose(log, replays):
    reader = Reader()
    for line in log.splitlines():
        reader.feed(line, replays)
    operation, resource, node = reader.failure
    return {"pe_input": reader.pe_input, "resource": resource, "node": node, "operation": operation}
'''
_BEFORE = r'''
import re

def diagnose(log, replays):
    lines = log.splitlines()
    at = next(i for i, line in enumerate(lines) if "Result of" in line and "probe" not in line and not line.endswith(": ok"))
    operation, resource, node = re.search(r"Result of (\w+) operation for (\S+) on (\S+):", lines[at]).groups()
    before = [re.search(r"(pe-input-\d+)", line).group(1) for line in lines[:at] if "saving inputs" in line]
    return {"pe_input": before[-1], "resource": resource, "node": node, "operation": operation}
'''

INCIDENTS = (
    right("incidents.diagnosis", _STATEFUL, function="diagnose"),
    right("incidents.diagnosis", _STATEFUL, function="diagnose", seed=5),
    wrong("incidents.diagnosis", _STATEFUL.replace('"operation": operation}', '"operation": operation, "confidence": "high"}'), "besides", function="diagnose"),
    wrong("incidents.diagnosis", _BEFORE, "pe_input", function="diagnose"),
    wrong("incidents.diagnosis", "def diagnose(log, replays):\n    from halab_graders.incidents import truth\n    return truth\n", "may not import halab_graders", function="diagnose"),
    wrong("incidents.diagnosis", "def diagnose(log, replays):\n    return [log.count('x')]\n", "should be a dict", function="diagnose"),
)

# answers typed as they come: padded text, tabs, roles and ids spelt out, cibadmin, pcs --force and --wait
AS_TYPED = (
    right("getting_started.first_quorum_time", 3.3425),
    right("getting_started.first_quorum_time", 3.35),
    wrong("getting_started.first_quorum_time", 3.36, "not what the exercise asks for"),
    wrong("getting_started.first_quorum_time", -3.3425, "not what the exercise asks for"),
    right("availability.stack_availability", "0.99390549"),
    wrong("availability.stack_availability", "99.39 %", "should be a number"),
    right("quorum.quorate_side", "node3 node4 node5".split()),
    wrong("quorum.quorate_side", {"node1", "node2", "node3"}, "not the set of nodes"),
    right("building.two_node_conf", _PAIR.replace("  nodeid: 1\n", "  nodeid: 1\n").replace("ring0_addr: 10.0.1.1\n  name: web1", "name: web1\n  ring0_addr: 10.0.1.1")),
    right("building.two_node_conf", "# pair\n" + _PAIR.replace(" ", "\t")),
    wrong("building.two_node_conf", _PAIR.replace("ring0_addr: 10.0.1.1", "ring0_addr: 10.0.1.2").replace("ring0_addr: 10.0.1.2\n  name: web2", "ring0_addr: 10.0.1.1\n  name: web2"), ""),
    wrong("building.two_node_conf", _PAIR.replace("cluster_name: pair", "cluster_name: Pair"), "'Pair'"),
    right("constraints.together_in_order", "pcs constraint colocation add Started web with Started vip INFINITY\npcs constraint order start vip then start web symmetrical=true\npcs constraint location vip prefers node2=100"),
    right("constraints.together_in_order", "pcs constraint location vip prefers node2=100\npcs constraint colocation add web with vip INFINITY\npcs constraint order vip then web\npcs constraint"),
    right("constraints.together_in_order", "cibadmin --create -o constraints --xml-text '<rsc_location id=\"loc-vip\" rsc=\"vip\" node=\"node2\" score=\"100\"/>'\npcs constraint colocation add web with vip INFINITY\npcs constraint order vip then web"),
    wrong("constraints.stays_put", "crm configure rsc_defaults resource-stickiness=100", "command not found"),  # crmsh is not on these nodes: pcs is
    wrong("constraints.stays_put", "pcs resource defaults update resource-stickiness=50 --force\npcs constraint location webgroup prefers node2=1000", ""),
    right("constraints.read_scores", "  110 "),
    wrong("constraints.read_scores", 110.5, ""),
    right("failover.measured_failover", 10.9),
    wrong("failover.measured_failover", 11.0, "not within 0.3 s of"),
    right("fencing.without_fencing", ["node1", "node2", "node1"]),
    wrong("fencing.without_fencing", [], "not where fs is mounted"),
    right("connectivity.pingd_value", "  1000\n"),
    wrong("connectivity.pingd_value", 1000.5, ""),
    right("operations.default_recovery", 74.6),
    wrong("operations.default_recovery", 74.8, "not within 0.5 s of"),
    right("resources.vip_monitored", _NOF + _VIP + " op monitor interval=10s timeout=20s on-fail=restart"),
    right("resources.vip_monitored", "pcs property set stonith-enabled=false --force\n" + _VIP + " op monitor interval=10s"),
    right("resources.vip_monitored", _NOF + "pcs resource create vip IPaddr2 ip=10.200.0.100 cidr_netmask=24 op monitor interval=10s role=Started"),
    wrong("resources.vip_monitored", _NOF + "pcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=24 op monitor interval=10s --disabled", ""),
    wrong("resources.vip_monitored", "pcs property set stonith-enabled=true\n" + _VIP, ""),
    right("resources.web_service", _NOF + "pcs resource create vip IPaddr2 ip=10.200.0.100 cidr_netmask=24\npcs resource create web apache configfile=/etc/apache2/apache2.conf\npcs resource group add websvc vip\npcs resource group add websvc web"),
    right("resources.web_service", _NOF + _VIP + "\n" + _WEB + "\npcs resource group add websvc web\npcs resource group add websvc vip"),  # together; Ex2 asks no order
    right("failover.migration_policy", "pcs resource update web meta migration-threshold=2 --wait"),
    right("failover.forgiven_failures", "pcs resource meta web migration-threshold=3 failure-timeout=PT120S"),
    wrong("failover.forgiven_failures", "pcs resource meta web migration-threshold=3 failure-timeout=2min\npcs resource meta web failure-timeout=0", ""),
    right("failover.fast_recovery", {"token_ms": "1000", "monitor_seconds": "2"}),
    wrong("failover.fast_recovery", {"token_ms": 1000, "monitor_seconds": True}, "should be a number, not True"),
    right("fencing.fence_race", "pcs stonith create fence-node1 fence_xvm pcmk_host_list=node1\npcs stonith create fence-node2 fence_xvm pcmk_host_list=node2\npcs stonith update fence-node2 pcmk_delay_base=5s"),
    wrong("fencing.fence_race", "pcs stonith create fence-node1 fence_xvm pcmk_host_list=node1\npcs stonith create fence-node2 fence_xvm pcmk_host_list=node2\npcs stonith update fence-node1 pcmk_delay_base=5s", "lost the race"),
    right("operations.hung_stop", "pcs resource update web op stop timeout=20s op monitor interval=10s timeout=30s"),
    right("operations.hung_stop", "pcs resource update web op stop timeout=20s op monitor interval=20s"),  # 20 + 20 s and fencing still fit in 45 s
    right("connectivity.uplink_rule", "pcs resource create ping ocf:pacemaker:ping host_list=10.200.0.1 multiplier=1000 dampen=5s op monitor interval=10s\npcs resource clone ping interleave=true\npcs constraint location web rule score-attribute=pingd defined pingd"),
    wrong("connectivity.uplink_rule", "pcs resource create ping ocf:pacemaker:ping host_list=10.200.0.1 multiplier=1000 dampen=5s op monitor interval=10s clone\npcs constraint location web rule score=-INFINITY not_defined pingd or pingd lte 0", ""),
)

# the mistakes the issue names, in other spellings: reversed or near-INFINITY colocations, a netmask after the
# address, one board mapped to three nodes, a move instead of a repair, stickiness 0, WFA switched off
TEXT_WARNS = (
    wrong("constraints.together_in_order", "pcs constraint location vip prefers node2=100\npcs constraint colocation add vip with web\npcs constraint order vip then web", ""),
    wrong("constraints.together_in_order", "pcs constraint location vip prefers node2=100\npcs constraint colocation set web vip\npcs constraint order vip then web", ""),
    wrong("constraints.together_in_order", "pcs constraint location vip prefers node2=100\npcs constraint colocation add web with vip 999999\npcs constraint order vip then web", ""),
    wrong("resources.vip_monitored", "pcs property set stonith-enabled=false\npcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100/255.255.255.0", "refuses"),
    wrong("fencing.fence_device", 'pcs stonith create ipmi fence_ipmilan ip=10.0.0.50 username=admin password=secret lanplus=1 pcmk_host_map="node1:1;node2:2;node3:3"', "management board"),
    wrong("troubleshooting.repaired", {"A": ["pcs resource move webgroup node2", "pcs resource clear webgroup"]}, "", puzzle_letter="A"),
    wrong("troubleshooting.repaired", {"A": ["pcs resource move webgroup node2 --lifetime=P1D"]}, "", puzzle_letter="A"),
    wrong("capstone.web_service", _FX + "\n" + _RES + _G + "pcs resource defaults update resource-stickiness=0\n", ""),
    right("capstone.web_service", _FX + "\n" + _RES + _G + "pcs resource defaults update resource-stickiness=100\npcs property set no-quorum-policy=stop\n"),
    wrong("quorum.down_to_one_design", {"last_man_standing": 1, "auto_tie_breaker": 1, "wait_for_all": "0"}, ""),
    wrong("quorum.two_node_design", {"two_node": 1, "wait_for_all": "off"}, ""),
    wrong("building.two_node_conf", ("totem {\n version: 2\n cluster_name: pair\n transport: knet\n}\nnodelist {\n node {\n  ring0_addr: 10.0.1.1\n  name: web1\n  nodeid: 1\n }\n node {\n  ring0_addr: 10.0.1.2\n  name: web2\n  nodeid: 2\n }\n}\nquorum {\n provider: corosync_votequorum\n expected_votes: 1\n}\n"), ""),
    wrong("fencing.fence_race", 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2"\npcs property set priority-fencing-delay=10s\npcs resource meta fs priority=10\npcs property set stonith-enabled=false', ""),
    wrong("capstone.two_node_service", 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2" pcmk_delay_base="node2:5s"\n' + _RES + _G + "pcs resource defaults update resource-stickiness=100\n", "lost the fence race"),
)

# the documentation's offline way (pcs -f FILE, then cib-push), --before/--after, pcs 0.9's cluster auth
_OFFLINE = "".join("pcs -f /root/cfg.xml " + line[4:] + "\n" for line in (_FX + "\n" + _RES + _G + _S).splitlines())
OTHER_WAYS = (
    wrong("capstone.two_node_service", _PFX + _RES + "pcs constraint colocation add vip with fs INFINITY\npcs constraint colocation add web with vip INFINITY\npcs constraint order fs then web\npcs resource meta fs priority=10\npcs property set priority-fencing-delay=10s\npcs resource defaults update resource-stickiness=100\n", "no order constraint or group starts web after vip"),
    right("capstone.two_node_service", _PFX + _RES + "pcs constraint colocation add vip with fs INFINITY\npcs constraint colocation add web with vip INFINITY\npcs constraint order fs then vip\npcs constraint order vip then web\npcs resource meta fs priority=10\npcs property set priority-fencing-delay=10s\npcs resource defaults update resource-stickiness=100\n"),
    # sets for the capstone (either direction of colocation), a start order that holds by timing only, an arbiter
    # with expected_votes 1, a guard rule on not_defined pingd, on-fail=block for the monitor
    right("capstone.web_service", _FX + "\n" + _RES + "pcs constraint colocation set fs vip web\npcs constraint order set fs vip web\n" + _S),
    right("capstone.web_service", _FX + "\n" + _RES + "pcs constraint colocation set web vip fs\npcs constraint order set fs vip web\n" + _S),  # together either way round; 10 asks no direction
    wrong("capstone.web_service", _FX + "\n" + _RES + _G + _S + "pcs resource update web op monitor interval=1s timeout=1s\n", "timeout"),
    wrong("capstone.web_service", _FX + "\n" + _RES + "pcs constraint colocation add vip with fs INFINITY\npcs constraint colocation add web with vip INFINITY\npcs constraint order fs then web\n" + _S, "no order constraint or group starts web after vip"),
    right("quorum.arbiter_design", {"device": {"model": "net", "votes": 1, "net": {"host": "qnetd", "algorithm": "ffsplit", "tie_breaker": "lowest"}}}),
    right("quorum.arbiter_design", {"device": {"model": "net", "votes": 1, "timeout": 10000, "net": {"host": "qnetd", "algorithm": "ffsplit"}}}),
    wrong("quorum.arbiter_design", {"device": {"model": "net", "votes": 1, "net": {"host": "qnetd", "algorithm": "ffsplit"}}, "wait_for_all": 0, "expected_votes": 1}, ""),
    right("connectivity.uplink_rule", _PING + "pcs constraint location web rule score-attribute=pingd defined pingd\npcs constraint location web rule score=-INFINITY not_defined pingd"),
    wrong("connectivity.uplink_rule", _PING + "pcs constraint location web rule score=-INFINITY pingd lte 0", ""),
    wrong("connectivity.uplink_rule", _PING + "pcs constraint location web rule score=-INFINITY not_defined pingd", ""),
    right("operations.hung_stop", "pcs resource update web op monitor interval=10s timeout=20s\npcs resource update web op stop timeout=20s"),
    wrong("operations.hung_stop", "pcs resource update web op stop timeout=20s\npcs resource update web op monitor interval=10s timeout=20s on-fail=block", ""),
    right("fencing.fence_device", 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"\npcs stonith level add 1 node1 fence-xvm\npcs stonith level add 1 node2 fence-xvm\npcs stonith level add 1 node3 fence-xvm'),
    wrong("fencing.fence_device", 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"\npcs resource meta fence-xvm target-role=Stopped', ""),
    # Pacemaker's own tools instead of pcs
    right("constraints.stays_put", "crm_attribute --type rsc_defaults --name resource-stickiness --update 100"),
    right("constraints.stays_put", "crm_attribute -t rsc_defaults -n resource-stickiness -v INFINITY"),
    wrong("constraints.stays_put", "crm_attribute -t rsc_defaults -n resource-stickiness -v 10", "back to it"),
    right("failover.migration_policy", "crm_resource --resource web --meta --set-parameter migration-threshold --parameter-value 2"),
    right("failover.migration_policy", "crm_resource -r web -m -p migration-threshold -v 2"),
    right("failover.migration_policy", "crm_resource -r web -p migration-threshold -v 2"),  # Pacemaker reads meta attributes from instance attributes too
    right("capstone.web_service_built", "pcs cluster cib /root/cfg.xml\n" + _OFFLINE + "pcs cluster cib-push /root/cfg.xml"),
    right("capstone.web_service", "pcs cluster cib /root/cfg.xml\n" + _OFFLINE + "pcs cluster cib-push /root/cfg.xml --config"),
    right("constraints.together_in_order", "pcs cluster cib cfg\npcs -f cfg constraint location vip prefers node2=100\npcs -f cfg constraint colocation add web with vip INFINITY\npcs -f cfg constraint order vip then web\npcs cluster cib-push cfg"),
    wrong("capstone.web_service_built", "pcs cluster cib /root/cfg.xml\n" + _OFFLINE, ""),
    right("resources.filesystem_first", "pcs property set stonith-enabled=false\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf --group websvc\npcs resource create fs ocf:heartbeat:Filesystem device=/dev/vdb1 directory=/srv/www fstype=ext4 --group websvc --before web"),
    wrong("resources.filesystem_first", "pcs property set stonith-enabled=false\npcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf --group websvc\npcs resource create fs ocf:heartbeat:Filesystem device=/dev/vdb1 directory=/srv/www fstype=ext4 --group websvc --after web", ""),
    wrong("building.built_from_bare", ["pcs cluster auth node1 node2 node3 -u hacluster -p secret", "pcs cluster setup webcluster node1 node2 node3", "pcs cluster start --all"], ""),
    right("building.built_from_bare", ["pcs host auth node1 node2 node3 -u hacluster -p secret", "pcs cluster setup webcluster node1 node2 node3 --start --enable --wait=60"]),
    right("operations.hung_stop", "pcs resource update web op stop interval=0s timeout=20s on-fail=fence"),
    right("troubleshooting.repaired", {"C": ["crm_resource --resource webgroup --clear"]}, puzzle_letter="C"),
    right("troubleshooting.repaired", {"A": ["pcs constraint location remove location-webgroup-node2.lab.example-100", "pcs constraint location webgroup prefers node2=100"]}, puzzle_letter="A"),
    right("fencing.fence_device", "pcs stonith create fence-xvm fence_xvm pcmk_host_list=\"node1 node2 node3\"\npcs stonith update fence-xvm pcmk_host_check=static-list"),
)

THIRD_ROUND: tuple[Case, ...] = FAKES + INCIDENTS + AS_TYPED + TEXT_WARNS + OTHER_WAYS + (
    # 00
    right("getting_started.lab_formed", {"nodes": 5, "seed": 2026, "advanced": 15}),
    right("getting_started.lab_formed", {"seed": 11, "nodes": 5, "advanced": "30s"}),
    right("getting_started.lab_formed", {"nodes": 5, "seed": 0, "advanced": 60.0, "notes": "quorate at 3.4 s"}),
    right("getting_started.lab_formed", {"nodes": 5, "seed": 3, "advanced": 20000 / 1000}),
    wrong("getting_started.lab_formed", {"nodes": 5, "seed": 3, "advanced": 1}, "not (yet)"),
    wrong("getting_started.lab_formed", {"nodes": 3, "seed": 0, "advanced": 20}, "3 node(s)"),
    wrong("getting_started.lab_formed", {"nodes": 5, "seed": 3}, "should be a dict such as"),
    wrong("getting_started.lab_formed", {"nodes": 5, "seed": "three", "advanced": 20}, "should be a number"),
    wrong("getting_started.lab_formed", {"nodes": 5, "seed": 3, "advanced": "20 parsecs"}, "advanced"),
    wrong("getting_started.lab_formed", {"nodes": 5, "seed": 3, "advanced": "1e9s"}, "not a duration"),
    right("getting_started.first_quorum_time", 3.343),
    right("getting_started.first_quorum_time", "3.34"),
    wrong("getting_started.first_quorum_time", 3342.5, "milliseconds"),
    wrong("getting_started.first_quorum_time", 0.0, "not what the exercise asks for"),
    wrong("getting_started.first_quorum_time", (3.3425,), "should be a number"),
    wrong("getting_started.first_quorum_time", {"time": 3.3425}, "should be a number"),
    # 01
    right("availability.downtime_minutes", 525.6),
    right("availability.downtime_minutes", 0.001 * 365 * 24 * 60),
    right("availability.downtime_minutes", "5.256e2"),
    wrong("availability.downtime_minutes", 8.76, "hours"),
    wrong("availability.downtime_minutes", 43.8, "you answered"),  # a month
    wrong("availability.downtime_minutes", 0.999 * 525600, "you answered"),  # uptime instead of downtime
    right("availability.downtime_minutes", 527.04),  # 366 days: within the 1 % the check allows
    right("availability.series_function", "def series(*availabilities):\n    import math\n    return math.prod(availabilities)\n", "series"),
    right("availability.series_function", "def series(*args):\n    out = 1\n    for a in args:\n        out = out * a\n    return float(out)\n", "series"),
    right("availability.series_function", "def series(*a):\n    import math\n    return math.exp(sum(math.log(x) for x in a))\n", "series"),
    wrong("availability.series_function", "def series(*a):\n    return min(a)\n", "series(", "series"),
    wrong("availability.series_function", "def series(*a):\n    return round(__import__('math').prod(a), 2)\n", "series(", "series"),
    wrong("availability.series_function", "def series(availabilities):\n    r = 1\n    for x in availabilities:\n        r *= x\n    return r\n", "series", "series"),
    wrong("availability.series_function", "def series(*a):\n    return str(__import__('math').prod(a))\n", "series(", "series"),
    wrong("availability.series_function", "def series(*a):\n    yield __import__('math').prod(a)\n", "series(", "series"),
    right("availability.parallel_function", "def parallel(*availabilities):\n    down = 1\n    for a in availabilities:\n        down *= (1 - a)\n    return 1 - down\n", "parallel"),
    right("availability.parallel_function", "from math import prod\ndef parallel(*a):\n    return 1.0 - prod([1.0 - x for x in a])\n", "parallel"),
    right("availability.parallel_function", "def parallel(*a):\n    if len(a) == 1:\n        return a[0]\n    return 1 - (1 - a[0]) * (1 - parallel(*a[1:]))\n", "parallel"),
    wrong("availability.parallel_function", "def parallel(*a):\n    return max(a)\n", "parallel(", "parallel"),
    wrong("availability.parallel_function", "def parallel(*a):\n    return 1 - (1 - a[0]) * (1 - a[-1])\n", "parallel(", "parallel"),
    wrong("availability.parallel_function", "def parallel(*a):\n    d = 1\n    for x in a:\n        d *= 1 - x\n    return d\n", "parallel(", "parallel"),
    wrong("availability.parallel_function", "def parallel(*a):\n    return sum(a) - __import__('math').prod(a)\n", "parallel(", "parallel"),
    right("availability.stack_availability", 0.999 * (1 - 0.01 * 0.01) * 0.995),
    right("availability.stack_availability", 0.9939054),
    right("availability.stack_availability", "0.993905"),
    wrong("availability.stack_availability", 0.999 * 0.99 * 0.99 * 0.995, "both were needed"),
    wrong("availability.stack_availability", 0.994, "you answered"),
    wrong("availability.stack_availability", 0.999 * 0.9999, "you answered"),  # database forgotten
    wrong("availability.stack_availability", 1 - 0.999 * 0.9999 * 0.995, "you answered"),
    right("availability.single_points_of_failure", ["lb", "db"]),
    right("availability.single_points_of_failure", {"db", "lb"}),
    right("availability.single_points_of_failure", ("lb", "db", "lb")),
    wrong("availability.single_points_of_failure", {"lb"}, "1 component(s) you left out"),
    wrong("availability.single_points_of_failure", {"web1", "web2"}, "survives losing web1, web2"),
    wrong("availability.single_points_of_failure", "lb, db", "not a component"),
    wrong("availability.single_points_of_failure", {"lb", "db", "network"}, "not a component"),
    wrong("availability.single_points_of_failure", [["lb"], ["db"]], "should be a set of names"),
    # 02
    right("corosync.detection_time", 8.03),
    right("corosync.detection_time", "8.0"),
    right("corosync.detection_time", 8.1),
    wrong("corosync.detection_time", 8030.0, "milliseconds"),
    wrong("corosync.detection_time", 3.65, "you answered"),
    wrong("corosync.detection_time", 18.03, "you answered"),  # the crash time + detection, not the difference
    wrong("corosync.detection_time", 7.8, "you answered"),
    right("corosync.detection_formula", _FORMULA + "    runtime = token + max(nodes - 2, 0) * token_coefficient\n    return runtime + (consensus if consensus is not None else runtime * 1.2)\n", "detection_ms"),
    right("corosync.detection_formula", _FORMULA + "    if nodes <= 2:\n        t = token\n    else:\n        t = token + (nodes - 2) * token_coefficient\n    c = 1.2 * t if consensus is None else consensus\n    return int(round(t + c))\n", "detection_ms"),
    right("corosync.detection_formula", "def _runtime(n, t, k):\n    return t + k * max(0, n - 2)\n" + _FORMULA + "    r = _runtime(nodes, token, token_coefficient)\n    return r + (1.2 * r if consensus is None else consensus)\n", "detection_ms"),
    wrong("corosync.detection_formula", _FORMULA + "    t = token + nodes * token_coefficient\n    return 2.2 * t if consensus is None else t + consensus\n", "your function predicts", "detection_ms"),
    wrong("corosync.detection_formula", _FORMULA + "    return token + (consensus or 1.2 * token)\n", "your function predicts", "detection_ms"),
    wrong("corosync.detection_formula", _FORMULA + "    t = token + max(0, nodes - 2) * token_coefficient\n    return t\n", "your function predicts", "detection_ms"),
    wrong("corosync.detection_formula", _FORMULA + "    t = token + max(0, nodes - 2) * token_coefficient\n    return t + 1.2 * token if consensus is None else t + consensus\n", "your function predicts", "detection_ms"),
    wrong("corosync.detection_formula", _FORMULA + "    t = token + max(0, nodes - 2) * token_coefficient\n    return str(2.2 * t if consensus is None else t + consensus)\n", "detection_ms", "detection_ms"),
    wrong("corosync.detection_formula", _FORMULA + "    import itertools\n    return sum(itertools.count())\n", "", "detection_ms"),
    right("corosync.fast_detection", {"token": 1000, "token_coefficient": 0}),
    right("corosync.fast_detection", {"token": 1200, "token_coefficient": 0}),
    right("corosync.fast_detection", {"token_coefficient": 0, "token": 1000, "consensus": 1500}),
    right("corosync.fast_detection", {"token": 1000, "token_coefficient": 100}),
    wrong("corosync.fast_detection", {"token": 1000}, "needed"),
    wrong("corosync.fast_detection", {"token": 500, "token_coefficient": 0}, "shorter than 1000 ms"),
    wrong("corosync.fast_detection", {"token": 1000, "token_coefficient": 0, "consensus": 800}, "shorter than 1.2 x"),
    wrong("corosync.fast_detection", {"Token": 1000, "token_coefficient": 0}, ""),
    wrong("corosync.fast_detection", {"token": "1000ms", "token_coefficient": 0}, ""),
    wrong("corosync.fast_detection", {"token": 2000, "token_coefficient": 0}, "needed"),
    # 03
    right("quorum.quorum_formula", "def votes_needed(expected_votes):\n    return expected_votes // 2 + 1\n", "votes_needed"),
    right("quorum.quorum_formula", "import math\ndef votes_needed(n):\n    return math.floor(n / 2) + 1\n", "votes_needed"),
    right("quorum.quorum_formula", "def votes_needed(n):\n    return n - (n - 1) // 2 if n > 0 else 0\n", "votes_needed"),
    wrong("quorum.quorum_formula", "import math\ndef votes_needed(n):\n    return math.ceil(n / 2) + 1\n", "returned", "votes_needed"),
    wrong("quorum.quorum_formula", "def votes_needed(n):\n    return n // 2 + 1 if n % 2 else n // 2\n", "returned", "votes_needed"),
    wrong("quorum.quorum_formula", "def votes_needed(n):\n    return round(n / 2) + 1\n", "returned", "votes_needed"),
    wrong("quorum.quorum_formula", "def votes_needed(n):\n    return 2 * n // 3 + 1\n", "returned", "votes_needed"),
    right("quorum.quorate_side", {"node3", "node4", "node5"}),
    right("quorum.quorate_side", ["node3", "node5", "node4", "node3"]),
    right("quorum.quorate_side", [" node3", "node4", "node5 "]),
    wrong("quorum.quorate_side", {"node1", "node2"}, "not the set of nodes"),
    wrong("quorum.quorate_side", {"node3", "node4", "node5", "node6"}, "no such node"),
    wrong("quorum.quorate_side", ["node3, node4, node5"], "no such node"),
    wrong("quorum.quorate_side", 3, "should be a set of names"),
    right("quorum.two_node_design", {"two_node": 1}),
    right("quorum.two_node_design", {"two_node": "1", "wait_for_all": "1"}),
    right("quorum.two_node_design", {"two_node": 1, "expected_votes": "2"}),
    wrong("quorum.two_node_design", {"two_node": 0}, "node2 crashed"),
    wrong("quorum.two_node_design", {"expected_votes": 1, "wait_for_all": 1}, ""),
    wrong("quorum.two_node_design", {"last_man_standing": 1, "wait_for_all": 1}, ""),
    wrong("quorum.two_node_design", {"two_node": True, "wait_for_all": False}, ""),
    wrong("quorum.two_node_design", "two_node: 1", "should be a dict"),
    right("quorum.down_to_one_design", {"wait_for_all": 1, "last_man_standing": 1, "auto_tie_breaker": 1}),
    right("quorum.down_to_one_design", {"last_man_standing": "1", "wait_for_all": "1", "auto_tie_breaker": "1", "auto_tie_breaker_node": "1"}),
    right("quorum.down_to_one_design", {"last_man_standing": 1, "wait_for_all": 1, "auto_tie_breaker": 1, "last_man_standing_window": 20000}),
    wrong("quorum.down_to_one_design", {"last_man_standing": 1, "auto_tie_breaker": 1, "wait_for_all": 0}, ""),
    wrong("quorum.down_to_one_design", {"last_man_standing": 1, "wait_for_all": 1}, ""),
    wrong("quorum.down_to_one_design", {"two_node": 1, "wait_for_all": 1}, ""),
    wrong("quorum.down_to_one_design", {"auto_tie_breaker": 1}, ""),
    wrong("quorum.down_to_one_design", {"last_man_standing": 1, "wait_for_all": 1, "auto_tie_breaker": 1, "auto_tie_breaker_node": "4"}, ""),
    right("quorum.arbiter_design", {"device": {"model": "net", "votes": 1, "net": {"host": "qnetd", "algorithm": "ffsplit"}}}),
    right("quorum.arbiter_design", {"device": {"votes": "1", "model": "net", "net": {"algorithm": "ffsplit", "host": "qnetd", "tls": "off"}}}),
    right("quorum.arbiter_design", {"device": {"model": "net", "votes": 1, "net": {"host": " qnetd ", "algorithm": "ffsplit"}}}),
    wrong("quorum.arbiter_design", {"device": {"model": "net", "votes": 1, "net": {"host": "qnetd", "algorithm": "ffsplit"}}, "two_node": 1}, ""),
    wrong("quorum.arbiter_design", {"device": {"model": "net", "votes": 2, "net": {"host": "qnetd", "algorithm": "ffsplit"}}}, ""),
    wrong("quorum.arbiter_design", {"device": {"model": "disk", "votes": 1, "net": {"host": "qnetd", "algorithm": "ffsplit"}}}, ""),
    wrong("quorum.arbiter_design", {"device": {"model": "net", "votes": 1, "net": {"host": "node1", "algorithm": "ffsplit"}}}, "named qnetd"),
    wrong("quorum.arbiter_design", {"two_node": 1, "wait_for_all": 1}, ""),
    # 04 three_node_conf
    right("building.three_node_conf", _CONF.replace(" ", "    ")),
    right("building.three_node_conf", _CONF.replace("nodelist {\n", "nodelist {\n").replace(" node {\n  ring0_addr: 10.0.0.3\n  name: gamma\n  nodeid: 3\n }\n", "").replace("nodelist {\n", "nodelist {\n node {\n  nodeid: 3\n  name: gamma\n  ring0_addr: 10.0.0.3\n }\n")),
    wrong("building.three_node_conf", "# written by hand\n" + _CONF.replace("token: 2000", "token: 2000 # ms"), "expected to be integer"),  # corosync has no comments after a value
    right("building.three_node_conf", _CONF.replace("version: 2\n", "version: 2\n secauth: on\n").replace("ring0_addr", "ring0_addr")),
    right("building.three_node_conf", _CONF.replace("ring0_addr: 10.0.0.", "ring0_addr:10.0.0.")),
    wrong("building.three_node_conf", _CONF.replace(" token: 2000\n", ""), "not what a 2000 ms token gives"),
    wrong("building.three_node_conf", _CONF.replace("token: 2000", "token: 2"), "not what a 2000 ms token gives"),
    wrong("building.three_node_conf", _CONF.replace("cluster_name: webcluster", "cluster_name: web-cluster"), "'web-cluster'"),
    wrong("building.three_node_conf", _CONF.replace("ring0_addr: 10.0.0.2", "ring0_addr: 10.0.0.20"), ""),
    wrong("building.three_node_conf", _CONF.replace("name: gamma", "name: node3"), "the nodelist defines the nodes"),
    wrong("building.three_node_conf", _CONF.replace("  nodeid: 3\n", "  nodeid: 1\n"), ""),
    wrong("building.three_node_conf", _CONF.replace("quorum {\n provider: corosync_votequorum\n}\n", "quorum {\n}\n"), "no provider"),
    wrong("building.three_node_conf", _CONF.replace("provider: corosync_votequorum", "provider: votequorum"), ""),
    wrong("building.three_node_conf", _CONF.replace("token: 2000", "token_timeout: 2000"), ""),
    # 04 two_node_conf
    right("building.two_node_conf", _PAIR.replace("transport: knet\n", "")),
    right("building.two_node_conf", _PAIR.replace("two_node: 1", "two_node: 1\n wait_for_all: 1\n expected_votes: 2")),
    right("building.two_node_conf", _PAIR.replace("cluster_name: pair", "cluster_name: pair\n token: 3000")),
    wrong("building.two_node_conf", _PAIR.replace("two_node: 1", "two_node: 0"), "lost quorum"),
    wrong("building.two_node_conf", _PAIR.replace("two_node: 1", "two_nodes: 1"), ""),
    wrong("building.two_node_conf", _PAIR.replace("two_node: 1", "two_node: 1\n last_man_standing: 1\n wait_for_all: 0"), ""),
    wrong("building.two_node_conf", _PAIR.replace("two_node: 1", "expected_votes: 1\n wait_for_all: 1"), ""),
    wrong("building.two_node_conf", _PAIR.replace(" two_node: 1\n", "").replace("quorum {", "totem {\n two_node: 1\n}\nquorum {"), ""),
    # 04 built_from_bare
    right("building.built_from_bare", (_AUTH, _SETUP, "pcs cluster start --all")),
    wrong("building.built_from_bare", "pcs host auth node1 node2 node3 --username hacluster --password secret\n" + _SETUP + " --start", "not recognized"),
    right("building.built_from_bare", [_AUTH, "pcs cluster setup webcluster node1 addr=10.200.0.11 node2 addr=10.200.0.12 node3 addr=10.200.0.13", "pcs cluster start --all"]),
    right("building.built_from_bare", ["pcs host auth node1 -u hacluster -p secret", "pcs host auth node2 -u hacluster -p secret", "pcs host auth node3 -u hacluster -p secret", _SETUP, "pcs cluster start --all"]),
    right("building.built_from_bare", "# on node1\n" + _AUTH + "\n" + _SETUP + " \\\n  --start --enable\n"),
    right("building.built_from_bare", [_AUTH, _SETUP + " --start", "pcs cluster enable --all"]),
    wrong("building.built_from_bare", [_SETUP, "pcs cluster start --all"], ""),
    wrong("building.built_from_bare", [_AUTH, _SETUP], "runs no corosync"),
    wrong("building.built_from_bare", ["pcs host auth node1 node2 node3 -u root -p secret", _SETUP, "pcs cluster start --all"], ""),
    wrong("building.built_from_bare", [_AUTH, "pcs cluster setup webcluster node1 node2 node3 node4", "pcs cluster start --all"], ""),
    wrong("building.built_from_bare", [_AUTH, _SETUP, "pcs cluster start --all", "pcs cluster destroy --all"], ""),
    wrong("building.built_from_bare", [_AUTH, _SETUP, "systemctl start corosync"], ""),
    # 05 vip_monitored
    right("resources.vip_monitored", _NOF + 'pcs resource create vip IPaddr2 ip="10.200.0.100" cidr_netmask="24" op monitor interval="10s"'),
    right("resources.vip_monitored", _NOF + _VIP + " \\\n    op monitor interval=10s timeout=20s"),
    right("resources.vip_monitored", _VIP + " op monitor interval=10s\n" + _NOF.strip()),
    right("resources.vip_monitored", "crm_attribute --type crm_config --name stonith-enabled --update false\n" + _VIP + " op monitor interval=10s"),
    right("resources.vip_monitored", _NOF + _VIP + " op monitor interval=10s  # checked every 10 s"),
    wrong("resources.vip_monitored", "# lab only: no fencing\n" + _NOF + _VIP + "\npcs resource op add vip monitor interval=5s", "already specified"),
    right("resources.vip_monitored", _NOF + _VIP + " op monitor interval=PT10S"),
    wrong("resources.vip_monitored", _NOF + _VIP + " op monitor interval=20s", ""),
    wrong("resources.vip_monitored", _NOF + "pcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100/24 op monitor interval=10s", "refuses"),
    wrong("resources.vip_monitored", _NOF + "pcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 netmask=255.255.255.0", ""),
    wrong("resources.vip_monitored", _NOF + "pcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=/24", ""),
    wrong("resources.vip_monitored", _NOF + _VIP + " meta target-role=Stopped", ""),
    wrong("resources.vip_monitored", _NOF + _VIP + " op monitor interval=10m", ""),
    # 05 web_service
    right("resources.web_service", _NOF + _VIP + " op monitor interval=10s --group websvc\n" + _WEB + " op monitor interval=20s --group websvc"),
    right("resources.web_service", _NOF + _WEB + "\n" + _VIP + "\npcs resource group add websvc vip web"),
    right("resources.web_service", _NOF + _VIP + "\n" + _WEB + "\npcs constraint colocation add web with vip score=INFINITY\npcs constraint order start vip then start web"),
    wrong("resources.web_service", _NOF + _VIP + "\n" + _WEB + "\npcs constraint colocation add web with vip +INFINITY", "does not conform"),  # pcs 0.11.5 makes an id with a +
    right("resources.web_service", _NOF + _VIP + " --group web-service\n" + _WEB + " --group web-service"),
    wrong("resources.web_service", _NOF + _VIP + "\n" + _WEB + "\npcs constraint colocation add vip with web 500", ""),
    wrong("resources.web_service", _VIP + " --group websvc\n" + _WEB + " --group websvc", ""),
    wrong("resources.web_service", _NOF + _VIP + "\n" + _WEB + " --group websvc", ""),
    right("resources.web_service", _NOF + _VIP + "\n" + _WEB + "\npcs constraint colocation add web with vip INFINITY\npcs resource clone web"),  # pcs moves the colocation to web-clone: one instance, where vip is
    wrong("resources.web_service", _NOF + _VIP + "\n" + _WEB + "\npcs constraint location web prefers node1=INFINITY\npcs constraint location vip prefers node1=INFINITY", ""),
    # 05 filesystem_first
    right("resources.filesystem_first", _NOF + _FS + "\n" + _WEB + "\npcs resource group add websvc fs web"),
    right("resources.filesystem_first", _NOF + _FS + "\n" + _WEB + "\npcs constraint order fs then web\npcs constraint colocation add web with fs"),
    right("resources.filesystem_first", _NOF + _FS.replace("/srv/www", "/srv/www/") + " --group websvc\n" + _WEB + " --group websvc"),
    right("resources.filesystem_first", _NOF + _FS + " op monitor interval=20s --group websvc\n" + _WEB + " op monitor interval=30s --group websvc"),
    right("resources.filesystem_first", _NOF + _WEB + "\n" + _FS + "\npcs constraint order start fs then start web kind=Mandatory\npcs constraint colocation add web with fs INFINITY"),
    wrong("resources.filesystem_first", _NOF + _FS + "\n" + _WEB + "\npcs resource group add websvc web fs", ""),
    wrong("resources.filesystem_first", _NOF + _FS + "\n" + _WEB + "\npcs constraint colocation add web with fs INFINITY", ""),
    wrong("resources.filesystem_first", _NOF + _FS.replace("ext4", "ext3") + " --group websvc\n" + _WEB + " --group websvc", ""),
    wrong("resources.filesystem_first", _NOF + _FS.replace("/dev/vdb1", "/dev/sdb1") + " --group websvc\n" + _WEB + " --group websvc", ""),
    wrong("resources.filesystem_first", _NOF + "pcs resource create fs ocf:heartbeat:Filesystem device=/dev/vdb1 directory=/srv/www --group websvc\n" + _WEB + " --group websvc", ""),
    # 06 together_in_order
    right("constraints.together_in_order", "pcs constraint location add loc-vip-node2 vip node2 100\npcs constraint colocation add web with vip\npcs constraint order vip then web"),
    wrong("constraints.together_in_order", "pcs constraint location vip prefers node2=100\npcs constraint colocation add web with vip +INFINITY\npcs constraint order start vip then start web", "does not conform"),
    right("constraints.together_in_order", "pcs constraint order vip then web\npcs constraint colocation add web with vip INFINITY\npcs constraint location vip prefers node2=100"),
    right("constraints.together_in_order", "pcs resource group add webgroup vip web\npcs constraint location webgroup prefers node2=100"),
    right("constraints.together_in_order", "pcs constraint location vip rule score=100 '#uname' eq node2\npcs constraint colocation add web with vip INFINITY\npcs constraint order vip then web"),
    right("constraints.together_in_order", "pcs constraint location vip prefers node2=100\npcs constraint colocation add web with vip INFINITY id=web-with-vip\npcs constraint order vip then web id=vip-then-web"),
    wrong("constraints.together_in_order", "pcs constraint location vip prefers node2=100\npcs constraint colocation add vip with web INFINITY\npcs constraint order vip then web", ""),
    wrong("constraints.together_in_order", "pcs constraint location vip prefers node2=100\npcs constraint order vip then web", ""),
    wrong("constraints.together_in_order", "pcs constraint location vip prefers node2=100\npcs constraint colocation add web with vip 1000\npcs constraint order vip then web", ""),
    wrong("constraints.together_in_order", "pcs constraint location vip prefers node2=100\npcs constraint colocation add web with vip INFINITY", ""),
    wrong("constraints.together_in_order", "pcs constraint location vip prefers node2=100\npcs constraint colocation add web with vip INFINITY\npcs constraint order web then vip", ""),
    wrong("constraints.together_in_order", "pcs constraint location vip prefers node3=100\npcs constraint colocation add web with vip INFINITY\npcs constraint order vip then web", ""),
    wrong("constraints.together_in_order", "pcs resource group add webgroup web vip\npcs constraint location webgroup prefers node2=100", ""),
    # 06 stays_put
    right("constraints.stays_put", "pcs resource defaults update resource-stickiness=200"),
    right("constraints.stays_put", "pcs resource meta webgroup resource-stickiness=INFINITY"),
    right("constraints.stays_put", 'pcs resource defaults update resource-stickiness="100"'),
    right("constraints.stays_put", "pcs resource defaults update resource-stickiness=+INFINITY"),
    wrong("constraints.stays_put", "pcs resource defaults update resource-stickiness=40", "back to it"),
    wrong("constraints.stays_put", "pcs resource defaults update resource-stickiness=0", "back to it"),
    wrong("constraints.stays_put", "pcs resource defaults update stickiness=100", ""),
    wrong("constraints.stays_put", "pcs resource ban webgroup node2", ""),
    wrong("constraints.stays_put", "pcs constraint location webgroup prefers node2=INFINITY\npcs resource defaults update resource-stickiness=100", ""),
    wrong("constraints.stays_put", "pcs constraint delete location-webgroup-node2-100\npcs resource defaults update resource-stickiness=100", ""),
    # 06 read_scores
    right("constraints.read_scores", 110),
    right("constraints.read_scores", "110.0"),
    right("constraints.read_scores", 110.00000000001),
    wrong("constraints.read_scores", 250, ""),
    wrong("constraints.read_scores", 80, ""),
    wrong("constraints.read_scores", 140, ""),
    wrong("constraints.read_scores", 30, ""),
    wrong("constraints.read_scores", "+INFINITY", ""),
    # 07 measured_failover
    right("failover.measured_failover", 10.66),
    right("failover.measured_failover", "10.7"),
    right("failover.measured_failover", 10.5),
    wrong("failover.measured_failover", 4.0, "less than half of"),
    wrong("failover.measured_failover", 20.66, "not within 0.3 s of"),
    wrong("failover.measured_failover", [10.66], "should be a number"),
    # 07 migration_policy
    right("failover.migration_policy", "pcs resource meta web migration-threshold=2"),
    right("failover.migration_policy", "pcs resource update web meta migration-threshold=2"),
    right("failover.migration_policy", "pcs resource meta web migration-threshold=\"2\""),
    right("failover.migration_policy", "pcs resource defaults update migration-threshold=2"),
    wrong("failover.migration_policy", "pcs resource meta web migration-threshold=1", "restarted where it was"),
    wrong("failover.migration_policy", "pcs resource meta vip migration-threshold=2", ""),
    wrong("failover.migration_policy", "pcs resource meta web failure-timeout=2", ""),
    wrong("failover.migration_policy", "pcs resource update web migration-threshold=2", ""),
    wrong("failover.migration_policy", "pcs resource meta web migration_threshold=2", "with dashes"),  # round 7: 2.1.5 ignores it
    # 07 forgiven_failures
    right("failover.forgiven_failures", "pcs resource meta web migration-threshold=3 failure-timeout=120s"),
    right("failover.forgiven_failures", "pcs resource update web meta migration-threshold=3 failure-timeout=2min"),
    right("failover.forgiven_failures", "pcs resource meta web failure-timeout=120 migration-threshold=3"),
    right("failover.forgiven_failures", "pcs resource meta web migration-threshold=3\npcs resource meta web failure-timeout=120s"),
    wrong("failover.forgiven_failures", "pcs resource meta web migration-threshold=3", "still away"),
    wrong("failover.forgiven_failures", "pcs resource meta web migration-threshold=3 failure-timeout=2", ""),
    wrong("failover.forgiven_failures", "pcs resource meta web migration-threshold=3 failure-timeout=60s", "too soon"),
    wrong("failover.forgiven_failures", "pcs resource meta web migration-threshold=2 failure-timeout=120s", ""),
    wrong("failover.forgiven_failures", "pcs resource meta web migration-threshold=3 failure-timeout=2min resource-stickiness=1000", ""),
    # 07 fast_recovery
    right("failover.fast_recovery", {"token_ms": 1000, "monitor_seconds": 3}),
    right("failover.fast_recovery", {"monitor_seconds": 2, "token_ms": 1200}),
    right("failover.fast_recovery", {"token_ms": 1000, "monitor_seconds": 2.0}),
    wrong("failover.fast_recovery", {"token_ms": 3000, "monitor_seconds": 3}, "after the crash"),
    wrong("failover.fast_recovery", {"token_ms": 1000, "monitor_seconds": 10}, "after its process died"),
    wrong("failover.fast_recovery", {"token_ms": 500, "monitor_seconds": 3}, "below 1000 ms"),
    wrong("failover.fast_recovery", {"token_ms": 1000, "monitor_seconds": 2.5}, "whole number"),
    wrong("failover.fast_recovery", {"token_ms": 1000, "monitor_seconds": 3, "consensus_ms": 1200}, "exactly the keys"),
    wrong("failover.fast_recovery", {"token_ms": "1s", "monitor_seconds": 3}, "should be a number"),
    # 08 fence_device
    right("fencing.fence_device", "pcs stonith create fence-xvm fence_xvm pcmk_host_list=\"node1,node2,node3\""),
    right("fencing.fence_device", "pcs stonith create fence_xvm fence_xvm pcmk_host_list=\"node1 node2 node3\" op monitor interval=60s"),
    # a reboot turned into a power-off (modelled since issue 14/15: the crashed node stays off) still fences it before
    # the service moves, which is all Ex 1 asks; Ex 4 (topology.fence_tested) asks for a reboot and fails it
    right("fencing.fence_device", "pcs stonith create myfence fence_xvm pcmk_host_list='node1 node2 node3' pcmk_reboot_action=off"),
    right("fencing.fence_device", "pcs stonith create fence-xvm fence_xvm pcmk_host_list=\"node1 node2 node3\" --wait=60"),
    wrong("fencing.fence_device", "pcs stonith create fence-xvm fence_xvm pcmk_host_list=\"node1 node2\"", "node3"),
    wrong("fencing.fence_device", "pcs stonith create fence-xvm fence_xvm pcmk_host_list=\"node1 node2 node3\"\npcs property set stonith-enabled=false", ""),
    wrong("fencing.fence_device", "pcs property set stonith-enabled=false", ""),
    wrong("fencing.fence_device", "pcs stonith create fence-xvm fence_xvm pcmk_host_list=\"node1 node2 node3\" pcmk_delay_base=40s", ""),
    wrong("fencing.fence_device", "pcs stonith create fence-xvm fence_xvm pcmk_host_list=\"node1 node2 node3\"\npcs constraint location fence-xvm prefers node1=INFINITY\npcs constraint location fence-xvm avoids node2=INFINITY node3=INFINITY", ""),
    wrong("fencing.fence_device", "pcs stonith create ipmi fence_ipmilan ip=10.0.0.50 username=admin password=secret lanplus=1 pcmk_host_list=\"node1 node2 node3\"", "management board"),
    # 08 without_fencing
    right("fencing.without_fencing", {"node1", "node2"}),
    right("fencing.without_fencing", ["node2", "node1"]),
    right("fencing.without_fencing", frozenset({"node1", "node2"})),
    wrong("fencing.without_fencing", {"node2"}, "not where fs is mounted"),
    wrong("fencing.without_fencing", {"node1"}, "not where fs is mounted"),
    wrong("fencing.without_fencing", {"node1", "node2", "node3"}, "no such node"),
    wrong("fencing.without_fencing", "both", "no such node"),
    # 08 fence_race
    right("fencing.fence_race", "pcs stonith create fence-node1 fence_xvm pcmk_host_list=node1\npcs stonith create fence-node2 fence_xvm pcmk_host_list=node2 pcmk_delay_base=10s"),
    right("fencing.fence_race", "pcs stonith create fence-node2 fence_xvm pcmk_host_list=node2 pcmk_delay_base=5s\npcs stonith create fence-node1 fence_xvm pcmk_host_list=node1"),
    right("fencing.fence_race", "pcs stonith create fence-node1 fence_xvm pcmk_host_list=\"node1\" pcmk_delay_base=0\npcs stonith create fence-node2 fence_xvm pcmk_host_list=\"node2\" pcmk_delay_base=5"),
    right("fencing.fence_race", "pcs stonith create fence-xvm fence_xvm pcmk_host_map=\"node1:node1;node2:node2\" pcmk_delay_base=\"node2:5s\""),
    wrong("fencing.fence_race", "pcs stonith create fence-node1 fence_xvm pcmk_host_list=node1 pcmk_delay_base=5s\npcs stonith create fence-node2 fence_xvm pcmk_host_list=node2", "lost the race"),
    wrong("fencing.fence_race", "pcs stonith create fence-xvm fence_xvm pcmk_host_list=\"node1 node2\"", ""),
    wrong("fencing.fence_race", "pcs stonith create fence-xvm fence_xvm pcmk_host_list=\"node1 node2\" pcmk_delay_max=15s", ""),
    wrong("fencing.fence_race", "pcs stonith create fence-xvm fence_xvm pcmk_host_list=\"node1 node2\" pcmk_delay_base=\"node1:5s\"", "lost the race"),
    wrong("fencing.fence_race", "pcs stonith create fence-node1 fence_xvm pcmk_host_list=node1\npcs stonith create fence-node2 fence_xvm pcmk_host_list=node2 delay=5", ""),
    # 08 topology
    right("topology.fence_topology", _IPMI + _XVM + "".join(f"pcs stonith level add 1 node{i} ipmi-node{i}\n" for i in (1, 2, 3)) + "".join(f"pcs stonith level add 2 node{i} fence-xvm\n" for i in (1, 2, 3))),
    right("topology.fence_topology", _IPMI.replace(" lanplus=1", " lanplus=true") + _XVM + _LEVELS),
    right("topology.fence_topology", _IPMI + _XVM + _LEVELS.replace("level add 2", "level add 5")),
    right("topology.fence_topology", _XVM + _IPMI + _LEVELS + "".join(f"pcs constraint location ipmi-node{i} avoids node{i}\n" for i in (1, 2, 3))),
    right("topology.fence_topology", _IPMI.replace("pcmk_host_list=", "pcmk_host_list=") + _XVM + "".join(f"pcs stonith level add 1 node{i} ipmi-node{i}\npcs stonith level add 2 node{i} fence-xvm\n" for i in (3, 1, 2))),
    wrong("topology.fence_topology", _IPMI + _XVM, ""),
    wrong("topology.fence_topology", _IPMI + _XVM + "".join(f"pcs stonith level add 2 node{i} ipmi-node{i}\npcs stonith level add 1 node{i} fence-xvm\n" for i in (1, 2, 3)), ""),
    wrong("topology.fence_topology", _IPMI + _XVM + "".join(f"pcs stonith level add 1 node{i} ipmi-node{i},fence-xvm\n" for i in (1, 2, 3)), ""),
    wrong("topology.fence_topology", _IPMI.replace("pcmk_host_list=node2", "pcmk_host_list=node3") + _XVM + _LEVELS, ""),
    wrong("topology.fence_topology", _IPMI + "".join(f"pcs stonith level add 1 node{i} ipmi-node{i}\n" for i in (1, 2, 3)), ""),
    # 09 diagnoses / first_cause
    right("troubleshooting.diagnoses", {"A": "wrong-hostname", "B": "missing-colocation", "C": "leftover-ban", "D": "lost-quorum"}),
    right("troubleshooting.diagnoses", {"D": "lost-quorum", "C": "leftover-ban", "B": "missing-colocation", "A": "wrong-hostname"}),
    right("troubleshooting.diagnoses", {"A": "Wrong-Hostname", "B": "missing-colocation ", "c": "leftover-ban", "D": "lost-quorum"}),
    wrong("troubleshooting.diagnoses", {"A": "wrong-hostname", "B": "missing-colocation", "C": "leftover-ban"}, "no diagnosis for puzzle(s) D"),
    wrong("troubleshooting.diagnoses", {"A": "wrong hostname", "B": "missing-colocation", "C": "leftover-ban", "D": "lost-quorum"}, "not one of the causes"),
    wrong("troubleshooting.diagnoses", {"A": "wrong-hostname", "B": "missing-colocation", "C": "leftover-ban", "D": "no-fencing"}, "which one is not said"),
    wrong("troubleshooting.diagnoses", ["wrong-hostname", "missing-colocation", "leftover-ban", "lost-quorum"], "should be a dict"),
    right("troubleshooting.first_cause", {"resource": "fs", "node": "node1", "operation": "fs_monitor_20000"}),
    right("troubleshooting.first_cause", {"operation": "monitor", "node": "node1", "resource": "fs"}),
    right("troubleshooting.first_cause", {"resource": " fs", "node": "NODE1", "operation": "monitor_20000"}),
    wrong("troubleshooting.first_cause", {"resource": "fs", "node": "node1", "operation": "monitor", "also": "vip"}, "besides resource"),
    wrong("troubleshooting.first_cause", {"resource": ["fs", "vip"], "node": "node1", "operation": "monitor"}, "one name"),
    wrong("troubleshooting.first_cause", {"resource": "web", "node": "node1", "operation": "monitor"}, "which part is not said"),
    wrong("troubleshooting.first_cause", {"resource": "fs", "node": "node2", "operation": "start"}, "which part is not said"),
    wrong("troubleshooting.first_cause", {"resource": "fs", "node": "node1", "operation": "probe"}, "which part is not said"),
    # 09 repairs
    right("troubleshooting.repaired", {"A": ["pcs constraint delete location-webgroup-node2.lab.example-100", "pcs constraint location add loc-web-n2 webgroup node2 100"]}, puzzle_letter="A"),
    right("troubleshooting.repaired", {"A": "pcs constraint remove location-webgroup-node2.lab.example-100\npcs constraint location webgroup prefers node2=100"}, puzzle_letter="A"),
    wrong("troubleshooting.repaired", {"A": ["pcs constraint location webgroup prefers node2=100"]}, "still name a node", puzzle_letter="A"),
    wrong("troubleshooting.repaired", {"A": ["pcs constraint location webgroup prefers node2=100 --force"]}, "", puzzle_letter="A"),
    right("troubleshooting.repaired", {"B": ["pcs constraint colocation add web with vip"]}, puzzle_letter="B"),
    right("troubleshooting.repaired", {"B": ["pcs constraint colocation add web with vip INFINITY id=web-with-vip"]}, puzzle_letter="B"),
    wrong("troubleshooting.repaired", {"B": ["pcs constraint colocation add web with vip 500"]}, "", puzzle_letter="B"),
    wrong("troubleshooting.repaired", {"B": ["pcs constraint location web prefers node1=INFINITY", "pcs constraint location vip prefers node1=INFINITY"]}, "", puzzle_letter="B"),
    right("troubleshooting.repaired", {"C": ["pcs constraint delete cli-ban-webgroup-on-node2"]}, puzzle_letter="C"),
    right("troubleshooting.repaired", {"C": ["crm_resource --clear -r webgroup"]}, puzzle_letter="C"),
    right("troubleshooting.repaired", {"C": ["pcs resource clear webgroup node2"]}, puzzle_letter="C"),
    right("troubleshooting.repaired", {"C": ["pcs constraint location webgroup prefers node2=INFINITY"]}, puzzle_letter="C"),  # pcs replaces both constraints of webgroup on node2, the ban too
    wrong("troubleshooting.repaired", {"C": ["pcs resource move webgroup node2 --lifetime=PT1H"]}, "", puzzle_letter="C"),
    right("troubleshooting.repaired", {"D": ["pcs cluster start node2", "pcs cluster start node3"]}, puzzle_letter="D"),
    right("troubleshooting.repaired", {"D": "pcs cluster start --all"}, puzzle_letter="D"),
    wrong("troubleshooting.repaired", {"D": ["pcs cluster start node3"]}, "", puzzle_letter="D"),
    wrong("troubleshooting.repaired", {"D": ["pcs quorum expected-votes 1", "pcs property set no-quorum-policy=ignore"]}, "", puzzle_letter="D"),
    wrong("troubleshooting.repaired", {"D": ["pcs resource cleanup"]}, "", puzzle_letter="D"),
    # 10 capstone
    right("capstone.web_service_built", _FX + "\n" + _RES.replace("fs ocf:heartbeat:Filesystem", "fs Filesystem") + _G + _S),
    right("capstone.web_service_built", _RES + _G + _FX + "\n" + _S),
    right("capstone.web_service_built", _FX + "\n" + _RES.replace("\n", " --group webgroup\n") + _S),
    right("capstone.web_service_built", _FX + "\n" + _RES + "pcs constraint colocation add vip with fs\npcs constraint colocation add web with vip\npcs constraint order fs then vip\npcs constraint order vip then web\n" + _S),
    wrong("capstone.web_service_built", _RES + _G + _S, ""),
    wrong("capstone.web_service_built", _FX + "\n" + _RES + "pcs resource group add webgroup web vip fs\n" + _S, ""),
    wrong("capstone.web_service_built", _FX + "\n" + _RES + _S, ""),
    wrong("capstone.web_service_built", _FX + "\n" + _RES.replace("192.168.122.200 cidr_netmask=24", "192.168.122.200/24") + _G + _S, "refuses"),
    right("capstone.web_service", _FX + "\n" + _RES + _G + "pcs resource defaults update resource-stickiness=200\n"),
    right("capstone.web_service", _FX + "\n" + _RES + _G + "pcs resource meta webgroup resource-stickiness=100\n"),
    right("capstone.web_service", _FX + "\n" + _RES.replace("\n", " --group webgroup\n") + _S),
    wrong("capstone.web_service", _FX + "\n" + _RES + _G, ""),
    wrong("capstone.web_service", _FX + "\n" + _RES + _G + _S + "pcs property set no-quorum-policy=ignore\n", ""),
    wrong("capstone.web_service", _FX + "\n" + _RES + _G + _S + "pcs constraint location webgroup prefers node1=INFINITY\n", ""),
    wrong("capstone.web_service", _FX + "\n" + _RES + _G + _S + "pcs property set stonith-enabled=false\n", ""),
    right("capstone.two_node_service", _PFX + _RES + _G + _PRIO + _S),
    right("capstone.two_node_service", _PFX + _RES.replace("\n", " --group webgroup\n") + "pcs resource meta webgroup priority=5\npcs property set priority-fencing-delay=15s\n" + _S),
    right("capstone.two_node_service", _PFX + _RES + _G + "pcs resource meta fs priority=10\npcs resource meta vip priority=10\npcs resource meta web priority=10\npcs property set priority-fencing-delay=10s\n" + _S),
    wrong("capstone.two_node_service", _PFX + _RES + _G + _S, "both nodes were shot"),
    wrong("capstone.two_node_service", _PFX.strip() + ' pcmk_delay_base="node1:5s"\n' + _RES + _G + _S, ""),
    right("capstone.two_node_service", _PFX + _RES + _G + _PRIO),  # equal scores: the service stays where it runs
    wrong("capstone.two_node_service", _PFX + _RES + _G + "pcs property set priority-fencing-delay=10s\n" + _S, ""),
    # 11 operations
    right("operations.default_recovery", 74.2),
    right("operations.default_recovery", "74"),
    right("operations.default_recovery", 73.8),
    wrong("operations.default_recovery", 74.2e3, "more than twice"),
    wrong("operations.default_recovery", 20, "less than half of"),
    wrong("operations.default_recovery", 60, "not within 0.5 s of"),
    right("operations.hung_stop", "pcs resource update web op stop timeout=20s"),
    right("operations.hung_stop", "pcs resource update web op stop interval=0 timeout=20"),
    right("operations.hung_stop", "pcs resource update web op monitor interval=10s op stop timeout=20s"),
    wrong("operations.hung_stop", "pcs resource op add web stop timeout=20s --force", "already specified"),
    right("operations.hung_stop", "pcs resource update web op stop timeout=20s on-fail=fence\npcs resource update web op monitor interval=10s timeout=20s"),
    wrong("operations.hung_stop", "pcs resource update web op stop timeout=5s", "stop has a timeout of 5 s"),
    wrong("operations.hung_stop", "pcs resource update web op stop timeout=20s on-fail=restart", ""),
    wrong("operations.hung_stop", "pcs resource update web op monitor interval=30s op stop timeout=20s", ""),
    wrong("operations.hung_stop", "pcs resource op defaults update timeout=5s", "running again"),  # pcs wrote web's own timeouts: the default changes nothing
    wrong("operations.hung_stop", "pcs resource update web op stop timeout=20s\npcs property set stonith-enabled=false", ""),
    wrong("operations.hung_stop", "pcs resource update web meta migration-threshold=1", ""),
    # 12 connectivity
    right("connectivity.pingd_value", 1000),
    right("connectivity.pingd_value", "1000"),
    right("connectivity.pingd_value", 1000.0),
    wrong("connectivity.pingd_value", 1, "not what node1's pingd reads"),
    wrong("connectivity.pingd_value", 500, "not what node1's pingd reads"),
    wrong("connectivity.pingd_value", "1000 ms", "should be a number"),
    right("connectivity.uplink_rule", _PING + "pcs constraint location web rule score-attribute=pingd defined pingd"),
    right("connectivity.uplink_rule", _PING.replace(" op monitor interval=10s", "") + "pcs constraint location web rule score-attribute=pingd defined pingd"),
    right("connectivity.uplink_rule", "pcs resource create ping ocf:pacemaker:ping host_list=10.200.0.1 multiplier=1000 dampen=5s clone interleave=true\npcs constraint location web rule score-attribute=pingd defined pingd"),
    right("connectivity.uplink_rule", "pcs resource create ping ocf:pacemaker:ping host_list=10.200.0.1 multiplier=100 dampen=5s\npcs resource clone ping\npcs constraint location web rule score-attribute=pingd defined pingd"),
    right("connectivity.uplink_rule", _PING + "pcs constraint location web rule score=1000 pingd gt 0"),
    wrong("connectivity.uplink_rule", _PING + "pcs constraint location web rule score=-INFINITY not_defined pingd or pingd lte 0", ""),
    wrong("connectivity.uplink_rule", _PING + "pcs constraint location web rule score=-INFINITY pingd lt 1", ""),
    wrong("connectivity.uplink_rule", _PING.replace(" clone", "") + "pcs constraint location web rule score-attribute=pingd defined pingd", ""),
    wrong("connectivity.uplink_rule", _PING + "pcs constraint location web rule score-attribute=ping defined ping", ""),
    wrong("connectivity.uplink_rule", _PING + "pcs constraint location web prefers node1=100", ""),
    wrong("connectivity.uplink_rule", _PING.replace("10.200.0.1", "10.200.0.254") + "pcs constraint location web rule score-attribute=pingd defined pingd", ""),
)
