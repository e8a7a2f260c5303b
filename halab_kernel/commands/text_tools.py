"""grep, head, tail, wc and cat over text, as GNU grep 3.8 and coreutils 9.1 read their options.

One implementation serves a node's files (`grep -i error /var/log/pacemaker/pacemaker.log`,
log_tools.py) and the lab's pipes (`crm_mon -1 | grep -c Started`, router.py). Every option of
the real tool is either modelled or refused by name ("not simulated"); an option the real tool
does not know, or one missing its value, gets the real tool's message and exit status.
"""

from __future__ import annotations

import getopt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from halab_kernel.model import CommandResult


@dataclass(frozen=True)
class GnuTool:
    """A tool's real options (getopt_long's short string and long names, `=` for a value), the
    ones the lab models (by their short spelling, or long where there is none), and its usage."""

    name: str
    short: str
    long: tuple[str, ...]
    modelled: frozenset[str]
    usage_rc: int
    usage: str


GREP = GnuTool(
    "grep", "EFGPe:f:iywxzsvVm:bnHhoqaId:D:rRLlcTZUB:A:C:",
    ("extended-regexp", "fixed-strings", "basic-regexp", "perl-regexp", "regexp=", "file=", "ignore-case",
     "no-ignore-case", "word-regexp", "line-regexp", "null-data", "no-messages", "invert-match", "version", "help",
     "max-count=", "byte-offset", "line-number", "line-buffered", "with-filename", "no-filename", "label=",
     "only-matching", "quiet", "silent", "binary-files=", "text", "directories=", "devices=", "recursive",
     "dereference-recursive", "include=", "exclude=", "exclude-from=", "exclude-dir=", "files-without-match",
     "files-with-matches", "count", "initial-tab", "null", "before-context=", "after-context=", "context=",
     "group-separator=", "no-group-separator", "color", "colour", "binary"),
    frozenset({"-E", "-F", "-G", "-e", "-i", "-y", "--no-ignore-case", "-w", "-x", "-s", "-v", "-m", "-n", "-H", "-h",
               "-o", "-q", "-c"}),
    2, "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n")
TAIL = GnuTool("tail", "c:fFn:qs:vz", ("bytes=", "follow", "lines=", "max-unchanged-stats=", "pid=", "quiet", "silent",
                                       "retry", "sleep-interval=", "verbose", "zero-terminated", "help", "version"),
               frozenset({"-n"}), 1, "Try 'tail --help' for more information.\n")
HEAD = GnuTool("head", "c:n:qvz", ("bytes=", "lines=", "quiet", "silent", "verbose", "zero-terminated", "help",
                                   "version"),
               frozenset({"-n"}), 1, "Try 'head --help' for more information.\n")
WC = GnuTool("wc", "cmlLw", ("bytes", "chars", "lines", "files0-from=", "max-line-length", "words", "help", "version"),
             frozenset({"-l"}), 1, "Try 'wc --help' for more information.\n")
CAT = GnuTool("cat", "AbeEnstTuv", ("show-all", "number-nonblank", "show-ends", "number", "squeeze-blank", "show-tabs",
                                    "show-nonprinting", "help", "version"),
              frozenset({"-u"}), 1, "Try 'cat --help' for more information.\n")

