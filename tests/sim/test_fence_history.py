"""fenced's history as 2.1.5 shows it: `stonith_admin --history` and crm_mon's fencing sections, with an
operation in flight (pending) and an orphan (its requester died: pending on its peers, then failed by
merge_duplicates with no completion time).

The wording is checked against the installed Pacemaker 2.1.5 libraries themselves: a child process loads
libstonithd/libpacemaker with ctypes, hands pcmk__fence_history (stonith_admin --history) a fencer whose
history call answers the lab's history, and renders crm_mon's lists (failed-fencing-list,
pending-fencing-list, fencing-list, after pcmk__get_fencing_history's sort and reduction) with the
same text output crm_mon uses. Skipped without the libraries.
"""

from __future__ import annotations

import ctypes.util
import json
import math
import re
import subprocess
import sys

import pytest

from halab_kernel import Lab
from halab_kernel.commands.crm_mon_fencing import fencing_sections
from halab_kernel.model import NodeFenced

LIBS = ("libstonithd.so.26", "libpacemaker.so.1", "libcrmcommon.so.34")
REAL_LIBRARIES = pytest.mark.skipif(ctypes.util.find_library("stonithd") is None,
                                    reason="Pacemaker 2.1.5's libstonithd is not installed")

ORACLE = r'''
import ctypes as C, json, sys
spec = json.load(sys.stdin)
libc = C.CDLL("libc.so.6")
libc.malloc.restype = C.c_void_p
libc.strdup.restype = C.c_void_p
libc.strdup.argtypes = [C.c_char_p]
common = C.CDLL("libcrmcommon.so.34", mode=C.RTLD_GLOBAL)
st = C.CDLL("libstonithd.so.26", mode=C.RTLD_GLOBAL)
pm = C.CDLL("libpacemaker.so.1", mode=C.RTLD_GLOBAL)
glib = C.CDLL("libglib-2.0.so.0")

class History(C.Structure):  # stonith_history_t (crm/stonith-ng.h, 2.1.5)
    _fields_ = [("target", C.c_void_p), ("action", C.c_void_p), ("origin", C.c_void_p), ("delegate", C.c_void_p),
                ("client", C.c_void_p), ("state", C.c_int), ("completed", C.c_long), ("next", C.c_void_p),
                ("completed_nsec", C.c_long), ("exit_reason", C.c_void_p)]

def text(value):
    return libc.strdup(value.encode()) if value is not None else None

def history():
    head = None
    for entry in reversed(spec["history"]):
        address = libc.malloc(C.sizeof(History))
        C.memset(address, 0, C.sizeof(History))
        h = History.from_address(address)
        h.target, h.action, h.origin = text(entry["target"]), text(entry["action"]), text(entry["origin"])
        h.delegate, h.client = text(entry["delegate"]), text(entry["client"])
        h.state, h.completed, h.completed_nsec = entry["state"], entry["completed"], entry["nsec"]
        h.next = head
        head = address
    return head

class Stonith(C.Structure):  # stonith_t: state, call_id, call_timeout, st_private, cmds
    _fields_ = [("state", C.c_int), ("call_id", C.c_int), ("call_timeout", C.c_int), ("private", C.c_void_p),
                ("cmds", C.c_void_p)]

CALL = C.CFUNCTYPE(C.c_int, C.c_void_p, C.c_int, C.c_char_p, C.POINTER(C.c_void_p), C.c_int)

def answer(stonith, options, node, found, timeout):
    found[0] = history()
    return 0

callback = CALL(answer)
operations = (C.c_void_p * 64)(*([C.cast(callback, C.c_void_p)] * 64))  # every entry answers the history call
fencer = Stonith(0, 0, 0, None, C.addressof(operations))

entries = C.addressof(C.c_char.in_dll(common, "pcmk__text_output_entries"))
fancy = C.cast(entries, C.POINTER(C.c_void_p))[3]  # GOptionEntry "text-fancy": its arg_data
C.c_int.from_address(fancy).value = spec["fancy"]
common.pcmk__register_format.argtypes = [C.c_void_p, C.c_char_p, C.c_void_p, C.c_void_p]
common.pcmk__register_format(None, b"text", C.cast(common.pcmk__mk_text_output, C.c_void_p), entries)
out = C.c_void_p()
assert common.pcmk__output_new(C.byref(out), b"text", None, (C.c_char_p * 2)(b"stonith_admin", None)) == 0
st.stonith__register_messages(out)
if spec["mode"] == "admin":
    pm.pcmk__fence_history.argtypes = [C.c_void_p, C.c_void_p, C.c_char_p, C.c_uint, C.c_int, C.c_bool, C.c_bool]
    pm.pcmk__fence_history(out, C.byref(fencer), b"*", 120000, spec["verbose"], False, False)
else:
    found = C.c_void_p()
    pm.pcmk__get_fencing_history.argtypes = [C.c_void_p, C.POINTER(C.c_void_p), C.c_int]
    assert pm.pcmk__get_fencing_history(C.byref(fencer), C.byref(found), spec["reduce"]) == 0
    glib.g_list_append.restype = C.c_void_p
    glib.g_list_append.argtypes = [C.c_void_p, C.c_void_p]
    every = glib.g_list_append(None, libc.strdup(b"*"))
    states = []
    walk = found.value
    while walk:
        states.append((walk, History.from_address(walk).state))
        walk = History.from_address(walk).next
    for name, wanted in spec["lists"]:  # crm_mon's cluster_status_text: from its first entry of the kind
        first = next((address for address, state in states if (wanted == "failed") == (state == 4)
                      and (wanted != "pending" or state not in (2, 4))), None)
        if wanted == "failed" and first is not None:  # the failed list is handed the whole history
            first = found.value
        if first is not None:
            common.pcmk__call_message(out, name.encode(), C.c_void_p(first), C.c_void_p(every),
                                      C.c_uint32(spec["section_opts"]), C.c_uint32(spec["show_opts"]), C.c_int(1))
libc.fflush(None)
'''


