"""Promotable clones in the cluster in motion: ocf:pacemaker:Stateful over virtual time.

The agent sets its own promotion score after a start (5) and a promote (10), as the real
Stateful does, so the scheduler promotes one instance; the promoted role has its own
monitor (10 s, answering 8 "running promoted"), the unpromoted one another (11 s).
"""

from __future__ import annotations

from halab_kernel import Lab
from halab_kernel.model import ActionFinished

NODES = ("node1", "node2", "node3")


def _promoted(lab: Lab) -> list[str]:
    return sorted(node for node, rsc in lab.backend.sim.pacemaker.executor.promoted if rsc == "st")


def _running(lab: Lab) -> list[str]:
    return lab.backend.sim.pacemaker.executor.where("st")


def _finished(lab: Lab, since: float, resource: str = "st") -> list[ActionFinished]:
    return [e for e in lab.events if isinstance(e, ActionFinished) and e.resource == resource and e.time >= since]


def stateful_lab(no_quorum_policy: str = "demote") -> Lab:
    """Three nodes without fencing, a promotable Stateful clone and d0, settled."""
    lab = Lab.simulated(nodes=3, seed=0)
    assert lab.wait_until(lambda s: s.dc is not None and all(n.status == "online" for n in s.nodes), 60)
    for command in ("pcs property set stonith-enabled=false",
                    f"pcs property set no-quorum-policy={no_quorum_policy}",
                    "pcs resource create st ocf:pacemaker:Stateful promotable",
                    "pcs resource create d0 ocf:pacemaker:Dummy",
                    "pcs constraint colocation add d0 with Promoted st-clone"):
        result = lab.run("node1", command)
        assert result.ok, (command, result.stderr)
    assert lab.wait_until(lambda s: len(_promoted(lab)) == 1 and len(_running(lab)) == 3, 60)
    lab.advance(15)  # let the monitors settle
    return lab


def test_one_instance_is_promoted_once_the_agents_have_set_their_promotion_scores() -> None:
    lab = stateful_lab()
    [promoted] = _promoted(lab)
    others = [n for n in NODES if n != promoted]
    controller = lab.backend.sim.pacemaker
    scores = {n: controller.cib.transient(n, controller.node_id(n)).get("master-st") for n in NODES}
    assert scores == {n: "10" if n == promoted else "5" for n in NODES}
    steps = [e.action for e in _finished(lab, 0) if e.action in ("start", "promote")]
    assert steps == ["start", "start", "start", "promote"]  # promoted only after its score appeared
    monitors = {(e.node, e.interval_ms, e.rc) for e in _finished(lab, 0) if e.action == "monitor" and e.interval_ms}
    assert (promoted, 10000, 8) in monitors
    assert all((n, 11000, 0) in monitors for n in others)
    assert lab.backend.sim.pacemaker.executor.where("d0") == [promoted]  # colocated with the promoted role
    assert lab.state().resource("st").role == "Promoted"
    text = lab.run(others[0], "crm_mon -1").stdout
    assert "  * Clone Set: st-clone [st] (promotable):\n" in text
    assert f"    * Promoted: [ {promoted} ]\n    * Unpromoted: [ {' '.join(others)} ]\n" in text


def test_a_failed_promoted_instance_is_found_by_its_role_monitor_and_recovered() -> None:
    lab = stateful_lab()
    [promoted] = _promoted(lab)
    start = lab.now
    lab.fail_resource("st", promoted)
    assert lab.wait_until(lambda s: any(e.action == "monitor" and e.rc == 7 for e in _finished(lab, start)), 15)
    found = next(e for e in _finished(lab, start) if e.action == "monitor" and e.rc == 7)
    assert found.node == promoted and found.interval_ms == 10000 and found.time - start <= 10.1
    assert lab.wait_until(lambda s: len(_promoted(lab)) == 1 and len(_running(lab)) == 3
                          and lab.now - found.time > 5, 60)
    recovery = [(e.action, e.node) for e in _finished(lab, found.time) if e.action in ("demote", "stop", "start")]
    assert recovery[:3] == [("demote", promoted), ("stop", promoted), ("start", promoted)]
    assert lab.state().resource("st").failcounts[promoted] >= 1
    assert lab.backend.sim.pacemaker.executor.where("d0") == _promoted(lab)


def test_no_quorum_policy_demote_keeps_the_lone_instance_running_unpromoted() -> None:
    lab = stateful_lab("demote")
    [alone] = _promoted(lab)
    majority = [n for n in NODES if n != alone]
    start = lab.now
    lab.partition([alone], majority)
    assert lab.wait_until(lambda s: _promoted(lab) and alone not in _promoted(lab)
                          and len(_promoted(lab)) == 1, 60)
    lab.advance(20)
    assert alone in _running(lab)  # demoted, not stopped
    actions = [(e.action, e.node) for e in _finished(lab, start) if e.action in ("demote", "stop", "promote")]
    assert ("demote", alone) in actions and ("stop", alone) not in actions
    [new] = _promoted(lab)
    assert new in majority and ("promote", new) in actions
    assert lab.backend.sim.pacemaker.executor.where("d0") == [new]  # stopped on the minority, started here
    assert [e.node for e in _finished(lab, start, "d0") if e.action == "stop"] == [alone]
    state = lab.state()
    assert not state.quorate(alone) and state.quorate(majority[0])
    text = lab.run(alone, "crm_mon -1").stdout
    assert "partition WITHOUT quorum" in text and f"    * Unpromoted: [ {alone} ]\n" in text
    lab.heal()
    lab.advance(60)
    assert _promoted(lab) == [new] and len(_running(lab)) == 3  # one promoted instance after the heal


