"""The placement table: resources × nodes with role and failcount; Explain shows scores."""

from __future__ import annotations

from lxml import html

from halab_widgets.placement import PlacementTable, placement_html

from tests.widgets.states import healthy, split


def cells(markup: str) -> dict[tuple[str, str], tuple[str, str]]:
    table = html.fromstring(markup)
    return {(row.get("data-resource"), td.get("data-node")): (td.get("data-role"), td.get("data-failcount"))
            for row in table.iter("tr") if row.get("data-resource") for td in row.iter("td") if td.get("data-node")}


def test_roles_and_failcounts_land_in_the_right_cells():
    got = cells(placement_html(split()))
    assert got[("WebSite", "node2")] == ("Started", "0")
    assert got[("WebSite", "node1")] == ("", "2")
    assert got[("VIP", "node3")] == ("", "0")


def test_no_resources_says_so():
    assert "No resources configured yet" in placement_html(healthy())


def test_explain_prints_the_labs_answer_or_says_it_cannot():
    asked = []
    table = PlacementTable(explain=lambda rsc: asked.append(rsc) or f"scores of {rsc}")
    table.update(split())
    assert table.choice.options == ("WebSite", "VIP")
    table.explain("WebSite")
    assert asked == ["WebSite"]
    assert table.scores.outputs[0]["text"] == "scores of WebSite\n"
    blind = PlacementTable()
    blind.explain("WebSite")
    assert "not available" in blind.scores.outputs[0]["text"]


EXPLANATION = """Why WebSite is where it is:
  node1 (online):
           +50  location constraint prefer-node1
          = 50  final score
  node2 (online):
             = 0  final score
  node3 (standby):
     = -INFINITY  final score
Decision: placed on node1
"""


def test_explaining_a_resource_puts_its_final_scores_in_its_cells():
    table = PlacementTable(explain=lambda rsc: EXPLANATION)
    table.update(split())
    table.explain("WebSite")
    assert table.scores_seen == {"WebSite": {"node1": "50", "node2": "0", "node3": "-INFINITY"}}
    root = html.fromstring(table.table.value)
    cell = {td.get("data-node"): td for row in root.iter("tr") if row.get("data-resource") == "WebSite" for td in row.iter("td") if td.get("data-node")}
    assert cell["node1"].get("data-score") == "50" and "score 50" in cell["node1"].get("title")
    assert cell["node3"].get("data-score") == "-INFINITY"
    table.update(split())  # later redraws keep them
    assert 'data-score="-INFINITY"' in table.table.value