_ALIASES: Mapping[str, dict[str, str]] = {
    "grep": {"--extended-regexp": "-E", "--fixed-strings": "-F", "--basic-regexp": "-G", "--perl-regexp": "-P",
             "--regexp": "-e", "--file": "-f", "--ignore-case": "-i", "--word-regexp": "-w", "--line-regexp": "-x",
             "--null-data": "-z", "--no-messages": "-s", "--invert-match": "-v", "--version": "-V",
             "--max-count": "-m", "--byte-offset": "-b", "--line-number": "-n", "--with-filename": "-H",
             "--no-filename": "-h", "--only-matching": "-o", "--quiet": "-q", "--silent": "-q", "--text": "-a",
             "--directories": "-d", "--devices": "-D", "--recursive": "-r", "--dereference-recursive": "-R",
             "--files-without-match": "-L", "--files-with-matches": "-l", "--count": "-c", "--initial-tab": "-T",
             "--null": "-Z", "--binary": "-U", "--before-context": "-B", "--after-context": "-A",
             "--context": "-C"},
    "tail": {"--bytes": "-c", "--lines": "-n", "--quiet": "-q", "--silent": "-q", "--sleep-interval": "-s",
             "--verbose": "-v", "--zero-terminated": "-z"},
    "head": {"--bytes": "-c", "--lines": "-n", "--quiet": "-q", "--silent": "-q", "--verbose": "-v",
             "--zero-terminated": "-z"},
    "wc": {"--bytes": "-c", "--chars": "-m", "--lines": "-l", "--max-line-length": "-L", "--words": "-w"},
    "ls": {"--all": "-a", "--almost-all": "-A", "--escape": "-b", "--ignore-backups": "-B", "--directory": "-d",
           "--dired": "-D", "--classify": "-F", "--no-group": "-G", "--human-readable": "-h",
           "--dereference-command-line": "-H", "--inode": "-i", "--ignore": "-I", "--kibibytes": "-k",
           "--dereference": "-L", "--numeric-uid-gid": "-n", "--literal": "-N", "--hide-control-chars": "-q",
           "--quote-name": "-Q", "--reverse": "-r", "--recursive": "-R", "--size": "-s", "--tabsize": "-T",
           "--width": "-w", "--context": "-Z"},
    "cat": {"--show-all": "-A", "--number-nonblank": "-b", "--show-ends": "-E", "--number": "-n",
            "--squeeze-blank": "-s", "--show-tabs": "-T", "--show-nonprinting": "-v"},
}
# options whose value is optional (getopt_long's `::`): --color[=WHEN], tail --follow[={name|descriptor}]
_OPTIONAL_VALUE = ("--color", "--colour", "--follow", "--classify", "--hyperlink")
_NUMBER_FIRST = re.compile(r"-(\d+)(.*)")  # the obsolete `tail -20`, `head -5`, `grep -2` (context)


def read_gnu(tool: GnuTool, argv: list[str]) -> tuple[list[tuple[str, str]], list[str]] | CommandResult:
    """(options by short spelling where there is one, other words), or the refusal as a result."""
    words, numbered = [], []
    for index, word in enumerate(argv):
        obsolete = "--" not in argv[:index] and not (index and _wants_value(tool, argv[index - 1]))
        match = _NUMBER_FIRST.fullmatch(word) if obsolete else None
        if match and tool.name in ("tail", "head") and not match.group(2):
            numbered.append(("-n", match.group(1)))  # `tail -20` is `tail -n 20`
        elif match and tool.name == "grep":
            numbered.append(("-C", match.group(1)))
        else:
            words.append(word.split("=", 1)[0] if word.split("=", 1)[0] in _OPTIONAL_VALUE else word)
    try:
        options, rest = getopt.gnu_getopt(words, tool.short, [*tool.long])
    except getopt.GetoptError as error:
        return _usage_error(tool, error)
    aliases = _ALIASES[tool.name]
    named = [(aliases.get(flag, flag), value) for flag, value in options] + numbered
    for flag, _ in named:
        if flag == "--help":
            return CommandResult(stdout=tool.usage.splitlines()[0] + "\n")
        if flag in ("-f", "-F", "--follow") and tool.name == "tail":
            return CommandResult(stderr="tail: -f follows forever; in the lab use %advance and tail again\n", rc=1)
        if flag not in tool.modelled:
            return CommandResult(stderr=f"{tool.name}: not simulated: the option {flag}; try it on real nodes: "
                                        "halab rig up\n", rc=tool.usage_rc)
    return named, rest


def _wants_value(tool: GnuTool, word: str) -> bool:
    """Whether `word` is an option that takes the next word as its value (`-n`, `--lines`)."""
    if word.startswith("--"):
        return "=" not in word and f"{word[2:]}=" in tool.long
    return word.startswith("-") and len(word) > 1 and f"{word[-1]}:" in tool.short


def _usage_error(tool: GnuTool, error: getopt.GetoptError) -> CommandResult:
    return CommandResult(stderr=f"{tool.name}: {getopt_message(error)}\n{tool.usage}", rc=tool.usage_rc)


def getopt_message(error: getopt.GetoptError) -> str:
    """What glibc's getopt_long prints for what Python's getopt refused."""
    if len(error.opt) > 1:
        spelled = f"--{error.opt}"
        message = f"unrecognized option '{spelled}'" if error.msg.endswith("not recognized") else \
            f"option '{spelled}' requires an argument" if "requires" in error.msg else \
            f"option '{spelled}' is ambiguous" if "unique prefix" in error.msg else \
            f"option '{spelled}' doesn't allow an argument"
    elif error.msg.endswith("not recognized"):
        message = f"invalid option -- '{error.opt}'"
    else:
        message = f"option requires an argument -- '{error.opt}'"
    return message


