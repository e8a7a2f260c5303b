"""12 connectivity: a ping clone measures each node's uplink; a location rule keeps the service where the network is."""

from cells import Notebook, Topic, code, exercise, md, right, see, written, wrong
from common import backend_cells

_OFFICE = "pcs constraint location web rule score=100 date-spec hours=8-17 weekdays=1-5 and '#uname' eq node2"
_RECHECK = "pcs property set cluster-recheck-interval=5min\n"
_PING = ("pcs resource create ping ocf:pacemaker:ping host_list=10.200.0.1 multiplier=1000 dampen=5s "
         "op monitor interval=10s clone")

CELLS = [
    md("""
    # 12 · Connectivity: ping clones and location rules

    **Learning objectives.** After this notebook you can
    - run `ocf:pacemaker:ping` as a **clone** (one instance per node) and read the node
      attribute it maintains (`pingd`) with `crm_attribute`;
    - write a location **rule** on a node attribute (`pcs constraint location ... rule ...`);
    - tell a rule that moves a service away from a node that lost its uplink from one that
      stops the service everywhere when the router itself dies;
    - write a time-based rule (`date-spec`) and say when Pacemaker acts on it.
    """),
    *backend_cells("connectivity"),
    md("""
    ## Corosync cannot see the uplink

    Corosync watches the links *between the nodes*. A node whose cable to the router broke is
    still a healthy member, and the service it runs is unreachable for every client. The
    `ocf:pacemaker:ping` agent measures what the cluster cannot: on each monitor it pings the hosts
    of `host_list` and sets `pingd` = `multiplier` × the number that answered (written `dampen`
    after it last changed, so a short flap does not move anything: below). Run as a clone, it
    measures every node.

    A target that does not answer also costs time: the agent sends `attempts` echoes (3), one a
    second, then waits for an answer that never comes: by default the monitor's timeout divided
    among hosts and attempts, less 10% (one target, a monitor without `timeout`, so 20 s: 2 s of
    echoes, then 6 s of waiting). So a node notices a cut uplink up to an interval, a lost ping
    and the `dampen` after the cut.
    """),
    code("""
    lab.wait_until(lambda state: state.dc is not None and all(n.status == "online" for n in state.nodes), 60)
    for command in ["pcs property set stonith-enabled=false",
                    "pcs resource create ping ocf:pacemaker:ping host_list=10.200.0.1 multiplier=1000 dampen=5s"
                    " op monitor interval=10s clone",
                    "pcs resource create web ocf:pacemaker:Dummy"]:
        print(lab.run(first, command).output)
    lab.advance("60s")
    for node in lab.node_names:
        print(node, "pingd =", lab.run(node, f"crm_attribute -N {node} -n pingd -l reboot -G -q").stdout.strip())
    """),
    see("""
    `pingd = 1000` on every node: each reaches its one target.
    """, 'node1 pingd = 1000', 'node2 pingd = 1000', 'node3 pingd = 1000'),
    md("""
    ## A rule on the attribute

    A location constraint can hold a **rule** instead of a node name: the score applies on every
    node where the rule's expression is true. The classic one, in most tutorials, forbids every
    node without an uplink:

    ```sh
    pcs constraint location web rule score=-INFINITY pingd lt 1 or not_defined pingd
    ```

    A rule can also *prefer* instead of forbid (a positive `score=`), and with `score-attribute=NAME`
    in place of `score=...` each node where the rule holds gets the value of its own attribute
    `NAME` as its score. Remember that a resource may run only where its score is **not negative**. Try the first: cut the
    uplink of the node running web (the simulator cuts it with `checks.cut_uplink(lab, node)`; on
    real nodes a firewall rule does):
    """),
    code("""
    print(lab.run(first, "pcs constraint location web rule score=-INFINITY pingd lt 1 or not_defined pingd").output)
    lab.advance("20s")
    placed = lab.state().resource("web").nodes
    if not placed:  # real nodes that cannot reach 10.200.0.1 (or have no ping binary): pingd is 0 or undefined everywhere
        print("web runs nowhere: the rule forbids every node. Read pingd above and the ping clone in crm_mon -1")
    else:
        holder = placed[0]
        print("web on", holder)
    if placed and lab.kind == "sim":
        checks.cut_uplink(lab, holder)
        lab.advance("45s")
        print(holder, "pingd =", lab.run(holder, f"crm_attribute -N {holder} -n pingd -l reboot -G -q").stdout.strip())
        print("web now on", lab.state().resource("web").nodes)
        checks.heal_uplinks(lab)
    """),
    see("""
    web on the node that lost its uplink, then `pingd = 0` there and web on another node.
    `crm_simulate -sL` (notebook 06) shows the scores the rule gave each node. Before you use this
    rule, ask what it does when *every* node loses its uplink at once.
    """, 'web on node1', 'node1 pingd = 0', "web now on ('node2',)"),
    md("""
    ## Dampening: when the attribute changes

    `dampen` is applied by the attribute daemon, not by the agent: each start or monitor hands
    pacemaker-attrd its score at once (`attrd_updater -n pingd -v SCORE -d DAMPEN`, `-B` at a start), and attrd
    writes it to the CIB status, where rules read it, only `dampen` after the attribute last
    changed. Every different value restarts the attribute's timer, one per attribute and shared by
    all nodes (another node's change delays this one's write too, and one write carries them all);
    a value back to the written one before the timer runs out writes nothing new. So a cut uplink
    reaches the scheduler up to a monitor interval, the lost pings and `dampen` after the cut, and a
    flap that ends within `dampen` never reaches it. Stopping the clone deletes the attribute the
    same way, `dampen` later.
    The same cut, with `dampen=0` and with `dampen=20s`:
    """),
    code("""
    def pingd_on_node1(trial):
        return trial.run("node1", "crm_attribute -N node1 -n pingd -l reboot -G -q").stdout.strip() or "(not set)"

    for dampen in ("0", "20s"):
        trial = checks.connectivity_lab("pcs resource create ping ocf:pacemaker:ping host_list=10.200.0.1"
                                        f" multiplier=1000 dampen={dampen} op monitor interval=10s clone")
        checks.cut_uplink(trial, "node1")  # a lasting cut
        cut = trial.now
        while pingd_on_node1(trial) != "0" and trial.now - cut < 120:
            trial.advance(1)
        print(f"dampen={dampen}: a lasting cut: pingd = 0 on node1 {trial.now - cut:.0f} s after it")
        checks.heal_uplinks(trial)
        trial.advance("60s")
        checks.cut_uplink(trial, "node1")  # a flap: 12 s, one monitor sees it
        readings = [pingd_on_node1(trial)]
        for second in range(60):
            if second == 12:
                checks.heal_uplinks(trial)
            trial.advance(1)
            if pingd_on_node1(trial) != readings[-1]:
                readings.append(pingd_on_node1(trial))
        print(f"dampen={dampen}: a 12 s cut: pingd read", " then ".join(readings))
    """),
    see("""
    the monitor that saw the cut handed attrd 0 about ten seconds after it, and the CIB changed then with
    `dampen=0`, 20 s later with `dampen=20s`; the 12 s flap moved `pingd` to 0 and back without
    dampening, and not at all with it.
    """, "dampen=0: a lasting cut: pingd = 0 on node1 11 s after it",
        "dampen=0: a 12 s cut: pingd read 1000 then 0 then 1000",
        "dampen=20s: a lasting cut: pingd = 0 on node1 31 s after it",
        "dampen=20s: a 12 s cut: pingd read 1000"),
    md("""
    ## When the ping resource itself fails: `failure_score`

    By default (`failure_score` unset, 0) a node without an uplink keeps a healthy ping resource
    that reports `pingd = 0`. With `failure_score=N`, a start or monitor whose score is below `N`
    still hands attrd its score, then returns an error (the agent logs `WARNING: pingd is less than
    failure_score(N)`). Pacemaker recovers the instance: a stop (which deletes `pingd`, dampened),
    then a start, which pings again and fails again; a failed start is fatal by default
    (`start-failure-is-fatal=true`), so the clone instance stays stopped on that node and `pingd`
    is **not defined** there: a rule that reads `pingd` must say what an undefined one means.
    It stays stopped after the uplink comes back, until `pcs resource cleanup ping` (or a
    `failure-timeout` on the clone):
    """),
    code("""
    strict = checks.connectivity_lab("pcs resource create ping ocf:pacemaker:ping host_list=10.200.0.1"
                                     " multiplier=1000 dampen=20s failure_score=1000 op monitor interval=10s clone")

    def ping_status(trial, when):
        lines = [line.strip() for line in trial.run("node1", "crm_mon -1").output.splitlines()
                 if "Started:" in line or "ping start" in line]
        print(f"{when}: node1 pingd = {pingd_on_node1(trial)};", "; ".join(lines))

    def journal(trial):
        return trial.run("node1", "journalctl --no-pager").stdout.splitlines()

    before = len(journal(strict))
    checks.cut_uplink(strict, "node1")
    strict.advance("60s")
    ping_status(strict, "cut")
    print("\\n".join(line for line in journal(strict)[before:] if "ping" in line))
    checks.heal_uplinks(strict)
    strict.advance("60s")
    ping_status(strict, "healed")
    strict.run("node1", "pcs resource cleanup ping")
    strict.advance("60s")
    ping_status(strict, "after cleanup")
    """),
    see("""
    the monitor that saw the cut failed, the recovery's start failed too and the instance on node1
    stopped, its `pingd` deleted; back only after the cleanup:
    """, "WARNING: pingd is less than failure_score(1000)", "Actions: Recover    ping:0     ( node1 )",
        "Actions: Stop       ping:0     ( node1 )  due to node availability",
        "cut: node1 pingd = (not set); * Started: [ node2 node3 ]",
        "healed: node1 pingd = (not set); * Started: [ node2 node3 ]",
        "after cleanup: node1 pingd = 1000; * Started: [ node1 node2 node3 ]"),
    md("""
    ## Exercise 1 · read the attribute (1 point)

    A ping clone pings **two** targets, `host_list="10.200.0.1 10.200.0.2"`, with
    `multiplier=1000`. node1 loses its route to `10.200.0.2` only. What does `pingd` read on node1
    a minute later? Try it: `trial = checks.connectivity_lab('pcs resource create ping
    ocf:pacemaker:ping host_list="10.200.0.1 10.200.0.2" multiplier=1000 dampen=5s clone')`,
    `checks.cut_uplink(trial, "node1", "10.200.0.2")`, `trial.advance("60s")`, then read it with
    `crm_attribute`. Store the number in `pingd_after_cut`.
    """),
    *exercise("pingd", 1, check="connectivity.pingd_value", answer="pingd_after_cut", source="""
    ### BEGIN SOLUTION
    trial = checks.connectivity_lab('pcs resource create ping ocf:pacemaker:ping host_list="10.200.0.1 10.200.0.2"'
                                    ' multiplier=1000 dampen=5s clone')
    checks.cut_uplink(trial, "node1", "10.200.0.2")
    trial.advance("60s")
    pingd_after_cut = int(trial.run("node1", "crm_attribute -N node1 -n pingd -l reboot -G -q").stdout)
    ### END SOLUTION
    """),
    md("""
    ## Exercise 2 · follow the network, survive the router (3 points)

    On a fresh cluster holding `web` (a Dummy, fencing off), write in `connectivity_commands` the
    commands that create the ping clone (target `10.200.0.1`) and a location rule for web, such
    that web **leaves a node that lost its uplink within 45 s**, whenever the cut comes (the check
    cuts it just after a monitor began, the worst moment), and **keeps running somewhere** when
    the router itself goes down (every node loses its uplink at once: no node is better).
    """),
    *exercise("uplink", 3, check="connectivity.uplink_rule", answer="connectivity_commands",
              hidden=(dict(seed=4),), source='''
    ### BEGIN SOLUTION
    connectivity_commands = """
    pcs resource create ping ocf:pacemaker:ping host_list=10.200.0.1 multiplier=1000 dampen=5s op monitor interval=10s clone
    pcs constraint location web rule score-attribute=pingd defined pingd
    """
    ### END SOLUTION
    '''),
    md("""
    ## Rules on time

    A rule can test the date as well as a node attribute: `date-spec` matches hours, weekdays,
    monthdays, months... Below, web prefers node1 (50), but during office hours (`hours=9-16`:
    9:00 to 16:59, `weekdays=1-5`: Monday to Friday) node2 scores 100, say because the office's
    batch jobs run there. The simulated clock starts on Monday 5 January 2026 at 09:00.

    Pacemaker acts on a rule only when it recomputes the cluster: after an event, and at the
    latest every `cluster-recheck-interval` (Pacemaker Explained: rules with `date_spec` are only
    guaranteed to be checked that often). With the default 15 minutes a move at 17:00 may come
    up to 15 minutes late; this cluster rechecks every 5 minutes:
    """),
    code("""
    timed = Lab.simulated(nodes=3, seed=0)
    timed.wait_until(lambda state: state.dc is not None, 60)
    for command in ["pcs property set stonith-enabled=false", "pcs property set cluster-recheck-interval=5min",
                    "pcs resource create web ocf:pacemaker:Dummy", "pcs constraint location web prefers node1=50",
                    "pcs constraint location web rule score=100 date-spec hours=9-16 weekdays=1-5 and '#uname' eq node2"]:
        timed.run("node1", command)
    for wait in ("20s", "8h"):
        timed.advance(wait)
        print(timed.run("node1", "crm_mon -1").output.splitlines()[4].strip(), "web on", timed.state().resource("web").nodes)
    print(timed.run("node1", "pcs constraint location config --full").output)
    """),
    see("""
    web on node2 during office hours, on node1 once 17:00 has passed (at the first recheck after
    it), and the rule as pcs shows it:
    """, "Last updated: Mon Jan 5 09:00:40 2026 web on ('node2',)",
        "Last updated: Mon Jan 5 17:00:40 2026 web on ('node1',)", "Date Spec: hours=9-16 weekdays=1-5"),
    md("""
    ## Exercise 3 · office hours, to the minute (2 points)

    The batch jobs now start earlier: web must run on **node2 on weekdays (Monday to Friday) from
    08:00 to 17:59**, and on node1 at every other time, weekends included. The check builds a
    fresh 3-node cluster holding only web and `prefers node1=50` (fencing off, every cluster option
    at its default), runs your commands on Monday at 09:07, lets a simulated week pass and reads
    where web runs: on the right node **at most 5 minutes** after each 08:00 and each 18:00 (in any
    week, not only this one: whenever the cluster's rechecks fall), and on
    node2 because your rule prefers it (node2 ahead of node3 in `crm_simulate -Ls`), not by
    Pacemaker's tie-break. Write the commands in `window_commands`.
    """),
    *exercise("office-hours", 2, check="connectivity.office_hours", answer="window_commands", hidden=(dict(seed=5),),
              source='''
    ### BEGIN SOLUTION
    window_commands = [
        "pcs property set cluster-recheck-interval=5min",
        "pcs constraint location web rule score=100 date-spec hours=8-17 weekdays=1-5 and '#uname' eq node2",
    ]
    ### END SOLUTION
    '''),
    md("""
    ## Exercise 4 · when forbidding is right (2 points, graded by your instructor)

    The `-INFINITY` rule is in many tutorials. When is stopping the service everywhere the right
    thing to do, and what would you add to the cluster so that "no node has an uplink" is told
    apart from "the router is down"?
    """),
    written("written-forbid", 2, """
    Forbidding is right when a service without its network does harm, not just nothing: it accepts
    writes it cannot replicate, holds locks others wait for, or a second site takes over on its
    own. Pinging several independent targets (two routers, a host on each uplink) with a
    multiplier tells one dead target from a dead uplink; a quorum device or a second network (a
    redundant corosync link) tells a node cut off from one with a broken router.
    """),
]

