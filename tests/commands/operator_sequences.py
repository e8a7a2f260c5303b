"""Random operator command sequences, run on real `pcs -f` and on ours, compared step by step.

The corpus (pcs_corpus.txt) holds the sequences someone thought of; this
generator writes the ones nobody did: plausible commands of the families an
operator types (manage/unmanage, lifetimes, rules, tags, tickets, alerts,
fencing levels, sets, utilization, op variants, clone/promotable/group),
valid and invalid (wrong and duplicate ids, bad scores and durations, option
spellings, --force, missing and extra arguments, unusual option order). Every
sequence starts from one configured CIB (made by real pcs once) and each step
is compared like the corpus: exit code, Error/Warning lines, stdout and the
resulting configuration. Seeded: the same seed gives the same commands.

    .venv/bin/python tests/commands/operator_sequences.py SEED SEQUENCES LENGTH
"""

from __future__ import annotations

import difflib
import json
import random
import shlex
import subprocess
import sys
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.commands import operator_edges, operator_more  # noqa: E402
from tests.commands import pcs_differential as diff  # noqa: E402

SETUP = [
    "resource create d1 ocf:pacemaker:Dummy",
    "resource create d2 ocf:pacemaker:Dummy --no-default-ops",
    "resource create d3 ocf:pacemaker:Dummy --no-default-ops op monitor interval=20s",
    "resource create g1 ocf:pacemaker:Dummy --no-default-ops --group grp",
    "resource create g2 ocf:pacemaker:Dummy --no-default-ops --group grp",
    "resource create c1 ocf:pacemaker:Dummy --no-default-ops clone",
    "resource create s1 ocf:pacemaker:Stateful --no-default-ops promotable",
    "stonith create f1 fence_dummy pcmk_host_list='node1 node2 node3'",
    "stonith create f2 fence_dummy pcmk_host_list='node1 node2 node3'",
]

PRIMITIVES = ["d1", "d2", "d3", "g1", "g2"]
RESOURCES = PRIMITIVES + ["grp", "c1-clone", "s1-clone", "c1", "s1"]
NODES = ["node1", "node2", "node3"]
DEVICES = ["f1", "f2"]
BAD_IDS = ["nope", "1bad", "d1", "grp", "node1", "f1", "", "a:b"]
SCORES = ["100", "-100", "INFINITY", "-INFINITY", "+INFINITY", "0", "abc", "10.5", "-inf", "inf"]
DURATIONS = ["P1D", "PT1H", "PT30M", "P1W", "1h", "30", "P", "bogus", "P1DT2H", "PT-1H", "p1d"]
ROLES = ["Started", "Stopped", "Promoted", "Unpromoted", "Master", "Slave", "started", "bogus"]
DATES = ["2020-01-01", "2030-06-15T10:00:00", "2020-13-01", "yesterday", "2024-02-29"]


def _some(rnd: random.Random, pool: list[str], low: int = 1, high: int = 3) -> list[str]:
    return rnd.sample(pool, min(len(pool), rnd.randint(low, high)))


def _id(rnd: random.Random, fresh: str) -> str:
    """Mostly a fresh id, sometimes a taken or invalid one."""
    return fresh if rnd.random() < 0.75 else rnd.choice(BAD_IDS + [fresh])


def _resource(rnd: random.Random) -> str:
    return rnd.choice(RESOURCES) if rnd.random() < 0.9 else rnd.choice(["nope", "f1", "node1", "t1", "A1"])


def manage(rnd: random.Random, n: int) -> str:
    verb = rnd.choice(["manage", "unmanage"])
    words = _some(rnd, RESOURCES + ["nope", "t1"], 0, 3)
    if rnd.random() < 0.3:
        words.insert(rnd.randint(0, len(words)), "--monitor")
    return " ".join(["resource", verb, *words])


