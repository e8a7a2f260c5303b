"""rsc-pattern locations against the installed real crm_simulate (2.1.5's unpack_simple_location):
an unanchored POSIX search over top-level resource ids, `!` inverting, a pattern that does not
compile voiding the constraint; what Python's re would read otherwise is refused, not guessed."""

from __future__ import annotations

import shutil

import pytest

from tests.test_scheduler_honesty import CIB, _simulate
from tests.test_scheduler_rules_differential import _same_as_real

pytestmark = pytest.mark.skipif(shutil.which("crm_simulate") is None, reason="the real crm_simulate is not installed")


def _pattern_location(pattern: str) -> str:
    escaped = pattern.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
    return f'<rsc_location id="l" rsc-pattern="{escaped}" node="node2" score="100"/>'


@pytest.mark.parametrize("pattern", ["eb", "^w", "w.*", "WEB", "", "!eb", "!^w", "[bad", "![bad", r"\w+",
                                     "[[:alpha:]]+", "[[:digit:]]", "^(we)b$", "web|x", "w{1,2}eb"])
def test_a_pattern_location_places_what_the_real_scheduler_places(tmp_path, pattern):
    xml = CIB.format(property="", meta="", constraint=_pattern_location(pattern))
    assert _same_as_real(tmp_path, xml)


@pytest.mark.parametrize("pattern", [r"\d", "(?i)web", "we*?b", "[[:bogus:]]"])
def test_a_pattern_python_would_read_otherwise_is_refused_by_name(tmp_path, pattern):
    rc, out, err = _simulate(tmp_path, constraint=_pattern_location(pattern))
    assert rc == 69 and out == ""
    assert "not simulated: rsc-pattern regular expressions" in err and "halab rig up" in err
