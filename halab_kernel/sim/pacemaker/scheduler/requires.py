"""What a resource `requires` before it may start, and what that changes about where it is
"active" (unpack_requires and pe__find_active_on in 2.1.5).

`of(ws, rsc)` is the one reader of the `requires` meta attribute: it follows unpack_requires
(lib/pengine/complex.c) step by step and returns a frozen `Requires`. The table it implements:

    configured    fence device   remote connection   other resource
    nothing       nothing        nothing             nothing
    quorum        quorum         quorum              quorum
    fencing       fencing        fencing             fencing (a warning when fencing is disabled)
    unfencing     quorum (reset) unfencing*          unfencing* (quorum, reset, when fencing is disabled)
    unset/invalid quorum         quorum              unfencing* if anything enables unfencing, else
                                                     fencing if fencing is enabled, else nothing
                                                     under no-quorum-policy=ignore, else quorum
                                                     (an invalid value is a configuration error)
    (* a value of unfencing with fencing disabled is reset to quorum, as above)

A clone's instance or a group's member reads its parent's value when it sets none itself, and
rsc_defaults below that (get_meta_attributes: `rsc.meta` is already merged that way).

What the value changes: a start or promote needs nothing (it runs without quorum), quorum, or
fencing (pe_rsc_needs_fencing: fencing and unfencing; it needs quorum too). A resource that
needs fencing and is seen on an unclean node counts as active there until the node is fenced.
One that does not (fence devices by default, or `requires=quorum|nothing`) may be started
elsewhere before fencing completes: only clean nodes count, so it is not "multiply active"
because of a node being fenced, and its current node is the first clean one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from . import remote
from .working import NodeInfo, Rsc, WorkingSet

VALUES = ("nothing", "quorum", "fencing", "unfencing")


@dataclass(frozen=True)
class Requires:
    """A resource's `requires` after unpack_requires: its value, whether unpack_requires chose it
    (unset, invalid, or reset), and what 2.1.5 logs about it (a configuration warning or error)."""

    value: str                      # nothing | quorum | fencing | unfencing
    default: bool = False           # chosen by unpack_requires, not the configured value as is
    warning: Optional[str] = None   # pcmk__config_warn
    error: Optional[str] = None     # pcmk__config_err

    @property
    def needs_fencing(self) -> bool:
        """pe_rsc_needs_fencing (set whether or not fencing is enabled)."""
        return self.value in ("fencing", "unfencing")

    @property
    def needs_unfencing(self) -> bool:
        """pe_rsc_needs_unfencing."""
        return self.value == "unfencing"

    @property
    def needs_quorum(self) -> bool:
        """pe_rsc_needs_quorum: only requires=quorum sets it (fencing needs quorum by needing fencing)."""
        return self.value == "quorum"

    @property
    def start_needs(self) -> str:
        """unpack_operation's action->needs for a start or promote: fencing, quorum or nothing."""
        return "fencing" if self.needs_fencing else "quorum" if self.needs_quorum else "nothing"

    @property
    def runs_without_quorum(self) -> bool:
        """A start or promote that needs nothing is runnable whatever the quorum
        (update_resource_action_runnable never asks effective_quorum_policy about it)."""
        return self.value == "nothing"


def unpack_requires(value: Optional[str], rsc_id: str, *, fence_device: bool, remote_connection: bool,
                    stonith_enabled: bool, unfencing_enabled: bool, quorum_ignored: bool,
                    is_default: bool = False) -> Requires:
    """unpack_requires, branch by branch (values compared case-insensitively, never stripped)."""
    text = value.lower() if value is not None else None
    if text in ("nothing", "quorum"):
        return Requires(text, is_default)
    if text == "fencing":
        warning = None if stonith_enabled else f"{rsc_id} requires fencing but fencing is disabled"
        return Requires("fencing", is_default, warning=warning)
    if text == "unfencing":
        why = "fencing devices cannot require unfencing" if fence_device else \
            "fencing is disabled" if not stonith_enabled else None
        if why is None:
            return Requires("unfencing", is_default)
        return Requires("quorum", True, warning=f'Resetting "requires" for {rsc_id} to "quorum" because {why}')
    if fence_device or remote_connection:
        chosen = "quorum"
    elif unfencing_enabled:
        chosen = "unfencing"
    elif stonith_enabled:
        chosen = "fencing"
    elif quorum_ignored:
        chosen = "nothing"
    else:
        chosen = "quorum"
    result = unpack_requires(chosen, rsc_id, fence_device=fence_device, remote_connection=remote_connection,
                             stonith_enabled=stonith_enabled, unfencing_enabled=unfencing_enabled,
                             quorum_ignored=quorum_ignored, is_default=True)
    if value is None:
        return result
    error = f"Resetting 'requires' for {rsc_id} to '{chosen}' because '{value}' is not valid"
    return Requires(result.value, True, warning=result.warning, error=error)


