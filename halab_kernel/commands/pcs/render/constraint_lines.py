"""`pcs constraint config` text (pcs 0.11's legacy formatter)."""

from __future__ import annotations

from datetime import datetime

from lxml import etree

from halab_kernel.commands.pcs import rules
from halab_kernel.commands.pcs.errors import PcsError
from halab_kernel.commands.pcs.isodates import Duration, parse_date


def _roles(value: str | None) -> str:
    if not value:
        return ""
    value = value.capitalize()
    return {"Master": "Promoted", "Slave": "Unpromoted"}.get(value, value)


def colocation_line(element: etree._Element, full: bool) -> str:
    parts = [f"{element.get('rsc')} with {element.get('with-rsc')}"]
    if element.get("score") is not None:
        parts.append(f"(score:{element.get('score')})")
    for key in ("rsc-role", "with-rsc-role"):
        if element.get(key):
            parts.append(f"({key}:{_roles(element.get(key))})")
    for key, value in element.attrib.items():
        if key not in ("rsc", "with-rsc", "score", "rsc-role", "with-rsc-role", "id"):
            parts.append(f"({key}:{value})")
    if full:
        parts.append(f"(id:{element.get('id')})")
    return " ".join(parts)


def order_line(element: etree._Element, full: bool) -> str:
    first_action = element.get("first-action", "")
    then_action = element.get("then-action", "")
    first = f"{first_action} {element.get('first')}" if first_action else element.get("first", "")
    then = f"{then_action} {element.get('then')}" if then_action else element.get("then", "")
    parts = [f"{first} then {then}"]
    if element.get("score"):
        parts.append(f"(score:{element.get('score')})")
    parts.append(f"(kind:{element.get('kind', 'Mandatory')})" if not element.get("score") or element.get("kind") else "")
    parts = [p for p in parts if p]
    if element.get("symmetrical", "").lower() in ("false", "0", "no", "off", "n"):
        parts.append("(non-symmetrical)")
    for key, value in element.attrib.items():
        if key not in ("first", "then", "first-action", "then-action", "score", "kind", "symmetrical", "id"):
            parts.append(f"(Options: {key}={value})")
    if full:
        parts.append(f"(id:{element.get('id')})")
    return " ".join(parts)


def _location_rule_block(loc: etree._Element, full: bool, now: datetime | None, show_expired: bool) -> list[str]:
    found = loc.findall("rule")
    states = [rule_expired(rule, now) for rule in found]
    expired = now is not None and all(states)
    if expired and not show_expired:
        return []
    options = f" (resource-discovery={loc.get('resource-discovery')})" if loc.get("resource-discovery") else ""
    block = [f"    Constraint{' (expired)' if expired else ''}: {loc.get('id')}{options}"]
    for rule, state in zip(found, states):
        block += ["      " + line for line in rule_lines(rule, full, state and show_expired)]
    return block


def _score_number(score: str) -> int:
    """pcs 0.11.5 reads a node score with Python's int(): "+INFINITY" (valid in the CIB) stops it."""
    try:
        return int(score)
    except ValueError:
        raise PcsError(f"pcs 0.11.5 stops here with a Python traceback (ValueError: invalid literal for int() "
                       f"with base 10: '{score}'); the simulator says so instead") from None


