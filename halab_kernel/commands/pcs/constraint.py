"""`pcs constraint location|colocation|order|delete|config` (pcs 0.11's legacy code paths)."""

from __future__ import annotations

from dataclasses import dataclass

import re

from lxml import etree

from halab_kernel.commands.pcs import cibtools, messages
from halab_kernel.commands.pcs.context import PcsLib
from halab_kernel.commands.pcs.errors import PcsError, UsageError, unable_to_update
from halab_kernel.commands.pcs.options import Modifiers
from halab_kernel.commands.pcs.parsing import split_option
from halab_kernel.commands.pcs.render import constraint_lines

_SCORE = re.compile(r"^[+-]?(\d+|INFINITY)$")
_ACTIONS = ("demote", "promote", "start", "stop")
_ROLES = ("Promoted", "Started", "Stopped", "Unpromoted")
_NODE_SKIP = "Validation for node existence in the cluster will be skipped"


def is_score(value: str) -> bool:
    return bool(_SCORE.match(value))


def check_constraint_resource(lib: PcsLib, resource_id: str, force: bool) -> str:
    """pcs's rule: a clone's member must be named by its clone's id (unless --force)."""
    element = cibtools.find_resource(lib.cib, resource_id)
    if element is None:
        raise PcsError(f"Error: Resource '{resource_id}' does not exist")
    if element.tag in ("clone", "master", "bundle"):
        return resource_id
    parent = element.getparent()
    while parent is not None and parent.tag == "group":
        parent = parent.getparent()
    if parent is not None and parent.tag in ("clone", "master", "bundle"):
        if force:
            return parent.get("id")
        kind = "bundle" if parent.tag == "bundle" else "clone"
        raise PcsError(f"Error: {resource_id} is a {kind} resource, you should use the {kind} id: "
                       f"{parent.get('id')} when adding constraints. Use --force to override.")
    return resource_id


@dataclass(frozen=True)
class LocationTarget:
    """What a location constraint places: a resource by id, or (`regexp%PATTERN`) every resource whose
    id the pattern matches (rsc-pattern; pcs checks neither the pattern nor that anything matches)."""

    name: str
    is_pattern: bool = False

    @property
    def attribute(self) -> str:
        return "rsc-pattern" if self.is_pattern else "rsc"


def typed_resource(arg: str) -> LocationTarget:
    """pcs's parse_typed_arg for a location's resource: `R`, `resource%R`, `regexp%PATTERN`."""
    if "%" not in arg:
        return LocationTarget(arg)
    kind, value = arg.split("%", 1)
    if kind in ("", "resource"):
        return LocationTarget(value)
    if kind == "regexp":
        return LocationTarget(value, is_pattern=True)
    raise UsageError(f"'{kind}' is not an allowed type for '{arg}', use regexp, resource")


