"""How fast the simulator answers the commands students type most.

Goal (issue 5): `pcs status` and `crm_mon -1` on a 5-node, 20-resource simulated
cluster answer in under 20 ms median. Printed beside the real crm_mon rendering
the same CIB offline (CIB_file=...), when it is installed.

    .venv/bin/python benchmarks/bench_commands.py
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lxml import etree  # noqa: E402

from halab_kernel import Lab  # noqa: E402


def cluster() -> Lab:
    lab = Lab.simulated(nodes=5)
    lab.wait_until(lambda s: s.dc is not None and all(n.status == "online" for n in s.nodes), 60)
    lab.run("node1", "pcs property set stonith-enabled=false")
    for i in range(20):
        lab.run("node1", f"pcs resource create r{i} ocf:pacemaker:Dummy op monitor interval=10s")
    lab.advance(30)
    return lab


def timed(call, repeat: int = 30) -> float:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000


def main() -> None:
    lab = cluster()
    print(f"{'command (5 nodes, 20 resources)':<40} {'simulator ms':>12} {'real crm_mon ms':>16}")
    real = {}
    if shutil.which("crm_mon"):
        controller = lab.backend.sim.pacemaker
        with tempfile.NamedTemporaryFile(suffix=".xml", delete=False) as handle:
            handle.write(etree.tostring(controller.view_of(controller.dc_for("node1"))))
        env = {**os.environ, "CIB_file": handle.name}
        real["crm_mon -1"] = timed(lambda: subprocess.run(["crm_mon", "-1"], env=env, capture_output=True), 10)
        real["crm_mon -1 --output-as=xml"] = timed(
            lambda: subprocess.run(["crm_mon", "-1", "--output-as=xml"], env=env, capture_output=True), 10)
        os.unlink(handle.name)
    for command in ("crm_mon -1", "crm_mon -1 --output-as=xml", "pcs status", "corosync-quorumtool -s",
                    "pcs resource create extra ocf:pacemaker:Dummy"):
        sim_ms = timed(lambda: lab.run("node1", command), 1 if "create" in command else 30)
        other = f"{real[command]:16.1f}" if command in real else f"{'-':>16}"
        print(f"{command:<40} {sim_ms:12.1f} {other}")
    print("goal: pcs status and crm_mon -1 under 20 ms median")


if __name__ == "__main__":
    main()
