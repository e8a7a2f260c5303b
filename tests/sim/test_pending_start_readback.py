"""A start still pending under an old controller's entry id (`RSC_start_0`) outlives the stop
crm_simulate records as `RSC_last_0` (scheduler/injected.py): the resource is still shown started
there, as in 764. Judged against the real crm_simulate on variants of the small cluster of
test_probe_restrictions; a modern pending entry (`RSC_last_0`) is replaced and the resource stops."""

from __future__ import annotations

import pytest

from tests.sim.test_probe_restrictions import _cib, _loc, check_against_real_crm_simulate

PENDING = ('<lrm_resource id="{rsc}" class="ocf" provider="pacemaker" type="Dummy"><lrm_rsc_op id="{rsc}_{entry}_0" '
           'operation_key="{rsc}_start_0" operation="start" crm-debug-origin="x" crm_feature_set="3.0.1" '
           'transition-key="3:{transition}:0:{uuid}" '
           'transition-magic="-1:-1;3:{transition}:0:{uuid}" call-id="-1" rc-code="-1" '
           'op-status="-1" interval="0" op-digest="f2317cad3d54cec5d7d7aa7d0bf35cf8"/></lrm_resource>')
DISABLED = ('<primitive id="A" class="ocf" provider="pacemaker" type="Dummy"/>',
            '<primitive id="A" class="ocf" provider="pacemaker" type="Dummy"><meta_attributes id="am">'
            '<nvpair id="am1" name="target-role" value="Stopped"/></meta_attributes></primitive>')


OTHER, SIMULATED = "6a9a2e9b-0f2c-4b8a-9a51-1a1a1a1a1a1a", "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"


def _pending(constraints: str = "", entries: tuple = (("A", "start"),), running: dict | None = None,
             disabled: bool = False, uuid: str = OTHER, transition: int = 7) -> str:
    text = _cib(constraints, running)
    history = "".join(PENDING.format(rsc=rsc, entry=entry, uuid=uuid, transition=transition)
                      for rsc, entry in entries)
    text = text.replace('<lrm id="3"><lrm_resources>', '<lrm id="3"><lrm_resources>' + history)
    return text.replace(*DISABLED) if disabled else text


VARIANTS = {
    "stopped": _pending(disabled=True),
    "moved": _pending(_loc("A", "node1", "100", "always")),
    "left in place": _pending(),
    "a modern entry is replaced": _pending(entries=(("A", "last"),), disabled=True),
    "a group member": _pending(_loc("G", "node3", "-INFINITY", "always"), (("g1", "start"),)),
    "also running elsewhere": _pending(entries=(("A", "start"),), running={"node2": ("A",)}),
    "recorded by crm_simulate in an earlier transition": _pending(disabled=True, uuid=SIMULATED),
    "recorded by crm_simulate in transition -1": _pending(disabled=True, uuid=SIMULATED, transition=-1),
}


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_a_pending_start_read_back_equals_the_real_crm_simulate(tmp_path, name):
    check_against_real_crm_simulate(tmp_path, VARIANTS[name])
