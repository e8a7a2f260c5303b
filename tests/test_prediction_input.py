"""simulator_like() on a configuration Pacemaker 2.1.5's cibadmin prints as XML that does not parse."""

from __future__ import annotations

import pytest

from halab_kernel import Lab
from halab_kernel.errors import LabError
from halab_kernel.prediction import simulator_like


def test_an_unescaped_value_is_a_clear_error_not_a_traceback() -> None:
    lab = Lab.simulated(nodes=2)
    lab.advance(20)
    assert lab.run("node1", "pcs resource create d ocf:pacemaker:Dummy").ok
    # 2.1.5's crm_xml_escape stops escaping after a value's first non-ASCII character
    assert lab.run("node1", """cibadmin -M -X '<primitive id="d" description="caf\u00e9 &lt;3"/>'""").ok
    assert 'description="caf\u00e9 <3"' in lab.run("node1", "cibadmin -Q -o resources").stdout
    with pytest.raises(LabError, match="cannot read this cluster's configuration as XML"):
        simulator_like(lab)
