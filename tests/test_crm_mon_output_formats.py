"""crm_mon's --output-as values and unknown options against the real crm_mon 2.1.5 (`CIB_file=CIB crm_mon`).

crm_mon 2.1.5 matches html, text and xml without case; any other value (json, none, empty) means its
console, which one-shot mode writes as text, rc 0; a "text" spelt otherwise fails to create the output
(rc 1). The simulator answers the same, refuses HTML by name, and takes no option it does not know
(`--debug`, `--output-format`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time

import pytest
from lxml import etree

from halab_kernel.commands.crm_mon import answer, file_scene
from tests.scheduler_verdicts import ORACLE

pytestmark = pytest.mark.skipif(not ORACLE.exists() or shutil.which("crm_mon") is None,
                                reason="needs ../shared/pacemaker-2.1.5/scheduler and the real crm_mon")

CASE = ORACLE / "cases" / "minimal.xml"


def _normal(text: str) -> list[str]:
    return [line for line in text.splitlines() if "Last updated" not in line and "last_update" not in line]


@pytest.mark.parametrize("flags", ["-1 --output-as=json", "-1 --output-as json", "-1 --output-as=none",
                                   "-1 --output-as=", "-1 --output-as=console", "-1 --output-as=Text",
                                   "-1 --output-as=TEXT", "--output-as=Xml", "-1 --output-as=XML",
                                   "-1 --output-format=json", "-1 --debug", "--debug", "-1 --as-json"])
def test_output_formats_and_unknown_options_as_the_real_crm_mon(flags: str) -> None:
    root = etree.parse(str(CASE)).getroot()
    mine = answer(flags.split(), lambda: file_scene(root, int(time.time())))
    theirs = subprocess.run(["crm_mon", *flags.split()], capture_output=True, text=True, timeout=60,
                            env={**os.environ, "CIB_file": str(CASE)})
    assert (mine.rc, _normal(mine.stdout), mine.stderr) == (theirs.returncode, _normal(theirs.stdout), theirs.stderr)


@pytest.mark.parametrize("value", ["html", "HTML"])
def test_html_output_is_refused_by_name(value: str) -> None:
    root = etree.parse(str(CASE)).getroot()
    mine = answer(["-1", f"--output-as={value}"], lambda: file_scene(root, int(time.time())))
    assert mine.rc == 69 and f"not simulated: HTML output (--output-as={value})" in mine.stderr
