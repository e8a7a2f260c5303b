"""Name/value pairs written as references (`<nvpair id-ref="X"/>`, nvset-3.0.rng) read as Pacemaker 2.1.5
reads them, against the real crm_mon and crm_simulate on the same CIB files.

populate_hash (lib/pengine/rules.c) takes a pair's own name and value and what it lacks from the pair its
id-ref names (expand_idref: the one `//nvpair[@id=ref]` of the document), and skips a pair still without
a name or a value. Each CIB below starts from the public case nvpair-id-ref and moves a setting crm_mon
shows (target-role, a node attribute, a cluster option, clone-max, priority) behind a reference.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from lxml import etree

from halab_kernel.commands.crm_mon import answer, file_scene
from tests.scheduler_verdicts import ORACLE
from tests.test_crm_simulate_layout import REFUSED, ours, real

pytestmark = pytest.mark.skipif(not ORACLE.exists() or shutil.which("crm_mon") is None
                                or shutil.which("crm_simulate") is None,
                                reason="needs ../shared/pacemaker-2.1.5/scheduler and the real crm_mon, crm_simulate")


def _pair(parent: etree._Element, **attributes: str) -> None:
    etree.SubElement(parent, "nvpair", {key.replace("_", "-"): value for key, value in attributes.items()})


def _base() -> etree._Element:
    return etree.parse(str(ORACLE / "cases" / "nvpair-id-ref.xml")).getroot()


def _set(parent: etree._Element, tag: str, set_id: str) -> etree._Element:
    return etree.SubElement(parent, tag, id=set_id)


def _dummy(root: etree._Element, rsc_id: str, parent: etree._Element | None = None) -> etree._Element:
    holder = parent if parent is not None else root.find("configuration/resources")
    return etree.SubElement(holder, "primitive", {"class": "ocf", "id": rsc_id, "provider": "pacemaker",
                                                  "type": "Dummy"})


def target_role() -> etree._Element:
    """rsc2 stopped through a reference to rsc3's target-role; rsc1's migration-threshold renames a pair."""
    root = _base()
    rsc3 = _dummy(root, "rsc3")
    _pair(_set(rsc3, "meta_attributes", "rsc3-meta"), id="shared-stopped", name="target-role", value="Stopped")
    _pair(_set(root.find(".//primitive[@id='rsc2']"), "meta_attributes", "rsc2-meta"), id_ref="shared-stopped")
    defaults = _set(etree.SubElement(root.find("configuration"), "rsc_defaults"), "meta_attributes", "rsc-defaults")
    _pair(defaults, id="shared-stickiness", name="resource-stickiness", value="100")
    _pair(_set(root.find(".//primitive[@id='rsc1']"), "meta_attributes", "rsc1-meta"), id_ref="shared-stickiness",
          name="migration-threshold")
    return root


def node_attributes() -> etree._Element:
    """node2's site through a reference to node1's; a reference to a pair without a value is skipped."""
    root = _base()
    node1, node2 = root.findall("configuration/nodes/node")
    own = _set(node1, "instance_attributes", "n1-attrs")
    _pair(own, id="n1-site", name="site", value="east")
    _pair(own, id="n1-rack", name="rack")
    attributes = _set(node2, "instance_attributes", "n2-attrs")
    _pair(attributes, id_ref="n1-site")
    _pair(attributes, id_ref="n1-site", name="zone")
    _pair(attributes, id_ref="n1-rack")
    return root


def cluster_option() -> etree._Element:
    """stop-all-resources through a reference to a pair kept in a resource's meta attributes."""
    root = _base()
    rsc1 = root.find(".//primitive[@id='rsc1']")
    _pair(_set(rsc1, "instance_attributes", "rsc1-more"), id="a-true", name="unused", value="true")
    _pair(root.find("configuration/crm_config/cluster_property_set"), id_ref="a-true", name="stop-all-resources")
    return root


def clone_and_priority() -> etree._Element:
    """A clone's clone-max and a resource's priority through references."""
    root = _base()
    resources = root.find("configuration/resources")
    clone = etree.SubElement(resources, "clone", id="c")
    meta = _set(clone, "meta_attributes", "c-meta")
    _dummy(root, "cloned", clone)
    rsc2 = root.find(".//primitive[@id='rsc2']")
    _pair(_set(rsc2, "meta_attributes", "rsc2-meta"), id="rsc2-priority", name="priority", value="1")
    _pair(meta, id_ref="rsc2-priority", name="clone-max")
    _pair(_set(root.find(".//primitive[@id='rsc1']"), "meta_attributes", "rsc1-meta"), id_ref="rsc2-priority")
    return root


CIBS = {"target_role": target_role, "node_attributes": node_attributes, "cluster_option": cluster_option,
        "clone_and_priority": clone_and_priority}


