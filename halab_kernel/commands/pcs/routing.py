"""pcs's command tree as nested dict routers (the shape of pcs's `cli/routing`).

A router maps a word to a handler or to another router; an unknown word or
a missing one is a usage error of the enclosing command. Runtime views
(`status`, `resource status`, `cluster start`, `quorum ...`) are added by the
simulator as more routes with `add_route`.
"""

from __future__ import annotations

from functools import partial
from typing import Union

from halab_kernel.commands.pcs import (
    alerts, bundles, constraint, levels, location_rules, manage, move_ban, nodes, operations, properties, resource,
    relocate, resource_tree, sets, show, stonith, tags,
)
from halab_kernel.commands.pcs.context import Handler, PcsLib
from halab_kernel.commands.pcs.errors import PcsError, UsageError
from halab_kernel.commands.pcs.options import Modifiers
from halab_kernel.commands.pcs.real_commands import real_command
from halab_kernel.commands.pcs.usage import GROUPS

Route = Union[Handler, "Router"]


class Router:
    """Dispatch on the first word; `default` runs when argv is empty."""

    def __init__(self, name: str, routes: dict[str, Route], default: str | None = None) -> None:
        self.name = name
        self.routes = routes
        self.default = default

    def __call__(self, lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
        if argv:
            word, rest = argv[0], argv[1:]
        elif self.default is not None:
            word, rest = self.default, []
        else:
            raise UsageError()
        path = [*self.name.split()[self.name.startswith("pcs"):], word]
        real = real_command([*path, *rest])
        route = self.routes.get(word)
        if route is None:
            if word == "acl" and path == ["acl"] and not rest:  # pcs's acl router runs `config` by default
                real = "acl config"
            if real is not None and len(real.split()) >= len(path):  # a real sub-command the simulator lacks:
                # say so, not a usage text
                raise PcsError(f"Error: pcs {real} is not simulated; try it on real nodes: halab rig up")
            unknown = UsageError()
            unknown.command = f"{self.name} "  # pcs shows the usage of sub-command "" (all of them)
            if path == [word] and word in GROUPS:  # a group the simulator lacks: its own usage, as pcs's router
                unknown.command = f"{word} " if rest else word
            raise unknown
        try:
            route(lib, rest, modifiers)
        except UsageError as error:
            error.command = error.command or f"{self.name} {word}"
            raise


def _typed_word_usage(handler: Handler, kind: str) -> Handler:
    """pcs's `constraint location|order` name their usage after the first word typed
    (a resource id when it is no sub-command), default `config`."""
    def routed(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
        try:
            handler(lib, argv, modifiers)
        except UsageError as error:
            error.command = error.command or f"constraint {kind} {argv[0] if argv else 'config'}"
            raise
    return routed


def _constraint_location(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    if argv and argv[0] in ("config", "show") or not argv:
        return constraint.location_config(lib, argv[1:], modifiers, deprecated=bool(argv) and argv[0] == "show")
    if len(argv) >= 2 and argv[1] == "rule":
        return location_rules.location_rule(lib, argv, modifiers)
    if argv[0] in ("delete", "remove"):
        return constraint.location_remove(lib, argv[1:], modifiers)
    if argv[0] == "add":
        return constraint.location_add(lib, argv[1:], modifiers)
    return constraint.location_prefers(lib, argv, modifiers)


def _constraint_sub(kind: str, add: Handler, delete: Handler) -> Router:
    return Router(f"constraint {kind}", {
        "add": add,
        "config": partial(constraint.show, only=kind),
        "show": partial(constraint.show, only=kind, deprecated=True),
        "delete": delete,
        "remove": delete,
        "set": partial(sets.create_with_set, kind=kind),
    }, default="config")


def _order(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    sub = _constraint_sub("order", constraint.order_add, constraint.order_delete)
    if argv and argv[0] in sub.routes and argv[0] != "add":
        return sub(lib, argv, modifiers)
    if not argv:
        return sub(lib, argv, modifiers)
    return constraint.order_add(lib, argv, modifiers)


def not_simulated(what: str) -> Handler:
    """A real pcs command of a live cluster the simulator does not model: say so, not a usage text."""
    def handler(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
        modifiers.ensure_only("--force", "--full", "--wait", "--debug")  # -f refused, as pcs does
        raise PcsError(f"Error: pcs {what} is not simulated; try it on real nodes: halab rig up")
    return handler


def on_a_node(what: str, *allowed: str) -> Handler:
    """A command that acts on the nodes (pcsd, the fencer): pcs's option check, then where to run it."""
    def handler(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
        modifiers.ensure_only(*allowed)  # -f is refused here, as pcs does
        raise PcsError(f"Error: pcs {what} acts on the cluster's nodes: run it on a simulated node (lab.run) "
                       "or try it on real nodes: halab rig up")
    return handler


def build_root() -> Router:
    resource_router = Router("resource", {
        "create": resource.create,
        "delete": resource.delete,
        "remove": resource.delete,
        "update": resource.update,
        "meta": resource.meta_cmd,
        "op": Router("resource op", {
            "add": operations.op_add,
            "remove": operations.op_remove,
            "delete": operations.op_remove,
            "defaults": resource_tree.defaults_show("op_defaults"),
        }),
        "group": Router("resource group", {
            "add": resource_tree.group_add,
            "list": resource_tree.group_list,
            "remove": resource_tree.group_remove,
            "delete": resource_tree.group_remove,
        }),
        "ungroup": resource_tree.group_remove,
        "clone": resource_tree.clone,
        "promotable": partial(resource_tree.clone, promotable=True),
        "unclone": resource_tree.unclone,
        "enable": partial(manage.enable_disable, enable=True),
        "disable": partial(manage.enable_disable, enable=False),
        "manage": manage.manage,
        "relocate": Router("resource relocate", {
            "clear": move_ban.relocate_clear,
            "run": not_simulated("resource relocate run"),
            "dry-run": relocate.dry_run,
            "show": not_simulated("resource relocate show"),
        }),
        "debug-start": relocate.debug_offline("debug-start"),
        "debug-stop": relocate.debug_offline("debug-stop"),
        "debug-monitor": relocate.debug_offline("debug-monitor"),
        "debug-promote": relocate.debug_offline("debug-promote"),
        "debug-demote": relocate.debug_offline("debug-demote"),
        "unmanage": manage.unmanage,
        "utilization": manage.resource_utilization,
        "bundle": Router("resource bundle", {
            "create": bundles.bundle_create,
            "reset": bundles.bundle_reset,
            "update": bundles.bundle_update,
        }),
        "move": move_ban.move,
        "move-with-constraint": move_ban.move_with_constraint,
        "ban": move_ban.ban,
        "clear": move_ban.clear,
        "config": show.resource_config,
        "show": show.replaced_show,
        "defaults": resource_tree.defaults_show("rsc_defaults"),
        "agents": show.agents,
        "list": show.agents,
        "standards": show.standards,
        "providers": show.providers,
        "describe": show.describe,
    }, default="status")  # `pcs resource` is `pcs resource status`, a runtime view added by the simulator
    constraint_router = Router("constraint", {
        "location": _typed_word_usage(_constraint_location, "location"),
        "colocation": _constraint_sub("colocation", constraint.colocation_add, constraint.colocation_delete),
        "order": _typed_word_usage(_order, "order"),
        "config": constraint.show,
        "show": partial(constraint.show, deprecated=True),
        "delete": constraint.delete,
        "remove": constraint.delete,
        "ref": constraint.ref,
        "rule": location_rules.rule_cmd,
        "ticket": Router("constraint ticket", {
            "add": sets.ticket_add,
            "set": partial(sets.create_with_set, kind="ticket"),
            "remove": sets.ticket_remove,
            "delete": sets.ticket_remove,
            "config": sets.ticket_config,
            "show": partial(sets.ticket_config, deprecated=True),
        }, default="config"),
    }, default="config")
    stonith_router = Router("stonith", {
        "create": stonith.create,
        "delete": partial(resource.delete, stonith=True),
        "remove": partial(resource.delete, stonith=True),
        "update": partial(resource.update, stonith=True),
        "meta": partial(resource.meta_cmd, stonith=True),
        "op": Router("stonith op", {
            "add": partial(operations.op_add, stonith=True),
            "remove": partial(operations.op_remove, stonith=True),
            "delete": partial(operations.op_remove, stonith=True),
            "defaults": resource_tree.defaults_show("op_defaults"),
        }),
        "defaults": resource_tree.defaults_show("rsc_defaults"),
        "config": stonith.config,
        "show": partial(show.replaced_show, keyword="stonith"),
        "level": Router("stonith level", {
            "add": levels.level_add,
            "config": levels.level_config,
            "clear": levels.level_clear,
            "remove": levels.level_remove,
            "delete": levels.level_remove,
            "verify": levels.level_verify,
        }, default="config"),
        "enable": partial(manage.stonith_enable_disable, enable=True),
        "disable": partial(manage.stonith_enable_disable, enable=False),
        "fence": on_a_node("stonith fence", "--off"),
        "describe": partial(show.describe, stonith_agent=True),
        "list": show.stonith_agents,
    }, default="status")  # `pcs stonith` is `pcs stonith status`, a runtime view added by the simulator
    property_router = Router("property", {
        "set": properties.set_cmd,
        "unset": properties.unset_cmd,
        "config": properties.config_cmd,
        "show": properties.show_cmd,
        "list": properties.show_cmd,  # pcs 0.11.5 keeps it as a deprecated alias of show
    }, default="config")
    node_router = Router("node", {
        "standby": nodes.mode_cmd("standby", "on"),
        "unstandby": nodes.mode_cmd("standby", ""),
        "maintenance": nodes.mode_cmd("maintenance", "on"),
        "unmaintenance": nodes.mode_cmd("maintenance", ""),
        "utilization": nodes.utilization_cmd,
        "attribute": nodes.attribute_cmd,
    })
    return Router("pcs", {
        "resource": resource_router,
        "constraint": constraint_router,
        "stonith": stonith_router,
        "property": property_router,
        "node": node_router,
        "config": show.config_cmd,
        "host": Router("host", {
            "auth": on_a_node("host auth", "-u", "-p", "--request-timeout", "--token"),
            "deauth": on_a_node("host deauth", "--request-timeout"),
        }),
        "alert": Router("alert", {
            "create": alerts.create,
            "update": alerts.update,
            "delete": alerts.remove,
            "remove": alerts.remove,
            "config": alerts.config,
            "show": partial(alerts.config, deprecated=True),
            "recipient": Router("alert recipient", {
                "add": alerts.recipient_add,
                "update": alerts.recipient_update,
                "delete": alerts.recipient_remove,
                "remove": alerts.recipient_remove,
            }),
        }, default="config"),
        "tag": Router("tag", {
            "config": tags.config,
            "list": tags.list_cmd,
            "create": tags.create,
            "update": tags.update,
            "remove": tags.remove,
            "delete": tags.remove,
        }, default="config"),
    })


# the sub-command pcs 0.11.5 runs for a runtime group given none (`pcs quorum` is `pcs quorum config`)
_RUNTIME_DEFAULTS: dict[tuple[str, ...], str] = {("quorum",): "config"}


def add_route(root: Router, path: list[str], handler: Handler) -> None:
    """Hang a handler under `path` (e.g. ["resource", "status"]); creates routers on the way."""
    router = root
    for depth, word in enumerate(path[:-1], 1):
        nxt = router.routes.get(word)
        if not isinstance(nxt, Router):
            nxt = Router(f"{router.name} {word}", {}, default=_RUNTIME_DEFAULTS.get(tuple(path[:depth])))
            router.routes[word] = nxt
        router = nxt
    router.routes[path[-1]] = handler
