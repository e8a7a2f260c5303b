"""`pcs resource list` and `pcs stonith list` against the installed pcs 0.11.5.

A simulated node has the agents the simulator runs; each of them must be listed as the real pcs
lists it on a Debian node (full name or fence agent type, ` - ` and the agent's short description
wrapped at 80 columns), the filter must select as pcs's does (a substring of the full name, any
case), and an empty result must fail with pcs's words.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from halab_kernel import Lab
from halab_kernel.sim.agents import known_agent_names

pytestmark = pytest.mark.skipif(shutil.which("pcs") is None, reason="the real pcs (Debian package pcs) is not installed")


@pytest.fixture(scope="module")
def lab() -> Lab:
    return Lab.simulated(3, seed=2)


def entries(text: str) -> dict[str, str]:
    """Each listed agent with its whole entry (continuation lines included)."""
    found: dict[str, list[str]] = {}
    current = ""
    for line in text.splitlines():
        if line.startswith(" ") and current:
            found[current].append(line)
        elif line:
            current = line.split(" - ")[0]
            found[current] = [line]
    return {name: "\n".join(lines) for name, lines in found.items()}


def real(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["pcs", *argv], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("command, search", [("resource", ""), ("resource", "ocf:pacemaker"), ("resource", "dummy"),
                                             ("stonith", ""), ("stonith", "IPMI")])
def test_each_simulated_agent_is_listed_as_real_pcs_lists_it(lab: Lab, command: str, search: str) -> None:
    argv = [command, "list", *([search] if search else [])]
    ours = lab.run("node1", "pcs " + " ".join(argv))
    assert ours.rc == 0, ours.stderr
    theirs = entries(real(*argv).stdout)
    stonith = command == "stonith"
    simulated = [n.split(":", 1)[1] if stonith else n for n in known_agent_names()
                 if n.startswith("stonith:") == stonith and search.lower() in n.lower()]
    mine = entries(ours.stdout)
    assert sorted(mine) == sorted(simulated)
    for name in simulated:
        if name in theirs:  # fence_xvm (fence-virt) is not installed everywhere
            assert mine[name] == theirs[name]
    assert list(mine) == sorted(mine, key=lambda n: ("stonith:" + n) if stonith else n)


@pytest.mark.parametrize("command", ["resource", "stonith"])
def test_a_filter_matching_nothing_fails_as_pcs(lab: Lab, command: str) -> None:
    ours = lab.run("node1", f"pcs {command} list no-such-agent")
    theirs = real(command, "list", "no-such-agent")
    assert (ours.rc, ours.stdout, ours.stderr) == (theirs.returncode, theirs.stdout, theirs.stderr)
    nodesc = lab.run("node1", f"pcs {command} list --nodesc")
    assert nodesc.rc == 0 and " - " not in nodesc.stdout


@pytest.mark.parametrize("argv", [
    "resource describe IPaddr2", "resource describe ipaddr2", "resource describe Dummy", "resource describe stateful",
    "resource describe nosuch", "resource describe ocf:heartbeat:Nope", "resource describe a:b:c:d",
    "resource describe fence_dummy", "stonith describe dummy",
])
def test_describe_guesses_the_agent_as_pcs(lab: Lab, argv: str) -> None:
    """`pcs resource describe TYPE` (Clusters from Scratch types `describe IPaddr2`): pcs guesses the full name
    among every installed agent ('Assumed agent name ...', or one line naming several or none, `Stateful` being
    ocf:heartbeat's and ocf:pacemaker's), a fence agent with a deprecation; an unknown or malformed full name
    fails with pcs's two lines. The description itself is compared by its first line (the simulator shows the
    options it knows and says so in a warning)."""
    ours = lab.run("node1", f"pcs {argv}")
    theirs = real(*argv.split())
    assert ours.rc == theirs.returncode
    simulated_note = [line for line in ours.stderr.splitlines() if line.startswith("Warning: not simulated")]
    assert [line for line in ours.stderr.splitlines() if line not in simulated_note] == theirs.stderr.splitlines()
    assert ours.stdout.split("\n", 1)[0] == theirs.stdout.split("\n", 1)[0]
