"""How often the simulator judges a corosync.conf as real corosync 3.1.7's `corosync -t` does.

Generates tricky variants of valid 2- and 3-node files (tests/sim/corosync_variants.py: bad,
boundary and odd-typed values for every section's keys, missing and repeated keys and
sections, inconsistent node ids and links, crypto combinations, comments, braces, quoting)
and runs each through the simulator and through `corosync -t -c FILE`. Agreement: the same
verdict and, on a refusal, corosync's own message. Needs corosync installed.

    .venv/bin/python benchmarks/bench_corosync_validity.py [COUNT] [FIRST_SEED] [FAMILY]

FAMILY `classic` (the default), `odd`: the second family (keys in the wrong section, nozzle /
qb / resources, crypto and device matrices, misplaced sections, long, unicode and NUL text,
syntax oddities; corosync_variants.odd_variant), or `focus`: the third (quorum option
combinations, nodelist shapes, timeout relations, knet / crypto / cluster_name values, full
interface sections with subsections, logging and system values, duplicate sections, CRLF,
tabs, capitals, include lines; corosync_variants.focus_variant), or `lab`: the third family moved onto a
lab (host names and LAN addresses, node ids and names dropped, udp/udpu; corosync_variants.lab_variant),
whose figure is the last line's (its files are judged as in a lab, which this machine is not).

A file that is a lab's (no loopback address: judged on the lab machine of its last node) is also run,
as root, through real corosync on that lab machine, made in namespaces (corosync_variants.real_verdict_on:
its node name, addresses and /etc/hosts), and the agreement on those files is printed apart.
"""

from __future__ import annotations

import ipaddress
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.sim.corosync_variants import (  # noqa: E402
    compared, focus_variant, lab_machine_of, lab_variant, namespaces_work, odd_variant, real_verdict,
    real_verdict_on, simulated_verdict, this_machine, variants)


def machine_addresses() -> set[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    """This machine's own non-loopback addresses (`ip -o addr`): real corosync finds a node at one of them to
    be the local node, which a file written for a test machine cannot know."""
    listing = subprocess.run(["ip", "-o", "addr"], capture_output=True, text=True, timeout=10).stdout
    found = {ipaddress.ip_address(match) for match in re.findall(r"inet6? ([0-9a-f.:]+)/", listing)}
    return {address for address in found if not address.is_loopback and not address.is_link_local}


def names_this_machine(text: str, own: set[ipaddress.IPv4Address | ipaddress.IPv6Address]) -> bool:
    for value in re.findall(r"ring\d+_addr:\s*(\S+)", text):
        try:
            if ipaddress.ip_address(value) in own:
                return True
        except ValueError:
            continue
    return False


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    first = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    family = sys.argv[3] if len(sys.argv) > 3 else "classic"
    generate = {"odd": odd_variant, "focus": focus_variant, "lab": lab_variant}.get(family)
    files = variants(count, first) if generate is None else \
        {seed: generate(seed) for seed in range(first, first + count)}
    wrong: dict[int, str] = {}
    wrong_here: list[int] = []  # judged on this machine described (this_machine())
    here = this_machine()
    on_lab = namespaces_work()
    lab_files: list[int] = []
    wrong_lab: dict[int, str] = {}  # lab files judged unlike real corosync on the lab machine described
    refused = 0
    with tempfile.TemporaryDirectory() as directory:
        for seed, text in files.items():
            ours = simulated_verdict(text)
            refused += ours is not None
            rc, message = real_verdict(text, Path(directory))
            found = compared(rc, message, ours)
            if found:
                wrong[seed] = found
            if compared(rc, message, simulated_verdict(text, here)):
                wrong_here.append(seed)
            lab = lab_machine_of(text) if on_lab else None
            if lab is not None:
                lab_files.append(seed)
                found = compared(*real_verdict_on(text, lab, Path(directory)), ours)
                if found:
                    wrong_lab[seed] = found
    for seed, found in wrong.items() if family != "lab" else ():  # lab files disagree with this machine
        print(f"--- seed {seed}\n{files[seed]}{found}\n")
    agreeing = count - len(wrong)
    own = machine_addresses()
    machine = sorted(seed for seed in wrong if names_this_machine(files[seed], own))
    print(f"corosync -t agreement: {agreeing}/{count} ({100 * agreeing / count:.1f}%), "
          f"{family} seeds {first}..{first + count - 1}, {refused} refused by the simulator; "
          f"{len(machine)} of the disagreements have a node at this machine's own address {machine}; "
          f"judged on this machine described (uname, ip -o addr, /etc/hosts): {count - len(wrong_here)}/{count} "
          f"{wrong_here[:20]}")
    for seed, found in wrong_lab.items():
        print(f"--- lab seed {seed}\n{files[seed]}{found}\n")
    print(f"lab files (no loopback address) judged by real corosync on the lab machine described: "
          f"{len(lab_files) - len(wrong_lab)}/{len(lab_files)} {sorted(wrong_lab)[:20]}"
          if on_lab else "lab machines not made (needs root and unshare): lab files judged on this machine only")


if __name__ == "__main__":
    main()
