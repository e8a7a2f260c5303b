"""Where a fence device may run decides whether fencing works (pacemaker-fenced, 2.1.5).

Each node's fenced registers a fence device only where the scheduler's location scores allow it
(cib_device_update: "Device fence1 has been disabled on node1: score=-INFINITY"), and a request is
carried out by a fencer of the requester's partition that registered a capable device. A device
banned from every node therefore fences nothing: the fencing fails ("No fence
device"), the DC gives up until something changes, the node stays UNCLEAN, and crm_mon and stonith_admin --history show
the failures.
"""

from __future__ import annotations

from halab_kernel import Lab
from halab_kernel.model import LogLine, NodeFenced
from halab_kernel.sim.pacemaker.fenced import operation_id
from tests.runtime_scenarios import BASE_COMMANDS


def _lab() -> Lab:
    lab = Lab.simulated(nodes=3, seed=1)
    lab.advance(30)
    for command in BASE_COMMANDS:
        assert lab.run("node1", command).ok, command
    lab.advance(60)
    return lab


def _fencings(lab: Lab, since: float) -> list[NodeFenced]:
    return [e for e in lab.events if isinstance(e, NodeFenced) and e.time >= since]


def test_a_device_banned_from_every_node_fences_nothing_and_the_failures_show() -> None:
    lab = _lab()
    assert lab.run("node1", "pcs constraint location fence1 avoids node1 node2 node3").ok
    lab.advance(20)
    crashed = lab.now
    lab.crash("node3")
    lab.advance(60)
    fencings = _fencings(lab, crashed)
    # failed once: without a device the DC gives up for now (tengine_stonith_callback, pcmk__graph_wait), until
    # the next event or cluster-recheck-interval brings a new transition
    assert [e.ok for e in fencings] == [False]
    assert lab.state().node("node3").status == "unclean"
    # no peer's query reply names a device: no agent runs, and the result is PCMK_EXEC_NO_FENCE_DEVICE
    assert any(isinstance(e, LogLine) and e.text.startswith("No peers (out of 2) have devices capable of fencing "
                                                             "(reboot) node3 for client pacemaker-controld.59")
               for e in lab.events if e.time >= crashed)
    logs = lab.logs("node1", since=crashed)
    said = set(zip(logs.level, logs.message))
    operation = fencings[0].operation
    assert ("error", "Operation 'reboot' targeting node3 by unknown node for pacemaker-controld.59@node1: "
            f"Error occurred (No fence device) | id={operation_id(operation)}") in said
    assert ("warning", f"Fence operation {operation} for node3 failed: No fence device (aborting transition and "
            "giving up for now)") in said
    assert any(level == "notice" and message.startswith(
        "Peer node3 was not terminated (reboot) by the cluster on behalf of pacemaker-controld.59@node1: "
        f"No fence device | event={operation_id(operation)}-") for level, message in said)
    text = lab.run("node1", "crm_mon -1").stdout
    failed = text.split("Failed Fencing Actions:\n", 1)[1].splitlines()
    assert failed[0].startswith("  * reboot of node3 for pacemaker-controld.59@node1 last failed at 2026-")
    assert len([line for line in failed if line.startswith("  * ")]) == 1  # the latest failure only
    assert "failed: client=pacemaker-controld.59, origin=node1, last-failed='" in lab.run("node1", "crm_mon -1R").stdout
    xml = lab.run("node1", "crm_mon --output-as=xml").stdout
    assert '<fence_event action="reboot" target="node3" client="pacemaker-controld.59" origin="node1" status="failed"' \
        in xml
    assert "reboot of node3 failed" in lab.run("node1", "stonith_admin --history node3 --verbose").stdout
    assert lab.run("node1", "stonith_admin --history node3").stdout == "0 events found\n"  # no success to show

    # allowed on node1 again: the next retry fences node3, and crm_mon says a later attempt worked
    assert lab.run("node1", "pcs constraint location remove location-fence1-node1--INFINITY").ok
    lab.advance(30)
    assert any(e.ok for e in _fencings(lab, crashed))
    assert lab.state().node("node3").status != "unclean"
    assert "(a later attempt from node1 succeeded)" in lab.run("node1", "crm_mon -1").stdout


def test_a_device_banned_only_from_the_dc_still_fences_through_another_node() -> None:
    lab = _lab()
    dc = lab.state().dc
    assert dc is not None
    assert lab.run("node1", f"pcs constraint location fence1 avoids {dc}").ok
    lab.advance(20)
    target = next(n for n in ("node1", "node2", "node3") if n != dc)
    crashed = lab.now
    lab.crash(target)
    lab.advance(40)
    assert [e.ok for e in _fencings(lab, crashed)] == [True]


def test_after_stonith_max_attempts_failures_the_controller_gives_up_until_something_changes() -> None:
    """controld_fencing.c: each failed fencing of a target counts; at stonith-max-attempts the DC
    aborts without a new transition ("Too many failures (3) to fence node3, giving up"). The device runs
    and fails (its agent exits 1): a failure without any device gives up at once (see above)."""
    lab = _lab()
    assert lab.run("node1", "pcs property set stonith-max-attempts=3").ok
    lab.break_fence_device("fence1")
    lab.advance(20)
    crashed = lab.now
    lab.crash("node3")
    lab.advance(120)
    assert len(_fencings(lab, crashed)) == 3  # then no more, although the node is still unclean
    assert lab.state().node("node3").status == "unclean"
    assert any("Too many failures (3) to fence node3, giving up" in line for line in lab.logs("node1", since=crashed).line)
    lab.repair_fence_device("fence1")  # no event for the cluster: nothing happens
    lab.advance(30)
    assert not _fencings(lab, crashed)[-1].ok
    assert lab.run("node1", "pcs property set stonith-max-attempts=4").ok  # an event: a new try
    lab.advance(30)
    assert _fencings(lab, crashed)[-1].ok
