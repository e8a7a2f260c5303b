"""`sbd` on a simulated node, and pcs's `stonith sbd` routes that drive it.

`sbd -d DEV create|dump|list|allocate|message` act on the simulator's shared disks
(`halab_kernel.sim.pacemaker.sbd`) and answer in sbd 1.5's words (sbd-md.c): what
sbd prints on stdout and stderr; its syslog lines go to the node's events. A disk a
node cannot reach (wrong path, or `lab.detach_disk`) is "unreadable", as an absent
device is. `message` blocks for msgwait, as the real command does, so the clock moves.

The pcs routes follow pcs 0.11 (pcs/lib/commands/sbd.py, pcs/stonith.py): `enable`
with `device=PATH[@NODE]` validates paths, checks every node sees its devices,
writes /etc/default/sbd, and asks for a cluster restart; `device setup` runs
`sbd create`; `device message` runs `sbd message`; `status` lists the slots.
"""

from __future__ import annotations

import getopt
import posixpath

from halab_kernel.commands.pcs.context import PcsLib
from halab_kernel.commands.pcs.errors import PcsError, UsageError
from halab_kernel.commands.pcs.messages import invalid_options, invalid_value, quoted_list
from halab_kernel.commands.pcs.options import Modifiers
from halab_kernel.commands.pcs.parsing import split_option
from halab_kernel.commands.pcs.runtime_on_file import FILE_REFUSED
from halab_kernel.commands.pcs_qdevice import check_corosync_offline
from halab_kernel.commands.router import CommandContext, register
from halab_kernel.model import CommandResult
from halab_kernel.sim.pacemaker.sbd_disk import MAX_DEVICES, MESSAGES, TIMEOUT_OPTIONS, SharedDisk

OPTSTRING = "czC:DPRTWZhvw:d:n:p:1:2:3:4:5:t:I:F:S:s:r:"
NUMERIC = "SsC12345tIF"
FAILED = "sbd failed; please check the logs."
USAGE = """Shared storage fencing tool.
Syntax:
\tsbd <options> <command> <cmdarguments>
Options:
-d <devname>\tBlock device to use (mandatory; can be specified up to 3 times)
-1 <N>\t\tSet watchdog timeout to N seconds (optional, create only)
-2 <N>\t\tSet slot allocation timeout to N seconds (optional, create only)
-3 <N>\t\tSet daemon loop timeout to N seconds (optional, create only)
-4 <N>\t\tSet msgwait timeout to N seconds (optional, create only)
-h\t\tDisplay this help.
Commands:
create\t\tinitialize N slots on <dev> - OVERWRITES DEVICE!
list\t\tList all allocated slots on device, and messages.
dump\t\tDump meta-data header from device.
allocate <node>
\t\tAllocate a slot for node (optional)
message <node> (test|reset|off|clear|exit)
\t\tWrites the specified message to node's slot.
watch\t\tLoop forever, monitoring own slot
"""
PCS_SBD_OPTIONS = ("SBD_DELAY_START", "SBD_STARTMODE", "SBD_TIMEOUT_ACTION", "SBD_WATCHDOG_TIMEOUT")
PCS_BANNED_OPTIONS = ("SBD_DEVICE", "SBD_OPTS", "SBD_PACEMAKER", "SBD_WATCHDOG_DEV")
SETUP_OPTIONS = {"watchdog-timeout": "-1", "allocate-timeout": "-2", "loop-timeout": "-3", "msgwait-timeout": "-4"}
CONFIG_FILE = "/etc/default/sbd"


class _Output:
    """What one sbd run prints, and whether it failed."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.err: list[str] = []
        self.failed = False

    def result(self, usage: bool = False) -> CommandResult:
        """sbd's exit: usage (after a bad command line) or "please check the logs" (after a failure), rc 1."""
        if usage:
            self.err.append(USAGE.rstrip("\n"))
        elif self.failed:
            self.err.append(FAILED)
        text = lambda lines: "".join(line + "\n" for line in lines)  # noqa: E731
        return CommandResult(stdout=text(self.out), stderr=text(self.err), rc=1 if self.failed or usage else 0)


def _disk(context: CommandContext, path: str) -> SharedDisk | None:
    """The shared disk at `path` as this node sees it: None when it does not reach it."""
    disk = context.sim.sbd.disks.get(path)
    return disk if disk is not None and context.node in disk.reachable else None


