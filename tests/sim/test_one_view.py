"""One view of the cluster: `lab.state()` and `crm_mon` on the observed node never disagree.

docs/architecture.md, "One view of the cluster": a snapshot is what crm_mon on one node
(the reference DC, else the lowest-id node running Pacemaker) shows. Checked as a property
over random fault campaigns (after every step: node by node, text and XML, and that the
shared reading is the one a fresh computation gives), and in the situations where pictures
used to contradict the tool: a crash without fencing, fencing, a DC's crash before it is
noticed, standby spelt in Pacemaker's many ways.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from halab_kernel import Lab
from halab_kernel.lab import SimBackend
from halab_kernel.model import MAINTENANCE, OFFLINE, ONLINE, PENDING, STANDBY, UNCLEAN, ClusterState
from halab_kernel.sim.pacemaker import snapshot
from tests.sim.topology import SERVICE, service_lab

NODES = ("node1", "node2", "node3")
LABELS = {"UNCLEAN (offline)": UNCLEAN, "UNCLEAN (online)": UNCLEAN, "standby": STANDBY,
          "standby (on-fail)": STANDBY, "maintenance": MAINTENANCE, "pending": PENDING,
          "OFFLINE (standby)": OFFLINE, "OFFLINE (maintenance)": OFFLINE}
SPELLINGS = ("y", "yes", "on", "true", "1", "TRUE", "Yes", "n", "no", "off", "false", "0")


def text_view(text: str) -> tuple[dict[str, str], dict[str, tuple[tuple[str, ...], bool]]]:
    """From `crm_mon -1 -r`: each node's status, and each primitive's (nodes, FAILED)."""
    nodes: dict[str, str] = {}
    resources: dict[str, tuple[tuple[str, ...], bool]] = {}
    for line in text.splitlines():
        if match := re.match(r"\s*\* Node (\S+): (.+?)(?: \(with active resources\))?$", line):
            nodes[match.group(1)] = LABELS[match.group(2)]
        elif match := re.match(r"\s*\* (Online|OFFLINE): \[ (.*) \]$", line):
            for name in match.group(2).split():
                nodes[name] = ONLINE if match.group(1) == "Online" else OFFLINE
        elif match := re.match(r"\s*\* (\S+)\s+\([^)]*\):\s+(\S+)(?: \[ ([^]]*) \]| (\w\S*))?", line):
            word, several, one = match.group(2), match.group(3), match.group(4)
            where = tuple(sorted(several.split())) if several else (one,) if one else ()
            resources[match.group(1)] = (() if word == "Stopped" else where, word == "FAILED")
    return nodes, resources


def xml_view(xml: str) -> tuple[dict[str, str], dict[str, tuple[tuple[str, ...], bool]]]:
    """From `crm_mon --output-as=xml`: each node's status, and each primitive's (nodes, failed)."""
    root = etree.fromstring(xml.encode())
    nodes: dict[str, str] = {}
    for node in root.iterfind("nodes/node"):
        flag = {key: node.get(key) == "true" for key in ("online", "standby", "standby_onfail", "maintenance",
                                                         "pending", "unclean")}
        nodes[node.get("name", "")] = (UNCLEAN if flag["unclean"] else OFFLINE if not flag["online"]
                                       else PENDING if flag["pending"]
                                       else STANDBY if flag["standby"] or flag["standby_onfail"]  # named first, as
                                       else MAINTENANCE if flag["maintenance"] else ONLINE)       # in the text
    resources = {rsc.get("id", ""): (tuple(n.get("name", "") for n in rsc.iterfind("node")), rsc.get("failed") == "true")
                 for rsc in root.iter("resource")}
    return nodes, resources


def xml_fail_counts(xml: str) -> dict[str, dict[str, int]]:
    """From `crm_mon --output-as=xml`'s node history: resource -> node -> fail count."""
    counts: dict[str, dict[str, int]] = {}
    for node in etree.fromstring(xml.encode()).iterfind("node_history/node"):
        for history in node.iterfind("resource_history"):
            if history.get("fail-count"):
                counts.setdefault(history.get("id", ""), {})[node.get("name", "")] = int(history.get("fail-count", 0))
    return counts


