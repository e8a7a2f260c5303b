"""The checks themselves: right answers pass, wrong ones fail with an explanation that never gives the answer."""

from __future__ import annotations

import html
import math
import os
import time

import pytest

from halab_graders import Check, FaultCampaign, assert_check, check_button, exercise, fresh_lab, split_brain
from halab_graders import availability, building, corosync, getting_started, quorum
from halab_graders.check import Mismatch
from halab_graders.selfstudy import CheckButton, run_safely


def detection_ms(nodes, token=3000, token_coefficient=650, consensus=None):
    runtime = token + (nodes - 2) * token_coefficient if nodes >= 3 else token
    return runtime + (1.2 * runtime if consensus is None else consensus)


def test_detection_time_passes_the_measured_value_and_explains_a_wrong_one_without_revealing_it():
    assert corosync.detection_time(8.03).passed
    wrong = corosync.detection_time(3.65)
    assert not wrong.passed
    assert "token timeout alone" in wrong.observed and wrong.hint
    assert "8.03" not in wrong.explain()


def test_detection_formula_is_checked_against_the_simulator_on_unseen_cases():
    assert corosync.detection_formula(detection_ms, seed=31, cases=6).passed
    forgot_coefficient = corosync.detection_formula(lambda nodes, token=3000, token_coefficient=650, consensus=None:
                                                    2.2 * token)
    assert not forgot_coefficient.passed
    assert any("membership" in line for line in forgot_coefficient.events)


def test_fast_detection_requires_the_behaviour_not_a_particular_spelling():
    assert corosync.fast_detection({"token": 1000, "token_coefficient": 0}).passed
    assert corosync.fast_detection({"token": 1000, "token_coefficient": 200}).passed
    too_slow = corosync.fast_detection({"token": 1000})
    assert not too_slow.passed and "3.63 s" in too_slow.observed
    assert not corosync.fast_detection({"token": 500}).passed


ARBITER = {"device": {"model": "net", "votes": 1, "net": {"host": "qnetd", "algorithm": "ffsplit"}}}


def test_an_arbiter_design_passes_with_ffsplit_or_lms_and_each_wrong_design_fails_its_own_story():
    assert quorum.arbiter_design(ARBITER).passed
    assert quorum.arbiter_design({"device": {"model": "net", "net": {"host": "qnetd", "algorithm": "lms"}}},
                                 seeds=(3,)).passed
    race = quorum.arbiter_design({"two_node": 1})
    assert not race.passed and "still reports 'Quorate: Yes'" in race.observed and "fence race" in race.observed
    no_votes = quorum.arbiter_design({"device": {"model": "net", "net": {"host": "qnetd", "algorithm": "ffsplit"}}})
    assert not no_votes.passed and "node2 is not quorate" in no_votes.observed
    heavy = quorum.arbiter_design({"device": {"model": "net", "votes": 2, "net": {"host": "qnetd", "algorithm": "lms"}}})
    assert not heavy.passed and "qnetd was stopped" in heavy.observed
    both = quorum.arbiter_design({"two_node": 1, **ARBITER})
    assert not both.passed and "two_node and quorum device cannot be configured" in both.observed
    for verdict in (race, no_votes, heavy):
        assert "ffsplit" not in verdict.explain() and "'votes'" not in verdict.explain()


def test_quorum_designs_are_judged_by_failure_stories():
    assert quorum.two_node_design({"two_node": 1}).passed
    no_wait = quorum.two_node_design({"two_node": 1, "wait_for_all": 0})
    assert not no_wait.passed and "booted alone" in no_wait.observed
    assert quorum.down_to_one_design({"last_man_standing": 1, "wait_for_all": 1, "auto_tie_breaker": 1}).passed
    stops_at_two = quorum.down_to_one_design({"last_man_standing": 1, "wait_for_all": 1})
    assert not stops_at_two.passed and "node2 last" in stops_at_two.observed
    assert any("quorum lost" in line for line in stops_at_two.events)


def test_a_configuration_corosync_refuses_fails_with_corosyncs_message():
    verdict = quorum.two_node_design({"two_node": "yes"})
    assert not verdict.passed and "corosync refuses" in verdict.observed and "two_node" in verdict.observed


def test_corosync_conf_exercise_runs_the_students_file():
    good = """totem {\n version: 2\n cluster_name: webcluster\n transport: knet\n token: 2000\n}
nodelist {
 node {\n  ring0_addr: 10.0.0.1\n  name: alpha\n  nodeid: 1\n }
 node {\n  ring0_addr: 10.0.0.2\n  name: beta\n  nodeid: 2\n }
 node {\n  ring0_addr: 10.0.0.3\n  name: gamma\n  nodeid: 3\n }
}
quorum {\n provider: corosync_votequorum\n}
"""
    assert building.three_node_conf(good).passed
    typo = building.three_node_conf(good.replace("token: 2000", "tokn: 2000"))
    assert not typo.passed and "unknown key 'totem.tokn'" in typo.observed
    no_id = building.three_node_conf(good.replace("  nodeid: 3\n", ""))
    assert not no_id.passed and "Knet requires an explicit nodeid" in no_id.observed


