"""`ls` on a simulated node: the files the simulator keeps there, and nothing it would have to invent.

A simulated node holds its scheduler inputs (/var/lib/pacemaker/pengine: pe-input-N.bz2 and
pe-input.last, kept by the DC: sim/pacemaker/pe_inputs.py), its two log files, and the files pcs or
cibadmin wrote (`pcs cluster cib FILE`). Listing anything else is refused by name rather than shown
empty. Options: -1 (one per line, the only layout here), -t (newest first), -r (reverse); ls's other
options are refused by name (text_tools.read_gnu).
"""

from __future__ import annotations

from halab_kernel.commands.log_tools import log_files
from halab_kernel.commands.router import CommandContext, register
from halab_kernel.commands.text_tools import GnuTool, read_gnu
from halab_kernel.model import CommandResult
from halab_kernel.sim.pacemaker.pe_inputs import PENGINE_DIR

LS = GnuTool("ls", "aAbBcCdDfFgGhHiI:klLmnNopqQrRsStT:uUvw:xXZ1",
              ("all", "almost-all", "author", "escape", "block-size=", "ignore-backups", "color", "directory", "dired",
               "classify", "file-type", "format=", "full-time", "group-directories-first", "no-group",
               "human-readable", "si", "dereference-command-line", "dereference-command-line-symlink-to-dir",
               "hide=", "hyperlink", "indicator-style=", "inode", "ignore=", "kibibytes", "dereference",
               "numeric-uid-gid", "literal", "hide-control-chars", "show-control-chars", "quote-name",
               "quoting-style=", "reverse", "recursive", "size", "sort=", "time=", "time-style=", "tabsize=", "width=",
               "context", "zero", "help", "version"),
              frozenset({"-1", "-t", "-r"}), 2, "Try 'ls --help' for more information.\n")
NOT_KEPT = ("halab: the simulator keeps only /var/lib/pacemaker/pengine, the log files and the files pcs wrote "
            "on a node; {path} is not simulated (on real nodes: halab rig up)\n")


@register("ls")
def ls(context: CommandContext, argv: list[str]) -> CommandResult:
    parsed = read_gnu(LS, argv)
    if isinstance(parsed, CommandResult):
        return parsed
    options, paths = parsed
    flags = {flag for flag, _ in options}
    entries = _entries(context)  # path -> modification time (virtual seconds)
    shown: list[str] = []
    problems: list[str] = []
    for path in paths or ["."]:
        folder = path.rstrip("/") or "/"
        if path in entries:
            shown.append(path)
            continue
        inside = {p.rpartition("/")[2]: t for p, t in entries.items()
                  if (p.rpartition("/")[0] or ".") == folder or (folder == "." and "/" not in p)}
        if inside or folder in (PENGINE_DIR, "."):
            names = sorted(inside, key=lambda n: n.encode())  # the C locale's order
            if "-t" in flags:
                names.sort(key=lambda n: -inside[n])
            shown += reversed(names) if "-r" in flags else names
        else:
            problems.append(NOT_KEPT.format(path=path))
    return CommandResult(stdout="".join(f"{name}\n" for name in shown), stderr="".join(problems),
                         rc=2 if problems else 0)


def _entries(context: CommandContext) -> dict[str, float]:
    """Every file the simulator keeps on the node, by path, with its modification time."""
    found = {path: 0.0 for path in context.sim.files(context.node)}
    records = context.sim.log_records(context.node)
    for path, kind in log_files(context.sim).items():
        found[path] = max((r.time for r in records if r.file == kind), default=0.0)
    store = context.sim.pacemaker.pe_inputs
    for saved in store.saved(context.node):
        found[saved.path] = saved.time
    if store.last_text(context.node) is not None:
        # written just after the newest input, so `ls -t` shows it first, as on a real node
        found[f"{PENGINE_DIR}/pe-input.last"] = max((s.time for s in store.saved(context.node)), default=0.0) + 1e-6
    return found
