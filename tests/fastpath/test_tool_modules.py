"""A command line imports only its own tools' modules: the router's table must name every tool's module."""

from __future__ import annotations

import importlib
import pkgutil

import halab_kernel.commands
from halab_kernel.commands import router


def test_every_registered_tool_is_found_through_the_module_the_router_names():
    for found in pkgutil.walk_packages(halab_kernel.commands.__path__, "halab_kernel.commands."):
        importlib.import_module(found.name)
    registered = {name: handler.__module__ for name, handler in router._TOOLS.items()}
    assert registered == {name: f"halab_kernel.commands.{module}" for name, module in router.TOOL_MODULES.items()}
