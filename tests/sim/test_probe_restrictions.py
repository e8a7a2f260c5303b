"""Probe restrictions (scheduler/discovery.py): `resource-discovery=never|exclusive` and
`enable-startup-probes=false`, judged against the real crm_simulate on variants of one small
cluster: the transition, the final placement and the probes it schedules must all be equal."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import re
import shutil
import subprocess
from pathlib import Path
from unittest import mock

import pytest

from halab_kernel.commands.crm_simulate import main as crm_simulate
from tests.conftest import shared_path
from tests.sim.topology import service_lab

DIGEST = "f2317cad3d54cec5d7d7aa7d0bf35cf8"   # a Dummy with no parameters (2.1.5's op-digest)

CIB = """<cib crm_feature_set="3.16.1" validate-with="pacemaker-3.7" epoch="1" num_updates="0" admin_epoch="0"
     have-quorum="1" dc-uuid="1" execution-date="1700000000">
  <configuration>
    <crm_config><cluster_property_set id="opts">
      <nvpair id="o1" name="stonith-enabled" value="false"/>
      <nvpair id="o2" name="symmetric-cluster" value="{symmetric}"/>{props}
    </cluster_property_set></crm_config>
    <nodes><node id="1" uname="node1"/><node id="2" uname="node2"/><node id="3" uname="node3"/></nodes>
    <resources>
      <primitive id="A" class="ocf" provider="pacemaker" type="Dummy"/>
      <group id="G">
        <primitive id="g1" class="ocf" provider="pacemaker" type="Dummy"/>
        <primitive id="g2" class="ocf" provider="pacemaker" type="Dummy"/>
      </group>
      <clone id="C-clone"><primitive id="C" class="ocf" provider="pacemaker" type="Dummy"/></clone>
      <clone id="U-clone">
        <meta_attributes id="U-meta"><nvpair id="U-m1" name="globally-unique" value="true"/>
          <nvpair id="U-m2" name="clone-max" value="3"/></meta_attributes>
        <primitive id="U" class="ocf" provider="pacemaker" type="Dummy"/>
      </clone>
    </resources>
    <constraints>{constraints}</constraints>
  </configuration>
  <status>{states}</status>
