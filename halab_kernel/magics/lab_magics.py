"""The `LabMagics` class: the magics themselves, thin over the Lab API."""

from __future__ import annotations

import argparse
import shlex
from pathlib import Path
from typing import Any, Callable, TypeVar, cast

from IPython.core.error import UsageError
from IPython.core.magic import Magics, line_cell_magic, line_magic, magics_class

from halab_kernel.fault_words import real_commands
from halab_kernel.magics.faults import check_nodes, inject_words
from halab_kernel.magics.terminal import (
    HelpShown,
    command_lines,
    friendly,
    lab_status,
    parse_duration,
    print_error,
    show,
    summarise,
)
from halab_kernel.model import FaultInjected


class _ArgumentParser(argparse.ArgumentParser):
    """argparse that reports through IPython's UsageError instead of exiting the kernel."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message}")

    def exit(self, status: int = 0, message: str | None = None) -> None:  # type: ignore[override]
        if message:
            raise UsageError(message.strip())
        raise HelpShown()


def _lab_parser() -> _ArgumentParser:
    parser = _ArgumentParser(prog="%lab", description="Create, select or inspect the lab the magics drive.")
    sub = parser.add_subparsers(dest="action")
    sim = sub.add_parser("sim", help="a simulated cluster (deterministic, virtual time)")
    sim.add_argument("--nodes", type=int, default=3, help="number of nodes, node1..nodeN (default 3)")
    sim.add_argument("--seed", type=int, default=0, help="random seed: same seed, same run (default 0)")
    sim.add_argument("--corosync", metavar="FILE", help="a corosync.conf whose nodelist names the nodes")
    sim.add_argument("--start", metavar="NODES", help="comma-separated nodes powered on at first (default: all)")
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


_Method = TypeVar("_Method", bound=Callable[..., Any])


def _named(marker: Any, name: str) -> Callable[[_Method], _Method]:
    """IPython's `line_magic("name")`, typed for mypy (IPython's own annotations make it accept nothing)."""
    return cast(Callable[[_Method], _Method], marker(name))


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
        """Where %pcs and %crm_mon run: the node `%lab node` chose, else the first powered node
        (on the simulator: with node1 powered off, a student's %pcs goes to node2, as they would)."""
        lab = self.lab
        names = tuple(lab.node_names)
        if self._node in names:
            return self._node  # type: ignore[return-value]
        if getattr(lab, "kind", "sim") == "sim":
            powered = [node.name for node in lab.state().nodes if node.powered]
            if powered:
                return powered[0]
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

    @_named(line_magic, "lab")
    @friendly
    def lab_magic(self, line: str) -> None:
        """Create, select or inspect the lab.

        %lab sim [--nodes 3] [--seed 0]      a simulated cluster; bound to the name `lab`
        %lab sim --corosync FILE             nodes and options from a corosync.conf
        %lab sim --start node1,node2         only these nodes powered on at first
        %lab ssh INVENTORY                   real nodes listed in an inventory (TOML)
        %lab ssh --hosts n1,n2,n3 [--user root] [--key FILE] [--known-hosts FILE] [--allow-faults]
        %lab status                          kind, nodes, time, quorum, DC
        %lab use NAME                        drive the Lab held in variable NAME
        %lab node NAME                       run %pcs and %crm_mon on NAME (default: the first powered node)
        %lab close                           close the lab

        On the simulator the cluster is starting right after `%lab sim`:
        `%advance 30s` reaches a formed membership with a DC.
        """
        args = _lab_parser().parse_args(shlex.split(line) or ["status"])
        if args.action == "sim":
            if not 1 <= args.nodes <= 32:
                raise UsageError("%lab sim: --nodes must be between 1 and 32")
            from halab_kernel import Lab

            corosync = None
            if args.corosync:
                try:
                    corosync = Path(args.corosync).read_text()
                except OSError as error:
                    raise UsageError(f"%lab sim: cannot read {args.corosync}: {error.strerror}") from None
            start = [name for name in args.start.split(",") if name] if args.start else None
            lab = Lab.simulated(nodes=args.nodes, seed=args.seed, corosync=corosync, start=start)
            self._bind(lab, args.name)
            print(f"Simulated lab: {' '.join(lab.node_names)} (seed {args.seed}), bound to `{args.name}`. "
                  f"The cluster is starting: %advance 30s to let it form.")
        elif args.action == "ssh":
            if not args.inventory and not args.hosts:
                raise UsageError("%lab ssh: give an inventory file or --hosts n1,n2,...")
            from halab_kernel import Lab
            from halab_kernel.progress import Progress

            hosts = args.hosts.split(",") if args.hosts else None
            with Progress(1, "connecting") as bar:
                bar.update(0, f"SSH to {', '.join(hosts) if hosts else 'the nodes of ' + args.inventory}")
                lab = Lab.ssh(hosts=hosts, inventory=args.inventory, user=args.user, key=args.key,
                              known_hosts=args.known_hosts, allow_faults=args.allow_faults)
            self._bind(lab, args.name)
            print(f"Connected to {' '.join(lab.node_names)}, bound to `{args.name}`.")
        elif args.action == "use":
            candidate = self.shell.user_ns.get(args.variable) if self.shell is not None else None
            if candidate is None or not hasattr(candidate, "node_names"):
                raise UsageError(f"%lab use: {args.variable!r} is not a Lab in this notebook")
            self._lab, self._node = candidate, None
            print(f"The magics now drive `{args.variable}` ({' '.join(candidate.node_names)}).")
        elif args.action == "node":
            check_nodes(self.lab, [args.node])
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
    @friendly
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
        lines = command_lines(cell) if cell is not None else [line.strip()]
        if not lines:
            raise UsageError("%%pcs: the cell has no command; write one pcs command a line")
        for i, words in enumerate(lines):
            command = words if words.startswith("pcs ") or words == "pcs" else f"pcs {words}".rstrip()
            result = lab.run(node, command)
            show(result)
            if result.rc != 0 and cell is not None:
                rest = len(lines) - i - 1
                if rest:
                    print_error(f"stopped: {rest} later command(s) not run")
                return

    # %node / %%node

    @_named(line_cell_magic, "node")
    @friendly
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
        if node != "qnetd":  # a quorum device's arbiter host; the lab says so if it has none
            check_nodes(lab, [node])
        lines = command_lines(cell) if cell is not None else ([words[1]] if len(words) > 1 else [])
        if not lines:
            raise UsageError(f"%node {node}: no command to run")
        for command in lines:
            if len(lines) > 1:
                print(f"root@{node}:~# {command}")
            show(lab.run(node, command))

    # %crm_mon

    @line_magic
    @friendly
    def crm_mon(self, line: str) -> None:
        """crm_mon, one-shot, on the current node: %crm_mon, %crm_mon -rf, %crm_mon --output-as=xml"""
        args = shlex.split(line)
        if not {"-1", "--one-shot"} & set(args):
            args.insert(0, "-1")
        show(self.lab.run(self.node(), " ".join(["crm_mon", *map(shlex.quote, args)])))

    # %fault

    @line_magic
    @friendly
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
        fault = inject_words(lab, line.split())
        injected = [event for event in list(lab.events)[before:] if isinstance(event, FaultInjected)]
        for event in injected:
            print(f"t={event.time:.3f} s: {event.message}")
        if not injected:
            print(f"%fault {' '.join(fault.words())}")
        if lab.kind == "sim":
            print("Let time pass to see the cluster react, e.g. %advance 30s")
        else:
            for command in real_commands(fault):
                print(f"  ran {command}")

    # %advance

    @line_magic
    @friendly
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
    @friendly
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
        # keep the dashboards still open (a re-run cell closed its previous one)
        self.dashboards = [shown for shown in self.dashboards if getattr(shown, "comm", None) is not None] + [board]
        display(board)
