"""`pcs cluster cib [FILE]` and `pcs cluster cib-push FILE [--config] [diff-against=FILE]`.

Files are text handed in by the caller (`PcsLib.files`) and handed back
(`PcsLib.written_files`): the core never touches a disk.
"""

from __future__ import annotations

import re
from copy import deepcopy
from datetime import datetime, timezone
from typing import Callable

from lxml import etree

from halab_kernel.commands.pcs.context import PcsLib
from halab_kernel.commands.pcs.errors import UNABLE_TO_CONTINUE, PcsError, UsageError
from halab_kernel.commands.pcs.options import Modifiers
from halab_kernel.sim.pacemaker.cib.dump import dump_formatted


CIB_SCOPES = ("acls", "alerts", "configuration", "constraints", "crm_config", "fencing-topology", "nodes",
              "op_defaults", "resources", "rsc_defaults", "tags")


def cib_cmd(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    """What `cibadmin -l -Q [--scope SCOPE]` prints, to stdout or a file. As pcs 0.11.5 reads the
    arguments: each one without '=' names the file (the last wins), scope= may repeat (the last
    wins) and is checked where it stands, anything else is a usage error."""
    modifiers.ensure_only("-f", "--config")
    filename, scope = None, None
    for arg in argv:
        if "=" not in arg:
            filename = arg
            continue
        name, value = arg.split("=", 1)
        if name != "scope" or modifiers.has("--config"):
            raise UsageError()
        if value not in CIB_SCOPES:
            raise PcsError(f"Error: invalid CIB scope '{value}'")
        scope = value
    if modifiers.has("--config"):
        scope = "configuration"
    root = lib.cib
    shown = root if scope is None else root.find(scope if scope == "configuration" else f"configuration/{scope}")
    if shown is None:
        raise PcsError(f"Error: unable to get cib, scope '{scope}' not present in cib")
    text = dump_formatted(shown)
    if filename is not None:
        lib.written_files[filename] = text
    else:
        lib.reporter.out(text.rstrip("\n"))


def cib_push(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    modifiers.ensure_only("-f", "--config", "--wait")
    if not argv:
        raise UsageError()
    filename, options = argv[0], argv[1:]
    text = lib.files.get(filename)
    if text is None:
        raise PcsError(f"Error: unable to read file '{filename}': No such file or directory")
    try:
        new = etree.fromstring(text.encode())
    except etree.XMLSyntaxError:
        raise PcsError(f"Error: unable to parse new cib: {filename}") from None
    diff_against = next((o.split("=", 1)[1] for o in options if o.startswith("diff-against=")), None)
    current = lib.cib
    if modifiers.has("--config"):
        if new.tag != "configuration" and new.find("configuration") is None:
            raise PcsError("Error: unable to parse new cib: no configuration section")
        configuration = new if new.tag == "configuration" else new.find("configuration")
        replaced = deepcopy(current)
        old = replaced.find("configuration")
        replaced.replace(old, deepcopy(configuration))
        lib.replace_cib(replaced)
    elif diff_against is not None:
        if diff_against not in lib.files:
            raise PcsError(f"Error: unable to read file '{diff_against}': No such file or directory")
        # Our CIBs are small: applying the diff is replacing the configuration that changed.
        replaced = deepcopy(current)
        replaced.replace(replaced.find("configuration"), deepcopy(new.find("configuration")))
        lib.replace_cib(replaced)
    else:
        if new.tag != "cib":
            raise PcsError("Error: unable to push cib: not a CIB document")
        lib.replace_cib(deepcopy(new))
    lib.reporter.out("CIB updated")


# a line of crm_verify's that suggests more -V: pcs drops it (lib/pacemaker/live.py, verify)
_MORE_V = re.compile(r".*-V( -V)* .*more detail.*")

CrmVerify = Callable[[int], "tuple[str, int] | str"]


def invalid_cib(stderr: str, full: bool) -> list[str]:
    """pcs 0.11.5's InvalidCibContent report of crm_verify's stderr: its "-V may provide more details" line
    dropped, "Use --full for more details." said instead unless --full was given."""
    lines = stderr.splitlines(keepends=True)
    kept = "".join(line for line in lines if not _MORE_V.match(line))
    more = not full and len(kept) != len(stderr)
    message = "invalid cib:\n" + kept + ("\n\nUse --full for more details." if more else "")
    return ("Error: " + message).split("\n")


def verify(lib: PcsLib, argv: list[str], modifiers: Modifiers, crm_verify: CrmVerify | None = None) -> None:
    """`pcs cluster verify [--full]`: pcs 0.11.5 runs crm_verify (-V -V with --full) on the live CIB or,
    given -f, on the file; when it fails, its stderr is the error, then pcs checks the fencing levels
    (`stonith level verify`). `crm_verify` answers for a lab (its `crm_verify --live-check`); without it
    the file's verdict is the lab's crm_verify checks on the file (crm_verify_file.py). What crm_verify
    does not simulate is refused by name."""
    from halab_kernel.commands.crm_verify_file import file_verdict
    from halab_kernel.commands.pcs.levels import check_levels

    modifiers.ensure_only("-f", "--full")
    if argv:
        raise UsageError()
    full = modifiers.has("--full")
    verbosity = 2 if full else 0
    if crm_verify is not None:
        answer = crm_verify(verbosity)
    else:
        answer = file_verdict(lib.cib, verbosity, int((lib.now or datetime.now(timezone.utc)).timestamp()))
    if isinstance(answer, str):
        raise PcsError(f"Error: crm_verify: not simulated: {answer}; try it on real nodes: halab rig up")
    stderr, rc = answer
    if rc != 0:
        for line in invalid_cib(stderr, full):
            lib.reporter.err(line)
    if crm_verify is None:   # pcs reads crm_mon's XML of the file next (a lab's records are complete)
        from halab_kernel.commands.pcs.status_of_file import status_xml_problem

        problem = status_xml_problem(lib.cib, int((lib.now or datetime.now(timezone.utc)).timestamp()))
        if problem is not None:
            raise PcsError(problem)
    check_levels(lib)
    if rc != 0:
        raise PcsError(UNABLE_TO_CONTINUE)
    lib.reporter.stop_if_errors()


def cluster_router():
    from halab_kernel.commands.pcs.routing import Router, on_a_node
    return Router("cluster", {
        "auth": on_a_node("cluster auth", "--corosync_conf", "--request-timeout", "-u", "-p"),
        "destroy": on_a_node("cluster destroy", "--all", "--request-timeout", "--force"),
        "cib": cib_cmd,
        "cib-push": cib_push,
        "verify": verify,
        "setup": setup_cmd,
    })


def setup_cmd(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    """Without a cluster behind it, pcs can only write corosync.conf to a file (--corosync_conf)."""
    from halab_kernel.commands.pcs.setup import SETUP_OPTIONS, setup_local
    modifiers.ensure_only(*SETUP_OPTIONS)  # `-f` is none of them
    if not modifiers.has("--corosync_conf"):
        raise PcsError("Error: pcs cluster setup needs the nodes' pcsd; with -f, write the file instead: "
                       "pcs cluster setup --corosync_conf FILE ...")
    setup_local(lib, argv, modifiers)