def lifetime(rnd: random.Random, n: int) -> str:
    resource = _resource(rnd)
    node = rnd.choice(NODES + ["node9", ""])
    life = f"lifetime={rnd.choice(DURATIONS)}" if rnd.random() < 0.7 else ""
    kind = rnd.choice(["ban", "move-with-constraint", "clear", "prefer"])
    if kind == "prefer":
        return f"constraint location {resource} prefers {node or 'node1'}={rnd.choice(SCORES)}"
    extra = rnd.choice(["", "", "--promoted", "--master", "--expired", "--force"])
    words = [resource, node, life, extra] if kind != "clear" else [resource, node, extra]
    if rnd.random() < 0.2:
        rnd.shuffle(words)
    return " ".join(["resource", kind, *[w for w in words if w]])


def _expression(rnd: random.Random, depth: int = 0) -> list[str]:
    pick = rnd.random()
    if depth < 2 and pick < 0.2:
        joiner = rnd.choice(["and", "or"])
        left, right = _expression(rnd, depth + 1), _expression(rnd, depth + 1)
        inner = left + [joiner] + right
        return ["(", *inner, ")"] if rnd.random() < 0.3 else inner
    kinds: list[Callable[[], list[str]]] = [
        lambda: ["#uname", rnd.choice(["eq", "ne"]), rnd.choice(NODES + ["node9"])],
        lambda: [rnd.choice(["pingd", "rack", "#uname"]), rnd.choice(["lt", "gt", "lte", "gte", "eq", "ne"]),
                 *rnd.choice([[], ["integer"], ["number"], ["string"], ["version"]]),
                 rnd.choice(["1", "0", "1.5", "a", "-5", "2.0.1"])],
        lambda: [rnd.choice(["defined", "not_defined"]), rnd.choice(["pingd", "#uname", "rack"])],
        lambda: ["date", rnd.choice(["gt", "lt"]), rnd.choice(DATES)],
        lambda: ["date", "in_range", rnd.choice(DATES), "to", rnd.choice(DATES)],
        lambda: ["date", "in_range", rnd.choice(DATES), "to", "duration",
                 *_some(rnd, ["months=2", "days=3", "hours=1", "weeks=1", "years=x", "bogus=1"], 1, 2)],
        lambda: ["date-spec", *_some(rnd, ["hours=9-16", "weekdays=1-5", "monthdays=1", "months=13",
                                           "years=2025", "minutes=0-30", "weekyears=2020", "moon=1",
                                           "hours=x"], 1, 3)],
        lambda: ["date", "eq", rnd.choice(DATES)],
        lambda: ["pingd"],
    ]
    return rnd.choice(kinds)()


def rules(rnd: random.Random, n: int) -> str:
    options = []
    if rnd.random() < 0.6:
        options.append(rnd.choice([f"score={rnd.choice(SCORES)}", "score-attribute=pingd"]))
    if rnd.random() < 0.2:
        options.append(f"role={rnd.choice(ROLES)}")
    if rnd.random() < 0.2:
        options.append(f"id={_id(rnd, f'rule{n}')}")
    if rnd.random() < 0.1:
        options.append(rnd.choice(["boolean-op=or", "resource-discovery=never", "constraint-id=c1"]))
    rnd.shuffle(options)
    expression = _expression(rnd)
    resource = _resource(rnd)
    if rnd.random() < 0.1:
        resource = f"resource%{resource}"
    return " ".join(["constraint", "location", resource, "rule", *options, *map(shlex.quote, expression)])


def tags(rnd: random.Random, n: int) -> str:
    tag = rnd.choice(["t1", "t2", f"t{n}", "d1", "2t"])
    kind = rnd.random()
    if kind < 0.35:
        return " ".join(["tag", "create", tag, *_some(rnd, RESOURCES + ["nope", "t1", "f1"], 0, 3)])
    if kind < 0.65:
        words = ["tag", "update", tag]
        if rnd.random() < 0.7:
            words += ["add", *_some(rnd, RESOURCES + ["nope"], 0, 2)]
            if rnd.random() < 0.3:
                words += [rnd.choice(["--before", "--after"]), rnd.choice(RESOURCES)]
        if rnd.random() < 0.5:
            words += ["remove", *_some(rnd, RESOURCES + ["nope"], 0, 2)]
        return " ".join(words)
    if kind < 0.85:
        return " ".join(["tag", rnd.choice(["remove", "delete"]), *_some(rnd, ["t1", "t2", "nope", tag], 0, 2)])
    return " ".join(["tag", rnd.choice(["config", "list"]), *_some(rnd, ["t1", "t2", "nope"], 0, 1)])


