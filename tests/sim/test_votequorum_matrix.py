"""votequorum against real corosync 3.1.7, step by step, node by node.

shared/pacemaker-2.1.5/quorum/quorum-matrix-public.json records what real
`corosync-quorumtool -s` showed on every node after every step of a scenario
(start, crash, restart, partition, heal, graceful stop, cold start). Each
scenario is replayed on the simulator with the same corosync.conf and compared
field by field, and the time each node took to settle is compared with the
real one.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from datetime import datetime

import pytest

from halab_kernel import Lab
from halab_kernel.model import MembershipChanged, QuorumChanged
from tests.conftest import shared_path


def _matrix() -> dict[str, list[dict]]:
    rows = json.loads(shared_path("pacemaker-2.1.5", "quorum", "quorum-matrix-public.json").read_text())
    scenarios: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        scenarios[row["scenario"]].append(row)
    return scenarios


def _scenario_names() -> list[str]:
    try:
        return sorted(_matrix())
    except pytest.skip.Exception:
        return ["(no oracle)"]


def _corosync_conf(config: dict, nodes: int) -> str:
    nodelist = "\n".join(
        f"    node {{\n        ring0_addr: 10.201.0.{10 + i}\n        name: node{i}\n        nodeid: {i}\n    }}"
        for i in range(1, nodes + 1)
    )
    return f"{config['totem']}\nnodelist {{\n{nodelist}\n}}\n{config['quorum']}\n"


class Replay:
    """Runs the matrix's step names as lab operations."""

    def __init__(self, config: dict, nodes: int) -> None:
        self.config, self.nodes = config, nodes
        self.lab: Lab | None = None

    def step(self, name: str) -> None:
        action = re.sub(r"^\d+-(run\d+-)?", "", name)
        node_names = [f"node{i}" for i in range(1, self.nodes + 1)]
        if action == "start-all":
            self.lab = Lab.simulated(corosync=_corosync_conf(self.config, self.nodes))
            return
        if match := re.fullmatch(r"coldstart-(node\d)-only", action):
            self.lab = Lab.simulated(corosync=_corosync_conf(self.config, self.nodes), start=[match.group(1)])
            return
        assert self.lab is not None
        if match := re.fullmatch(r"(crash|restart|start|stop)((?:-node\d)+)(-qnetd-down)?", action):
            verb = "restart" if match.group(1) == "start" else match.group(1)
            for node in match.group(2).strip("-").split("-"):
                if verb == "crash":
                    self.lab.kill(node, "corosync")  # the matrix's crash: kill -9 of corosync
                else:
                    getattr(self.lab, verb)(node)
        elif match := re.fullmatch(r"partition-(\d+)_vs_(\d+)(?:-(node\d)-cut-from-qnetd|-both-reach-qnetd)?", action):
            sides = [[f"node{d}" for d in side] for side in match.groups()[:2]]
            if match.group(3):  # the other side keeps qnetd
                next(side for side in sides if match.group(3) not in side).append("qnetd")
            self.lab.partition(*sides)
        elif action == "stop-qnetd":
            self.lab.stop("qnetd")
        elif action == "heal":
            self.lab.heal()
        elif re.fullmatch(r"wait-\d+s", action):
            pass
        else:
            raise AssertionError(f"step not understood: {name}")
        del node_names


def _seconds_between(start: str, end: str) -> float:
    return (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds()


def _members_printed(text: str) -> list[dict]:
    """The Membership information of `corosync-quorumtool -s`, shaped like the matrix's rows."""
    lines = text.split("Membership information\n----------------------\n", 1)[1].splitlines()
    with_device = "Qdevice" in lines[0]
    members = []
    for line in lines[1:]:
        words = line.split()
        if words[2] == "Qdevice":  # the device's own row: "0  votes  Qdevice [(votes N)]"
            members.append({"nodeid": 0, "votes": int(words[1]), "name": "Qdevice", "local": False})
            continue
        member = {"nodeid": int(words[0]), "votes": int(words[1])}
        if with_device:
            member["qdevice"] = words.pop(2)
        members.append({**member, "name": words[2], "local": words[-1] == "(local)"})
    return members


def _observed(lab: Lab, node: str, since: float) -> dict:
    view = lab.state().views.get(node)
    result = lab.run(node, "corosync-quorumtool -s") if lab.state().node(node).powered else None
    changes = [e.time - since for e in lab.events
               if e.node == node and e.time >= since and isinstance(e, (MembershipChanged, QuorumChanged))]
    if view is None:
        return {"running": False, "rc": None, "settle": changes[-1] if changes else None}
    return {
        "running": True, "rc": result.rc if result else None, "quorate": view.quorate,
        "expected_votes": view.expected_votes, "highest_expected": view.highest_expected,
        "total_votes": view.total_votes, "quorum": view.quorum, "flags": list(view.flags),
        "members": list(view.member_ids) + ([0] if view.qdevice_present else []), "ring_id": view.ring_id,
        "settle": changes[-1] if changes else None,
        "members_printed": _members_printed(result.stdout) if result else None,
    }


@pytest.mark.parametrize("scenario", _scenario_names())
def test_scenario_matches_real_votequorum(scenario: str) -> None:
    rows = _matrix()[scenario]
    nodes = max(int(row["node"][4:]) for row in rows)
    replay = Replay(rows[0]["config"], nodes)
    steps: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        steps[row["step"]].append(row)
    mismatches = []
    injected = [rows[0].get("injected_at") for rows in steps.values()]
    for index, (step, step_rows) in enumerate(steps.items()):
        replay.step(step)
        lab = replay.lab
        assert lab is not None
        since = lab.now if not step.endswith(("start-all",)) and "coldstart" not in step else 0.0
        meta = step_rows[0].get("step_meta") or {}
        observed = max(meta.get("fixed_s") or 0, meta.get("observed_s") or 0, 15.0)
        if scenario.startswith("S9") and index + 1 < len(injected) and injected[index] and injected[index + 1]:
            # qdevice heartbeats keep their phase from one step to the next: replay the real spacing
            observed = _seconds_between(injected[index], injected[index + 1])
        lab.advance(observed)
        for row in step_rows:
            got = _observed(lab, row["node"], since)
            if not row["running"]:
                if got["running"]:
                    mismatches.append(f"{step} {row['node']}: should not be running")
                continue
            want = {
                "running": True, "rc": row["rc"], "quorate": row["quorate"],
                "expected_votes": row["expected_votes"], "highest_expected": row["highest_expected"],
                "total_votes": row["total_votes"], "quorum": row["quorum"], "flags": row["flags"],
                "members": [m["nodeid"] for m in row["members"]], "ring_id": row["ring_id"],
                "members_printed": row["members"],
            }
            for key, value in want.items():
                if got.get(key) != value:
                    mismatches.append(f"{step} {row['node']}: {key} real={value!r} sim={got.get(key)!r}")
            real_settle = row.get("settle_seconds")
            if row.get("changed") and real_settle and got["settle"] is not None:
                tolerance = max(0.7, 0.25 * real_settle)
                if abs(got["settle"] - real_settle) > tolerance:
                    mismatches.append(f"{step} {row['node']}: settled at {got['settle']:.2f}s, real {real_settle:.2f}s")
    assert not mismatches, "\n".join(mismatches)
