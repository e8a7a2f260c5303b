"""Operator-sequence families of the 2026-12-06 evening round: what the generator did not yet reach.

Bundles (created, updated, reset, filled and listed in the file), stonith enable/disable/op/meta/defaults, `constraint location add|remove`
with ids and resource-discovery, defaults sets with rules, node standby/maintenance on a file,
enable/disable options, clone and promotable edits of groups and members with ids and options,
update semantics of instance attributes (empty values, unknown names, --force), colocation and
order options, and the usage errors of every command group (missing and extra words).
Used by operator_sequences.FAMILIES.
"""

from __future__ import annotations

import random

from tests.commands.operator_edges import ITEMS, _forced, _pick

RULES = [["date-spec", "weekdays=1-5"], ["resource", "ocf:pacemaker:Dummy"], ["resource", "::Dummy"],
         ["date", "gt", "2020-01-01"], ["defined", "pingd"], ["op", "monitor"], ["op", "monitor", "interval=10s"],
         ["resource", "ocf::", "and", "date", "lt", "2030-01-01"], ["#uname", "eq", "node1"]]


def bundles(rnd: random.Random, n: int) -> str:
    bundle = rnd.choice(["b1", f"b{n - 1}", "d1", "nope"])
    return _forced(rnd, rnd.choice([
        ["resource", "bundle", "create", f"b{n}", "container", rnd.choice(["docker", "podman", "lxc"]),
         *_pick(rnd, ["image=nginx", "image=", "replicas=2", "promoted-max=1", "masters=1", "bogus=1"], 1, 3),
         *rnd.choice([[], ["network", "control-port=3121"], ["network", "ip-range-start=10.0.0.254"],
                      ["network", "host-netmask=33"]]),
         *rnd.choice([[], ["port-map", "port=80"], ["port-map", "range=90-95"], ["port-map", "internal-port=8"],
                      ["storage-map", "source-dir=/a", "target-dir=/b"], ["storage-map", "target-dir=/b"]]),
         *rnd.choice([[], ["meta", "target-role=Stopped"], ["--disabled"]])],
        ["resource", "bundle", "reset", bundle, "container", *_pick(rnd, ["image=x", "replicas=3", "bogus="], 1, 2),
         *rnd.choice([[], ["network", "control-port=3121"], ["port-map", "port=81"]])],
        ["resource", "bundle", "update", bundle,
         *rnd.choice([["container", "image=x"], ["container", "replicas="], ["network", "control-port="],
                      ["network", "ip-range-start=10.1.1.1"], ["port-map", "add", "port=82"],
                      ["port-map", "remove", f"{bundle}-port-map-80"], ["storage-map", "delete", "nope"],
                      ["meta", "priority=2"]])],
        ["resource", "create", f"bb{n}", "ocf:pacemaker:Dummy", "bundle", bundle],
        ["resource", "status", rnd.choice([bundle, f"bb{n - 1}", f"{bundle}-docker-0"])],
        ["resource", "bundle"],
    ]))


def stonith_edits(rnd: random.Random, n: int) -> str:
    device = rnd.choice(["f1", "f2", "d1", "nope", "f1 f2"])
    return _forced(rnd, rnd.choice([
        ["stonith", rnd.choice(["enable", "disable"]), *device.split(), *rnd.choice([[], ["--wait"], ["--safe"]])],
        ["stonith", "op", "add", device.split()[0], "monitor", f"interval={rnd.choice(['30s', '60', 'x'])}"],
        ["stonith", "op", rnd.choice(["delete", "remove"]), device.split()[0], "monitor"],
        ["stonith", "meta", device.split()[0], *_pick(rnd, ["priority=5", "target-role=Stopped", "bogus="], 1, 2)],
        ["stonith", "defaults", *rnd.choice([[], ["update", "priority=1"], ["priority=2"]])],
        ["stonith", "update", device.split()[0], *_pick(rnd, ["pcmk_host_list=", "pcmk_host_list=node2",
                                                              "delay=x", "meta", "op"], 1, 2)],
    ]))


def location_ids(rnd: random.Random, n: int) -> str:
    rsc = rnd.choice(ITEMS[:8] + ["nope"])
    return _forced(rnd, rnd.choice([
        ["constraint", "location", "add", rnd.choice([f"loc{n}", "d1", "1x", "location-d1-node1-INFINITY"]), rsc,
         rnd.choice(["node1", "node2", "node9"]), rnd.choice(["100", "-INFINITY", "INFINITY", "x"]),
         *_pick(rnd, ["resource-discovery=never", "resource-discovery=exclusive", "resource-discovery=bogus",
                      "role=Promoted", "foo=1"], 0, 1)],
        ["constraint", "location", rnd.choice(["delete", "remove"]), rnd.choice([f"loc{n - 1}", "nope", "cli-ban-d1-on-node1"])],
        ["constraint", "location", rsc, rnd.choice(["prefers", "avoids"]), "node1", "resource-discovery=never"],
        ["constraint", "location", "%" + rsc, "prefers", "node1"],
        ["constraint", "location", "regexp%d[12]", rnd.choice(["prefers", "avoids"]), "node2=50"],
        ["constraint", "colocation", "add", rsc, "with", rnd.choice(ITEMS[:8]),
         *_pick(rnd, ["node-attribute=rack", "-INFINITY", "score=10", "id=", f"id=cl{n}", "bogus=1"], 0, 2)],
        ["constraint", "order", rnd.choice(["start", "promote", "demote", "stop", "bogus"]), rsc, "then",
         rnd.choice(["start", "stop", ""]) or rnd.choice(ITEMS[:8]), rnd.choice(ITEMS[:8]),
         *_pick(rnd, ["require-all=false", "kind=Serialize", "symmetrical=maybe", "id="], 0, 1)],
    ]))


