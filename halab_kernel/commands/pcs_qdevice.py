"""`pcs quorum device add|remove|update|status` and the Device part of `pcs quorum config`.

Validation and messages mirror pcs 0.11.5 (checked against `pcs --corosync_conf=FILE
quorum device ...` in tests/commands/test_qdevice_pcs.py). The corosync.conf edit is
pcs's: the device section (votes 1 for ffsplit), two_node removed while a device is
set and restored on two nodes when it goes. On a real cluster `device add` needs pcsd
on the qnetd host (`pcs qdevice setup model net --enable --start` there, then `pcs
host auth`) to set up TLS certificates; the simulator skips the certificates and
pcsd, prints pcs's progress lines, reloads corosync and starts corosync-qdevice on
every node, as pcs does.
"""

from __future__ import annotations

from halab_kernel.commands.pcs.context import PcsLib
from halab_kernel.commands.pcs.errors import UNABLE_TO_CONTINUE, PcsError, UsageError
from halab_kernel.commands.pcs.options import Modifiers
from halab_kernel.commands.router import CommandContext
from halab_kernel.sim.corosync import config as corosync_config
from halab_kernel.sim.corosync.config import CorosyncConfigError

GENERIC_OPTIONS = ("sync_timeout", "timeout")
NEED_STOPPED_CLUSTER = ("auto_tie_breaker", "last_man_standing", "last_man_standing_window")  # pcs removes them
NET_OPTIONS = ("algorithm", "connect_timeout", "force_ip_version", "host", "port", "tie_breaker")


def _pairs(words: list[str]) -> dict[str, str]:
    options: dict[str, str] = {}
    for word in words:
        name, equals, value = word.partition("=")
        if not equals:
            raise PcsError(f"Error: missing value of '{word}' option")
        if not name:
            raise PcsError(f"Error: missing key in '{word}' option")
        options[name] = value
    return options


def _split(argv: list[str], need_model: bool) -> tuple[str | None, dict[str, str], dict[str, str]]:
    """[<generic options>] [model <model> [<model options>]]; heuristics are not modelled."""
    if "heuristics" in argv:
        raise PcsError("Error: the simulator does not model quorum device heuristics (quorum.device.heuristics)")
    if "model" not in argv:
        if need_model:
            raise UsageError()
        return None, _pairs(argv), {}
    at = argv.index("model")
    rest = argv[at + 1:]
    if need_model and not rest:
        raise PcsError("Error: No model options specified")  # pcs reads 'model' as the option group
    model, model_words = (rest[0], rest[1:]) if need_model else (None, rest)
    return model, _pairs(argv[:at]), _pairs(model_words)


def _validate(lib: PcsLib, context: CommandContext, model: str | None, generic: dict[str, str],
              net: dict[str, str], adding: bool) -> None:
    reporter = lib.reporter
    if model is not None and model != "net":
        reporter.error(f"'{model}' is not a valid model value, use 'net'", forceable=True)
    for name in generic:
        if name not in GENERIC_OPTIONS:
            reporter.error(f"invalid quorum device option '{name}', allowed options are: "
                           + ", ".join(f"'{o}'" for o in GENERIC_OPTIONS), forceable=True)
        elif not generic[name].isdigit() or int(generic[name]) < 1:
            reporter.error(f"'{generic[name]}' is not a valid {name} value, use a positive integer", forceable=True)
    if model == "net" or not adding:
        missing = [o for o in ("algorithm", "host") if o not in net] if adding else []
        if len(missing) == 1:
            reporter.error(f"required quorum device model option '{missing[0]}' is missing")
        elif missing:
            reporter.error("required quorum device model options " + ", ".join(f"'{o}'" for o in missing)
                           + " are missing")
        for name, value in net.items():
            if name not in NET_OPTIONS:
                reporter.error(f"invalid quorum device model option '{name}', allowed options are: "
                               + ", ".join(f"'{o}'" for o in NET_OPTIONS), forceable=True)
            elif name == "algorithm" and value not in ("ffsplit", "lms"):
                reporter.error(f"'{value}' is not a valid algorithm value, use 'ffsplit', 'lms'", forceable=True)
            elif name == "tie_breaker":
                ids = sorted(str(n.node_id) for n in context.sim.config.nodes)
                if value not in ("lowest", "highest", *ids):
                    allowed = ", ".join(f"'{v}'" for v in sorted([*ids, "highest", "lowest"]))
                    reporter.error(f"'{value}' is not a valid tie_breaker value, use {allowed}", forceable=True)
    if reporter.has_errors:
        raise PcsError(UNABLE_TO_CONTINUE)


def _push(context: CommandContext, lib: PcsLib, tree: dict, need_stopped: bool = False) -> None:
    """pcs sends corosync.conf to every node, then reloads corosync on one; a change that needs a
    stopped cluster is refused while corosync runs anywhere."""
    text = corosync_config.render_text(tree)
    try:
        corosync_config.load(text, list(context.sim.node_names))
    except CorosyncConfigError as error:
        raise PcsError(f"Error: {error}") from None
    if need_stopped:
        check_corosync_offline(context, lib)
    lib.reporter.err("Sending updated corosync.conf to nodes...")
    for node in context.sim.node_names:
        lib.reporter.err(f"{node}: Succeeded")
    context.sim.reload_corosync(text)  # the nodes read it when corosync (re)starts
    if not need_stopped:
        lib.reporter.err(f"{context.sim.node_names[0]}: Corosync configuration reloaded")