def _real(spec: dict) -> str:
    done = subprocess.run([sys.executable, "-c", ORACLE], input=json.dumps(spec), capture_output=True, text=True,
                          timeout=60, check=True)
    return done.stdout


def _c_entries(history: list[dict]) -> list[dict]:
    """The lab's history entries as fenced hands them to its clients (completed seconds and nanoseconds)."""
    return [{"target": e["target"], "action": e["action"], "origin": e["origin"], "delegate": e["delegate"],
             "client": e["client"], "state": e["state"], "completed": e["when"] or 0,
             "nsec": int(round((e["at"] - math.floor(e["at"])) * 1e9)) if e["at"] and e["at"] > 0 else 0}
            for e in history]


def _history(lab: Lab, node: str) -> list[dict]:
    from halab_kernel.commands.crm_mon_fencing import fence_history

    sim = lab.backend.sim  # type: ignore[attr-defined]
    return fence_history(sim.events, sim.pacemaker.fenced.history(node), node)


def _orphan_lab(fence: str = "pcs stonith fence node2") -> tuple[Lab, float]:
    """Five nodes, one fence_xvm device (3 s a shot) running on node3; node1 asks to fence node2 by hand
    (`fence`) and is to crash while node3 runs the agent: node2 is shot, and nobody reports it."""
    lab = Lab.simulated(nodes=5, seed=1)
    assert lab.wait_until(lambda s: s.dc == "node1" and all(n.status == "online" for n in s.nodes), 60)
    for command in ("pcs property set stonith-enabled=true",
                    'pcs stonith create fx fence_xvm pcmk_host_list="node1 node2 node3 node4 node5"',
                    "pcs constraint location fx prefers node3"):
        assert lab.run("node1", command).ok, command
    lab.advance(30)
    start = lab.now
    assert lab.run("node1", fence).ok
    lab.advance(1.5)
    return lab, start


