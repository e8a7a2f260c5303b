"""Constraints over resource sets and tickets: `pcs constraint order|colocation|ticket set`, `ticket add|remove`.

pcs 0.11 builds these in its library (lib/cib/constraint/*): options are
checked first, then each set's options and resources, then duplicates.
Errors raised at once print without the "unable to continue" line; errors
collected by the report processor end with it. Both shapes are kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from halab_kernel.commands.pcs import cibtools, messages
from halab_kernel.commands.pcs.constraint import is_score
from halab_kernel.commands.pcs.context import PcsLib
from halab_kernel.commands.pcs.errors import PcsError, UsageError
from halab_kernel.commands.pcs.options import Modifiers
from halab_kernel.commands.pcs.parsing import prepare_options
from halab_kernel.commands.pcs.render import constraint_lines

ROLES = ("Promoted", "Started", "Stopped", "Unpromoted")
LEGACY_ROLES = {"Master": "Promoted", "Slave": "Unpromoted"}
_SET_OPTIONS = ("action", "require-all", "role", "sequential")
_TICKET_NAME = re.compile(r"^[a-zA-Z0-9-]{1,63}$")
_LOSS_POLICIES = ("fence", "stop", "freeze", "demote")


@dataclass(frozen=True)
class ResourceSet:
    ids: tuple[str, ...]
    options: tuple[tuple[str, str], ...]


def _split(words: list[str], keyword: str) -> list[list[str]]:
    """pcs's split_list: empty parts kept (`order set d1 set` is a usage error)."""
    parts: list[list[str]] = [[]]
    for word in words:
        if word == keyword:
            parts.append([])
        else:
            parts[-1].append(word)
    return parts


def parse_set_args(argv: list[str]) -> tuple[list[ResourceSet], dict[str, str]]:
    if argv.count("setoptions") > 1:
        raise PcsError("Error: Keyword 'setoptions' may be mentioned at most once")
    set_args, option_args = (_split(argv, "setoptions") if "setoptions" in argv else [argv, []])
    if not set_args:
        raise UsageError()
    sets = [ResourceSet(tuple(a for a in part if "=" not in a),
                        tuple(prepare_options([a for a in part if "=" in a]).items()))
            for part in _split(set_args, "set")]
    if not sets or not all(s.ids for s in sets):
        raise UsageError()
    return sets, prepare_options(option_args) if option_args else {}


def valid_resource_id(lib: PcsLib, resource_id: str, force: bool) -> str:
    """pcs's find_valid_resource_id: a clone's member must be named by the clone (unless --force)."""
    element = cibtools.find_resource(lib.cib, resource_id)
    if element is None:
        if cibtools.id_exists(lib.cib, resource_id):
            raise PcsError(f"Error: '{resource_id}' is not a bundle/clone/group/resource")
        raise PcsError(f"Error: {messages.id_not_found(resource_id, 'bundle/clone/group/resource')}")
    if element.tag in ("clone", "master", "bundle"):
        return resource_id
    parent = next((a for a in element.iterancestors() if a.tag in ("clone", "master", "bundle")), None)
    if parent is None:
        return resource_id
    kind = "bundle" if parent.tag == "bundle" else "clone"
    text = (f"{resource_id} is a {kind} resource, you should use the {kind} id: {parent.get('id')} "
            "when adding constraints")
    if not force:
        raise PcsError(f"Error: {text}, use --force to override")
    lib.reporter.warning(text)
    return resource_id


def _check_new_id(lib: PcsLib, value: str) -> None:
    problem = cibtools.id_problem(value, "constraint id")
    if problem:
        raise PcsError(f"Error: {problem}")
    if cibtools.id_exists(lib.cib, value):
        raise PcsError(f"Error: '{value}' already exists")