def check_corosync_offline(context: CommandContext, lib: PcsLib) -> None:
    """pcs's CheckCorosyncOffline: a corosync.conf change that needs the cluster stopped. Its
    progress lines are info reports, which pcs prints on stderr."""
    lib.reporter.err("Checking corosync is not running on nodes...")
    for node in context.sim.node_names:
        if context.sim.totem.nodes[node].process != "stopped":
            lib.reporter.error(f"{node}: corosync is running")
        else:
            lib.reporter.err(f"{node}: corosync is not running")
    if lib.reporter.has_errors:
        raise PcsError(UNABLE_TO_CONTINUE)


def _service(lib: PcsLib, context: CommandContext, verb: str, done: str) -> None:
    lib.reporter.err(f"{verb} corosync-qdevice...")
    for node in context.sim.node_names:
        lib.reporter.err(f"{node}: corosync-qdevice {done}")


def _quorum_section(tree: dict) -> dict:
    quorum = tree.setdefault("quorum", {"provider": "corosync_votequorum"})
    return quorum


def _set_two_node(context: CommandContext, quorum: dict) -> None:
    """pcs keeps two_node: 1 on two nodes without a device or auto_tie_breaker, removes it otherwise."""
    two_nodes = len(context.sim.node_names) == 2
    if two_nodes and "device" not in quorum and quorum.get("auto_tie_breaker", "0") in ("", "0"):
        quorum["two_node"] = "1"
    else:
        quorum.pop("two_node", None)


def quorum_device_add(context: CommandContext, lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    tree, _ = corosync_config.parse_text(context.sim.corosync_conf)
    quorum = _quorum_section(tree)
    if context.sim.config.quorum.has_device:
        raise PcsError("Error: quorum device is already defined")
    model, generic, net = _split(argv, need_model=True)
    _validate(lib, context, model, generic, net, adding=True)
    need_stopped = any(quorum.get(name, "") not in ("", "0") for name in NEED_STOPPED_CLUSTER)
    for name in ("allow_downscale", "two_node", *NEED_STOPPED_CLUSTER):
        quorum.pop(name, None)
    for node in tree.get("nodelist", {}).get("node", []):
        node.pop("quorum_votes", None)
    device: dict = {name: generic[name] for name in sorted(generic)}
    device["model"] = model
    if net.get("algorithm") == "ffsplit":
        device["votes"] = "1"
    device[model] = {name: net[name] for name in sorted(net)}  # type: ignore[index]
    quorum["device"] = device
    _set_two_node(context, quorum)
    lib.reporter.err("Setting up qdevice certificates on nodes...")
    for node in context.sim.node_names:
        lib.reporter.err(f"{node}: Succeeded")
    _service(lib, context, "Enabling", "enabled")
    _push(context, lib, tree, need_stopped)
    _service(lib, context, "Starting", "started")


def quorum_device_remove(context: CommandContext, lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    if argv:
        raise UsageError()
    if not context.sim.config.quorum.has_device:
        raise PcsError("Error: no quorum device is defined in this cluster")
    tree, _ = corosync_config.parse_text(context.sim.corosync_conf)
    quorum = _quorum_section(tree)
    quorum.pop("device", None)
    _set_two_node(context, quorum)
    _service(lib, context, "Disabling", "disabled")
    _service(lib, context, "Stopping", "stopped")
    lib.reporter.err("Removing qdevice certificates from nodes...")
    for node in context.sim.node_names:
        lib.reporter.err(f"{node}: Succeeded")
    _push(context, lib, tree)


def quorum_device_update(context: CommandContext, lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    if not context.sim.config.quorum.has_device:
        raise PcsError("Error: no quorum device is defined in this cluster")
    if not argv:
        raise UsageError()
    _, generic, net = _split(argv, need_model=False)
    _validate(lib, context, None, generic, net, adding=False)
    tree, _ = corosync_config.parse_text(context.sim.corosync_conf)
    device = _quorum_section(tree)["device"]
    model_section = device.setdefault(device.get("model", "net"), {})
    for section, options in ((device, generic), (model_section, net)):
        for name, value in options.items():
            if value:
                section[name] = value
            else:
                section.pop(name, None)
    if model_section.get("algorithm") == "ffsplit":
        device["votes"] = "1"
    else:
        device.pop("votes", None)
    _push(context, lib, tree)
    lib.reporter.err("Reloading qdevice configuration on nodes...")
    for done in ("stopped", "started"):
        for node in context.sim.node_names:
            lib.reporter.err(f"{node}: corosync-qdevice {done}")


def quorum_device_status(context: CommandContext, lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    from halab_kernel.commands.qdevice_tools import corosync_qdevice_tool

    result = corosync_qdevice_tool(context, ["-s", "-v"] if modifiers.has("--full") else ["-s"])
    if result.rc != 0:
        raise PcsError(f"Error: Unable to get quorum status: {(result.stderr + result.stdout).strip()}")
    for line in result.stdout.rstrip("\n").split("\n"):
        lib.reporter.out(line)


def device_config_lines(context: CommandContext) -> list[str]:
    """The Device part of `pcs quorum config`."""
    quorum = corosync_config.parse_text(context.sim.corosync_conf)[0].get("quorum", {})
    device = quorum.get("device") if isinstance(quorum.get("device"), dict) else None
    if not device or not device.get("model"):
        return []
    lines = ["Device:"]
    lines += [f"  {name}: {value}" for name, value in sorted(device.items())
              if not isinstance(value, dict) and name != "model"]
    lines.append(f"  Model: {device['model']}")
    model_options = device.get(device["model"], {})
    lines += [f"    {name}: {value}" for name, value in sorted(model_options.items())]
    return lines