def test_an_operation_in_flight_is_pending_on_the_requester_and_its_peers():
    lab, _ = _orphan_lab()
    pending = "reboot of node2 pending: client=stonith_admin.2204, origin=node1\n1 event found\n"
    for node in ("node1", "node3", "node4"):
        assert lab.run(node, "stonith_admin --history '*' --verbose").stdout == pending, node
        assert lab.run(node, "stonith_admin --history '*'").stdout == "0 events found\n", node  # no success yet
    text = lab.run("node4", "crm_mon -1").stdout
    assert text.endswith("\nPending Fencing Actions:\n  * reboot of node2 for stonith_admin.2204@node1 last pending\n")
    assert "Pending Fencing Actions:\n  * reboot of node2 pending: client=stonith_admin.2204, origin=node1\n" \
        in lab.run("node4", "crm_mon -1 -R").stdout
    assert "Fencing History:\n  * reboot of node2 for stonith_admin.2204@node1 pending\n" \
        in lab.run("node4", "crm_mon -1 --fence-history=3").stdout
    xml = lab.run("node4", "crm_mon --output-as=xml").stdout
    assert ('<fence_event action="reboot" target="node2" client="stonith_admin.2204" origin="node1" '
            'status="pending" extended-status="0"/>') in xml  # st_query: the peer's copy from the query
    assert 'status="pending" extended-status="1"/>' in lab.run("node1", "crm_mon --output-as=xml").stdout
    lab.advance(10)  # node1 is alive: it reports the result, and the entry is no longer pending
    assert lab.run("node4", "stonith_admin --history '*' --verbose").stdout.startswith(
        "reboot of node2 successful: delegate=node3, client=stonith_admin.2204, origin=node1, completed='")


def test_an_orphan_stays_pending_on_the_peers_then_fails_without_a_time():
    lab, start = _orphan_lab()
    lab.crash("node1")
    lab.advance(3)  # node3's agent has returned; nobody reported the shot
    assert lab.run("node4", "stonith_admin -H node2 -V").stdout == \
        "reboot of node2 pending: client=stonith_admin.2204, origin=node1\n1 event found\n"
    lab.advance(60)  # the survivors fence node1 and node2 again; merge_duplicates fails the orphan
    assert sorted(e.target for e in lab.events if isinstance(e, NodeFenced) and e.time >= start) == ["node1", "node2"]
    lines = lab.run("node4", "stonith_admin --history node2 --verbose").stdout.splitlines()
    assert lines[0].startswith("reboot of node2 successful: delegate=node3, client=pacemaker-controld.59, origin=node3")
    assert lines[1:] == ["reboot of node2 failed: client=stonith_admin.2204, origin=node1, "
                         "completed='1970-01-01 00:00:00Z' (a later attempt from node3 succeeded)", "2 events found"]
    assert "\nFailed Fencing Actions:\n  * reboot of node2 for stonith_admin.2204@node1 last failed at " \
           "1970-01-01 00:00:00Z (a later attempt from node3 succeeded)\n" in lab.run("node5", "crm_mon -1").stdout
    xml = lab.run("node5", "crm_mon --output-as=xml").stdout
    assert ('<fence_event action="reboot" target="node2" client="stonith_admin.2204" origin="node1" status="failed" '
            'completed="1970-01-01 00:00:00Z"/>\n  </fence_history>') in xml  # the oldest: last


def _scenes() -> list[tuple[str, list[dict]]]:
    """Histories from the lab: an operation in flight, an orphan pending, the orphan failed beside later
    successes, two fencings of one node (the oldest success shown), and a human's confirmation."""
    scenes = []
    lab, _ = _orphan_lab()
    scenes.append(("in flight", _history(lab, "node4")))
    lab.crash("node1")
    lab.advance(3)
    scenes.append(("orphan pending", _history(lab, "node4")))
    lab.advance(60)
    scenes.append(("orphan failed", _history(lab, "node4")))
    assert lab.run("node4", "stonith_admin --fence node5").ok
    lab.advance(1)
    scenes.append(("off in flight", _history(lab, "node4")))
    lab.advance(60)
    scenes.append(("off done", _history(lab, "node4")))
    lab, _ = _orphan_lab("pcs stonith fence node2 --off")
    lab.crash("node1")
    lab.advance(40)
    scenes.append(("off orphan pending beside a reboot", _history(lab, "node4")))
    lab.advance(40)
    scenes.append(("off orphan failed by the history sync", _history(lab, "node4")))
    return scenes


