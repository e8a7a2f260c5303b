"""Fault buttons print the command they stand for, and on real nodes what that ran."""

from __future__ import annotations

import pytest

from halab_kernel.model import Crash, Cut, FailResource
from halab_widgets.controls import Controls


class RealClusterDouble:
    """Just enough of a Lab on real nodes (kind "ssh") for the buttons: records the faults."""

    kind = "ssh"
    node_names = ("alpha", "beta", "gamma")
    events: list = []

    def __init__(self) -> None:
        self.done: list[tuple] = []

    def inject(self, fault):
        self.done.append(fault)


def test_on_real_nodes_each_click_prints_the_fault_and_the_commands_it_ran():
    lab = RealClusterDouble()
    controls = Controls(lab)
    controls.node.value = "beta"
    controls.click("crash")
    controls.click("partition")
    controls.update_resources(["WebSite"])
    controls.click("fail-resource")
    assert lab.done == [Crash("beta"), Cut((("alpha",), ("beta", "gamma"))), FailResource("WebSite")]
    printed = "\n".join(controls.printed)
    assert "%fault crash beta\n  ran on beta: pids=$(pidof corosync" in printed
    assert "%fault partition alpha / beta gamma" in printed and "halab_partition" in printed
    assert "ran crm_resource --fail --resource WebSite --node '<the node where it runs>'" in printed


def test_real_nodes_have_no_virtual_clock_controls():
    controls = Controls(RealClusterDouble())
    assert not hasattr(controls, "speed")


def test_live_toggle_paces_the_lab_on_the_loop_and_says_so():
    import asyncio

    from halab_kernel import Lab, live

    lab = Lab.simulated(nodes=2, seed=0)
    controls = Controls(lab)
    controls.play.value = True  # no running loop here: refused, toggle back off
    assert controls.printed == ["error: live mode needs a running Jupyter kernel; outside one, use lab.advance()"]
    assert controls.play.value is False

    async def in_a_kernel_loop() -> float:
        controls.speed.value = 10.0
        controls.play.value = True
        await asyncio.sleep(0.35)
        controls.play.value = False
        return lab.now

    moved = asyncio.run(in_a_kernel_loop())
    assert moved > 0 and not live.is_live(lab)
    assert controls.printed[-2:] == ["lab.live(speed=10.0)", "lab.pause()"]
    controls.step_button.click()
    assert lab.now == pytest.approx(moved + 1.0) and controls.printed[-1] == "%advance 1s"
