"""The HA Lab magics: a node's shell inside a notebook.

`%load_ext halab_kernel` (preloaded in the "HA Lab (Python 3)" kernel) adds:

    %lab sim --nodes 3 --seed 1     create a simulated lab, bound to `lab`
    %lab ssh inventory.toml         connect to a real cluster, bound to `lab`
    %lab status | use NAME | node NAME | close
    %pcs ARGS / %%pcs               pcs on the current node (cell: one command a line, stops at the first error)
    %node NODE CMD / %%node NODE    any command lines on NODE
    %crm_mon [ARGS]                 crm_mon -1 on the current node
    %fault crash node2 | partition node1 / node2 node3 | heal | fail-resource WebSite | ...
    %advance 30s                    let time pass (virtual on the simulator)
    %dashboard                      the live pictures of the lab

Output is printed exactly as the command printed it, with the exit code when
it is not zero. Mistakes (no lab yet, an unknown node, a bad duration) get one
clear line, never a traceback: a student should read the cluster's answer,
not Python's.
"""

from __future__ import annotations

import argparse
import re
import shlex
import sys
from typing import Any, Callable, Iterable

from IPython.core.error import TryNext, UsageError
from IPython.core.magic import Magics, line_cell_magic, line_magic, magics_class

from halab_kernel.model import CommandResult, FaultInjected, LogLine

# --- durations -------------------------------------------------------------

_UNITS = {"ms": 0.001, "s": 1.0, "sec": 1.0, "m": 60.0, "min": 60.0, "h": 3600.0}
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|sec|m|min|h)?\s*$")


def parse_duration(text: str) -> float:
    """'30s', '2m', '500ms', '1h', '1.5' (seconds) -> seconds; UsageError otherwise."""
    match = _DURATION.match(text)
    if not match:
        raise UsageError(f"bad duration {text!r}: use a number with a unit, e.g. 30s, 2m, 500ms, 1h")
    return float(match.group(1)) * _UNITS[match.group(2) or "s"]


# --- pcs words, for tab completion -----------------------------------------

PCS_COMMANDS: dict[str, tuple[str, ...]] = {
    "cluster": ("auth", "authkey", "cib", "cib-push", "config", "destroy", "disable", "enable", "kill", "link",
                "node", "reload", "setup", "start", "status", "stop", "sync", "verify"),
    "resource": ("agents", "ban", "bundle", "cleanup", "clear", "clone", "config", "create", "defaults", "delete",
                 "describe", "disable", "enable", "failcount", "group", "list", "manage", "meta", "move", "op",
                 "promotable", "providers", "refresh", "relocate", "remove", "restart", "standards", "status",
                 "unclone", "ungroup", "unmanage", "update", "utilization"),
    "stonith": ("cleanup", "config", "confirm", "create", "defaults", "delete", "describe", "disable", "enable",
                "failcount", "fence", "history", "level", "list", "meta", "op", "refresh", "remove", "sbd",
                "status", "update"),
    "constraint": ("colocation", "config", "delete", "location", "order", "ref", "remove", "rule", "ticket"),
    "property": ("config", "defaults", "describe", "set", "unset"),
    "quorum": ("config", "device", "expected-votes", "status", "unblock", "update"),
    "status": ("cluster", "corosync", "nodes", "pcsd", "qdevice", "quorum", "resources", "xml"),
    "node": ("attribute", "maintenance", "standby", "unmaintenance", "unstandby", "utilization"),
    "config": ("backup", "checkpoint", "restore", "show"),
    "acl": (), "alert": (), "booth": (), "client": (), "dr": (), "host": (), "pcsd": (), "qdevice": (), "tag": (),
}
FAULTS = ("crash", "restart", "power-off", "stop", "start", "kill", "partition", "heal", "fail-resource")
DAEMONS = ("corosync", "pacemakerd", "pacemaker-controld", "pacemaker-execd", "pacemaker-fenced", "pacemaker-schedulerd")


