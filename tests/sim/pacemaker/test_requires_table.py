"""The one reader of a resource's `requires` (scheduler/requires.py, unpack_requires in 2.1.5),
pinned as a table: configured value x stonith-enabled x resource kind -> what the resource requires.

Every row is also checked against the real scheduler's behaviour: a small three-node CIB (written
here, not taken from Pacemaker's suite) with resource R of that kind is given to the real
`crm_simulate -x FILE -S` and to ours in situations where the value decides the transition:
without quorum, under no-quorum-policy=stop or freeze (R starts only if it requires nothing), and
with R active on a lost node and a clean one (it is "multiply active" only if it needs fencing);
both must plan the same (compare.py).
"""

from __future__ import annotations

import shutil
import subprocess

import pytest
from lxml import etree

from halab_kernel.commands.crm_verify_file import file_verdict
from halab_kernel.sim.pacemaker.cib import parse_cib
from halab_kernel.sim.pacemaker.scheduler import requires
from halab_kernel.sim.pacemaker.scheduler.unpack import unpack
from tests.scheduler_variants import simulated
from tests.scheduler_verdicts import ORACLE, load_compare

KINDS = ("primitive", "fence device", "remote connection", "clone instance")
VALUES = (None, "nothing", "quorum", "fencing", "unfencing", "Nothing", "sometimes")

# (value, stonith-enabled) -> requires, per kind in KINDS order; no-quorum-policy=stop (not ignore)
TABLE = {
    (None, True): ("fencing", "quorum", "quorum", "fencing"),
    ("nothing", True): ("nothing", "nothing", "nothing", "nothing"),
    ("quorum", True): ("quorum", "quorum", "quorum", "quorum"),
    ("fencing", True): ("fencing", "fencing", "fencing", "fencing"),
    ("unfencing", True): ("unfencing", "quorum", "unfencing", "unfencing"),   # a device's is reset
    ("Nothing", True): ("nothing", "nothing", "nothing", "nothing"),          # compared ignoring case
    ("sometimes", True): ("fencing", "quorum", "quorum", "fencing"),          # invalid: the default
    (None, False): ("quorum", "quorum", "quorum", "quorum"),
    ("nothing", False): ("nothing", "nothing", "nothing", "nothing"),
    ("quorum", False): ("quorum", "quorum", "quorum", "quorum"),
    ("fencing", False): ("fencing", "fencing", "fencing", "fencing"),         # kept, with a warning
    ("unfencing", False): ("quorum", "quorum", "quorum", "quorum"),           # reset: fencing disabled
    ("Nothing", False): ("nothing", "nothing", "nothing", "nothing"),
    ("sometimes", False): ("quorum", "quorum", "quorum", "quorum"),
}

SCENARIOS = ("no quorum", "no quorum, frozen", "active on a lost node")
EMPTY_DIGEST = "f2317cad3d54cec5d7d7aa7d0bf35cf8"   # the op-digest of no parameters


def _resource(kind: str, value: str | None) -> str:
    meta = "" if value is None else (
        f'<meta_attributes id="R-meta"><nvpair id="R-meta-requires" name="requires" value="{value}"/>'
        "</meta_attributes>")
    if kind == "fence device":
        return f'<primitive id="R" class="stonith" type="fence_dummy">{meta}</primitive>'
    if kind == "remote connection":
        return f'<primitive id="R" class="ocf" provider="pacemaker" type="remote">{meta}</primitive>'
    if kind == "clone instance":   # requires set on the clone, read by its instances
        return f'<clone id="R-clone">{meta}<primitive id="R" class="ocf" provider="pacemaker" type="Dummy"/></clone>'
    return f'<primitive id="R" class="ocf" provider="pacemaker" type="Dummy">{meta}</primitive>'


def _probe(rsc: str, node: str, rc: int) -> str:
    key = "1:0:7:00000000-0000-0000-0000-000000000000"
    return (f'<lrm_rsc_op id="{rsc}_last_0" operation_key="{rsc}_monitor_0" operation="monitor" '
            f'crm-debug-origin="do_update_resource" crm_feature_set="3.0.12" transition-key="{key}" '
            f'transition-magic="0:{rc};{key}" on_node="{node}" call-id="1" rc-code="{rc}" op-status="0" '
            f'interval="0" last-rc-change="1600000000" exec-time="1" queue-time="0" op-digest="{EMPTY_DIGEST}"/>')


