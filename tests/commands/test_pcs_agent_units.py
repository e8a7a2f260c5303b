"""`pcs resource create X systemd:UNIT | lsb:NAME | service:NAME` on the simulator, against real pcs 0.11.5.

Real pcs asks Pacemaker for the agent's metadata. Pacemaker 2.1.5 generates a systemd unit's metadata
whatever the name (systemd_unit_metadata), so on a node running systemd pcs creates any `systemd:` resource,
and a unit the node lacks fails when it starts; here, without systemd, real pcs says "not installed" for
every unit. The simulator runs the units a course node has (sim/agents/units.py) and refuses the others by
name; `lsb:`/`service:` names a course node has are refused by name, other names are "not installed" as
real pcs says, word for word.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from halab_kernel.commands.pcs import run_pcs
from tests.commands.pcs_differential import BASE_CIB

needs_pcs = pytest.mark.skipif(shutil.which("pcs") is None, reason="needs the real pcs (Debian package pcs)")


def _ours(agent: str):
    return run_pcs(["-f", "cib.xml", "resource", "create", "X", agent], etree.fromstring(BASE_CIB.encode()))


def _real(agent: str, tmp_path: Path) -> subprocess.CompletedProcess:
    cib = tmp_path / "cib.xml"
    cib.write_text(BASE_CIB)
    return subprocess.run(["pcs", "-f", str(cib), "resource", "create", "X", agent], capture_output=True, text=True,
                          timeout=120)


@pytest.mark.parametrize("agent", ["systemd:apache2", "systemd:apache2.service", "systemd:nftables"])
def test_a_unit_a_course_node_has_is_created_with_pacemakers_generated_operations(agent: str) -> None:
    outcome = _ours(agent)
    assert outcome.result.rc == 0, outcome.result.stderr
    primitive = outcome.cib.find(".//primitive[@id='X']")
    assert (primitive.get("class"), primitive.get("type")) == ("systemd", agent.split(":")[1])
    assert {(op.get("name"), op.get("interval"), op.get("timeout")) for op in primitive.iterfind(".//op")} == \
        {("monitor", "60", "100"), ("start", "0s", "100"), ("stop", "0s", "100")}


@pytest.mark.parametrize("agent", ["systemd:nginx", "systemd:nosuchunit", "systemd:getty@tty1", "lsb:cron",
                                   "service:cron", "service:apache2", "lsb:apache2", "lsb:pcsd"])
def test_a_unit_or_script_the_simulator_does_not_run_is_refused_by_name(agent: str) -> None:
    """Real pcs creates these on a course node (any systemd unit; the init scripts it has: this machine's
    real pcs creates `service:apache2`), the simulator does not run them: refused, nothing written."""
    outcome = _ours(agent)
    assert outcome.result.rc == 1
    assert "not simulated" in outcome.result.stderr and "halab rig up" in outcome.result.stderr
    assert outcome.cib is None or outcome.cib.find(".//primitive[@id='X']") is None


@needs_pcs
@pytest.mark.parametrize("agent", ["lsb:nope", "service:nope", "lsb:nginx", "service:nosuchunit", "lsb:postfix"])
def test_a_name_no_course_node_has_is_not_installed_as_real_pcs_says(agent: str, tmp_path: Path) -> None:
    outcome = _ours(agent)
    real = _real(agent, tmp_path)
    assert (outcome.result.rc, outcome.result.stdout, outcome.result.stderr) == \
        (real.returncode, real.stdout, real.stderr)
    assert outcome.cib is None or outcome.cib.find(".//primitive[@id='X']") is None


@pytest.mark.parametrize("agent", ["systemd:nginx", "lsb:cron", "service:ssh"])
def test_describing_an_agent_the_simulator_does_not_run_is_refused_by_name(agent: str) -> None:
    outcome = run_pcs(["resource", "describe", agent], None)
    assert outcome.result.rc == 1
    assert "not simulated" in outcome.result.stderr and "halab rig up" in outcome.result.stderr
