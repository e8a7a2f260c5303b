"""More operator-sequence families (2026-12-05 afternoon): where held-back sequences are likely to go.

Ids clashing between kinds (a tag, constraint, alert or group named like something else),
deleting what tags, sets, tickets and fencing levels reference, `resource update` / `op add` /
`op delete` edge cases, constraint `ref`/`delete`, the configuration views with their
options, node attributes and utilization on unknown nodes, `property set` with unknown or
invalid values, `--force` and odd argument orders. Used by operator_sequences.FAMILIES.
"""

from __future__ import annotations

import random
import shlex

ITEMS = ["d1", "d2", "d3", "g1", "g2", "grp", "c1", "c1-clone", "s1", "s1-clone", "f1", "f2"]
TAKEN = ["d1", "grp", "c1-clone", "f1", "t1", "T1", "alert", "location-d1-node1-INFINITY", "cli-ban-d1-on-node1",
         "order-d1-d2-mandatory", "colocation-d1-d2-INFINITY", "s1-clone-meta_attributes", "d1-monitor-interval-10s",
         "fl1", "ts1", "ticket-T1-d1"]


def _pick(rnd: random.Random, pool: list[str], low: int = 1, high: int = 2) -> list[str]:
    return rnd.sample(pool, min(len(pool), rnd.randint(low, high)))


def _forced(rnd: random.Random, words: list[str]) -> str:
    """Sometimes --force, sometimes a global option first (pcs takes them anywhere)."""
    if rnd.random() < 0.25:
        words.insert(rnd.choice([0, len(words)]), "--force")
    return " ".join(words)


def clashing_ids(rnd: random.Random, n: int) -> str:
    taken = rnd.choice(TAKEN + ITEMS)
    return _forced(rnd, rnd.choice([
        ["tag", "create", taken, *_pick(rnd, ["d1", "d2", "g1"])],
        ["constraint", "colocation", "add", "d1", "with", "d2", f"id={taken}"],
        ["constraint", "order", "d1", "then", "d3", f"id={taken}"],
        ["constraint", "ticket", "add", "T1", rnd.choice(ITEMS), f"id={taken}"],
        ["constraint", "order", "set", "d1", "d2", "setoptions", f"id={taken}"],
        ["alert", "create", "path=/bin/true", f"id={taken}"],
        ["alert", "recipient", "add", "alert", f"value=x{n}", f"id={taken}"],
        ["resource", "create", taken, "ocf:pacemaker:Dummy", "--no-default-ops"],
        ["resource", "group", "add", taken, "d2"],
        ["resource", "clone", "d3", taken],
        ["stonith", "create", taken, "fence_dummy"],
        ["constraint", "location", "d2", "rule", f"id={taken}", "#uname", "eq", "node1"],
        ["constraint", "location", "d2", "rule", f"constraint-id={taken}", "#uname", "eq", "node2"],
    ]))


def referenced_deletes(rnd: random.Random, n: int) -> str:
    """Make a reference (tag, set, ticket, level), or delete something referenced."""
    target = rnd.choice(ITEMS + ["t1", "nope"])
    return _forced(rnd, rnd.choice([
        ["tag", "create", "t1", *_pick(rnd, ["d1", "d2", "grp", "c1-clone", "g1"], 1, 3)],
        ["constraint", "order", "set", *_pick(rnd, ["d1", "d2", "g1", "t1"], 2, 3)],
        ["constraint", "ticket", "set", *_pick(rnd, ["d1", "d3", "t1"], 1, 2), "setoptions", "ticket=T1"],
        ["constraint", "ticket", "add", "T1", rnd.choice(["d1", "g1", "t1", "grp"])],
        ["stonith", "level", "add", "1", "node1", rnd.choice(["f1", "f1,f2", "f2"])],
        ["resource", rnd.choice(["delete", "remove"]), target],
        ["stonith", rnd.choice(["delete", "remove"]), rnd.choice(["f1", "f2", "d1"])],
        ["tag", rnd.choice(["delete", "remove"]), rnd.choice(["t1", "t2"])],
        ["resource", "ungroup", "grp", *_pick(rnd, ["g1", "g2"], 0, 1)],
        ["resource", "unclone", rnd.choice(["c1-clone", "c1", "s1"])],
        ["resource", "group", "remove", "grp", *_pick(rnd, ["g1", "g2"], 1, 2)],
        ["tag", "update", "t1", "remove", *_pick(rnd, ["d1", "d2", "grp"], 1, 2)],
    ]))


def _op_extra(rnd: random.Random) -> list[str]:
    return _pick(rnd, ["timeout=30s", "interval=10s", "interval=10", "interval=0", "on-fail=restart",
                       "on-fail=bogus", "role=Promoted", "role=Unpromoted", "id=myop", "id=d1", "enabled=false",
                       "OCF_CHECK_LEVEL=10", "start-delay=5s", "interval=10000ms", "depth=0", "bogus=1", "name=x"],
                 0, 3)


