"""pcs's usage texts on a usage error (issue 14): the manual section real pcs 0.11.5 prints.

pcs prints `usage.<group>([sub..., word])` filtered by `sub_usage`; the simulator keeps pcs's
texts (read from the installed pcs: halab carries no copy) and its filter (usage.py). Checked here:
every line of pcs_usage_errors.txt (usage errors of the commands the simulator supports,
unknown sub-commands, sub-commands without arguments) prints the same stderr, stdout and exit
code as real `pcs -f` on the operator sequences' configured CIB.
"""

from __future__ import annotations

import json
import shlex
import subprocess
import tempfile
from pathlib import Path

import pytest
from lxml import etree

from halab_kernel.commands.pcs import run_pcs
from halab_kernel.commands.pcs.usage import usage_for
from halab_kernel.commands.pcs.usage import installed_manual
from tests.commands import pcs_differential as diff

LINES = [line for line in Path(__file__).with_name("pcs_usage_errors.txt").read_text().splitlines() if line.strip()]
needs_real = pytest.mark.skipif(not diff.real_pcs_available(), reason="real pcs is not installed")


@needs_real
def test_a_sub_command_prints_its_own_section() -> None:
    manual = installed_manual()
    text = usage_for("resource create")
    assert text.startswith("\nUsage: pcs resource create...\n    create <resource id> [<standard>:[<provider>:]]<type>")
    assert "    delete <resource id" not in text
    # an unknown word: every section, no description; no group: pcs's main usage
    assert usage_for("resource ").startswith("\nUsage: pcs resource ...\n    [status [<resource id | tag id>]")
    assert usage_for(None) == manual[""] and usage_for("node") == manual["node"]
    # no section starts with the word: the parent's sections (`constraint location d1` -> location)
    assert usage_for("constraint location d1") == usage_for("constraint location")


def test_without_pcs_installed_a_usage_error_names_the_command(monkeypatch) -> None:
    from halab_kernel.commands.pcs import usage
    monkeypatch.setattr(usage, "installed_manual", lambda: {})
    assert usage_for("resource op add").startswith("\nUsage: pcs resource op add ...\n")
    assert "halab rig up" in usage_for(None)


@needs_real
def test_usage_errors_print_what_real_pcs_prints() -> None:
    from tests.commands.operator_sequences import start_cib
    start = start_cib()
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "cib.xml").write_text(start)
        request = {"cib": str(Path(tmp) / "cib.xml"), "commands": [shlex.split(line) for line in LINES],
                   "reset": start}
        done = subprocess.run([diff.SYSTEM_PYTHON, str(diff.RUNNER)], input=json.dumps(request), capture_output=True,
                              text=True, timeout=60 + 10 * len(LINES), cwd=tmp, check=True)
    differing = []
    for line, real in zip(LINES, json.loads(done.stdout)):
        ours = run_pcs(["-f", "cib.xml", *shlex.split(line)], etree.fromstring(start.encode()), offline=True).result
        if (ours.rc, ours.stdout, ours.stderr) != (real["rc"], real["stdout"], real["stderr"]):
            differing.append((line, real["rc"], ours.rc, real["stderr"][:200], ours.stderr[:200]))
    for item in differing:
        print(item)
    assert differing == []
