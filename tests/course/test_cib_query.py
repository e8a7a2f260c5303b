"""Checks read the live CIB through `cibadmin -Q`, which (as 2.1.5 does) leaves a value unescaped from its
first non-ASCII character on: a description such as "nœud 1 <salle A>" must not turn a verdict into an
error (graders/halab_graders/cib.py)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from lxml import etree

from halab_graders import fencing
from halab_graders.cib import parse, query
from halab_kernel.model import CommandResult
from halab_kernel.sim.pacemaker.cib.dump import dump_formatted

AWKWARD = ('nœud 1 <salle A> & "B"', "café&co", 'x" y="z', "ok <plain> & ascii")


def _resources(value: str) -> etree._Element:
    resources = etree.fromstring('<resources><primitive id="d" class="ocf" provider="pacemaker" type="Dummy">'
                                 '<meta_attributes id="d-m"/></primitive></resources>')
    pair = etree.SubElement(resources.find("primitive/meta_attributes"), "nvpair", id="d-m-description",
                            name="description")
    pair.set("value", value)
    pair.set("after", "kept")
    return resources


@pytest.mark.parametrize("value", AWKWARD)
def test_a_value_left_unescaped_is_read_back_whole(value: str) -> None:
    text = dump_formatted(_resources(value))
    pair = parse(text).find(".//nvpair")
    assert pair is not None and pair.get("value") == value and pair.get("after") == "kept"


def test_the_dump_really_is_not_xml_there() -> None:  # what makes the repair needed at all
    with pytest.raises(etree.XMLSyntaxError):
        etree.fromstring(dump_formatted(_resources(AWKWARD[0])).encode())


@dataclass
class _RealNodes:
    """Just enough of a Lab on real nodes: cibadmin's output, as 2.1.5 prints it."""

    text: str
    kind: str = "ssh"
    node_names: tuple[str, ...] = ("node1",)

    def run(self, node: str, command: str) -> CommandResult:
        return CommandResult(stdout=self.text)


def test_on_real_nodes_the_output_is_repaired() -> None:
    found = query(_RealNodes(dump_formatted(_resources(AWKWARD[0]))), "resources")  # type: ignore[arg-type]
    assert found is not None and found.find(".//nvpair").get("value") == AWKWARD[0]


def test_a_check_reads_a_device_whose_description_has_an_accent_and_a_bracket() -> None:
    answer = ('pcs stonith create fence-node1 fence_xvm pcmk_host_list=node1 meta description="nœud 1 <salle A> & \\"B\\""\n'
              "pcs stonith create fence-node2 fence_xvm pcmk_host_list=node2 pcmk_delay_base=5s")
    verdict = fencing.fence_race(answer, seeds=(0,))
    assert verdict.passed, verdict.observed