def location_lines(constraints: etree._Element | None, full: bool, now: datetime | None = None,
                   show_expired: bool = False, only: list[str] | None = None, by_node: bool = False) -> list[str]:
    """pcs's location_lines: per resource (`only`: resources, `regexp%PATTERN` for patterns) or per
    node (`only`: node names; a rule constraint has no node, so it is listed under an empty one)."""
    lines = ["Location Constraints:"]
    if constraints is None:
        return lines
    labels: dict[tuple[int, str], str] = {}
    rule_owners: dict[tuple[int, str], list[etree._Element]] = {}
    entries: list[tuple[etree._Element, tuple[int, str], str, bool]] = []  # constraint, resource, score, allowed
    for loc in constraints.iter("rsc_location"):
        key = (1, loc.get("rsc", "")) if loc.get("rsc") else (0, loc.get("rsc-pattern") or "")  # patterns first
        labels[key] = f"Resource: {loc.get('rsc')}" if loc.get("rsc") else f"Resource pattern: {loc.get('rsc-pattern')}"
        if loc.find("rule") is not None:
            rule_owners.setdefault(key, []).append(loc)
        score = loc.get("score") or "0"
        entries.append((loc, key, score, score == "INFINITY" or (score != "-INFINITY" and _score_number(score) >= 0)))
    if by_node:
        for node in sorted({loc.get("node", "") for loc, *_ in entries}):
            if only is not None and node not in only:
                continue
            lines.append(f"  Node: {node}")
            for allowed, heading in ((True, "    Allowed to run:"), (False, "    Not allowed to run:")):
                chosen = [_placement(f"      {labels[key]}", loc, score, full)
                          for loc, key, score, positive in entries if loc.get("node", "") == node and positive == allowed]
                lines += [heading, *chosen] if chosen else []
        for key in sorted(rule_owners):
            lines.append(f"  {labels[key]}")
            for loc in sorted(rule_owners[key], key=lambda c: c.get("id", "")):
                lines += _location_rule_block(loc, full, now, show_expired)
        return lines
    wanted = None if only is None else {(0, w.split("%", 1)[1]) if w.startswith("regexp%") else
                                        (1, w.removeprefix("resource%")) for w in only}
    for key in sorted(labels):
        if wanted is not None and key not in wanted:
            continue
        block = [f"  {labels[key]}"]
        for allowed, heading in ((True, "    Enabled on:"), (False, "    Disabled on:")):
            chosen = [_placement(f"      Node: {loc.get('node')}", loc, score, full)
                      for loc, owner, score, positive in entries
                      if owner == key and loc.get("node") and positive == allowed]
            block += [heading, *chosen] if chosen else []
        for loc in sorted(rule_owners.get(key, []), key=lambda c: c.get("id", "")):
            block += _location_rule_block(loc, full, now, show_expired)
        if len(block) > 2:
            lines += block
    return lines


def _placement(head: str, loc: etree._Element, score: str, full: bool) -> str:
    parts = [head, f"(score:{score})"]
    if loc.get("role"):
        parts.append(f"(role:{_roles(loc.get('role'))})")
    if loc.get("resource-discovery"):
        parts.append(f"(resource-discovery={loc.get('resource-discovery')})")
    if full:
        parts.append(f"(id:{loc.get('id')})")
    return " ".join(parts)


def rule_lines(rule: etree._Element, full: bool, expired: bool) -> list[str]:
    """pcs's ExportDetailed: `Rule: ...`, then its expressions and nested rules, indented."""
    def detail(element: etree._Element) -> list[str]:
        return [f"(id:{element.get('id', '')})"] if full else []
    lines = [f"Rule{' (expired)' if expired else ''}: " + " ".join(rules.attribute_words(rule) + detail(rule))]
    for child in rule:
        if child.tag == "expression":
            if "value" in child.attrib:
                words = [child.get("attribute", ""), child.get("operation", "")]
                words += [child.get("type", "")] if "type" in child.attrib else []
                words.append(child.get("value", ""))
            else:
                words = [child.get("operation", ""), child.get("attribute", "")]
            lines.append("  Expression: " + " ".join(words + detail(child)))
        elif child.tag == "date_expression" and child.get("operation") == "date_spec":
            lines.append(" ".join(["  Expression:", *detail(child)]))
            lines.append("    Date Spec: " + " ".join(rules.attribute_words(child.find("date_spec"))
                                                     + detail(child.find("date_spec"))))
        elif child.tag == "date_expression":
            words = rules.date_expression_words(child)
            duration = child.find("duration")
            if duration is not None:
                words = words[:words.index("duration") + 1]
            lines.append("  Expression: " + " ".join(words + detail(child)))
            if duration is not None:
                lines.append("    Duration: " + " ".join(rules.attribute_words(duration) + detail(duration)))
        elif child.tag == "rule":
            lines += ["  " + line for line in rule_lines(child, full, expired)]  # pcs labels nested rules alike
    return lines


def rule_expired(rule: etree._Element, now: datetime | None) -> bool:
    """crm_rule --check: only a rule with exactly one date_expression (not a date_spec) can be expired."""
    dates = list(rule.iter("date_expression"))  # crm_rule counts them in nested rules too
    if now is None or len(dates) != 1 or dates[0].get("operation") not in ("lt", "in_range", "date_spec"):
        return False
    expression = dates[0]
    if expression.get("operation") == "date_spec":
        spec = expression.find("date_spec")
        return spec is not None and _date_spec_after(spec, now)
    end = parse_date(expression.get("end", "")) if "end" in expression.attrib else None
    duration = expression.find("duration")
    if end is None and duration is not None and expression.get("operation") == "in_range":
        start = parse_date(expression.get("start", ""))
        values = {k: int(v) for k, v in duration.attrib.items() if k != "id" and v.isdigit()}
        if start is not None:
            end = Duration(months=values.get("years", 0) * 12 + values.get("months", 0),
                           seconds=(((values.get("weeks", 0) * 7 + values.get("days", 0)) * 24
                                     + values.get("hours", 0)) * 60 + values.get("minutes", 0)) * 60
                           + values.get("seconds", 0)).after(start)
    if end is None:
        return False
    start = parse_date(expression.get("start", "")) if "start" in expression.attrib else None
    if expression.get("operation") == "in_range" and start is not None and now < start:
        return False  # pacemaker checks the start first: before the range is "not yet in effect"
    return now >= end if expression.get("operation") == "lt" else now > end


