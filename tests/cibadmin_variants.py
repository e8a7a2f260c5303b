"""cibadmin commands a student (or a held-back case) can type, and their differential against the
real Pacemaker 2.1.5 cibadmin run offline (CIB_file=...) on the simulator's own CIB.

Used by tests/test_cibadmin_differential.py and benchmarks/bench_cibadmin_differential.py.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path

from lxml import etree

from tests.runtime_scenarios import dc_cib, simulator_of
from tests.sim.topology import service_lab

DUMMY = '<primitive id="{id}" class="ocf" provider="pacemaker" type="Dummy"/>'
XML = {
    "new primitive": DUMMY.format(id="d9"),
    "existing primitive": DUMMY.format(id="dummy1"),
    "primitive without type": '<primitive id="d9" class="ocf" provider="pacemaker"/>',
    "primitive bad class": '<primitive id="d9" class="bogus" type="Dummy"/>',
    "primitive no id": '<primitive class="ocf" provider="pacemaker" type="Dummy"/>',
    "primitive bad id": '<primitive id="9 x" class="ocf" provider="pacemaker" type="Dummy"/>',
    "unknown element": '<bogus id="b1"/>',
    "location": '<rsc_location id="loc9" rsc="dummy1" node="node2" score="50"/>',
    "location bad score": '<rsc_location id="loc9" rsc="dummy1" node="node2" score="lots"/>',
    "location missing rsc": '<rsc_location id="loc9" rsc="nope" node="node2" score="50"/>',
    "location no node": '<rsc_location id="loc9" rsc="dummy1" score="50"/>',
    "order": '<rsc_order id="o9" first="dummy1" then="vip"/>',
    "colocation": '<rsc_colocation id="c9" rsc="dummy1" with-rsc="vip" score="INFINITY"/>',
    "nvpair": '<cluster_property_set id="cib-bootstrap-options"><nvpair id="cib-bootstrap-options-x" name="x" '
              'value="1"/></cluster_property_set>',
    "property set new": '<cluster_property_set id="ps9"><nvpair id="ps9-a" name="a" value="1"/></cluster_property_set>',
    "node": '<node id="9" uname="node9"/>',
    "node no uname": '<node id="9"/>',
    "resources section": "<resources/>",
    "constraints section": "<constraints/>",
    "crm_config section": "<crm_config/>",
    "cib only": "<cib/>",
    "cib empty configuration": "<cib><configuration/></cib>",
    "cib with epoch": '<cib epoch="1"><configuration/></cib>',
    "not xml": "<primitive",
    "text": "hello",
    "empty": "",
    "namespaced": '<x:primitive xmlns:x="urn:x" id="dummy1"/>',
    "modify meta": '<primitive id="dummy1"><meta_attributes id="dummy1-meta_attributes"><nvpair '
                   'id="dummy1-meta_attributes-target-role" name="target-role" value="Stopped"/></meta_attributes>'
                   '</primitive>',
    "modify attribute": '<primitive id="dummy1" description="hello"/>',
    "modify bad attribute": '<primitive id="dummy1" class="bogus"/>',
    "modify missing": '<primitive id="nope" description="x"/>',
    "delete by id only": '<primitive id="dummy1"/>',
    "delete group": '<group id="web"/>',
    "delete member": '<primitive id="vip"/>',
    "delete constraint": '<rsc_location id="nope"/>',
    "tag mismatch": '<group id="dummy1"/>',
    "quote in id": "<primitive id=\"a'b\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\"/>",
}
ODD = [  # options, XPaths, sections absent from the CIB, schema enumerations, stdin, dangerous commands
    'cibadmin -?',
    'cibadmin --help',
    'cibadmin -$',
    'cibadmin --version',
    'cibadmin -Q -Z',
    'cibadmin -E',
    'cibadmin -E --force',
    'cibadmin -B',
    'cibadmin -a',
    'cibadmin -5',
    'cibadmin -Q -n',
    'cibadmin -Q -l',
    'cibadmin -Q -s',
    'cibadmin -Q -V',
    'cibadmin -Q -t 5',
    'cibadmin -Q --scope',
    'cibadmin --query=x',
    'cibadmin -Q -e -A //primitive',
    'cibadmin -Q -o status',
    'cibadmin -QR',
    "cibadmin -Q -R -X '<x/>'",
    'cibadmin -p',
    'cibadmin -Q --bogus',
    'cibadmin -d -A //nvpair',
    'cibadmin -d --force -A //nvpair',
    'cibadmin -u',
    'cibadmin -S -Q',
    'cibadmin -Q -U tony',
    "cibadmin -c -M -X '<primitive/>'",
    'cibadmin -c -M -X \'<primitive id="d9" class="ocf" provider="pacemaker" type="Dummy"/>\'',
    'cibadmin -N node1 -Q',
    'cibadmin -Q -A //nothing',
    'cibadmin -Q -A ///',
    'cibadmin -D -A "//primitive[@id=\'vip\']"',
    'cibadmin -D -A "//primitive"',
    "cibadmin -R -o status -X '<status/>'",
    'cibadmin -M -A "//primitive[@id=\'dummy1\']" -X \'<primitive id="dummy1" description="x"/>\'',
    'cibadmin -Q --xpath "//nvpair[@name=\'target-role\']"',
    'cibadmin -Q -A "//primitive[@id=\'vip\']" -n',
    'cibadmin --delete --xml-text \'<primitive id="old"/>\'',
    "cibadmin --replace --scope resources --xml-text '<resources/>'",
    'cibadmin --modify --xml-text \'<cib admin_epoch="admin_epoch++"/>\'',
    'cibadmin -M -X \'<cib epoch="epoch++"/>\'',
    'cibadmin -Q -o resources -o constraints',
    'cibadmin -Q -M',
    'cibadmin -C -o resources -X \'<primitive id="d9" class="ocf" provider="pacemaker" type="Dummy"/>\' -X \'<bogus/>\'',
    "cibadmin -C -o resources -X ''",
    "cibadmin -C -o resources -X '   '",
    'cibadmin -C -o resources -X \'<primitive id="d9" class="ocf" provider="pacemaker" type="Dummy"/><primitive id="d8" class="ocf" provider="pacemaker" type="Dummy"/>\'',
    'cibadmin -C -o resources -X \'<!-- c --><primitive id="d9" class="ocf" provider="pacemaker" type="Dummy"/>\'',
    'cibadmin -C -o resources -X \'<?xml version="1.0"?><primitive id="d9" class="ocf" provider="pacemaker" type="Dummy"/>\'',
    'cibadmin -C -o resources -X \'<primitive id="d9" class="ocf" provider="heartbeat" type="IPaddr2"><instance_attributes id="d9-ia"><nvpair id="d9-ip" name="ip" value="10.0.0.9"/></instance_attributes><operations><op id="d9-mon" name="monitor" interval="10s"/></operations></primitive>\'',
    'cibadmin -C -o resources -X \'<primitive id="d9" class="stonith" type="fence_xvm"/>\'',
    'cibadmin -C -o resources -X \'<primitive id="d9" class="systemd" type="httpd"/>\'',
    'cibadmin -C -o resources -X \'<primitive id="d9" class="ocf" type="Dummy"/>\'',
    'cibadmin -C -o resources -X \'<primitive id="d9" class="lsb" provider="x" type="Dummy"/>\'',
    'cibadmin -C -o resources -X \'<group id="g9"/>\'',
    'cibadmin -C -o resources -X \'<clone id="c9"><primitive id="d9" class="ocf" provider="pacemaker" type="Dummy"/></clone>\'',
    'cibadmin -C -o resources -X \'<clone id="c9"/>\'',
    'cibadmin -C -o resources -X \'<primitive id="d9" class="ocf" provider="pacemaker" type="Dummy"><operations><op id="d9-m" name="monitor" interval="abc"/></operations></primitive>\'',
    'cibadmin -C -o resources -X \'<primitive id="d9" class="ocf" provider="pacemaker" type="Dummy"><operations><op id="d9-m" name="monitor"/></operations></primitive>\'',
    'cibadmin -C -o resources -X \'<primitive id="d9" class="ocf" provider="pacemaker" type="Dummy"><meta_attributes id="d9-m"><nvpair id="d9-m-t" name="target-role"/></meta_attributes></primitive>\'',
    'cibadmin -C -o resources -X \'<primitive id="d9" class="ocf" provider="pacemaker" type="Dummy"><meta_attributes id="d9-m"><nvpair id="d9-m-t" value="x"/></meta_attributes></primitive>\'',
    'cibadmin -C -o constraints -X \'<rsc_location id="l9" rsc="dummy1" node="node2" score="INFINITY"/>\'',
    'cibadmin -C -o constraints -X \'<rsc_location id="l9" rsc="dummy1" node="node2" score="-INFINITY"/>\'',
    'cibadmin -C -o constraints -X \'<rsc_location id="l9" rsc="dummy1" node="node2" score="+INFINITY"/>\'',
    'cibadmin -C -o constraints -X \'<rsc_location id="l9" rsc="dummy1" node="node2" score="inf"/>\'',
    'cibadmin -C -o constraints -X \'<rsc_location id="l9" rsc="dummy1" node="node2" score="-inf"/>\'',
    'cibadmin -C -o constraints -X \'<rsc_location id="l9" rsc="dummy1" node="node2" score="1.5"/>\'',
    'cibadmin -C -o constraints -X \'<rsc_location id="l9" rsc="dummy1" node="node2" score=""/>\'',
    'cibadmin -C -o constraints -X \'<rsc_location id="l9" rsc="dummy1" node="node2"/>\'',
    'cibadmin -C -o constraints -X \'<rsc_location id="l9" rsc="dummy1" node="node2" score="10" role="Master"/>\'',
    'cibadmin -C -o constraints -X \'<rsc_location id="l9" rsc="dummy1" node="node2" score="10" role="Bogus"/>\'',
    'cibadmin -C -o constraints -X \'<rsc_location id="l9" rsc-pattern="dum.*" node="node2" score="10"/>\'',
    'cibadmin -C -o constraints -X \'<rsc_location id="l9" rsc="dummy1"><rule id="l9-r" score="10"><expression id="l9-e" attribute="#uname" operation="eq" value="node2"/></rule></rsc_location>\'',
    'cibadmin -C -o constraints -X \'<rsc_location id="l9" rsc="dummy1"><rule id="l9-r" score="10"><expression id="l9-e" attribute="#uname" operation="equals" value="node2"/></rule></rsc_location>\'',
    'cibadmin -C -o constraints -X \'<rsc_order id="o9" first="dummy1" then="vip" kind="Mandatory"/>\'',
    'cibadmin -C -o constraints -X \'<rsc_order id="o9" first="dummy1" then="vip" kind="Sometimes"/>\'',
    'cibadmin -C -o constraints -X \'<rsc_order id="o9" first="dummy1" then="nope"/>\'',
    'cibadmin -C -o constraints -X \'<rsc_order id="o9" first="dummy1" then="vip" first-action="begin"/>\'',
    'cibadmin -C -o constraints -X \'<rsc_colocation id="c9" rsc="dummy1" with-rsc="vip"/>\'',
    'cibadmin -C -o constraints -X \'<rsc_colocation id="c9" rsc="dummy1" with-rsc="vip" score="abc"/>\'',
    'cibadmin -C -o constraints -X \'<rsc_ticket id="t9" rsc="dummy1" ticket="T"/>\'',
    'cibadmin -C -o crm_config -X \'<cluster_property_set id="ps9"><nvpair id="ps9-a" name="stonith-enabled" value="maybe"/></cluster_property_set>\'',
    'cibadmin -C -o rsc_defaults -X \'<meta_attributes id="rd9"><nvpair id="rd9-a" name="resource-stickiness" value="100"/></meta_attributes>\'',
    'cibadmin -C -o op_defaults -X \'<meta_attributes id="od9"><nvpair id="od9-a" name="timeout" value="100"/></meta_attributes>\'',
    'cibadmin -C -o nodes -X \'<node id="9" uname="node9" type="member"/>\'',
    'cibadmin -C -o nodes -X \'<node id="9" uname="node9" type="bogus"/>\'',
    'cibadmin -C -o nodes -X \'<node id="1" uname="node9"/>\'',
    'cibadmin -C -o nodes -X \'<node id="9" uname="node1"/>\'',
    'cibadmin -C -o tags -X \'<tag id="t9"><obj_ref id="dummy1"/></tag>\'',
    'cibadmin -C -o tags -X \'<tag id="t9"/>\'',
    'cibadmin -C -o alerts -X \'<alert id="a9" path="/bin/true"/>\'',
    'cibadmin -C -o alerts -X \'<alert id="a9"/>\'',
    'cibadmin -C -o fencing-topology -X \'<fencing-level id="fl9" target="node1" index="1" devices="fence-rig"/>\'',
    'cibadmin -C -o fencing-topology -X \'<fencing-level id="fl9" target="node1" index="0" devices="fence-rig"/>\'',
    'cibadmin -C -o acls -X \'<acl_role id="r9"><acl_permission id="r9-p" kind="read" xpath="/cib"/></acl_role>\'',
    'cibadmin -M -X \'<nvpair id="cib-bootstrap-options-stonith-enabled" value="false"/>\'',
    'cibadmin -M -X \'<nvpair id="cib-bootstrap-options-stonith-enabled" name="stonith-enabled" value="false"/>\'',
    'cibadmin -M -o crm_config -X \'<nvpair id="nope" value="false"/>\'',
    'cibadmin -D -X \'<nvpair name="target-role"/>\'',
    "cibadmin -D -o constraints -X '<rsc_location/>'",
    'cibadmin -D -X \'<primitive id="dummy1" class="ocf"/>\'',
    'cibadmin -D -X \'<primitive id="dummy1" class="lsb"/>\'',
    'cibadmin -R -X \'<primitive id="dummy1" class="ocf" provider="pacemaker" type="Stateful"/>\'',
    'cibadmin -R -o resources -X \'<group id="grp"/>\'',
    'cibadmin -R -o resources -X \'<resources><primitive id="x1" class="ocf" provider="pacemaker" type="Dummy"/></resources>\'',
    "cibadmin -R -o configuration -X '<configuration/>'",
    "cibadmin -R -o nodes -X '<nodes/>'",
    "cibadmin -R -o crm_config -X '<crm_config/>'",
    "cibadmin -M -o resources -X '<resources/>'",
    "cibadmin -D -o resources -X '<resources/>'",
    "cibadmin -D -o status -X '<status/>'",
    'cibadmin -Q -o rsc_defaults',
    'cibadmin -Q -o op_defaults',
    'cibadmin -Q -o acls',
    'cibadmin -Q -o fencing-topology',
    'cibadmin -Q -o crm_config',
    'cibadmin -Q -o configuration',
    'cibadmin -Q --scope=nodes',
    'cibadmin -Q -A //cib',
    'cibadmin -Q -A "count(//primitive)"',
    'cibadmin -Q -A "//primitive/@id"',
    'cibadmin -Q -A "//primitive[@id=vip"',
    'cibadmin -Q -A ""',
    'cibadmin -Q -o ""',
    'cibadmin -C -X \'<primitive id="d9" class="ocf" provider="pacemaker" type="Dummy"/>\'',
    'cibadmin -C -o resources -x /etc/hostname',
    'cibadmin -R -x /nonexistent',
    'cibadmin -Q -x /nonexistent',
    "cibadmin -Q -X '<x/>'",
]
MORE = [  # round 2: what a student edits by hand (sections created, rules, sets, clones, ops, versions)
    'cibadmin --query --scope resources',
    'cibadmin -Q -o resources -n',
    'cibadmin -Q -o nodes -A "//node[@uname=\'node2\']"',
    'cibadmin -Q -A "//node[@uname=\'node2\']" -e',
    'cibadmin -Q -A "//nvpair[@name=\'stonith-enabled\']" -e',
    "cibadmin -C -o configuration -X '<tags/>'",
    'cibadmin -C -o configuration -X \'<tags><tag id="t9"><obj_ref id="dummy1"/></tag></tags>\'',
    'cibadmin -C -o configuration -X \'<rsc_defaults><meta_attributes id="rd9"><nvpair id="rd9-s" name="resource-stickiness" value="100"/></meta_attributes></rsc_defaults>\'',
    'cibadmin -C -o configuration -X \'<alerts><alert id="a9" path="/usr/share/pacemaker/alerts/alert_file.sh"/></alerts>\'',
    'cibadmin -C -o configuration -X \'<fencing-topology><fencing-level id="fl9" target="node1" index="1" devices="fence-rig"/></fencing-topology>\'',
    "cibadmin -C -o configuration -X '<op_defaults/>'",
    "cibadmin -C -X '<tags/>'",
    "cibadmin -C -X '<cib/>'",
    'cibadmin -M -o nodes -X \'<node id="1" uname="node1"><instance_attributes id="nodes-1"><nvpair id="nodes-1-standby" name="standby" value="on"/></instance_attributes></node>\'',
    'cibadmin -M -o crm_config -X \'<nvpair id="cib-bootstrap-options-stonith-enabled" name="stonith-enabled" value="false"/>\'',
    'cibadmin -M -o crm_config -X \'<cluster_property_set id="cib-bootstrap-options"><nvpair id="cib-bootstrap-options-no-quorum-policy" name="no-quorum-policy" value="ignore"/></cluster_property_set>\'',
    'cibadmin -M -X \'<primitive id="dummy1"><instance_attributes id="dummy1-ia"><nvpair id="dummy1-ia-x" name="x" value="1"/></instance_attributes></primitive>\'',
    'cibadmin -M -X \'<primitive id="dummy1" type="Stateful"/>\'',
    'cibadmin -M -X \'<primitive id="dummy1" class=""/>\'',
    'cibadmin -M -X \'<group id="grp"><primitive id="vip" description="x"/></group>\'',
    'cibadmin -M -X \'<op id="dummy1-monitor-interval-10s" interval="20s"/>\'',
    'cibadmin -M -X \'<op id="nope" interval="20s"/>\'',
    'cibadmin -D -o constraints -X \'<rsc_location id="x" rsc="dummy1"/>\'',
    'cibadmin -D -X \'<nvpair id="cib-bootstrap-options-stonith-enabled"/>\'',
    'cibadmin -D -X \'<cluster_property_set id="cib-bootstrap-options"/>\'',
    'cibadmin -D -X \'<primitive id="fence-rig"/>\'',
    'cibadmin -D -X \'<group id="grp"/>\'',
    'cibadmin -D -X \'<primitive id="dummy2"/>\'',
    'cibadmin -D -o resources -X \'<primitive id="vip"/>\'',
    'cibadmin -D -X \'<node id="2"/>\'',
    'cibadmin -D -X \'<node uname="node2"/>\'',
    'cibadmin -D -o status -X \'<node_state id="2"/>\'',
    'cibadmin -R -o resources -X \'<primitive id="dummy1" class="ocf" provider="pacemaker" type="Dummy"/>\'',
    'cibadmin -R -o resources -X \'<group id="grp"><primitive id="vip" class="ocf" provider="heartbeat" type="IPaddr2"/></group>\'',
    'cibadmin -R -X \'<group id="grp"><primitive id="vip2" class="ocf" provider="heartbeat" type="IPaddr2"/></group>\'',
    'cibadmin -R -o constraints -X \'<constraints><rsc_location id="l1" rsc="dummy1" node="node1" score="100"/></constraints>\'',
    'cibadmin -R -o crm_config -X \'<crm_config><cluster_property_set id="cib-bootstrap-options"/></crm_config>\'',
    'cibadmin -R -o nodes -X \'<nodes><node id="1" uname="node1"/></nodes>\'',
    "cibadmin -R -o configuration -X '<configuration><crm_config/><nodes/><resources/><constraints/></configuration>'",
    "cibadmin -R -o configuration -X '<configuration><crm_config/><nodes/><resources/></configuration>'",
    'cibadmin -C -o resources -X \'<group id="g9"><primitive id="dummy1" class="ocf" provider="pacemaker" type="Dummy"/></group>\'',
    'cibadmin -C -o resources -X \'<primitive id="d9" class="ocf" provider="pacemaker" type="Dummy"><operations><op id="d9-start" name="start" interval="0s" timeout="20s"/><op id="d9-mon" name="monitor" interval="10s" timeout="20s" on-fail="restart"/></operations></primitive>\'',
    'cibadmin -C -o resources -X \'<primitive id="d9" class="ocf" provider="pacemaker" type="Dummy"><operations><op id="d9-mon" name="monitor" interval="10s" on-fail="reboot"/></operations></primitive>\'',
    'cibadmin -C -o resources -X \'<primitive id="d9" class="ocf" provider="pacemaker" type="Dummy"><operations><op id="d9-mon" name="monitor" interval="10s" role="Promoted"/></operations></primitive>\'',
    'cibadmin -C -o resources -X \'<primitive id="d9" class="ocf" provider="pacemaker" type="Dummy" description="my dummy"/>\'',
    'cibadmin -C -o resources -X \'<primitive id="d9" class="ocf" provider="pacemaker" type="Dummy" bogus="1"/>\'',
    'cibadmin -C -o resources -X \'<primitive id="d9" class="ocf" provider="pacemaker" type="Dummy"><utilization id="d9-u"><nvpair id="d9-u-cpu" name="cpu" value="1"/></utilization></primitive>\'',
    'cibadmin -C -o resources -X \'<primitive id="d9" class="ocf" provider="pacemaker" type="Dummy"><bogus/></primitive>\'',
    'cibadmin -C -o resources -X \'<primitive id="d9" class="ocf" provider="pacemaker" type="Dummy"><instance_attributes id="d9-ia"><nvpair id="d9-ia-a" name="a" value="&lt;b&gt;"/></instance_attributes></primitive>\'',
    'cibadmin -C -o resources -X \'<primitive id="d9" class="ocf" provider="pacemaker" type="Dummy" description="héllo"/>\'',
    'cibadmin -C -o resources -X \'<primitive id="d9" class="ocf" provider="pacemaker" type="Dummy"><meta_attributes id="d9-meta"><nvpair id="d9-meta-tr" name="target-role" value="Stopped"/></meta_attributes></primitive>\'',
    'cibadmin -C -o resources -X \'<clone id="c9"><primitive id="d9" class="ocf" provider="pacemaker" type="Dummy"/><meta_attributes id="c9-meta"><nvpair id="c9-meta-cm" name="clone-max" value="2"/></meta_attributes></clone>\'',
    'cibadmin -C -o resources -X \'<clone id="c9"><group id="g9"><primitive id="d9" class="ocf" provider="pacemaker" type="Dummy"/></group></clone>\'',
    'cibadmin -C -o resources -X \'<clone id="c9"><primitive id="d9" class="ocf" provider="pacemaker" type="Dummy"/><primitive id="d8" class="ocf" provider="pacemaker" type="Dummy"/></clone>\'',
    'cibadmin -C -o resources -X \'<master id="m9"><primitive id="d9" class="ocf" provider="pacemaker" type="Stateful"/></master>\'',
    'cibadmin -C -o resources -X \'<group id="g9"><group id="g8"/></group>\'',
    'cibadmin -C -o resources -X \'<group id="g9"><clone id="c9"><primitive id="d9" class="ocf" provider="pacemaker" type="Dummy"/></clone></group>\'',
    'cibadmin -C -o constraints -X \'<rsc_location id="l9" rsc="dummy1" node="node9" score="10"/>\'',
    'cibadmin -C -o constraints -X \'<rsc_location id="l9" rsc="grp" node="node2" score="10"/>\'',
    'cibadmin -C -o constraints -X \'<rsc_location id="l9" rsc="dummy1" score="10"><rule id="l9-r"><expression id="l9-e" attribute="#uname" operation="eq" value="node2"/></rule></rsc_location>\'',
    'cibadmin -C -o constraints -X \'<rsc_location id="l9" rsc="dummy1"><rule id="l9-r" score-attribute="pingd"><expression id="l9-e" attribute="pingd" operation="defined"/></rule></rsc_location>\'',
    'cibadmin -C -o constraints -X \'<rsc_location id="l9" rsc="dummy1"><rule id="l9-r" score="-INFINITY" boolean-op="or"><expression id="l9-e" attribute="pingd" operation="not_defined"/><expression id="l9-e2" attribute="pingd" operation="lte" value="0" type="number"/></rule></rsc_location>\'',
    'cibadmin -C -o constraints -X \'<rsc_location id="l9" rsc="dummy1"><rule id="l9-r" score="10" boolean-op="xor"><expression id="l9-e" attribute="a" operation="defined"/></rule></rsc_location>\'',
    'cibadmin -C -o constraints -X \'<rsc_location id="l9" rsc="dummy1"><rule id="l9-r" score="10"><date_expression id="l9-d" operation="gt" start="2020-01-01"/></rule></rsc_location>\'',
    'cibadmin -C -o constraints -X \'<rsc_location id="l9" rsc="dummy1"><rule id="l9-r" score="10"><date_expression id="l9-d" operation="after" start="2020-01-01"/></rule></rsc_location>\'',
    'cibadmin -C -o constraints -X \'<rsc_location id="l9" rsc="dummy1"><rule id="l9-r" score="10"/></rsc_location>\'',
    'cibadmin -C -o constraints -X \'<rsc_colocation id="c9" rsc="dummy1" with-rsc="vip" score="INFINITY" rsc-role="Promoted"/>\'',
    'cibadmin -C -o constraints -X \'<rsc_colocation id="c9" rsc="dummy1" with-rsc="dummy1" score="INFINITY"/>\'',
    'cibadmin -C -o constraints -X \'<rsc_colocation id="c9" score="INFINITY"><resource_set id="s9"><resource_ref id="dummy1"/><resource_ref id="vip"/></resource_set></rsc_colocation>\'',
    'cibadmin -C -o constraints -X \'<rsc_order id="o9"><resource_set id="s9" sequential="false"><resource_ref id="dummy1"/><resource_ref id="vip"/></resource_set></rsc_order>\'',
    'cibadmin -C -o constraints -X \'<rsc_order id="o9"><resource_set id="s9"><resource_ref id="nope"/></resource_set></rsc_order>\'',
    'cibadmin -C -o constraints -X \'<rsc_order id="o9" first="dummy1" then="vip" symmetrical="maybe"/>\'',
    'cibadmin -C -o constraints -X \'<rsc_order id="o9" first="dummy1" then="vip" score="INFINITY"/>\'',
    'cibadmin -C -o constraints -X \'<rsc_ticket id="t9" rsc="dummy1" ticket="T" loss-policy="stop"/>\'',
    'cibadmin -C -o constraints -X \'<rsc_ticket id="t9" rsc="dummy1" ticket="T" loss-policy="ignore"/>\'',
    'cibadmin -C -o crm_config -X \'<cluster_property_set id="cib-bootstrap-options"/>\'',
    'cibadmin -C -o crm_config -X \'<cluster_property_set id="ps9"><nvpair id="ps9-a" value="1"/></cluster_property_set>\'',
    'cibadmin -C -o crm_config -X \'<cluster_property_set id="ps9" score="10"><nvpair id="ps9-a" name="a" value="1"/></cluster_property_set>\'',
    'cibadmin -C -o nodes -X \'<node id="node9" uname="node9"/>\'',
    'cibadmin -C -o nodes -X \'<node id="9" uname="node9" description="spare"/>\'',
    'cibadmin -C -o resources -X \'<primitive id="d9" class="ocf" provider="pacemaker" type="Dummy"/>\' -o constraints',
    'cibadmin -C -X \'<rsc_location id="l9" rsc="dummy1" node="node2" score="10"/>\'',
    'cibadmin -C -X \'<primitive id="d9" class="ocf" provider="pacemaker" type="Dummy"/>\' --scope=constraints',
    'cibadmin -Q -o resources --xpath "//primitive[@id=\'vip\']"',
    'cibadmin --replace --xml-file /etc/hostname',
    'cibadmin -R -X \'<cib epoch="100" admin_epoch="0" num_updates="0"><configuration><crm_config/><nodes/><resources/><constraints/></configuration><status/></cib>\'',
    'cibadmin -R -X \'<cib epoch="1"><configuration><crm_config/><nodes/><resources/><constraints/></configuration></cib>\'',
    'cibadmin -R -X \'<cib admin_epoch="1"><configuration><crm_config/><nodes/><resources/><constraints/></configuration></cib>\'',
    'cibadmin -M -X \'<cib admin_epoch="5"/>\'',
    'cibadmin -M -X \'<cib epoch="epoch+=10"/>\'',
    'cibadmin -M -X \'<cib epoch="3"/>\'',
    'cibadmin -M -X \'<cib num_updates="1000"/>\'',
    'cibadmin -M -X \'<cib validate-with="none"/>\'',
    # values the failure report prints back: 2.1.5's own escaping (&apos;, a tab as spaces, \\n, none after é)
    'cibadmin -C -o resources -X \'<primitive id="dummy1" class="ocf" provider="pacemaker" type="Dummy" description="it&apos;s"/>\'',
    'cibadmin -C -o resources -X \'<primitive id="dummy1" class="ocf" provider="pacemaker" type="Dummy" description="a&#9;b&#10;c"/>\'',
    'cibadmin -C -o resources -X \'<primitive id="dummy1" class="ocf" provider="pacemaker" type="Dummy" description="&quot;q&quot; &amp; é&apos;"/>\'',
    'cibadmin -C -o resources -X "<primitive id=\'dummy1\' class=\'ocf\' provider=\'pacemaker\' type=\'Dummy\' description=\'say &quot;hi&quot;\'/>"',
    'cibadmin -M -X \'<primitive id="dummy1" description="it&apos;s"/>\'',
]
# Known to differ: the real cibadmin accepts two elements with one id in an update (the simulator refuses it:
# rc 78), a <node type="remote"> (refused by the honesty gate, rc 69), and refuses validate-with="pacemaker-1.0"
SCOPES = ["", "-o resources", "-o constraints", "-o crm_config", "-o nodes", "-o configuration", "-o status",
          "-o bogus", "--scope=resources"]


def _commands() -> list[str]:
    commands = ["cibadmin -Q -o resources", "cibadmin -Q -o bogus", "cibadmin -Q -o nodes", "cibadmin -Q -o tags",
                "cibadmin -Q -o alerts", "cibadmin -Q --xpath //primitive", "cibadmin", "cibadmin -Z",
                "cibadmin -Q extra", "cibadmin -R", "cibadmin -C -o resources", "cibadmin -M -o resources",
                "cibadmin -D", "cibadmin -Q -o", "cibadmin -C -o resources -x /nonexistent.xml",
                "cibadmin --create --scope resources --xml-text '" + DUMMY.format(id="d9") + "'"]
    for operation in ("-C", "-R", "-M", "-D"):
        for name, xml in XML.items():
            for scope in SCOPES if name in ("new primitive", "location", "resources section", "cib only") else \
                    ["", "-o resources" if "location" not in name and "order" not in name else "-o constraints"]:
                commands.append(f"cibadmin {operation} {scope} -X {shlex.quote(xml)}".replace("  ", " "))
    return list(dict.fromkeys(commands + ODD + MORE))


COMMANDS = _commands()


def configuration(root: etree._Element) -> str:
    """The configuration section, canonical and without layout whitespace."""
    parser = etree.XMLParser(remove_blank_text=True)
    section = etree.fromstring(etree.tostring(root.find("configuration")), parser)
    for element in section.iter():
        element.tail = None
        if element.text is not None and not element.text.strip():
            element.text = None
    return etree.tostring(section, method="c14n").decode()


def disagreement(command: str, directory: Path) -> str | None:
    """None when the simulator and the real cibadmin agree on this command."""
    lab = service_lab()
    cib = directory / "cib.xml"
    cib.write_bytes(dc_cib(lab))
    real = subprocess.run(shlex.split(command), env={**os.environ, "CIB_file": str(cib)}, capture_output=True,
                          text=True, timeout=30)
    ours = lab.run("node1", command)
    problems = []
    if ours.rc != real.returncode:
        problems.append(f"rc: ours {ours.rc}, real {real.returncode}")
    if ours.stderr.strip().splitlines()[-1:] != real.stderr.strip().splitlines()[-1:]:
        problems.append(f"stderr: ours {ours.stderr.strip()[-200:]!r}\n        real {real.stderr.strip()[-200:]!r}")
    if "-Q" not in command and ours.stdout.strip() != real.stdout.strip():
        problems.append(f"stdout: ours {ours.stdout.strip()[:200]!r}\n        real {real.stdout.strip()[:200]!r}")
    if configuration(simulator_of(lab).pacemaker.cib.root) != configuration(etree.parse(str(cib)).getroot()):
        problems.append("configuration differs")
    return "\n".join(problems) or None
