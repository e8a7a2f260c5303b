"""corosync.conf as a student writes it: accepted or refused exactly as corosync 3.1.7 does."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from halab_kernel import Lab
from halab_kernel.sim.corosync.config import CorosyncConfigError, build_config, parse_text

BASE = """totem {
    version: 2
    cluster_name: course
    transport: knet
}
nodelist {
    node {
        ring0_addr: 127.0.0.1
        name: alpha
        nodeid: 1
    }
    node {
        ring0_addr: 127.0.0.2
        name: beta
        nodeid: 2
    }
    node {
        ring0_addr: 127.0.0.3
        name: gamma
        nodeid: 3
    }
}
quorum {
    provider: corosync_votequorum
}
"""

# name -> the file a student might write; None in the verdict means corosync accepts it.
CORPUS = {
    "valid": BASE,
    "unknown key (corosync ignores it)": BASE.replace("version: 2", "version: 2\n    tokn: 1000"),
    "negative votes": BASE.replace("nodeid: 1", "nodeid: 1\n        quorum_votes: -1"),
    "token not a number": BASE.replace("version: 2", "version: 2\n    token: fast"),
    "negative token": BASE.replace("version: 2", "version: 2\n    token: -5"),
    "wait_for_all not a number": BASE.replace("corosync_votequorum", "corosync_votequorum\n    wait_for_all: yes"),
    "missing brace": BASE.replace("quorum {", "quorum "),
    "duplicate nodeid": BASE.replace("nodeid: 2", "nodeid: 1"),
    "missing nodeid": BASE.replace("        nodeid: 2\n", ""),
    "two_node with three nodes (accepted!)": BASE.replace("corosync_votequorum", "corosync_votequorum\n    two_node: 1"),
    "zero votes": BASE.replace("nodeid: 1", "nodeid: 1\n        quorum_votes: 0"),
}


def _with_device(device: str) -> str:
    return BASE.replace("corosync_votequorum", f"corosync_votequorum\n    device {{\n{device}    }}")


# quorum.device: `corosync -t` only checks that the device's integers parse; votequorum's refusals
# (a device with two_node, last_man_standing, auto_tie_breaker or allow_downscale) come when the
# service starts, and what corosync-qdevice refuses (ffsplit without votes: 1) is a runtime exit,
# tested in test_qdevice.py and the votequorum matrix (S9a).
NET = "        net {\n            host: 10.9.0.9\n            algorithm: ffsplit\n        }\n"
CORPUS |= {
    "device: ffsplit with votes": _with_device("        model: net\n        votes: 1\n" + NET),
    "device: no votes (qdevice exits later, corosync accepts)": _with_device("        model: net\n" + NET),
    "device: votes not a number": _with_device("        model: net\n        votes: one\n" + NET),
    "device: timeout not a number": _with_device("        model: net\n        votes: 1\n        timeout: soon\n"
                                                 + NET),
    "device: negative sync_timeout": _with_device("        model: net\n        votes: 1\n        sync_timeout: -1\n"
                                                  + NET),
    "device: unknown model (corosync accepts)": _with_device("        model: disk\n        votes: 1\n"),
}


def _verdict(text: str) -> str | None:
    try:
        tree, lines = parse_text(text, path="/etc/corosync/corosync.conf")
        build_config(tree, lines)
    except CorosyncConfigError as error:
        return str(error)
    return None


def test_errors_read_like_corosync() -> None:
    assert _verdict(CORPUS["valid"]) is None
    assert _verdict(CORPUS["negative votes"]) == (
        'parser error: /etc/corosync/corosync.conf:11: Value of key "nodelist.node.0.quorum_votes" is expected '
        'to be integer in range (0..4294967295), but "-1" was given')
    assert _verdict(CORPUS["duplicate nodeid"]) == "Nodeid 1 appears twice in corosync.conf"
    assert _verdict(CORPUS["missing brace"]) == (
        "parser error: /etc/corosync/corosync.conf:23: Line is not opening or closing section or key value")
    assert _verdict(CORPUS["device: timeout not a number"]) == (
        'parser error: /etc/corosync/corosync.conf:28: Value of key "quorum.device.timeout" is expected to be '
        'integer in range (0..4294967295), but "soon" was given')


@pytest.mark.skipif(shutil.which("corosync") is None, reason="real corosync not installed (apt-get install corosync)")
@pytest.mark.parametrize("name", sorted(CORPUS))
def test_same_verdict_as_real_corosync(name: str, tmp_path: Path) -> None:
    """Differential: `corosync -t` (test the configuration and exit) on the same file."""
    conf = tmp_path / "corosync.conf"
    conf.write_text(CORPUS[name])
    real = subprocess.run(["corosync", "-t", "-c", str(conf)], capture_output=True, text=True, timeout=20)
    ours = _verdict(CORPUS[name])
    assert (real.returncode == 0) == (ours is None), f"real said rc={real.returncode}: {real.stderr or real.stdout}"
    if ours is not None:
        real_message = (real.stderr + real.stdout).replace(str(conf), "/etc/corosync/corosync.conf")
        assert ours in real_message


def test_votequorum_refuses_lms_with_atb_on_an_odd_cluster() -> None:
    with pytest.raises(CorosyncConfigError, match="auto_tie_breaker & last_man_standing not available"):
        Lab.simulated(nodes=3, corosync={"quorum": {"last_man_standing": 1, "auto_tie_breaker": 1}})


def test_unknown_keys_are_accepted_but_reported() -> None:
    tree, lines = parse_text(CORPUS["unknown key (corosync ignores it)"])
    config = build_config(tree, lines)
    assert config.warnings == ("unknown key 'totem.tokn' (corosync ignores it: a typo?)",)


def test_a_student_corosync_conf_names_the_nodes() -> None:
    lab = Lab.simulated(corosync=BASE)
    lab.advance(10)
    assert lab.node_names == ("alpha", "beta", "gamma")
    assert lab.state().views["beta"].quorate


def test_two_node_on_three_nodes_behaves_as_corosync_does() -> None:
    """corosync accepts it, and then gives quorum 1 whenever at most two nodes are members."""
    lab = Lab.simulated(corosync=CORPUS["two_node with three nodes (accepted!)"])
    lab.advance(30)
    assert lab.state().views["alpha"].quorum == 2
    lab.crash("gamma")
    lab.advance(30)
    assert lab.state().views["alpha"].quorum == 1


def test_bad_dict_options_get_the_parser_message_and_no_lab() -> None:
    with pytest.raises(CorosyncConfigError, match='Value of key "totem.token" is expected to be integer'):
        Lab.simulated(nodes=3, corosync={"totem": {"token": "soon"}})
