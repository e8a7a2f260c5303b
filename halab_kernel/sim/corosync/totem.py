"""Totem membership in virtual time, with corosync 3.1.7's timings.

Rules:
- A node whose corosync starts forms a ring of its own 0.4 s later, with ring
  sequence = the last sequence it saved on disk + 5 (a fresh node: 5).
- A ring breaks when a member dies, leaves, or can no longer talk to the
  others. The survivors notice after the runtime token timeout plus consensus
  (token + (nodes-2) x token_coefficient, then 1.2 x that), or 1.3 s after a
  clean leave (corosync stopped gracefully); each group that still talks then
  forms its own ring, sequence + 4, represented by its lowest node id. A break
  mended before it is noticed (a blip shorter than the token) changes nothing.
- Rings whose nodes can talk to each other merge, after the join and merge
  rounds (about 1.3 s + 0.3 x token, a little longer when more rings meet), into
  one ring with sequence = the highest of theirs + 4. When several nodes start
  while a ring is already running, the newcomers first merge among themselves
  and join the running ring 0.4 s later, as real corosync does.
- Every node installs a new ring with votequorum's recalculation.

The timings are fitted to measurements on real corosync 3.1.7
(shared/pacemaker-2.1.5/quorum): detection is exact by construction; joins and
merges fall within about 15 % of what the real cluster showed.
"""

from __future__ import annotations

import copy
from functools import partial
from dataclasses import dataclass
from typing import Callable

from halab_kernel.model import Event, MembershipChanged, QuorumChanged, TokenLost, ExpectedVotesChanged
from halab_kernel.sim.clock import Clock, Timer
from halab_kernel.sim.corosync.config import CorosyncConfig
from halab_kernel.sim.corosync.votequorum import VoteQuorum
from halab_kernel.sim.network import Network

FORM_OWN_RING_SECONDS = 0.4
GRACEFUL_LEAVE_SECONDS = 1.3
JOIN_RUNNING_RING_SECONDS = 0.4


@dataclass(frozen=True)
class Ring:
    representative: int
    seq: int
    members: frozenset[str]

    @property
    def ring_id(self) -> str:
        """As corosync-quorumtool prints it: representative and sequence in hex."""
        return f"{self.representative:x}.{self.seq:x}"


class CorosyncNode:
    """What corosync holds on one node: process state, ring, votequorum.

    `totem_ring` is the ring totem installed; `ring` is the one the quorum API last
    announced (what corosync-quorumtool and Pacemaker see). They differ only while a
    quorum device holds votequorum's sync open, waiting for its vote on the new ring.
    """

    def __init__(self, name: str, node_id: int, votes: int) -> None:
        self.name = name
        self.node_id = node_id
        self.votes = votes
        self.process = "stopped"  # "stopped", "starting", "running"
        self.totem_ring: Ring | None = None
        self.ring: Ring | None = None
        self.saved_ring_seq = 0  # /var/lib/corosync/ringid_<address>: survives restarts and renumbering
        self.quorum: VoteQuorum | None = None

    @property
    def in_totem_ring(self) -> bool:
        return self.process == "running" and self.totem_ring is not None

    @property
    def in_ring(self) -> bool:
        return self.process == "running" and self.ring is not None

    @property
    def syncing(self) -> bool:
        """Totem installed a ring the quorum API has not announced yet."""
        return self.in_totem_ring and self.ring != self.totem_ring