def disagreements(lab: Lab) -> list[str]:
    """Where the snapshot and crm_mon (text, XML) on its observer differ; and a stale shared reading."""
    state = lab.state()
    if state.observer is None:
        return [f"{n.name} is {n.status} with no Pacemaker running anywhere"
                for n in state.nodes if n.status != OFFLINE]
    assert isinstance(lab.backend, SimBackend)
    controller = lab.backend.sim.pacemaker
    cached, fresh = snapshot.reading(controller, state.observer), snapshot.reading(controller, state.observer, fresh=True)
    found = [] if (cached.dc, cached.nodes_before, cached.before) == (fresh.dc, fresh.nodes_before, fresh.before) \
        else ["the shared reading is stale"]
    xml = lab.run(state.observer, "crm_mon -1 --output-as=xml").stdout
    counts = xml_fail_counts(xml)
    found += [f"crm_mon xml: {rsc} fail counts {counts.get(rsc, {})}, state says {dict(state.resource(rsc).failcounts)}"
              for rsc in SERVICE if counts.get(rsc, {}) != dict(state.resource(rsc).failcounts)]
    # as crm_mon's node list names them; a node in standby and maintenance at once is listed standby
    maintenance = {node.get("name"): node.get("maintenance") == "true"
                   for node in etree.fromstring(xml.encode()).iterfind("nodes/node")}
    found += [f"crm_mon xml: {n.name} standby/maintenance flags differ" for n in state.nodes
              if (n.standby, n.maintenance) != (n.status == STANDBY, n.status == MAINTENANCE
                                                or (n.status == STANDBY and maintenance.get(n.name)))]
    for tool, (nodes, resources) in (("crm_mon", text_view(lab.run(state.observer, "crm_mon -1 -r").stdout)),
                                     ("crm_mon xml", xml_view(xml))):
        found += [f"{tool} on {state.observer}: {n.name} {nodes.get(n.name)}, state says {n.status}"
                  for n in state.nodes if nodes.get(n.name) != n.status]
        for rsc in SERVICE:
            shown = state.resource(rsc)
            listed = resources.get(rsc) or by_node(lab.run(state.observer, "crm_mon -1 -n").stdout, rsc)
            if listed != (shown.nodes, shown.failed):
                found.append(f"{tool}: {rsc} {listed}, state says {(shown.nodes, shown.failed)}")
    return found


def by_node(text: str, rsc: str) -> tuple[tuple[str, ...], bool]:
    """From `crm_mon -1 -n`: the nodes listing `rsc` (crm_mon's resource list leaves out a group
    whose members run only unmanaged on lost nodes; its node list still shows them), and FAILED."""
    nodes, failed, node = [], False, ""
    for line in text.splitlines():
        if match := re.match(r"\s*\* Node (\S+):", line):
            node = match.group(1)
        elif match := re.match(rf"\s*\* {re.escape(rsc)}\s+\([^)]*\):\s+(\S+)", line):
            nodes.append(node)
            failed = failed or match.group(1) == "FAILED"
    return tuple(sorted(nodes)), failed


def any_pacemaker(state: ClusterState) -> str | None:
    return next((n.name for n in state.nodes if n.pacemaker_running), None)


def act(lab: Lab, action: str, target: str, word: str) -> None:
    """One step of a campaign, skipped when it makes no sense in the current state."""
    state = lab.state()
    runner = any_pacemaker(state)
    node = state.node(target) if target in NODES else None
    if action in ("crash", "power_off", "restart"):
        getattr(lab, action)(target)
    elif action == "stop" and node and node.pacemaker_running:
        lab.stop(target)
    elif action == "start" and node and node.powered:
        lab.start(target)
    elif action == "partition":
        lab.partition([target], [n for n in NODES if n != target])
    elif action == "heal":
        lab.heal()
    elif action == "fail" and state.resource("dummy1").really_on:
        lab.fail_resource("dummy1")
    elif action == "kill" and node and node.pacemaker_running:
        lab.kill(target, "pacemakerd")
    elif action in ("standby", "maintenance") and runner:
        lab.run(runner, f"crm_attribute -N {target} -n {action} -v {word}")
    elif action == "unstandby" and runner:
        lab.run(runner, f"crm_attribute -N {target} -n standby -D")
    elif action == "fence" and runner and runner != target:
        lab.run(runner, f"stonith_admin --reboot {target}")


