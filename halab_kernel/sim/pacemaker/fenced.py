"""pacemaker-fenced's choices: which fence devices shoot a node, in what order, and how long to wait first.

A component with a narrow view of the cluster: the CIB (devices and their parameters, the fencing
topology, the priority-fencing-delay option), a seeded random source (pcmk_delay_max), the fencing
node's peers and what runs where (for priority-fencing-delay), the clock and the event stream (for its
log lines), the machines' power callback. It runs the fence devices one after another (`run`: topology
levels in index order, every device of a level, the next level when one fails; without topology each
capable device in turn) and tells the controller that asked whether the target is down. Shooting the
target (the power callback, SBD's poison pill) and reporting to the transition stay with the controller,
but for one case: a requester that dies while its agent's request is already out (a two-node fence
race, or a requester that dies while a peer runs the agent). The board or hypervisor carries the
request out all the same, so fenced's `power` shoots the target, and nobody reports it: both nodes of a
pair that shot within each other's fence action go down (RHEL's "Fencing delays": "both nodes ... may be
powered off or reset").

Nobody reports it even when a peer ran the agent and survives (2.1.5): only the requester's fenced owns
the operation. The peer that runs the agent answers the requester alone (send_async_reply, fenced_commands.c;
it broadcasts only when the target is the requester), and only the owner, on that answer, broadcasts the
result to every fenced (finalize_op -> fenced_broadcast_op_result, fenced_remote.c), whose notification is
what the controllers log and record ("Peer X was terminated ...", handle_fence_notification,
controld_fencing.c). An owner that is gone leaves the other peers' copies of the operation pending; the
survivors' DC fences the target again itself, and each peer that held the orphan fails it then
(merge_duplicates: "Originator is dead").

Until its result is reported, fenced's history holds each operation as pending (`unreported`): on the
requester and on each peer that recorded it from its query. `stonith_admin --history` and crm_mon list it
so (lib/fencing/st_output.c); an orphan stays pending there, and merge_duplicates only sets its state to
failed, without a completion time (fenced_remote.c leaves `completed` at 0: "failed at 1970-01-01 ...").
An orphan that is no duplicate of a later request (another action, or none comes) stays pending until
its requester is back: fenced does nothing when a peer leaves (st_peer_update_callback only pokes), but a
controller that appears has the fence history synchronised cluster-wide 5 s later (peer_update_callback ->
te_trigger_stonith_history_sync, each appearance restarting the timer; capture 01). The requester's new
fenced then finds in its peers' history a pending operation it originated and fails it, dated then, with no
delegate, and broadcasts that result, which every fenced and controller of the partition logs
(stonith_local_history_diff_and_merge, finalize_op, handle_fence_notification; fenced_history.c 2.1.5).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Iterable, Mapping, Sequence

from halab_kernel import values
from halab_kernel.errors import LabError
from halab_kernel.model import Event, FaultInjected, LogLine, NodeFenced
from halab_kernel.sim.clock import Clock, Timer
from halab_kernel.sim.pacemaker.cib.references import instance_parameters
from halab_kernel.sim.pacemaker.cibstore import CibStore
from halab_kernel.sim.pacemaker.durations import fence_seconds
from halab_kernel.sim.pacemaker.topology import levels_for, permanent_attributes, read_levels

CLIENT = "pacemaker-controld.59"  # who asks fenced, as the captures name the controller
ADMIN = "stonith_admin.2204"  # who asks for a manual fencing (pcs stonith fence, stonith_admin --reboot)
ADMIN_TIMEOUT = 120  # stonith_admin's timeout without --timeout: its request's base_timeout
HISTORY_SYNC_SECONDS = 5.0  # "Fence history will be synchronized cluster-wide within 5 seconds" (capture 01)
PRESUMED_FAILED = "Initiated by earlier fencer process and presumed failed"  # CRM_EX_EXPIRED, PCMK_EXEC_INVALID
FAILED_DEVICE_SECONDS = 5.0  # a fence agent that cannot reach its device gives up after its login_timeout (5 s)
DEFAULT_TRIES = 2  # FAILURE_MAX_RETRIES (lib/fencing/st_actions.c): how many times in all a failing agent runs
RETRY_PAUSE_SECONDS = 1.0  # internal_stonith_action_execute sleeps 1 s before each retry


def delay_base_for(value: str | None, target: str) -> float:
    """pcmk_delay_base for one target, as fenced reads it (get_action_delay_base, 2.1.5): one time for
    every target, or a map such as "node1:0s;node2:5s" (entries split on ';', space or tab; an entry
    matches when the target starts with its name, case-insensitively); a map without the target: 0."""
    if value is None:
        return 0.0
    chosen = value
    for entry in value.replace(";", " ").replace("\t", " ").split():
        name, colon, delay = entry.partition(":")
        if colon and delay and name and target.lower().startswith(name.lower()):
            chosen = delay
            break
    return 0.0 if ":" in chosen else values.seconds(chosen, 0.0)


def delay_range(params: Mapping[str, str], target: str) -> tuple[int, int]:
    """The shortest and longest delay a device waits before fencing `target`, as
    schedule_stonith_command (2.1.5) draws it in whole seconds: pcmk_delay_max 0 means the base
    alone, a base above the maximum is cut to it, and the random part is `rand() % (max - base)`,
    so the delay is one of base .. max-1 (pcmk_delay_max=5s: 0, 1, 2, 3 or 4 s, never 5)."""
    base = int(delay_base_for(params.get("pcmk_delay_base"), target))
    most = int(values.seconds(params.get("pcmk_delay_max"), 0.0)) or base
    base = min(base, most)
    return base, (most - 1 if most > base else base)


def _atoi(text: str) -> int:
    """C's atoi: the leading integer ("3" 3, "3x" 3, " -1" -1), 0 when there is none."""
    leading = re.match(r"\s*([+-]?\d+)", text)
    return int(leading.group(1)) if leading else 0