def op_edges(rnd: random.Random, n: int) -> str:
    rsc = rnd.choice(["d1", "d2", "d3", "s1", "c1", "c1-clone", "grp", "f1", "nope"])
    action = rnd.choice(["monitor", "start", "stop", "promote", "notify", "bogus", "monitor"])
    return _forced(rnd, rnd.choice([
        ["resource", "op", "add", rsc, action, *_op_extra(rnd)],
        ["resource", "op", rnd.choice(["delete", "remove"]), rsc, action, *_op_extra(rnd)],
        ["resource", "op", rnd.choice(["delete", "remove"]),
         rnd.choice(["d1-monitor-interval-10s", "d3-monitor-interval-20s", "myop", "d1-start-interval-0s"])],
        ["resource", "update", rsc, "op", action, *_op_extra(rnd), *rnd.choice([[], ["op", "stop", "timeout=5s"]])],
        ["resource", "update", rsc, *_pick(rnd, ["fake=x", "state=/tmp/s", "op_sleep=2", "bogus=1", "fake="], 1, 2),
         *rnd.choice([[], ["meta", "priority=2"], ["op", "monitor", "interval=10s", "timeout=9s"]])],
        ["stonith", "update", rnd.choice(["f1", "f2"]), "op", "monitor", *_op_extra(rnd)],
    ]))


def refs_and_views(rnd: random.Random, n: int) -> str:
    return _forced(rnd, rnd.choice([
        ["constraint", "ref", *_pick(rnd, ITEMS + ["t1", "nope"], 1, 3)],
        ["constraint", rnd.choice(["delete", "remove"]), *_pick(rnd, TAKEN, 1, 3)],
        ["constraint", "config", *rnd.choice([[], ["--full"], ["--all"]])],
        ["constraint", rnd.choice(["location", "order", "colocation", "ticket"]), "config",
         *rnd.choice([[], ["--full"], ["d1"], ["--all"]])],
        ["resource", "config", *_pick(rnd, ITEMS + ["nope", "t1"], 0, 2)],
        ["stonith", "config", *_pick(rnd, ["f1", "f2", "d1", "nope"], 0, 2)],
        ["resource", "config", "--output-format=cmd"],
        ["stonith", "level", "config"],
        ["tag", "config", *_pick(rnd, ["t1", "nope"], 0, 1)],
    ]))


def nodes_and_properties(rnd: random.Random, n: int) -> str:
    node = rnd.choice(["node1", "node2", "node9", "nope"])
    values = ["stonith-enabled=false", "stonith-enabled=maybe", "no-quorum-policy=freeze", "no-quorum-policy=bogus",
              "bogus-property=1", "cluster-recheck-interval=5min", "cluster-recheck-interval=5x", "maintenance-mode=true",
              "symmetric-cluster=false", "placement-strategy=utilization", "placement-strategy=foo",
              "batch-limit=-1", "batch-limit=abc", "stonith-timeout=60", "priority-fencing-delay=10s",
              "dc-version=1", "have-watchdog=true", "stonith-enabled=", "migration-limit=2", "node-health-strategy=red"]
    return _forced(rnd, rnd.choice([
        ["node", "utilization", node, *_pick(rnd, ["cpu=2", "mem=512", "cpu=", "cpu=x"], 0, 2)],
        ["node", "attribute", node, *_pick(rnd, ["rack=r1", "rack=", "ssd=yes"], 0, 2)],
        ["node", rnd.choice(["utilization", "attribute"]), *rnd.choice([[], ["--name", "cpu"], ["--name=rack"]])],
        ["property", "set", *_pick(rnd, values, 1, 2)],
        ["property", "unset", rnd.choice(["stonith-enabled", "bogus-property", "maintenance-mode", "dc-version"])],
        ["property", rnd.choice(["config", "show"]), *rnd.choice([[], ["--all"], ["--defaults"], ["stonith-enabled"]])],
        ["resource", "utilization", rnd.choice(ITEMS + ["nope"]), *_pick(rnd, ["cpu=1", "mem=x", "cpu="], 0, 2)],
    ]))


def odd_orders(rnd: random.Random, n: int) -> str:
    """Valid commands with options and keywords where people put them."""
    line = rnd.choice([
        f"resource create --disabled o{n} ocf:pacemaker:Dummy",
        f"resource create o{n} ocf:pacemaker:Dummy meta priority=1 op monitor interval=33s --group grp --before g2",
        f"resource create o{n} Dummy op monitor interval=10s timeout=5s meta target-role=Stopped fake=1",
        "constraint location d1 rule score=10 role=Promoted #uname eq node1",
        f"constraint colocation add d1 with d2 -100 id=cc{n}",
        "constraint colocation add Promoted s1-clone with Started d1 score=50",
        "constraint order stop d1 then start d2 symmetrical=false kind=Optional",
        "resource ban d1 node2 --promoted lifetime=PT1H",
        "resource move-with-constraint d2 lifetime=P1D node1",
        f"alert create path=/bin/true id=al{n} description=x options a=1 meta timeout=5s",
        f"alert recipient add alert value=r{n}@x meta timeout=3 options b=2 id=rc{n}",
        "stonith level add 2 regexp%node[12] f2,f1",
        f"tag create tg{n} d3 d1 d2",
        f"tag update tg{n} add g1 --after d1",
        f"constraint ticket add T{n} Promoted s1-clone loss-policy=demote",
        "constraint rule add location-d1-node1-INFINITY date-spec weekdays=1-5 and #uname eq node1",
        "constraint location d1 rule score=-INFINITY ( #uname eq node1 or #uname eq node2 ) and "
        "date in_range 2020-01-01 to duration months=2",
    ])
    return _forced(rnd, shlex.split(line))


FAMILIES = {
    "clashing ids": clashing_ids, "referenced deletes": referenced_deletes, "op edges": op_edges,
    "refs and views": refs_and_views, "nodes and properties": nodes_and_properties, "odd orders": odd_orders,
}
