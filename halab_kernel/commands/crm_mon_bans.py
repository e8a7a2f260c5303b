"""crm_mon's bans and tickets (its XML `<bans>` and `<tickets>`), as Pacemaker 2.1.5 lists them.

crm_mon unpacks the constraints when it shows either section (pcmk__output_cluster_status), so:

- bans are pe__ban_list over the scheduler's placement constraints: one per `rsc_location` with a node
  and a score, one per rule of the others (generate_location_rule: the rule's id, the nodes where it
  passes, each with the rule's score or its score-attribute's value, -INFINITY without one), last
  unpacked first (pcmk__new_location prepends), the nodes of an `and` rule in reverse name order (its
  node list is pcmk__copy_node_list's, which prepends), those of an `or` rule by name; each node whose
  weight is negative is a ban;
- tickets are the status section's `ticket_state`s, then those only an `rsc_ticket` names, in the
  order GLib iterates its table (crm_ticket.hash_order).

What this does not reproduce (resource sets, tags, patterns, lifetimes, ...) is named by
`unmodelled`, for the caller to refuse.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from halab_kernel import values
from halab_kernel.commands.crm_mon import ctime
from halab_kernel.commands.crm_ticket import hash_order, scan_ll, ticket_states
from halab_kernel.sim.pacemaker.cib.scores import add_scores
from halab_kernel.sim.pacemaker.scheduler.render import by_name

_RESOURCES = ("primitive", "group", "clone", "master", "bundle")
_ROLES = {"stopped", "started", "promoted", "unpromoted", "master", "slave"}


def unmodelled(view: etree._Element) -> str | None:
    """The first constraint crm_mon's bans or tickets would read that this module does not model."""
    resources = _resource_ids(view)
    recorded = {e.get("id") for e in view.iterfind("status//lrm_resource")} - resources   # orphans
    seen: set[str] = set()
    for constraint in view.iterfind("configuration/constraints/*"):
        if constraint.find("lifetime") is not None:
            return f"a constraint with a lifetime ({constraint.get('id')})"
        if constraint.tag == "rsc_ticket" and (constraint.get("id") is None or constraint.get("ticket") is None):
            return "an rsc_ticket without an id or a ticket"
        if constraint.tag != "rsc_location":
            continue
        cid = constraint.get("id")
        if cid is None or cid in seen:
            return f"a location constraint without an id or with another's ({cid})"
        seen.add(cid)
        if constraint.get("rsc-pattern") is not None or any(rsc_set.get("id-ref") is not None or rsc_set.get("id") is None
                                                            for rsc_set in constraint.iterfind("resource_set")):
            return f"the bans of location constraint {cid} (rsc-pattern or a resource set by reference)"
        if constraint.get("rsc") is not None and constraint.find("resource_set") is not None:
            return f"the bans of location constraint {cid} (rsc and resource sets together)"
        refs = [constraint.get("rsc")] if constraint.get("rsc") is not None else \
            [ref.get("id") for ref in constraint.iterfind("resource_set/resource_ref")]
        for ref in refs:
            members = _expanded(view, ref or "")
            if ref in recorded or (members != [ref] and any(member not in resources for member in members)):
                return f"the bans of location constraint {cid} (on an orphan or a nested tag: {ref})"
        for rule in constraint.iterfind("rule"):
            problem = _rule_problem(rule)
            if problem:
                return f"the bans of location constraint {cid} ({problem})"
        score = constraint.get("score")
        if score is not None and score.strip().lower() in ("red", "yellow", "green"):
            return f"the bans of location constraint {cid} (a node-health score)"
    return None


def _expanded(view: etree._Element, ref: str) -> list[str]:
    """A tag's members, a template's primitives (pcmk__tag_to_set), or the reference itself."""
    tag = next((t for t in view.iterfind("configuration/tags/tag") if t.get("id") == ref), None)
    if tag is not None:
        return [obj.get("id", "") for obj in tag.iterfind("obj_ref")]
    if any(t.get("id") == ref for t in view.iterfind("configuration/resources/template")):
        return [p.get("id", "") for p in view.iterfind(".//configuration/resources//primitive") if p.get("template") == ref]
    return [ref]


