"""quorum.device sections: the simulator's verdict is `corosync -t`'s on the same file.

`corosync -t` only checks that the device's integers parse; votequorum's refusals
(a device with two_node, last_man_standing, auto_tie_breaker or allow_downscale) come
when the service starts, and what corosync-qdevice refuses (ffsplit without votes: 1)
is a runtime exit, tested in test_qdevice.py and the matrix (S9a).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.sim.test_corosync_config import BASE, _verdict


def _with_device(device: str, extra: str = "") -> str:
    return BASE.replace("corosync_votequorum", f"corosync_votequorum\n{extra}    device {{\n{device}    }}")


NET = "        net {\n            host: 10.9.0.9\n            algorithm: ffsplit\n        }\n"
CORPUS = {
    "ffsplit with votes": _with_device("        model: net\n        votes: 1\n" + NET),
    "no votes (qdevice exits later, corosync accepts)": _with_device("        model: net\n" + NET),
    "votes not a number": _with_device("        model: net\n        votes: one\n" + NET),
    "timeout not a number": _with_device("        model: net\n        votes: 1\n        timeout: soon\n" + NET),
    "negative sync_timeout": _with_device("        model: net\n        votes: 1\n        sync_timeout: -1\n" + NET),
    "unknown model (corosync accepts)": _with_device("        model: disk\n        votes: 1\n"),
}


def test_a_bad_device_integer_reads_like_corosync() -> None:
    assert _verdict(CORPUS["timeout not a number"]) == (
        'parser error: /etc/corosync/corosync.conf:28: Value of key "quorum.device.timeout" is expected to be '
        'integer in range (0..4294967295), but "soon" was given')


@pytest.mark.skipif(shutil.which("corosync") is None, reason="real corosync not installed (apt-get install corosync)")
@pytest.mark.parametrize("name", sorted(CORPUS))
def test_same_verdict_as_real_corosync(name: str, tmp_path: Path) -> None:
    conf = tmp_path / "corosync.conf"
    conf.write_text(CORPUS[name])
    real = subprocess.run(["corosync", "-t", "-c", str(conf)], capture_output=True, text=True, timeout=20)
    ours = _verdict(CORPUS[name])
    assert (real.returncode == 0) == (ours is None), f"real said rc={real.returncode}: {real.stderr or real.stdout}"
    if ours is not None:
        assert ours in (real.stderr + real.stdout).replace(str(conf), "/etc/corosync/corosync.conf")
