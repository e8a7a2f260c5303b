"""The simulated journal's lines against the real daemons' syslog messages.

journald keeps as MESSAGE the text a daemon hands to syslog(3), and `journalctl` prints it after
`IDENT[PID]: `. The real corosync 3.1.7 and pacemaker-schedulerd 2.1.5 are started for a few
seconds in a private mount namespace (and corosync in its own network namespace) whose `/dev/log`
is a socket this test reads, so nothing reaches the machine's own logging; each received
message's text, split from its daemon's format, is fed to the simulator's `LogRecord`, which must
give back the same message byte for byte. Root only (namespaces); skipped elsewhere.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from halab_kernel.sim.logs import LogRecord

pytestmark = pytest.mark.skipif(
    os.geteuid() != 0 or not all(shutil.which(tool) for tool in ("unshare", "ip", "corosync"))
    or not Path("/usr/lib/pacemaker/pacemaker-schedulerd").exists(),
    reason="needs root, unshare, ip, corosync and pacemaker-schedulerd (Debian: pacemaker corosync)")

COROSYNC_CONF = """\
totem {
    version: 2
    cluster_name: journal
    transport: knet
    crypto_cipher: none
    crypto_hash: none
}
nodelist {
    node {
        ring0_addr: 127.0.0.1
        name: node1
        nodeid: 1
    }
}
quorum {
    provider: corosync_votequorum
}
logging {
    to_logfile: no
    to_syslog: yes
    to_stderr: no
}
"""

# Inside the namespace: /dev becomes a tmpfs holding the host's null/zero/urandom and a socket at
# /dev/log read by a small Python listener, while the daemons run for a bounded time.
NAMESPACE_SCRIPT = """\
set -e
mkdir -p "$WORK/hostdev"
mount --bind /dev "$WORK/hostdev"
mount -t tmpfs none /dev
for device in null zero urandom random; do touch /dev/$device; mount --bind "$WORK/hostdev/$device" /dev/$device; done
mkdir /dev/shm && mount -t tmpfs none /dev/shm
mount -t tmpfs none /run
mount -t tmpfs none /var/lib/corosync
"$PYTHON" "$WORK/listen.py" &
listener=$!
for i in $(seq 50); do [ -S /dev/log ] && break; sleep 0.1; done
ip link set lo up
PCMK_logfacility=daemon timeout 3 /usr/lib/pacemaker/pacemaker-schedulerd >/dev/null 2>&1 || true
timeout 5 corosync -f -c "$WORK/corosync.conf" >/dev/null 2>&1 || true
sleep 0.5
kill $listener
wait $listener || true
"""

LISTENER = """\
import socket, sys
sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
sock.bind("/dev/log")
sock.settimeout(0.5)
with open(sys.argv[1] if len(sys.argv) > 1 else "{out}", "wb") as out:
    while True:
        try:
            data = sock.recv(65536)
        except socket.timeout:
            continue
        out.write(data.replace(b"\\n", b" ") + b"\\n")
        out.flush()
"""

SYSLOG = re.compile(r"<(?P<pri>\d+)>\w{3} [ \d]\d \d\d:\d\d:\d\d (?P<ident>[^\[]+)\[\d+\]: (?P<message>.*)")
LEVELS = {0: "emerg", 1: "alert", 2: "crit", 3: "error", 4: "warning", 5: "notice", 6: "info", 7: "debug"}


@pytest.fixture(scope="module")
def real_messages(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, str, str]]:
    work = tmp_path_factory.mktemp("journal")
    out = work / "messages.txt"
    (work / "listen.py").write_text(LISTENER.format(out=out))
    (work / "corosync.conf").write_text(COROSYNC_CONF)
    namespace = "halabjournal"
    subprocess.run(["ip", "netns", "del", namespace], capture_output=True)
    subprocess.run(["ip", "netns", "add", namespace], check=True, timeout=20)
    try:
        subprocess.run(["ip", "netns", "exec", namespace, "unshare", "--mount", "--propagation", "private",
                        "sh", "-c", NAMESPACE_SCRIPT], env={**os.environ, "WORK": str(work), "PYTHON": sys.executable},
                       timeout=60, capture_output=True)
    finally:
        subprocess.run(["pkill", "-f", f"corosync -f -c {work}"], capture_output=True)
        subprocess.run(["ip", "netns", "del", namespace], capture_output=True, timeout=20)
    messages = []
    for line in out.read_text(errors="replace").splitlines() if out.exists() else []:
        match = SYSLOG.fullmatch(line)
        if match:
            messages.append((match["ident"], LEVELS[int(match["pri"]) % 8], match["message"]))
    if not any(ident == "corosync" for ident, _, _ in messages):
        pytest.skip("the real daemons logged nothing to the namespace's /dev/log (namespaces refused here?)")
    return messages


def test_pacemaker_daemons_lines_are_the_real_syslog_messages(real_messages: list[tuple[str, str, str]]) -> None:
    pacemaker = [(ident, level, message) for ident, level, message in real_messages if ident.startswith("pacemaker")]
    assert pacemaker, real_messages
    for ident, level, message in pacemaker:
        text = message.removeprefix(f" {level}: ")  # Pacemaker's syslog format, "%g %p: %b"
        assert LogRecord(0, "node1", ident, level, text).journal_message() == message


def test_corosync_lines_are_the_real_syslog_messages(real_messages: list[tuple[str, str, str]]) -> None:
    corosync = [(level, message) for ident, level, message in real_messages if ident == "corosync"]
    assert any("[TOTEM ]" in message for _, message in corosync), corosync
    for level, message in corosync:
        text = message.lstrip()  # the simulator's corosync text starts at its subsystem, "[TOTEM ] ..."
        assert LogRecord(0, "node1", "corosync", level, text).journal_message() == message


def test_journalctl_shows_the_messages_as_journald_keeps_them() -> None:
    """journald drops the one space syslog(3) puts after `IDENT[PID]:`; journalctl prints one back."""
    record = LogRecord(30, "node1", "pacemaker-controld", "notice", "State transition S_IDLE -> S_POLICY_ENGINE")
    assert record.journal_line() == textwrap.dedent("""\
        Jan 05 09:00:30 node1 pacemaker-controld[59]:  notice: State transition S_IDLE -> S_POLICY_ENGINE""")
    assert LogRecord(30, "node1", "pacemaker-controld", "info", "x").in_journal is False
    assert LogRecord(30, "node1", "corosync", "info", "[KNET  ] x").in_journal is True
