"""A full 3-node snapshot over SSH (paramiko) vs ONE `ssh node crm_mon` with the OpenSSH client.

Goal (issue 6): the whole snapshot of 3 nodes (crm_mon XML + cibadmin -Q +
corosync-quorumtool -s + corosync-cfgtool -s on every node, parsed into a
ClusterState) faster than one OpenSSH-CLI call of crm_mon alone.

    sudo .venv/bin/python benchmarks/bench_ssh.py                 # starts and stops its own rig
    .venv/bin/python benchmarks/bench_ssh.py --inventory /srv/halab-rig/inventory.toml

Both measurements run in the same process, interleaved, on the same rig.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from halab_kernel.remote import SshBackend  # noqa: E402
from halab_kernel.remote.inventory import read_inventory  # noqa: E402
from halab_kernel.remote.rig import manager  # noqa: E402
from halab_kernel.remote.rig.layout import RigLayout  # noqa: E402


def openssh_crm_mon(inventory_path: Path) -> float:
    inventory = read_inventory(inventory_path)
    host = inventory.hosts[0]
    command = ["ssh", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes",
               "-o", f"UserKnownHostsFile={inventory.known_hosts}", "-o", "IdentitiesOnly=yes",
               "-i", str(inventory.key), "-p", str(host.port), f"{inventory.user}@{host.address}",
               "crm_mon", "-1", "--output-as=xml"]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, timeout=30)
    elapsed = time.perf_counter() - started
    if done.returncode != 0 or b"<pacemaker-result" not in done.stdout:
        raise SystemExit(f"OpenSSH call failed: {done.stderr.decode().strip()}")
    return elapsed


def describe(label: str, samples: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples)
    return (f"{label:<48} median {statistics.median(ms):7.1f} ms   min {ms[0]:7.1f}   max {ms[-1]:7.1f}"
            f"   (n={len(ms)})")


def bench(inventory: Path, runs: int) -> None:
    connect_started = time.perf_counter()
    backend = SshBackend(inventory=inventory)
    connect = time.perf_counter() - connect_started
    snapshots, clis = [], []
    try:
        for _ in range(runs):
            started = time.perf_counter()
            state = backend.state()
            snapshots.append(time.perf_counter() - started)
            clis.append(openssh_crm_mon(inventory))
    finally:
        backend.close()
    nodes = len(state.nodes)
    print(f"rig: {nodes} nodes, DC {state.dc}, {len(state.resources)} resources; connect+baseline {connect*1000:.0f} ms")
    print(describe(f"paramiko: full snapshot of {nodes} nodes (4 tools each)", snapshots))
    print(describe("OpenSSH CLI: ssh node1 crm_mon -1 --output-as=xml", clis))
    ratio = statistics.median(clis) / statistics.median(snapshots)
    verdict = "goal met" if ratio > 1 else "goal NOT met"
    print(f"whole snapshot is {ratio:.2f}x faster than one OpenSSH call ({verdict})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inventory", type=Path, help="an existing rig/cluster inventory (else start a rig)")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    if args.inventory:
        bench(args.inventory, args.runs)
        return 0
    layout = RigLayout(nodes=3, prefix="halabb", directory=Path("/srv/halab-rig-bench"), subnet="10.216.0.0/24")
    manager.down(layout)
    inventory = manager.up(layout)
    try:
        time.sleep(2)  # let the fresh cluster's first transitions settle
        bench(inventory, args.runs)
    finally:
        manager.down(layout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
