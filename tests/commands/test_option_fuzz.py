"""Lines built from the tools' own real options (their tables) never reach a traceback, an internal
error or a parser message of Python's own: every option is answered, refused by name, or met with
the real tool's usage error; a failing line leaves the configuration and the events as they were."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from halab_kernel.commands.glib_options import TOOLS
from halab_kernel.commands.text_tools import CAT, GREP, HEAD, TAIL, WC
from tests.test_command_fuzz import run_lines

PYTHON_GETOPT = re.compile(r"option -+\S+ not recognized|requires argument$|not a unique prefix")
VALUES = ["d1", "node1", "node9", "x", "10s", "PT1M", "-INFINITY", "0", "monitor", "/etc/corosync/corosync.conf",
          "/var/log/pacemaker/pacemaker.log", "notice", "2026-01-05 09:00", ""]


def _spellings() -> dict[str, list[str]]:
    """Each tool's options as typed: -l, --long, --long=VALUE."""
    found: dict[str, list[str]] = {}
    for tool, options in TOOLS.items():
        found[tool] = [f"-{o.letter}" for o in options if o.letter] + [f"--{o.name}" for o in options]
    for gnu in (GREP, TAIL, HEAD, WC, CAT):
        letters = [f"-{letter}" for letter in gnu.short if letter != ":"]
        found[gnu.name] = letters + [f"--{name.rstrip('=')}" for name in gnu.long]
    found["journalctl"] = ["-u", "-n", "-b", "-p", "-S", "-U", "-r", "-e", "-x", "-q", "-o", "-t", "-g", "-k", "-f",
                           "--since", "--no-pager", "--list-boots", "--utc"]
    found["crm_standby"] = ["-G", "-v", "-D", "-N", "-l", "-q", "-Q", "-V", "-i", "--query", "--update", "--lifetime"]
    found["crm_failcount"] = ["-G", "-D", "-r", "-N", "-n", "-I", "-q", "-V", "-v", "--resource", "--interval"]
    return found


SPELLINGS = _spellings()
lines = st.sampled_from(sorted(SPELLINGS)).flatmap(
    lambda tool: st.tuples(st.just(tool), st.lists(st.one_of(st.sampled_from(SPELLINGS[tool]),
                                                             st.sampled_from(VALUES)), max_size=6)))


def test_lines_of_real_options_never_crash_nor_leak_pythons_parser() -> None:
    tried: list[str] = []

    @settings(max_examples=300, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(lines, min_size=1, max_size=4))
    def fuzz(batch) -> None:
        from halab_kernel.lab import Lab

        run_lines(batch, tried)
        lab = Lab.simulated(3)
        for tool, words in batch:
            answer = lab.run("node1", " ".join([tool, *(repr(word) if word == "" else word for word in words)]))
            assert not PYTHON_GETOPT.search(answer.stderr), (tool, words, answer.stderr)

    fuzz()
    assert len(set(tried)) == len(SPELLINGS), sorted(set(SPELLINGS) - set(tried))
