"""One fault contract for both backends (issue 12 item 4): every `Fault` kind goes through the one
dispatcher (`fault_target.apply_fault`) to an operation that the simulator backend and the SSH backend
both offer with the very same signature."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any, cast

import pytest

from halab_kernel import model
from halab_kernel.errors import LabError
from halab_kernel.fault_target import FaultTarget, apply_fault
from halab_kernel.lab import Lab, SimBackend
from halab_kernel.model import (
    Crash, Cut, DiskPath, FailResource, Fault, FaultInjected, Fence, FenceDeviceFailure, Heal, Kill, PowerOff, Restart,
    Standby, Start, Stop,
)
from halab_kernel.remote.backend import SshBackend
from halab_kernel.remote.injector import FaultsNotAllowed
from halab_kernel.remote.ssh import NodeConnection

OPERATIONS = [name for name, _ in inspect.getmembers(FaultTarget, inspect.isfunction) if not name.startswith("_")]
ROOT = Path(__file__).resolve().parents[1]

# one value of every Fault kind, and the operation it must reach
EXAMPLES: list[tuple[Fault, str, tuple[Any, ...]]] = [
    (Crash("node2"), "crash", ("node2",)),
    (Restart("node2"), "restart", ("node2",)),
    (PowerOff("node2"), "power_off", ("node2",)),
    (Stop("node2"), "stop", ("node2",)),
    (Start("node2"), "start", ("node2",)),
    (Kill("node2", "corosync"), "kill", ("node2", "corosync")),
    (Cut((("node1",), ("node2", "node3"))), "partition", ((("node1",), ("node2", "node3")),)),
    (Heal(), "heal", ()),
    (FailResource("web", "node2", "start", True), "fail_resource", ("web", "node2", "start", True)),
    (Standby("node2", False), "standby", ("node2", False)),
    (Fence("node2"), "fence", ("node2",)),
    (DiskPath("node2", attached=True), "set_disk_path", ("node2", True)),
    (FenceDeviceFailure("ipmi-n2"), "set_fence_device_failing", ("ipmi-n2", True)),
]


def fault_kinds() -> set[type[Fault]]:
    return {kind for _, kind in inspect.getmembers(model, inspect.isclass) if issubclass(kind, Fault) and kind is not Fault}


def test_both_backends_offer_every_operation_with_the_contract_s_signature() -> None:
    assert len(OPERATIONS) == 13
    for name in OPERATIONS:
        contract = inspect.signature(getattr(FaultTarget, name))
        assert inspect.signature(getattr(SimBackend, name)) == contract, name
        assert inspect.signature(getattr(SshBackend, name)) == contract, name


def test_every_fault_kind_has_an_example_reaching_its_operation() -> None:
    assert {type(fault) for fault, _, _ in EXAMPLES} == fault_kinds()

    class Recorder:  # the contract's operations, recording what the dispatcher asked for
        def __init__(self) -> None:
            self.calls: list[tuple[str, tuple[Any, ...]]] = []

    for name in OPERATIONS:
        setattr(Recorder, name, lambda self, *args, _name=name: self.calls.append((_name, args)))
    for fault, operation, args in EXAMPLES:
        recorder = Recorder()
        apply_fault(cast(FaultTarget, recorder), fault)  # its operations are set just above
        assert recorder.calls == [(operation, args)], fault


def test_a_fault_the_contract_does_not_know_is_refused() -> None:
    class Meteor(Fault):
        def words(self) -> tuple[str, ...]:
            return ("meteor",)

    lab = Lab.simulated(3)
    with pytest.raises(LabError, match="not a fault a backend knows"):
        lab.inject(Meteor())


def test_every_fault_kind_through_the_simulator_backend() -> None:
    """Each kind, injected as a value, changes the simulated cluster (its FaultInjected event or its effect)."""
    lab = Lab.simulated(3, seed=5)
    lab.advance(30)
    for command in ("pcs stonith create ipmi-n2 fence_ipmilan ip=10.0.0.12 username=a password=b pcmk_host_list=node2",
                    "pcs resource create web ocf:pacemaker:Dummy"):
        assert lab.run("node1", command).rc == 0
    lab.advance(10)
    injected: list[str] = []
    for fault, _, _ in EXAMPLES:
        if isinstance(fault, FailResource):
            fault = FailResource("web")  # where it runs
        before = len(lab.events)
        lab.inject(fault)
        lab.advance(60)  # a fenced node is back (fence_ipmilan's 4 s, a 30 s boot, the join) before the next fault
        new = [e for e in lab.events[before:] if isinstance(e, FaultInjected)]
        injected += [e.fault for e in new]
        if isinstance(fault, Standby):
            assert lab.state().node("node2").status == "online"  # unstandby of a node not in standby
        elif isinstance(fault, Fence):
            assert any(e.kind == "node_fenced" for e in lab.events[before:])
        elif isinstance(fault, Stop):
            assert lab.state().node("node2").status == "offline"
        elif isinstance(fault, Start):
            assert lab.state().node("node2").status == "online"
        else:
            assert new, fault
    assert injected[:3] == ["crash", "restart", "power_off"]


def test_every_fault_kind_through_the_ssh_backend_meets_its_gate() -> None:
    """The SSH side dispatches every kind through the same function: with faults not allowed, each kind
    that real nodes can do reaches its operation's permission gate; the two simulator-only kinds refuse."""
    backend = object.__new__(SshBackend)  # no connections: nothing may be sent anyway
    backend.allow_faults = False
    backend._connections = cast(dict[str, NodeConnection], dict.fromkeys(("node1", "node2", "node3")))
    for fault, operation, _ in EXAMPLES:
        if operation in ("set_disk_path", "set_fence_device_failing"):
            with pytest.raises(LabError, match="simulator only"):
                backend.inject(fault)
        else:
            with pytest.raises(FaultsNotAllowed, match="allow_faults=True"):
                backend.inject(fault)


