"""02 Corosync: communication, membership, ring ids, token timeouts, watching a node vanish."""

from cells import Notebook, Topic, Trick, code, exercise, md, right, see, written, wrong
from common import backend_cells, prediction_cells

CELLS = [
    md("""
    # 02 · Corosync: who is in the cluster?

    **Learning objectives.** After this notebook you can
    - explain what Corosync gives the cluster: **communication** (messages that arrive in the same order
      everywhere), **membership** (who is in), **quorum** (next notebook) and **events** (telling
      Pacemaker when the membership changes);
    - read `corosync-cfgtool -s`, `corosync-quorumtool -l` and ring ids;
    - measure how long the survivors need to notice a crashed node, and predict it from the
      `token`, `token_coefficient` and `consensus` settings.
    """),
    *backend_cells("corosync"),
    md("""
    ## Links and members

    Each node talks to the others over one or more **links** (kronosnet, "knet", UDP port 5405 by
    default). `corosync-cfgtool -s` shows this node's view of each link to each peer.
    """),
    code("""
    lab.advance("10s")
    print(lab.run(first, "corosync-cfgtool -s").output)
    print(lab.run(first, "corosync-quorumtool -l").output)
    """),
    see("""
    one knet link (link 0) on which node1 sees both others `connected`, and three members with
    one vote each:
    """, "LINK ID 0 udp", "nodeid: 2: connected", "nodeid: 3: connected", "3 1 node3"),
    md("""
    ## The token and the ring

    Corosync's *totem* protocol passes a **token** around the members; only the holder sends, which
    is how every node delivers messages in the same order. When the token does not come back within
    the **token timeout**, the nodes that are left run a new membership round: they wait up to the
    **consensus** timeout to agree, then install a new **membership**, identified by a **ring id**
    such as `1.d`: the node id of its representative (lowest id), a dot, and a sequence number in
    hexadecimal that grows with every membership change. Pacemaker hears about each new membership:
    that is how it learns a node has gone.

    corosync 3 stretches the configured token for bigger clusters: the *runtime* token is
    `token + (nodes - 2) * token_coefficient` for 3 nodes or more. The **consensus** timeout is
    1.2 × token unless you set it, and if you set it yourself keep it at **least 1.2 × token**:
    corosync.conf(5) says "the minimum value for consensus must be 1.2 * token", and warns that
    with three nodes or more a consensus below token risks odd membership changes (corosync itself
    does not refuse a smaller value: `corosync -t` accepts it). `corosync-cmapctl` shows the values really in use (`runtime.config.totem.*`).
    """),
    code("""
    print(lab.run(first, "corosync-cmapctl").output)
    """),
    md("""
    ## Watch a node vanish

    Open the dashboard, then crash a node and let 20 seconds pass. Watch the ring: first nothing
    happens (the token is late but not yet lost), then the survivors install a new ring without it.
    """),
    code("%dashboard"),
    code("""
    crashed_at = lab.now
    lab.crash(third)
    lab.advance("20s")
    frame = lab.events_frame()
    frame[(frame.time >= crashed_at) & frame.kind.isin(["fault_injected", "token_lost", "membership_changed"])][
        ["time", "node", "kind", "message"]]
    """),
    md("""
    *On real nodes* the times differ by a few milliseconds from run to run (the token is somewhere on
    the ring when the node dies, and knet needs a moment to declare a link down); the simulator
    always takes the worst case of the protocol, which is what you plan for.
    """),
    code("""
    lab.restart(third)
    lab.advance("20s")
    print(lab.run(first, "corosync-quorumtool -s").output)
    """),
    see("""
    node3 is back: a new ring id (every membership change makes one), three nodes, three votes,
    quorate again:
    """, "Ring ID: 1.12", "Nodes: 3", "Quorate: Yes", "Total votes: 3"),
    md("""
    ## Exercise 1 · measure the detection time (2 points)

    On the fresh simulated 3-node lab below (default settings), crash `node3` and measure the
    seconds between the crash and `node1` installing a membership without it. Store the number in
    `detection_seconds`. (Use the events, not the dashboard: you need the exact times.)
    """),
    *exercise("detection-time", 2, check="corosync.detection_time", answer="detection_seconds",
              source="""
    measure = Lab.simulated(nodes=3, seed=0)
    measure.advance("10s")
    ### BEGIN SOLUTION
    crash_time = measure.now
    measure.crash("node3")
    measure.advance("20s")
    events = measure.events_frame()
    noticed = events[(events.kind == "membership_changed") & (events.node == "node1") & (events.time > crash_time)]
    detection_seconds = float(noticed.time.min() - crash_time)
    ### END SOLUTION
    """),
    md("""
    ## Exercise 2 · predict the detection time (3 points)

    Write `detection_ms(nodes, token=3000, token_coefficient=650, consensus=None)` returning, in
    milliseconds, how long the survivors take to notice a crashed node, for a cluster of `nodes`
    nodes with these totem settings (`consensus=None` means "not set", the default). It is
    checked against the simulator on cluster sizes and settings you have not seen. Experiment:
    `Lab.simulated(nodes=5, corosync={"totem": {"token": 2000}})` builds such a cluster.
    """),
    *exercise("detection-formula", 3, check="corosync.detection_formula", answer="detection_ms", hidden=(dict(seed=31, cases=6),),
              source="""
    ### BEGIN SOLUTION
    def detection_ms(nodes, token=3000, token_coefficient=650, consensus=None):
        runtime_token = token + (nodes - 2) * token_coefficient if nodes >= 3 else token
        if consensus is None:
            consensus = 1.2 * runtime_token
        return runtime_token + consensus
    ### END SOLUTION
    """),
    md("""
    ## Exercise 3 · faster detection, sensibly (2 points)

    Your manager wants a 3-node cluster to notice a dead node within **3 seconds**. Keep `token` at
    **1000 ms or more** (shorter tokens make a node that pauses for a moment, say during a VM
    snapshot, look dead). Store the totem options in `fast_totem`, a dict such as
    `{"token": 1000}`: they are applied to a fresh cluster, a node is crashed, and the detection
    time is measured.
    """),
    *exercise("fast-totem", 2, check="corosync.fast_detection", answer="fast_totem", hidden=(dict(seed=7),),
              source="""
    ### BEGIN SOLUTION
    fast_totem = {"token": 1000, "token_coefficient": 0}
    ### END SOLUTION
    """),
    md("""
    ## Exercise 4 · why not 100 ms? (2 points, graded by your instructor)

    Detection within a fraction of a second sounds good. Explain what goes wrong with a very short
    token on a real network, and what the cluster then does to a perfectly healthy node.
    """),
    written("written-short-token", 2, """
    A real network and real machines have pauses: a busy CPU, a VM being migrated or snapshotted, a
    switch hiccup, a retransmitted packet. With a 100 ms token such a pause loses the token, the other
    nodes declare the paused node dead and form a membership without it; Pacemaker then recovers its
    resources elsewhere and, with fencing, reboots a node that was healthy. False alarms cost more
    availability than the seconds saved.
    """),
    *prediction_cells("crashes that node", "target = lab.node_names[-1]", '"crash", target'),
]