def defaults_rules(rnd: random.Random, n: int) -> str:
    which = rnd.choice([["resource", "defaults"], ["resource", "op", "defaults"], ["stonith", "defaults"]])
    return _forced(rnd, rnd.choice([
        [*which, "set", "create", *_pick(rnd, [f"id=ds{n}", "score=10", "score=x", "id=d1"], 0, 2),
         "meta", *_pick(rnd, ["resource-stickiness=5", "timeout=20s", "bogus=1"], 1, 2),
         *rnd.choice([[], ["rule", *rnd.choice(RULES)]])],
        [*which, "set", rnd.choice(["delete", "remove"]), rnd.choice([f"ds{n - 1}", "nope"])],
        [*which, "set", "update", rnd.choice([f"ds{n - 1}", "nope"]), "meta", "timeout=40s"],
        [*which, *rnd.choice([[], ["config"], ["--full"], ["--all"], ["config", "--no-expire-check"]])],
    ]))


def node_modes(rnd: random.Random, n: int) -> str:
    return _forced(rnd, [
        "node", rnd.choice(["standby", "unstandby", "maintenance", "unmaintenance"]),
        *_pick(rnd, ["node1", "node2", "node9", "--all", "--wait", "--lifetime=reboot"], 0, 2)])


def clone_edits(rnd: random.Random, n: int) -> str:
    return _forced(rnd, rnd.choice([
        ["resource", rnd.choice(["clone", "promotable"]), rnd.choice(["grp", "g1", "d2", "d3", "c1-clone", "s1"]),
         *_pick(rnd, [f"cl{n}", "clone-max=2", "clone-node-max=1", "promoted-max=1", "promoted-node-max=1",
                      "master-max=1", "meta", "globally-unique=true", "ordered=true", "promotable=true",
                      "bogus=1", "--wait"], 0, 3)],
        ["resource", "meta", rnd.choice(["c1-clone", "s1-clone", "grp", "c1", "g1"]),
         *_pick(rnd, ["clone-max=1", "promoted-max=2", "interleave=true", "notify=", "target-role=Stopped",
                      "is-managed="], 1, 2)],
        ["resource", "update", rnd.choice(["c1-clone", "s1-clone", "grp"]),
         *_pick(rnd, ["meta", "clone-max=2", "fake=1", "op", "monitor", "interval=5s"], 1, 3)],
        ["resource", "unclone", rnd.choice(["c1-clone", "s1-clone", "c1", "grp", "d1"])],
        ["resource", "group", "add", rnd.choice(["grp", f"gg{n}"]),
         *_pick(rnd, ["d1", "d2", "c1", "s1-clone", "f1", "grp", "nope"], 1, 2),
         *rnd.choice([[], ["--before", "g2"], ["--after", "nope"], ["--before", "g1", "--after", "g2"]])],
    ]))


def update_semantics(rnd: random.Random, n: int) -> str:
    rsc = rnd.choice(["d1", "d2", "d3", "g1", "c1", "s1", "f1", "grp", "nope"])
    return _forced(rnd, rnd.choice([
        ["resource", "update", rsc, *_pick(rnd, ["fake=", "fake=2", "state=", "bogus=", "passwd=x",
                                               "trace_ra=1", "envfile=/x", "=1", "fake"], 1, 3)],
        ["resource", "update", rsc, "meta", *_pick(rnd, ["target-role=", "priority=1", "bogus="], 1, 2),
         "op", "monitor", *_pick(rnd, ["interval=10s", "interval=20s", "role=Started", "timeout=1s"], 1, 2)],
        ["resource", "update", rsc, "op", rnd.choice(["monitor", "start"]), "interval=0s", "timeout=99s",
         *rnd.choice([[], ["op", "monitor", "interval=10s"], ["op", "monitor", "interval=10s", "role=Started"]])],
        ["resource", rnd.choice(["enable", "disable"]), rsc,
         *rnd.choice([[], ["--wait"], ["--safe"], ["--simulate"], ["--brief"], ["--no-strict"]])],
        ["resource", rnd.choice(["manage", "unmanage"]), rsc, *rnd.choice([[], ["--monitor"], ["d2"]])],
    ]))


USAGE_LINES = [
    ["resource"], ["resource", "op"], ["resource", "group"], ["resource", "group", "add"], ["resource", "create"],
    ["resource", "meta"], ["resource", "update"], ["resource", "clone"], ["resource", "ban"],
    ["resource", "move-with-constraint"], ["resource", "relocate"], ["resource", "utilization", "d1", "cpu"],
    ["constraint", "location", "d1"], ["constraint", "order", "d1"], ["constraint", "colocation", "add", "d1"],
    ["constraint", "ticket", "add"], ["constraint", "rule"], ["stonith", "level", "add", "1"], ["stonith", "create"],
    ["stonith", "level", "bogus"], ["alert", "recipient"], ["alert", "create", "x"], ["tag", "update", "t1"],
    ["tag", "create"], ["node"], ["node", "attribute", "node1", "x"], ["property", "set"], ["property", "frob"],
    ["constraint", "ref"], ["resource", "defaults", "set"], ["resource", "op", "defaults", "set", "bogus"],
]


def usage_errors(rnd: random.Random, n: int) -> str:
    words = list(rnd.choice(USAGE_LINES))
    if rnd.random() < 0.3:
        words.append(rnd.choice(["bogus", "d1", "--force", "x=1", "set", "add"]))
    return " ".join(words)


FAMILIES = {
    "bundles": bundles, "stonith edits": stonith_edits, "location ids": location_ids,
    "defaults rules": defaults_rules, "node modes": node_modes, "clone edits": clone_edits,
    "update semantics": update_semantics, "usage errors": usage_errors,
}
