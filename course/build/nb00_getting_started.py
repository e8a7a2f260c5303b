"""00 getting started: the lab, the HA Lab kernel, its magics, the dashboard."""

from cells import Notebook, Topic, Trick, code, exercise, md, right, see, written, wrong
from common import backend_cells

CELLS = [
    md("""
    # 00 · Getting started with the HA Lab

    **Learning objectives.** After this notebook you can
    - tell the simulator from a real cluster, and say what each is good for;
    - use the *HA Lab (Python 3)* kernel and its magics (`%lab`, `%node`, `%advance`, `%fault`, `%dashboard`);
    - let time pass, inject a fault, and read what the cluster did from its **events**;
    - run a graded exercise and its **Check** button.

    High availability is learnt by breaking things. This course gives you a cluster you may break as
    often as you like: every notebook drives one, and every exercise is graded by what the cluster
    *does* with your answer, not by how your answer is spelt.
    """),
    md("""
    ## Simulator or real nodes?

    | | simulator | real nodes (SSH) |
    |---|---|---|
    | what runs | a model of Corosync 3.1.7 and Pacemaker 2.1.5, checked against the real programs | the real programs on your machines |
    | time | virtual: `lab.advance("2m")` returns at once | wall time: two minutes are two minutes |
    | faults | any, instantly, reproducibly (same seed, same story) | real crashes, real network cuts (only if you allow them) |
    | commands | `corosync-quorumtool`, `corosync-cfgtool`, `pcs`, `crm_mon`, `crm_simulate`, ... answered in the real format | everything the nodes have |
    | good for | understanding, experiments, grading | the feel of the real thing, the final check |

    What the simulator simplifies is said where it matters (and in `docs/`): it models Corosync
    (membership, quorum, timing) and Pacemaker (resources, constraints, failover, fencing) by their
    rules and measured timings, but it runs no real web server and moves no real address.
    """),
    *backend_cells("getting_started", nodes=4),
    md("""
    ## The kernel and its magics

    This notebook runs on the **HA Lab (Python 3)** kernel (top right of the window): ordinary Python
    with the HA Lab magics loaded. A *magic* is a line starting with `%`:

    | magic | what it does |
    |---|---|
    | `%lab status` | what the current lab is, and how each node is doing |
    | `%advance 10s` | let time pass (virtual on the simulator) and print what happened |
    | `%node node1 corosync-quorumtool -s` | run a command on a node, as in a shell there |
    | `%fault crash node3` | inject a fault: `crash`, `restart`, `power-off`, `stop`, `start`, `kill`, `partition`, `heal` |
    | `%dashboard` | live pictures of the lab: membership ring, quorum gauge, timeline, events |

    In a magic, `{first}` is replaced by the value of the Python variable `first` (here the first
    node's name), so the cells below work on real nodes too. Right after it is created the simulated
    cluster is *starting*: nothing has happened yet.
    """),
    code("%lab status"),
    code("%advance 10s"),
    code("%node {first} corosync-quorumtool -s"),
    see("""
    all four nodes in the membership, each with one vote, and the cluster quorate (3 of the 4
    votes are enough: more than half):
    """, "Quorate: Yes", "Expected votes: 4", "Total votes: 4", "Quorum: 3", "1 1 node1 (local)"),
    md("""
    The nodes found each other (a *membership*, also called a ring) and the cluster is *quorate*:
    a majority of its votes is present. Notebooks 02 and 03 explain both words in depth.

    ## The dashboard

    `%dashboard` draws the lab and keeps the picture current: every `%advance`, `%fault` or command
    redraws it. Each button prints the equivalent command, so clicking teaches the command line.
    Run the next cell, then the one after it, and watch the ring.
    """),
    code("%dashboard"),
    code("""
    %fault crash {third}
    %advance 20s
    """),
    see("""
    the survivors notice the token is lost, form a membership of three without node3, and (still
    quorate: 3 of 4 votes) elect a DC:
    """, "fault injected: crash node3", "token timed out", "new membership 1.d: node1 node2 node4; left node3",
        "node1 elected DC"),
    md("""
    ## Events: what the cluster did, and when

    Everything the lab does is an **event** with a time. `lab.events_frame()` gives them all as a
    pandas table, the best place to measure things ("how long did the survivors need to notice?").
    """),
    code("""
    frame = lab.events_frame()
    frame[frame.kind != "log"][["time", "node", "kind", "message"]].tail(12)
    """),
    code("""
    %fault restart {third}
    %advance 20s
    """),
    md("""
    ## Exercise 1 · a lab of your own (1 point)

    Create a **simulated** lab of **5 nodes** with a seed of your choice and name it `my_lab`. Let
    virtual time pass until all five nodes share one quorate membership (`my_lab.state()` or the
    dashboard tells you). Then write down what you did in `my_lab_recipe`, a dict with the lab's
    `nodes`, its `seed` and the seconds you `advanced` in total: the check rebuilds your lab from
    this recipe (the simulator tells the same story for the same seed) and looks at it.
    """),
    *exercise("my-lab", 1, check="getting_started.lab_formed", answer="my_lab_recipe", source="""
    ### BEGIN SOLUTION
    my_lab = Lab.simulated(nodes=5, seed=3)
    my_lab.advance("20s")
    my_lab_recipe = {"nodes": 5, "seed": 3, "advanced": 20}
    ### END SOLUTION
    """),
    md("""
    ## Exercise 2 · reading events (2 points)

    A fresh 3-node simulated lab with seed 0 starts below. At what virtual time (in seconds) do its
    nodes **first report quorum**? Find it in the events table and store it in `first_quorate_at`
    (a number). Reading the dashboard is fine for a first look; the table gives the exact time.
    """),
    *exercise("first-quorum", 2, check="getting_started.first_quorum_time", answer="first_quorate_at", hidden=(dict(nodes=3, seed=0),),
              source="""
    fresh = Lab.simulated(nodes=3, seed=0)
    fresh.advance("15s")
    frame = fresh.events_frame()
    ### BEGIN SOLUTION
    gained = frame[(frame.kind == "quorum_changed") & (frame.quorate == True)]  # noqa: E712
    first_quorate_at = float(gained.time.min())
    ### END SOLUTION
    """),
    md("""
    ## Exercise 3 · in your own words (2 points, graded by your instructor)

    Name one thing the simulator lets you do that a real cluster makes hard, and one reason you still
    want to try your configuration on real nodes before trusting it.
    """),
    written("written-sim-vs-real", 2, """
    The simulator lets me replay exactly the same failure story (same seed, same events) and fast-forward
    minutes of cluster life instantly, so I can measure timings and compare configurations. Real nodes
    still matter because the simulator is a model: real networks have latency and packet loss, real
    daemons have their own bugs, and a configuration can be refused or behave differently on the actual
    packages and hardware.
    """),
    md("""
    ## What's next
    `01-why-ha`: why clusters exist at all, and the arithmetic of availability.
    """),
]

