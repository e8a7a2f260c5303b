"""The "HA Lab (Python 3)" kernelspec: shipped with the wheel, installable by command."""

from __future__ import annotations

import json
import sys
import tomllib
from pathlib import Path

from jupyter_client.kernelspec import KernelSpecManager

from halab_kernel import cli, kernelspec

REPO = Path(__file__).resolve().parents[2]


def test_the_shipped_spec_preloads_the_extension_and_lets_jupyter_pick_python():
    spec = json.loads((kernelspec.SPEC_SOURCE / "kernel.json").read_text())
    assert spec["display_name"] == "HA Lab (Python 3)"
    assert spec["argv"][0] == "python"  # jupyter_client replaces it with its own interpreter
    assert "--IPKernelApp.extensions=halab_kernel" in spec["argv"]
    assert {"logo-32x32.png", "logo-64x64.png", "logo-svg.svg"} <= {p.name for p in kernelspec.SPEC_SOURCE.iterdir()}


def test_the_wheel_ships_it_to_share_jupyter_kernels():
    config = tomllib.loads((REPO / "pyproject.toml").read_text())
    shared = config["tool"]["hatch"]["build"]["targets"]["wheel"]["shared-data"]
    assert shared == {"halab_kernel/kernelspec/halab": "share/jupyter/kernels/halab"}
    assert (REPO / "halab_kernel/kernelspec/halab/kernel.json").exists()


def test_install_kernel_names_this_interpreter(halab_jupyter_path):
    spec = KernelSpecManager(kernel_dirs=[str(halab_jupyter_path / "kernels")]).get_kernel_spec("halab")
    assert spec.argv[0] == sys.executable
    assert spec.display_name == "HA Lab (Python 3)"


def test_install_kernel_refuses_two_places(capsys):
    try:
        cli.main(["install-kernel", "--user", "--sys-prefix"])
    except SystemExit as stop:
        assert stop.code == 2
    assert "not allowed with argument" in capsys.readouterr().err
