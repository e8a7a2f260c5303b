"""Checks for 05 resources: the student's `pcs resource create` commands, run on a fresh cluster.

A resource exercise is graded by what the cluster does with the commands:
the resource must exist with the right agent (as `pcs resource config`
shows it), run, and be watched by a monitor that notices a failure in time
so the cluster recovers it. Failures are injected just after a monitor ran,
the worst moment, so the verdict does not depend on luck.
"""

from __future__ import annotations

from typing import Any, Sequence

from lxml import etree

from halab_kernel import Lab, values
from halab_kernel.model import ActionFinished

from halab_graders.cib import query
from halab_graders.check import EVERY_SEED, Mismatch, Scope, exercise
from halab_graders.constraints import (
    SETTLE, never_apart, placement, require_ordered, require_started_after, wait_service,
)
from halab_graders.failover import just_after_a_monitor, last_start_finished
from halab_graders.labs import drew_nothing, event_lines, fresh_lab
from halab_graders.service import SERVICE_KINDS, active_nodes, apply_commands, service_survives

VIP_PARAMS = {"ip": "10.200.0.100", "cidr_netmask": "24"}
FS_PARAMS = {"device": "/dev/vdb1", "directory": "/srv/www", "fstype": "ext4"}
READY_AFTER = 30.0  # virtual seconds: a fresh cluster elects its DC after dc-deadtime (20 s)


def commands_lab(commands: Any, seed: int = 0) -> Lab:
    """A fresh cluster with its DC elected, the student's commands run on node1."""
    lab = fresh_lab(seed=seed, settle=READY_AFTER)
    apply_commands(lab, commands)
    return lab


def primitive(lab: Lab, resource: str) -> etree._Element | None:
    """The resource's <primitive> in the live CIB (what `cibadmin -Q` returns), or None."""
    resources = query(lab, "resources")
    if resources is None:
        return None
    found = resources.xpath("//primitive[@id=$id]", id=resource)
    return found[0] if found else None


def monitor_seconds(element: etree._Element) -> float | None:
    """The interval of the resource's recurring monitor, in seconds (None: no monitor)."""
    for op in element.iterfind("operations/op"):
        if op.get("name") == "monitor":
            return values.interval_ms(op.get("interval")) / 1000  # as Pacemaker reads it
    return None


def require_agent(lab: Lab, resource: str, agent: str) -> etree._Element:
    element = primitive(lab, resource)
    if element is None:
        raise Mismatch(f"after your commands there is no resource named {resource!r}",
                       hint="the first argument of pcs resource create is the resource's name")
    found = ":".join(filter(None, (element.get("class"), element.get("provider"), element.get("type"))))
    if found != agent:
        raise Mismatch(f"{resource} uses the agent {found}, not the one the exercise asks for",
                       hint="pcs resource agents ocf:heartbeat lists the agents: class:provider:type")
    return element


def require_plain_address(element: etree._Element) -> None:
    """IPaddr2's ip= takes an address alone: the real agent refuses "10.200.0.100/24" (validate-all exits 6,
    OCF_ERR_CONFIGURED, "IP address [10.200.0.100/24] not valid"); the prefix goes in cidr_netmask."""
    params = {nv.get("name"): nv.get("value", "") for nv in element.iterfind("instance_attributes/nvpair")}
    address = params.get("ip", "")
    if "/" in address:
        raise Mismatch(f"vip has ip={address}: the real IPaddr2 agent refuses it (\"ERROR: IP address [{address}] not "
                       "valid.\", exit code 6: not configured), so on real nodes vip never starts",
                       hint="ip= takes the address alone; the prefix length has a parameter of its own "
                            "(pcs resource describe ocf:heartbeat:IPaddr2)")


def _prefix_length(netmask: str) -> str:
    """A dotted-quad netmask as the prefix length IPaddr2's findif converts it to ("255.255.255.0" -> "24"); any
    other text as it is."""
    parts = netmask.split(".")
    if len(parts) != 4 or not all(part.isdigit() and int(part) <= 255 for part in parts):
        return netmask
    bits = "".join(f"{int(part):08b}" for part in parts)
    return str(bits.count("1")) if "01" not in bits else netmask  # a mask is ones, then zeros


def _same_value(name: str, given: str) -> str:
    """A parameter as its agent reads it: a directory with or without its trailing slash, a netmask dotted or not."""
    if name == "cidr_netmask":
        return _prefix_length(given.strip())
    return given.rstrip("/") or "/"


def require_params(element: etree._Element, wanted: dict[str, str], optional: frozenset[str] = frozenset()) -> None:
    """The resource's instance attributes the exercise names, as `pcs resource config` shows them (a directory
    with or without its trailing slash); a parameter in `optional` may be left out, but not set otherwise."""
    params = {nv.get("name"): nv.get("value", "") for nv in element.iterfind("instance_attributes/nvpair")}
    for name, value in wanted.items():
        given = params.get(name)
        if given is None and name in optional:
            continue
        if given is None or _same_value(name, given) != value:
            shown = "is not set" if given is None else f"is {given!r}"
            raise Mismatch(f"{element.get('id')}'s {name} {shown}, not what the exercise asks for",
                           hint=f"pcs resource config {element.get('id')} shows its parameters; pcs resource update "
                                "changes one")