def tickets(rnd: random.Random, n: int) -> str:
    ticket = rnd.choice(["T1", "T2", "bad_name", "T-3", "1T"])
    kind = rnd.random()
    if kind < 0.45:
        words = ["constraint", "ticket", "add", ticket]
        if rnd.random() < 0.3:
            words.append(rnd.choice(ROLES))
        words.append(_resource(rnd))
        words += _some(rnd, ["loss-policy=stop", "loss-policy=demote", "loss-policy=fence", "loss-policy=freeze",
                             "loss-policy=maybe", f"id={_id(rnd, f'tk{n}')}", "rsc-role=Started", "foo=bar",
                             "--force"], 0, 2)
        return " ".join(words)
    if kind < 0.7:
        words = ["constraint", "ticket", "set", *_some(rnd, RESOURCES, 1, 2)]
        if rnd.random() < 0.3:
            words += [rnd.choice(["role=Promoted", "sequential=false", "require-all=true", "action=start"])]
        if rnd.random() < 0.2:
            words += ["set", *_some(rnd, RESOURCES, 1, 2)]
        words += ["setoptions", *_some(rnd, [f"ticket={ticket}", "loss-policy=stop", f"id={_id(rnd, f'ts{n}')}",
                                             "loss-policy=bogus", "kind=Optional"], 1, 3)]
        return " ".join(words)
    if kind < 0.9:
        return " ".join(["constraint", "ticket", rnd.choice(["remove", "delete"]), ticket, _resource(rnd)])
    return "constraint ticket " + rnd.choice(["config", "", "show", "config --full"])


def alerts(rnd: random.Random, n: int) -> str:
    alert = rnd.choice(["alert", "a1", f"alert{n}", "nope", "alert-recipient"])
    kind = rnd.random()
    if kind < 0.3:
        words = ["alert", "create", *_some(rnd, ["path=/usr/bin/true", f"id={_id(rnd, f'a{n}')}",
                                                 "description=hello", "path="], 0, 3)]
        if rnd.random() < 0.4:
            words += ["options", *_some(rnd, ["key=value", "foo=1", "x="], 1, 2)]
        if rnd.random() < 0.4:
            words += ["meta", *_some(rnd, ["timeout=30s", "timestamp-format=%H:%M", "bogus=1"], 1, 2)]
        return " ".join(words)
    if kind < 0.45:
        words = ["alert", "update", alert, *_some(rnd, ["path=/bin/false", "description=", "description=x"], 0, 2)]
        if rnd.random() < 0.4:
            words += [rnd.choice(["options", "meta"]), *_some(rnd, ["key=", "timeout=10s", "foo=2"], 1, 2)]
        return " ".join(words)
    if kind < 0.75:
        words = ["alert", "recipient", "add", alert,
                 *_some(rnd, [f"value={rnd.choice(['admin@x', 'admin@y', ''])}", f"id={_id(rnd, f'r{n}')}",
                              "description=d"], 0, 3)]
        if rnd.random() < 0.3:
            words += [rnd.choice(["options", "meta"]), *_some(rnd, ["a=b", "timeout=5", "c="], 1, 2)]
        if rnd.random() < 0.2:
            words.append("--force")
        return " ".join(words)
    if kind < 0.85:
        rid = rnd.choice(["alert-recipient", "alert-recipient-1", "nope", f"r{n - 1}"])
        return " ".join(["alert", "recipient", rnd.choice(["update", "delete", "remove"]), rid,
                         *_some(rnd, ["value=other@x", "description=z", "--force"], 0, 2)])
    if kind < 0.95:
        return " ".join(["alert", rnd.choice(["delete", "remove"]), *_some(rnd, ["alert", "a1", "nope"], 0, 2)])
    return "alert " + rnd.choice(["config", "", "show"])


def _target(rnd: random.Random) -> str:
    return rnd.choice(NODES + ["node9", "regexp%node[1-3]", "regexp%node.*", "attrib%rack=r1", "attrib%rack",
                               "node1,node2", "regexp%("])


