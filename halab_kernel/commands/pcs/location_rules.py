"""`pcs constraint location R rule ...` and `pcs constraint rule add|remove` (pcs 0.11's legacy code).

Options come first (`id= role= score= score-attribute= constraint-id=
resource-discovery=`), up to the first word that is not one; the rest is the
rule, parsed by rules.py. The checks run in pcs's order, so the first error
a student sees is the one real pcs prints.
"""

from __future__ import annotations

from lxml import etree

from halab_kernel.commands.pcs import cibtools, rules
from halab_kernel.commands.pcs.constraint import check_constraint_resource, is_score, warn_legacy_role
from halab_kernel.commands.pcs.context import PcsLib
from halab_kernel.commands.pcs.errors import PcsError, UsageError
from halab_kernel.commands.pcs.options import Modifiers

_RULE_OPTIONS = ("id", "role", "score", "score-attribute")


def _parse_options(argv: list[str], extra: tuple[str, ...] = ()) -> tuple[dict[str, str | None], list[str]]:
    options: dict[str, str | None] = {name: None for name in (*_RULE_OPTIONS, *extra)}
    rest = list(argv)
    while rest:
        name = next((n for n in options if rest[0].startswith(n + "=")), None)
        if name is None:
            break
        options[name] = rest.pop(0).split("=", 1)[1]
    return options, rest


def _schema_at_least(cib: etree._Element, major: int, minor: int) -> bool:
    version = (cib.get("validate-with") or "").removeprefix("pacemaker-")
    try:
        found = tuple(int(part) for part in version.split(".")[:2])
    except ValueError:
        return True
    return found >= (major, minor)


def add_rule(lib: PcsLib, location: etree._Element, options: dict[str, str | None], words: list[str]) -> None:
    """pcs's dom_rule_add: check the options, parse and build the rule, set its options."""
    if options.get("score") and options.get("score-attribute"):
        raise PcsError("Error: can not specify both score and score-attribute")
    score = options.get("score")
    if score and not is_score(score):
        raise PcsError(f"Error: invalid score'{score}'")  # sic: pcs 0.11.5 prints no space here
    role = options.get("role")
    if role:
        normal = role.capitalize()
        warn_legacy_role(lib, normal, role)
        if normal not in ("Promoted", "Master", "Unpromoted", "Slave"):
            raise PcsError(f"Error: invalid role '{role}', use 'Master', 'Promoted', 'Slave' or 'Unpromoted'")
        options["role"] = {"Master": "Promoted", "Slave": "Unpromoted"}.get(normal, normal)
    rule_id = options.get("id")
    if rule_id:
        problem = cibtools.id_problem(rule_id, "rule id")
        if problem:
            raise PcsError(f"Error: {problem}")
        if cibtools.id_exists(lib.cib, rule_id):
            raise PcsError(f"Error: id '{rule_id}' is already in use, please specify another one")
    if not words:
        raise PcsError("Error: no rule expression was specified")
    text = " ".join(words)
    try:
        rule = rules.build(location, rules.parse(words), rule_id, _schema_at_least(lib.cib, 3, 5))
    except rules.RuleSyntaxError as error:
        detail = f": {error}" if str(error) else ""
        raise PcsError(f"Error: '{text}' is not a valid rule expression{detail}") from None
    except rules.RuleEnd:
        raise PcsError(f"Error: '{text}' is not a valid rule expression: unexpected end of rule") from None
    if not options.get("score") and not options.get("score-attribute"):
        options["score"] = "INFINITY"
    for name, value in options.items():
        if name != "id" and value is not None:
            rule.set(name, value)
    for nested in rule.iter("rule"):
        if nested is not rule:
            nested.set("score", "0")
    location.attrib.pop("score", None)
    location.attrib.pop("node", None)


def _check_duplicates(lib: PcsLib, location: etree._Element, force: bool) -> None:
    if force:
        return

    def key(element: etree._Element) -> tuple:
        target = ("regexp", element.get("rsc-pattern")) if "rsc-pattern" in element.attrib \
            else ("resource", element.get("rsc", ""))
        return target, [rules.as_expression(r, normalize=True) for r in element.iter("rule")]
    mine = key(location)
    duplicates = [other for other in lib.cib.iter("rsc_location") if other is not location
                  and other.find(".//rule") is not None and key(other) == mine]
    if duplicates:
        from halab_kernel.commands.pcs.render.constraint_lines import rule_lines
        lines = ["Error: duplicate constraint already exists, use --force to override"]
        for duplicate in duplicates:
            lines.append(f"  Constraint: {duplicate.get('id')}")
            for rule in duplicate.findall("rule"):
                lines += [f"    {line}" for line in rule_lines(rule, full=True, expired=False)]
        raise PcsError(*lines)


def location_rule(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    modifiers.ensure_only("-f", "--force")
    if len(argv) < 3:
        raise UsageError()
    target = argv[0]
    kind, _, value = target.partition("%") if "%" in target else ("resource", "", target)
    if kind not in ("", "resource", "regexp"):
        raise UsageError(f"'{kind}' is not an allowed type for '{target}', use regexp, resource")
    kind = kind or "resource"
    options, words = _parse_options(argv[2:], ("constraint-id", "resource-discovery"))
    if kind == "resource":
        check_constraint_resource(lib, value, modifiers.has("--force"))
    constraints = cibtools.section(lib.cib, "constraints")
    location = etree.SubElement(constraints, "rsc_location")
    if options.get("resource-discovery"):
        location.set("resource-discovery", options.pop("resource-discovery") or "")
    constraint_id = options.get("constraint-id")
    if constraint_id:
        problem = cibtools.id_problem(constraint_id, "constraint id")
        if problem:
            raise PcsError(f"Error: {problem}")
        if cibtools.id_exists(lib.cib, constraint_id):
            raise PcsError(f"Error: id '{constraint_id}' is already in use, please specify another one")
        location.set("id", constraint_id)
        del options["constraint-id"]
    else:
        location.set("id", cibtools.unique_id(lib.cib, cibtools.sanitize_id(f"location-{value}")))
    location.set("rsc" if kind == "resource" else "rsc-pattern", value)
    add_rule(lib, location, options, words)
    _check_duplicates(lib, location, modifiers.has("--force"))
    lib.mark_changed()


def rule_cmd(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    """`pcs constraint rule add <constraint id> [options] <rule>` / `rule remove <rule id>`."""
    if len(argv) < 2:
        raise UsageError()
    command, rest = argv[0], list(argv[1:])
    if command == "add":
        modifiers.ensure_only("-f", "--force")
        constraint_id = rest.pop(0)
        options, words = _parse_options(rest)
        location = next((c for c in lib.cib.iterfind("configuration/constraints/rsc_location")
                         if c.get("id") == constraint_id), None)
        if location is None:
            raise PcsError(f"Error: Unable to find constraint: {constraint_id}")
        add_rule(lib, location, options, words)
        _check_duplicates(lib, location, modifiers.has("--force"))
    elif command in ("remove", "delete"):
        modifiers.ensure_only("-f")
        rule_id = rest[0]
        for location in lib.cib.iter("rsc_location"):
            rule = next((child for child in location if child.get("id") == rule_id), None)
            if rule is None:
                continue
            if len(location) > 1:
                lib.reporter.err(f"Removing Rule: {rule_id}")
                location.remove(rule)
            else:
                lib.reporter.err(f"Removing Constraint: {location.get('id')}")
                cibtools.remove_element(location)
            break
        else:
            raise PcsError(f"Error: unable to find rule with id: {rule_id}")
    else:
        raise UsageError()
    lib.mark_changed()
