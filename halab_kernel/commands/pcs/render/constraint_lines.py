"""`pcs constraint config` text (pcs 0.11's legacy formatter)."""

from __future__ import annotations

from lxml import etree


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


def location_lines(constraints: etree._Element | None, full: bool) -> list[str]:
    lines = ["Location Constraints:"]
    if constraints is None:
        return lines
    per_resource: dict[str, dict[str, list[etree._Element]]] = {}
    rules: dict[str, list[etree._Element]] = {}
    for loc in constraints.iterfind("rsc_location"):
        label = f"Resource: {loc.get('rsc')}" if loc.get("rsc") else f"Resource pattern: {loc.get('rsc-pattern')}"
        key = loc.get("rsc") or loc.get("rsc-pattern") or ""
        entry = per_resource.setdefault(key, {"label": [label], "on": [], "off": []})  # type: ignore[dict-item]
        if loc.find("rule") is not None:
            rules.setdefault(key, []).append(loc)
        if not loc.get("node"):
            continue
        score = loc.get("score", "0")
        positive = score == "INFINITY" or (score != "-INFINITY" and int(score.lstrip("+")) >= 0)
        entry["on" if positive else "off"].append(loc)
    for key in sorted(per_resource):
        entry = per_resource[key]
        block = [f"  {entry['label'][0]}"]
        for name, heading in (("on", "Enabled on:"), ("off", "Disabled on:")):
            if entry[name]:
                block.append(f"    {heading}")
                for loc in entry[name]:
                    parts = [f"      Node: {loc.get('node')}", f"(score:{loc.get('score')})"]
                    if loc.get("role"):
                        parts.append(f"(role:{_roles(loc.get('role'))})")
                    if loc.get("resource-discovery"):
                        parts.append(f"(resource-discovery={loc.get('resource-discovery')})")
                    if full:
                        parts.append(f"(id:{loc.get('id')})")
                    block.append(" ".join(parts))
        for loc in sorted(rules.get(key, []), key=lambda c: c.get("id", "")):
            block.append(f"    Constraint: {loc.get('id')}")
            for rule in loc.findall("rule"):
                block += _rule_lines(rule, full)
        if len(block) > 2:
            lines += block
    return lines


def _rule_lines(rule: etree._Element, full: bool) -> list[str]:
    options = [f"{k}={rule.get(k)}" for k in ("boolean-op", "role", "score", "score-attribute")
               if rule.get(k) and not (k == "boolean-op" and len(rule) < 2)]
    head = "      Rule: " + " ".join(options) + (f" (id:{rule.get('id')})" if full else "")
    lines = [head.rstrip()]
    for expr in rule.findall("expression"):
        text = " ".join(x for x in (expr.get("attribute") if expr.get("operation") not in ("defined", "not_defined") else None,
                                     expr.get("operation"),
                                     expr.get("attribute") if expr.get("operation") in ("defined", "not_defined") else None,
                                     expr.get("value")) if x)
        lines.append(f"        Expression: {text}" + (f" (id:{expr.get('id')})" if full else ""))
    return lines


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


def all_lines(cib: etree._Element, full: bool, only: str | None = None) -> list[str]:
    constraints = cib.find("configuration/constraints")
    lines: list[str] = []

    def found(tag: str) -> list[etree._Element]:
        return list(constraints.iterfind(tag)) if constraints is not None else []
    if only in (None, "location"):
        lines += location_lines(constraints, full)
    if only in (None, "order"):
        lines += _section("Ordering Constraints:", found("rsc_order"), order_line, full)
    if only in (None, "colocation"):
        lines += _section("Colocation Constraints:", found("rsc_colocation"), colocation_line, full)
    if only in (None, "ticket"):
        lines += ticket_lines(constraints, full)
    return lines
