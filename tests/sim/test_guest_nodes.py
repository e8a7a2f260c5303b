"""Guest nodes (a resource with the `remote-node` meta attribute, scheduler/guest.py) and orphaned
Pacemaker Remote connections, against the real crm_simulate on variants of 2.1.5's public cases:
each variant matches (compare.py, anonymous instances) or is refused by name, never silently wrong.
A live lab still refuses guest nodes: its runtime does not run them."""

from __future__ import annotations

import contextlib
import io
import shutil
import subprocess
from pathlib import Path
from typing import Callable
from unittest import mock

import pytest
from lxml import etree

from halab_kernel.commands.crm_simulate import main as crm_simulate
from tests import scheduler_verdicts as verdicts
from tests.sim.test_remote_reconnect import _property, mutated_case
from tests.sim.topology import service_lab

HINT = "try it on real nodes: halab rig up"
CASES = verdicts.ORACLE / "cases"


def _meta(tree: etree._ElementTree, rsc: str, name: str, value: str) -> None:
    element = tree.find(f".//configuration/resources//*[@id='{rsc}']")
    assert element is not None
    meta = element.find("meta_attributes")
    if meta is None:
        meta = etree.SubElement(element, "meta_attributes", id=f"{rsc}-meta-test")
    etree.SubElement(meta, "nvpair", id=f"{rsc}-meta-test-{name}", name=name, value=value)


def _fail_monitor(tree: etree._ElementTree, node: str, rsc: str) -> None:
    """The last recurring monitor of `rsc` on `node` reports not running (rc 7)."""
    state = tree.find(f".//status/node_state[@uname='{node}']")
    assert state is not None
    monitors = [op for op in state.iterfind(f".//lrm_resource[@id='{rsc}']/lrm_rsc_op")
                if op.get("operation") == "monitor" and op.get("interval") not in (None, "0")]
    monitors[-1].set("rc-code", "7")
    monitors[-1].set("call-id", "9999")


def _node_state(tree: etree._ElementTree, node: str, **attributes: str) -> None:
    state = tree.find(f".//status/node_state[@uname='{node}']")
    assert state is not None
    for name, value in attributes.items():
        state.set(name, value)


def _standby(tree: etree._ElementTree, node: str) -> None:
    """The node's standby transient attribute set."""
    state = tree.find(f".//status/node_state[@uname='{node}']")
    assert state is not None
    attributes = state.find("transient_attributes/instance_attributes")
    assert attributes is not None
    etree.SubElement(attributes, "nvpair", id=f"status-{node}-standby-test", name="standby", value="on")


def _configured_standby(tree: etree._ElementTree, node: str) -> None:
    """A `<node type="remote">` entry for a guest node, in standby (2.1.5 reads it only with the
    node's status)."""
    nodes = tree.find(".//configuration/nodes")
    assert nodes is not None
    entry = etree.SubElement(nodes, "node", id=node, uname=node, type="remote")
    attributes = etree.SubElement(entry, "instance_attributes", id=f"n-{node}-attributes")
    etree.SubElement(attributes, "nvpair", id=f"n-{node}-standby", name="standby", value="on")


def _remote_node_as_instance_attribute(tree: etree._ElementTree, rsc: str, keep_meta: bool) -> None:
    """Also (or only) give the container's remote-node as an instance attribute."""
    element = tree.find(f".//configuration/resources//*[@id='{rsc}']")
    assert element is not None
    meta = element.find("meta_attributes")
    assert meta is not None
    name = next(nv.get("value") for nv in meta.findall("nvpair") if nv.get("name") == "remote-node")
    attributes = element.find("instance_attributes")
    if attributes is None:
        attributes = etree.SubElement(element, "instance_attributes", id=f"{rsc}-attributes-test")
    etree.SubElement(attributes, "nvpair", id=f"{rsc}-test-remote-node", name="remote-node", value=name)
    if not keep_meta:
        for nvpair in meta.findall("nvpair"):
            if nvpair.get("name") == "remote-node":
                meta.remove(nvpair)