step = st.tuples(st.sampled_from(["crash", "power_off", "restart", "stop", "start", "partition", "heal", "fail",
                                  "kill", "standby", "maintenance", "unstandby", "fence"]),
                 st.sampled_from(NODES), st.sampled_from(SPELLINGS), st.floats(min_value=0.0, max_value=15.0))


@settings(max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(stonith=st.booleans(), steps=st.lists(step, min_size=1, max_size=6))
def test_state_and_crm_mon_agree_node_by_node_after_every_step(stonith: bool, steps) -> None:
    lab = service_lab(stonith=stonith)
    assert disagreements(lab) == []
    for action, target, word, pause in steps:
        act(lab, action, target, word)
        assert disagreements(lab) == [], (action, target, word)
        for _ in range(3):  # and while the cluster reacts
            lab.advance(pause / 3)
            assert disagreements(lab) == [], (action, target, word, lab.now)


def test_a_crash_without_fencing_is_offline_for_both() -> None:
    lab = service_lab(stonith=False)
    lab.crash("node3")
    lab.advance(10)
    assert lab.state().node("node3").status == OFFLINE
    assert "OFFLINE: [ node3 ]" in lab.run("node1", "crm_mon -1").stdout
    assert disagreements(lab) == []


def test_a_crash_with_fencing_is_unclean_then_offline_for_both() -> None:
    lab = service_lab(stonith=True)
    lab.crash("node3")
    assert lab.wait_until(lambda s: s.node("node3").status == UNCLEAN, 10)
    assert "Node node3: UNCLEAN (offline)" in lab.run(lab.state().observer or "", "crm_mon -1").stdout
    assert disagreements(lab) == []
    assert lab.wait_until(lambda s: s.node("node3").status == OFFLINE, 20)
    assert disagreements(lab) == []


def test_between_a_dcs_crash_and_its_detection_the_survivors_still_see_everyone() -> None:
    lab = service_lab()
    lab.crash("node1")  # the DC
    state = lab.state()
    assert state.observer == "node2" and state.dc == "node1"
    assert all(n.status == ONLINE for n in state.nodes), state.nodes
    assert "Online: [ node1 node2 node3 ]" in lab.run("node2", "crm_mon -1").stdout
    assert state.quorate("node2")
    assert disagreements(lab) == []


@pytest.mark.parametrize("word", ["y", "yes", "on", "true", "1", "TRUE"])
def test_standby_spelt_any_way_pacemaker_reads_is_standby_for_both(word: str) -> None:
    lab = service_lab()
    assert lab.run("node1", f"crm_attribute -N node2 -n standby -v {word}").ok
    lab.advance(5)
    node2 = lab.state().node("node2")
    assert node2.standby and node2.status == STANDBY
    assert "Node node2: standby" in lab.run("node1", "crm_mon -1").stdout
    assert lab.state().resource("vip").nodes != ("node2",)
    assert disagreements(lab) == []


def test_explain_names_what_blocks_a_resource_in_crm_verifys_words_and_the_tie_rule() -> None:
    lab = Lab.simulated(nodes=3)
    lab.advance(30)
    assert lab.run("node1", "pcs resource create vip ocf:heartbeat:Dummy").ok
    lab.advance(5)
    verify = lab.run("node1", "crm_verify -L -V").stderr
    why = lab.explain("vip")
    assert "Decision: stays stopped, blocked" in why
    cause = "Resource start-up disabled since no STONITH resources have been defined"
    assert cause in why and cause in verify
    assert lab.run("node1", "pcs property set stonith-enabled=false").ok
    lab.advance(5)
    why = lab.explain("vip")
    assert "Decision: placed on node1" in why and "tie: equal top scores" in why
    assert "then the node it runs on now" in why


def test_a_group_crm_mon_leaves_out_of_its_list_is_where_its_node_list_shows_it() -> None:
    """Under maintenance-mode a lost node's group runs unmanaged there: 2.1.5's resource list leaves
    the group out, its node list (crm_mon -n) and crm_resource -W still show the members there."""
    lab = service_lab()
    assert lab.run("node1", "pcs property set maintenance-mode=true").ok
    lab.advance(5)
    lab.crash("node2")
    lab.advance(20)
    assert "vip" not in lab.run("node1", "crm_mon -1 -r").stdout
    assert lab.state().resource("vip").nodes == ("node2",)
    assert lab.run("node1", "crm_resource -W -r vip").stdout == "resource vip is running on: node2\n"
    assert disagreements(lab) == []
