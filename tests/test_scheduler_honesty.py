"""The honesty gate: what the scheduler cannot simulate is refused, in crm_simulate and in a live lab.

A refusal names the construct and where to try it for real (`halab rig up`),
exits non-zero, and leaves a live lab's CIB exactly as it was.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from halab_kernel.commands.crm_simulate import main as crm_simulate
from tests.sim.topology import service_lab

HINT = "try it on real nodes: halab rig up"

CIB = """<cib validate-with="pacemaker-3.9" epoch="1" num_updates="0" admin_epoch="0" have-quorum="1">
  <configuration>
    <crm_config><cluster_property_set id="opts">
      <nvpair id="o1" name="stonith-enabled" value="false"/>{property}
    </cluster_property_set></crm_config>
    <nodes><node id="1" uname="node1"/><node id="2" uname="node2"/></nodes>
    <resources>
      <primitive id="web" class="ocf" provider="pacemaker" type="Dummy">{meta}</primitive>
    </resources>
    <constraints>{constraint}</constraints>
  </configuration>
  <status>
    <node_state id="1" uname="node1" in_ccm="true" crmd="online" join="member" expected="member"/>
    <node_state id="2" uname="node2" in_ccm="true" crmd="online" join="member" expected="member"/>
  </status>
</cib>"""


def _simulate(tmp_path: Path, **parts: str) -> tuple[int, str, str]:
    path = tmp_path / "cib.xml"
    path.write_text(CIB.format(**{"property": "", "meta": "", "constraint": "", **parts}))
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        rc = crm_simulate(["-x", str(path), "-S"])
    return rc, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("parts, named", [
    ({"constraint": '<rsc_location id="l" rsc="web" node="node1" score="10" role="Started" resource-discovery="never"/>'},
     "resource-discovery"),
    ({"constraint": '<rsc_location id="l" rsc-pattern="w.*"><rule id="r" score="10"><expression id="e" '
                    'attribute="x" operation="eq" value="ip" value-source="param"/></rule></rsc_location>'},
     "value-source"),
    # guest nodes are modelled (scheduler/guest.py), one named like another resource is not
    ({"meta": '<meta_attributes id="m"><nvpair id="m1" name="remote-node" value="web"/></meta_attributes>'},
     "guest nodes"),
])
def test_crm_simulate_refuses_what_it_does_not_model(tmp_path, parts, named):
    rc, out, err = _simulate(tmp_path, **parts)
    assert rc == 69 and out == ""
    assert err.startswith("crm_simulate: not simulated: ") and named in err and err.rstrip().endswith(HINT)


REMOTE = '</primitive><primitive id="remote1" class="ocf" provider="pacemaker" type="remote">{params}'


def test_a_pacemaker_remote_node_is_simulated_and_its_unmodelled_parts_refused(tmp_path):
    """The scheduler models remote nodes (scheduler/remote.py): the connection starts first, the
    remote node can then run resources, also with a reconnect_interval (remote.py)."""
    rc, out, err = _simulate(tmp_path, meta=REMOTE.format(params=""))
    assert rc == 0, err
    assert "* Start      remote1     ( node1 )" in out and "* Start      web         ( node2 )" in out
    params = ('<instance_attributes id="ia"><nvpair id="ia1" name="reconnect_interval" value="60s"/>'
              '</instance_attributes>')
    rc, out, err = _simulate(tmp_path, meta=REMOTE.format(params=params))
    assert rc == 0, err
    assert "* Start      remote1     ( node1 )" in out and "* Start      web         ( node2 )" in out


def test_a_live_lab_refuses_a_pacemaker_remote_node():
    """A live lab's runtime does not run remote nodes, though the scheduler models them."""
    lab = service_lab(stonith=False)
    before = lab.run("node1", "cibadmin -Q -o configuration").stdout
    result = lab.run("node1", "cibadmin -C -o resources -X "
                     "'<primitive id=\"remote1\" class=\"ocf\" provider=\"pacemaker\" type=\"remote\"/>'")
    assert result.rc == 69, result.stderr
    assert result.stderr == f"cibadmin: not simulated: Pacemaker Remote nodes (ocf:pacemaker:remote); {HINT}\n"
    assert lab.run("node1", "cibadmin -Q -o configuration").stdout == before


def test_an_allow_migrate_resource_that_does_not_move_is_simulated(tmp_path):
    meta = '<meta_attributes id="m"><nvpair id="m1" name="allow-migrate" value="true"/></meta_attributes>'
    rc, out, err = _simulate(tmp_path, meta=meta)
    assert rc == 0, err
    assert "* Start      web     ( node1 )" in out


ODD_HISTORY = ('<lrm><lrm_resources><lrm_resource id="web" class="ocf" provider="pacemaker" type="Dummy">'
               '{op}</lrm_resource></lrm_resources></lrm>')


