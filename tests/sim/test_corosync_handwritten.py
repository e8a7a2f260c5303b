"""Hand-written corosync.conf files (tests/sim/corosync_handwritten.py): the simulator's verdict and
message are the ones real corosync 3.1.7 gave (recorded, so checked without corosync installed),
and a quarter of them run through the real `corosync -t -c FILE` where it is installed. Lab files
(`LAB`: no loopback address) are judged as on a lab node, and run through real corosync on that lab
machine, made in namespaces, where that can be done (root, unshare)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from halab_kernel.sim.corosync.config import CorosyncConfigError, build_config, parse_text
from tests.sim.corosync_handwritten import EXPECTED, H, LAB, LAB_EXPECTED
from tests.sim.corosync_variants import (CONF_PATH, compared, disagreement, lab_machine_of, namespaces_work,
                                         real_verdict, real_verdict_on)


def _verdict_without_authkey(text: str) -> str | None:
    try:
        tree, lines = parse_text(text, path=CONF_PATH)
        build_config(tree, lines, keys={})
    except CorosyncConfigError as error:
        return str(error)
    return None


def test_every_file_has_its_recorded_verdict() -> None:
    assert set(H) == set(EXPECTED)
    assert 100 <= sum(verdict is None for verdict in EXPECTED.values()) <= len(EXPECTED) - 100


@pytest.mark.parametrize("name", sorted(H))
def test_recorded_verdict(name: str) -> None:
    assert _verdict_without_authkey(H[name]) == EXPECTED[name]


# without a local node corosync waits 5 s on a name lookup: those are checked by their recorded verdict
QUICK = [name for name in sorted(H) if "local host" not in (EXPECTED[name] or "") and "mapped local" not in name]


@pytest.mark.skipif(shutil.which("corosync") is None, reason="real corosync not installed (apt-get install corosync)")
@pytest.mark.parametrize("name", QUICK[::4])
def test_same_verdict_as_real_corosync(name: str, tmp_path: Path) -> None:
    assert disagreement(H[name], tmp_path) is None


def test_every_lab_file_has_its_recorded_verdict() -> None:
    assert set(LAB) == set(LAB_EXPECTED)
    assert sum(lab_machine_of(text) is not None for text in LAB.values()) >= len(LAB) - 1


@pytest.mark.parametrize("name", sorted(LAB))
def test_recorded_lab_verdict(name: str) -> None:
    assert _verdict_without_authkey(LAB[name]) == LAB_EXPECTED[name]


@pytest.mark.skipif(not namespaces_work(), reason="needs root, unshare(1) and corosync to make a lab machine")
@pytest.mark.parametrize("name", sorted(LAB))
def test_same_verdict_as_real_corosync_on_the_lab_machine(name: str, tmp_path: Path) -> None:
    machine = lab_machine_of(LAB[name])
    rc, message = real_verdict(LAB[name], tmp_path) if machine is None else real_verdict_on(LAB[name], machine, tmp_path)
    assert compared(rc, message, _verdict_without_authkey(LAB[name])) is None
