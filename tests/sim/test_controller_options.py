"""Controller tuning options the simulated controller does not act on (batch-limit, fence-reaction,
election and join timeouts, ...): a live lab refuses them by name unless they keep their 2.1.5
default, and leaves the CIB unchanged; crm_simulate, which does not read them, still answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_scheduler_honesty import _simulate



@pytest.mark.parametrize("setting", ["batch-limit=1", "fence-reaction=panic", "transition-delay=5s",
                                     "election-timeout=30s", "load-threshold=50%", "node-action-limit=2"])
def test_a_changed_controller_option_is_refused_by_name_and_changes_nothing(settled_lab, setting):
    before = settled_lab.run("node1", "cibadmin -Q -o crm_config").stdout
    result = settled_lab.run("node1", f"pcs property set {setting}")
    assert result.rc == 69
    assert "not simulated: controller options set to other than their defaults" in result.stderr
    assert setting.split("=")[0] in result.stderr and "halab rig up" in result.stderr
    assert settled_lab.run("node1", "cibadmin -Q -o crm_config").stdout == before


@pytest.mark.parametrize("setting", ["batch-limit=0", "fence-reaction=stop", "election-timeout=120s",
                                     "transition-delay=0s", "load-threshold=80%"])
def test_the_default_value_spelled_any_way_is_accepted(settled_lab, setting):
    assert settled_lab.run("node1", f"pcs property set {setting}").ok
    assert settled_lab.run("node1", f"pcs property unset {setting.split('=')[0]}").ok


def test_crm_simulate_still_answers_a_file_that_sets_them(tmp_path: Path):
    rc, out, _ = _simulate(tmp_path, property='<nvpair id="b" name="batch-limit" value="3"/>')
    assert rc == 0 and "Transition Summary:" in out
