"""How corosync 3.1.7 finds the local node (halab_kernel/sim/corosync/localnode.py), on a test machine
that is none of the nodes and on a lab node; the whole files are in tests/sim/corosync_handwritten.py
(`local ...`), each with the verdict real `corosync -t` gave."""

from __future__ import annotations

import shutil
from ipaddress import IPv4Address
from pathlib import Path
from typing import Any

import pytest

from halab_kernel.lab import Lab
from halab_kernel.sim.corosync.config import load
from halab_kernel.sim.corosync.localnode import LOOPBACK4, TEST_MACHINE, find_local_node, key_order, last_looked_at
from halab_kernel.sim.corosync.validation import generated_nodeid, lab_hosts, lab_machine, local_position
from tests.sim.corosync_handwritten import H, LAB
from tests.sim.corosync_variants import disagreement, simulated_verdict, this_machine


def _nodes(*addresses: str, names: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    return [{"ring0_addr": address, "name": names[i] if i < len(names) else f"node{i + 1}", "nodeid": str(i + 1)}
            for i, address in enumerate(addresses)]


def test_exact_text_comes_before_any_other_spelling() -> None:
    assert find_local_node(_nodes("127.1", "127.0.0.1"), TEST_MACHINE) == 1
    assert find_local_node(_nodes("0::1", "::1"), TEST_MACHINE) == 1
    assert find_local_node(_nodes("127.1", "::1"), TEST_MACHINE) == 1  # "::1" as text, before getaddrinfo


def test_other_spellings_are_resolved_in_node_order() -> None:
    assert find_local_node(_nodes("127.0.0.2", "2130706433", "0x7f.1"), TEST_MACHINE) == 1
    assert find_local_node(_nodes("127.0.0.2", "0::1"), TEST_MACHINE) == 1
    assert find_local_node(_nodes("::ffff:127.0.0.1", "127.0.0.2"), TEST_MACHINE) is None  # no IPv4 address


def test_localhost_by_name_or_by_ring0_addr_whichever_node_comes_first() -> None:
    assert find_local_node(_nodes("localhost", "127.0.0.2", names=("a", "localhost")), TEST_MACHINE) == 0
    assert find_local_node(_nodes("127.0.0.1", "127.0.0.2", names=("a", "localhost")), TEST_MACHINE) == 1


def test_key_order_puts_node_10_between_1_and_2() -> None:
    nodes = _nodes(*(f"127.0.0.{i + 2}" for i in range(11)))
    assert key_order(nodes)[:3] == [0, 1, 10]
    assert last_looked_at(nodes) == 9
    assert local_position(nodes) is None  # a file for one machine that no node names


def test_a_lab_node_finds_itself_by_its_name() -> None:
    nodes = _nodes("10.0.0.1", "10.0.0.2", "10.0.0.3")
    assert find_local_node(nodes, lab_machine(nodes, 1)) == 1
    assert local_position(nodes) == 2
    assert find_local_node(nodes, TEST_MACHINE) is None  # real corosync -t elsewhere: No valid name found


def test_a_lab_node_named_like_an_earlier_node_finds_that_one() -> None:
    nodes = _nodes("10.0.0.1", "10.0.0.2", names=("node1", "node1"))
    assert find_local_node(nodes, lab_machine(nodes, 1)) == 0


@pytest.mark.skipif(shutil.which("corosync") is None, reason="real corosync not installed (apt-get install corosync)")
def test_a_node_at_this_machines_own_address_is_the_local_node_when_the_machine_is_described(tmp_path: Path) -> None:
    """Where the tests run, a node at one of the machine's own LAN addresses is its local node for real corosync;
    described (this_machine()), the simulator finds it too."""
    machine = this_machine()
    own = [address for address in machine.addresses if not address.is_loopback and not address.is_link_local]
    if not own:
        pytest.skip("this machine has no address but loopback and link-local ones")
    text = (H["local 127.1 first without nodeid"].replace("ring0_addr: 127.0.0.1", "ring0_addr: 127.0.0.5")
            .replace("ring0_addr: 127.1", f"ring0_addr: {own[0]}"))  # node 1, without a nodeid, is this machine
    assert disagreement(text, tmp_path, machine) is None
    assert simulated_verdict(text, machine) == "Knet requires an explicit nodeid for the local node"
    assert simulated_verdict(text) != simulated_verdict(text, machine)  # on a test machine that is no node


def test_a_lab_refuses_by_name_duplicate_nodeids_that_corosync_t_lets_pass() -> None:
    from halab_kernel.lab import Lab, LabError

    text = H["knet duplicate nodeid on nodes 3 and 7 of eleven"]
    assert simulated_verdict(text) is None  # as real corosync -t (recorded in corosync_handwritten.py)
    with pytest.raises(LabError, match="two nodes with the same nodeid are not simulated; try it on real nodes"):
        Lab.simulated(corosync=text)


def test_a_lab_resolves_node_names_and_generates_node_ids_from_them() -> None:
    nodes = [{"ring0_addr": "node1"}, {"ring0_addr": "10.200.0.12"}, {"ring0_addr": "node3"}, {"ring0_addr": "n_4"}]
    assert lab_hosts(nodes) == {"localhost": (LOOPBACK4,), "node1": (IPv4Address("10.200.0.11"),),
                                "node3": (IPv4Address("10.200.0.13"),)}  # .12 is taken; n_4 is no host name
    assert generated_nodeid("node3", lab_hosts(nodes)) == 0x0AC8000D
    assert generated_nodeid("NODE3", lab_hosts(nodes)) == 0x0AC8000D
    assert generated_nodeid("n_4", lab_hosts(nodes)) is None
    assert generated_nodeid("255.0.0.1", {}, clear_high_bit=True) == 0x7F000001
    assert lab_machine(nodes, 2).hostname == "node3"
    assert IPv4Address("10.200.0.13") in lab_machine(nodes, 2).addresses


def test_a_lab_runs_host_named_udpu_nodes_with_generated_ids() -> None:
    config = load(LAB["udpu host names only"], [])
    assert [(node.name, node.node_id) for node in config.nodes] == [
        ("node1", 180879371), ("node2", 180879372), ("node3", 180879373)]
    assert config.runtime_token_ms == 5600  # measured: runtime.config.totem.token, each node counted twice
    assert load(LAB["udpu host names with names"], []).runtime_token_ms == 3650
    lab = Lab.simulated(corosync=LAB["udpu host names only"])
    lab.advance(5)
    members = lab.run("node1", "corosync-cmapctl runtime.members").stdout  # the address node2 resolves to
    assert "runtime.members.180879372.ip (str) = r(0) ip(10.200.0.12) \n" in members