@REAL_LIBRARIES
def test_stonith_admin_history_as_the_real_library_renders_it():
    for name, history in _scenes():
        for verbose in (False, True):
            from halab_kernel.commands.crm_mon_fencing import admin_history

            real = _real({"mode": "admin", "fancy": 0, "verbose": int(verbose), "history": _c_entries(history)})
            assert admin_history(history, verbose) == real, (name, verbose)


@REAL_LIBRARIES
@pytest.mark.parametrize("level", [1, 3])
@pytest.mark.parametrize("detail", [False, True])
def test_crm_mon_fencing_sections_as_the_real_library_renders_them(level, detail):
    lists = [["failed-fencing-list", "failed"], ["pending-fencing-list", "pending"]] if level == 1 else \
        [["failed-fencing-list", "failed"], ["fencing-list", "done"]]
    for name, history in _scenes():
        real = _real({"mode": "lists", "fancy": 1, "history": _c_entries(history), "lists": lists,
                      "reduce": 2 if level == 3 else 1,  # pcmk__fence_history_full / _reduced
                      "section_opts": 0xFFFFFFFF if level == 3 else 0, "show_opts": (1 << 9) if detail else 0})
        ours = "\n".join(fencing_sections(history, level, detail))
        assert ours.strip("\n") == real.strip("\n"), name


def test_fence_history_levels_2_and_3_are_the_same_view():
    """The installed crm_mon's fence_history_cb (2.1.5, disassembled): levels 2 and 3 both include every
    fencing section with the full history; -m alone is level 2."""
    lab, _ = _orphan_lab()
    lab.crash("node1")
    lab.advance(63)
    three = lab.run("node4", "crm_mon -1 --fence-history=3").stdout
    assert "\nFailed Fencing Actions:\n  * reboot of node2 for stonith_admin.2204@node1 failed at 1970-01-01" in three
    assert "\nFencing History:\n  * reboot of node2 by node3 for pacemaker-controld.59@node3 successful at " in three
    for spelling in ("--fence-history=2", "--fence-history", "-m"):
        shown = lab.run("node4", f"crm_mon -1 {spelling}").stdout
        assert shown.split("Last updated")[1].split("\n", 1)[1] == three.split("Last updated")[1].split("\n", 1)[1]


def test_a_fence_sbd_fencing_is_pending_during_msgwait_and_its_manual_delay_applies():
    from tests.sim.test_sbd_disk import disk_lab

    lab = disk_lab()
    assert lab.run("node1", "pcs stonith update sbd-fence pcmk_delay_base=2s").ok
    lab.advance(5)
    start = lab.now
    assert lab.run("node1", "pcs stonith fence node2").ok
    lab.advance(5)  # the 2 s delay, then the pill; msgwait (10 s) is not over
    assert lab.run("node3", "stonith_admin --history '*' --verbose").stdout == \
        "reboot of node2 pending: client=stonith_admin.2204, origin=node1\n1 event found\n"
    lab.advance(10)
    shot = [e for e in lab.events if isinstance(e, NodeFenced) and e.time >= start]
    assert [(e.target, e.time - start) for e in shot] == [("node2", 12.0)]  # 2 s, then msgwait
    assert lab.run("node3", "stonith_admin --history '*' --verbose").stdout.startswith(
        "reboot of node2 successful: ")
    assert "Pending Fencing Actions" not in lab.run("node3", "crm_mon -1").stdout


def test_a_crashed_node_is_pending_while_the_dc_waits_for_its_pill():
    from tests.sim.test_sbd_disk import disk_lab

    lab = disk_lab()
    start = lab.now
    lab.crash("node3")
    assert lab.wait_until(lambda s: any(e.target == "node3" for e in lab.events[-50:]
                                        if isinstance(e, NodeFenced)) or "Pending Fencing" in
                          lab.run("node1", "crm_mon -1").stdout, 60)
    assert "\nPending Fencing Actions:\n  * reboot of node3 for pacemaker-controld.59@node1 last pending\n" \
        in lab.run("node2", "crm_mon -1").stdout
    lab.advance(30)
    assert [e.target for e in lab.events if isinstance(e, NodeFenced) and e.time >= start] == ["node3"]
    assert "Pending Fencing" not in lab.run("node2", "crm_mon -1").stdout


