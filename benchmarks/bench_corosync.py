"""How fast the simulator runs Corosync in virtual time.

Goal (issue 2): one hour of virtual time on a 5-node cluster with a crash or a
partition every 2 minutes in under 1 second of wall time. Also shows how wall
time grows with the number of nodes, 3 to 32.

    .venv/bin/python benchmarks/bench_corosync.py
"""

from __future__ import annotations

import random
import statistics
import time

from halab_kernel import Lab

HOUR = 3600.0
FAULT_EVERY = 120.0


def one_hour(nodes: int, seed: int = 0) -> tuple[float, int]:
    """Wall seconds and events for an hour of faults (crash, restart, partition, heal, alternating)."""
    started = time.perf_counter()
    lab = Lab.simulated(nodes=nodes, seed=seed)
    chooser = random.Random(seed)
    names = list(lab.node_names)
    down: str | None = None
    for round_number in range(int(HOUR / FAULT_EVERY)):
        if round_number % 2 == 0:
            if chooser.random() < 0.5:
                down = chooser.choice(names)
                lab.crash(down)
            else:
                chooser.shuffle(names)
                cut = chooser.randint(1, len(names) - 1)
                lab.partition(names[:cut], names[cut:])
        else:
            if down:
                lab.restart(down)
                down = None
            lab.heal()
        lab.advance(FAULT_EVERY)
    return time.perf_counter() - started, len(lab.events)


def main() -> None:
    runs = [one_hour(5, seed) for seed in range(5)]
    wall = statistics.median(r[0] for r in runs)
    events = statistics.median(r[1] for r in runs)
    print(f"5 nodes, 1 h virtual, fault every {FAULT_EVERY:.0f} s: median {wall * 1000:.1f} ms wall "
          f"({events:.0f} events, {events / wall:,.0f} events/s, {HOUR / wall:,.0f}x real time)  goal < 1000 ms")
    print("nodes  wall_ms  events  events/s")
    for nodes in (3, 5, 8, 16, 32):
        wall, count = min(one_hour(nodes, seed) for seed in range(3))
        print(f"{nodes:5d}  {wall * 1000:7.1f}  {count:6d}  {count / wall:9,.0f}")


if __name__ == "__main__":
    main()