def test_arithmetic_exercises_run_the_students_functions():
    assert availability.series_function(lambda *values: math.prod(values)).passed
    assert availability.parallel_function(lambda *values: 1 - math.prod(1 - value for value in values)).passed
    assert not availability.parallel_function(lambda *values: math.prod(values)).passed
    assert availability.single_points_of_failure({"lb", "db"}).passed
    missed = availability.single_points_of_failure({"lb"})
    assert not missed.passed and "db" not in missed.explain()


def test_prediction_exercises_do_not_reveal_the_answer():
    wrong = quorum.quorate_side({"node1", "node2"})
    assert not wrong.passed and "node3" not in wrong.observed
    assert quorum.quorate_side(["node3", "node4", "node5"]).passed
    assert getting_started.first_quorum_time(3.3425).passed
    assert "3.34" not in getting_started.first_quorum_time(1.0).explain()


def test_hints_point_at_the_concept_the_check_demands_without_the_commands():
    from halab_graders import topology

    without_wfa = quorum.down_to_one_design({"last_man_standing": 1, "auto_tie_breaker": 1})
    assert not without_wfa.passed
    assert "wait_for_all" in quorum.down_to_one_design({}).hint  # the option the check demands with LMS
    no_levels = topology.fence_topology('pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"')
    assert not no_levels.passed
    assert "level" in topology.fence_topology(None).hint and "pcs stonith level add" not in topology.fence_topology(None).hint


def test_missing_or_mistyped_answers_fail_readably():
    assert "no value yet" in corosync.detection_time(None).observed
    assert "should be a number" in corosync.detection_time("eight").observed
    broken = availability.series_function(lambda *values: 1 / 0)
    assert not broken.passed and "ZeroDivisionError" in broken.observed


def test_every_check_is_time_bounded_by_the_work_it_does():
    @exercise("test.slow", expected="finishing", time_limit=0.2)
    def endless(_answer):
        while True:
            pass

    started = time.process_time()
    verdict = endless(None)
    assert not verdict.passed and "did not finish within 0.2 s" in verdict.observed
    assert time.process_time() - started < 2


def test_a_busy_machine_does_not_count_against_a_student_function():
    """Its bound counts the sandbox's own time: the time it waited for a CPU that others held is not its own."""
    from halab_graders.isolated import OwnClock

    clock = OwnClock(os.getpid())
    busy = time.process_time() + 0.05
    while time.process_time() < busy:
        pass
    time.sleep(0.05)  # sleeping is the process's own doing: it counts
    assert 0.09 < clock.seconds() <= time.monotonic() - clock.started


def test_assert_check_raises_with_the_explanation():
    with pytest.raises(AssertionError, match="Expected: the seconds between crashing node3"):
        assert_check(corosync.detection_time(1.0))
    assert_check(corosync.detection_time(8.0))
    with pytest.raises(TypeError):
        assert_check(True)  # type: ignore[arg-type]


def test_campaigns_are_seeded_and_leave_the_cluster_whole():
    nodes = ("node1", "node2", "node3", "node4", "node5")
    campaign = FaultCampaign.randomised(nodes, seed=4, count=10)
    assert campaign == FaultCampaign.randomised(nodes, seed=4, count=10)
    assert campaign != FaultCampaign.randomised(nodes, seed=5, count=10)
    lab = fresh_lab(nodes=5)
    seen: list[tuple] = []
    campaign.play(lab, lambda lab, fault: seen.extend(split_brain(lab.state())))
    assert seen == []
    state = lab.state()
    assert all(state.quorate(name) for name in state.node_names)


def test_check_button_runs_the_same_check_and_reveals_hints_on_demand(monkeypatch):
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    button = check_button(lambda: corosync.detection_time(1.0), hints=["read corosync.conf(5)"])
    assert isinstance(button, CheckButton)
    assert button.next_hint() == "read corosync.conf(5)"  # before any check: the exercise's own hints
    verdict = button.check()
    assert not verdict.passed and "Not yet" in button.verdict.value and "Hint" not in button.verdict.value
    assert button.next_hint() == verdict.hint  # then what the failed check suggests
    assert button.next_hint() is None
    assert html.escape(verdict.hint) in button.hints.value and "read corosync.conf(5)" in button.hints.value
    fresh = CheckButton(lambda: corosync.detection_time(8.0))
    assert fresh.next_hint() is None and "Click Check first" in fresh.hints.value


