"""pcs on a node of the simulated cluster: the configuration grammar plus the runtime views.

Configuration commands go through `run_pcs` on a copy of the live CIB (or on a
node's file with `-f FILE`) and the result is pushed back all-or-nothing.
Runtime commands (`status`, `cluster start/stop`, `resource cleanup`,
`stonith fence`, `quorum ...`) are extra routes hung on pcs's own router, and
act on the simulator the way pcs drives crm_mon, crm_resource, stonith_admin
and corosync-quorumtool on a real node.
"""

from __future__ import annotations

import re
from datetime import timedelta
from functools import partial
from typing import Callable

from lxml import etree

from halab_kernel import values
from halab_kernel.commands import pcs_agent_actions, pcs_cluster_build, pcs_qdevice, sbd_tool
from halab_kernel.commands.pcs import add_route, build_root, run_pcs
from halab_kernel.commands.pcs.cluster import cluster_router, verify
from halab_kernel.commands.pcs.context import PcsLib
from halab_kernel.commands.pcs.errors import PcsError, UsageError
from halab_kernel.commands.pcs.options import Modifiers
from halab_kernel.commands.pcs import status_nodes, status_of_file, status_views
from halab_kernel.commands.pcs.runtime_on_file import STATUS_VIEWS, runtime_without_cluster
from halab_kernel.commands.router import CommandContext, register
from halab_kernel.commands.pcs_cli import EMPTY_CIB, _cib_file
from halab_kernel.commands.pcs_move import resource_move
from halab_kernel.model import CommandResult, FaultInjected
from halab_kernel.sim.logs import EPOCH

LiveHandler = Callable[[CommandContext, PcsLib, list[str], Modifiers], None]


def _live_only(lib: PcsLib, path: tuple[str, ...], argv: list[str], modifiers: Modifiers) -> None:
    """Given -f, a runtime command answers as where no cluster stands behind pcs."""
    if lib.offline:
        runtime_without_cluster(path)(lib, argv, modifiers)


def _emit(lib: PcsLib, text: str) -> None:
    for line in text.rstrip("\n").split("\n"):
        lib.reporter.out(line)


def _crm_mon(context: CommandContext, flags: str) -> str:
    from halab_kernel.commands.crm_mon import crm_mon

    return crm_mon(context, flags.split()).stdout


def status_warnings(cib, sbd_running: bool) -> list[str]:  # type: ignore[no-untyped-def]
    """pcs status's WARNINGS: fencing required without a device, leftover move constraints."""
    warnings = []
    enabled = next((nv.get("value", "") for nv in cib.iterfind("configuration/crm_config/cluster_property_set/nvpair")
                    if nv.get("name") == "stonith-enabled"), "true")
    devices = [p for p in cib.iterfind("configuration/resources//primitive") if p.get("class") == "stonith"]
    if values.is_true(enabled, True) and not devices and not sbd_running:
        warnings.append("No stonith devices and stonith-enabled is not false")
    with_action = [p.get("id", "") for p in devices
                   if any(nv.get("name") == "action" for nv in p.iterfind("instance_attributes/nvpair"))]
    if with_action:
        warnings.append("Following stonith devices have the 'action' option set, it is recommended to set "
                        "'pcmk_off_action', 'pcmk_reboot_action' instead: "
                        + ", ".join(f"'{i}'" for i in with_action))
    moved = sorted({loc.get("rsc", "") for loc in cib.iterfind("configuration/constraints/rsc_location")
                    if loc.get("id", "").startswith("cli-")})
    if moved:
        warnings.append("Following resources have been moved and their move constraints are still in place: "
                        + ", ".join(f"'{r}'" for r in moved))
        warnings.append("Run 'pcs constraint location' or 'pcs resource clear <resource id>' to view or remove "
                        "the constraints, respectively")
    return warnings


