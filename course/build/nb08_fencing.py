"""08 fencing: why, devices, the two-node fence race, shared storage and what happens without fencing, SBD poison pills."""

from cells import Notebook, Topic, code, exercise, md, right, see, written, wrong
from common import RESOURCE_HOLDER, backend_cells, prediction_cells

# two devices, one per node, with room for a delay on either (NOTEBOOK.cases)
_FX = 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"'
_RACE = ("pcs stonith create fence-node1 fence_xvm pcmk_host_list=node1{}\n"
         "pcs stonith create fence-node2 fence_xvm pcmk_host_list=node2{}")

CELLS = [
    md("""
    # 08 · Fencing: make sure before you take over

    **Learning objectives.** After this notebook you can
    - explain why a cluster must **fence** (power off or cut off) a node it has lost touch with
      before it takes over that node's services;
    - create a **fence device** (`pcs stonith create ...`) and read what `crm_verify` says without one;
    - watch a crashed node being fenced before its services move, on the timeline;
    - explain the **two-node fence race** and how `pcmk_delay_base`/`pcmk_delay_max` and
      `priority-fencing-delay` decide it;
    - test a fence device with `pcs stonith fence`, and read fencing levels (topology);
    - say what happens to **shared storage** when a cluster runs without fencing.
    """),
    *backend_cells("fencing"),
    md("""
    ## Silence is not death

    When a node stops answering, the others cannot tell a crashed node from a node that is cut off
    but still running, still writing to the shared disk, still answering on the service address. If
    they started the service too, two nodes would write the same filesystem: corruption. So before
    taking over, Pacemaker **fences** the node: it asks a **fence device** (a power switch, the
    server's IPMI/iLO board, the hypervisor, a storage switch, or SBD's watchdog) to turn it off, and
    waits until the device confirms. Only then is the node *known* to be down.

    Fencing is on by default (`stonith-enabled=true`). Without any fence device Pacemaker refuses to
    start anything, and `crm_verify` explains why (a rig of `halab rig up` has its fence device
    `fence-rig` from the start: there the service simply runs):
    """),
    code("""
    from halab_graders import lab_site
    site = lab_site(lab)   # a free address of the nodes' network (notebook 05)
    SERVICE = [
        f"pcs resource create vip ocf:heartbeat:IPaddr2 ip={site.address} cidr_netmask={site.netmask}"
        " op monitor interval=10s",
        "pcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf"
        " statusurl=http://localhost/server-status op monitor interval=20s",
        "pcs resource group add webgroup vip web",
    ]
    lab.wait_until(lambda state: state.dc is not None and all(n.status == "online" for n in state.nodes), 60)
    for command in SERVICE:
        lab.run(first, command)
    lab.advance("10s")
    print(lab.run(first, "crm_verify -L -V").output)
    print("web runs on:", lab.state().resource("web").nodes)
    """),
    md("""
    ## Fence devices

    Each fence agent speaks to one kind of device: `fence_ipmilan` (a server's management board),
    `fence_xvm` and `fence_virsh` (virtual machines on a libvirt host), `fence_sbd` (a shared disk plus
    a watchdog), and many more (`pcs stonith list`). `pcmk_host_list` names the nodes a device can
    fence. The simulated lab's nodes are virtual machines, so `fence_xvm` fits. Real nodes need the
    device that really reaches them: a `fence_xvm` device without a `fence_virtd` on their host
    only fails, so on real nodes this cell keeps the device they have (the rig's `fence_rig` cuts a
    node's power through the rig).
    """),
    code("""
    nodes = " ".join(lab.node_names)
    if lab.kind == "sim":
        print(lab.run(first, f'pcs stonith create fence-xvm fence_xvm pcmk_host_list="{nodes}"').output)
    lab.advance("10s")
    print(lab.run(first, "pcs stonith config").output)
    print(lab.run(first, "pcs status").output)
    """),
    see("""
    `pcs stonith config` lists the device with its `pcmk_host_list`
    (every node), and `pcs status` shows it `Started` on one node, with `webgroup` now started too:
    with fencing enabled, Pacemaker starts nothing until a node that stops answering can be fenced.
    One management board (IPMI, iDRAC, iLO) belongs to **one** machine: with such devices you
    create one device per node, each with its own board's address.
    """, 'pcmk_host_list="node1 node2 node3"', '* web (ocf:heartbeat:apache): Started node1', '* fence-xvm (stonith:fence_xvm): Started node2'),
    md("""
    Now crash the node running the service and read the order of events: the new membership, the
    fencing ("reboot of ... ok"), and only then the starts elsewhere. The fenced node boots again
    on its own (a *reboot* fence action) and rejoins.
    """),
    code("""
    holder = lab.state().resource("web").nodes[0]
    crashed_at = lab.now
    lab.crash(holder)
    lab.advance("20s")
    frame = lab.events_frame()
    frame[(frame.time >= crashed_at) & frame.kind.isin(["fault_injected", "membership_changed", "node_fenced",
                                                         "action_finished"])][["time", "node", "message"]]
    """),
    md("""
    ## Exercise 1 · working fencing (3 points)

    A fresh 3-node cluster has fencing enabled and `webgroup` waiting (as above, before the fence
    device). Write in `fence_commands` the `pcs` command(s) that make the service start **and** make a
    crashed node be fenced before its service moves, with the service back within 20 s.
    """),
    *exercise("fence", 3, check="fencing.fence_device", answer="fence_commands", hidden=(dict(seed=8),),
              source='''
    ### BEGIN SOLUTION
    fence_commands = 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"'
    ### END SOLUTION
    '''),
    md("""
    ## Shared storage without fencing

    A two-node cluster (`two_node: 1`, notebook 03) keeps quorum on **both** sides of a network cut.
    Suppose someone disabled fencing "because it got in the way", and the cluster manages a
    filesystem on a shared disk (`fs`, ext4 on `/dev/sdb1`). ext4 is not a cluster filesystem: two
    nodes mounting it at once corrupt it within seconds.
    """),
    md("""
    ## Exercise 2 · predict the damage (1 point)

    The link between node1 and node2 is cut while `fs` is mounted on one of them. Store in
    `mounted_on` the set of nodes on which `fs` is mounted 30 s later. Predict first, then try it on
    `checks.split_pair()` (it returns the lab after the cut) with `crm_mon -1` on each node.
    """),
    *exercise("mounted", 1, check="fencing.without_fencing", answer="mounted_on",
              source="""
    ### BEGIN SOLUTION
    mounted_on = {"node1", "node2"}
    ### END SOLUTION
    """),
    md("""
    ## The two-node fence race

    With fencing on, the same cut makes **each** node try to fence the other. A fence agent sends its
    request to the board (or the hypervisor) when it starts, and the device carries it out even if the
    node that sent it is shot a moment later: two shots sent within one fence action of each other
    both land. Both nodes go down, and the service with them: a **double kill**, the total outage
    that fence delays exist to prevent. `pcmk_delay_max=5s` makes each node wait a random whole
    number of seconds below 5 (0, 1, 2, 3 or 4, drawn by fenced) before shooting. Does that keep the
    shots apart? Run the race a few times, on simulated two-node pairs (whatever cluster this
    notebook drives: a race needs a pair), and list the nodes that went down after the cut:
    """),
    code("""
    for seed in range(5):
        pair = Lab.simulated(nodes=2, seed=seed, corosync={"quorum": {"two_node": 1}})
        pair.wait_until(lambda state: state.dc is not None and all(n.status == "online" for n in state.nodes), 60)
        pair.run("node1", 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2" pcmk_delay_max=5s')
        pair.run("node1", "pcs resource create fs ocf:heartbeat:Filesystem device=/dev/sdb1 directory=/srv/data"
                          " fstype=ext4")
        pair.advance("10s")
        cut = pair.now
        pair.partition(["node1"], ["node2"])
        pair.advance("30s")
        shots = [event.message for event in pair.events if event.kind == "node_fenced" and event.time >= cut]
        down = sorted({event.node for event in pair.events if event.kind == "daemon_stopped" and event.time >= cut})
        print(f"seed {seed}: {shots}; went down: {down}; fs on {pair.state().resource('fs').nodes}")
    """),
    see("""
    in some races only node2 went down and fs runs on node1; in others **both** went down and
    fs runs nowhere, although node1 still logged its own shot as a success before node2's shot
    reached it. Random delays below 5 s did not keep the shots a whole fence action apart.
    """, "seed 0: ['reboot of node2 by node1: ok']; went down: ['node1', 'node2']; fs on ()",
        "seed 1: ['reboot of node2 by node1: ok']; went down: ['node2']; fs on ('node1',)"),
    md("""
    Each fence action waits the delay of the device used for it: `pcmk_delay_base` (fixed) plus a
    random whole number of seconds below `pcmk_delay_max`, and only a device whose `pcmk_host_list` names the target
    can fence it. With **one device per node** you choose who waits: a delay on the device that
    fences node A means that whoever wants to shoot A waits, so A shoots first and survives.
    One shared device can do the same with a per-target map, as fenced's metadata documents:
    `pcmk_delay_base="node1:0s;node2:5s"`.

    How long is long enough? A shot is not instant. `fence_ipmilan` (fence-agents 4.12) asks the
    board for the power state, then sends *power off*: the target dies there, and that is the point
    of no return (the board carries out a command it received even if its sender dies next). Only
    then does the agent wait `power_wait` (2 s), poll until the board reads off and, for a reboot,
    power on and wait again, before it reports success. On real boards both shots land when the two
    *power off* commands cross, each sent before the other lands. The simulator takes the whole fence
    action as one step (below): the shot counts as sent when the agent starts and lands when the
    action ends, so here a delayed node still fires if its agent starts within the other's action,
    and the head start must outlast the other node's **whole fence action**. Real boards need less
    (the spread in the two agents' time to *power off*), so a whole action is a safe margin there.
    Read in the log how long one fence action takes here (from `Requesting that ... perform 'reboot'`
    to `Operation 'reboot' ... returned 0`; a node shot in the race is back from its reboot a minute
    later, its journal kept):
    """),
    code("""
    pair.advance("60s")
    print("\\n".join(line for line in pair.run("node1", "journalctl --no-pager").stdout.splitlines()
                    if "Requesting that" in line or "returned 0" in line))
    """),
    md("""
    A quorum device (notebook 03) avoids the race altogether: only the node that still reaches the
    arbiter keeps quorum, so only it shoots.

    **In the simulator** a fence action takes its agent's typical time (`fence_xvm` 3 s,
    `fence_ipmilan` 4 s, not measured), its request counts as sent when the agent starts, and its
    target goes down when it ends; a shot once sent lands even when its sender is shot meanwhile, as
    on real hardware. Real power agents (`fence_ipmilan`, `fence_virsh`) cut the power early in their
    action (after a status query) and spend the rest confirming, so the simulator keeps the target
    alive longer than a real board would: it shows double kills for head starts of up to a whole
    action, where real boards show them only when the two *power off* commands cross. The checks below
    judge what the cut did on several seeds, and the delays themselves: a random draw that happened
    to favour the right node on the seeds tried is luck, not a design.
    """),
    md("""
    ## Exercise 3 · win the race on purpose (2 points)

    A two-node cluster (`two_node: 1`, fencing enabled, no fence device yet) runs `fs` with
    `pcs constraint location fs prefers node2=100`. Write in `race_commands` the `pcs stonith create`
    command(s) (agent `fence_xvm`) such that when the link between the nodes is cut, **node2, which
    runs fs, always survives**: node1 is fenced, node2 is not, and fs is not restarted. The check
    cuts the link on fresh clusters with several seeds (random delays get different draws), and
    "always" means by design: a survival that rests on a random draw, or on a head start shorter
    than a fence action (which lets both shots land in the simulator; on real boards a whole action is
    the safe margin), does not count even when every race the check plays happens to favour node2.
    """),
    *exercise("race", 2, check="fencing.fence_race", answer="race_commands", hidden=(dict(seeds=(3, 4, 5)),),
              source='''
    ### BEGIN SOLUTION
    race_commands = """
    pcs stonith create fence-node1 fence_xvm pcmk_host_list=node1
    pcs stonith create fence-node2 fence_xvm pcmk_host_list=node2 pcmk_delay_base=5s
    """
    ### END SOLUTION
    '''),
    md("""
    ## When the service moves: priority-fencing-delay

    A delay tied to a node's *name* protects that node, wherever the service runs. After a
    failover the service runs on the *other* node, and the next cut shoots the node that runs it.
    The cluster property `priority-fencing-delay` ties the delay to the **service** instead: each
    node's priority is the sum of the `priority` meta-attributes of the resources running on it,
    and when a partition holds no more than half of the nodes, fencing the node with the highest
    priority waits that long (plus any `pcmk_delay_base`/`pcmk_delay_max`). So the node running the
    important resources shoots first, whichever it is.
    """),
    code("""
    for holder in ("node1", "node2"):
        pair = Lab.simulated(nodes=2, seed=0, corosync={"quorum": {"two_node": 1}})
        pair.wait_until(lambda state: state.dc is not None and all(n.status == "online" for n in state.nodes), 60)
        for command in ['pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2"',
                        "pcs property set priority-fencing-delay=10s",
                        "pcs resource create fs ocf:heartbeat:Filesystem device=/dev/sdb1 directory=/srv/data"
                        f" fstype=ext4 meta priority=10",
                        f"pcs constraint location fs prefers {holder}=100"]:
            pair.run("node1", command)
        pair.advance("10s")
        pair.partition(["node1"], ["node2"])
        pair.advance("30s")
        shots = [event.message for event in pair.events if event.kind == "node_fenced"]
        print(f"fs on {holder} before the cut: {shots}; fs now on {pair.state().resource('fs').nodes}")
    """),
    see("""
    whichever node ran `fs`, the *other* one was rebooted and `fs` never
    moved. Give the service's resources a priority (a group's `meta priority=` applies to its
    members) and set the property; the capstone's two-node variant (notebook 10) needs it.
    """, "fs on node1 before the cut: ['reboot of node2 by node1: ok']; fs now on ('node1',)", "fs on node2 before the cut: ['reboot of node1 by node2: ok']; fs now on ('node2',)"),
    md("""
    ## Testing a fence device, and fencing levels

    Never trust a fence device you have not seen work: `pcs stonith fence NODE` asks the cluster
    to fence a node now (it reboots; `pcs stonith fence NODE --off` switches it off), and
    `stonith_admin --list-registered` lists the devices this node's fencer knows.
    """),
    code("""
    test = Lab.simulated(nodes=3, seed=0)
    test.wait_until(lambda state: state.dc is not None and all(n.status == "online" for n in state.nodes), 60)
    print(test.run("node1", 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"').output)
    test.advance("10s")
    print(test.run("node1", "stonith_admin --list-registered").output)
    print(test.run("node1", "pcs stonith fence node3").output)
    test.advance("60s")
    frame = test.events_frame()
    print(frame[frame.kind == "node_fenced"][["time", "node", "message"]].to_string(index=False))
    """),
    see("""
    `Node: node3 fenced`, and the fence event: a reboot of node3, done by another node, `ok`.
    """, 'Node: node3 fenced', 'reboot of node3 by node1: ok'),
    md("""
    ## Exercise 4 · test before you trust (1 point)

    A fresh 3-node cluster has fencing enabled and `webgroup` waiting (as in Exercise 1). Write in
    `test_commands` the commands that give it a fence device able to fence every node, and then
    **test** that device on node3: the cluster must really fence node3 through the device (a
    reboot, so that node3 comes back and rejoins on its own), fencing stays enabled, and the
    service runs at the end. The check runs your commands on node1 and reads the fencing history.
    """),
    *exercise("fence-test", 1, check="topology.fence_tested", answer="test_commands", hidden=(dict(seed=8),),
              source='''
    ### BEGIN SOLUTION
    test_commands = [
        'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"',
        "pcs stonith fence node3",
    ]
    ### END SOLUTION
    '''),
    md("""
    ### Fencing levels (topology)

    Real clusters often have two ways to fence a node: its management board (fast, but it shares
    the node's power) and a switched power strip (slower, independent). **Fencing levels**
    (*topology*) say which to try first: `pcs stonith level add 1 node1 ipmi-node1` then
    `pcs stonith level add 2 node1 pdu-node1`; level 2 is tried only when every device of level 1
    failed, and all devices of one level must succeed (`pcs stonith level add 2 node1 pdu-a,pdu-b`
    for a node with two power supplies). `pcs stonith level config` shows them.

    The simulator follows levels as fenced does. Give node3 a board as level 1 and the hypervisor's
    `fence-xvm` as level 2, make the board unreachable (`lab.break_fence_device`, or
    `%fault break-fence-device ipmi-node3`), and fence node3:
    """),
    code("""
    for command in ("pcs stonith create ipmi-node3 fence_ipmilan ip=10.0.0.53 username=admin password=secret "
                    "lanplus=1 pcmk_host_list=node3",
                    "pcs stonith level add 1 node3 ipmi-node3", "pcs stonith level add 2 node3 fence-xvm",
                    "pcs stonith level config"):
        print(test.run("node1", command).output)
    test.advance("30s")
    test.break_fence_device("ipmi-node3")     # its board no longer answers
    since = test.now
    test.run("node1", "pcs stonith fence node3")
    test.advance("60s")
    print("\\n".join(event.message for event in test.events if event.kind == "log" and event.time >= since
                    and "targeting node3 using" in event.message))
    """),
    see("""
    the two levels in `pcs stonith level config`, then `ipmi-node3`
    returning 1 (the board did not answer) and `fence-xvm`, level 2, returning 0: node3 was fenced
    all the same. Without levels fenced tries the capable devices one after another too, but levels
    let you say the order, and put several devices in one level when all must succeed (two power
    supplies). Devices that fail on their own (a board whose password expired) are for real nodes
    (`halab rig up`).
    """, 'Level 1 - ipmi-node3', 'Level 2 - fence-xvm', 'targeting node3 using ipmi-node3 returned 1', 'targeting node3 using fence-xvm returned 0'),
    md("""
    ## Exercise 5 · the board first, the hypervisor as fallback (2 points)

    A fresh 3-node cluster has fencing enabled and `webgroup` waiting (as in Exercise 1). Every node
    has a management board: `fence_ipmilan` at 10.0.0.51 (node1), 10.0.0.52 (node2) and 10.0.0.53
    (node3), `username=admin password=secret lanplus=1`; the nodes are also VMs that `fence_xvm`
    can switch off. Write in `topology_commands` the commands that create the four devices and the
    fencing levels so that a lost node is fenced by **its own board** first, and by **fence_xvm**
    only when its board does not answer. The check crashes the node running the service twice, once
    with its board working and once with it broken, and reads fenced's log lines.
    """),
    *exercise("topology", 2, check="topology.fence_topology", answer="topology_commands", hidden=(dict(seed=8),),
              source='''
    ### BEGIN SOLUTION
    topology_commands = [f"pcs stonith create ipmi-{node} fence_ipmilan ip=10.0.0.5{node[-1]} username=admin "
                         f"password=secret lanplus=1 pcmk_host_list={node}" for node in ("node1", "node2", "node3")]
    topology_commands.append('pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"')
    for node in ("node1", "node2", "node3"):
        topology_commands += [f"pcs stonith level add 1 {node} ipmi-{node}", f"pcs stonith level add 2 {node} fence-xvm"]
    ### END SOLUTION
    '''),
    md("""
    ## Poison pills: SBD on a shared disk

    Not every cluster has a management board or a hypervisor to switch nodes off. **SBD** (*storage
    based death*) needs only a small shared disk and a hardware watchdog on each node. `sbd -d DISK
    create` writes a header and one slot per node; every node's `sbd` daemon reads its own slot
    every second. `fence_sbd` fences by writing `reset` into the target's slot (a *poison pill*):
    a node that still sees the disk reads it and resets itself, one that does not is reset by its
    watchdog. The fencer cannot see that happen, so it reports success only after **msgwait**
    (10 s by default): fencing takes that much longer than with `fence_xvm`. The simulated lab has
    such a disk (real nodes need one set up by their administrator, so this runs simulated):
    """),
    code("""
    disk = "/dev/disk/by-id/halab-sbd"
    pills = Lab.simulated(nodes=3, seed=0)
    pills.wait_until(lambda state: state.dc is not None and all(n.status == "online" for n in state.nodes), 60)
    for command in (f"sbd -d {disk} create", f"pcs stonith sbd enable device={disk}", "pcs cluster stop --all"):
        pills.run("node1", command)
    pills.advance("30s")
    pills.run("node1", "pcs cluster start --all")
    pills.wait_until(lambda state: state.dc is not None and all(n.status == "online" for n in state.nodes), 90)
    for command in (f"pcs stonith create fence-sbd fence_sbd devices={disk}",
                    "pcs resource create web ocf:heartbeat:Dummy", "pcs constraint location web prefers node3"):
        pills.run("node1", command)
    pills.advance("10s")
    print(pills.run("node1", f"sbd -d {disk} dump").output)
    cut = pills.now
    pills.partition(["node3"], ["node1", "node2"])
    pills.advance("12s")
    print(pills.run("node1", f"sbd -d {disk} list").output)   # the pill in node3's slot
    pills.advance("30s")                                     # node3 reboots, rejoins, clears its slot
    for event in pills.events:
        if event.time >= cut and (event.kind in ("node_fenced", "fault_injected")
                                  or (event.kind == "action_started" and "fence" in event.message)
                                  or getattr(event, "daemon", "") == "sbd"):
            print(f"{event.time - cut:5.1f} s  {event.node or '-':6} {event.message}")
    print("web on", pills.state().resource("web").nodes)
    """),
    md("""
    node1 wrote the pill, node3 read it within a second and reset itself, but node1 waited msgwait
    before declaring node3 fenced and starting web elsewhere; node3 cleared its slot when it came
    back. `lab.detach_disk("node3")` takes the
    disk away from one node: it then lives on only while its partition is quorate ("surviving on
    pacemaker" in its journal), and resets itself through the watchdog when it loses quorum too.
    """),
    md("""
    ## Exercise 6 · quorum and fencing (2 points, graded by your instructor)

    A colleague says: "our 3-node cluster has quorum, so we do not need fencing: the minority stops
    its services anyway." Give two situations in which quorum alone does not protect the data, and
    say what fencing does in each.
    """),
    written("written-fencing", 2, """
    (1) A node that hangs (kernel stall, paused VM, I/O freeze) and later resumes: it still believes it
    owns the filesystem and writes before it notices it lost quorum; fencing powers it off before the
    others take over. (2) A resource whose stop fails or times out on the minority node: without
    fencing the cluster cannot know it stopped and must block the service (or risk running it twice);
    with fencing it powers the node off and recovers. Also the minority needs time to notice and stop,
    while the majority may already start: fencing makes the takeover wait until the node is known off.
    """),
    *prediction_cells("crashes the node running a resource (fencing then reboots it)", RESOURCE_HOLDER, '"crash", target'),
]

