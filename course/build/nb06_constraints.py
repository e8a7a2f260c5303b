"""06 constraints: location, colocation, order, groups, scores, stickiness, crm_simulate -sL and lab.explain."""

from cells import Notebook, Topic, Trick, code, exercise, md, right, see, written, wrong
from common import backend_cells

# the model answer of exercise 1, which the tests vary (NOTEBOOK.cases)
_PAIR = ("pcs constraint location vip prefers node2=100\npcs constraint colocation add web with vip INFINITY\n"
         "pcs constraint order vip then web")

CELLS = [
    md("""
    # 06 · Constraints: where and in which order

    **Learning objectives.** After this notebook you can
    - steer resources with **location** (prefer or avoid a node), **colocation** (run together) and
      **order** (start one before another) constraints, and say why a **group** is shorthand for the
      last two;
    - read placement as arithmetic: every node gets a **score** per resource, the highest wins,
      `-INFINITY` forbids and `INFINITY` forces;
    - use **resource-stickiness** to avoid moving a healthy service back after a failover;
    - read `crm_simulate -sL` and `lab.explain(...)` to find out *why* a resource is where it is.
    """),
    *backend_cells("constraints"),
    md("""
    ## A web address and a web server

    The lab gets the two resources of notebook 05: a floating address `vip` and a web server `web`.
    The lab has no fence device yet (notebook 08), so fencing is switched off, **in a lab only**.
    Without any constraint, Pacemaker spreads resources over the nodes: the address may end up on
    one machine and the web server on another, which serves nobody.
    """),
    code("""
    from halab_graders import lab_site
    site = lab_site(lab)   # a free address of the nodes' network (notebook 05)
    lab.wait_until(lambda state: state.dc is not None, 60)
    for command in [
        "pcs property set stonith-enabled=false",
        f"pcs resource create vip ocf:heartbeat:IPaddr2 ip={site.address} cidr_netmask={site.netmask}"
        " op monitor interval=10s",
        "pcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf"
        " statusurl=http://localhost/server-status op monitor interval=20s",
    ]:
        result = lab.run(first, command)
        print("$", command, result.output.strip())
    lab.advance("10s")
    print(lab.run(first, "crm_mon -1").output)
    """),
    see("""
    the two resources started, each on a node of its own: nothing says they belong together.
    """, "* vip (ocf:heartbeat:IPaddr2): Started node1", "* web (ocf:heartbeat:apache): Started node2"),
    md("""
    ## Scores: how Pacemaker chooses

    For every resource, the scheduler gives each node a score: constraints add to it, the node
    with the highest score wins, and a score of `-INFINITY` means *never here*. A **location**
    constraint adds its score on one node (`prefers`) or subtracts it (`avoids`). A **colocation**
    `web with vip INFINITY` gives web `-INFINITY` wherever vip is not; with a finite score (`web
    with vip 500`) it only adds 500 where vip is, a preference that other scores can outweigh, so
    web may then run without vip. An **order** `vip then web`
    says nothing about *where*: it only makes web's start wait for vip's (and web stop first).
    A **group** (`pcs resource group add webgroup vip web`) is a colocation plus an order between
    its members, in the order listed.

    `lab.explain(resource)` shows the sum for each node; `crm_simulate -sL` shows the same scores as
    the real tool prints them (`-L`: the live cluster, `-s`: show scores).
    """),
    code("""
    print(lab.run(first, f"pcs constraint location vip prefers {second}=100").output)
    print(lab.run(first, "pcs constraint colocation add web with vip INFINITY").output)
    lab.advance("5s")
    print(lab.explain("web"))
    """),
    see("""
    -INFINITY from the colocation on every node where vip does not run, so web has one place left:
    """, "= -INFINITY colocation colocation-web-vip-INFINITY with vip (not where it runs)", "= 0 final score",
        "Decision: placed on node2"),
    md("""
    web now follows vip. Did web start *after* vip? Read the actions on the timeline (or
    `lab.events_frame()`): without an order constraint both starts are sent at the same moment.
    """),
    code("""
    frame = lab.events_frame()
    starts = frame[frame.kind.isin(["action_started", "action_finished"]) & frame.message.str.contains("start")]
    starts[["time", "node", "message"]]
    """),
    md("""
    ## Exercise 1 · together, in order, on node2 (3 points)

    On a fresh cluster holding `vip` and `web` as created above (and no constraint), write in
    `pair_commands` the `pcs` commands (one per line) so that web **always runs where vip runs**,
    **starts only after vip has started**, and the pair runs on **node2** (score 100) while node2
    is up. The check runs your commands, then crashes node2: the pair must run together elsewhere
    within 30 s, again with web starting after vip.
    """),
    *exercise("pair", 3, check="constraints.together_in_order", answer="pair_commands", hidden=(dict(seed=7),),
              source='''
    ### BEGIN SOLUTION
    pair_commands = """
    pcs constraint location vip prefers node2=100
    pcs constraint colocation add web with vip INFINITY
    pcs constraint order vip then web
    """
    ### END SOLUTION
    '''),
    md("""
    ## Stickiness: do not come back for nothing

    When the preferred node returns after a failover, the location preference pulls the service
    back: a second interruption for no gain. **resource-stickiness** adds a score to the node where
    a resource already runs. Set it for every resource with `pcs resource defaults update
    resource-stickiness=N`, or for one with `pcs resource meta NAME resource-stickiness=N`. A group
    counts the stickiness of **each of its members**: two members with 60 each hold on with 120.
    Compare the sums on both nodes, with `lab.explain("webgroup")` or `crm_simulate -sL`. When the
    sums are **equal**, Pacemaker keeps the resource where it runs: a tie is no reason to move (a
    margin is safer, since any later score on one side breaks the tie).

    Watch a group move away during maintenance (`pcs cluster stop node2`) and come back:
    """),
    code("""
    maintenance = Lab.simulated(nodes=3, seed=1)
    maintenance.wait_until(lambda state: state.dc is not None, 60)
    for command in ["pcs property set stonith-enabled=false",
                    "pcs resource create vip ocf:heartbeat:IPaddr2 ip=192.168.122.200 cidr_netmask=24",
                    "pcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf",
                    "pcs resource group add webgroup vip web",
                    "pcs constraint location webgroup prefers node2=100"]:
        maintenance.run("node1", command)
    maintenance.advance("20s")
    maintenance.stop("node2")
    maintenance.advance("20s")
    print("during maintenance:", maintenance.state().resource("web").nodes)
    maintenance.start("node2")
    maintenance.advance("60s")
    print("after node2 is back:", maintenance.state().resource("web").nodes)
    """),
    md("""
    ## Exercise 2 · stay put (2 points)

    The cluster of the experiment above (webgroup = vip + web, preferring node2 with 100). Write in
    `sticky_commands` the commands so that webgroup still **starts on node2** in a fresh cluster,
    but once node2 has been stopped for maintenance and started again, the service **stays** on
    the node it moved to. Keep the location preference.
    """),
    *exercise("sticky", 2, check="constraints.stays_put", answer="sticky_commands", hidden=(dict(seed=5),),
              source='''
    ### BEGIN SOLUTION
    sticky_commands = "pcs resource defaults update resource-stickiness=100"
    ### END SOLUTION
    '''),
    md("""
    ## Reading the scores

    This cluster has resource-stickiness 100 for every resource, vip preferring node2 with 50, and
    web colocated with vip (and ordered after it). Print the scores and the explanation:
    """),
    code("""
    scored = checks.scores_lab()
    print(scored.run("node1", "crm_simulate -sL").output)
    print(scored.explain("vip"))
    """),
    md("""
    ## Exercise 3 · predict, then read a score (1 point)

    Explain to yourself where each part of vip's 250 on node2 comes from. Now predict: what is the
    allocation score of **vip on node2** when `resource-stickiness` is **30** instead of 100? Store
    it in `vip_score_on_node2`, then check your prediction on `scored` (run
    `pcs resource defaults update resource-stickiness=30` there, advance a few seconds, and read
    `crm_simulate -sL`).
    """),
    *exercise("score", 1, check="constraints.read_scores", answer="vip_score_on_node2",
              source="""
    ### BEGIN SOLUTION
    vip_score_on_node2 = 110
    ### END SOLUTION
    """),
    md("""
    ## Exercise 4 · groups or constraints? (2 points, graded by your instructor)

    When would you write a colocation and an order constraint instead of a group? Give one case
    where a group is the right tool and one where separate constraints are needed, and say what an
    **optional** order (`kind=Optional`) or a colocation score below INFINITY changes.
    """),
    written("written-groups", 2, """
    A group suits resources that always run together and start in a fixed sequence (address,
    filesystem, server of one service). Separate constraints are needed when the relation is not a
    simple chain: one resource colocated with several others, two resources that must start in
    order but may run on different nodes (order without colocation), or a preference rather than a
    rule. A colocation score below INFINITY is only a preference: the dependent may run elsewhere
    when it cannot run with the other. An Optional order only applies when both resources are being
    started or stopped in the same transition; it does not force a restart.
    """),
    md("""
    **On real nodes** the same commands and outputs apply. The simulator computes placement with the
    same rules as Pacemaker 2.1.5's scheduler; its timings for apache and Filesystem are typical
    values rather than measurements.
    """),
]