def status(context: CommandContext, lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    view = argv[0] if argv else "status"
    if view not in STATUS_VIEWS:  # pcs's router: the usage of sub-command "" (all of them)
        unknown = UsageError()
        unknown.command = "status "
        raise unknown
    if view == "resources":  # with -f too: the file's listing
        return resource_status(context, lib, argv[1:], modifiers, usage_command="status resources")
    if lib.offline:  # the file's view (or refusal), as where no cluster stands behind pcs
        return _live_only(lib, ("status",), argv, modifiers)
    if view == "nodes":
        return nodes_status(context, lib, argv[1:], modifiers)
    if view in ("corosync",):
        from halab_kernel.commands.corosync_tools import corosync_quorumtool

        return _emit(lib, corosync_quorumtool(context, ["-l"]).stdout.lstrip("\n"))
    if view in ("quorum",):
        return quorum_status(context, lib, [], modifiers)
    if view == "xml":
        return xml_status(context, lib, argv[1:], modifiers)
    if view == "pcsd":
        return pcsd_status(context, lib, argv[1:], modifiers)
    if view == "cluster":
        return cluster_status(context, lib, argv[1:], modifiers, "status cluster")
    if view != "status":  # qdevice, booth
        raise PcsError(f"Error: pcs status {view} is not simulated; try it on real nodes: halab rig up")
    full = view == "status" and modifiers.has("--full")
    _emit(lib, f"Cluster name: {context.sim.config.cluster_name}")
    warnings = status_warnings(context.sim.cib.read(), context.sim.machines[context.node].sbd_running)
    for line in ["", "WARNINGS:", *warnings, ""] if warnings else []:
        lib.reporter.out(line)
    # pcs 0.11.5's get_cluster_status_text: --full adds --show-detail --show-node-attributes --failcounts
    # --fence-history=3
    _emit(lib, _crm_mon(context, "-1rRAf --fence-history=3" if full else "-1r"))
    if full:
        lib.reporter.out("")
        lib.reporter.out("Tickets:")
        for line in _ticket_lines(context):
            lib.reporter.out(line)
        lib.reporter.out("")
        lib.reporter.out("PCSD Status:")
        for line in _pcsd_lines(context, [node.name for node in context.sim.config.nodes]):
            lib.reporter.out(line)
    lib.reporter.out("")
    lib.reporter.out("Daemon Status:")
    running = context.sim.machines[context.node]
    at_boot = "enabled" if running.cluster_enabled else "disabled"
    lib.reporter.out(f"  corosync: {'active' if context.sim.totem.nodes[context.node].process != 'stopped' else 'inactive'}"
                     f"/{at_boot}")
    lib.reporter.out(f"  pacemaker: {'active' if running.pacemaker_running else 'inactive'}/{at_boot}")
    lib.reporter.out("  pcsd: active/enabled")
    if running.sbd_enabled or running.sbd_running:  # pcs lists sbd only when it is enabled or running
        lib.reporter.out(f"  sbd: {'active' if running.sbd_running else 'inactive'}/"
                         f"{'enabled' if running.sbd_enabled else 'disabled'}")


def cluster_status(context: CommandContext, lib: PcsLib, argv: list[str], modifiers: Modifiers,
                   command: str = "cluster status") -> None:
    """`pcs cluster status` and `pcs status cluster` (`command`): crm_mon's summary and node list, then PCSD
    Status."""
    from halab_kernel.commands.crm_mon import crm_mon

    if lib.offline:
        return status_of_file.cluster_view(lib, argv, modifiers, command)
    status_of_file.cluster_arguments(argv, modifiers, command)
    shown = crm_mon(context, ["-1", "-r"])
    if "not simulated" in shown.stderr:
        raise PcsError(f"Error: {shown.stderr.strip()}")
    if shown.rc != 0:
        raise PcsError("Error: cluster is not currently running on this node")
    names = _corosync_names(context)  # pcs shows PCSD Status where there is a corosync.conf
    pcsd = ["", "PCSD Status:", *_pcsd_lines(context, names)] if names is not None else []
    for line in [*status_of_file.cluster_lines(shown.stdout), *pcsd]:
        lib.reporter.out(line)


_NO_COROSYNC_CONF = "Error: Unable to read /etc/corosync/corosync.conf: No such file or directory"


def _corosync_names(context: CommandContext) -> list[str] | None:
    """corosync.conf's node names, in its order; None on a bare node before `pcs cluster setup` wrote it."""
    from halab_kernel.sim.bare import bare_state

    if bare_state(context.sim) is not None and "/etc/corosync/corosync.conf" not in context.sim.files(context.node):
        return None
    return [node.name for node in context.sim.config.nodes]


def _pcsd_answers(context: CommandContext, name: str) -> bool:
    """Whether `name`'s pcsd answers this node: powered, not hung by a crash since it booted, reachable both
    ways (HTTP over TCP)."""
    sim = context.sim
    machine = sim.machines[name]
    crashed = any(isinstance(event, FaultInjected) and event.fault == "crash" and event.target == name
                  and event.time >= machine.booted_at for event in sim.events)
    return machine.powered and not crashed and (name == context.node or sim.network.can_talk(context.node, name))


def _pcsd_lines(context: CommandContext, names: list[str]) -> list[str]:
    """pcs's check of each host's pcsd (pcs/pcsd.py, _check_nodes): Online, "Unable to authenticate" (a
    host this node has not authenticated: HTTP 401) or Offline (no answer)."""
    from halab_kernel.sim.bare import bare_state

    state = bare_state(context.sim)
    known = state.known_hosts[context.node] if state is not None else set(context.sim.node_names)
    lines = []
    for name in names:
        if name not in context.sim.node_names:
            raise PcsError(f"Error: pcs status pcsd of a host that is not a node of the lab ({name}) is not "
                           "simulated; try it on real nodes: halab rig up")
        word = "Offline" if not _pcsd_answers(context, name) else \
            "Online" if name in known else "Unable to authenticate"
        lines.append(f"  {name}: {word}")
    return lines


def pcsd_status(context: CommandContext, lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    """`pcs status pcsd [HOST]...`: corosync.conf's nodes without hosts; rc 2 when one is not Online. pcs asks
    them in parallel and prints the answers as they come: here in the order asked."""
    modifiers.ensure_only("--request-timeout", "--debug")
    names = argv or _corosync_names(context)
    if names is None:
        raise PcsError(_NO_COROSYNC_CONF)
    lines = _pcsd_lines(context, names)
    for line in lines:
        lib.reporter.out(line)
    if any(not line.endswith(": Online") for line in lines):
        raise PcsError(rc=2)


def _ticket_lines(context: CommandContext) -> list[str]:
    """pcs 0.11.5's status --full: `crm_ticket --details`, stripped and indented (its warning on a failure)."""
    from halab_kernel.commands.crm_ticket import crm_ticket

    result = crm_ticket(context, ["--details"])
    if result.rc != 0:
        return ["  WARNING: Unable to get information about tickets",
                *(f"    {line}" for line in result.stderr.strip().splitlines())]
    return [f"  {line}" for line in result.stdout.strip().splitlines()]


def resource_status(context: CommandContext, lib: PcsLib, argv: list[str], modifiers: Modifiers,
                    stonith: bool = False, usage_command: str | None = None) -> None:
    """`pcs resource status` lists the resources, `pcs stonith status` the fence devices (and levels);
    with -f, those of the file."""
    from halab_kernel.commands.crm_mon import scene_of

    views, notes = status_views.file_views(lib.cib, lib.now) if lib.offline else \
        status_views.scene_listing(scene_of(context))
    status_views.show(lib, views, notes, argv, modifiers, stonith=stonith, usage_command=usage_command)


def _crm_mon_xml(context: CommandContext) -> str:
    """`crm_mon --one-shot --inactive --output-as xml` on this node, as pcs runs it: by its full path, which
    crm_mon echoes in `request` (crm_mon's refusal by name where the simulator does not reproduce it)."""
    from halab_kernel.commands.crm_mon import crm_mon

    shown = crm_mon(context, ["--one-shot", "--inactive", "--output-as", "xml"])
    if "not simulated" in shown.stderr:
        raise PcsError(f"Error: {shown.stderr.strip()}")
    if shown.rc != 0:
        raise PcsError("Error: error running crm_mon, is pacemaker running?")
    return shown.stdout.replace(' request="crm_mon ', ' request="/usr/sbin/crm_mon ', 1)


def xml_status(context: CommandContext, lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    """`pcs status xml`: crm_mon's XML, stripped (pcs/status.py, xml_status)."""
    status_of_file.xml_arguments(argv, modifiers)
    lib.reporter.out(_crm_mon_xml(context).strip())


def nodes_status(context: CommandContext, lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    """`pcs status nodes [config|corosync|both]` (pcs/status_nodes.py)."""
    from halab_kernel.commands.cmapctl_tool import cmap

    corosync_names = _corosync_names(context)
    if corosync_names is None and argv in (["corosync"], ["both"]):
        raise PcsError(_NO_COROSYNC_CONF)
    corosync_names = corosync_names or []  # config: no corosync.conf, no Corosync Nodes
    lines: list[str] = []
    if argv == ["config"]:
        modifiers.ensure_only("-f", "--corosync_conf", "--debug")
        if modifiers.has("--corosync_conf"):
            raise PcsError("Error: pcs status nodes config --corosync_conf (another corosync.conf than the lab's) is "
                           "not simulated; try it on real nodes: halab rig up")
        lines = status_nodes.config_lines(corosync_names, etree.fromstring(_crm_mon_xml(context).encode()))
    elif argv in (["corosync"], ["both"]):
        modifiers.ensure_only("--debug")
        running = context.sim.totem.nodes[context.node].process != "stopped"  # else corosync-cmapctl fails
        keys = {key: value for key, (_, value) in cmap(context).items()} if running else {}
        lines = status_nodes.corosync_lines(corosync_names, status_nodes.corosync_active(keys))
    if argv != ["config"] and argv != ["corosync"]:
        modifiers.ensure_only("-f", "--debug")
        lines += status_nodes.pacemaker_lines(etree.fromstring(_crm_mon_xml(context).encode()))
    for line in lines:
        lib.reporter.out(line)


def quorum_status(context: CommandContext, lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    _live_only(lib, ("quorum", "status"), argv, modifiers)
    from halab_kernel.commands.corosync_tools import corosync_quorumtool

    text = corosync_quorumtool(context, ["-s"]).stdout
    if not text:
        raise PcsError("Error: Unable to get quorum status: corosync not running")
    if "Qdevice Name" in text:  # a registered quorum device: the tool already shows the column
        _emit(lib, text)
        return
    rows = []
    for line in text.split("\n"):
        if line.strip().startswith("Nodeid"):
            line = "    Nodeid      Votes    Qdevice Name"
        elif line[:10].strip().isdigit() and line[10:21].strip().isdigit():
            line = line[:22] + "        NR " + line[22:]
        rows.append(line)
    _emit(lib, "\n".join(rows))


def quorum_expected_votes(context: CommandContext, lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    _live_only(lib, ("quorum", "expected-votes"), argv, modifiers)
    if len(argv) != 1 or not argv[0].isdigit() or int(argv[0]) < 1:
        raise PcsError("Error: '%s' is not a valid number of votes" % (argv[0] if argv else ""))
    context.sim.totem.set_expected_votes(context.node, int(argv[0]))


def quorum_unblock(context: CommandContext, lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    _live_only(lib, ("quorum", "unblock"), argv, modifiers)
    quorums = [(n, context.sim.totem.nodes[n].quorum) for n in context.sim.node_names]
    waiting = [n for n, quorum in quorums if quorum is not None and quorum.waiting_for_all]
    if not waiting:
        raise PcsError("Error: cluster is not waiting for nodes to establish quorum")
    if not modifiers.has("--force"):
        raise PcsError("Error: WARNING: If node(s) ... are not powered off or they do have access to shared "
                       "resources, data corruption and/or cluster failure may occur, use --force to override")
    context.sim.totem.cancel_wait_for_all(context.node)
    lib.reporter.out("Quorum unblocked")


def cluster_start_stop(context: CommandContext, lib: PcsLib, argv: list[str], modifiers: Modifiers,
                       start: bool) -> None:
    _live_only(lib, ("cluster", "start" if start else "stop"), argv, modifiers)
    pcs_cluster_build.refuse_before_setup(context, "pcs cluster start" if start else "pcs cluster stop", argv,
                                          modifiers.has("--all"))
    sim = context.sim
    targets = list(sim.node_names) if modifiers.has("--all") else (argv or [context.node])
    for node in targets:
        if node not in sim.node_names:
            raise PcsError(f"Error: Host '{node}' is not known to pcs, try to authenticate the host using "
                           "'pcs host auth {node}' command")
    prefix = (lambda node: f"{node}: ") if (modifiers.has("--all") or argv) else (lambda node: "")
    for node in targets:
        if start:
            lib.reporter.out(f"{prefix(node)}Starting Cluster...")
            sim.start(node)
        else:
            lib.reporter.out(f"{prefix(node)}Stopping Cluster (pacemaker)...")
        if not start:
            sim.stop(node)
    if not start:
        for node in targets:
            lib.reporter.out(f"{prefix(node)}Stopping Cluster (corosync)...")


def resource_cleanup(context: CommandContext, lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    _live_only(lib, ("resource", "cleanup"), argv, modifiers)
    from halab_kernel.commands.crm_resource import crm_resource

    words = ["--cleanup"]
    for arg in argv:
        if arg.startswith("node="):
            words += ["-N", arg[len("node="):]]
        elif "=" not in arg:
            words += ["-r", arg]
    result = crm_resource(context, words)
    if result.rc:
        raise PcsError(*[f"Error: {line}" for line in result.stderr.strip().split("\n")[:1]])
    _emit(lib, result.stdout)


def resource_failcount(context: CommandContext, lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    if lib.offline:  # the fail counts of the file's status section
        return _live_only(lib, ("resource", "failcount"), argv, modifiers)
    action, rest = (argv[0], argv[1:]) if argv else ("show", [])
    if action == "reset":
        return resource_cleanup(context, lib, rest, modifiers)
    if action != "show":
        raise PcsError(f"Error: Unknown failcount command '{action}'")
    rsc = next((arg for arg in rest if "=" not in arg), None)
    node = next((arg[5:] for arg in rest if arg.startswith("node=")), None)
    counts = {r.id: r.failcounts for r in context.sim.state().resources if r.kind == "primitive"}
    shown = [(r, n, c) for r, per_node in counts.items() if rsc in (None, r)
             for n, c in per_node.items() if node in (None, n)]
    if not shown:
        lib.reporter.out(f"No failcounts for resource '{rsc}'" if rsc else "No failcounts")
        return
    for name in dict.fromkeys(r for r, _, _ in shown):
        lib.reporter.out(f"Failcounts for resource '{name}'")
        for r, n, c in shown:
            if r == name:
                lib.reporter.out(f"  {n}: {'INFINITY' if c >= 1_000_000 else c}")


def stonith_fence(context: CommandContext, lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    """`pcs stonith fence NODE [--off]`: stonith_admin -B (or -F) through the cluster's fence devices."""
    modifiers.ensure_only("--off")
    if len(argv) != 1:
        raise PcsError("Error: must specify one (and only one) node to fence")
    target = argv[0]
    action = "off" if modifiers.has("--off") else "reboot"
    if target not in context.sim.node_names or not context.sim.pacemaker.fence_manually(context.node, target, action):
        raise PcsError(f"Error: unable to fence '{target}'", f"stonith_admin: Couldn't fence {target}: No such device",
                       "")
    lib.reporter.err(f"Node: {target} fenced")


def stonith_confirm(context: CommandContext, lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    """`pcs stonith confirm NODE [--force]`: stonith_admin -C, after pcs's warning (no answer on stdin:
    canceled; --force skips the question)."""
    modifiers.ensure_only("--force")
    if len(argv) != 1:
        raise PcsError("Error: must specify one (and only one) node to confirm fenced")
    target = argv[0]
    if not modifiers.has("--force"):
        lib.reporter.out(f"WARNING: If node {target} is not powered off or it does have access to shared "
                         "resources, data corruption and/or cluster failure may occur. Are you sure you want "
                         "to continue? [y/N] Canceled")
        return
    from halab_kernel.commands.stonith_admin import stonith_admin

    confirmed = stonith_admin(context, ["-C", target])
    if confirmed.rc != 0:
        raise PcsError(f"Error: unable to confirm fencing of node '{target}'", confirmed.stderr.rstrip("\n"))
    lib.reporter.out(f"Node: {target} confirmed fenced")


def cluster_enable(context: CommandContext, lib: PcsLib, argv: list[str], modifiers: Modifiers,
                   enable: bool) -> None:
    """Whether corosync and pacemaker start when the node boots. Without nodes pcs enables the local
    services quietly; with nodes or --all each node's pcsd answers "NODE: Cluster Enabled"."""
    _live_only(lib, ("cluster", "enable" if enable else "disable"), argv, modifiers)
    modifiers.ensure_only("--all", "--request-timeout")
    if argv and modifiers.has("--all"):
        raise PcsError("Error: Cannot specify both --all and a list of nodes.")
    pcs_cluster_build.refuse_before_setup(context, f"pcs cluster {'enable' if enable else 'disable'}", argv,
                                          modifiers.has("--all"))
    targets = list(context.sim.node_names) if modifiers.has("--all") else (argv or [context.node])
    for node in targets:
        if node not in context.sim.node_names:
            raise PcsError(f"Error: Host '{node}' is not known to pcs")
    for node in targets:
        context.sim.machines[node].cluster_enabled = enable
        if argv or modifiers.has("--all"):
            lib.reporter.out(f"{node}: Cluster {'Enabled' if enable else 'Disabled'}")


def resource_restart(context: CommandContext, lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    """Stop the resource everywhere, wait, start it again, wait (pcs waits for both)."""
    words = [word for word in argv if not word.startswith("--")]
    if not words:
        raise PcsError("Error: Must specify a resource to restart")
    rsc = words[0]
    sim = context.sim
    if not sim.pacemaker.primitives_of(rsc):
        raise PcsError(f"Error: Resource '{rsc}' does not exist")
    for enable in (False, True):
        outcome = run_pcs(["resource", "enable" if enable else "disable", rsc], sim.cib.read(), offline=False)
        if outcome.cib is not None:
            sim.cib.replace(outcome.cib, client="crm_resource", origin=context.node)
        sim.clock.run_until(sim.pacemaker.idle, 60)
    lib.reporter.out(f"{rsc} successfully restarted")


def quorum_config(context: CommandContext, lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    """The quorum section's options that are switched on, as `pcs quorum config` lists them."""
    options = context.sim.config.quorum
    lib.reporter.out("Options:")
    for name, on in (("auto_tie_breaker", options.auto_tie_breaker),
                     ("last_man_standing", options.last_man_standing),
                     ("two_node", options.two_node),
                     ("wait_for_all", options.wait_for_all and not options.two_node)):
        if on:
            lib.reporter.out(f"  {name}: 1")
    for line in pcs_qdevice.device_config_lines(context):
        lib.reporter.out(line)


def quorum_update(context: CommandContext, lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    running = [n for n in context.sim.node_names if context.sim.totem.nodes[n].process != "stopped"]
    if running:
        raise PcsError(*[f"Error: {node}: corosync is running" for node in running],
                       "Error: Errors have occurred, therefore pcs is unable to continue")
    raise PcsError("Error: the simulator reads corosync.conf once, when the lab is created: create a new lab "
                   "with the quorum options (Lab.simulated(corosync={'quorum': {...}}))")


def cluster_verify(context: CommandContext, lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    """`pcs cluster verify`: crm_verify --live-check on this node (given -f, crm_verify --xml-file FILE)."""
    from halab_kernel.commands.crm_tools import crm_verify

    def live(verbosity: int) -> tuple[str, int] | str:
        done = crm_verify(context, ["--live-check", *["-V"] * verbosity])
        refused = re.search(r"not simulated: (.*); try it on real nodes", done.stderr)
        return refused.group(1) if refused else (done.stderr, done.rc)

    verify(lib, argv, modifiers, None if lib.offline else live)


LIVE_ROUTES: dict[tuple[str, ...], LiveHandler] = {
    ("stonith", "sbd", "enable"): sbd_tool.sbd_enable,
    ("stonith", "sbd", "disable"): sbd_tool.sbd_disable,
    ("stonith", "sbd", "status"): sbd_tool.sbd_status,
    ("stonith", "sbd", "device", "setup"): sbd_tool.sbd_device_setup,
    ("stonith", "sbd", "device", "message"): sbd_tool.sbd_device_message,
    ("resource", "restart"): resource_restart,
    ("resource", "relocate", "run"): pcs_agent_actions.relocate_run,
    ("resource", "relocate", "show"): pcs_agent_actions.relocate_show,
    ("resource", "relocate", "dry-run"): pcs_agent_actions.relocate_dry_run,
    **{("resource", f"debug-{action}"): partial(pcs_agent_actions.debug_action, action=action)
       for action in ("start", "stop", "monitor", "promote", "demote")},
    ("quorum", "config"): quorum_config,
    ("quorum", "update"): quorum_update,
    ("quorum", "device", "add"): pcs_qdevice.quorum_device_add,
    ("quorum", "device", "remove"): pcs_qdevice.quorum_device_remove,
    ("quorum", "device", "delete"): pcs_qdevice.quorum_device_remove,
    ("quorum", "device", "update"): pcs_qdevice.quorum_device_update,
    ("quorum", "device", "status"): pcs_qdevice.quorum_device_status,
    ("resource", "move"): resource_move,
    ("host", "auth"): pcs_cluster_build.host_auth,
    ("cluster", "auth"): pcs_cluster_build.cluster_auth,
    ("cluster", "setup"): pcs_cluster_build.cluster_setup,
    ("cluster", "destroy"): pcs_cluster_build.cluster_destroy,
    ("cluster", "enable"): partial(cluster_enable, enable=True),
    ("cluster", "verify"): cluster_verify,
    ("cluster", "disable"): partial(cluster_enable, enable=False),
    ("status",): status,
    ("resource", "status"): resource_status,
    ("stonith", "status"): partial(resource_status, stonith=True),
    ("resource", "cleanup"): resource_cleanup,
    ("resource", "refresh"): resource_cleanup,
    ("resource", "failcount"): resource_failcount,
    ("stonith", "fence"): stonith_fence,
    ("stonith", "confirm"): stonith_confirm,
    ("quorum", "status"): quorum_status,
    ("quorum", "expected-votes"): quorum_expected_votes,
    ("quorum", "unblock"): quorum_unblock,
    ("cluster", "start"): partial(cluster_start_stop, start=True),
    ("cluster", "stop"): partial(cluster_start_stop, start=False),
    ("cluster", "status"): cluster_status,
}


def live_root(context: CommandContext):
    """pcs's router with the runtime routes bound to this node of this cluster."""
    root = build_root()
    root.routes["cluster"] = cluster_router()
    for path, handler in LIVE_ROUTES.items():
        add_route(root, list(path), partial(handler, context))
    return root


@register("pcs")
def pcs(context: CommandContext, argv: list[str]) -> CommandResult:
    sim = context.sim
    files = sim.files(context.node)
    offline = "-f" in argv
    without_pacemaker = (["cluster", "start"], ["stonith", "sbd"], ["status", "pcsd"])  # and `status nodes corosync`
    if not offline and not sim.pacemaker.pacemaker_up(context.node) and argv[:2] not in without_pacemaker \
            and argv[:3] != ["status", "nodes", "corosync"]:
        if argv[:1] in (["status"], ["resource"], ["constraint"], ["property"], ["stonith"], ["node"]):
            return CommandResult(stderr="Error: unable to get cib\n", rc=1)
    cib_file = _cib_file(argv) if offline else None  # pcs -f FILE edits a CIB saved by `pcs cluster cib FILE`
    try:
        if offline:
            cib = etree.fromstring(files.get(cib_file or "", EMPTY_CIB).encode())
        else:  # `pcs cluster cib` prints what cibadmin -Q prints: the status as the DC knows it
            cib = context.live_cib() if argv[:2] == ["cluster", "cib"] else sim.cib.read()
            cib.attrib.pop("execution-date", None)  # the scheduler's clock, not part of a live CIB
    except etree.XMLSyntaxError as error:
        return CommandResult(stderr=f"Error: unable to read cib file '{cib_file}': {error}\n", rc=1)
    sbd = not offline and all(sim.machines[n].sbd_enabled for n in sim.node_names)
    outcome = run_pcs(argv, cib, files=files, root=live_root(context), corosync_conf=sim.corosync_conf,
                      sbd_enabled=sbd, now=EPOCH + timedelta(seconds=sim.clock.now))
    if cib_file and outcome.cib is not None:
        files[cib_file] = etree.tostring(outcome.cib, encoding="unicode", pretty_print=True)
    if outcome.cib is not None and not offline:
        try:
            sim.cib.replace(outcome.cib, client="cibadmin", origin=context.node)
        except ValueError as error:
            return CommandResult(stderr=f"Error: Unable to update cib\nCall cib_replace failed (-203): {error}\n",
                                 rc=1)
    files.update(outcome.written_files)
    return outcome.result
