"""Which modules the served commands import, found by running a few of them in a throwaway child.

Most of halab imports lazily (a tool's module is loaded when a command names it), so importing
the entry points leaves ~40 ms of imports to the first `halab run`. The server learns the full
list by forking a child that runs typical commands on a scratch CIB (output to /dev/null) and
reports what it imported; the server then imports those modules itself and nothing else:
running the commands in the server would leave their state in every later child.
"""

from __future__ import annotations

import os
import signal
import sys
import tempfile

WARM_UP_SECONDS = 60  # a warm-up that takes longer is abandoned (the server still serves)

SCRATCH_CIB = (
    '<cib crm_feature_set="3.16.1" validate-with="pacemaker-3.9" epoch="3" num_updates="0" admin_epoch="0" '
    'have-quorum="1" dc-uuid="1"><configuration><crm_config><cluster_property_set id="o">'
    '<nvpair id="o-se" name="stonith-enabled" value="false"/></cluster_property_set></crm_config>'
    '<nodes><node id="1" uname="node1"/><node id="2" uname="node2"/></nodes><resources>'
    '<primitive id="d" class="ocf" provider="pacemaker" type="Dummy"/></resources><constraints/>'
    '</configuration><status><node_state id="1" uname="node1" in_ccm="true" crmd="online" join="member" '
    'expected="member"/><node_state id="2" uname="node2" in_ccm="true" crmd="online" join="member" '
    'expected="member"/></status></cib>')

WARM_UP_COMMANDS = (
    ["crm_simulate", "-x", "scratch.xml", "-S", "-s"],
    ["pcs", "-f", "scratch.xml", "resource", "create", "e", "ocf:pacemaker:Dummy"],
    ["pcs", "-f", "scratch.xml", "constraint", "location", "e", "prefers", "node1"],
    ["run", "--", "crm_mon", "-1"],
    ["run", "--", "pcs", "status"],
)


def warm_imports() -> list[str]:
    """Names of the modules the warm-up commands import beyond what is imported now."""
    before = set(sys.modules)
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(reading)
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):  # the commands' output (and a warning or two) goes nowhere
            os.dup2(devnull, fd)
        signal.alarm(WARM_UP_SECONDS)
        try:
            _run_commands()
            os.write(writing, "\n".join(sorted(set(sys.modules) - before)).encode())
        finally:
            os._exit(0)
    os.close(writing)
    chunks = []
    while chunk := os.read(reading, 65536):
        chunks.append(chunk)
    os.close(reading)
    os.waitpid(child, 0)
    return [name for name in b"".join(chunks).decode().splitlines() if name]


def _run_commands() -> None:
    from halab_kernel.subcommands import run

    with tempfile.TemporaryDirectory() as scratch:
        os.chdir(scratch)
        with open("scratch.xml", "w") as cib:
            cib.write(SCRATCH_CIB)
        for command in WARM_UP_COMMANDS:
            try:
                run(command)
            except (Exception, SystemExit):
                pass  # a warm-up command that fails still imported what it needed
