"""The classic connectivity exercise on a live simulated lab: a ping clone and a location rule on pingd.

`pcs resource create ping ocf:pacemaker:ping host_list=GW clone` maintains the
`pingd` node attribute on every node; `pcs constraint location web rule
score=-INFINITY pingd lt 1 or not_defined pingd` keeps `web` off a node that
cannot reach GW. Cutting the node that runs `web` from GW moves `web` away
once the next monitor and the dampening have passed; healing lets it back.
"""

from __future__ import annotations

from halab_kernel.lab import Lab

GATEWAY = "10.200.0.1"


def _where(lab: Lab, rsc: str) -> list[str]:
    return [node for r in lab.state().resources if r.id == rsc and r.role == "Started" for node in r.nodes]


def _pingd(lab: Lab, node: str) -> str:
    return lab.run(node, f"crm_attribute -N {node} -n pingd -l reboot -G -q").stdout.strip()


def test_a_node_cut_off_the_ping_target_loses_the_resource() -> None:
    lab = Lab.simulated(3, seed=2)
    for command in ("pcs property set stonith-enabled=false",
                    f"pcs resource create ping ocf:pacemaker:ping host_list={GATEWAY} multiplier=1000 dampen=5s clone",
                    "pcs resource create web ocf:pacemaker:Dummy",
                    "pcs constraint location web rule score=-INFINITY pingd lt 1 or not_defined pingd"):
        result = lab.run("node1", command)
        assert result.rc == 0, f"{command}: {result.stderr}"
    lab.advance(60)
    assert all(_pingd(lab, node) == "1000" for node in lab.node_names)
    home = _where(lab, "web")
    assert len(home) == 1, lab.run("node1", "crm_mon -1").stdout
    lab.backend.sim.network.block(home[0], GATEWAY)  # the node's uplink to the gateway is cut
    lab.advance(60)
    assert _pingd(lab, home[0]) == "0"
    now = _where(lab, "web")
    assert now and now != home, lab.run("node1", "crm_mon -1").stdout
    lab.backend.sim.network.heal()
    lab.advance(60)
    assert _pingd(lab, home[0]) == "1000"


def test_the_attribute_agent_sets_its_value_while_active() -> None:
    lab = Lab.simulated(3, seed=2)
    lab.run("node1", "pcs property set stonith-enabled=false")
    assert lab.run("node1", "pcs resource create flag ocf:pacemaker:attribute name=web-ok").rc == 0
    lab.advance(30)
    node = _where(lab, "flag")[0]
    assert lab.run(node, f"crm_attribute -N {node} -n web-ok -l reboot -G -q").stdout.strip() == "1"
    lab.run("node1", "pcs resource disable flag")
    lab.advance(30)
    assert lab.run(node, f"crm_attribute -N {node} -n web-ok -l reboot -G -q").stdout.strip() == "0"


def test_ping_options_and_debug_logging_are_refused_by_name_and_use_fping_is_accepted() -> None:
    """Extra ping options (-I, -i, -s ...), debug logging, a multiplier expr cannot use and a dampen attrd cannot
    read are not simulated: a live lab refuses them and keeps its CIB; use_fping has no effect where fping is not
    installed (Debian's pacemaker does not pull it in)."""
    lab = Lab.simulated(3, seed=2)
    lab.run("node1", "pcs property set stonith-enabled=false")
    create = f"pcs resource create ping ocf:pacemaker:ping host_list={GATEWAY}"
    for extra in ("options='-I eth0'", "debug=true", "debug=verbose", "debug=yes", "multiplier=1.5",
                  "multiplier=abc", "dampen=abc"):
        result = lab.run("node1", f"{create} {extra} clone")
        assert result.rc != 0 and "not simulated: ocf:pacemaker:ping's extra ping options, debug logging" \
            in result.stderr and "try it on real nodes: halab rig up" in result.stderr, (extra, result.stderr)
        assert "ping" not in lab.run("node1", "cibadmin -Q -o resources").stdout
    assert lab.run("node1", f"{create} use_fping=1 debug=false options=' ' multiplier=' 3' dampen=0 clone").rc == 0
    refused = lab.run("node1", "pcs resource update ping options=-i0.2")
    assert refused.rc != 0 and "not simulated" in refused.stderr
    assert "-i0.2" not in lab.run("node1", "cibadmin -Q -o resources").stdout
    lab.advance(60)
    assert all(_pingd(lab, node) == "3" for node in lab.node_names)