@register("sbd")
def sbd(context: CommandContext, argv: list[str]) -> CommandResult:
    output = _Output()
    try:
        options, words = getopt.gnu_getopt(argv, OPTSTRING)
    except getopt.GetoptError as error:
        output.failed = True
        needs = "requires argument" in error.msg
        output.err.append(f"sbd: {'option requires an argument' if needs else 'invalid option'} -- '{error.opt}'")
        return output.result(usage=True)
    paths: list[str] = []
    timeouts: dict[str, int] = {}
    for flag, value in options:
        letter = flag[1]
        if letter in NUMERIC and not value.strip().isdigit():
            output.err.append(f'Invalid value "{value}" for option -{letter}')
            return output.result(usage=True)
        if letter == "h":
            return CommandResult(stderr=USAGE)
        if letter == "d":
            paths.append(value.strip())
        elif flag in TIMEOUT_OPTIONS:
            timeouts[TIMEOUT_OPTIONS[flag]] = int(value)
    if len(paths) > MAX_DEVICES:
        output.err.append(f"You can specify up to {MAX_DEVICES} devices via the -d option.")
        output.failed = True
        return output.result()
    if not words:
        output.err.append("Not enough arguments.")
        return output.result(usage=True)
    command, rest = words[0], words[1:]
    if command in ("watch", "ping", "query-watchdog", "test-watchdog"):
        output.err.append(f"sbd {command}: in the lab the sbd daemon starts with the cluster "
                          "(pcs stonith sbd enable, then pcs cluster start); its watchdog is simulated")
        output.failed = True
        return CommandResult(stderr="".join(line + "\n" for line in output.err), rc=1)
    tools = {"create": _create, "dump": _dump, "list": _list, "allocate": _allocate, "message": _message}
    if command not in tools:
        return output.result(usage=True)
    tools[command](context, paths, timeouts, rest, output)
    return output.result()


def _create(context: CommandContext, paths: list[str], timeouts: dict[str, int], rest: list[str],
            output: _Output) -> None:
    for path in paths:
        output.out.append(f"Initializing device {path}")
        if _disk(context, path) is None:
            output.failed = True  # open_device failed ("Opening device ... failed." goes to syslog)
            return
        header = context.sim.sbd.create(path, timeouts)
        # sbd names the device by its file descriptor: 3, the first one a fresh process opens
        output.out.append(f"Creating version 2.1 header on device 3 (uuid: {header.uuid})")
        output.out.append(f"Initializing {header.slots} slots on device 3")
        output.out.append(f"Device {path} is initialized.")
    output.out.append("Did you check sbd service down on all nodes before? If not do so now and restart afterwards.")


def _dump(context: CommandContext, paths: list[str], timeouts: dict[str, int], rest: list[str],
          output: _Output) -> None:
    for path in paths:
        output.out.append(f"==Dumping header on disk {path}")
        disk = _disk(context, path)
        if disk is None or disk.header is None:
            if disk is None:
                output.err.append(f"== disk {path} unreadable!")
            output.err.append(f"==Header on disk {path} NOT dumped")
            output.failed = True
            continue
        output.out.extend(disk.header.dump())
        output.out.append(f"==Header on disk {path} is dumped")


def _list(context: CommandContext, paths: list[str], timeouts: dict[str, int], rest: list[str],
          output: _Output) -> None:
    for path in paths:
        disk = _disk(context, path)
        if disk is None:
            output.err.append(f"== disk {path} unreadable!")
            output.failed = True
        elif disk.header is None:
            output.err.append(f"== Slots on disk {path} NOT dumped")
            output.failed = True
        else:
            output.out.extend(f"{number}\t{slot.node}\t{slot.message}\t{slot.sender}"
                              for number, slot in enumerate(disk.slots))


def _allocate(context: CommandContext, paths: list[str], timeouts: dict[str, int], rest: list[str],
              output: _Output) -> None:
    if not rest:
        output.err.append("slot_allocate(): No name specified.")
        output.failed = True
        return
    for path in paths:
        output.out.append(f"Trying to allocate slot for {rest[0]} on device {path}.")
        disk = _disk(context, path)
        if disk is None or disk.header is None:
            output.failed = True
            return
        if disk.slot_of(rest[0]) is None:
            output.out.append(f"slot {len(disk.slots)} is unused - trying to own")
            disk.allocate(rest[0])
        output.out.append(f"Slot for {rest[0]} has been allocated on {path}.")


def _message(context: CommandContext, paths: list[str], timeouts: dict[str, int], rest: list[str],
             output: _Output) -> None:
    """Delivered on more than half of the devices, then msgwait: the command returns silently."""
    if len(rest) < 2 or rest[1] not in MESSAGES:
        output.failed = True
        return
    target = context.node if rest[0] == "LOCAL" else rest[0]
    wait = context.sim.sbd.message(context.node, paths, target, rest[1])
    if wait is None:
        output.failed = True
        return
    context.sim.advance(wait)


# --- pcs stonith sbd ---------------------------------------------------------------------------

