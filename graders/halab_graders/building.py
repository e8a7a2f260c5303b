"""Checks for 04 building a cluster: the student's own corosync.conf, run for real on the simulator.

The file is fed to `Lab.simulated(corosync=text)`, which parses it like
corosync 3.1.7 (same errors, same unknown-key leniency); the check then asks
the running cluster what it became: its name and addresses from the corosync
tools, its membership and quorum from the state, its token from how long it
takes to notice a crash.
"""

from __future__ import annotations

from typing import Any

from halab_kernel import Lab

from halab_graders.check import Mismatch, Tolerance, exercise, require_text
from halab_graders.labs import detection_seconds, event_lines, lab_from_config
from halab_graders.service import apply_commands

WEB_CLUSTER = {"alpha": (1, "10.0.0.1"), "beta": (2, "10.0.0.2"), "gamma": (3, "10.0.0.3")}
WEB_CLUSTER_NAME = "webcluster"
WEB_CLUSTER_TOKEN_MS = 2000
PAIR = {"web1": (1, "10.0.1.1"), "web2": (2, "10.0.1.2")}
PAIR_NAME = "pair"


def _config(lab: Lab) -> Any:
    """The corosync.conf the simulated nodes parsed (halab_kernel.sim.corosync.config.CorosyncConfig)."""
    return getattr(getattr(getattr(lab, "backend", None), "sim", None), "config", None)


def _typo_note(lab: Lab) -> str:
    """corosync accepts unknown keys silently; point at them when the cluster misbehaves."""
    found = tuple(getattr(_config(lab), "warnings", ()))
    return f" (note: {'; '.join(found)})" if found else ""


def _cmap(lab: Lab, node: str, key: str) -> str | None:
    result = lab.run(node, f"corosync-cmapctl -g {key}")
    return result.stdout.rsplit("=", 1)[1].strip() if result.ok and "=" in result.stdout else None


def expected_detection_seconds(token_ms: int, nodes: int, coefficient_ms: int = 650) -> float:
    runtime_token = token_ms + (max(0, nodes - 2) * coefficient_ms if nodes >= 3 else 0)
    return runtime_token * 2.2 / 1000.0


def _identity(lab: Lab, nodes: dict[str, tuple[int, str]], cluster_name: str, note: str) -> None:
    """Each node's id, address and knet transport as corosync-cfgtool shows them; the cluster's name and its
    votequorum provider as corosync-cmapctl does."""
    for name, (node_id, address) in nodes.items():
        status = lab.run(name, "corosync-cfgtool -s").stdout
        lines = [line.strip() for line in status.splitlines()]
        if (not lines or lines[0] != f"Local node ID {node_id}, transport knet"
                or f"addr\t= {address}" not in lines):
            raise Mismatch(f"corosync-cfgtool -s on {name} reports: {status.splitlines()[:3]}")
    first = next(iter(nodes))
    named = _cmap(lab, first, "totem.cluster_name")
    if named != cluster_name:
        raise Mismatch(f"corosync-cmapctl -g totem.cluster_name on {first} gives {named!r}{note}")
    quorum = getattr(_config(lab), "quorum", None)
    if getattr(quorum, "provider", None) != "corosync_votequorum":
        raise Mismatch(f"the quorum section names no provider corosync_votequorum: without votequorum there are no "
                       f"votes and no quorum{note}", hint="the quorum section names its provider")


@exercise("04.corosync-conf", expected="a corosync.conf for the cluster 'webcluster' of alpha (10.0.0.1), beta "
          "(10.0.0.2) and gamma (10.0.0.3) over knet, with votequorum and a 2000 ms token, on which the three nodes "
          "form one quorate membership and notice a crashed node as a 2000 ms token implies",
          hint="start from the file pcs cluster setup writes (the notebook shows one) and change only what the "
               "exercise asks; every knet node needs a nodeid")
