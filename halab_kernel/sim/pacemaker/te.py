"""controld's transition engine on a DC: a computed graph carried out (controld_te_*.c).

Each action is sent when those it waits for are done: resource operations to the target node's
execd, fencing to fenced (devices, topology levels, delays), to SBD (fence_sbd's poison pill) or
left to the target's watchdog (stonith-watchdog-timeout); cancel/delete/clear_failcount are
records only. An unexpected result, a changed promotion score or a changed fail count aborts the
transition; the DC computes a new one when the actions in flight are done. Results from a node
that died or restarted since the action was sent never come (`lost`).

The engine receives what it uses: the clock and event stream, the CIB store (stonith-timeout),
execd, attrd, fenced, SBD's poison pill, the machines' power callback, corosync's membership,
and the controller's `pacemaker_up`, its nodes' incarnations and three callbacks: recompute on
a DC (`request_transition`), a transition is over (`transitions_done`: clean shutdowns may go
on) and a target is fenced (`target_down`).
"""

from __future__ import annotations

from typing import Callable

from halab_kernel import values
from halab_kernel.model import ActionStarted, Event, LogLine, NodeFenced
from halab_kernel.sim.clock import Clock
from halab_kernel.sim.pacemaker.attrd import Attrd
from halab_kernel.sim.pacemaker.cibstore import CibStore
from halab_kernel.sim.pacemaker.durations import FENCE_SECONDS
from halab_kernel.sim.pacemaker.execd import Execd, OperationResult
from halab_kernel.sim.pacemaker.fenced import Fenced
from halab_kernel.sim.pacemaker.graph import GraphAction
from halab_kernel.sim.pacemaker.links import Machines, Membership, PoisonPills
from halab_kernel.sim.pacemaker.running import RunningTransition

FENCE_RETRY_SECONDS = 10.0     # a failed fencing is retried (the cluster stays blocked meanwhile)
DEFAULT_FENCING_MAX_ATTEMPTS = 10  # stonith-max-attempts: the controller's default


def fencing_max_attempts(value: str | None) -> int:
    """stonith-max-attempts as the controller reads it (char2score; below 1 means the default)."""
    attempts = values.char2score(value) if value is not None else DEFAULT_FENCING_MAX_ATTEMPTS
    return attempts if attempts >= 1 else DEFAULT_FENCING_MAX_ATTEMPTS


