"""How long ocf:pacemaker:ping takes, against the real 2.1.5 agent, and what that does to a failover.

The agent pings each host of `host_list` in turn with `ping -n -q -W T -c ATTEMPTS`: a host that answers
costs ATTEMPTS - 1 seconds (one echo a second), one whose echoes are lost ATTEMPTS - 1 + T, T being the
`timeout` parameter or, unset (the metadata's default of 2 is never applied), the operation's timeout shared
among hosts and attempts. The real agent runs here in a network namespace whose peer ignores echoes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree

from halab_kernel import Lab
from halab_kernel.sim.agents.connectivity import ping_run

AGENT = Path("/usr/lib/ocf/resource.d/pacemaker/ping")
TARGET = "10.9.9.2"
GATEWAY = "10.200.0.1"


def _primitive(**params: str) -> etree._Element:
    pairs = "".join(f'<nvpair id="p-{name}" name="{name}" value="{value}"/>' for name, value in params.items())
    return etree.fromstring(f'<primitive id="ping" class="ocf" provider="pacemaker" type="ping">'
                            f'<instance_attributes id="p">{pairs}</instance_attributes></primitive>')


@pytest.fixture(scope="module")
def quiet_peer() -> Iterator[str]:
    """A network namespace with a veth to a peer at TARGET that drops every echo request unanswered."""
    if os.geteuid() != 0 or not shutil.which("ip") or not shutil.which("ping") or not AGENT.exists():
        pytest.skip("needs root, iproute2, iputils-ping and Debian's pacemaker (the real ping agent)")
    tag = uuid.uuid4().hex[:6]
    here, peer = f"hping{tag}", f"hpeer{tag}"
    commands = [f"ip netns add {here}", f"ip netns add {peer}",
                f"ip link add va{tag} type veth peer name vb{tag}",
                f"ip link set va{tag} netns {here}", f"ip link set vb{tag} netns {peer}",
                f"ip -n {here} addr add 10.9.9.1/24 dev va{tag}", f"ip -n {peer} addr add {TARGET}/24 dev vb{tag}",
                f"ip -n {here} link set va{tag} up", f"ip -n {peer} link set vb{tag} up",
                f"ip -n {here} link set lo up",
                f"ip netns exec {peer} sysctl -qw net.ipv4.icmp_echo_ignore_all=1"]
    try:
        for command in commands:
            subprocess.run(command.split(), check=True, timeout=10, capture_output=True)
        yield here
    finally:
        for name in (here, peer):
            subprocess.run(["ip", "netns", "del", name], timeout=10, capture_output=True)


def _real_start_seconds(namespace: str, tmp_path: Path, host: str, **params: str) -> float:
    """Seconds the real agent's start takes (its attrd_updater fails at once: no cluster runs here)."""
    env = {"PATH": os.environ.get("PATH", "/usr/sbin:/usr/bin:/sbin:/bin"), "OCF_ROOT": "/usr/lib/ocf",
           "OCF_RESOURCE_INSTANCE": "ping", "OCF_RESKEY_pidfile": str(tmp_path / f"ping-{uuid.uuid4().hex}"),
           "OCF_RESKEY_host_list": host, "OCF_RESKEY_use_fping": "0"}
    env.update({f"OCF_RESKEY_{name}": value for name, value in params.items()})
    began = time.monotonic()
    subprocess.run(["ip", "netns", "exec", namespace, str(AGENT), "start"], env=env, timeout=60,
                   capture_output=True)
    return time.monotonic() - began


@pytest.mark.parametrize("params, operation_ms", [
    ({"attempts": "2", "timeout": "1"}, 20000),            # lost: 1 + 1 s
    ({"attempts": "2", "CRM_meta_timeout": "6600"}, 6600),  # lost: 1 + 6600/1/2/1100 = 3 s
    ({"attempts": "3", "timeout": "1500ms"}, 20000),        # lost: 2 + 1 s (ms: whole seconds, rounded down)
    ({"attempts": "2", "timeout": "abc", "CRM_meta_timeout": "6600"}, 6600),  # no digit: as unset, 1 + 3 s
])
def test_a_lost_target_costs_the_real_agents_wait(quiet_peer: str, tmp_path: Path, params: dict[str, str],
                                                  operation_ms: int) -> None:
    real = _real_start_seconds(quiet_peer, tmp_path, TARGET, **params)
    modelled = ping_run(_primitive(host_list=TARGET, **{k: v for k, v in params.items() if k != "CRM_meta_timeout"}),
                        operation_ms, lambda host: False).seconds
    assert abs(real - modelled) < 0.5, (real, modelled)


def test_an_answering_target_costs_one_second_an_echo(quiet_peer: str, tmp_path: Path) -> None:
    real = _real_start_seconds(quiet_peer, tmp_path, "10.9.9.1", attempts="3")  # its own address answers
    modelled = ping_run(_primitive(host_list="10.9.9.1", attempts="3"), 20000, lambda host: True).seconds
    assert abs(real - modelled) < 0.5, (real, modelled)


def test_the_wait_is_the_operation_timeout_shared_among_hosts_and_attempts() -> None:
    lost = ping_run(_primitive(host_list="a b"), 60000, lambda host: host == "a")
    assert lost.seconds == 2 + (2 + 60000 // 2 // 3 // 1100)  # a answers (2 s); b is lost (2 s + 9 s)
    assert lost.answered == frozenset({"a"})
    assert ping_run(_primitive(host_list="a", timeout="0"), 20000, lambda host: False).seconds == 2 + 5


def _cut_just_after_a_monitor_began(lab: Lab, node: str, interval_ms: int) -> float:
    execd = lab.backend.sim.pacemaker.execd  # type: ignore[attr-defined]
    for _ in range(200):
        due = execd.next_monitor(node, "ping", interval_ms)
        if due is not None:
            lab.advance(due - lab.now + 0.05)
            break
        lab.advance(0.5)
    lab.backend.sim.network.block(node, GATEWAY)  # type: ignore[attr-defined]
    return lab.now


def test_a_cut_uplink_is_seen_a_monitor_a_lost_ping_and_the_dampening_later() -> None:
    """The monitor that had just begun still reached the gateway (2 s); the next begins 10 s after it ended and
    loses its echoes: 2 s + 6 s (pcs writes no monitor timeout: 20 s / 3 attempts / 1.1), then 5 s of dampening."""
    lab = Lab.simulated(3, seed=2)
    for command in ("pcs property set stonith-enabled=false",
                    f"pcs resource create ping ocf:pacemaker:ping host_list={GATEWAY} multiplier=1000 dampen=5s "
                    "op monitor interval=10s clone"):
        assert lab.run("node1", command).rc == 0
    lab.advance(60)
    cut = _cut_just_after_a_monitor_began(lab, "node2", 10000)

    def pingd() -> str:
        return lab.run("node2", "crm_attribute -N node2 -n pingd -l reboot -G -q").stdout.strip()

    lab.advance(cut + 24.5 - lab.now)
    assert pingd() == "1000"
    lab.advance(1.0)
    assert pingd() == "0"
