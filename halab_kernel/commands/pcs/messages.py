"""The wording of pcs 0.11's messages, as functions of their data.

Kept in one place so a student sees the same sentence the real tool prints,
and so a change of pcs version is a change of this file only.
"""

from __future__ import annotations

from typing import Iterable


def quoted_list(items: Iterable[str], sort: bool = True) -> str:
    values = sorted(items) if sort else list(items)
    return ", ".join(f"'{item}'" for item in values)


def _plural(items: Iterable[str], singular: str, plural: str | None = None) -> str:
    count = len(list(items))
    if count == 1:
        return singular
    if plural is not None:
        return plural
    return {"is": "are", "does": "do", "has": "have"}.get(singular, singular + "s")


def _opt(description: str) -> str:
    return f"{description} " if description else ""


def invalid_options(names: Iterable[str], allowed: Iterable[str], option_type: str) -> str:
    names, allowed = list(names), list(allowed)
    text = f"invalid {_opt(option_type)}option{_plural(names, '', 's:')} {quoted_list(names)},"
    if not allowed:
        return text + " there are no options allowed"
    return text + f" allowed option{_plural(allowed, ' is', 's are:')} {quoted_list(allowed)}"


def required_missing(names: Iterable[str], option_type: str) -> str:
    names = list(names)
    return (f"required {_opt(option_type)}{_plural(names, 'option')} {quoted_list(names)} "
            f"{_plural(names, 'is')} missing")


def required_alternatives(names: Iterable[str], deprecated: Iterable[str], option_type: str) -> str:
    deprecated = set(deprecated)
    flagged = sorted((name in deprecated, name) for name in names)
    parts = [f"'{name}' (deprecated)" if is_deprecated else f"'{name}'" for is_deprecated, name in flagged]
    joined = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} or {parts[-1]}"
    return f"{_opt(option_type)}option {joined} has to be specified"


def invalid_value(value: str, option_name: str, allowed: Iterable[str] | str | None = None) -> str:
    text = f"'{value}' is not a valid {option_name} value"
    if allowed is None:
        return text
    hint = allowed if isinstance(allowed, str) else quoted_list(allowed)
    return f"{text}, use {hint}"


def deprecated_option(name: str, replaced_by: Iterable[str], option_type: str) -> str:
    return (f"{_opt(option_type)}option '{name}' is deprecated and should not be used, "
            f"use {quoted_list(replaced_by)} instead")


def invalid_score(score: str) -> str:
    return f"invalid score '{score}', use integer or INFINITY or -INFINITY"


def not_unique(value: str, name: str, agent: str, resources: Iterable[str]) -> str:
    return (f"Value '{value}' of option '{name}' is not unique across '{agent}' resources. "
            f"Following resources are configured with the same value of the instance "
            f"attribute: {quoted_list(resources)}")


def id_not_found(element_id: str, types: str = "") -> str:
    return f"{_opt(types)}'{element_id}' does not exist"


def agent_not_installed(name: str) -> str:
    return (f"Agent '{name}' is not installed or does not provide valid metadata: "
            f"crm_resource: Metadata query for {name} failed: No such device or address, "
            "Error performing operation: No such object")
