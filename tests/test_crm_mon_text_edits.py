"""halab's text crm_mon against the real crm_mon 2.1.5 on hand-edited public case CIBs (issues 13/14).

Each CIB is built at test time from a public scheduler case (../shared/pacemaker-2.1.5/scheduler/cases,
GPL test data, never copied into the repo) with one edit that exercises a feature the XML output
models: a ping attribute on a node where no ping resource runs, an operation in flight, node health under each strategy, an
unclean-but-online node's attributes, bans (-L) from rules, tags and sets, tickets (-c) and a lost
ticket's loss-policy. The real `CIB_file=F crm_mon FLAGS` and halab's crm_mon read the same file; each
answer must be identical (stdout and rc, "Last updated" aside) or refused by name (rc 69, "not simulated").

    .venv/bin/python -m tests.test_crm_mon_text_edits [--show]
"""

from __future__ import annotations

import copy
import difflib
import sys
import tempfile
from pathlib import Path
from typing import Callable

import pytest
from lxml import etree

from tests.test_crm_mon_cases import ORACLE, _normal, pytestmark, verdict  # noqa: F401 - the same skip

CASES = ORACLE / "cases"


def _case(name: str) -> etree._Element:
    return etree.parse(str(CASES / f"{name}.xml")).getroot()


def _set_attribute(root: etree._Element, node: str, name: str, value: str) -> None:
    state = root.find(f"status/node_state[@uname='{node}']")
    attrs = state.find("transient_attributes/instance_attributes")
    if attrs is None:
        holder = etree.SubElement(state, "transient_attributes", id=state.get("id", node))
        attrs = etree.SubElement(holder, "instance_attributes", id=f"status-{state.get('id', node)}")
    found = attrs.find(f"nvpair[@name='{name}']")
    if found is None:
        found = etree.SubElement(attrs, "nvpair", id=f"status-{node}-{name}", name=name)
    found.set("value", value)


def _stop_history(root: etree._Element, node: str, rsc: str) -> None:
    """The resource's last record on `node` becomes a successful stop (it no longer runs there)."""
    entry = root.find(f"status/node_state[@uname='{node}']/lrm/lrm_resources/lrm_resource[@id='{rsc}']")
    ops = sorted(entry.iterfind("lrm_rsc_op"), key=lambda op: int(op.get("call-id", "0")))
    stop = copy.deepcopy(ops[-1])
    stop.set("id", f"{rsc}_stop_0")
    stop.set("operation", "stop")
    stop.set("operation_key", f"{rsc}_stop_0")
    stop.set("interval", "0")
    stop.set("rc-code", "0")
    stop.set("op-status", "0")
    stop.set("call-id", str(int(ops[-1].get("call-id", "0")) + 10))
    fields = stop.get("transition-key", "1:1:0:x").split(":")
    stop.set("transition-key", ":".join([fields[0], fields[1], "0", fields[3]]))
    stop.set("transition-magic", "0:0;" + stop.get("transition-key"))
    for op in entry.findall("lrm_rsc_op"):
        if op.get("interval", "0") != "0":
            entry.remove(op)
    entry.append(stop)


def _property(root: etree._Element, name: str, value: str) -> None:
    props = root.find("configuration/crm_config/cluster_property_set")
    found = props.find(f"nvpair[@name='{name}']")
    if found is None:
        found = etree.SubElement(props, "nvpair", id=f"opt-{name}", name=name)
    found.set("value", value)


def _ping_stopped_on_srv01(value: str) -> Callable[[], etree._Element]:
    def build() -> etree._Element:
        root = _case("bug-lf-2574")
        _stop_history(root, "srv01", "prmPingd:0")
        for node in ("srv01", "srv02"):
            _set_attribute(root, node, "pingd", value)
        return root
    return build


