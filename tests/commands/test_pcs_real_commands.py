"""Every pcs 0.11.5 command is either simulated or refused by name: never a usage text that tells
a student a real command does not exist. The table of real commands is pcs's own routers."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from halab_kernel.commands.pcs.real_commands import REAL_COMMANDS, real_command
from halab_kernel.lab import Lab

PCS_ROUTING = Path("/usr/lib/python3/dist-packages/pcs/cli/routing")


def _routed_paths() -> set[str]:
    """Every `create_router({...}, [prefix])` entry of the installed pcs (its internal `get_*` calls aside)."""
    paths: set[str] = set()
    for source in PCS_ROUTING.glob("*.py"):
        tree = ast.parse(source.read_text())
        named = {node.targets[0].id: node.value for node in ast.walk(tree) if isinstance(node, ast.Assign)
                 and isinstance(node.targets[0], ast.Name) and isinstance(node.value, ast.Dict)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "create_router" and len(node.args) > 1:
                table, prefix = node.args[0], node.args[1]
                table = named.get(table.id) if isinstance(table, ast.Name) else table
                if isinstance(table, ast.Dict) and isinstance(prefix, ast.List):
                    words = [element.value for element in prefix.elts if isinstance(element, ast.Constant)]
                    paths |= {" ".join([*words, key.value]) for key in table.keys
                              if isinstance(key, ast.Constant) and key.value != "help" and "_" not in key.value}
    return paths


@pytest.mark.skipif(not PCS_ROUTING.is_dir(), reason="pcs is not installed")
def test_the_table_holds_every_routed_pcs_command() -> None:
    assert _routed_paths() <= set(REAL_COMMANDS)


def test_the_longest_real_command_is_named() -> None:
    assert real_command(["cluster", "node", "add-remote", "rem1"]) == "cluster node add-remote"
    assert real_command(["resource", "bundle", "create", "b"]) == "resource bundle create"
    assert real_command(["nonsense", "words"]) is None


@pytest.mark.parametrize("command", ["pcs cluster node add-remote rem1", "pcs cluster kill",
                                     "pcs acl role create r1", "pcs config checkpoint",
                                     "pcs cluster link add node1=10.0.0.1", "pcs booth status", "pcs dr status"])
def test_a_real_command_the_lab_lacks_is_refused_by_name(command: str) -> None:
    lab = Lab.simulated(3)
    lab.advance(30)
    result = lab.run("node1", command)
    assert result.rc != 0 and "Usage" not in result.stdout + result.stderr
    assert "is not simulated" in result.stderr and "halab rig up" in result.stderr


def test_a_word_no_pcs_knows_is_still_a_usage_error() -> None:
    lab = Lab.simulated(3)
    result = lab.run("node1", "pcs resource frobnicate x")
    assert result.rc == 1 and "Usage: pcs resource" in result.stdout + result.stderr
