"""Fence device options the simulated fencer does not act on (pcmk_reboot_action=off, retries, action
limits, pcmk_host_check): a live lab refuses them by name unless they keep pacemaker-fenced 2.1.5's
default, and leaves the CIB unchanged, where it used to accept them and fence as with the defaults
(a reboot that real fenced turns into a power-off showed the node coming back)."""

from __future__ import annotations

import pytest




@pytest.mark.parametrize("options", ["pcmk_reboot_action=off", "pcmk_off_action=reboot", "pcmk_reboot_retries=5",
                                     "pcmk_action_limit=-1", "pcmk_host_check=none",
                                     "pcmk_host_list=node1 pcmk_host_check=dynamic-list"])
def test_a_changed_device_option_is_refused_by_name_and_changes_nothing(settled_lab, options):
    before = settled_lab.run("node1", "cibadmin -Q -o resources").stdout
    result = settled_lab.run("node1", f"pcs stonith create fence-a fence_xvm {options}")
    assert result.rc == 69, result.stdout + result.stderr
    assert "not simulated: fence device options set to other than their defaults" in result.stderr
    assert options.split()[-1].split("=")[0].rsplit("_", 1)[0] in result.stderr and "halab rig up" in result.stderr
    assert settled_lab.run("node1", "cibadmin -Q -o resources").stdout == before


@pytest.mark.parametrize("options", ["pcmk_reboot_action=reboot pcmk_off_action=off", "pcmk_reboot_retries=2",
                                     "pcmk_action_limit=1", "pcmk_host_list=node1 pcmk_host_check=static-list",
                                     "pcmk_host_check=dynamic-list"])
def test_the_default_values_are_accepted(settled_lab, options):
    assert settled_lab.run("node1", f"pcs stonith create fence-b fence_xvm {options}").ok
    assert settled_lab.run("node1", "pcs stonith delete fence-b").ok


def test_an_update_to_a_changed_option_is_refused_too(settled_lab):
    assert settled_lab.run("node1", "pcs stonith create fence-c fence_xvm pcmk_host_list=node2").ok
    result = settled_lab.run("node1", "pcs stonith update fence-c pcmk_reboot_action=off")
    assert result.rc == 69 and "not simulated" in result.stderr
    assert "pcmk_reboot_action" not in settled_lab.run("node1", "pcs stonith config fence-c").stdout
    assert settled_lab.run("node1", "pcs stonith delete fence-c").ok
