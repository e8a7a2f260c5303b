"""`pcs stonith create|delete|update|config|level`: fence devices are primitives of class stonith."""

from __future__ import annotations


from halab_kernel.commands.pcs import cibtools, resource
from halab_kernel.commands.pcs.levels import level_lines
from halab_kernel.commands.pcs.agents import resolve_stonith_agent, validate_instance_attributes, validate_operations
from halab_kernel.commands.pcs.context import PcsLib
from halab_kernel.commands.pcs.errors import UsageError
from halab_kernel.commands.pcs.operations import interval_duplicates
from halab_kernel.commands.pcs.options import Modifiers
from halab_kernel.commands.pcs.primitive import build_primitive, check_new_id
from halab_kernel.commands.pcs.render import resource_lines
from halab_kernel.commands.pcs.render.resource_cmd import resources_cmd
from halab_kernel.commands.pcs.show import check_config_ids


def create(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    modifiers.ensure_only("-f", "--force", "--disabled", "--no-default-ops", "--group", "--before",
                          "--after", "--wait", "--agent-validation", "--debug")
    if len(argv) < 2:
        raise UsageError()
    stonith_id, agent_name = argv[0], argv[1]
    parts = resource.parse_create_args(argv[2:], keywords=("op", "meta"))
    cib, reporter = lib.cib, lib.reporter
    agent = resolve_stonith_agent(agent_name, reporter)
    check_new_id(cib, stonith_id, "stonith name")
    validate_instance_attributes(agent, parts["options"], reporter, cib)
    validate_operations(agent, parts["op"], reporter)
    duplicated = interval_duplicates(parts["op"])
    if duplicated:
        reporter.error(duplicated)
    reporter.stop_if_errors()
    meta = dict(parts["meta"])
    if modifiers.has("--disabled"):
        meta["target-role"] = "Stopped"
    primitive = build_primitive(cib, stonith_id, agent, parts["options"], meta, parts["op"],
                                no_default_ops=True)
    cibtools.section(cib, "resources").append(primitive)
    lib.mark_changed()


def config(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    """pcs's stonith config_cmd: the format is checked first; a format other than text warns that
    the fencing levels are not in it."""
    output_format = modifiers.output_format(simulated=("text", "cmd"))
    if output_format != "text":
        lib.reporter.warning("Only 'text' output format is supported for stonith levels")
    modifiers.ensure_only("-f", "--output-format")
    ids = argv or None
    check_config_ids(lib, argv, stonith=True)
    if output_format == "cmd":
        commands = resources_cmd(lib.cib, stonith=True, only=argv)
        if commands:
            lib.reporter.out(commands)
        return
    for line in resource_lines.resources_lines(lib.cib, stonith=True, only=ids):
        lib.reporter.out(line)
    levels = level_lines(lib.cib)
    if levels:
        lib.reporter.out("")
        lib.reporter.out("Fencing Levels:")
        for line in levels:
            lib.reporter.out(" " + line)