def _targets(view: etree._Element, constraint: etree._Element, resources: set[str]) -> list[tuple[str, str | None, str | None]]:
    """(resource, role, score) of each unpack_rsc_location a location constraint makes: its `rsc`, or each
    resource of its sets (a tag's or template's, as unpack_location_tags turns `rsc` into a set with the
    constraint's role), each with its set's role and score; a set naming no resource ends the list there."""
    if constraint.get("rsc") is not None:
        rsc = constraint.get("rsc", "")
        if rsc in resources:
            return [(rsc, None, None)]
        members = _expanded(view, rsc)
        if members == [rsc]:
            return []   # no such resource: ignored
        sets = [(members, constraint.get("role"), None)]
    else:
        sets = [([m for ref in rsc_set.iterfind("resource_ref") for m in _expanded(view, ref.get("id", ""))],
                 rsc_set.get("role"), rsc_set.get("score")) for rsc_set in constraint.iterfind("resource_set")]
    found: list[tuple[str, str | None, str | None]] = []
    for members, role, score in sets:
        for member in members:
            if member not in resources:
                return found   # EXPAND_CONSTRAINT_IDREF: the rest of the constraint is not unpacked
            found.append((member, role, score))
    return found


def _resource_ids(view: etree._Element) -> set[str]:
    return {e.get("id", "") for e in view.iterfind("configuration/resources//*") if e.tag in _RESOURCES}


def _rule_problem(rule: etree._Element) -> str | None:
    if rule.get("id-ref") is not None:
        return "a rule by reference"
    if rule.get("score") is not None and rule.get("score", "").strip().lower() in ("red", "yellow", "green"):
        return "a node-health score"
    if len(rule) == 0:
        return "an empty rule"
    for child in rule.iter():
        if child.tag in ("op_expression", "rsc_expression"):
            return f"an {child.tag} in a location rule"
        if child.tag == "expression" and child.get("value-source") not in (None, "literal"):
            return "a rule reading a resource's parameter"
        if child.tag == "rule" and child is not rule and (child.get("id-ref") is not None or len(child) == 0):
            return "a nested rule by reference or empty"
    return None


def _target(view: etree._Element, rsc_id: str) -> str:
    """pcmk__find_constraint_resource: a resource, or the clone (uber_parent) of one inside a clone."""
    element = next(e for e in view.iterfind("configuration/resources//*") if e.get("id") == rsc_id and e.tag in _RESOURCES)
    clones = [a for a in element.iterancestors("clone", "master", "bundle")]
    return clones[-1].get("id", "") if clones else rsc_id


@dataclass(frozen=True)
class Constrained:
    """What crm_mon's unpacking of the constraints changes or adds to its reading of the status."""

    bans: list[dict[str, str]]
    frozen: frozenset[str]   # resource instances a lost ticket (loss-policy=freeze) leaves unmanaged and blocked
    fenced: frozenset[str]   # nodes a lost ticket (loss-policy=fence) marks unclean
    health: dict[str, str]   # each node's health as node_xml words it (pe__node_health)


def constrained(view: etree._Element, now: int) -> Constrained:
    """crm_mon 2.1.5's constraints of `view` at `now` (call `unmodelled` first): the tickets' effects
    (rsc_ticket_constraint runs as each rsc_ticket is unpacked, for a ticket revoked or on standby) and
    the bans; and the nodes' health, read from the same unpacking."""
    from halab_kernel.sim.pacemaker.cib.parse import cib_from_element
    from halab_kernel.sim.pacemaker.scheduler import guest
    from halab_kernel.sim.pacemaker.scheduler.tickets import apply_tickets
    from halab_kernel.sim.pacemaker.scheduler.unpack import unpack

    cib = cib_from_element(view)
    ws = unpack(guest.with_guest_connections(cib), now)
    unclean = {name for name, node in ws.nodes.items() if node.unclean}
    unmanaged = {rsc.id for rsc in ws.primitives() if rsc.blocked or not rsc.managed}
    apply_tickets(ws, cib)
    return Constrained(_bans(view, cib, ws, now),
                       frozenset(rsc.id for rsc in ws.primitives() if rsc.blocked and not rsc.managed
                                 and rsc.id not in unmanaged),
                       frozenset(name for name, node in ws.nodes.items() if node.unclean and name not in unclean),
                       {name: _health(ws, node.attributes) for name, node in ws.nodes.items()})


