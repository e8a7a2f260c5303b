"""Live labs driven through the situations the runtime tests cover, built with pcs as a student would.

Each scenario starts from the same cluster (a fence device, a group of an IPaddr2 and a
reloadable Dummy, a legacy Dummy with its own monitor) and applies commands or faults,
then lets the cluster settle. Used by the real-crm_simulate check of settled states and by
the crm_mon / crm_verify differential tests.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Callable, Union

from lxml import etree

from halab_kernel import Lab
from halab_kernel.lab import SimBackend
from halab_kernel.sim.simulator import Simulator

BASE_COMMANDS = (
    "pcs stonith create fence1 fence_dummy pcmk_host_list='node1 node2 node3'",
    "pcs resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=24 --group web",
    "pcs resource create d1 ocf:pacemaker:Dummy --group web",
    "pcs resource create d2 ocf:heartbeat:Dummy op monitor interval=15s timeout=30s",
)

Step = Union[str, Callable[[Lab], object]]


def _fail_d2(lab: Lab) -> None:
    lab.fail_resource("d2", lab.state().resource("d2").nodes[0])


def _crash_d2_node(lab: Lab) -> None:
    lab.crash(lab.state().resource("d2").nodes[0])


def _settle(lab: Lab) -> None:
    lab.advance(40)


def simulator_of(lab: Lab) -> Simulator:
    """The simulator behind a simulated lab (tests look at its controller directly)."""
    backend = lab.backend
    assert isinstance(backend, SimBackend)
    return backend.sim


def dc_cib(lab: Lab, node: str = "node1") -> bytes:
    """The CIB as `node`'s DC holds it (what `cibadmin -Q` on `node` prints), as bytes for a file."""
    controller = simulator_of(lab).pacemaker
    dc = controller.dc_for(node)
    assert dc is not None, f"{node} has no DC"
    return etree.tostring(controller.view_of(dc, node))


def real_tool(argv: list[str], cib_text: str, folder: Path) -> subprocess.CompletedProcess:
    """An installed Pacemaker tool run offline on a CIB (CIB_file=...), as a student would on an export."""
    cib = folder / "cib.xml"
    cib.write_text(cib_text)
    return subprocess.run(argv, env={**os.environ, "CIB_file": str(cib)}, capture_output=True, text=True, timeout=60)


def _promoted_node(lab: Lab) -> str:
    [node] = [node for node, rsc in simulator_of(lab).pacemaker.executor.promoted if rsc.split(":")[0] == "p"]
    return node


def _fail_promoted(lab: Lab) -> None:
    lab.fail_resource("p", _promoted_node(lab))


def _fail_first(rsc: str) -> Callable[[Lab], None]:
    return lambda lab: lab.fail_resource(rsc, lab.state().resource(rsc).nodes[0])