def agent_tries(params: Mapping[str, str], action: str) -> int:
    """pcmk_<action>_retries as stonith__action_create (2.1.5) reads it for the action fenced asked (atoi), else
    2: despite its name, how many times in all an agent run may be made (update_remaining_timeout stops once
    `tries >= max_retries`, so 2 is one retry, and 0 or 1 none)."""
    value = params.get(f"pcmk_{action}_retries")
    return DEFAULT_TRIES if value is None else _atoi(value)


def retries_of_a_failing_agent(tries: int, timeout: int) -> tuple[tuple[int, ...], bool]:
    """The retries a failing agent run gets (update_remaining_timeout, st_actions.c 2.1.5): after each failure,
    another try while fewer than `tries` were made and less than 70% of its `timeout` has passed since the
    first started, with the rest of the timeout, 1 s later. Returns the remaining timeout each retry starts
    with, and whether they stopped at the maximum ("Attempted ... the maximum number of times") rather than
    at 70% of the timeout (silently). A retry whose remaining timeout is shorter than the failing agent's
    own run would be killed by its timeout, which is not simulated: refused by name."""
    remaining: list[int] = []
    elapsed = FAILED_DEVICE_SECONDS
    if timeout < FAILED_DEVICE_SECONDS:
        raise LabError(f"not simulated: a failing fence agent run with a timeout of {timeout}s, shorter than the "
                       f"{FAILED_DEVICE_SECONDS:g}s it takes to fail (real fenced kills it at its timeout); "
                       "try it on real nodes: halab rig up")
    while True:
        if len(remaining) + 1 >= tries:
            return tuple(remaining), True
        if not elapsed < 0.7 * timeout:
            return tuple(remaining), False
        left = timeout - int(elapsed)
        if left < FAILED_DEVICE_SECONDS:
            raise LabError(f"not simulated: a retry of a failing fence agent with {left}s of its {timeout}s timeout "
                           f"left, shorter than the {FAILED_DEVICE_SECONDS:g}s it takes to fail (real fenced kills "
                           "it at its timeout); try it on real nodes: halab rig up")
        remaining.append(left)
        elapsed += RETRY_PAUSE_SECONDS + FAILED_DEVICE_SECONDS


def device_action(params: Mapping[str, str], action: str) -> str:
    """What the agent is asked to do for a requested `action`: the device's pcmk_<action>_action, else the
    action itself (make_args, st_actions.c: pcmk_reboot_action=off turns a reboot into a power-off)."""
    return params.get(f"pcmk_{action}_action") or action


def _disabled(primitive: Any) -> bool:
    """target-role=Stopped in the device's meta attributes (pcs stonith disable, pcs stonith create --disabled)."""
    return instance_parameters(primitive, "meta_attributes").get("target-role", "").lower() == "stopped"


@dataclass(frozen=True)
class FenceDevice:
    """A stonith resource of the CIB: its agent ("fence_sbd", "fence_virsh", ...) and parameters."""

    agent: str
    params: dict[str, str]
    id: str = ""

    def can_fence(self, target: str) -> bool:
        """Its pcmk_host_list (or pcmk_host_map) names `target`, or it has neither (the simulator's
        devices then reach every node, as a dynamic list would)."""
        hosts = self.params.get("pcmk_host_list")
        mapped = self.params.get("pcmk_host_map")
        if hosts is not None:
            return target in hosts.replace(",", " ").split()
        if mapped is not None:
            return any(entry.split(":")[0] == target for entry in mapped.replace(";", " ").split())
        return True


@dataclass(frozen=True)
class DeviceRun:
    """One fence agent run: the device, the action it was asked ("reboot", or "off"/"on" for a
    multi-device level), whether it worked, and the topology level it belongs to (None: no topology)."""

    device: str
    action: str
    ok: bool
    level: int | None = None
    by: str = ""  # the node whose fenced runs the agent (fenced's chosen peer); "" when none is known
    agent: str = ""  # the device's fence agent ("fence_xvm"): how long its action takes
    retries: tuple[int, ...] = ()  # a failing agent's retries: the remaining timeout each starts with
    exhausted: bool = False  # its retries stopped at pcmk_<action>_retries (logged), not at 70% of its timeout
    skipped: bool = False  # a topology reboot's "on" not run: the device is configured to stay off
    tries: int = DEFAULT_TRIES  # pcmk_<action>_retries: how many times in all the agent may run

    @property
    def seconds(self) -> float:
        """How long the agent run takes: the agent's action, or its login timeout when the device fails, once
        more for each retry, 1 s after the failure before it."""
        if self.skipped:
            return 0.0
        if self.ok:
            return fence_seconds(self.agent)
        return FAILED_DEVICE_SECONDS + len(self.retries) * (RETRY_PAUSE_SECONDS + FAILED_DEVICE_SECONDS)


def operation_id(call: int) -> str:
    """The first 8 characters of a fencing operation's id, as fenced logs it ("id=56d6d8b4"): a uuid in
    real, derived from fenced's call number here."""
    return f"{(call * 2654435761) & 0xFFFFFFFF:08x}"