def _health(ws, attributes: dict) -> str:
    """pe__node_health, as node_xml words it: red if a #health* attribute is red or scores at most
    node-health-red, else yellow if one is yellow or scores at most node-health-yellow (when that differs
    from node-health-green), else green; always green with node-health-strategy=none."""
    if (ws.properties.get("node-health-strategy") or "none").strip().lower() == "none":
        return "green"
    red, yellow, green = (values.char2score(ws.properties.get(f"node-health-{colour}", default))
                          for colour, default in (("red", "-INFINITY"), ("yellow", "0"), ("green", "0")))
    health = "green"
    for name, value in attributes.items():
        if not name.startswith("#health"):
            continue
        word = (value or "").lower()
        if word == "red" or (word != "yellow" and values.char2score(value) <= red):
            return "red"
        if word == "yellow" or (values.char2score(value) <= yellow and yellow != green):
            health = "yellow"
    return health


def _bans(view: etree._Element, cib, ws, now: int) -> list[dict[str, str]]:
    """pe__ban_list."""
    names = sorted(ws.nodes, key=by_name)
    rules_of: dict[str, tuple] = {}
    for location in cib.locations:
        rules_of.setdefault(location.id, location.rules)
    locations: list[tuple[str, str, bool, list[tuple[str, int]]]] = []   # id, resource, promoted-only, nodes
    resources = _resource_ids(view)
    for constraint in view.iterfind("configuration/constraints/rsc_location"):
        for rsc, set_role, set_score in _targets(view, constraint, resources):
            locations += _locations(constraint, _target(view, rsc), set_role, set_score, names, ws, rules_of, now)
    found = []
    for cid, target, promoted, nodes in reversed(locations):
        for name, weight in nodes:
            if weight < 0:
                flag = "true" if promoted else "false"
                found.append({"id": cid, "resource": target, "node": name, "weight": str(weight),
                              "promoted-only": flag, "master_only": flag})
    return found


def _locations(constraint: etree._Element, target: str, set_role: str | None, set_score: str | None, names: list[str],
               ws, rules_of: dict, now: int) -> list[tuple[str, str, bool, list[tuple[str, int]]]]:
    """unpack_rsc_location: (id, resource, promoted-only, nodes and weights) of each location it makes."""
    from halab_kernel.sim.pacemaker.scheduler.rules import rule_matches

    cid = constraint.get("id", "")
    node, score = constraint.get("node"), set_score if set_score is not None else constraint.get("score")
    if node is not None and score is not None:
        match = next((name for name in names if name.lower() == node.lower()), None)
        if match is None:
            return []
        role = (set_role if set_role is not None else constraint.get("role") or "").lower()
        return [(cid, target, role in ("promoted", "master"), [(match, values.char2score(score))])]
    locations: list[tuple[str, str, bool, list[tuple[str, int]]]] = []
    for element, rule in zip(constraint.iterfind("rule"), rules_of.get(cid, ())):
        role = element.get("role")
        if role is not None and role.lower() not in _ROLES:
            continue   # "Bad role": no location
        score_text = element.get("score")
        attribute = element.get("score-attribute") if score_text is None else None

        def node_score(name: str) -> int:
            if attribute is not None:
                found = ws.nodes[name].attributes.get(attribute)
                return -values.INFINITY_SCORE if found is None else values.char2score(found)
            return values.char2score(score_text)

        passed = [name for name in names if rule_matches(rule, ws.nodes[name].attributes, now)]
        if (element.get("boolean-op") or "and").lower() == "or":
            nodes = [(name, add_scores(ws.nodes[name].health_score or 0, node_score(name)))
                     for name in passed]
        else:
            nodes = [(name, node_score(name)) for name in reversed(names) if name in passed]
        locations.append((element.get("id", ""), target, (role or "").lower() in ("promoted", "master"), nodes))
    return locations


def ticket_list(view: etree._Element) -> list[dict[str, str]]:
    """The `<ticket>` elements crm_mon 2.1.5 lists (pe__ticket_xml), in GLib's order."""
    states = ticket_states(view)
    found = []
    for ticket in hash_order(list(states)):
        state = states[ticket]
        shown = {"id": ticket, "status": "granted" if values.is_true(state.get("granted")) else "revoked",
                 "standby": "true" if values.is_true(state.get("standby")) else "false"}
        if "last-granted" in state:
            granted = scan_ll(state["last-granted"])
            if granted > -1:
                shown["last-granted"] = ctime(granted)
        found.append(shown)
    return found
