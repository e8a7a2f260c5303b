"""corosync-quorumtool against a running corosync 3.1.7, measured on this rig's kind of machine.

Real corosync (Debian bookworm's 3.1.7, knet) was run on loopback as one node of a 2- to 4-node
nodelist (the others down), with each quorum option set, and `corosync-quorumtool -s` read after it
settled; then `-e N` sequences, read after each. Recorded here: rc and the Votequorum fields, printed
as the real tool prints them (`Quorum:           2 Activity blocked`, `Quorum:           1  `, the
Flags line with its trailing space). The simulator, started with the same corosync.conf on the same
one node, must print the same. Findings: auto_tie_breaker is off (no flag) on an odd cluster without
wait_for_all and with an auto_tie_breaker_node that atoi() reads as 0 (`x 1 2`); two_node is off when
auto_tie_breaker is on (quorum 2 with WaitForAll kept); last_man_standing is off as soon as a member
holds more than one vote; `-e N` is refused below the votes present and, while quorate, when its
quorum would be above them; with expected_votes_tracking (and allow_downscale, which turns it on)
`-e` cannot lower expected votes below the highest held since corosync started; `-v N [-n ID]` is
refused (exit 1) when the quorum counted with the new votes falls outside half to all of the votes
present, or for a node id never seen, and last_man_standing stays on after -v until the next
membership change.
"""

from __future__ import annotations

import pytest

from halab_kernel import Lab

# (case, quorum options, nodes in the nodelist, node1's quorum_votes, rc of -s,
#  (Quorate, Expected votes, Highest expected, Total votes, Quorum, Flags) as printed)
STATES = [
    ('plain', {}, 3, 1, 2, ('No', '3', '3', '1', '2 Activity blocked', '')),
    ('wfa', {'wait_for_all': 1}, 3, 1, 2, ('No', '3', '3', '1', '2 Activity blocked', 'WaitForAll ')),
    ('lms', {'last_man_standing': 1}, 3, 1, 2, ('No', '3', '3', '1', '2 Activity blocked', 'LastManStanding ')),
    ('atb odd', {'auto_tie_breaker': 1}, 3, 1, 2, ('No', '3', '3', '1', '2 Activity blocked', '')),
    ('atb odd wfa', {'auto_tie_breaker': 1, 'wait_for_all': 1}, 3, 1, 2, ('No', '3', '3', '1', '2 Activity blocked', 'WaitForAll AutoTieBreaker ')),
    ('atb even', {'auto_tie_breaker': 1}, 4, 1, 2, ('No', '4', '4', '1', '3 Activity blocked', 'AutoTieBreaker ')),
    ('atb list x', {'auto_tie_breaker': 1, 'auto_tie_breaker_node': 'x 1 2'}, 4, 1, 2, ('No', '4', '4', '1', '3 Activity blocked', '')),
    ('atb highest', {'auto_tie_breaker': 1, 'auto_tie_breaker_node': 'highest'}, 4, 1, 2, ('No', '4', '4', '1', '3 Activity blocked', 'AutoTieBreaker ')),
    ('ad', {'allow_downscale': 1}, 3, 1, 2, ('No', '3', '3', '1', '2 Activity blocked', 'AllowDownscale ')),
    ('two_node', {'two_node': 1}, 2, 1, 2, ('No', '2', '2', '1', '1 Activity blocked', '2Node WaitForAll ')),
    ('two_node wfa0', {'two_node': 1, 'wait_for_all': 0}, 2, 1, 0, ('Yes', '2', '2', '1', '1  ', '2Node Quorate ')),
    ('two_node atb', {'two_node': 1, 'auto_tie_breaker': 1}, 2, 1, 2, ('No', '2', '2', '1', '2 Activity blocked', 'WaitForAll AutoTieBreaker ')),
    ('two_node 3', {'two_node': 1}, 3, 1, 2, ('No', '3', '3', '1', '1 Activity blocked', '2Node WaitForAll ')),
    ('ev 1', {'expected_votes': 1}, 3, 1, 0, ('Yes', '1', '1', '1', '1  ', 'Quorate ')),
    ('ev 2', {'expected_votes': 2}, 3, 1, 2, ('No', '2', '2', '1', '2 Activity blocked', '')),
    ('votes3', {}, 3, 3, 0, ('Yes', '5', '5', '3', '3  ', 'Quorate ')),
    ('lms votes3', {'last_man_standing': 1}, 3, 3, 0, ('Yes', '5', '5', '3', '3  ', 'Quorate ')),
    ('all', {'wait_for_all': 1, 'last_man_standing': 1, 'auto_tie_breaker': 1, 'allow_downscale': 1}, 4, 1, 2, ('No', '4', '4', '1', '3 Activity blocked', 'WaitForAll LastManStanding AutoTieBreaker AllowDownscale ')),
    ('evt', {'expected_votes_tracking': 1}, 3, 1, 2, ('No', '3', '3', '1', '2 Activity blocked', '')),
]

