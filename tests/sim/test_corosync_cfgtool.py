"""corosync-cfgtool in a simulated lab: every link of the node, its options read as the real tool
reads them, and what is not modelled refused by name (never a second view printed for -n)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from halab_kernel.lab import Lab


def _two_link_conf(transport: str = "knet") -> str:
    nodes = "".join(f"  node {{\n    name: node{i}\n    nodeid: {i}\n    ring0_addr: 10.200.0.1{i}\n"
                    f"    ring1_addr: 10.201.0.1{i}\n  }}\n" for i in (1, 2, 3))
    return (f"totem {{\n  version: 2\n  cluster_name: t\n  transport: {transport}\n}}\nnodelist {{\n{nodes}}}\n"
            "quorum {\n  provider: corosync_votequorum\n}\n")


def test_every_link_is_listed_and_a_cut_shows_on_each() -> None:
    lab = Lab.simulated(corosync=_two_link_conf())
    lab.advance(30)
    text = lab.run("node1", "corosync-cfgtool -s").stdout
    assert [line for line in text.splitlines() if line.startswith("LINK ID")] == ["LINK ID 0 udp", "LINK ID 1 udp"]
    assert "\taddr\t= 10.201.0.11" in text and text.count("connected") == 4
    lab.partition(["node1"], ["node2", "node3"])
    lab.advance(1)
    assert lab.run("node1", "corosync-cfgtool -s").stdout.count("disconnected") == 4


@pytest.mark.parametrize("option", ["-n", "-b", "-R", "-L", "-k 3", "-a 2", "-H", "-i 10.200.0.11"])
def test_options_not_modelled_are_refused_by_name(option: str) -> None:
    lab = Lab.simulated()
    lab.advance(30)
    result = lab.run("node1", f"corosync-cfgtool -s {option}" if option in ("-b", "-i 10.200.0.11")
                     else f"corosync-cfgtool {option}")
    assert result.rc == 1 and not result.stdout
    assert "not simulated" in result.stderr and f"({option.split()[0]})" in result.stderr


def test_link_status_on_udpu_is_refused() -> None:
    lab = Lab.simulated(corosync={"totem": {"transport": "udpu", "crypto_cipher": "none", "crypto_hash": "none"}})
    lab.advance(30)
    result = lab.run("node1", "corosync-cfgtool -s")
    assert result.rc == 1 and "not simulated: link status on the udpu transport" in result.stderr
    assert result.stdout == "Local node ID 1, transport udpu\n"


def test_a_link_named_by_host_name_is_refused() -> None:  # real prints the address the name resolves to
    lab = Lab.simulated(corosync=_two_link_conf().replace("ring0_addr: 10.200.0.1", "ring0_addr: node"))
    lab.advance(30)
    result = lab.run("node1", "corosync-cfgtool -s")
    assert result.rc == 1 and "not simulated: the address of a link named by host name (-s)" in result.stderr
    assert result.stdout == "Local node ID 1, transport knet\n"


@pytest.mark.skipif(shutil.which("corosync-cfgtool") is None, reason="corosync is not installed")
@pytest.mark.parametrize("argv", [["-x"], ["-k"], ["--nope"], []])
def test_a_malformed_line_gets_the_real_answer(argv: list[str]) -> None:
    real = subprocess.run(["corosync-cfgtool", *argv], capture_output=True, text=True, timeout=30)
    lab = Lab.simulated()
    ours = lab.run("node1", " ".join(["corosync-cfgtool", *argv]))
    assert (ours.rc, ours.stderr) == (real.returncode, real.stderr)
    assert ours.stdout.splitlines()[:1] == real.stdout.splitlines()[:1]
