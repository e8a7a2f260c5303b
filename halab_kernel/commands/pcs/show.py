"""Read-only pcs views of the configuration: `resource config`, `pcs config`, agent listings."""

from __future__ import annotations

import re
import textwrap

from halab_kernel.commands.pcs import alerts, cibtools, levels, messages, properties
from halab_kernel.commands.pcs.agents import AgentGuessError, guess_agent_name, invalid_agent_name, valid_agent_name
from halab_kernel.commands.pcs.installed_agents import installed_on_a_real_node
from halab_kernel.commands.pcs.context import PcsLib
from halab_kernel.commands.pcs.errors import UNABLE_TO_CONTINUE, PcsError, UsageError
from halab_kernel.commands.pcs.real_commands import real_command
from halab_kernel.commands.pcs.options import Modifiers
from halab_kernel.commands.pcs.render import constraint_lines, resource_lines
from halab_kernel.commands.pcs.render.resource_cmd import resources_cmd
from halab_kernel.sim.agents import find_agent, known_agent_names
from halab_kernel.sim.agents.units import on_a_real_node


def resource_config(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    modifiers.ensure_only("-f", "--output-format")
    check_config_ids(lib, argv, stonith=False)
    if modifiers.output_format(simulated=("text", "cmd")) == "cmd":
        commands = resources_cmd(lib.cib, stonith=False, only=argv, warn=lib.reporter.warning)
        if commands:
            lib.reporter.out(commands)
        return
    lines = resource_lines.resources_lines(lib.cib, stonith=False, only=argv or None)
    for line in lines:
        lib.reporter.out(line)


def check_config_ids(lib: PcsLib, ids: list[str], stonith: bool) -> None:
    """pcs's filter_stonith + filter_resources: a warning for each id that is not one of the kind
    (`resource config` takes no fence device but one inside a group or clone), an error if none is.
    (Real pcs warns in Python set order, which varies between runs; here in the command line's.)"""
    if not ids:
        return
    label = "stonith device" if stonith else "resource"
    known = {element.get("id") for element in lib.cib.iterfind("configuration/resources//*")
             if element.tag in cibtools.RESOURCE_TAGS
             and (cibtools.is_stonith(element) if stonith else
                  not cibtools.is_stonith(element) or cibtools.resource_parent(element) is not None)}
    for resource_id in dict.fromkeys(ids):
        if resource_id not in known:
            lib.reporter.warning(f"Unable to find {label} '{resource_id}'")
    if not known.intersection(ids):
        raise PcsError(f"Error: No {label} found")


def _indent(lines: list[str], by: str = "  ") -> list[str]:
    return [by + line if line else line for line in lines]


def corosync_summary(corosync_conf: str | None) -> tuple[str, list[str]]:
    """Cluster name and node names from corosync.conf text (what `pcs config` prints first)."""
    if not corosync_conf:
        return "", []
    name = re.search(r"^\s*cluster_name\s*:\s*(\S+)", corosync_conf, re.MULTILINE)
    nodes = re.findall(r"^\s*name\s*:\s*(\S+)", corosync_conf, re.MULTILINE)
    return (name.group(1) if name else ""), nodes


def config_cmd(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    if argv and argv != ["show"]:
        real = real_command(["config", *argv])
        if real not in (None, "config show"):  # `config checkpoint`, `config backup` ...
            raise PcsError(f"Error: pcs {real} is not simulated; try it on real nodes: halab rig up")
        unusable = UsageError()
        unusable.command = "config show" if argv[0] == "show" else "config "  # pcs's config router
        raise unusable
    modifiers.ensure_only("-f", "--corosync_conf", "--debug")  # 0.11.5's config has no --output-format
    out = lib.reporter.out
    cluster_name, corosync_nodes = corosync_summary(lib.corosync_conf)
    cib = lib.cib
    out(f"Cluster Name: {cluster_name}")
    pacemaker_nodes = sorted(n.get("uname", "") for n in cib.findall("configuration/nodes/node"))
    for heading, names in (("Corosync Nodes:", corosync_nodes), ("Pacemaker Nodes:", pacemaker_nodes)):
        out(heading)
        if names:  # pcs indents the joined names: nothing at all for none
            out(" " + " ".join(names))
    out("")
    out("Resources:")
    for line in _indent(resource_lines.resources_lines(cib, stonith=False)):
        out(line)
    out("")
    out("Stonith Devices:")
    for line in _indent(resource_lines.resources_lines(cib, stonith=True)):
        out(line)
    out("Fencing Levels:")
    for line in _indent(levels.level_lines(cib)):
        out(line)
    out("")
    for line in constraint_lines.all_lines(cib, full=True):  # pcs config does not check expiry
        out(line)
    out("")
    for line in alerts.config_lines(cib):
        out(line)
    out("")
    out("Resources Defaults:")
    for line in _indent(resource_lines.defaults_lines(cib, "rsc_defaults", full=True, expire_check=False)):
        out(line)
    out("Operations Defaults:")
    for line in _indent(resource_lines.defaults_lines(cib, "op_defaults", full=True, expire_check=False)):
        out(line)
    out("")
    for line in properties.config_lines(lib):
        out(line)
    out("")
    out("Tags:")
    tags = list(cib.iterfind("configuration/tags/tag"))
    if not tags:
        out(" No tags defined")
    for tag in tags:
        out(f" {tag.get('id')}")
        for ref in tag.iterfind("obj_ref"):
            out(f"   {ref.get('id')}")
    out("")
    out("Quorum:")
    out("  Options:")


def _live_only(lib: PcsLib, modifiers: Modifiers) -> None:
    """Listing agents asks the node's installed agents: pcs refuses -f for it."""
    modifiers.ensure_only("--nodesc")
    if lib.offline:
        raise PcsError("Error: Specified option '-f' is not supported in this command")


def standards(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    _live_only(lib, modifiers)
    for name in ("lsb", "ocf", "service", "stonith", "systemd"):
        lib.reporter.out(name)


def providers(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    _live_only(lib, modifiers)
    for name in sorted({n.split(":")[1] for n in known_agent_names() if n.startswith("ocf:")}):
        lib.reporter.out(name)


def _agent_line(name: str, shortdesc: str, describe: bool) -> str:
    """`NAME - SHORTDESC`, wrapped as pcs's _format_desc wraps it (80 columns, continuation lines
    indented under the description), or the name alone."""
    if not describe or not shortdesc:
        return name
    indentation = len(name) + 3
    width = 80 - indentation if 80 - indentation >= 1 else 80
    wrapped = textwrap.wrap(" ".join(shortdesc.split()), width)
    return f"{name} - " + "\n".join((" " * indentation if index else "") + line for index, line in enumerate(wrapped))


def _listing(lib: PcsLib, argv: list[str], modifiers: Modifiers, stonith: bool) -> None:
    """`pcs resource list [FILTER]` / `pcs stonith list [FILTER]`: the node's agents sorted by full name,
    those whose full name contains FILTER (any case); resources by full name, fence agents by type."""
    _live_only(lib, modifiers)
    if len(argv) > 1:
        raise UsageError()
    search = argv[0].lower() if argv else ""
    names = sorted(n for n in known_agent_names() if n.startswith("stonith:") == stonith and search in n.lower())
    if not names:
        kind = "stonith" if stonith else "resource"
        if search:  # utils.err exits at its first error
            raise PcsError(f"Error: No {kind} agents matching the filter.")
        what = "Do you have fence agents installed?" if stonith else "Do you have resource agents installed?"
        raise PcsError(f"Error: No {kind} agents available. {what}")
    for name in names:
        meta = find_agent(name)
        label = name.split(":", 1)[1] if stonith else name
        lib.reporter.out(_agent_line(label, meta.shortdesc if meta else "", not modifiers.has("--nodesc")))


def agents(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    _listing(lib, argv, modifiers, stonith=False)


def stonith_agents(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    _listing(lib, argv, modifiers, stonith=True)


def describe(lib: PcsLib, argv: list[str], modifiers: Modifiers, stonith_agent: bool = False) -> None:
    modifiers.ensure_only("--full")
    if len(argv) != 1:
        raise UsageError()
    full_name = f"stonith:{argv[0]}" if stonith_agent else argv[0]
    if not stonith_agent and ":" not in full_name:  # pcs's find_single_agent: a usage-level error, one line
        try:
            full_name = guess_agent_name(full_name)
        except AgentGuessError as error:
            raise PcsError(f"Error: {error}") from None
        lib.reporter.err(f"Assumed agent name '{full_name}' (deduced from '{argv[0]}')")
    elif not stonith_agent and not valid_agent_name(full_name):
        raise PcsError(f"Error: {invalid_agent_name(full_name)}\n{UNABLE_TO_CONTINUE}")
    if not stonith_agent and full_name.startswith("stonith:"):
        stonith_agent = True
        lib.reporter.deprecation("Ability of this command to accept stonith / fence agents is deprecated and will "
                                 "be removed in a future release. Please use 'pcs stonith describe' instead.")
    meta = find_agent(full_name)
    if meta is None and (installed_on_a_real_node(full_name) or on_a_real_node(full_name)):
        raise PcsError(f"Error: Agent '{full_name}' is installed on a real node but its description is not "
                       "simulated; try it on real nodes: halab rig up")
    if meta is None:
        raise PcsError(f"Error: {messages.agent_not_installed(full_name)}\n{UNABLE_TO_CONTINUE}")
    label = full_name.split(":", 1)[1] if stonith_agent else full_name
    out = lib.reporter.out
    full = modifiers.has("--full")
    out(f"{label} - {meta.shortdesc}" if meta.shortdesc else label)
    out("")
    out("Stonith options:" if stonith_agent else "Resource options:")
    for param in meta.parameters:
        if stonith_agent and param.name in ("version", "help"):
            continue  # the agents' command-line options, which pcs leaves out
        if stonith_agent and param.name == "action":  # pcs: replaced by pcmk_off_action / pcmk_reboot_action
            if full:
                out(f"  action (deprecated by pcmk_off_action, pcmk_reboot_action): {param.shortdesc}")
            continue
        if param.deprecated and not full:
            continue
        flags = " (deprecated)" if param.deprecated else ""
        flags += " (required)" if param.required else ""
        flags += " (unique)" if param.unique else ""
        out(f"  {param.name}{flags}: {param.shortdesc}")
    out("")
    out("Default operations:")
    from halab_kernel.commands.pcs.agents import ResolvedAgent, default_operations
    for op in default_operations(ResolvedAgent(full_name, meta), no_default_ops=stonith_agent):
        out(f"  {op['name']}:")
        for key, value in op.items():
            if key != "name":
                out(f"    {key}={value}")
    fenced = " and the options pacemaker-fenced adds to every fence agent (pcmk_host_list, pcmk_host_map, " \
        "pcmk_delay_base, ...)" if stonith_agent else ""
    lib.reporter.err(f"Warning: not simulated: the agent's full metadata: its long descriptions{fenced}; the "
                     f"simulator shows the options it knows with their short descriptions; the whole text: "
                     f"crm_resource --show-metadata {full_name} on real nodes (halab rig up)")


def replaced_show(lib: PcsLib, argv: list[str], modifiers: Modifiers, keyword: str = "resource") -> None:
    """`pcs resource|stonith show`, removed in pcs 0.11: pcs names what replaced it (resource_show)."""
    modifiers.ensure_only("-f", "--full", "--groups", "--hide-inactive")
    if modifiers.has("--groups"):
        replacement = "pcs resource group list"
    else:
        replacement = f"pcs {keyword} {'config' if modifiers.has('--full') or argv else 'status'}"
    raise UsageError(f"This command has been replaced with '{replacement}'. See 'man pcs' -> Changes in pcs-0.11.")