def levels(rnd: random.Random, n: int) -> str:
    kind = rnd.random()
    level = rnd.choice(["1", "2", "3", "0", "x", "10"])
    if kind < 0.45:
        words = ["stonith", "level", "add", level, _target(rnd), *_some(rnd, DEVICES + ["nope", "d1"], 0, 2)]
        if rnd.random() < 0.15:
            words.append("--force")
        return " ".join(words)
    if kind < 0.65:
        words = ["stonith", "level", rnd.choice(["remove", "delete"]), level]
        if rnd.random() < 0.5:
            words += ["target", _target(rnd)]
        if rnd.random() < 0.4:
            words += ["stonith", *_some(rnd, DEVICES + ["nope"], 1, 2)]
        if rnd.random() < 0.15:
            words = ["stonith", "level", "remove", level, _target(rnd), *_some(rnd, DEVICES, 1, 2)]
        return " ".join(words)
    if kind < 0.8:
        words = ["stonith", "level", "clear"]
        if rnd.random() < 0.6:
            words += rnd.choice([["target", _target(rnd)], ["stonith", *_some(rnd, DEVICES + ["nope"], 1, 2)],
                                 [_target(rnd)], [",".join(_some(rnd, DEVICES, 1, 2))]])
        return " ".join(words)
    return "stonith level " + rnd.choice(["verify", "config", "", "verify extra"])


def _set(rnd: random.Random, options: list[str]) -> list[str]:
    return [*_some(rnd, RESOURCES + ["nope"] if rnd.random() < 0.1 else RESOURCES, 1, 3),
            *_some(rnd, options, 0, 2)]


def sets(rnd: random.Random, n: int) -> str:
    kind = rnd.choice(["order", "colocation"])
    set_options = ["sequential=false", "sequential=true", "require-all=false", "require-all=true",
                   "role=Promoted", "role=Started", "role=bogus", "action=start", "action=promote",
                   "action=bogus", "sequential=maybe", "foo=1"]
    words = ["constraint", kind, "set", *_set(rnd, set_options)]
    for _ in range(rnd.randint(0, 2)):
        words += ["set", *_set(rnd, set_options)]
    if rnd.random() < 0.7:
        extra = (["kind=Optional", "kind=Mandatory", "kind=Serialize", "kind=bogus", "symmetrical=false",
                  "symmetrical=true"] if kind == "order" else
                 [f"score={rnd.choice(SCORES)}", "score=100", "node-attribute=rack"]) + [f"id={_id(rnd, f's{n}')}"]
        words += ["setoptions", *_some(rnd, extra, 0, 2)]
    if rnd.random() < 0.1:
        words.append("--force")
    return " ".join(words)


def utilization(rnd: random.Random, n: int) -> str:
    values = ["cpu=2", "memory=1024", "cpu=", "cpu=x", "cpu=-1", "memory=+3", "ram=0", "=1", "cpu"]
    if rnd.random() < 0.4:
        return " ".join(["node", "utilization", *rnd.sample(NODES + ["node9"], 1)[:rnd.randint(0, 1)],
                         *_some(rnd, values, 0, 2)])
    words = ["resource", "utilization", *([_resource(rnd)] if rnd.random() < 0.9 else []), *_some(rnd, values, 0, 2)]
    if rnd.random() < 0.1:
        words.insert(2, "--name cpu")
    return " ".join(words)


def _op_options(rnd: random.Random) -> list[str]:
    return _some(rnd, [f"interval={rnd.choice(['10s', '20s', '60', '1min', '0', 'abc', '-5s'])}",
                       f"timeout={rnd.choice(['30s', 'x', '20'])}", f"role={rnd.choice(ROLES)}",
                       "OCF_CHECK_LEVEL=10", f"on-fail={rnd.choice(['restart', 'block', 'bogus', 'fence'])}",
                       "start-delay=5s", "enabled=false", "id=myop", "interval-origin=2020-01-01",
                       "record-pending=true", "bogus=1", "requires=nothing"], 0, 3)


