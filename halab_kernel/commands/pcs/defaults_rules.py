"""pcs 0.11's rule grammar for sets of defaults (`pcs resource [op] defaults set create ... rule EXPR`).

Not the location-rule grammar of rules.py: `and`/`or` have one precedence and chain left to right
(a run of the same operator is one rule), parentheses nest, and the expressions are
`resource [standard]:[provider]:[type]`, `op NAME [interval=VALUE]`, `date gt|lt DATE`,
`date in_range [DATE] to DATE|duration K=V...`, `date-spec K=V...`, `defined|not_defined ATTR` and
`ATTR eq|ne|lt|gt|lte|gte [string|integer|number|version] VALUE`. The parser follows pcs's pyparsing
grammar closely enough to report the same column on a parse error: the furthest place any
alternative failed, or where the longest parse stopped. `validate` gives pcs's messages in its order;
`export` writes the XML pcs writes (ids `<set>-rule`, `-rule-rule`, `-expr`, `-rsc-...`, `-op-NAME`).
"""

from __future__ import annotations

import re
import string
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Callable, Union

from dateutil.parser import isoparse
from lxml import etree

from halab_kernel.commands.pcs import cibtools, messages, rules
from halab_kernel.commands.pcs.errors import PcsError
from halab_kernel.commands.pcs.isodates import parse_date
from halab_kernel.commands.pcs.render.constraint_lines import rule_expired


@dataclass(frozen=True)
class BoolExpr:
    operator: str  # "and" | "or"
    children: tuple[Expr, ...]


@dataclass(frozen=True)
class DateUnary:
    operator: str  # "gt" | "lt"
    date: str


@dataclass(frozen=True)
class DateInRange:
    start: str | None
    end: str | None
    duration: tuple[tuple[str, str], ...] | None


@dataclass(frozen=True)
class DateSpec:
    parts: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class NodeAttr:
    operator: str
    attribute: str
    value: str | None
    kind: str | None


@dataclass(frozen=True)
class OpExpr:
    name: str
    interval: str | None


@dataclass(frozen=True)
class RscExpr:
    standard: str | None
    provider: str | None
    kind: str | None


Expr = Union[BoolExpr, DateUnary, DateInRange, DateSpec, NodeAttr, OpExpr, RscExpr]


class RuleParseError(Exception):
    def __init__(self, text: str, position: int) -> None:
        super().__init__(text)
        line_start = text.rfind("\n", 0, position) + 1
        line_end = text.find("\n", position)
        self.line = text[line_start:line_end if line_end >= 0 else len(text)]
        self.lineno = text.count("\n", 0, position) + 1
        self.column = 1 if 0 < position < len(text) and text[position - 1] == "\n" else position - line_start + 1

    def message(self, text: str) -> str:
        """pcs's report, with the line and a marker under the column (cli/reports/messages.py)."""
        return (f"'{text}' is not a valid rule expression, parse error near or after "
                f"line {self.lineno} column {self.column}\n  {self.line}\n  {'-' * (self.column - 1)}^")


class _Fail(Exception):
    def __init__(self, position: int) -> None:
        super().__init__(position)
        self.position = position


_IDENT = set(string.ascii_letters + string.digits + "_$")
_WORD = re.compile(r"[^\s()]+")
_PART_NAME = re.compile(r"[^=\s()]+")
_RESOURCE = re.compile(r"([^\s:()]+)?:([^\s:()]+)?:([^\s:()]+)?")
_INTERVAL = re.compile(r"[0-9]+[A-Za-z]*")
_NODE_BINARY = ("eq", "ne", "gte", "gt", "lte", "lt")
_TYPES = ("integer", "number", "string", "version")
_Parsed = tuple[Expr, int]


