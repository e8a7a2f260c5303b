"""pcs -> crmsh equivalents, as in the comparison table of Pacemaker's documentation."""

from __future__ import annotations

import pytest

from halab_kernel import Lab


@pytest.mark.parametrize("pcs, crm", [
    ("pcs resource create vip ocf:heartbeat:IPaddr2 ip=10.0.0.5 cidr_netmask=24 op monitor interval=10s",
     "crm configure primitive vip ocf:heartbeat:IPaddr2 params ip=10.0.0.5 cidr_netmask=24 op monitor interval=10s"),
    ("pcs resource create d1 Dummy meta migration-threshold=1",
     "crm configure primitive d1 ocf:heartbeat:Dummy meta migration-threshold=1"),
    ("pcs constraint location web prefers node1=50", "crm configure location loc-web-node1 web 50: node1"),
    ("pcs constraint location web avoids node2", "crm configure location loc-web-node2 web -INFINITY: node2"),
    ("pcs constraint colocation add web with vip INFINITY", "crm configure colocation col-web-vip INFINITY: web vip"),
    ("pcs constraint order start vip then start web", "crm configure order ord-vip-web Mandatory: vip:start web:start"),
    ("pcs constraint order vip then web kind=Optional", "crm configure order ord-vip-web Optional: vip:start web:start"),
    ("pcs property set stonith-enabled=false", "crm configure property stonith-enabled=false"),
    ("pcs node standby node2", "crm node standby node2"),
    ("pcs node unstandby node2", "crm node online node2"),
    ("pcs resource move web node3", "crm resource move web node3"),
    ("pcs stonith fence node2", "crm node fence node2"),
    ("pcs status", "crm status"),
])
def test_pcs_commands_read_in_crmsh(pcs: str, crm: str) -> None:
    assert Lab.crmsh(pcs) == crm


def test_unknown_or_incomplete_commands_say_so() -> None:
    assert Lab.crmsh("pcs host auth node1").startswith("# no crmsh equivalent")
    assert Lab.crmsh("pcs constraint colocation add web").startswith("# incomplete pcs command")