def operations(rnd: random.Random, n: int) -> str:
    resource = rnd.choice(PRIMITIVES + ["grp", "c1", "nope", "f1"])
    action = rnd.choice(["monitor", "monitor", "start", "stop", "promote", "bogus"])
    kind = rnd.random()
    if kind < 0.4:
        words = ["resource", "op", "add", resource, action, *_op_options(rnd)]
        if rnd.random() < 0.15:
            words.append("--force")
        return " ".join(words)
    if kind < 0.65:
        what = rnd.choice([[resource, action], [resource, action, *_op_options(rnd)],
                           [rnd.choice(["d1-monitor-interval-10s", "d3-monitor-interval-20s", "myop", "nope"])]])
        return " ".join(["resource", "op", rnd.choice(["remove", "delete"]), *what])
    words = ["resource", "update", resource]
    for _ in range(rnd.randint(1, 2)):
        words += ["op", action, *_op_options(rnd)]
    if rnd.random() < 0.2:
        words = words[:3] + rnd.choice([["meta", "target-role=Stopped"], ["fake=1"], ["state=/tmp/x"]]) + words[3:]
    return " ".join(words)


def grouping(rnd: random.Random, n: int) -> str:
    kind = rnd.random()
    member = rnd.choice(PRIMITIVES + ["grp", "c1-clone", "nope", "new"])
    if kind < 0.3:
        words = ["resource", rnd.choice(["clone", "promotable"]), member]
        words += _some(rnd, ["meta", "clone-max=2", "promoted-max=1", "globally-unique=true", "notify=true",
                             "interleave=true", "bogus=1", f"clone{n}"], 0, 2)
        return " ".join(words)
    if kind < 0.6:
        words = ["resource", "group", "add", rnd.choice(["grp", "g2", f"G{n}", "d1"]), *_some(rnd, PRIMITIVES, 1, 2)]
        if rnd.random() < 0.3:
            words += [rnd.choice(["--before", "--after"]), rnd.choice(PRIMITIVES)]
        return " ".join(words)
    if kind < 0.8:
        return " ".join(["resource", "group", rnd.choice(["remove", "delete"]), rnd.choice(["grp", "nope"]),
                         *_some(rnd, PRIMITIVES, 0, 2)])
    return " ".join(["resource", rnd.choice(["ungroup", "unclone"]),
                     rnd.choice(["grp", "c1-clone", "s1", "d1", "nope"]), *_some(rnd, PRIMITIVES, 0, 1)])


def constraints(rnd: random.Random, n: int) -> str:
    """Plain constraints and their removal: what the families above leave behind gets cleaned up."""
    kind = rnd.random()
    first, second = _resource(rnd), _resource(rnd)
    if kind < 0.2:
        return " ".join(["constraint", "location", first, rnd.choice(["prefers", "avoids"]),
                         *[f"{node}={rnd.choice(SCORES)}" if rnd.random() < 0.5 else node
                           for node in _some(rnd, NODES + ["node9"], 1, 2)]])
    if kind < 0.4:
        words = ["constraint", "colocation", "add", *rnd.choice([[], ["Promoted"], ["Started"]]), first, "with",
                 *rnd.choice([[], ["Unpromoted"]]), second]
        return " ".join(words + _some(rnd, [rnd.choice(SCORES), f"id={_id(rnd, f'col{n}')}", "foo=bar"], 0, 2))
    if kind < 0.6:
        words = ["constraint", "order", *rnd.choice([[], ["start"], ["promote"], ["stop"]]), first, "then",
                 *rnd.choice([[], ["start"], ["demote"]]), second]
        return " ".join(words + _some(rnd, ["kind=Optional", "symmetrical=false", "kind=bad", f"id={_id(rnd, f'o{n}')}",
                                            "require-all=false"], 0, 2))
    if kind < 0.75:
        return " ".join(["constraint", rnd.choice(["delete", "remove"]),
                         *_some(rnd, ["location-d1-node1-INFINITY", "cli-ban-d1-on-node1", "cli-prefer-d1",
                                      f"col{n - 1}", f"rule{n - 1}", "nope", "tk1", "ticket-T1-d1"], 1, 2)])
    if kind < 0.9:
        return " ".join(["constraint", "rule", rnd.choice(["add", "remove", "delete"]),
                         rnd.choice(["location-d1", "location-d1-1", "nope", f"rule{n - 1}", "location-d1-rule"]),
                         *_expression(rnd)[:4]])
    return " ".join(["resource", "meta", _resource(rnd),
                     *_some(rnd, ["target-role=Stopped", "is-managed=false", "priority=", "resource-stickiness=10",
                                  "migration-threshold=x"], 1, 2)])