class _Parser:
    """Recursive descent with pyparsing's failure positions (Or: longest match, else furthest failure)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def skip(self, pos: int) -> int:
        while pos < len(self.text) and self.text[pos] in " \t\n\r":
            pos += 1
        return pos

    def keyword(self, pos: int, words: tuple[str, ...]) -> tuple[str, int]:
        pos = self.skip(pos)
        for word in words:
            end = pos + len(word)
            if (self.text[pos:end].lower() == word and (pos == 0 or self.text[pos - 1] not in _IDENT)
                    and (end >= len(self.text) or self.text[end] not in _IDENT)):
                return word, end
        raise _Fail(pos)

    def regex(self, pos: int, pattern: re.Pattern[str], skip: bool = True) -> re.Match[str]:
        pos = self.skip(pos) if skip else pos
        match = pattern.match(self.text, pos)
        if match is None or match.end() == pos:
            raise _Fail(pos)
        return match

    @staticmethod
    def longest(pos: int, alternatives: list[Callable[[int], _Parsed]]) -> _Parsed:
        found: list[_Parsed] = []
        furthest: _Fail | None = None
        for alternative in alternatives:
            try:
                found.append(alternative(pos))
            except _Fail as failure:
                if furthest is None or failure.position > furthest.position:
                    furthest = failure
        if found:
            return max(found, key=lambda item: item[1])  # the first of the longest
        assert furthest is not None
        raise furthest

    def parts(self, pos: int) -> tuple[tuple[tuple[str, str], ...], int]:
        """OneOrMore(NAME=VALUE): no space before "=", the value may follow spaces."""
        found: list[tuple[str, str]] = []
        while True:
            try:
                name = self.regex(pos, _PART_NAME)
                if not self.text.startswith("=", name.end()):
                    raise _Fail(name.end())
                value = self.regex(name.end() + 1, _WORD)
            except _Fail:
                if not found:
                    raise
                return tuple(found), pos
            found.append((name.group(), value.group()))
            pos = value.end()

    def date_unary(self, pos: int) -> _Parsed:
        _, pos = self.keyword(pos, ("date",))
        operator, pos = self.keyword(pos, ("gt", "lt"))
        date = self.regex(pos, _WORD)
        return DateUnary(operator, date.group()), date.end()

    def date_in_range(self, pos: int) -> _Parsed:
        _, pos = self.keyword(pos, ("date",))
        _, pos = self.keyword(pos, ("in_range",))
        start: str | None = None
        try:
            first = self.regex(pos, _WORD)
            self.keyword(first.end(), ("to",))
            start, pos = first.group(), first.end()
        except _Fail:
            pass
        _, pos = self.keyword(pos, ("to",))

        def end_date(at: int) -> _Parsed:
            date = self.regex(at, _WORD)
            return DateInRange(start, date.group(), None), date.end()

        def duration(at: int) -> _Parsed:
            _, at = self.keyword(at, ("duration",))
            found, at = self.parts(at)
            return DateInRange(start, None, found), at
        return self.longest(pos, [end_date, duration])

    def date_spec(self, pos: int) -> _Parsed:
        _, pos = self.keyword(pos, ("date-spec",))
        found, pos = self.parts(pos)
        return DateSpec(found), pos

    def node_unary(self, pos: int) -> _Parsed:
        operator, pos = self.keyword(pos, ("not_defined", "defined"))
        attribute = self.regex(pos, _WORD)
        return NodeAttr(operator, attribute.group(), None, None), attribute.end()

    def node_binary(self, pos: int) -> _Parsed:
        attribute = self.regex(pos, _WORD)
        operator, pos = self.keyword(attribute.end(), _NODE_BINARY)
        kind: str | None = None
        try:
            kind, pos = self.keyword(pos, _TYPES)
        except _Fail:
            pass
        value = self.regex(pos, _WORD)
        return NodeAttr(operator, attribute.group(), value.group(), kind), value.end()

    def resource(self, pos: int) -> _Parsed:
        _, pos = self.keyword(pos, ("resource",))
        match = self.regex(pos, _RESOURCE)
        return RscExpr(*match.groups()), match.end()

    def operation(self, pos: int) -> _Parsed:
        _, pos = self.keyword(pos, ("op",))
        name = self.regex(pos, _WORD)
        pos, interval = name.end(), None
        try:
            _, after = self.keyword(pos, ("interval",))
            if not self.text.startswith("=", after):
                raise _Fail(after)
            value = self.regex(after + 1, _INTERVAL)
            interval, pos = value.group(), value.end()
        except _Fail:
            pass
        return OpExpr(name.group(), interval), pos

    def simple(self, pos: int) -> _Parsed:
        return self.longest(pos, [self.date_unary, self.date_in_range, self.date_spec, self.node_unary,
                                  self.node_binary, self.resource, self.operation])

    def operand(self, pos: int) -> _Parsed:
        try:
            return self.simple(pos)
        except _Fail as failure:
            furthest = failure
        opening = self.skip(pos)
        if not self.text.startswith("(", opening):
            raise _Fail(max(furthest.position, opening))
        try:
            inner, end = self.chain(opening + 1)
            closing = self.skip(end)
            if not self.text.startswith(")", closing):
                raise _Fail(closing)
        except _Fail as failure:
            raise _Fail(max(furthest.position, failure.position)) from None
        return inner, closing + 1

    def chain(self, pos: int) -> _Parsed:
        """operand (and|or operand)*: a run of one operator is one rule, a change starts an outer one."""
        first, pos = self.operand(pos)
        pairs: list[tuple[str, Expr]] = []
        while True:
            try:
                operator, after = self.keyword(pos, ("and", "or"))
                right, after = self.operand(after)
            except _Fail:
                break
            pairs.append((operator, right))
            pos = after
        left, stacked, last = first, [], None
        for operator, right in pairs:
            if last is not None and operator != last:
                left, stacked = BoolExpr(last, (left, *stacked)), []
            stacked.append(right)
            last = operator
        if last is not None:
            left = BoolExpr(last, (left, *stacked))
        return left, pos


def parse(text: str) -> BoolExpr:
    parser = _Parser(text)
    try:
        tree, pos = parser.chain(0)
    except _Fail as failure:
        raise RuleParseError(text, failure.position) from None
    pos = parser.skip(pos)
    if pos != len(text):
        raise RuleParseError(text, pos)
    return tree if isinstance(tree, BoolExpr) else BoolExpr("and", (tree,))


_DATE_PARTS = ("hours", "monthdays", "months", "moon", "weekdays", "weeks", "weekyears", "years", "yearsdays")
_SPEC_LIMITS: dict[str, tuple[int | None, int | None]] = {
    "hours": (0, 23), "monthdays": (1, 31), "months": (1, 12), "moon": (0, 7), "weekdays": (1, 7),
    "weeks": (1, 53), "weekyears": (None, None), "years": (None, None), "yearsdays": (1, 366)}
_INTEGER = re.compile(r"[+-]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(\d+|(\d*\.\d+)|(\d+\.\d*))([eE][+-]?\d+)?")
_SPEC_PART = re.compile(r"([0-9]+)(?:-([0-9]+))?")
_NOT_ALLOWED = {
    NodeAttr: "Keywords 'defined', 'not_defined', 'eq', 'ne', 'gte', 'gt', 'lte' and 'lt'",
    OpExpr: "Keyword 'op'",
    RscExpr: "Keyword 'resource'",
}


def _integer(value: str, low: int | None = None, high: int | None = None) -> bool:
    return bool(_INTEGER.fullmatch(value)) and (low is None or int(value) >= low) \
        and (high is None or int(value) <= high)


def _spec_part(value: str, low: int | None, high: int | None) -> bool:
    match = _SPEC_PART.fullmatch(value)
    if match is None or not _integer(match.group(1), low, high):
        return False
    return match.group(2) is None or (_integer(match.group(2), low, high)
                                      and int(match.group(1)) < int(match.group(2)))


def _is_date(value: str) -> bool:
    try:
        isoparse(value)
    except (ValueError, OverflowError):
        return False
    return True


def _invalid(value: str, name: str, hint: str) -> str:
    return f"Error: '{value}' is not a valid {name} value, use {hint}"


def _parts_problems(parts: tuple[tuple[str, str], ...], kind: str) -> list[str]:
    values = dict(parts)
    problems = []
    for name in _DATE_PARTS:
        if name not in values:
            continue
        if kind == "duration" and not _integer(values[name], 1):
            problems.append(_invalid(values[name], name, "a positive integer"))
        low, high = _SPEC_LIMITS[name]
        if kind == "datespec" and not _spec_part(values[name], low, high):
            hint = ("an integer or integer-integer" if low is None or high is None
                    else f"{low}..{high} or {low}..{high - 1}-{low + 1}..{high}")
            problems.append(_invalid(values[name], name, hint))
    unknown = sorted(name for name in values if name not in _DATE_PARTS)
    if unknown:
        problems.append(f"Error: {messages.invalid_options(unknown, _DATE_PARTS, kind)}")
    twice = sorted(name for name, count in Counter(name for name, _ in parts).items() if count > 1)
    if twice:
        problems.append("Error: Duplicate options in a single (sub)expression: "
                        + ", ".join(f"'{name}'" for name in twice))
    return problems


def _problems(expr: Expr, allowed: set[type], refused: list[type]) -> list[str]:
    if isinstance(expr, BoolExpr):
        return [problem for child in expr.children for problem in _problems(child, allowed, refused)]
    if type(expr) in _NOT_ALLOWED and type(expr) not in allowed:
        if type(expr) not in refused:
            refused.append(type(expr))
        return []
    if isinstance(expr, DateUnary):
        return [] if _is_date(expr.date) else [_invalid(expr.date, "date", "ISO 8601 date")]
    if isinstance(expr, DateInRange):
        problems = [_invalid(date, "date", "ISO 8601 date") for date in (expr.start, expr.end)
                    if date is not None and not _is_date(date)]
        if expr.start and expr.end and not problems:
            start, end = isoparse(expr.start), isoparse(expr.end)
            if (start.tzinfo is None) != (end.tzinfo is None):
                raise PcsError("Error: a date range with a time zone on one end only is not simulated (pcs "
                               "itself stops on it with an internal error); try it on real nodes: halab rig up")
            if start >= end:
                problems.append(f"Error: Since '{expr.start}' is not sooner than until '{expr.end}'")
        return problems + (_parts_problems(expr.duration, "duration") if expr.duration else [])
    if isinstance(expr, DateSpec):
        return _parts_problems(expr.parts, "datespec")
    if isinstance(expr, NodeAttr) and expr.value is not None:
        checks = {"integer": (_integer, "an integer"), "number": (lambda v: bool(_FLOAT.fullmatch(v)),
                                                                   "a floating-point number"),
                  "version": (lambda v: bool(re.match(r"^\d+(\.\d+)*$", v)),
                              "a version number (e.g. 1, 1.2, 1.23.45, ...)")}
        if expr.kind in checks:
            check, hint = checks[expr.kind]
            if not check(expr.value):
                return [_invalid(expr.value, f"{expr.kind} attribute", hint)]
    return []


def validate(tree: BoolExpr, op_defaults: bool) -> list[str]:
    """pcs's rule validator for sets of defaults: op and attribute expressions only in op defaults."""
    allowed: set[type] = {RscExpr, OpExpr, NodeAttr} if op_defaults else {RscExpr}
    refused: list[type] = []
    problems = _problems(tree, allowed, refused)
    return problems + [f"Error: {_NOT_ALLOWED[kind]} cannot be used in a rule in this command" for kind in refused]