</cib>"""

STATE = ('<node_state id="{n}" uname="node{n}" in_ccm="true" crmd="online" join="member" expected="member">'
         '<lrm id="{n}"><lrm_resources>{history}</lrm_resources></lrm></node_state>')

STARTED = ('<lrm_resource id="{rsc}" class="ocf" provider="pacemaker" type="Dummy"><lrm_rsc_op id="{rsc}_last_0" '
           'operation_key="{base}_start_0" operation="start" crm-debug-origin="do_update_resource" '
           'crm_feature_set="3.16.1" transition-key="1:1:0:6a9a2e9b-0f2c-4b8a-9a51-1a1a1a1a1a1a" '
           'transition-magic="0:0;1:1:0:6a9a2e9b-0f2c-4b8a-9a51-1a1a1a1a1a1a" call-id="5" rc-code="0" '
           f'op-status="0" interval="0" last-rc-change="1699999000" exec-time="10" queue-time="0" op-digest="{DIGEST}"/>'
           '</lrm_resource>')


def _loc(rsc: str, node: str, score: str, mode: str, n: int = 0) -> str:
    return f'<rsc_location id="l-{rsc}-{node}-{n}" rsc="{rsc}" node="{node}" score="{score}" resource-discovery="{mode}"/>'


def _cib(constraints: str = "", running: dict | None = None, symmetric: bool = True, props: str = "") -> str:
    running = running or {}
    states = "".join(STATE.format(n=n, history="".join(STARTED.format(rsc=r, base=r.split(":")[0])
                                                        for r in running.get(f"node{n}", ())))
                     for n in (1, 2, 3))
    return CIB.format(symmetric=str(symmetric).lower(), props=props, constraints=constraints, states=states)


RULE_NO_NODE = ('<rsc_location id="r" rsc="A" resource-discovery="exclusive"><rule id="r1" score="100">'
                '<expression id="e1" attribute="#uname" operation="eq" value="nodeX"/></rule></rsc_location>')
RULE_GROUP = ('<rsc_location id="r" rsc="G" resource-discovery="exclusive"><rule id="r1" score="100">'
              '<expression id="e1" attribute="#uname" operation="ne" value="node2"/></rule></rsc_location>')
SET = ('<rsc_location id="s" node="node2" score="0" resource-discovery="exclusive"><resource_set id="s1">'
       '<resource_ref id="A"/><resource_ref id="G"/></resource_set></rsc_location>'
       '<rsc_colocation id="c" rsc="U-clone" with-rsc="A" score="INFINITY"/>')
NO_PROBES = '<nvpair id="o3" name="enable-startup-probes" value="false"/>'
ON3 = {"node3": ("A", "g1", "g2")}

VARIANTS = {
    "exclusive on one node": _cib(_loc("A", "node1", "0", "exclusive")),
    "exclusive with -INFINITY": _cib(_loc("A", "node1", "-INFINITY", "exclusive")),
    "exclusive group": _cib(_loc("G", "node2", "0", "exclusive") + _loc("G", "node3", "10", "exclusive")),
    "exclusive anonymous clone": _cib(_loc("C-clone", "node2", "0", "exclusive")
                                      + _loc("C-clone", "node3", "10", "exclusive")),
    "exclusive unique clone": _cib(_loc("U-clone", "node2", "0", "exclusive")
                                   + _loc("U-clone", "node3", "10", "exclusive")),
    "exclusive group member": _cib(_loc("g2", "node3", "0", "exclusive")),
    "never beside scores": _cib(_loc("A", "node1", "-INFINITY", "never") + _loc("A", "node2", "50", "never")),
    "asymmetric": _cib(_loc("A", "node1", "0", "exclusive") + _loc("A", "node2", "100", "always")
                       + _loc("C-clone", "node3", "100", "never"), symmetric=False),
    "strongest mode wins": _cib(_loc("A", "node2", "0", "always", 1) + _loc("A", "node2", "0", "never", 2)
                                + _loc("A", "node2", "0", "exclusive", 3)),
    "exclusive moves a running resource": _cib(_loc("A", "node1", "0", "exclusive"), ON3),
    "exclusive member moves its group": _cib(_loc("g2", "node1", "0", "exclusive"), ON3),
    "exclusive member beside never on its group": _cib(_loc("g1", "node2", "0", "exclusive")
                                                       + _loc("G", "node3", "0", "never"), ON3),
    "exclusive clone with instances elsewhere": _cib(
        _loc("C-clone", "node1", "0", "exclusive") + _loc("C-clone", "node2", "0", "exclusive"),
        {"node3": ("A", "C:0"), "node2": ("C:1",)}),
    "never where it runs": _cib(_loc("A", "node1", "0", "never"), {"node3": ("A",)}),
    "startup probes disabled": _cib(running={"node3": ("A",)}, props=NO_PROBES),
    "exclusive rule matching no node": _cib(RULE_NO_NODE),
    "exclusive rule": _cib(RULE_GROUP),
    "exclusive resource set": _cib(SET),
    "exclusive pattern": _cib('<rsc_location id="p" node="node2" score="0" resource-discovery="exclusive"'
                              ' rsc-pattern="^g"/>'),
}


def _probes(text: str) -> list:
    """The probes (monitors) the transition executes."""
    executing = text.split("Executing Cluster Transition:")[1].split("Revised Cluster Status:")[0]
    return sorted(re.sub(r"\s+", " ", line.strip()) for line in executing.splitlines() if " monitor on " in line)


def _compare(real: str, ours: str) -> dict:
    """compare.py's verdict (transition actions and final placement, anonymous instances)."""
    spec = importlib.util.spec_from_file_location("scheduler_compare",
                                                  shared_path("pacemaker-2.1.5", "scheduler", "compare.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.compare_texts(real, ours, anon=True)


def _ours(path: Path) -> str:
    """halab's -S output, its Executing Cluster Transition list printed even where crm_simulate
    refuses that list alone (scheduler/executing_unlisted.py): the probes in it are judged."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), \
            mock.patch("halab_kernel.commands.crm_simulate._unlisted", lambda *_: ""):
        rc = crm_simulate(["-x", str(path), "-S"])
    assert rc == 0, err.getvalue()
    return out.getvalue()


def check_against_real_crm_simulate(tmp_path: Path, cib: str) -> None:
    """Transition, final placement (compare.py) and probes equal to the real crm_simulate's."""
    path = tmp_path / "cib.xml"
    path.write_text(cib)
    ours = _ours(path)
    if shutil.which("crm_simulate") is None:
        pytest.skip("real crm_simulate not installed (apt-get install pacemaker-cli-utils)")
    real = subprocess.run(["crm_simulate", "-x", str(path), "-S"], capture_output=True, text=True, timeout=60).stdout
    verdict = _compare(real, ours)
    assert verdict["actions_match"] and verdict["placement_match"], verdict
    assert _probes(ours) == _probes(real)


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_probe_restrictions_equal_the_real_crm_simulate(tmp_path, name):
    check_against_real_crm_simulate(tmp_path, VARIANTS[name])


def test_exclusive_discovery_confines_and_skips_probes(tmp_path):
    """Without the real tool too: an exclusive resource runs and is probed only where marked."""
    path = tmp_path / "cib.xml"
    path.write_text(VARIANTS["exclusive on one node"])
    ours = _ours(path)
    assert "* Start      A       ( node1 )" in ours
    assert [p for p in _probes(ours) if p.startswith("* Resource action: A ")] == \
        ["* Resource action: A monitor on node1"]
    path.write_text(VARIANTS["startup probes disabled"])
    assert _probes(_ours(path)) == []


def test_a_live_lab_still_refuses_probe_restrictions():
    """The live lab's controller probes every node on its own: it keeps refusing them."""
    lab = service_lab(stonith=False)
    before = lab.run("node1", "cibadmin -Q -o configuration").stdout
    for command in ("pcs constraint location add l-vip vip node1 50 resource-discovery=exclusive",
                    "pcs property set enable-startup-probes=false"):
        result = lab.run("node1", command)
        assert result.rc == 69 and "probe restrictions in a running lab" in result.stderr, (command, result.stderr)
    assert lab.run("node1", "cibadmin -Q -o configuration").stdout == before
