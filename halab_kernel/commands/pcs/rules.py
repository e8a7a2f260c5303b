"""pcs 0.11's rule language for `constraint location R rule ...` and `constraint rule add`.

The grammar is pcs's own (a Pratt parser, pcs/rule.py): `and`/`or` (binding
40), comparisons `eq ne lt gt lte gte` and `date in_range X to Y|duration ...`
(50), `defined`/`not_defined` (60), value types `string integer number
version` and `date-spec ...`/`duration ...` (70), parentheses. A word right
after a type keyword is always a value. The error texts are pcs's, since a
student reads them to fix the rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from halab_kernel.commands.pcs import cibtools
from halab_kernel.commands.pcs.isodates import is_iso8601_date

LITERAL, END = "{literal}", "{end}"
_COMPARISONS = ["eq", "ne", "lt", "gt", "lte", "gte", "in_range"]
_PREFIXES = ["defined", "not_defined"]
_BOOLEANS = ["and", "or"]
_TYPES = ["string", "integer", "number", "version"]
_DATE_ITEMS = ["hours", "monthdays", "weekdays", "yeardays", "months", "weeks", "years", "weekyears", "moon"]
_TYPE_VALUE = {"integer": re.compile(r"^[-+]?\d+$"),
               "number": re.compile(r"^[-+]?(\d+|(\d*\.\d+)|(\d+\.\d*))([eE][+-]?\d+)?$"),
               "version": re.compile(r"^\d+(\.\d+)*$")}
_SPEC_LIMITS = {"hours": (0, 23), "monthdays": (0, 31), "weekdays": (1, 7), "yeardays": (1, 366), "months": (1, 12),
                "weeks": (1, 53), "weekyears": (1, 53), "moon": (0, 7)}
_BINDING = {**{c: 50 for c in _COMPARISONS}, **{p: 60 for p in _PREFIXES}, **{t: 70 for t in _TYPES},
            "date-spec": 70, "duration": 70, "and": 40, "or": 40}
_KEYWORDS = set(_BINDING) | {"to", "(", ")"}


class RuleSyntaxError(Exception):
    """pcs: "'<rule>' is not a valid rule expression: <message>"."""


class RuleEnd(Exception):
    """pcs: "... is not a valid rule expression: unexpected end of rule"."""


@dataclass
class Node:
    """A symbol of the rule: a literal (value) or an operator with children."""

    symbol: str
    value: object = None
    children: list["Node"] = field(default_factory=list)

    @property
    def label(self) -> str:
        if self.symbol == END:
            return "end"
        return str(self.value) if self.symbol == LITERAL else self.symbol

    @property
    def binding(self) -> int:
        return _BINDING.get(self.symbol, 0)


@dataclass(frozen=True)
class DateParts:
    """The `name=value` parts after `date-spec` or `duration`."""

    parts: tuple[tuple[str, str], ...]

    def __str__(self) -> str:
        return " ".join(f"{n}={v}" for n, v in sorted(self.parts))


def _date_parts(text: str, keyword: str) -> DateParts:
    parts: dict[str, str] = {}
    for part in text.split():
        if not any(part == item or part.startswith(item + "=") for item in _DATE_ITEMS):
            raise RuleSyntaxError(f"unexpected '{part}' in {keyword}")
        if "=" not in part:
            raise RuleSyntaxError(f"missing =value after '{part}' in {keyword}")
        name, value = part.split("=", 1)
        if value == "":
            raise RuleSyntaxError(f"missing value after '{part}' in {keyword}")
        parts[name] = value
    if not parts:
        raise RuleSyntaxError("missing one of '" + "=', '".join(_DATE_ITEMS) + f"=' in {keyword}")
    for name, value in parts.items():
        if keyword == "duration" and not value.isdigit() or keyword == "date-spec" and not _spec_ok(name, value):
            raise RuleSyntaxError(f"invalid {name} '{value}' in '{keyword}'")
    return DateParts(tuple(parts.items()))


def _spec_ok(name: str, value: str) -> bool:
    match = re.match(r"^(?P<since>\d+)(-(?P<until>\d+))?$", value)
    if not match:
        return False
    low, high = _SPEC_LIMITS.get(name, (0, 10 ** 9))
    if not low <= int(match["since"]) <= high:
        return False
    return not match["until"] or int(match["since"]) < int(match["until"])


def preprocess(words: list[str]) -> list[str]:
    """pcs's TokenPreprocessor: split off parentheses, join `date-spec a=1 b=2` into two tokens."""
    split: list[str] = []
    for word in words:
        split += [piece for piece in re.split(r"([()])", word) if piece] if ("(" in word or ")" in word) else [word]
    joined: list[str] = []
    pending: list[str] = []
    for word in split:
        if pending and any(word == i or word.startswith(i + "=") for i in _DATE_ITEMS):
            pending.append(word)
            continue
        if pending:
            joined += [pending[0]] + ([" ".join(pending[1:])] if len(pending) > 1 else [])
            pending = []
        if word in ("date-spec", "duration"):
            pending = [word]
        else:
            joined.append(word)
    if pending:
        joined += [pending[0]] + ([" ".join(pending[1:])] if len(pending) > 1 else [])
    return joined


