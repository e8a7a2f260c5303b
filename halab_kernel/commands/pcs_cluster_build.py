"""Building a cluster from bare simulated nodes: `pcs host auth`, `pcs cluster setup`, start, enable.

As in Clusters from Scratch: authenticate pcsd on every node (`pcs host auth node1 node2 node3 -u
hacluster -p PASSWORD`), write corosync.conf to all of them (`pcs cluster setup NAME node1 node2
node3 [addr=...] [transport ...] [totem ...] [quorum ...]`, the same text pcs 0.11.5 writes: see
pcs/setup.py), then `pcs cluster start --all` and `pcs cluster enable --all`. The simulator's
nodes are fixed at creation, so a setup must name all of them, in any order (pcs numbers them in
the order given: node3 node2 node1 makes node3 nodeid 1, see Simulator.reload_corosync), before the
cluster's first start or after `pcs cluster destroy [--all]`, which stops the daemons and removes
corosync.conf (and the CIB once no node keeps corosync.conf), so the cluster can be set up again.
"""

from __future__ import annotations

from halab_kernel.commands.pcs.context import PcsLib
from halab_kernel.commands.pcs.errors import PcsError, UsageError
from halab_kernel.commands.pcs.options import Modifiers, timeout_to_seconds
from halab_kernel.commands.pcs.setup import default_addresses, parse, render, setup_local, validate
from halab_kernel.commands.router import CommandContext
from halab_kernel.errors import LabError
from halab_kernel.sim.bare import bare_state
from halab_kernel.sim.pacemaker.cibstore import CibStore

RIG = "try it on real nodes: halab rig up"