def location_prefers(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    if len(argv) < 3:
        raise UsageError()
    modifiers.ensure_only("--force", "-f")
    target = typed_resource(argv[0])  # pcs reads the resource before the verb
    if argv[1] not in ("prefers", "avoids"):
        raise UsageError()
    verb, node_specs = argv[1], argv[2:]
    if lib.offline or modifiers.has("--force"):
        lib.reporter.warning(_NODE_SKIP)
    else:
        unknown = [spec.split("=", 1)[0] for spec in node_specs
                   if spec.split("=", 1)[0] not in cibtools.node_names(lib.cib)]
        for node in unknown:
            lib.reporter.error(f"Node '{node}' does not appear to exist in configuration", forceable=True)
        lib.reporter.stop_if_errors()
    plans = []
    for spec in node_specs:
        node, _, score = spec.partition("=")
        if "=" not in spec:
            score = "INFINITY" if verb == "prefers" else "-INFINITY"
        else:
            if not is_score(score):
                raise PcsError(f"Error: {messages.invalid_score(score)}")
            if verb == "avoids":
                score = score[1:] if score.startswith("-") else f"-{score}"
        plans.append((cibtools.sanitize_id(f"location-{target.name}-{node}-{score}"), node, score))
    for constraint_id, node, score in plans:  # pcs pushes each node's constraint on its own
        add_location(lib, constraint_id, target, node, score, modifiers.has("--force"))
        lib.mark_changed()
        lib.push_step()


_SCHEMA_VALUES = {  # what pacemaker-3.9.rng lets an rsc_location with a node and a score carry besides
    "resource-discovery": lambda value: value in ("always", "never", "exclusive"),
    "role": lambda value: value in ("Stopped", "Started", "Promoted", "Unpromoted", "Master", "Slave"),
    "node": lambda value: True,
    "score": is_score,
}


def location_add(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    """`constraint location add <id> <resource> <node> <score> [resource-discovery=...]`."""
    modifiers.ensure_only("--force", "-f")
    if len(argv) < 4:
        raise UsageError()
    constraint_id, target, node, score = argv[0], typed_resource(argv[1]), argv[2], argv[3]
    options = []
    for arg in argv[4:]:
        if "=" not in arg:
            raise UsageError(f"bad option '{arg}'")
        options.append(tuple(arg.split("=", 1)))
        if options[-1][0] != "resource-discovery" and not modifiers.has("--force"):
            raise PcsError(f"Error: bad option '{options[-1][0]}', use --force to override")
    if lib.offline or modifiers.has("--force"):
        lib.reporter.warning(_NODE_SKIP)
    elif node not in cibtools.node_names(lib.cib):
        lib.reporter.error(f"Node '{node}' does not appear to exist in configuration", forceable=True)
        lib.reporter.stop_if_errors()
    if not is_score(score):
        raise PcsError(f"Error: {messages.invalid_score(score)}")
    problem = cibtools.id_problem(constraint_id, "constraint id")
    if problem:
        raise PcsError(f"Error: {problem}")
    add_location(lib, constraint_id, target, node, score, modifiers.has("--force"))
    location = cibtools.section(lib.cib, "constraints")[-1]
    schema_ids = {"rsc": lambda value: cibtools.id_exists(lib.cib, value),  # an IDREF, an unused ID
                  "id": lambda value: cibtools.id_problem(value, "id") is None and (
                      value == location.get("id") or not cibtools.id_exists(lib.cib, value))}
    if not all({**_SCHEMA_VALUES, **schema_ids}.get(name, lambda _: False)(value)
               for name, value in options):  # forced past pcs (or a value pcs does not check): refused by the schema
        raise unable_to_update(library=False)
    for name, value in options:
        location.set(name, value)
    lib.mark_changed()


def add_location(lib: PcsLib, constraint_id: str, target: LocationTarget, node: str, score: str,
                 force: bool) -> None:
    problem = cibtools.id_problem(constraint_id, "constraint id")
    if problem:
        raise PcsError(f"Error: {problem}")
    if not target.is_pattern:
        check_constraint_resource(lib, target.name, force)
    constraints = cibtools.section(lib.cib, "constraints")
    for existing in list(constraints.iterfind("rsc_location")):
        if existing.get("id") == constraint_id or (existing.get("node") == node
                                                   and existing.get(target.attribute) == target.name):
            constraints.remove(existing)
    location = etree.SubElement(constraints, "rsc_location", id=constraint_id)
    location.set(target.attribute, target.name)
    location.set("node", node)
    location.set("score", score)


def colocation_add(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    modifiers.ensure_only("-f", "--force")
    argv = list(argv)
    if len(argv) < 3:
        raise UsageError()
    role1 = role2 = ""
    if argv[2] == "with":
        role1 = _role(lib, argv.pop(0))
        resource1 = argv.pop(0)
    elif argv[1] == "with":
        resource1 = argv.pop(0)
    else:
        raise UsageError()
    argv.pop(0)
    if "with" in argv:
        raise UsageError("Multiple 'with's cannot be specified.", show_both=True,
                         hint="Use the 'pcs constraint colocation set' command if you want to create a constraint "
                              "for more than two resources.")
    if not argv:
        raise UsageError()
    if len(argv) == 1 or is_score(argv[1]) or "=" in argv[1]:
        resource2 = argv.pop(0)
    else:
        role2 = _role(lib, argv.pop(0))
        resource2 = argv.pop(0)
    score = "INFINITY"
    if argv and "=" not in argv[0]:
        score = argv.pop(0)
    pairs = []
    for arg in argv:
        name, value = split_option(arg)
        if not value:
            raise UsageError(f"value of '{name}' option is empty")
        pairs.append((name, value))
    force = modifiers.has("--force")
    check_constraint_resource(lib, resource1, force)
    check_constraint_resource(lib, resource2, force)
    cib = lib.cib
    if not any(name == "id" for name, _ in pairs):
        pairs.append(("id", cibtools.unique_id(cib, f"colocation-{resource1}-{resource2}-{score}")))
    else:
        _check_given_id(lib, dict(pairs)["id"])
    if role1 and not role2:
        role2 = "Started"
    if role2 and not role1:
        role1 = "Started"
    element = etree.Element("rsc_colocation", rsc=resource1)
    element.set("with-rsc", resource2)
    element.set("score", score)
    if role1:
        element.set("rsc-role", role1)
        element.set("with-rsc-role", role2)
    for name, value in pairs:
        element.set(name, value)
    constraints = cibtools.section(cib, "constraints")
    if not force:
        key = _colocation_key(element)
        duplicates = [c for c in constraints.iterfind("rsc_colocation") if _colocation_key(c) == key]
        if duplicates:
            raise PcsError("Error: duplicate constraint already exists, use --force to override\n"
                           + "\n".join("  " + constraint_lines.colocation_line(d, True) for d in duplicates))
    constraints.append(element)
    lib.mark_changed()


def _colocation_key(element: etree._Element) -> tuple:
    def role(name: str) -> str:
        value = element.get(name, "Started").capitalize()
        return {"Master": "Promoted", "Slave": "Unpromoted"}.get(value, value)
    return (element.get("rsc"), element.get("with-rsc"), role("rsc-role"), role("with-rsc-role"))


_LEGACY_ROLES = {"Master": "Promoted", "Slave": "Unpromoted"}


def warn_legacy_role(lib: PcsLib, role: str, typed: str | None = None) -> None:
    """pcs's deprecation of Master/Slave (`typed`: the value as the user wrote it, where pcs quotes that)."""
    if role in _LEGACY_ROLES:
        lib.reporter.deprecation(f"Role value '{typed or role}' is deprecated and should not be used, use "
                                 f"'{_LEGACY_ROLES[role]}' instead")


def _role(lib: PcsLib, value: str) -> str:
    cleaned = value.lower().capitalize()
    if cleaned not in _ROLES and cleaned not in _LEGACY_ROLES:
        raise PcsError(f"Error: invalid role value '{value}', allowed values are: "
                       + messages.quoted_list(_ROLES + tuple(_LEGACY_ROLES)))
    warn_legacy_role(lib, cleaned, value)  # pcs quotes the role as typed
    return _LEGACY_ROLES.get(cleaned, cleaned)


def _check_given_id(lib: PcsLib, value: str) -> None:
    problem = cibtools.id_problem(value, "constraint id")
    if problem:
        raise PcsError(f"Error: {problem}")
    if cibtools.id_exists(lib.cib, value):
        raise PcsError(f"Error: id '{value}' is already in use, please specify another one")


def order_add(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    modifiers.ensure_only("-f", "--force")
    argv = list(argv)
    if len(argv) < 3:
        raise UsageError()
    first_action = then_action = "start"
    if argv[0] in _ACTIONS:
        first_action = argv.pop(0)
    resource1 = argv.pop(0)
    if not argv or argv.pop(0) != "then" or not argv:
        raise UsageError()
    if argv[0] in _ACTIONS:
        then_action = argv.pop(0)
    if not argv:
        raise UsageError()
    resource2 = argv.pop(0)
    if "then" in argv:
        raise UsageError("Multiple 'then's cannot be specified.", show_both=True,
                         hint="Use the 'pcs constraint order set' command if you want to create a constraint for "
                              "more than two resources.")
    force = modifiers.has("--force")
    check_constraint_resource(lib, resource1, force)
    check_constraint_resource(lib, resource2, force)
    _check_not_same_group(lib, resource1, resource2)
    options: list[tuple[str, str]] = []
    symmetrical = None
    id_given = False
    for arg in argv + [f"first-action={first_action}", f"then-action={then_action}"]:
        if arg == "symmetrical":
            symmetrical = "true"
        elif arg == "nonsymmetrical":
            symmetrical = "false"
        else:
            name, value = split_option(arg)
            if not value:
                raise UsageError(f"value of '{name}' option is empty")
            if name == "id":
                _check_given_id(lib, value)
                id_given = True
                options.append((name, value))
            elif name == "symmetrical":
                if value.lower() not in ("true", "false"):
                    raise PcsError(f"Error: invalid symmetrical value '{value}', allowed values are: "
                                   "true, false")
                symmetrical = value.lower()
            else:
                options.append((name, value))
    if symmetrical:
        options.append(("symmetrical", symmetrical))
    shown = " ".join(f"{n}={v}" for n, v in options if n not in ("kind", "score"))
    scorekind, suffix = "kind: Mandatory", "mandatory"
    for name, value in options:
        if name in ("score", "kind"):
            scorekind, suffix = f"{name}: {value}", value
            break
    if not id_given:
        options.append(("id", cibtools.unique_id(lib.cib, f"order-{resource1}-{resource2}-{suffix}")))
    element = etree.Element("rsc_order", first=resource1, then=resource2)
    for name, value in options:
        element.set(name, value)
    constraints = cibtools.section(lib.cib, "constraints")
    if not force:
        key = _order_key(element)
        duplicates = [c for c in constraints.iterfind("rsc_order") if _order_key(c) == key]
        if duplicates:
            raise PcsError("Error: duplicate constraint already exists, use --force to override\n"
                           + "\n".join("  " + constraint_lines.order_line(d, True) for d in duplicates))
    constraints.append(element)
    lib.reporter.err(f"Adding {resource1} {resource2} ({scorekind})" + (f" (Options: {shown})" if options else ""))
    _validate_order_values(element)   # at the push, after pcs said what it adds
    lib.mark_changed()


def _validate_order_values(element: etree._Element) -> None:
    """What the CIB schema would refuse on push, refused here with cibadmin's words."""
    kind = element.get("kind")
    if kind is not None and kind not in ("Optional", "Mandatory", "Serialize"):
        raise unable_to_update(library=False)


def _order_key(element: etree._Element) -> tuple:
    return (element.get("first"), element.get("then"),
            (element.get("first-action") or "start").lower(), (element.get("then-action") or "start").lower())


def _check_not_same_group(lib: PcsLib, first: str, then: str) -> None:
    a, b = cibtools.find_resource(lib.cib, first), cibtools.find_resource(lib.cib, then)
    if a is None or b is None:
        return
    pa, pb = a.getparent(), b.getparent()
    if pa is not None and pa is pb and pa.tag == "group":
        raise PcsError("Error: Cannot create an order constraint for resources in the same group")


def delete(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    """`constraint delete ID...`: pcs removes (and pushes) one id at a time; a missing id is reported
    and the others still go, the exit code says something was missing."""
    modifiers.ensure_only("-f")
    if not argv:
        raise UsageError()
    constraints = cibtools.section(lib.cib, "constraints")
    missing = []
    for constraint_id in argv:
        found = [c for c in constraints if isinstance(c.tag, str) and c.get("id") == constraint_id]
        rules = [r for r in constraints.iterfind(".//rule") if r.get("id") == constraint_id] if not found else []
        if not found and not rules:
            missing.append(constraint_id)
            lib.reporter.err(f"Error: Unable to find constraint - '{constraint_id}'")
            continue
        for element in found:
            cibtools.remove_element(element)
        for rule in rules:  # the rule goes, and its parent with it once it holds no rule
            parent = rule.getparent()
            parent.remove(rule)
            if parent.find(".//rule") is None and parent.getparent() is not None:
                cibtools.remove_element(parent)
        lib.mark_changed()
        lib.push_step()
    if missing:
        raise PcsError()


_NO_MATCH = "Error: No matching resources found in ordering list"  # pcs says "ordering" for colocations too


def colocation_delete(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    """`constraint colocation delete R1 R2`: every plain colocation between the two, either way round
    (sets are left alone; words after the second are ignored, as pcs does)."""
    modifiers.ensure_only("-f")
    if len(argv) < 2:
        raise UsageError()
    pair = {(argv[0], argv[1]), (argv[1], argv[0])}
    constraints = cibtools.section(lib.cib, "constraints")
    found = [c for c in constraints.iterfind("rsc_colocation") if (c.get("rsc"), c.get("with-rsc")) in pair]
    if not found:
        raise PcsError(_NO_MATCH)
    for element in found:
        constraints.remove(element)
    lib.mark_changed()


def order_delete(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    """`constraint order delete R...`: pcs's order_rm. Plain orders naming R go; R leaves every resource
    set of every kind of constraint (pcs looks at all resource_refs), an emptied set goes, and a
    constraint left without sets goes too."""
    modifiers.ensure_only("-f")
    if not argv:
        raise UsageError()
    constraints = cibtools.section(lib.cib, "constraints")
    found = False
    for resource_id in argv:
        for order in list(constraints.iterfind("rsc_order")):
            if resource_id in (order.get("first"), order.get("then")):
                constraints.remove(order)
                found = True
        for ref in [r for r in constraints.iter("resource_ref") if r.get("id") == resource_id]:
            found = True
            resource_set = ref.getparent()
            resource_set.remove(ref)
            if resource_set.find("resource_ref") is None:
                owner = resource_set.getparent()
                owner.remove(resource_set)
                if owner.find("resource_set") is None and owner.getparent() is not None:
                    owner.getparent().remove(owner)
    if not found:
        raise PcsError(_NO_MATCH)
    lib.mark_changed()


def location_remove(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    modifiers.ensure_only("-f")
    if len(argv) != 1:
        raise UsageError()
    constraints = cibtools.section(lib.cib, "constraints")
    found = [c for c in constraints.iterfind("rsc_location") if c.get("id") == argv[0]]
    if not found:
        raise PcsError(f"Error: resource location id: {argv[0]} not found.")
    for element in found:
        constraints.remove(element)
    lib.mark_changed()


def ref(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    """`constraint ref <resource>...`: pcs's find_constraints_containing (a clone's primitive: the
    clone's first; colocation, location, order, ticket constraints in that order; then sets, by id)."""
    modifiers.ensure_only("-f")
    if not argv:
        raise UsageError()
    for resource_id in argv:
        lib.reporter.out(f"Resource: {resource_id}")
        plain, in_sets = _constraints_naming(lib.cib, resource_id)
        for constraint_id in plain + sorted(set(in_sets)):
            lib.reporter.out(f"  {constraint_id}")
        if not plain and not in_sets:
            lib.reporter.out("  No Matches.")


def _constraints_naming(cib: etree._Element, resource_id: str) -> tuple[list[str], list[str]]:
    plain: list[str] = []
    in_sets: list[str] = []
    primitive = next((p for p in cib.iter("primitive") if p.get("id") == resource_id), None)
    if primitive is not None and primitive.getparent().tag in ("clone", "master"):
        plain, in_sets = _constraints_naming(cib, primitive.getparent().get("id", ""))
    constraints = cib.find("configuration/constraints")
    if constraints is None:
        return [], []
    for tag in ("rsc_colocation", "rsc_location", "rsc_order", "rsc_ticket"):
        for constraint in constraints.iter(tag):
            if resource_id in {constraint.get(a) for a in ("rsc", "first", "then", "with-rsc")}:
                plain.append(constraint.get("id", ""))
    in_sets += [ref.getparent().getparent().get("id", "") for ref in constraints.iter("resource_ref")
                if ref.get("id") == resource_id]
    return plain, in_sets


def location_config(lib: PcsLib, argv: list[str], modifiers: Modifiers, deprecated: bool = False) -> None:
    """`constraint location [config [resources [R...] | nodes [N...]]]`: pcs's legacy location_config_cmd
    (the first word picks the view, `nodes` or anything else; the rest filter it)."""
    if deprecated:
        lib.reporter.deprecation("This command is deprecated and will be removed. Please use "
                                 "'pcs constraint location config' instead.")
    modifiers.ensure_only("-f", "--full", "--all")
    for line in constraint_lines.location_lines(lib.cib.find("configuration/constraints"), modifiers.has("--full"),
                                                lib.now, modifiers.has("--all"), argv[1:] or None,
                                                by_node=bool(argv) and argv[0] == "nodes"):
        lib.reporter.out(line)


def show(lib: PcsLib, argv: list[str], modifiers: Modifiers, only: str | None = None,
         deprecated: bool = False) -> None:
    """`constraint [location|order|colocation] config` (`show`: the same, with pcs's deprecation)."""
    if deprecated:
        lib.reporter.deprecation("This command is deprecated and will be removed. Please use "
                                 f"'pcs constraint{' ' + only if only else ''} config' instead.")
    modifiers.ensure_only("-f", "--full", *(("--all",) if only in (None, "location") else ()))
    if argv:
        if only is None:  # `constraint config X`: pcs 0.11.5 prints the location part (as `constraint location
            # config X`) before it notices X
            for line in constraint_lines.location_lines(lib.cib.find("configuration/constraints"),
                                                        modifiers.has("--full"), lib.now, modifiers.has("--all"),
                                                        argv[1:] or None, by_node=argv[0] == "nodes"):
                lib.reporter.out(line)
        raise UsageError()
    full = modifiers.has("--full")
    for line in constraint_lines.all_lines(lib.cib, full, only, lib.now, modifiers.has("--all")):
        lib.reporter.out(line)