def test_no_quorum_policy_stop_stops_the_lone_instance() -> None:
    lab = stateful_lab("stop")
    [alone] = _promoted(lab)
    lab.partition([alone], [n for n in NODES if n != alone])
    lab.advance(40)
    assert alone not in _running(lab) and len(_promoted(lab)) == 1


def test_target_role_unpromoted_demotes_every_instance() -> None:
    lab = stateful_lab()
    result = lab.run("node1", "pcs resource meta st-clone target-role=Unpromoted")
    assert result.ok, result.stderr
    lab.advance(30)
    assert _promoted(lab) == [] and len(_running(lab)) == 3


def test_each_state_of_the_story_is_scheduled_as_real_pacemaker_would(tmp_path) -> None:
    """At every step (settled, a role constraint added, a promoted failure, a partition seen from
    each side), the DC's CIB gets the same transition from the real crm_simulate."""
    import subprocess

    from lxml import etree

    from halab_kernel.commands.crm_simulate import simulate_text
    from halab_kernel.sim.pacemaker.cib.parse import cib_from_element
    from tests.sim.pacemaker.test_scheduler_differential import _tools

    tool, compare = _tools()
    lab = stateful_lab()
    controller = lab.backend.sim.pacemaker
    checked = []

    def check(step: str, node: str = "node1") -> None:
        view = controller.view_of(controller.dc_for(node), node)
        path = tmp_path / f"{len(checked)}.xml"
        path.write_bytes(etree.tostring(view))
        real = subprocess.run([tool, "-x", str(path), "-S"], capture_output=True, text=True, timeout=60,
                              env={"LC_ALL": "C", "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"}).stdout
        result = compare.compare_texts(real, simulate_text(cib_from_element(view)), anon=True)
        checked.append((step, result["match"], result["actions_missing"], result["actions_extra"]))

    check("settled")
    lab.run("node1", "pcs constraint location st-clone rule role=Promoted score=200 \\#uname eq node3")
    lab.advance(0.5)
    check("role=Promoted rule added")
    lab.advance(30)
    assert _promoted(lab) == ["node3"]
    check("promoted on node3")
    lab.fail_resource("st", "node3")
    lab.advance(10.5)
    check("promoted instance failed")
    lab.advance(30)
    check("recovered")
    lab.partition(["node3"], ["node1", "node2"])
    lab.advance(8)
    check("partition, minority", "node3")
    check("partition, majority", "node1")
    assert _promoted(lab) and all(match for _, match, *_ in checked), checked


def _monitor_records(lab: Lab, node: str) -> dict[str, int]:
    """The instance's recurring monitor records on `node` (id -> call id), as cibadmin -Q shows them."""
    from lxml import etree

    root = etree.fromstring(lab.run("node1", "cibadmin -Q").stdout.encode())
    return {op.get("id", ""): int(op.get("call-id", "0")) for op in root.iterfind(
        f"status/node_state[@uname='{node}']/lrm/lrm_resources/lrm_resource[@id='st']/lrm_rsc_op")
        if op.get("interval", "0") != "0"}


def test_a_role_change_cancels_the_old_roles_monitor_and_a_later_promote_starts_its_own_again() -> None:
    """Pacemaker cancels the monitor of the role an instance leaves ("cancel=10000 on node1" before
    the demote) and the cancel deletes its record; so promoted again later, the instance gets its
    promoted monitor anew (seed 1029 of the views differential: a stale record hid it)."""
    lab = stateful_lab()
    [first] = _promoted(lab)
    second = next(n for n in NODES if n != first)

    def prefer(node: str) -> None:
        lab.run("node1", "pcs constraint remove prefer-promoted")  # none the first time
        result = lab.run("node1", f"pcs constraint location st-clone rule constraint-id=prefer-promoted "
                                  f"role=Promoted score=200 \\#uname eq {node}")
        assert result.ok, result.stderr
        lab.advance(30)
        assert _promoted(lab) == [node]

    prefer(second)
    assert set(_monitor_records(lab, first)) == {"st_monitor_11000"}
    assert set(_monitor_records(lab, second)) == {"st_monitor_10000"}
    promoted_again = lab.now
    prefer(first)
    assert set(_monitor_records(lab, first)) == {"st_monitor_10000"}
    assert any(e.node == first and e.action == "monitor" and e.interval_ms == 10000 and e.rc == 8
               for e in _finished(lab, promoted_again))