class Totem:
    def __init__(self, config: CorosyncConfig, clock: Clock, network: Network,
                 emit: Callable[[Event], None]) -> None:
        self.config = config
        self.clock = clock
        self.network = network
        self.emit = emit
        self.nodes = {entry.name: CorosyncNode(entry.name, entry.node_id, entry.votes) for entry in config.nodes}
        self._failure_checks: dict[Ring, Timer] = {}
        self._token_timers: dict[Ring, Timer] = {}
        self._merges: dict[frozenset[Ring], Timer] = {}
        self._lms_timers: dict[Ring, Timer] = {}
        self._left_cleanly: set[str] = set()
        self._fresh: set[Ring] = set()  # rings of nodes that just started, not yet merged into a running ring
        self.ring_listeners: list[Callable[[tuple[str, ...]], None]] = []  # told the members of each new ring
        # Asked, for each node installing a ring, whether a quorum device holds votequorum's sync
        # open on it (then `end_sync` announces the ring later).
        self.sync_gate: Callable[[str], bool] | None = None

    # --- timings ------------------------------------------------------------

    @property
    def failure_detection_seconds(self) -> float:
        return (self.config.runtime_token_ms + self.config.runtime_consensus_ms) / 1000

    def merge_seconds(self, rings: int) -> float:
        token = self.config.runtime_token_ms / 1000
        return 1.3 + 0.3 * token + 0.15 * token * max(0, rings - 2)

    # --- processes ----------------------------------------------------------

    def start(self, name: str) -> None:
        node = self.nodes[name]
        if node.process != "stopped":
            return
        node.process = "starting"
        node.quorum = VoteQuorum(self.config, node.node_id)
        self._left_cleanly.discard(name)
        self.clock.call_later(FORM_OWN_RING_SECONDS, lambda: self._form_own_ring(name))

    def stop(self, name: str, graceful: bool) -> None:
        node = self.nodes[name]
        if node.process == "stopped":
            return
        leaving_ring = node.ring
        node.process = "stopped"
        node.totem_ring = None
        node.ring = None
        node.quorum = None
        if graceful:
            self._left_cleanly.add(name)
            if leaving_ring is not None and self.config.quorum.allow_downscale:
                self._update_ring_quorum(leaving_ring, lambda holder, quorum, members: quorum.node_leaving(
                    node.node_id))
        self.topology_changed()

    def _form_own_ring(self, name: str) -> None:
        node = self.nodes[name]
        if node.process != "starting":
            return
        node.process = "running"
        ring = Ring(node.node_id, node.saved_ring_seq + 5, frozenset([name]))
        self._fresh.add(ring)
        self._install(ring, [name], left=())
        self.topology_changed()

    # --- keeping rings true to the network ----------------------------------

    def running(self) -> list[str]:
        return [name for name, node in self.nodes.items() if node.in_totem_ring]

    def holders(self, ring: Ring) -> list[str]:
        return [name for name in self.running() if self.nodes[name].totem_ring == ring]

    def _rings(self) -> list[Ring]:
        seen: list[Ring] = []
        for name in self.running():
            ring = self.nodes[name].totem_ring
            if ring is not None and ring not in seen:
                seen.append(ring)
        return seen

    def _is_broken(self, ring: Ring) -> bool:
        holders = self.holders(ring)
        if set(holders) != ring.members:
            return True
        return len(self.network.components(holders)) > 1

    def topology_changed(self) -> None:
        """Re-check every ring after a fault, a start, a stop or a new ring."""
        rings = self._rings()
        self._fresh &= set(rings)
        for ring in rings:
            broken = self._is_broken(ring)
            if broken and ring not in self._failure_checks:
                missing = ring.members - set(self.holders(ring))
                clean = bool(missing) and missing <= self._left_cleanly and \
                    len(self.network.components(self.holders(ring))) == 1
                delay = GRACEFUL_LEAVE_SECONDS if clean else self.failure_detection_seconds
                self._failure_checks[ring] = self.clock.call_later(delay, partial(self._notice_failure, ring))
                if not clean:
                    self._token_timers[ring] = self.clock.call_later(
                        self.config.runtime_token_ms / 1000, partial(self._token_lost, ring))
            elif not broken and ring in self._failure_checks:
                self._failure_checks.pop(ring).cancel()
                self._cancel_token_timer(ring)
        for ring in list(self._failure_checks):
            if ring not in rings:
                self._failure_checks.pop(ring).cancel()
                self._cancel_token_timer(ring)
        self._schedule_merges()

    def _schedule_merges(self) -> None:
        wanted: set[frozenset[Ring]] = set()
        for group in self.network.components(self.running()):
            rings = frozenset(ring for name in group if (ring := self.nodes[name].totem_ring) is not None)
            if len(rings) > 1:
                wanted.add(rings)
                if rings not in self._merges:
                    fresh = rings & self._fresh
                    if len(fresh) == 1 and any(len(r.members) > 1 for r in fresh):
                        delay = JOIN_RUNNING_RING_SECONDS  # newcomers that already merged join the running ring
                    elif len(fresh) >= 2 and fresh != rings:
                        delay = self.merge_seconds(len(fresh))  # newcomers merge among themselves first
                    else:
                        delay = self.merge_seconds(len(rings))
                    self._merges[rings] = self.clock.call_later(delay, partial(self._merge, rings))
        for rings in list(self._merges):
            if rings not in wanted:
                self._merges.pop(rings).cancel()

    def _cancel_token_timer(self, ring: Ring) -> None:
        timer = self._token_timers.pop(ring, None)
        if timer:
            timer.cancel()

    def _token_lost(self, ring: Ring) -> None:
        """The token timed out: the holders start waiting `consensus` before forming a new ring."""
        self._token_timers.pop(ring, None)
        for name in self.holders(ring):
            self.emit(TokenLost(self.clock.now, name, timeout_ms=self.config.runtime_token_ms,
                                consensus_ms=self.config.runtime_consensus_ms))

    def _notice_failure(self, ring: Ring) -> None:
        self._failure_checks.pop(ring, None)
        self._cancel_token_timer(ring)
        holders = self.holders(ring)
        if not holders or not self._is_broken(ring):
            return
        for group in self.network.components(holders):
            new_ring = Ring(min(self.nodes[n].node_id for n in group), ring.seq + 4, frozenset(group))
            left = tuple(sorted(ring.members - set(group), key=lambda n: self.nodes[n].node_id))
            self._install(new_ring, list(group), left)
        self._left_cleanly -= ring.members
        self.topology_changed()

    def _merge(self, rings: frozenset[Ring]) -> None:
        self._merges.pop(rings, None)
        members = [name for name in self.running() if self.nodes[name].totem_ring in rings]
        groups = self.network.components(members)
        if len(groups) != 1:
            self.topology_changed()
            return
        fresh = rings & self._fresh
        if len(fresh) >= 2 and fresh != rings:
            rings = frozenset(fresh)  # newcomers first; they join the running ring right after
            members = [name for name in members if self.nodes[name].totem_ring in rings]
        ids = [self.nodes[name].node_id for name in members]
        new_ring = Ring(min(ids), max(ring.seq for ring in rings) + 4, frozenset(members))
        self._fresh -= rings
        if fresh == rings and len(rings) < len(self._rings()):
            self._fresh.add(new_ring)
        left = tuple(sorted({m for r in rings for m in r.members} - set(members)))
        for ring in rings:
            check = self._failure_checks.pop(ring, None)
            if check:
                check.cancel()
            self._cancel_token_timer(ring)
        self._install(new_ring, members, left)
        self.topology_changed()

    # --- installing a ring: the membership event and votequorum -------------

    def _install(self, ring: Ring, members: list[str], left: tuple[str, ...]) -> None:
        ordered = sorted(members, key=lambda n: self.nodes[n].node_id)
        before = [self.nodes[name].quorum.as_member(name) for name in ordered]  # type: ignore[union-attr]
        for name in ordered:
            node = self.nodes[name]
            node.totem_ring = ring
            node.saved_ring_seq = max(node.saved_ring_seq, ring.seq)
        published = [name for name in ordered if not (self.sync_gate and self.sync_gate(name))]
        for name in published:
            self._announce(name, before)
        lms = self.nodes[ordered[0]].quorum
        if lms is not None and lms.last_man_standing and self._last_man_standing_applies(ring, ordered, left):
            self._start_last_man_standing(ring)
        for listener in self.ring_listeners if published else ():
            listener(tuple(ordered))

    def _announce(self, name: str, members: list) -> None:
        """votequorum ends its sync on `name`: the new ring is announced (MembershipChanged), the
        votes recounted (QuorumChanged when quorum flips)."""
        node = self.nodes[name]
        ring = node.totem_ring
        assert ring is not None and node.quorum is not None
        old, node.ring = node.ring, ring
        ordered = sorted(ring.members, key=lambda n: self.nodes[n].node_id)
        joined = tuple(n for n in ordered if old is None or n not in old.members)
        gone = tuple(sorted((n for n in (old.members if old else ()) if n not in ring.members),
                            key=lambda n: self.nodes[n].node_id))  # by node id, as corosync lists them
        self.emit(MembershipChanged(self.clock.now, name, ring_id=ring.ring_id, members=tuple(ordered),
                                    joined=joined if old is not None else (), left=gone))
        was_quorate = node.quorum.quorate
        node.quorum.membership_changed(members)
        self._emit_quorum_change(name, was_quorate)

    def end_sync(self, name: str) -> None:
        """The quorum device polled for the current ring (or votequorum stopped waiting): announce it."""
        node = self.nodes[name]
        ring = node.totem_ring
        if not node.syncing or ring is None:
            return
        self._announce(name, self.members_info(ring))
        for listener in self.ring_listeners:
            listener(tuple(sorted(ring.members, key=lambda n: self.nodes[n].node_id)))

    def reload(self, config: CorosyncConfig) -> None:
        """A new corosync.conf was loaded at runtime: every running votequorum re-reads it."""
        self.config = config
        for name, node in self.nodes.items():
            if node.quorum is None or node.ring is None:
                continue
            was_quorate = node.quorum.quorate
            node.quorum.reload(config)
            self._emit_quorum_change(name, was_quorate)
        for ring in self._rings():
            for listener in self.ring_listeners:
                listener(tuple(self.holders(ring)))

    def live_quorum(self, name: str) -> VoteQuorum | None:
        """While a quorum device holds the sync, votequorum's own numbers (Total votes, Quorum, Flags)
        already count the new ring, though the quorum API (members, ring id, "Quorate:", Pacemaker)
        still announces the old one; None when nothing is held."""
        node = self.nodes[name]
        if not node.syncing or node.quorum is None or node.totem_ring is None:
            return None
        preview = copy.copy(node.quorum)
        preview.membership_changed(self.members_info(node.totem_ring))
        return preview

    def device_vote_changed(self, name: str) -> None:
        """The node's quorum device changed its flags or vote: votequorum recounts, quorum may flip."""
        node = self.nodes[name]
        if node.quorum is None or node.ring is None:
            return
        was_quorate = node.quorum.quorate
        node.quorum.recount()
        self._emit_quorum_change(name, was_quorate)
        if node.quorum.quorate != was_quorate:
            for listener in self.ring_listeners:
                listener(tuple(sorted(node.ring.members, key=lambda n: self.nodes[n].node_id)))

    def members_info(self, ring: Ring) -> list:
        return [self.nodes[n].quorum.as_member(n) for n in self.holders(ring)]  # type: ignore[union-attr]

    def _emit_quorum_change(self, name: str, was_quorate: bool) -> None:
        quorum = self.nodes[name].quorum
        assert quorum is not None
        if quorum.quorate != was_quorate:
            self.emit(QuorumChanged(self.clock.now, name, quorate=quorum.quorate, total_votes=quorum.total_votes,
                                    quorum=quorum.quorum, expected_votes=quorum.expected_votes))

    def _last_man_standing_applies(self, ring: Ring, members: list[str], left: tuple[str, ...]) -> bool:
        """votequorum starts the LMS timer when enough members remain after a loss, or when an
        auto_tie_breaker partition is down to its last nodes and holds the lowest node id of the last
        quorate membership (check_low_node_id_partition, whatever auto_tie_breaker_node says)."""
        quorum = self.nodes[members[0]].quorum
        assert quorum is not None
        if len(members) >= quorum.quorum and left:
            return True
        return len(members) <= quorum.quorum and quorum.tie_breaker is not None and \
            quorum.lowest_node_id in quorum.members

    def _start_last_man_standing(self, ring: Ring) -> None:
        old = self._lms_timers.pop(ring, None)
        if old:
            old.cancel()
        window = self.config.quorum.last_man_standing_window_ms / 1000
        self._lms_timers[ring] = self.clock.call_later(window, lambda: self._last_man_standing(ring))

    def _last_man_standing(self, ring: Ring) -> None:
        self._lms_timers.pop(ring, None)
        if not self.holders(ring) or self._is_broken(ring):
            return

        def expire(holder: str, quorum: VoteQuorum, members: list) -> None:
            if quorum.last_man_standing_expired(members):
                self.emit(ExpectedVotesChanged(self.clock.now, holder, expected_votes=quorum.expected_votes,
                                               reason="last_man_standing"))

        self._update_ring_quorum(ring, expire)

    def cancel_wait_for_all(self, name: str) -> None:
        """`pcs quorum unblock` on `name`: every member of its ring stops waiting for all nodes."""
        ring = self.nodes[name].totem_ring
        if ring is None:
            return
        self._update_ring_quorum(ring, lambda holder, quorum, members: quorum.cancel_wait_for_all(members))

    def set_expected_votes(self, name: str, expected: int) -> None:
        """`corosync-quorumtool -e N` on `name`: every member of its ring takes the new value."""
        ring = self.nodes[name].totem_ring
        if ring is None:
            return

        def set_expected(holder: str, quorum: VoteQuorum, members: list) -> None:
            quorum.set_expected_votes(expected, members)
            self.emit(ExpectedVotesChanged(self.clock.now, holder, expected_votes=expected,
                                           reason="corosync-quorumtool -e"))

        self._update_ring_quorum(ring, set_expected)

    def set_votes(self, name: str, node_id: int, votes: int) -> str | None:
        """`corosync-quorumtool -v VOTES [-n NODEID]` on `name`: votequorum's check on that node, then every
        member of its ring counts the node with its new votes (None), or the error it answers."""
        quorum, ring = self.nodes[name].quorum, self.nodes[name].totem_ring
        if quorum is None or ring is None:
            return "CS_ERR_NAME_NOT_FOUND"
        refused = quorum.refuses_votes(node_id, votes)
        if refused:
            return refused
        target = next((node for node in self.nodes.values() if node.node_id == node_id), None)
        if target is None or target.quorum is None or target.totem_ring != ring:
            return None  # a node known but not a member: counted with its own votes when it comes back
        target.votes = target.quorum.votes = votes
        self._update_ring_quorum(ring, lambda holder, member_quorum, members: member_quorum.recount_votes(members))
        return None

    def _update_ring_quorum(self, ring: Ring, update: Callable[[str, VoteQuorum, list], None]) -> None:
        """Apply a votequorum change on every member of a ring, announcing quorum gained or lost
        (to the log, and to the listeners: Pacemaker recomputes when quorum changes)."""
        members = self.members_info(ring)
        changed = False
        for holder in self.holders(ring):
            quorum = self.nodes[holder].quorum
            assert quorum is not None
            was_quorate = quorum.quorate
            update(holder, quorum, members)
            self._emit_quorum_change(holder, was_quorate)
            changed = changed or quorum.quorate != was_quorate
        if changed:
            for listener in self.ring_listeners:
                listener(tuple(self.holders(ring)))
