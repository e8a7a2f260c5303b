"""Rule forms no public case covers, checked against the installed real crm_simulate:
value-source=param/meta in location rules, and date rules in attribute sets."""

from __future__ import annotations

import contextlib
import io
import shutil
import subprocess
from pathlib import Path

import pytest

from halab_kernel.commands.crm_simulate import main as crm_simulate
from tests import scheduler_verdicts as verdicts
from tests.test_scheduler_honesty import CIB

pytestmark = pytest.mark.skipif(shutil.which("crm_simulate") is None, reason="the real crm_simulate is not installed")

META = ('<meta_attributes id="m"><nvpair id="m1" name="site" value="node2"/></meta_attributes>'
        '<instance_attributes id="i"><nvpair id="i1" name="where" value="node2"/>'
        '<nvpair id="i2" name="level" value="5"/></instance_attributes>')
NODE2 = '<node id="2" uname="node2"><instance_attributes id="n2"><nvpair id="n2a" name="lvl" value="7"/>' \
        '</instance_attributes></node>'


def _location(source: str, value: str, attribute: str, operation: str) -> str:
    return (f'<rsc_location id="l" rsc="web"><rule id="r" score="100"><expression id="e" attribute="{attribute}" '
            f'operation="{operation}" value="{value}" value-source="{source}"/></rule></rsc_location>')


def _same_as_real(tmp_path: Path, xml: str) -> bool:
    path = tmp_path / "cib.xml"
    path.write_text(xml)
    real = subprocess.run([str(shutil.which("crm_simulate")), "-x", str(path), "-S"], capture_output=True, text=True,
                          timeout=60,
                          env={"PATH": "/usr/bin:/bin", "LC_ALL": "C", "TZ": "UTC"}).stdout
    ours = io.StringIO()
    with contextlib.redirect_stdout(ours):
        assert crm_simulate(["-x", str(path), "-S"]) == 0
    if not (verdicts.ORACLE / "compare.py").exists():
        pytest.skip("compare.py not found (the ../shared folder is absent)")
    return verdicts.load_compare().compare_texts(real, ours.getvalue(), anon=True)["match"]


@pytest.mark.parametrize("rule", [("param", "where", "#uname", "eq"), ("meta", "site", "#uname", "eq"),
                                  ("param", "nosuch", "#uname", "ne"), ("param", "level", "lvl", "gt"),
                                  ("meta", "site", "#uname", "ne")])
def test_value_source_rules_place_like_the_real_scheduler(tmp_path, rule):
    xml = CIB.format(property="", meta=META, constraint=_location(*rule)).replace('<node id="2" uname="node2"/>', NODE2)
    assert _same_as_real(tmp_path, xml)


@pytest.mark.parametrize("window", [("2019-01-01", "2030-01-01"), ("2001-01-01", "2002-01-01")])
def test_a_maintenance_window_in_cluster_options_follows_the_clock(tmp_path, window):
    start, end = window
    option = (f'</cluster_property_set><cluster_property_set id="window" score="100">'
              f'<nvpair id="w1" name="stop-all-resources" value="true"/>'
              f'<rule id="wr" score="INFINITY"><date_expression id="wd" operation="in_range" start="{start}" '
              f'end="{end}"/></rule>')
    xml = CIB.format(property=option, meta="", constraint="").replace(
        "<cib ", '<cib execution-date="1700000000" ')
    assert _same_as_real(tmp_path, xml)


@pytest.mark.parametrize("sequential", [("false", "false"), ("false", "true"), ("true", "false")])
def test_colocated_resource_sets_place_like_the_real_scheduler(tmp_path, sequential):
    primitives = "".join(f'<primitive id="{r}" class="ocf" provider="pacemaker" type="Dummy"/>'
                         for r in ("ra", "rb", "rc", "rd"))
    sets = "".join(f'<resource_set id="s{i}" sequential="{flag}">'
                   + "".join(f'<resource_ref id="{r}"/>' for r in members) + "</resource_set>"
                   for i, (flag, members) in enumerate(zip(sequential, (("ra", "rb"), ("rc", "rd")))))
    xml = CIB.format(property="", meta="", constraint=f'<rsc_colocation id="coloc" score="INFINITY">{sets}'
                     '</rsc_colocation>').replace(
        '<primitive id="web" class="ocf" provider="pacemaker" type="Dummy"></primitive>', primitives)
    assert _same_as_real(tmp_path, xml)
