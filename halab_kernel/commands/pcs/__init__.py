"""pcs 0.11's configuration grammar over a CIB document, as a pure library.

`run_pcs(argv, cib)` answers a pcs command line the way `pcs -f CIB.xml ...`
does: same stdout/stderr lines, same exit code, same resulting CIB. It works
on a copy: a failing command returns `cib=None` and the caller's CIB is left
untouched (all-or-nothing). No I/O happens here; files a command names
(`-f`, `cluster cib FILE`, `cib-push FILE`) come in and go out as text.
"""

from __future__ import annotations

import re
from copy import deepcopy
from dataclasses import dataclass, field
from datetime import datetime
from typing import Mapping

from lxml import etree

from halab_kernel.commands.cib_schema import schema_problem
from halab_kernel.commands.pcs.cluster import cluster_router
from halab_kernel.commands.pcs.context import PcsLib
from halab_kernel.commands.pcs.errors import PcsError, Reporter, UsageError, unable_to_update
from halab_kernel.commands.pcs.options import parse_argv
from halab_kernel.commands.pcs.routing import Router, add_route, build_root
from halab_kernel.commands.pcs.runtime_on_file import RUNTIME_ROUTES, runtime_without_cluster
from halab_kernel.commands.pcs.usage import full_help, help_for, usage_for
from halab_kernel.model import CommandResult

__all__ = ["PcsOutcome", "run_pcs", "Router", "add_route", "build_root"]


@dataclass(frozen=True)
class PcsOutcome:
    """What a pcs command gives back: its output, and the new CIB if it changed one."""

    result: CommandResult
    cib: etree._Element | None = None
    written_files: Mapping[str, str] = field(default_factory=dict)


def _root() -> Router:
    root = build_root()
    root.routes["cluster"] = cluster_router()
    for path in RUNTIME_ROUTES:  # a lab binds them to its nodes (pcs_live); here no cluster stands behind pcs
        add_route(root, list(path), runtime_without_cluster(path))
    return root


_ROOT = _root()


def run_pcs(argv: list[str], cib: etree._Element | None, *, files: Mapping[str, str] | None = None,
            offline: bool | None = None, corosync_conf: str | None = None,
            root: Router | None = None, sbd_enabled: bool = False,
            now: datetime | None = None) -> PcsOutcome:
    """Run `pcs <argv>` on `cib` (never modified); `offline` defaults to "-f given"."""
    reporter = Reporter()
    unusable = next((arg for arg in argv if not _xml_compatible(arg)), None)
    if unusable is not None:
        # Real pcs 0.11.5 dies with a Python traceback here; we refuse the line instead.
        return _failed(reporter, PcsError(f"Error: invalid argument {unusable!r}: control characters "
                                          "cannot be stored in the CIB"))
    try:
        positional, modifiers, notes = parse_argv(list(argv))
    except PcsError as error:
        return _failed(reporter, error, usage=usage_for(None))
    if modifiers.has("--version"):  # pcs answers these before it reads the command
        return PcsOutcome(CommandResult(stdout="0.11.5\n"))
    if modifiers.has("--fullhelp"):
        return PcsOutcome(CommandResult(stdout=full_help()))
    shown = help_for(positional, modifiers.has("--help") or modifiers.has("-h"))
    if shown is not None:
        return PcsOutcome(CommandResult(stdout=shown + "\n"))
    reporter.force = modifiers.has("--force")
    if modifiers.has("--debug"):  # real pcs traces every command it runs, its output and the CIB it pushes
        reporter.err("pcs: not simulated: the trace --debug prints (the commands pcs runs, their output, the CIB "
                     "it pushes); the command itself runs as without it; try it on real nodes: halab rig up")
    for note in notes:
        reporter.deprecation(note)
    problem = schema_problem(cib) if modifiers.has("-f") and cib is not None and cib.tag == "cib" else None
    if problem is not None:  # real pcs fails reading it ("unable to get cib", "unable to process cib", ...)
        return _failed(reporter, PcsError(f"Error: not simulated: pcs on a CIB file that does not conform to its "
                                          f"schema ({problem}); try it on real nodes: halab rig up"))
    working = deepcopy(cib) if cib is not None else None
    lib = PcsLib(working, reporter, files or {}, offline if offline is not None else modifiers.has("-f"),
                 corosync_conf=corosync_conf, sbd_enabled=sbd_enabled, now=now)
    if not positional:
        return _failed(reporter, UsageError(), usage=usage_for(None))
    try:
        (root or _ROOT)(lib, positional, modifiers)
    except UsageError as error:
        return _failed(reporter, error, usage=usage_for(error.command))
    except PcsError as error:
        failed = _failed(reporter, error)
        if lib.pushed is None:
            return failed
        # a legacy command that pushes step by step keeps what it pushed before failing
        _drop_blank_text(lib.pushed)
        _bump_epoch(lib.pushed)
        return PcsOutcome(failed.result, lib.pushed)
    result = CommandResult(stdout=_text(reporter.stdout), stderr=_text(reporter.stderr), rc=0)
    new_cib = lib.cib_root if lib.changed else None
    if new_cib is not None and new_cib.tag == "cib" and schema_problem(new_cib) is not None:
        # pcs pushes with cibadmin --replace, which validates (e.g. `op add ... on-fail=bogus`)
        return _failed(reporter, unable_to_update(library=not _legacy_push(positional)))
    if new_cib is not None:
        _drop_blank_text(new_cib)
        _bump_epoch(new_cib)
    return PcsOutcome(result, new_cib, dict(lib.written_files))


