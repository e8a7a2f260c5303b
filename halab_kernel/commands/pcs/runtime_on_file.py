"""Runtime commands given a CIB file (`pcs -f FILE ...`), where no cluster stands behind pcs.

Real pcs 0.11.5 refuses the commands that act on a running cluster ("Specified option '-f'
is not supported in this command") and runs the status views on the file: the resource lists
are read from the file here as well (status_views.py); the other views (nodes, the whole
status, fail counts) are shown from a running lab only, and say so rather than print a usage text.
"""

from __future__ import annotations

from halab_kernel.commands.pcs import status_views
from halab_kernel.commands.pcs.context import Handler, PcsLib
from halab_kernel.commands.pcs.errors import PcsError
from halab_kernel.commands.pcs.options import Modifiers

FILE_REFUSED = "Error: Specified option '-f' is not supported in this command"

# (route, does real pcs run it on a file?)
RUNTIME_ROUTES: dict[tuple[str, ...], bool] = {
    ("resource", "restart"): False,
    ("resource", "cleanup"): False,
    ("resource", "refresh"): False,
    ("resource", "failcount"): True,
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


def refuse_on_file(lib: PcsLib, what: str, runs_on_file: bool) -> None:
    """A runtime command given -f: pcs's refusal, or the simulator's word for a view of a file."""
    if not lib.offline:
        return
    if not runs_on_file:
        raise PcsError(FILE_REFUSED)
    raise PcsError(f"Error: pcs {what} of a CIB file (-f) is not simulated: the simulator shows it from a "
                   "running lab (lab.run without -f); try it on real nodes: halab rig up")


def runtime_without_cluster(path: tuple[str, ...]) -> Handler:
    """The handler for a runtime route where no lab stands behind pcs."""
    what = " ".join(path)
    runs_on_file = RUNTIME_ROUTES[path]

    def handler(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
        if path == ("status",) and (not argv or argv[0] in ("cluster", "full")) and lib.offline \
                and not modifiers.has("--corosync_conf"):
            raise PcsError("Error: When '-f' is specified, '--corosync_conf' must be specified as well")
        listing: list[str] | None = None
        if path in (("resource", "status"), ("stonith", "status")):
            listing = argv
        elif path == ("status",) and argv[:1] == ["resources"]:
            listing = argv[1:]
        if lib.offline and listing is not None:  # crm_mon's resource list of the file
            status_views.show(lib, status_views.file_views(lib.cib), listing, modifiers,
                              stonith=path == ("stonith", "status"))
            return
        shown = f"{what} {argv[0]}" if path == ("status",) and argv else what
        refuse_on_file(lib, shown, runs_on_file)
        raise PcsError(f"Error: pcs {what} acts on a running cluster: run it in a lab (lab.run) "
                       "or on real nodes: halab rig up")
    return handler
