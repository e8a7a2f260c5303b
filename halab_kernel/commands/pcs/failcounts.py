"""`pcs resource|stonith failcount [show [ID] [node=N] [operation=OP [interval=I]]] [--full]` on a CIB
file: pcs 0.11.5's get_failcounts reads the fail-count-* and last-failure-* transient attributes of the
file's status section (a CIB saved from a running cluster has them; one written by pcs -f has none)."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from halab_kernel.commands.pcs.context import PcsLib
from halab_kernel.commands.pcs.errors import PcsError, UsageError
from halab_kernel.commands.pcs.options import Modifiers, timeout_to_seconds
from halab_kernel.commands.pcs.parsing import prepare_options

_INFINITY = "INFINITY"


@dataclass(frozen=True)
class Failure:
    """One fail-count entry of a node: `<resource>[:<clone>]#<operation>_<interval ms>`."""

    node: str
    resource: str
    operation: str
    interval: str
    count: int | str  # an int, or "INFINITY"


def failures(cib: etree._Element) -> list[Failure]:
    """pcs's get_resources_failcounts: a fail-count without a number counts 1, a last-failure alone 0."""
    found = []
    for node_state in cib.iterfind("status/node_state"):
        counts: dict[str, dict[str, str]] = {}
        for nvpair in node_state.iterfind("transient_attributes/instance_attributes/nvpair"):
            name = nvpair.get("name", "")
            for part in ("fail-count-", "last-failure-"):
                if name.startswith(part):
                    counts.setdefault(name[len(part):], {})[part] = nvpair.get("value", "")
                    break
        for key, values in counts.items():
            if "#" not in key or "_" not in key.split("#", 1)[1]:
                raise PcsError(f"Error: cannot read the fail count '{key}' of the CIB file: not simulated; "
                               "try it on real nodes: halab rig up")  # pcs itself dies with a traceback
            owner, action = key.split("#", 1)
            operation, interval = action.rsplit("_", 1)
            text = values.get("fail-count-", "0").upper()
            count: int | str = text if text == _INFINITY else (int(text) if _is_int(text) else 1)
            found.append(Failure(node_state.get("uname", ""), owner.split(":", 1)[0], operation, interval, count))
    return found


def _is_int(text: str) -> bool:
    try:
        int(text)
    except ValueError:
        return False
    return True


def _total(items: list[Failure]) -> int | str:
    total: int | str = 0
    for item in items:
        if total != _INFINITY:
            total = item.count if item.count == _INFINITY else int(total) + int(item.count)
    return total


def _headline(empty: bool, resource: str | None, node: str | None, operation: str | None,
              interval: str | None) -> str:
    parts = ["No failcounts" if empty else "Failcounts"]
    if operation:
        parts.append(f"for operation '{operation}'")
        if interval:
            parts.append(f"with interval '{interval}'")
    if resource:
        parts += ["of" if operation else "for", f"resource '{resource}'"]
    if node:
        parts.append(f"on node '{node}'")
    return " ".join(parts)


def failcount_cmd(lib: PcsLib, argv: list[str], modifiers: Modifiers, group: str = "resource") -> None:
    """`failcount` alone is `failcount show`; any other word is a usage error (of `failcount` as a whole)."""
    if argv and argv[0] != "show":
        error = UsageError()
        error.command = f"{group} failcount "
        raise error
    show(lib, argv[1:], modifiers)


def show(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    modifiers.ensure_only("-f", "--full")
    resource = argv[0] if argv and "=" not in argv[0] else None
    options = prepare_options(argv[1:] if resource is not None else argv)
    unknown = sorted(set(options) - {"node", "operation", "interval"})
    if unknown:
        listed = "', '".join(unknown)
        raise UsageError(f"Unknown option{'s' if len(unknown) > 1 else ''} '{listed}'")
    node, operation, interval = options.get("node"), options.get("operation"), options.get("interval")
    problems = []
    if interval is not None and operation is None:
        problems.append("Error: If option 'interval' is specified, option 'operation' must be specified as well")
    if interval is not None and timeout_to_seconds(interval) is None:
        problems.append(f"Error: '{interval}' is not a valid interval value, use time interval "
                        "(e.g. 1, 2s, 3m, 4h, ...)")
    if problems:
        raise PcsError(*problems)
    interval_ms = None if interval is None else str((timeout_to_seconds(interval) or 0) * 1000)
    chosen = [f for f in failures(lib.cib)
              if node in (None, f.node) and resource in (None, f.resource)
              and operation in (None, f.operation) and interval_ms in (None, f.interval)]
    if not chosen:
        lib.reporter.out(_headline(True, resource, node, operation, interval))
        return
    for name in sorted({f.resource for f in chosen}):
        lib.reporter.out(_headline(False, name, node, operation, interval))
        of_resource = [f for f in chosen if f.resource == name]
        for node_name in sorted({f.node for f in of_resource}):
            of_node = [f for f in of_resource if f.node == node_name]
            if not modifiers.has("--full"):
                lib.reporter.out(f"  {node_name}: {_total(of_node)}")
                continue
            lib.reporter.out(f"  {node_name}:")
            for op in sorted({f.operation for f in of_node}):
                of_op = [f for f in of_node if f.operation == op]
                for ms in sorted({f.interval for f in of_op}):  # as text, as pcs sorts them
                    lib.reporter.out(f"    {op} {ms}ms: {_total([f for f in of_op if f.interval == ms])}")