def test_the_shot_target_learns_the_failed_orphan_from_its_peers_when_it_rejoins():
    lab, _ = _orphan_lab()
    lab.crash("node1")
    lab.advance(90)  # node2, shot twice, has rebooted and joined the survivors
    assert lab.state().node("node2").status == "online"
    assert "reboot of node2 failed: client=stonith_admin.2204, origin=node1, completed='1970-01-01 00:00:00Z'" \
        in lab.run("node2", "stonith_admin --history node2 --verbose").stdout


def test_an_orphan_no_request_duplicates_is_failed_by_its_requester_at_the_history_sync_after_it_rejoins():
    """fenced_history.c (2.1.5): nothing fails an orphan when its requester leaves (st_peer_update_callback only
    pokes); the survivors' reboot of node2 is no duplicate of node1's 'off', so it stays pending on them. When
    node1 is back, a controller's appearance has the history synchronised 5 s later (each appearance restarting
    the timer): node1's new fenced finds the operation it originated in its peers' history, fails it, dated
    then, without a delegate, and broadcasts the result, which every fenced and controller logs."""
    from halab_kernel.model import LogLine, MembershipChanged

    lab, start = _orphan_lab("pcs stonith fence node2 --off")
    lab.crash("node1")
    orphan = "turning off of node2 pending: client=stonith_admin.2204, origin=node1"
    assert lab.wait_until(lambda s: s.node("node1").status != "online", 60)
    assert lab.wait_until(lambda s: s.node("node1").status == "online", 120)  # fenced by the survivors, rebooted
    assert lab.run("node4", "stonith_admin --history node2 --verbose").stdout.splitlines()[0] == orphan
    assert "\nPending Fencing Actions:\n  * turning off of node2 for stonith_admin.2204@node1 last pending\n" \
        in lab.run("node4", "crm_mon -1").stdout
    lab.advance(30)
    sync = [e for e in lab.events if isinstance(e, LogLine) and "known only from peer history" in e.text]
    assert [(e.node, e.level) for e in sync] == [("node1", "warning")]
    at = sync[0].time
    joins = [e.time for e in lab.events if isinstance(e, MembershipChanged) and e.joined and start < e.time <= at]
    assert at == joins[-1] + 5.0  # the last controller to appear (node2, back after its reboot) restarted the timer
    op = sync[0].text.split()[3]
    expired = ("Requested item has expired (Cannot execute now: Initiated by earlier fencer process and presumed "
               f"failed) | id={op}")
    for node in ("node1", "node4"):
        lines = [line for line in lab.run(node, "journalctl --no-pager").stdout.splitlines()
                 if "peer history" in line or "by unknown node" in line or "was not terminated" in line]
        fenced = "error" if node == "node1" else "notice"
        # the controller's line ends with the whole operation id, a uuid: its first 8 characters are the id
        assert [re.sub(r"(event=[0-9a-f]{8}-)[-0-9a-f]{27}$", r"\1", line.split(": ", 1)[1]) for line in lines] == (
            [f" warning: Failing pending operation {op} originated by us but known only from peer history"]
            if node == "node1" else []) + [
            f" {fenced}: Operation 'off' targeting node2 by unknown node for stonith_admin.2204@node1: {expired}",
            " notice: Peer node2 was not terminated (off) by the cluster on behalf of stonith_admin.2204@node1: "
            f"Cannot execute now (Initiated by earlier fencer process and presumed failed) | event={op}-"], node
    stamp = sync[0].time
    from halab_kernel import values
    import datetime

    when = datetime.datetime.fromtimestamp(values.unix_time(stamp), datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%SZ")
    for node in ("node1", "node2", "node5"):
        lines = lab.run(node, "stonith_admin --history node2 --verbose").stdout.splitlines()
        assert f"turning off of node2 failed: client=stonith_admin.2204, origin=node1, completed='{when}'" in lines, node
    assert f"\nFailed Fencing Actions:\n  * turning off of node2 for stonith_admin.2204@node1 last failed at {when}\n" \
        in lab.run("node5", "crm_mon -1").stdout
