"""cibadmin commands a student (or a held-back case) can type, and their differential against the
real Pacemaker 2.1.5 cibadmin run offline (CIB_file=...) on the simulator's own CIB.

Used by tests/test_cibadmin_differential.py and benchmarks/bench_cibadmin_differential.py.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path

from lxml import etree

from tests.runtime_scenarios import dc_cib, simulator_of
from tests.sim.topology import service_lab

DUMMY = '<primitive id="{id}" class="ocf" provider="pacemaker" type="Dummy"/>'
XML = {
    "new primitive": DUMMY.format(id="d9"),
    "existing primitive": DUMMY.format(id="dummy1"),
    "primitive without type": '<primitive id="d9" class="ocf" provider="pacemaker"/>',
    "primitive bad class": '<primitive id="d9" class="bogus" type="Dummy"/>',
    "primitive no id": '<primitive class="ocf" provider="pacemaker" type="Dummy"/>',
    "primitive bad id": '<primitive id="9 x" class="ocf" provider="pacemaker" type="Dummy"/>',
    "unknown element": '<bogus id="b1"/>',
    "location": '<rsc_location id="loc9" rsc="dummy1" node="node2" score="50"/>',
    "location bad score": '<rsc_location id="loc9" rsc="dummy1" node="node2" score="lots"/>',
    "location missing rsc": '<rsc_location id="loc9" rsc="nope" node="node2" score="50"/>',
    "location no node": '<rsc_location id="loc9" rsc="dummy1" score="50"/>',
    "order": '<rsc_order id="o9" first="dummy1" then="vip"/>',
    "colocation": '<rsc_colocation id="c9" rsc="dummy1" with-rsc="vip" score="INFINITY"/>',
    "nvpair": '<cluster_property_set id="cib-bootstrap-options"><nvpair id="cib-bootstrap-options-x" name="x" '
              'value="1"/></cluster_property_set>',
    "property set new": '<cluster_property_set id="ps9"><nvpair id="ps9-a" name="a" value="1"/></cluster_property_set>',
    "node": '<node id="9" uname="node9"/>',
    "node no uname": '<node id="9"/>',
    "resources section": "<resources/>",
    "constraints section": "<constraints/>",
    "crm_config section": "<crm_config/>",
    "cib only": "<cib/>",
    "cib empty configuration": "<cib><configuration/></cib>",
    "cib with epoch": '<cib epoch="1"><configuration/></cib>',
    "not xml": "<primitive",
    "text": "hello",
    "empty": "",
    "namespaced": '<x:primitive xmlns:x="urn:x" id="dummy1"/>',
    "modify meta": '<primitive id="dummy1"><meta_attributes id="dummy1-meta_attributes"><nvpair '
                   'id="dummy1-meta_attributes-target-role" name="target-role" value="Stopped"/></meta_attributes>'
                   '</primitive>',
    "modify attribute": '<primitive id="dummy1" description="hello"/>',
    "modify bad attribute": '<primitive id="dummy1" class="bogus"/>',
    "modify missing": '<primitive id="nope" description="x"/>',
    "delete by id only": '<primitive id="dummy1"/>',
    "delete group": '<group id="web"/>',
    "delete member": '<primitive id="vip"/>',
    "delete constraint": '<rsc_location id="nope"/>',
    "tag mismatch": '<group id="dummy1"/>',
    "quote in id": "<primitive id=\"a'b\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\"/>",
}
SCOPES = ["", "-o resources", "-o constraints", "-o crm_config", "-o nodes", "-o configuration", "-o status",
          "-o bogus", "--scope=resources"]


def _commands() -> list[str]:
    commands = ["cibadmin -Q -o resources", "cibadmin -Q -o bogus", "cibadmin -Q -o nodes", "cibadmin -Q -o tags",
                "cibadmin -Q -o alerts", "cibadmin -Q --xpath //primitive", "cibadmin", "cibadmin -Z",
                "cibadmin -Q extra", "cibadmin -R", "cibadmin -C -o resources", "cibadmin -M -o resources",
                "cibadmin -D", "cibadmin -Q -o", "cibadmin -C -o resources -x /nonexistent.xml",
                "cibadmin --create --scope resources --xml-text '" + DUMMY.format(id="d9") + "'"]
    for operation in ("-C", "-R", "-M", "-D"):
        for name, xml in XML.items():
            for scope in SCOPES if name in ("new primitive", "location", "resources section", "cib only") else \
                    ["", "-o resources" if "location" not in name and "order" not in name else "-o constraints"]:
                commands.append(f"cibadmin {operation} {scope} -X {shlex.quote(xml)}".replace("  ", " "))
    return list(dict.fromkeys(commands))


COMMANDS = _commands()


def configuration(root: etree._Element) -> str:
    """The configuration section, canonical and without layout whitespace."""
    parser = etree.XMLParser(remove_blank_text=True)
    section = etree.fromstring(etree.tostring(root.find("configuration")), parser)
    for element in section.iter():
        element.tail = None
        if element.text is not None and not element.text.strip():
            element.text = None
    return etree.tostring(section, method="c14n").decode()


def disagreement(command: str, directory: Path) -> str | None:
    """None when the simulator and the real cibadmin agree on this command."""
    lab = service_lab()
    cib = directory / "cib.xml"
    cib.write_bytes(dc_cib(lab))
    real = subprocess.run(shlex.split(command), env={**os.environ, "CIB_file": str(cib)}, capture_output=True,
                          text=True, timeout=30)
    ours = lab.run("node1", command)
    problems = []
    if ours.rc != real.returncode:
        problems.append(f"rc: ours {ours.rc}, real {real.returncode}")
    if ours.stderr.strip().splitlines()[-1:] != real.stderr.strip().splitlines()[-1:]:
        problems.append(f"stderr: ours {ours.stderr.strip()[-200:]!r}\n        real {real.stderr.strip()[-200:]!r}")
    if "-Q" not in command and ours.stdout.strip() != real.stdout.strip():
        problems.append(f"stdout: ours {ours.stdout.strip()[:200]!r}\n        real {real.stdout.strip()[:200]!r}")
    if configuration(simulator_of(lab).pacemaker.cib.root) != configuration(etree.parse(str(cib)).getroot()):
        problems.append("configuration differs")
    return "\n".join(problems) or None