def event_uuid(call: int) -> str:
    """The whole id of a fencing operation, as controllers log it ("event=56d6d8b4-4e95-4d44-8e22-e5307854ffc7"):
    `operation_id` and a uuid's other groups, derived from the call here."""
    rest = f"{(call * 0xD1B54A32D192ED03 + 0x5851F42D4C957F2D) & (2 ** 80 - 1):020x}"
    return f"{operation_id(call)}-{rest[:4]}-4{rest[5:8]}-8{rest[9:12]}-{rest[8:20]}"


@dataclass(frozen=True)
class PendingOperation:
    """An operation in fenced's history whose result nobody reported: in flight, or an orphan (its
    requester died before the result: pending on its peers, then failed by merge_duplicates). `known_by`:
    the requester and the peers that recorded it from its query; `completed`: None while pending, 0.0
    when merge_duplicates failed it (it sets no time), else the simulated time it was failed."""

    call: int
    action: str
    target: str
    client: str
    origin: str
    known_by: tuple[str, ...]
    completed: float | None = None
    orphaned: bool = False  # its requester was gone when the result came: nobody will report it

    @property
    def id(self) -> str:
        return operation_id(self.call)

    @property
    def holders(self) -> tuple[str, ...]:
        """The peers that recorded it from the requester's query."""
        return self.known_by[1:]

    @property
    def state(self) -> int:
        """fenced's op_state as its history reports it: st_query (0) on the peers, st_exec (1) on the
        requester once it asked a peer to run a device, st_failed (4) once failed."""
        return 4 if self.completed is not None else 1

    def state_on(self, node: str) -> int:
        return self.state if self.completed is not None or node == self.origin else 0


@dataclass(frozen=True)
class FencingPlan:
    """What fenced will do for one request, decided when it starts (devices fail by fault, not by chance)."""

    target: str
    action: str
    runs: tuple[DeviceRun, ...] = field(default_factory=tuple)
    ok: bool = False
    topology: bool = False
    power: str = ""  # what the devices did to the target: "reboot" or "off" (pcmk_reboot_action=off); "" for `action`

    @property
    def delegate(self) -> str:
        """The node that carried the fencing out: the one that ran the last device."""
        ran = [run for run in self.runs if not run.skipped]
        return ran[-1].by if ran else ""

    @property
    def seconds(self) -> float:
        """Time from the first agent run to fenced's answer."""
        return sum(run.seconds for run in self.runs)


