"""The fault contract: what a backend must offer so that any `Fault` (model.py) can be applied to it.

`FaultTarget` lists one operation per kind of fault, with one signature that the simulator backend
(`SimBackend`, lab.py) and the SSH backend (`SshBackend`, remote/) both keep exactly (a test compares
them with `inspect.signature`). `apply_fault` is the only place that maps a `Fault` value to its
operation: `Backend.inject` on both backends calls it, and `Lab`'s fault methods, `%fault`, the
dashboard's buttons and the graders all reach it by building `Fault` values. A backend that cannot do
a fault (SBD disk paths or fence device failures on real nodes) still offers the operation and refuses
it with a `LabError` saying why, before anything changes.
"""

from __future__ import annotations

from typing import Protocol, Sequence

from halab_kernel.errors import LabError
from halab_kernel.model import (
    Crash, Cut, DiskPath, FailResource, Fault, Fence, FenceDeviceFailure, Heal, Kill, PowerOff, Restart, Standby,
    Start, Stop,
)


class FaultTarget(Protocol):
    """The operations that apply faults to a cluster, one per `Fault` kind."""

    def crash(self, node: str) -> None:
        """The node hangs or panics: every cluster daemon dies at once."""

    def restart(self, node: str) -> None:
        """Boot a crashed or powered-off node again, or restart its stack."""

    def power_off(self, node: str) -> None:
        """The node loses power."""

    def stop(self, node: str) -> None:
        """`pcs cluster stop` on the node."""

    def start(self, node: str) -> None:
        """`pcs cluster start` on the node."""

    def kill(self, node: str, daemon: str) -> None:
        """kill -9 of one daemon on the node."""

    def partition(self, groups: Sequence[Sequence[str]]) -> None:
        """Cut the network between groups of nodes (a group may be one name); the rest form one more group."""

    def heal(self) -> None:
        """Remove every network cut."""

    def fail_resource(self, resource: str, node: str | None = None, op: str = "monitor", hang: bool = False) -> None:
        """The resource dies where it runs (op="monitor"), or its next operation `op` fails or hangs."""

    def standby(self, node: str, on: bool = True) -> None:
        """Set (on) or remove the node's standby attribute."""

    def fence(self, node: str) -> None:
        """A fence device of the cluster, run by another node, reboots the node."""

    def set_disk_path(self, node: str, attached: bool) -> None:
        """The node loses (attached=False) or regains its path to the shared disk SBD watches."""

    def set_fence_device_failing(self, device: str, failing: bool) -> None:
        """The fence device fails every action from now on (failing=True), or works again."""


def apply_fault(target: FaultTarget, fault: Fault) -> None:
    """Apply `fault` through the operation of `target` that does it: the one dispatcher of the project."""
    if isinstance(fault, Crash):
        target.crash(fault.node)
    elif isinstance(fault, Restart):
        target.restart(fault.node)
    elif isinstance(fault, PowerOff):
        target.power_off(fault.node)
    elif isinstance(fault, Stop):
        target.stop(fault.node)
    elif isinstance(fault, Start):
        target.start(fault.node)
    elif isinstance(fault, Kill):
        target.kill(fault.node, fault.daemon)
    elif isinstance(fault, Cut):
        target.partition(fault.groups)
    elif isinstance(fault, Heal):
        target.heal()
    elif isinstance(fault, FailResource):
        target.fail_resource(fault.resource, fault.node, fault.operation, fault.hang)
    elif isinstance(fault, Standby):
        target.standby(fault.node, fault.on)
    elif isinstance(fault, Fence):
        target.fence(fault.node)
    elif isinstance(fault, DiskPath):
        target.set_disk_path(fault.node, fault.attached)
    elif isinstance(fault, FenceDeviceFailure):
        target.set_fence_device_failing(fault.device, fault.failing)
    else:
        raise LabError(f"{fault!r} is not a fault a backend knows how to apply")


def group_tuples(groups: Sequence[Sequence[str]]) -> tuple[tuple[str, ...], ...]:
    """Partition groups as tuples of names; a group given as one name (a str) is that one node."""
    return tuple((group,) if isinstance(group, str) else tuple(group) for group in groups)