NOTEBOOK = Notebook(
    assignment="08-fencing",
    filename="fencing.ipynb",
    cells=CELLS,
    wrong_answers={
        # "fencing gets in the way": the service starts, but a crashed node is never fenced
        "ex-fence": '''
        fence_commands = "pcs property set stonith-enabled=false"
        ''',
        # a random delay: some seeds still let node1 shoot node2, which runs fs
        # a clean stop of node3's cluster software: nothing about the fence device was tested
        "ex-fence-test": '''
        test_commands = ['pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"',
                         "pcs cluster stop node3"]
        ''',
        "ex-race": '''
        race_commands = 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2" pcmk_delay_max=5s'
        ''',
    },
    cases=(
        right("fencing.fence_device", 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"'),
        right("fencing.fence_device", "\n".join(f"pcs stonith create ipmi-{name} fence_ipmilan ip=10.0.0.5{index} "
                                                 f"username=admin password=secret lanplus=1 pcmk_host_list={name}"
                                                 for index, name in enumerate(("node1", "node2", "node3")))),
        wrong("fencing.fence_device", "pcs property set stonith-enabled=false", "nobody fenced it"),
        wrong("fencing.fence_device", 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2"',
              "no fence device can fence node3"),
        wrong("fencing.fence_device", 'pcs stonith create ipmi fence_ipmilan ip=10.0.0.50 username=admin password=secret '
              'lanplus=1 pcmk_host_list="node1 node2 node3"', "management board at 10.0.0.50"),
        right("topology.fence_tested", f"{_FX}\npcs stonith fence node3"),
        right("topology.fence_tested", f"{_FX}\nstonith_admin --reboot node3"),
        right("topology.fence_tested", [_FX, "stonith_admin -B node3"]),
        right("topology.fence_tested", "".join(f"pcs stonith create ipmi-{name} fence_ipmilan ip=10.0.0.5{index} "
                                               f"username=admin password=secret lanplus=1 pcmk_host_list={name}\n"
                                               for index, name in enumerate(("node1", "node2", "node3"), start=1))
              + "pcs stonith fence node3"),
        wrong("topology.fence_tested", _FX, "node3 was never fenced"),
        wrong("topology.fence_tested", "pcs stonith fence node3", "No such device"),  # no device yet
        wrong("topology.fence_tested", f"pcs stonith fence node3\n{_FX}", "No such device"),  # the test before the device
        wrong("topology.fence_tested", f"{_FX}\npcs cluster stop node3", "node3 was never fenced"),
        wrong("topology.fence_tested", f"{_FX}\npcs node standby node3", "node3 was never fenced"),
        wrong("topology.fence_tested", f"{_FX}\npcs stonith fence node1", "you fenced node1"),
        wrong("topology.fence_tested", f"{_FX}\npcs stonith fence node3 --off", "stays off"),
        wrong("topology.fence_tested", f"{_FX}\nstonith_admin --fence node3", "stays off"),
        wrong("topology.fence_tested", 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2"\n'
              "pcs stonith fence node3", "No such device"),
        wrong("topology.fence_tested", "pcs stonith create test fence_dummy\npcs stonith fence node3", "test agent"),
        wrong("topology.fence_tested", f"{_FX}\npcs property set stonith-enabled=false\npcs stonith fence node3",
              "stonith-enabled is false"),
        wrong("topology.fence_tested", f"{_FX}\npcs stonith fence node3\npcs stonith disable fence-xvm",
              "may run on no other node"),  # tested, then put away: nothing fences any more
        wrong("topology.fence_tested", f"{_FX}\npcs stonith fence node2", "you fenced node2"),
        wrong("topology.fence_tested", f'{_FX}\necho "PASSED 08.fence-test"', ""),  # a forged verdict line
        wrong("topology.fence_tested", [_FX, ["pcs stonith fence node3"]], "should be text"),  # a nested list
        # a device for node3 alone: its test works, but nothing could fence node1 or node2
        wrong("topology.fence_tested", "pcs stonith create fence-n3 fence_xvm pcmk_host_list=node3\npcs stonith fence node3",
              "no fence device can fence node1, node2"),
        # one board address copied for every node: the test of node3 would reset the wrong machine
        wrong("topology.fence_tested", "".join(f"pcs stonith create ipmi-node{i} fence_ipmilan ip=10.0.0.50 username=admin "
                                               f"password=secret lanplus=1 pcmk_host_list=node{i}\n" for i in (1, 2, 3))
              + "pcs stonith fence node3", "both talk to the board at 10.0.0.50"),
        right("fencing.without_fencing", {"node1", "node2"}),
        wrong("fencing.without_fencing", {"node1"}, ""),
        wrong("fencing.without_fencing", {"node2"}, ""),
        right("fencing.fence_race", _RACE.format("", " pcmk_delay_base=5s")),
        right("fencing.fence_race", 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2" '
              'pcmk_delay_base="node1:0s;node2:5s"'),
        right("fencing.fence_race", 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2"\n'
              "pcs property set priority-fencing-delay=10s\npcs resource meta fs priority=10"),
        wrong("fencing.fence_race", 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2" pcmk_delay_max=5s',
              "both nodes were shot"),
        wrong("fencing.fence_race", _RACE.format(" pcmk_delay_base=5s", ""), "lost the race"),
        wrong("fencing.fence_race", 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2" '
              'pcmk_delay_base="node1:5s;node2:0s"', "lost the race"),
        wrong("fencing.fence_race", "pcs property set stonith-enabled=false", "nobody fenced anybody"),
    ),
    topics=(
        Topic('fencing: why, devices (one board per machine)', 'Silence is not death, Fence devices', ('test-fence', 'written-fencing')),
        Topic('shared storage without fencing', 'Shared storage without fencing', ('test-mounted',)),
        Topic('two-node fence race: pcmk_delay_base (per-target maps), pcmk_delay_max, priority-fencing-delay', 'The two-node fence race, When the service moves', ('test-race',)),
        Topic('testing fencing (pcs stonith fence), fencing levels (topology), SBD', 'Testing a fence device, and fencing levels; Poison pills', ('test-fence-test', 'test-topology')),
    ),
)