def test_check_button_explains_an_answer_not_yet_defined():
    verdict = run_safely(lambda: corosync.detection_time(undefined_answer))  # noqa: F821
    assert isinstance(verdict, Check) and not verdict.passed and "run the cell with your answer" in verdict.observed


def test_check_button_is_plain_text_while_nbgrader_grades(monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert not isinstance(check_button(lambda: corosync.detection_time(8.0)), CheckButton)


def test_mismatch_carries_events_and_hint():
    @exercise("test.events", expected="x", hint="default hint")
    def fails(_answer):
        raise Mismatch("observed", events=["a", "b"], hint="specific hint")

    verdict = fails(1)
    assert verdict.events == ("a", "b") and verdict.hint == "specific hint"
    assert "Relevant events:\n  a\n  b" in verdict.explain()


# --- service-level checks (the Pacemaker notebooks' checks) ------------------------------------

WEB_SERVICE = """
pcs property set stonith-enabled=false
pcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=24 op monitor interval=10s
pcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf op monitor interval=10s
pcs constraint colocation add web with vip INFINITY
pcs constraint order vip then web
"""


def test_a_service_that_fails_over_together_passes_the_crash_campaign():
    from halab_graders import service

    assert service.service_survives(WEB_SERVICE).passed
    assert service.service_survives([line for line in WEB_SERVICE.splitlines() if line]).passed


def test_a_service_without_colocation_is_caught_with_its_placement():
    from halab_graders import service

    apart = service.service_survives("\n".join(line for line in WEB_SERVICE.splitlines() if "colocation" not in line))
    assert not apart.passed and "not up together on one node" in apart.observed
    assert any("start operation" in line for line in apart.events)


def test_a_failing_command_is_reported_in_pcs_words():
    from halab_graders import service

    typo = service.service_survives(WEB_SERVICE.replace("IPaddr2", "IPaddr3"))
    assert not typo.passed and "ocf:heartbeat:IPaddr3" in typo.observed and "exit code 1" in typo.observed


def test_outages_longer_than_allowed_fail_with_the_fault_that_caused_them():
    from halab_graders import service

    slow = service.service_survives(WEB_SERVICE, recover_within=2.0)
    assert not slow.passed and "allowed: 2 s" in slow.observed and "crash node" in slow.observed


def test_running_twice_is_recorded_from_states_alone():
    from halab_kernel.model import ClusterState, Node, Resource
    from halab_graders.service import ServiceHistory

    def state(time, vip_nodes, web_nodes):
        nodes = tuple(Node(name, index, "online") for index, name in enumerate(("node1", "node2"), start=1))
        return ClusterState(time, "halab", nodes, resources=(Resource("vip", "primitive", nodes=vip_nodes),
                                                             Resource("web", "primitive", nodes=web_nodes)))

    history = ServiceHistory(("vip", "web"))
    for snapshot in (state(0, ("node1",), ("node1",)), state(1, (), ()), state(2, ("node1", "node2"), ("node2",)),
                     state(3, ("node2",), ("node2",))):
        history.record(snapshot)
    assert history.outages == [(1, 3)] and history.longest_outage(now=3) == 2
    assert history.ran_twice == [(2, "vip", ("node1", "node2"))]


def test_open_lab_defaults_to_the_simulator_and_grading_never_uses_real_nodes(monkeypatch):
    from halab_graders.notebook import chosen_backend, open_lab

    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    monkeypatch.delenv("HALAB_BACKEND", raising=False)
    assert chosen_backend() == "sim" and open_lab(nodes=2).kind == "sim"
    monkeypatch.setenv("HALAB_BACKEND", "ssh")
    assert chosen_backend() == "ssh"
    monkeypatch.delenv("HALAB_INVENTORY", raising=False)
    with pytest.raises(ValueError, match="needs an inventory"):
        open_lab()
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert chosen_backend("ssh") == "sim" and open_lab().kind == "sim"
    monkeypatch.delenv("NBGRADER_EXECUTION")
    with pytest.raises(ValueError, match="unknown backend"):
        chosen_backend("vagrant")


def test_lab_site_gives_the_simulator_the_course_values_and_real_nodes_their_inventorys():
    from types import SimpleNamespace

    from halab_graders import Site, lab_site, open_lab
    from halab_kernel import Lab

    assert lab_site(open_lab("sim")) == Site(address="10.200.0.100", netmask=24, disk="/dev/vdb")
    real = Lab(SimpleNamespace(kind="ssh", service_address="10.9.8.100/25", shared_disk=None))  # SshBackend's values
    assert lab_site(real) == Site(address="10.9.8.100", netmask=25, disk=None)
    with pytest.raises(ValueError, match=r"add to the inventory\n\[lab\]\nservice_address"):
        lab_site(Lab(SimpleNamespace(kind="ssh", service_address=None, shared_disk=None)))
