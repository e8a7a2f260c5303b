"""How crm_resource 2.1.5 reads the value pcs hands it as `--lifetime VALUE`.

pcs runs `crm_resource --ban|--move ... --lifetime VALUE`. crm_resource first explodes
every argument that starts with one dash (pcmk__cmdline_preproc: `-PT1H` becomes `-P -T 1H`,
a value-taking letter keeps the rest as its value, an all-digit `-12` stays whole); glib then
gives `--lifetime` the first piece and reads the rest as options. So `lifetime=-P1D` ends with
"Unknown option -1", `-PG` with "Missing argument for -G", `-Pu5` with the duration `5`.
"""

from __future__ import annotations

from dataclasses import dataclass

_TAKES_VALUE = "GHINSTdginpstuvx"  # crm_resource's pcmk__cmdline_preproc special letters
_HARMLESS = "QqTV"  # options that change nothing in a ban/move on a file (quiet, timeout, verbose)
_KNOWN = "?ABCDFLMOPRUWYacefhlmoqrwz" + _TAKES_VALUE + _HARMLESS  # crm_resource --help-all, hidden ones too


@dataclass(frozen=True)
class LifetimeReading:
    lifetime: str | None = None  # the duration crm_resource checks
    error: str | None = None  # its own refusal, before any duration is checked
    unmodelled: str | None = None  # an option that would change what crm_resource does


def _pieces(value: str) -> list[str]:
    if not value.startswith("-") or value.startswith("--") or len(value) < 2:
        return [value]
    if value[1] in "123456789" and value[1:].isdigit():
        return [value]
    pieces: list[str] = []
    for index, letter in enumerate(value[1:], start=1):
        pieces.append(f"-{letter}")
        if letter in _TAKES_VALUE and index + 1 < len(value):
            pieces.append(value[index + 1:])
            break
    return pieces


def read_lifetime(value: str) -> LifetimeReading:
    pieces = _pieces(value)
    lifetime, rest = pieces[0], pieces[1:]
    index = 0
    while index < len(rest):
        letter = rest[index][1]
        if letter not in _KNOWN:
            return LifetimeReading(error=f"crm_resource: Unknown option -{letter}")
        if letter in _TAKES_VALUE:
            if index + 1 >= len(rest):
                return LifetimeReading(error=f"crm_resource: Missing argument for -{letter}")
            if letter == "u":
                lifetime = rest[index + 1]
            elif letter not in _HARMLESS:
                return LifetimeReading(unmodelled=f"-{letter}")
            index += 2
            continue
        if letter not in _HARMLESS:
            return LifetimeReading(unmodelled=f"-{letter}")
        index += 1
    return LifetimeReading(lifetime=lifetime)