def test_the_contract_s_files_have_no_name_dispatch_and_no_type_ignores() -> None:
    for path in ("halab_kernel/fault_target.py", "halab_kernel/backend.py", "halab_kernel/lab.py",
                 "halab_kernel/remote/backend.py", "halab_kernel/remote/injector.py"):
        text = (ROOT / path).read_text()
        assert "type: ignore" not in text and "getattr(" not in text and "hasattr(" not in text, path


def test_partition_groups_may_name_one_node_on_both_backends() -> None:
    lab = Lab.simulated(3, seed=2)
    lab.advance(30)
    assert isinstance(lab.backend, SimBackend)
    lab.backend.partition(["node3"])  # one group of one name: node3 against the rest
    lab.advance(20)
    assert lab.state().partition_of("node3") is not None
    assert lab.events[-1].time >= 0 and [e.target for e in lab.events if isinstance(e, FaultInjected)][-1] == \
        "node3 / node1 node2"


def test_predict_vs_real_builds_the_same_fault_values() -> None:
    """Lab.predict_vs_real("crash", "node2") injects Fault values on both labs, as the Lab methods would."""
    from halab_kernel.prediction import FAULTS, as_fault

    examples = {"crash": ("node2",), "kill": ("node2", "corosync"), "power_off": ("node2",), "stop": ("node2",),
                "fence": ("node2",), "standby": ("node2",), "partition": (["node3"],),
                "fail_resource": ("web", "node2")}
    assert set(examples) == set(FAULTS)
    assert as_fault("partition", (["node3"],)) == Cut((("node3",),))
    assert as_fault("fail_resource", ("web", "node2")) == FailResource("web", "node2")
    assert as_fault("standby", ("node2",)) == Standby("node2", True)
    assert {type(as_fault(name, args)) for name, args in examples.items()} <= fault_kinds()
    with pytest.raises(LabError, match="crash"):
        as_fault("crash", ())
