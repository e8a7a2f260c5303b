"""A colocation whose dependent side asks for a role a plain resource never takes (`pcs constraint
colocation add Promoted web with vip`) places nothing in Pacemaker 2.1.5 (pcmk__colocation_affects:
the dependent's next role is not Promoted), so web is placed on its own; the simulator used to apply
it as if unfiltered. Built with real `pcs -f`, judged against real `crm_simulate`."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from halab_kernel.commands.crm_simulate import main as crm_simulate

pytestmark = pytest.mark.skipif(not (shutil.which("pcs") and shutil.which("crm_simulate")),
                                reason="needs the real pcs and crm_simulate (Debian packages pcs, pacemaker)")


def _cib(tmp_path: Path, colocation: list[str]) -> Path:
    path = tmp_path / "cib.xml"
    path.write_text(subprocess.run(["cibadmin", "--empty"], capture_output=True, text=True, timeout=30).stdout)
    for command in (["property", "set", "stonith-enabled=false"], ["resource", "create", "vip", "ocf:pacemaker:Dummy"],
                    ["resource", "create", "web", "ocf:pacemaker:Dummy"], ["constraint", "colocation", "add", *colocation]):
        subprocess.run(["pcs", "-f", str(path), *command], capture_output=True, timeout=60, check=True)
    tree = etree.parse(str(path))
    root = tree.getroot()
    root.set("have-quorum", "1")
    for index in (1, 2, 3):
        etree.SubElement(root.find("configuration/nodes"), "node", id=str(index), uname=f"node{index}")
        etree.SubElement(root.find("status"), "node_state", id=str(index), uname=f"node{index}", in_ccm="true",
                         crmd="online", join="member", expected="member")
    tree.write(str(path))
    return path


def _summary(text: str) -> list[str]:
    return text.split("Transition Summary:")[1].split("Executing")[0].split("\n")


@pytest.mark.parametrize("colocation", [["Promoted", "web", "with", "vip", "INFINITY"],
                                        ["Unpromoted", "web", "with", "vip", "INFINITY"],
                                        ["web", "with", "vip", "INFINITY"]])
def test_a_role_the_dependent_never_takes_places_nothing(tmp_path: Path, colocation: list[str],
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    cib = _cib(tmp_path, colocation)
    real = subprocess.run(["crm_simulate", "-x", str(cib), "-S"], capture_output=True, text=True, timeout=60).stdout
    assert crm_simulate(["-x", str(cib), "-S"]) == 0
    assert _summary(capsys.readouterr().out) == _summary(real)
