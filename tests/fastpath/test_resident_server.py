"""The resident server (halab_kernel.fastpath): a served command is indistinguishable from the
direct path (same bytes on stdout and stderr, same exit status, same files), and the server's
life is clean: it restarts on new code, leaves when idle, and every test stops what it started.

Real processes throughout: the installed `halab` command, a real server in a private folder.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from halab_kernel.fastpath import server as server_module
from halab_kernel.fastpath.control import running_servers
from halab_kernel.fastpath.warmup import SCRATCH_CIB

HALAB = str(Path(sys.executable).with_name("halab"))
TIMEOUT = 120


class Servers:
    """A private server folder, its environment, and the served-count bookkeeping."""

    def __init__(self, folder: Path, idle: float = 120.0) -> None:
        self.folder = folder
        self.env = {**os.environ, "HALAB_SERVER_DIR": str(folder), "HALAB_SERVER_IDLE": str(idle)}
        self.env.pop("HALAB_NO_SERVER", None)

    def halab(self, *args: str, cwd: Path, served: bool = True, extra: dict[str, str] | None = None,
              stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
        env = {**self.env, **(extra or {})} if served else {**self.env, **(extra or {}), "HALAB_NO_SERVER": "1"}
        return subprocess.run([HALAB, *args], cwd=cwd, env=env, input=stdin, capture_output=True, timeout=TIMEOUT)

    def start(self) -> int:
        done = subprocess.run([HALAB, "server", "start"], env=self.env, capture_output=True, text=True,
                              timeout=TIMEOUT)
        assert done.returncode == 0, done.stdout + done.stderr
        return self.record()[0]

    def record(self) -> tuple[int, int]:
        """(pid, commands served) of the one server in the folder; (0, 0) while none runs (one
        restarting because someone edited the package)."""
        servers = running_servers(str(self.folder))
        assert len(servers) <= 1, servers
        return next(iter(servers.values()), (0, 0))

    def stop(self) -> None:
        pids = [pid for pid, _ in running_servers(str(self.folder)).values()] if self.folder.exists() else []
        done = subprocess.run([HALAB, "server", "stop"], env=self.env, capture_output=True, text=True,
                              timeout=TIMEOUT)
        assert done.returncode == 0, done.stdout
        for pid in pids:
            assert not _alive(pid), f"server {pid} still running after `halab server stop`"
        assert _processes_naming(self.folder) == []


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except FileNotFoundError:
        return False


def _processes_naming(folder: Path) -> list[int]:
    """Processes whose command line names `folder`: servers (or starting ones) of this test."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if str(folder).encode() in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


@pytest.fixture
def servers(tmp_path: Path):
    pool = Servers(tmp_path / "servers")
    try:
        yield pool
    finally:
        pool.stop()


@pytest.fixture
def work(tmp_path: Path) -> Path:
    folder = tmp_path / "work"
    folder.mkdir()
    (folder / "cib.xml").write_text(SCRATCH_CIB)
    return folder


COMMANDS = [
    ("crm_simulate", "-x", "cib.xml", "-S"),
    ("crm_simulate", "-x", "cib.xml", "-S", "-s"),
    ("crm_simulate", "-x", "missing.xml", "-S"),
    ("crm_simulate", "-x", "fichier-é.xml", "-S"),
    ("crm_simulate", "--no-such-option"),
    ("crm_simulate",),
    ("crm_simulate", "--help"),
    ("pcs", "-f", "cib.xml", "resource", "status"),
    ("pcs", "-f", "cib.xml", "constraint", "location", "nowhere", "prefers", "node1"),
    ("pcs", "-f", "cib.xml", "no-such-command"),
    ("run", "--", "crm_mon", "-1"),
    ("run", "--nodes", "2", "--", "corosync-quorumtool", "-s"),
    ("run", "--", "no-such-tool"),
    ("run",),
    ("run", "--nodes", "two", "--", "crm_mon", "-1"),
]


def _served_alike(servers: Servers, work: Path, commands, extra: dict[str, str] | None = None) -> None:
    """Each command, direct then served, gives the same stdout, stderr and exit status; the server
    ran every served one (retried if someone's edit to the package restarted it meanwhile)."""
    for attempt in range(3):
        pid, before = servers.record()
        for command in commands:
            direct = servers.halab(*command, cwd=work, served=False, extra=extra)
            served = servers.halab(*command, cwd=work, extra=extra)
            assert (served.stdout, served.stderr, served.returncode) == \
                (direct.stdout, direct.stderr, direct.returncode), command
        if servers.record() == (pid, before + len(commands)):
            return
        servers.start()
    pytest.fail(f"the server did not serve all {len(commands)} commands: {servers.record()}")


