"""Meta attribute names are read as written: Pacemaker 2.1.5 ignores `migration_threshold`,
`target_role` or `is_managed` spelt with underscores in a 3.x CIB, so the simulator must not
read them either (a student who types `pcs resource meta web migration_threshold=1` learns from
the cluster that nothing changed, as on real nodes)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from halab_kernel.subcommands import run as halab_run
from tests.conftest import shared_path

CAPTURE = ("pacemaker-2.1.5", "captures", "06-resource-failure-migration-threshold-1", "node1", "cibadmin-Q.xml")
WRITTEN = 'name="migration-threshold" value="1"'


def _summary(text: str) -> list[str]:
    lines = text.split("Transition Summary:")[1].split("Executing Cluster Transition:")[0]
    return [line.strip() for line in lines.splitlines() if line.strip()]


@pytest.mark.parametrize("name, value", [("migration_threshold", "1"), ("target_role", "Stopped"),
                                         ("is_managed", "false"), ("migration-threshold", "1"),
                                         ("target-role", "Stopped"), ("is-managed", "false")])
def test_meta_names_read_as_written(tmp_path, capfd, name, value):
    text = shared_path(*CAPTURE).read_text()
    assert WRITTEN in text
    cib = tmp_path / "cib.xml"
    cib.write_text(text.replace(WRITTEN, f'name="{name}" value="{value}"'))
    try:
        halab_run(["crm_simulate", "-x", str(cib), "-S"])
    except SystemExit:
        pass
    ours = _summary(capfd.readouterr().out)
    if "_" in name:  # ignored: dummy1 moves with the others after its failure, as with no setting
        assert "* Move       dummy1        ( node3 -> node2 )" in ours
    if shutil.which("crm_simulate") is None:
        pytest.skip("real crm_simulate not installed (apt-get install pacemaker-cli-utils)")
    real = subprocess.run(["crm_simulate", "-x", str(cib), "-S"], capture_output=True, text=True, timeout=60)
    assert ours == _summary(real.stdout)


@pytest.mark.parametrize("name, value", [("migration-threshold", "1"), ("target-role", "Stopped"),
                                         ("is-managed", "false"), ("resource-stickiness", "0")])
def test_meta_attributes_given_as_parameters_are_not_read(tmp_path, capfd, name, value):
    """2.1.5's get_meta_attributes reads only meta_attributes: a meta name in instance_attributes (what
    `crm_resource -r R -p NAME -v VALUE` without `--meta` writes) is a parameter for the agent and changes
    nothing. dummy1 then moves with the others after its failure, as with no setting."""
    from lxml import etree

    root = etree.fromstring(shared_path(*CAPTURE).read_bytes())
    nvpair = root.xpath(f"//primitive[@id='dummy1']/meta_attributes/nvpair[@{WRITTEN.split()[0]}]")[0]
    nvpair.getparent().remove(nvpair)
    params = root.xpath("//primitive[@id='dummy1']")[0].find("instance_attributes")
    if params is None:
        params = etree.SubElement(root.xpath("//primitive[@id='dummy1']")[0], "instance_attributes",
                                  id="dummy1-instance_attributes")
    etree.SubElement(params, "nvpair", id=f"dummy1-instance_attributes-{name}", name=name, value=value)
    cib = tmp_path / "cib.xml"
    cib.write_bytes(etree.tostring(root))
    try:
        halab_run(["crm_simulate", "-x", str(cib), "-S"])
    except SystemExit:
        pass
    ours = _summary(capfd.readouterr().out)
    assert "* Move       dummy1        ( node3 -> node2 )" in ours
    if shutil.which("crm_simulate") is None:
        pytest.skip("real crm_simulate not installed (apt-get install pacemaker-cli-utils)")
    real = subprocess.run(["crm_simulate", "-x", str(cib), "-S"], capture_output=True, text=True, timeout=60)
    assert ours == _summary(real.stdout)
