"""Pacemaker's controller in virtual time: DC election, join, transitions, monitors.

Rules (Pacemaker Explained, and the captured logs of a real 2.1.5 cluster):
- pacemakerd starts once corosync runs; the node's controller is "pending"
  until it joins a DC. A node that has never seen a DC waits `dc-deadtime`
  (20 s by default) before calling an election; a partition that loses its DC
  elects a new one at once. The lowest node id wins ties.
- Every partition has its own DC; it sees the nodes outside its membership as
  offline (unclean, if they did not leave cleanly) and the votequorum verdict
  of its own node as `have-quorum`.
- The DC recomputes a transition about a second after a membership change (the
  join round), and promptly after a configuration change or an operation
  failure. It runs the scheduler on its view of the CIB and hands the graph to
  the transition engine (te.py): each action when those it waits for are done,
  each taking its agent's time. An unexpected result aborts the transition; a
  new one is computed when the actions in flight have finished.
- Recurring monitors run on their node at their interval and report only
  changes; a failure bumps the fail count and wakes the DC.
"""

from __future__ import annotations

import random
from contextlib import AbstractContextManager
from typing import Callable, Sequence

from lxml import etree

from halab_kernel import values
from halab_kernel.model import ActionStarted, DCElected, Event, LogLine, NodeFenced, TransitionComputed
from halab_kernel.sim.clock import Clock, Timer
from halab_kernel.sim.pacemaker.cibstore import CibStore, NodeView
from halab_kernel.sim.pacemaker.attrd import Attrd
from halab_kernel.sim.pacemaker.execd import Execd
from halab_kernel.sim.pacemaker.fenced import ADMIN, ADMIN_TIMEOUT, Fenced, delay_base_for  # noqa: F401 - delay_base_for: the course tests read it here
from halab_kernel.sim.pacemaker.executor import Executor
from halab_kernel.sim.pacemaker.graph import TransitionGraph
from halab_kernel.sim.pacemaker.links import Machines, Membership, PoisonPills
from halab_kernel.sim.pacemaker.pe_inputs import PeInputStore, series_max
from halab_kernel.sim.pacemaker.running import RunningTransition
from halab_kernel.sim.pacemaker.states import Fsa, Join
from halab_kernel.sim.pacemaker.te import TransitionEngine

Planner = Callable[[etree._Element, str], TransitionGraph]  # the CIB the scheduler reads, and its text

STARTUP_SECONDS = 1.0          # pacemakerd spawns its daemons
JOIN_SECONDS = 0.5             # a join round with an existing DC
ELECTION_SECONDS = 0.3         # an election among nodes that lost their DC
AFTER_MEMBERSHIP_SECONDS = 1.0  # membership change -> scheduler run (captured: 1.05 s)
AFTER_CHANGE_SECONDS = 0.05    # configuration change or failure -> scheduler run