def views(rnd: random.Random, n: int) -> str:
    return rnd.choice(["constraint config", "constraint --full", "constraint location config",
                       "constraint order config", "constraint colocation config", "resource config",
                       "stonith level config", "alert config", "tag config", "resource utilization",
                       "node utilization", "constraint ticket config", "resource op defaults",
                       "constraint config --full"])


TAGS = ["t1", "t2"]


def _tagged(rnd: random.Random) -> str:
    """A tag id (the tags family creates t1/t2 now and then), a resource, or a mix-up."""
    return rnd.choice(TAGS) if rnd.random() < 0.6 else _resource(rnd)


def tag_constraints(rnd: random.Random, n: int) -> str:
    """Tags where pcs takes them: constraints, sets, tickets, enable/disable/manage."""
    kind = rnd.random()
    if kind < 0.2:
        return " ".join(["tag", "create", rnd.choice(TAGS), *_some(rnd, PRIMITIVES + ["c1-clone", "grp"], 1, 3)])
    if kind < 0.35:
        return " ".join(["constraint", "location", _tagged(rnd), rnd.choice(["prefers", "avoids"]),
                         f"{rnd.choice(NODES)}={rnd.choice(SCORES[:4])}"])
    if kind < 0.45:
        return " ".join(["constraint", "location", _tagged(rnd), "rule", f"score={rnd.choice(SCORES[:4])}",
                         *map(shlex.quote, _expression(rnd))])
    if kind < 0.55:
        return " ".join(["constraint", "colocation", "add", _tagged(rnd), "with", _tagged(rnd),
                         *_some(rnd, ["INFINITY", "-100", f"id={_id(rnd, f'tc{n}')}"], 0, 2)])
    if kind < 0.65:
        return " ".join(["constraint", "order", _tagged(rnd), "then", _tagged(rnd),
                         *_some(rnd, ["kind=Optional", "symmetrical=false"], 0, 1)])
    if kind < 0.75:
        return " ".join(["constraint", rnd.choice(["order", "colocation"]), "set", _tagged(rnd), _tagged(rnd),
                         *_some(rnd, ["sequential=false", "role=Started"], 0, 1), "set", _tagged(rnd)])
    if kind < 0.85:
        return " ".join(["constraint", "ticket", "add", rnd.choice(["T1", "T2"]), _tagged(rnd),
                         *_some(rnd, ["loss-policy=stop", "loss-policy=demote"], 0, 1)])
    return " ".join(["resource", rnd.choice(["enable", "disable", "manage", "unmanage"]),
                     *_some(rnd, TAGS + PRIMITIVES, 1, 2)])


def meta_updates(rnd: random.Random, n: int) -> str:
    """Meta attributes and defaults: resource update ... meta, resource meta, defaults, stonith update."""
    values = ["target-role=Stopped", "target-role=Started", "is-managed=false", "priority=10", "priority=",
              "resource-stickiness=100", "migration-threshold=3", "failure-timeout=60s", "bogus-meta=1",
              "target-role=bogus", "multiple-active=block"]
    kind = rnd.random()
    if kind < 0.35:
        words = ["resource", "update", _resource(rnd), "meta", *_some(rnd, values, 1, 2)]
        if rnd.random() < 0.3:
            words += ["op", "monitor", f"interval={rnd.choice(['15s', '10s', '30s'])}",
                      *_some(rnd, ["timeout=40s", "role=Started", "OCF_CHECK_LEVEL=20"], 0, 1)]
        return " ".join(words)
    if kind < 0.55:
        return " ".join(["resource", "meta", _resource(rnd), *_some(rnd, values, 1, 2)])
    if kind < 0.75:
        which = rnd.choice([["resource", "defaults"], ["resource", "op", "defaults"]])
        words = [*which, *rnd.choice([["update"], [], ["set", "create"]])]
        return " ".join(words + _some(rnd, ["resource-stickiness=50", "timeout=30s", "migration-threshold=2",
                                            "record-pending=true", "bogus=1", "priority="], 1, 2))
    return " ".join(["stonith", "update", rnd.choice(DEVICES + ["d1", "nope"]),
                     *_some(rnd, ["pcmk_host_list=node1", "pcmk_delay_max=5s", "delay=", "bogus=1",
                                  "pcmk_host_check=static-list"], 1, 2),
                     *rnd.choice([[], ["meta", "priority=5"], ["op", "monitor", "interval=30s"]])])


