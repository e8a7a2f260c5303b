"""How long operations take, per agent, as measured on the real 3-node rig.

Figures are from the captured pacemaker.log files (exec-time of each
lrm_rsc_op and the controller's "confirmed" lines): a Dummy starts in ~50 ms,
IPaddr2 in ~130 ms, a fence device reboots a node in ~0.7 s. apache and
Filesystem are slower by nature (a daemon to spawn, a mount); their figures are
typical ones, not measured here, and are labelled as such.
"""

from __future__ import annotations

# agent type (lower case) -> operation -> seconds
_SECONDS: dict[str, dict[str, float]] = {
    "dummy": {"start": 0.06, "stop": 0.05, "monitor": 0.03},
    "stateful": {"start": 0.06, "stop": 0.05, "monitor": 0.03, "promote": 0.05, "demote": 0.05},
    "ipaddr2": {"start": 0.13, "stop": 0.10, "monitor": 0.09},
    "apache": {"start": 1.2, "stop": 0.8, "monitor": 0.15},        # typical, not measured on the rig
    "filesystem": {"start": 0.35, "stop": 0.3, "monitor": 0.05},   # typical, not measured on the rig
    "systemd": {"start": 0.5, "stop": 0.4, "monitor": 0.05},        # typical, not measured on the rig
    "stonith": {"start": 0.02, "stop": 0.02, "monitor": 0.02},
}
FENCE_SECONDS = 0.7        # fence_rig's reboot of an already-dead node, measured
# A power fence agent's action: log in to the board or hypervisor, switch the power, wait power_wait, poll until
# the state reads off. Typical figures, not measured on the rig (whose fence_rig answers in FENCE_SECONDS): what
# a head start in a two-node fence race must outlast (notebook 08).
_FENCE_AGENT_SECONDS: dict[str, float] = {"fence_xvm": 3.0, "fence_virsh": 3.0, "fence_ipmilan": 4.0}
PROBE_SECONDS = 0.03


def fence_seconds(agent: str) -> float:
    """Seconds one fence action of `agent` takes (a device that fails is FAILED_DEVICE_SECONDS, fenced.py)."""
    return _FENCE_AGENT_SECONDS.get(agent.lower(), FENCE_SECONDS)


def operation_seconds(agent_class: str, agent_type: str, operation: str) -> float:
    """Seconds an operation takes; probes (monitor with interval 0) are quick everywhere."""
    if agent_class == "stonith":
        table = _SECONDS["stonith"]
    elif agent_class == "systemd" or agent_class == "service":
        table = _SECONDS["systemd"]
    else:
        table = _SECONDS.get(agent_type.lower(), _SECONDS["dummy"])
    return table.get(operation, table["monitor"])
