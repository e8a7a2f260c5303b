"""The magics, in an IPython shell: terminal-like output, clear refusals, no tracebacks."""

from __future__ import annotations

import pytest
from IPython.core.interactiveshell import InteractiveShell

from halab_kernel.magics import PCS_COMMANDS, complete, parse_duration


@pytest.fixture(scope="module")
def shell():
    ip = InteractiveShell.instance()
    ip.run_line_magic("load_ext", "halab_kernel")
    yield ip
    ip.run_line_magic("unload_ext", "halab_kernel")


@pytest.fixture
def run(shell, capsys):
    """Run a cell; return (stdout, stderr), failing if a traceback reached the screen."""

    def run_cell(source: str) -> tuple[str, str]:
        shell.run_cell(source)
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err
        return out, err

    return run_cell


@pytest.fixture
def lab(shell, run):
    run("%lab sim --nodes 3 --seed 1")
    run("%advance 30s")
    yield shell.user_ns["lab"]
    run("%lab close")
    shell.user_ns.pop("lab", None)


def test_without_a_lab_the_magics_say_how_to_make_one(shell, run):
    shell.user_ns.pop("lab", None)
    for line in ("%pcs status", "%crm_mon", "%fault heal", "%advance 1s", "%dashboard", "%node node1 ls"):
        out, err = run(line)
        assert "UsageError: no lab yet" in err and "%lab sim" in err, line


def test_lab_sim_binds_lab_and_reports_status(shell, run, lab):
    out, _ = run("%lab status")
    assert out.splitlines()[0] == "sim lab, t=30.000 s, commands run on node1"
    assert "node2      online       quorate" in out
    assert shell.user_ns["lab"].node_names == ("node1", "node2", "node3")


def test_commands_print_as_a_terminal_with_the_exit_code(run, lab):
    out, err = run("%node node2 corosync-quorumtool -s")
    assert "Quorate:          Yes" in out and "1 node2 (local)" in out and err == ""
    out, err = run("%node node1 no-such-tool --flag")
    assert err.startswith("bash: no-such-tool: command not found (a simulated node runs only cat, cibadmin,")
    assert err.endswith("for any other command: halab rig up)\n(exit code 127)\n")


def test_cell_node_runs_every_line_with_a_prompt(run, lab):
    out, _ = run("%%node node3\ncorosync-quorumtool -s\n# a comment\n\ncorosync-cfgtool -s\n")
    assert out.count("root@node3:~# ") == 2
    assert "Local node ID 3" in out


def test_node_qnetd_runs_on_the_quorum_devices_arbiter(shell, run):
    from halab_kernel import Lab

    device = {"model": "net", "votes": 1, "net": {"host": "qnetd", "algorithm": "ffsplit"}}
    shell.user_ns["lab"] = Lab.simulated(2, corosync={"quorum": {"device": device}})
    try:
        run("%advance 30s")
        out, err = run("%node qnetd corosync-qnetd-tool -s")
        assert "Connected clients:" in out and err == "", (out, err)
        shell.user_ns["lab"] = Lab.simulated(2)
        out, err = run("%node qnetd corosync-qnetd-tool -s")
        assert "no node named 'qnetd'" in err and len(err.strip().splitlines()) == 1, err
    finally:
        run("%lab close")
        shell.user_ns.pop("lab", None)


def test_cell_pcs_stops_at_the_first_failure(run, lab, monkeypatch):
    ran = []
    real_run = lab.run

    def spy(node, command):
        ran.append(command)
        return real_run(node, "false-tool" if "fails" in command else "corosync-cfgtool -s")

    monkeypatch.setattr(lab, "run", spy)
    out, err = run("%%pcs\nproperty set a=b\npcs resource fails\nresource create X ocf:pacemaker:Dummy\n")
    assert ran == ["pcs property set a=b", "pcs resource fails"]
    assert "(exit code 127)" in err and "stopped: 1 later command(s) not run" in err


def test_bad_usage_gets_one_clear_line(run, lab):
    cases = {
        "%node node9 ls": "unknown node 'node9' (this lab has: node1 node2 node3)",
        "%fault crash node7": "unknown node 'node7'",
        "%advance three seconds": "bad duration 'three seconds'",
        "%advance": "how long?",
        "%fault partition node1 node2": "separate the groups with '/'",
        "%fault explode node1": "unknown fault 'explode'",
        "%lab sim --nodes many": "invalid int value",
        "%lab node node12": "unknown node 'node12'",
        "%dashboard now": "no argument other than 'static'",
        "%%pcs\n# only a comment\n": "the cell has no command",
        "%%node node2\n\n": "no command to run",
        "%lab ssh": "give an inventory file or --hosts",
        "%lab ssh /nonexistent/inventory.toml": "error: cannot read inventory /nonexistent/inventory.toml",
        "%lab ssh --hosts 127.0.0.1 --known-hosts /nonexistent": "error: 127.0.0.1: cannot read known_hosts",
    }
    for line, message in cases.items():
        out, err = run(line)
        assert message in err, (line, err)
        assert len(err.strip().splitlines()) == 1, (line, err)