NOTEBOOK = Notebook(
    assignment="06-constraints",
    filename="constraints.ipynb",
    cells=CELLS,
    wrong_answers={
        # together on node2, but no order: web starts at the same moment as vip
        "ex-pair": '''
        pair_commands = """
        pcs constraint location vip prefers node2=100
        pcs constraint colocation add web with vip INFINITY
        """
        ''',
    },
    cases=(
        right("constraints.together_in_order", _PAIR),
        right("constraints.together_in_order", "pcs resource group add webgroup vip web\n"
              "pcs constraint location webgroup prefers node2=100"),
        right("constraints.together_in_order", _PAIR.replace(" INFINITY", "")),
        wrong("constraints.together_in_order", _PAIR.replace("web with vip", "vip with web"), "vip follows web"),
        wrong("constraints.together_in_order", _PAIR.replace("INFINITY", "500"), "ran away from vip"),
        wrong("constraints.together_in_order", _PAIR.replace("pcs constraint order vip then web", ""), "before vip had started"),
        wrong("constraints.together_in_order", _PAIR.replace("prefers node2=100", "prefers node3=100"), "not on the preferred"),
        right("constraints.stays_put", "pcs resource defaults update resource-stickiness=100"),
        right("constraints.stays_put", "pcs resource meta webgroup resource-stickiness=250"),
        wrong("constraints.stays_put", "pcs resource defaults update resource-stickiness=20", "back to it"),
        wrong("constraints.stays_put", "pcs constraint location webgroup prefers node1=200", ""),
        right("constraints.read_scores", 110),
        wrong("constraints.read_scores", 100, ""),
        wrong("constraints.read_scores", 250, ""),
    ),
    tricks=(
        # replace the kernel's runpy so that the test cell's grader is a function that never raises: the test cell
        # only hands its answer over, nbgrader's side judges it, and here no answer arrives (graded_cells)
        Trick("ex-score", """
        import runpy
        runpy.run_path = lambda *args, **kwargs: {"grade": lambda *args, **kwargs: None}
        vip_score_on_node2 = 100
        """, ("test-score",)),
    ),
    topics=(
        Topic('constraints: location, colocation (direction, INFINITY), order', 'A web address and a web server, Scores', ('test-pair', 'written-groups')),
        Topic('scores, stickiness, crm_simulate -sL, lab.explain', 'Stickiness, Reading the scores', ('test-sticky', 'test-score')),
    ),
)
