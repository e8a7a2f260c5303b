"""Colocations with the Promoted/Unpromoted role of a resource that is not promotable (placement.py's
colocation rules, pcmk__colocation_affects): judged against the real crm_simulate on variants of the
small cluster of test_probe_restrictions (transition, final placement and probes equal)."""

from __future__ import annotations

import pytest

from tests.sim.test_probe_restrictions import _cib, _loc, check_against_real_crm_simulate

B = '<primitive id="B" class="ocf" provider="pacemaker" type="Dummy"/>'
D = ('<clone id="D-clone"><meta_attributes id="dm"><nvpair id="dm1" name="interleave" value="true"/>'
     '</meta_attributes><primitive id="D" class="ocf" provider="pacemaker" type="Dummy"/></clone>')
BANNED_B = "".join(_loc("B", f"node{n}", "-INFINITY", "always") for n in (1, 2, 3))


def _co(dependent: str, primary: str, score: str, role: str = "Promoted", n: int = 1) -> str:
    return (f'<rsc_colocation id="co{n}" rsc="{dependent}" with-rsc="{primary}" score="{score}" '
            f'with-rsc-role="{role}"/>')


def _with(resources: str, constraints: str, running: dict | None = None) -> str:
    return _cib(constraints, running).replace("</resources>", resources + "</resources>")


VARIANTS = {
    "mandatory with a primitive": _with(B, _co("A", "B", "INFINITY"), {"node2": ("B",)}),
    "finite with a primitive": _with(B, _co("A", "B", "100"), {"node2": ("B",)}),
    "Unpromoted role of a primitive": _with(B, _co("A", "B", "100", "Unpromoted"), {"node2": ("B",)}),
    "negative with a primitive": _with(B, _co("A", "B", "-INFINITY"), {"node2": ("B",)}),
    "mandatory with a group": _cib(_co("A", "G", "INFINITY")),
    "finite with a group": _cib(_co("A", "G", "50")),
    "a group with a primitive": _cib(_co("G", "A", "INFINITY") + _loc("A", "node1", "100", "always")),
    "a group against a primitive": _cib(_co("G", "A", "-100") + _loc("A", "node1", "100", "always")
                                        + _loc("G", "node1", "50", "always")),
    "a clone with a primitive": _cib(_co("C-clone", "A", "INFINITY")),
    "finite with a plain clone": _cib(_co("A", "U-clone", "100") + _loc("U-clone", "node1", "-INFINITY", "always")
                                      + _loc("A", "node1", "10", "always")),
    "mandatory with a plain clone": _cib(_co("A", "U-clone", "INFINITY")
                                         + _loc("U-clone", "node1", "-INFINITY", "always")),
    "interleaved clones, mandatory": _with(D, _co("D-clone", "C-clone", "INFINITY")
                                           + _loc("C-clone", "node1", "-INFINITY", "always")),
    "interleaved clones, finite": _with(D, _co("D-clone", "C-clone", "100")
                                        + _loc("C-clone", "node1", "-INFINITY", "always")),
    "a primary that cannot run": _with(B, _co("A", "B", "INFINITY") + BANNED_B + '<rsc_order id="o" first="B" then="A"/>',
                                       {"node1": ("A",)}),
    "a set with a role": _cib('<rsc_colocation id="s" score="INFINITY"><resource_set id="s1"><resource_ref id="G"/>'
                              '</resource_set><resource_set id="s2" role="Promoted"><resource_ref id="A"/>'
                              '</resource_set></rsc_colocation>' + _loc("A", "node1", "100", "always")),
}


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_role_colocations_of_plain_resources_equal_the_real_crm_simulate(tmp_path, name):
    check_against_real_crm_simulate(tmp_path, VARIANTS[name])
