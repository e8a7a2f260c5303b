"""halab's crm_mon against the real crm_mon 2.1.5 on mutated copies of public scheduler CIBs: the
behaviours the cases show once (shutdown locks, ping attributes' connectivity notes, a resource's
description under -n) varied beyond the recorded values. Each mutated CIB is modelled: identical.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from tests.test_crm_mon_cases import ORACLE, pytestmark, verdict  # noqa: F401 - the same skip

CASES = ORACLE / "cases"

# (name, case, [(pattern, replacement)], option sets)
MUTATIONS = [
    ("lock-limit-not-passed", "shutdown-lock-expiration", [(r'name="shutdown-lock-limit" value="5m"',
                                                            'name="shutdown-lock-limit" value="10000d"')], ("-1r", "-1rn")),
    ("lock-off", "shutdown-lock", [(r'name="shutdown-lock" value="true"', 'name="shutdown-lock" value="false"')],
     ("-1r", "-1rn")),
    ("lock-disabled", "shutdown-lock", [(r'(<primitive class="ocf" id="rsc2" provider="pacemaker" type="Dummy">)',
                                         r'\1<meta_attributes id="m2"><nvpair id="m2t" name="target-role" value="Stopped"/>'
                                         r'</meta_attributes>')], ("-1r", "-1rn")),
    ("ping-odd-multiplier", "bnc-515172", [(r'name="multiplier" value="3000"', 'name="multiplier" value="1500x"'),
                                            (r'name="multiplier" value="500"', 'name="multiplier" value="abc"')],
     ("-1A",)),
    ("ping-hosts-and-values", "bnc-515172", [(r'value="192.168.2.1 192.168.2.20"', 'value="192.168.2.1  192.168.2.20 "'),
                                              (r'(name="pingd_GW" value=")\d+"', r'\1-5"'),
                                              (r'(name="pingd_PUB" value=")\d+"', r'\1abc"')], ("-1A",)),
    ("ping-name-case", "bnc-515172", [(r'name="name" value="pingd_PUB"', 'name="name" value="PINGD_pub"')], ("-1A",)),
    ("described", "bug-lf-2453", [(r'(<primitive class="ocf" id="DummyResource")', r'\1 description="a dummy"')],
     ("-1rn", "-1r")),
]


@pytest.mark.parametrize(("name", "case", "edits", "flag_sets"), MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_crm_mon_on_a_mutated_case_is_identical_or_refused(tmp_path: Path, name: str, case: str, edits: list,
                                                           flag_sets: tuple) -> None:
    text = (CASES / f"{case}.xml").read_text()
    for pattern, replacement in edits:
        text, count = re.subn(pattern, replacement, text)
        assert count, f"{name}: {pattern} not found"
    mutated = tmp_path / f"{name}.xml"
    mutated.write_text(text)
    for flags in flag_sets:
        found, ours, theirs = verdict(mutated, flags)
        assert found == "identical", f"{flags} {found}\n--- real\n{theirs}\n--- halab\n{ours}"


def _failed_probe(rc: str, status: str, on_node: bool):
    """not-installed-agent with rsc1 never started: its only record a probe on sles11-2 with `rc` and `status`."""
    def edit(root: etree._Element) -> None:
        for history in root.findall("status/node_state/lrm/lrm_resources/lrm_resource[@id='rsc1']"):
            if history.getparent().getparent().getparent().get("uname") != "sles11-2":
                history.getparent().remove(history)
                continue
            for op in history.iterfind("lrm_rsc_op"):
                op.set("rc-code", rc)
                op.set("op-status", status)
                if on_node:
                    op.set("on_node", "sles11-2")
    return edit


def _target_stopped(root: etree._Element) -> None:
    _failed_probe("5", "0", True)(root)
    primitive = root.find(".//primitive[@id='rsc1']")
    meta = etree.SubElement(primitive, "meta_attributes", id="rsc1-meta")
    etree.SubElement(meta, "nvpair", id="rsc1-role", name="target-role", value="Stopped")


# a stopped resource with a probe that found it not installed: "Stopped (not installed) " (only when
# the record carries on_node, as 2.1.5's pe__failed_probe_for_rsc reads it); the others refused by name
PROBES = [
    ("not-installed-on-node", _failed_probe("5", "0", True), "identical"),
    ("not-installed-no-on-node", _failed_probe("5", "0", False), "identical"),
    ("not-installed-exec-status", _failed_probe("5", "7", True), "identical"),
    ("not-installed-disabled", _target_stopped, "identical"),
    ("invalid-parameter", _failed_probe("2", "0", True), "refused"),
    ("exec-not-installed-rc7", _failed_probe("7", "7", True), "refused"),
]


@pytest.mark.parametrize(("name", "edit", "expected"), PROBES, ids=[p[0] for p in PROBES])
def test_a_failed_probe_of_a_stopped_resource(tmp_path: Path, name: str, edit, expected: str) -> None:
    root = etree.parse(str(CASES / "not-installed-agent.xml")).getroot()
    edit(root)
    mutated = tmp_path / f"{name}.xml"
    mutated.write_bytes(etree.tostring(root))
    for flags in ("-1r", "-1rn", "-1rR"):
        found, ours, theirs = verdict(mutated, flags)
        assert found == expected, f"{flags} {found}\n--- real\n{theirs}\n--- halab\n{ours}"
