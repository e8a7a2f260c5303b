"""corosync-cfgtool and corosync-cmapctl on bad command lines, as the installed corosync 3.1.7 tools answer them
before they connect (recorded; where the tools are installed each line also runs through them): options read in
turn, the first refusal ends the run, values checked as main() checks them; never an internal error."""

from __future__ import annotations

import random
import shlex
import shutil
import subprocess

import pytest

from halab_kernel import Lab

NODEID = "The nodeid was not valid, try a positive number\n"
NO_KEY = "Expected key after options\n"
CASES = [  # (command line, rc, stderr, stdout starts with)
    ("corosync-cfgtool -k x", 1, NODEID, ""), ("corosync-cfgtool -k 0", 1, NODEID, ""),
    ("corosync-cfgtool -a -1", 1, NODEID, ""), ("corosync-cfgtool -k 4294967296", 1, NODEID, ""),
    ("corosync-cfgtool -x", 1, "corosync-cfgtool: invalid option -- 'x'\n", ""),
    ("corosync-cfgtool -h -x", 1, "corosync-cfgtool: invalid option -- 'x'\n", ""),
    ("corosync-cfgtool", 0, "", "corosync-cfgtool [[-i <interface ip>]"),
    ("corosync-cfgtool -h", 0, "", "corosync-cfgtool [[-i <interface ip>]"),
    ("corosync-cfgtool --force", 0, "", "corosync-cfgtool [[-i <interface ip>]"),
    ("corosync-cfgtool -b", 0, "", "corosync-cfgtool [[-i <interface ip>]"),
    ("corosync-cfgtool -i x", 0, "", "corosync-cfgtool [[-i <interface ip>]"),
    ("corosync-cmapctl -x", 1, "corosync-cmapctl: invalid option -- 'x'\n", ""),
    ("corosync-cmapctl --help", 1, "corosync-cmapctl: invalid option -- '-'\n", ""),
    ("corosync-cmapctl -x -h", 1, "corosync-cmapctl: invalid option -- 'x'\n", ""),
    ("corosync-cmapctl -h -x", 0, "", "\nusage:  corosync-cmapctl"),
    ("corosync-cmapctl -C", 1, "corosync-cmapctl: option requires an argument -- 'C'\n", ""),
    ("corosync-cmapctl -C x", 1, "argument to -C should be 'knet', 'totem', 'ipc', 'schedmiss' or 'all'\n", ""),
    ("corosync-cmapctl -m x", 1, "invalid map name, must be 'default', 'icmap' or 'stats'\n", ""),
    ("corosync-cmapctl -g", 1, NO_KEY, ""), ("corosync-cmapctl -s", 1, NO_KEY, ""),
    ("corosync-cmapctl -d", 1, NO_KEY, ""), ("corosync-cmapctl -b -g", 1, NO_KEY, ""),
    ("corosync-cmapctl -t", 1, NO_KEY, ""), ("corosync-cmapctl -m stats -g", 1, NO_KEY, ""),
]


@pytest.fixture(scope="module")
def lab() -> Lab:
    lab = Lab.simulated(nodes=3)
    lab.advance(30)
    return lab


@pytest.mark.parametrize(("line", "rc", "stderr", "stdout"), CASES)
def test_bad_command_lines(lab: Lab, line: str, rc: int, stderr: str, stdout: str) -> None:
    result = lab.run("node1", line)
    assert (result.rc, result.stderr) == (rc, stderr) and result.stdout.startswith(stdout)
    if shutil.which(line.split()[0]):  # these answers come before the tool connects to corosync
        real = subprocess.run(shlex.split(line), capture_output=True, text=True, timeout=30)
        assert (real.returncode, real.stderr, real.stdout) == (result.rc, result.stderr, result.stdout)


def test_a_valid_map_name_is_the_default_map(lab: Lab) -> None:
    default = lab.run("node1", "corosync-cmapctl -g totem.cluster_name")
    assert lab.run("node1", "corosync-cmapctl -m icmap -g totem.cluster_name").stdout == default.stdout
    assert default.rc == 0 and default.stdout.startswith("totem.cluster_name (str) = ")


def test_no_internal_error_on_random_command_lines() -> None:
    """A bounded fuzz over the three tools' options and odd values: never exit 70, never a traceback."""
    lab = Lab.simulated(nodes=3)
    lab.advance(30)
    pieces = ["-s", "-l", "-e", "-v", "-n", "-o", "-i", "-a", "-H", "-p", "-m", "-f", "-h", "-V", "-b", "-R", "-L",
              "-k", "-d", "-D", "-g", "-q", "-t", "-T", "-C", "-x", "--", "--force", "--help", "0", "1", "-1", "x",
              "''", "totem", "totem.token", "runtime.", "'|'", "4294967296", "-e0", "-sl", "-ohx", "node1"]
    rng = random.Random(7)
    for _ in range(400):
        line = f"{rng.choice(['corosync-quorumtool', 'corosync-cfgtool', 'corosync-cmapctl'])} " + \
            " ".join(rng.choice(pieces) for _ in range(rng.randint(0, 4)))
        result = lab.run(rng.choice(["node1", "node2"]), line)
        assert result.rc != 70 and "Traceback" not in result.stderr, line