# --- grep ----------------------------------------------------------------------------------------

_CLASSES = {"alpha": "a-zA-Z", "digit": "0-9", "alnum": "a-zA-Z0-9", "upper": "A-Z", "lower": "a-z",
            "space": r" \t\n\r\f\v", "blank": r" \t", "xdigit": "0-9A-Fa-f", "punct": r"!-/:-@\[-`{-~",
            "word": r"\w"}


def posix_regex(pattern: str, extended: bool) -> str:
    """A GNU basic (or extended) regular expression as a Python one: in a basic one `|+?(){}` are
    literal unless escaped; `\\<`/`\\>` are word edges; `[[:digit:]]` classes are spelt out.
    ValueError for what Python would read differently (`\\d`, `(?`)."""
    out, index, in_class = [], 0, False
    while index < len(pattern):
        char = pattern[index]
        if in_class:
            posix = re.match(r"\[:(\w+):\]", pattern[index:])
            if posix and posix.group(1) in _CLASSES:
                out.append(_CLASSES[posix.group(1)])
                index += len(posix.group(0))
                continue
            if char == "]" and out[-1] not in ("[", "[^"):
                in_class = False
            out.append("\\\\" if char == "\\" else char)
            index += 1
            continue
        if char == "[":
            in_class = True
            negated = pattern[index + 1:index + 2] == "^"
            out.append("[^" if negated else "[")
            index += 2 if negated else 1
            if pattern[index:index + 1] == "]":  # a leading ] is a member
                out.append("\\]")
                index += 1
            continue
        if char == "\\" and index + 1 < len(pattern):
            following = pattern[index + 1]
            if following in "<>":
                out.append(r"\b")
            elif following in "|+?(){}" and not extended:
                out.append(following)
            elif following.isalnum() and following not in "wWsSbB123456789":
                raise ValueError(f"the escape \\{following}")
            else:
                out.append("\\" + following)
            index += 2
            continue
        if char in "|+?(){}" and not extended:
            out.append("\\" + char)
        elif char == "(" and pattern[index + 1:index + 2] == "?":
            raise ValueError("(? in a pattern")
        else:
            out.append(char)
        index += 1
    return "".join(out)


def grep(argv: list[str], read: Callable[[str], list[str] | None], stdin: list[str] | None) -> CommandResult:
    """grep over the named files (read(path) gives their lines, None when missing) or `stdin`."""
    parsed = read_gnu(GREP, argv)
    if isinstance(parsed, CommandResult):
        return parsed
    options, rest = parsed
    flags = {flag for flag, _ in options}
    patterns = [value for flag, value in options if flag == "-e"]
    if not patterns:
        if not rest:
            return CommandResult(stderr=GREP.usage, rc=2)
        patterns, rest = [rest[0]], rest[1:]
    mode = next((flag for flag, _ in reversed(options) if flag in ("-E", "-F", "-G")), "-G")
    ignore_case = next((flag for flag, _ in reversed(options) if flag in ("-i", "-y", "--no-ignore-case")), "")
    try:
        sources = [(re.escape(p) if mode == "-F" else posix_regex(p, mode == "-E")) for text in patterns
                   for p in text.split("\n")]
        if "-w" in flags:
            sources = [rf"(?<!\w)(?:{s})(?!\w)" for s in sources]
        regex = re.compile("|".join(f"(?:{s})" for s in sources), re.I if ignore_case in ("-i", "-y") else 0)
    except ValueError as error:
        return CommandResult(stderr=f"grep: not simulated: {error} (Python reads it otherwise); try it on real "
                                    "nodes: halab rig up\n", rc=2)
    except re.error as error:
        return CommandResult(stderr=f"grep: {error}\n", rc=2)
    limit = next((value for flag, value in reversed(options) if flag == "-m"), None)
    if limit is not None and not limit.lstrip("-").isdigit():
        return CommandResult(stderr="grep: invalid max count\n", rc=2)
    files = rest or ["-"]
    named = ("-H" in flags or len(files) > 1) and "-h" not in flags
    out, errors, matched, trouble = [], [], False, False
    for path in files:
        lines = stdin if path == "-" else read(path)
        if lines is None:
            trouble = True
            if "-s" not in flags:
                errors.append(f"grep: {path}: No such file or directory\n")
            continue
        label = "(standard input)" if path == "-" else path
        found = _selected(lines, regex, flags, None if limit is None else int(limit))
        matched = matched or bool(found)
        if "-q" in flags:
            if found:
                return CommandResult()
            continue
        if "-c" in flags:
            out.append(f"{label}:{len(found)}\n" if named else f"{len(found)}\n")
            continue
        for number, line in found:
            prefix = (f"{label}:" if named else "") + (f"{number}:" if "-n" in flags else "")
            pieces = [m.group(0) for m in regex.finditer(line) if m.group(0)] if "-o" in flags and "-v" not in flags \
                else [] if "-o" in flags else [line]
            out.extend(f"{prefix}{piece}\n" for piece in pieces)
    rc = 2 if trouble and not ("-q" in flags and matched) else 0 if matched else 1
    return CommandResult(stdout="".join(out), stderr="".join(errors), rc=rc)


