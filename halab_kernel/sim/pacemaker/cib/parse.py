"""CIB XML -> frozen dataclasses (lxml).

Pacemaker accepts old schema spellings (`target_role`, `resource_stickiness`,
`<master>`) and silently ignores names it does not know; so do we. A malformed
document raises `CibError` with a one-line message naming the element.
"""

from __future__ import annotations

from typing import Any, Optional

from lxml import etree

from halab_kernel import values

from .model import (Cib, Clone, Colocation, DateExpression, Expression, Group, Location, NodeConfig,
                    NodeState, Operation, OperationRecord, Order, Primitive, ResourceHistory,
                    ResourceExpression, Rule, TicketDependency, TicketState)
from .colocation_sets import set_colocations
from .containers import container_constraints
from .recent import RecentCache
from .references import pair_name_value, resolve_references
from .scores import ScoreError, parse_score


class CibError(ValueError):
    """The CIB cannot be understood; the message is one line naming the culprit."""


def parse_cib_file(path: str) -> Cib:
    return cib_from_element(read_xml_file(path))


def read_xml_file(path: str):
    """The root element of the CIB file at `path`; `CibError` if unreadable or malformed."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        raise CibError(f"Could not read {path}: {error.strerror}") from error
    return parse_xml(data)


def parse_cib(xml: bytes | str) -> Cib:
    """Parse a whole CIB document."""
    return cib_from_element(parse_xml(xml))


def parse_xml(xml: bytes | str):
    """The document's root element (comments dropped, no entities); `CibError` if malformed."""
    if isinstance(xml, str):
        xml = xml.encode()
    try:
        return etree.fromstring(xml, parser=etree.XMLParser(remove_comments=True, resolve_entities=False))
    except etree.XMLSyntaxError as error:
        raise CibError(f"Invalid XML: {error}") from None


def cib_from_element(root, text: str | bytes | None = None) -> Cib:
    """The CIB `root` holds. `text`: the document as the caller serialised it just now, when it has it
    (the DC's pe-input): the operation histories are read from it instead of serialising them again."""
    if root.tag != "cib":
        raise CibError(f"Invalid CIB: root element is <{root.tag}>, expected <cib>")
    config = root.find("configuration")
    if config is None:
        raise CibError("Invalid CIB: <cib> has no <configuration> element")
    try:
        return _build(root, config, text)
    except ScoreError as error:
        raise CibError(f"Invalid CIB: {error}") from None


_PARSED: dict[tuple, dict[str, Any]] = {}  # (configuration text, clock if its sets have date rules) -> its parsed parts
_PARSED_KEPT = 8


# an attribute set with a rule: the only part of the parsed configuration the clock can change (_set_applies)
_SET_WITH_RULE = etree.XPath("boolean(.//*[self::cluster_property_set or self::meta_attributes or "
                             "self::instance_attributes or self::utilization]/rule)")


def _configuration(config, execution_date: Optional[str] = None) -> dict[str, Any]:
    """The parsed configuration section, once per distinct text: a running cluster's transitions
    differ in their status section, not in their configuration (issue 18: parse config by epoch).
    Attribute sets with date rules depend on the clock too, so then the date is part of the key
    (a date rule of a constraint is the scheduler's to evaluate: it does not make the parse vary)."""
    text = etree.tostring(config)
    key = (text, execution_date if b"date_expression" in text and _SET_WITH_RULE(config) else None)
    parsed = _PARSED.get(key)
    if parsed is None:
        config = resolve_references(config)   # templates applied, template/tag references expanded
        locations, colocations, orders = _constraints(config.find("constraints"))
        resources = tuple(r for r in (_resource(e) for e in _children(config.find("resources"))) if r)
        implied_colocations, implied_orders = container_constraints(resources)
        colocations += implied_colocations
        orders += implied_orders
        parsed = dict(
            properties=_sets(config.find("crm_config"), "cluster_property_set", first="cib-bootstrap-options"),
            rsc_defaults=_sets(config.find("rsc_defaults"), "meta_attributes"),
            op_defaults=_sets(config.find("op_defaults"), "meta_attributes"),
            nodes=tuple(_node(element) for element in _children(config.find("nodes"), "node")),
            resources=resources,
            locations=tuple(locations), colocations=tuple(colocations), orders=tuple(orders),
            ticket_dependencies=tuple(_ticket_dependencies(config.find("constraints"))),
            rsc_default_sets=rsc_default_sets(config))
        if len(_PARSED) >= _PARSED_KEPT:
            del _PARSED[next(iter(_PARSED))]
        _PARSED[key] = parsed
    return parsed


