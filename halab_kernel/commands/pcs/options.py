"""pcs's command-line options: `-f FILE`, `--force`, `--group G`, ... anywhere in argv.

pcs parses options with GNU getopt (options may follow positional
arguments) after taking negative numbers such as `-INFINITY` out of the way,
so that scores are not mistaken for options. Each command then declares
which options it accepts; any other one is an error, as in real pcs.
"""

from __future__ import annotations

import getopt
from dataclasses import dataclass, field
from typing import Mapping

from halab_kernel.commands.pcs.errors import PcsError
from halab_kernel.commands.pcs.usage import usage_for

SHORT_OPTIONS = "hf:p:u:"
LONG_OPTIONS = (
    "debug", "version", "help", "fullhelp", "force", "skip-offline",
    "autodelete", "simulate", "all", "full", "local", "wait", "config",
    "start", "enable", "disabled", "off", "request-timeout=", "brief", "safe",
    "no-strict", "strict", "pacemaker", "corosync", "no-default-ops",
    "defaults", "nodesc", "master", "promoted", "name=", "group=", "node=",
    "from=", "to=", "after=", "before=", "corosync_conf=", "booth-conf=",
    "booth-key=", "no-watchdog-validation", "no-cluster-uuid", "no-keys-sync",
    "hide-inactive", "monitor", "groups", "expired", "no-expire-check",
    "overwrite", "output-format=", "token=", "agent-validation",
)
_OPTIONS_WITH_VALUE = {"-f", "-p", "-u"} | {f"--{o[:-1]}" for o in LONG_OPTIONS if o.endswith("=")}


@dataclass(frozen=True)
class Modifiers:
    """The options given on the command line: name ("--force", "-f") -> value."""

    options: Mapping[str, str] = field(default_factory=dict)
    wait: str | None = None

    def has(self, name: str) -> bool:
        return name in self.options

    def get(self, name: str) -> str | None:
        return self.options.get(name)

    def ensure_no_wait_with_file(self) -> None:
        if "--wait" in self.options and "-f" in self.options:
            raise PcsError("Error: Cannot use '-f' together with '--wait'")

    def ensure_wait_satisfiable(self) -> None:
        """pcs's library commands (env.ensure_wait_satisfiable): the timeout is read first, then -f refused."""
        value = self.wait
        if "--wait" in self.options and value is not None and timeout_to_seconds(value) is None:
            raise PcsError(f"Error: '{value}' is not a valid number of seconds to wait")
        self.ensure_no_wait_with_file()

    def output_format(self, simulated: tuple[str, ...] = ("text",)) -> str:
        """`--output-format`: pcs's check of the value; a format the simulator does not write for this
        command is refused by name rather than answered in another format."""
        value = self.get("--output-format") or "text"
        if value not in ("cmd", "json", "text"):
            raise PcsError(f"Error: Unknown value '{value}' for '--output-format' option. Supported values are: "
                           "'cmd', 'json', 'text'")
        if value not in simulated:
            raise PcsError(f"Error: --output-format={value} is not simulated for this command (only "
                           f"{', '.join(simulated)}); try it on real nodes (halab rig up)")
        return value

    def ensure_only(self, *allowed: str, deferred_wait_check: bool = False, library: bool = False) -> None:
        """Refuse options this command does not take, with pcs's message.

        Like pcs, `--wait` cannot be combined with `-f` (nothing to wait for); commands
        that parse their arguments first check that later (`deferred_wait_check`).
        """
        unsupported = sorted(name for name in self.options if name not in allowed)
        if not unsupported:
            if library and not deferred_wait_check:
                self.ensure_wait_satisfiable()
            elif "--wait" in self.options and "-f" in self.options and not deferred_wait_check:
                self.ensure_no_wait_with_file()
            return
        if len(unsupported) == 1:
            raise PcsError(f"Error: Specified option '{unsupported[0]}' is not supported in this command")
        listed = "', '".join(unsupported)
        raise PcsError(f"Error: Specified options '{listed}' are not supported in this command")


def timeout_to_seconds(value: str) -> int | None:
    """pcs's common.tools.timeout_to_seconds: an integer, or digits with s/sec/m/min/h/hr; else None
    (so `5000ms` is not 5s, and every interval it cannot read shares the key None)."""
    try:
        number = int(value)
        return number if number >= 0 else None
    except ValueError:
        pass
    for suffix, multiplier in (("s", 1), ("sec", 1), ("m", 60), ("min", 60), ("h", 3600), ("hr", 3600)):
        if value.endswith(suffix) and value[:-len(suffix)].isdigit():
            return int(value[:-len(suffix)]) * multiplier
    return None


def _is_negative_number(arg: str) -> bool:
    """`-5`, `-INFINITY`, `-1.5` (and whatever else Python reads as a float), as pcs decides."""
    if not arg.startswith("-"):
        return False
    if arg[1:].isdigit() or arg[1:].lower() == "infinity":
        return True
    try:
        float(arg)
    except ValueError:
        return False
    return True


def parse_argv(argv: list[str]) -> tuple[list[str], Modifiers, list[str]]:
    """Split argv into positional args and options; also return deprecation notes.

    Raises PcsError for an unknown option or an option given twice.
    """
    wait: str | None = None
    normalized = []
    for arg in argv:
        if arg.startswith("--wait="):
            value = arg[len("--wait="):]
            if value:
                wait = value
                arg = "--wait"
        normalized.append(arg)
    notes: list[str] = []
    try:
        if "--" in normalized:
            pairs, positional = getopt.gnu_getopt(normalized, SHORT_OPTIONS, list(LONG_OPTIONS))
        else:
            kept, negatives = [], []
            for index, arg in enumerate(normalized):
                previous = normalized[index - 1] if index else ""
                if _is_negative_number(arg) and previous not in _OPTIONS_WITH_VALUE:
                    negatives.append(arg)
                else:
                    kept.append(arg)
            if negatives:
                joined = "', '".join(negatives)
                notes.append(
                    f"Using '{joined}' without '--' is deprecated, those parameters will be "
                    "considered position independent options in future pcs versions"
                )
            pairs, _ = getopt.gnu_getopt(kept, SHORT_OPTIONS, list(LONG_OPTIONS))
            positional = _positional_keeping_negatives(normalized)
    except getopt.GetoptError as exc:
        raise PcsError(f"Error: {exc}", usage_for(None)) from None  # then pcs's main usage
    options: dict[str, str] = {}
    for name, value in pairs:
        if name in options:
            raise PcsError(f"Error: {name} can only be used once")
        options[name] = value
    if "--master" in options:  # pcs renames it before any command sees its options
        notes.append("Option '--master' is deprecated and has been replaced by option '--promoted' ")
        options["--promoted"] = options.pop("--master")
    return positional, Modifiers(options, wait), notes


def _positional_keeping_negatives(argv: list[str]) -> list[str]:
    """pcs's rule: drop what starts with "-" (but "-" and negative numbers) and any word
    that follows an option taking a value, judged on the previous word alone."""
    result: list[str] = []
    for index, arg in enumerate(argv):
        previous = argv[index - 1] if index else ""
        if previous in _OPTIONS_WITH_VALUE:
            continue
        if not arg.startswith("-") or arg == "-" or _is_negative_number(arg):
            result.append(arg)
    return result
