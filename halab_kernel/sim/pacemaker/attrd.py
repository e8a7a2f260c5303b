"""pacemaker-attrd in virtual time: each node's transient attributes in the CIB status.

What it owns: fail counts and last-failure times (and their expiry after failure-timeout), the
attributes agents maintain (ping's pingd, attribute's, after their dampening), promotion scores
(crm_master), the shutdown request, the feature set a starting node announces. A node's
attributes live as long as its attrd: a fresh start, or its death noticed, erases them.

What it receives, and nothing more: the CIB store it writes to, the clock (to date a failure and
to wait out a dampening), the membership's node ids, whether a node's Pacemaker runs, whether a
node reaches a host (for ping), and `changed`, the controller's "recompute" call (an attribute
the scheduler reads has changed); to log as attrd does, a node's peers, its DC and `emit`.

What it logs: update_attr_on_host's notice (attrd_corosync.c, 2.1.5) on every attrd that receives a
changed value, `Setting pingd[node1]: 1000 -> 0 | from node1 with 20s write delay` ("(unset)" for no
value, "no write delay" without dampening), "from" the node whose attrd took the request: the node
itself for what its agents and controller set, the DC for fail counts and the shutdown request
(update_failcount, handle_shutdown_request), the node a cleanup ran on (crm_resource's clear). A node's
attributes erased as it leaves (attrd_peer_remove) are no such change. Not logged: the start-up's
private #attrd-protocol and the #feature-set each controller sets as it joins (written here as attrd
starts, a simplification of that moment).
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Callable

from halab_kernel import values
from halab_kernel.model import Event, LogLine
from halab_kernel.sim.clock import Clock, Timer
from halab_kernel.sim.pacemaker.cibstore import FEATURE_SET, CibStore

if TYPE_CHECKING:
    from halab_kernel.sim.agents.connectivity import PingRun

FAIL_COUNT, LAST_FAILURE = "fail-count-", "last-failure-"


class Attrd:
    """Every node's attribute daemon, writing through one CIB store."""

    def __init__(self, cib: CibStore, clock: Clock, node_id: Callable[[str], int],
                 pacemaker_up: Callable[[str], bool], can_talk: Callable[[str, str], bool],
                 changed: Callable[[], None], peers: Callable[[str], list[str]] = lambda node: [],
                 dc_for: Callable[[str], str | None] = lambda node: None,
                 emit: Callable[[Event], None] = lambda event: None) -> None:
        self.cib = cib
        self.clock = clock
        self.node_id = node_id
        self.pacemaker_up = pacemaker_up
        self.can_talk = can_talk
        self.changed = changed
        self.peers = peers
        self.dc_for = dc_for
        self.emit = emit
        self._timeouts: tuple[object, dict[str, float]] = (None, {})  # per configuration, as _failure_timeouts
        self._pending: dict[tuple[str, str], str | None] = {}  # (node, name): a value waiting for its dampening
        self._timers: dict[str, Timer] = {}  # name: the attribute's one dampening timer, for every node

    # --- a node's attrd comes and goes ------------------------------------------------------

    def started(self, node: str) -> None:
        """A starting attrd knows nothing: the old attributes go, the feature set is announced."""
        self._forget_pending(node)
        self.cib.erase_transient(node, self.node_id(node))
        self.cib.set_transient(node, self.node_id(node), "#feature-set", FEATURE_SET)

    def gone(self, node: str) -> None:
        """Its attrd is gone (and the cluster knows): the DC erases its attributes."""
        self._forget_pending(node)
        self.cib.erase_transient(node, self.node_id(node))

    def _forget_pending(self, node: str) -> None:
        for key in [key for key in self._pending if key[0] == node]:
            del self._pending[key]
            if not any(name == key[1] for _, name in self._pending) and key[1] in self._timers:
                self._timers.pop(key[1]).cancel()

    def of(self, node: str) -> dict[str, str]:
        """The node's transient attributes, name -> value."""
        return self.cib.transient(node, self.node_id(node))

    def write(self, node: str, name: str, value: str | None, origin: str | None = None) -> None:
        """Set (or, with None, delete) one attribute of `node`, as requested of `origin`'s attrd (None: no
        attrd logs it)."""
        if origin is not None:
            self._heard(origin, node, name, self._held(node, name), value)
        self.cib.set_transient(node, self.node_id(node), name, value)

    def request_shutdown(self, node: str) -> None:
        """The `shutdown` attribute, which the DC sets on the node's request (handle_shutdown_request): the
        DC moves the node's resources away when it sees it."""
        self.write(node, "shutdown", str(self._unix_now()), origin=self.dc_for(node) or node)

    def shutdown_done(self, node: str) -> None:
        self.write(node, "shutdown", None)

    # --- failures -------------------------------------------------------------------------

    def count_failure(self, node: str, rsc: str, operation: str, interval_ms: int) -> None:
        """One more failure of `rsc`'s operation on `node`, dated now (a failed start counts as
        INFINITY while start-failure-is-fatal, whose unreadable value means its default, true)."""
        attribute = f"{FAIL_COUNT}{rsc}#{operation}_{interval_ms}"
        last = f"{LAST_FAILURE}{rsc}#{operation}_{interval_ms}"
        held = self.of(node)
        current = held.get(attribute, "0")
        fatal = operation == "start" and values.boolean(self.cib.property("start-failure-is-fatal")) is not False
        value = "INFINITY" if fatal or current == "INFINITY" else str(int(current) + 1)
        dc = self.dc_for(node) or node  # the DC's controller updates attrd (update_failcount), last failure first
        self._heard(dc, node, last, held.get(last), str(self._unix_now()))
        self._heard(dc, node, attribute, held.get(attribute), value)
        self.write(node, attribute, value)
        self.write(node, last, str(self._unix_now()))

    def clear_failures(self, node: str, rsc: str, origin: str | None = None) -> None:
        """Forget `rsc`'s fail counts and last failures on `node` (clear_failcount, whose request the node's
        own controller makes; a cleanup's, that of the node `origin` it ran on)."""
        for attribute in list(self.of(node)):
            if attribute.startswith((f"{FAIL_COUNT}{rsc}#", f"{LAST_FAILURE}{rsc}#")):
                self.write(node, attribute, None, origin=origin or node)

    def expire_failures(self) -> None:
        """Failures older than their resource's failure-timeout are forgotten: the DC clears their
        fail counts (Pacemaker's clear_failcount), so they no longer count against migration-threshold."""
        timeouts = self._failure_timeouts()
        now = self._unix_now()
        for state in list(self.cib.root.iterfind("status/node_state")):
            node = state.get("uname", "")
            for name, value in self.of(node).items():
                if not name.startswith(LAST_FAILURE):
                    continue
                rsc, _, operation = name[len(LAST_FAILURE):].partition("#")
                if rsc in timeouts and int(value) + int(timeouts[rsc]) <= now:
                    self.write(node, name, None, origin=node)
                    self.write(node, f"{FAIL_COUNT}{rsc}#{operation}", None, origin=node)

    def next_failure_expiry(self) -> int | None:
        """When the next recorded failure reaches its resource's failure-timeout (Unix time)."""
        timeouts = self._failure_timeouts()
        now = self._unix_now()
        upcoming = []
        for state in self.cib.root.iterfind("status/node_state"):
            for nvpair in state.iterfind("transient_attributes/instance_attributes/nvpair"):
                name = nvpair.get("name", "")
                if name.startswith(LAST_FAILURE):
                    rsc = name[len(LAST_FAILURE):].split("#")[0]
                    if rsc in timeouts:
                        expiry = int(nvpair.get("value", "0")) + int(timeouts[rsc])
                        if expiry >= now:
                            upcoming.append(expiry + 1)
        return min(upcoming) if upcoming else None

    def _failure_timeouts(self) -> dict[str, float]:
        """failure-timeout per primitive, from its own, its parents' and the default meta attributes; read
        afresh when the configuration changed (twice per transition otherwise, over every primitive)."""
        key = self.cib.configuration_key()
        if self._timeouts[0] == key:
            return self._timeouts[1]
        timeouts = {}
        defaults = {nv.get("name"): nv.get("value") for nv in
                    self.cib.root.iterfind("configuration/rsc_defaults/meta_attributes/nvpair")}
        for primitive in self.cib.root.iterfind(".//configuration/resources//primitive"):
            metas = dict(defaults)
            for element in [*reversed(list(primitive.iterancestors("group", "clone"))), primitive]:
                metas.update({nv.get("name"): nv.get("value") for nv in element.iterfind("meta_attributes/nvpair")})
            timeout = values.seconds(metas.get("failure-timeout"), 0.0)
            if timeout > 0:
                timeouts[primitive.get("id", "")] = timeout
        self._timeouts = (key, timeouts)
        return timeouts

    # --- what agents write ----------------------------------------------------------------

    def set_promotion(self, node: str, rsc: str, score: int) -> bool:
        """A promotable agent set its promotion score (crm_master; below 0: removed). True when it
        changed, which aborts the running transition."""
        name, value = f"master-{rsc}", None if score < 0 else str(score)
        if self.of(node).get(name) == value:
            return False
        self.write(node, name, value, origin=node)
        return True

    def agent_attributes(self, node: str, rsc: str, operation: str, rc: int, ping: PingRun | None = None) -> None:
        """Node attributes an agent maintains (ping's pingd, attribute's), written after their dampening;
        `ping`: the run of a ping start or monitor that ended (connectivity.attribute_updates)."""
        primitive = self.cib.primitive(rsc)
        if primitive is None or primitive.get("type") not in ("ping", "attribute"):
            return  # no other agent writes attributes: most monitors stop here (175,000 an hour at 500 resources)
        from halab_kernel.sim.agents.connectivity import attribute_updates  # operator's agent models

        for name, value, delay in attribute_updates(primitive, operation, rc, ping):
            self._update(node, name, value, delay)

    def _update(self, node: str, name: str, value: str | None, delay: float) -> None:
        """2.1.5's update_attr_on_host: a value other than the one attrd holds (the one waiting to be written, else
        the CIB's) restarts the attribute's dampening timer (mainloop_timer_start), and the write carries the value
        held when it fires; the same value again leaves a running timer alone. A flapping target is thus written
        `dampen` after its last change, and one back to the written value before then writes nothing new. The
        timer is the attribute's (a->timer), not a node's: a change on any node restarts it, and its write
        (write_attribute) carries every node's value of that attribute. One store here: a change restarts it
        across partitions too."""
        held = self._held(node, name)
        if value == held:
            return
        self._heard(node, node, name, held, value, delay)
        if delay <= 0:
            self._pending.pop((node, name), None)
            if self.pacemaker_up(node) and self.of(node).get(name) != value:
                self.write(node, name, value)
                self.changed()
            return
        self._pending[(node, name)] = value
        if name in self._timers:
            self._timers[name].cancel()
        self._timers[name] = self.clock.call_later(delay, functools.partial(self._dampened_write, name))

    def _dampened_write(self, name: str) -> None:
        self._timers.pop(name, None)
        written = False
        for node, attribute in [key for key in self._pending if key[1] == name]:
            value = self._pending.pop((node, attribute))
            if self.pacemaker_up(node) and self.of(node).get(name) != value:
                self.write(node, name, value)
                written = True
        if written:
            self.changed()

    def _held(self, node: str, name: str) -> str | None:
        """The value `node`'s attribute has in attrd: the one waiting for its dampening, else the CIB's."""
        return self._pending[(node, name)] if (node, name) in self._pending else self.of(node).get(name)

    def _heard(self, origin: str, host: str, name: str, old: str | None, new: str | None, delay: float = 0.0) -> None:
        """update_attr_on_host's notice, on `origin`'s attrd and every peer's that runs: a new value of `host`'s
        attribute `name`, requested of `origin`'s attrd, with the attribute's dampening."""
        if old == new or not self.pacemaker_up(origin):
            return
        wait = values.readable_interval(round(delay * 1000)) if delay > 0 else "no"
        text = (f"Setting {name}[{host}]: {'(unset)' if old is None else old} -> {'(unset)' if new is None else new}"
                f" | from {origin} with {wait} write delay")
        for hearer in (origin, *(peer for peer in self.peers(origin) if peer != origin and self.pacemaker_up(peer))):
            self.emit(LogLine(self.clock.now, hearer, daemon="pacemaker-attrd", level="notice", text=text,
                              function="update_attr_on_host"))

    def _unix_now(self) -> int:
        return values.unix_time(self.clock.now)
