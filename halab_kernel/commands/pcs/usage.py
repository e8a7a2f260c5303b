"""The usage text pcs prints (to stderr, rc 1) for a command-line shape it does not accept.

pcs 0.11.5 prints a section of its manual chosen by the command's path: its routers call
`usage.show(group, [sub, ..., word])` where `word` is the sub-command typed ("" for an
unknown one), and `sub_usage` keeps the manual's lines of that sub-command (or of its
parent when none starts so). A group with no sub-command at all prints the group's whole
manual; no group, pcs's main usage.

The texts are pcs's own, so halab does not carry a copy: they are read once per process from the
installed pcs package (its `usage.<group>([])` and `usage.main()`, run by pcs's own Python). On a
machine without pcs (a laptop, Binder) a usage error names the command and points at the manual.
"""

from __future__ import annotations

import functools
import json
import re
import shutil
import subprocess
from pathlib import Path

GROUPS = ("acl", "alert", "booth", "client", "cluster", "config", "constraint", "dr", "host", "node", "pcsd",
          "property", "qdevice", "quorum", "resource", "status", "stonith", "tag")
_READ_MANUAL = ("import contextlib, io, json; from pcs import usage; "
                "texts = {name: getattr(usage, name)([]) for name in %r}; texts[''] = usage.main(); "
                "full = io.StringIO(); f = contextlib.redirect_stdout(full); f.__enter__(); usage.full_usage(); "
                "f.__exit__(None, None, None); texts['--fullhelp'] = full.getvalue(); print(json.dumps(texts))")


def _pcs_python() -> str | None:
    """The Python the installed pcs runs with (its script's #! line), or None without pcs."""
    program = shutil.which("pcs", path="/usr/sbin:/usr/bin:/sbin:/bin")
    if program is None:
        return None
    try:
        first = Path(program).read_text(errors="replace").split("\n", 1)[0]
    except OSError:
        return None
    words = first.removeprefix("#!").split()
    return words[0] if first.startswith("#!") and words and "python" in Path(words[0]).name else None


@functools.cache
def installed_manual() -> dict[str, str]:
    """pcs's usage texts by group ("" for its main usage) as the installed pcs prints them; {} without pcs."""
    python = _pcs_python()
    if python is None:
        return {}
    try:
        done = subprocess.run([python, "-Es", "-c", _READ_MANUAL % (GROUPS,)], capture_output=True, text=True,
                              timeout=30)
        texts = json.loads(done.stdout) if done.returncode == 0 else {}
    except (OSError, subprocess.TimeoutExpired, ValueError):
        return {}
    return {name: text for name, text in texts.items() if isinstance(text, str)} if isinstance(texts, dict) else {}


def _without_manual(group: str, rest: list[str]) -> str:
    """halab's own short usage when pcs's manual is not installed here."""
    command = " ".join(["pcs", group, *rest]).rstrip() if group else "pcs"
    return (f"\nUsage: {command} ...\n    (pcs's manual is not installed on this machine: `{command} --help` on "
            "real nodes shows it; try it on real nodes: halab rig up)\n")


def sub_usage(args: str, output: str) -> str:
    """pcs's `usage.sub_usage([args], output)`: `args` is a regular expression there, as here."""
    lines = output.split("\n")
    usage = re.sub(r"\[commands\]", lambda _: args, lines[1])
    kept: list[str] = []
    printing = False
    try:
        for line in lines:
            if printing and re.match("^    [^ ]", line) and not re.match("^    " + args, line):
                printing = False
            if not re.match("^ ", line) and not re.match("^$", line):
                printing = False
            if re.match("^    " + args, line):
                printing = True
            if printing:
                kept.append(line)
    except re.error:  # pcs dies with a traceback on such a word; its group's manual is what helps
        return output
    text = "\n".join(kept) + "\n" if kept else ""
    if text.strip():
        return "\n" + usage + "\n" + text.rstrip() + "\n"
    return sub_usage(" ".join(args.split()[:-1]), output)


def usage_for(command: str | None) -> str:
    """The usage for `command`: None or "" is pcs's main usage; "resource" the group's manual;
    "resource op add" its `op add` section; a trailing space ("resource op ") an unknown word."""
    words = command.split(" ") if command else []
    words = words[1:] if words[:1] == ["pcs"] else words  # the root router's name (not `pcsd`'s prefix)
    manual = installed_manual()
    if not words or words[0] not in GROUPS:
        return manual.get("") or _without_manual("", [])
    group, rest = words[0], words[1:]
    if group not in manual:
        return _without_manual(group, [word for word in rest if word])
    if not rest:
        return manual[group]
    return sub_usage(" ".join(rest), manual[group])


def full_help() -> str:
    """`pcs --fullhelp`: every group's manual and the examples, as pcs's usage.full_usage prints them."""
    return installed_manual().get("--fullhelp") or _without_manual("", [])


def help_for(positional: list[str], asked: bool) -> str | None:
    """pcs's `-h`/`--help` anywhere and its `help` word (`pcs help`, `pcs GROUP help ...`): the usage of the
    command typed, as a usage error would name it, for stdout (rc 0); None when help is not asked, or for a
    group pcs does not have (whose usage error stands)."""
    words = list(positional)
    if words[:1] == ["help"]:
        words, asked = [], True
    elif len(words) > 1 and words[1] == "help" and words[0] in GROUPS:
        words, asked = [words[0], *words[2:]], True
    if not asked or (words and words[0] not in GROUPS):
        return None
    return usage_for(" ".join(words))
