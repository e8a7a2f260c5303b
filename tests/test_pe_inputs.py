"""Saved scheduler inputs on simulated nodes (/var/lib/pacemaker/pengine/pe-input-N.bz2), as a real DC
keeps them: the log names each one, `ls` lists them, `crm_simulate -x FILE -S` replays the transition the
DC computed then, and real crm_simulate on the exported file agrees."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from halab_kernel.lab import Lab, SimBackend
from halab_kernel.model import TransitionComputed
from halab_kernel.sim.pacemaker.pe_inputs import PENGINE_DIR

SAVED = re.compile(r"Calculated transition (\d+), saving inputs in (\S+)$")


def campaign(seed: int = 1) -> Lab:
    """A few decisions worth replaying: resources placed, a constraint, a node crash and its fencing."""
    lab = Lab.simulated(3, seed=seed)
    lab.advance(30)
    for command in ("pcs stonith create fence-all fence_xvm pcmk_host_list='node1 node2 node3'",
                    "pcs resource create vip ocf:heartbeat:IPaddr2 ip=10.0.0.100 cidr_netmask=24",
                    "pcs resource create web ocf:pacemaker:Dummy",
                    "pcs constraint colocation add web with vip INFINITY"):
        assert lab.run("node1", command).rc == 0, command
    lab.advance(10)
    lab.crash("node1")  # the DC: node2 takes over, fences node1 and recovers vip and web
    lab.advance(60)
    return lab


def summary_lines(text: str) -> list[str]:
    """crm_simulate's "Transition Summary:" items, whitespace-normalised."""
    items = []
    for line in text.split("Transition Summary:\n", 1)[1].splitlines():
        if not line.strip():
            break
        items.append(" ".join(line.strip().removeprefix("* ").split()))
    return items


def logged(lab: Lab) -> list[tuple[str, int, str, list[str]]]:
    """(node, transition, saved path, the logged actions) for every saved transition."""
    found = []
    for event in lab.events:
        if isinstance(event, TransitionComputed) and event.pe_input is not None:
            found.append((event.node or "", event.transition, f"{PENGINE_DIR}/pe-input-{event.pe_input}.bz2",
                          [" ".join(action.split()) for action in event.actions]))
    return found


def test_the_log_names_each_saved_input_and_ls_lists_them() -> None:
    lab = campaign()
    saved = logged(lab)
    assert {node for node, *_ in saved} == {"node1", "node2"}
    lines = {line for line in lab.logs().message if line.startswith("Calculated transition")}
    for node, transition, path, _ in saved:
        assert f"Calculated transition {transition}, saving inputs in {path}" in lines
    for node in ("node2", "node3"):
        listing = lab.run(node, f"ls {PENGINE_DIR}").stdout.split()
        mine = sorted((p.rpartition("/")[2] for n, _, p, _ in saved if n == node), key=str.encode)
        assert listing == mine + (["pe-input.last"] if mine else [])
    newest = lab.run("node2", f"ls -t {PENGINE_DIR}").stdout.split()
    assert newest[0] == "pe-input.last" and newest[1] == [p for n, _, p, _ in saved if n == "node2"][-1].rpartition("/")[2]


def test_replaying_a_saved_input_gives_the_transition_the_dc_logged() -> None:
    lab = campaign()
    replayed = 0
    for node, transition, path, actions in logged(lab):
        if node == "node1":
            continue  # crashed and fenced: its disk keeps the files, but it is still booting
        result = lab.run(node, f"crm_simulate -x {path} -S")
        assert result.rc == 0, result.stderr
        assert summary_lines(result.stdout) == actions, (transition, path)
        replayed += bool(actions)
    assert replayed >= 1  # the recovery after the crash, at least, decided something


def test_the_dc_disk_keeps_its_inputs_across_a_crash() -> None:
    lab = campaign()
    lab.advance(60)  # node1 rebooted after its fencing
    before = [p for n, _, p, _ in logged(lab) if n == "node1"]
    assert before and lab.run("node1", f"ls {PENGINE_DIR}").stdout.split()[:-1] == \
        sorted((p.rpartition("/")[2] for p in before), key=str.encode)
    assert lab.run("node1", f"crm_simulate -x {before[-1]} -S").rc == 0


def test_the_series_is_bounded_by_pe_input_series_max() -> None:
    lab = Lab.simulated(3, seed=2)
    lab.advance(30)
    lab.run("node1", "pcs property set stonith-enabled=false pe-input-series-max=3")
    lab.advance(5)
    for number in range(5):
        lab.run("node1", f"pcs resource create d{number} ocf:pacemaker:Dummy")
        lab.advance(5)
    dc = lab.state().dc
    assert dc is not None
    names = lab.run(dc, f"ls {PENGINE_DIR}").stdout.split()
    assert names == ["pe-input-0.bz2", "pe-input-1.bz2", "pe-input-2.bz2", "pe-input.last"]
    numbers = [e.pe_input or 0 for e in lab.events if isinstance(e, TransitionComputed) and e.node == dc]
    assert numbers[-4:] == [(numbers[-4] + i) % 3 for i in range(4)]  # wrapped, oldest overwritten
    lab.run("node1", "pcs property set pe-input-series-max=0")
    lab.advance(5)
    last = [e for e in lab.events if isinstance(e, TransitionComputed)][-1]
    assert last.pe_input is None
    assert [m for m in lab.logs(dc).message if m.startswith("Calculated")][-1] == f"Calculated transition {last.transition}"


def test_ls_refuses_what_the_simulator_does_not_keep() -> None:
    lab = Lab.simulated(3)
    lab.advance(30)
    assert lab.run("node1", f"ls {PENGINE_DIR}").rc == 0
    refused = lab.run("node1", "ls /etc/corosync")
    assert refused.rc == 2 and "not simulated" in refused.stderr and "halab rig up" in refused.stderr
    assert lab.run("node1", "ls -l /var/log").rc == 2
    missing = lab.run("node1", f"crm_simulate -x {PENGINE_DIR}/pe-input-999.bz2 -S")
    assert missing.rc != 0 and "No such file" in missing.stderr


@pytest.mark.skipif(shutil.which("crm_simulate") is None, reason="needs real crm_simulate (pacemaker-cli-utils)")
def test_real_crm_simulate_agrees_on_the_exported_files(tmp_path: Path) -> None:
    lab = campaign()
    assert isinstance(lab.backend, SimBackend)
    store = lab.backend.sim.pacemaker.pe_inputs
    compared = 0
    for node, transition, path, actions in logged(lab):
        saved = store.find(node, path)
        assert saved is not None
        exported = tmp_path / f"{node}-{saved.name}"
        exported.write_bytes(saved.file_bytes())
        real = subprocess.run(["crm_simulate", "-x", str(exported), "-S"], capture_output=True, text=True,
                              timeout=120)
        assert real.returncode == 0, real.stderr
        assert summary_lines(real.stdout) == actions, (node, transition)
        compared += 1
    assert compared >= 4
