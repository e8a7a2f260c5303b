"""`pcs stonith create|delete|update|config|level`: fence devices are primitives of class stonith."""

from __future__ import annotations


from halab_kernel.commands.pcs.manage import disable
from halab_kernel.commands.pcs import cibtools, messages, resource
from halab_kernel.commands.pcs.levels import level_lines
from halab_kernel.commands.pcs.agents import resolve_stonith_agent, validate_instance_attributes, validate_operations
from halab_kernel.commands.pcs.context import PcsLib
from halab_kernel.commands.pcs.errors import PcsError, UsageError
from halab_kernel.commands.pcs.operations import interval_duplicates
from halab_kernel.commands.pcs.options import Modifiers
from halab_kernel.commands.pcs.primitive import build_primitive, check_new_id
from halab_kernel.commands.pcs.render import resource_lines
from halab_kernel.commands.pcs.render.resource_cmd import resources_cmd
from halab_kernel.commands.pcs.show import check_config_ids


def create(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    """pcs's stonith_create; `--group G [--before|--after X]` is its deprecated create_in_group."""
    modifiers.ensure_only(*resource.CREATE_OPTIONS, deferred_wait_check=True)
    group_id = resource.checked_group_option(modifiers)
    if len(argv) < 2:
        raise UsageError()
    stonith_id, agent_name = argv[0], argv[1]
    parts = resource.parse_create_args(argv[2:], keywords=("op", "meta"))
    cib, reporter = lib.cib, lib.reporter
    if group_id:
        reporter.deprecation("Option to group stonith resource is deprecated and will be removed in a future "
                             "release.")
    agent = resolve_stonith_agent(agent_name, reporter)
    modifiers.ensure_wait_satisfiable()
    group = None
    if group_id:
        anchor_id = modifiers.get("--before") or modifiers.get("--after")
        if anchor_id and not cibtools.id_exists(cib, anchor_id):
            reporter.error(messages.id_not_found(anchor_id))
            reporter.stop_if_errors()
        if cibtools.find_resource(cib, group_id) is None and not cibtools.id_exists(cib, group_id):
            for problem in cibtools.id_problems_each(group_id, "group name"):
                reporter.error(problem)
        group = resource.group_for_create(lib, group_id)
    if group_id == stonith_id:  # pcs makes the group before it checks the device's id
        raise PcsError(f"Error: '{stonith_id}' already exists")
    check_new_id(cib, stonith_id, "stonith name")
    validate_instance_attributes(agent, parts["options"], reporter, cib)
    validate_operations(agent, parts["op"], reporter)
    duplicated = interval_duplicates(parts["op"])
    if duplicated:
        reporter.error(duplicated)
    reporter.stop_if_errors()
    primitive = build_primitive(cib, stonith_id, agent, parts["options"], dict(parts["meta"]), parts["op"],
                                no_default_ops=True)
    if group is not None:
        resource.place_in_group(lib, group, [primitive], modifiers)
    else:
        cibtools.section(cib, "resources").append(primitive)
    if modifiers.has("--disabled"):  # pcs disables the device it made: a new meta set goes first
        disable(primitive)
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