class _ArgumentParser(argparse.ArgumentParser):
    """argparse that reports through IPython's UsageError instead of exiting the kernel."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message}")

    def exit(self, status: int = 0, message: str | None = None) -> None:  # type: ignore[override]
        if message:
            raise UsageError(message.strip())
        raise _HelpShown()


class _HelpShown(Exception):
    """`-h` printed the help: nothing else to do."""


def _lab_parser() -> _ArgumentParser:
    parser = _ArgumentParser(prog="%lab", description="Create, select or inspect the lab the magics drive.")
    sub = parser.add_subparsers(dest="action")
    sim = sub.add_parser("sim", help="a simulated cluster (deterministic, virtual time)")
    sim.add_argument("--nodes", type=int, default=3, help="number of nodes, node1..nodeN (default 3)")
    sim.add_argument("--seed", type=int, default=0, help="random seed: same seed, same run (default 0)")
    sim.add_argument("--name", default="lab", help="variable to bind the lab to (default: lab)")
    ssh = sub.add_parser("ssh", help="a real cluster over SSH")
    ssh.add_argument("inventory", nargs="?", help="inventory file (TOML) listing the nodes")
    ssh.add_argument("--hosts", help="comma-separated host names instead of an inventory")
    ssh.add_argument("--user", default="root")
    ssh.add_argument("--key", help="private key file")
    ssh.add_argument("--known-hosts", help="known_hosts file (host keys are checked strictly)")
    ssh.add_argument("--allow-faults", action="store_true", help="allow %%fault on these real nodes")
    ssh.add_argument("--name", default="lab", help="variable to bind the lab to (default: lab)")
    sub.add_parser("status", help="what the current lab is and how it is doing")
    use = sub.add_parser("use", help="drive an existing Lab held in a variable")
    use.add_argument("variable")
    node = sub.add_parser("node", help="the node where %%pcs and %%crm_mon run")
    node.add_argument("node")
    sub.add_parser("close", help="close the current lab")
    return parser


# --- printing like a terminal ------------------------------------------------


def show(result: CommandResult) -> None:
    """Print a command's output as a terminal would, and its exit code when not 0."""
    if result.stdout:
        sys.stdout.write(result.stdout if result.stdout.endswith("\n") else result.stdout + "\n")
        sys.stdout.flush()
    if result.stderr:
        sys.stderr.write(result.stderr if result.stderr.endswith("\n") else result.stderr + "\n")
    if result.rc != 0:
        sys.stderr.write(f"(exit code {result.rc})\n")
    sys.stderr.flush()


def _error(message: str) -> None:
    sys.stderr.write(message.rstrip() + "\n")
    sys.stderr.flush()


def _friendly(magic: Callable[..., Any]) -> Callable[..., Any]:
    """Turn the lab's refusals into one line on stderr; keep UsageError for IPython to print."""

    def wrapper(self: "LabMagics", *args: Any) -> Any:
        try:
            return magic(self, *args)
        except UsageError:
            raise
        except _HelpShown:
            return None
        except (ValueError, KeyError, OSError) as error:  # LabError is a ValueError; SSH trouble is an OSError
            message = error.args[0] if isinstance(error, KeyError) and error.args else error
            _error(f"error: {message}")
        except Exception as error:  # noqa: BLE001 - a magic must never leave a traceback on screen
            _error(f"halab: internal error ({type(error).__name__}: {error}); please report it")
        return None

    wrapper.__name__ = magic.__name__
    wrapper.__doc__ = magic.__doc__
    return wrapper


def _command_lines(cell: str) -> list[str]:
    """Lines of a cell that are commands: not blank, not shell comments."""
    return [line.strip() for line in cell.splitlines() if line.strip() and not line.strip().startswith("#")]


# --- faults: shared with the dashboard's buttons -----------------------------