class Fenced:
    """The fencer's device table and delays, read from the CIB each time (devices change at runtime)."""

    def __init__(self, cib: CibStore, rng: random.Random, node_names: Sequence[str],
                 peers: Callable[[str], list[str]], is_active: Callable[[str, str], bool],
                 clock: Clock, emit: Callable[[Event], None], power: Callable[[str, str], None]) -> None:
        self.cib = cib
        self.rng = rng
        self.node_names = tuple(node_names)
        self.peers = peers
        self.is_active = is_active
        self.clock = clock
        self.emit = emit
        self.power = power  # what a fence device does to its target ("off", or "reboot"): the machines' power switch
        self.failing: set[str] = set()  # devices that fail every action (a fault: BMC unreachable, PDU down)
        self._calls = 0  # fenced's call ids and the agents' pids in its log lines
        self.unreported: dict[int, PendingOperation] = {}  # call -> an operation still pending (or a failed orphan)
        self._views: dict[str, frozenset[str]] = {}  # each node's peers at the last change (`peers_changed`)
        self._sync: Timer | None = None  # the history sync a controller's appearance set off
        self._on_behalf: dict[str, tuple[str, ...]] = {}  # self-fenced requester -> who heard its result
        self._reported: dict[tuple[str, str], int] = {}  # (requester, target) -> the call whose result is due
        self._registry: tuple[tuple[object, ...], dict[str, set[str]]] | None = None  # _registered's last answer
        self._power: dict[tuple[str, str], str] = {}  # (requester, target) -> what its devices did (`carried_out`)
        self._forgotten = float("-inf")  # when the last running fenced stopped: its history went with it

    def devices(self) -> list[FenceDevice]:
        """Every enabled fence device of the CIB, in document order: fenced does not register a disabled one
        (target-role=Stopped: "Device ... has been disabled"), so it fences nothing."""
        return [FenceDevice(p.get("type", ""), instance_parameters(p), p.get("id", ""))
                for p in self.cib.root.iterfind(".//configuration/resources//primitive[@class='stonith']")
                if not _disabled(p)]

    def device_for(self, target: str, fencer: str | None = None) -> FenceDevice | None:
        """The first fence device that can fence `target` (FenceDevice.can_fence); with `fencer`, only
        among the devices some fenced of its partition has registered (`usable`)."""
        return next((device for device in self.usable(fencer) if device.can_fence(target)), None)

    def usable(self, fencer: str | None) -> list[FenceDevice]:
        """The devices a request from `fencer` can use: those registered by the fencer of a node in its
        partition. Each node's fenced registers a device only where the scheduler's node criteria allow
        it (cib_device_update, 2.1.5: a negative score for its node or its group, or no score in an
        asymmetric cluster: "Device ... has been disabled on node1: score=-INFINITY"), so a device
        banned from every node fences nothing and the fencing fails."""
        devices = self.devices()
        if fencer is None or not devices:
            return devices
        peers = set(self.peers(fencer))
        allowed = self._registered()
        return [device for device in devices if allowed.get(device.id, set()) & peers]

    def _registered(self) -> dict[str, set[str]]:
        """Device id -> the nodes whose fenced registers it (read-only). fenced reads the CIB as the scheduler's
        quick-location pass does (pe_flag_quick_location: node health, location constraints, stickiness,
        migration-threshold bans), then checks its own node's score. Computed once per CIB change and
        instant (one fencing asks for it at every step: the devices, each run's executor, the delay)."""
        key = (*self.cib.configuration_key(), self.cib.root.get("num_updates"), self.clock.now)
        if self._registry is None or self._registry[0] != key:
            self._registry = (key, self._registration())
        return self._registry[1]

    def _registration(self) -> dict[str, set[str]]:
        from halab_kernel.sim.pacemaker.cib.parse import cib_from_element
        from halab_kernel.sim.pacemaker.scheduler.health import apply_node_health
        from halab_kernel.sim.pacemaker.scheduler.placement import (apply_failure_thresholds, apply_locations,
                                                                     apply_stickiness)
        from halab_kernel.sim.pacemaker.scheduler.unpack import threshold_failcount, unpack

        cib = cib_from_element(self.cib.root)
        ws = unpack(cib, values.unix_time(self.clock.now))
        apply_node_health(ws)
        apply_locations(ws, cib)
        apply_stickiness(ws)
        apply_failure_thresholds(ws, lambda rsc, node: threshold_failcount(ws, rsc, node))

        def allows(rsc: Any, node: str) -> bool:
            return (ws.symmetric or node in rsc.allowed) and rsc.allowed.get(node, 0) >= 0

        found = {}
        for rsc in ws.primitives():
            if rsc.config is None or rsc.config.standard != "stonith":
                continue
            group = rsc.parent if rsc.parent is not None and rsc.parent.kind == "group" else None
            found[rsc.id] = {node for node in self.node_names
                             if allows(rsc, node) and (group is None or allows(group, node))}
        return found

    def set_failing(self, device: str, failing: bool) -> None:
        """A fault: `device` fails every fence action from now on (failing=True), or works again."""
        stonith = self.cib.root.iterfind(".//configuration/resources//primitive[@class='stonith']")
        if device not in {p.get("id") for p in stonith}:  # a disabled device may break too
            raise LabError(f"no fence device named '{device}' (see pcs stonith config)")
        self.emit(FaultInjected(self.clock.now, None, fault="fence device fails" if failing else "fence device works",
                                target=device))
        (self.failing.add if failing else self.failing.discard)(device)

    def plan(self, target: str, action: str = "reboot", fencer: str | None = None,
             base: int | None = None) -> FencingPlan:
        """The agent runs fenced makes for one request. With topology: levels in index order; a level
        succeeds when all its devices do ("reboot" over several devices: all off, then all on but those
        configured to stay off, pcmk_reboot_action=off), and a failed (or missing, or unable) device ends
        it. Without: each capable device in turn until one works. A failing agent is retried as
        pcmk_<action>_retries allows within its timeout (`base`: the request's, stonith-timeout by default)."""
        if base is None:
            base = int(values.seconds(self.cib.property("stonith-timeout"), 60.0))
        known = {device.id: device for device in self.usable(fencer)}
        levels = levels_for(target, read_levels(self.cib.root), lambda node: permanent_attributes(self.cib.root, node))
        runs: list[DeviceRun] = []

        def run_of(device: str, phase: str, ok: bool, level: int | None, member: FenceDevice | None) -> DeviceRun:
            run = DeviceRun(device, phase, ok, level, by=self.executor(target, device, fencer),
                            agent=member.agent if member is not None else "")
            if ok or member is None or not member.can_fence(target):
                return run  # no agent runs for a missing or unable device
            sent = self._device_timeout(device, phase, base) if level is not None else base
            tries = agent_tries(member.params, phase)
            retries, exhausted = retries_of_a_failing_agent(tries, self._custom_timeout(member.params, phase) or sent)
            return replace(run, retries=retries, exhausted=exhausted, tries=tries)

        if not levels:
            for device in known.values():
                if device.can_fence(target):
                    runs.append(run_of(device.id, action, device.id not in self.failing, None, device))
                    if runs[-1].ok:
                        return FencingPlan(target, action, tuple(runs), ok=True,
                                           power=device_action(device.params, action))
            return FencingPlan(target, action, tuple(runs))
        for level in levels:
            phases = ("off", "on") if action == "reboot" and len(level.devices) > 1 else (action,)
            level_ok = True
            for phase in phases:
                for name in level.devices:
                    member = known.get(name)
                    if phase == "on" and member is not None and device_action(member.params, "reboot") == "off":
                        # request_peer_fencing skips it: "configured to stay off"
                        runs.append(DeviceRun(name, phase, True, level.index, skipped=True))
                        continue
                    ok = member is not None and member.can_fence(target) and name not in self.failing
                    runs.append(run_of(name, phase, ok, level.index, member))
                    if not ok:
                        level_ok = False
                        break
                if not level_ok:
                    break
            if level_ok:
                if len(phases) > 1:
                    power = "reboot" if any(run.action == "on" and not run.skipped and run.level == level.index
                                            for run in runs) else "off"
                else:
                    only = known.get(level.devices[0]) if len(level.devices) == 1 else None
                    power = device_action(only.params, action) if only is not None else action
                return FencingPlan(target, action, tuple(runs), ok=True, topology=True, power=power)
        return FencingPlan(target, action, tuple(runs), topology=True)

    def executor(self, target: str, device: str, fencer: str | None) -> str:
        """The peer fenced asks to run `device` (stonith_choose_peer, 2.1.5): among the nodes of the
        requester's partition whose fenced registered it, one where the device is active (verified)
        before one where it is only registered, never the target while another can, the requester's
        own reply first, then node order; the target itself as the last resort."""
        if fencer is None:
            return ""
        order = [fencer] + [node for node in self.node_names if node != fencer and node in self.peers(fencer)]
        registered = [node for node in order if node in self._registered().get(device, set())]
        verified = [node for node in registered if self.is_active(node, device)]
        for pool in (verified, registered):
            chosen = next((node for node in pool if node != target), None)
            if chosen is not None:
                return chosen
        return target if target in registered else fencer

    def run(self, fencer: str, target: str, action: str, delay: float,
            done: Callable[[bool, str], None], client: str = CLIENT, requested: int | None = None,
            timeout: int = ADMIN_TIMEOUT) -> FencingPlan:
        """Carry out a request from `client` (`fencer`'s controller, or ADMIN) on `fencer`: wait `delay`,
        run the plan's agents one after another, each by the peer fenced chose (logging each as fenced
        does), then call `done(ok, delegate)`. Returns the plan. `requested`: the delay the request
        carried (stonith_admin's --delay, see `admin_delay`); None for the controller's, whose request
        carries priority-fencing-delay. `timeout`: an ADMIN request's own (stonith_admin --timeout); the
        controller's requests carry stonith-timeout.

        The agent that completes the fencing sends its request to the board (or hypervisor) when it
        starts, if the node that runs it is still up then; from that moment the target goes down even
        when the requester dies before the agent returns (`_answer`)."""
        base = timeout if client == ADMIN else int(values.seconds(self.cib.property("stonith-timeout"), 60.0))
        plan = self.plan(target, action, fencer, base)
        self._on_behalf.pop(target, None)
        pending = self.begin(fencer, target, action, client)
        call = pending.call
        say = self._logger(fencer)
        say(0.0, "notice", "handle_fence_request",
            f"Client {client} wants to fence ({action}) {target} using any device")
        self._fail_orphan(fencer, target, action)
        say(0.0, "notice", "initiate_remote_stonith_op",  # capture 05
            f"Requesting peer fencing ({action}) targeting {target} | id={operation_id(call)} state=querying "
            f"base_timeout={base}")
        at = delay
        sent: list[bool] = []  # the last agent run started with its node up: its request reached the device
        for number, run in enumerate(plan.runs):
            if run.skipped:
                say(0.0 if number == 0 else at, "info", "request_peer_fencing",
                    f"Not turning {target} back on using {run.device} because the device is configured to stay off "
                    "(pcmk_reboot_action='off')")
                continue
            remaining = [r.device for r in plan.runs[number + 1:] if r.level == run.level]
            executor = self._logger(run.by or fencer)  # the peer whose fenced runs the agent logs its run
            sent_timeout = self._device_timeout(run.device, run.action, base) if plan.topology else base
            wait = self._device_delay(run.device, target) if number and run.action != "on" else 0.0
            if wait > 0:
                executor(at, "notice", "schedule_stonith_command",
                         self._delaying(run, target, int(wait), 0, sent_timeout))
                at += wait
            if plan.topology:
                timeout = int(1.2 * self._device_timeout(run.device, run.action, base))
                say(0.0 if number == 0 else at, "notice", "request_peer_fencing",
                    f"Requesting that {run.by or fencer} perform '{run.action}' action targeting {target} using "
                    f"{run.device} | for client {client} ({timeout}s)")
            elif number == 0:  # the chosen peer's capable devices (get_peer_timeout); stonith-watchdog-timeout 0
                by = run.by or fencer
                peer = sum(self._device_timeout(device.id, action, base) for device in self.usable(fencer)
                           if device.can_fence(target) and by in self._registered().get(device.id, set()))
                say(0.0, "notice", "request_peer_fencing",
                    f"Requesting that {by} perform '{run.action}' action targeting {target} | "
                    f"for client {client} ({int(1.2 * (peer or base))}s, 0s)")
            if number == 0 and delay > 0:  # the first device's delay is in `delay`, with the requested part
                asked = int(self._priority_delay(fencer, target)) if requested is None else requested
                executor(0.0, "notice", "schedule_stonith_command",
                         self._delaying(run, target, int(delay), asked, sent_timeout))
            if all(later.skipped for later in plan.runs[number + 1:]):  # the last agent run
                runner = run.by or fencer
                self.clock.call_later(at, lambda: sent.append(self._up(runner)))
            self._log_retries(executor, at, run)
            at += run.seconds
            retry = f", retrying with {remaining[0]}" if not run.ok and not plan.topology and remaining else ""
            executor(at, "notice" if run.ok else "error", "log_async_result",
                f"Operation '{run.action}' [{1000 + 10 * call + number}] targeting {target} using {run.device} "
                f"returned {0 if run.ok else 1}{retry} | call {call} from {client}")
            if plan.topology:
                say(at, "notice", "fenced_process_fencing_reply",
                    f"Action '{run.action}' targeting {target} using {run.device} on behalf of {client}@{fencer}: "
                    "complete")  # its execution status (pcmk_exec_status_str): an agent that exits 1 completed too
        if not plan.runs:  # request_peer_fencing: the query found no capable device, no agent runs anywhere
            replies = sum(1 for peer in self.peers(fencer) if self._up(peer))
            say(at, "info", "request_peer_fencing",
                f"No peers (out of {replies}) have devices capable of fencing ({action}) {target} for client "
                f"{client} | state=querying")
        elif plan.topology and not plan.ok:
            say(at, "info", "advance_topology_level",
                f"All fencing options targeting {target} for client {client}@{fencer} failed")
        self.clock.call_later(at, lambda: self._answer(plan, pending, sent, done))
        return plan

    @staticmethod
    def _log_retries(say: Callable[[float, str, str, str], None], at: float, run: DeviceRun) -> None:
        """A failing agent's retries, as the fencing library logs them in fenced (st_actions.c, 2.1.5): each
        retry as it is decided, at the failure before it (internal_stonith_action_execute, then 1 s of sleep),
        and, after the last failure, the maximum reached (update_remaining_timeout; nothing when 70% of the
        timeout had passed instead)."""
        failed_at = at
        for number, left in enumerate(run.retries, 2):
            failed_at += FAILED_DEVICE_SECONDS
            say(failed_at, "info", "internal_stonith_action_execute",
                f"Attempt {number} to execute {run.agent} ({run.action}). remaining timeout is {left}")
            failed_at += RETRY_PAUSE_SECONDS
        if run.exhausted:
            say(failed_at + FAILED_DEVICE_SECONDS, "info", "update_remaining_timeout",
                f"Attempted to execute agent {run.agent} ({run.action}) the maximum number of times "
                f"({run.tries}) allowed")

    def carried_out(self, fencer: str, target: str, action: str) -> str:
        """What the devices of `fencer`'s request did to `target` once fenced answered: the requested `action`, or
        the device's pcmk_<action>_action (pcmk_reboot_action=off: the target stays off)."""
        return self._power.pop((fencer, target), action)

    def begin(self, fencer: str, target: str, action: str, client: str = CLIENT) -> PendingOperation:
        """A new operation of `fencer`'s fenced: pending in its history and its peers' (those that record it
        from its query) until its result is reported (`settle`). `run` begins its own; the controller
        begins those it carries out itself (fence_sbd's pill, watchdog fencing)."""
        self._calls += 1
        self._reported.pop((fencer, target), None)
        pending = PendingOperation(self._calls, action, target, client, fencer,
                                   (fencer, *self.hearers(fencer, target)))
        self.unreported[pending.call] = pending
        return pending

    def settle(self, fencer: str, target: str) -> None:
        """The result of `fencer`'s operations on `target` is due: reported (they leave the pending
        history) if its fenced still runs, else orphaned (nobody will report them)."""
        for call, pending in list(self.unreported.items()):
            if pending.origin == fencer and pending.target == target and pending.completed is None \
                    and not pending.orphaned:
                self._settled(pending)

    def reported_call(self, fencer: str, target: str) -> int:
        """The call of `fencer`'s operation on `target` whose result is being reported (NodeFenced.operation),
        once; 0 when none is (a manual confirmation, which this fenced does not number)."""
        return self._reported.pop((fencer, target), 0)

    def _settled(self, pending: PendingOperation) -> None:
        current = self.unreported.get(pending.call)
        if current is None or current.completed is not None:
            return  # reported, or failed meanwhile by merge_duplicates
        if self._up(current.origin):
            del self.unreported[current.call]
            self._reported[(current.origin, current.target)] = current.call
        else:
            self.unreported[current.call] = replace(current, orphaned=True)

    def _answer(self, plan: FencingPlan, orphan: PendingOperation, sent: list[bool],
                done: Callable[[bool, str], None]) -> None:
        """The agents are done: the requester hears the result, or, if it died meanwhile (shot by the
        target it was fencing: a fence race; or crashed while a peer ran the agent), the device still
        carries out the request its agent sent, and nobody reports it: the peer that ran the agent
        answers the dead requester alone, and the other peers keep the operation pending (an orphan)."""
        fencer = orphan.origin
        if plan.ok:
            self._power[(fencer, plan.target)] = plan.power or plan.action
        if fencer == plan.target and plan.delegate not in ("", fencer) and self._up(plan.delegate):
            # the target was also the requester: the peer that ran the agent broadcasts the result on its
            # behalf (send_async_reply, fenced_commands.c) to the fenced of its partition, dead requester or not
            self._on_behalf[fencer] = self.hearers(plan.delegate, fencer) + (plan.delegate,)
            self.unreported.pop(orphan.call, None)
            self._reported[(fencer, plan.target)] = orphan.call
            done(plan.ok, plan.delegate)
            return
        if self._up(fencer):
            self.unreported.pop(orphan.call, None)
            self._reported[(fencer, plan.target)] = orphan.call
            # a failure names the peer whose reply ended a topology (finalize_op takes it from the reply's
            # sender), else the requester (its own broadcast, after no peer was left to try)
            done(plan.ok, (plan.delegate or fencer) if plan.ok or plan.topology else fencer)
            return
        power = self.carried_out(fencer, plan.target, plan.action)
        if plan.ok and sent == [True]:
            self.power(plan.target, power)
        self._settled(orphan)

    def peers_changed(self) -> None:
        """Membership or a node's Pacemaker changed: a controller that appeared (to its peers, or a starting one
        to itself) has the fence history synchronised 5 s later (te_trigger_stonith_history_sync; each
        appearance restarts the timer). Only an orphan whose requester is back has anything to learn from
        it: the timer is set for none other."""
        views = {node: frozenset(self.peers(node)) for node in self.node_names}
        appeared = any(views[node] - self._views.get(node, frozenset()) for node in views)
        if any(self._views.values()) and not any(views.values()):
            self._forget()
        self._views = views
        if appeared and any(op.orphaned and op.completed is None and self._up(op.origin)
                            for op in self.unreported.values()):
            if self._sync is not None:
                self._sync.cancel()
            self._sync = self.clock.call_later(HISTORY_SYNC_SECONDS, self._sync_history)

    def _forget(self) -> None:
        """No fenced runs any more: the history, which each fenced keeps in memory only (stonith_remote_op_list,
        fenced_remote.c) and which the running ones share (fenced_history.c), is gone. A fenced that starts
        alone then holds none; one that joins running peers learns theirs (`history`, `remembered`)."""
        self._forgotten = self.clock.now
        self.unreported.clear()
        if self._sync is not None:
            self._sync.cancel()
            self._sync = None

    def remembered(self, events: Iterable[Event]) -> list[NodeFenced]:
        """The reported fencings the running fenced still hold: those since the last time none ran."""
        return [event for event in events if isinstance(event, NodeFenced) and event.time > self._forgotten]

    def _sync_history(self) -> None:
        """The history sync (stonith_local_history_diff_and_merge, 2.1.5): a requester whose fenced is back
        finds its orphan pending in its peers' history, "originated by us but known only from peer
        history", and fails it (completed now, no delegate: CRM_EX_EXPIRED) and broadcasts the result; every
        fenced of its partition now holds it and logs it (finalize_op: an error on the requester), and
        every controller hears it failed (handle_fence_notification: no executioner, "the cluster")."""
        self._sync = None
        for pending in list(self.unreported.values()):
            origin = pending.origin
            partition = self.peers(origin)
            if not pending.orphaned or pending.completed is not None or not self._up(origin) \
                    or not set(pending.holders) & set(partition):
                continue
            self._logger(origin)(0.0, "warning", "stonith_local_history_diff_and_merge",
                                 f"Failing pending operation {pending.id} originated by us but known only from "
                                 "peer history")
            self.unreported[pending.call] = replace(pending, completed=self.clock.now,
                                                    known_by=(origin, *(n for n in partition if n != origin)))
            for node in partition:
                self._logger(node)(0.0, "error" if node == origin else "notice", "finalize_op",
                                   f"Operation '{pending.action}' targeting {pending.target} by unknown node for "
                                   f"{pending.client}@{origin}: Requested item has expired (Cannot execute now: "
                                   f"{PRESUMED_FAILED}) | id={pending.id}")
                self.emit(LogLine(self.clock.now, node, daemon="pacemaker-controld", level="notice",
                                  function="handle_fence_notification",
                                  text=f"Peer {pending.target} was not terminated ({pending.action}) by the cluster "
                                       f"on behalf of {pending.client}@{origin}: Cannot execute now "
                                       f"({PRESUMED_FAILED}) | event={event_uuid(pending.call)}"))

    def _fail_orphan(self, fencer: str, target: str, action: str) -> None:
        """merge_duplicates (fenced_remote.c, 2.1.5) as a new request for `target` reaches the fenced of
        `fencer`'s partition: an operation still pending for the same target and action, from another
        client, whose requester is gone, is failed on each peer that holds it ("Originator is dead").
        Clients are compared by name, which holds the process id ("pacemaker-controld.59"): another
        node's controller is another client (capture 05: node1's is .59, node3's .56), though the
        simulator names every controller .59; only a suicide is never a duplicate. An orphan whose
        requester is back is failed by the history sync (`_sync_history`), not here."""
        hearing = self.peers(fencer)
        for pending in list(self.unreported.values()):
            if pending.target != target or pending.completed is not None or self._up(pending.origin):
                continue
            if pending.action != action or pending.origin == target:
                continue  # not a duplicate: another action, or a suicide
            self._failed(pending.call, 0.0)
            for holder in pending.holders:
                if holder in hearing:
                    self._logger(holder)(0.0, "notice", "merge_duplicates",
                        f"Failing action '{action}' targeting {target} originating from client "
                        f"{pending.client}@{pending.origin}: Originator is dead | id={pending.id}")

    def _failed(self, call: int, completed: float) -> None:
        """The pending history entry of operation `call` fails (merge_duplicates: state only, completed 0)."""
        pending = self.unreported.get(call)
        if pending is not None:
            self.unreported[call] = replace(pending, completed=completed, orphaned=True)

    def history(self, node: str) -> list[PendingOperation]:
        """What `node`'s fenced holds of the operations nobody reported (their reported results are the
        NodeFenced events), newest first, if its fenced runs: those it took part in, and those a peer of its
        partition took part in (the controller has the fence history synchronised cluster-wide 5 s after a
        node joins, te_trigger_stonith_history_sync, capture 05: taken as at once)."""
        if not self._up(node):
            return []
        partition = set(self.peers(node))
        return [op for call, op in sorted(self.unreported.items(), reverse=True) if partition & set(op.known_by)]

    def admin_delay(self, target: str, fencer: str, requested: int) -> float:
        """The delay before the first device of a manual request (stonith_admin -B/-F, `pcs stonith fence`,
        which passes no --delay): the request's `requested` seconds plus the device's pcmk_delay_base and
        random part (schedule_stonith_command, 2.1.5), or none at all when it asks for -1."""
        if requested < 0:
            return 0.0
        runs = self.plan(target, fencer=fencer).runs
        first = runs[0].device if runs else (self.device_for(target, fencer) or FenceDevice("", {})).id
        return requested + self._device_delay(first, target)

    def longest_admin_fencing(self, target: str, fencer: str, requested: int, timeout: int = ADMIN_TIMEOUT) -> float:
        """The most a manual request can take from its start to fenced's answer: its delay at the longest the
        device may draw (admin_delay, without drawing) and every agent run of the plan (with its retries within
        the request's `timeout`)."""
        runs = self.plan(target, fencer=fencer, base=timeout).runs
        first = runs[0].device if runs else (self.device_for(target, fencer) or FenceDevice("", {})).id
        params = next((d.params for d in self.devices() if d.id == first), {})
        delay = 0 if requested < 0 else requested + delay_range(params, target)[1]
        return delay + sum(run.seconds for run in runs)

    def _up(self, node: str) -> bool:
        """`node`'s fenced still runs: it is among the peers it sees (a shot or stopped node sees none)."""
        return node in self.peers(node)

    def hearers(self, fencer: str, target: str) -> tuple[str, ...]:
        """The other peers whose fenced (and controller) hear the result of `fencer`'s request and log it:
        those of its partition, or, when `fencer` asked to fence itself and a peer ran the agent, those
        of that peer's partition when it answered (the requester is down by the time it is reported)."""
        if fencer == target and fencer in self._on_behalf:
            return self._on_behalf[fencer]
        return tuple(peer for peer in self.peers(fencer) if peer not in (fencer, target))

    def _logger(self, fencer: str) -> Callable[[float, str, str, str], None]:
        """say(after, level, function, text): a pacemaker-fenced line on `fencer`, `after` seconds from now,
        unless the fencer is gone by then (the loser of a fence race logs nothing more)."""
        def say(after: float, level: str, function: str, text: str) -> None:
            line = LogLine(self.clock.now + after, fencer, daemon="pacemaker-fenced", level=level, text=text,
                           function=function)

            def emit() -> None:
                if self._up(fencer):
                    self.emit(line)

            if after <= 0:
                emit()
            else:
                self.clock.call_later(after, emit)
        return say

    def delay(self, target: str, fencer: str | None = None) -> float:
        """priority-fencing-delay, then the first device's pcmk_delay_base + a random part up to its
        pcmk_delay_max: what decides a two-node fence race."""
        runs = self.plan(target, fencer=fencer).runs
        first = runs[0].device if runs else (self.device_for(target, fencer) or FenceDevice("", {})).id
        priority = self._priority_delay(fencer, target) if fencer else 0.0
        return priority + self._device_delay(first, target)

    def _device_timeout(self, device: str, action: str, base: int) -> int:
        """get_device_timeout (fenced_remote.c, 2.1.5): the device's pcmk_<action>_timeout as the peer reports
        it (get_action_timeout reads it with atoi: "30s" is 30, "1min" 1), else the request's timeout, plus
        its pcmk_delay_max."""
        params = next((d.params for d in self.devices() if d.id == device), {})
        return (self._custom_timeout(params, action) or base) + int(values.seconds(params.get("pcmk_delay_max"), 0.0))

    @staticmethod
    def _custom_timeout(params: Mapping[str, str], action: str) -> int:
        """get_action_timeout (fenced_commands.c): pcmk_<action>_timeout read with atoi ("30s" 30, "1min" 1), or 0."""
        return _atoi(params.get(f"pcmk_{action}_timeout", ""))

    def _delaying(self, run: DeviceRun, target: str, seconds: int, requested: int, sent_timeout: int) -> str:
        """schedule_stonith_command's line (fenced_commands.c, 2.1.5) on the peer that runs `run`: the delay
        (requested + the device's own), the agent's timeout (its pcmk_<action>_timeout, else the one sent with
        the request), the requested delay and the device's pcmk_delay_base / pcmk_delay_max as it applies them."""
        params = next((d.params for d in self.devices() if d.id == run.device), {})
        most = int(values.seconds(params.get("pcmk_delay_max"), 0.0))
        least = int(delay_base_for(params.get("pcmk_delay_base"), target))
        most = most or least
        timeout = self._custom_timeout(params, run.action) or sent_timeout
        return (f"Delaying '{run.action}' action targeting {target} using {run.device} for {seconds}s | "
                f"timeout={timeout}s requested_delay={requested}s base={min(least, most)}s max={most}s")

    def _device_delay(self, device: str, target: str) -> float:
        """A device's own delay before each action it runs (delay_range), the random part seeded."""
        params = next((d.params for d in self.devices() if d.id == device), {})
        shortest, longest = delay_range(params, target)
        return float(shortest + self.rng.randrange(longest - shortest + 1))

    def _priority_delay(self, fencer: str, target: str) -> float:
        """priority-fencing-delay as pe__node_priority_fencing_delay (2.1.5): a lost node whose running
        resources weigh the most (their `priority` meta-attributes summed) is shot that much later, when
        the fencing side holds no more than half of the cluster's members."""
        delay = values.seconds(self.cib.property("priority-fencing-delay"), 0.0)
        online = self.peers(fencer)
        if delay <= 0 or target in online or len(online) > len(self.node_names) // 2:
            return 0.0
        weight = {node: self._node_priority(node) for node in self.node_names}
        top = max(weight.values())
        return delay if weight[target] == top and min(weight.values()) < top else 0.0

    def _node_priority(self, node: str) -> int:
        """The sum of the priorities of the primitives running on `node` (a group's or clone's meta
        priority and rsc_defaults apply to their members, as Pacemaker unpacks them)."""
        defaults = next((value for sets in self.cib.root.iterfind(".//configuration/rsc_defaults")
                         for value in [instance_parameters(sets, "meta_attributes").get("priority")]
                         if value is not None), None)
        total = 0
        for primitive in self.cib.root.iterfind(".//configuration/resources//primitive"):
            if not self.is_active(node, primitive.get("id", "")):
                continue
            found = next((value for element in (primitive, *primitive.iterancestors("group", "clone", "master"))
                          for value in [instance_parameters(element, "meta_attributes").get("priority")]
                          if value is not None), defaults)
            total += values.char2score(found) if found is not None else 0
        return total