def three_node_conf(text: Any, seed: int = 0) -> None:
    conf = require_text(text, "corosync_conf")
    lab = lab_from_config(conf, seed=seed, what="your corosync.conf")
    note = _typo_note(lab)
    names = set(lab.node_names)
    if names != set(WEB_CLUSTER):
        raise Mismatch(f"the nodelist defines the nodes {', '.join(sorted(names)) or '(none)'}{note}")
    _identity(lab, WEB_CLUSTER, WEB_CLUSTER_NAME, note)
    state = lab.state()
    not_quorate = [name for name in state.node_names if not state.quorate(name)]
    if not_quorate or len({view.members for view in state.views.values()}) != 1:
        raise Mismatch(f"10 s after start, not every node is in one quorate membership (not quorate: "
                       f"{', '.join(not_quorate) or 'none'}){note}", events=event_lines(lab.events))
    since = lab.now
    measured = detection_seconds(lab, "gamma")
    wanted = expected_detection_seconds(WEB_CLUSTER_TOKEN_MS, len(WEB_CLUSTER))
    if not Tolerance(absolute=0.1).close(measured, wanted):
        raise Mismatch(f"after gamma crashed, alpha installed a new membership {measured:.2f} s later, which is not "
                       f"what a {WEB_CLUSTER_TOKEN_MS} ms token gives on 3 nodes{note}",
                       events=event_lines(lab.events, kinds=("fault_injected", "token_lost", "membership_changed"),
                                          nodes=("alpha", "gamma"), since=since))


@exercise("04.two-node-conf", expected="a corosync.conf for the 2-node cluster 'pair' (web1 10.0.1.1, web2 10.0.1.2) "
          "in which the survivor keeps quorum when the other node crashes, and a node that boots alone waits for its "
          "peer before claiming quorum", hint="a 2-node cluster needs one line in the quorum section")
def two_node_conf(text: Any, seed: int = 0) -> None:
    conf = require_text(text, "two_node_conf")
    lab = lab_from_config(conf, seed=seed, what="your corosync.conf")
    note = _typo_note(lab)
    if set(lab.node_names) != set(PAIR):
        raise Mismatch(f"the nodelist defines the nodes {', '.join(lab.node_names) or '(none)'}")
    _identity(lab, PAIR, PAIR_NAME, note)
    since = lab.now
    lab.crash("web2")
    lab.advance(30)
    if not lab.state().quorate("web1"):
        raise Mismatch(f"web2 crashed and web1 lost quorum: the surviving half of a pair stops everything{note}",
                       events=event_lines(lab.events, since=since))
    alone = lab_from_config(conf, seed=seed, start=["web1"], settle=30, what="your corosync.conf")
    if alone.state().quorate("web1"):
        raise Mismatch(f"web1 booted alone and claimed quorum after 30 s without ever seeing web2{note}",
                       events=event_lines(alone.events))


@exercise("04.built-from-bare", expected="commands, typed on node1 of three bare machines (pcsd running, no cluster "
          "yet), after which a cluster named webcluster of node1, node2 and node3 runs: every node online in one "
          "quorate membership with a DC within 60 s", hint="three steps: the nodes must trust each other, "
          "the configuration must be written on every node, the stack must start on every node")
def built_from_bare(commands: Any, seed: int = 0) -> None:
    lab = Lab.simulated(nodes=3, seed=seed, bare=True)
    lab.advance(5)
    since = lab.now
    apply_commands(lab, commands, what="your commands")
    lab.advance(60)
    name = _cmap(lab, "node1", "totem.cluster_name")
    if name is None:
        raise Mismatch("60 s after your commands node1 runs no corosync: no cluster was set up and started there",
                       hint="pcs cluster setup writes corosync.conf; pcs cluster start runs it")
    if name != "webcluster":
        raise Mismatch(f"the cluster is named {name!r}, not as the exercise asks")
    state = lab.state()
    offline = [node.name for node in state.nodes if node.status != "online"]
    if offline or state.dc is None or not all(state.quorate(node) for node in state.node_names):
        raise Mismatch(f"60 s after your commands: offline {', '.join(offline) or 'none'}, DC "
                       f"{state.dc or 'none'}, quorate: {', '.join(n for n in state.node_names if state.quorate(n)) or 'none'}",
                       events=event_lines(lab.events, since=since))
