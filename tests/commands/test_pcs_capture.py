"""Golden test: the capture scenario's configuration, rendered by `pcs config` as on the real rig.

The rig's fence agent (fence_rig) is a test double that only exists there,
so it is created with --force, which is what real pcs does for an agent it
cannot find metadata for (and the capture shows exactly that shape).
"""

from __future__ import annotations

import shlex

from lxml import etree

from halab_kernel.commands.pcs import run_pcs
from tests.commands.pcs_differential import BASE_CIB
from tests.conftest import shared_path

# The rig created every resource with a 10 s monitor (no timeout: pcs keeps only what is given).
SCENARIO = """
resource create dummy1 ocf:pacemaker:Dummy op monitor interval=10s meta migration-threshold=1
resource create vip ocf:heartbeat:IPaddr2 ip=10.200.0.100 cidr_netmask=24 nic=eth0 op monitor interval=10s --group grp
resource create dummy2 ocf:heartbeat:Dummy op monitor interval=10s --group grp
stonith create fence-rig fence_rig pcmk_host_list="node1 node2 node3" pcmk_reboot_timeout=30 rig_dir=/srv/rig --force
constraint location grp prefers node2=100
constraint colocation add dummy1 with grp INFINITY
constraint order start grp then start dummy1
"""


def _section(text: str, first: str, last: str) -> list[str]:
    lines = text.splitlines()
    return lines[lines.index(first):lines.index(last) + 1]


def test_pcs_config_matches_the_capture_from_resources_to_constraints() -> None:
    expected = shared_path("pacemaker-2.1.5", "captures", "02-resources-placed", "node1",
                           "pcs-config.txt").read_text()
    cib = etree.fromstring(BASE_CIB.encode())
    for line in SCENARIO.strip().splitlines():
        outcome = run_pcs(["-f", "cib.xml", *shlex.split(line)], cib)
        assert outcome.result.rc == 0, outcome.result.stderr
        cib = outcome.cib
    ours = run_pcs(["-f", "cib.xml", "config"], cib).result.stdout
    assert _section(ours, "Resources:", "Ticket Constraints:") == \
        _section(expected, "Resources:", "Ticket Constraints:")