def needs_start(tree: Expr) -> bool:
    """An in_range with a duration and no start: pcs writes it and the CIB schema then refuses the push."""
    if isinstance(tree, BoolExpr):
        return any(needs_start(child) for child in tree.children)
    return isinstance(tree, DateInRange) and tree.start is None and tree.duration is not None


def _child(parent: etree._Element, tag: str, suffix: str) -> etree._Element:
    base = cibtools.sanitize_id(f"{parent.get('id')}-{suffix}")
    return etree.SubElement(parent, tag, id=cibtools.unique_id(parent.getroottree().getroot(), base))


def _export(parent: etree._Element, expr: Expr) -> etree._Element:
    if isinstance(expr, BoolExpr):
        element = _child(parent, "rule", "rule")
        element.set("boolean-op", expr.operator)
        element.set("score", "0")
        for child in expr.children:
            _export(element, child)
        return element
    if isinstance(expr, RscExpr):
        parts = [part for part in (expr.standard, expr.provider, expr.kind) if part]
        element = _child(parent, "rsc_expression", f"rsc-{'-'.join(parts)}")
        for name, value in (("class", expr.standard), ("provider", expr.provider), ("type", expr.kind)):
            if value:
                element.set(name, value)
        return element
    if isinstance(expr, OpExpr):
        element = _child(parent, "op_expression", f"op-{expr.name}")
        element.set("name", expr.name)
        if expr.interval:
            element.set("interval", expr.interval)
        return element
    if isinstance(expr, NodeAttr):
        element = _child(parent, "expression", "expr")
        element.set("attribute", expr.attribute)
        element.set("operation", expr.operator)
        if expr.value:
            element.set("value", expr.value)
        if expr.kind:
            element.set("type", expr.kind)
        return element
    element = _child(parent, "date_expression", "expr")
    if isinstance(expr, DateUnary):
        element.set("operation", expr.operator)
        element.set("start" if expr.operator == "gt" else "end", expr.date)
    elif isinstance(expr, DateSpec):
        element.set("operation", "date_spec")
        spec = _child(element, "date_spec", "datespec")
        for name, value in dict(expr.parts).items():
            spec.set(name, value)
    else:
        element.set("operation", "in_range")
        if expr.start:
            element.set("start", expr.start)
        if expr.duration:
            duration = _child(element, "duration", "duration")
            for name, value in dict(expr.duration).items():
                duration.set(name, value)
        elif expr.end:
            element.set("end", expr.end)
    return element


