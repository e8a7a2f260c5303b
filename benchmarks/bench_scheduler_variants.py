"""Variants of the public scheduler cases, judged by the real crm_simulate (issue 13).

The held-back cases come from the same families as the public ones, so the honesty rule
is tested off the public path: each variant is a public case's CIB with one or two seeded
mutations (a node offline, in standby or in maintenance; a resource's target-role flipped
or unmanaged; a failed monitor or start added to the history; stickiness, a location score,
stonith-enabled, no-quorum-policy or quorum changed). Both `halab crm_simulate -x FILE -S`
(in-process) and the real `crm_simulate -x FILE -S` run on it, and compare.py
(--anon-instances) judges: match, silent (rc 0 and a different transition: the honesty
rule forbids it), refused (rc != 0 with a reason), crash. Variants the real tool itself
rejects are skipped. Files are written to a temporary directory only (GPL test data).

    .venv/bin/python benchmarks/bench_scheduler_variants.py [--seed 13] [--count 300] [--show silent] [--keep DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import io
import random
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Callable

from lxml import etree

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from halab_kernel.commands.crm_simulate import main as crm_simulate  # noqa: E402
from halab_kernel.values import interval_ms  # noqa: E402
from tests.scheduler_verdicts import CRASH_MARKERS, ORACLE, load_compare, names  # noqa: E402

ENV = {"LC_ALL": "C", "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"}
Mutation = Callable[[etree._Element, random.Random], str]


def _pick(rng: random.Random, items: list):
    return rng.choice(items) if items else None


def _nvpair(parent: etree._Element, tag: str, tag_id: str, name: str, value: str) -> None:
    block = parent.find(tag)
    if block is None:
        block = etree.SubElement(parent, tag, id=tag_id)
    for pair in block.findall("nvpair"):
        if pair.get("name") == name:
            pair.set("value", value)
            return
    etree.SubElement(block, "nvpair", id=f"{tag_id}-{name}", name=name, value=value)


def _property(root: etree._Element, name: str, value: str) -> None:
    crm_config = root.find("configuration/crm_config")
    block = crm_config.find("cluster_property_set")
    if block is None:
        block = etree.SubElement(crm_config, "cluster_property_set", id="variant-options")
    for pair in block.findall("nvpair"):
        if pair.get("name") == name:
            pair.set("value", value)
            return
    etree.SubElement(block, "nvpair", id=f"variant-{name}", name=name, value=value)


def node_offline(root, rng):
    state = _pick(rng, root.findall("status/node_state"))
    if state is None:
        return ""
    state.set("in_ccm", "false")
    state.set("crmd", "offline")
    state.set("join", "down")
    state.set("expected", rng.choice(["down", "member"]))
    return f"node {state.get('uname')} offline (expected {state.get('expected')})"


def node_standby(root, rng):
    node = _pick(rng, root.findall("configuration/nodes/node"))
    if node is None:
        return ""
    name = rng.choice(["standby", "maintenance"])
    _nvpair(node, "instance_attributes", f"{node.get('id')}-variant", name, "on")
    return f"node {node.get('uname')} {name}"


def _resources(root) -> list:
    return [r for r in root.iter("primitive", "group", "clone", "master")
            if r.getparent() is not None and r.getparent().tag in ("resources", "clone", "master", "group")]


def target_role(root, rng):
    rsc = _pick(rng, _resources(root))
    if rsc is None:
        return ""
    value = rng.choice(["Stopped", "Started", "Unpromoted", "Promoted"] if rsc.tag in ("master", "clone")
                       else ["Stopped", "Started"])
    _nvpair(rsc, "meta_attributes", f"{rsc.get('id')}-variant-meta", "target-role", value)
    return f"{rsc.get('id')} target-role={value}"


def unmanaged(root, rng):
    rsc = _pick(rng, _resources(root))
    if rsc is None:
        return ""
    _nvpair(rsc, "meta_attributes", f"{rsc.get('id')}-variant-meta", "is-managed", "false")
    return f"{rsc.get('id')} is-managed=false"


def stickiness(root, rng):
    value = str(rng.choice([0, 1, 100, 1000, "INFINITY"]))
    configuration = root.find("configuration")
    defaults = configuration.find("rsc_defaults")
    if defaults is None:
        defaults = etree.SubElement(configuration, "rsc_defaults")
    _nvpair(defaults, "meta_attributes", "variant-rsc-defaults", "resource-stickiness", value)
    return f"resource-stickiness={value}"


def location_score(root, rng):
    location = _pick(rng, [c for c in root.findall("configuration/constraints/rsc_location") if c.get("score")])
    if location is None:
        return ""
    value = str(rng.choice([-1000, -10, 0, 10, 1000, "INFINITY", "-INFINITY"]))
    location.set("score", value)
    return f"{location.get('id')} score={value}"


def cluster_option(root, rng):
    choice = rng.choice(["stonith-enabled=false", "no-quorum-policy=stop", "no-quorum-policy=freeze",
                         "no-quorum-policy=ignore", "have-quorum=0", "symmetric-cluster=false"])
    name, value = choice.split("=")
    if name == "have-quorum":
        root.set("have-quorum", value)
    else:
        _property(root, name, value)
    return choice


def failed_operation(root, rng):
    """A failed monitor (or start) where the resource has history, recorded as a controller
    does: the operation's own entry, its `_last_failure_0` copy (a start: also `_last_0`),
    and the node's fail-count and last-failure attributes."""
    entries = [(state, lrm) for state in root.findall("status/node_state")
               for lrm in state.findall("lrm/lrm_resources/lrm_resource")
               if lrm.get("class") != "stonith"]
    picked = _pick(rng, entries)
    if picked is None or picked[1].find("lrm_rsc_op") is None:
        return ""
    state, lrm = picked
    rsc = lrm.get("id")
    configured = root.xpath(f"//configuration//primitive[@id='{rsc.split(':')[0]}']"
                            "/operations/op[@name='monitor' and not(@role)]/@interval")
    every = str(interval_ms(configured[0])) if configured else "10000"   # a configured monitor if any
    task, interval = rng.choice([("monitor", every), ("start", "0")])
    rc = rng.choice(["1", "7"]) if task == "monitor" else "1"
    call = max(int(op.get("call-id", "0")) for op in lrm.findall("lrm_rsc_op")) + 1
    when = max(int(op.get("last-rc-change", "0") or 0) for op in lrm.findall("lrm_rsc_op")) + 1
    magic = f"0:{rc};99:99:0:00000000-0000-0000-0000-000000000000"
    own = f"{rsc}_{task}_{interval}" if task == "monitor" else f"{rsc}_last_0"
    for record_id in (own, f"{rsc}_last_failure_0"):
        for old in lrm.findall("lrm_rsc_op"):
            if old.get("id") == record_id:
                lrm.remove(old)
        record = copy.deepcopy(lrm.find("lrm_rsc_op")) if lrm.find("lrm_rsc_op") is not None else None
        if record is None:
            return ""
        record.attrib.update({"id": record_id, "operation_key": f"{rsc}_{task}_{interval}", "operation": task,
                              "interval": interval, "rc-code": rc, "op-status": "0", "call-id": str(call),
                              "transition-magic": magic, "transition-key": magic.split(";")[1],
                              "last-rc-change": str(when), "last-run": str(when)})
        lrm.append(record)
    attributes = state.find("transient_attributes")
    if attributes is None:
        attributes = etree.SubElement(state, "transient_attributes", id=state.get("id") or "variant")
    _nvpair(attributes, "instance_attributes", f"status-{state.get('id')}-variant",
            f"fail-count-{rsc}#{task}_{interval}", "1")
    _nvpair(attributes, "instance_attributes", f"status-{state.get('id')}-variant",
            f"last-failure-{rsc}#{task}_{interval}", str(when))
    return f"{rsc} {task} rc={rc} on {state.get('uname')}"


