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


@pytest.mark.parametrize("argv", ["-p -s", "-H -l", "-i -l", "-o n -l", "-f"])
def test_unmodelled_options_are_refused_by_name(lab: Lab, argv: str) -> None:
    result = lab.run("node1", f"corosync-quorumtool {argv}")
    assert result.rc == 1 and "not simulated" in result.stderr and "halab rig up" in result.stderr
