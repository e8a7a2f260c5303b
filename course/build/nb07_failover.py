"""07 failover and timing: detection, token, monitors, migration-threshold, failure-timeout, the timeline."""

from cells import Notebook, Topic, Trick, code, exercise, graded, md, right, see, solution, written, wrong
from common import RESOURCE_HOLDER, backend_cells, prediction_cells

CELLS = [
    md("""
    # 07 · Failover and timing: how long is the service gone?

    **Learning objectives.** After this notebook you can
    - take a failover apart into **detection**, **decision** and **recovery**, and measure each on
      the timeline;
    - say which failures Corosync detects (a node: the **token**) and which only a **monitor**
      detects (a process), and what bounds each;
    - use `migration-threshold` to decide when a failing resource gives up its node, and
      `failure-timeout` to forget old failures;
    - choose timeouts and intervals for a recovery-time goal.
    """),
    *backend_cells("failover"),
    md("""
    ## The service

    The web service of notebook 06 as a group: `webgroup` = `vip` then `web`. Fencing stays off
    until notebook 08 (**in a lab only**; fencing adds its own time to a node failover, about a
    second with a fast device).
    """),
    code("""
    from halab_graders import lab_site
    site = lab_site(lab)   # a free address of the nodes' network (notebook 05)
    SETUP = [
        "pcs property set stonith-enabled=false",
        f"pcs resource create vip ocf:heartbeat:IPaddr2 ip={site.address} cidr_netmask={site.netmask}"
        " op monitor interval=10s",
        "pcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf"
        " statusurl=http://localhost/server-status op monitor interval=20s",
        "pcs resource group add webgroup vip web",
    ]
    lab.wait_until(lambda state: state.dc is not None and all(n.status == "online" for n in state.nodes), 60)
    for command in SETUP:
        lab.run(first, command)
    lab.wait_until(lambda state: state.resource("web").nodes != (), 30)
    lab.advance("10s")
    holder = lab.state().resource("web").nodes[0]
    print("webgroup runs on", holder)
    """),
    md("""
    ## A node crashes: detection, decision, recovery

    When the node running the service crashes, nothing happens at first: the survivors wait for
    the **token** (3 s configured, 3.65 s at runtime on 3 nodes) and the **consensus** round before
    they install a membership without it (**detection**, about 8 s by default: notebook 02). The
    DC then computes a transition (about a second: **decision**) and starts vip, then web, on
    another node (**recovery**). The timeline folds the events into these phases:
    """),
    code("""
    crashed_at = lab.now
    lab.crash(holder)
    lab.advance("20s")
    for phase in lab.timeline().intervals():
        print(f"{phase.phase:<10} {phase.fault:<14} {phase.start:7.2f} s -> {phase.end:7.2f} s  ({phase.duration:.2f} s)")
    frame = lab.events_frame()
    frame[(frame.time >= crashed_at) & frame.kind.isin(["fault_injected", "membership_changed", "action_finished"])][
        ["time", "node", "message"]]
    """),
    md("""
    ## Exercise 1 · measure the failover (2 points)

    From the events above, compute in `failover_seconds` the time from the crash to the **end of
    web's start** on the new node (a number, computed from `frame`, not typed in). The check
    repeats the experiment on a fresh simulated cluster (seed 0, the setup above); on real nodes
    the Check button compares with your own lab's timeline instead, since a real failover takes
    its own time (grading always repeats it on the simulator, so on real nodes the test cell below
    may say NOT YET to a right measurement: a real failover spreads over seconds from one crash to
    the next, as the prediction cell at the end of this notebook shows).
    """),
    solution("ex-measure", """
    ### BEGIN SOLUTION
    crash_time = frame[frame.message.str.startswith("fault injected: crash")].time.iloc[-1]
    web_started = frame[(frame.time > crash_time)
                        & frame.message.str.startswith("result of start operation for web")].time.iloc[-1]
    failover_seconds = web_started - crash_time
    ### END SOLUTION
    """),
    code("""
    # on real nodes the Check compares with your own timeline; grading always repeats the run on the simulator
    check_button("failover.measured_failover", lambda: failover_seconds,
                 real_nodes_seconds=None if lab.kind == "sim" else checks.own_failover_seconds(lab))
    """),
    graded("test-measure", 2, "failover.measured_failover", "failover_seconds"),
    md("""
    ## A process dies: only a monitor notices

    Corosync knows nothing about apache. If the web server dies on a healthy node, the cluster
    learns it at the next **monitor** of `web` (every 20 s here), then stops and starts it: a
    *recovery* in place. Each failure adds one to the resource's **fail count** on that node.
    """),
    code("""
    where = lab.state().resource("web").nodes[0]
    lab.fail_resource("web", where)
    lab.advance("30s")
    print(lab.run(where, "crm_mon -1 -f").output)   # on the node running web: the crashed one may still be down
    """),
    see("""
    web restarted where it was (a failed monitor is recovered in place first), one failure counted
    against that node, and the failed action that counted it:
    """, "* web (ocf:heartbeat:apache): Started node2", "web: migration-threshold=1000000 fail-count=1",
        "* web 20s-interval monitor on node2 returned 'not running'"),
    md("""
    ## migration-threshold and failure-timeout

    By default a resource is restarted where it failed, forever. The meta attribute
    **migration-threshold** = N moves it away once its fail count on a node reaches N (the node is
    banned for it until the count is cleared with `pcs resource cleanup`). **failure-timeout** makes
    the cluster forget a failure after that long, so a node that failed once last month is not
    held against it. Set both with, for instance, `pcs resource meta web migration-threshold=5
    failure-timeout=1h` (units: `s`, `min`, `h`). The names are spelt with dashes: pcs stores
    `migration_threshold=5` without a word, and Pacemaker never reads it.

    When does the cluster notice that a failure has expired? Older Pacemaker versions only looked
    again at each **`cluster-recheck-interval`** (15 minutes by default), so a 2-minute
    `failure-timeout` could take 17 minutes. Pacemaker 2.1.5 (and the simulator, which follows it)
    computes when the next failure expires and re-checks at that moment: the fail count is erased
    and the resource may return to its preferred node at once. `cluster-recheck-interval` remains a
    fail-safe and the rhythm of rules with date specifications: keep it at minutes, not hours.
    """),
    md("""
    ## Exercise 2 · two strikes (2 points)

    Write in `threshold_commands` the command(s) so that `web` is **restarted in place** after its
    first failure on a node and **moves to another node** at its second failure there. The check
    kills web twice on a fresh cluster built with the setup above.
    """),
    *exercise("threshold", 2, check="failover.migration_policy", answer="threshold_commands", hidden=(dict(seed=6),),
              source='''
    ### BEGIN SOLUTION
    threshold_commands = "pcs resource meta web migration-threshold=2"
    ### END SOLUTION
    '''),
    md("""
    ## Exercise 3 · three strikes, forgiven after two minutes (2 points)

    A fresh cluster runs `webgroup` as above, with `pcs constraint location webgroup prefers node1=100`.
    Write in `forgive_commands` the command(s) so that web is **restarted in place** after its first
    and second failure on node1, **moves away** at the third, and **comes back to node1 by itself**
    once those failures are forgotten, **2 minutes after the last one**. The check kills web three
    times, then watches the fail count expire (`crm_mon -1f`) and web come home. Try your commands
    first on a simulated copy: `trial = checks.failover_lab()`, then `trial.fail_resource("web",
    "node1")`, `trial.advance("40s")`, `trial.run("node1", "crm_mon -1f")`.
    """),
    *exercise("forgive", 2, check="failover.forgiven_failures", answer="forgive_commands", hidden=(dict(seed=3),),
              source='''
    ### BEGIN SOLUTION
    forgive_commands = "pcs resource meta web migration-threshold=3 failure-timeout=2min"
    ### END SOLUTION
    '''),
    md("""
    ## Exercise 4 · a recovery-time goal (3 points)

    The service must be back **within 7 s** after its node crashes, and **within 7 s** after its web
    server dies (even right after a monitor ran). Choose the totem `token` (in ms, at least 1000:
    notebook 02 explains why shorter is unsafe) and web's monitor interval (whole seconds), and store
    them in `fast_design = {"token_ms": ..., "monitor_seconds": ...}`. Try your design first with
    `checks.failover_lab(token_ms=..., monitor_seconds=...)` and the crash experiment above.
    """),
    *exercise("fast", 3, check="failover.fast_recovery", answer="fast_design", hidden=(dict(seed=2),),
              source="""
    ### BEGIN SOLUTION
    fast_design = {"token_ms": 1000, "monitor_seconds": 4}
    ### END SOLUTION
    """),
    md("""
    ## Exercise 5 · the price of speed (2 points, graded by your instructor)

    A monitor every second and a 1000 ms token make failover fast. What do they cost? Name one risk
    of each, and say when you would set `failure-timeout` and when you would rather leave it unset.
    """),
    written("written-speed", 2, """
    A very frequent monitor loads the node and the service, and a monitor that is slow under load may
    time out and count as a failure, causing needless restarts. A short token makes a short network
    hiccup or a paused VM look like a crash: the node is removed (and fenced), an outage caused by the
    cluster itself. failure-timeout suits transient failures (a restart fixed it, the node is fine);
    leave it unset when failures point at a broken node, so the resource is not sent back to it until
    a human has looked and run pcs resource cleanup.
    """),
    *prediction_cells("crashes the node running a resource", RESOURCE_HOLDER, '"crash", target'),
]

