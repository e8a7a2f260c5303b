"""votequorum, one node's view, as corosync 3.1.7 computes it.

Rules (votequorum(5) and exec/votequorum.c), applied every time the node's
membership changes:

- expected votes start at the nodelist's sum of votes (or quorum.expected_votes)
  and are kept at least at the votes actually present; members share theirs, so
  "Highest expected" is the largest any member holds;
- quorum = max((highest_expected + 2) // 2, (total_votes + 2) // 2), and it never
  decreases on its own: only `corosync-quorumtool -e` and last_man_standing may
  lower it; two_node sets it to 1 while at most two nodes are members;
- wait_for_all: after a start (or after losing quorum) a node is not quorate
  until the votes present equal its expected votes, unless it joins members
  that are already quorate;
- auto_tie_breaker: in an exact half split the half holding the tie-breaker
  node (lowest id of the last quorate membership, highest, or the first of a
  list) keeps quorum; it is switched off on an odd-sized cluster without
  wait_for_all, and two_node is switched off when both are set;
- last_man_standing: `last_man_standing_window` after a membership loss, a
  still-quorate partition recalculates expected votes from the nodes present;
- a quorum device adds its votes to the node's total while the node's own
  corosync-qdevice casts its vote (flags A/NA alive, V/NV vote, MW/NMW master
  wins, printed per member). With `quorum.device.votes` set, expected votes
  start at the nodes' votes and grow as the device's vote is seen; without it,
  votequorum counts the device at (nodes - 1) votes from the start (both as
  measured on corosync 3.1.7).

This module is pure bookkeeping: the membership layer calls it with the new
member list and it answers with the node's new view.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from halab_kernel.sim.corosync.config import CorosyncConfig, parse_tie_breaker


@dataclass(frozen=True)
class DeviceFlags:
    """What a node's corosync-qdevice told votequorum (the Qdevice column of corosync-quorumtool)."""

    registered: bool = False
    alive: bool = False
    cast_vote: bool = False
    master_wins: bool = False

    @property
    def text(self) -> str:
        if not self.registered:
            return "NR"
        return ",".join(("A" if self.alive else "NA", "V" if self.cast_vote else "NV",
                         "MW" if self.master_wins else "NMW"))


@dataclass(frozen=True)
class Member:
    node_id: int
    name: str
    votes: int
    expected_votes: int
    quorate: bool
    waiting_for_all: bool


