"""Every option of the real Pacemaker tools is either modelled or refused by name, never "unknown".

The option tables in halab_kernel/commands/glib_options.py must be the real tools' own
(`TOOL --help-all` of the installed Pacemaker 2.1.5); every option of them, given to the
simulated tool, is answered (modelled) or refused with "not simulated" naming it; an option
the real tool does not know, or one missing its value, gets the real tool's message and exit
code. crm_resource --move/--ban --lifetime write the real constraint (a rule on the node's
name and the end), crm_standby -l reboot a transient attribute, crm_failcount -n/-I one
operation's count.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from halab_kernel.commands.glib_options import TOOLS
from halab_kernel.lab import Lab
from tests.commands.pcs_differential import BASE_CIB

REAL_TOOLS = pytest.mark.skipif(shutil.which("crm_resource") is None, reason="pacemaker-cli-utils is not installed")
REFUSED = re.compile(r"not simulated: .*try it on real nodes: halab rig up")
UNKNOWN = re.compile(r"Unknown option|not recognized|unrecognized|invalid option")


@pytest.fixture(scope="module")
def lab() -> Lab:
    lab = Lab.simulated(3, seed=1)
    lab.advance(30)
    for command in ("pcs property set stonith-enabled=false", "pcs resource create d1 ocf:pacemaker:Dummy "
                    "op monitor interval=10s"):
        assert lab.run("node1", command).rc == 0
    lab.advance(20)
    return lab


def _real_table(tool: str) -> set[tuple[str, str, bool]]:
    """(letter, name, takes a value) of each option the real tool's --help-all lists."""
    text = subprocess.run([tool, "--help-all"], capture_output=True, text=True, timeout=30).stdout
    found: dict[str, tuple[str, bool]] = {}
    for line in text.splitlines():
        match = re.match(r"^\s+(?:-(\S), )?--([\w-]+)(=\S+)?\s", line + " ")
        if match:
            letter, name, value = match.groups()
            old_letter, old_value = found.get(name, ("", False))
            found[name] = (old_letter or letter or "", old_value or bool(value))
    return {(letter, name, value) for name, (letter, value) in found.items()}


@REAL_TOOLS
@pytest.mark.parametrize("tool", sorted(TOOLS))
def test_the_option_tables_are_the_real_tools_own(tool: str) -> None:
    ours = {(option.letter, option.name, option.value != "none") for option in TOOLS[tool]}
    assert ours == _real_table(tool)


def _every_option() -> list[tuple[str, str]]:
    cases = []
    for tool, options in sorted(TOOLS.items()):
        for option in options:
            spelled = f"--{option.name}" + ("=x" if option.value != "none" else "")
            cases.append((tool, spelled))
    return cases


@pytest.mark.parametrize("tool, option", _every_option())
def test_every_real_option_is_modelled_or_refused_by_name(tool: str, option: str, lab: Lab) -> None:
    one_shot = "-1 " if tool == "crm_mon" else ""
    result = lab.run("node1", f"{tool} {one_shot}{option} -r d1" if tool == "crm_resource" else
                     f"{tool} {one_shot}{option}")
    answer = result.stdout + result.stderr
    assert not UNKNOWN.search(answer), answer
    assert "internal error" not in answer and "Traceback" not in answer
    if result.rc == 69:
        assert REFUSED.search(result.stderr)


def _real(argv: list[str], tmp_path: Path) -> subprocess.CompletedProcess:
    cib = tmp_path / "cib.xml"
    cib.write_text(BASE_CIB)
    return subprocess.run(argv, env={**os.environ, "CIB_file": str(cib), "LC_ALL": "C"}, capture_output=True,
                          text=True, timeout=30)