def test_a_refusal_leaves_the_lab_unchanged(run, lab):
    before = len(lab.events)
    run("%fault partition node1 node2 / node8")
    assert len(lab.events) == before


def test_fault_then_advance_shows_what_happened(run, lab):
    out, _ = run("%fault crash node2")
    assert "fault injected: crash node2" in out and "%advance" in out
    out, _ = run("%advance 30s")
    assert out.startswith("t=60.000 s")
    assert "left node2" in out
    out, _ = run("%lab status")
    assert "node2      online" not in out and "node1      online" in out


def test_lab_node_changes_where_crm_mon_and_pcs_run(run, lab, monkeypatch):
    seen = []
    monkeypatch.setattr(lab, "run", lambda node, command: seen.append((node, command)) or lab.backend.run(node, "true-ish"))
    run("%lab node node3")
    run("%crm_mon -rf")
    run("%pcs status")
    assert seen == [("node3", "crm_mon -1 -rf"), ("node3", "pcs status")]


def test_help_exists_for_every_magic(shell):
    for name in ("lab", "pcs", "node", "crm_mon", "fault", "advance", "dashboard"):
        kind = "line"
        doc = shell.find_magic(name, kind).__doc__
        assert doc and len(doc.strip().splitlines()) >= 1, name


def test_lab_help_flag_prints_usage(run):
    out, err = run("%lab -h")
    assert out.startswith("usage: %lab") and err == ""


@pytest.mark.parametrize(
    "text, seconds",
    [("30s", 30.0), ("2m", 120.0), ("500ms", 0.5), ("1h", 3600.0), ("1.5", 1.5), (" 10 s ", 10.0)],
)
def test_durations(text, seconds):
    assert parse_duration(text) == seconds


def test_completion_of_pcs_words_nodes_and_faults(shell, lab):
    assert shell.Completer.complete(line_buffer="%pcs res")[1] == ["resource"]
    assert "create" in shell.Completer.complete(line_buffer="%pcs resource cr")[1]
    assert shell.Completer.complete(line_buffer="%fault crash n")[1] == ["node1", "node2", "node3"]
    assert shell.Completer.complete(line_buffer="%%node n")[1] == ["node1", "node2", "node3"]
    assert "partition" in complete(shell, "%fault ")
    assert complete(shell, "%fault kill node1 ") == list(__import__("halab_kernel.magics").magics.DAEMONS)


def test_pcs_completion_words_are_real_pcs_subcommands():
    import re
    import shutil
    import subprocess

    if shutil.which("pcs") is None:
        pytest.skip("Debian's pcs is not installed: cannot check the completion words against it")
    for command in ("resource", "constraint", "quorum", "node", "status"):
        usage = subprocess.run(["pcs", command, "--help"], capture_output=True, text=True, timeout=30).stdout
        listed = set(re.findall(r"^    \[?([a-z-]+)", usage, flags=re.MULTILINE))
        assert set(PCS_COMMANDS[command]) <= listed, (command, set(PCS_COMMANDS[command]) - listed)


def test_lab_use_drives_another_lab_and_dashboard_static_shows_a_picture(shell, run, lab):
    from halab_kernel import Lab

    shell.user_ns["other"] = Lab.simulated(nodes=2, seed=5)
    out, _ = run("%lab use other")
    assert "drive `other` (node1 node2)" in out
    out, _ = run("%lab status")
    assert "t=0.000 s" in out and "node3" not in out
    out, _ = run("%dashboard static")
    assert out.startswith("<HA Lab snapshot at t=0.0 s>")
    out, err = run("%lab use nothing_here")
    assert "'nothing_here' is not a Lab" in err


def test_lab_sim_from_a_corosync_conf_and_a_partial_start(shell, run, tmp_path):
    conf = tmp_path / "corosync.conf"
    conf.write_text(
        "totem {\n version: 2\n cluster_name: web\n transport: knet\n}\n"
        "nodelist {\n node {\n  ring0_addr: 10.0.0.1\n  name: alpha\n  nodeid: 1\n }\n"
        " node {\n  ring0_addr: 10.0.0.2\n  name: beta\n  nodeid: 2\n }\n}\n"
        "quorum {\n provider: corosync_votequorum\n two_node: 1\n}\n"
    )
    out, err = run(f"%lab sim --corosync {conf} --start alpha")
    assert "Simulated lab: alpha beta" in out, err
    run("%advance 30s")
    state = shell.user_ns["lab"].state()
    assert [node.powered for node in state.nodes] == [True, False]
    out, err = run("%lab sim --corosync /nonexistent/corosync.conf")
    assert "cannot read /nonexistent/corosync.conf: No such file or directory" in err
    run("%lab close")


def test_without_a_chosen_node_commands_go_to_the_first_powered_one(run, lab):
    run("%fault power-off node1")
    out, err = run("%lab status")
    assert "commands run on node2" in out
    out, err = run("%pcs status")
    assert "Cluster name: halab" in out  # answered by node2, not refused
    out, err = run("%lab node node1")
    out, err = run("%crm_mon")
    assert "node1 is powered off" in err