def _fresh_copies(parsed: dict[str, Any]) -> dict[str, Any]:
    """The cached parts, dicts copied: each Cib gets attribute maps of its own."""
    return {name: (dict(value) if isinstance(value, dict) else value) for name, value in parsed.items()}


def _build(root, config, text: str | bytes | None) -> Cib:
    parsed = _configuration(config, root.get("execution-date"))
    status = root.find("status")
    elements = _children(status, "node_state")
    states = tuple(_node_state(e, h) for e, h in zip(elements, _histories(status, elements, text)))
    date = root.get("execution-date")
    return Cib(
        validate_with=root.get("validate-with"),
        have_quorum=_true(root.get("have-quorum", "false")),
        dc_uuid=root.get("dc-uuid"),
        execution_date=int(date) if date and date.isdigit() else None,
        **_fresh_copies(parsed),
        node_states=states, cib_attributes=dict(root.attrib),
        tickets=tuple(TicketState(e.get("id", ""), _true(e.get("granted")), _true(e.get("standby")))
                      for e in _children(status.find("tickets") if status is not None else None,
                                         "ticket_state")),
    )


TRUE_WORDS = values.TRUE_WORDS


def _true(text: Optional[str]) -> bool:
    return values.is_true(text)


def _deref(element):
    """An element written as a reference (`<operations id-ref="X"/>`): the element it names (expand_idref)."""
    if element is None or not element.get("id-ref"):
        return element
    found = element.getroottree().getroot().xpath("//*[local-name()=$tag and @id=$ref]",
                                                  tag=element.tag, ref=element.get("id-ref"))
    return found[0] if found else element


def _children(element, tag: Optional[str] = None):
    if element is None:
        return []
    return [c for c in element if isinstance(c.tag, str) and (tag is None or c.tag == tag)]


def _nvpairs(block) -> dict:
    """A set's name/value pairs; an `id-ref` pair borrows what it lacks from the pair it names,
    and a pair still without name or value is skipped (populate_hash, references.pair_name_value). Names are read as written:
    2.1.5 ignores an old spelling such as `target_role` or `migration_threshold` (checked with
    crm_simulate on a 3.x CIB), so the simulator must not read it either."""
    values: dict = {}
    for pair in _children(block, "nvpair"):
        name, value = pair_name_value(pair)
        if name is None or value is None:
            continue
        values.setdefault(name, value)
    return values


def _sets(parent, tag: str, first: Optional[str] = None) -> dict:
    """Merge the attribute sets under `parent` whose rules hold: a higher-scored set wins, and
    among equal scores the later one (make_pairs prepends each set before sorting); the set named
    `first` wins over all (unpack_config's CIB_OPTIONS_FIRST: cib-bootstrap-options)."""
    values: dict = {}
    for block in _ordered_sets(parent, tag, first):
        if not _set_applies(block):
            continue
        for key, value in _nvpairs(block).items():
            values.setdefault(key, value)
    return values


def _ordered_sets(parent, tag: str, first: Optional[str] = None) -> list:
    """make_pairs prepends each set, then sorts by score: among equal scores the last set wins;
    sort_pairs puts the set named `first` before every other."""
    blocks = sorted(reversed(_children(parent, tag)),
                    key=lambda b: (first is None or b.get("id") != first, -parse_score(b.get("score"), 0)))
    return [_deref(b) for b in blocks]


def rsc_default_sets(config) -> tuple:
    """Every rsc_defaults set with its rules, in precedence order (rules on the resource's agent
    are evaluated per resource, by the scheduler)."""
    return tuple((tuple(_rule(_deref(r)) for r in _children(block, "rule")), _nvpairs(block))
                 for block in _ordered_sets(config.find("rsc_defaults"), "meta_attributes"))


def _set_applies(block) -> bool:
    """pe_eval_rules: a set without rules always applies, else when any of its rules holds, at the
    CIB's execution-date (no node attributes: a set's rules are about dates)."""
    rules = _children(block, "rule")
    if not rules:
        return True
    from ..scheduler.rules import rule_matches   # at call time: the scheduler imports this module
    date = block.getroottree().getroot().get("execution-date")
    now = int(date) if date and date.isdigit() else None
    return any(rule_matches(_rule(_deref(rule)), {}, now) for rule in rules)