# (case, quorum options, nodes, node1's votes, [(command, accepted, fields after it)])
SEQUENCES = [
    ('votes3 -e', {}, 3, 3, [('-e 3', True, ('Yes', '3', '3', '3', '2  ', 'Quorate ')), ('-e 4', True, ('Yes', '4', '4', '3', '3  ', 'Quorate ')), ('-e 2', False, ('Yes', '4', '4', '3', '3  ', 'Quorate ')), ('-e 6', False, ('Yes', '4', '4', '3', '3  ', 'Quorate ')), ('-e 5', True, ('Yes', '5', '5', '3', '3  ', 'Quorate '))]),
    ('inquorate -e', {}, 3, 1, [('-e 5', True, ('No', '5', '5', '1', '3 Activity blocked', '')), ('-e 1', True, ('Yes', '1', '1', '1', '1  ', 'Quorate ')), ('-e 2', False, ('Yes', '1', '1', '1', '1  ', 'Quorate ')), ('-e 3', False, ('Yes', '1', '1', '1', '1  ', 'Quorate ')), ('-e 1', True, ('Yes', '1', '1', '1', '1  ', 'Quorate '))]),
    ('wfa -e', {'wait_for_all': 1}, 3, 1, [('-e 1', True, ('Yes', '1', '1', '1', '1  ', 'Quorate WaitForAll ')), ('-e 3', False, ('Yes', '1', '1', '1', '1  ', 'Quorate WaitForAll '))]),
    ('two_node -e', {'two_node': 1, 'wait_for_all': 0}, 2, 1, [('-e 1', True, ('Yes', '1', '1', '1', '1  ', '2Node Quorate ')), ('-e 3', True, ('Yes', '3', '3', '1', '1  ', '2Node Quorate ')), ('-e 2', True, ('Yes', '2', '2', '1', '1  ', '2Node Quorate '))]),
    ('lms -e', {'last_man_standing': 1, 'last_man_standing_window': 1000}, 3, 1, [('-e 1', True, ('Yes', '1', '1', '1', '1  ', 'Quorate LastManStanding ')), ('-e 3', False, ('Yes', '1', '1', '1', '1  ', 'Quorate LastManStanding '))]),
    ('evt -e', {'expected_votes_tracking': 1}, 3, 1, [('-e 1', True, ('No', '3', '3', '1', '2 Activity blocked', '')), ('-e 5', True, ('No', '5', '5', '1', '3 Activity blocked', '')), ('-e 4', True, ('No', '5', '5', '1', '3 Activity blocked', ''))]),
    ('ad -e', {'allow_downscale': 1}, 3, 1, [('-e 1', True, ('No', '3', '3', '1', '2 Activity blocked', 'AllowDownscale ')), ('-e 2', True, ('No', '3', '3', '1', '2 Activity blocked', 'AllowDownscale '))]),
]
# (case, quorum options, nodes, node1's votes, [(command, rc, stderr, fields after it)]): -v [-n]
VOTES_SEQUENCES = [
    ('v inquorate', {}, 3, 1, [('-v 2', 0, '', ('Yes', '3', '3', '2', '2  ', 'Quorate ')), ('-v 3', 0, '', ('Yes', '3', '3', '3', '2  ', 'Quorate ')), ('-v 1', 1, 'Unable to set votes 1 for nodeid: 1: CS_ERR_INVALID_PARAM', ('Yes', '3', '3', '3', '2  ', 'Quorate ')), ('-v 0', 1, 'Unable to set votes 0 for nodeid: 1: CS_ERR_INVALID_PARAM', ('Yes', '3', '3', '3', '2  ', 'Quorate ')), ('-v 5', 0, '', ('Yes', '5', '5', '5', '3  ', 'Quorate ')), ('-v 1', 1, 'Unable to set votes 1 for nodeid: 1: CS_ERR_INVALID_PARAM', ('Yes', '5', '5', '5', '3  ', 'Quorate '))]),
    ('v quorate', {}, 3, 3, [('-v 1', 1, 'Unable to set votes 1 for nodeid: 1: CS_ERR_INVALID_PARAM', ('Yes', '5', '5', '3', '3  ', 'Quorate ')), ('-v 2', 1, 'Unable to set votes 2 for nodeid: 1: CS_ERR_INVALID_PARAM', ('Yes', '5', '5', '3', '3  ', 'Quorate ')), ('-v 4', 0, '', ('Yes', '5', '5', '4', '3  ', 'Quorate ')), ('-v 0', 1, 'Unable to set votes 0 for nodeid: 1: CS_ERR_INVALID_PARAM', ('Yes', '5', '5', '4', '3  ', 'Quorate ')), ('-v 3 -n 2', 1, 'Unable to set votes 3 for nodeid: 2: CS_ERR_NAME_NOT_FOUND', ('Yes', '5', '5', '4', '3  ', 'Quorate ')), ('-v 2 -n 1', 1, 'Unable to set votes 2 for nodeid: 1: CS_ERR_INVALID_PARAM', ('Yes', '5', '5', '4', '3  ', 'Quorate '))]),
    ('v lms', {'last_man_standing': 1}, 3, 1, [('-v 2', 0, '', ('Yes', '3', '3', '2', '2  ', 'Quorate LastManStanding ')), ('-v 1', 1, 'Unable to set votes 1 for nodeid: 1: CS_ERR_INVALID_PARAM', ('Yes', '3', '3', '2', '2  ', 'Quorate LastManStanding '))]),
    ('v two_node', {'two_node': 1, 'wait_for_all': 0}, 2, 1, [('-v 2', 0, '', ('Yes', '2', '2', '2', '1  ', '2Node Quorate ')), ('-v 0', 1, 'Unable to set votes 0 for nodeid: 1: CS_ERR_INVALID_PARAM', ('Yes', '2', '2', '2', '1  ', '2Node Quorate '))]),
]
FIELDS = ("Quorate:", "Expected votes:", "Highest expected:", "Total votes:", "Quorum:", "Flags:")


