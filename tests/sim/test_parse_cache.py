"""The parsed configuration is kept per text; the clock is part of the key only when an attribute
set has a rule (a set's date rule is evaluated at parse time, a constraint's by the scheduler)."""

from __future__ import annotations

from halab_kernel.sim.pacemaker.cib.parse import parse_cib

MONDAY_10H, SUNDAY_10H = 1767603600, 1768122000  # 2026-01-05 and 2026-01-11, 10:00 UTC


def cib(date: int, body: str) -> str:
    return (f'<cib epoch="1" num_updates="0" admin_epoch="0" execution-date="{date}"><configuration><crm_config/>'
            f'<nodes><node id="1" uname="node1"/></nodes>{body}</configuration><status/></cib>')


CONSTRAINT_RULE = ('<resources><primitive id="web" class="ocf" provider="pacemaker" type="Dummy"/></resources>'
                   '<constraints><rsc_location id="office" rsc="web"><rule id="office-r" score="100">'
                   '<date_expression id="office-d" operation="date_spec"><date_spec id="office-s" weekdays="1-5"/>'
                   '</date_expression></rule></rsc_location></constraints>')

SET_RULE = ('<resources><primitive id="web" class="ocf" provider="pacemaker" type="Dummy">'
            '<meta_attributes id="web-weekend"><rule id="weekend-r" score="0">'
            '<date_expression id="weekend-d" operation="date_spec"><date_spec id="weekend-s" weekdays="6-7"/>'
            '</date_expression></rule><nvpair id="web-weekend-t" name="target-role" value="Stopped"/>'
            '</meta_attributes></primitive></resources><constraints/>')


def test_a_constraint_date_rule_keeps_one_parse_for_every_date() -> None:
    monday, sunday = parse_cib(cib(MONDAY_10H, CONSTRAINT_RULE)), parse_cib(cib(SUNDAY_10H, CONSTRAINT_RULE))
    assert monday.resources is sunday.resources and monday.locations is sunday.locations
    assert (monday.execution_date, sunday.execution_date) == (MONDAY_10H, SUNDAY_10H)


def test_a_set_date_rule_is_read_at_each_date() -> None:
    monday, sunday = parse_cib(cib(MONDAY_10H, SET_RULE)), parse_cib(cib(SUNDAY_10H, SET_RULE))
    assert "target-role" not in monday.resources[0].meta
    assert sunday.resources[0].meta["target-role"] == "Stopped"


def status(resources: str) -> str:
    return (f'<cib epoch="1" num_updates="0" admin_epoch="0"><configuration><crm_config/><nodes>'
            f'<node id="1" uname="node1"/></nodes><resources/><constraints/></configuration><status>'
            f'<node_state id="1" uname="node1"><lrm id="1"><lrm_resources>{resources}</lrm_resources></lrm>'
            f'</node_state></status></cib>')


def history(rsc: str, rc: int, call: int = 1) -> str:
    return (f'<lrm_resource id="{rsc}" class="ocf" provider="pacemaker" type="Dummy">'
            f'<lrm_rsc_op id="{rsc}_last_0" operation="start" call-id="{call}" rc-code="{rc}" interval="0"/>'
            f'</lrm_resource>')


def read(resources: str) -> list[tuple[str, tuple[tuple[str, int, int], ...]]]:
    from lxml import etree

    from halab_kernel.sim.pacemaker.cib.parse import cib_from_element

    root = etree.fromstring(status(resources))  # comments kept, as in a CIB built in memory
    return [(h.id, tuple((op.id, op.call_id, op.rc_code) for op in h.operations))
            for h in cib_from_element(root).node_states[0].history]


def test_histories_are_parsed_once_per_text_from_one_serialisation_of_the_list() -> None:
    first = parse_cib(status(history("a", 0) + history("b", 0)))
    again = parse_cib(status(history("a", 0) + history("b", 1, call=2)))
    (a1, b1), (a2, b2) = first.node_states[0].history, again.node_states[0].history
    assert a1 is a2 and b1 is not b2
    assert (b1.operations[0].rc_code, b2.operations[0].rc_code) == (0, 1)
    # the last one's piece of text runs into the list's closing tag: still the same history
    assert parse_cib(status(history("b", 1, call=2))).node_states[0].history[0] is b2


def test_lists_the_cut_cannot_read_are_read_element_by_element() -> None:
    """A comment naming an lrm_resource, one without attributes, one nested in another: each entry
    gets its own history, never its neighbour's."""
    decoy = "<!-- <lrm_resource id=\"b\"> -->"
    assert read(decoy + history("a", 0) + history("b", 7)) == [
        ("a", (("a_last_0", 1, 0),)), ("b", (("b_last_0", 1, 7),))]
    assert read("<lrm_resource/>" + history("b", 5)) == [("", ()), ("b", (("b_last_0", 1, 5),))]
    nested = history("a", 0).replace("</lrm_resource>", history("x", 3) + "</lrm_resource>")
    assert read(nested + history("b", 6)) == [("a", (("a_last_0", 1, 0),)), ("b", (("b_last_0", 1, 6),))]


def test_histories_read_from_the_callers_text_of_the_whole_document() -> None:
    """The DC hands the scheduler its pe-input text: the histories cut from it are those of the
    elements, a decoy in the configuration or not (the cut then finds a piece too many)."""
    from lxml import etree

    from halab_kernel.sim.pacemaker.cib.parse import cib_from_element

    def histories(root: etree._Element, text: str | None) -> list:
        return [(h.id, tuple((op.id, op.rc_code) for op in h.operations))
                for state in cib_from_element(root, text).node_states for h in state.history]

    plain = etree.fromstring(status(history("a", 0) + history("b", 2)))
    assert histories(plain, etree.tostring(plain, encoding="unicode")) == [
        ("a", (("a_last_0", 0),)), ("b", (("b_last_0", 2),))]
    decoy = etree.fromstring(status(history("a", 0) + history("b", 4)).replace(
        "<resources/>", "<resources><!-- <lrm_resource id=\"b\"> --></resources>"))
    assert histories(decoy, etree.tostring(decoy, encoding="unicode")) == [
        ("a", (("a_last_0", 0),)), ("b", (("b_last_0", 4),))]


def test_a_recent_cache_keeps_what_was_read_since_the_last_rotation_but_one() -> None:
    from halab_kernel.sim.pacemaker.cib.recent import MARGIN, RecentCache

    cache: RecentCache[int] = RecentCache()
    for key in range(MARGIN + 3):
        cache.put(key, key)
    cache.begin(2)            # more than 2 + MARGIN: what was there becomes the old generation
    assert cache.get(0) == 0  # read again: back into the new one
    cache.begin(2)            # one entry: no rotation
    for key in range(MARGIN + 3, 2 * MARGIN + 6):
        cache.put(key, key)
    cache.begin(2)
    cache.begin(0)
    assert cache.get(1) is None and cache.get(0) == 0 and len(cache) < MARGIN + 5
