"""Resources inside a container (`container` meta attribute): the constraints it implies.

As Pacemaker 2.1.5 does for a "filler" of a non-remote container
(pcmk__create_internal_constraints): the resource runs where its container runs
(mandatory colocation), starts after it and stops before it. A group's or clone's
`container` applies to its members, as every meta attribute does; a resource
never contains itself.
"""

from __future__ import annotations

from typing import Iterator, Optional

from .model import INFINITY, Clone, Colocation, Group, Order, Primitive, ResourceConfig


def _fillers(rsc: ResourceConfig, inherited: Optional[str]) -> Iterator[tuple[str, str]]:
    container = rsc.meta.get("container", inherited)
    if isinstance(rsc, Primitive):
        if container and container != rsc.id:
            yield rsc.id, container
    elif isinstance(rsc, Group):
        for member in rsc.members:
            yield from _fillers(member, container)
    elif isinstance(rsc, Clone):
        yield from _fillers(rsc.child, container)


def container_constraints(resources: tuple) -> tuple[list[Colocation], list[Order]]:
    primitives = {p.id for top in resources for p in _primitives(top)}
    pairs = [(rsc, box) for top in resources for rsc, box in _fillers(top, None) if box in primitives]
    colocations = [Colocation(f"{rsc}-with-container", rsc, box, INFINITY) for rsc, box in pairs]
    orders = [Order(f"{box}-then-{rsc}", box, rsc) for rsc, box in pairs]
    return colocations, orders


def _primitives(rsc: ResourceConfig) -> Iterator[Primitive]:
    if isinstance(rsc, Primitive):
        yield rsc
    elif isinstance(rsc, Group):
        yield from rsc.members
    else:
        yield from _primitives(rsc.child)