def _node(element) -> NodeConfig:
    uname = element.get("uname") or element.get("id")
    if uname is None:
        raise CibError("Invalid CIB: <node> has neither id nor uname")
    return NodeConfig(
        id=element.get("id") or uname, uname=uname,
        node_type=element.get("type") or "member",
        attributes=_sets(element, "instance_attributes"),
        utilization=_sets(element, "utilization"),
        score=parse_score(element.get("score"), 0),
    )


def _meta(element) -> dict:
    """The resource's own meta attributes. Never its instance attributes: 2.1.5's get_meta_attributes reads
    only meta_attributes (a `target-role` or `resource-stickiness` set as a parameter, e.g. by
    `crm_resource -p` without `--meta`, is handed to the agent and changes nothing)."""
    return _sets(element, "meta_attributes")


def interval_ms(text: Optional[str]) -> int:
    """`"10s"`, `"10sec"`, `"1min"`, `"5000ms"`, `"0"`, ISO 8601 `PT10S` -> milliseconds
    (crm_parse_interval_spec, in halab_kernel.values)."""
    return values.interval_ms(text)


def _operation(element) -> Operation:
    meta = _sets(element, "meta_attributes")
    attrs = dict(element.attrib)
    for key, value in meta.items():
        attrs.setdefault(key, value)
    return Operation(
        id=element.get("id", ""), name=element.get("name", ""),
        interval_ms=interval_ms(element.get("interval")),
        on_fail=attrs.get("on-fail"), role=attrs.get("role"),
        enabled=not (attrs.get("enabled") is not None and not _true(attrs.get("enabled"))),
        timeout=attrs.get("timeout"), params=_sets(element, "instance_attributes"),
    )


def _primitive(element) -> Primitive:
    rsc_id = element.get("id")
    if not rsc_id:
        raise CibError("Invalid CIB: <primitive> has no id")
    standard = element.get("class")
    if standard is None:
        raise CibError(f"Invalid CIB: <primitive id=\"{rsc_id}\"> has no class")
    ops = tuple(_operation(op) for op in _children(_deref(element.find("operations")), "op"))
    return Primitive(
        id=rsc_id, standard=standard, provider=element.get("provider"),
        agent_type=element.get("type", ""), meta=_meta(element),
        params=_sets(element, "instance_attributes"), operations=ops,
        utilization=_sets(element, "utilization"),
    )


def _resource(element):
    tag = element.tag
    if tag == "primitive":
        return _primitive(element)
    if tag == "group":
        members = tuple(_primitive(e) for e in _children(element, "primitive"))
        return Group(id=_required_id(element), members=members, meta=_meta(element),
                     params=_sets(element, "instance_attributes"))
    if tag in ("clone", "master"):
        inner = [e for e in _children(element) if e.tag in ("primitive", "group")]
        if not inner:
            raise CibError(f"Invalid CIB: <{tag} id=\"{element.get('id')}\"> has no primitive or group")
        meta = _meta(element)
        promotable = tag == "master" or _true(meta.get("promotable"))
        return Clone(id=_required_id(element), child=_resource(inner[0]), meta=meta,
                     promotable=promotable, params=_sets(element, "instance_attributes"))
    return None   # bundles, templates, unknown elements: not modelled


def _required_id(element) -> str:
    rsc_id = element.get("id")
    if not rsc_id:
        raise CibError(f"Invalid CIB: <{element.tag}> has no id")
    return rsc_id


def _rule(element) -> Rule:
    expressions, dates, resources = [], [], []
    op_expression = False
    for child in _children(element):
        if child.tag == "expression":
            expressions.append(Expression(
                attribute=child.get("attribute", ""), operation=child.get("operation", "eq"),
                value=child.get("value"), value_type=child.get("type"),
                value_source=(child.get("value-source") or "literal").lower()))
        elif child.tag == "date_expression":
            dates.append(date_expression(child))
        elif child.tag == "rsc_expression":
            resources.append(ResourceExpression(child.get("class"), child.get("provider"), child.get("type")))
        elif child.tag == "op_expression":
            op_expression = True
    score_attribute = element.get("score-attribute")
    score = parse_score(element.get("score"), 0)
    return Rule(
        id=element.get("id", ""), score=score, score_attribute=score_attribute,
        boolean_op=element.get("boolean-op", "and"), expressions=tuple(expressions),
        rules=tuple(_rule(r) for r in _children(element, "rule")),
        role=element.get("role"), dates=tuple(dates), resources=tuple(resources),
        has_op_expression=op_expression,
    )


