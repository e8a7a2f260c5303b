"""Colocations written with resource sets, turned into pairwise colocations as 2.1.5 does.

Within one set (unpack_colocation_set): sequential="false" ties nothing; a positive
score ties each member to the one before it (ordering="listed": the one before to
it); a negative score keeps each member away from every member before it. The
set's own `score` and `role` apply there. Between consecutive sets
(colocate_rsc_sets) the earlier set depends on the later one: a sequential set
takes part through its first member (the earlier set) or its last (the later
set), an unordered one through all its members.
"""

from __future__ import annotations

from typing import Optional

from .model import Colocation
from .scores import parse_score

FALSE_WORDS = ("false", "no", "off", "0", "n")


def _sequential(rsc_set) -> bool:
    return (rsc_set.get("sequential") or "true").strip().lower() not in FALSE_WORDS


def _refs(rsc_set) -> list[str]:
    return [ref.get("id") for ref in rsc_set if ref.tag == "resource_ref" and ref.get("id")]


def set_colocations(sets: list, cid: str, score: int, attribute: str,
                    influence: Optional[bool]) -> list[Colocation]:
    result: list[Colocation] = []

    def tie(dependent: str, primary: str, value: int, role: Optional[str], with_role: Optional[str]) -> None:
        result.append(Colocation(cid, dependent, primary, value, resource_role=role, with_resource_role=with_role,
                                 node_attribute=attribute, influence=influence))

    previous = None
    for rsc_set in sets:
        refs, role = _refs(rsc_set), rsc_set.get("role")
        local = parse_score(rsc_set.get("score"), score) if rsc_set.get("score") else score
        if local != 0 and _sequential(rsc_set):
            if local > 0 and (rsc_set.get("ordering") or "group").lower() == "group":
                for earlier, later in zip(refs, refs[1:]):
                    tie(later, earlier, local, role, role)
            elif local > 0:
                for earlier, later in zip(refs, refs[1:]):
                    tie(earlier, later, local, role, role)
            else:
                for index, member in enumerate(refs):
                    for earlier in refs[:index]:
                        tie(member, earlier, local, role, role)
        if previous is not None and score != 0:
            before, role_1 = _refs(previous), previous.get("role")
            dependents = before[:1] if _sequential(previous) else before
            primaries = refs[-1:] if _sequential(rsc_set) else refs
            for dependent in dependents:
                for primary in primaries:
                    tie(dependent, primary, score, role_1, role)
        previous = rsc_set
    return result
