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

from typing import Any

from halab_kernel.magics.completion import PCS_COMMANDS, complete, completer
from halab_kernel.fault_words import DAEMONS, FAULTS, real_commands
from halab_kernel.magics.faults import inject_words
from halab_kernel.magics.lab_magics import LabMagics
from halab_kernel.magics.terminal import parse_duration, show

__all__ = [
    "DAEMONS", "FAULTS", "PCS_COMMANDS", "LabMagics", "complete", "inject_words", "load_ipython_extension",
    "parse_duration", "real_commands", "show", "unload_ipython_extension",
]


def load_ipython_extension(ipython: Any) -> None:
    ipython.register_magics(LabMagics(ipython))
    for command in ("%lab", "%pcs", "%node", "%%node", "%fault", "%crm_mon"):
        ipython.set_hook("complete_command", completer(command), str_key=command)


def unload_ipython_extension(ipython: Any) -> None:
    magics = ipython.magics_manager.registry.pop("LabMagics", None)
    if magics is None:
        return
    for kind, names in (("line", ("lab", "pcs", "node", "crm_mon", "fault", "advance", "dashboard")), ("cell", ("pcs", "node"))):
        for name in names:
            ipython.magics_manager.magics[kind].pop(name, None)