@pytest.mark.parametrize("parts, history", [
    ({}, '<lrm_rsc_op id="web_last_0" operation="start" interval="0" rc-code="0" op-status="0"/>'),  # no call-id
    ({}, '<lrm_rsc_op id="web_last_0" operation_key="web_start_0" call-id="3" interval="0"/>'),    # no rc, no task
    ({}, '<lrm_rsc_op id="web_last_0" operation="monitor" call-id="x" rc-code="abc" op-status="-9" interval="1e99"/>'),
    ({}, '<lrm_rsc_op/><frobnicate id="f"/>'),
    ({"constraint": '<rsc_location id="l" rsc="web" node="node1" score="abc"/><rsc_order id="o" first="web"/>'}, ""),
    ({"meta": '<meta_attributes id="m"><nvpair id="m1" name="target-role"/><unknown/></meta_attributes>'}, ""),
])
def test_crm_simulate_never_tracebacks_on_an_odd_cib(tmp_path, parts, history):
    """Missing or unreadable attributes and unknown tags (the variant fuzzing of this round held
    3,600 such CIBs): an answer or a clear error, never an exception or an internal error."""
    path = tmp_path / "cib.xml"
    text = CIB.format(**{"property": "", "meta": "", "constraint": "", **parts})
    if history:
        text = text.replace('expected="member"/>', 'expected="member">' + ODD_HISTORY.format(op=history)
                            + "</node_state>", 1)
    path.write_text(text)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        rc = crm_simulate(["-x", str(path), "-S"])
    assert "internal error" not in err.getvalue() and "Traceback" not in err.getvalue()
    assert rc == 0 or err.getvalue().startswith("crm_simulate: ")


def test_a_live_lab_refuses_an_unsimulated_change_and_keeps_its_cib():
    lab = service_lab(stonith=False)
    before = lab.run("node1", "cibadmin -Q -o configuration").stdout
    for command, named in (("pcs property set shutdown-lock=true", "shutdown-lock"),
                           ("pcs resource meta vip container=dummy1", "containers"),
                           ("crm_attribute -n shutdown-lock -v true", "shutdown-lock")):
        result = lab.run("node1", command)
        tool = command.split()[0]
        assert result.rc == 69, (command, result.stderr)
        assert result.stderr.startswith(f"{tool}: not simulated: ") and named in result.stderr
        assert HINT in result.stderr
    assert lab.run("node1", "cibadmin -Q -o configuration").stdout == before
    lab.advance(30)  # the cluster keeps running: nothing raises out of the timers
    assert lab.run("node1", "crm_mon -1").rc == 0


def test_a_live_lab_refuses_clone_constraints_the_scheduler_gets_wrong_in_variants():
    """Rows found by real crm_simulate on variants: finite colocations with a clone, and a location
    on a resource inside a clone. A student can type them in a lab, so the lab refuses them too."""
    lab = service_lab(stonith=False)
    assert lab.run("node1", "pcs resource create pinger ocf:pacemaker:Dummy clone").rc == 0
    before = lab.run("node1", "cibadmin -Q -o configuration").stdout
    for command, named in (("pcs constraint colocation add vip with pinger-clone 100", "finite positive colocation"),
                           ("pcs constraint colocation add vip with pinger-clone -100", "finite negative colocation"),
                           ("pcs constraint location pinger prefers node1=50 --force", "inside a clone")):
        result = lab.run("node1", command)
        assert result.rc == 69 and named in result.stderr and HINT in result.stderr, (command, result.stderr)
    assert lab.run("node1", "cibadmin -Q -o configuration").stdout == before
    assert lab.run("node1", "pcs constraint colocation add vip with pinger-clone INFINITY").rc == 0  # mandatory: modelled


def test_a_live_lab_runs_the_balanced_placement_strategy():
    """Utilization is modelled: only node1 has the capacity, so both resources go there (the
    default strategy would spread them over the emptier nodes)."""
    lab = service_lab(stonith=False)
    for command in ("pcs property set placement-strategy=balanced",
                    "pcs node utilization node1 cpu=4", "pcs node utilization node2 cpu=1",
                    "pcs node utilization node3 cpu=1",
                    "pcs resource create big1 ocf:pacemaker:Dummy", "pcs resource utilization big1 cpu=2",
                    "pcs resource create big2 ocf:pacemaker:Dummy", "pcs resource utilization big2 cpu=2"):
        result = lab.run("node1", command)
        assert result.rc == 0, (command, result.stderr)
    lab.advance(60)
    state = lab.state()
    assert [state.resource(r).nodes for r in ("big1", "big2")] == [("node1",), ("node1",)]


def test_crm_simulate_inside_a_lab_refuses_an_unsimulated_file_too():
    """`crm_simulate -x FILE` on a node reads any file a student wrote there: the same gate."""
    lab = service_lab(stonith=False)
    meta = '<meta_attributes id="m"><nvpair id="m1" name="remote-node" value="web"/></meta_attributes>'
    getattr(lab.backend, "sim").files("node1")["/root/guest.xml"] = CIB.format(property="", meta=meta, constraint="")
    result = lab.run("node1", "crm_simulate -x /root/guest.xml -S")
    assert result.rc == 69 and result.stdout == ""
    assert result.stderr.startswith("crm_simulate: not simulated: ") and HINT in result.stderr
    assert lab.run("node1", "crm_simulate -L -S").rc == 0
