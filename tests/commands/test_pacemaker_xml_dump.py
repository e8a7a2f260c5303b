"""The XML the Pacemaker tools print is 2.1.5's own dump (pcmk__xml2text with crm_xml_escape), not
libxml's: `'` as &apos;, a tab as four spaces, a newline as `\\n`. Checked against real cibadmin on the
lab's exported CIB. Found by bench_node_tools_differential.py 95003 14 20 (crm_attribute -n "a'b")."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from halab_kernel.sim.pacemaker.cib.dump import escape
from tests.sim.topology import service_lab

VALUES = ["a'b", 'a"b', "a<b>c", "a&b", "x\ty", "x\ny", "a\rb", "é'x", "'é'", "€ & more", "plain"]


@pytest.mark.skipif(shutil.which("cibadmin") is None, reason="real cibadmin not installed")
@pytest.mark.parametrize("query", ["cibadmin -Q", "cibadmin -Q -o crm_config", "cibadmin -Q --xpath //nvpair[@name='n0']",
                                   "cibadmin -Q -o status"])
def test_cibadmin_prints_values_as_the_real_tool(query: str, tmp_path: Path) -> None:
    lab = service_lab()
    for number, value in enumerate(VALUES[:-3]):  # a value non-ASCII then <, & or ": the real dump is not XML
        assert lab.run("node1", f"crm_attribute -n n{number} -v {shlex.quote(value)}").ok
    assert lab.run("node1", "crm_attribute -N node2 -n \"a'b\" -v on -l reboot").ok
    cib = tmp_path / "cib.xml"
    cib.write_text(lab.run("node1", "cibadmin -Q").stdout)
    real = subprocess.run(shlex.split(query), env={**os.environ, "CIB_file": str(cib)}, capture_output=True,
                          text=True, timeout=60)
    ours = lab.run("node1", query)
    assert (ours.rc, ours.stdout) == (real.returncode, real.stdout)


def test_escaping_stops_at_the_first_non_ascii_character_as_in_2_1_5() -> None:
    assert escape("'é'") == "&apos;é'"
    assert escape("€ & <") == "€ & <"
    assert escape("a\x7fb\x01") == "a\\177b\\001"


@pytest.mark.parametrize("command", ["crm_attribute -n x -v a\x01b", "crm_resource -r vip -p ip -v 1\x02",
                                     "crm_ticket -t T -S owner -v a\x1fb"])
def test_a_control_character_is_refused_by_name_and_changes_nothing(command: str) -> None:
    lab = service_lab()
    before = lab.run("node1", "cibadmin -Q").stdout
    result = lab.run("node1", command)
    assert result.rc == 69 and "not simulated: a control character" in result.stderr, result
    assert lab.run("node1", "cibadmin -Q").stdout == before