# name -> (steps, seconds to settle afterwards)
SCENARIOS: dict[str, tuple[tuple[Step, ...], int]] = {
    "placed": ((), 30),
    "node crashed and fenced": ((_crash_d2_node,), 120),
    "node standby": (("pcs node standby node2",), 60),
    "node back from standby": (("pcs node standby node2", "pcs node unstandby node2"), 60),
    "monitor failure recovered": ((_fail_d2,), 60),
    "failure expired (failure-timeout)": (("pcs resource meta d2 failure-timeout=30s", _fail_d2), 200),
    "failure kept (long failure-timeout)": (("pcs resource meta d2 failure-timeout=400d", _fail_d2), 60),
    "failure blocks the resource (on-fail=block)": (
        ("pcs resource update d2 op monitor interval=15s timeout=30s on-fail=block", _fail_d2), 60),
    "migration-threshold=1 moves it": (("pcs resource meta d2 migration-threshold=1", _fail_d2), 60),
    "anonymous clone": (("pcs resource create c1 ocf:pacemaker:Dummy clone",), 60),
    "globally-unique clone": (
        ("pcs resource create u ocf:pacemaker:Dummy clone globally-unique=true clone-max=4",), 60),
    "globally-unique clone, two per node": (
        ("pcs resource create u ocf:pacemaker:Dummy clone globally-unique=true clone-max=5 clone-node-max=2",), 60),
    "promotable clone": (("pcs resource create p ocf:pacemaker:Stateful promotable",), 60),
    "location and colocation constraints": (
        ("pcs constraint location d2 prefers node3=100", "pcs constraint colocation add d2 with web INFINITY"), 60),
    "resource disabled": (("pcs resource disable d2",), 30),
    "resource unmanaged": (("pcs resource unmanage d2",), 30),
    "node attributes": (("pcs node attribute node1 rack=1", "crm_attribute -N node2 -n temp -v 5 -l reboot"), 30),
    "resource deleted": (("pcs resource delete d2",), 60),
    "fence device deleted": (("pcs stonith delete fence1",), 60),
    "group member fails": ((_fail_first("vip"),), 60),
    "cleanup after a failure": ((_fail_d2, _settle, "pcs resource cleanup d2"), 60),
    "clone instance fails": (("pcs resource create c1 ocf:pacemaker:Dummy clone", _settle,
                              lambda lab: lab.fail_resource("c1", "node2")), 60),
    "globally-unique clone, node crashed": (
        ("pcs resource create u ocf:pacemaker:Dummy clone globally-unique=true clone-max=3", _settle,
         lambda lab: lab.crash("node2")), 120),
    "promoted instance fails": (("pcs resource create p ocf:pacemaker:Stateful promotable", _settle,
                                 _fail_promoted), 60),
    "fenced node back": ((_crash_d2_node, _settle, _settle), 60),
    "order constraint": (("pcs constraint order start d2 then start web",), 60),
    "ban": (("pcs resource ban d2 node3",), 60),
    "disabled then enabled": (("pcs resource disable d2", _settle, "pcs resource enable d2"), 60),
    "unmanaged then managed": (("pcs resource unmanage d2", _settle, "pcs resource manage d2"), 60),
    "unmanaged, cleaned up (monitor rescheduled)": (("pcs resource unmanage d2", _settle, "pcs resource cleanup d2"),
                                                    60),
    "unmanaged group, everything cleaned up": (("pcs resource unmanage web", _settle, "pcs resource cleanup"), 60),
    "unmanaged resource fails": (("pcs resource unmanage d2", _settle, _fail_d2), 60),
    "stop-all-resources": (("pcs property set stop-all-resources=true",), 60),
    "resource maintenance": (("pcs resource meta d2 maintenance=true",), 60),
    "monitor added": (("pcs resource op add d2 monitor interval=30s timeout=20s OCF_CHECK_LEVEL=10",), 60),
    "group member parameter changed (restart)": (("pcs resource update vip cidr_netmask=16",), 60),
    "clone parameter changed (restart)": (
        ("pcs resource create c2 ocf:heartbeat:IPaddr2 ip=10.200.0.120 clone", _settle,
         "pcs resource update c2 cidr_netmask=16"), 60),
    "unique clone parameter changed (reload)": (
        ("pcs resource create u ocf:pacemaker:Dummy clone globally-unique=true clone-max=3", _settle,
         "pcs resource update u fake=3"), 60),
    "promotable parameter changed (reload)": (
        ("pcs resource create p ocf:pacemaker:Stateful promotable", _settle, "pcs resource update p envfile=/tmp/e"),
        60),
    "promotable monitor without a role replaced (runs on the Unpromoted instances)": (
        ("pcs resource create p ocf:pacemaker:Stateful promotable", _settle,
         "pcs resource update p op monitor interval=20s"), 60),
    "partition, minority fenced": ((lambda lab: lab.partition(["node1", "node2"], ["node3"]),), 120),
    "partition healed": ((lambda lab: lab.partition(["node1", "node2"], ["node3"]), lambda lab: lab.advance(90),
                          lambda lab: lab.heal()), 120),
    "promotable, promoted node standby": (
        ("pcs resource create p ocf:pacemaker:Stateful promotable", _settle,
         lambda lab: lab.run("node1", f"pcs node standby {_promoted_node(lab)}")), 60),
    "clone, node standby": (("pcs resource create c1 ocf:pacemaker:Dummy clone", _settle, "pcs node standby node3"),
                            60),
    "stop failure fences the node": (
        (lambda lab: lab.fail_resource("d2", lab.state().resource("d2").nodes[0], op="stop"),
         "pcs resource disable d2"), 120),
    "start failure moves it": ((lambda lab: lab.fail_resource("d1", "node3", op="start"),
                                lambda lab: lab.fail_resource("d1", "node2")), 90),
    "node stopped gracefully": ((lambda lab: lab.run("node3", "pcs cluster stop"),), 60),
    "node stopped and started": ((lambda lab: lab.run("node3", "pcs cluster stop"), _settle,
                                  lambda lab: lab.run("node3", "pcs cluster start")), 60),
    "fence device password changed": (
        ("pcs stonith create virsh fence_virsh ip=10.0.0.1 username=root password=secret pcmk_host_list=node1",
         _settle, "pcs stonith update virsh password=other"), 60),
    "op defaults timeout changed": (("pcs resource op defaults update timeout=45s",), 60),
    "failure-timeout set after a failure": ((_fail_d2, _settle, "pcs resource meta d2 failure-timeout=20s"), 120),
    "maintenance-mode": (("pcs property set maintenance-mode=true",), 60),
    "node maintenance": (("pcs node maintenance node3",), 60),
}


def base_lab(seed: int = 0) -> Lab:
    lab = Lab.simulated(nodes=3, seed=seed)
    lab.advance(30)
    for command in BASE_COMMANDS:
        result = lab.run("node1", command)
        assert result.ok, (command, result.stderr)
    lab.advance(60)
    return lab


def scenario_lab(name: str) -> Lab:
    """The base cluster through one scenario, settled."""
    steps, settle = SCENARIOS[name]
    lab = base_lab()
    for step in steps:
        if callable(step):
            step(lab)
        else:
            result = lab.run("node1", step)
            assert result.ok, (step, result.stderr)
        lab.advance(5)
    lab.advance(settle)
    return lab
