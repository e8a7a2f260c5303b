"""PID 1 of one rig node: mounts its private directories, runs sshd and the HA stack.

Started by `halab rig up` as
`ip netns exec <ns> unshare --mount --uts --pid --fork --mount-proc --propagation private
 python -m halab_kernel.remote.rig.node_init NODE RIG_DIR`.
It plays the part systemd plays on a real node, and the part of the power
switch for the fence agent:

- SIGUSR1 starts corosync then pacemaker, SIGUSR2 stops them (`rig-stack`);
- SIGTERM stops everything gracefully and exits (`halab rig down`);
- a file `pills/<token>.req` in the node's rig folder is a power request
  (from the fence agent or `rig-stack`): for off/reboot PID 1 kills every
  other process of the node (its PID namespace), answers `<token>.ack`, and
  for `reboot` boots the node again after a delay, like a real power cycle.

The boot delay matters: restarting a fenced node before the fence result is
broadcast makes its new controller log "We were allegedly just fenced" and stay
down (see the rig notes), so it waits for the acknowledgement plus BOOT_DELAY.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from halab_kernel.remote.rig.layout import NODE_BIND_MOUNTS

BOOT_DELAY = 8.0
POLL = 0.2
STACK_DAEMONS = ("pacemakerd", "corosync")


def log(text: str) -> None:
    print(f"{time.strftime('%H:%M:%S')} init: {text}", flush=True)


def pids_named(*names: str) -> list[int]:
    """PIDs of this node's processes by command name (/proc shows only this PID namespace)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and entry.name != "1":
            try:
                comm = (entry / "comm").read_text().strip()
            except OSError:
                continue
            if comm in names or any(comm.startswith(n) for n in names if n.endswith("-")):
                found.append(int(entry.name))
    return found


