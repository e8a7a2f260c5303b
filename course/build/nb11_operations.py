"""11 operations: timeouts, on-fail, a start that hangs, a stop that fails and the fencing it causes."""

from cells import Notebook, Topic, Trick, code, exercise, md, right, see, written, wrong
from common import backend_cells

CELLS = [
    md("""
    # 11 · Operations: timeouts, on-fail, and a stop that fails

    **Learning objectives.** After this notebook you can
    - read an operation's `interval`, `timeout` and `on-fail` in `pcs resource config`, change
      them with `pcs resource update ... op ...`, and say which operations `pcs resource op
      defaults` reaches;
    - say what Pacemaker does when a start, a monitor or a stop fails or does not answer in time;
    - explain why a failed **stop** makes the cluster fence the node, and size the operations so
      that such a failure still ends in a short outage.
    """),
    *backend_cells("operations"),
    md("""
    ## Every operation has a timeout

    Pacemaker runs three kinds of operations on a resource: `start`, `stop` and a recurring
    `monitor`. Each has a **timeout**: an agent that has not answered by then has failed. pcs gives
    every new resource the agent's advised values; `pcs resource config` shows them. An operation
    default (`pcs resource op defaults update timeout=...`) fills in only what an operation leaves
    unset: it reaches none of these. Fencing is on in this notebook, with a device for every node
    (notebook 08).
    """),
    code("""
    lab.wait_until(lambda state: state.dc is not None and all(n.status == "online" for n in state.nodes), 60)
    nodes = " ".join(lab.node_names)
    for command in [
        f'pcs stonith create fence-xvm fence_xvm pcmk_host_list="{nodes}"',
        "pcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf"
        " statusurl=http://localhost/server-status",
    ]:
        lab.run(first, command)
    lab.wait_until(lambda state: state.resource("web").nodes != (), 30)
    lab.advance("10s")
    print(lab.run(first, "pcs resource config web").output)
    """),
    see("""
    under `Operations:` a `monitor` every 10 s with a 20 s timeout, a
    `start` with a 40 s timeout and a `stop` with a 60 s timeout (apache's advised values).
    """, 'monitor: web-monitor-interval-10s interval=10s timeout=20s', 'start: web-start-interval-0s interval=0s timeout=40s', 'stop: web-stop-interval-0s interval=0s timeout=60s'),
    md("""
    ## What on-fail decides

    | `on-fail` | what Pacemaker does when the operation fails | default for |
    |---|---|---|
    | `restart` | stop the resource, start it again (here or elsewhere) | start, monitor |
    | `fence` | fence the node the operation ran on | **stop**, when fencing is enabled |
    | `block` | do nothing more with the resource: it is "unmanaged" until someone acts | stop, when fencing is disabled |
    | `stop` | stop it and leave it stopped | |
    | `standby` | move every resource off the node | |
    | `ignore` | pretend it did not fail | |

    A failed **start** also sets the fail count to INFINITY on that node
    (`start-failure-is-fatal=true`): the resource goes elsewhere. A failed **stop** is different
    in kind: the resource may still be running. Starting it elsewhere could run it twice (an
    address on two machines, a filesystem mounted twice), so Pacemaker must first be *sure* it is
    stopped, and the only way to be sure is to switch the node off. `block` (the default without
    fencing) is the safe alternative: nothing runs, an operator decides. `ignore` on a stop is
    never safe. (`on-fail=demote` is refused by the simulator: not modelled.)

    ## A start that hangs
    """),
    code("""
    if lab.kind == "sim":   # a hanging agent is a simulator fault: on real nodes, edit the agent to sleep
        holder = lab.state().resource("web").nodes[0]
        since = lab.now
        lab.fail_resource("web", holder, op="start", hang=True)   # its next start will not answer
        lab.fail_resource("web", holder)                          # and the process dies now
        lab.advance("90s")
        frame = lab.events_frame()
        print(frame[(frame.time >= since) & frame.kind.isin(["fault_injected", "action_finished", "node_fenced"])][
            ["time", "node", "message"]].to_string(index=False))
    print(lab.run(first, "crm_mon -1rf").output)
    """),
    see("""
    the monitor finds web "not running", the stop succeeds, the start on the same node times out
    after 40 s (`Timed Out`), and web starts on another node; `crm_mon` lists the failed start and
    a fail count of 1000000 (INFINITY: web may never run there again) on that node. Clear it with
    `pcs resource cleanup web` once you know why it failed.
    """, 'result of monitor operation for web on node2: not running', 'result of start operation for web on node2: Timed Out', 'result of start operation for web on node3: ok', 'web: migration-threshold=1000000 fail-count=1000000', '* web start on node2 could not be executed (Timed Out'),
    md("""
    ## A stop that hangs: fencing
    """),
    code("""
    print(lab.run(first, "pcs resource cleanup web").output)
    lab.advance("20s")
    if lab.kind == "sim":   # as above: a hanging stop is injected on the simulator only
        holder = lab.state().resource("web").nodes[0]
        since = lab.now
        lab.fail_resource("web", holder, op="stop", hang=True)    # its next stop will not answer
        lab.fail_resource("web", holder)                          # and the process dies now
        lab.advance("120s")
        frame = lab.events_frame()
        print(frame[(frame.time >= since) & frame.kind.isin(["fault_injected", "action_finished", "node_fenced"])][
            ["time", "node", "message"]].to_string(index=False))
    """),
    see("""
    the monitor notices, the stop is still running when its 60 s timeout
    ends (`Timed Out`), the DC fences the node ("reboot of ... ok"), and only then web starts
    elsewhere. The service was gone for the monitor's delay **plus the whole stop timeout**.
    """, 'result of monitor operation for web on node3: not running', 'result of stop operation for web on node3: Timed Out', 'reboot of node3 by node1: ok', 'result of start operation for web on node2: ok'),
    md("""
    ## Exercise 1 · measure the price of the defaults (2 points)

    On a fresh copy of this notebook's cluster (seed 0, pcs's default operations), web dies just
    after a monitor ran and its stop then hangs. How many seconds pass between its death and the
    end of its start on another node? Measure it with `checks.operations_lab()` (the cluster
    above, ready) and `checks.hung_stop_story(lab)` (returns when web died and where), then
    `lab.advance("180s")` and the events. Store the number in `default_recovery_seconds`.
    """),
    *exercise("default-recovery", 2, check="operations.default_recovery", answer="default_recovery_seconds",
              source="""
    ### BEGIN SOLUTION
    trial = checks.operations_lab()
    died, _ = checks.hung_stop_story(trial)
    trial.advance("180s")
    events = trial.events_frame()
    started = events[(events.time > died) & events.message.str.startswith("result of start operation for web")]
    default_recovery_seconds = float(started.time.max() - died)
    ### END SOLUTION
    """),
    md("""
    ## Exercise 2 · a shorter outage, still safe (3 points)

    Write in `operations_commands` the `pcs` command(s) that change web's operations so that when
    web dies and its stop hangs, the node is fenced and web runs on another node **within 45 s**
    of its death, while a web that dies and stops normally is back within 45 s **without anybody
    being fenced**. The check applies your commands to the cluster above and plays both stories.
    """),
    *exercise("hung-stop", 3, check="operations.hung_stop", answer="operations_commands",
              hidden=(dict(seed=5),), source='''
    ### BEGIN SOLUTION
    operations_commands = "pcs resource update web op monitor interval=10s timeout=20s op stop timeout=20s"
    ### END SOLUTION
    '''),
    md("""
    ## Exercise 3 · why not block, why not ignore? (2 points, graded by your instructor)

    A colleague proposes `on-fail=block` for web's stop ("we never want a node shot over a web
    server"), another `on-fail=ignore`. For each, say what happens to the service and to the data
    when a stop hangs, and when the first proposal is acceptable.
    """),
    written("written-block-ignore", 2, """
    With `on-fail=block` the failed stop leaves web unmanaged on that node: nobody fences, nothing
    starts elsewhere, the service stays down until an operator cleans it up; safe for data, bad for
    availability, acceptable when a human is on call and a double start would be worse than an
    outage (or without any fence device). With `on-fail=ignore` Pacemaker pretends the stop worked
    and starts web elsewhere while the old instance may still run: two web servers with the same
    address and data, the split brain fencing exists to prevent.
    """),
]

