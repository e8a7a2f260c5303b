"""`pcs -f FILE status nodes|cluster|xml`: pcs 0.11.5 runs crm_mon on the file
(CIB_file) and prints what it says, the simulator's crm_mon reading the file the same way.

- `status cluster`: "Cluster Status:", then `crm_mon -1 -r`'s lines up to its second blank line (the
  summary and the node list), each after a space (pcs's `print("", line)`); shared with a lab's, which adds
  its PCSD Status.
- `status nodes`: the nodes of `crm_mon --output-as=xml`, grouped by pcs's rules (status_nodes.py, shared
  with a lab's `pcs status nodes`).
- `status xml`: `crm_mon --one-shot --inactive --output-as xml` of the file, stripped, as pcs prints it.

A file crm_mon would show with something the simulator does not reproduce (remote nodes, bundles, ...)
is refused with crm_mon's own refusal.
"""

from __future__ import annotations

import re

from lxml import etree

from halab_kernel.commands.pcs import status_nodes
from halab_kernel.commands.pcs.context import PcsLib
from halab_kernel.commands.pcs.errors import PcsError, UsageError
from halab_kernel.commands.pcs.options import Modifiers


def _scene(lib: PcsLib, xml: bool = False):
    """The file as crm_mon reads it, at pcs's "now"; refused as crm_mon refuses it (`xml`: its XML)."""
    from halab_kernel.commands.crm_mon import file_schema_answer, file_scene, unmodelled_details, xml_unmodelled

    now = int(lib.now.timestamp()) if lib.now is not None else 0
    scene = file_scene(lib.cib, now)
    unreadable = file_schema_answer(scene, None, []) if scene is not None else None
    problem = "this CIB's status (the scheduler refuses to read it)" if scene is None else \
        f"a CIB file crm_mon does not read ({unreadable.stderr.strip()})" if unreadable is not None else \
        xml_unmodelled(scene.reading.cib) if xml else unmodelled_details(scene.reading.cib, detail=True)
    if problem:
        raise PcsError(f"Error: crm_mon: not simulated: {problem}; try it on real nodes: halab rig up")
    return scene


def cluster_arguments(argv: list[str], modifiers: Modifiers, command: str = "status cluster") -> None:
    """`pcs status cluster` (or `cluster status`, `command`) takes no argument, and -f and --request-timeout
    (pcs/status.py, cluster_status)."""
    modifiers.ensure_only("-f", "--request-timeout", "--debug")
    if argv:
        usage = UsageError()
        usage.command = command
        raise usage


def cluster_lines(crm_mon_text: str) -> list[str]:
    """"Cluster Status:", then `crm_mon -1 -r`'s lines up to its second blank line, each after a space."""
    lines = ["Cluster Status:"]
    blank_seen = False
    for line in crm_mon_text.splitlines():
        if line == "":
            if blank_seen:
                break
            blank_seen = True
            continue
        lines.append(f" {line}")
    return lines


def cluster_view(lib: PcsLib, argv: list[str], modifiers: Modifiers, command: str = "status cluster") -> None:
    """`pcs -f FILE status cluster` (or `cluster status`, `command`)."""
    from halab_kernel.commands.crm_mon import answer

    cluster_arguments(argv, modifiers, command)
    scene = _scene(lib)
    shown = answer(["-1", "-r"], lambda: scene)
    if shown.rc != 0:
        raise PcsError(shown.stderr.strip())
    for line in cluster_lines(shown.stdout):
        lib.reporter.out(line)


def nodes_view(lib: PcsLib, modifiers: Modifiers) -> None:
    """`pcs -f FILE status nodes` (not its config, corosync or both forms)."""
    from halab_kernel.commands.crm_mon import render_as_xml

    modifiers.ensure_only("-f", "--debug")
    xml = render_as_xml(_scene(lib), ["--one-shot", "--inactive", "--output-as", "xml"])
    for line in status_nodes.pacemaker_lines(etree.fromstring(xml.encode())):
        lib.reporter.out(line)


def xml_arguments(argv: list[str], modifiers: Modifiers) -> None:
    """`pcs status xml` takes no argument and no option but -f (pcs/status.py, xml_status)."""
    modifiers.ensure_only("-f", "--debug")
    if argv:
        usage = UsageError()
        usage.command = "status xml"
        raise usage


def xml_view(lib: PcsLib, argv: list[str], modifiers: Modifiers) -> None:
    """`pcs -f FILE status xml`: what `crm_mon --one-shot --inactive --output-as xml` says of the file, as pcs
    runs it (by its path), stripped; refused by name where the simulator's crm_mon does not reproduce the file
    (measured: 531 of 618 tier 1-3 public case CIBs identical to real pcs, the rest refused, none different:
    `python -m tests.commands.test_pcs_status_of_file 1 2 3`)."""
    from halab_kernel.commands.crm_mon import render_as_xml

    xml_arguments(argv, modifiers)
    xml = render_as_xml(_scene(lib, xml=True), ["--one-shot", "--inactive", "--output-as", "xml"], "/usr/sbin/crm_mon")
    lib.reporter.out(xml.strip())


_COUNT = re.compile(r"\d+")


def status_xml_problem(root: etree._Element, now: int) -> str | None:
    """What pcs says when it reads `crm_mon --output-as xml` of this file (its get_cluster_state), or None when
    the XML is what pcs expects. crm_mon 2.1.5 lists a failure's last-rc-change with its queue and run times
    and task only as the operation records them: a record with the first but not all of the others breaks
    api-result.rng's failure element, which pcs validates ("xml does not conform to the schema")."""
    from halab_kernel.commands.crm_mon import failure_records, file_scene
    from halab_kernel.commands.crm_mon_status import FailureClock

    scene = file_scene(root, now)
    if scene is None:
        return None
    view = scene.reading.cib
    for _, _, op in failure_records(view, FailureClock(view, now), scene.reading):
        if not re.fullmatch(r"[+-]?\d+", (op.get("last-rc-change") or "").strip()):
            continue   # no last-rc-change (or none crm_mon reads): the group of attributes is left out whole
        if not all(_COUNT.fullmatch(op.get(name) or "") for name in ("queue-time", "exec-time")) or \
                op.get("operation") is None:
            return "Error: cannot load cluster status, xml does not conform to the schema"
    return None
