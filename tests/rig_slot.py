"""A rig slot of a test's own, or a skip that says why (no root/packages, every slot taken); what a rig left behind."""

from __future__ import annotations

import subprocess
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

from halab_kernel.remote.rig.layout import RigLayout
from halab_kernel.remote.rig.slots import SlotFamily


@contextmanager
def rig_slot_or_skip(family: SlotFamily) -> Iterator[RigLayout]:
    """Hold (flock) a free slot of `family` for the with-block; skip when the rig cannot run here."""
    from halab_kernel.remote.rig.host import missing_prerequisites
    from halab_kernel.remote.rig.slots import claimed

    reasons = missing_prerequisites()
    if reasons:
        pytest.skip("real-cluster rig unavailable: " + "; ".join(reasons))
    with claimed(family) as layout:
        if layout is None:
            pytest.skip(f"all {family.count} {family.name} rig slots are taken by other test sessions")
        yield layout


def rig_leftovers(layout: RigLayout) -> list[str]:
    """Anything of the rig `layout` names still on this machine: network namespaces, links, loop devices,
    mounts, nftables tables, node processes, its folder. Empty once `halab rig down` did its work."""
    from halab_kernel.remote.rig.host import rig_processes

    def lines(*command: str) -> list[str]:
        return subprocess.run(command, capture_output=True, text=True, timeout=30).stdout.splitlines()

    folder = str(layout.directory)
    found = [f"netns {line.split()[0]}" for line in lines("ip", "netns", "list") if line.startswith(layout.prefix + "-")]
    found += [f"link {line.split()[1]}" for line in lines("ip", "-o", "link")
              if line.split()[1].split("@")[0].rstrip(":") == layout.host_link]
    found += [f"loop device on {line.strip()}" for line in lines("losetup", "--list", "--noheadings", "--output",
                                                                 "BACK-FILE") if line.strip().startswith(folder)]
    found += [f"mount {line}" for line in Path("/proc/mounts").read_text().splitlines() if folder in line]
    found += [f"nft {line}" for line in lines("nft", "list", "tables") if "halab" in line]
    found += [f"process {pid}" for pid in rig_processes(layout.directory)]
    found += [f"folder {folder}"] if layout.directory.exists() else []
    return found