class _Parser:
    def __init__(self, tokens: list[str]) -> None:
        self.program: list[Node] = []
        for token in tokens:
            after_type = bool(self.program) and self.program[-1].symbol in (*_TYPES, "date-spec", "duration")
            self.program.append(Node(token) if token in _KEYWORDS and not after_type else Node(LITERAL, token))
        self.program.append(Node(END))
        self.index = -1
        self.current = self.program[0]

    def advance(self, expected: str | None = None) -> None:
        if expected and self.current.symbol != expected:
            if self.current.symbol == END:
                raise RuleSyntaxError(f"missing '{expected}'")
            raise RuleSyntaxError(f"expecting '{expected}', got '{self.current.label}'")
        self.index += 1
        if self.index >= len(self.program):
            raise RuleEnd()
        self.current = self.program[self.index]

    def expression(self, right_binding: int = 0) -> Node:
        symbol = self.current
        self.advance()
        left = self.prefix(symbol)
        while right_binding < self.current.binding:
            symbol = self.current
            self.advance()
            left = self.infix(symbol, left)
        return left

    def prefix(self, node: Node) -> Node:
        if node.symbol in (LITERAL, END):
            return node
        if node.symbol == "(":
            inner = self.expression()
            self.advance(")")
            return inner
        if node.symbol in _PREFIXES or node.symbol in _TYPES:
            child = self.expression(node.binding)
            node.children.append(child)
            if node.symbol in _PREFIXES and child.symbol != LITERAL:
                raise RuleSyntaxError(f"unexpected '{child.label}' after '{node.symbol}'")
            pattern = _TYPE_VALUE.get(node.symbol)
            if pattern and not pattern.match(str(child.value)):
                raise RuleSyntaxError(f"invalid {node.symbol} value '{child.value}'")
            return node
        if node.symbol in ("date-spec", "duration"):
            child = self.expression(node.binding)
            child.value = _date_parts(str(child.value), node.symbol)
            node.children.append(child)
            return node
        raise RuleSyntaxError(f"unexpected '{node.label}'")

    def infix(self, node: Node, left: Node) -> Node:
        if node.symbol not in _COMPARISONS and node.symbol not in _BOOLEANS:
            raise RuleSyntaxError(f"unexpected '{node.label}' after '{left.label}'")
        operands = [*_COMPARISONS, *_PREFIXES, "date-spec", *_BOOLEANS]
        allowed = ([[LITERAL], [LITERAL], [LITERAL, "duration"]] if node.symbol == "in_range"
                   else [operands, operands] if node.symbol in _BOOLEANS else [[LITERAL], [LITERAL, *_TYPES]])
        node.children.append(left)
        if left.symbol not in allowed[0] or node.symbol == "in_range" and left.value != "date":
            raise RuleSyntaxError(f"unexpected '{left.label}' before '{node.symbol}'")
        node.children.append(self.expression(node.binding))
        if node.children[1].symbol not in allowed[1]:
            raise RuleSyntaxError(f"unexpected '{node.children[1].label}' after '{node.symbol}'")
        if node.symbol == "in_range":
            self.advance("to")
            node.children.append(self.expression(node.binding))
            if node.children[2].symbol not in allowed[2]:
                raise RuleSyntaxError(f"unexpected '{node.children[2].label}' after 'in_range ... to'")
            for child in node.children[1:]:
                if child.symbol == LITERAL and not is_iso8601_date(str(child.value)):
                    raise RuleSyntaxError(f"invalid date '{child.value}' in 'in_range ... to'")
        return node


def parse(words: list[str]) -> Node:
    parser = _Parser(preprocess(words))
    parser.advance()
    tree = parser.expression()
    if parser.current.symbol != END:
        raise RuleSyntaxError(f"unexpected '{parser.current.label}'")
    if tree.symbol == LITERAL or tree.symbol in (*_TYPES, "duration"):
        raise RuleSyntaxError("missing one of '" + "', '".join([*_COMPARISONS, *_PREFIXES, "date-spec"]) + "'")
    return tree


def build(parent: etree._Element, tree: Node, rule_id: str | None, new_int_type: bool = True) -> etree._Element:
    """The `<rule>` for a parsed rule under `parent` (pcs's CibBuilder); nested rules get score 0 later."""
    rule = _add(parent, "rule", rule_id or f"{parent.get('id')}-rule")
    _build_rule(rule, tree, new_int_type)
    return rule