def export(nvset: etree._Element, tree: BoolExpr) -> None:
    """The rule as pcs writes it into the set: the outer rule scores INFINITY, nested ones 0."""
    _export(nvset, tree).set("score", "INFINITY")


def rule_state(rule: etree._Element, now: datetime | None) -> str | None:
    """crm_rule --check as pcs labels it: "expired", "not yet in effect" or None (in effect or undecided).
    crm_rule decides only a rule holding exactly one date_expression; without a clock that is refused."""
    dates = list(rule.iter("date_expression"))
    if len(dates) != 1:
        return None
    date = dates[0]
    spec = date.find("date_spec")
    if date.get("operation") == "date_spec" and (spec is None or "years" not in spec.attrib or "moon" in spec.attrib):
        return None  # crm_rule checks a date_spec only with years and without moon
    if now is None:
        raise PcsError("Error: showing a set of defaults whose rule holds one date expression needs the "
                       "simulator's clock, which this command does not get here (not simulated); "
                       "try it on real nodes: halab rig up")
    if date.get("operation") == "date_spec" and not rule_expired(rule, now):
        raise PcsError("Error: whether a date-spec with years is in effect yet is not simulated; "
                       "try it on real nodes: halab rig up")
    if rule_expired(rule, now):
        return "expired"
    start = parse_date(date.get("start", "")) if "start" in date.attrib else None
    if start is not None and date.get("operation") in ("gt", "in_range") \
            and (now <= start if date.get("operation") == "gt" else now < start):
        return "not yet in effect"
    return None