NOTEBOOK = Notebook(
    assignment="11-operations",
    filename="operations.ipynb",
    cells=CELLS,
    wrong_answers={
        # only the monitor made faster: the stop still waits its whole 60 s before fencing
        "ex-hung-stop": """
        operations_commands = "pcs resource update web op monitor interval=5s"
        """,
    },
    cases=(
        right("operations.default_recovery", 74.2),
        wrong("operations.default_recovery", 11.9, "less than half of"),
        wrong("operations.default_recovery", 131.9, "not within 0.5 s of"),
        right("operations.hung_stop", "pcs resource update web op monitor interval=10s timeout=20s op stop timeout=20s"),
        right("operations.hung_stop", "pcs resource update web op monitor interval=5s timeout=20s op stop timeout=30s"),
        right("operations.hung_stop", "pcs resource update web op stop timeout=25s on-fail=fence"),
        wrong("operations.hung_stop", "pcs resource update web op monitor interval=5s", "running again 6"),
        wrong("operations.hung_stop", "pcs resource update web op stop timeout=20s on-fail=block", "never fenced"),
        wrong("operations.hung_stop", "pcs resource update web op stop timeout=20s on-fail=ignore", "never fenced"),
    ),
    tricks=(
        # a number that claims to be right whatever it is compared with
        Trick("ex-default-recovery", """
        class AlwaysClose(float):
            def __sub__(self, other): return 0.0
            def __rsub__(self, other): return 0.0
            def __eq__(self, other): return True
            def __lt__(self, other): return False
            def __gt__(self, other): return False
        default_recovery_seconds = AlwaysClose(5.0)
        """, ("test-default-recovery",)),
    ),
    topics=(
        Topic('operation timeouts, on-fail; a start that hangs', 'Every operation has a timeout, What on-fail decides, A start that hangs', ('test-default-recovery',)),
        Topic('a failed stop leads to fencing; sizing operations', 'A stop that hangs: fencing', ('test-hung-stop', 'written-block-ignore')),
    ),
)
