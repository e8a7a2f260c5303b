"""Runtime commands given a CIB file (`pcs -f FILE ...`), where no cluster stands behind pcs.

Real pcs 0.11.5 refuses the commands that act on a running cluster ("Specified option '-f'
is not supported in this command") and runs the status views on the file: the resource lists
the fail counts, the nodes and the cluster view are read from the file here as well (status_views.py,
failcounts.py, status_of_file.py); the other views (the whole status, xml) are shown from a running lab
only, and say so rather than print a usage text.
"""

from __future__ import annotations

from halab_kernel.commands.pcs import failcounts, status_of_file, status_views
from halab_kernel.commands.pcs.context import Handler, PcsLib
from halab_kernel.commands.pcs.errors import PcsError, UsageError
from halab_kernel.commands.pcs.options import Modifiers

FILE_REFUSED = "Error: Specified option '-f' is not supported in this command"

# (route, does real pcs run it on a file?)
RUNTIME_ROUTES: dict[tuple[str, ...], bool] = {
    ("resource", "restart"): False,
    ("resource", "cleanup"): False,
    ("resource", "refresh"): False,
    ("resource", "failcount"): True,
    ("stonith", "failcount"): True,
    ("resource", "status"): True,
    ("stonith", "status"): True,
    ("stonith", "confirm"): False,
    ("stonith", "sbd", "status"): False,
    ("stonith", "sbd", "enable"): False,
    ("stonith", "sbd", "disable"): False,
    ("quorum", "status"): False,
    ("quorum", "config"): False,
    ("quorum", "expected-votes"): False,
    ("quorum", "unblock"): False,
    ("cluster", "start"): False,
    ("cluster", "stop"): False,
    ("cluster", "enable"): False,
    ("cluster", "disable"): False,
    ("cluster", "status"): True,
    ("status",): True,
}


# the options each command refusing -f takes (pcs 0.11.5's ensure_only_supported; --debug always)
SUPPORTED: dict[tuple[str, ...], tuple[str, ...]] = {
    ("resource", "restart"): ("--wait",),
    ("resource", "cleanup"): ("--strict",),
    ("resource", "refresh"): ("--force", "--strict"),
    ("stonith", "confirm"): ("--force",),
    ("stonith", "sbd", "status"): ("--request-timeout", "--full"),
    ("stonith", "sbd", "enable"): ("--request-timeout", "--force", "--skip-offline", "--no-watchdog-validation"),
    ("stonith", "sbd", "disable"): ("--request-timeout", "--skip-offline"),
    ("quorum", "status"): (),
    ("quorum", "config"): ("--corosync_conf",),
    ("quorum", "expected-votes"): (),
    ("quorum", "unblock"): ("--force",),
    ("cluster", "start"): ("--wait", "--request-timeout", "--all", "--corosync_conf"),
    ("cluster", "stop"): ("--wait", "--request-timeout", "--pacemaker", "--corosync", "--all", "--force"),
    ("cluster", "enable"): ("--all", "--request-timeout"),
    ("cluster", "disable"): ("--all", "--request-timeout"),
}


def refuse_on_file(lib: PcsLib, what: str, runs_on_file: bool, modifiers: Modifiers | None = None,
                   path: tuple[str, ...] = ()) -> None:
    """A runtime command given -f: pcs's refusal (naming every option the command does not take),
    or the simulator's word for a view of a file."""
    if not lib.offline:
        return
    if not runs_on_file:
        if modifiers is not None and path in SUPPORTED:
            if path == ("resource", "refresh") and modifiers.has("--full"):  # pcs 0.11 dropped refresh --full
                unsupported = sorted(name for name in modifiers.options
                                     if name not in (*SUPPORTED[path], "--debug"))
                listed = "', '".join(unsupported)
                raise UsageError(f"Specified option{'s' if len(unsupported) > 1 else ''} '{listed}' "
                                 f"{'are' if len(unsupported) > 1 else 'is'} not supported in this command",
                                 hint="Syntax has changed from previous version. See 'man pcs' -> Changes in "
                                      "pcs-0.11.")
            modifiers.ensure_only(*SUPPORTED[path], "--debug")
        raise PcsError(FILE_REFUSED)
    raise PcsError(f"Error: pcs {what} of a CIB file (-f) is not simulated: the simulator shows it from a "
                   "running lab (lab.run without -f); try it on real nodes: halab rig up")