def reap() -> None:
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def wait_until(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        reap()
        if predicate():
            return True
        time.sleep(POLL)
    return predicate()


def kill_everyone_else() -> None:
    """SIGKILL to every other process of this PID namespace (none left is fine)."""
    try:
        os.kill(-1, signal.SIGKILL)
    except ProcessLookupError:
        pass


def mount(*args: str) -> None:
    subprocess.run(["mount", *args], check=True)


class NodeInit:
    def __init__(self, node: str, rig_dir: Path) -> None:
        self.node = node
        self.rig_dir = rig_dir
        self.node_dir = rig_dir / "nodes" / node
        self.pills = self.node_dir / "pills"
        self.power = self.node_dir / "power"
        self.requests: list[str] = []
        self.boot_at: float | None = None
        self.powered_off_at = float("-inf")

    # --- boot ------------------------------------------------------------
    def prepare(self) -> None:
        socket.sethostname(self.node)
        mount("-t", "tmpfs", "-o", "mode=755", "rig-run", "/run")
        mount("-t", "tmpfs", "-o", "mode=1777", "rig-shm", "/dev/shm")
        for target, folder in NODE_BIND_MOUNTS:
            mount("--bind", str(self.node_dir / folder), target)
        mount("--bind", str(self.rig_dir / "conf" / "hosts"), "/etc/hosts")
        sbin = self.rig_dir / "sbin"
        mount("-t", "overlay", "rig-sbin", "-o", f"ro,lowerdir={sbin}:/usr/sbin", "/usr/sbin")
        self.make_run_dirs()
        subprocess.run(["ip", "link", "set", "lo", "up"], check=True)

    def make_run_dirs(self) -> None:
        for path in ("/run/sshd", "/run/lock", "/run/crm", "/run/resource-agents", "/run/apache2",
                     "/run/lock/apache2", "/var/log/apache2"):
            os.makedirs(path, exist_ok=True)
        subprocess.run(["chown", "hacluster:haclient", "/run/crm"], check=True)

    def forget_volatile_state(self) -> None:
        """A real boot starts with an empty /run and /dev/shm (tmpfs): agents' state files (Dummy's), pid
        files and halab's fault markers are gone, so a rebooted node's probes find its resources stopped."""
        for folder in (Path("/run"), Path("/dev/shm")):
            for entry in folder.iterdir():
                if entry.is_dir() and not entry.is_symlink():
                    shutil.rmtree(entry, ignore_errors=True)
                else:
                    entry.unlink(missing_ok=True)
        self.make_run_dirs()

    def start_sshd(self) -> None:
        config = self.node_dir / "sshd_config"
        subprocess.Popen(["/usr/sbin/sshd", "-D", "-e", "-f", str(config)])

    def start_stack(self) -> bool:
        """Start what is not running: corosync, then (once it answers) pacemakerd."""
        if not pids_named("corosync"):
            log("starting corosync")
            subprocess.Popen(["corosync", "-f"])
        ready = lambda: subprocess.run(  # noqa: E731 - a one-line probe
            ["corosync-cfgtool", "-s"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        ).returncode == 0
        if not wait_until(ready, 20.0):
            log("corosync did not answer within 20 s; pacemaker not started")
            return False
        if pids_named("pacemakerd"):
            return True
        log("starting pacemakerd")
        env = dict(os.environ, PCMK_logfile="/var/log/pacemaker/pacemaker.log", PCMK_logfacility="none")
        subprocess.Popen(["pacemakerd"], env=env)
        self.power.write_text("on\n")
        return True

    def stop_stack(self) -> None:
        """Like `systemctl stop pacemaker corosync`: pacemaker first, each bounded."""
        for daemon, seconds in (("pacemakerd", 60.0), ("corosync", 15.0)):
            for pid in pids_named(daemon):
                os.kill(pid, signal.SIGTERM)
            names = ("pacemakerd", "pacemaker-") if daemon == "pacemakerd" else ("corosync",)
            if not wait_until(lambda: not pids_named(*names), seconds):
                log(f"{daemon} did not stop within {seconds:.0f} s; killing it")
                for pid in pids_named(*names):
                    os.kill(pid, signal.SIGKILL)
        reap()

    def power_off(self) -> None:
        """Every process of the node dies at once, as when the power is cut (already off: nothing to do)."""
        kill_everyone_else()
        wait_until(lambda: not any(p.name.isdigit() and p.name != "1" for p in Path("/proc").iterdir()), 5.0)
        self.power.write_text("off\n")

    # --- fencing ---------------------------------------------------------
    def take_pills(self) -> None:
        """Answer every request in the mailbox, oldest first."""
        try:
            requests = sorted(self.pills.glob("*.req"), key=lambda p: p.stat().st_mtime)
        except OSError:
            return
        for request in requests:
            try:
                action = request.read_text().strip()
            except OSError:
                continue
            log(f"power request: {action}")
            if action in ("off", "reboot"):
                self.power_off()
                self.powered_off_at = time.monotonic()
                self.boot_at = self.powered_off_at + BOOT_DELAY if action == "reboot" else None
            elif action == "on" and self.power.read_text().strip() == "off" and self.boot_at is None:
                # never boot sooner than BOOT_DELAY after a power cut: see "allegedly just fenced" above
                self.boot_at = max(time.monotonic(), self.powered_off_at + BOOT_DELAY)
            if not request.name.startswith("noack-"):  # rig-stack poweroff does not wait for an answer
                request.with_suffix(".ack").write_text(action + "\n")
            request.unlink(missing_ok=True)

    # --- main loop -------------------------------------------------------
    def run(self) -> None:
        signal.signal(signal.SIGUSR1, lambda *_: self.requests.append("start"))
        signal.signal(signal.SIGUSR2, lambda *_: self.requests.append("stop"))
        signal.signal(signal.SIGTERM, lambda *_: self.requests.append("shutdown"))
        self.prepare()
        for stale in self.pills.glob("*"):
            stale.unlink(missing_ok=True)
        self.start_sshd()
        self.start_stack()
        while True:
            reap()
            self.take_pills()
            if self.boot_at is not None and time.monotonic() >= self.boot_at:
                self.boot_at = None
                log("booting after power cycle")
                self.forget_volatile_state()
                self.start_sshd()
                self.start_stack()
            while self.requests:
                request = self.requests.pop(0)
                if request == "start":
                    self.start_stack()
                elif request == "stop":
                    self.stop_stack()
                else:
                    log("shutting down")
                    self.stop_stack()
                    kill_everyone_else()
                    wait_until(lambda: False, 1.0)
                    return
            time.sleep(POLL)


def main(argv: list[str]) -> int:
    node, rig_dir = argv
    if os.getpid() != 1:
        print("node_init must run as PID 1 of a node's PID namespace (halab rig up starts it)", file=sys.stderr)
        return 2
    NodeInit(node, Path(rig_dir)).run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
