"""The topology of the real captures and measurements, built on a simulated lab.

shared/notes/real-cluster-rig.md measured failover on: 3 nodes, fencing on, a
fence device, dummy1 (ocf:pacemaker:Dummy, migration-threshold=1) colocated
with and ordered after a group grp = vip (IPaddr2) + dummy2 (ocf:heartbeat:Dummy),
grp preferring node2 (100), every monitor at 10 s. It is built here the way an
administrator could, with cibadmin.
"""

from __future__ import annotations

from halab_kernel import Lab

RESOURCES = """<resources>
  <primitive id="fence-rig" class="stonith" type="fence_dummy">
    <instance_attributes id="fence-rig-ia"><nvpair id="fence-rig-hosts" name="pcmk_host_list" value="node1 node2 node3"/></instance_attributes>
    <operations><op name="monitor" interval="60s" id="fence-rig-monitor-interval-60s"/></operations>
  </primitive>
  <primitive id="dummy1" class="ocf" type="Dummy" provider="pacemaker">
    <meta_attributes id="dummy1-meta_attributes"><nvpair id="dummy1-mt" name="migration-threshold" value="1"/></meta_attributes>
    <operations><op name="monitor" interval="10s" id="dummy1-monitor-interval-10s"/></operations>
  </primitive>
  <group id="grp">
    <primitive id="vip" class="ocf" type="IPaddr2" provider="heartbeat">
      <instance_attributes id="vip-ia"><nvpair id="vip-ip" name="ip" value="10.200.0.100"/></instance_attributes>
      <operations><op name="monitor" interval="10s" id="vip-monitor-interval-10s"/></operations>
    </primitive>
    <primitive id="dummy2" class="ocf" type="Dummy" provider="heartbeat">
      <operations><op name="monitor" interval="10s" id="dummy2-monitor-interval-10s"/></operations>
    </primitive>
  </group>
</resources>"""

CONSTRAINTS = """<constraints>
  <rsc_location id="location-grp-node2-100" rsc="grp" node="node2" score="100"/>
  <rsc_colocation id="colocation-dummy1-grp-INFINITY" rsc="dummy1" with-rsc="grp" score="INFINITY"/>
  <rsc_order id="order-grp-dummy1-mandatory" first="grp" then="dummy1" first-action="start" then-action="start"/>
</constraints>"""

SERVICE = ("dummy1", "vip", "dummy2")


def set_property(lab: Lab, name: str, value: str) -> None:
    xml = (f'<cluster_property_set id="cib-bootstrap-options"><nvpair id="cib-bootstrap-options-{name}" '
           f'name="{name}" value="{value}"/></cluster_property_set>')
    result = lab.run("node1", f"cibadmin --modify -o crm_config -X '{xml}'")
    assert result.ok, result.stderr


def service_lab(*, stonith: bool = True, token_ms: int | None = None, seed: int = 0,
                no_quorum_policy: str | None = None) -> Lab:
    """A lab running the measured topology, settled (DC elected, resources started on node2)."""
    lab = Lab.simulated(nodes=3, seed=seed, corosync={"totem": {"token": token_ms}} if token_ms else None)
    assert lab.wait_until(lambda s: s.dc is not None and all(n.status == "online" for n in s.nodes), 60)
    set_property(lab, "stonith-enabled", "true" if stonith else "false")
    if no_quorum_policy:
        set_property(lab, "no-quorum-policy", no_quorum_policy)
    for section, xml in (("resources", RESOURCES), ("constraints", CONSTRAINTS)):
        result = lab.run("node1", f"cibadmin --replace -o {section} -X '{xml}'")
        assert result.ok, result.stderr
    assert lab.wait_until(lambda s: all(s.resource(r).nodes == ("node2",) for r in SERVICE), 30), \
        [(r.id, r.nodes) for r in lab.state().resources]
    lab.advance(15)  # let monitors settle
    return lab


def service_nodes(lab: Lab) -> set[tuple[str, ...]]:
    state = lab.state()
    return {state.resource(r).nodes for r in SERVICE}


def runs_on_one_node_other_than(lab: Lab, node: str) -> bool:
    placements = service_nodes(lab)
    return len(placements) == 1 and len(next(iter(placements))) == 1 and next(iter(placements))[0] != node
