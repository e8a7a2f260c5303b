"""Checks for 11 operations: timeouts, on-fail, and a stop that fails.

An operation that does not answer within its `timeout` has failed; what
Pacemaker then does is the operation's `on-fail`. A failed **stop** is the
serious one: the resource may still be running, so with fencing enabled the
default is to fence the node (`on-fail=fence`), and only then to start the
resource elsewhere. The checks inject a hanging stop on a fresh cluster and
time what the student's operations give. A timeout is also read as a rule:
the simulated agents answer within a second, so a stop timeout of 1 s would
pass every story while on real nodes a busy web server's healthy stop would
get its node fenced; below MIN_TIMEOUT the answer fails with that reason.
"""

from __future__ import annotations

from typing import Any, Sequence


from halab_kernel import Lab, values
from halab_kernel.model import NodeFenced

from halab_graders.cib import query
from halab_graders.check import Mismatch, Tolerance, exercise, how_far, require_number
from halab_graders.constraints import SETTLE, pacemaker_lab, placement, wait_service
from halab_graders.failover import just_after_a_monitor, last_start_finished
from halab_graders.labs import event_lines
from halab_graders.service import SERVICE_KINDS, active_nodes, apply_commands

FENCE = 'pcs stonith create fence-xvm fence_xvm pcmk_host_list="node1 node2 node3"'
WEB = ("pcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf "
       "statusurl=http://localhost/server-status")
KINDS = (*SERVICE_KINDS, "node_fenced")
MIN_TIMEOUT = 10.0  # seconds: below this a healthy but busy agent (a web server finishing its requests) times out


def operations_lab(commands: Any = (), seed: int = 0) -> Lab:
    """Fencing enabled with a device for every node, web (apache) with pcs's default operations, then `commands`."""
    lab = pacemaker_lab(seed=seed, fencing=True, setup=(FENCE, WEB))
    if commands:
        apply_commands(lab, commands)
    if wait_service(lab, ("web",), 30) is None:
        raise Mismatch(f"30 s after your commands web is not running ({placement(lab, ('web',))})",
                       hint="pcs resource update web op ... changes an operation; crm_verify -L -V says what is wrong")
    lab.advance(SETTLE)
    return lab


def _defaults_unread(lab: Lab) -> str:
    """Why an operation default changed nothing: pcs gave each of web's operations its own timeout, and a default
    fills only what an operation leaves unset."""
    cib = query(lab)
    if cib is None or not cib.xpath("//op_defaults//nvpair[@name='timeout']"):
        return ""
    own = cib.xpath("//primitive[@id='web']/operations/op[@timeout]/@name")
    if not own:
        return ""
    return (f"pcs resource op defaults fills in only what an operation leaves unset: web's {', '.join(own)} "
            "operations have timeouts of their own (pcs resource config web), so the default reaches none of them")


def operation_timeouts(lab: Lab, resource: str) -> dict[str, float]:
    """The timeout of each of the resource's operations (start, stop, monitor), in seconds, as the CIB holds it:
    the operation's own `timeout`, else the operation defaults' (pcs resource op defaults), else Pacemaker's 20 s."""
    from halab_graders.resources import primitive

    element = primitive(lab, resource)
    if element is None:
        return {}
    cib = query(lab)
    defaults = cib.xpath("//op_defaults//nvpair[@name='timeout']/@value") if cib is not None else []
    fallback = values.seconds(str(defaults[-1]) if defaults else None, 20.0)
    return {op.get("name", ""): values.seconds(op.get("timeout"), fallback) for op in element.iterfind("operations/op")
            if op.get("name") in ("start", "stop", "monitor")}


def require_room_to_operate(lab: Lab, resources: Sequence[str]) -> None:
    """No start, stop or monitor timeout below MIN_TIMEOUT: the simulated agents answer in a second, real ones under
    load do not, and a stop that times out gets its node fenced."""
    for resource in resources:
        for name, timeout in operation_timeouts(lab, resource).items():
            if timeout < MIN_TIMEOUT:
                what = ("its node is fenced" if name == "stop" else "it counts as a failure and is recovered"
                        if name == "monitor" else "it fails and the resource is banned from that node")
                raise Mismatch(f"{resource}'s {name} has a timeout of {timeout:g} s: a healthy {resource} that is "
                               f"merely busy (a web server finishing its requests, a disk flushing) takes longer than "
                               f"that, and then {what}: a timeout bounds a hung operation, it must never cut short "
                               f"a working one (at least {MIN_TIMEOUT:g} s here)",
                               hint="size a timeout to the slowest healthy run of the operation, then shorten the "
                                    "other parts of the outage (the monitor interval)")