NOTEBOOK = Notebook(
    assignment="00-getting-started",
    filename="getting-started.ipynb",
    cells=CELLS,
    wrong_answers={
        # the first event of any kind, not the first quorum: a classic misreading of the table
        "ex-first-quorum": """
        fresh = Lab.simulated(nodes=3, seed=0)
        fresh.advance("15s")
        frame = fresh.events_frame()
        first_quorate_at = float(frame.time.min())
        """,
    },
    cases=(
        right("getting_started.lab_formed", {"nodes": 5, "seed": 3, "advanced": 10}),
        right("getting_started.lab_formed", {"nodes": 5, "seed": 11, "advanced": 45.5}),
        wrong("getting_started.lab_formed", {"nodes": 5, "seed": 3, "advanced": 1}, "not (yet) in a quorate membership"),
        wrong("getting_started.lab_formed", {"nodes": 3, "seed": 3, "advanced": 10}, "3 node(s)"),
        wrong("getting_started.lab_formed", {"nodes": 5, "seed": 3}, "should be a dict"),
        right("getting_started.first_quorum_time", 3.3425),
        right("getting_started.first_quorum_time", 3.342),  # as the events table prints it
        # the notebook's own 4-node lab formed at 4.28 s: copying its time is not reading the 3-node lab's events
        wrong("getting_started.first_quorum_time", 4.28, "not what the exercise asks for"),
        wrong("getting_started.first_quorum_time", 0.0, "not what the exercise asks for"),
        wrong("getting_started.first_quorum_time", 3342.5, "milliseconds"),
    ),
    tricks=(
        # a duck-typed fake lab (the old check asked it for .state() and believed the answer)
        Trick("ex-my-lab", """
        class _State:
            nodes = [1, 2, 3, 4, 5]; node_names = ["n1"]; views = {}; time = 0.0
            def quorate(self, name): return True
        class FakeLab:
            node_names = ["n1"]
            def state(self): return _State()
        my_lab_recipe = FakeLab()
        """, ("test-my-lab",)),
    ),
    topics=(
        Topic('practice beats theory: the lab, simulator vs real', 'Simulator or real nodes?, The kernel and its magics, The dashboard', ('test-my-lab', 'written-sim-vs-real')),
        Topic('simulating failures, reading events', 'Events: what the cluster did, and when', ('test-first-quorum',)),
    ),
)
