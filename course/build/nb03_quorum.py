"""03 quorum: votes, expected votes, split brain, two_node, wait_for_all, last_man_standing, auto_tie_breaker, qdevice."""

from cells import Notebook, Topic, Trick, code, exercise, md, right, see, written, wrong
from common import backend_cells, prediction_cells

CELLS = [
    md("""
    # 03 · Quorum: who may go on?

    **Learning objectives.** After this notebook you can
    - compute the quorum of a cluster from its **votes** and **expected votes**;
    - explain **split brain** and how quorum prevents it;
    - choose votequorum options for special cases: `two_node`, `wait_for_all`, `last_man_standing`,
      `auto_tie_breaker`, and a quorum device (`qdevice`) that arbitrates even splits;
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
    see("""
    five nodes, five votes, and a quorum of 3 (a majority of 5):
    """, "Nodes: 5", "Quorate: Yes", "Expected votes: 5", "Quorum: 3", "5 1 node5"),
    md("""
    ## A split

    Cut the network between a minority of the nodes (two of five here) and the rest, and ask each
    side what it thinks.
    """),
    code("%dashboard"),
    code("""
    minority = len(lab.node_names) // 2
    large, small = list(lab.node_names[:-minority]), list(lab.node_names[-minority:])
    lab.partition(small, large)
    lab.advance("20s")
    print(lab.run(small[0], "corosync-quorumtool -s").output)
    print(lab.run(large[0], "corosync-quorumtool -s").output)
    """),
    see("""
    first the small side: 2 votes of the 5 expected, below the quorum of 3, so `Activity blocked`;
    then the large side, quorate with 3:
    """, "Quorate: No", "Total votes: 2", "Quorum: 3 Activity blocked", "Quorate: Yes", "Total votes: 3"),
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
    *exercise("votes-needed", 2, check="quorum.quorum_formula", answer="votes_needed", hidden=(dict(seed=17, cases=8),),
              source="""
    ### BEGIN SOLUTION
    def votes_needed(expected_votes):
        return expected_votes // 2 + 1
    ### END SOLUTION
    """),
    md("""
    ## Exercise 2 · predict a split (1 point)

    A 5-node cluster splits into `node1 node2` and `node3 node4 node5`. Store in `quorate_side`
    the set of node names that still report `Quorate: Yes`. (Predict first, then check on a
    simulated lab of your own.)
    """),
    *exercise("quorate-side", 1, check="quorum.quorate_side", answer="quorate_side",
              source="""
    ### BEGIN SOLUTION
    quorate_side = {"node3", "node4", "node5"}
    ### END SOLUTION
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
    see("""
    the `2Node` flag (and `WaitForAll`, which two_node switches on), a quorum of 1, and node1 still
    quorate alone after node2 crashed:
    """, "Quorum: 1", "Flags: 2Node Quorate WaitForAll", "after node2 crashed, node1 quorate: True"),
    md("""
    ## Exercise 3 · a safe pair (2 points)

    Store in `two_node_options` the quorum options (a dict of the `quorum` section, such as
    `{"wait_for_all": 1}`) for a 2-node cluster whose survivor keeps quorum when the other node
    crashes, while a node that boots alone does **not** claim quorum. The check runs both stories.
    """),
    *exercise("two-node", 2, check="quorum.two_node_design", answer="two_node_options", hidden=(dict(seed=5),),
              source="""
    ### BEGIN SOLUTION
    two_node_options = {"two_node": 1}
    ### END SOLUTION
    """),
    md("""
    ## Shrinking clusters: `last_man_standing` and `auto_tie_breaker`

    `last_man_standing: 1` lets expected votes follow the cluster down: when nodes leave and the
    rest stay quorate for `last_man_standing_window` (10 s), votequorum lowers expected votes to
    what is left. It stops at two nodes. votequorum(5) adds a warning: *it is essential to enable
    WFA when using LMS*. The nodes that left still have the configured expected votes: if they
    restart behind a broken link, they hold a majority of those among themselves and become a
    second quorate side next to the lowered one. `wait_for_all: 1` makes a restarted node wait
    until it has seen every node before it claims quorum. `auto_tie_breaker: 1` settles an **even** split: the half
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
    - never has two quorate sides when the nodes that failed restart behind a broken link,
    - never lets both halves of a 2|2 split be quorate, and
    - never has two quorate sides during a random campaign of crashes, restarts and partitions.

    The check applies your options to fresh clusters and plays all four stories.
    """),
    *exercise("down-to-one", 3, check="quorum.down_to_one_design", answer="quorum_options", hidden=(dict(seed=3, campaign_seed=2027),),
              source="""
    ### BEGIN SOLUTION
    quorum_options = {"last_man_standing": 1, "wait_for_all": 1, "auto_tie_breaker": 1}
    ### END SOLUTION
    """),
    md("""
    ## Quorum devices (qdevice): an arbiter for even splits

    A **quorum device** is a third party that breaks ties. A small machine outside the cluster runs
    `corosync-qnetd`; every node runs `corosync-qdevice`, which connects to it and casts the device's
    vote into votequorum. When the cluster splits into equal halves, qnetd gives its vote to exactly
    one of them (algorithm `ffsplit`, *fifty-fifty split*: the half with more nodes, then the one whose
    qdevices are connected, then the previously active one, then the lowest node id). A two-node
    cluster then needs neither `two_node` nor a fence race: the half that still reaches the arbiter
    has 2 of 3 votes, the other has 1.

    On real nodes, `pcs quorum device add model net host=<arbiter> algorithm=ffsplit` sets it up
    (after `pcs qdevice setup model net --enable --start` on the arbiter and `pcs host auth` for its
    certificates). pcs removes `two_node` on the way: votequorum refuses both at once. Here the arbiter
    is a simulated host named `qnetd`, added to a running two_node pair:
    """),
    code("""
    if lab.kind == "ssh":
        print("Your real cluster has no corosync-qnetd host: this experiment is simulated here.")
    duo = Lab.simulated(nodes=2, seed=0, corosync={"quorum": {"two_node": 1}})
    duo.advance("10s")
    print(duo.run("node1", "pcs quorum device add model net host=qnetd algorithm=ffsplit").output)
    duo.advance("10s")
    print(duo.run("node1", "pcs quorum config").output)
    print(duo.run("node1", "corosync-quorumtool -s").output)
    print(duo.run("qnetd", "corosync-qnetd-tool -l").output)
    """),
    md("""
    Read the numbers: **Expected votes 3** (two nodes and the device's vote), **Flags: Quorate Qdevice**,
    and a `Qdevice` row holding 1 vote. The Qdevice column says, per node, `A` (its qdevice is alive),
    `V` (it casts the device's vote: qnetd said ACK) and `NMW` (not *master wins*, an option of old
    devices). `pcs quorum config` shows what `pcs` wrote into corosync.conf's `quorum` section.

    Now cut node2 from node1 **and** from qnetd, and watch each node's `Quorate:` every half second:
    """),
    code("""
    duo.partition(["node1", "qnetd"], ["node2"])
    cut = duo.now
    seen = []
    while duo.now - cut < 20:
        duo.advance(0.5)
        state = duo.state()
        seen.append((round(duo.now - cut, 1), state.quorate("node1"), state.quorate("node2")))
    changes = [row for previous, row in zip([None, *seen], seen) if previous is None or previous[1:] != row[1:]]
    print("(seconds after the cut, node1 quorate, node2 quorate):", changes)
    for event in duo.events:
        if event.time >= cut and event.kind in ("token_lost", "membership_changed", "quorum_changed"):
            print(f"{event.time - cut:5.1f} s  {event.node}  {event.message}")
    print(duo.run("node2", "corosync-quorumtool -s").output)
    """),
    md("""
    node1 never loses quorum: qnetd still hears it and gives it the device's vote. node2 ends with
    1 vote of 3, `Activity blocked`, its Qdevice column `NV` (no vote). But look **when**. Both nodes
    lost the token at 3 s and had a new ring ready after the 3.6 s consensus, yet node2 goes on
    reporting `Quorate: Yes` until about 15 s: votequorum holds a new membership until its qdevice
    votes on it, and node2's qdevice gives up only when a heartbeat to qnetd goes unanswered
    (heartbeats every 8 s, so 10 to 15 s after the cut depending on where it falls). node1 waits too,
    until qnetd has dropped node2, before installing its one-node ring. A real cluster does the same:
    the simulator was checked against one (13 s there). While held, node2 still sees the old
    membership, so its Pacemaker starts nothing new; node1, quorate, fences node2 before taking over
    its services.

    The arbiter only breaks ties. Heal the cut and stop qnetd: both nodes see each other, 2 votes of
    3, still quorate. Only a split *while the arbiter is down* leaves nobody quorate (safe, but
    everything stops):
    """),
    code("""
    duo.heal()
    duo.advance("20s")
    duo.stop("qnetd")
    duo.advance("20s")
    print(duo.run("node1", "corosync-quorumtool -s").output)
    duo.partition(["node1"], ["node2"])
    duo.advance("30s")
    state = duo.state()
    print("a split while qnetd is down:", {name: state.quorate(name) for name in state.node_names})
    duo.heal()
    duo.start("qnetd")
    """),
    md("""
    Compare with `two_node` on the same cut (node2 loses its peer; with the device it loses the arbiter
    too). With `two_node` both halves stay quorate, so both may fence and start services: the fence
    race of notebook 08 picks the survivor, which may be the node you wanted to keep (or, when both
    shots are sent before either lands, takes both nodes down). With the device,
    only the half that reaches the arbiter is quorate, and only it fences:
    """),
    code("""
    for with_device in (False, True):
        trial = Lab.simulated(nodes=2, seed=0, corosync={"quorum": {"two_node": 1}})
        trial.advance("10s")
        if with_device:
            trial.run("node1", "pcs quorum device add model net host=qnetd algorithm=ffsplit")
            trial.advance("10s")
        trial.partition(["node1", "qnetd"] if with_device else ["node1"], ["node2"])
        trial.advance("30s")
        state = trial.state()
        print("qdevice " if with_device else "two_node", {name: state.quorate(name) for name in state.node_names})
    """),
    md("""
    ## Exercise 5 · an arbiter for a pair (2 points)

    Store in `arbiter_options` the quorum options (a dict of the `quorum` section, as in Exercises 3
    and 4; a nested section is a nested dict) for a **two-node** cluster with an arbiter host named
    `qnetd`, such that
    - whichever node is cut from its peer and from qnetd, the node that still reaches qnetd never
      loses quorum and the cut node loses it;
    - both nodes stay quorate when qnetd stops while they still see each other;
    - a filesystem on node2, with fencing, is taken over by node1 when node2 is cut off, and is never
      mounted on both nodes.

    The check applies your options to fresh pairs, on several seeds, and plays every story. (Hint:
    `pcs quorum config` above shows the options `pcs` wrote.)
    """),
    *exercise("arbiter", 2, check="quorum.arbiter_design", answer="arbiter_options", hidden=(dict(seeds=(4, 7)),),
              source="""
    ### BEGIN SOLUTION
    arbiter_options = {"device": {"model": "net", "votes": 1, "net": {"host": "qnetd", "algorithm": "ffsplit"}}}
    ### END SOLUTION
    """),
    md("""
    ## Exercise 6 · quorum is not enough (2 points, graded by your instructor)

    With `two_node: 1`, a network cut leaves *both* nodes quorate. Explain why that is acceptable
    only when the cluster has fencing, and what happens to shared data without it.
    """),
    written("written-quorum-not-enough", 2, """
    After a cut each node of a two_node pair keeps quorum, so both would start the services. With
    fencing, each node first tries to power off the other; only one can win the race, so only one runs
    the services. Without fencing both mount the same filesystem or run the same database at once:
    split brain, and the shared data is corrupted.
    """),
    *prediction_cells("cuts that node off from the others", "target = lab.node_names[-1]", '"partition", [target]', undo="lab.heal()"),
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
        # two_node instead of an arbiter: a cut leaves both nodes quorate, a fence race decides
        "ex-arbiter": """
        arbiter_options = {"two_node": 1}
        """,
    },
    cases=(
        right("quorum.quorum_formula", "def votes_needed(expected_votes):\n    return expected_votes // 2 + 1\n", "votes_needed"),
        right("quorum.quorum_formula", "import math\ndef votes_needed(expected_votes):\n    return math.floor(expected_votes / 2) + 1\n",
              "votes_needed"),
        wrong("quorum.quorum_formula", "import math\ndef votes_needed(expected_votes):\n    return math.ceil(expected_votes / 2)\n", "",
              "votes_needed"),
        right("quorum.quorate_side", {"node3", "node4", "node5"}),
        wrong("quorum.quorate_side", {"node1", "node2"}, ""),
        right("quorum.two_node_design", {"two_node": 1}),
        right("quorum.two_node_design", {"two_node": 1, "wait_for_all": 1}),
        wrong("quorum.two_node_design", {"two_node": 1, "wait_for_all": 0}, "booted alone"),
        wrong("quorum.two_node_design", {"two_node": "yes"}, "corosync refuses"),
        right("quorum.down_to_one_design", {"last_man_standing": 1, "wait_for_all": 1, "auto_tie_breaker": 1}),
        right("quorum.down_to_one_design", {"last_man_standing": 1, "wait_for_all": 1, "auto_tie_breaker": 1,
                                            "last_man_standing_window": 20000}),
        wrong("quorum.down_to_one_design", {"last_man_standing": 1, "auto_tie_breaker": 1}, "restarted behind a broken link"),
        wrong("quorum.down_to_one_design", {"last_man_standing": 1, "wait_for_all": 1}, "node2 last"),
        right("quorum.arbiter_design", {"device": {"model": "net", "votes": 1, "net": {"host": "qnetd", "algorithm": "ffsplit"}}}),
        right("quorum.arbiter_design", {"device": {"model": "net", "net": {"host": "qnetd", "algorithm": "lms"}}}, seeds=(3,)),
        wrong("quorum.arbiter_design", {"two_node": 1}, "still reports 'Quorate: Yes'"),
        wrong("quorum.arbiter_design", {"device": {"model": "net", "net": {"host": "qnetd", "algorithm": "ffsplit"}}},
              "node2 is not quorate"),
        wrong("quorum.arbiter_design", {"device": {"model": "net", "votes": 2, "net": {"host": "qnetd", "algorithm": "lms"}}},
              "qnetd was stopped"),
    ),
    tricks=(
        # patch the grader modules in the kernel, then give a wrong answer
        Trick("ex-quorate-side", """
        import halab_graders.quorum, halab_graders.isolated
        from halab_graders.check import Check
        halab_graders.quorum.quorate_side = lambda *args, **kwargs: Check(name="03", passed=True, expected="")
        halab_graders.isolated.grade = lambda *args, **kwargs: print("PASSED")
        halab_graders.isolated.run_check = lambda *args, **kwargs: {"passed": True, "name": "03", "expected": ""}
        quorate_side = {"node1", "node2"}
        """, ("test-quorate-side",)),
    ),
    topics=(
        Topic('quorum: votes, expected votes, split brain', 'Votes and quorum, A split', ('test-votes-needed', 'test-quorate-side')),
        Topic('quorum: two_node, wait_for_all', 'Two nodes', ('test-two-node',)),
        Topic('quorum: last_man_standing, auto_tie_breaker (and why wait_for_all with them)', 'Shrinking clusters', ('test-down-to-one',)),
        Topic('quorum: qdevice; quorum is not enough without fencing', 'Quorum devices', ('test-arbiter', 'written-quorum-not-enough')),
    ),
)
