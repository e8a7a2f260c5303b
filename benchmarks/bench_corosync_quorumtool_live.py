"""corosync-quorumtool's command line, real beside simulated: options, bad and missing values, formats.

Starts one real corosync 3.1.7 (node1 of a three-node file, alone, so not quorate) in a network and mount
namespace of its own (loopback only; /run, /dev/shm and /var/lib/corosync private), runs each command line
below there with `corosync-quorumtool`, and the same on a simulated lab from the same file with node2 and
node3 down; compares exit code, stdout (date and ring id aside) and stderr. Read-only lines first, then a
sequence of -e / -v changes applied on both sides in the same order. Needs root, iproute2 and corosync;
removes what it made and stops only the corosync it started.

    sudo .venv/bin/python benchmarks/bench_corosync_quorumtool_live.py [LINKS]
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from halab_kernel import Lab  # noqa: E402

NAMESPACE = "halabqtool"
READ_ONLY = [
    "-s", "-l", "-p -s", "-p -l", "-H -s", "-H -l", "-i -l", "-i -s", "-a -l", "-a -i -l", "-o n -l", "-o i -l",
    "-o a -l", "-o ab -l", "-o '' -l", "-s -l", "-l -s", "-f", "-V", "-h", "-x", "-e", "-v", "-n", "-n 1", "-e 0",
    "-e -1", "-e abc", "-e 1.5", "-e 0x3", "-e ' 3'", "-e 3x", "-e 2147483648", "-v -1", "-v x", "-n 0", "-n -1",
    "-n x", "-n 4294967296", "-v 1 -n 0", "-o x", "-s extra", "-sl", "-ls", "-pl", "-Hl", "-o", "-e 0 -s",
    "-s -e 0", "-v x -e 0", "-e 0 -v x", "-V -e 0", "-e 0 -V", "-h -e 0", "-e 0 -h", "-x -e 0", "-l -h", "-h -l",
    "-o x -e 0", "-e 0 -o x", "-n 0 -v x", "-v 1 -v x", "-- -s", "-s --", "--help", "--version", "-e -5", "-e +5x",
    "-n 1 -n 0", "-i", "-a", "-p", "-H", "-m -h", "-hx", "-xh", "-e 0 -x", "-V -x", "-- -x",
]
CHANGES = ["-v 1 -n 9", "-v 1 -n 2", "-e 1", "-s", "-e 5", "-s", "-e 2", "-s", "-v 2", "-s", "-v 0", "-s",
           "-v 3 -n 1", "-s", "-e 4", "-s", "-e 1", "-s", "-v 1", "-e 3", "-s"]


def conf(links: int) -> str:
    nodes = "".join("    node {\n" + "".join(f"        ring{link}_addr: 127.0.{link}.{number}\n"
                                              for link in range(links))
                    + f"        name: node{number}\n        nodeid: {number}\n    }}\n" for number in (1, 2, 3))
    return ("totem {\n    version: 2\n    cluster_name: probe\n    transport: knet\n    token: 1000\n}\n"
            f"nodelist {{\n{nodes}}}\nquorum {{\n    provider: corosync_votequorum\n}}\n")


def normal(text: str) -> str:
    return re.sub(r"(Date|Ring ID): .*", r"\1: X", text)


def start(directory: Path, text: str) -> subprocess.Popen[bytes]:
    (directory / "corosync.conf").write_text(
        text + "logging {\n    to_stderr: no\n    to_syslog: no\n    to_logfile: no\n}\n")
    (directory / "state").mkdir()
    script = directory / "run.sh"
    script.write_text("mount -t tmpfs tmpfs /run && mount -t tmpfs tmpfs /dev/shm && "
                      f"mount --bind {directory}/state /var/lib/corosync && "
                      f"exec corosync -f -c {directory}/corosync.conf\n")
    subprocess.run(["ip", "netns", "add", NAMESPACE], check=True, timeout=20)
    subprocess.run(["ip", "netns", "exec", NAMESPACE, "ip", "link", "set", "lo", "up"], check=True, timeout=20)
    process = subprocess.Popen(["ip", "netns", "exec", NAMESPACE, "unshare", "--mount", "--propagation", "private",
                                "sh", str(script)])
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if real(process, "-l")[0] == 0:
            return process
        time.sleep(0.5)
    raise RuntimeError("the real corosync did not start")


def real(process: subprocess.Popen[bytes], argv: str) -> tuple[int, str, str]:
    done = subprocess.run(["nsenter", "-t", str(process.pid), "-m", "-n", "corosync-quorumtool", *shlex.split(argv)],
                          capture_output=True, text=True, timeout=10)
    return done.returncode, normal(done.stdout), done.stderr


def main() -> None:
    links = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    text = conf(links)
    lab = Lab.simulated(corosync=text)
    lab.crash("node2")
    lab.crash("node3")
    lab.advance(30)
    with tempfile.TemporaryDirectory() as name:
        process = start(Path(name), text)
        try:
            wrong = 0
            for argv in READ_ONLY + CHANGES:
                ours = lab.run("node1", f"corosync-quorumtool {argv}")
                theirs = real(process, argv)
                if theirs != (ours.rc, normal(ours.stdout), ours.stderr):
                    wrong += 1
                    print(f"=== {argv}\nreal: {theirs}\nsimulator: {(ours.rc, ours.stdout, ours.stderr)}")
        finally:
            process.terminate()
            process.wait(timeout=20)
            subprocess.run(["ip", "netns", "delete", NAMESPACE], timeout=20)
    total = len(READ_ONLY) + len(CHANGES)
    print(f"corosync-quorumtool agreement: {total - wrong}/{total} command lines, {links} link(s)")


if __name__ == "__main__":
    main()