class Controller:
    """pacemaker-controld of every node (elections, joins, each DC's cycle: when to compute a
    transition, from which view of the CIB), with the attrd, execd and fenced it talks to; the
    transition engine (te.py) carries the computed graphs out. It receives the clock, the event stream, a seeded random source
    (fencing delays), corosync's membership view, the machines' facts and power callback, and SBD's
    poison pill (links.py): nothing else of the simulator."""

    def __init__(self, cluster_name: str, nodes: Sequence[tuple[str, int]], clock: Clock,
                 emit: Callable[[Event], None], rng: random.Random, membership: Membership, machines: Machines,
                 sbd: PoisonPills, planner: Planner) -> None:
        self.node_names = tuple(name for name, _ in nodes)
        self.node_id: Callable[[str], int] = dict(nodes).__getitem__  # corosync's ids never change
        self._pacemakerd: set[str] = set()  # nodes whose pacemakerd runs (node_started .. node_stopped)
        self.clock = clock
        self.emit = emit
        self.membership = membership
        self.machines = machines
        self.sbd = sbd
        self.planner = planner
        self.cib = CibStore(cluster_name, list(nodes), clock=lambda: values.unix_time(clock.now))
        self.executor = Executor()
        self.attrd = Attrd(self.cib, self.clock, self.node_id, self.pacemaker_up, machines.can_talk,
                           self.request_transitions, peers=self.peers, dc_for=self.dc_for, emit=self.emit)
        self.execd = Execd(self.cib, self.executor, self.clock, self.emit, self.node_id, self.pacemaker_up,
                           self.attrd, self._wake_dc_of)
        self.fenced = Fenced(self.cib, rng, self.node_names, self.peers, self.executor.is_active,
                             clock=self.clock, emit=self.emit, power=machines.shoot)
        self.pe_inputs = PeInputStore()  # each node's /var/lib/pacemaker/pengine (pe_inputs.py, faults')
        self.crmd = {name: Join.DOWN for name in self.node_names}
        self.dc_of: dict[str, str | None] = {name: None for name in self.node_names}
        self.expected = {name: Join.DOWN for name in self.node_names}  # what the DC expects of it
        self.fenced_by: dict[str, set[str]] = {}  # target -> the partition that fenced it, until it rejoins it
        self.saw_a_dc: set[str] = set()
        self.transition_count = 0
        self._elections: dict[frozenset[str], Timer] = {}
        self._recompute: dict[str, Timer] = {}
        self._shutting_down: dict[str, Callable[[], None]] = {}
        self.seen_up: set[str] = set()  # nodes whose controllers the others believe alive (CPG membership)
        self.ever_had_quorum: set[str] = set()  # controllers that have seen their partition quorate
        self.incarnation = {name: 0 for name in self.node_names}  # bumped at each Pacemaker start
        self.readings: dict = {}  # node -> (fingerprint, snapshot.Reading): crm_mon's, computed once per change
        self.te = TransitionEngine(self.clock, self.emit, self.cib, self.execd, self.attrd, self.fenced, sbd, machines,
                                   membership, self.pacemaker_up, self.incarnation, self.request_transition,
                                   self._finish_shutdowns, self._target_down)
        self.cib.on_configuration_change(self._configuration_changed)

    # --- who is who -------------------------------------------------------------

    def pacemaker_up(self, name: str) -> bool:
        return name in self._pacemakerd and self.crmd[name] is not Join.DOWN

    def peers(self, name: str) -> list[str]:
        """The controllers this node believes it can talk to: its ring's members whose Pacemaker it has
        not seen leave. A crashed node stays a peer until corosync notices it is gone."""
        members = self.membership.members(name)
        if members is None or not self.membership.in_ring(name):
            return []
        return sorted((n for n in members if n in self.seen_up), key=self.node_id)

    def dc_for(self, name: str) -> str | None:
        dc = self.dc_of.get(name)
        if dc and dc in self.peers(name) and self.dc_of.get(dc) == dc:
            return dc
        return None

    def dcs(self) -> list[str]:
        return [name for name in self.node_names if self.dc_of.get(name) == name and self.pacemaker_up(name)]

    # --- node lifecycle -----------------------------------------------------------

    def node_started(self, name: str) -> None:
        """pacemakerd has started on `name`: its controller comes up pending."""
        self._pacemakerd.add(name)
        self.incarnation[name] += 1
        # A starting controller's executor knows nothing yet: its history is what it reports at
        # join (probes find whatever still runs), not what the cluster last heard before it died.
        self.cib.forget_node_history(name, self.node_id(name))
        self.attrd.started(name)
        self.ever_had_quorum.discard(name)
        self.crmd[name] = Join.PENDING
        self.seen_up.add(name)
        self.dc_of[name] = None
        self.saw_a_dc.discard(name)
        self.clock.call_later(STARTUP_SECONDS, lambda: self._look_for_dc(name))
        self.fenced.peers_changed()

    def node_stopped(self, name: str, lost_resources: bool, noticed: bool) -> None:
        """Pacemaker on `name` is gone (crash, kill, clean stop).

        `noticed`: its peers learn it at once (a clean stop, or Pacemaker dying while corosync
        runs); otherwise (the whole node died) only when corosync installs a ring without it.
        """
        was_dc = self.dc_of.get(name) == name
        self._pacemakerd.discard(name)
        self.crmd[name] = Join.DOWN
        self.execd.node_stopped(name)
        if lost_resources:
            self.executor.node_lost(name)
        self.te.running.pop(name, None)
        self.fenced.peers_changed()
        if not noticed:
            return  # its peers still count on it (and on it as their DC) until corosync says otherwise
        self.attrd.gone(name)
        self.seen_up.discard(name)
        self.fenced.peers_changed()  # the last fenced to stop takes the fence history with it
        self.dc_of[name] = None
        if was_dc:
            for peer in self.node_names:
                if self.dc_of.get(peer) == name:
                    self.dc_of[peer] = None
                    self._look_for_dc(peer)
        for dc in self.dcs():
            self.request_transition(dc, AFTER_CHANGE_SECONDS)

    def request_shutdown(self, name: str, then: Callable[[], None]) -> None:
        """A clean stop: ask the DC to move the node's resources away, then let `then` stop the daemons."""
        if not self.pacemaker_up(name) or self.dc_for(name) is None:
            then()
            return
        self._shutting_down[name] = then
        self.attrd.request_shutdown(name)
        self.request_transition(self.dc_for(name) or name, AFTER_CHANGE_SECONDS)

    def _finish_shutdowns(self) -> None:
        for name, then in list(self._shutting_down.items()):
            dc = self.dc_for(name)
            busy = dc is not None and dc in self.te.running and any(
                self.te.running[dc].action(action_id).node == name for action_id in self.te.running[dc].in_flight)
            if dc is not None and (self.executor.active.get(name) or busy):
                continue
            del self._shutting_down[name]
            self.attrd.shutdown_done(name)
            self.expected[name] = Join.DOWN
            self.cib.forget_node_history(name, self.node_id(name))
            then()

    def cleanup(self, rsc: str | None = None, node: str | None = None, origin: str | None = None) -> None:
        """`crm_resource --cleanup` / `pcs resource cleanup` run on `origin`: forget failures (its attrd clears
        them) and operation history (the executor unregisters the resource, which cancels its recurring
        monitors), so the DC re-probes and decides afresh."""
        rscs = [rsc] if rsc else [p.get("id", "") for p in self.cib.root.iterfind(".//configuration/resources//primitive")]
        nodes = [node] if node else list(self.node_names)
        for name in rscs:
            self.cib.clear_resource_history(name, node)
            for target in nodes:
                self.attrd.clear_failures(target, name, origin)
                self.execd.cancel_monitors(target, name)
        for dc in self.dcs():
            self.request_transition(dc, AFTER_CHANGE_SECONDS)

    def longest_manual_fencing(self, fencer: str, target: str, delay: int = 0, timeout: int = ADMIN_TIMEOUT) -> float:
        """The most seconds a manual fencing of `target` from `fencer` can take (Fenced.longest_admin_fencing)."""
        return self.fenced.longest_admin_fencing(target, fencer, delay, timeout)

    def fence_manually(self, fencer: str, target: str, action: str = "reboot", delay: int = 0,
                       timeout: int = ADMIN_TIMEOUT) -> bool:
        """`pcs stonith fence` / `stonith_admin --reboot [--delay N] [--timeout N]`: needs a fence device and a
        running fencer. fenced waits the request's delay plus the device's (Fenced.admin_delay), then runs the
        devices (topology levels in order; fenced.py), or fence_sbd sends the poison pill; False when it fails.
        `timeout` is the request's base timeout, as its logs show it: a fencing that could outlast it (real
        fenced would time it out) is refused by the caller first (Fenced.longest_admin_fencing)."""
        device = self.fenced.device_for(target, fencer)
        if device is None or not self.pacemaker_up(fencer):
            return False

        def done(ok: bool = True, by: str | None = None) -> None:
            self.fenced.settle(fencer, target)  # fence_sbd's pill: reported, or orphaned
            if not self.pacemaker_up(fencer) and by in (None, fencer):
                return  # the requester ran the device on itself: nobody is left to report
            if not ok:
                self.emit(NodeFenced(self.clock.now, fencer, target=target, action=action, ok=False,
                                     delegate=None if by in (None, fencer) else by,
                                     requester="stonith_admin", witnesses=self.fenced.hearers(fencer, target),
                                     operation=self.fenced.reported_call(fencer, target)))
                return
            if device.agent == "fence_sbd":
                self.sbd.pill_confirmed(target)
            else:  # what the device did: pcmk_reboot_action=off leaves the target off
                self.machines.shoot(target, self.fenced.carried_out(fencer, target, action))
            self._target_down(fencer, target, action, delegate=by, requester="stonith_admin")

        self.emit(ActionStarted(self.clock.now, fencer, resource=target, action="fence", dc=fencer))
        wait = self.fenced.admin_delay(target, fencer, delay)
        if device.agent != "fence_sbd":
            return self.fenced.run(fencer, target, action, wait, done, client=ADMIN, requested=delay,
                                   timeout=timeout).ok
        devices = device.params.get("devices", "")
        if not self.sbd.reaches(fencer, devices, target):
            return False
        self.fenced.begin(fencer, target, action, ADMIN)

        def pill() -> None:
            sent = self.sbd.poison_pill(fencer, target, action, devices)
            if sent is not None:
                self.clock.call_later(sent, done)

        if wait > 0:
            self.clock.call_later(wait, pill)
        else:
            pill()
        return True

    def confirm_fenced(self, fencer: str, target: str) -> bool:
        """`stonith_admin --confirm` (`pcs stonith confirm`): a human swears the target is safely off.
        fenced records an "off" done by "a human" (stonith_manual_ack) and the DC treats the node as
        fenced; the machine itself is left alone, so resources it still runs run twice. False when
        the fencer's Pacemaker is down or the target is a member of its partition (whose controller
        would exit on the news, fence-reaction: not simulated)."""
        if not self.pacemaker_up(fencer) or target == fencer or target in self.peers(fencer):
            return False
        self.emit(LogLine(self.clock.now, fencer, daemon="pacemaker-fenced", level="notice",
                          text=f"Injecting manual confirmation that {target} is safely off/down",
                          function="stonith_manual_ack"))
        self._target_down(fencer, target, "off", delegate="a human",
                          processes_gone=not self.machines.powered(target))
        self.te.fence_failures.pop(target, None)
        self.request_transitions()
        return True

    def simulate_failure(self, node: str, rsc: str) -> None:
        """`crm_resource --fail`: a failed asynchronous monitor is recorded, as if the agent had
        reported an error; the resource itself keeps running until recovery stops it."""
        self.execd.simulate_failure(node, rsc)
        self._wake_dc_of(node)

    def _wake_dc_of(self, node: str) -> None:
        """Something failed on `node`: its DC computes a new transition soon."""
        dc = self.dc_for(node)
        if dc:
            self.request_transition(dc, AFTER_CHANGE_SECONDS)

    def membership_changed(self, members: tuple[str, ...]) -> None:
        """A new corosync ring was installed: re-check DCs, then let each DC recompute."""
        self.cib.membership_formed(members)
        gone = {n for n in self.seen_up if not self.pacemaker_up(n) or not self.membership.corosync_running(n)}
        self.seen_up -= gone
        for name in sorted(gone, key=self.node_id):
            self.dc_of[name] = None
            self.attrd.gone(name)
        for name in members:
            if self.membership.quorate(name) and self.pacemaker_up(name):
                self.ever_had_quorum.add(name)
            if self.pacemaker_up(name):
                self._look_for_dc(name)
        for dc in self.dcs():
            if dc in members:  # a partition whose ring has not changed (or is not announced yet) sees nothing
                self.request_transition(dc, AFTER_MEMBERSHIP_SECONDS)
        self.fenced.peers_changed()  # a controller that appeared sets off a fence history sync

    def _look_for_dc(self, name: str) -> None:
        if not self.pacemaker_up(name) or not self.peers(name):
            return
        if len(self._claimants(name)) > 1:  # two partitions merged, each with its DC
            self._call_election(name)
            return
        dc = self.dc_for(name)
        if dc is None:
            existing = [p for p in self.peers(name) if self.dc_of.get(p) == p]
            if existing:
                dc = existing[0]
        if dc is not None and self.dc_of.get(name) != dc:
            self.clock.call_later(JOIN_SECONDS, lambda: self._join(name, dc))
        elif dc is None:
            self._call_election(name)

    def _call_election(self, name: str) -> None:
        group = frozenset(self.peers(name))
        if group in self._elections:
            return
        deadtime = values.seconds(self.cib.property("dc-deadtime"), 20.0)
        delay = ELECTION_SECONDS if name in self.saw_a_dc else deadtime
        self._elections[group] = self.clock.call_later(delay, lambda: self._elect(group))

    def _elect(self, group: frozenset[str]) -> None:
        self._elections.pop(group, None)
        candidates = sorted((n for n in group if self.pacemaker_up(n)), key=self.node_id)  # not set order
        if not candidates:
            return
        anyone = candidates[0]
        claimants = self._claimants(anyone)
        if self.dc_for(anyone) is not None and len(claimants) <= 1:
            return
        peers = self.peers(anyone)
        if not peers:
            return  # its corosync is not in a ring: the next membership change calls a new election
        winner = min(claimants or peers, key=self.node_id)
        for loser in claimants:
            if loser != winner:
                self.te.running.pop(loser, None)
                timer = self._recompute.pop(loser, None)
                if timer:
                    timer.cancel()
        for peer in peers:
            self.dc_of[peer] = winner
            self.crmd[peer] = Join.MEMBER
            self.expected[peer] = Join.MEMBER
            self.fenced_by.get(peer, set()).difference_update(peers)
            self.saw_a_dc.add(peer)
        self.emit(DCElected(self.clock.now, winner, dc=winner))
        self.request_transition(winner, AFTER_MEMBERSHIP_SECONDS)

    def _claimants(self, name: str) -> list[str]:
        """The peers of `name` that believe they are the DC."""
        return [peer for peer in self.peers(name) if self.dc_of.get(peer) == peer]

    def _join(self, name: str, dc: str) -> None:
        if not self.pacemaker_up(name) or dc not in self.peers(name) or self.dc_of.get(dc) != dc:
            self._look_for_dc(name)
            return
        self.dc_of[name] = dc
        self.crmd[name] = Join.MEMBER
        self.expected[name] = Join.MEMBER
        self.fenced_by.get(name, set()).difference_update(self.peers(dc))
        self.saw_a_dc.add(name)
        self.request_transition(dc, AFTER_CHANGE_SECONDS)

    # --- transitions ----------------------------------------------------------------

    def request_transition(self, dc: str, delay: float) -> None:
        timer = self._recompute.get(dc)
        if timer and not timer.cancelled and timer.due <= self.clock.now + delay:
            return
        if timer:
            timer.cancel()
        self._recompute[dc] = self.clock.call_later(delay, lambda: self._transition_due(dc))

    def fsa_state(self, dc: str) -> Fsa:
        """Where `dc` stands in its transition cycle: actions in flight, a computation due within the
        second, or neither."""
        transition = self.te.running.get(dc)
        if transition is not None and transition.busy:
            return Fsa.S_TRANSITION_ENGINE
        timer = self._recompute.get(dc)
        if timer is not None and not timer.cancelled and timer.due <= self.clock.now + 1.0:
            return Fsa.S_POLICY_ENGINE
        return Fsa.S_IDLE

    def idle(self) -> bool:
        """Every DC (and every node that was one) at S_IDLE: what `pcs ... --wait` waits for."""
        return all(self.fsa_state(dc) is Fsa.S_IDLE for dc in (*self.te.running, *self._recompute))

    def primitives_of(self, rsc: str) -> list[str]:
        """The primitives a resource id stands for (itself, or a group's or clone's members)."""
        for element in self.cib.root.iterfind("configuration/resources//*"):
            if element.get("id") == rsc:
                if element.tag == "primitive":
                    return [rsc]
                return [p.get("id", "") for p in element.iterfind(".//primitive")]
        return []

    def request_transitions(self) -> None:
        """Something the scheduler reads changed (configuration, a node attribute): every DC recomputes."""
        for dc in self.dcs():
            self.request_transition(dc, AFTER_CHANGE_SECONDS)

    def _configuration_changed(self) -> None:
        self.request_transitions()

    def _transition_due(self, dc: str) -> None:
        self._recompute.pop(dc, None)
        if self.dc_of.get(dc) != dc or not self.pacemaker_up(dc):
            return
        current = self.te.running.get(dc)
        if current:
            for lost in sorted(i for i in current.in_flight if self.te.lost(current, i)):  # died with their node
                current.finish(lost)
            if current.busy:
                current.aborted = True  # recomputed once the actions in flight are done
                return
        self.attrd.expire_failures()
        with self._scheduler_input(dc) as scheduler_input:  # the DC's view, laid over the live CIB meanwhile
            text = etree.tostring(scheduler_input, encoding="unicode")  # the pe-input, which the planner reads too
            graph = self.planner(scheduler_input, text)
        recheck = values.seconds(self.cib.property("cluster-recheck-interval"), 900.0)
        expiry = self.attrd.next_failure_expiry()
        if expiry is not None:
            recheck = min(recheck, max(expiry - self._unix_now(), 1)) if recheck > 0 else max(expiry - self._unix_now(), 1)
        if recheck > 0:
            self.request_transition(dc, recheck)  # 2.1.5 looks ahead to the next failure-timeout expiry
        self.transition_count += 1
        saved = self.pe_inputs.save(dc, self.transition_count, self.clock.now,
                                    text,
                                    series_max(self.cib.property("pe-input-series-max")))
        self.emit(TransitionComputed(self.clock.now, dc, transition=self.transition_count, actions=graph.summary,
                                     pe_input=None if saved is None else saved.number))
        transition = RunningTransition(self.transition_count, dc, graph)
        self.te.running[dc] = transition
        self.te.launch(transition)
        if graph.is_empty:
            self._finish_shutdowns()

    def _scheduler_input(self, dc: str) -> AbstractContextManager[etree._Element]:
        """The DC's CIB as it hands it to the scheduler, for the time of a `with` block: with
        `no-quorum-panic="1"` once a DC that ever had quorum has lost it (do_pe_invoke_callback),
        which lets no-quorum-policy=suicide act."""
        views, quorate = self._node_views(dc, dc)
        if self.membership.quorate(dc):
            self.ever_had_quorum.add(dc)
        panic = not self.membership.quorate(dc) and dc in self.ever_had_quorum
        return self.cib.overlaid(views, quorate, (dc, self.node_id(dc)), values.unix_time(self.clock.now), dc,
                                 panic=panic)

    def view_of(self, dc: str, asker: str | None = None) -> etree._Element:
        """The CIB of `dc`'s partition as `asker` (default: the DC itself) sees it: the partition
        online, everyone else offline. A node whose DC just died keeps its old picture (membership,
        quorum, DC) until corosync notices. A copy of its own."""
        asker = asker or dc
        views, quorate = self._node_views(dc, asker)
        return self.cib.view(views, quorate, (dc, self.node_id(dc)), values.unix_time(self.clock.now), asker)

    def _node_views(self, dc: str, asker: str) -> tuple[dict[str, tuple[int, NodeView]], bool]:
        """How `asker`, in `dc`'s partition, sees every node, and whether it has quorum."""
        peers = set(self.peers(asker))
        members = self.membership.members(asker) or frozenset()
        views = {}
        for name in self.node_names:
            member = name in peers and (self.dc_of.get(name) == dc or self._left_unseen(asker, name))
            # a node this partition fenced stays expected down here, whatever it joined elsewhere since
            expected = Join.DOWN if name not in peers and asker in self.fenced_by.get(name, ()) else self.expected[name]
            views[name] = (self.node_id(name), NodeView(
                in_ccm=name in members, crmd="online" if member else "offline",
                join=(Join.MEMBER if member else Join.DOWN).value, expected=expected.value))
            self.cib.node_state(name, self.node_id(name))
        return views, self.membership.quorate(asker)

    def _left_unseen(self, asker: str, name: str) -> bool:
        """`name` is already in a ring without `asker`, which `asker`'s corosync has not announced
        yet (votequorum holds it while a quorum device votes): `asker` still believes it joined."""
        members = self.membership.members(name)
        return members is not None and asker not in members

    def _target_down(self, fencer: str, target: str, how: str, delegate: str | None = None,
                     processes_gone: bool = True, requester: str = "") -> None:
        """The fencer reports the target fenced: its resources are gone (unless only a human said so),
        its history forgotten."""
        if processes_gone:
            self.executor.node_lost(target)
        self.cib.forget_node_history(target, self.node_id(target))
        self.expected[target] = Join.DOWN
        self.fenced_by[target] = set(self.peers(fencer))
        self.emit(NodeFenced(self.clock.now, fencer, target=target, action=how, ok=True,
                             delegate=None if delegate == fencer else delegate, requester=requester,
                             witnesses=self.fenced.hearers(fencer, target),
                             operation=self.fenced.reported_call(fencer, target)))

    def _unix_now(self) -> int:
        return values.unix_time(self.clock.now)
