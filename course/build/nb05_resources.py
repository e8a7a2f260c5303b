"""05 resources: agents, IPaddr2, apache, Filesystem, operations and monitors, groups."""

from cells import Notebook, Topic, code, exercise, md, right, see, written, wrong
from common import backend_cells

# answers the tests try (NOTEBOOK.cases)
_VIP = "pcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=24"
_WEB = "pcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf"
_FS = "pcs resource create fs ocf:heartbeat:Filesystem device=/dev/vdb1 directory=/srv/www fstype=ext4"

CELLS = [
    md("""
    # 05 · Resources: what the cluster keeps running

    **Learning objectives.** After this notebook you can
    - say what a **resource agent** is (OCF, systemd, stonith classes) and read its parameters;
    - create the three resources of a classic web service: a floating address (`IPaddr2`), a web
      server (`apache`) and a filesystem (`Filesystem`);
    - explain the **operations** Pacemaker runs (probe, start, stop, recurring monitor) and choose a
      monitor interval;
    - put resources in a **group** so they run together and start in order;
    - read `crm_mon -1rf`: where things run, fail counts, failed actions; clear them with
      `pcs resource cleanup`.
    """),
    *backend_cells("resources"),
    md("""
    ## Pacemaker on top of Corosync

    Corosync says who is in the cluster; **Pacemaker** decides what runs where. One node, the
    **DC** (designated controller), runs the scheduler on the cluster's configuration (the CIB)
    and tells each node what to start, stop and monitor. A freshly started cluster waits
    `dc-deadtime` (20 s) before electing the DC, as a real one does.

    The lab has no fence device yet (notebook 08). Pacemaker refuses to start anything while
    fencing is enabled and no device exists, so in this lab, **and only in a lab**, we switch it off.
    A floating address must be a **free address of the nodes' own network** (elsewhere no interface
    can carry it and IPaddr2 fails to start). `lab_site(lab)` gives one: the course's example on
    the simulator, on real nodes the `[lab]` table of your inventory (`halab rig up` writes it).
    """),
    code("""
    from halab_graders import lab_site
    site = lab_site(lab)
    print("floating address:", f"{site.address}/{site.netmask}")
    lab.advance("30s")
    print(lab.run(first, "pcs property set stonith-enabled=false").output)
    print(lab.run(first, "crm_mon -1").output)
    """),
    md("""
    ## Resource agents

    A **resource agent** is a script with a fixed interface: `start`, `stop`, `monitor` and
    `meta-data` (which describes its parameters). Pacemaker never manages a service directly: it
    calls the agent. `ocf:heartbeat:IPaddr2` reads *class* `ocf`, *provider* `heartbeat`, *type*
    `IPaddr2`. Other classes: `systemd:<unit>` (any systemd service) and `stonith:<agent>`
    (fence devices).
    """),
    code("""
    print(lab.run(first, "pcs resource agents ocf:heartbeat").output)
    print(lab.run(first, "pcs resource describe ocf:heartbeat:IPaddr2").output[:1500])
    """),
    md("""
    ## A floating address

    `IPaddr2` adds an address to whichever node runs it; clients always use that address, so
    they follow the service wherever it moves. pcs adds the agent's default operations, including
    a recurring **monitor**: every `interval`, Pacemaker asks the agent "is it still running?".
    """),
    code("%dashboard"),
    code("""
    create = f"pcs resource create vip ocf:heartbeat:IPaddr2 ip={site.address} cidr_netmask={site.netmask}"
    print(lab.run(first, create).output)
    lab.advance("5s")
    print(lab.run(first, "pcs resource config vip").output)
    print(lab.run(first, "crm_mon -1").output)
    """),
    md("""
    ## When a resource dies

    Make the address fail behind Pacemaker's back with `lab.fail_resource("vip")`: on the simulator
    the address disappears, as if someone ran `ip addr del`; on real nodes it runs
    `crm_resource --fail`, which records a failed monitor. Nothing happens until the next monitor
    notices (on the simulator); then Pacemaker
    records a **failure** (the fail count), stops and starts the resource again, here on the same
    node. `crm_mon -1rf` shows the fail count and the failed action; `pcs resource cleanup` clears
    them once you understand what happened.
    """),
    code("""
    failed_at = lab.now
    lab.fail_resource("vip")
    lab.advance("15s")
    frame = lab.events_frame()
    print(frame[(frame.time >= failed_at) & frame.kind.isin(["action_finished", "fault_injected"])][["time", "node", "message"]])
    print(lab.run(first, "crm_mon -1rf").output)
    """),
    code("""
    print(lab.run(first, "pcs resource cleanup vip").output)
    """),
    md("""
    *What the simulator simplifies:* it does not add real addresses, mount real disks or start a
    real web server; agents take their typical times (IPaddr2's and Dummy's measured on real
    nodes, apache's and Filesystem's typical) and report "not running" when a fault is injected.
    The decisions (what runs where, when it is noticed, what is restarted) are Pacemaker's rules.

    ## Exercise 1 · a monitored address (2 points)

    Write in `vip_commands` the pcs commands (one per line, as you would type them) that create
    the resource **vip** (`ocf:heartbeat:IPaddr2`: the address **10.200.0.100**, on the nodes'
    network whose prefix length is **24**; `pcs resource describe ocf:heartbeat:IPaddr2` says which
    parameter takes what), so that the
    cluster starts it again **within 15 s** whenever the address disappears. Include the
    `stonith-enabled=false` line: the check runs your commands on a fresh cluster, then removes
    the address twice and times the recovery.
    """),
    *exercise("vip", 2, check="resources.vip_monitored", answer="vip_commands", hidden=(dict(seed=4),),
              source='''
    ### BEGIN SOLUTION
    vip_commands = """
    pcs property set stonith-enabled=false
    pcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=24 op monitor interval=10s
    """
    ### END SOLUTION
    '''),
    md("""
    ## Groups: together, in order

    A web service needs its address **and** its web server on the same node, and the web server
    should start after the address exists. A **group** says both: its members run on one node,
    start in the order listed and stop in reverse. (Notebook 06 shows the same with explicit
    colocation and order constraints, and scores.)

    ```sh
    pcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=24 --group websvc
    pcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf --group websvc
    ```

    The site's files usually live on a **shared disk** that every node can reach but only one may
    mount: `ocf:heartbeat:Filesystem` mounts it where the group runs (here over apache's document
    root), before the web server starts.
    `site.disk` is the lab's shared disk (on a rig a loop device every node sees; on real nodes the
    `shared_disk` of the inventory's `[lab]` table):
    """),
    code("""
    commands = []
    if site.disk is None:
        print("these nodes have no shared disk (shared_disk in the inventory's [lab] table): the group holds the "
              "address and the web server only")
    else:
        commands.append(f"pcs resource create fs ocf:heartbeat:Filesystem device={site.disk} directory=/var/www/html"
                        " fstype=ext4 --group websvc")
    commands += [
        "pcs resource group add websvc vip",   # the address made above joins the group, after the disk
        "pcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf"
        " statusurl=http://localhost/server-status --group websvc",
    ]
    for command in commands:
        print(f"$ {command}")
        print(lab.run(first, command).output)
    lab.wait_until(lambda state: state.resource("web").nodes != (), 60)
    lab.advance("5s")
    print(lab.run(first, "crm_mon -1").output)
    state = lab.state()
    print({name: state.resource(name).nodes for name in ("fs", "vip", "web") if name in {r.id for r in state.resources}})
    """),
    see("""
    `crm_mon` lists the group `websvc` with its members (fs, then vip, then web) all `Started` on
    the **same** node, and the last line names that one node for each of them. If vip were outside
    the group it could run elsewhere: a web server without its address.
    """, "* Resource Group: websvc:", "* fs (ocf:heartbeat:Filesystem): Started node1",
        "* vip (ocf:heartbeat:IPaddr2): Started node1", "* web (ocf:heartbeat:apache): Started node1",
        "{'fs': ('node1',), 'vip': ('node1',), 'web': ('node1',)}"),
    md("""
    ## Exercise 2 · a web service that survives crashes (3 points)

    Write in `web_commands` the commands for the service **vip** (as above) + **web**
    (`ocf:heartbeat:apache`, `configfile=/etc/apache2/apache2.conf`). The check runs them on a
    fresh cluster, then crashes and restarts nodes one at a time: the service (both resources on
    one node) must come back within 30 s after each crash and never run on two nodes at once.
    """),
    *exercise("web", 3, check="resources.web_service", answer="web_commands", hidden=(dict(seed=2, campaign_seed=8),),
              source='''
    ### BEGIN SOLUTION
    web_commands = """
    pcs property set stonith-enabled=false
    pcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=24 --group websvc
    pcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf --group websvc
    """
    ### END SOLUTION
    '''),
    md("""
    ## Exercise 3 · the filesystem first (2 points)

    The site's files live on a shared disk: `ocf:heartbeat:Filesystem` with
    `device=/dev/vdb1 directory=/srv/www fstype=ext4`. Write in `fs_commands` the commands for
    **fs** and **web** such that web only ever starts on a node where fs is already mounted,
    including after crashes. The check reads the order of start operations from the events. A group
    does it; so do a colocation and an order constraint (notebook 06), and for this rule the
    colocation may name either resource first: what is checked is where and when web starts.
    """),
    *exercise("fs", 2, check="resources.filesystem_first", answer="fs_commands",
              source='''
    ### BEGIN SOLUTION
    fs_commands = """
    pcs property set stonith-enabled=false
    pcs resource create fs ocf:heartbeat:Filesystem device=/dev/vdb1 directory=/srv/www fstype=ext4 --group websvc
    pcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf --group websvc
    """
    ### END SOLUTION
    '''),
    md("""
    ## Exercise 4 · choosing a monitor interval (2 points, graded by your instructor)

    Why not monitor every second? And why not every ten minutes? Say what each choice costs, and
    what a **probe** (the one-off monitor Pacemaker runs on every node when a resource is created
    or a node joins) protects against.
    """),
    written("written-monitor-interval", 2, """
    A one-second monitor notices failures fastest but runs the agent constantly on every active
    resource (load, log noise, and false failures when a check is briefly slow); a ten-minute monitor
    is cheap but leaves a dead service unnoticed for up to ten minutes, which is downtime the cluster
    could have fixed. 10-30 s is a usual compromise. A probe finds resources already running where
    Pacemaker did not start them (started by hand or at boot), so the cluster never starts a second
    copy elsewhere.
    """),
]

