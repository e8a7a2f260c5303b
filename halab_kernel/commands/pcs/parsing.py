"""Shapes of pcs arguments: `name=value` lists and keyword groups (`op`, `meta`, ...)."""

from __future__ import annotations

from halab_kernel.commands.pcs.errors import UsageError


def split_option(arg: str) -> tuple[str, str]:
    if "=" not in arg:
        raise UsageError(f"missing value of '{arg}' option")
    if arg.startswith("="):
        raise UsageError(f"missing key in '{arg}' option")
    name, value = arg.split("=", 1)
    return name, value


def prepare_options(args: list[str]) -> dict[str, str]:
    """`a=1 b=2` -> {"a": "1", "b": "2"}; a name given twice must keep its value."""
    options: dict[str, str] = {}
    for arg in args:
        name, value = split_option(arg)
        if name in options and options[name] != value:
            raise UsageError(
                f"duplicate option '{name}' with different values '{options[name]}' and '{value}'")
        options[name] = value
    return options


def group_by_keywords(args: list[str], keywords: set[str], first_group: str | None,
                      repeated: tuple[str, ...] = ()) -> dict[str, list]:
    """Split args at keywords; `repeated` keywords collect a list of groups."""
    groups: dict[str, list] = {}
    current = first_group
    if first_group is not None:
        groups[first_group] = []
    for arg in args:
        if arg in keywords:
            current = arg
            if arg in repeated:
                groups.setdefault(arg, []).append([])
            else:
                groups.setdefault(arg, [])
            continue
        if current is None:
            raise UsageError()
        target = groups[current]
        if current in repeated:
            target[-1].append(arg)
        else:
            target.append(arg)
    return groups


def build_operations(op_groups: list[list[str]]) -> list[dict[str, str]]:
    """`op monitor interval=10s start timeout=60s` -> one dict per operation."""
    operations: list[list[str]] = []
    for group in op_groups:
        if not group:
            raise UsageError("When using 'op' you must specify an operation name and at least one option")
        if "=" in group[0]:
            raise UsageError("When using 'op' you must specify an operation name after 'op'")
        for arg in group:
            if "=" not in arg:
                operations.append([f"name={arg}"])
            else:
                operations[-1].append(arg)
    if any(len(op) < 2 for op in operations):
        raise UsageError("When using 'op' you must specify an operation name and at least one option")
    return [prepare_options(op) for op in operations]
