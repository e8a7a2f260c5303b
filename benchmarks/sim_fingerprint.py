"""The simulator's observable output on fixed seeds, to compare two versions of the code byte for byte.

Three seeded fault campaigns of 70 steps (3-5 nodes, fencing on and off; a group, a clone and
25 plain primitives; crashes, restarts, stops, starts, partitions, heals, resource failures,
cleanups, standby) and one simulated hour of 5 nodes and 100 resources (bench_cluster.py's). For
each: the events, a snapshot after every step, the CIB, every saved pe-input's text and the first
40 `.bz2` files' digests, written to DIR/LABEL.PART, with a digest printed per part.

    .venv/bin/python benchmarks/sim_fingerprint.py DIR

Run it in two checkouts (e.g. `git worktree add /tmp/before REV`) and `diff -r` the two DIRs: a
performance change must leave them identical (issue 18).
"""

from __future__ import annotations

import hashlib
import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from halab_kernel import Lab  # noqa: E402
from tests.sim.fault_campaign import node_fault  # noqa: E402
from tests.sim.topology import CONSTRAINTS, RESOURCES, set_property  # noqa: E402

EXTRA = "".join(f'<primitive id="d{i}" class="ocf" provider="pacemaker" type="Dummy"><operations>'
                f'<op name="monitor" interval="10s" id="d{i}-mon"/></operations></primitive>' for i in range(25))
CLONE = ('<clone id="c1"><primitive id="cd" class="ocf" provider="pacemaker" type="Dummy"><operations>'
         '<op name="monitor" interval="15s" id="cd-mon"/></operations></primitive></clone>')

def campaign(seed: int, nodes: int, stonith: bool) -> tuple[Lab, list[str]]:
    lab = Lab.simulated(nodes=nodes, seed=seed)
    lab.wait_until(lambda s: s.dc is not None, 60)
    set_property(lab, "stonith-enabled", "true" if stonith else "false")
    res = RESOURCES.replace("node1 node2 node3", " ".join(lab.node_names)).replace("</resources>", EXTRA + CLONE + "</resources>")
    for section, xml in (("resources", res), ("constraints", CONSTRAINTS)):
        assert lab.run("node1", f"cibadmin --replace -o {section} -X '{xml}'").ok
    lab.advance(30)
    rng = random.Random(seed)
    names = list(lab.node_names)
    rscs = ["dummy1", "vip", "dummy2"] + [f"d{i}" for i in range(25)] + ["cd"]
    out = []
    for step in range(70):
        action = rng.choice(["crash", "restart", "stop", "start", "partition", "heal", "fail", "fail", "cleanup",
                             "standby", "advance", "advance"])
        node = rng.choice(names)
        state = lab.state()
        if action == "fail":
            r = rng.choice(rscs)
            if state.resource(r).really_on:
                lab.fail_resource(r)
        elif action == "cleanup":
            r = rng.choice(rscs)
            on = next((n for n in names if state.node(n).pacemaker_running), None)
            if on:
                out.append(repr(lab.run(on, f"crm_resource --cleanup -r {r}")))
        elif action == "standby":
            if state.node(node).pacemaker_running:
                lab.standby(node, rng.random() < 0.6)
        else:
            node_fault(lab, rng, names, action, node, advance_range=(1, 60))
        lab.advance(rng.uniform(0, 12))
        out.append(repr(lab.state()))
    return lab, out

def hour(resources: int) -> tuple[Lab, list[str]]:
    from bench_cluster import FAULT_EVERY, HOUR, dummies
    lab = Lab.simulated(nodes=5, seed=0)
    lab.wait_until(lambda s: s.dc is not None, 60)
    set_property(lab, "stonith-enabled", "false")
    lab.run("node1", f"cibadmin --replace -o resources -X '{dummies(resources)}'")
    rng = random.Random(0)
    down = None
    snaps = []
    for r in range(int(HOUR / FAULT_EVERY)):
        if r % 2 == 0:
            down = rng.choice(list(lab.node_names)[1:])
            lab.crash(down)
        elif down:
            lab.restart(down)
            down = None
        lab.advance(FAULT_EVERY)
        snaps.append(repr(lab.state()))
    return lab, snaps

def dump(lab: Lab, snaps: list[str]) -> dict[str, str]:
    pm = lab.backend.sim.pacemaker  # type: ignore[attr-defined]
    parts = {"events": "\n".join(repr(e) for e in lab.events), "snapshots": "\n".join(snaps),
             "cib": pm.cib.xml(),
             "pe_inputs": "\n".join(f"{n} {s.name} {s.transition} {s.time}\n{s.xml()}" for n in lab.node_names
                                    for s in pm.pe_inputs.saved(n)),
             "pe_files": "\n".join(hashlib.sha256(s.file_bytes()).hexdigest() for n in lab.node_names
                                   for s in pm.pe_inputs.saved(n)[:40])}
    return parts

if __name__ == "__main__":
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)
    runs = [("c1", lambda: campaign(11, 3, True)), ("c2", lambda: campaign(12, 5, False)),
            ("c3", lambda: campaign(13, 4, True)), ("h100", lambda: hour(100))]
    for label, fn in runs:
        lab, snaps = fn()
        for part, text in dump(lab, snaps).items():
            Path(f"{outdir}/{label}.{part}").write_text(text)
            print(label, part, len(text), hashlib.sha256(text.encode()).hexdigest()[:16], flush=True)