class VoteQuorum:
    """The votequorum service of one node."""

    def __init__(self, config: CorosyncConfig, node_id: int) -> None:
        self.config = config
        self.node_id = node_id
        options = config.quorum
        self.votes = next((n.votes for n in config.nodes if n.node_id == node_id), 1)
        nodelist_votes = sum(node.votes for node in config.nodes)
        self.two_node = options.two_node
        self.wait_for_all = options.wait_for_all
        # "Last Man Standing feature is supported only when all cluster nodes votes are set to 1. Disabling
        # LMS.": on the first member (itself included) seen with more votes, until corosync restarts
        self.last_man_standing = options.last_man_standing and self.votes <= 1
        self.tie_breaker = parse_tie_breaker(options.auto_tie_breaker_node) if options.auto_tie_breaker else None
        if self.two_node and self.tie_breaker:
            self.two_node = False  # "two_node has been disabled, please fix your corosync.conf"
        if self.tie_breaker and nodelist_votes % 2 and not self.wait_for_all:
            self.tie_breaker = None  # "auto_tie_breaker has been disabled" (odd-sized, no wait_for_all)
        device = options.device if options.has_device else None
        self.device_votes = 0
        if device is not None:
            self.device_votes = device.votes if device.votes is not None else max(1, len(config.nodes) - 1)
        implicit_device_votes = self.device_votes if device is not None and device.votes is None else 0
        self.device = DeviceFlags()
        # expected_votes_tracking (allow_downscale turns it on): expected votes never drop below the highest
        # this node has held since it started, and quorum.expected_votes is not read (measured: corosync
        # 3.1.7 loses the barrier file across restarts, so a restart starts over from the nodelist)
        self.ev_tracking = options.expected_votes_tracking or options.allow_downscale
        configured = 0 if self.ev_tracking else options.expected_votes
        self.expected_votes = configured or nodelist_votes + implicit_device_votes
        self.ev_tracking_barrier = self.expected_votes if self.ev_tracking else 0
        self.ev_barrier = self.expected_votes  # allow_downscale never lowers quorum below this
        self.waiting_for_all = self.wait_for_all
        self.quorum = 0
        self.quorate = False
        self.total_votes = 0
        self.highest_expected = self.expected_votes
        self.members: tuple[int, ...] = ()
        self.previous_members: tuple[int, ...] = ()
        self._member_info: list[Member] = []
        self.seen: set[int] = {node_id}  # every node id votequorum has heard of since it started
        self.lowest_node_id = node_id
        self.highest_node_id = node_id

    # --- what changes it ---------------------------------------------------

    def membership_changed(self, members: list[Member]) -> None:
        """A new ring was installed with these members (this node included)."""
        self.previous_members = self.members
        self.members = tuple(sorted(m.node_id for m in members))
        self._member_info = list(members)
        self.seen.update(self.members)
        if any(member.votes > 1 for member in members):
            self.last_man_standing = False
        others_quorate = any(m.quorate and not m.waiting_for_all for m in members if m.node_id != self.node_id)
        if self.waiting_for_all and others_quorate:
            self.waiting_for_all = False  # joining a cluster that already has quorum
        self._recalculate(members, allow_decrease=False)

    def reload(self, config: CorosyncConfig) -> None:
        """corosync.conf reloaded (pcs pushes it, `corosync-cfgtool -R`): votequorum re-reads its options
        and recounts; unlike a membership change, this may lower quorum."""
        fresh = VoteQuorum(config, self.node_id)
        self.config, self.votes, self.two_node = config, fresh.votes, fresh.two_node
        self.wait_for_all, self.tie_breaker = fresh.wait_for_all, fresh.tie_breaker
        self.device_votes = fresh.device_votes
        self.expected_votes = fresh.expected_votes
        self.waiting_for_all = False
        self._recalculate(self._member_info, allow_decrease=True)

    def set_device(self, flags: DeviceFlags) -> None:
        """corosync-qdevice registered, polled or went away; `recount` applies it."""
        self.device = flags

    def recount(self) -> None:
        """Recount the votes of the current members (after the device's vote changed)."""
        self._recalculate(self._member_info, allow_decrease=False)

    def accepts_expected_votes(self, expected: int) -> bool:
        """corosync 3.1.7's check of `corosync-quorumtool -e N` (CS_ERR_INVALID_PARAM otherwise): N not
        below the votes present, and a quorate node not made inquorate by it (measured on a running
        corosync 3.1.7: with 3 votes present, -e 2 and -e 1 are refused, -e 3..5 accepted, -e 6 refused)."""
        total = self.total_votes
        quorum = max((expected + 2) // 2, (total + 2) // 2)
        if self.two_node and len(self.members) + self.device_counted <= 2:
            quorum = 1
        return expected >= total and not (self.quorate and quorum > total)

    def set_expected_votes(self, expected: int, members: list[Member]) -> None:
        """`corosync-quorumtool -e N` reached this node: every member's expected votes become N (a node's
        own stay at least at the votes present, and at its tracking barrier), and quorum is recounted,
        free to decrease."""
        members = [replace(member, expected_votes=expected) for member in members]
        self._member_info = members
        self.expected_votes = max(expected, self.ev_tracking_barrier)
        self.ev_barrier = expected
        self._recalculate(members, allow_decrease=True)

    def refuses_votes(self, node_id: int, votes: int) -> str | None:
        """votequorum_setvotes()'s check: the node must be known (CS_ERR_NAME_NOT_FOUND), and the quorum
        counted with its new votes must lie between half the votes present and all of them."""
        if node_id not in self.seen:
            return "CS_ERR_NAME_NOT_FOUND"
        members = [replace(member, votes=votes) if member.node_id == node_id else member
                   for member in self._member_info]
        total = self.total_votes_of(members) + (self.device_votes if self.device_counted else 0)
        highest = max([self.expected_votes] + [m.expected_votes for m in members if m.node_id != self.node_id])
        quorum = max((highest + 2) // 2, (total + 2) // 2)
        if self.two_node and len(members) + self.device_counted <= 2:
            quorum = 1
        return None if total // 2 <= quorum <= total else "CS_ERR_INVALID_PARAM"

    def recount_votes(self, members: list[Member]) -> None:
        """A member's votes changed at runtime (-v): recounted, quorum free to decrease. last_man_standing
        stays on until the next membership change brings the news (measured)."""
        self._member_info = list(members)
        self._recalculate(members, allow_decrease=True)

    def node_leaving(self, leaver: int) -> None:
        """allow_downscale: a member stopping cleanly says so first (NODE_FLAGS_LEAVING). Every member's
        expected votes become the number of members left; quorum is counted from the larger of that and
        the barrier (the configured expected votes, or the last -e), so it does not drop below it."""
        if not self.config.quorum.allow_downscale or leaver not in self.members:
            return
        members = [member for member in self._member_info if member.node_id != leaver]
        total = self.total_votes_of(members) + (self.device_votes if self.device_counted else 0)
        left = len(members)
        quorum = max((max(self.ev_barrier, left) + 2) // 2, (total + 2) // 2)
        if self.two_node and left <= 2:
            quorum = 1
        self._member_info = [replace(member, expected_votes=left) for member in members]
        self.members = tuple(member.node_id for member in members)
        self.expected_votes = self.highest_expected = left
        self.quorum, self.total_votes = quorum, total
        self._decide(total)

    def cancel_wait_for_all(self, members: list[Member]) -> None:
        """`pcs quorum unblock` (quorum.cancel_wait_for_all): stop waiting for the missing nodes."""
        self.waiting_for_all = False
        self._recalculate(members, allow_decrease=False)

    def last_man_standing_expired(self, members: list[Member]) -> bool:
        """The LMS window passed without a membership change; True if expected votes moved."""
        if not (self.last_man_standing and self.quorate):
            return False
        before = self.expected_votes
        self._recalculate(members, allow_decrease=True, by_current_nodes=True)
        return self.expected_votes != before

    def graceful_leave(self, leaver_votes: int, members: list[Member]) -> None:
        """allow_downscale: a node that left cleanly no longer counts in expected votes."""
        if not self.config.quorum.allow_downscale:
            return
        self.expected_votes = max(self.total_votes_of(members), self.expected_votes - leaver_votes)
        self._recalculate(members, allow_decrease=True)

    # --- the calculation ---------------------------------------------------

    @staticmethod
    def total_votes_of(members: list[Member]) -> int:
        return sum(m.votes for m in members)

    @property
    def device_counted(self) -> bool:
        return self.device.registered and self.device.alive and self.device.cast_vote

    def _recalculate(self, members: list[Member], *, allow_decrease: bool, by_current_nodes: bool = False) -> None:
        total = self.total_votes_of(members) + (self.device_votes if self.device_counted else 0)
        if total > self.expected_votes:
            self.expected_votes = total
        if self.ev_tracking:
            self.ev_tracking_barrier = max(self.ev_tracking_barrier, self.expected_votes)
        highest = max([self.expected_votes] + [m.expected_votes for m in members if m.node_id != self.node_id])
        counted = highest
        if by_current_nodes:  # last_man_standing: every member now expects as many votes as there are members
            highest = self.expected_votes = len(members)
            counted = max(self.ev_barrier, highest) if self.config.quorum.allow_downscale else highest
        self.highest_expected = highest
        quorum = max((counted + 2) // 2, (total + 2) // 2)
        if not allow_decrease:
            quorum = max(self.quorum, quorum)
        if self.two_node and len(members) <= 2:
            quorum = 1
        self.quorum = quorum
        self.total_votes = total
        self._decide(total)

    def _decide(self, total: int) -> None:
        if self.wait_for_all and self.waiting_for_all:
            if total != self.expected_votes:
                self.quorate = False
                return
            self.waiting_for_all = False
        quorate = total >= self.quorum
        if quorate:
            self.lowest_node_id = min(self.members)
            self.highest_node_id = max(self.members)
        if (self.tie_breaker and total == self.expected_votes // 2
                and len(self.previous_members) - len(self.members) < self.quorum
                and self.holds_tie_breaker()):
            quorate = True
        self.quorate = quorate
        if self.wait_for_all:
            self.waiting_for_all = not quorate

    def holds_tie_breaker(self) -> bool:
        if self.tie_breaker == "lowest":
            return self.lowest_node_id in self.members
        if self.tie_breaker == "highest":
            return self.highest_node_id in self.members
        order = [int(part) for part in (self.tie_breaker or "").split()]
        for index, node_id in enumerate(order):
            if node_id in self.members:
                return not any(earlier in self.previous_members for earlier in order[:index])
        return False

    # --- what the tools print ----------------------------------------------

    def flags(self) -> tuple[str, ...]:
        """The Flags: line of corosync-quorumtool, in its order."""
        options = self.config.quorum
        flags = []
        if self.two_node:
            flags.append("2Node")
        if self.quorate:
            flags.append("Quorate")
        if self.wait_for_all:
            flags.append("WaitForAll")
        if self.last_man_standing:
            flags.append("LastManStanding")
        if self.tie_breaker:
            flags.append("AutoTieBreaker")
        if options.allow_downscale:
            flags.append("AllowDownscale")
        if self.device.registered:
            flags.append("Qdevice")
        return tuple(flags)

    def as_member(self, name: str) -> Member:
        return Member(self.node_id, name, self.votes, self.expected_votes, self.quorate, self.waiting_for_all)
