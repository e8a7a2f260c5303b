"""03 quorum: votes, expected votes, split brain, two_node, wait_for_all, last_man_standing, auto_tie_breaker."""

from cells import Notebook, code, md, solution, tests, written
from common import backend_cells

CELLS = [
    md("""
    # 03 · Quorum: who may go on?

    **Learning objectives.** After this notebook you can
    - compute the quorum of a cluster from its **votes** and **expected votes**;
    - explain **split brain** and how quorum prevents it;
    - choose votequorum options for special cases: `two_node`, `wait_for_all`, `last_man_standing`,
      `auto_tie_breaker`, and say what a quorum device (`qdevice`) adds;
    - prove a design by running failure stories against it, not by reading it.
    """),
    *backend_cells("quorum", nodes=5),
    md("""
    ## Votes and quorum

    Every node has **votes** (1 by default). **Expected votes** is how many votes the whole cluster
    has when everyone is there. A group of nodes that can talk to each other (a *partition*) is
    **quorate** when it holds a strict majority of the expected votes. Only a quorate partition may
    run services: two groups can never both hold a majority, so they can never both run the same
    database and corrupt it. That danger, two halves each believing they are the cluster, is
    **split brain**.
    """),
    code("""
    lab.advance("10s")
    print(lab.run(first, "corosync-quorumtool -s").output)
    """),
    md("""
    ## A split

    Cut the network between a minority of the nodes (two of five here) and the rest, and ask each
    side what it thinks.
    """),
    code("%dashboard"),
    code("""
    minority = len(lab.node_names) // 2
    small, large = list(lab.node_names[:minority]), list(lab.node_names[minority:])
    lab.partition(small, large)
    lab.advance("20s")
    print(lab.run(small[0], "corosync-quorumtool -s").output)
    print(lab.run(large[0], "corosync-quorumtool -s").output)
    """),
    code("""
    lab.heal()
    lab.advance("20s")
    state = lab.state()
    [(name, state.quorate(name)) for name in state.node_names]
    """),
    md("""
    ## Exercise 1 · the quorum rule (2 points)

    Write `votes_needed(expected_votes)` returning the number of votes a partition needs to be
    quorate, for clusters of one vote per node. It is checked against what `corosync-quorumtool`
    reports for clusters of many sizes.
    """),
    solution("ex-votes-needed", """
    ### BEGIN SOLUTION
    def votes_needed(expected_votes):
        return expected_votes // 2 + 1
    ### END SOLUTION
    """),
    code("check_button(lambda: checks.quorum_formula(votes_needed))"),
    tests("test-votes-needed", 2, """
    assert_check(checks.quorum_formula(votes_needed))
    ### BEGIN HIDDEN TESTS
    assert_check(checks.quorum_formula(votes_needed, seed=17, cases=8))
    ### END HIDDEN TESTS
    """),
    md("""
    ## Exercise 2 · predict a split (1 point)

    A 5-node cluster splits into `node1 node2` and `node3 node4 node5`. Store in `quorate_side`
    the set of node names that still report `Quorate: Yes`. (Predict first, then check on a
    simulated lab of your own.)
    """),
    solution("ex-quorate-side", """
    ### BEGIN SOLUTION
    quorate_side = {"node3", "node4", "node5"}
    ### END SOLUTION
    """),
    code("check_button(lambda: checks.quorate_side(quorate_side))"),
    tests("test-quorate-side", 1, """
    assert_check(checks.quorate_side(quorate_side))
    """),
    md("""
    ## Two nodes: `two_node` and `wait_for_all`

    With two nodes, the majority of 2 is 2: losing either node stops everything, which defeats the
    point. `two_node: 1` lets a single surviving node keep quorum. The price: after a network cut,
    *both* halves are quorate, so the two-node cluster relies on **fencing** (08) to settle who
    survives (the first to shoot the other). `two_node` also turns on `wait_for_all`: a node that boots
    alone does not claim quorum until it has seen its peer once, so a node rebooting after a cut
    cannot start services on its own. Compare the flags:
    """),
    code("""
    pair = Lab.simulated(nodes=2, seed=0, corosync={"quorum": {"two_node": 1}})
    pair.advance("10s")
    print(pair.run("node1", "corosync-quorumtool -s").output)
    pair.crash("node2")
    pair.advance("20s")
    print("after node2 crashed, node1 quorate:", pair.state().quorate("node1"))
    """),
    md("""
    ## Exercise 3 · a safe pair (2 points)

    Store in `two_node_options` the quorum options (a dict of the `quorum` section, such as
    `{"wait_for_all": 1}`) for a 2-node cluster whose survivor keeps quorum when the other node
    crashes, while a node that boots alone does **not** claim quorum. The check runs both stories.
    """),
    solution("ex-two-node", """
    ### BEGIN SOLUTION
    two_node_options = {"two_node": 1}
    ### END SOLUTION
    """),
    code("check_button(lambda: checks.two_node_design(two_node_options))"),
    tests("test-two-node", 2, """
    assert_check(checks.two_node_design(two_node_options))
    ### BEGIN HIDDEN TESTS
    assert_check(checks.two_node_design(two_node_options, seed=5))
    ### END HIDDEN TESTS
    """),
    md("""
    ## Shrinking clusters: `last_man_standing` and `auto_tie_breaker`

    `last_man_standing: 1` lets expected votes follow the cluster down: when nodes leave and the
    rest stay quorate for `last_man_standing_window` (10 s), votequorum lowers expected votes to
    what is left. It stops at two nodes. `auto_tie_breaker: 1` settles an **even** split: the half
    holding the lowest node id (by default) keeps quorum, the other half loses it. Watch a 4-node
    cluster split 2|2 with and without it:
    """),
    code("""
    for options in ({}, {"auto_tie_breaker": 1}):
        four = Lab.simulated(nodes=4, seed=0, corosync={"quorum": options})
        four.advance("10s")
        four.partition(["node1", "node2"], ["node3", "node4"])
        four.advance("30s")
        state = four.state()
        print(options or "defaults", {name: state.quorate(name) for name in state.node_names})
    """),
    md("""
    ## Exercise 4 · down to the last node (3 points)

    Store in `quorum_options` the quorum options for a **4-node** cluster that
    - keeps running while nodes fail **one at a time** (30 s apart) until `node1` is alone,
    - never lets both halves of a 2|2 split be quorate, and
    - never has two quorate sides during a random campaign of crashes, restarts and partitions.

    The check applies your options to fresh clusters and plays all three stories.
    """),
    solution("ex-down-to-one", """
    ### BEGIN SOLUTION
    quorum_options = {"last_man_standing": 1, "wait_for_all": 1, "auto_tie_breaker": 1}
    ### END SOLUTION
    """),
    code("check_button(lambda: checks.down_to_one_design(quorum_options))"),
    tests("test-down-to-one", 3, """
    assert_check(checks.down_to_one_design(quorum_options))
    ### BEGIN HIDDEN TESTS
    assert_check(checks.down_to_one_design(quorum_options, seed=3, campaign_seed=2027))
    ### END HIDDEN TESTS
    """),
    md("""
    ## Quorum devices (qdevice)

    A **quorum device** is a third party (`corosync-qnetd` on a small machine outside the cluster)
    that gives one extra vote to the side it can see, which makes 2-node and even-sized clusters
    decide splits without `two_node` or `auto_tie_breaker`. **The simulator does not model qdevice
    yet**: a `quorum.device` section is refused with a clear message instead of a wrong answer.
    On real nodes, `pcs quorum device add model net host=qnetd-host algorithm=ffsplit` sets it up.
    """),
    code("""
    try:
        Lab.simulated(nodes=2, corosync={"quorum": {"device": {"model": "net", "votes": 1}}})
    except ValueError as refused:
        print(refused)
    """),
    md("""
    ## Exercise 5 · quorum is not enough (2 points, graded by your instructor)

    With `two_node: 1`, a network cut leaves *both* nodes quorate. Explain why that is acceptable
    only when the cluster has fencing, and what happens to shared data without it.
    """),
    written("written-quorum-not-enough", 2, """
    After a cut each node of a two_node pair keeps quorum, so both would start the services. With
    fencing, each node first tries to power off the other; only one can win the race, so only one runs
    the services. Without fencing both mount the same filesystem or run the same database at once:
    split brain, and the shared data is corrupted.
    """),
]

NOTEBOOK = Notebook(
    assignment="03-quorum",
    filename="quorum.ipynb",
    cells=CELLS,
    wrong_answers={
        # last_man_standing alone: survives down to two nodes, then loses quorum
        "ex-down-to-one": """
        quorum_options = {"last_man_standing": 1, "wait_for_all": 1}
        """,
    },
)
