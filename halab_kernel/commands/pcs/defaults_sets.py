"""`pcs resource [op] defaults set create|delete|remove|update`: named sets of defaults (pcs 0.11's library).

`set create [id=ID] [score=S] [meta NAME=VALUE...]` appends a `<meta_attributes>` to rsc_defaults (or
op_defaults), its id given or `<section>-meta_attributes[-N]`; `set update ID [meta NAME=VALUE...]` sets
(an empty value removes); `set delete|remove ID...` removes. `rule EXPRESSION` on `set create` is
pcs 0.11's rule for defaults (defaults_rules.py), written before the nvpairs as pcs does.
"""

from __future__ import annotations

from lxml import etree

from halab_kernel.commands.pcs import cibtools, defaults_rules, messages
from halab_kernel.commands.pcs.constraint import is_score
from halab_kernel.commands.pcs.context import PcsLib
from halab_kernel.commands.pcs.errors import PcsError, UsageError, unable_to_update
from halab_kernel.commands.pcs.options import Modifiers
from halab_kernel.commands.pcs.parsing import group_by_keywords, prepare_options

_ERRORS_OCCURRED = "Error: Errors have occurred, therefore pcs is unable to continue"


def _warn(lib: PcsLib) -> None:
    lib.reporter.warning("Defaults do not apply to resources which override them with their own defined values")


def _sets(lib: PcsLib, section: str) -> list[etree._Element]:
    return list(lib.cib.iterfind(f"configuration/{section}/meta_attributes"))


def set_cmd(section: str, lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    if not argv:
        raise UsageError()
    action, rest = argv[0], argv[1:]
    if action == "create":
        return _create(section, lib, rest, modifiers)
    if action in ("delete", "remove"):
        modifiers.ensure_only("-f")
        by_id = {nvset.get("id"): nvset for nvset in _sets(lib, section)}
        missing = [set_id for set_id in rest if set_id not in by_id]
        if missing:
            raise PcsError(*(f"Error: options set '{set_id}' does not exist" for set_id in missing), _ERRORS_OCCURRED)
        for set_id in rest:
            cibtools.remove_element(by_id[set_id])
        if rest:
            lib.mark_changed()
        return None
    if action == "update":
        modifiers.ensure_only("-f")
        if not rest:
            raise UsageError()
        if rest[1:].count("meta") > 1:
            raise UsageError("'meta' cannot be used more than once")
        groups = group_by_keywords(rest[1:], {"meta"}, "options")
        if groups.get("options"):
            raise UsageError()
        meta = prepare_options(groups.get("meta", []))  # the command line is read before the CIB
        nvset = next((s for s in _sets(lib, section) if s.get("id") == rest[0]), None)
        if nvset is None:
            raise PcsError(f"Error: options set '{rest[0]}' does not exist", _ERRORS_OCCURRED)
        for name, value in meta.items():
            cibtools.set_nvpair(nvset, name, value)
        _warn(lib)
        lib.mark_changed()
        return None
    raise UsageError()


def _create(section: str, lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    modifiers.ensure_only("-f", "--force")
    seen: set[str] = set()
    for word in argv:
        if word in ("meta", "rule"):
            if word in seen:
                raise UsageError(f"'{word}' cannot be used more than once")
            seen.add(word)
    groups = group_by_keywords(argv, {"meta", "rule"}, "options")
    meta = prepare_options(groups.get("meta", []))  # pcs parses both groups, meta first, before it validates
    options = prepare_options(groups.get("options", []))
    unknown = [name for name in options if name not in ("id", "score")]
    problems = []
    if unknown and not modifiers.has("--force"):
        problems.append(f"Error: {messages.invalid_options(unknown, ['id', 'score'], '')}, use --force to override")
    set_id = options.get("id")
    if set_id is not None:
        problem = cibtools.id_problem(set_id, "id")
        if problem:
            problems.append(f"Error: {problem}")
        elif cibtools.id_exists(lib.cib, set_id):
            problems.append(f"Error: '{set_id}' already exists")
    if "score" in options and not is_score(options["score"]):
        problems.append(f"Error: {messages.invalid_score(options['score'])}")
    rule_text = " ".join(groups.get("rule", []))
    rule = None
    if rule_text:
        try:
            rule = defaults_rules.parse(rule_text)
            problems += defaults_rules.validate(rule, section == "op_defaults")
        except defaults_rules.RuleParseError as error:
            problems.append(f"Error: {error.message(rule_text)}")
    if problems:
        raise PcsError(*problems, _ERRORS_OCCURRED)
    if unknown:  # forced: pcs writes them as attributes of the set, which the schema refuses
        lib.reporter.warning(messages.invalid_options(unknown, ['id', 'score'], ''))
        _warn(lib)
        raise unable_to_update(library=True)
    if rule is not None and defaults_rules.needs_start(rule):
        _warn(lib)  # pcs writes `in_range to duration ...` without a start; the schema refuses it
        raise unable_to_update(library=True)
    parent = cibtools.section(lib.cib, section)
    nvset = etree.SubElement(parent, "meta_attributes",
                             id=set_id or cibtools.unique_id(lib.cib, f"{section}-meta_attributes"))
    if "score" in options:
        nvset.set("score", options["score"])
    if rule is not None:
        defaults_rules.export(nvset, rule)
    for name, value in meta.items():
        if value:
            cibtools.set_nvpair(nvset, name, value)
    _warn(lib)
    lib.mark_changed()