def _health(strategy: str, value: str, extra: dict[str, str] | None = None) -> Callable[[], etree._Element]:
    def build() -> etree._Element:
        root = _case("systemhealth3")
        _property(root, "node-health-strategy", strategy)
        for name, setting in (extra or {}).items():
            _property(root, name, setting)
        first = root.find("status/node_state").get("uname")
        _set_attribute(root, first, "#health-ipmi", value)
        return root
    return build


def _attributes_on(case: str, node: str, name: str = "site", value: str = "north") -> Callable[[], etree._Element]:
    def build() -> etree._Element:
        root = _case(case)
        _set_attribute(root, node, name, value)
        return root
    return build


def _constraint(root: etree._Element, tag: str, **attributes: str) -> None:
    etree.SubElement(root.find("configuration/constraints"), tag, **attributes)


def _lost_ticket(policy: str, granted: str = "false", standby: str = "false") -> Callable[[], etree._Element]:
    """bug-lf-2574's main_rsc (running on srv01) and clnDummy1 under ticket T, revoked or on standby; srv02's pingd
    lost (its rule bans main_rsc2 there)."""
    def build() -> etree._Element:
        root = _case("bug-lf-2574")
        _constraint(root, "rsc_ticket", id="main-needs-T", rsc="main_rsc", ticket="T", **{"loss-policy": policy})
        _constraint(root, "rsc_ticket", id="clone-needs-T", rsc="clnDummy1", ticket="T", **{"loss-policy": policy})
        _constraint(root, "rsc_ticket", id="main2-needs-U", rsc="main_rsc2", ticket="U")
        ticket_states = etree.Element("tickets")
        etree.SubElement(ticket_states, "ticket_state", id="T", granted=granted, standby=standby,
                         **{"last-granted": "1301533000"})
        root.find("status").insert(0, ticket_states)
        _set_attribute(root, "srv02", "pingd", "0")
        return root
    return build


def _promoted_ban() -> etree._Element:
    root = _case("ticket-promoted-10")
    _constraint(root, "rsc_location", id="no-promoted-node1", rsc="ms1", role="Promoted", node="node1",
                score="-INFINITY")
    _constraint(root, "rsc_location", id="no-stonith-node2", rsc="rsc_stonith", node="node2", score="-100")
    return root


def _set_edit(case: str, old: str, new: str) -> Callable[[], etree._Element]:
    def build() -> etree._Element:
        return etree.fromstring((CASES / f"{case}.xml").read_text().replace(old, new).encode())
    return build


EDITS: dict[str, Callable[[], etree._Element]] = {
    "ping-stopped-lost": _ping_stopped_on_srv01("0"),
    "ping-stopped-degraded": _ping_stopped_on_srv01("1"),
    "health-migrate-red": _health("migrate-on-red", "red"),
    "health-migrate-yellow": _health("migrate-on-red", "yellow"),
    "health-only-green-yellow": _health("only-green", "yellow"),
    "health-progressive-number": _health("progressive", "-100", {"node-health-yellow": "-50", "node-health-red": "-200"}),
    "health-custom-number": _health("custom", "-300", {"node-health-red": "-200"}),
    "health-none-red": _health("none", "red"),
    "pending-node-attributes": _attributes_on("probe-pending-node", "gcdoubwap02"),
    "pending-node-fail-count": _attributes_on("probe-pending-node", "gcdoubwap02", "fail-count-rsc_vip_gcp_ascs#monitor_0",
                                              "3"),
    "ticket-freeze-revoked": _lost_ticket("freeze"),
    "ticket-freeze-standby": _lost_ticket("freeze", "true", "true"),
    "ticket-stop-revoked": _lost_ticket("stop"),
    "ticket-demote-granted": _lost_ticket("demote", "true"),
    "ticket-fence-revoked": _lost_ticket("fence"),
    "bans-promoted-role": _promoted_ban,
    "pending-stop": _set_edit("mon-rsc-3", 'id="rsc1_start_0" operation="start"', 'id="rsc1_stop_0" operation="stop"'),
    "pending-promote": _set_edit("mon-rsc-3", 'id="rsc1_start_0" operation="start"',
                                 'id="rsc1_promote_0" operation="promote"'),
    "pending-monitor": _set_edit("mon-rsc-3", 'id="rsc1_start_0" operation="start" interval="0"',
                                 'id="rsc1_monitor_10000" operation="monitor" interval="10000"'),
    "unclean-online-attributes": _attributes_on("stop-failure-with-fencing", "pcmk-2"),
}

