"""A fence device whose parameters sit behind references (`<nvpair id-ref="X"/>`) is read as 2.1.5's fenced
reads it (populate_hash with expand_idref, as the scheduler and the agents read their pairs): the same
fencing as with the values written inline. Before, fenced read the raw pairs, so a pcmk_host_list behind a
reference was no list (the first device fenced every node) and a pcmk_delay_base behind one no delay.
"""

from __future__ import annotations

import pytest
from lxml import etree

from halab_kernel import Lab
from halab_kernel.model import LogLine, NodeFenced
from halab_kernel.sim.pacemaker.fence_device_options import changed_options
from halab_kernel.sim.pacemaker.topology import permanent_attributes

HOLDER = ('<primitive id="holder" class="ocf" provider="pacemaker" type="Dummy"><instance_attributes id="h-ia">'
          '<nvpair id="shared-list" name="pcmk_host_list" value="node1"/>'
          '<nvpair id="shared-delay" name="pcmk_delay_base" value="7s"/></instance_attributes>'
          '<meta_attributes id="h-meta"><nvpair id="h-role" name="target-role" value="Stopped"/></meta_attributes>'
          '</primitive>')
# fa may fence node1 only, fb node2 and node3 after 7 s: written inline, or behind references to the holder's pairs
PAIRS = {"inline": ('<nvpair id="fa-list" name="pcmk_host_list" value="node1"/>',
                    '<nvpair id="fb-delay" name="pcmk_delay_base" value="7s"/>'),
         "reference": ('<nvpair id-ref="shared-list"/>', '<nvpair id-ref="shared-delay"/>')}

def _fencing(pairs: tuple[str, str]) -> tuple[list[str], float, list[tuple]]:
    """node1 fences node3 by hand: fenced's log lines, how long it took, the fencings reported."""
    lab = Lab.simulated(nodes=3, seed=4)
    lab.advance(30)
    first = f'<primitive id="fa" class="stonith" type="fence_xvm"><instance_attributes id="fa-ia">{pairs[0]}' \
            '</instance_attributes></primitive>'
    second = ('<primitive id="fb" class="stonith" type="fence_xvm"><instance_attributes id="fb-ia">'
              f'<nvpair id="fb-list" name="pcmk_host_list" value="node2 node3"/>{pairs[1]}'
              '</instance_attributes></primitive>')
    assert lab.run("node1", "pcs property set stonith-enabled=true").ok
    for xml in (HOLDER, first, second):
        assert lab.run("node1", f"cibadmin -C -o resources -X '{xml}'").ok, xml
    lab.advance(30)
    start = lab.now
    assert lab.run("node1", "pcs stonith fence node3").ok
    lab.advance(60)
    fenced = [e.time for e in lab.events if isinstance(e, NodeFenced) and e.time >= start]
    lines = [f"{e.node} {e.function} {e.text}" for e in lab.events if isinstance(e, LogLine) and e.time >= start
             and e.daemon == "pacemaker-fenced"]
    return lines, fenced[0] - start, [(e.target, e.delegate, e.ok) for e in lab.events
                                      if isinstance(e, NodeFenced) and e.time >= start]


@pytest.fixture(scope="module")
def inline() -> tuple[list[str], float, list[tuple]]:
    return _fencing(PAIRS["inline"])


def test_a_fence_device_with_its_parameters_behind_references_fences_as_with_them_inline(inline) -> None:
    lines, seconds, fencings = inline
    assert any("using fb returned 0" in line for line in lines) and not any(" fa " in line for line in lines)
    assert seconds >= 7  # pcmk_delay_base
    assert _fencing(PAIRS["reference"]) == inline


def _cib(pairs: str, node_pairs: str = "") -> etree._Element:
    return etree.fromstring(
        '<cib><configuration><nodes><node id="1" uname="node1"><instance_attributes id="n1-ia">'
        f'{node_pairs}</instance_attributes></node></nodes><resources>{HOLDER}'
        '<primitive id="fa" class="stonith" type="fence_xvm"><instance_attributes id="fa-ia">'
        f'{pairs}</instance_attributes></primitive></resources></configuration></cib>')


def test_an_unsimulated_device_option_behind_a_reference_is_refused_as_inline() -> None:
    """pcmk_action_limit=2 (not modelled: a live lab refuses it) is seen behind a reference too."""
    holder = '<nvpair id="shared-limit" name="pcmk_action_limit" value="2"/>'
    inline = _cib('<nvpair id="fa-limit" name="pcmk_action_limit" value="2"/>')
    referenced = _cib('<nvpair id-ref="shared-limit"/>')
    for root in (inline, referenced):
        root.find("configuration/resources/primitive/instance_attributes").append(etree.fromstring(holder))
    assert changed_options(inline) == changed_options(referenced) == ["fa: pcmk_action_limit=2"]


def test_a_node_attribute_behind_a_reference_matches_a_topology_level() -> None:
    """permanent_attributes, what target-attribute levels match on, reads the node's pairs through references."""
    root = _cib("", '<nvpair id-ref="shared-list"/>')
    assert permanent_attributes(root, "node1") == {"pcmk_host_list": "node1"}