NOTEBOOK = Notebook(
    assignment="02-corosync",
    filename="corosync.ipynb",
    cells=CELLS,
    wrong_answers={
        # forgets corosync 3's token_coefficient: right for 2 nodes, wrong for bigger clusters
        "ex-detection-formula": """
        def detection_ms(nodes, token=3000, token_coefficient=650, consensus=None):
            if consensus is None:
                consensus = 1.2 * token
            return token + consensus
        """,
    },
    cases=(
        right("corosync.detection_time", 8.03),
        right("corosync.detection_time", 8.0),
        wrong("corosync.detection_time", 3.65, "token timeout alone"),
        wrong("corosync.detection_time", 8030, "milliseconds"),
        right("corosync.detection_formula", """
def detection_ms(nodes, token=3000, token_coefficient=650, consensus=None):
    runtime = token + max(nodes - 2, 0) * token_coefficient
    return runtime + (consensus if consensus is not None else 1.2 * runtime)
""", "detection_ms"),
        wrong("corosync.detection_formula", """
def detection_ms(nodes, token=3000, token_coefficient=650, consensus=None):
    return token + (consensus if consensus is not None else 1.2 * token)
""", "your function predicts", "detection_ms"),
        wrong("corosync.detection_formula", """
def detection_ms(nodes, token=3000, token_coefficient=650, consensus=None):
    return token + max(nodes - 2, 0) * token_coefficient
""", "your function predicts", "detection_ms"),
        right("corosync.fast_detection", {"token": 1000, "token_coefficient": 0}),
        right("corosync.fast_detection", {"token": 1000, "token_coefficient": 200}),
        wrong("corosync.fast_detection", {"token": 1000}, "3.63 s"),
        wrong("corosync.fast_detection", {"token": 500}, "shorter than 1000 ms"),
    ),
    tricks=(
        # redefine the name the old test cells called
        Trick("ex-detection-time", """
        detection_seconds = 1.0
        def assert_check(check):
            print("PASSED")
        """, ("test-detection-time",)),
        # read the grader's own measurement from its stack frame
        Trick("ex-detection-formula", """
        import sys
        def detection_ms(nodes, token=3000, token_coefficient=650, consensus=None):
            return sys._getframe(1).f_locals["measured"] * 1000
        """, ("test-detection-formula",)),
        # a dict that answers 3000 to .get('token') and holds 200
        Trick("ex-fast-totem", """
        class Lying(dict):
            def get(self, key, default=None):
                return 3000 if key == "token" else super().get(key, default)
        fast_totem = Lying(token=200, token_coefficient=0)
        """, ("test-fast-totem",)),
    ),
    topics=(
        Topic('Corosync: communication, membership, ring ids', 'Links and members, The token and the ring, Watch a node vanish', ('test-detection-time',)),
        Topic('Corosync: token timeouts, consensus, event propagation', 'The token and the ring', ('test-detection-formula', 'test-fast-totem', 'written-short-token')),
    ),
)