def _constraint_options(lib: PcsLib, kind: str, options: dict[str, str], sets: list[ResourceSet]) -> dict[str, str]:
    allowed = {"order": ("symmetrical", "kind"), "colocation": ("score",), "ticket": ("loss-policy", "ticket")}[kind]
    invalid = sorted(name for name in options if name not in (*allowed, "id"))
    if invalid:
        raise PcsError(f"Error: {messages.invalid_options(invalid, sorted((*allowed, 'id')), '')}")
    options = dict(options)
    if "id" in options:
        _check_new_id(lib, options["id"])
    else:
        if any(not i for s in sets for i in s.ids):  # real pcs 0.11.5 dies with a traceback making the id
            raise PcsError("Error: resource id cannot be empty")
        initials = "".join(i[0] + i[-1] for s in sets for i in s.ids)[:6]
        options["id"] = cibtools.unique_id(lib.cib, f"{kind}_set_{initials}")
    problems = []
    if kind == "order":
        for name, values in (("kind", ("Optional", "Mandatory", "Serialize")), ("symmetrical", ("true", "false"))):
            if name in options:
                normal = options[name].lower().capitalize() if name == "kind" else options[name].lower()
                if normal not in values:
                    problems.append(f"Error: {messages.invalid_value(options[name], name, values)}")
                options[name] = normal
    elif kind == "colocation":
        if "score" in options and not is_score(options["score"]):
            raise PcsError(f"Error: {messages.invalid_score(options['score'])}")
        options.setdefault("score", "INFINITY")
    else:
        if "loss-policy" in options:
            if options["loss-policy"] not in _LOSS_POLICIES:
                problems.append(f"Error: {messages.invalid_value(options['loss-policy'], 'loss-policy', _LOSS_POLICIES)}")
            options["loss-policy"] = options["loss-policy"].lower()
        if not options.get("ticket", "").strip():
            problems.append(f"Error: {messages.required_missing(['ticket'], '')}")
        elif not _TICKET_NAME.match(options["ticket"]):
            problems.append(f"Error: {ticket_name_problem(options['ticket'])}")
    if problems:
        raise PcsError(*problems)
    return options


def ticket_name_problem(name: str) -> str:
    return f"booth ticket name '{name}' is not valid, use up to 63 alphanumeric characters or dash"


def _check_set_options(lib: PcsLib, options: dict[str, str]) -> None:
    reporter = lib.reporter
    invalid = sorted(name for name in options if name not in _SET_OPTIONS)
    if invalid:
        reporter.error(messages.invalid_options(invalid, _SET_OPTIONS, "set"))
    allowed = {"action": ("demote", "promote", "start", "stop"), "require-all": ("false", "true"),
               "role": (*ROLES, *LEGACY_ROLES), "sequential": ("false", "true")}
    for name in ("action", "require-all", "role", "sequential"):
        if name in options and options[name] not in allowed[name]:
            reporter.error(messages.invalid_value(options[name], name, allowed[name]))
    if options.get("role") in LEGACY_ROLES:
        reporter.deprecation(f"Value '{options['role']}' of option role is deprecated and should not be "
                             f"used, use '{LEGACY_ROLES[options['role']]}' value instead")
    reporter.stop_if_errors()


def create_with_set(lib: PcsLib, argv: list[str], modifiers: Modifiers, kind: str) -> None:
    modifiers.ensure_only("--force", "-f")
    sets, options = parse_set_args(argv)
    force = modifiers.has("--force")
    options = _constraint_options(lib, kind, options, sets)
    checked = []
    for resource_set in sets:
        set_options = dict(resource_set.options)
        _check_set_options(lib, set_options)
        checked.append(([valid_resource_id(lib, i, force) for i in resource_set.ids], set_options))
    if kind == "order":
        unique = dict.fromkeys(i for ids, _ in checked for i in ids)  # pcs looks each id up once
        groups = [p for i in unique for p in [cibtools.resource_parent(cibtools.find_resource(lib.cib, i))]
                  if p is not None and p.tag == "group"]
        if len(set(groups)) != len(groups):
            raise PcsError("Error: Cannot create an order constraint for resources in the same group")
    constraints = cibtools.section(lib.cib, "constraints")
    element = etree.SubElement(constraints, f"rsc_{kind}")
    for name, value in options.items():
        element.set(name, value)
    for ids, set_options in checked:
        rset = etree.SubElement(element, "resource_set")
        for name, value in set_options.items():
            rset.set(name, LEGACY_ROLES.get(value, value) if name == "role" else value)
        rset.set("id", cibtools.unique_id(lib.cib, f"{element.get('id')}_set"))
        for resource_id in ids:
            etree.SubElement(rset, "resource_ref", id=resource_id)
    duplicates = [c for c in constraints.iterfind(f"rsc_{kind}") if c is not element and _same_sets(c, element)
                  and (kind != "ticket" or c.get("ticket") == element.get("ticket"))]
    _refuse_duplicates(lib, duplicates, force, constraint_lines.with_sets_line)
    lib.mark_changed()


def _same_sets(one: etree._Element, other: etree._Element) -> bool:
    def ids(element: etree._Element) -> list[list[str]]:
        return [[r.get("id", "") for r in s.iterfind("resource_ref")] for s in element.iterfind(".//resource_set")]
    return ids(one) == ids(other)


