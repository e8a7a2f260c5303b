"""10 capstone: design a highly available web service and survive a randomised fault campaign."""

from cells import Notebook, Topic, check_button_cell, code, exercise, graded, md, right, see, solution, written, wrong
from common import backend_cells

# the model answer, which the tests vary (NOTEBOOK.cases)
_CAPSTONE = """pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"
pcs resource create fs ocf:heartbeat:Filesystem device=/dev/sdb1 directory=/var/www/html fstype=ext4
pcs resource create vip ocf:heartbeat:IPaddr2 ip=192.168.122.200 cidr_netmask=24
pcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf statusurl=http://localhost/server-status
pcs resource group add webgroup fs vip web
pcs resource defaults update resource-stickiness=100
"""

_PAIR_SERVICE = _CAPSTONE.replace("node1 node2 node3", "node1 node2").replace(
    "pcs resource defaults update", "pcs resource meta webgroup priority=10\npcs property set priority-fencing-delay=10s\n"
    "pcs resource defaults update")

CELLS = [
    md("""
    # 10 · Capstone: a web service that survives

    **Learning objectives.** After this notebook you can
    - design a complete highly available service from an empty cluster: filesystem, address, web
      server, their order and placement, and fencing;
    - test a design the way production will: a random campaign of crashes and network cuts;
    - read a failed run (what happened, when, on which node) and fix the design, not the test;
    - argue what the design does not protect against.
    """),
    *backend_cells("capstone"),
    md("""
    ## The assignment

    Build, with `pcs` commands on a fresh 3-node cluster (fencing **enabled**, nothing configured),
    the web service of a small company:

    | resource | agent | settings |
    |---|---|---|
    | `fs` | `ocf:heartbeat:Filesystem` | `/dev/sdb1` (ext4) mounted on `/var/www/html` |
    | `vip` | `ocf:heartbeat:IPaddr2` | `192.168.122.200/24` |
    | `web` | `ocf:heartbeat:apache` | `/etc/apache2/apache2.conf`, status page `http://localhost/server-status` |
    | a fence device | e.g. `fence_xvm` | able to fence node1, node2 and node3 |

    The three resources run on the same node; `web` starts only after `fs` and `vip`. The grader
    applies your commands, checks the service starts correctly, then plays a **random campaign** of
    four incidents, one at a time: a node crashes (and is restarted a minute later) or is cut off from
    the others (and the cut healed a minute later). During the whole campaign the service must
    - **never run on two nodes** at once,
    - never be down for more than **30 s**,
    - never be taken over from a node that was not **fenced** first,
    - always start `web` after `fs` and `vip`,
    - **never move without need**: every move is an interruption your users see, so once the
      service has moved away from a failed node it stays where it is when that node comes back,
      and an incident on a node that does not run it leaves it alone,
    - and leave the decision to the side that has **quorum** (notebook 03): a design that lets a
      node cut off on its own go on acting is not accepted, however the campaign turns out.
    """),
    md("""
    ## Your sandbox

    Build the service on your lab step by step; look at `pcs status` after each step. The cell
    below starts with the fence device; add the rest in your answer cell and try it here first.
    """),
    code("""
    lab.wait_until(lambda state: state.dc is not None and all(n.status == "online" for n in state.nodes), 60)
    nodes = " ".join(lab.node_names)   # on real nodes: use the fence agent of your hardware
    print(lab.run(first, f'pcs stonith create fence-xvm fence_xvm pcmk_host_list="{nodes}"').output)
    lab.advance("10s")
    print(lab.run(first, "pcs status").output)
    """),
    see("""
    the fence device started on one node, in a quorate partition: with it, Pacemaker will start
    what you add next (without it, nothing starts while fencing is enabled).
    """, "partition with quorum", "* fence-xvm (stonith:fence_xvm): Started node1"),
    md("""
    A campaign is a list of incidents; `checks.campaign(nodes, seed)` makes the same kind the grader
    uses. Play one against your lab (with the dashboard open, `%dashboard`, to watch it) once your
    service runs:
    """),
    code("""
    plan = checks.campaign(lab.node_names, seed=42)
    print("\\n".join(plan.describe()))
    """),
    see("""
    four incidents, one at a time, each undone a minute later: cuts that isolate one node, and
    crashes followed by a restart:
    """, "partition node3 / node1 node2", "heal", "crash node3", "restart node3"),
    md("""
    ```python
    plan.play(lab)                      # about 8 minutes of cluster life, a second or two of yours
    print(lab.run(first, "pcs status").output)
    lab.timeline().intervals()          # detection, fencing and recovery of each incident
    ```
    """),
    md("""
    ## Exercise 1 · the service (2 + 5 points)

    Write in `capstone_commands` all the commands (one per line, in order) that build the service
    on a fresh cluster. The first check runs them and verifies the service is built and started
    right (2 points); the second plays the campaign (5 points). A verdict names the first broken
    promise with the events around it.
    """),
    solution("ex-capstone", '''
    ### BEGIN SOLUTION
    capstone_commands = """
    pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"
    pcs resource create fs ocf:heartbeat:Filesystem device=/dev/sdb1 directory=/var/www/html fstype=ext4
    pcs resource create vip ocf:heartbeat:IPaddr2 ip=192.168.122.200 cidr_netmask=24
    pcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf statusurl=http://localhost/server-status
    pcs resource group add webgroup fs vip web
    pcs resource defaults update resource-stickiness=100
    """
    ### END SOLUTION
    '''),
    check_button_cell("capstone.web_service", "capstone_commands"),
    graded("test-capstone-built", 2, "capstone.web_service_built", "capstone_commands"),
    graded("test-capstone-campaign", 5, "capstone.web_service", "capstone_commands",
           hidden=(dict(seed=1, campaign_seed=7),)),
    md("""
    ## Exercise 2 · the two-node variant (3 points)

    A branch office gets the same service on **two** nodes (`two_node: 1`, fencing enabled).
    Write in `pair_commands` the commands that build it there. Besides everything above, the
    pair must **win its fence race**: when the link between the nodes is cut, the node running the
    service survives and keeps it, and the other is fenced, *wherever the service runs at the
    time*. The check cuts the link, then crashes the node running the service (so it moves),
    restarts that node (the service must not move back), cuts the link again, and once more with
    the service on the node that is not the DC; on several seeds. As in notebook 08, "wins" means
    by design: a win that rests on a random delay's draw, or on a head start shorter than a fence
    action, does not count. Notebook 08 has the tools.
    """),
    *exercise("two-node", 3, check="capstone.two_node_service", answer="pair_commands",
              hidden=(dict(seeds=(3, 4, 5)),), source='''
    ### BEGIN SOLUTION
    pair_commands = """
    pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2"
    pcs resource create fs ocf:heartbeat:Filesystem device=/dev/sdb1 directory=/var/www/html fstype=ext4
    pcs resource create vip ocf:heartbeat:IPaddr2 ip=192.168.122.200 cidr_netmask=24
    pcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf statusurl=http://localhost/server-status
    pcs resource group add webgroup fs vip web
    pcs resource meta webgroup priority=10
    pcs property set priority-fencing-delay=10s
    pcs resource defaults update resource-stickiness=100
    """
    ### END SOLUTION
    '''),
    md("""
    ## Exercise 3 · what it does not protect (3 points, graded by your instructor)

    Your service survives one node or one link failing at a time. Name three failures it does
    **not** survive or does not even notice (think: the layers below and above the cluster, the
    shared disk, the fence device, two incidents at once, a bad deployment), and for each say what
    would help: a monitor, a constraint, another resource, or something outside the cluster.
    """),
    written("written-limits", 3, """
    (1) The shared disk itself fails or is corrupted: every node mounts the same broken data;
    replication (DRBD) or backups help, not failover. (2) The web application answers with errors
    while apache runs: the apache monitor only checks the status page; a deeper monitor (statusurl on
    an application page, testregex) or an application-level health check would notice. (3) The fence
    device is unreachable when a node is lost: fencing fails and the cluster blocks the service rather
    than risk running it twice; a second fencing level (fencing topology, e.g. IPMI then a PDU) or SBD
    helps. Also: two nodes failing at once leaves one node without quorum (the service stops, by
    design); a bad configuration or software release is failed over faithfully to every node.
    """),
    md("""
    **Simulator notes.** The campaign's timings follow the simulator's measured model (detection
    from the totem settings, fencing 0.7 s plus a delay, agents' start and stop times; apache and
    Filesystem use typical values). On a real cluster, use `checks.campaign(...)` with
    `Lab.ssh(..., allow_faults=True)` on lab machines only, and expect seconds of jitter.
    """),
]