def _with_set_edits() -> None:
    """The XML's edits of bans through tags, templates and resource sets (test_pcs_status_of_file), for -L."""
    from tests.commands.test_pcs_status_of_file import SET_EDITS

    for index, (case, old, new) in enumerate(SET_EDITS):
        EDITS[f"bans-{case}-{index}"] = _set_edit(case, old, new)


_with_set_edits()


FLAGS = ("-1", "-1rfA", "-1 --show-detail", "-1 --show-node-attributes", "-1rn", "-1rfo", "-1c", "-1L",
         "-1rfcL", "-1 --show-detail -L -c")


def _written(root: etree._Element, directory: str, name: str) -> Path:
    path = Path(directory) / f"{name}.xml"
    path.write_bytes(etree.tostring(root))
    return path


@pytest.mark.parametrize("flags", FLAGS)
@pytest.mark.parametrize("edit", sorted(EDITS))
def test_text_crm_mon_of_an_edited_case_is_identical_or_refused(edit: str, flags: str, tmp_path: Path) -> None:
    found, ours, theirs = verdict(_written(EDITS[edit](), str(tmp_path), edit), flags)
    assert found != "differing", "\n".join(difflib.unified_diff(_normal(theirs), _normal(ours), "real", "halab",
                                                                lineterm=""))


@pytest.mark.parametrize("scenario", ["ban", "placed", "location and colocation constraints", "node attributes",
                                      "promotable clone", "node crashed and fenced"])
def test_tickets_and_bans_of_a_lab_match_real_crm_mon(scenario: str, tmp_path: Path) -> None:
    """A lab's `crm_mon -1rfcL` (a ban, tickets granted and revoked with crm_ticket) == the real one on the exported
    CIB, or refused by name (the fencing history beside them)."""
    from tests.runtime_scenarios import real_tool, scenario_lab
    from tests.test_crm_mon_differential import _normal as live_normal

    lab = scenario_lab(scenario)
    for command in ("crm_ticket -t T1 -g --force", "crm_ticket -t T2 -r --force", "crm_ticket -t T3 -s"):
        assert lab.run("node1", command).rc == 0, command
    real = real_tool(["crm_mon", "-1rfcL"], lab.run("node1", "cibadmin -Q").stdout, tmp_path)
    ours = lab.run("node1", "crm_mon -1rfcL")
    if ours.rc == 69:
        assert "not simulated: tickets or bans (-c, -L) beside the fencing history" in ours.stderr
        return
    assert "Tickets:" in ours.stdout and (scenario != "ban" or "prevents d2 from running on node3" in ours.stdout)
    assert live_normal(ours.stdout) == live_normal(real.stdout)
    assert ours.rc == real.returncode


def main() -> None:
    show = "--show" in sys.argv
    counts: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as directory:
        for edit in sorted(EDITS):
            path = _written(EDITS[edit](), directory, edit)
            for flags in FLAGS:
                found, ours, theirs = verdict(path, flags)
                counts[found] = counts.get(found, 0) + 1
                if found != "identical":
                    print(f"{found}: {edit} {flags}" + (f" ({ours.strip()})" if found == "refused" else ""))
                if found == "differing" and show:
                    print("\n".join(difflib.unified_diff(_normal(theirs), _normal(ours), "real", "halab",
                                                         lineterm="", n=1)))
    print(", ".join(f"{name} {count}" for name, count in sorted(counts.items())))


if __name__ == "__main__":
    main()
