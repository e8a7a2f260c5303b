"""Scheduler behaviour on small hand-written CIBs (no oracle needed)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from halab_kernel.commands.crm_simulate import main as crm_simulate
from halab_kernel.sim.pacemaker.cib import CibError, parse_cib, to_xml
from halab_kernel.sim.pacemaker.explain import explain
from halab_kernel.sim.pacemaker.scheduler import render_simulation, schedule


def cib(resources: str = "", constraints: str = "", status: str = "", props: str = "",
        nodes: str = "node1 node2", rsc_defaults: str = "") -> str:
    node_xml = "".join(f'<node id="{n}" uname="{n}"/>' for n in nodes.split())
    if not status:
        status = "".join(f'<node_state id="{n}" uname="{n}" in_ccm="true" crmd="online" join="member" '
                         f'expected="member"/>' for n in nodes.split())
    return f"""<cib validate-with="pacemaker-3.7" have-quorum="true"><configuration>
      <crm_config><cluster_property_set id="opts">
        <nvpair id="o1" name="stonith-enabled" value="false"/>{props}
      </cluster_property_set></crm_config>
      <nodes>{node_xml}</nodes><resources>{resources}</resources>
      <constraints>{constraints}</constraints>
      <rsc_defaults><meta_attributes id="d">{rsc_defaults}</meta_attributes></rsc_defaults>
    </configuration><status>{status}</status></cib>"""


DUMMY = '<primitive id="web" class="ocf" provider="heartbeat" type="Dummy"/>'


def running_on(node: str, rsc: str = "web", extra: str = "", nodes=("node1", "node2")) -> str:
    states = []
    for n in nodes:
        ops = ""
        if n == node:
            ops = (f'<lrm><lrm_resources><lrm_resource id="{rsc}" class="ocf" provider="heartbeat" type="Dummy">'
                   f'<lrm_rsc_op id="{rsc}_last_0" operation="start" call-id="2" rc-code="0" op-status="0" '
                   f'interval="0" transition-key="1:1:0:abc"/>{extra}</lrm_resource></lrm_resources></lrm>')
        states.append(f'<node_state id="{n}" uname="{n}" in_ccm="true" crmd="online" join="member" '
                      f'expected="member">{ops}</node_state>')
    return "".join(states)


def summary(text: str) -> list[str]:
    transition = schedule(parse_cib(text))
    return [f"{i.verb} {i.resource or i.node} {i.details}" for i in transition.summary]


def test_a_stopped_resource_starts_on_the_first_node_by_name():
    assert summary(cib(DUMMY)) == ["Start web node1"]


def test_a_location_preference_wins_and_explain_names_it():
    text = cib(DUMMY, '<rsc_location id="prefer-node2" rsc="web" node="node2" score="50"/>')
    assert summary(text) == ["Start web node2"]
    report = explain(parse_cib(text), "web")
    assert "+50  location constraint prefer-node2" in report
    assert "placed on node2" in report


def test_stickiness_keeps_a_running_resource_where_it_is():
    constraint = '<rsc_location id="prefer-node2" rsc="web" node="node2" score="50"/>'
    sticky = '<nvpair id="s" name="resource-stickiness" value="100"/>'
    assert summary(cib(DUMMY, constraint, running_on("node1"), rsc_defaults=sticky)) == []
    assert summary(cib(DUMMY, constraint, running_on("node1"))) == ["Move web node1 -> node2"]


def test_failcount_reaching_migration_threshold_moves_the_resource():
    status = running_on("node1").replace(
        '<lrm>', '<transient_attributes id="t"><instance_attributes id="ta">'
                 '<nvpair id="f" name="fail-count-web" value="3"/></instance_attributes>'
                 '</transient_attributes><lrm>', 1)
    text = cib(DUMMY, status=status, rsc_defaults='<nvpair id="m" name="migration-threshold" value="3"/>')
    assert summary(text) == ["Move web node1 -> node2"]
    assert "failcount 3 >= migration-threshold 3" in explain(parse_cib(text), "web")


def test_mandatory_order_stops_the_dependent_when_the_first_cannot_run():
    resources = DUMMY + '<primitive id="db" class="ocf" provider="heartbeat" type="Dummy">' \
        '<meta_attributes id="m"><nvpair id="tr" name="target-role" value="Stopped"/></meta_attributes></primitive>'
    text = cib(resources, '<rsc_order id="db-then-web" first="db" then="web" kind="Mandatory"/>',
               running_on("node1"))
    assert summary(text) == ["Stop web node1"]


def test_lost_node_is_fenced_and_its_resources_move():
    stonith = '<primitive id="fence" class="stonith" type="fence_dummy"/>'
    status = running_on("node1").replace('id="node1" uname="node1" in_ccm="true"', 'id="node1" uname="node1" in_ccm="false"')
    text = cib(DUMMY + stonith, status=status).replace('value="false"/>', 'value="true"/>', 1)
    lines = summary(text)
    assert "Fence node1 reboot" in lines
    assert "Move web node1 -> node2" in lines
    assert "Revised Cluster Status" in render_simulation(schedule(parse_cib(text)))


def test_cib_round_trips_through_to_xml():
    text = cib(DUMMY, '<rsc_location id="l" rsc="web" node="node2" score="50"/>', running_on("node1"))
    first = parse_cib(text)
    assert summary(to_xml(first)) == summary(text)


@pytest.mark.parametrize("text, fragment", [
    ("<cib", "Invalid XML"),
    ("<cib><configuration><resources><primitive id='x'/></resources></configuration></cib>",
     'primitive id="x"'),
    ("<notcib/>", "<notcib>"),
])
def test_malformed_cib_gives_one_line_error_naming_the_element(text, fragment):
    with pytest.raises(CibError) as error:
        parse_cib(text)
    assert fragment in str(error.value) and "\n" not in str(error.value)


def test_cli_errors_are_one_line_in_the_real_tools_words(tmp_path, capsys):
    assert crm_simulate(["--bogus"]) == 64
    assert capsys.readouterr().err == "crm_simulate: Unknown option --bogus\n"
    assert crm_simulate(["-x"]) == 64
    assert capsys.readouterr().err == "crm_simulate: Missing argument for -x\n"
    assert crm_simulate(["-x", str(tmp_path / "missing.xml"), "-S"]) != 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "missing.xml" in err and "Traceback" not in err
    bad = tmp_path / "bad.xml"
    bad.write_text("<cib><configuration><resources><primitive id='x'/>")
    assert crm_simulate(["-x", str(bad), "-S"]) != 0
    assert capsys.readouterr().err.count("\n") == 1


def test_halab_command_prints_the_four_sections(tmp_path):
    path = tmp_path / "cib.xml"
    path.write_text(cib(DUMMY))
    result = subprocess.run([sys.executable, "-m", "halab_kernel.cli", "crm_simulate", "-x", str(path), "-S"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    for header in ("Current cluster status:", "Transition Summary:", "Executing Cluster Transition:",
                   "Revised Cluster Status:"):
        assert header in result.stdout
    assert "* Start      web" in result.stdout