def apply_fault(lab: Any, words: list[str]) -> str:
    """Inject the fault `words` describe (as typed after %fault); return what was done."""
    if not words:
        raise UsageError("%fault: what fault? e.g. %fault crash node2 (see %fault?)")
    action, args = words[0], words[1:]
    node_actions: dict[str, str] = {"crash": "crash", "restart": "restart", "power-off": "power_off", "stop": "stop", "start": "start"}
    if action in node_actions:
        if len(args) != 1:
            raise UsageError(f"%fault {action}: give exactly one node, e.g. %fault {action} node2")
        _check_nodes(lab, args)
        getattr(lab, node_actions[action])(args[0])
    elif action == "kill":
        if len(args) != 2:
            raise UsageError("%fault kill: give a node and a daemon, e.g. %fault kill node2 corosync")
        _check_nodes(lab, args[:1])
        lab.kill(args[0], args[1])
    elif action == "partition":
        groups = [group.split() for group in " ".join(args).split("/")]
        if len(groups) < 2 or any(not group for group in groups):
            raise UsageError("%fault partition: separate the groups with '/', e.g. %fault partition node1 / node2 node3")
        _check_nodes(lab, [name for group in groups for name in group])
        lab.partition(*groups)
    elif action == "heal":
        if args:
            raise UsageError("%fault heal takes no arguments: it removes every partition")
        lab.heal()
    elif action == "fail-resource":
        if not 1 <= len(args) <= 2:
            raise UsageError("%fault fail-resource: give a resource (and optionally a node), e.g. %fault fail-resource WebSite")
        if not hasattr(lab, "fail_resource"):
            raise UsageError("%fault fail-resource: this lab cannot fail resources yet (no Pacemaker layer in it)")
        if len(args) == 2:
            _check_nodes(lab, args[1:])
        lab.fail_resource(*args)
    else:
        raise UsageError(f"%fault: unknown fault {action!r}; known: {', '.join(FAULTS)}")
    return f"%fault {' '.join(words)}"


def real_commands(words: list[str]) -> list[str]:
    """What a fault runs on real nodes (SshBackend), to print next to the %fault line."""
    from halab_kernel.remote import faults

    action, args = words[0], words[1:]
    where = f"on {args[0]}: " if args else ""
    table = {
        "crash": [faults.CRASH],
        "stop": [faults.STOP],
        "start": [faults.START],
        "restart": [faults.STOP, faults.START],
        "heal": [faults.HEAL + "   (on every node)"],
        "partition": [f"nft table inet {faults.PARTITION_TABLE}: drop corosync traffic between the groups (on every node)"],
    }
    if action == "fail-resource" and args:
        return [faults.fail_resource(args[0], args[1] if len(args) > 1 else "<the node where it runs>")]
    return [where + line if action in ("crash", "stop", "start", "restart") else line for line in table.get(action, [])]


def _check_nodes(lab: Any, names: Iterable[str]) -> None:
    known = tuple(lab.node_names)
    for name in names:
        if name not in known:
            raise UsageError(f"unknown node {name!r} (this lab has: {' '.join(known)})")


# --- the magics --------------------------------------------------------------