NOTEBOOK = Notebook(
    assignment="10-capstone",
    filename="capstone.ipynb",
    cells=CELLS,
    wrong_answers={
        # a device is created but fencing is disabled "to make starts easier": cut-off nodes are never fenced
        "ex-capstone": '''
        capstone_commands = """
        pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"
        pcs property set stonith-enabled=false
        pcs resource create fs ocf:heartbeat:Filesystem device=/dev/sdb1 directory=/var/www/html fstype=ext4
        pcs resource create vip ocf:heartbeat:IPaddr2 ip=192.168.122.200 cidr_netmask=24
        pcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf statusurl=http://localhost/server-status
        pcs resource group add webgroup fs vip web
        """
        ''',
    },
    cases=(
        right("capstone.web_service_built", _CAPSTONE),
        wrong("capstone.web_service_built", _CAPSTONE.replace(_CAPSTONE.splitlines()[0], ""), "no fence device"),
        right("capstone.web_service", _CAPSTONE),
        right("capstone.web_service", _CAPSTONE.replace("defaults update resource-stickiness=100",
                                                       "meta webgroup resource-stickiness=300")),
        wrong("capstone.web_service", _CAPSTONE.replace("pcs resource defaults update resource-stickiness=100", ""),
              "though node2 was healthy"),
        # a home node that must always win: the service goes back as soon as node1 returns, an interruption for nothing
        wrong("capstone.web_service", _CAPSTONE + "pcs constraint location webgroup prefers node1\n", "though"),
        wrong("capstone.web_service", _CAPSTONE + "pcs property set no-quorum-policy=ignore\n", "no-quorum-policy=ignore"),
        wrong("capstone.web_service", _CAPSTONE + "pcs property set stonith-enabled=false\n", "never fenced"),
        right("capstone.two_node_service", _PAIR_SERVICE),
        wrong("capstone.two_node_service", _PAIR_SERVICE + "pcs property set no-quorum-policy=ignore\n", "fence loop"),
        right("capstone.two_node_service", _PAIR_SERVICE.replace("meta webgroup priority=10", "meta fs priority=5")
              .replace("priority-fencing-delay=10s", "priority-fencing-delay=15s")),
        wrong("capstone.two_node_service", _PAIR_SERVICE + "pcs constraint location webgroup prefers node1\n",
              "needless interruption"),
        wrong("capstone.two_node_service", _PAIR_SERVICE.replace("pcs resource meta webgroup priority=10\n", ""),
              "both nodes were shot"),
        wrong("capstone.two_node_service", _PAIR_SERVICE.replace(
            "pcs property set priority-fencing-delay=10s\n", "").replace(
            'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2"',
            "pcs stonith create fence-node1 fence_xvm pcmk_host_list=node1\n"
            "pcs stonith create fence-node2 fence_xvm pcmk_host_list=node2 pcmk_delay_base=5s"), "lost the fence race"),
        wrong("capstone.two_node_service", _PAIR_SERVICE.replace('node2"', 'node2" pcmk_delay_max=10s', 1).replace(
            "pcs property set priority-fencing-delay=10s\n", ""), "both nodes were shot"),
    ),
    topics=(
        Topic('a service that survives a campaign and avoids needless moves', 'The assignment, Your sandbox', ('test-capstone-built', 'test-capstone-campaign')),
        Topic('a two-node service that wins its fence race wherever it runs', 'Exercise 2', ('test-two-node',)),
        Topic('what the design does not protect', 'Exercise 3', ('written-limits',)),
    ),
)
