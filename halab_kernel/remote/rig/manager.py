"""Bring a rig up, take it down, say how it is: the operations behind `halab rig`.

`up` writes every file first (keys, configs, CIB seed), then builds the
network, then starts one PID 1 per node, then waits (bounded) until the
cluster is whole. Any failure on the way takes down what was built, so a
failed `up` leaves nothing behind either.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from contextlib import suppress
from dataclasses import asdict, dataclass
from pathlib import Path

from lxml import etree

from halab_kernel.remote import faults
from halab_kernel.remote.rig import configs
from halab_kernel.remote.rig.host import (
    RigError,
    check_subnet_free,
    attach_shared_disk,
    create_network,
    delete_network,
    detach_shared_disk,
    existing_netns,
    init_pid,
    missing_prerequisites,
    node_command,
    pid_alive,
    rig_process,
    rig_processes,
)
from halab_kernel.remote.rig.layout import NODE_BIND_MOUNTS, PACEMAKER_STATE_DIRS, RigLayout

FENCE_AGENT_SOURCE = Path(__file__).with_name("fence_rig.py")


@dataclass(frozen=True)
class RigRecord:
    """What `up` started, saved as rig.json so `down` and `status` find it."""

    nodes: int
    prefix: str
    directory: str
    subnet: str
    unshare_pids: dict[str, int]
    init_pids: dict[str, int]

    @property
    def layout(self) -> RigLayout:
        return RigLayout(nodes=self.nodes, prefix=self.prefix, directory=Path(self.directory), subnet=self.subnet)


def load_record(directory: Path) -> RigRecord | None:
    try:
        return RigRecord(**json.loads((directory / "rig.json").read_text()))
    except (OSError, ValueError, TypeError):
        return None


# --- files ---------------------------------------------------------------


def _write(path: Path, text: str, mode: int = 0o644) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(mode)


def _keygen(path: Path, comment: str) -> str:
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", str(path)], check=True)
    return path.with_suffix(".pub").read_text().strip()


def write_files(layout: RigLayout, *, fencing: bool, token_ms: int | None) -> None:
    root = layout.directory
    root.mkdir(parents=True, exist_ok=True)
    root.chmod(0o755)
    layout.ssh_dir.mkdir(mode=0o700, exist_ok=True)
    client_public = _keygen(layout.client_key, "halab-rig-client")
    known = []
    authkey = os.urandom(256)
    seed = configs.seed_cib(layout, fencing=fencing)
    for node in layout.node_names:
        node_dir = layout.node_dir(node)
        for _, folder in NODE_BIND_MOUNTS:
            (node_dir / folder).mkdir(parents=True, exist_ok=True)
            (node_dir / folder).chmod(0o755)
        layout.authorized_keys(node).parent.mkdir(mode=0o700)
        _write(layout.authorized_keys(node), client_public + "\n", 0o600)
        host_key = node_dir / "ssh_host_ed25519_key"
        key_type, key_text = _keygen(host_key, node).split()[:2]
        known.append(f"{node},{layout.node_address(node)} {key_type} {key_text}")
        _write(node_dir / "sshd_config", configs.sshd_config(layout, node))
        _write(node_dir / "etc-corosync" / "corosync.conf", configs.corosync_conf(layout, token_ms))
        (node_dir / "etc-corosync" / "authkey").write_bytes(authkey)
        (node_dir / "etc-corosync" / "authkey").chmod(0o400)
        pacemaker = node_dir / "var-lib-pacemaker"
        for folder in PACEMAKER_STATE_DIRS:
            (pacemaker / folder).mkdir(exist_ok=True)
        _write(pacemaker / "cib" / "cib.xml", seed, 0o600)
        for folder in ("pacemaker", "corosync"):
            (node_dir / "var-log" / folder).mkdir(exist_ok=True)
        _write(node_dir / "power", "on\n")
        layout.pill_dir(node).mkdir(mode=0o700)
        subprocess.run(["chown", "-R", "hacluster:haclient", str(pacemaker), str(node_dir / "var-log" / "pacemaker")],
                       check=True)
    _write(layout.known_hosts, "\n".join(known) + "\n")
    _write(layout.hosts_file, configs.hosts_file(layout))
    _write(layout.ssh_config, configs.ssh_client_config(layout))
    _write(layout.sbin_extra / "fence_rig", FENCE_AGENT_SOURCE.read_text(), 0o755)
    _write(layout.sbin_extra / "rig-stack", configs.rig_stack_script(layout), 0o755)


# --- up ------------------------------------------------------------------


def _start_node(layout: RigLayout, node: str) -> subprocess.Popen:
    log = open(layout.node_dir(node) / "init.log", "ab")
    command = [
        "ip", "netns", "exec", layout.node_netns(node),
        "unshare", "--mount", "--uts", "--pid", "--fork", "--mount-proc", "--propagation", "private",
        sys.executable, "-m", "halab_kernel.remote.rig.node_init", node, str(layout.directory),
    ]
    with log:
        return subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True)


def cluster_ready(record: RigRecord) -> str:
    """'' when every node is online with quorum and a DC; else what is still missing."""
    pid = record.init_pids[record.layout.node_names[0]]
    done = subprocess.run(node_command(pid, ["crm_mon", "-1", "--output-as=xml"]),
                          capture_output=True, timeout=15)
    if done.returncode != 0:
        return "pacemaker not answering yet"
    root = etree.fromstring(done.stdout)
    offline = [n.get("name") for n in root.iter("node") if n.getparent().tag == "nodes" and n.get("online") != "true"]
    if offline:
        return "offline: " + " ".join(offline)
    dc = root.find("summary/current_dc")
    if dc is None or dc.get("present") != "true" or dc.get("with_quorum") != "true":
        return "no DC with quorum yet"
    return ""


def up(layout: RigLayout, *, fencing: bool = True, token_ms: int | None = None, wait: float = 90.0) -> Path:
    """Start a rig and return the path of its inventory file."""
    reasons = missing_prerequisites()
    if reasons:
        raise RigError("cannot start a rig here:\n  " + "\n  ".join(reasons))
    if load_record(layout.directory) or existing_netns(layout.prefix):
        raise RigError(f"a rig with prefix {layout.prefix!r} is already up; run `halab rig down` first")
    check_subnet_free(layout)
    if layout.directory.exists() and any(layout.directory.iterdir()):
        if not (layout.directory / "nodes").is_dir():
            raise RigError(f"{layout.directory} exists and is not a rig folder; choose another with --dir")
        shutil.rmtree(layout.directory)  # leftovers of a rig that is down
    try:
        write_files(layout, fencing=fencing, token_ms=token_ms)
        _write(layout.inventory, configs.inventory_toml(layout, shared_disk=attach_shared_disk(layout)))
        create_network(layout)
        started = {node: _start_node(layout, node) for node in layout.node_names}
        init_pids: dict[str, int] = {}
        deadline = time.monotonic() + 10
        while len(init_pids) < len(started) and time.monotonic() < deadline:
            for node, process in started.items():
                if process.poll() is not None:
                    raise RigError(f"{node} did not boot; see {layout.node_dir(node) / 'init.log'}")
                pid = init_pid(process.pid)
                if pid:
                    init_pids[node] = pid
            time.sleep(0.05)
        record = RigRecord(layout.nodes, layout.prefix, str(layout.directory), layout.subnet,
                           {n: p.pid for n, p in started.items()}, init_pids)
        _write(layout.state_file, json.dumps(asdict(record), indent=1))
        if len(init_pids) < len(started):
            raise RigError("the nodes' PID 1 did not start within 10 s")
        _wait_ready(record, wait)
    except (RigError, OSError, subprocess.SubprocessError) as error:
        down(layout)
        raise RigError(f"rig up failed: {error}") from error
    return layout.inventory


def _wait_ready(record: RigRecord, wait: float) -> None:
    deadline = time.monotonic() + wait
    missing = "nothing checked yet"
    while time.monotonic() < deadline:
        try:
            missing = cluster_ready(record)
        except (subprocess.TimeoutExpired, etree.XMLSyntaxError) as error:
            missing = str(error)
        if not missing:
            return
        time.sleep(0.5)
    raise RigError(f"cluster not ready within {wait:.0f} s ({missing})")


# --- down ----------------------------------------------------------------


def down(layout: RigLayout, grace: float = 30.0) -> list[str]:
    """Stop every node (gracefully, bounded), then remove namespaces, links, loop device and files.

    Idempotent: it removes whatever exists of what `up` makes, found on the
    machine rather than trusted from the record (a half-started or half-removed
    rig, or one already down), and returns only what is still there afterwards.
    """
    record = load_record(layout.directory)
    if record:
        layout = record.layout
    ours = rig_processes(layout.directory)
    inits = [pid for pid in ours if not _is_unshare(pid)]
    for pid in inits:
        with suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while any(pid_alive(pid) for pid in inits) and time.monotonic() < deadline:
        time.sleep(0.1)
    for pid in ours:
        if pid_alive(pid):
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)  # PID 1 of a namespace takes all of the node with it
    for pid in ours:
        _reap(pid)
    problems = delete_network(layout) + detach_shared_disk(layout)
    still = rig_processes(layout.directory)
    if still:
        problems.append(f"processes still alive: {still}")
    if not problems and layout.directory.exists() and (layout.state_file.exists() or layout.inventory.exists()
                                                       or (layout.directory / "nodes").is_dir()):
        shutil.rmtree(layout.directory)
    return problems


def _is_unshare(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[0].endswith(b"unshare")
    except OSError:
        return False


def _reap(pid: int) -> None:
    """Wait (bounded) until `pid` is gone from the process table: reaped by us if it is our child,
    else by its parent or init. A zombie still counts, since `kill -0` and ps still see it."""
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            if os.waitpid(pid, os.WNOHANG)[0]:
                return
        except ChildProcessError:
            if not Path(f"/proc/{pid}").exists():
                return
        time.sleep(0.05)


# --- status --------------------------------------------------------------


def status(layout: RigLayout) -> tuple[bool, str]:
    record = load_record(layout.directory)
    if not record:
        leftovers = existing_netns(layout.prefix)
        text = "no rig is up" + (f" (but namespaces remain: {' '.join(leftovers)})" if leftovers else "")
        return False, text
    layout = record.layout
    lines = [f"rig {layout.prefix}: {layout.nodes} nodes in {layout.directory}", f"inventory: {layout.inventory}"]
    healthy = True
    for node in layout.node_names:
        pid = record.init_pids.get(node)
        if not pid or not rig_process(pid, layout.directory):
            lines.append(f"  {node:<6} {layout.node_address(node):<15} DOWN (PID 1 gone)")
            healthy = False
            continue
        daemons = subprocess.run(node_command(pid, ["sh", "-c", "pidof corosync >/dev/null && echo -n 'corosync ';"
                                                    " pidof pacemakerd >/dev/null && echo -n 'pacemaker ';"
                                                    " pidof sshd >/dev/null && echo -n sshd; true"]),
                                 capture_output=True, text=True, timeout=10).stdout.split()
        lines.append(f"  {node:<6} {layout.node_address(node):<15} pid1={pid:<8} running: {' '.join(daemons) or '-'}")
    try:
        missing = cluster_ready(record)
    except (subprocess.TimeoutExpired, etree.XMLSyntaxError) as error:
        missing = str(error)
    lines.append("cluster: " + ("all nodes online, DC elected with quorum" if not missing else missing))
    return healthy, "\n".join(lines)


def heal(layout: RigLayout) -> tuple[dict[str, list[str]], list[str]]:
    """Undo every halab fault on the rig's nodes, whoever made it (a lab killed with SIGKILL, say).

    Works from the host (nsenter), so it needs neither SSH nor a living lab:
    network faults first on every node (so the cluster can merge), then each
    node powered off by a fault is powered on, its stack started, and a halab
    standby lifted. Returns (what was found per node, what could not be undone).
    """
    record = load_record(layout.directory)
    if not record:
        raise RigError("no rig is up")
    layout = record.layout
    found: dict[str, list[str]] = {}
    problems: list[str] = []
    alive = {n: pid for n, pid in record.init_pids.items() if rig_process(pid, layout.directory)}
    problems += [f"{node}: its PID 1 is gone (run `halab rig down` and `up` again)"
                 for node in layout.node_names if node not in alive]
    for node, pid in alive.items():
        scan = _in_node(pid, f"{faults.SCAN}; {faults.HEAL}")
        found[node] = [line for line in scan.stdout.splitlines() if line.strip()]
    for node, pid in alive.items():
        power = layout.node_dir(node) / "power"
        if power.exists() and power.read_text().strip() == "off":
            found[node].append("powered off")
            _in_node(pid, f"rig-stack power-on {node}")
            deadline = time.monotonic() + 40
            while power.read_text().strip() == "off" and time.monotonic() < deadline:
                time.sleep(0.5)
        undone = _in_node(pid, faults.undo_stack_and_standby(node), timeout=150)
        if undone.returncode != 0:
            problems.append(f"{node}: {undone.stderr.strip() or 'a fault could not be undone'}")
    return {node: items for node, items in found.items() if items}, problems


def _in_node(pid: int, script: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(node_command(pid, ["sh", "-c", script]), capture_output=True, text=True, timeout=timeout)


def exec_in_node(layout: RigLayout, node: str, command: list[str]) -> int:
    record = load_record(layout.directory)
    if not record or node not in record.init_pids or not rig_process(record.init_pids[node], record.layout.directory):
        raise RigError(f"no rig node named {node!r} is up")
    return subprocess.run(node_command(record.init_pids[node], command)).returncode
