"""Whole stderr of pcs commands whose lines after the first `Error:` once differed from real pcs 0.11.5 (the
differential compared only `Error:`/`Warning:`/`Hint:` lines until 2026-12-07): crm_attribute's words under
`node attribute` of an unknown node, the order in which `resource clear` lists the constraints it removed
(crm_resource's, sorted by id), and the blank lines after a push the schema refuses (one for pcs's legacy
commands, two for its library's). Each sequence runs on real `pcs -f` and on ours; compared on exit code,
stdout, whole stderr (pcs_differential._messages: the CIB real pcs dumps and the wall clock masked) and
the resulting configuration."""

from __future__ import annotations

import pytest

from tests.commands.pcs_differential import compare, real_pcs_available, run_ours, run_real

pytestmark = pytest.mark.skipif(not real_pcs_available(), reason="needs the real pcs (apt-get install pcs)")

SEQUENCES = {
    "node attribute of an unknown node": [
        "node attribute node9 foo=bar", "node attribute node9 foo= --force", "node attribute node9 a=1 b=2",
        "node attribute node1 a=1 b=", "node utilization node9 cpu=2"],
    "clear lists its removals by id": [
        "resource create A ocf:pacemaker:Dummy", "resource ban A node2", "resource move-with-constraint A node1",
        "resource ban A node3", "resource clear A", "resource ban A node3", "resource clear A node3"],
    "schema refusals": [
        "resource create A ocf:pacemaker:Dummy", "resource create B ocf:pacemaker:Dummy",
        "constraint location add l1 A node1 10 resource-discovery=bogus",
        "resource op add A monitor interval=33 on-fail=bogus --force",
        "constraint order A then B kind=optional", "alert create id=al1 path=/x",
        "alert recipient add al1 value=z id=1z",
        "resource bundle create b4 container docker image=x foo=1 --force"],
}


@pytest.mark.parametrize("name", SEQUENCES)
def test_whole_stderr_is_real_pcss(name: str) -> None:
    block = SEQUENCES[name]
    real, ours = run_real(block), run_ours(block)
    assert any(len(step.messages) > 1 for step in real), "each sequence says more than one line on stderr"
    assert not compare(real, ours)