def test_served_commands_match_the_direct_path_byte_for_byte(servers: Servers, work: Path) -> None:
    servers.start()
    _served_alike(servers, work, COMMANDS)


def test_locale_gets_its_own_server_and_the_same_bytes(servers: Servers, work: Path) -> None:
    """A non-ASCII file name in an error message, under two locales: each locale's server answers
    as a process started in it would (Python's stdio encoding comes from the locale)."""
    servers.start()
    for locale in ("C", "C.UTF-8"):
        first = servers.halab("crm_simulate", "-x", "fichier-é.xml", "-S", cwd=work, extra={"LC_ALL": locale})
        assert first.returncode != 0  # the first call in a new environment runs directly, starting its server
    deadline = time.monotonic() + TIMEOUT
    while len(running_servers(str(servers.folder))) < 3 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(running_servers(str(servers.folder))) == 3
    for locale in ("C", "C.UTF-8"):
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            direct = servers.halab("crm_simulate", "-x", "fichier-é.xml", "-S", cwd=work, served=False,
                                   extra={"LC_ALL": locale})
            served = servers.halab("crm_simulate", "-x", "fichier-é.xml", "-S", cwd=work, extra={"LC_ALL": locale})
            assert (served.stdout, served.stderr, served.returncode) == \
                (direct.stdout, direct.stderr, direct.returncode)
            if any(served_count for _, served_count in running_servers(str(servers.folder)).values()):
                break


def test_a_pcs_change_writes_the_same_file_with_the_same_mode(servers: Servers, tmp_path: Path) -> None:
    servers.start()
    results = {}
    for way in ("direct", "served"):
        folder = tmp_path / way
        folder.mkdir()
        (folder / "cib.xml").write_text(SCRATCH_CIB)
        command = ("pcs", "-f", "cib.xml", "resource", "create", "web", "ocf:pacemaker:Dummy")
        old = os.umask(0o027)
        try:
            done = servers.halab(*command, cwd=folder, served=way == "served")
            fresh = servers.halab("pcs", "-f", "new.xml", "resource", "create", "x", "ocf:pacemaker:Dummy",
                                  cwd=folder, served=way == "served")
        finally:
            os.umask(old)
        new = folder / "new.xml"
        results[way] = (done.stdout, done.stderr, done.returncode, (folder / "cib.xml").read_bytes(),
                        fresh.returncode, new.read_bytes() if new.exists() else None,
                        new.stat().st_mode if new.exists() else None)
    assert results["served"] == results["direct"]


def test_stdin_is_the_callers(servers: Servers, work: Path) -> None:
    """The child reads the client's own stdin: piped input neither blocks nor leaks into the output."""
    servers.start()
    pid, before = servers.record()
    direct = servers.halab("crm_simulate", "-x", "cib.xml", "-S", cwd=work, served=False, stdin=b"ignored\n" * 1000)
    served = servers.halab("crm_simulate", "-x", "cib.xml", "-S", cwd=work, stdin=b"ignored\n" * 1000)
    assert (served.stdout, served.returncode) == (direct.stdout, direct.returncode)
    assert servers.record() == (pid, before + 1)


def test_concurrent_requests(servers: Servers, work: Path) -> None:
    servers.start()
    commands = [COMMANDS[0], COMMANDS[2], COMMANDS[7], COMMANDS[10]] * 2
    expected = [servers.halab(*command, cwd=work, served=False) for command in commands]
    pid, before = servers.record()
    with ThreadPoolExecutor(len(commands)) as pool:
        got = list(pool.map(lambda command: servers.halab(*command, cwd=work), commands))
    assert [(g.stdout, g.stderr, g.returncode) for g in got] == \
        [(e.stdout, e.stderr, e.returncode) for e in expected]
    if servers.record()[0] == pid:  # else someone's edit restarted it meanwhile: outputs still matched
        assert servers.record()[1] == before + len(commands)


