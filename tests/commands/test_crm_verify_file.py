"""A lab's `crm_verify -x FILE` / `-X TEXT` / `-p`, `-S`, `--output-as=xml`, `--output-to` against the installed
crm_verify 2.1.5: the file is the one a student writes on the simulated node (its file system,
`sim.files(node)`), the real tool reads a copy of the same name; stdout, stderr and exit code compared exactly, or
the lab refuses by name (rc 69, "try it on real nodes: halab rig up"). On the public scheduler cases' CIBs:
a sample here, all of them with `python -m tests.commands.test_crm_verify_file [TIERS] [--text]` (--text also
gives each CIB with -X)."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from halab_kernel import Lab
from tests.runtime_scenarios import dc_cib, simulator_of

pytestmark = pytest.mark.skipif(shutil.which("crm_verify") is None,
                                reason="real crm_verify (Pacemaker 2.1.5, pacemaker-cli-utils) not installed")

SCHEDULER = Path("/work/shared/pacemaker-2.1.5/scheduler")
SAMPLE = 40   # public case CIBs in pytest (x2: without and with -V; about 20 s)


def _real(argv: list[str], folder: Path, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    done = subprocess.run(argv, capture_output=True, text=True, timeout=60, cwd=folder,
                          env={**os.environ, "PCMK_logfacility": "none", **(env or {})})
    return done.returncode, done.stdout, done.stderr


def _ours(lab: Lab, argv: list[str]) -> tuple[int, str, str]:
    result = lab.run("node1", shlex.join(argv))
    return result.rc, result.stdout, result.stderr


def _file_lab() -> Lab:
    return Lab.simulated(nodes=3, seed=1)


def case_names(tiers: str = "123") -> list[str]:
    return [name for tier in tiers for name in (SCHEDULER / f"tier{tier}-public.txt").read_text().split()]


def compare_public_cases(names: list[str], folder: Path, text: bool = False) -> tuple[int, list[str], list[str]]:
    """`crm_verify -x NAME.xml` and `... -V` (and -X with the file's text, given `text`) in a lab holding the case's
    CIB as NAME.xml and with the real tool on a copy: (identical runs, refusals, differences described)."""
    lab = _file_lab()
    files = simulator_of(lab).files("node1")
    same, refused, differing = 0, [], []
    for name in names:
        content = (SCHEDULER / "cases" / f"{name}.xml").read_text()
        (folder / f"{name}.xml").write_text(content)
        files[f"{name}.xml"] = content
        commands = [["crm_verify", "-x", f"{name}.xml"], ["crm_verify", "-x", f"{name}.xml", "-V"]]
        commands += [["crm_verify", "-X", content]] if text and len(content) < 120_000 else []  # MAX_ARG_STRLEN
        for argv in commands:
            ours, real = _ours(lab, argv), _real(argv, folder)
            shown = " ".join(argv[:2] + ([argv[2]] if argv[1] == "-x" else ["TEXT"]) + argv[3:])
            if ours[0] == 69 and "not simulated" in ours[2]:
                assert "halab rig up" in ours[2] and not ours[1], ours
                refused.append(f"{shown}: {ours[2].strip()}")
            elif ours == real:
                same += 1
            else:
                differing.append(f"{shown}:\n  ours {ours!r}\n  real {real!r}")
    return same, refused, differing


@pytest.mark.skipif(not SCHEDULER.exists(), reason="public scheduler cases (../shared/pacemaker-2.1.5) not available")
def test_crm_verify_x_on_public_case_cibs_is_the_real_tool_or_refused_by_name(tmp_path: Path) -> None:
    names = case_names()
    sample = names[::max(1, len(names) // SAMPLE)][:SAMPLE]
    same, refused, differing = compare_public_cases(sample, tmp_path)
    assert not differing, "\n".join(differing)
    assert same >= len(sample), (same, refused[:10])   # at least half of the runs answered


# a CIB the lab holds, whose verdict is an error (no fencing device): every variant differs from a valid one
@pytest.fixture(scope="module")
def lab_and_cib() -> tuple[Lab, str]:
    lab = _file_lab()
    lab.wait_until(lambda state: state.dc is not None, 60)
    lab.advance(5)
    cib = dc_cib(lab).decode()
    simulator_of(lab).files("node1")["cib.xml"] = cib
    return lab, cib


SOURCES = [
    "crm_verify -x cib.xml",
    "crm_verify -x cib.xml -V",
    "crm_verify -x ./cib.xml -V",
    "crm_verify --xml-file=cib.xml -VV",
    "crm_verify -x cib.xml --output-as=xml",
    "crm_verify -x cib.xml --output-as xml -V",
    "crm_verify -x cib.xml --output-as=none",
    "crm_verify -x cib.xml --output-to=-",
    "crm_verify --output-as=xml -x missing.xml",
    "crm_verify --output-as=xml -x 'with space.xml'",
    "crm_verify --output-as=xml -x \"it's here.xml\"",
    "crm_verify --output-as=xml -x 'a>b<&c'",
    "crm_verify -x missing.xml",
    "crm_verify -x -",
    "crm_verify -p",
    "crm_verify -p --output-as=xml",
    "crm_verify -X '<foo/>'",
    "crm_verify -X '<foo/>' --output-as=xml",
    "crm_verify -X 'junk'",
    "crm_verify --output-as=xml",
    "crm_verify --version --output-as=xml",
    "crm_verify --version --output-as=none",
    "crm_verify -L -x missing.xml",
    "crm_verify -L --output-as=xml",
    "crm_verify -L -V --output-as=xml",
]


@pytest.mark.parametrize("command", SOURCES)
def test_crm_verify_sources_and_outputs_as_the_real_tool(command: str, lab_and_cib: tuple[Lab, str],
                                                         tmp_path: Path) -> None:
    """The same command line on the lab and on the real tool (-L reads CIB_file, the lab's own CIB)."""
    lab, cib = lab_and_cib
    (tmp_path / "cib.xml").write_text(cib)
    argv = shlex.split(command)
    assert _ours(lab, argv) == _real(argv, tmp_path, {"CIB_file": str(tmp_path / "cib.xml")})


def test_crm_verify_x_text_is_the_same_verdict_as_the_file(lab_and_cib: tuple[Lab, str], tmp_path: Path) -> None:
    lab, cib = lab_and_cib
    for extra in ([], ["-V"], ["--output-as=xml"]):
        argv = ["crm_verify", "-X", cib, *extra]
        assert _ours(lab, argv) == _real(argv, tmp_path)


@pytest.mark.parametrize("source", [["-x", "cib.xml"], ["-L"]])
@pytest.mark.parametrize("output", [[], ["--output-as=xml"]])
def test_saved_and_output_files_are_the_real_ones(source: list[str], output: list[str], lab_and_cib: tuple[Lab, str],
                                                  tmp_path: Path) -> None:
    """-S FILE writes the document read as Pacemaker writes XML; --output-to FILE holds the output (empty in text)."""
    lab, cib = lab_and_cib
    (tmp_path / "cib.xml").write_text(cib)
    argv = ["crm_verify", *source, "-S", "saved.xml", f"--output-to={'out.txt'}", *output]
    ours, real = _ours(lab, argv), _real(argv, tmp_path, {"CIB_file": str(tmp_path / "cib.xml")})
    assert ours == real
    files = simulator_of(lab).files("node1")
    assert files["saved.xml"] == (tmp_path / "saved.xml").read_text()
    assert files["out.txt"] == (tmp_path / "out.txt").read_text()


@pytest.mark.parametrize("command", [
    "crm_verify -X '<cib><configuration></cib>'",    # libxml2 recovers part of it
    "crm_verify -x /etc/pacemaker/cib.xml",          # a file a real node has and the lab does not keep
    "crm_verify -X '<cib/>'",                        # its schema refuses it: libxml2's messages
])
def test_crm_verify_refuses_by_name_what_it_does_not_simulate(command: str, lab_and_cib: tuple[Lab, str]) -> None:
    result = lab_and_cib[0].run("node1", command)
    assert result.rc == 69 and "not simulated" in result.stderr and "halab rig up" in result.stderr


if __name__ == "__main__":
    import sys
    import tempfile

    tiers = next((word for word in sys.argv[1:] if not word.startswith("-")), "123")
    with tempfile.TemporaryDirectory() as scratch:
        found = compare_public_cases(case_names(tiers), Path(scratch), "--text" in sys.argv)
    print("\n".join(found[2]))
    print(f"identical {found[0]}, refused {len(found[1])}, differing {len(found[2])}")
