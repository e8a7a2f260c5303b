"""04 building a cluster: packages, node communication, corosync.conf, pcs cluster setup/start, RHEL vs Debian."""

from cells import Notebook, Topic, code, exercise, md, right, see, written, wrong
from common import backend_cells

PCS_WRITES = '''
totem {
    version: 2
    cluster_name: halab
    transport: knet
    crypto_cipher: aes256
    crypto_hash: sha256
    cluster_uuid: 5d3f8b6e0a2c4f1e9b7d6c5a4e3f2d1c
}

nodelist {
    node {
        ring0_addr: 10.200.0.11
        name: node1
        nodeid: 1
    }

    node {
        ring0_addr: 10.200.0.12
        name: node2
        nodeid: 2
    }

    node {
        ring0_addr: 10.200.0.13
        name: node3
        nodeid: 3
    }
}

quorum {
    provider: corosync_votequorum
}

logging {
    to_logfile: yes
    logfile: /var/log/corosync/corosync.log
    to_syslog: yes
    timestamp: on
}
'''

CELLS = [
    md("""
    # 04 · Building a cluster

    **Learning objectives.** After this notebook you can
    - install the cluster stack on Debian and on RHEL-family systems, and say how they differ;
    - prepare node communication (names, addresses, firewall, `hacluster` and `pcsd`);
    - read and write `/etc/corosync/corosync.conf`, and know what `pcs cluster setup` writes for you;
    - start the cluster and set its first properties.
    """),
    *backend_cells("building"),
    md("""
    ## 1. Packages

    | | Debian / Ubuntu | RHEL / Rocky / Alma |
    |---|---|---|
    | enable the packages | in the main archive | enable the *HighAvailability* repository: `dnf config-manager --set-enabled highavailability` (RHEL: subscription repo `rhel-9-for-x86_64-highavailability-rpms`) |
    | install | `apt install pacemaker corosync pcs resource-agents fence-agents` | `dnf install pcs pacemaker fence-agents-all` |
    | after install | corosync and pacemaker are **already started** with a default one-node configuration: `pcs cluster destroy` before `pcs cluster setup` | nothing runs until you set it up |
    | pcsd | enabled and started by the package | `systemctl enable --now pcsd` |
    | firewall | none by default (open UDP 5405 and TCP 2224 if you use one) | `firewall-cmd --permanent --add-service=high-availability && firewall-cmd --reload` |
    | logs | `/var/log/corosync/corosync.log` (Debian's pcs writes that `logfile`), `/var/log/pacemaker/pacemaker.log`, `journalctl -u corosync -u pacemaker` | `/var/log/cluster/corosync.log` (RHEL's pcs writes that `logfile`), `/var/log/pacemaker/pacemaker.log`, `journalctl -u corosync -u pacemaker` |

    ## 2. Node communication

    Every node must reach every other on the cluster network, by a name that resolves the same
    everywhere (`/etc/hosts` or DNS), with synchronised clocks (chrony) so the logs line up.
    pcs talks to the `pcsd` daemon on each node (TCP 2224) as the user `hacluster`:

    ```sh
    passwd hacluster                                   # on every node, the same password
    pcs host auth node1 node2 node3 -u hacluster       # once, from one node
    ```

    ## 3. Creating the cluster

    ```sh
    pcs cluster setup halab node1 addr=10.200.0.11 node2 addr=10.200.0.12 node3 addr=10.200.0.13
    pcs cluster start --all        # start corosync + pacemaker everywhere
    pcs cluster enable --all       # and at boot (a choice: some prefer a human to rejoin a node)
    pcs property set stonith-enabled=false   # ONLY in a lab without fencing yet; see 08
    ```

    `pcs cluster setup` writes the same `/etc/corosync/corosync.conf` on every node (and a shared
    `authkey`). This is the file it writes for the cluster above:
    """),
    code('pcs_conf = """' + PCS_WRITES + '"""\nprint(pcs_conf)'),
    md("""
    The simulator runs such a file exactly as corosync 3.1.7 would read it, errors included. The
    nodelist names the nodes; the rest keeps its defaults. A simulated lab normally starts
    already set up and running, from the file you give `Lab.simulated` (there `pcs cluster setup`
    is refused as on real nodes that already run corosync and pacemaker); section 4 starts from
    bare machines instead.
    """),
    code("""
    from_file = Lab.simulated(corosync=pcs_conf)
    from_file.advance("10s")
    print(from_file.node_names)
    print(from_file.run("node1", "corosync-quorumtool -s").output)
    """),
    see("""
    the node names taken from the file's nodelist, and the three nodes forming one quorate
    membership:
    """, "('node1', 'node2', 'node3')", "Nodes: 3", "Quorate: Yes", "3 1 node3"),
    md("""
    A mistake gets corosync's own message, as you would find it in the journal:
    """),
    code("""
    try:
        Lab.simulated(corosync=pcs_conf.replace("nodeid: 3", ""))
    except ValueError as refused:
        print(refused)
    """),
    md("""
    On your lab (simulated or real), the configuration in use can be read back, and pcs stops and
    starts the stack on a node (cleanly: the others see a node leave, not a crash):
    """),
    code("""
    lab.advance("30s")
    print(lab.run(first, "corosync-cmapctl").output)
    print(lab.run(first, f"pcs cluster stop {third}").output)
    lab.advance("10s")
    print(lab.run(first, "pcs quorum status").output)
    print(lab.run(first, f"pcs cluster start {third}").output)
    lab.advance("30s")
    print(lab.run(first, "pcs status nodes").output)
    """),
    md("""
    ## Exercise 1 · a corosync.conf of your own (4 points)

    Write in `corosync_conf` (a string) the corosync.conf of a cluster named **webcluster** of three
    nodes over knet: **alpha** (10.0.0.1, node id 1), **beta** (10.0.0.2, id 2) and **gamma**
    (10.0.0.3, id 3), with votequorum and a **token of 2000 ms**. It is graded by running it: the
    nodes must form one quorate membership, report the right name and addresses, and notice a
    crashed node as quickly as a 2000 ms token implies. The check's nodes are Debian's: a
    `logging` section is optional, and a `logfile` must be in a folder that exists there
    (`/var/log/corosync/`, not RHEL's `/var/log/cluster/`), or corosync refuses to start.
    """),
    *exercise("corosync-conf", 4, check="building.three_node_conf", answer="corosync_conf", hidden=(dict(seed=9),),
              source='''
    ### BEGIN SOLUTION
    corosync_conf = """
    totem {
        version: 2
        cluster_name: webcluster
        transport: knet
        token: 2000
    }

    nodelist {
        node {
            ring0_addr: 10.0.0.1
            name: alpha
            nodeid: 1
        }
        node {
            ring0_addr: 10.0.0.2
            name: beta
            nodeid: 2
        }
        node {
            ring0_addr: 10.0.0.3
            name: gamma
            nodeid: 3
        }
    }

    quorum {
        provider: corosync_votequorum
    }
    """
    ### END SOLUTION
    '''),
    md("""
    ## Exercise 2 · a two-node configuration (2 points)

    Write in `two_node_conf` the corosync.conf of the 2-node cluster **pair**: **web1**
    (10.0.1.1, id 1) and **web2** (10.0.1.2, id 2). The survivor must keep quorum when the other
    node crashes, and a node booting alone must wait for its peer before claiming quorum.
    """),
    *exercise("two-node-conf", 2, check="building.two_node_conf", answer="two_node_conf",
              source='''
    ### BEGIN SOLUTION
    two_node_conf = """
    totem {
        version: 2
        cluster_name: pair
        transport: knet
    }
    nodelist {
        node {
            ring0_addr: 10.0.1.1
            name: web1
            nodeid: 1
        }
        node {
            ring0_addr: 10.0.1.2
            name: web2
            nodeid: 2
        }
    }
    quorum {
        provider: corosync_votequorum
        two_node: 1
    }
    """
    ### END SOLUTION
    '''),
    md("""
    ## Exercise 3 · from bare machines to a running cluster (2 points, graded by your instructor)

    List, in order, the steps from three freshly installed RHEL 9 machines to a started cluster,
    and say which step you would skip or add on Debian 12.
    """),
    written("written-steps", 2, """
    RHEL 9: enable the HighAvailability repository; `dnf install pcs pacemaker fence-agents-all`;
    open the firewall (`firewall-cmd --add-service=high-availability`); `systemctl enable --now pcsd`;
    set the `hacluster` password on every node; `pcs host auth node1 node2 node3`;
    `pcs cluster setup NAME node1 node2 node3`; `pcs cluster start --all` (and `enable --all` if wanted);
    configure fencing (or, in a lab only, `stonith-enabled=false`).
    Debian 12: no repository to enable, pcsd already runs after `apt install`, no firewall by default,
    but the package starts a default cluster: run `pcs cluster destroy` before `pcs cluster setup`.
    """),
    md("""
    ## 4. Hands on: from bare machines to a cluster

    `Lab.simulated(3, bare=True)` gives three powered machines with the packages installed and
    `pcsd` running, and **no cluster**: no corosync.conf, nothing started (what section 1 leaves
    you with). Build the cluster of section 3 on them, step by step, and read each answer:
    """),
    code("""
    bare = Lab.simulated(nodes=3, bare=True)
    bare.advance("5s")
    print(bare.run("node1", "pcs cluster start --all").output)          # too early: there is no corosync.conf yet
    print(bare.run("node1", "pcs host auth node1 node2 node3 -u hacluster -p secret").output)
    print(bare.run("node1", "pcs cluster setup halab node1 addr=10.200.0.11 node2 addr=10.200.0.12"
                            " node3 addr=10.200.0.13").output)
    print(bare.run("node1", "pcs cluster start").output)                # this node only
    bare.advance("30s")
    print(bare.run("node1", "pcs status").output)
    """),
    see("""
    the first start refused (pcs reads the node list of `--all` from corosync.conf, which does not
    exist yet), three `Authorized`, the setup writing
    corosync.conf on every node, one "Starting Cluster...", and `pcs status` on node1 showing node2
    and node3 OFFLINE and a partition **without quorum**: one vote of three. `pcs cluster start`
    acts on the node you type it on.
    """, "Error: Unable to read /etc/corosync/corosync.conf: No such file or directory", "node3: Authorized", "Cluster has been successfully set up.",
        "Starting Cluster...", "partition WITHOUT quorum", "* OFFLINE: [ node2 node3 ]"),
    md("""
    ## Exercise 4 · build it (2 points)

    Write in `build_commands` the commands, typed on node1 of three fresh bare machines
    (`Lab.simulated(3, bare=True)`, hacluster's password `secret`), that make a running cluster
    named **webcluster** of node1, node2 and node3: every node online in one quorate membership
    with a DC within 60 s. Try them on a bare lab of your own first.
    """),
    *exercise("build", 2, check="building.built_from_bare", answer="build_commands", hidden=(dict(seed=6),), source="""
    ### BEGIN SOLUTION
    build_commands = [
        "pcs host auth node1 node2 node3 -u hacluster -p secret",
        "pcs cluster setup webcluster node1 node2 node3",
        "pcs cluster start --all",
    ]
    ### END SOLUTION
    """),
]