def creations(rnd: random.Random, n: int) -> str:
    """Resources and fence devices created with op variants, clone/promotable options, groups, placement."""
    rid = _id(rnd, f"n{n}")
    if rnd.random() < 0.3:
        agent = rnd.choice(["fence_virsh", "fence_ipmilan", "fence_dummy"])
        params = {"fence_virsh": ["ip=10.0.0.1", "ipaddr=10.0.0.1", "username=root", "login=root",
                                  "identity_file=/root/.ssh/id_rsa", "pcmk_host_map=node1:vm1"],
                  "fence_ipmilan": ["ip=10.0.0.9", "username=admin", "password=x", "lanplus=1", "passwd=x"],
                  "fence_dummy": ["pcmk_host_list=node1", "delay=2", "mode=fail"]}[agent]
        return " ".join(["stonith", "create", rid, agent, *_some(rnd, params, 0, 3),
                         *rnd.choice([[], ["op", "monitor", "interval=120s"], ["meta", "priority=3"]])])
    agent = rnd.choice(["ocf:pacemaker:Dummy", "Dummy", "ocf:pacemaker:Stateful", "ocf:heartbeat:IPaddr2"])
    words = ["resource", "create", rid, agent]
    if "IPaddr2" in agent:
        words += _some(rnd, ["ip=10.0.0.50", "cidr_netmask=24", "nic=eth0"], 0, 2)
    for _ in range(rnd.randint(0, 2)):
        words += ["op", rnd.choice(["monitor", "start", "stop"]), *_op_options(rnd)]
    words += rnd.choice([[], [], ["meta", "target-role=Stopped"], ["clone", "interleave=true"], ["promotable"],
                         ["--group", rnd.choice(["grp", "newgrp"]), *rnd.choice([[], ["--before", "g1"],
                                                                                 ["--after", "g2"]])],
                         ["--disabled"], ["--no-default-ops"]])
    return " ".join(words)


def extras(rnd: random.Random, n: int) -> str:
    """Multi-device fencing levels, node attributes, multi-node location, relocate dry-run."""
    kind = rnd.random()
    if kind < 0.35:
        return " ".join(["stonith", "level", "add", rnd.choice(["1", "2"]), rnd.choice(NODES),
                         rnd.choice([",".join(DEVICES), "f1 f2", "f2,f1", "f1,nope", "f1,"])])
    if kind < 0.6:
        return " ".join(["node", "attribute", rnd.choice(NODES + ["node9"]),
                         *_some(rnd, ["rack=r1", "rack=", "ssd=yes", "missing=", "x=1"], 1, 3)])
    if kind < 0.85:
        return " ".join(["constraint", "location", _resource(rnd), rnd.choice(["prefers", "avoids"]),
                         *[f"{node}={rnd.choice(SCORES)}" if rnd.random() < 0.6 else node
                           for node in _some(rnd, NODES, 2, 3)]])
    return " ".join(["resource", "relocate", "dry-run", *_some(rnd, RESOURCES + ["nope", "f1"], 0, 2)])


FAMILIES: dict[str, Callable[[random.Random, int], str]] = {
    "manage": manage, "lifetimes": lifetime, "rules": rules, "tags": tags, "tickets": tickets,
    "alerts": alerts, "levels": levels, "sets": sets, "utilization": utilization, "operations": operations,
    "grouping": grouping, "constraints": constraints, "views": views,
    "tag constraints": tag_constraints, "meta updates": meta_updates, "creations": creations, "extras": extras,
    **operator_edges.FAMILIES,
    **operator_more.FAMILIES,
}