NOTEBOOK = Notebook(
    assignment="05-resources",
    filename="resources.ipynb",
    cells=CELLS,
    wrong_answers={
        # a monitor once a minute: the address stays gone for most of a minute
        "ex-vip": '''
        vip_commands = """
        pcs property set stonith-enabled=false
        pcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=24 op monitor interval=60s
        """
        ''',
    },
    cases=(
        right("resources.vip_monitored", "pcs property set stonith-enabled=false\n" + _VIP + " op monitor interval=10s"),
        right("resources.vip_monitored", ["pcs property set stonith-enabled=false", _VIP + " op monitor interval=5s timeout=20s"]),
        wrong("resources.vip_monitored", "pcs property set stonith-enabled=false\n" + _VIP + " op monitor interval=60s",
              "noticed 60.0 s after"),
        wrong("resources.vip_monitored", "pcs property set stonith-enabled=false\n"
              "pcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100/24 op monitor interval=10s",
              "real IPaddr2 agent refuses"),
        wrong("resources.vip_monitored", _VIP + " op monitor interval=10s", "not running"),
        right("resources.web_service", "pcs property set stonith-enabled=false\n" + _VIP + " --group websvc\n" + _WEB
              + " --group websvc"),
        right("resources.web_service", "pcs property set stonith-enabled=false\n" + _VIP + "\n" + _WEB
              + "\npcs constraint colocation add web with vip INFINITY\npcs constraint order vip then web"),
        wrong("resources.web_service", "pcs property set stonith-enabled=false\n" + _VIP + "\n" + _WEB, ""),
        right("resources.filesystem_first", "pcs property set stonith-enabled=false\n" + _FS + " --group websvc\n" + _WEB
              + " --group websvc"),
        right("resources.filesystem_first", "pcs property set stonith-enabled=false\n" + _FS + "\n" + _WEB
              + "\npcs constraint colocation add web with fs INFINITY\npcs constraint order fs then web"),
        wrong("resources.filesystem_first", "pcs property set stonith-enabled=false\n" + _FS + "\n" + _WEB
              + "\npcs constraint colocation add web with fs INFINITY", "before fs had started"),
        wrong("resources.filesystem_first", "pcs property set stonith-enabled=false\n" + _WEB + " --group websvc\n" + _FS
              + " --group websvc", "before fs had started"),
    ),
    topics=(
        Topic('Pacemaker: resource agents, operations and monitors', 'Pacemaker on top of Corosync, Resource agents, When a resource dies', ('test-vip', 'written-monitor-interval')),
        Topic('defining resources: virtual IP, web server, filesystem; groups', 'A floating address, Groups', ('test-web', 'test-fs')),
    ),
)