def cib(kind: str, value: str | None, stonith: bool, scenario: str) -> str:
    """Fence device F runs on n3; R is stopped everywhere (no quorum) or active on n1, lost, and n2."""
    agent = {"fence device": 'class="stonith" type="fence_dummy"',
             "remote connection": 'class="ocf" provider="pacemaker" type="remote"'}.get(
        kind, 'class="ocf" provider="pacemaker" type="Dummy"')
    states = []
    for i, node in enumerate(("n1", "n2", "n3"), 1):
        running = scenario == "active on a lost node" and node in ("n1", "n2")
        lost = scenario == "active on a lost node" and node == "n1"
        membership = 'in_ccm="false" crmd="offline"' if lost else 'in_ccm="true" crmd="online"'
        states.append(
            f'<node_state id="{i}" uname="{node}" {membership} join="member" expected="member">'
            f'<lrm id="{i}"><lrm_resources>'
            f'<lrm_resource id="F" class="stonith" type="fence_dummy">{_probe("F", node, 0 if node == "n3" else 7)}'
            f'</lrm_resource><lrm_resource id="R" {agent}>{_probe("R", node, 0 if running else 7)}</lrm_resource>'
            "</lrm_resources></lrm></node_state>")
    return (f'<cib crm_feature_set="3.0.12" validate-with="pacemaker-3.7" epoch="1" num_updates="0" admin_epoch="0" '
            f'have-quorum="{0 if scenario.startswith("no quorum") else 1}" dc-uuid="2"><configuration><crm_config>'
            '<cluster_property_set id="options">'
            f'<nvpair id="o-stonith" name="stonith-enabled" value="{str(stonith).lower()}"/>'
            f'<nvpair id="o-nqp" name="no-quorum-policy" value="{"freeze" if "frozen" in scenario else "stop"}"/>'
            '</cluster_property_set></crm_config>'
            '<nodes><node id="1" uname="n1"/><node id="2" uname="n2"/><node id="3" uname="n3"/></nodes>'
            f'<resources><primitive id="F" class="stonith" type="fence_dummy"/>{_resource(kind, value)}</resources>'
            f'<constraints/></configuration><status>{"".join(states)}</status></cib>')


ROWS = [(kind, value, stonith, TABLE[(value, stonith)][KINDS.index(kind)])
        for kind in KINDS for value in VALUES for stonith in (True, False)]


def _ids(row) -> str:
    kind, value, stonith, _ = row
    return f"{kind}-{value or 'unset'}-{'stonith' if stonith else 'no-stonith'}"


@pytest.mark.parametrize("kind, value, stonith, expected", ROWS, ids=[_ids(row) for row in ROWS])
def test_the_reader_follows_unpack_requires(kind, value, stonith, expected):
    ws = unpack(parse_cib(cib(kind, value, stonith, "no quorum")))
    instances = [rsc for rsc in ws.primitives() if rsc.base_id == "R"]
    found = [requires.of(ws, rsc) for rsc in instances]
    assert found and {r.value for r in found} == {expected}
    assert requires.of(ws, ws.by_id["F"]).value == "quorum"   # a fence device's default, always
    if value == "sometimes":
        assert found[0].error == f"Resetting 'requires' for {instances[0].id} to '{expected}' because 'sometimes' " \
                                 "is not valid"
    if value == "fencing" and not stonith:
        assert found[0].warning == f"{instances[0].id} requires fencing but fencing is disabled"


@pytest.mark.skipif(not ORACLE.is_dir(), reason="../shared/pacemaker-2.1.5 (compare.py) is not here")
@pytest.mark.skipif(shutil.which("crm_simulate") is None, reason="the real crm_simulate is not installed")
@pytest.mark.parametrize("scenario", SCENARIOS)
@pytest.mark.parametrize("kind, value, stonith, expected", ROWS, ids=[_ids(row) for row in ROWS])
def test_the_table_is_what_real_crm_simulate_does(tmp_path, kind, value, stonith, expected, scenario):
    path = tmp_path / "requires.xml"
    path.write_text(cib(kind, value, stonith, scenario))
    real = subprocess.run(["crm_simulate", "-x", str(path), "-S"], capture_output=True, text=True, timeout=60,
                          env={"LC_ALL": "C", "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"})
    assert real.returncode == 0 and "Transition Summary:" in real.stdout, real.stderr
    rc, out, err = simulated(path)
    if rc != 0 and "not simulated" in err:   # refused whole; a refused list of executed actions is
        pytest.skip(f"refused by name: {err.strip()}")   # printed in its place and the rest judged
    verdict = load_compare().compare_texts(real.stdout, out, anon=True)
    assert rc == 0 and verdict["match"], f"requires={value} ({expected}) on a {kind}, {scenario}: {err}{verdict}"


def _with_provides_unfencing(text: str) -> str:
    """Fence device F with provides=unfencing: every other resource's default becomes unfencing."""
    return text.replace('<primitive id="F" class="stonith" type="fence_dummy"/>',
                        '<primitive id="F" class="stonith" type="fence_dummy"><meta_attributes id="F-meta">'
                        '<nvpair id="F-meta-provides" name="provides" value="unfencing"/></meta_attributes></primitive>')


VERIFY_ROWS = [(kind, value, stonith, provides, policy) for kind in KINDS for value in (None, "fencing", "sometimes")
               for stonith in (True, False) for provides in (False, True) for policy in ("stop", "ignore")]


@pytest.mark.skipif(shutil.which("crm_verify") is None, reason="the real crm_verify is not installed")
@pytest.mark.parametrize("kind, value, stonith, provides, policy", VERIFY_ROWS)
def test_crm_verify_says_what_unpack_requires_says(tmp_path, kind, value, stonith, provides, policy):
    """crm_verify -V reads `requires` through the same reader: its warnings and errors (the default an
    invalid value is reset to, unfencing's among them) are the real crm_verify's."""
    text = cib(kind, value, stonith, "no quorum").replace(
        'name="no-quorum-policy" value="stop"', f'name="no-quorum-policy" value="{policy}"')
    text = _with_provides_unfencing(text) if provides else text
    path = tmp_path / "requires.xml"
    path.write_text(text)
    real = subprocess.run(["crm_verify", "-x", str(path), "-V"], capture_output=True, text=True, timeout=60,
                          env={"LC_ALL": "C", "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"})
    ours = file_verdict(etree.fromstring(text.encode()), 1)
    if isinstance(ours, str):
        pytest.skip(f"refused by name: {ours}")
    assert ours == (real.stderr, real.returncode)
