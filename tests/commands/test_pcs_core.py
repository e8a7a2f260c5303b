"""The pcs core as the simulator uses it: all-or-nothing, pcs's words, the file front end."""

from __future__ import annotations

from lxml import etree

from halab_kernel.commands import pcs_cli
from halab_kernel.commands.pcs import run_pcs
from tests.commands.pcs_differential import BASE_CIB


def _cib() -> etree._Element:
    return etree.fromstring(BASE_CIB.encode())


def _run(cib: etree._Element, line: str):
    return run_pcs(["-f", "cib.xml", *line.split()], cib)


def _text(cib: etree._Element) -> bytes:
    return etree.tostring(cib, method="c14n")


def test_a_valid_create_returns_a_new_cib_and_leaves_the_input_alone() -> None:
    cib = _cib()
    before = _text(cib)
    outcome = _run(cib, "resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf")
    assert outcome.result.rc == 0 and outcome.cib is not None
    assert _text(cib) == before
    primitive = outcome.cib.find("configuration/resources/primitive")
    assert (primitive.get("id"), primitive.get("type")) == ("web", "apache")
    assert outcome.cib.get("epoch") == str(int(cib.get("epoch")) + 1)


def test_a_missing_required_parameter_is_refused_and_changes_nothing() -> None:
    outcome = _run(_cib(), "resource create vip ocf:heartbeat:IPaddr2 cidr_netmask=24")
    assert outcome.result.rc == 1 and outcome.cib is None
    assert outcome.result.stderr.splitlines() == [
        "Error: required resource option 'ip' is missing, use --force to override",
        "Error: Errors have occurred, therefore pcs is unable to continue",
    ]


def test_force_turns_a_forceable_error_into_a_warning() -> None:
    outcome = _run(_cib(), "resource create d ocf:pacemaker:Dummy foo=bar --force")
    assert outcome.result.rc == 0 and outcome.cib is not None
    assert outcome.result.stderr.startswith("Warning: invalid resource option 'foo'")


def test_a_multi_node_prefers_with_one_bad_score_writes_no_constraint() -> None:
    cib = _run(_cib(), "resource create d ocf:pacemaker:Dummy").cib
    outcome = _run(cib, "constraint location d prefers node1=10 node2=lots")
    assert outcome.result.rc == 1 and outcome.cib is None
    assert "Error: invalid score 'lots', use integer or INFINITY or -INFINITY" in outcome.result.stderr


def test_ban_and_move_with_constraint_leave_crm_resource_style_constraints() -> None:
    cib = _run(_cib(), "resource create d ocf:pacemaker:Dummy").cib
    cib = _run(cib, "resource ban d node1").cib
    cib = _run(cib, "resource move-with-constraint d node2").cib
    locations = {c.get("id"): (c.get("node"), c.get("score"), c.get("role"))
                 for c in cib.iterfind("configuration/constraints/rsc_location")}
    assert locations == {"cli-ban-d-on-node1": ("node1", "-INFINITY", "Started"),
                         "cli-prefer-d": ("node2", "INFINITY", "Started")}
    cleared = _run(cib, "resource clear d")
    assert cleared.result.stderr.splitlines() == ["Removing constraint: cli-ban-d-on-node1",
                                                  "Removing constraint: cli-prefer-d"]
    assert cleared.cib.find("configuration/constraints/rsc_location") is None


def test_pcs_0_11_move_needs_a_live_cluster() -> None:
    cib = _run(_cib(), "resource create d ocf:pacemaker:Dummy").cib
    outcome = _run(cib, "resource move d node2")
    assert outcome.result.stderr == "Error: Specified option '-f' is not supported in this command\n"


def test_node_standby_is_a_permanent_attribute_in_the_nodes_section() -> None:
    cib = _run(_cib(), "node standby node2").cib
    pair = cib.find("configuration/nodes/node[@uname='node2']/instance_attributes/nvpair")
    assert (pair.get("id"), pair.get("name"), pair.get("value")) == ("nodes-2-standby", "standby", "on")


def test_unknown_command_words_print_usage_and_fail() -> None:
    outcome = _run(_cib(), "resource frobnicate")
    # pcs's usage of sub-command "": every section of `pcs resource`'s manual, after a blank line
    assert outcome.result.rc == 1 and outcome.result.stderr.startswith("\nUsage: pcs resource ...\n    [status ")