class TransitionEngine:
    """Every DC's running transition (`running`: DC -> its transition), carried out action by action."""

    def __init__(self, clock: Clock, emit: Callable[[Event], None], cib: CibStore, execd: Execd, attrd: Attrd,
                 fenced: Fenced, sbd: PoisonPills, machines: Machines, membership: Membership,
                 pacemaker_up: Callable[[str], bool], incarnation: dict[str, int],
                 request_transition: Callable[[str, float], None], transitions_done: Callable[[], None],
                 target_down: Callable[[str, str, str, str | None], None]) -> None:
        self.clock = clock
        self.emit = emit
        self.cib = cib
        self.execd = execd
        self.attrd = attrd
        self.fenced = fenced
        self.sbd = sbd
        self.machines = machines
        self.membership = membership
        self.pacemaker_up = pacemaker_up
        self.incarnation = incarnation
        self.request_transition = request_transition
        self.transitions_done = transitions_done
        self.target_down = target_down
        self.running: dict[str, RunningTransition] = {}
        self.fence_failures: dict[str, int] = {}  # target -> failed fencings since its last success

    def lost(self, transition: RunningTransition, action_id: int) -> bool:
        """An action whose node died or restarted since it was sent: no result will ever come."""
        action = transition.action(action_id)
        if action.task == "fence":
            return False
        return (not self.pacemaker_up(action.node)
                or self.incarnation[action.node] != transition.sent_to.get(action_id))

    def launch(self, transition: RunningTransition) -> None:
        if self.running.get(transition.dc) is not transition:
            return
        if transition.aborted:
            if not transition.busy:
                self.request_transition(transition.dc, 0.0)
            return
        while (action := transition.next_ready()) is not None:
            self._execute(transition, action)
        if transition.finished:
            self.running.pop(transition.dc, None)
            self.transitions_done()

    def _execute(self, transition: RunningTransition, action: GraphAction) -> None:
        if action.task == "fence":
            self.emit(ActionStarted(self.clock.now, transition.dc, resource=action.node, action="fence",
                                    dc=transition.dc))
            device = self.fenced.device_for(action.node, transition.dc)
            if device is None and self.sbd.watchdog_seconds(action.node) > 0:
                wait = self.sbd.watchdog_seconds(action.node)  # the DC waits stonith-watchdog-timeout, then assumes it
                self.fenced.begin(transition.dc, action.node, action.fence_action)  # pending until reported
            elif device is not None and device.agent == "fence_sbd":
                self.fenced.begin(transition.dc, action.node, action.fence_action)
                self.clock.call_later(self.fenced.delay(action.node, transition.dc),
                                      lambda: self._poison_pill(transition, action))
                return
            else:  # fenced runs the devices (topology levels in order), then reports
                self.fenced.run(transition.dc, action.node, action.fence_action,
                                self.fenced.delay(action.node, transition.dc),
                                lambda ok, by: (self._fenced(transition, action, by) if ok
                                                else self._fence_failed(transition, action, by)))
                return
            self.clock.call_later(wait, lambda: self._fenced(transition, action))
            return
        if action.task in ("cancel", "delete", "clear_failcount"):  # bookkeeping only: no agent runs
            self.clock.call_later(0.0, lambda: self._bookkeeping(transition, action))
            return
        transition.sent_to[action.id] = self.incarnation[action.node]
        self.execd.execute(action, transition.dc, lambda result: self._finished(transition, action, result))

    def _finished(self, transition: RunningTransition, action: GraphAction, result: OperationResult) -> None:
        if self.lost(transition, action.id):
            return  # the node died or restarted meanwhile: the next transition decides afresh
        self.execd.record(action, transition.number, result)
        if result.promotion is not None and self.attrd.set_promotion(action.node, action.resource or "",
                                                                     result.promotion):
            transition.aborted = True  # a promotion score changed: attrd aborts
        if result.rc != action.expected_rc or result.timed_out:
            if not action.is_probe or result.rc not in (0, 7, 8):
                self.attrd.count_failure(action.node, action.resource or "", action.task, action.interval_ms)
            transition.aborted = True
        transition.finish(action.id)
        self.launch(transition)

    def _poison_pill(self, transition: RunningTransition, action: GraphAction) -> None:
        """fence_sbd: the pill goes into the target's slot; success is reported after msgwait, or the
        operation times out first when msgwait is not below stonith-timeout."""
        device = self.fenced.device_for(action.node, transition.dc)
        if not self.pacemaker_up(transition.dc) or device is None:
            self.fenced.settle(transition.dc, action.node)
            return
        wait = self.sbd.poison_pill(transition.dc, action.node, action.fence_action,
                                        device.params.get("devices", ""))
        timeout = values.seconds(self.cib.property("stonith-timeout"), 60.0)
        if wait is not None and wait < timeout:
            self.clock.call_later(wait, lambda: self._fenced(transition, action))
        else:
            self.clock.call_later(timeout if wait is not None else FENCE_SECONDS,
                                  lambda: self._fence_failed(transition, action))

    def _fenced(self, transition: RunningTransition, action: GraphAction, delegate: str | None = None) -> None:
        self.fenced.settle(transition.dc, action.node)  # fence_sbd's, watchdog's: reported, or orphaned
        if not self.pacemaker_up(transition.dc):
            return  # the fencer itself was shot first: the loser of a fence race
        target = action.node
        device = self.fenced.device_for(target, transition.dc)
        if device is None and self.sbd.watchdog_seconds(target) > 0:
            # SBD: the target has reset itself by now (it lost quorum, or its sbd saw Pacemaker die)
            if self.machines.powered(target) and self.membership.corosync_running(target):
                self.machines.shoot(target, action.fence_action)
            self.target_down(transition.dc, target, "watchdog", None)
        elif device is None:  # no device can reach it: fencing fails and is retried
            self._fence_failed(transition, action)
            return
        elif device.agent == "fence_sbd":
            self.sbd.pill_confirmed(target)  # the target took the pill itself (or its watchdog fired)
            self.target_down(transition.dc, target, action.fence_action, None)
        else:  # what the device did: pcmk_reboot_action=off leaves the target off
            self.machines.shoot(target, self.fenced.carried_out(transition.dc, target, action.fence_action))
            self.target_down(transition.dc, target, action.fence_action, delegate)
        self.fence_failures.pop(target, None)  # st_fail_count_reset
        transition.finish(action.id)
        self.launch(transition)

    def _fence_failed(self, transition: RunningTransition, action: GraphAction, by: str | None = None) -> None:
        """`by`: the peer fenced names for the failure (Fenced._answer), None for the DC itself."""
        self.fenced.settle(transition.dc, action.node)
        if not self.pacemaker_up(transition.dc):
            return
        unable = self.fenced.device_for(action.node, transition.dc) is None  # no device: no peer ran one
        self.emit(NodeFenced(self.clock.now, transition.dc, target=action.node, action=action.fence_action, ok=False,
                             delegate="" if unable else None if by == transition.dc else by,
                             operation=self.fenced.reported_call(transition.dc, action.node),
                             witnesses=self.fenced.hearers(transition.dc, action.node)))
        transition.aborted = True
        transition.finish(action.id)
        self.running.pop(transition.dc, None)
        failures = self.fence_failures[action.node] = self.fence_failures.get(action.node, 0) + 1
        if unable:  # tengine_stonith_callback: no device, "giving up for now" (pcmk__graph_wait): no new transition
            return  # for this, the next event or the recheck brings one
        if failures >= fencing_max_attempts(self.cib.property("stonith-max-attempts")):
            # abort_for_stonith_failure: no new transition for this; the next event or recheck brings one
            self.emit(LogLine(self.clock.now, transition.dc, daemon="pacemaker-controld", level="warning",
                              text=f"Too many failures ({failures}) to fence {action.node}, giving up",
                              function="too_many_st_failures"))
            return
        self.request_transition(transition.dc, FENCE_RETRY_SECONDS)

    def _bookkeeping(self, transition: RunningTransition, action: GraphAction) -> None:
        """cancel, delete, clear_failcount: execd's records only, no agent runs."""
        if self.execd.bookkeeping(action):
            transition.aborted = True  # a fail count changed: the DC computes afresh
        transition.finish(action.id)
        self.launch(transition)