# the commands pcs 0.11.5 pushes with utils.replace_cib_configuration (the others through its library)
_LEGACY_PUSHES = {
    "constraint": ("location", "order", "colocation", "rule", "remove", "delete", "ref"),
    "resource": ("clone", "promotable", "unclone", "group", "ungroup", "meta", "op", "relocate", "delete",
                 "remove", "update", "utilization"),
    "stonith": ("update", "meta", "op", "delete", "remove"),
    "node": ("utilization",),
}


def _legacy_push(positional: list[str]) -> bool:
    """Whether this command line is one of pcs's legacy commands (not the set commands of constraints,
    `group add` nor `op defaults`, which its library runs)."""
    words = positional[:3]
    if len(words) < 2 or words[1] not in _LEGACY_PUSHES.get(words[0], ()):
        return False
    third = words[2] if len(words) > 2 else ""
    return not (third == "set" or words[1] == "group" and third not in ("remove", "delete")
                or words[1] == "op" and third == "defaults")


def _failed(reporter: Reporter, error: Exception, usage: str | None = None) -> PcsOutcome:
    lines = list(reporter.stderr)
    if isinstance(error, PcsError):
        lines += list(error.lines)
        rc = error.rc
    else:  # a usage error, as pcs's exit_on_cmdline_input_error prints it
        rc = 1
        message = getattr(error, "message", None)
        hint = getattr(error, "hint", None)
        lines += [f"Error: {message}"] if message else []
        lines += [f"Hint: {hint}"] if hint else []
        if not message or getattr(error, "show_both", False):
            lines.append(usage or usage_for(None))
    return PcsOutcome(CommandResult(stdout=_text(reporter.stdout), stderr=_text(lines), rc=rc), None)


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_compatible(arg: str) -> bool:
    return not _NOT_XML.search(arg)


def _text(lines: list[str]) -> str:
    return "".join(f"{line}\n" for line in lines)


def _drop_blank_text(cib: etree._Element) -> None:
    """An element emptied by the command (`<meta_attributes>` whose last nvpair went) loses its
    leftover indentation: the real tools write it back as `<meta_attributes .../>`."""
    for element in cib.iter():
        if len(element) == 0 and element.text is not None and not element.text.strip():
            element.text = None


def _bump_epoch(cib: etree._Element) -> None:
    """cibadmin --replace raises the epoch by one, as pcs's push does."""
    try:
        cib.set("epoch", str(int(cib.get("epoch", "0")) + 1))
    except ValueError:
        pass
