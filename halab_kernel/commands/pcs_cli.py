"""`halab pcs -f FILE ...`: the simulator's pcs on a real CIB file (the only file I/O of pcs).

It exists so the simulator's answers can be put side by side with real
`pcs -f FILE ...` on the same file: same output, same exit code, same CIB.
"""

from __future__ import annotations

import sys
from datetime import datetime, timezone
from pathlib import Path

from lxml import etree

from halab_kernel.commands.pcs import run_pcs

EMPTY_CIB = (
    '<cib crm_feature_set="3.16.1" validate-with="pacemaker-3.9" epoch="1" num_updates="0" '
    'admin_epoch="0"><configuration><crm_config/><nodes/><resources/><constraints/>'
    "</configuration><status/></cib>"
)
COROSYNC_CONF = Path("/etc/corosync/corosync.conf")


def _cib_file(argv: list[str]) -> str | None:
    for index, arg in enumerate(argv):
        if arg == "--":
            return None
        if arg == "-f" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("-f") and len(arg) > 2 and not arg.startswith("--"):
            return arg[2:]
    return None


def _named_files(argv: list[str]) -> dict[str, str]:
    """Text of files a command may read (cib-push FILE, diff-against=FILE)."""
    files = {}
    for arg in argv:
        name = arg.split("=", 1)[1] if arg.startswith("diff-against=") else arg
        path = Path(name)
        if ("/" in name or name.endswith(".xml")) and path.is_file():
            try:
                files[name] = path.read_text()
            except OSError:
                continue
    return files


def main(argv: list[str]) -> int:
    filename = _cib_file(argv)
    if filename is None:
        print("Error: halab pcs works on a CIB file: use -f FILE", file=sys.stderr)
        return 1
    path = Path(filename)
    try:
        text = path.read_text() if path.exists() else EMPTY_CIB
        cib = etree.fromstring(text.encode())
    except (OSError, etree.XMLSyntaxError) as error:
        print(f"Error: unable to read cib file '{filename}': {error}", file=sys.stderr)
        return 1
    corosync_conf = COROSYNC_CONF.read_text() if COROSYNC_CONF.is_file() else None
    try:
        outcome = run_pcs(argv, cib, files=_named_files(argv), offline=True, corosync_conf=corosync_conf,
                          now=datetime.now(timezone.utc))
    except Exception as error:  # a simulator bug must not show a traceback; the file is left as it was
        print(f"pcs: internal error in the simulator ({type(error).__name__}: {error}); this is a halab bug, "
              "please report it", file=sys.stderr)
        return 70
    if outcome.cib is not None or not path.exists():
        new = outcome.cib if outcome.cib is not None else cib
        path.write_text(etree.tostring(new, encoding="unicode", pretty_print=True))
    for name, content in outcome.written_files.items():
        Path(name).write_text(content)
    sys.stdout.write(outcome.result.stdout)
    sys.stderr.write(outcome.result.stderr)
    return outcome.result.rc


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
