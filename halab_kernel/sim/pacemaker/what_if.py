"""What a CIB would look like after its next transition, if every action succeeded.

This is `crm_simulate -S --save-output`: the transition the scheduler plans for
a CIB, carried out on paper, with each operation written into the status as the
controller would write it (fencing clears the node's history and takes it out
of the membership). pcs 0.11 runs exactly this before `pcs resource move` to
make sure the moved resource will not come back once its constraint is gone.
"""

from __future__ import annotations

import copy

from lxml import etree

from halab_kernel.sim.pacemaker.cibstore import CibStore
from halab_kernel.sim.pacemaker.graph import TransitionGraph
from halab_kernel.sim.pacemaker.planner import default_planner

WHAT_IF_UUID = "00000000-0000-0000-0000-00000000wh1f"


def run_on_paper(root: etree._Element) -> tuple[TransitionGraph, etree._Element]:
    """The transition planned for `root`, and a copy of `root` as it would be once it ran."""
    graph = default_planner(root)
    after = copy.deepcopy(root)
    store = CibStore.holding(after)
    node_ids = {state.get("uname"): int(state.get("id", "0")) for state in after.iterfind("status/node_state")}
    when = int(after.get("execution-date", "0"))
    for action in graph.actions:
        node_id = node_ids.get(action.node, 0)
        if action.task == "fence":
            store.forget_node_history(action.node, node_id)
            store.set_node(action.node, node_id, in_ccm="false", crmd="offline", join="down", expected="down")
            continue
        key = f"{action.id}:1:{action.expected_rc}:{WHAT_IF_UUID}"
        store.record_operation(action.node, node_id, action.resource or "", action.task, action.interval_ms,
                               action.expected_rc, transition_key=key, when=when, exec_ms=0)
    return graph, after