MUTATIONS: tuple[Mutation, ...] = (node_offline, node_standby, target_role, unmanaged, stickiness,
                                   location_score, cluster_option, failed_operation)


def mutate(xml: bytes, rng: random.Random) -> tuple[bytes, list[str]]:
    root = etree.fromstring(xml)
    done = []
    for mutation in rng.sample(MUTATIONS, rng.choice([1, 1, 2])):
        what = mutation(root, rng)
        if what:
            done.append(what)
    return etree.tostring(root), done


def ours(path: Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            rc = crm_simulate(["-x", str(path), "-S"])
    except Exception as error:  # noqa: BLE001 - a traceback is a verdict here
        return -1, "", f"Traceback: {type(error).__name__}: {error}"
    return rc, out.getvalue(), err.getvalue()


def real(path: Path) -> tuple[int, str]:
    result = subprocess.run(["crm_simulate", "-x", str(path), "-S"], capture_output=True, text=True,
                            env=ENV, timeout=60)
    return result.returncode, result.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--count", type=int, default=300, help="how many variants")
    parser.add_argument("--tier", type=int, action="append", help="tiers to draw from (default 1, 2, 3)")
    parser.add_argument("--show", action="append", default=[], help="list variants with this verdict")
    parser.add_argument("--keep", type=Path, help="also keep the variants listed by --show here (outside the repo)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    compare = load_compare()
    cases = [name for tier in args.tier or [1, 2, 3] for name in names(tier)]
    verdicts: Counter = Counter()
    with tempfile.TemporaryDirectory(prefix="halab-variants-") as scratch:
        for number in range(args.count):
            name = rng.choice(cases)
            xml, done = mutate((ORACLE / "cases" / f"{name}.xml").read_bytes(), rng)
            path = Path(scratch) / f"{number:04d}-{name}.xml"
            path.write_bytes(xml)
            real_rc, real_out = real(path)
            if real_rc != 0 or "Transition Summary:" not in real_out:
                verdicts["skipped (real tool refuses)"] += 1
                continue
            rc, out, err = ours(path)
            if rc == -1 or any(marker in err for marker in CRASH_MARKERS):
                verdict = "crash"
            elif rc != 0:
                verdict = "refused"
            else:
                verdict = "match" if compare.compare_texts(real_out, out, anon=True)["match"] else "silent"
            verdicts[verdict] += 1
            if verdict in args.show and args.keep:
                args.keep.mkdir(parents=True, exist_ok=True)
                (args.keep / path.name).write_bytes(xml)
            if verdict in args.show:
                print(f"{verdict:8} {number:04d} {name:40} {'; '.join(done)}  {err.strip()[:120]}")
    judged = sum(verdicts[v] for v in ("match", "silent", "refused", "crash"))
    print(f"seed {args.seed}: {args.count} variants, {judged} judged: "
          + ", ".join(f"{v} {verdicts[v]}" for v in ("match", "silent", "refused", "crash"))
          + f"; skipped {verdicts['skipped (real tool refuses)']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