def _quoted(value: str) -> str:
    return f'"{value}"' if " " in value else value


def _pairs(element: etree._Element | None) -> list[str]:
    if element is None:
        return []
    return [f"{name}={_quoted(value)}" for name, value in sorted(element.attrib.items()) if name != "id"]


def rule_lines(rule: etree._Element, now: datetime | None, full: bool, expire_check: bool = True) -> list[str]:
    """pcs's rule_expression_dto_to_lines: `Rule[ (label)]: options`, its expressions indented."""
    def ident(element: etree._Element | None) -> list[str]:
        return [f"(id:{element.get('id', '')})"] if full and element is not None else []
    label = rule_state(rule, now) if expire_check else None
    lines = [" ".join([f"Rule{f' ({label})' if label else ''}:", *_pairs(rule), *ident(rule)])]
    for child in rule:
        if child.tag == "rule":
            lines += ["  " + line for line in rule_lines(child, now, full, expire_check)]
            continue
        if child.tag == "date_expression" and child.get("operation") == "date_spec":
            spec = child.find("date_spec")
            lines += [" ".join(["  Expression:", *ident(child)]),
                      " ".join(["    Date Spec:", *_pairs(spec), *ident(spec)])]
            continue
        if child.tag == "date_expression" and child.get("operation") == "in_range" \
                and child.find("duration") is not None:
            start = [child.get("start", "")] if "start" in child.attrib else []
            lines += [" ".join(["  Expression: date in_range", *start, "to duration", *ident(child)]),
                      " ".join(["    Duration:", *_pairs(child.find("duration")), *ident(child.find("duration"))])]
            continue
        if child.tag == "date_expression" and child.get("operation") == "in_range":
            words = ["date", "in_range", *[child.get(name, "") for name in ("start",) if name in child.attrib],
                     "to", *[child.get(name, "") for name in ("end",) if name in child.attrib]]
        elif child.tag == "date_expression":
            words = rules.date_expression_words(child)
        elif child.tag == "rsc_expression":
            words = ["resource", ":".join(child.get(name, "") for name in ("class", "provider", "type"))]
        elif child.tag == "op_expression":
            words = ["op", child.get("name", "")] + ([f"interval={child.get('interval')}"]
                                                     if "interval" in child.attrib else [])
        elif child.tag == "expression" and "value" in child.attrib:
            words = [child.get("attribute", ""), child.get("operation", "")]
            words += [child.get("type", "")] if "type" in child.attrib else []
            words.append(_quoted(child.get("value", "")))
        elif child.tag == "expression":
            words = [child.get("operation", ""), child.get("attribute", "")]
        else:
            continue
        lines.append(" ".join(["  Expression:", *words, *ident(child)]))
    return lines