@REAL_TOOLS
@pytest.mark.parametrize("command", [
    "crm_resource --foo", "crm_resource -j", "crm_resource -W -r", "crm_resource -W --resource",
    "crm_resource -W -r d1 extra", "crm_resource --version", "stonith_admin -Z", "stonith_admin -L -h",
    "crm_attribute -n x --foo=bar", "crm_node --bar", "crm_mon -1 --nope", "crm_mon -1 -h",
    "crm_failcount --foo", "crm_failcount -x", "crm_failcount -G", "crm_failcount -r d1",
    "crm_standby --foo", "crm_standby -N", "crm_simulate --foo", "crm_simulate -x", "crm_simulate --version",
    "crm_resource -Wrd1", "crm_resource -Wrrd1", "crm_attribute -n x -v -INFINITY -G",
])
def test_a_malformed_command_line_gets_the_real_tools_answer(command: str, lab: Lab, tmp_path: Path) -> None:
    real = _real(command.split(), tmp_path)
    ours = lab.run("node1", command)
    assert ours.rc == real.returncode
    assert ours.stderr.splitlines()[:1] == real.stderr.splitlines()[:1]


def _constraint_shape(xml: str) -> list[tuple[str, dict[str, str]]]:
    """Each element of the constraints section with its attributes, the lifetime's end left out."""
    root = etree.fromstring(xml.encode())
    return [(element.tag, {k: v for k, v in element.attrib.items() if k != "end"}) for element in root.iter()]


def test_values_attached_to_their_letter_as_pacemaker_splits_them(lab: Lab) -> None:
    located = lab.run("node1", "crm_resource -W -r d1").stdout
    assert located.startswith("resource d1 is running on: ")
    assert lab.run("node1", "crm_resource -Nnode1 -r d1 -gtarget-role --meta").rc == lab.run("node1", "crm_resource -N node1 -r d1 -g target-role --meta").rc
    assert "Resource '-r' not found" in lab.run("node1", "crm_resource -Wrrd1").stderr  # -r takes the next word
    assert lab.run("node1", "crm_attribute -Nnode2 -nsite -vA").rc == 0
    assert lab.run("node1", "crm_attribute -N node2 -n site -G -q").stdout == "A\n"
    assert lab.run("node1", "crm_simulate -LSs").rc == 0


def _lab_and_its_cib_file(tmp_path: Path) -> tuple[Lab, dict[str, str]]:
    """A lab with a resource d1, and the environment that points the real tools at a copy of its CIB."""
    lab = Lab.simulated(3, seed=2)
    lab.advance(30)
    lab.run("node1", "pcs resource create d1 ocf:pacemaker:Dummy")
    cib = tmp_path / "cib.xml"
    cib.write_text(lab.run("node1", "cibadmin -Q").stdout)
    return lab, {**os.environ, "CIB_file": str(cib), "LC_ALL": "C"}


@REAL_TOOLS
@pytest.mark.parametrize("command", ["-M -r d1 -N node2 -u PT5M", "-B -r d1 -N node2 --lifetime=P1D",
                                     "-M -r d1 -N node3 -u P1D -B -N node2"])
def test_move_and_ban_with_a_lifetime_write_the_real_rule(command: str, tmp_path: Path) -> None:
    lab, environment = _lab_and_its_cib_file(tmp_path)
    real = subprocess.run(["crm_resource", *command.split()], env=environment, capture_output=True, text=True,
                          timeout=30)
    real_constraints = subprocess.run(["cibadmin", "-Q", "--scope", "constraints"], env=environment,
                                      capture_output=True, text=True, timeout=30).stdout
    ours = lab.run("node1", f"crm_resource {command}")
    assert ours.rc == real.returncode == 0
    assert re.sub(r"until: .*", "", ours.stdout) == re.sub(r"until: .*", "", real.stdout)
    assert _constraint_shape(lab.run("node1", "cibadmin -Q --scope constraints").stdout) == \
        _constraint_shape(real_constraints)
    end = etree.fromstring(lab.run("node1", "cibadmin -Q --scope constraints").stdout.encode()).find(".//date_expression")
    assert end is not None and end.get("end", "").startswith("2026-01-0")  # the lab's clock, not the machine's


def test_a_lifetime_ends_the_move_on_the_labs_clock() -> None:
    lab = Lab.simulated(3, seed=3)
    lab.advance(30)
    lab.run("node1", "pcs property set stonith-enabled=false")
    lab.run("node1", "pcs resource create d1 ocf:pacemaker:Dummy")
    lab.advance(20)
    home = lab.run("node1", "crm_resource -W -r d1 -Q").stdout.strip()
    other = next(node for node in ("node1", "node2", "node3") if node != home)
    assert lab.run("node1", f"crm_resource -M -r d1 -N {other} -u PT2M").rc == 0
    lab.advance(20)
    assert lab.run("node1", "crm_resource -W -r d1 -Q").stdout.strip() == other
    assert f"d1 allocation score on {other}: INFINITY" in lab.run("node1", "crm_simulate -Ls").stdout
    lab.advance(150)  # the rule has expired: the preference is gone (d1 stays: a tie keeps the current node)
    assert f"d1 allocation score on {other}: 0" in lab.run("node1", "crm_simulate -Ls").stdout
    assert "(expired)" in lab.run("node1", "pcs constraint --all").stdout