def _ours(path: Path) -> tuple[int, str, str]:
    """halab's -S, judged as compare.py judges it: printed even where crm_simulate refuses the
    Executing Cluster Transition list alone (scheduler/executing_unlisted.py)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), \
            mock.patch("halab_kernel.commands.crm_simulate._unlisted", lambda *_: ""):
        rc = crm_simulate(["-x", str(path), "-S"])
    return rc, out.getvalue(), err.getvalue()


Mutation = Callable[[etree._ElementTree], None]
# (case, label, mutation, expected): "match" must match the real crm_simulate, "refused" must be refused
VARIANTS: list[tuple[str, str, Mutation, str]] = [
    ("whitebox-fail1", "as is", lambda t: None, "match"),
    ("whitebox-fail1", "fencing disabled", lambda t: _property(t, "stonith-enabled", "false"), "match"),
    ("whitebox-fail1", "connection does not migrate",
     lambda t: _meta(t, "container1", "remote-allow-migrate", "false"), "match"),
    ("whitebox-fail1", "the other container stopped", lambda t: _meta(t, "container2", "target-role", "Stopped"),
     "match"),
    ("whitebox-fail1", "failed container stopped for good",
     lambda t: _meta(t, "container1", "target-role", "Stopped"), "refused"),
    ("whitebox-fail1", "failed container unmanaged", lambda t: _meta(t, "container1", "is-managed", "false"),
     "refused"),
    ("whitebox-start", "container stopped", lambda t: _meta(t, "container1", "target-role", "Stopped"), "match"),
    ("whitebox-start", "no quorum", lambda t: t.getroot().set("have-quorum", "0"), "match"),
    ("whitebox-move", "container stopped", lambda t: _meta(t, "container1", "target-role", "Stopped"), "match"),
    ("whitebox-stop", "fencing disabled", lambda t: _property(t, "stonith-enabled", "false"), "match"),
    ("guest-node-host-dies", "fencing disabled", lambda t: _property(t, "stonith-enabled", "false"), "match"),
    ("guest-node-host-dies", "no quorum", lambda t: t.getroot().set("have-quorum", "0"), "refused"),
    ("whitebox-unexpectedly-running", "fencing enabled without a device",
     lambda t: _property(t, "stonith-enabled", "true"), "refused"),
    ("bug-rh-1097457", "a container stopped", lambda t: _meta(t, "VM3", "target-role", "Stopped"), "match"),
    ("whitebox-ms-ordering-move", "fencing disabled", lambda t: _property(t, "stonith-enabled", "false"), "match"),
    # the implicit connection migrates only with remote-allow-migrate, even with a migrating container
    ("whitebox-move", "container migrates", lambda t: _meta(t, "container1", "allow-migrate", "true"), "match"),
    ("whitebox-move", "container and connection migrate",
     lambda t: (_meta(t, "container1", "allow-migrate", "true"),
                _meta(t, "container1", "remote-allow-migrate", "true")), "match"),
    ("whitebox-move", "connection may migrate, container moves",
     lambda t: _meta(t, "container1", "remote-allow-migrate", "true"), "match"),
    ("whitebox-start", "a resource on a guest node fails", lambda t: _fail_monitor(t, "lxc2", "C"), "match"),
    ("whitebox-move", "a guest node's connection fails", lambda t: _fail_monitor(t, "18node1", "lxc1"), "match"),
    ("whitebox-move", "the container's node is lost",
     lambda t: _node_state(t, "18node1", in_ccm="false", crmd="offline", join="down"), "match"),
    ("whitebox-fail3", "a guest node configured in standby", lambda t: _configured_standby(t, "18builder"),
     "match"),
    ("whitebox-start", "a resource leaves a guest node whose container moves", lambda t: _standby(t, "18node2"),
     "refused"),
    ("whitebox-start", "stale history active on a guest node that comes up, fencing disabled",
     lambda t: (_fail_monitor(t, "lxc1", "B"), _property(t, "stonith-enabled", "false")), "refused"),
    ("whitebox-start", "stale history active on a guest node that comes up, fencing enabled",
     lambda t: _fail_monitor(t, "lxc1", "B"), "match"),
    ("whitebox-asymmetric", "a node health strategy", lambda t: _property(t, "node-health-strategy", "custom"),
     "refused"),
    ("whitebox-start", "remote-node also an instance attribute",
     lambda t: _remote_node_as_instance_attribute(t, "container1", True), "match"),
    ("whitebox-start", "remote-node only an instance attribute",
     lambda t: _remote_node_as_instance_attribute(t, "container1", False), "refused"),
    ("guest-node-host-dies", "maintenance-mode", lambda t: _property(t, "maintenance-mode", "true"), "match"),
    ("bug-rh-1097457", "maintenance-mode", lambda t: _property(t, "maintenance-mode", "true"), "match"),
    ("whitebox-nested-group", "container unmanaged", lambda t: _meta(t, "container", "is-managed", "false"),
     "refused"),
]


@pytest.mark.parametrize("case, label, mutate, expected", VARIANTS, ids=[f"{v[0]}: {v[1]}" for v in VARIANTS])
def test_guest_node_variant(tmp_path, case, label, mutate, expected):
    path = tmp_path / "cib.xml"
    path.write_bytes(etree.tostring(mutated_case(case, mutate)))
    rc, out, err = _ours(path)
    if expected == "refused":
        assert rc != 0 and out == "" and "guest node" in err and err.rstrip().endswith(HINT), (rc, err)
        return
    assert rc == 0, err
    if shutil.which("crm_simulate") is None:
        pytest.skip("real crm_simulate not installed (apt-get install pacemaker-cli-utils)")
    real = subprocess.run(["crm_simulate", "-x", str(path), "-S"], capture_output=True, text=True, timeout=60)
    verdict = verdicts.load_compare().compare_texts(real.stdout, out, anon=True)
    assert verdict["match"], verdict


def test_the_connection_is_internal_and_named_after_the_guest_node(tmp_path):
    """The implicit connection is scheduled (Start remote1) but not listed among the resources."""
    rc, out, _ = _ours(CASES / "whitebox-unexpectedly-running.xml")
    assert rc == 0
    summary, revised = out.split("Transition Summary:")[1].split("Revised Cluster Status:")
    assert "Start      remote1" in summary and "Fence (reboot) remote2" in summary
    assert "remote1" not in revised.split("Full List of Resources:")[1]


def test_an_orphaned_guest_connection_is_refused():
    rc, out, err = _ours(CASES / "whitebox-orphaned.xml")
    assert rc != 0 and out == "" and "orphaned Pacemaker Remote connection" in err


def test_a_live_lab_refuses_a_guest_node():
    lab = service_lab(stonith=False)
    before = lab.run("node1", "cibadmin -Q -o configuration").stdout
    for command in ("pcs resource create vm1 ocf:pacemaker:Dummy meta remote-node=guest1 --force",
                    "cibadmin -C -o resources -X '<primitive id=\"vm1\" class=\"ocf\" provider=\"pacemaker\""
                    " type=\"Dummy\"><meta_attributes id=\"vm1-meta\"><nvpair id=\"vm1-rn\" name=\"remote-node\""
                    " value=\"guest1\"/></meta_attributes></primitive>'"):
        result = lab.run("node1", command)
        assert result.rc == 69 and "guest nodes (remote-node meta attribute)" in result.stderr, result.stderr
        assert result.stderr.rstrip().endswith(HINT)
        assert lab.run("node1", "cibadmin -Q -o configuration").stdout == before
    result = lab.run("node1", "pcs cluster node add-guest guest1 vm1")
    assert result.rc != 0 and lab.run("node1", "cibadmin -Q -o configuration").stdout == before
