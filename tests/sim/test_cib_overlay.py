"""A transition reads the DC's view laid over the live CIB instead of a copy of it (issue 18): the
text it reads is the copy's, byte for byte, and the live CIB is as it was once the block ends."""

from __future__ import annotations

from lxml import etree

from halab_kernel import Lab
from halab_kernel.sim.pacemaker import pe_inputs


def dummies(count: int) -> str:
    return "".join(f'<primitive id="r{i}" class="ocf" provider="pacemaker" type="Dummy"><operations>'
                   f'<op name="monitor" interval="10s" id="r{i}-monitor-10s"/></operations></primitive>'
                   for i in range(count))


def busy_lab() -> Lab:
    lab = Lab.simulated(nodes=3, seed=4)
    lab.wait_until(lambda s: s.dc is not None, 60)
    lab.run("node1", "cibadmin --modify -o crm_config -X '<cluster_property_set id=\"cib-bootstrap-options\">"
                     "<nvpair id=\"o-se\" name=\"stonith-enabled\" value=\"false\"/></cluster_property_set>'")
    lab.run("node1", f"cibadmin --replace -o resources -X '<resources>{dummies(4)}</resources>'")
    lab.advance(30)
    return lab


def check_overlay(lab: Lab) -> int:
    """For every DC: the overlay's text equals the copied view's, and the live CIB is unchanged after."""
    controller = lab.backend.sim.pacemaker
    checked = 0
    for dc in controller.dcs():
        before = etree.tostring(controller.cib.root)
        copied = etree.tostring(controller.view_of(dc))
        with controller.cib.overlaid(*_view_arguments(controller, dc)) as root:
            assert etree.tostring(root) == copied
        assert etree.tostring(controller.cib.root) == before
        checked += 1
    return checked


def _view_arguments(controller, dc: str) -> tuple:  # noqa: ANN001 - the Controller
    from halab_kernel import values

    views, quorate = controller._node_views(dc, dc)
    return views, quorate, (dc, controller.node_id(dc)), values.unix_time(controller.clock.now), dc


def test_the_overlay_reads_as_the_copy_through_a_split_and_a_crash() -> None:
    lab = busy_lab()
    checked = check_overlay(lab)
    lab.partition(["node1"], ["node2", "node3"])  # the minority's history is heard as last seen
    for _ in range(8):
        lab.advance(2.5)
        checked += check_overlay(lab)
    lab.heal()
    lab.crash("node2")
    for _ in range(8):
        lab.advance(2.5)
        checked += check_overlay(lab)
    assert checked >= 17


def test_saved_scheduler_inputs_are_the_dc_view_at_each_transition() -> None:
    lab = busy_lab()
    lab.partition(["node1"], ["node2", "node3"])
    lab.advance(30)
    controller = lab.backend.sim.pacemaker
    saved = controller.pe_inputs.saved(controller.dcs()[0])
    assert saved and all(etree.fromstring(s.xml().encode()).get("execution-date") for s in saved)
    assert pe_inputs.SERIES in saved[-1].name
