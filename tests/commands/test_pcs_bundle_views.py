"""Views of a configuration that holds bundles, against real `pcs -f`.

Creating or changing a bundle is refused by name (not simulated), but a CIB may hold one (written on
real nodes, or by cibadmin): `resource config` in text and cmd formats shows it as pcs 0.11.5 does
(container, network, port and storage maps, meta attributes, the primitive inside), and the other
views that read the resources section stay equal to real pcs.
"""

from __future__ import annotations

import pytest

from tests.commands import operator_sequences as gen
from tests.commands import pcs_differential as diff

pytestmark = pytest.mark.skipif(not diff.real_pcs_available(),
                                reason="real pcs is not installed (apt install pcs pacemaker-cli-utils)")

BUNDLES = """
<bundle id="b1"><docker image="nginx"/></bundle>
<bundle id="b2"><docker image="x" replicas="3" replicas-per-host="1"/>
  <network control-port="3121"><port-mapping id="b2-port-map-80" port="80" internal-port="8080"/></network>
  <storage><storage-mapping id="b2-storage-map" source-dir="/a" target-dir="/b"/></storage>
  <meta_attributes id="b2-meta_attributes"><nvpair id="b2-meta_attributes-target-role" name="target-role"
    value="Stopped"/></meta_attributes></bundle>
<bundle id="b9" description="hello world"><podman image="x y" replicas="2" masters="1" run-command="/bin/x a"
    options="-v"/>
  <network control-port="3121" add-host="false" host-netmask="24" ip-range-start="10.0.0.4">
    <port-mapping id="b9-port-map-80" port="80"/><port-mapping id="b9-pm2" range="90-95"/></network>
  <storage><storage-mapping id="b9-sm" source-dir="/a" target-dir="/b" options="rw"/>
    <storage-mapping id="b9-sm2" source-dir-root="/r" target-dir="/c"/></storage>
  <primitive id="bb" class="ocf" provider="pacemaker" type="Dummy">
    <instance_attributes id="bb-instance_attributes"><nvpair id="bb-ia-fake" name="fake" value="1"/>
    </instance_attributes></primitive></bundle>
<group id="gd" description="a group"><primitive id="gdp" class="ocf" provider="pacemaker" type="Dummy"/></group>
"""

VIEWS = ["resource config", "resource config b9", "resource config bb gd b1", "resource config b2 nope",
         "resource config --output-format=cmd", "resource config --output-format=cmd bb",
         "resource config --output-format=cmd b9 d1", "config", "stonith config", "constraint",
         "resource group add gd bb", "resource clone bb", "resource meta b1 priority=1",
         "resource update bb fake=2", "resource delete b1", "resource delete b9", "resource delete bb",
         "constraint location b9 prefers node1", "resource unmanage b9", "resource disable b1"]
EDITS = ["resource bundle reset b1 container image=y", "resource bundle update b2 container replicas=1",
         "resource bundle create b3 container docker image=z", "resource create x ocf:pacemaker:Dummy bundle b2"]


def _cib_with_bundles() -> str:
    return gen.start_cib().replace("</resources>", BUNDLES + "</resources>")


@pytest.mark.slow
def test_views_of_bundles_match_real_pcs() -> None:
    cib = _cib_with_bundles()
    found = diff.differences_each(VIEWS, cib)
    assert not found, "\n".join(f"pcs {c} [{a}]\n{gen.describe(a, t, m)[:1500]}" for c, a, t, m in found)


def test_changing_a_bundle_is_refused_by_name() -> None:
    for command in EDITS:
        step = diff.run_ours([command], _cib_with_bundles())[0]
        assert step.rc == 1 and any("not simulated" in line and "halab rig up" in line for line in step.messages), \
            (command, step)
