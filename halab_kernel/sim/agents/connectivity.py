"""ocf:pacemaker:ping and ocf:pacemaker:attribute: agents whose work is a node attribute.

ping (pacemaker 2.1.5's agent) pings every host of `host_list` on start and on
each monitor and hands attrd `name` (default `pingd`) = `multiplier` x the
number of hosts that answered, written `dampen` seconds after attrd last saw it
change (attrd_updater -d); a score below `failure_score` fails the start or
monitor (rc 1) after it was handed to attrd; stop deletes the attribute, as
dampened. A location rule such as
`pingd lt 1 or not_defined pingd` then moves resources away from a node that
lost its uplink. attribute sets `name` to `active_value` on start and to
`inactive_value` on stop. Reachability comes from the simulated network
(a host that is not a cluster node answers unless its link is cut).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, TypeGuard

from lxml import etree

from halab_kernel import values

from halab_kernel.sim.agents.metadata import AgentAction, AgentMetadata, AgentParameter
from halab_kernel.sim.pacemaker.cib.references import instance_parameters

Update = tuple[str, "str | None", float]  # attribute name, value (None: delete), delay in seconds

PING = AgentMetadata(
    "ocf:pacemaker:ping", "node connectivity",
    parameters=(
        AgentParameter("pidfile", "PID file", default="/var/run/ping-ping"),
        AgentParameter("dampen", "Dampening interval", default="5s", content_type="integer"),
        AgentParameter("name", "Attribute name", default="pingd"),
        AgentParameter("multiplier", "Value multiplier", default="1", content_type="integer"),
        AgentParameter("host_list", "Host list", required=True, default=""),
        AgentParameter("attempts", "no. of ping attempts", default="3", content_type="integer"),
        AgentParameter("timeout", "ping timeout in seconds", default="2", content_type="integer"),
        AgentParameter("options", "Extra Options", default=""),
        AgentParameter("failure_score", "failure_score", default="", content_type="integer"),
        AgentParameter("use_fping", "Use fping if available", default="1", content_type="boolean"),
        AgentParameter("debug", "Verbose logging", default="false"),
    ),
    actions=(
        AgentAction("start", timeout="60s"), AgentAction("stop", timeout="20s"),
        AgentAction("monitor", timeout="60s", interval="10s", depth="0"), AgentAction("meta-data", timeout="5s"),
        AgentAction("validate-all", timeout="30s"), AgentAction("reload-agent", timeout="20s"),
    ),
)

ATTRIBUTE = AgentMetadata(
    "ocf:pacemaker:attribute", "Manages a node attribute",
    parameters=(
        AgentParameter("state", "State file", default="/var/run/opa-attribute.state"),
        AgentParameter("name", "Attribute name", default="opa-attribute"),
        AgentParameter("active_value", "Attribute value when active", default="1"),
        AgentParameter("inactive_value", "Attribute value when inactive", default="0"),
    ),
    actions=(
        AgentAction("start", timeout="20s"), AgentAction("stop", timeout="20s"),
        AgentAction("monitor", timeout="20s", interval="10s", depth="0"), AgentAction("reload", timeout="20s"),
        AgentAction("migrate_to", timeout="20s"), AgentAction("migrate_from", timeout="20s"),
        AgentAction("validate-all", timeout="20s"), AgentAction("meta-data", timeout="5s"),
    ),
)

CONNECTIVITY_AGENTS = {agent.name: agent for agent in (PING, ATTRIBUTE)}


# What a live lab refuses of ping (scheduler/unmodelled.py): extra `options` for ping (-I IFACE, -i SECONDS, -s
# SIZE... change the interface, the timing or the outcome); `debug` logging (true/verbose: the agent logs each lost
# host with ping's output, which the journal here would lack); a `multiplier` expr cannot multiply by (the agent
# then hands attrd an empty score) and a `dampen` attrd cannot read (it then writes at once), neither measured.
# `use_fping` (default 1) is modelled: the agent uses fping only where it is installed, and Debian's pacemaker
# does not pull it in (the rig's nodes lack it).
_PING = "//configuration/resources//primitive[@class='ocf' and @provider='pacemaker' and @type='ping']"


def sets_unsimulated_ping_parameters(root: etree._Element) -> bool:
    """A ping resource with parameters a live lab does not simulate (above)."""
    for primitive in root.xpath(_PING):
        params = _params(primitive)
        dampen = values.msec(params.get("dampen", "").strip() or "5s")
        if params.get("options", "").strip() or params.get("debug", "") not in ("", "false", "False", "FALSE", "0") \
                or not re.fullmatch(r"-?[0-9]+", params.get("multiplier", "").strip() or "1") \
                or dampen is None or dampen < 0:
            return True
    return False


def _params(primitive: etree._Element) -> dict[str, str]:
    return instance_parameters(primitive)


def _integer(text: str, default: int) -> int:
    try:
        return int(text)
    except ValueError:
        return default


def is_ping(primitive: etree._Element | None) -> TypeGuard[etree._Element]:
    return primitive is not None and primitive.get("class") == "ocf" and primitive.get("provider") == "pacemaker" \
        and primitive.get("type") == "ping"


def _ping_timeout(params: dict[str, str], hosts: int, attempts: int, operation_ms: int) -> int:
    """The seconds `ping -W` waits, as the 2.1.5 agent computes them: its `timeout` parameter (the metadata's
    default of 2 is never used), else the operation's timeout shared among hosts and attempts, 10% early."""
    text = params.get("timeout", "")
    digits = "".join(re.findall(r"[0-9]+", text))
    if not digits:  # unset, or without a digit ("abc": egrep -o '[0-9]*' finds nothing)
        timeout = operation_ms // max(hosts, 1) // attempts // 1100 if hosts else 5
    elif re.search(r"[0-9](ms|msec)$", text):
        timeout = int(digits) // 1000
    elif re.search(r"[0-9](m|min)$", text):
        timeout = int(digits) * 60
    elif re.search(r"[0-9](h|hr)$", text):
        timeout = int(digits) * 3600
    else:
        timeout = int(digits)
    return 5 if timeout < 1 else 300 if timeout > 1000 else timeout


