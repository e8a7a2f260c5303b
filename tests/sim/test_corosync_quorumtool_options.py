"""corosync-quorumtool's option checks, as corosync 3.1.7 makes them (tools/corosync-quorumtool.c:
util_strtonum, base 10 over the whole value, in a range per option; glibc getopt's messages and
the usage with exit 1, checked against the installed tool): a refused value changes nothing, an option the lab does not model is
refused by name instead of being ignored."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from halab_kernel import Lab

EXPECTED = "New expected votes value was not valid, try a positive number\n"
VOTES = "New votes value was not valid, try a positive number or zero\n"


@pytest.fixture(scope="module")
def lab() -> Lab:
    lab = Lab.simulated(nodes=3)
    lab.advance(30)
    return lab


@pytest.mark.parametrize(("argv", "stderr"), [
    ("-e 0", EXPECTED), ("-e -1", EXPECTED), ("-e 0x3", EXPECTED), ("-e 3abc", EXPECTED), ("-e ''", EXPECTED),
    ("-e 2147483648", EXPECTED), ("-v -1", VOTES), ("-v x", VOTES), ("-v 1 -n 0", "The nodeid was not valid, try a "
                                                                                "positive number\n"),
    ("-o x", "Invalid ordering option. valid orders are a(address), i(node ID) or n(name)\n"),
])
def test_values_refused_as_corosync_refuses_them(lab: Lab, argv: str, stderr: str) -> None:
    before = lab.run("node1", "corosync-quorumtool -s").stdout.split("Expected votes:")[1]
    result = lab.run("node1", f"corosync-quorumtool {argv}")
    assert (result.rc, result.stderr) == (1, stderr)
    assert lab.run("node1", "corosync-quorumtool -s").stdout.split("Expected votes:")[1] == before


def test_a_valid_expected_votes_is_set(lab: Lab) -> None:
    assert lab.run("node1", "corosync-quorumtool -e ' +4'").rc == 0
    assert "Expected votes:   4" in lab.run("node1", "corosync-quorumtool -s").stdout
    # measured on a running corosync 3.1.7: below the votes present, or a quorum above them while quorate
    for refused in ("2", "7"):
        result = lab.run("node1", f"corosync-quorumtool -e {refused}")
        assert result.stderr == "Unable to set expected votes: CS_ERR_INVALID_PARAM\n" and result.rc != 0
    assert lab.run("node1", "corosync-quorumtool -e 3").rc == 0
    assert "Expected votes:   3\nHighest expected: 3" in lab.run("node1", "corosync-quorumtool -s").stdout


@pytest.mark.parametrize(("argv", "stderr", "rc"), [
    ("-Z", "corosync-quorumtool: invalid option -- 'Z'\n", 1),
    ("-e", "corosync-quorumtool: option requires an argument -- 'e'\n", 1),
    ("--help", "corosync-quorumtool: invalid option -- '-'\n", 1),
    ("-h", "", 0),
])
def test_usage_errors_print_the_usage_and_exit_1(lab: Lab, argv: str, stderr: str, rc: int) -> None:
    result = lab.run("node1", f"corosync-quorumtool {argv}")
    assert (result.rc, result.stderr) == (rc, stderr)
    assert result.stdout.startswith("usage: \ncorosync-quorumtool <options>\n")
    if shutil.which("corosync-quorumtool"):  # the installed tool reads its options before it connects
        real = subprocess.run(["corosync-quorumtool", *argv.split()], capture_output=True, text=True, timeout=30)
        assert (real.returncode, real.stderr, real.stdout) == (result.rc, result.stderr, result.stdout)


MEMBERS = "\nMembership information\n----------------------\n"


@pytest.fixture(scope="module")
def alone() -> Lab:
    """node1 of a three-node file running alone, as measured with a real corosync 3.1.7 in a namespace of its own
    (benchmarks/bench_corosync_quorumtool_live.py compares 95 command lines there, all identical)."""
    lab = Lab.simulated(corosync=LIVE_CONF)
    lab.crash("node2")
    lab.crash("node3")
    lab.advance(30)
    return lab


LIVE_CONF = """totem {
    version: 2
    cluster_name: probe
    transport: knet
    token: 1000
}
nodelist {
    node {
        ring0_addr: 127.0.0.1
        ring1_addr: 127.0.1.1
        name: node1
        nodeid: 1
    }
    node {
        ring0_addr: 127.0.0.2
        ring1_addr: 127.0.1.2
        name: node2
        nodeid: 2
    }
    node {
        ring0_addr: 127.0.0.3
        ring1_addr: 127.0.1.3
        name: node3
        nodeid: 3
    }
}
quorum {
    provider: corosync_votequorum
}
"""


@pytest.mark.parametrize(("argv", "stdout"), [
    ("-l", MEMBERS + "    Nodeid      Votes Name\n         1          1 node1 (local)\n"),
    ("-p -l", MEMBERS + "    Nodeid      Votes    Qdevice Name\n         1          1         NR node1 (local)\n"),
    ("-Hl", MEMBERS + "    Nodeid      Votes Name\n0x00000001          1 node1 (local)\n"),
    ("-i -l", MEMBERS + "    Nodeid      Votes Name\n         1          1 127.0.0.1 (local)\n"),
    ("-a -i -l", MEMBERS + "    Nodeid      Votes Name\n         1          1 127.0.0.1, 127.0.1.1 (local)\n"),
    ("-o n -l", MEMBERS + "    Nodeid      Votes Name\n         1          1 node1 (local)\n"),
])
def test_list_formats(alone: Lab, argv: str, stdout: str) -> None:
    result = alone.run("node1", f"corosync-quorumtool {argv}")
    assert (result.rc, result.stderr, result.stdout) == (0, "", stdout)


def test_other_links_host_names_are_refused_by_name(alone: Lab) -> None:
    """Measured: `-a` looks up the other links' addresses by name; without DNS real corosync-quorumtool prints
    `node1,  (local)`, with a resolver the address or its name: it depends on the node, so it is not simulated."""
    result = alone.run("node1", "corosync-quorumtool -a -l")
    assert result.rc == 1 and "not simulated" in result.stderr and "halab rig up" in result.stderr


def test_hex_node_ids_in_the_status(alone: Lab) -> None:
    result = alone.run("node1", "corosync-quorumtool -H -s")
    assert result.rc == 2 and "Node ID:          0x00000001\n" in result.stdout
    assert result.stdout.endswith("0x00000001          1 node1 (local)\n")


def test_ordering_by_name_and_node_id(lab: Lab) -> None:
    by_name = lab.run("node1", "corosync-quorumtool -o n -l").stdout.splitlines()[-3:]
    by_id = lab.run("node1", "corosync-quorumtool -o i -l").stdout.splitlines()[-3:]
    assert [line.split()[0] for line in by_id] == ["1", "2", "3"]
    assert [line.split()[2] for line in by_name] == ["node1", "node2", "node3"]


@pytest.mark.parametrize(("argv", "rc", "stderr", "usage"), [
    ("-h -e 0", 0, "", True), ("-hx", 0, "", True), ("-m -h", 0, "", True), ("-xh", 1, "corosync-quorumtool: "
                                                                                "invalid option -- 'x'\n", True),
    ("-e 0 -x", 1, EXPECTED, False), ("-x -e 0", 1, "corosync-quorumtool: invalid option -- 'x'\n", True),
    ("-V -x", 0, "", False), ("-o ab -l", 1, "Invalid ordering option. valid orders are a(address), i(node ID) or "
                                             "n(name)\n", False),
    ("-f", 0, "", False), ("-- -x", 2, "", False),
])
def test_options_are_read_in_order_and_the_first_refusal_ends_the_run(alone: Lab, argv: str, rc: int, stderr: str,
                                                                      usage: bool) -> None:
    """main(): -h and -V answer at once, a refused value or an unknown option ends the run (measured)."""
    result = alone.run("node1", f"corosync-quorumtool {argv}")
    assert (result.rc, result.stderr) == (rc, stderr)
    assert result.stdout.startswith("usage: \n") == usage


def test_monitoring_is_refused_by_name(lab: Lab) -> None:
    result = lab.run("node1", "corosync-quorumtool -m")
    assert result.rc == 1 and "monitors forever" in result.stderr
