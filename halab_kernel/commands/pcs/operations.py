"""`pcs resource op add|remove`: pcs 0.11's legacy operation editing."""

from __future__ import annotations

from lxml import etree

from halab_kernel.commands.pcs import cibtools
from halab_kernel.commands.pcs.context import PcsLib
from halab_kernel.commands.pcs.errors import PcsError, UsageError
from halab_kernel.commands.pcs.options import Modifiers
from halab_kernel.commands.pcs.parsing import prepare_options
from halab_kernel.commands.pcs.primitive import append_operation


def op_add(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    if len(argv) < 2:
        raise UsageError()
    modifiers.ensure_only("-f", "--force", "--debug")
    resource_id, op_name = argv[0], argv[1]
    element = cibtools.find_resource(lib.cib, resource_id)
    if element is None or element.tag != "primitive":
        raise PcsError(f"Error: Unable to find resource: {resource_id}")
    options = prepare_options(argv[2:])
    op = {"name": op_name, **options}
    op.setdefault("interval", "60s" if op_name == "monitor" else "0s")
    operations = element.find("operations")
    if operations is None:
        operations = etree.SubElement(element, "operations")
    same_name = [o for o in operations.findall("op") if o.get("name") == op_name]
    same_interval = [o for o in same_name if _seconds(o.get("interval", "0")) == _seconds(op["interval"])]
    if same_interval:
        raise PcsError(
            f"Error: operation {op_name} with interval {_seconds(op['interval'])}s already specified "
            f"for {resource_id}:\n" + "\n".join(_op_text(o) for o in same_interval))
    if same_name and not modifiers.has("--force"):
        raise PcsError(
            f"Error: operation {op_name} already specified for {resource_id}, use --force to "
            "override:\n" + "\n".join(_op_text(o) for o in same_name))
    if "id" in op:
        problem = cibtools.id_problem(op["id"], "operation id")
        if problem:
            raise PcsError(f"Error: {problem}")
        if cibtools.id_exists(lib.cib, op["id"]):
            raise PcsError(f"Error: id '{op['id']}' is already in use, please specify another one")
    ordered = {"name": op_name, **dict(sorted((k, v) for k, v in op.items() if k != "name"))}
    append_operation(lib.cib, operations, resource_id, ordered, set(), legacy_ids=True)
    lib.mark_changed()


def _op_text(op: etree._Element) -> str:
    parts = [op.get("name", "")]
    parts += [f"{k}={v}" for k, v in sorted(op.attrib.items()) if k not in ("id", "name")]
    parts += [f"{p.get('name')}={p.get('value')}" for p in op.iter("nvpair")]
    parts.append(f"({op.get('id')})")
    return " ".join(parts)


def _seconds(value: str) -> str:
    units = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hr": 3600, "ms": 0.001, "msec": 0.001}
    text = value.strip()
    number = text.rstrip("abcdefghijklmnopqrstuvwxyz")
    unit = text[len(number):] or "s"
    if number.isdigit() and unit in units:
        return str(int(int(number) * units[unit]))
    return value


def op_remove(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    modifiers.ensure_only("-f", "--debug")
    if not argv:
        raise UsageError()
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
