"""An orphaned Pacemaker Remote connection (left in the history, no longer configured) still defines
its remote node, shutting down (scheduler/remote.py, create_fake_resource): variants of 2.1.5's
remote-orphaned case against the real crm_simulate, each matching or refused by name."""

from __future__ import annotations


import pytest
from lxml import etree

from tests.sim.test_remote_reconnect import _property, mutated_case, simulate_and_compare


def _orphan_failed(tree: etree._ElementTree) -> None:
    for entry in tree.iter("lrm_resource"):
        if entry.get("id") == "remote1":
            for op in entry.findall("lrm_rsc_op"):
                if op.get("operation") == "monitor" and op.get("interval") not in (None, "0"):
                    op.set("rc-code", "7")
                    op.set("call-id", "9999")


def _no_remote_status(tree: etree._ElementTree) -> None:
    state = tree.find(".//status/node_state[@uname='remote1']")
    assert state is not None
    state.getparent().remove(state)


VARIANTS = [
    ("as is", lambda t: None, "match"),
    ("fencing disabled", lambda t: _property(t, "stonith-enabled", "false"), "match"),
    ("no quorum", lambda t: t.getroot().set("have-quorum", "0"), "match"),
    ("orphan failed", _orphan_failed, "match"),
    ("orphans not stopped", lambda t: _property(t, "stop-orphan-resources", "false"), "match"),
    ("orphan failed, fencing disabled", lambda t: (_orphan_failed(t), _property(t, "stonith-enabled", "false")),
     "refused"),
    ("no status for the remote node", _no_remote_status, "refused"),
]


@pytest.mark.parametrize("label, mutate, expected", VARIANTS, ids=[v[0] for v in VARIANTS])
def test_orphaned_connection_variant(tmp_path, label, mutate, expected):
    simulate_and_compare(tmp_path, mutated_case("remote-orphaned", mutate), expected)
