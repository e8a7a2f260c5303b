"""Schema-invalid CIB files against the real crm_mon 2.1.5: `CIB_file=F crm_mon` validates the file first
(cib_file's load_file_cib) and, where it does not conform, prints "Could not connect to the CIB: Update does
not conform to the configured schema" (rc 0; in XML an error result) instead of the status.

Each file is a public scheduler case's CIB with one change a hand-made file carries: an attribute or element
the schema does not know (under resources, constraints, operations, nodes, the configuration), a value
outside an enumeration, a reference to no element, a duplicate id, a required attribute missing, and
changes the schema allows (which must still show the status). The simulator validates against the installed
schema (cib_schema.py); each file's whole output and exit code must be the real one's, or refused by name.

    .venv/bin/python -m tests.test_cib_schema_files    # the verdicts, and what the hand-written checks alone say
"""

from __future__ import annotations

import copy
import os
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from halab_kernel.commands import cib_schema
from halab_kernel.commands.crm_mon import answer, file_scene
from tests.scheduler_verdicts import ORACLE

pytestmark = pytest.mark.skipif(not ORACLE.exists() or shutil.which("crm_mon") is None
                                or not (cib_schema.SCHEMA_DIR / "pacemaker-3.7.rng").is_file(),
                                reason="needs ../shared/pacemaker-2.1.5/scheduler, the real crm_mon and its schemas")

BASE = "use-after-free-merge"  # pacemaker-3.7: a group, a promotable clone, a rule, an order, a colocation


def _base() -> etree._Element:
    root = etree.parse(str(ORACLE / "cases" / f"{BASE}.xml")).getroot()
    operations = etree.SubElement(root.find(".//primitive[@id='d0']"), "operations")
    etree.SubElement(operations, "op", id="d0-monitor-10s", name="monitor", interval="10s", timeout="20s")
    return root


def _set(xpath: str, name: str, value: str) -> Callable[[etree._Element], None]:
    def change(root: etree._Element) -> None:
        root.find(xpath).set(name, value)
    return change


def _unset(xpath: str, name: str) -> Callable[[etree._Element], None]:
    def change(root: etree._Element) -> None:
        del root.find(xpath).attrib[name]
    return change


def _add(xpath: str, tag: str, **attributes: str) -> Callable[[etree._Element], None]:
    def change(root: etree._Element) -> None:
        etree.SubElement(root.find(xpath), tag, {k.replace("_", "-"): v for k, v in attributes.items()})
    return change


