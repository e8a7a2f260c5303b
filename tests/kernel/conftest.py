"""A Jupyter data folder holding only the HA Lab kernelspec, installed the way users install it."""

from __future__ import annotations

import pytest

from halab_kernel import cli


@pytest.fixture(scope="session")
def halab_jupyter_path(tmp_path_factory):
    """JUPYTER_PATH entry where `halab install-kernel --prefix` put the kernel (this interpreter)."""
    prefix = tmp_path_factory.mktemp("prefix")
    assert cli.main(["install-kernel", "--prefix", str(prefix)]) == 0
    return prefix / "share" / "jupyter"