def _live_only(lib: PcsLib) -> None:
    if lib.offline:
        raise PcsError(FILE_REFUSED)


def _devices_per_node(context: CommandContext, lib: PcsLib, words: list[str]) -> dict[str, list[str]] | None:
    """pcs's `device=PATH[@NODE]`: each node's devices (None when no device is given: watchdog only)."""
    default: list[str] = []
    per_node: dict[str, list[str]] = {}
    for word in words:
        if "@" in word:
            path, _, node = word.rpartition("@")
            per_node.setdefault(node, []).append(path)
        else:
            default.append(word)
    if not default and not per_node:
        return None
    for node in sorted(set(per_node) - set(context.sim.node_names)):
        lib.reporter.error(f"Node '{node}' does not appear to exist in configuration")
    devices = {node: per_node.get(node, default) for node in context.sim.node_names}
    for node, paths in devices.items():
        if not paths:
            lib.reporter.error(f"No SBD device specified for node '{node}'")
        elif len(paths) > MAX_DEVICES:
            lib.reporter.error(f"At most {MAX_DEVICES} SBD devices can be specified for a node, "
                               f"{quoted_list(paths)} specified for node '{node}'")
        for path in paths:
            if not posixpath.isabs(path):
                lib.reporter.error(f"Device path '{path}' on node '{node}' is not absolute")
    return devices