P, OP = ".//primitive[@id='d0']", ".//op[@id='d0-monitor-10s']"
LOC, ORD, COL = ".//rsc_location", ".//rsc_order", ".//rsc_colocation"
CHANGES: dict[str, Callable[[etree._Element], None]] = {
    # attributes the schema does not know
    "primitive bogus=": _set(P, "bogus", "1"), "group bogus=": _set(".//group", "bogus", "1"),
    "clone bogus=": _set(".//clone", "bogus", "1"), "op bogus=": _set(OP, "bogus", "1"),
    "op on_fail=": _set(OP, "on_fail", "stop"), "rsc_location bogus=": _set(LOC, "bogus", "1"),
    "rsc_order bogus=": _set(ORD, "bogus", "1"), "rsc_colocation bogus=": _set(COL, "bogus", "1"),
    "rule bogus=": _set(".//rule", "bogus", "1"), "expression bogus=": _set(".//expression", "bogus", "1"),
    "nvpair bogus=": _set(".//nvpair", "bogus", "1"), "node bogus=": _set(".//node", "bogus", "1"),
    "meta_attributes bogus=": _set(".//group/meta_attributes", "bogus", "1"),
    "operations bogus=": _set(".//operations", "bogus", "1"),
    "cluster_property_set bogus=": _set(".//cluster_property_set", "bogus", "1"),
    "crm_config bogus=": _set(".//crm_config", "bogus", "1"),
    # elements the schema does not know, or not there
    "primitive <bogus/>": _add(P, "bogus"), "resources <bogus/>": _add(".//resources", "bogus"),
    "operations <bogus/>": _add(".//operations", "bogus"), "op <bogus/>": _add(OP, "bogus"),
    "constraints <bogus/>": _add(".//constraints", "bogus"), "rsc_order <bogus/>": _add(ORD, "bogus"),
    "nodes <bogus/>": _add(".//nodes", "bogus"), "configuration <bogus/>": _add(".//configuration", "bogus"),
    "group <operations/>": _add(".//group", "operations", id="g0-ops"),
    "clone <primitive/> twice": _add(".//clone", "primitive", id="s1", **{"class": "ocf"}, provider="heartbeat",
                                     type="Dummy"),
    "rsc_defaults <nvpair/>": _add(".//rsc_defaults", "nvpair", id="x", name="a", value="b"),
    # values outside an enumeration
    "op on-fail=bogus": _set(OP, "on-fail", "bogus"), "op role=Bogus": _set(OP, "role", "Bogus"),
    "op enabled=maybe": _set(OP, "enabled", "maybe"), "rsc_order kind=Bogus": _set(ORD, "kind", "Bogus"),
    "rsc_order then-action=bogus": _set(ORD, "then-action", "bogus"),
    "rsc_colocation rsc-role=Bogus": _set(COL, "rsc-role", "Bogus"),
    "rsc_location role=Bogus": _set(LOC, "role", "Bogus"), "rule boolean-op=xor": _set(".//rule", "boolean-op", "xor"),
    "expression operation=bogus": _set(".//expression", "operation", "bogus"),
    "expression type=bogus": _set(".//expression", "type", "bogus"), "node type=bogus": _set(".//node", "type", "bogus"),
    "primitive class=bogus": _set(P, "class", "bogus"), "rsc_order symmetrical=maybe": _set(ORD, "symmetrical", "maybe"),
    "rsc_colocation score=high": _set(COL, "score", "high"), "rule score=high": _set(".//rule", "score", "high"),
    # references to nothing, ids twice, required attributes missing
    "rsc_order first=nothing": _set(ORD, "first", "nothing"), "rsc_colocation with-rsc=nothing":
        _set(COL, "with-rsc", "nothing"),
    "nvpair id-ref=nothing": _add(".//group/meta_attributes", "nvpair", id_ref="nothing"),
    "op id twice": _set(OP, "id", "d0"), "op without interval": _unset(OP, "interval"),
    "op without name": _unset(OP, "name"), "primitive without type": _unset(P, "type"),
    "expression without attribute": _unset(".//expression", "attribute"),
    "nvpair id-ref= and value=": _add(".//group/meta_attributes", "nvpair", id_ref="d0-monitor-10s", value="1"),
    # what the schema allows
    "op description=": _set(OP, "description", "a note"), "primitive description=": _set(P, "description", "x"),
    "op enabled=false": _set(OP, "enabled", "false"), "op role=Promoted": _set(OP, "role", "Promoted"),
    "rsc_order kind=Serialize": _set(ORD, "kind", "Serialize"), "rule boolean-op=or": _set(".//rule", "boolean-op", "or"),
    "nvpair without value": _add(".//group/meta_attributes", "nvpair", id="g0-empty", name="empty"),
    "nvpair id-ref= and name=": _add(".//group/meta_attributes", "nvpair", id_ref="g0-meta_attributes-target-role",
                                     name="is-managed"),
    "validate-with=none and bogus": lambda root: (root.set("validate-with", "none"), root.find(P).set("bogus", "1")),
}


def changed(name: str) -> etree._Element:
    root = copy.deepcopy(_base())
    CHANGES[name](root)
    return root


def _normal(text: str) -> list[str]:
    return [line for line in text.splitlines() if "Last updated" not in line and "last_update" not in line]


def verdict(name: str, flags: str, directory: Path) -> tuple[str, str, str]:
    """("identical" | "refused" | "differing", ours, real's) for the changed CIB under crm_mon `flags`."""
    root = changed(name)
    path = directory / "cib.xml"
    etree.ElementTree(root).write(str(path))
    mine = answer(flags.split(), lambda: file_scene(root, int(time.time())))
    theirs = subprocess.run(["crm_mon", *flags.split()], capture_output=True, text=True, timeout=60,
                            env={**os.environ, "CIB_file": str(path)})
    if mine.rc == 69 and "not simulated" in mine.stderr:
        return "refused", mine.stderr, theirs.stderr
    same = (mine.rc, _normal(mine.stdout), mine.stderr) == (theirs.returncode, _normal(theirs.stdout), theirs.stderr)
    return ("identical" if same else "differing"), mine.stdout + mine.stderr, theirs.stdout + theirs.stderr