NOTEBOOK = Notebook(
    assignment="04-building-a-cluster",
    filename="building-a-cluster.ipynb",
    cells=CELLS,
    wrong_answers={
        # everything right but the token line forgotten: the cluster forms, yet detects crashes too slowly
        "ex-corosync-conf": '''
        corosync_conf = """
        totem {
            version: 2
            cluster_name: webcluster
            transport: knet
        }
        nodelist {
            node {
                ring0_addr: 10.0.0.1
                name: alpha
                nodeid: 1
            }
            node {
                ring0_addr: 10.0.0.2
                name: beta
                nodeid: 2
            }
            node {
                ring0_addr: 10.0.0.3
                name: gamma
                nodeid: 3
            }
        }
        quorum {
            provider: corosync_votequorum
        }
        """
        ''',
    },
)

_CONF = ("totem {\n version: 2\n cluster_name: webcluster\n transport: knet\n token: 2000\n}\nnodelist {\n"
         + "".join(f" node {{\n  ring0_addr: 10.0.0.{i}\n  name: {name}\n  nodeid: {i}\n }}\n"
                   for i, name in enumerate(("alpha", "beta", "gamma"), start=1))
         + "}\nquorum {\n provider: corosync_votequorum\n}\n")
_PAIR = ("totem {\n version: 2\n cluster_name: pair\n transport: knet\n}\nnodelist {\n"
         + "".join(f" node {{\n  ring0_addr: 10.0.1.{i}\n  name: {name}\n  nodeid: {i}\n }}\n"
                   for i, name in enumerate(("web1", "web2"), start=1))
         + "}\nquorum {\n provider: corosync_votequorum\n two_node: 1\n}\n")
