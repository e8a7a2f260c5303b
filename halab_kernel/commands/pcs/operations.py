"""`pcs resource op add|remove`: pcs 0.11's legacy operation editing."""

from __future__ import annotations

from lxml import etree

from halab_kernel.commands.pcs import cibtools
from halab_kernel.commands.pcs.context import PcsLib
from halab_kernel.commands.pcs.errors import PcsError, UsageError
from halab_kernel.commands.pcs.manage import warn_stonith_mismatch
from halab_kernel.commands.pcs.options import Modifiers, timeout_to_seconds


_OP_OPTIONS = ("id", "name", "interval", "description", "start-delay", "interval-origin", "timeout", "enabled",
               "record-pending", "role", "on-fail", "OCF_CHECK_LEVEL")
_ROLES = ("Master", "Promoted", "Slave", "Started", "Stopped", "Unpromoted")
_LEGACY_ROLES = {"Master": "Promoted", "Slave": "Unpromoted"}


def op_add(lib: PcsLib, argv: list[str], modifiers: Modifiers, stonith: bool = False) -> None:
    if not argv:
        raise UsageError()
    warn_stonith_mismatch(lib, argv[:1], stonith_command=stonith,
                          use_instead="pcs resource op add" if stonith else "pcs stonith op add")
    modifiers.ensure_only("-f", "--force", "--debug")
    if len(argv) < 2:
        raise UsageError()
    element = next((p for p in lib.cib.iter("primitive") if p.get("id") == argv[0]), None)
    if element is None:
        raise PcsError(f"Error: Unable to find resource: {argv[0]}")
    add_operation(lib, element, argv[1:], strict=True, force=modifiers.has("--force"))
    lib.mark_changed()


def _role(value: str) -> str:
    return _LEGACY_ROLES.get(value, value)


def add_operation(lib: PcsLib, primitive: etree._Element, op_argv: list[str], strict: bool, force: bool,
                  before: etree._Element | None = None) -> None:
    """pcs's resource_operation_add: checks, id, OCF_CHECK_LEVEL as a parameter, duplicate refusal."""
    resource_id, op_name = primitive.get("id", ""), op_argv[0]
    pairs = [tuple(arg.split("=", 1)) for arg in op_argv[1:] if "=" in arg]
    if "=" in op_name:
        raise PcsError(f"Error: {op_name} does not appear to be a valid operation action")
    if not force:
        for key, value in pairs:
            if key not in _OP_OPTIONS:
                raise PcsError(f"Error: {key} is not a valid op option (use --force to override)")
            if key == "role" and value not in _ROLES:
                raise PcsError("Error: role must be: 'Master', 'Promoted', 'Slave', 'Started', 'Stopped' or "
                               "'Unpromoted' (use --force to override)")
    interval = next((value for key, value in pairs if key == "interval"), None)
    if not interval:
        interval = "60s" if op_name == "monitor" else "0s"
        pairs.append(("interval", interval))
    pairs.sort(key=lambda pair: pair[0])
    given_id = None
    for key, value in pairs:  # pcs checks every id= given; the last one is the op's
        if key == "id":
            problem = cibtools.id_problem(value, "operation id")
            if problem:
                raise PcsError(f"Error: {problem}")
            if cibtools.id_exists(lib.cib, value):
                raise PcsError(f"Error: id '{value}' is already in use, please specify another one")
            given_id = value
    op_id = given_id or cibtools.unique_id(lib.cib, f"{resource_id}-{op_name}-interval-{interval}")
    op = etree.Element("op", id=op_id, name=op_name)
    for key, value in pairs:
        if key == "OCF_CHECK_LEVEL":
            params = etree.SubElement(op, "instance_attributes", id=cibtools.unique_id(lib.cib, f"params-{op_id}"))
            etree.SubElement(params, "nvpair", id=cibtools.unique_id(lib.cib, f"{op_id}-{key}-{value}"),
                             name=key, value=value)
        else:
            op.set(key, _role(value) if key == "role" and not force else value)
    operations = primitive.find("operations")
    if operations is None:
        operations = etree.SubElement(primitive, "operations")
    op_name = op.get("name", "")  # a `name=` option renames the operation, as in pcs
    written = op.get("interval", "")  # the last interval= given (the id took the first), as in pcs
    same_interval = [o for o in operations.iter("op") if o.get("name") == op_name
                     and _seconds(o.get("interval", "")) == _seconds(written)]
    if same_interval:
        raise PcsError(f"Error: operation {op_name} with interval {_seconds(written)}s already specified for "
                       f"{resource_id}:\n" + "\n".join(_op_text(o) for o in same_interval))
    if strict and not force:
        same_name = [o for o in operations.iter("op") if o.get("name") == op_name
                     and (op_name != "monitor" or _monitor_kind(o) == _monitor_kind(op))]
        if same_name:
            raise PcsError(f"Error: operation {op_name} already specified for {resource_id}, use --force to "
                           "override:\n" + "\n".join(_op_text(o) for o in same_name))
    if before is not None:
        before.addprevious(op)
    else:
        operations.append(op)