def sbd_enable(context: CommandContext, lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    """`pcs stonith sbd enable [device=PATH[@NODE]]... [SBD_OPTION=VALUE]...`: from the next cluster start."""
    _live_only(lib)
    modifiers.ensure_only("--request-timeout", "--force", "--skip-offline", "--no-watchdog-validation")
    pairs = [split_option(arg) for arg in argv]
    options = {name.upper(): value for name, value in pairs if name not in ("device", "watchdog")}
    devices = _devices_per_node(context, lib, [value for name, value in pairs if name == "device"])
    unknown = sorted(name for name in options if name not in PCS_SBD_OPTIONS)
    if unknown:
        lib.reporter.error(invalid_options(unknown, PCS_SBD_OPTIONS, ""),
                           forceable=not set(unknown) & set(PCS_BANNED_OPTIONS))
    timeout = options.get("SBD_WATCHDOG_TIMEOUT", "5")
    if not timeout.isdigit():
        lib.reporter.error(invalid_value(timeout, "SBD_WATCHDOG_TIMEOUT", "a non-negative integer"))
    lib.reporter.stop_if_errors()
    nodes = context.sim.node_names
    lib.reporter.err("Running SBD pre-enabling checks...")
    for node in nodes:
        missing = [path for path in (devices or {}).get(node, []) if context.sim.sbd.disks.get(path) is None
                   or node not in context.sim.sbd.disks[path].reachable]
        for path in missing:
            lib.reporter.error(f"{node}: device '{path}' not found")
        if not missing:
            lib.reporter.err(f"{node}: SBD pre-enabling checks done")
    lib.reporter.stop_if_errors()
    if devices is None and len(nodes) % 2 == 0 and not context.sim.config.quorum.auto_tie_breaker:
        _enable_auto_tie_breaker(context, lib)
    lib.reporter.err("Distributing SBD config...")
    for node in nodes:
        context.sim.files(node)[CONFIG_FILE] = _config_file(node, options, (devices or {}).get(node, []))
        context.sim.sbd.devices[node] = tuple((devices or {}).get(node, []))
        lib.reporter.err(f"{node}: SBD config saved")
    _remove_watchdog_timeout(lib)
    _switch(context, lib, True)


def _enable_auto_tie_breaker(context: CommandContext, lib: PcsLib) -> None:
    """Watchdog-only SBD on an even number of nodes needs auto_tie_breaker, which pcs can only write
    into corosync.conf while corosync is stopped everywhere."""
    lib.reporter.warning("auto_tie_breaker quorum option will be enabled to make SBD fencing effective. "
                         "Cluster has to be offline to be able to make this change.")
    check_corosync_offline(context, lib)
    raise PcsError("Error: the simulator reads corosync.conf once, when the lab is created: create a new lab "
                   "with auto_tie_breaker (Lab.simulated(corosync={'quorum': {'auto_tie_breaker': 1}}))")


def sbd_disable(context: CommandContext, lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    _live_only(lib)
    _switch(context, lib, False)


def _switch(context: CommandContext, lib: PcsLib, enable: bool) -> None:
    lib.reporter.err(f"{'Enabling' if enable else 'Disabling'} sbd...")
    for node in context.sim.node_names:
        context.sim.machines[node].sbd_enabled = enable
        lib.reporter.err(f"{node}: sbd {'enabled' if enable else 'disabled'}")
    lib.reporter.warning("Cluster restart is required in order to apply these changes.")


def _config_file(node: str, options: dict[str, str], devices: list[str]) -> str:
    """/etc/default/sbd as pcs writes it (create_sbd_config: sorted KEY=value lines)."""
    config = {"SBD_DELAY_START": "no", "SBD_PACEMAKER": "yes", "SBD_STARTMODE": "always",
              "SBD_WATCHDOG_DEV": "/dev/watchdog", "SBD_WATCHDOG_TIMEOUT": "5", **options,
              "SBD_OPTS": f'"-n {node}"'}
    if devices:
        config["SBD_DEVICE"] = '"' + ";".join(devices) + '"'
    return "# This file has been generated by pcs.\n" + "".join(f"{k}={v}\n" for k, v in sorted(config.items()))


def _remove_watchdog_timeout(lib: PcsLib) -> None:
    """pcs removes stonith-watchdog-timeout when it enables SBD."""
    if lib.cib_root is None:
        return
    for nvpair in lib.cib_root.iterfind(".//crm_config//nvpair[@name='stonith-watchdog-timeout']"):
        nvpair.getparent().remove(nvpair)
        lib.mark_changed()


def sbd_status(context: CommandContext, lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    """The sbd service on every node, then the slots of the local node's devices (`--full`: headers)."""
    lib.reporter.out("SBD STATUS")
    lib.reporter.out("<node name>: <installed> | <enabled> | <running>")
    yes = lambda flag: "YES" if flag else " NO"  # noqa: E731
    for node in context.sim.node_names:
        machine = context.sim.machines[node]
        lib.reporter.out(f"{node}: YES | {yes(machine.sbd_enabled)} | {yes(machine.sbd_running)}")
    if not context.sim.machines[context.node].sbd_enabled:
        return
    for path in context.sim.sbd.devices[context.node]:
        views = [("Messages list on device", "list")] + ([("SBD header on device", "dump")]
                                                          if modifiers.has("--full") else [])
        for title, command in views:
            result = sbd(context, ["-d", path, command])
            lib.reporter.out("")
            lib.reporter.out(f"{title} '{path}':")
            if result.rc:
                what = "get list of messages from" if command == "list" else "get SBD headers from"
                lib.reporter.warning(f"Unable to {what} device '{path}': {result.stdout}")
            for line in (result.stdout if not result.rc else "<unknown>\n").split("\n"):
                lib.reporter.out(line)


def sbd_device_setup(context: CommandContext, lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    """`pcs stonith sbd device setup device=PATH... [watchdog-timeout=N] [msgwait-timeout=N]...`."""
    modifiers.ensure_only("--force")
    pairs = [split_option(arg) for arg in argv]
    paths = [value for name, value in pairs if name == "device"]
    options = {name: value for name, value in pairs if name != "device"}
    if not paths:
        raise PcsError("Error: No device defined")
    warning = f"All current content on device(s) {quoted_list(paths)} will be overwritten"
    if not modifiers.has("--force"):
        raise PcsError(f"Error: {warning}, use --force to override")
    lib.reporter.warning(warning)
    unknown = sorted(name for name in options if name not in SETUP_OPTIONS)
    if unknown:
        lib.reporter.error(invalid_options(unknown, SETUP_OPTIONS, ""))
    for name, value in sorted(options.items()):
        if name in SETUP_OPTIONS and not value.isdigit():
            lib.reporter.error(invalid_value(value, name, "a non-negative integer"))
    lib.reporter.stop_if_errors()
    lib.reporter.err(f"Initializing device{'s' if len(paths) > 1 else ''} {quoted_list(paths)}...")
    words = [word for path in paths for word in ("-d", path)]
    words += [word for name, value in sorted(options.items()) for word in (SETUP_OPTIONS[name], value)]
    result = sbd(context, words + ["create"])
    if result.rc:
        raise PcsError(f"Error: Initialization of device{'s' if len(paths) > 1 else ''} {quoted_list(paths)} "
                       f"failed: {result.stderr}".rstrip("\n"))
    lib.reporter.err(f"Device{'s' if len(paths) > 1 else ''} initialized successfully")


def sbd_device_message(context: CommandContext, lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    """`pcs stonith sbd device message PATH NODE TYPE`: `sbd -d PATH message NODE TYPE`."""
    modifiers.ensure_only()
    if len(argv) != 3:
        raise UsageError()
    path, node, message = argv
    if message not in MESSAGES:
        raise PcsError(f"Error: {invalid_value(message, 'message', MESSAGES)}")
    result = sbd(context, ["-d", path, "message", node, message])
    if result.rc:
        raise PcsError(f"Error: Unable to set message '{message}' for node '{node}' on device '{path}': "
                       f"{result.stderr}".rstrip("\n"))