def _selected(lines: list[str], regex: re.Pattern[str], flags: set[str], limit: int | None) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for number, line in enumerate(lines, 1):
        hit = regex.fullmatch(line) is not None if "-x" in flags else regex.search(line) is not None
        if hit != ("-v" in flags):
            if limit is not None and len(found) >= limit >= 0:
                break
            found.append((number, line))
    return found


# --- head, tail, wc, cat ---------------------------------------------------------------------------

def head_or_tail(tool: GnuTool, argv: list[str], read: Callable[[str], list[str] | None],
                 stdin: list[str] | None) -> CommandResult:
    parsed = read_gnu(tool, argv)
    if isinstance(parsed, CommandResult):
        return parsed
    options, files = parsed
    count_text = next((value for flag, value in reversed(options) if flag == "-n"), "10")
    number = re.fullmatch(r"([+-]?)(\d+)", count_text)
    if number is None:
        what = "lines" if tool is HEAD else "number of lines"
        return CommandResult(stderr=f"{tool.name}: invalid {what}: '{count_text}'\n", rc=1)
    sign, count = number.group(1), int(number.group(2))
    if len(files) > 1:
        return CommandResult(stderr=f"{tool.name}: not simulated: several files at once (their ==> headers <==); "
                                    "try it on real nodes: halab rig up\n", rc=1)
    lines = stdin if not files or files[0] == "-" else read(files[0])
    if lines is None:
        return CommandResult(stderr=f"{tool.name}: cannot open '{files[0]}' for reading: No such file or directory\n",
                             rc=1)
    if tool is HEAD:
        shown = lines[:-count] if sign == "-" else lines[:count]
    else:
        shown = lines[max(count - 1, 0):] if sign == "+" else lines[-count:] if count else []
    return CommandResult(stdout="".join(line + "\n" for line in shown))


def wc(argv: list[str], read: Callable[[str], list[str] | None], stdin: list[str] | None) -> CommandResult:
    parsed = read_gnu(WC, argv)
    if isinstance(parsed, CommandResult):
        return parsed
    options, files = parsed
    if not options:
        return CommandResult(stderr="wc: not simulated: counting words and bytes (only wc -l); try it on real nodes: "
                                    "halab rig up\n", rc=1)
    if len(files) > 1:
        return CommandResult(stderr="wc: not simulated: several files at once; try it on real nodes: halab rig up\n",
                             rc=1)
    lines = stdin if not files else read(files[0])
    if lines is None:
        return CommandResult(stderr=f"wc: {files[0]}: No such file or directory\n", rc=1)
    return CommandResult(stdout=f"{len(lines)} {files[0]}\n" if files else f"{len(lines)}\n")


def cat(argv: list[str], read: Callable[[str], list[str] | None], stdin: list[str] | None) -> CommandResult:
    parsed = read_gnu(CAT, argv)
    if isinstance(parsed, CommandResult):
        return parsed
    _, files = parsed
    out: list[str] = []
    errors: list[str] = []
    for path in files or ["-"]:
        lines = stdin if path == "-" else read(path)
        if lines is None:
            errors.append(f"cat: {path}: No such file or directory\n")
            continue
        out.extend(line + "\n" for line in lines)
    return CommandResult(stdout="".join(out), stderr="".join(errors), rc=1 if errors else 0)