def conf(quorum: dict, nodes: int, votes1: int) -> str:
    lines = ["totem {", "    version: 2", "    cluster_name: probe", "    transport: knet", "}", "nodelist {"]
    for number in range(1, nodes + 1):
        lines += ["    node {", f"        ring0_addr: 127.0.0.{number}", f"        name: node{number}",
                  f"        nodeid: {number}"]
        lines += [f"        quorum_votes: {votes1}"] if number == 1 and votes1 != 1 else []
        lines += ["    }"]
    lines += ["}", "quorum {", "    provider: corosync_votequorum"]
    lines += [f"    {key}: {value}" for key, value in quorum.items()] + ["}"]
    return "\n".join(lines) + "\n"


def fields(lab: Lab) -> tuple[int, tuple[str, ...]]:
    result = lab.run("node1", "corosync-quorumtool -s")
    printed = [line for line in result.stdout.splitlines() if line.startswith(FIELDS)]
    return result.rc, tuple(line.split(":", 1)[1][1:].lstrip(" ") if not line.startswith("Flags")
                            else line.split(":", 1)[1].lstrip(" ") for line in printed)


def one_node(quorum: dict, nodes: int, votes1: int) -> Lab:
    lab = Lab.simulated(corosync=conf(quorum, nodes, votes1), start=["node1"])
    lab.advance(30)
    return lab


@pytest.mark.parametrize(("case", "quorum", "nodes", "votes1", "rc", "printed"), STATES, ids=[s[0] for s in STATES])
def test_one_node_state_as_real_corosync_prints_it(case: str, quorum: dict, nodes: int, votes1: int, rc: int,
                                                   printed: tuple[str, ...]) -> None:
    assert fields(one_node(quorum, nodes, votes1)) == (rc, printed)


@pytest.mark.parametrize(("case", "quorum", "nodes", "votes1", "steps"), SEQUENCES, ids=[s[0] for s in SEQUENCES])
def test_expected_votes_changes_as_real_corosync_takes_them(case: str, quorum: dict, nodes: int, votes1: int,
                                                            steps: list) -> None:
    lab = one_node(quorum, nodes, votes1)
    for command, accepted, printed in steps:
        result = lab.run("node1", f"corosync-quorumtool {command}")
        assert (result.rc == 0) == accepted, (command, result.stderr)
        lab.advance(1)
        assert fields(lab)[1] == printed, command


def test_allow_downscale_lowers_expected_votes_not_quorum_when_members_stop_cleanly() -> None:
    """votequorum.c (no real multi-node oracle here): a member stopping with allow_downscale sends
    NODE_FLAGS_LEAVING; the others then expect as many votes as members are left, while quorum is
    counted from the barrier (the configured expected votes), so the last node standing is inquorate."""
    lab = Lab.simulated(corosync=conf({"allow_downscale": 1}, 3, 1))
    lab.advance(30)
    lab.stop("node3")
    lab.advance(30)
    assert fields(lab) == (0, ("Yes", "2", "2", "2", "2  ", "Quorate AllowDownscale "))
    lab.stop("node2")
    lab.advance(30)
    assert fields(lab) == (2, ("No", "1", "1", "1", "2 Activity blocked", "AllowDownscale "))
    plain = Lab.simulated(corosync=conf({}, 3, 1))
    plain.advance(30)
    plain.stop("node3")
    plain.advance(30)
    assert fields(plain) == (0, ("Yes", "3", "3", "2", "2  ", "Quorate "))


@pytest.mark.parametrize(("case", "quorum", "nodes", "votes1", "steps"), VOTES_SEQUENCES,
                         ids=[s[0] for s in VOTES_SEQUENCES])
def test_votes_changes_as_real_corosync_takes_them(case: str, quorum: dict, nodes: int, votes1: int,
                                                   steps: list) -> None:
    lab = one_node(quorum, nodes, votes1)
    for command, rc, stderr, printed in steps:
        result = lab.run("node1", f"corosync-quorumtool {command}")
        assert (result.rc, result.stderr.strip()) == (rc, stderr), command
        lab.advance(1)
        assert fields(lab)[1] == printed, command