NOTEBOOK = Notebook(
    assignment="12-connectivity",
    filename="connectivity.ipynb",
    cells=CELLS,
    wrong_answers={
        # the tutorial rule: moves away from a node that lost its uplink, and stops web everywhere when the router dies
        # the rule of the demo with the new hours: right on time at 08:00, but moved back only at the first
        # recheck after 18:00, up to 15 minutes late
        "ex-office-hours": """
        window_commands = "pcs constraint location web rule score=100 date-spec hours=8-17 weekdays=1-5 and '#uname' eq node2"
        """,
        "ex-uplink": """
        connectivity_commands = [
            "pcs resource create ping ocf:pacemaker:ping host_list=10.200.0.1 multiplier=1000 dampen=5s clone",
            "pcs constraint location web rule score=-INFINITY pingd lt 1 or not_defined pingd",
        ]
        """,
    },
    cases=(
        right("connectivity.pingd_value", 1000),
        wrong("connectivity.pingd_value", 2000, "not what node1's pingd reads"),
        wrong("connectivity.pingd_value", 0, "not what node1's pingd reads"),
        right("connectivity.uplink_rule", _PING + "\npcs constraint location web rule score-attribute=pingd defined pingd"),
        right("connectivity.uplink_rule", _PING + "\npcs constraint location web rule score=200 pingd gt 0"),
        wrong("connectivity.uplink_rule", _PING + "\npcs constraint location web rule score=-INFINITY pingd lt 1 or "
              "not_defined pingd", "dead router took the whole service"),
        wrong("connectivity.uplink_rule", _PING + "\npcs constraint location web rule score=-1000 pingd lt 1 or "
              "not_defined pingd", "dead router took the whole service"),
        wrong("connectivity.uplink_rule", _PING, "lost its uplink"),
        wrong("connectivity.uplink_rule", _PING.replace(" clone", "") + "\npcs constraint location web rule "
              "score-attribute=pingd defined pingd", "not set on every node"),
        right("connectivity.office_hours", _RECHECK + _OFFICE),
        right("connectivity.office_hours", _RECHECK + _OFFICE.replace("score=100", "score=INFINITY")),
        right("connectivity.office_hours", _RECHECK + "pcs constraint location web rule score=100 '#uname' eq node2 "
              "and date-spec weekdays=1-5 hours=8-17"),
        right("connectivity.office_hours", _OFFICE + "\npcs property set cluster-recheck-interval=300s"),
        right("connectivity.office_hours", _RECHECK + "pcs constraint location web rule score=100 date-spec hours=8-17 "
              "and date-spec weekdays=1-5 and '#uname' eq node2"),
        right("connectivity.office_hours", [_RECHECK.strip().replace("5min", "2min"), _OFFICE]),
        # pcs 0.11.5 takes no ISO 8601 duration for a cluster option (the CIB would)
        wrong("connectivity.office_hours", [_RECHECK.strip().replace("5min", "PT2M"), _OFFICE],
              "not a valid cluster-recheck-interval value"),
        wrong("connectivity.office_hours", _OFFICE, "Monday 18:05 web ran on node2"),  # the default 15 min recheck
        wrong("connectivity.office_hours", "pcs property set cluster-recheck-interval=15min\n" + _OFFICE,
              "Monday 18:05 web ran on node2"),
        wrong("connectivity.office_hours", _RECHECK + _OFFICE.replace("8-17", "8-18"), "Monday 18:05 web ran on node2"),
        wrong("connectivity.office_hours", _RECHECK + _OFFICE.replace("8-17", "8-16"), "Monday 17:50 web ran on node1"),
        wrong("connectivity.office_hours", _RECHECK + _OFFICE.replace("8-17", "9-17"), "Tuesday 08:05 web ran on node1"),
        wrong("connectivity.office_hours", _RECHECK + _OFFICE.replace(" weekdays=1-5", ""),
              "Saturday 08:05 web ran on node2"),
        # two rules that leave Wednesday and Thursday out (pcs takes no list such as weekdays=1,2,5)
        wrong("connectivity.office_hours", _RECHECK + _OFFICE.replace("1-5", "1-2") + "\n" + _OFFICE.replace("1-5", "5"),
              "on Wednesday 12:00 web ran on node1"),
        wrong("connectivity.office_hours", _RECHECK + _OFFICE.replace("1-5", "1-6"), "Saturday 08:05 web ran on node2"),
        wrong("connectivity.office_hours", _RECHECK + _OFFICE.replace("1-5", "0-4"), "failed on node1"),
        wrong("connectivity.office_hours", _RECHECK + _OFFICE.replace("score=100", "score=40"),
              "Monday 09:10 web ran on node1"),  # node1's 50 still wins
        wrong("connectivity.office_hours", _RECHECK + _OFFICE.replace(" and '#uname' eq node2", ""),
              "Monday 09:10 web ran on node1"),  # the same score on every node changes nothing
        wrong("connectivity.office_hours", _RECHECK + "pcs constraint location web prefers node2=100",
              "Monday 18:05 web ran on node2"),
        wrong("connectivity.office_hours", "pcs property set cluster-recheck-interval=0\n" + _OFFICE,
              "Monday 18:05 web ran on node2"),  # 0 turns the periodic recheck off
        wrong("connectivity.office_hours", _RECHECK + _OFFICE + "\npcs resource defaults update resource-stickiness=100",
              "Monday 09:10 web ran on node1"),  # stickiness keeps web where it is: 50 + 100 beat the rule's 100
        wrong("connectivity.office_hours", _RECHECK + _OFFICE.replace("'#uname'", "#uname"),
              "not a valid rule expression"),  # unquoted, the shell reads #uname... as a comment
        wrong("connectivity.office_hours", _RECHECK + "pcs constraint location web rule score=100 date in_range "
              "2026-01-05T08:00:00 to 2026-01-05T17:59:59 and '#uname' eq node2", "Tuesday 08:05 web ran on node1"),
        right("connectivity.office_hours", _RECHECK + _OFFICE.replace("hours=8-17", "hours=08-17")),
        right("connectivity.office_hours", "crm_attribute -t crm_config -n cluster-recheck-interval -v 5min\n" + _OFFICE),
        right("connectivity.office_hours", _RECHECK + "cibadmin --create -o constraints --xml-text '"
              '<rsc_location id="web-office" rsc="web"><rule id="web-office-rule" score="100" boolean-op="and">'
              '<date_expression id="web-office-date" operation="date_spec"><date_spec id="web-office-spec" '
              'hours="8-17" weekdays="1-5"/></date_expression><expression id="web-office-node" attribute="#uname" '
              "operation=\"eq\" value=\"node2\"/></rule></rsc_location>'"),
        wrong("connectivity.office_hours", {"commands": [_OFFICE]}, "should be text"),  # a dict is not commands
        # a recheck every second would cost the check 600,000 recomputations: refused in bounded time
        wrong("connectivity.office_hours", "pcs property set cluster-recheck-interval=1s\n" + _OFFICE, "604,800 times"),
    ),
    topics=(
        Topic("connectivity: ping clones, node attributes, location rules", "Corosync cannot see the uplink, "
              "A rule on the attribute", ("test-pingd", "test-uplink", "written-forbid")),
        Topic("time-based rules (date-spec) and cluster-recheck-interval", "Rules on time", ("test-office-hours",)),
    ),
)
