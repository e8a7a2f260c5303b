"""Hand-built cluster snapshots: the widgets are tested on states, not on a simulator."""

from __future__ import annotations

from halab_kernel.model import ClusterState, Node, Partition, QuorumView, Resource


def view(node: str, members: tuple[str, ...], quorate: bool, flags: tuple[str, ...] = ()) -> QuorumView:
    return QuorumView(node=node, node_id=int(node[-1]), ring_id="1.9", members=members,
                      member_ids=tuple(int(m[-1]) for m in members), quorate=quorate, expected_votes=3,
                      highest_expected=3, total_votes=len(members), quorum=2,
                      flags=(("Quorate",) if quorate else ()) + flags)


def healthy(time: float = 10.0, resources: tuple[Resource, ...] = ()) -> ClusterState:
    names = ("node1", "node2", "node3")
    return ClusterState(
        time=time, cluster_name="halab",
        nodes=tuple(Node(name, i + 1, "online", corosync_running=True, pacemaker_running=True) for i, name in enumerate(names)),
        partitions=(Partition(names, "1.9", True, 3, 2, 3, ("Quorate",), dc="node1"),),
        views={name: view(name, names, True) for name in names},
        dc="node1", resources=resources,
    )


def split(time: float = 40.0) -> ClusterState:
    """node1 alone (no quorum) against node2+node3 (quorate, DC node2); node1 unclean for them."""
    return ClusterState(
        time=time, cluster_name="halab",
        nodes=(Node("node1", 1, "unclean"), Node("node2", 2, "online"), Node("node3", 3, "standby", standby=True)),
        partitions=(Partition(("node1",), "1.d", False, 1, 2, 3, ()),
                    Partition(("node2", "node3"), "2.d", True, 2, 2, 3, ("Quorate",), dc="node2")),
        views={"node1": view("node1", ("node1",), False, ("WaitForAll",)),
               "node2": view("node2", ("node2", "node3"), True, ("WaitForAll",))},
        dc="node2",
        resources=(Resource("WebSite", "primitive", "ocf:heartbeat:apache", "Started", ("node2",), failcounts={"node1": 2}),
                   Resource("VIP", "primitive", "ocf:heartbeat:IPaddr2", "Stopped", ())),
    )
