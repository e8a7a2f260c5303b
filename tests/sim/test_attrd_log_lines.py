"""pacemaker-attrd's notice on a changed value (2.1.5 update_attr_on_host, attrd_corosync.c), as capture 06 shows
it: every attrd that receives the change logs `Setting NAME[HOST]: OLD -> NEW | from ORIGIN with DELAY write delay`,
"(unset)" for no value, "from" the node whose attrd took the request (the DC for a fail count), logged when the
value changes, not when a dampened write reaches the CIB."""

from __future__ import annotations

from halab_graders import connectivity as checks
from halab_kernel import Lab

PING = ("pcs resource create ping ocf:pacemaker:ping host_list=10.200.0.1 multiplier=1000 dampen=20s "
        "op monitor interval=10s clone")


def _settings(lab: Lab, node: str, since: float) -> list[tuple[float, str, str, str]]:
    logs = lab.logs(node, since=since)
    return [(time, daemon, level, message) for time, daemon, level, message
            in zip(logs.time, logs.daemon, logs.level, logs.message) if message.startswith("Setting ")]


def test_a_failure_and_its_cleanup_are_logged_by_every_attrd_from_the_node_that_asked() -> None:
    lab = Lab.simulated(nodes=3, seed=1)
    lab.advance(30)
    for command in ("pcs property set stonith-enabled=false", "pcs resource create d ocf:pacemaker:Dummy",
                    "pcs constraint location d prefers node2"):
        assert lab.run("node1", command).ok, command
    lab.advance(20)
    state = lab.state()
    assert state.dc == "node1" and state.resource("d").running_on == ("node2",)
    start = lab.now
    assert lab.run("node3", "crm_resource --fail -r d -N node2").ok
    lab.advance(15)
    assert lab.run("node2", "crm_resource --cleanup -r d").ok
    lab.advance(10)
    stamp = lab.run("node1", "crm_attribute -N node2 -n last-failure-d#asyncmon_0 -l reboot -G -q").stdout
    assert stamp == ""  # cleaned up
    expected = None
    for node in lab.node_names:
        lines = _settings(lab, node, start)
        assert {(daemon, level) for _, daemon, level, _ in lines} == {("pacemaker-attrd", "notice")}
        messages = [message for _, _, _, message in lines]
        failed = [m for m in messages if "-> (unset)" not in m]
        last = failed[0].split(" -> ")[1].split()[0]
        # the DC's controller reports the failure (update_failcount): last failure first, then the count
        assert failed == [f"Setting last-failure-d#asyncmon_0[node2]: (unset) -> {last} | from node1 with no write delay",
                          "Setting fail-count-d#asyncmon_0[node2]: (unset) -> 1 | from node1 with no write delay"]
        # node2's crm_resource asks its own attrd to clear them
        assert sorted(m for m in messages if "-> (unset)" in m) == [
            "Setting fail-count-d#asyncmon_0[node2]: 1 -> (unset) | from node2 with no write delay",
            f"Setting last-failure-d#asyncmon_0[node2]: {last} -> (unset) | from node2 with no write delay"]
        expected = expected or messages
        assert messages == expected  # every attrd hears the same


def test_a_dampened_change_is_logged_when_attrd_takes_it_and_written_a_dampening_later() -> None:
    lab = checks.connectivity_lab(PING)
    start = lab.now
    checks.cut_uplink(lab, "node1")
    lab.advance(60)
    change = "Setting pingd[node1]: 1000 -> 0 | from node1 with 20s write delay"
    heard = {node: [time for time, _, _, message in _settings(lab, node, start) if message == change]
             for node in lab.node_names}
    assert all(len(times) == 1 for times in heard.values()), heard
    said = heard["node1"][0]
    assert {times[0] for times in heard.values()} == {said}
    # the CIB still holds 1000 until the dampening is over
    lab_at = checks.connectivity_lab(PING)
    checks.cut_uplink(lab_at, "node1")
    lab_at.advance(said - start + 19)
    assert lab_at.run("node1", "crm_attribute -N node1 -n pingd -l reboot -G -q").stdout.strip() == "1000"
    lab_at.advance(1.5)
    assert lab_at.run("node1", "crm_attribute -N node1 -n pingd -l reboot -G -q").stdout.strip() == "0"
