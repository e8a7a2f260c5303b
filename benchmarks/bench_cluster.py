"""How fast the simulated cluster runs, and how its failover times compare with the real rig.

Goals (issues 4, 12, 18): one hour of virtual time of a 5-node, 20-resource cluster with
10 s monitors and a fault every 2 minutes in at most 1 s; 500 resources at most 30x that
(growth exponent printed: 1 is linear); 32 nodes/500 resources; the capstone's check
at most 0.15 s. Then the failover scenarios of shared/notes/real-cluster-rig.md,
simulated, beside the real figures. Times are CPU seconds (process_time): the machine
is shared, and wall time there measures the neighbours.

    .venv/bin/python benchmarks/bench_cluster.py [--quick]   (--quick: without 32/500)
"""

from __future__ import annotations

import math
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from halab_kernel import Lab  # noqa: E402

HOUR, FAULT_EVERY = 3600.0, 120.0
REPEAT = 3  # a 20-resource hour takes a fraction of a second: one run alone is at the mercy of a busy machine


def dummies(count: int) -> str:
    primitives = "".join(
        f'<primitive id="r{i}" class="ocf" provider="pacemaker" type="Dummy"><operations>'
        f'<op name="monitor" interval="10s" id="r{i}-monitor-10s"/></operations></primitive>'
        for i in range(count))
    return f"<resources>{primitives}</resources>"


def one_hour(nodes: int, resources: int, seed: int = 0) -> tuple[float, int]:
    started = time.perf_counter()
    lab = Lab.simulated(nodes=nodes, seed=seed)
    lab.wait_until(lambda s: s.dc is not None, 60)
    lab.run("node1", "cibadmin --modify -o crm_config -X '<cluster_property_set id=\"cib-bootstrap-options\">"
                     "<nvpair id=\"o-se\" name=\"stonith-enabled\" value=\"false\"/></cluster_property_set>'")
    lab.run("node1", f"cibadmin --replace -o resources -X '{dummies(resources)}'")
    chooser = random.Random(seed)
    names = list(lab.node_names)
    down: str | None = None
    for round_number in range(int(HOUR / FAULT_EVERY)):
        if round_number % 2 == 0:
            down = chooser.choice(names[1:])
            lab.crash(down)
        elif down:
            lab.restart(down)
            down = None
        lab.advance(FAULT_EVERY)
    return time.perf_counter() - started, len(lab.events)


def failover_table() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.sim.topology import runs_on_one_node_other_than, service_lab

    print("\nFailover, simulated vs real (3 nodes, fencing on, Dummy + IPaddr2 group, 10 s monitors)")
    print(f"{'scenario':<48} {'sim s':>7} {'real s':>12}")
    for label, token, real in (("crash of the holder, default token", None, "8.6-9.7"),
                               ("crash of the holder, token 1000", 1000, "5.3-5.6")):
        lab = service_lab(token_ms=token)
        start = lab.now
        lab.crash("node2")
        lab.wait_until(lambda s: runs_on_one_node_other_than(lab, "node2"), 60)
        print(f"{label:<48} {lab.now - start:7.2f} {real:>12}")
    lab = service_lab(stonith=False)
    start = lab.now
    lab.partition(["node2"], ["node1", "node3"])
    lab.wait_until(lambda s: runs_on_one_node_other_than(lab, "node2"), 60)
    print(f"{'partition of the holder (no fencing): majority':<48} {lab.now - start:7.2f} {'~9.3':>12}")
    lab = service_lab()
    start = lab.now
    lab.run("node1", "cibadmin --modify -o nodes -X '<node id=\"2\" uname=\"node2\"><instance_attributes "
                     "id=\"nodes-2\"><nvpair id=\"nodes-2-standby\" name=\"standby\" value=\"on\"/>"
                     "</instance_attributes></node>'")
    lab.wait_until(lambda s: runs_on_one_node_other_than(lab, "node2"), 60)
    print(f"{'standby of the holder (CIB change to done)':<48} {lab.now - start:7.2f} {'0.46 (1.1*)':>12}")
    print("  * 1.1 s measured from the pcs command, which itself takes ~0.6 s")


def capstone_check_seconds() -> list[float]:
    """CPU seconds of the capstone's service check (10.web-service) on a good answer, three seeds."""
    from halab_graders import capstone
    from tests.course.test_pacemaker_course import FENCE, FS, VIP, WEB

    good = [FENCE, FS, VIP, WEB, "pcs resource group add webgroup fs vip web",
            "pcs resource defaults update resource-stickiness=100"]
    capstone.web_service(good, seed=0, campaign_seed=3)  # imports and caches warm
    spent = []
    for seed, campaign_seed in ((0, 3), (1, 7), (2, 5)):
        started = time.process_time()
        assert capstone.web_service(good, seed=seed, campaign_seed=campaign_seed).passed
        spent.append(time.process_time() - started)
    return spent


def main() -> None:
    """The scaling table (CPU seconds, since the machine is shared), the growth exponent in resources,
    the capstone check's time, then the failover table."""
    one_hour(3, 3)  # imports warm
    # the capstone check first, in a heap like a judge's (a check runs in a process of its own): after the hours,
    # the collector's full passes over their objects added up to 0.2 s to one seed's check
    checks = capstone_check_seconds()
    sizes = [(5, 20), (5, 100), (5, 500)] + ([] if "--quick" in sys.argv else [(32, 500)])
    runs: dict[tuple[int, int], list[float]] = {size: [] for size in sizes}
    walls: dict[tuple[int, int], float] = {}
    events: dict[tuple[int, int], int] = {}
    # the sizes interleaved, round after round: each size's runs see the same neighbours on a shared machine
    for round_number in range(REPEAT):
        for nodes, resources in sizes:
            if round_number and nodes * resources > 2500:
                continue  # 32/500: one run
            started = time.process_time()
            walls[(nodes, resources)], events[(nodes, resources)] = one_hour(nodes, resources)
            runs[(nodes, resources)].append(time.process_time() - started)
    print("one simulated hour, 10 s monitors, a crash or restart every 2 min (issue 18)")
    print(f"nodes resources  cpu_s (median, min of {REPEAT} interleaved runs; one run for 32/500)  wall_s  events")
    cpu = {size: statistics.median(spent) for size, spent in runs.items()}
    least = {size: min(spent) for size, spent in runs.items()}
    for nodes, resources in sizes:
        print(f"{nodes:5d} {resources:9d} {cpu[(nodes, resources)]:7.2f} {least[(nodes, resources)]:7.2f} "
              f"{walls[(nodes, resources)]:7.2f} {events[(nodes, resources)]:7d}", flush=True)
    ratio, least_ratio = cpu[(5, 500)] / cpu[(5, 20)], least[(5, 500)] / least[(5, 20)]
    print(f"5 nodes: 500 resources cost {ratio:.1f}x 20 resources (medians; {least_ratio:.1f}x the least disturbed "
          f"runs; bar <= 30x); growth exponent in resources {math.log(ratio) / math.log(25):.2f} (1.00 = linear); "
          f"5/20 goal <= 1 s: {cpu[(5, 20)]:.2f} s CPU; load average {os.getloadavg()[0]:.1f}")
    if (32, 500) in cpu:
        print(f"32 nodes vs 5 nodes at 500 resources: {cpu[(32, 500)] / cpu[(5, 500)]:.1f}x for 6.4x the nodes")
    print(f"capstone check (10.web-service), CPU per seed: {', '.join(f'{c:.3f}' for c in checks)} s (bar <= 0.15 s)")
    failover_table()


if __name__ == "__main__":
    main()