@pytest.fixture(params=sorted(CIBS))
def cib_file(request, tmp_path: Path) -> Path:
    path = tmp_path / f"{request.param}.xml"
    etree.ElementTree(CIBS[request.param]()).write(str(path))
    return path


def _normal(text: str) -> list[str]:
    return [line for line in text.splitlines() if "Last updated" not in line and "last_update" not in line]


@pytest.mark.parametrize("flags", ["-1rfA", "-1 --output-as=xml", "-1n", "-1R"])
def test_crm_mon_reads_the_references_as_the_real_one(cib_file: Path, flags: str) -> None:
    root = etree.parse(str(cib_file)).getroot()
    mine = answer(flags.split(), lambda: file_scene(root, int(time.time())))
    theirs = subprocess.run(["crm_mon", *flags.split()], capture_output=True, text=True, timeout=60,
                            env={**os.environ, "CIB_file": str(cib_file)})
    assert mine.rc != 69, mine.stderr
    assert (mine.rc, _normal(mine.stdout)) == (theirs.returncode, _normal(theirs.stdout))


def test_crm_simulate_reads_the_references_as_the_real_one(cib_file: Path) -> None:
    mine = ours(["-x", str(cib_file), "-S"])
    assert mine[0] != REFUSED, mine[2]
    assert mine == real(["-x", str(cib_file), "-S"])


SOURCE = ('<primitive id="src" class="ocf" provider="pacemaker" type="Dummy"><instance_attributes id="src-ia">'
          '<nvpair id="src-fake" name="fake" value="shared"/><nvpair id="src-empty" name="empty"/>'
          '</instance_attributes><meta_attributes id="src-meta">'
          '<nvpair id="src-role" name="target-role" value="Stopped"/></meta_attributes></primitive>')
REFERRING = ('<primitive id="ref" class="ocf" provider="pacemaker" type="Dummy"><instance_attributes id="ref-ia">'
             '<nvpair id-ref="src-fake"/><nvpair id-ref="src-fake" name="other"/><nvpair id-ref="src-empty"/>'
             '</instance_attributes><meta_attributes id="ref-meta"><nvpair id-ref="src-role"/></meta_attributes>'
             '</primitive>')


def test_crm_resource_reads_the_references_as_the_real_one(tmp_path: Path) -> None:
    """crm_resource -g reads a resource's parameters as the scheduler unpacks them (populate_hash)."""
    from halab_kernel.lab import Lab
    from tests.runtime_scenarios import dc_cib

    lab = Lab.simulated(nodes=3, seed=0)
    lab.advance(30)
    for xml in (SOURCE, REFERRING):
        assert lab.run("node1", f"cibadmin -C -o resources -X '{xml}'").ok
    lab.advance(30)
    cib = tmp_path / "cib.xml"
    cib.write_bytes(dc_cib(lab))
    for command in ("crm_resource -r ref -g fake", "crm_resource -r ref -g other", "crm_resource -r ref -g empty",
                    "crm_resource -r ref -m -g target-role", "crm_resource -r src -g empty"):
        ours = lab.run("node1", command)
        real = subprocess.run(command.split(), env={**os.environ, "CIB_file": str(cib)}, capture_output=True,
                              text=True, timeout=60)
        assert (ours.rc, ours.stdout, ours.stderr) == (real.returncode, real.stdout, real.stderr), command


@pytest.mark.parametrize(("address", "runs"), [("10.0.0.5", True), ("10.0.0.5/24", False)])
def test_an_agent_gets_its_parameters_through_references(address: str, runs: bool) -> None:
    """The executor calls the agent with the parameters the scheduler unpacked (populate_hash), so IPaddr2's
    ip behind a reference is given (the simulator said "ip must be configured", rc 6) and checked as written
    inline: a prefix in it fails as findif fails it."""
    from halab_kernel.lab import Lab

    lab = Lab.simulated(nodes=3, seed=0)
    lab.advance(30)
    holder = ('<primitive id="holder" class="ocf" provider="pacemaker" type="Dummy"><instance_attributes id="h-ia">'
              f'<nvpair id="shared-ip" name="ip" value="{address}"/></instance_attributes>'
              '<meta_attributes id="h-meta"><nvpair id="h-role" name="target-role" value="Stopped"/></meta_attributes>'
              '</primitive>')
    vip = ('<primitive id="vip" class="ocf" provider="heartbeat" type="IPaddr2"><instance_attributes id="vip-ia">'
           '<nvpair id-ref="shared-ip"/></instance_attributes></primitive>')
    assert lab.run("node1", "pcs property set stonith-enabled=false").ok
    for xml in (holder, vip):
        assert lab.run("node1", f"cibadmin -C -o resources -X '{xml}'").ok
    lab.advance(30)
    status = lab.run("node1", "crm_mon -1").stdout
    assert (lab.state().resource("vip").nodes != ()) == runs, status
    assert ("[findif] failed" in status) == (not runs) and "must be configured" not in status
