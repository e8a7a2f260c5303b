"""Evaluate location-constraint rules against a node's attributes (Pacemaker Explained, "Rules")."""

from __future__ import annotations

import re
from typing import Optional

from ..cib.model import Expression, ResourceExpression, Rule
from . import options
from .dates import date_matches


def _integer(text: str) -> Optional[int]:
    """strtoll as pcmk__scan_ll uses it: leading digits count, the rest is ignored."""
    match = re.match(r"\s*([+-]?\d+)", text)
    return int(match.group(1)) if match else None


def _number(text: str) -> Optional[float]:
    """strtod as pcmk__scan_double uses it: the longest leading number, else none."""
    match = re.match(r"\s*([+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)", text)
    return float(match.group(1)) if match else None


def _version(text: str) -> list[int]:
    return [_integer(part) or 0 for part in text.split(".")]


def _compare(left: str, right: str, value_type: Optional[str], operation: str) -> int:
    """compare_attr_expr_vals in 2.1.5: the type decides; an unparsable number compares as text."""
    if value_type is None:
        if operation in ("lt", "lte", "gt", "gte"):
            value_type = "number" if "." in left or "." in right else "integer"
        else:
            value_type = "string"
    value_type = value_type.lower()
    a: object
    b: object
    if value_type == "integer":
        a, b = _integer(left), _integer(right)
    elif value_type == "number":
        a, b = _number(left), _number(right)
    elif value_type == "version":
        a, b = _version(left), _version(right)
    else:
        a, b = left.lower(), right.lower()
    if a is None or b is None:
        a, b = left.lower(), right.lower()
    return (a > b) - (a < b)  # type: ignore[operator]


def expression_matches(expression: Expression, attributes: dict, sources: Optional[dict] = None) -> bool:
    """accept_attr_expr in 2.1.5; with value-source=param/meta, `value` names one of the resource's
    parameters or meta attributes (`sources`), whose value is compared."""
    actual = attributes.get(expression.attribute)
    operation = expression.operation.lower()
    if operation == "defined":
        return actual is not None
    if operation == "not_defined":
        return actual is None
    expected = expression.value
    if expression.value_source in ("param", "meta") and expected is not None:
        expected = (sources or {}).get(expression.value_source, {}).get(expected)
    if actual is None or expected is None:
        result = 0 if actual is None and expected is None else (1 if expected is None else -1)
        return {"eq": result == 0, "ne": result != 0}.get(operation, False)
    result = _compare(actual, expected, expression.value_type, operation)
    return {"eq": result == 0, "ne": result != 0, "lt": result < 0, "gt": result > 0,
            "lte": result <= 0, "gte": result >= 0}.get(operation, False)


def rule_matches(rule: Rule, attributes: dict, now: Optional[int] = None,
                 agent: Optional[tuple] = None, sources: Optional[dict] = None) -> bool:
    """A rule on a node's attributes, the clock (`now`, seconds since the epoch) and, for
    resource defaults, the resource's agent (`(class, provider, type)`)."""
    results = [expression_matches(e, attributes, sources) for e in rule.expressions]
    results += [date_matches(d, now) for d in rule.dates]
    results += [agent is not None and _agent_matches(e, agent) for e in rule.resources]
    results += [rule_matches(r, attributes, now, agent, sources) for r in rule.rules]
    if rule.has_op_expression:
        results.append(False)
    if not results:
        return True
    if rule.boolean_op.lower() == "or":
        return any(results)
    return all(results)


def _agent_matches(expression: ResourceExpression, agent: tuple) -> bool:
    """pe__eval_rsc_expr: a given class and type must be equal; the provider must be equal even
    when not given (2.1.5: an expression without a provider matches only resources without one,
    such as stonith, lsb or systemd agents, groups and clones)."""
    standard, provider, agent_type = agent
    return (expression.standard in (None, standard) and expression.provider == provider
            and expression.agent_type in (None, agent_type))


def rule_score(rule: Rule, attributes: dict) -> int:
    if rule.score_attribute:
        return options.score_or(attributes.get(rule.score_attribute), 0)
    return rule.score