@magics_class
class LabMagics(Magics):
    """The magics of the HA Lab kernel. The lab they drive is `lab` unless `%lab use` says otherwise."""

    def __init__(self, shell: Any) -> None:
        super().__init__(shell)
        self._lab: Any = None
        self._node: str | None = None
        self.dashboards: list[Any] = []

    # the current lab and node

    @property
    def lab(self) -> Any:
        """The lab the magics drive: the one `%lab` made or chose, else the notebook's `lab`."""
        if self._lab is not None and not getattr(self._lab, "closed", False):
            return self._lab
        candidate = self.shell.user_ns.get("lab") if self.shell else None
        if candidate is not None and hasattr(candidate, "run") and hasattr(candidate, "node_names"):
            return candidate
        raise UsageError("no lab yet: create one first, e.g. %lab sim --nodes 3 (or lab = Lab.simulated(nodes=3))")

    def node(self) -> str:
        names = tuple(self.lab.node_names)
        if self._node in names:
            return self._node  # type: ignore[return-value]
        return names[0]

    def _bind(self, lab: Any, name: str) -> None:
        if self._lab is not None:
            from halab_kernel import live

            live.pause(self._lab)  # the replaced lab must not keep ticking in the background
        self._lab = lab
        self._node = None
        if self.shell is not None:
            self.shell.user_ns[name] = lab

    # %lab

    @line_magic("lab")
    @_friendly
    def lab_magic(self, line: str) -> None:
        """Create, select or inspect the lab.

        %lab sim [--nodes 3] [--seed 0]      a simulated cluster; bound to the name `lab`
        %lab ssh INVENTORY                   real nodes listed in an inventory (TOML)
        %lab ssh --hosts n1,n2,n3 [--user root] [--key FILE] [--known-hosts FILE] [--allow-faults]
        %lab status                          kind, nodes, time, quorum, DC
        %lab use NAME                        drive the Lab held in variable NAME
        %lab node NAME                       run %pcs and %crm_mon on NAME (default: the first node)
        %lab close                           close the lab

        On the simulator the cluster is starting right after `%lab sim`:
        `%advance 10s` reaches a formed, quorate membership.
        """
        args = _lab_parser().parse_args(shlex.split(line) or ["status"])
        if args.action == "sim":
            if not 1 <= args.nodes <= 32:
                raise UsageError("%lab sim: --nodes must be between 1 and 32")
            from halab_kernel import Lab

            self._bind(Lab.simulated(nodes=args.nodes, seed=args.seed), args.name)
            print(f"Simulated lab: {' '.join(self.lab.node_names)} (seed {args.seed}), bound to `{args.name}`. "
                  f"The cluster is starting: %advance 10s to let it form.")
        elif args.action == "ssh":
            if not args.inventory and not args.hosts:
                raise UsageError("%lab ssh: give an inventory file or --hosts n1,n2,...")
            from halab_kernel import Lab

            hosts = args.hosts.split(",") if args.hosts else None
            lab = Lab.ssh(hosts=hosts, inventory=args.inventory, user=args.user, key=args.key,
                          known_hosts=args.known_hosts, allow_faults=args.allow_faults)
            self._bind(lab, args.name)
            print(f"Connected to {' '.join(lab.node_names)}, bound to `{args.name}`.")
        elif args.action == "use":
            candidate = self.shell.user_ns.get(args.variable)
            if candidate is None or not hasattr(candidate, "node_names"):
                raise UsageError(f"%lab use: {args.variable!r} is not a Lab in this notebook")
            self._lab, self._node = candidate, None
            print(f"The magics now drive `{args.variable}` ({' '.join(candidate.node_names)}).")
        elif args.action == "node":
            _check_nodes(self.lab, [args.node])
            self._node = args.node
            print(f"%pcs and %crm_mon now run on {args.node}.")
        elif args.action == "close":
            self.lab.close()
            self._lab = None
            print("Lab closed.")
        else:
            print(lab_status(self.lab, self.node()))

    # %pcs / %%pcs

    @line_cell_magic
    @_friendly
    def pcs(self, line: str, cell: str | None = None) -> None:
        """Run pcs on the current node (see %lab node), printing what pcs prints.

        %pcs status
        %pcs resource create WebSite ocf:heartbeat:apache

        As a cell magic, one pcs command a line (with or without the leading
        "pcs"); like a shell script with `set -e`, it stops at the first
        command that fails:

        %%pcs
        property set stonith-enabled=false
        resource create VIP ocf:heartbeat:IPaddr2 ip=192.168.122.200
        """
        lab, node = self.lab, self.node()
        lines = _command_lines(cell) if cell is not None else [line.strip()]
        if not lines:
            raise UsageError("%%pcs: the cell has no command; write one pcs command a line")
        for i, words in enumerate(lines):
            command = words if words.startswith("pcs ") or words == "pcs" else f"pcs {words}".rstrip()
            result = lab.run(node, command)
            show(result)
            if result.rc != 0 and cell is not None:
                rest = len(lines) - i - 1
                if rest:
                    _error(f"stopped: {rest} later command(s) not run")
                return

    # %node / %%node

    @line_cell_magic("node")
    @_friendly
    def node_magic(self, line: str, cell: str | None = None) -> None:
        """Run command lines on a node, as in a shell there.

        %node node2 corosync-quorumtool -s

        %%node node2
        crm_mon -1
        corosync-cfgtool -s

        Each line runs in turn (a failing line does not stop the next), its
        output printed as the command printed it, its exit code when not 0.
        """
        words = line.split(None, 1)
        if not words:
            raise UsageError("%node: which node? e.g. %%node node2 (then one command a line)")
        lab, node = self.lab, words[0]
        _check_nodes(lab, [node])
        lines = _command_lines(cell) if cell is not None else ([words[1]] if len(words) > 1 else [])
        if not lines:
            raise UsageError(f"%node {node}: no command to run")
        for command in lines:
            if len(lines) > 1:
                print(f"root@{node}:~# {command}")
            show(lab.run(node, command))

    # %crm_mon

    @line_magic
    @_friendly
    def crm_mon(self, line: str) -> None:
        """crm_mon, one-shot, on the current node: %crm_mon, %crm_mon -rf, %crm_mon --output-as=xml"""
        args = shlex.split(line)
        if not {"-1", "--one-shot"} & set(args):
            args.insert(0, "-1")
        show(self.lab.run(self.node(), " ".join(["crm_mon", *map(shlex.quote, args)])))

    # %fault

    @line_magic
    @_friendly
    def fault(self, line: str) -> None:
        """Inject a fault.

        %fault crash node2                  the node dies at once (no clean shutdown)
        %fault restart node2                power it back on / start its cluster stack
        %fault power-off node2              like pulling the plug
        %fault stop node2 | start node2     stop or start the cluster stack cleanly
        %fault kill node2 corosync          kill one daemon
        %fault partition node1 / node2 node3    cut the network between the groups
        %fault heal                         remove every partition
        %fault fail-resource WebSite [node] make a resource's next monitor fail

        On the simulator nothing reacts until time passes: follow with %advance.
        """
        lab = self.lab
        before = len(lab.events)
        done = apply_fault(lab, line.split())
        injected = [event for event in list(lab.events)[before:] if isinstance(event, FaultInjected)]
        for event in injected:
            print(f"t={event.time:.3f} s: {event.message}")
        if not injected:
            print(done)
        if getattr(lab, "kind", "sim") == "sim":
            print("Let time pass to see the cluster react, e.g. %advance 30s")
        else:
            for command in real_commands(line.split()):
                print(f"  ran {command}")

    # %advance

    @line_magic
    @_friendly
    def advance(self, line: str) -> None:
        """Let time pass: %advance 30s (also 500ms, 2m, 1h; a bare number is seconds).

        Prints the notable events of the interval (log lines are in lab.events_frame()).
        """
        if not line.strip():
            raise UsageError("%advance: how long? e.g. %advance 30s")
        seconds = parse_duration(line)
        lab = self.lab
        from halab_kernel.progress import advance_with_progress

        events = advance_with_progress(lab, seconds)
        print(summarise(events, lab.now))

    # %dashboard

    @line_magic
    @_friendly
    def dashboard(self, line: str) -> None:
        """Show the live dashboard of the lab: ring, quorum, placement, timeline, events, controls.

        %dashboard          live widgets (a static picture when grading or outside a live kernel)
        %dashboard static   just the static snapshot
        """
        from IPython.display import display

        from halab_widgets import dashboard, snapshot

        if line.strip() == "static":
            display(snapshot(self.lab))
            return
        if line.strip():
            raise UsageError("%dashboard takes no argument other than 'static'")
        board = dashboard(self.lab)
        self.dashboards.append(board)
        display(board)