def date_expression(element) -> DateExpression:
    """A `<date_expression>` element as the rules evaluate it."""
    duration, spec = element.find("duration"), element.find("date_spec")
    return DateExpression(
        operation=element.get("operation", "in_range"), start=element.get("start"), end=element.get("end"),
        duration=_plain_attributes(duration), spec=_plain_attributes(spec))


def _plain_attributes(element) -> Optional[dict]:
    """An element's attributes but its id (a date_spec's or duration's fields)."""
    if element is None:
        return None
    return {name: value for name, value in element.attrib.items() if name != "id"}


def _resource_refs(element) -> list[str]:
    return [ref.get("id") for ref in _children(element, "resource_ref") if ref.get("id")]


def _constraints(element):
    locations, colocations, orders = [], [], []
    for child in _children(element):
        cid = child.get("id", "")
        if child.tag == "rsc_location":
            rules = tuple(_rule(_deref(r)) for r in _children(child, "rule"))
            targets = [child.get("rsc")] if child.get("rsc") else []
            for rsc_set in _children(child, "resource_set"):
                targets += _resource_refs(rsc_set)
            for target in targets:
                locations.append(Location(
                    id=cid, resource=target, node=child.get("node"),
                    score=parse_score(child.get("score"), 0), rules=rules,
                    role=child.get("role"), discovery=child.get("resource-discovery")))
            if child.get("rsc-pattern") is not None:  # "" is a pattern too: it matches every id
                locations.append(Location(
                    id=cid, resource="", node=child.get("node"),
                    score=parse_score(child.get("score"), 0), rules=rules,
                    role=child.get("role"), resource_pattern=child.get("rsc-pattern"),
                    discovery=child.get("resource-discovery")))
        elif child.tag == "rsc_colocation":
            colocations += _colocations(child, cid)
        elif child.tag == "rsc_order":
            orders += _orders(child, cid)
    return locations, colocations, orders


def _ticket_dependencies(element) -> list[TicketDependency]:
    """`rsc_ticket` constraints, one entry per resource (a set names several)."""
    result = []
    for child in _children(element, "rsc_ticket"):
        ticket, policy = child.get("ticket", ""), child.get("loss-policy")
        if child.get("rsc"):
            result.append(TicketDependency(child.get("id", ""), child.get("rsc"), ticket,
                                           child.get("rsc-role"), policy))
        for rsc_set in _children(child, "resource_set"):
            result += [TicketDependency(rsc_set.get("id", ""), ref, ticket, rsc_set.get("role"), policy)
                       for ref in _resource_refs(rsc_set)]
    return result


def _colocations(element, cid: str) -> list[Colocation]:
    score = parse_score(element.get("score"), 0)
    attribute = element.get("node-attribute") or "#uname"
    influence = element.get("influence")
    dependent = element.get("rsc")
    primary = element.get("with-rsc")
    if dependent and primary:
        return [Colocation(
            id=cid, resource=dependent, with_resource=primary, score=score,
            resource_role=element.get("rsc-role"), with_resource_role=element.get("with-rsc-role"),
            node_attribute=attribute, influence=None if influence is None else _true(influence))]
    return set_colocations(_children(element, "resource_set"), cid, score, attribute,
                           None if influence is None else _true(influence))


def _orders(element, cid: str) -> list[Order]:
    kind = element.get("kind")
    if kind is None:
        score = element.get("score")
        kind = "Optional" if score is not None and parse_score(score, 0) == 0 else "Mandatory"
    kind = kind.capitalize()
    if kind not in ("Mandatory", "Optional", "Serialize"):
        kind = "Mandatory"
    default_symmetry = "false" if kind == "Serialize" else "true"
    symmetrical = _true(element.get("symmetrical", default_symmetry))
    first = element.get("first")
    then = element.get("then")
    if first and then:
        return [Order(cid, first, then, kind, symmetrical,
                      element.get("first-action", "start"), element.get("then-action",
                                                                       element.get("first-action", "start")),
                      _true(element.get("require-all", "true")))]
    result = []
    previous: list[tuple[str, str]] = []
    relaxed = ""        # id of the previous set when it has require-all=false
    for rsc_set in _children(element, "resource_set"):
        action = rsc_set.get("action", "start")
        refs = [(ref, action) for ref in _resource_refs(rsc_set)]
        if _true(rsc_set.get("sequential", "true")):
            for (a, a_act), (b, b_act) in zip(refs, refs[1:]):
                result.append(Order(cid, a, b, kind, symmetrical, a_act, b_act))
        for other, other_act in previous:
            for member, member_act in refs:
                result.append(Order(cid, other, member, kind, symmetrical, other_act, member_act,
                                    require_all=not relaxed, first_set=relaxed))
        previous = refs
        relaxed = "" if _true(rsc_set.get("require-all", "true")) else (rsc_set.get("id") or "set")
    return result


