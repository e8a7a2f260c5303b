"""Edge cases where the simulated tools must answer as the real ones do, never with rc 70.

Each case runs the real Pacemaker tool on a CIB file (CIB_file=...) and ours in
a live simulated lab, and compares exit codes and the CIB's fate (changed or
not). corosync-quorumtool -e checks its value before it connects to corosync,
so the real tool answers an invalid value even without a running cluster.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from halab_kernel.lab import Lab
from tests.commands.pcs_differential import BASE_CIB

CASES = [
    "crm_attribute -n \"a'b\" -v 1",
    "crm_attribute -n \"a'b\" -G",
    "crm_attribute -n \"a'b\" -D",
    "crm_attribute -N node1 -n \"x'y\" -v 2 -l forever",
    "crm_resource -r \"a'b\" --locate",
    "cibadmin -R -X '<cib/>'",
    "cibadmin -R -X '<cib><configuration/></cib>'",
    "cibadmin -C -o resources -X '<primitive id=\"x\"/>'",
    "cibadmin -C -o resources -X '<primitive id=\"x\" class=\"ocf\" type=\"Dummy\"/>'",
    "cibadmin -C -o resources -X '<primitive id=\"x\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\"/>'",
    "cibadmin -C -o resources -X '<primitive id=\"1x\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\"/>'",
    "cibadmin -M -X '<nvpair xmlns:foo=\"http://x\" id=\"cib-bootstrap-options-cluster-name\" foo:bar=\"1\" value=\"z\"/>'",
    "cibadmin -D -X '<foo:nvpair xmlns:foo=\"http://x\" id=\"zz\"/>'",
    "cibadmin -M -X '<nvpair id=\"cib-bootstrap-options-cluster-name\" value=\"z\"/>'",
    "cibadmin -C -o constraints -X '<rsc_location id=\"l1\" rsc=\"d1\" node=\"node1\" score=\"abc\"/>'",
    "cibadmin -C -o constraints -X '<rsc_location id=\"l2\" rsc=\"d1\" node=\"node1\" score=\"+INFINITY\"/>'",
    "cibadmin -C -o resources -X '<primitive id=\"x\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\">"
    "<operations><op id=\"x-m\" name=\"monitor\" interval=\"10s\" on-fail=\"bogus\"/></operations></primitive>'",
]


@pytest.fixture(scope="module")
def lab() -> Lab:
    lab = Lab.simulated(3, seed=1)
    lab.advance(30)
    return lab


def _real(command: str, tmp_path: Path) -> tuple[int, str]:
    cib = tmp_path / "cib.xml"
    cib.write_text(BASE_CIB)
    done = subprocess.run(command, shell=True, env={**os.environ, "CIB_file": str(cib)}, capture_output=True,
                          text=True, timeout=60)
    return done.returncode, cib.read_text()


@pytest.mark.skipif(shutil.which("cibadmin") is None, reason="pacemaker-cli-utils is not installed")
@pytest.mark.parametrize("command", CASES)
def test_the_lab_answers_like_the_real_tool(command: str, lab: Lab, tmp_path: Path) -> None:
    real_rc, real_after = _real(command, tmp_path)
    before = lab.run("node1", "cibadmin -Q -o configuration").stdout
    ours = lab.run("node1", command)
    after = lab.run("node1", "cibadmin -Q -o configuration").stdout
    assert ours.rc != 70, ours.stderr
    assert ours.rc == real_rc, f"{command}: real rc {real_rc}, ours {ours.rc}: {ours.stderr}"
    if real_after.split() == BASE_CIB.split() or ours.rc != 0:
        assert after == before, f"{command} changed the CIB"
    if ours.rc == 0 and "-C " in command:  # leave the lab as it was for the next case
        lab.run("node1", "cibadmin -D -X '<primitive id=\"x\"/>'")


@pytest.mark.skipif(shutil.which("corosync-quorumtool") is None, reason="corosync is not installed")
@pytest.mark.parametrize("value", ["0", "-5", "abc", "3abc", "0x10", "2147483648", "-0", "1.5"])
def test_quorumtool_refuses_the_expected_votes_real_corosync_refuses(value: str, lab: Lab) -> None:
    real = subprocess.run(["corosync-quorumtool", "-e", value], capture_output=True, text=True, timeout=30)
    ours = lab.run("node1", f"corosync-quorumtool -e '{value}'")
    assert (ours.rc, ours.stderr, ours.stdout) == (real.returncode, real.stderr, real.stdout)


def test_quorumtool_refuses_fewer_expected_votes_than_the_members_hold(lab: Lab) -> None:
    ours = lab.run("node1", "corosync-quorumtool -e 2")  # three members hold three votes
    assert (ours.rc, ours.stderr) == (1, "Unable to set expected votes: CS_ERR_INVALID_PARAM\n")


def test_a_quoted_bar_is_an_argument_not_a_pipe(lab: Lab) -> None:
    assert lab.run("node1", "crm_mon -1 | grep -c '|'").stdout == "0\n"
    assert lab.run("node1", "cibadmin -Q | grep -c 'num_updates\\|epoch'").stdout.strip() != "0"
    assert lab.run("node1", "cibadmin -Q | grep -c 'epoch|x'").stdout == "0\n"  # basic regex: '|' is literal