@pytest.mark.parametrize("flags", ["-1", "-1 --output-as=xml"])
@pytest.mark.parametrize("name", sorted(CHANGES))
def test_a_changed_cib_file_reads_as_the_real_crm_mon_reads_it(name: str, flags: str, tmp_path: Path) -> None:
    found, ours, theirs = verdict(name, flags, tmp_path)
    assert found == "identical", f"real:\n{theirs}\nhalab:\n{ours}"


@pytest.mark.parametrize("name", sorted(name for name in CHANGES if "validate-with=none" not in name))
def test_the_hand_written_checks_agree_with_the_real_schema(name: str, tmp_path: Path) -> None:
    """What decides where the schema files are not installed (a laptop, Binder): the same verdict."""
    root = changed(name)
    path = tmp_path / "cib.xml"
    etree.ElementTree(root).write(str(path))
    real = subprocess.run(["crm_mon", "-1"], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "CIB_file": str(path)})
    assert (cib_schema._hand_problem(root) is not None) == ("does not conform" in real.stderr)


def test_without_the_schema_files_a_file_the_hand_checks_pass_is_refused(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(cib_schema, "SCHEMA_DIR", tmp_path)  # a machine without pacemaker-common
    cib_schema._schema.cache_clear()
    try:
        root = changed("op description=")
        refused = answer(["-1"], lambda: file_scene(root, int(time.time())))
        assert refused.rc == 69 and "not simulated" in refused.stderr and "pacemaker-common" in refused.stderr
        root = changed("op on-fail=bogus")   # what the hand-written checks catch is still answered
        assert answer(["-1"], lambda: file_scene(root, int(time.time()))).stderr.startswith("Could not connect")
    finally:
        cib_schema._schema.cache_clear()


def main() -> None:
    import tempfile

    counts: dict[str, int] = {}
    hand_missed = 0
    with tempfile.TemporaryDirectory() as directory:
        for name in sorted(CHANGES):
            found, _, theirs = verdict(name, "-1", Path(directory))
            counts[found] = counts.get(found, 0) + 1
            invalid = "does not conform" in theirs
            hand = cib_schema._hand_problem(changed(name)) is not None
            if invalid != hand and changed(name).get("validate-with") != "none":
                hand_missed += 1
                print(f"hand-written checks alone: {'missed' if invalid else 'refused'} {name!r}")
            print(f"{found:10} {'invalid' if invalid else 'valid':8} {name}")
    print(counts, f"hand-written checks alone wrong on {hand_missed} of {len(CHANGES)}")


if __name__ == "__main__":
    main()


@pytest.mark.skipif(shutil.which("pcs") is None, reason="needs the real pcs")
@pytest.mark.parametrize("command", ["resource create Z ocf:pacemaker:Dummy", "constraint", "resource status",
                                     "property"])
def test_pcs_on_a_file_that_does_not_conform_is_refused_and_changes_nothing(command: str, tmp_path: Path) -> None:
    """Real pcs fails reading such a file in its own words ("unable to get cib", "unable to process cib",
    crm_mon's connection error, or nothing at all); the simulator refuses it by name."""
    from halab_kernel.commands.pcs import run_pcs

    root = changed("primitive bogus=")
    path = tmp_path / "cib.xml"
    etree.ElementTree(root).write(str(path))
    real = subprocess.run(["pcs", "-f", str(path), *command.split()], capture_output=True, text=True, timeout=120)
    assert "d0" not in real.stdout and "ms0" not in real.stdout  # real pcs shows none of the configuration
    ours = run_pcs(["-f", str(path), *command.split()], root)
    assert ours.result.rc == 1 and ours.cib is None
    assert "not simulated" in ours.result.stderr and "does not conform" in ours.result.stderr