def _spec_range(text: str) -> tuple[int | None, int | None] | None:
    """A date_spec field: `5`, `1-5`, `9-` or `-16` (None: unreadable, the field is ignored)."""
    low, dash, high = text.partition("-")
    try:
        bounds = (int(low) if low else None, int(high) if high else None) if dash else (int(text), int(text))
    except ValueError:
        return None
    return bounds if bounds != (None, None) else None


def _date_spec_after(spec: etree._Element, now: datetime) -> bool:
    """crm_rule --check on a date_spec (only one with years and no moon is checked): expired when
    the first field the moment fails is one it is past, in pacemaker's field order."""
    if "years" not in spec.attrib or "moon" in spec.attrib:
        return False
    iso_year, iso_week, iso_weekday = now.isocalendar()
    moment = {"years": now.year, "months": now.month, "monthdays": now.day, "hours": now.hour,
              "minutes": now.minute, "seconds": now.second, "yeardays": now.timetuple().tm_yday,
              "weekyears": iso_year, "weeks": iso_week, "weekdays": iso_weekday}
    for name, value in moment.items():
        bounds = _spec_range(spec.get(name, "")) if name in spec.attrib else None
        if bounds is None:
            continue
        low, high = bounds
        if low is not None and value < low:
            return False
        if high is not None and value > high:
            return True
    return False


def _options(element: etree._Element) -> list[str]:
    return [f"{k}={v}" for k, v in sorted(element.attrib.items()) if k != "id"]


def with_sets_line(element: etree._Element, full: bool) -> str:
    """`set d e sequential=false (id:..) set a setoptions kind=Optional (id:..)`, as pcs prints sets."""
    words: list[str] = []
    for rset in element.iterfind(".//resource_set"):
        words += ["set", *(r.get("id", "") for r in rset.iterfind("resource_ref")), *_options(rset)]
        if full:
            words.append(f"(id:{rset.get('id', '')})")
    options = _options(element)
    words += ["setoptions", *options] if options else []
    if full:
        words.append(f"(id:{element.get('id', '')})")
    return " ".join(words)


def ticket_line(element: etree._Element, full: bool) -> str:
    role = element.get("rsc-role", "")
    options = [f"{k}={v}" for k, v in sorted(element.attrib.items()) if k not in ("rsc-role", "rsc", "id")]
    words = [element.get("rsc", ""), *options] + ([f"(id:{element.get('id', '')})"] if full else [])
    return (f"{role} " if role else "") + " ".join(words)


def _section(heading: str, elements: list[etree._Element], plain, full: bool) -> list[str]:
    lines = [heading]
    with_sets = [e for e in elements if e.find(".//resource_set") is not None]
    lines += ["  " + plain(e, full) for e in elements if e.find(".//resource_set") is None]
    if with_sets:
        lines.append("  Resource Sets:")
        lines += ["    " + with_sets_line(e, full) for e in with_sets]
    return lines


def ticket_lines(constraints: etree._Element | None, full: bool) -> list[str]:
    found = list(constraints.iterfind("rsc_ticket")) if constraints is not None else []
    plain = [e for e in found if e.get("rsc") is not None]
    with_sets = [e for e in found if e.get("rsc") is None]
    lines = ["Ticket Constraints:"] + ["  " + ticket_line(e, full) for e in plain]
    if with_sets:
        lines.append("  Resource Sets:")
        lines += ["    " + with_sets_line(e, full) for e in with_sets]
    return lines


def all_lines(cib: etree._Element, full: bool, only: str | None = None, now: datetime | None = None,
              show_expired: bool = False) -> list[str]:
    constraints = cib.find("configuration/constraints")
    lines: list[str] = []

    def found(tag: str) -> list[etree._Element]:
        return list(constraints.iterfind(tag)) if constraints is not None else []
    if only in (None, "location"):
        lines += location_lines(constraints, full, now, show_expired)
    if only in (None, "order"):
        lines += _section("Ordering Constraints:", found("rsc_order"), order_line, full)
    if only in (None, "colocation"):
        lines += _section("Colocation Constraints:", found("rsc_colocation"), colocation_line, full)
    if only in (None, "ticket"):
        lines += ticket_lines(constraints, full)
    return lines
