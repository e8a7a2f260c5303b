"""Bundles in a configuration file, against real `pcs -f`; refused by name in a live lab.

`pcs -f FILE resource bundle create|reset|update` and `resource create ... bundle B` write what pcs
0.11.5 writes, with its errors (pcs/bundles.py); `resource config` in text and cmd formats shows a
bundle as pcs does (container, network, port and storage maps, meta attributes, the primitive inside),
and the other commands on a CIB holding bundles answer as real pcs, including the bundles pacemaker's
unpacking drops (a resource inside, no control-port or ip-range-start: crm_mon and crm_resource do not
know them). The simulated cluster runs no bundle: a live lab refuses the commit.
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
         "resource bundle create b3 container docker image=z", "resource create x ocf:pacemaker:Dummy bundle b2",
         "resource bundle create b3 container podman image=z replicas=2 network control-port=3121 port-map port=80 "
         "port-map range=90-95 storage-map source-dir=/a target-dir=/b meta priority=2 --disabled",
         "resource bundle create b3 container lxc image=z", "resource bundle create b3 container docker image= foo=1",
         "resource bundle create b1 container docker image=x masters=1 promoted-max=1 replicas=0",
         "resource bundle create b3 container docker image=x foo=1 --force",
         "resource bundle create b3 container docker image=x port-map internal-port=80 storage-map target-dir=/x",
         "resource bundle update b2 port-map add port=81 port-map remove b2-port-map-80 storage-map remove nope",
         "resource bundle update b9 network control-port=", "resource bundle update b9 network control-port= --force",
         "resource bundle update b2 container replicas= masters=2 meta target-role= a=1",
         "resource bundle reset b9 container image=n port-map port=80", "resource bundle reset b2 container replicas=2",
         "resource bundle update d1 container image=z", "resource bundle reset nope container image=z",
         "resource create x ocf:pacemaker:Dummy bundle b9", "resource create x ocf:pacemaker:Dummy bundle b1",
         "resource create x ocf:pacemaker:Dummy bundle b1 --force", "resource create x ocf:pacemaker:Dummy bundle",
         "resource bundle", "resource bundle create b3 container docker image=x port-map"]


def _cib_with_bundles() -> str:
    return gen.start_cib().replace("</resources>", BUNDLES + "</resources>")


@pytest.mark.slow
def test_views_of_bundles_match_real_pcs() -> None:
    cib = _cib_with_bundles()
    found = diff.differences_each(VIEWS, cib)
    assert not found, "\n".join(f"pcs {c} [{a}]\n{gen.describe(a, t, m)[:1500]}" for c, a, t, m in found)


@pytest.mark.slow
def test_bundle_edits_match_real_pcs() -> None:
    found = diff.differences_each(EDITS, _cib_with_bundles())
    assert not found, "\n".join(f"pcs {c} [{a}]\n{gen.describe(a, t, m)[:1500]}" for c, a, t, m in found)


def test_a_live_lab_refuses_a_bundle_by_name_and_a_file_takes_it() -> None:
    from halab_kernel import Lab

    lab = Lab.simulated(3)
    before = lab.run("node1", "pcs resource config").stdout
    live = lab.run("node1", "pcs resource bundle create b1 container docker image=x network control-port=3121")
    assert live.rc == 69 and "not simulated: bundles" in live.stderr and "halab rig up" in live.stderr, live
    assert lab.run("node1", "pcs resource config").stdout == before
    assert lab.run("node1", "pcs cluster cib /root/c.xml").rc == 0
    on_file = lab.run("node1", "pcs -f /root/c.xml resource bundle create b1 container docker image=x")
    assert on_file.rc == 0, on_file
    assert "Bundle: b1" in lab.run("node1", "pcs -f /root/c.xml resource config").stdout
    pushed = lab.run("node1", "pcs cluster cib-push /root/c.xml")
    assert pushed.rc == 69 and "not simulated: bundles" in pushed.stderr, pushed
    assert lab.run("node1", "pcs resource config").stdout == before


def test_a_bundle_listing_crm_mon_would_show_otherwise_is_refused_by_name() -> None:
    cib = gen.start_cib().replace("</resources>", '<bundle id="b1"><docker image="x" replicas="3"/>'
                                  '<network ip-range-start="10.0.253.254"/></bundle></resources>')
    step = diff.run_ours(["resource status"], cib)[0]
    assert step.rc == 1 and any("not simulated" in line and "b1" in line for line in step.messages), step


def test_the_listing_of_a_file_reads_no_constraint_as_crm_mon() -> None:
    """crm_mon only unpacks: an order the scheduler would refuse by name does not stop `pcs resource`."""
    block = ["constraint order stop d1 then start d2 symmetrical=false", "resource", "resource status d1"]
    steps = diff.run_ours(block, gen.start_cib())
    assert all(step.rc == 0 for step in steps), steps
    if diff.real_pcs_available():
        found = diff.compare(diff.run_real(block, gen.start_cib()), steps)
        assert not found, found