def host_auth(context: CommandContext, lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    """`pcs host auth HOST [addr=A]... -u hacluster -p PASSWORD`."""
    modifiers.ensure_only("-u", "-p", "--request-timeout", "--token")
    _authenticate(context, lib, argv, modifiers)


def _authenticate(context: CommandContext, lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    hosts = [word for word in argv if "=" not in word]
    if not hosts:
        raise PcsError("Error: please specify the hosts to authenticate")
    state = bare_state(context.sim)
    unknown = [host for host in hosts if host not in context.sim.node_names]
    for host in unknown:
        lib.reporter.err(f"{host}: Unable to connect to {host}, check if pcsd is running there or try setting "
                         f"higher timeout with --request-timeout option (Could not resolve host: {host})")
    if unknown:
        raise PcsError(*(f"Error: Unable to communicate with {host}" for host in unknown))
    if state is not None:
        password = modifiers.get("-p")
        if modifiers.get("-u") not in (None, "hacluster") or password not in (None, state.hacluster_password):
            raise PcsError(*(f"Error: {host}: Username and/or password is incorrect" for host in hosts))
        if password is None:
            raise PcsError("Error: the lab has no terminal to ask for the password: give it, "
                           "pcs host auth ... -u hacluster -p PASSWORD")
        state.known_hosts[context.node].update(hosts)
    for host in hosts:
        lib.reporter.out(f"{host}: Authorized")


def cluster_auth(context: CommandContext, lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    """`pcs cluster auth [-u U] [-p P]`: pcs 0.11 authenticates the nodes of the local corosync.conf and takes
    no host names (`pcs host auth` does)."""
    modifiers.ensure_only("--corosync_conf", "--request-timeout", "-u", "-p")
    if argv:
        raise UsageError()
    sim, state = context.sim, bare_state(context.sim)
    conf = "/etc/corosync/corosync.conf"
    if state is not None and conf not in sim.files(context.node):
        raise PcsError(f"Error: Unable to read {conf}: No such file or directory")
    known = state.known_hosts[context.node] if state is not None else set(sim.node_names)
    missing = [name for name in sim.node_names if name not in known]
    if not missing:
        lib.reporter.err("Sending cluster config files to the nodes...")
        return
    for name in missing:
        lib.reporter.err(f"{name}: Not authorized")
    lib.reporter.out(f"Nodes to authorize: {', '.join(missing)}")
    _authenticate(context, lib, missing, modifiers)


def cluster_setup(context: CommandContext, lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    if modifiers.has("--corosync_conf"):
        setup_local(lib, argv, modifiers)
        return
    modifiers.ensure_only("--force", "--no-cluster-uuid", "--wait", "--start", "--enable", "--no-keys-sync")
    sim, state = context.sim, bare_state(context.sim)
    request = parse(argv)
    names = [name for name, _ in request.nodes]
    known = state.known_hosts[context.node] if state is not None else set(sim.node_names)
    missing = [name for name in names if name not in known]
    if missing:
        noun = "Host" if len(missing) == 1 else "Hosts"
        listed = ", ".join(f"'{name}'" for name in missing)
        raise PcsError(f"Error: {noun} {listed} {'is' if len(missing) == 1 else 'are'} not known to pcs, try to "
                       f"authenticate the {'host' if len(missing) == 1 else 'hosts'} using 'pcs host auth "
                       f"{' '.join(missing)}' command", "Error: Errors have occurred, therefore pcs is unable to continue")
    if state is None or state.set_up:
        for name in names:
            running = ["corosync", "pacemaker"] if sim.machines[name].pacemaker_running else []
            if running:
                lib.reporter.error(f"{name}: The host seems to be in a cluster already as the following services "
                                   "are found to be running: 'corosync', 'pacemaker'. If the host is not part of a "
                                   "cluster, stop the services and retry", forceable=True)
            else:
                lib.reporter.error(f"{name}: The host seems to be in a cluster already as cluster configuration "
                                   "files have been found on the host", forceable=True)
        lib.reporter.stop_if_errors()
        raise PcsError(f"Error: the simulator cannot set a running cluster up again; {RIG}")
    if sorted(names) != sorted(sim.node_names):
        raise PcsError(f"Error: this simulated lab builds its cluster from all its nodes "
                       f"({' '.join(sim.node_names)}); to try another set of nodes, {RIG}")
    if names != list(sim.node_names) and not sim.cluster_down():  # before any output: a refused setup changes nothing
        raise PcsError(f"Error: real pcs gives the nodes IDs in the order listed ({', '.join(f'{name}: {number}' for number, name in enumerate(names, 1))}); "
                       f"this simulated lab renumbers its nodes ({' '.join(sim.node_names)}: 1 to {len(names)}) only "
                       f"while none of them runs corosync, sbd or Pacemaker: list them in that order, or to try "
                       f"another order, {RIG}")
    request = default_addresses(request, lib.reporter)
    validate(request, lib.reporter)
    wait_seconds = _wait_timeout(lib, modifiers)
    uuid = None if modifiers.has("--no-cluster-uuid") else "%032x" % sim.rng.getrandbits(128)
    text = render(request, uuid)
    hosts = ", ".join(f"'{name}'" for name in names)
    say = lib.reporter.err
    say(f"Destroying cluster on hosts: {hosts}...")
    for name in names:
        say(f"{name}: Successfully destroyed cluster")
    say(f"Requesting remove 'pcsd settings' from {hosts}")
    for name in names:
        say(f"{name}: successful removal of the file 'pcsd settings'")
    say(f"Sending 'corosync authkey', 'pacemaker authkey' to {hosts}")
    for name in names:
        say(f"{name}: successful distribution of the file 'corosync authkey'")
        say(f"{name}: successful distribution of the file 'pacemaker authkey'")
    say(f"Sending 'corosync.conf' to {hosts}")
    for name in names:
        say(f"{name}: successful distribution of the file 'corosync.conf'")
    try:
        sim.reload_corosync(text)
    except (LabError, ValueError) as error:
        raise PcsError(f"Error: {error}") from None
    for name in sim.node_names:
        sim.files(name)["/etc/corosync/corosync.conf"] = text
        state.known_hosts[name] = set(names)  # setup distributes known-hosts
    state.set_up = True
    say("Cluster has been successfully set up.")
    if modifiers.has("--enable"):  # EnableCluster: every node's pcsd enables corosync and pacemaker at boot
        say(f"Enabling cluster on hosts: {hosts}...")
        for name in names:
            sim.machines[name].cluster_enabled = True
            say(f"{name}: Cluster enabled")
    if modifiers.has("--start"):  # StartCluster: no word per node; --wait asks each pcsd until Pacemaker is up
        say(f"Starting cluster on hosts: {hosts}...")
        for name in names:
            sim.start(name)
        if wait_seconds is not None:
            say(f"Waiting for node(s) to start: {hosts}...")
            def online(name: str) -> bool:  # pcsd's pacemaker_node_status: online in its crm_mon, not pending
                return sim.pacemaker.pacemaker_up(name) and sim.state(name).node(name).status == "online"

            started = sim.clock.run_until(lambda: all(online(n) for n in names), wait_seconds)
            for name in names:
                if online(name):
                    say(f"{name}: Cluster started")
            if not started:
                raise PcsError("Error: Node(s) startup timed out", "Error: Unable to verify all nodes have started")


def _wait_timeout(lib: PcsLib, modifiers: Modifiers) -> float | None:
    """setup's --wait[=TIMEOUT] (pcs's _get_validated_wait_timeout): only with --start; 15 minutes by default."""
    if not modifiers.has("--wait"):
        return None
    if not modifiers.has("--start"):
        lib.reporter.error("Cannot specify 'wait' without specifying 'start'")
    value = modifiers.wait
    seconds = timeout_to_seconds(value) if value is not None else 15 * 60
    if seconds is None:
        lib.reporter.error(f"'{value}' is not a valid number of seconds to wait")
    lib.reporter.stop_if_errors()
    return seconds


def refuse_before_setup(context: CommandContext, command: str, argv: list[str], everywhere: bool) -> None:
    """`pcs cluster start/stop` on a bare node: no corosync.conf yet (pcs 0.11.5's words where known)."""
    state = bare_state(context.sim)
    if state is None or "/etc/corosync/corosync.conf" in context.sim.files(context.node):
        return
    if everywhere:  # --all reads the node list from corosync.conf (utils.getCorosyncConf)
        raise PcsError("Error: Unable to read /etc/corosync/corosync.conf: No such file or directory")
    if command == "pcs cluster start" and not argv:  # cluster.start_cluster: utils.hasCorosyncConf()
        raise PcsError("Error: cluster is not currently configured on this node")
    raise PcsError(f"Error: {command}: /etc/corosync/corosync.conf does not exist yet: run "
                   "'pcs cluster setup NAME NODE...' first")


def cluster_destroy(context: CommandContext, lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    """`pcs cluster destroy [--all]` on a bare lab: stop the daemons, remove corosync.conf (and, once no
    node keeps one, the CIB), so that `pcs cluster setup` can build the cluster again."""
    modifiers.ensure_only("--all", "--request-timeout", "--force")
    if argv:
        raise UsageError()
    sim, state = context.sim, bare_state(context.sim)
    if state is None:
        raise PcsError("Error: pcs cluster destroy is simulated on labs built from bare nodes "
                       f"(Lab.simulated(3, bare=True)); this lab's cluster stays; {RIG}")
    conf = "/etc/corosync/corosync.conf"
    if modifiers.has("--all"):
        if conf not in sim.files(context.node):
            lib.reporter.warning("Unable to load CIB to get guest and remote nodes from it, those nodes will not "
                              "be deconfigured.")
            raise PcsError(f"Error: Unable to read {conf}: No such file or directory")
        targets = list(sim.node_names)
    else:
        targets = [context.node]
        for line in ("Shutting down pacemaker/corosync services...", "Killing any remaining services...",
                     "Removing all cluster configuration files..."):
            lib.reporter.err(line)
    for name in targets:
        if sim.totem.nodes[name].process != "stopped":
            sim.stop(name)
    sim.clock.run_until(lambda: all(sim.totem.nodes[n].process == "stopped" for n in targets), 600)
    for name in targets:
        sim.files(name).pop(conf, None)
        sim.pacemaker.pe_inputs.remove_inputs(name)  # its state files: pe*.bz2 (not pe-input.last)
        sim.machines[name].cluster_enabled = False  # destroy disables corosync and pacemaker at boot
    if not any(conf in sim.files(name) for name in sim.node_names):
        state.set_up = False
        sim.cib.replace(CibStore(sim.config.cluster_name, [(e.name, e.node_id) for e in sim.config.nodes]).read(), client="cibadmin", origin=context.node)