def _refuse_duplicates(lib: PcsLib, duplicates: list[etree._Element], force: bool, line) -> None:
    if not duplicates:
        return
    lib.reporter.err("Duplicate constraints:")
    for duplicate in duplicates:
        lib.reporter.err("  " + line(duplicate, True))
    lib.reporter.error("duplicate constraint already exists", forceable=True)
    lib.reporter.stop_if_errors()


def ticket_add(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    modifiers.ensure_only("--force", "-f")
    split = next((i for i, arg in enumerate(argv) if "=" in arg), len(argv))
    info = argv[:split]
    if not info:
        raise UsageError("Ticket not specified")
    ticket, spec = info[0], info[1:]
    if len(spec) not in (1, 2):
        raise UsageError(f"invalid resource specification: '{' '.join(spec)}'")
    options = prepare_options(argv[split:])
    role, resource_id = (spec[0], spec[1]) if len(spec) == 2 else ("", spec[0])
    if "rsc-role" in options:
        raise UsageError("Resource role must not be specified among options, specify it before resource id")
    force = modifiers.has("--force")
    resource_id = valid_resource_id(lib, resource_id, force)
    reporter = lib.reporter
    if "loss-policy" in options:
        if options["loss-policy"] not in _LOSS_POLICIES:
            reporter.error(messages.invalid_value(options["loss-policy"], "loss-policy", _LOSS_POLICIES))
        options["loss-policy"] = options["loss-policy"].lower()
    if not _TICKET_NAME.match(ticket):
        reporter.error(ticket_name_problem(ticket))
    if role:
        normal = role.capitalize()
        if normal not in (*ROLES, *LEGACY_ROLES):
            reporter.error(messages.invalid_value(role, "role", (*ROLES, *LEGACY_ROLES)))
        elif normal in LEGACY_ROLES:
            reporter.deprecation(f"Value '{role}' of option role is deprecated and should not be used, "
                                 f"use '{LEGACY_ROLES[normal]}' value instead")  # as typed
        role = LEGACY_ROLES.get(normal, normal)
    invalid = sorted(name for name in options if name not in ("id", "loss-policy"))
    if invalid:
        reporter.error(messages.invalid_options(invalid, ("id", "loss-policy"), ""))
    reporter.stop_if_errors()
    attributes = {**options, "ticket": ticket, "rsc": resource_id}
    if role:
        attributes["rsc-role"] = role
    if "id" in attributes:
        _check_new_id(lib, attributes["id"])
    else:
        base = f"ticket-{ticket}-{resource_id}" + (f"-{role}" if role else "")
        attributes["id"] = cibtools.unique_id(lib.cib, base)
    constraints = cibtools.section(lib.cib, "constraints")
    element = etree.SubElement(constraints, "rsc_ticket", attributes)
    duplicates = [c for c in constraints.iterfind("rsc_ticket") if c is not element and c.get("rsc")
                  and all(c.get(a, "") == element.get(a, "") for a in ("ticket", "rsc"))
                  and LEGACY_ROLES.get(c.get("rsc-role", ""), c.get("rsc-role", "")) == role]
    _refuse_duplicates(lib, duplicates, force, constraint_lines.ticket_line)
    lib.mark_changed()


def ticket_remove(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    modifiers.ensure_only("-f")
    if len(argv) != 2:
        raise UsageError()
    ticket, resource_id = argv
    constraints = cibtools.section(lib.cib, "constraints")
    plain = [c for c in constraints.iterfind("rsc_ticket") if c.get("ticket") == ticket and c.get("rsc") == resource_id]
    for element in plain:
        cibtools.remove_element(element)
    refs = [r for c in constraints.iterfind("rsc_ticket") if c.get("ticket") == ticket
            for r in c.iterfind("resource_set/resource_ref") if r.get("id") == resource_id]
    for ref in refs:
        rset = ref.getparent()
        rset.remove(ref)
        if not len(rset):
            owner = rset.getparent()
            owner.remove(rset)
            if not len(owner):
                cibtools.remove_element(owner)
    lib.mark_changed()  # pcs pushes the CIB before it looks at what it removed
    if not plain and not refs:
        raise PcsError("Error: no matching ticket constraint found")


def ticket_config(lib: PcsLib, argv: list[str], modifiers: Modifiers, deprecated: bool = False) -> None:
    if deprecated:
        lib.reporter.deprecation("This command is deprecated and will be removed. Please use "
                                 "'pcs constraint ticket config' instead.")
    modifiers.ensure_only("-f", "--full")
    if argv:
        raise UsageError()
    for line in constraint_lines.ticket_lines(lib.cib.find("configuration/constraints"), modifiers.has("--full")):
        lib.reporter.out(line)
