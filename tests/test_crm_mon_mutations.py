"""halab's crm_mon against the real crm_mon 2.1.5 on mutated copies of public scheduler CIBs: the
behaviours the cases show once (shutdown locks, ping attributes' connectivity notes, a resource's
description under -n) varied beyond the recorded values. Each mutated CIB is modelled: identical.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

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
