"""A fencing result names its operation as 2.1.5 does (capture 03): the requester's "Requesting peer fencing ...
| id=56d6d8b4", every fenced's finalize_op "... OK (complete) | id=56d6d8b4", every controller's "Peer node2 was
terminated ... | event=56d6d8b4-...", and the requesting controller's callback "Fence operation 18 for node2
succeeded" with the call number fenced logs the agent's result under ("| call 18 from ...")."""

from __future__ import annotations

from halab_kernel import Lab


def test_one_operation_id_runs_through_the_request_the_result_and_the_notifications() -> None:
    lab = Lab.simulated(nodes=3, seed=1)
    lab.advance(30)
    for command in ("pcs property set stonith-enabled=true", 'pcs stonith create fx fence_xvm pcmk_host_list="node1 '
                    'node2 node3"'):
        assert lab.run("node1", command).ok, command
    lab.advance(30)
    start = lab.now
    lab.crash("node2")
    lab.advance(40)
    node1 = list(lab.logs("node1", since=start).message)
    request = next(m for m in node1 if m.startswith("Requesting peer fencing (reboot) targeting node2 | id="))
    op = request.split("id=")[1].split()[0]
    call = next(m for m in node1 if "targeting node2 using fx returned 0 | call " in m).split("| call ")[1].split()[0]
    for node in ("node1", "node3"):
        said = list(lab.logs(node, since=start).message)
        assert f"Operation 'reboot' targeting node2 by node1 for pacemaker-controld.59@node1: OK (complete) | id={op}" \
            in said, node
        notified = [m for m in said if m.startswith("Peer node2 was terminated (reboot) by node1 on behalf of "
                                                     "pacemaker-controld.59@node1: OK | event=")]
        assert len(notified) == 1 and notified[0].split("event=")[1].startswith(f"{op}-"), (node, notified)
        assert len(notified[0].split("event=")[1]) == 36  # a uuid
        assert (f"Fence operation {call} for node2 succeeded" in said) == (node == "node1"), node
    order = [i for i, m in enumerate(node1) if m.startswith(("Operation 'reboot' targeting node2 by",
                                                              f"Fence operation {call} for node2", "Peer node2 was"))]
    assert [node1[i].split()[0] for i in order] == ["Operation", "Fence", "Peer"]  # as capture 03 has them