@dataclass(frozen=True)
class PingRun:
    """One start or monitor of ping: how long it takes, which hosts answered (pinged as it begins), the score it
    hands attrd as it ends, and whether that score is below `failure_score` (then the agent returns 1, error)."""

    seconds: float
    answered: frozenset[str]
    score: int
    below_failure_score: bool


def _below_failure_score(params: dict[str, str], score: int) -> bool:
    """`[ "$score" -lt "$OCF_RESKEY_failure_score" ]` (its shell says "Illegal number" of one that is not an integer,
    and the test is false)."""
    try:
        return score < int(params.get("failure_score", "") or "0")  # empty: the agent's default, 0
    except ValueError:
        return False


def _attempts(params: dict[str, str]) -> int | None:
    """`ping -c ATTEMPTS` (empty: 3). None where every ping fails at once and the agent counts no host: 0, negative,
    1.5, abc ("invalid argument", rc 1, logged only with debug); or, with no `timeout`, where the agent's
    `expr OP_TIMEOUT / HOSTS / ATTEMPTS` fails (0, abc, +2) and hands ping an empty -W (rc 2: the agent logs an
    ERROR "Unexpected result" line per host, which is not written here). Measured, iputils-ping 20221126."""
    text = params.get("attempts", "").strip() or "3"
    if not re.fullmatch(r"\+?[0-9]+", text) or int(text) < 1:
        return None
    if text.startswith("+") and not re.search(r"[0-9]", params.get("timeout", "")):
        return None
    return int(text)


def ping_run(primitive: etree._Element, operation_ms: int, reachable: Callable[[str], bool]) -> PingRun:
    """`ping -n -q -W T -c ATTEMPTS` for each host in turn, one echo a second: a host that answers costs
    ATTEMPTS - 1 seconds, one whose echoes are lost (a cut uplink, a dead router) ATTEMPTS - 1 + T, when ping
    gives up waiting (iputils-ping 20221126, measured: 2.0 s, and 20.0 s with the defaults and a 60 s
    monitor timeout). The score (multiplier x hosts that answered) goes to attrd before the agent compares it
    with `failure_score`: a monitor or start below it fails with the value written all the same."""
    params = _params(primitive)
    hosts = params.get("host_list", "").split()
    attempts = _attempts(params)
    if attempts is None:  # every ping fails at once: no host counts
        return PingRun(0.0, frozenset(), 0, _below_failure_score(params, 0))
    wait = _ping_timeout(params, len(hosts), attempts, operation_ms)
    answered = frozenset(host for host in hosts if reachable(host))
    score = _integer(params.get("multiplier", "1"), 1) * sum(1 for host in hosts if host in answered)
    return PingRun(float(sum(attempts - 1 + (0 if host in answered else wait) for host in hosts)), answered,
                   score, _below_failure_score(params, score))


def attribute_updates(primitive: etree._Element | None, operation: str, rc: int,
                      ping: PingRun | None = None) -> list[Update]:
    """The node attributes the agent of `primitive` sets after `operation` ended with `rc`; `ping`: the run of a
    ping start or monitor (probes too) that reached its end: its score went to attrd even when it failed on
    `failure_score`. None: killed at its timeout, or found no pidfile (not running), and wrote nothing."""
    if primitive is None or primitive.get("class") != "ocf" or primitive.get("provider") != "pacemaker" \
            or primitive.get("type") not in ("ping", "attribute"):
        return []  # every other agent's monitor (hundreds a minute at 500 resources) stops here
    params = _params(primitive)
    if primitive.get("type") == "ping":
        name = params.get("name") or "pingd"
        dampen = values.seconds(params.get("dampen") or "5s", 5.0)
        if operation == "stop" and rc == 0:  # attrd_updater -D: an update to no value, dampened as any other
            return [(name, None, dampen)]
        if operation not in ("start", "monitor") or ping is None:
            return []
        return [(name, str(ping.score), dampen)]
    if primitive.get("type") == "attribute" and rc == 0 and operation in ("start", "stop"):
        name = params.get("name") or "opa-attribute"
        value = params.get("active_value", "1") if operation == "start" else params.get("inactive_value", "0")
        return [(name, value, 0.0)]
    return []
