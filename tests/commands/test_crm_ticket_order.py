"""crm_ticket lists tickets, and a ticket's state, in GLib's hash-table order (2.1.5 iterates
data_set->tickets and ticket->state, both pcmk__strkey_table), checked against the real tool on the
lab's exported CIB. Found by bench_node_tools_differential.py 91003 12 15 (pcs status --full's tickets)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from halab_kernel.commands.crm_ticket import hash_order
from tests.sim.topology import service_lab

pytestmark = pytest.mark.skipif(shutil.which("crm_ticket") is None, reason="real crm_ticket not installed")

COMMANDS = ["-t A -g --force", "-t T9 -s", "-t B -r --force", "-t site-b -S owner -v 2", "-t x_1 -g --force",
            "-t x_1 -S expires -v 1700000000", "-t Z -S zz -v abc", "-t tk.2 -s", "-t q -g --force",
            "-t q -S a -v 1", "-t A -S x-y -v 3"]


def test_tickets_and_their_state_are_listed_in_the_real_tools_order(tmp_path: Path) -> None:
    lab = service_lab()
    for command in COMMANDS:  # nine tickets: the table grows past its first eight buckets
        assert lab.run("node1", f"crm_ticket {command}").ok, command
    cib = tmp_path / "cib.xml"
    cib.write_text(lab.run("node1", "cibadmin -Q").stdout)
    for query in ("-L", "-l", "-w"):
        real = subprocess.run(["crm_ticket", query], env={**os.environ, "CIB_file": str(cib)},
                              capture_output=True, text=True, timeout=60)
        ours = lab.run("node1", f"crm_ticket {query}")
        assert (ours.rc, ours.stdout) == (real.returncode, real.stdout), query


def test_the_hash_order_is_not_the_sorted_order() -> None:
    assert hash_order(["zz", "a", "m", "q", "b", "c"]) == ["b", "m", "a", "q", "c", "zz"]
    assert hash_order(["B", "A", "T9"]) == ["A", "T9", "B"]


@pytest.mark.parametrize("command", ["-t T -S '' -v x", "-t T -S %s -v 'a b'", "-t T -D '['", "-t T -S 1a -v 1"])
def test_an_attribute_name_the_cib_cannot_hold_is_refused_by_name_and_changes_nothing(command: str) -> None:
    """The real tool writes `<ticket_state id="T" %s="a b"/>` as it is (rc 0); found by
    bench_internal_errors.py 4000 91011 (rc 70 before)."""
    lab = service_lab()
    before = lab.run("node1", "cibadmin -Q -o status").stdout
    result = lab.run("node1", f"crm_ticket {command}")
    assert result.rc == 69 and "not simulated" in result.stderr and "halab rig up" in result.stderr
    assert lab.run("node1", "cibadmin -Q -o status").stdout == before


@pytest.mark.parametrize("query", ["-t A -q", "-q", "-t B -q"])
def test_the_state_xml_is_pacemakers_dump(query: str, tmp_path: Path) -> None:
    """crm_ticket -q prints dump_xml_formatted: a quote in a value is &apos; (lxml writes it bare)."""
    lab = service_lab()
    for command in ("-t A -g --force", "-t A -S owner -v \"it's\"", "-t B -s"):
        assert lab.run("node1", f"crm_ticket {command}").ok
    cib = tmp_path / "cib.xml"
    cib.write_text(lab.run("node1", "cibadmin -Q").stdout)
    real = subprocess.run(["crm_ticket", *query.split()], env={**os.environ, "CIB_file": str(cib)},
                          capture_output=True, text=True, timeout=60)
    ours = lab.run("node1", f"crm_ticket {query}")
    assert (ours.rc, ours.stdout) == (real.returncode, real.stdout)