def require_whole_seconds(element: etree._Element) -> None:
    """A recurring monitor runs at least a second apart: `interval=10ms` is a unit mistake (ten milliseconds), which
    would run the agent back to back on the node; the exercise's recovery window is counted in seconds."""
    interval = monitor_seconds(element)
    if interval is not None and 0 < interval < 1:
        raise Mismatch(f"{element.get('id')}'s recurring monitor runs every {interval:g} s: the cluster would run the "
                       "agent back to back on that node, all the time, to notice a failure within seconds",
                       hint="a monitor interval is a few seconds (10s, 20s): notebook 05's last exercise asks what a "
                            "short one costs")


def recovered_in_time(lab: Lab, resource: str, within: float, interval: float | None) -> None:
    """Make `resource` fail just after a monitor ran; it must be running again within `within` seconds."""
    if interval:
        just_after_a_monitor(lab, resource, interval)
    failed_at = lab.now
    lab.fail_resource(resource, active_nodes(lab.state(), resource)[0])
    lab.wait_until(lambda state: last_start_finished(lab, resource, failed_at) is not None, within + 60)
    back = last_start_finished(lab, resource, failed_at)
    if back is None or back - failed_at > within:
        took = "was never started again" if back is None else f"was running again {back - failed_at:.1f} s later"
        noticed = next((event.time for event in lab.events if isinstance(event, ActionFinished)
                        and event.time >= failed_at and event.resource == resource and event.action == "monitor"
                        and event.interval_ms and event.rc == 7), None)
        seen = "never noticed" if noticed is None else f"noticed {noticed - failed_at:.1f} s after"
        raise Mismatch(f"{resource} failed at t={failed_at:.1f} s (just after a monitor ran), the cluster {seen}, "
                       f"and it {took} (allowed: {within:g} s)",
                       events=event_lines(lab.events, kinds=SERVICE_KINDS, since=failed_at),
                       hint="only a recurring monitor notices a dead resource: its interval is the longest a "
                            "failure goes unnoticed")


@exercise("05.vip-monitored", expected="pcs commands that create vip (IPaddr2) running on one node, which the "
          "cluster starts again within 15 s whenever the address disappears (twice in a row)",
          hint="pcs resource create NAME ocf:heartbeat:IPaddr2 ip=... cidr_netmask=... op monitor interval=...")
def vip_monitored(commands: Any, seed: int = 0, within: float = 15.0) -> Scope | None:
    lab = commands_lab(commands, seed)
    element = require_agent(lab, "vip", "ocf:heartbeat:IPaddr2")
    require_plain_address(element)
    require_params(element, VIP_PARAMS, optional=frozenset({"cidr_netmask"}))  # findif finds the prefix itself
    require_whole_seconds(element)
    if not lab.wait_until(lambda state: len(active_nodes(state, "vip")) == 1, 30):
        raise Mismatch(f"30 s after your commands vip is not running ({placement(lab, ['vip'])})",
                       events=event_lines(lab.events, kinds=SERVICE_KINDS, since=lab.now - 30),
                       hint="crm_verify -L -V says why Pacemaker refuses to start resources")
    lab.advance(SETTLE)
    for _ in range(2):
        recovered_in_time(lab, "vip", within, monitor_seconds(element))
        lab.advance(SETTLE)
    return EVERY_SEED if drew_nothing(lab, seed) else None


@exercise("05.web-service", expected="pcs commands that create vip (IPaddr2) and web (apache) running together on "
          "one node, back within 30 s after each crash of a node, and never on two nodes at once",
          hint="a group keeps its members on one node and starts them in order")
def web_service(commands: Any, seed: int = 0, campaign_seed: int = 1) -> None:
    lab = commands_lab(commands, seed)
    require_agent(lab, "web", "ocf:heartbeat:apache")
    vip = require_agent(lab, "vip", "ocf:heartbeat:IPaddr2")
    require_plain_address(vip)
    require_params(vip, VIP_PARAMS, optional=frozenset({"cidr_netmask"}))
    verdict = service_survives(commands, ("vip", "web"), seed=seed, campaign_seed=campaign_seed)
    if not verdict.passed:
        raise Mismatch(verdict.observed, events=verdict.events, hint=verdict.hint or None)
    never_apart(commands, seed)


FS_WEB: Sequence[str] = ("fs", "web")


@exercise("05.filesystem-first", expected="pcs commands that create fs (Filesystem) and web (apache) so that web "
          "only ever starts on a node where fs has already been mounted, at the first start and after a crash",
          hint="a group starts its members in the order they are listed")
def filesystem_first(commands: Any, seed: int = 0) -> None:
    lab = commands_lab(commands, seed)
    require_params(require_agent(lab, "fs", "ocf:heartbeat:Filesystem"), FS_PARAMS)
    require_agent(lab, "web", "ocf:heartbeat:apache")
    since = lab.now - 5
    holder = wait_service(lab, FS_WEB, 30)
    if holder is None:
        raise Mismatch(f"30 s after your commands fs and web do not run together ({placement(lab, FS_WEB)})",
                       events=event_lines(lab.events, kinds=SERVICE_KINDS, since=since))
    lab.advance(SETTLE)
    require_started_after(lab, "fs", "web", since, "at the first start")
    require_ordered(lab, "fs", "web")
    crashed_at = lab.now
    lab.crash(holder)
    if wait_service(lab, FS_WEB, 30, avoid=holder) is None:
        raise Mismatch(f"{holder} crashed and 30 s later fs and web do not run together elsewhere "
                       f"({placement(lab, FS_WEB)})", events=event_lines(lab.events, kinds=SERVICE_KINDS,
                                                                        since=crashed_at))
    lab.advance(SETTLE)
    require_started_after(lab, "fs", "web", crashed_at, f"after {holder} crashed")