def _monitor_kind(op: etree._Element) -> tuple[str, str | None]:
    """Two monitors clash when they watch the same role at the same OCF_CHECK_LEVEL."""
    level = next((p.get("value") for p in op.iterfind("instance_attributes/nvpair")
                  if p.get("name") == "OCF_CHECK_LEVEL"), None)
    return _role((op.get("role") or "Started").capitalize()), level


def interval_duplicates(operations: list[dict[str, str]]) -> str | None:
    """pcs's validate_different_intervals for `resource create`: the same action twice at one interval."""
    by_name: dict[str, dict[int | None, list[str]]] = {}
    for op in operations:
        interval = op.get("interval", "60s" if op["name"] == "monitor" else "0s")
        by_name.setdefault(op["name"], {}).setdefault(timeout_to_seconds(interval), []).append(interval)
    lines = [f"{name} with intervals {', '.join(intervals)}" for name, table in by_name.items()
             for intervals in sorted(table.values()) if len(intervals) > 1]
    if not lines:
        return None
    return "multiple specification of the same operation with the same interval:\n" + "\n".join(lines)


def _op_text(op: etree._Element) -> str:
    parts = [op.get("name", "")]
    parts += [f"{k}={v}" for k, v in sorted(op.attrib.items()) if k not in ("id", "name")]
    parts += [f"{p.get('name')}={p.get('value')}" for p in op.iter("nvpair")]
    parts.append(f"({op.get('id')})")
    return " ".join(parts)


def _seconds(value: str) -> str:
    """pcs's timeout_to_seconds_legacy: the seconds timeout_to_seconds reads (`10s`, `1min`, `2h`; not
    `10000ms`), else the text unchanged."""
    seconds = timeout_to_seconds(value)
    return value if seconds is None else str(seconds)


def op_remove(lib: PcsLib, argv: list[str], modifiers: Modifiers, stonith: bool = False) -> None:
    modifiers.ensure_only("-f", "--debug")
    if not argv:
        raise UsageError()
    warn_stonith_mismatch(lib, argv[:1], stonith_command=stonith,
                          use_instead="pcs resource op delete" if stonith else "pcs stonith op delete")
    cib = lib.cib
    if len(argv) == 1:
        for op in cib.iter("op"):
            if op.get("id") == argv[0]:
                cibtools.remove_element(op)
                lib.mark_changed()
                return
        raise PcsError(f"Error: unable to find operation id: {argv[0]}")
    resource_id, op_name, rest = argv[0], argv[1], argv[2:]
    element = next((p for p in cib.iter("primitive") if p.get("id") == resource_id), None)
    if element is None:
        raise PcsError(f"Error: Unable to find resource: {resource_id}")
    wanted = set(_as_pairs(rest)) | {("name", op_name)}
    found = False
    for op in list(element.iter("op")):
        current = {(k, v) for k, v in op.attrib.items() if k != "id"}
        if not rest and op.get("name") == op_name:
            cibtools.remove_element(op)
            found = True
        elif not (wanted ^ current):
            cibtools.remove_element(op)
            found = True
            break
    if not found:
        raise PcsError(f"Error: Unable to find operation matching: {' '.join(argv[1:])}")
    lib.mark_changed()


def _as_pairs(args: list[str]) -> list[tuple[str, str]]:
    return [tuple(arg.split("=", 1)) if "=" in arg else (arg, "") for arg in args]  # type: ignore[misc]