# pcs 0.11.5's `pcs status` views and, for those that refuse -f, the options each takes
STATUS_VIEWS = ("status", "resources", "cluster", "corosync", "quorum", "qdevice", "booth", "nodes", "pcsd", "xml")
_STATUS_REFUSING_FILE: dict[str, tuple[str, ...]] = {
    "corosync": (), "quorum": (), "qdevice": ("--full",), "booth": ("--name",), "pcsd": ("--request-timeout",),
}


def _status_on_file(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    """`pcs status [VIEW]`: an unknown view is a usage error; with -f the whole status (no view, or
    `status`) wants --corosync_conf, and the views of the live cluster refuse -f, as real pcs does."""
    view = argv[0] if argv else "status"
    if view not in STATUS_VIEWS:  # pcs shows the usage of sub-command "" (all of them)
        unknown = UsageError()
        unknown.command = "status "
        raise unknown
    if not lib.offline:
        return
    if view == "status" and not modifiers.has("--corosync_conf"):
        raise PcsError("Error: When '-f' is specified, '--corosync_conf' must be specified as well")
    if view in _STATUS_REFUSING_FILE:
        modifiers.ensure_only(*_STATUS_REFUSING_FILE[view], "--debug")
        raise PcsError(FILE_REFUSED)


def runtime_without_cluster(path: tuple[str, ...]) -> Handler:
    """The handler for a runtime route where no lab stands behind pcs."""
    what = " ".join(path)
    runs_on_file = RUNTIME_ROUTES[path]

    def handler(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
        if path == ("status",):
            _status_on_file(lib, argv, modifiers)
            if lib.offline and argv[:1] == ["cluster"]:  # crm_mon's view of the file
                return status_of_file.cluster_view(lib, argv[1:], modifiers)
            if lib.offline and argv[:1] == ["xml"]:
                return status_of_file.xml_view(lib, argv[1:], modifiers)
            if lib.offline and argv[:1] == ["nodes"] and argv[1:2] in (["corosync"], ["both"]):
                modifiers.ensure_only("--debug")  # pcs: these forms take no option, -f included
            if lib.offline and argv[:1] == ["nodes"] and argv[1:2] != ["config"]:
                return status_of_file.nodes_view(lib, modifiers)
        if lib.offline and path == ("cluster", "status"):  # pcs's cluster_status, as `status cluster`
            return status_of_file.cluster_view(lib, argv, modifiers, "cluster status")
        listing: list[str] | None = None
        if path in (("resource", "status"), ("stonith", "status")):
            listing = argv
        elif path == ("status",) and argv[:1] == ["resources"]:
            listing = argv[1:]
        if lib.offline and path[1:] == ("failcount",):  # the file's status section
            return failcounts.failcount_cmd(lib, argv, modifiers, group=path[0])
        if lib.offline and listing is not None:  # crm_mon's resource list of the file
            status_views.show(lib, *status_views.file_views(lib.cib, lib.now), listing, modifiers,
                              stonith=path == ("stonith", "status"),
                              usage_command="status resources" if path == ("status",) else None)
            return
        shown = f"{what} {argv[0]}" if path == ("status",) and argv else what
        refuse_on_file(lib, shown, runs_on_file, modifiers, path)
        raise PcsError(f"Error: pcs {what} acts on a running cluster: run it in a lab (lab.run) "
                       "or on real nodes: halab rig up")
    return handler
