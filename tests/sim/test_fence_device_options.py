"""Fence device options the simulated fencer does not act on (another pcmk_reboot_action than reboot or off,
pcmk_off_action and the other pcmk_*_action, action limits, pcmk_host_check): a live lab refuses them by name
unless they keep pacemaker-fenced 2.1.5's default, and leaves the CIB unchanged, where it used to accept them and
fence as with the defaults. pcmk_reboot_action=off and pcmk_<action>_retries are modelled
(tests/sim/test_fence_retries_and_actions.py) and accepted."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("options", ["pcmk_reboot_action=cycle", "pcmk_off_action=reboot", "pcmk_reboot_action=OFF",
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
                                     "pcmk_host_check=dynamic-list", "pcmk_reboot_action=off",
                                     "pcmk_reboot_retries=5 pcmk_off_retries=3 pcmk_on_retries=0"])
def test_the_default_values_and_the_modelled_ones_are_accepted(settled_lab, options):
    assert settled_lab.run("node1", f"pcs stonith create fence-b fence_xvm {options}").ok
    assert settled_lab.run("node1", "pcs stonith delete fence-b").ok


def test_an_update_to_a_changed_option_is_refused_too(settled_lab):
    assert settled_lab.run("node1", "pcs stonith create fence-c fence_xvm pcmk_host_list=node2").ok
    result = settled_lab.run("node1", "pcs stonith update fence-c pcmk_off_action=reboot")
    assert result.rc == 69 and "not simulated" in result.stderr
    assert "pcmk_off_action" not in settled_lab.run("node1", "pcs stonith config fence-c").stdout
    assert settled_lab.run("node1", "pcs stonith delete fence-c").ok


@pytest.mark.parametrize("options", ["pcmk_reboot_action=off", "pcmk_reboot_retries=3"])
def test_fence_sbd_keeps_them_refused(settled_lab, options):
    """fence_sbd's poison pill is sent by the simulated controller itself, not by an agent run fenced retries or
    remaps: these stay refused on it."""
    result = settled_lab.run("node1", f"pcs stonith create fence-sbd fence_sbd devices=/dev/sdb {options}")
    assert result.rc == 69 and "not simulated: fence device options" in result.stderr, result.stderr
