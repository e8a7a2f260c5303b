"""Evaluate location-constraint rules against a node's attributes (Pacemaker Explained, "Rules")."""

from __future__ import annotations

from typing import Optional

from ..cib.model import Expression, Rule
from . import options


def _compare(left: str, right: str, value_type: str) -> Optional[int]:
    if value_type in ("integer", "number"):
        try:
            a, b = float(left), float(right)
        except ValueError:
            return None
    elif value_type == "version":
        def parts(text):
            return [int(p) if p.isdigit() else 0 for p in text.split(".")]
        a, b = parts(left), parts(right)
    else:
        a, b = left.lower(), right.lower()
        if left.lower() == right.lower():
            return 0
        a, b = left, right
    return (a > b) - (a < b)


def expression_matches(expression: Expression, attributes: dict) -> bool:
    actual = attributes.get(expression.attribute)
    operation = expression.operation
    if operation == "defined":
        return actual is not None
    if operation == "not_defined":
        return actual is None
    if actual is None or expression.value is None:
        return operation == "ne" and actual is None and expression.value is not None
    value_type = expression.value_type or "string"
    if value_type == "string" and operation in ("lt", "gt", "lte", "gte"):
        value_type = "number" if _numeric(actual) and _numeric(expression.value) else "string"
    result = _compare(actual, expression.value, value_type)
    if result is None:
        return False
    return {"eq": result == 0, "ne": result != 0, "lt": result < 0, "gt": result > 0,
            "lte": result <= 0, "gte": result >= 0}.get(operation, False)


def _numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def rule_matches(rule: Rule, attributes: dict) -> bool:
    results = [expression_matches(e, attributes) for e in rule.expressions]
    results += [rule_matches(r, attributes) for r in rule.rules]
    if rule.has_date:
        results.append(False)
    if not results:
        return True
    if rule.boolean_op.lower() == "or":
        return any(results)
    return all(results)


def rule_score(rule: Rule, attributes: dict) -> int:
    if rule.score_attribute:
        return options.score_or(attributes.get(rule.score_attribute), 0)
    return rule.score
