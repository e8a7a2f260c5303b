"""The usage text pcs prints (to stderr, rc 1) for a command-line shape it does not accept.

pcs 0.11.5 prints a section of its manual chosen by the command's path: its routers call
`usage.show(group, [sub, ..., word])` where `word` is the sub-command typed ("" for an
unknown one), and `sub_usage` keeps the manual's lines of that sub-command (or of its
parent when none starts so). A group with no sub-command at all prints the group's whole
manual; no group, pcs's main usage. The texts are pcs's own (usage_text.py).
"""

from __future__ import annotations

import re

from halab_kernel.commands.pcs.usage_text import TEXTS


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
    words = (command or "").removeprefix("pcs").removeprefix(" ").split(" ") if command else []
    if not words or words[0] not in TEXTS or not words[0]:
        return TEXTS[""]
    group, rest = words[0], words[1:]
    if not rest:
        return TEXTS[group]
    return sub_usage(" ".join(rest), TEXTS[group])