def _int(text: Optional[str], default: int = 0) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def _target_rc(key: Optional[str]) -> Optional[int]:
    """The expected result is the third field of `action:transition:target-rc:uuid`."""
    if not key:
        return None
    parts = key.split(":")
    if len(parts) < 4:
        return None
    try:
        return int(parts[2])
    except ValueError:
        return None


def _record(element) -> OperationRecord:
    return OperationRecord(
        id=element.get("id", ""), operation=element.get("operation", ""),
        call_id=_int(element.get("call-id"), -1), rc_code=_int(element.get("rc-code"), 0),
        op_status=_int(element.get("op-status"), 0),
        interval_ms=_int(element.get("interval"), 0),
        target_rc=_target_rc(element.get("transition-key")),
        transition_key=element.get("transition-key"),
        last_rc_change=_int(element.get("last-rc-change") or element.get("last-run"), 0) or None,
        exit_reason=element.get("exit-reason"), on_node=element.get("on_node"),
        operation_key=element.get("operation_key"),
        migrate_source=element.get("migrate_source"), migrate_target=element.get("migrate_target"),
        digest=element.get("op-digest"), restart_digest=element.get("op-restart-digest"),
        force_restart=element.get("op-force-restart"), secure_params=element.get("op-secure-params"),
        secure_digest=element.get("op-secure-digest"), feature_set=element.get("crm_feature_set"),
    )


_HISTORIES: RecentCache[ResourceHistory] = RecentCache()  # an lrm_resource's text -> its parsed history


def _histories(status, states: list, text: str | bytes | None) -> list[list[ResourceHistory]]:
    """Each node state's operation histories, one per `lrm_resource`, parsed once per distinct text:
    between two transitions of a running cluster most histories have not changed (those not read
    lately are dropped: recent.py). The texts are cut
    at each `<lrm_resource ` from one serialisation (the caller's `text` of the whole document, else
    the status section's; issue 18: one serialisation per resource was 67,000 an hour at 500
    resources) when the cut finds exactly one piece per entry, every entry having attributes (so its
    text starts with that opening); else each entry is serialised alone (a comment or an entry
    nested in another naming `<lrm_resource `). A piece is an entry's whole text without its opening,
    followed by whatever comes before the next: a text that ends where the entry ends, so equal pieces
    mean equal entries; it never starts with `<`, an entry's own text always does."""
    entries = []
    for state in states:
        lrm = state.find("lrm")
        resources = lrm.find("lrm_resources") if lrm is not None else None
        entries.append(_children(resources, "lrm_resource") if resources is not None else [])
    count = sum(len(found) for found in entries)
    pieces: list = []
    if count and all(rsc.get("id") is not None for found in entries for rsc in found):
        whole = text if text is not None else etree.tostring(status)
        pieces = (whole.split(_OPENING) if isinstance(whole, bytes) else whole.split(_OPENING_TEXT))[1:]
    if len(pieces) != count:
        pieces = [etree.tostring(rsc) for found in entries for rsc in found]
    _HISTORIES.begin(count)
    keys = iter(pieces)
    return [[_history(rsc, next(keys)) for rsc in found] for found in entries]


_OPENING, _OPENING_TEXT = b"<lrm_resource ", "<lrm_resource "


def _history(rsc, key: str | bytes) -> ResourceHistory:
    found = _HISTORIES.get(key)
    if found is None:
        found = _HISTORIES.put(key, ResourceHistory(
            id=rsc.get("id", ""), standard=rsc.get("class"), provider=rsc.get("provider"),
            agent_type=rsc.get("type"),
            operations=tuple(_record(op) for op in _children(rsc, "lrm_rsc_op")),
            shutdown_lock=_int(rsc.get("shutdown-lock"), 0) or None))
    return found


def _node_state(element, history: list[ResourceHistory]) -> NodeState:
    transient: dict = {}
    for block in _children(element, "transient_attributes"):
        for key, value in _sets(block, "instance_attributes").items():
            transient.setdefault(key, value)
    return NodeState(
        id=element.get("id", ""), uname=element.get("uname"), in_ccm=element.get("in_ccm"),
        crmd=element.get("crmd"), join=element.get("join"), expected=element.get("expected"),
        transient=transient, history=tuple(history),
    )