def lab_status(lab: Any, node: str) -> str:
    state = lab.state()
    lines = [f"{getattr(lab, 'kind', '?')} lab, t={lab.now:.3f} s, commands run on {node}"]
    for each in state.nodes:
        partition = state.partition_of(each.name)
        quorum = "" if partition is None else (" quorate" if partition.quorate else " NOT quorate")
        dc = " (DC)" if state.dc == each.name else ""
        lines.append(f"  {each.name:<10} {each.status:<12}{quorum}{dc}")
    if state.resources:
        lines.append(f"  {len(state.resources)} resource(s)")
    return "\n".join(lines)


def summarise(events: Iterable[Any], now: float, limit: int = 25) -> str:
    notable = [event for event in events if not isinstance(event, LogLine)]
    lines = [f"t={now:.3f} s, {len(notable)} event(s)"]
    lines += [f"  {event.time:10.3f}  {event.node or '-':<8} {event.message}" for event in notable[:limit]]
    if len(notable) > limit:
        lines.append(f"  ... and {len(notable) - limit} more (all of them: lab.events_frame())")
    return "\n".join(lines)


# --- tab completion ------------------------------------------------------------


def _names(shell: Any) -> tuple[tuple[str, ...], tuple[str, ...]]:
    magics = shell.magics_manager.registry.get("LabMagics")
    try:
        lab = magics.lab
        state = lab.state()
        return tuple(lab.node_names), tuple(rsc.id for rsc in state.resources)
    except Exception:  # noqa: BLE001 - completion must never raise
        return (), ()