def test_an_unknown_option_is_pcs_getopt_error() -> None:
    outcome = _run(_cib(), "resource create d ocf:pacemaker:Dummy --frobnicate")
    assert outcome.result.stderr.splitlines()[0] == "Error: option --frobnicate not recognized"


def test_systemd_units_take_pacemakers_generated_metadata() -> None:
    outcome = run_pcs(["resource", "create", "web", "systemd:apache2"], _cib(), offline=False)
    ops = {(op.get("name"), op.get("interval"), op.get("timeout"))
           for op in outcome.cib.iterfind(".//op")}
    assert ops == {("monitor", "60", "100"), ("start", "0s", "100"), ("stop", "0s", "100")}


def test_cluster_cib_and_cib_push_work_on_files_given_as_text() -> None:
    cib = _run(_cib(), "resource create d ocf:pacemaker:Dummy").cib
    saved = run_pcs(["cluster", "cib", "saved.xml"], cib).written_files["saved.xml"]
    emptied = _run(cib, "resource delete d").cib
    pushed = run_pcs(["cluster", "cib-push", "saved.xml", "--config"], emptied, files={"saved.xml": saved})
    assert pushed.result.stdout == "CIB updated\n"
    assert pushed.cib.find(".//primitive[@id='d']") is not None


def test_halab_pcs_cli_edits_a_real_file(tmp_path, capsys) -> None:
    cib_file = tmp_path / "cib.xml"
    cib_file.write_text(BASE_CIB)
    assert pcs_cli.main(["-f", str(cib_file), "resource", "create", "d", "ocf:pacemaker:Dummy"]) == 0
    assert pcs_cli.main(["-f", str(cib_file), "resource", "create", "d", "ocf:pacemaker:Dummy"]) == 1
    assert capsys.readouterr().err == "Error: 'd' already exists\n"
    assert etree.parse(str(cib_file)).find(".//primitive[@id='d']") is not None
    assert pcs_cli.main(["resource", "config"]) == 1


def test_config_of_a_cib_without_nodes_lists_none_not_a_blank_name() -> None:
    """Real pcs 0.11.5 on an empty CIB: "Pacemaker Nodes:" and then the blank line before Resources."""
    empty = etree.fromstring(b'<cib epoch="1" num_updates="0" admin_epoch="0" validate-with="pacemaker-3.9">'
                             b'<configuration><crm_config/><nodes/><resources/><constraints/></configuration>'
                             b'<status/></cib>')
    outcome = run_pcs(["-f", "cib.xml", "config"], empty, corosync_conf=None)
    assert "Pacemaker Nodes:\n\nResources:" in outcome.result.stdout


def test_runtime_commands_on_a_file_answer_as_real_pcs_or_say_not_simulated() -> None:
    assert _run(_cib(), "resource cleanup").result.stderr.strip() == \
        "Error: Specified option '-f' is not supported in this command"
    assert _run(_cib(), "status").result.stderr.strip() == \
        "Error: When '-f' is specified, '--corosync_conf' must be specified as well"
    view = _run(_cib(), "status xml").result   # crm_mon's XML of the file (test_pcs_status_of_file.py)
    assert view.rc == 0 and view.stdout.startswith('<pacemaker-result api-version="2.25" request="/usr/sbin/crm_mon')
    listing = _run(_cib(), "resource status").result
    assert listing.rc == 0 and listing.stdout == "NO resources configured\n"


def test_an_agent_a_real_node_has_but_the_simulator_does_not_run_is_refused_by_name() -> None:
    """controld is on every Debian node (real pcs creates it); the simulator says it does not run it,
    even with --force, rather than pretending the agent is not installed. An unknown agent stays 'not installed'."""
    for line in ("resource create dlm ocf:pacemaker:controld", "resource create web ocf:heartbeat:nginx --force",
                 "resource describe ocf:pacemaker:controld"):
        outcome = run_pcs(line.split(), _cib()) if "describe" in line else _run(_cib(), line)
        assert outcome.result.rc == 1 and outcome.cib is None, line
        assert "installed on a real node" in outcome.result.stderr and "halab rig up" in outcome.result.stderr, line
    missing = _run(_cib(), "resource create z ocf:heartbeat:nope")
    assert "is not installed or does not provide valid metadata" in missing.result.stderr