def _add(parent: etree._Element, tag: str, wanted_id: str) -> etree._Element:
    child = etree.SubElement(parent, tag)
    child.set("id", cibtools.unique_id(parent.getroottree().getroot(), wanted_id))
    return child


def _build_rule(rule: etree._Element, tree: Node, new_int_type: bool) -> None:
    if tree.symbol in _BOOLEANS:
        rule.set("boolean-op", tree.symbol)
        for sub in tree.children:
            if sub.symbol in _BOOLEANS and sub.symbol != tree.symbol:
                build(rule, sub, f"{rule.get('id')}-rule", new_int_type)
            else:
                _build_rule(rule, sub, new_int_type)
    elif tree.symbol in ("gt", "lt", "in_range") and tree.children[0].value == "date" \
            and tree.children[1].symbol == LITERAL:
        _date_expression(rule, tree)
    elif tree.symbol == "date-spec":
        expression = _add(rule, "date_expression", f"{rule.get('id')}-expr")
        expression.set("operation", "date_spec")
        spec = _add(expression, "date_spec", f"{expression.get('id')}-datespec")
        for name, value in _parts(tree.children[0]):
            spec.set(name, value)
    elif tree.symbol in (*_COMPARISONS, *_PREFIXES):
        expression = _add(rule, "expression", f"{rule.get('id')}-expr")
        expression.set("operation", tree.symbol)
        expression.set("attribute", str(tree.children[0].value))
        if tree.symbol not in _PREFIXES:
            operand = tree.children[1]
            if operand.symbol in _TYPES:
                expression.set("type", "number" if operand.symbol == "integer" and not new_int_type
                               else operand.symbol)
                operand = operand.children[0]
            expression.set("value", str(operand.value))
    else:
        raise RuleSyntaxError("")  # pcs: "... is not a valid rule expression" (no detail)


def _parts(node: Node) -> tuple[tuple[str, str], ...]:
    return node.value.parts if isinstance(node.value, DateParts) else ()


def _date_expression(rule: etree._Element, tree: Node) -> None:
    expression = _add(rule, "date_expression", f"{rule.get('id')}-expr")
    start = str(tree.children[1].value)
    if not is_iso8601_date(start):
        raise RuleSyntaxError(f"'{start}' is not an ISO 8601 date")
    expression.set("operation", tree.symbol)
    if tree.symbol == "lt":
        expression.set("end", start)
        return
    expression.set("start", start)
    if tree.symbol == "in_range":
        until = tree.children[2]
        if until.symbol == "duration":
            duration = _add(expression, "duration", f"{expression.get('id')}-duration")
            for name, value in _parts(until.children[0]):
                duration.set(name, value)
        else:
            if not is_iso8601_date(str(until.value)):
                raise RuleSyntaxError(f"'{until.value}' is not an ISO 8601 date")
            expression.set("end", str(until.value))


def as_expression(rule: etree._Element, normalize: bool = False) -> str:
    """pcs's ExportAsExpression: the rule back as text (normalized to find duplicates)."""
    parts = []
    for child in rule:
        if child.tag == "expression":
            if "value" in child.attrib:
                words = [child.get("attribute", ""), child.get("operation", "")]
                words += [child.get("type", "")] if child.get("type") else (["string"] if normalize else [])
                value = child.get("value", "")
                words.append(f'"{value}"' if " " in value else value)
            else:
                words = [child.get("operation", ""), child.get("attribute", "")]
            parts.append(" ".join(words))
        elif child.tag == "date_expression":
            parts.append(" ".join(date_expression_words(child)))
        elif child.tag == "rule":
            parts.append(f"({as_expression(child, normalize)})")
    if normalize:
        parts.sort()
    return f" {rule.get('boolean-op') or 'or'} ".join(parts)


def attribute_words(element: etree._Element | None) -> list[str]:
    """pcs's dom_attrs_to_list: sorted `name=value`, no id, roles by their current names."""
    if element is None:
        return []
    legacy = {"Master": "Promoted", "Slave": "Unpromoted"}
    return [f"{k}={legacy.get(v.capitalize(), v.capitalize()) if k == 'role' else v}"
            for k, v in sorted(element.attrib.items()) if k != "id"]


def date_expression_words(expression: etree._Element) -> list[str]:
    operation = expression.get("operation", "")
    if operation == "date_spec":
        return ["date-spec", *attribute_words(expression.find("date_spec"))]
    words = ["date", operation]
    if operation == "in_range":
        if "start" in expression.attrib:
            words += [expression.get("start", ""), "to"]
        if "end" in expression.attrib:
            words.append(expression.get("end", ""))
        if expression.find("duration") is not None:
            words += ["duration", *attribute_words(expression.find("duration"))]
        return words
    return words + [expression.get(k, "") for k in ("start", "end") if k in expression.attrib]