def test_interrupt_reaches_the_command_and_the_caller_dies_of_it(servers: Servers, work: Path) -> None:
    """Ctrl-C during a long `halab crm_simulate`: as directly, a KeyboardInterrupt and death by SIGINT."""
    os.mkfifo(work / "blocked.xml")  # no writer: the command blocks reading it, however fast the machine
    servers.start()
    endings = []
    for served in (False, True):
        env = servers.env if served else {**servers.env, "HALAB_NO_SERVER": "1"}
        process = subprocess.Popen([HALAB, "crm_simulate", "-x", "blocked.xml", "-S"], cwd=work, env=env,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(4.0)  # past the start-up (direct: ~1 s of imports on a loaded machine)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=TIMEOUT)
        endings.append((process.returncode, out, err.decode().strip().splitlines()[-1:]))
    assert endings[0] == endings[1] == (-signal.SIGINT, b"", ["KeyboardInterrupt"])


def test_new_code_restarts_the_server(servers: Servers, work: Path) -> None:
    """A changed module (here: this package's own file, touched) makes the server decline and
    leave; that call runs directly, with the right answer, and a new server takes over."""
    old_pid = servers.start()
    module = Path(server_module.__file__)
    times = module.stat()
    try:
        os.utime(module, ns=(times.st_atime_ns, times.st_mtime_ns + 1_000_000_000))
        expected = servers.halab(*COMMANDS[0], cwd=work, served=False)
        got = servers.halab(*COMMANDS[0], cwd=work)
        assert (got.stdout, got.stderr, got.returncode) == (expected.stdout, expected.stderr, expected.returncode)
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            found = running_servers(str(servers.folder))
            if found and next(iter(found.values()))[0] != old_pid:
                break
            time.sleep(0.1)
        assert not _alive(old_pid)
        new_pid = servers.start()
        assert new_pid != old_pid
        _served_alike(servers, work, [COMMANDS[0]])
    finally:
        os.utime(module, ns=(times.st_atime_ns, times.st_mtime_ns))


def test_idle_server_leaves_and_removes_its_socket(tmp_path: Path, work: Path) -> None:
    pool = Servers(tmp_path / "idle", idle=1.0)
    try:
        pid = pool.start()
        deadline = time.monotonic() + TIMEOUT
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _alive(pid)
        assert list(pool.folder.glob("*.sock")) == []
        status = subprocess.run([HALAB, "server", "status"], env=pool.env, capture_output=True, text=True,
                                timeout=TIMEOUT)
        assert status.returncode == 3
    finally:
        pool.stop()


def _cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def test_an_idle_server_waits_for_a_running_child_without_spinning(tmp_path: Path, work: Path) -> None:
    # A named pipe no one writes to: the served command blocks in open() until the Ctrl-C, so it
    # is still running however fast the machine is (a big CIB finished within the test's sleeps).
    os.mkfifo(work / "blocked.xml")
    pool = Servers(tmp_path / "idle-busy", idle=0.5)
    try:
        pid = pool.start()
        process = subprocess.Popen([HALAB, "crm_simulate", "-x", "blocked.xml", "-S"], cwd=work, env=pool.env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(1.0)
        if pool.record() != (pid, 1):
            process.kill()
            process.wait(timeout=TIMEOUT)
            pytest.skip("the server restarted (someone edited the package) before serving the command")
        ticks = _cpu_ticks(pid)
        time.sleep(2.0)
        assert _cpu_ticks(pid) - ticks < 20  # well under 0.2 s of the 2 s: waiting, not polling
        process.send_signal(signal.SIGINT)  # forwarded: the child ends, then the idle server
        assert process.wait(timeout=TIMEOUT) == -signal.SIGINT
        deadline = time.monotonic() + TIMEOUT
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _alive(pid)
    finally:
        pool.stop()


def test_switched_off_and_course_commands_run_directly(servers: Servers, work: Path) -> None:
    servers.start()
    pid, before = servers.record()
    assert servers.halab(*COMMANDS[0], cwd=work, extra={"HALAB_NO_SERVER": "1"}).returncode == 0
    assert servers.halab("--version", cwd=work).returncode == 0
    assert servers.record() == (pid, before)


def test_without_a_server_the_first_call_runs_directly_and_starts_one(servers: Servers, work: Path) -> None:
    expected = servers.halab(*COMMANDS[0], cwd=work, served=False)
    got = servers.halab(*COMMANDS[0], cwd=work)
    assert (got.stdout, got.stderr, got.returncode) == (expected.stdout, expected.stderr, expected.returncode)
    deadline = time.monotonic() + TIMEOUT
    while not list(servers.folder.glob("*.sock")) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert servers.folder.stat().st_mode & 0o777 == 0o700
    assert len(running_servers(str(servers.folder))) == 1


def test_a_folder_others_can_enter_is_not_used(tmp_path: Path, work: Path) -> None:
    """Someone else's (or a world-writable) folder could hold anyone's socket: never connect, never start."""
    folder = tmp_path / "open"
    folder.mkdir(mode=0o777)
    folder.chmod(0o777)
    pool = Servers(folder)
    done = pool.halab(*COMMANDS[0], cwd=work)
    assert done.returncode == 0
    time.sleep(1.0)
    assert running_servers(str(folder)) == {} and _processes_naming(folder) == []
    shutil.rmtree(folder)