NOTEBOOK.cases = (
    right("building.three_node_conf", _CONF),
    right("building.three_node_conf", "# written by hand\n" + _CONF.replace("\n ", "\n\t")),
    wrong("building.three_node_conf", _CONF.replace("token: 2000", "tokn: 2000"), "unknown key 'totem.tokn'"),
    wrong("building.three_node_conf", _CONF.replace("  nodeid: 3\n", ""), "Knet requires an explicit nodeid"),
    wrong("building.three_node_conf", _CONF.replace(" token: 2000\n", ""), ""),
    right("building.built_from_bare", ["pcs host auth node1 node2 node3 -u hacluster -p secret",
                                       "pcs cluster setup webcluster node1 node2 node3", "pcs cluster start --all"]),
    right("building.built_from_bare", ["pcs host auth node1 node2 node3 -u hacluster -p secret",
                                       "pcs cluster setup webcluster node1 addr=10.200.0.11 node2 addr=10.200.0.12 "
                                       "node3 addr=10.200.0.13 --start --enable"]),
    wrong("building.built_from_bare", ["pcs cluster setup webcluster node1 node2 node3", "pcs cluster start --all"],
          "failed on node1"),
    wrong("building.built_from_bare", ["pcs host auth node1 node2 node3 -u hacluster -p secret",
                                       "pcs cluster setup webcluster node1 node2 node3", "pcs cluster start"],
          "offline node2, node3"),
    wrong("building.built_from_bare", ["pcs host auth node1 node2 node3 -u hacluster -p secret",
                                       "pcs cluster setup halab node1 node2 node3", "pcs cluster start --all"],
          "not as the exercise asks"),
    right("building.two_node_conf", _PAIR),
    wrong("building.two_node_conf", _PAIR.replace(" two_node: 1\n", ""), ""),
)
NOTEBOOK.topics = (
    Topic('installing packages (Debian vs RHEL), node communication', '1. Packages, 2. Node communication', ('written-steps',)),
    Topic('creating the cluster: corosync.conf, pcs cluster setup/start; configuration precision', '3. Creating the cluster', ('test-corosync-conf', 'test-two-node-conf')),
    Topic('building from bare nodes: pcs host auth, pcs cluster setup, pcs cluster start --all', '4. Hands on', ('test-build',)),
)
