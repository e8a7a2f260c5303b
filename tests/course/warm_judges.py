"""A warm judge of a test's own (halab_graders/warm_judge.py): its private folder, started or not, stopped after."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from collections.abc import Iterator

import pytest

from halab_graders.isolated import run_check
from halab_kernel.fastpath.control import stop_servers


def _listening(folder: str) -> bool:
    return os.path.isdir(folder) and any(name.endswith(".sock") for name in os.listdir(folder))


@contextlib.contextmanager
def private_warm_judge(started: bool = True) -> Iterator[str]:
    """HALAB_SERVER_DIR set to a fresh folder, yielded; with `started`, a first check has started the warm judge
    (and was judged by it) and it listens; afterwards every server there is stopped and the folder removed."""
    folder = tempfile.mkdtemp(prefix="hj")  # short: a socket's path has at most 107 bytes
    os.rmdir(folder)  # the warm judge makes it, private
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("HALAB_SERVER_DIR", folder)
            if started:
                run_check("corosync.detection_time", 8.03)
                deadline = time.monotonic() + 60
                while not _listening(folder):
                    assert time.monotonic() < deadline, "the warm judge did not start within 60 s"
                    time.sleep(0.05)
            yield folder
    finally:
        stop_servers(folder)
        shutil.rmtree(folder, ignore_errors=True)