def unfencing_flag(ws: WorkingSet) -> bool:
    """pe_flag_enable_unfencing as unpack_config sets it, fencing enabled or not: some resource's
    meta attributes (a clone's too, even where its primitive sets its own; rsc_defaults are merged
    in) hold provides=unfencing or requires=unfencing, exactly so (an XPath match). Remembered
    once the working set is frozen (its resources are fixed then)."""
    cached = vars(ws).get("_unfencing_flag")
    if cached is not None:
        return cached
    found = any(rsc.meta.get("requires") == "unfencing" or rsc.meta.get("provides") == "unfencing"
                for rsc in ws.by_id.values())
    if ws.frozen_primitives is not None:
        vars(ws)["_unfencing_flag"] = found
    return found


def is_fence_device(rsc: Rsc) -> bool:
    """pe_rsc_fence_device: a primitive of class stonith."""
    return rsc.config is not None and rsc.config.standard.lower() == "stonith"


def of(ws: WorkingSet, rsc: Rsc) -> Requires:
    """The resource's `requires`, as unpack_requires leaves it."""
    primitive = rsc.kind == "primitive"
    return unpack_requires(rsc.meta.get("requires"), rsc.id, fence_device=primitive and is_fence_device(rsc),
                           remote_connection=primitive and remote.is_connection(rsc.config),
                           stonith_enabled=ws.stonith_enabled, unfencing_enabled=unfencing_flag(ws),
                           quorum_ignored=ws.no_quorum_policy == "ignore")


def needs_fencing(ws: WorkingSet, rsc: Rsc) -> bool:
    """pe_rsc_needs_fencing (multiply-active-stonith with requires=unfencing on a fence device: it
    is reset to quorum, so a fence device active on an unclean node and a clean one counts as
    active on the clean one)."""
    return of(ws, rsc).needs_fencing


def _clean(ws: WorkingSet, uname: str) -> bool:
    node = ws.nodes[uname]
    return node.online and not node.unclean


def active_node(ws: WorkingSet, rsc: Rsc, partial: bool = True) -> Optional[str]:
    """The node the resource counts as active on: the source of a half-done migration (unless
    `partial` is false: once a migration that does not continue is forgotten), else the first
    one, or the first clean one when it does not need fencing."""
    if not rsc.running_on:
        return None
    if partial and rsc.partial_migration is not None and not rsc.failed and rsc.partial_migration[0] in rsc.running_on:
        return rsc.partial_migration[0]     # the source of a migration half done
    if not needs_fencing(ws, rsc):
        return next((u for u in rsc.running_on if _clean(ws, u)), rsc.running_on[0])
    return rsc.running_on[0]


def active_count(ws: WorkingSet, rsc: Rsc) -> int:
    """How many nodes count for "multiply active": all, or only clean ones without fencing needs."""
    if needs_fencing(ws, rsc):
        return len(rsc.running_on)
    return sum(1 for u in rsc.running_on if _clean(ws, u))


def can_fence(ws: WorkingSet, node: NodeInfo) -> bool:
    """pe_can_fence: fencing enabled, a device exists, and quorum (or the node is online)."""
    if not ws.stonith_enabled or not ws.have_stonith_resource:
        return False
    return ws.have_quorum or ws.no_quorum_policy == "ignore" or node.online