def random_sequence(rnd: random.Random, length: int) -> list[str]:
    return [rnd.choice(list(FAMILIES.values()))(rnd, n) for n in range(length)]


def sequences(seed: int, count: int, length: int) -> list[list[str]]:
    rnd = random.Random(seed)
    return [random_sequence(rnd, length) for _ in range(count)]


def _real_answers(block: list[str], start: str) -> list[dict]:
    """Real pcs's answer to each command, with the full CIB text after it."""
    with tempfile.TemporaryDirectory() as tmp:
        cib_path = Path(tmp) / "cib.xml"
        cib_path.write_text(start)
        request = {"cib": str(cib_path), "commands": [shlex.split(c) for c in block]}
        done = subprocess.run([diff.SYSTEM_PYTHON, str(diff.RUNNER)], input=json.dumps(request),
                              capture_output=True, text=True, timeout=120 + 10 * len(block), cwd=tmp)
        if done.returncode != 0:
            raise RuntimeError(f"real pcs runner failed: {done.stderr[-2000:]}")
        return list(json.loads(done.stdout))


@lru_cache(maxsize=1)
def start_cib() -> str:
    """The configured CIB every sequence starts from, written by real pcs (so both sides start equal)."""
    answers = _real_answers(SETUP, diff.BASE_CIB)
    assert all(a["rc"] == 0 for a in answers), [a["stderr"] for a in answers]
    return str(answers[-1]["cib"])


def real_steps(block: list[str], start: str) -> list[tuple[str, diff.Step]]:
    """(CIB text before the command, real pcs's step) for each command of the block."""
    before = start
    steps = []
    for command, answer in zip(block, _real_answers(block, start)):
        steps.append((before, diff.Step(command, answer["rc"], answer["stdout"],
                                        diff._messages(answer["stderr"]),
                                        diff.canonical_configuration(answer["cib"]))))
        before = answer["cib"]
    return steps


def differences(steps: list[tuple[str, diff.Step]]) -> list[tuple[str, str, object, object]]:
    """Our answer to each command run on the CIB real pcs had before it: a difference stays
    local to its command instead of spilling into every later step."""
    found: list[tuple[str, str, object, object]] = []
    for before, theirs in steps:
        try:
            mine = diff.run_ours([theirs.command], before)
        except Exception as error:  # noqa: BLE001 -- an internal error is a difference to report, not a crash
            found.append((theirs.command, "internal error", None, f"{type(error).__name__}: {error}"))
            continue
        found += diff.compare([theirs], mine)
    return found


def describe(aspect: str, theirs: object, mine: object) -> str:
    """A difference as a reader wants it: configurations as a diff of their lines, the rest as is."""
    if aspect != "configuration":
        return f"  real: {theirs!r}\n  ours: {mine!r}"
    lines = [str(text).replace("><", ">\n<").splitlines() for text in (theirs, mine)]
    return "\n".join(difflib.unified_diff(lines[0], lines[1], "real", "ours", n=1, lineterm=""))


def main() -> int:
    """`SEED SEQUENCES LENGTH`, or `--replay FILE`: FILE's lines as one sequence (to check a fix)."""
    if sys.argv[1] == "--replay":
        blocks, seed = [[line for line in Path(sys.argv[2]).read_text().splitlines() if line.strip()]], -1
    else:
        seed, count, length = (int(arg) for arg in sys.argv[1:4])
        blocks = sequences(seed, count, length)
    start = start_cib()
    compared = 0
    differing: set[str] = set()
    for block in blocks:
        compared += len(block)
        for command, aspect, theirs, mine in differences(real_steps(block, start)):
            if command not in differing:
                print(f"DIFF pcs {command}")
            differing.add(command)
            print(f"  [{aspect}]\n{describe(aspect, theirs, mine)}")
    print(f"seed {seed}: {compared} commands in {len(blocks)} sequences, {len(differing)} differ")
    return 1 if differing else 0


if __name__ == "__main__":
    raise SystemExit(main())