NOTEBOOK = Notebook(
    assignment="07-failover-timing",
    filename="failover-timing.ipynb",
    cells=CELLS,
    wrong_answers={
        # one strike: moves away at the first failure
        "ex-threshold": '''
        threshold_commands = "pcs resource meta web migration-threshold=1"
        ''',
        # three strikes, but never forgiven: node1 stays banned until someone runs pcs resource cleanup
        "ex-forgive": '''
        forgive_commands = "pcs resource meta web migration-threshold=3"
        ''',
    },
    cases=(
        right("failover.measured_failover", 10.66),
        right("failover.measured_failover", 10.8),
        wrong("failover.measured_failover", 8.06, "not within 0.3 s of"),
        wrong("failover.measured_failover", 25.0, "more than twice"),
        right("failover.migration_policy", "pcs resource meta web migration-threshold=2"),
        right("failover.migration_policy", "pcs resource defaults update migration-threshold=2"),
        wrong("failover.migration_policy", "pcs resource meta web migration-threshold=1", "first failure"),
        wrong("failover.migration_policy", "pcs resource meta web migration-threshold=5", ""),
        right("failover.forgiven_failures", "pcs resource meta web migration-threshold=3 failure-timeout=2min"),
        right("failover.forgiven_failures", "pcs resource meta web migration-threshold=3 failure-timeout=120s"),
        wrong("failover.forgiven_failures", "pcs resource meta web migration-threshold=3", "still 3"),
        wrong("failover.forgiven_failures", "pcs resource meta web migration-threshold=3 failure-timeout=60s",
              "forgiven too soon"),
        right("failover.fast_recovery", {"token_ms": 1000, "monitor_seconds": 4}),
        right("failover.fast_recovery", {"token_ms": 1000, "monitor_seconds": 3}),
        wrong("failover.fast_recovery", {"token_ms": 3000, "monitor_seconds": 4}, "crash of its node"),
        wrong("failover.fast_recovery", {"token_ms": 1000, "monitor_seconds": 10}, "process died"),
        wrong("failover.fast_recovery", {"token_ms": 200, "monitor_seconds": 4}, ""),
    ),
    tricks=(
        # a fake real-node lab, so that the check would read "its own timeline" (and a wrong number)
        Trick("ex-measure", """
        from types import SimpleNamespace
        lab = SimpleNamespace(kind="ssh", events=[], run=lambda *args: None)
        failover_seconds = 3.0
        """, ("test-measure",)),
    ),
    topics=(
        Topic('failover timing: detection, decision, recovery', 'A node crashes', ('test-measure', 'test-fast', 'written-speed')),
        Topic('failures: migration-threshold, failure-timeout', 'A process dies, migration-threshold and failure-timeout', ('test-threshold', 'test-forgive')),
    ),
)