def test_crm_standby_with_lifetime_reboot_is_transient(lab: Lab) -> None:
    assert lab.run("node1", "crm_standby -N node2 -v on -l reboot").rc == 0
    assert lab.run("node1", "crm_standby -N node2 -G -q").stdout == "on\n"
    assert lab.run("node1", "crm_standby -N node2 -G -l forever").rc == 105  # nothing permanent
    assert "name=\"standby\" value=\"on\"" in lab.run("node1", "cibadmin -Q --xpath \"//node_state[@uname='node2']"
                                              "//transient_attributes\"").stdout
    assert lab.run("node1", "crm_standby -N node2 -D").rc == 0
    assert lab.run("node1", "crm_standby -N node2 -G -q").stdout == "off\n"


def test_crm_failcount_counts_one_operation_or_all(lab: Lab) -> None:
    assert lab.run("node1", "crm_resource -F -r d1 -N node1").rc == 0
    lab.advance(5)
    assert lab.run("node1", "crm_failcount -G -r d1 -N node1 -q").stdout == "1\n"
    assert lab.run("node1", "crm_failcount -G -r d1 -N node1 -n asyncmon -I 0").stdout == \
        "scope=status  name=fail-count-d1#asyncmon_0 value=1\n"
    assert lab.run("node1", "crm_failcount -G -r d1 -N node1 -n monitor -I 10s -q").stdout == "0\n"


def test_stonith_admin_tolerance_skips_a_fencing_done_moments_ago() -> None:
    lab = Lab.simulated(3, seed=6)
    lab.advance(30)
    assert lab.run("node1", "pcs stonith create f fence_dummy pcmk_host_list='node1 node2 node3'").rc == 0
    lab.advance(10)

    def fenced() -> int:
        return lab.run("node1", "stonith_admin -H node3 --verbose").stdout.count("reboot of node3 successful")

    assert lab.run("node1", "stonith_admin --reboot node3").rc == 0
    lab.advance(5)
    assert fenced() == 1
    assert lab.run("node1", "stonith_admin --tolerance 60s --reboot node3").rc == 0  # done 5 s ago: nothing again
    lab.advance(5)
    assert fenced() == 1
    assert lab.run("node1", "stonith_admin -B node3 --tolerance 2").rc == 0  # longer ago than 2 s: fenced again
    lab.advance(5)
    assert fenced() == 2


@REAL_TOOLS
@pytest.mark.parametrize("first, second", [("-B -r d1 -N node2", "-B -r d1 -N node2 -u P1D"),
                                           ("-B -r d1 -N node2 -u P1D", "-B -r d1 -N node2"),
                                           ("-B -r d1 -N node2 -u P1D", "-B -r d1 -N node2 -u P2D"),
                                           ("-M -r d1 -N node2 -u PT5M", "-M -r d1 -N node3")])
def test_a_second_ban_merges_into_the_first_as_real_crm_resource(first: str, second: str, tmp_path: Path) -> None:
    lab, environment = _lab_and_its_cib_file(tmp_path)
    for command in (first, second):
        real = subprocess.run(["crm_resource", *command.split()], env=environment, capture_output=True, text=True,
                              timeout=30)
        ours = lab.run("node1", f"crm_resource {command}")
        assert ours.rc == real.returncode
        assert ours.stderr.splitlines()[-1:] == real.stderr.splitlines()[-1:]
    real_constraints = subprocess.run(["cibadmin", "-Q", "--scope", "constraints"], env=environment,
                                      capture_output=True, text=True, timeout=30).stdout
    assert _constraint_shape(lab.run("node1", "cibadmin -Q --scope constraints").stdout) == \
        _constraint_shape(real_constraints)