def monitor_interval(lab: Lab) -> float:
    """web's recurring monitor interval in seconds, as the CIB holds it (pcs's default: 10 s for apache)."""
    from halab_graders.resources import monitor_seconds, primitive

    element = primitive(lab, "web")
    return (monitor_seconds(element) if element is not None else None) or 0.0


def hung_stop_story(lab: Lab) -> tuple[float, str]:
    """web dies just after a monitor, and its stop then hangs: (when it died, the node it ran on)."""
    interval = monitor_interval(lab)
    if interval:
        just_after_a_monitor(lab, "web", interval)
    holder = active_nodes(lab.state(), "web")[0]
    died = lab.now
    lab.fail_resource("web", holder, op="stop", hang=True)
    lab.fail_resource("web", holder)
    return died, holder


@exercise("11.hung-stop", expected="operations for web such that, when web dies and its stop then hangs, the node is "
          "fenced and web runs on another node within 45 s of dying; a web that dies and stops normally is back "
          "within 45 s without anybody being fenced",
          hint="add up what happens after the process dies: until a monitor notices, until the stop gives up, "
               "fencing, a start. Which two operation settings bound the first two?")
def hung_stop(commands: Any, seed: int = 0, within: float = 45.0) -> None:
    lab = operations_lab(commands, seed)
    require_room_to_operate(lab, ("web",))
    died, holder = hung_stop_story(lab)
    lab.advance(within + 60)
    shows = event_lines(lab.events, kinds=KINDS, since=died)
    shot = [event for event in lab.events if isinstance(event, NodeFenced) and event.time >= died and event.ok
            and event.target == holder]
    back = last_start_finished(lab, "web", died)
    if not shot:
        elsewhere = [node for node in active_nodes(lab.state(), "web") if node != holder]
        outcome = (f"web runs again on {', '.join(elsewhere)} only because a retried stop happened to answer: a stop "
                   "that hung once can hang again, and nothing made sure the old web was gone" if elsewhere else
                   f"so web could not be started safely anywhere ({placement(lab, ('web',))})")
        raise Mismatch(f"web died on {holder} and its stop hung; {holder} was never fenced, {outcome}", events=shows,
                       hint="a stop that fails leaves the resource in an unknown state: only fencing the node "
                            "ends the doubt (on-fail=fence, the default with fencing enabled)")
    if back is None or back - died > within:
        took = "never" if back is None else f"{back - died:.1f} s after it died"
        raise Mismatch(f"web died on {holder} and its stop hung: it was running again {took}", events=shows,
                       hint=_defaults_unread(lab) or None)
    calm = operations_lab(commands, seed)
    interval = monitor_interval(calm)
    if interval:
        just_after_a_monitor(calm, "web", interval)
    died = calm.now
    calm.fail_resource("web", active_nodes(calm.state(), "web")[0])
    calm.advance(within + 30)
    shot = [event for event in calm.events if isinstance(event, NodeFenced) and event.time >= died]
    back = last_start_finished(calm, "web", died)
    if shot or back is None or back - died > within:
        raise Mismatch("web died and stopped normally: " + (f"{shot[0].target} was fenced all the same" if shot else
                       "it was not running again within the bound"),
                       events=event_lines(calm.events, kinds=KINDS, since=died))


@exercise("11.default-recovery", expected="the seconds, measured on the notebook's cluster (seed 0, pcs's default "
          "operations for web), between web dying just after a monitor with a stop that hangs and web's start "
          "finishing on another node, within 0.5 s",
          hint="take the time of the fault and of the last 'result of start operation for web' after it from "
               "lab.events_frame()")
def default_recovery(seconds: Any, seed: int = 0) -> None:
    given = require_number(seconds, "default_recovery_seconds")
    lab = operations_lab(seed=seed)
    died, _ = hung_stop_story(lab)
    lab.advance(180)
    back = last_start_finished(lab, "web", died)
    if back is None:
        raise Mismatch("the reference run never restarted web (a bug in the course, please report it)")
    if not Tolerance(absolute=0.5).close(given, back - died):
        scale = given / (back - died)
        unit = " (milliseconds? the answer is in seconds)" if 500 < scale < 2000 else ""
        raise Mismatch(f"{given:g} s is {how_far(given, back - died, 0.5)} what the timeline shows{unit}",
                       hint="the stop's timeout is part of it: look for 'Timed Out' in the events")
