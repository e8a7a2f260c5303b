"""votequorum on random event sequences: a real corosync 3.1.7 cluster beside the simulator.

Builds a real cluster of 2-4 corosync processes on this machine, each in a network namespace of
its own (addresses 192.168.251.N on a bridge inside a namespace this script creates, never the
host's network; /run and /var/lib/corosync private to each), then runs seeded random sequences
of crash (kill -9), clean stop, start, partition, heal, `corosync-quorumtool -e N` and
`-v N [-n ID]` under quorum options (wait_for_all, last_man_standing with its window,
auto_tie_breaker lowest / highest / a list, two_node, allow_downscale, expected_votes_tracking),
and compares every running node's `corosync-quorumtool -s` (rc, Quorate, expected, highest,
total, quorum, flags, members and votes; ring ids and dates aside) and each -e/-v verdict with
the simulator driven the same way. Needs root, iproute2 and corosync; removes what it made.

    sudo .venv/bin/python benchmarks/bench_corosync_quorum_live.py [COUNT] [FIRST_SEED]
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from halab_kernel import Lab  # noqa: E402

SETTLE = 10.0  # seconds after a membership event, the same on both sides (token 1000, 4 nodes: runtime token
# + consensus 5.1 s, then the 3 s last_man_standing window)
FIELDS = ("Quorate:", "Expected votes:", "Highest expected:", "Total votes:", "Quorum:", "Flags:")
CONFIGS = [(3, {}), (3, {"wait_for_all": 1}), (3, {"last_man_standing": 1, "last_man_standing_window": 3000}),
           (4, {"auto_tie_breaker": 1}), (4, {"auto_tie_breaker": 1, "auto_tie_breaker_node": "highest"}),
           (4, {"auto_tie_breaker": 1, "auto_tie_breaker_node": "3 1"}), (2, {"two_node": 1}),
           (3, {"allow_downscale": 1}), (4, {"last_man_standing": 1, "last_man_standing_window": 3000,
                                             "auto_tie_breaker": 1}),
           (4, {}), (3, {"expected_votes_tracking": 1})]
NODES_MAX = 4


def conf(nodes: int, quorum: dict) -> str:
    entries = "".join(f"    node {{\n        ring0_addr: 192.168.251.{i}\n        name: node{i}\n        nodeid: {i}\n"
                      "    }\n" for i in range(1, nodes + 1))
    options = "".join(f"    {key}: {value}\n" for key, value in quorum.items())
    return ("totem {\n    version: 2\n    cluster_name: probe\n    transport: knet\n    token: 1000\n}\n"
            f"nodelist {{\n{entries}}}\nquorum {{\n    provider: corosync_votequorum\n{options}}}\n"
            "logging {\n    to_stderr: yes\n    to_logfile: no\n    to_syslog: no\n}\n")


def sh(*argv: str) -> None:
    subprocess.run(argv, check=True, capture_output=True, timeout=20)


class Network:
    """A bridge per side of a partition inside the namespace `qlhub`, one namespace per node."""

    def __enter__(self) -> "Network":
        sh("ip", "netns", "add", "qlhub")
        for bridge in ("qlbr0", "qlbr1"):
            sh("ip", "netns", "exec", "qlhub", "ip", "link", "add", bridge, "type", "bridge")
            sh("ip", "netns", "exec", "qlhub", "ip", "link", "set", bridge, "up")
        for n in range(1, NODES_MAX + 1):
            sh("ip", "netns", "add", f"qln{n}")
            sh("ip", "link", "add", f"qlv{n}", "netns", f"qln{n}", "type", "veth", "peer", "name", f"qlp{n}",
               "netns", "qlhub")
            sh("ip", "netns", "exec", "qlhub", "ip", "link", "set", f"qlp{n}", "up")
            sh("ip", "netns", "exec", f"qln{n}", "ip", "addr", "add", f"192.168.251.{n}/24", "dev", f"qlv{n}")
            sh("ip", "netns", "exec", f"qln{n}", "ip", "link", "set", f"qlv{n}", "up")
            sh("ip", "netns", "exec", f"qln{n}", "ip", "link", "set", "lo", "up")
        self.sides([list(range(1, NODES_MAX + 1))])
        return self

    def sides(self, groups: list[list[int]]) -> None:
        for side, group in enumerate(groups):
            for n in group:
                sh("ip", "netns", "exec", "qlhub", "ip", "link", "set", f"qlp{n}", "master", f"qlbr{side}")

    def __exit__(self, *_: object) -> None:
        for name in [f"qln{n}" for n in range(1, NODES_MAX + 1)] + ["qlhub"]:
            subprocess.run(["ip", "netns", "del", name], capture_output=True, timeout=20)


class RealCluster:
    def __init__(self, network: Network, directory: Path, text: str) -> None:
        self.network, self.directory = network, directory
        self.conf = directory / "corosync.conf"
        self.conf.write_text(text)
        self.pids: dict[int, int] = {}

    def start(self, n: int) -> None:
        if n in self.pids:
            return
        pidfile = self.directory / f"pid{n}"
        pidfile.unlink(missing_ok=True)
        script = ("mount -t tmpfs tmpfs /run && mkdir -p /var/lib/corosync && mount -t tmpfs tmpfs /var/lib/corosync"
                  f" && echo $$ > {pidfile} && exec corosync -f -c {self.conf}")
        subprocess.Popen(["ip", "netns", "exec", f"qln{n}", "unshare", "-m", "sh", "-c", script],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        for _ in range(100):
            if pidfile.exists() and pidfile.read_text().strip():
                self.pids[n] = int(pidfile.read_text())
                return
            time.sleep(0.05)
        raise RuntimeError(f"corosync of node{n} did not start")

    def signal(self, n: int, sig: signal.Signals) -> None:
        pid = self.pids.pop(n, None)
        if pid is None:
            return
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            return
        for _ in range(200):  # bounded: 10 s
            try:
                if Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z":
                    return
            except (FileNotFoundError, ProcessLookupError):
                return
            time.sleep(0.05)

    def tool(self, n: int, args: str) -> subprocess.CompletedProcess:
        return subprocess.run(["ip", "netns", "exec", f"qln{n}", "corosync-quorumtool", *args.split()],
                              capture_output=True, text=True, timeout=15)

    def stop_all(self) -> None:
        for n in list(self.pids):
            self.signal(n, signal.SIGKILL)


def printed(text: str) -> dict:
    fields: dict = {}
    for line in text.splitlines():
        if line.startswith(FIELDS):
            key, value = line.split(":", 1)
            fields[key] = value.strip()
    if "Membership information" in text:
        rows = text.split("Membership information\n----------------------\n", 1)[1].splitlines()[1:]
        fields["members"] = [tuple(int(word) for word in row.split()[:2]) for row in rows if row.split()]
    return fields


def sequence(rng: random.Random, nodes: int) -> list[tuple]:
    steps: list[tuple] = []
    for _ in range(rng.randint(3, 6)):
        kind = rng.choice(["crash", "crash", "stop", "start", "partition", "heal", "expected", "votes"])
        n = rng.randint(1, nodes)
        if kind == "partition":
            ids = list(range(1, nodes + 1))
            rng.shuffle(ids)
            cut = rng.randint(1, nodes - 1)
            steps.append(("partition", sorted(ids[:cut]), sorted(ids[cut:])))
        elif kind == "expected":
            steps.append(("expected", n, rng.randint(1, nodes + 2)))
        elif kind == "votes":
            steps.append(("votes", n, rng.randint(0, 3), rng.choice([None, rng.randint(1, nodes)])))
        else:
            steps.append((kind, n))
    return steps


def replay(network: Network, directory: Path, nodes: int, quorum: dict, steps: list[tuple]) -> list[str]:
    text = conf(nodes, quorum)
    real, lab = RealCluster(network, directory, text), Lab.simulated(corosync=text)
    name = {n: f"node{n}" for n in range(1, nodes + 1)}
    differences: list[str] = []
    network.sides([list(range(1, NODES_MAX + 1))])
    try:
        for n in name:
            real.start(n)
        time.sleep(SETTLE)
        lab.advance(SETTLE)
        for index, step in enumerate([("start-all",), *steps]):
            kind, quick = step[0], step[0] in ("expected", "votes", "start-all")
            if kind == "crash":
                real.signal(step[1], signal.SIGKILL)
                lab.kill(name[step[1]], "corosync")
            elif kind == "stop":
                real.signal(step[1], signal.SIGTERM)
                lab.stop(name[step[1]])
            elif kind == "start":
                real.start(step[1])
                lab.restart(name[step[1]])
            elif kind == "partition":
                network.sides([step[1], step[2]])
                lab.partition([name[n] for n in step[1]], [name[n] for n in step[2]])
            elif kind == "heal":
                network.sides([list(range(1, NODES_MAX + 1))])
                lab.heal()
            elif kind in ("expected", "votes") and step[1] in real.pids and lab.state().views.get(name[step[1]]):
                args = f"-e {step[2]}" if kind == "expected" else f"-v {step[2]}" + (f" -n {step[3]}" if step[3] else "")
                theirs, ours = real.tool(step[1], args), lab.run(name[step[1]], f"corosync-quorumtool {args}")
                if (theirs.returncode == 0) != (ours.rc == 0) or theirs.stderr.strip() != ours.stderr.strip():
                    differences.append(f"step {index} {step} node{step[1]}: real {theirs.returncode} "
                                       f"{theirs.stderr.strip()!r}, simulator {ours.rc} {ours.stderr.strip()!r}")
            wait = 1.5 if quick else SETTLE
            time.sleep(wait)
            lab.advance(wait)
            for n in name:
                theirs = real.tool(n, "-s") if n in real.pids else None
                ours = lab.run(name[n], "corosync-quorumtool -s") if lab.state().views.get(name[n]) else None
                if theirs is None and ours is None:
                    continue
                if theirs is None or ours is None:
                    differences.append(f"step {index} {step} node{n}: running real {theirs is not None}, "
                                       f"simulator {ours is not None}")
                    continue
                if (theirs.returncode, printed(theirs.stdout)) != (ours.rc, printed(ours.stdout)):
                    differences.append(f"step {index} {step} node{n}: real {theirs.returncode} "
                                       f"{printed(theirs.stdout)}, simulator {ours.rc} {printed(ours.stdout)}")
    finally:
        real.stop_all()
    return differences


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    first = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    agreeing = 0
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # a kill still removes the namespaces and processes
    with Network() as network, tempfile.TemporaryDirectory() as directory:
        for seed in range(first, first + count):
            rng = random.Random(seed)
            nodes, quorum = rng.choice(CONFIGS)
            steps = sequence(rng, nodes)
            differences = replay(network, Path(directory), nodes, quorum, steps)
            agreeing += not differences
            print(f"seed {seed}: {nodes} nodes {quorum} {steps}: "
                  f"{'same' if not differences else f'{len(differences)} differences'}", flush=True)
            for line in differences[:5]:
                print(f"    {line}", flush=True)
    print(f"votequorum live agreement: {agreeing}/{count} sequences, seeds {first}..{first + count - 1}")


if __name__ == "__main__":
    main()