def complete(shell: Any, line: str) -> list[str]:
    """Completions for the word being typed on a magic line (what IPython's hook returns)."""
    words = line.split()
    if not words:
        return []
    typing = not line.endswith(" ")
    done = words[:-1] if typing else words
    command = done[0].lstrip("%") if done else ""
    args = done[1:]
    nodes, resources = _names(shell)
    if command == "pcs":
        if not args:
            return sorted(PCS_COMMANDS)
        if len(args) == 1:
            return list(PCS_COMMANDS.get(args[0], ()))
        return [*nodes, *resources]
    if command == "fault":
        if not args:
            return list(FAULTS)
        if args[0] == "fail-resource":
            return list(resources) if len(args) == 1 else list(nodes)
        if args[0] == "kill" and len(args) == 2:
            return list(DAEMONS)
        return list(nodes) + (["/"] if args[0] == "partition" else [])
    if command == "node":
        return list(nodes) if not args else ["crm_mon -1", "corosync-quorumtool -s", "corosync-cfgtool -s", "pcs status"]
    if command == "lab":
        if not args:
            return ["sim", "ssh", "status", "use", "node", "close"]
        return list(nodes) if args[0] == "node" else []
    if command == "crm_mon":
        return ["-r", "-f", "-A", "-n", "--output-as=xml"]
    return []


def _completer(command: str) -> Callable[[Any, Any], list[str]]:
    def hook(shell: Any, event: Any) -> list[str]:  # IPython binds hooks to the shell
        found = complete(shell, event.line)
        if not found:
            raise TryNext()
        return found

    hook.__name__ = f"complete_{command}"
    return hook


# --- the extension ---------------------------------------------------------------

def load_ipython_extension(ipython: Any) -> None:
    ipython.register_magics(LabMagics(ipython))
    for command in ("%lab", "%pcs", "%node", "%%node", "%fault", "%crm_mon"):
        ipython.set_hook("complete_command", _completer(command), str_key=command)


def unload_ipython_extension(ipython: Any) -> None:
    magics = ipython.magics_manager.registry.pop("LabMagics", None)
    if magics is None:
        return
    for kind, names in (("line", ("lab", "pcs", "node", "crm_mon", "fault", "advance", "dashboard")), ("cell", ("pcs", "node"))):
        for name in names:
            ipython.magics_manager.magics[kind].pop(name, None)
