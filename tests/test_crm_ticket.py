"""crm_ticket in a live lab: the same answers as the real crm_ticket on the exported CIB, and
resources tied to a ticket run only while it is granted and active."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from tests.sim.topology import service_lab

QUERIES = ("-l", "-L", "-w", "-c", "-t ticketA -G granted", "-t ticketA -G standby", "-t nosuch -L")


def _real(cib_path: str, args: str) -> tuple[int, str, str]:
    done = subprocess.run(["crm_ticket", *args.split()], capture_output=True, text=True, timeout=30,
                          env={**os.environ, "CIB_file": cib_path, "TZ": "UTC", "LC_ALL": "C"})
    return done.returncode, done.stdout, done.stderr


def _vip_running(lab) -> bool:
    return lab.state().resource("vip").nodes != ()


@pytest.fixture(scope="module")
def lab():
    lab = service_lab(stonith=False)
    assert lab.run("node1", "pcs constraint ticket add ticketA vip loss-policy=stop").ok
    lab.advance(20)
    return lab


def test_a_resource_runs_only_while_its_ticket_is_granted_and_active(lab):
    assert not _vip_running(lab)
    refused = lab.run("node1", "crm_ticket -t ticketA --grant")
    assert refused.rc == 4 and "please specify --force" in refused.stdout
    assert refused.stderr == "crm_ticket: Ticket modification not allowed\n"
    assert not _vip_running(lab)
    for command, running in (("--grant --force", True), ("--standby", False), ("--activate", True),
                             ("--revoke --force", False)):
        assert lab.run("node1", f"crm_ticket -t ticketA {command}").ok
        lab.advance(20)
        assert _vip_running(lab) == running, command


@pytest.mark.skipif(shutil.which("crm_ticket") is None, reason="the real crm_ticket is not installed")
@pytest.mark.parametrize("grant", [False, True])
def test_queries_answer_like_the_real_crm_ticket_on_the_exported_cib(lab, tmp_path, grant):
    if grant:
        assert lab.run("node1", "crm_ticket -t ticketA --grant --force").ok
        assert lab.run("node1", "crm_ticket -t ticketA --standby").ok
    path = tmp_path / "cib.xml"
    path.write_text(lab.run("node1", "cibadmin -Q").stdout)
    for args in QUERIES:
        ours = lab.run("node1", f"crm_ticket {args}")
        assert (ours.rc, ours.stdout, ours.stderr) == _real(str(path), args), args
