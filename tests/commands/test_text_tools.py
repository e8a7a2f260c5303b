"""grep, head, tail, wc and cat on a simulated node answer as GNU grep and coreutils do.

Each case runs the real tool on a copy of the node's file (its pacemaker.log, corosync.log or
corosync.conf) and the lab's tool on the node, with the same options, and compares output and
exit status; the lab's pipes (`crm_mon -1 | grep ...`) are compared the same way on the output
of the command before the pipe. Options the lab does not model are refused by name.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from halab_kernel.lab import Lab

PACEMAKER_LOG = "/var/log/pacemaker/pacemaker.log"
COROSYNC_LOG = "/var/log/corosync/corosync.log"
COROSYNC_CONF = "/etc/corosync/corosync.conf"
NEEDS_GNU = pytest.mark.skipif(shutil.which("grep") is None, reason="GNU grep and coreutils are needed")


@pytest.fixture(scope="module")
def lab() -> Lab:
    lab = Lab.simulated(3, seed=4)
    lab.advance(30)
    for command in ("pcs property set stonith-enabled=false",
                    "pcs resource create vip ocf:heartbeat:IPaddr2 ip=192.168.122.50 cidr_netmask=24"):
        assert lab.run("node1", command).rc == 0
    lab.advance(20)
    lab.crash("node3")
    lab.advance(30)
    return lab


CASES = [
    f"grep notice {PACEMAKER_LOG}", f"grep -c notice {PACEMAKER_LOG}", f"grep -i CALCULATED {PACEMAKER_LOG}",
    f"grep -v notice {PACEMAKER_LOG}", f"grep -n vip {PACEMAKER_LOG}", f"grep -w vip {PACEMAKER_LOG}",
    f"grep -o 'vip_[a-z]*_[0-9]*' {PACEMAKER_LOG}", f"grep -m 2 -n Result {PACEMAKER_LOG}",
    f"grep -E 'Members(\\[| joined)' {COROSYNC_LOG}", f"grep 'Members\\[' {COROSYNC_LOG}",
    f"grep 'token timed out ([[:digit:]]\\{{4\\}}ms)' {COROSYNC_LOG}", f"grep -F '[TOTEM ]' {COROSYNC_LOG}",
    f"grep -x '}}' {COROSYNC_CONF}", f"grep -e name -e nodeid {COROSYNC_CONF}", f"grep -H ring0 {COROSYNC_CONF}",
    f"grep -q vip {PACEMAKER_LOG}", f"grep -c nothing-like-this {PACEMAKER_LOG}", "grep -s x /no/such/file",
    f"grep '\\<node[0-9]\\>' {COROSYNC_CONF}", f"grep -ic 'quorum' {COROSYNC_LOG}",
    f"grep x {COROSYNC_CONF} /no/such/file", f"grep -E 'a{{2,}}|ss' {COROSYNC_CONF}",
    f"tail {PACEMAKER_LOG}", f"tail -3 {COROSYNC_LOG}", f"tail -n 2 {COROSYNC_LOG}", f"tail -n +30 {COROSYNC_LOG}",
    f"tail --lines=4 {COROSYNC_CONF}", f"head -5 {COROSYNC_CONF}", f"head -n -30 {COROSYNC_CONF}",
    f"head {PACEMAKER_LOG}", f"wc -l {COROSYNC_CONF}", f"cat {COROSYNC_CONF}", f"tail -n abc {COROSYNC_CONF}",
    f"grep --foo x {COROSYNC_CONF}", f"tail -x {COROSYNC_CONF}", "grep", f"grep -e {COROSYNC_CONF}",
]


def _real(command: str, lab: Lab, tmp_path: Path) -> subprocess.CompletedProcess:
    """The real tool on copies of the node's files (their paths rewritten into tmp_path)."""
    for path in (PACEMAKER_LOG, COROSYNC_LOG, COROSYNC_CONF):
        copy = tmp_path / path.lstrip("/")
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_text(lab.run("node1", f"cat {path}").stdout)
        command = command.replace(path, str(copy))
    return subprocess.run(command, shell=True, capture_output=True, text=True, timeout=30, cwd=tmp_path,
                          env={"LC_ALL": "C", "PATH": "/usr/bin:/bin"})


@NEEDS_GNU
@pytest.mark.parametrize("command", CASES)
def test_the_lab_reads_its_files_as_the_real_tools_do(command: str, lab: Lab, tmp_path: Path) -> None:
    real = _real(command, lab, tmp_path)
    ours = lab.run("node1", command)
    assert ours.rc == real.returncode
    assert ours.stdout == real.stdout.replace(str(tmp_path), "")
    assert ours.stderr.splitlines()[:1] == [line.replace(str(tmp_path), "") for line in real.stderr.splitlines()[:1]]


PIPES = ["crm_mon -1 | grep -c Online", "crm_mon -1 | grep -i 'started node'", "crm_mon -1 | tail -2",
         "crm_mon -1 | head -n 3", "crm_mon -1 | wc -l", "crm_mon -1 | grep -v '^ ' | grep -n :",
         "corosync-quorumtool -s | grep -E '^(Quorate|Total votes):'", "crm_mon -1 | cat"]


@NEEDS_GNU
@pytest.mark.parametrize("pipe", PIPES)
def test_pipes_filter_the_output_as_the_real_tools_do(pipe: str, lab: Lab) -> None:
    first, rest = pipe.split(" | ", 1)
    before = lab.run("node1", first).stdout
    real = subprocess.run(rest, shell=True, input=before, capture_output=True, text=True, timeout=30,
                          env={"LC_ALL": "C", "PATH": "/usr/bin:/bin"})
    ours = lab.run("node1", pipe)
    assert (ours.rc, ours.stdout) == (real.returncode, real.stdout)


@pytest.mark.parametrize("command", [f"grep -A2 vip {PACEMAKER_LOG}", "grep -r x /var/log", f"tail -c 20 {COROSYNC_CONF}",
                                     f"cat -n {COROSYNC_CONF}", f"grep --color=always x {COROSYNC_CONF}",
                                     f"grep '\\d' {COROSYNC_CONF}", f"grep -P 'x' {COROSYNC_CONF}"])
def test_what_the_lab_does_not_model_is_refused_by_name(command: str, lab: Lab) -> None:
    result = lab.run("node1", command)
    assert result.rc != 0 and not result.stdout
    assert "not simulated" in result.stderr and "halab rig up" in result.stderr


@pytest.mark.parametrize("command, message", [("ls --foo", "ls: unrecognized option '--foo'"),
                                              ("ls -y /tmp", "ls: invalid option -- 'y'"),
                                              ("ls -l /var/lib/pacemaker/pengine", "ls: not simulated: the option -l")])
def test_ls_reads_its_options_as_gnu_ls(command: str, message: str, lab: Lab) -> None:
    result = lab.run("node1", command)
    assert result.rc == 2 and result.stderr.startswith(message)


def test_a_bare_node_has_no_corosync_conf_until_the_cluster_is_set_up() -> None:
    lab = Lab.simulated(3, bare=True)
    assert lab.run("node1", f"cat {COROSYNC_CONF}").rc == 1
