"""The simulator's corosync tools print what the real ones printed, line for line.

Captures from a real 3-node cluster (shared/pacemaker-2.1.5/captures) are
compared with the simulator driven into the same situation; only dates,
addresses and ring ids (which depend on the cluster's whole history) are
normalised.
"""

from __future__ import annotations

import pytest

from halab_kernel import Lab
from tests.conftest import shared_path
from tests.normalize import normalize

# capture folder, node, corosync options, node crashed before the capture ("cut": node2 cut off from the
# others; the corosync view of the fencing capture is the same once node2 is back, still cut off)
CASES = [
    ("01-fresh-3node", "node1", None, None),
    ("02-resources-placed", "node1", None, None),
    ("02-resources-placed", "node2", None, None),
    ("03-after-node-crash-token-default", "node1", None, "node2"),
    ("03b-after-node-crash-token-1000", "node1", {"totem": {"token": 1000}}, "node2"),
    ("04-partition-nostonith/majority-view", "node1", None, "cut"),
    ("04-partition-nostonith/minority-view", "node2", None, "cut"),
    ("05-partition-fencing/majority-view", "node1", None, "cut"),
    ("05-partition-fencing/minority-view", "node2", None, "cut"),
    ("06-resource-failure-migration-threshold-1", "node1", None, None),
    ("07-resource-failure-state-removed", "node1", None, None),
    ("08-node-standby", "node1", None, None),
]


@pytest.mark.parametrize("capture, node, corosync, crashed", CASES)
@pytest.mark.parametrize("tool", ["corosync-quorumtool -s", "corosync-cfgtool -s"])
def test_tool_output_matches_capture(capture: str, node: str, corosync: dict | None, crashed: str | None,
                                     tool: str) -> None:
    folder = shared_path("pacemaker-2.1.5", "captures", *capture.split("/"), node)
    filename = tool.replace(" ", "") + ".txt"  # "corosync-quorumtool-s.txt", as the capture names it
    expected = (folder / filename).read_text()
    expected_rc = int((folder / f"{filename}.rc").read_text())
    lab = Lab.simulated(nodes=3, corosync=corosync)
    lab.advance(30)
    if crashed == "cut":
        lab.partition(["node1", "node3"], ["node2"])
        lab.advance(30)
    elif crashed:
        lab.crash(crashed)
        lab.advance(30)
    result = lab.run(node, tool)
    assert normalize(result.stdout).splitlines() == normalize(expected).splitlines()
    assert result.rc == expected_rc


def test_normaliser_keeps_what_matters() -> None:
    real = "Ring ID:          1.9\nQuorate:          Yes\nDate:             Thu Nov 26 11:40:34 2026\n"
    assert normalize(real) == "Ring ID:          <RING>\nQuorate:          Yes\nDate:             <DATE>\n"
    assert normalize("Quorate:          No\n") != normalize("Quorate:          Yes\n")
