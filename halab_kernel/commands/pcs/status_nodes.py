"""`pcs status nodes [config|corosync|both]` as pcs 0.11.5 prints it (pcs/status.py, nodes_status), from what
it reads: crm_mon's XML (`crm_mon --one-shot --output-as=xml --inactive`), corosync.conf's node names, and
corosync-cmapctl's runtime.members. One implementation for a file (`-f`, crm_mon on CIB_file) and a lab.

- Pacemaker's nodes (no argument, or any but a lone config/corosync): a node online and neither in standby
  nor in maintenance is Online; in standby it is Standby, or "Standby with resource(s) running" when
  resources_running is not 0; in maintenance it is Maintenance (a node in standby and maintenance is listed
  under both); a node not online is Offline. Remote nodes (type="remote") the same under their own heading.
- `config`: corosync.conf's node names in their order, then crm_mon's non-remote nodes sorted.
- `corosync` (and `both`, then Pacemaker's nodes): corosync.conf's nodes whose runtime.members status is
  "joined" are Online (pcs's getCorosyncActiveNodes), the others Offline, each sorted.
"""

from __future__ import annotations

import re
from typing import Mapping, Sequence

from lxml import etree

_GROUPS = ("Online", "Standby", "Standby with resource(s) running", "Maintenance", "Offline")


def pacemaker_lines(xml: etree._Element) -> list[str]:
    """The "Pacemaker Nodes:" and "Pacemaker Remote Nodes:" sections of crm_mon's XML."""
    groups: dict[bool, dict[str, list[str]]] = {remote: {label: [] for label in _GROUPS} for remote in (False, True)}
    for node in xml.iterfind("nodes/node"):
        listed = groups[node.get("type") == "remote"]
        name = node.get("name", "")
        if node.get("online") != "true":
            listed["Offline"].append(name)
            continue
        if node.get("standby") == "true":
            busy = node.get("resources_running") != "0"
            listed["Standby with resource(s) running" if busy else "Standby"].append(name)
        if node.get("maintenance") == "true":
            listed["Maintenance"].append(name)
        if node.get("standby") == "false" and node.get("maintenance") == "false":
            listed["Online"].append(name)
    lines = []
    for heading, remote in (("Pacemaker Nodes:", False), ("Pacemaker Remote Nodes:", True)):
        lines.append(heading)
        lines += [" ".join([f" {label}:", *names]) for label, names in groups[remote].items()]
    return lines


def config_lines(corosync_names: Sequence[str], xml: etree._Element) -> list[str]:
    """`pcs status nodes config`."""
    pacemaker = sorted(node.get("name", "") for node in xml.iterfind("nodes/node") if node.get("type") != "remote")
    return ["Corosync Nodes:", *([" " + " ".join(corosync_names)] if corosync_names else []),
            "Pacemaker Nodes:", *([" " + " ".join(pacemaker)] if pacemaker else [])]


def corosync_active(cmap: Mapping[str, str]) -> list[str]:
    """pcs's getCorosyncActiveNodes over corosync-cmapctl's keys (key -> value): the nodelist names whose
    runtime.members status is "joined"."""
    text = "".join(f"{key} (str) = {value}\n" for key, value in cmap.items())
    names = re.findall(r"^nodelist\.node\.(\d+)\.name .*= (.*)", text, re.M)
    index_to_id = dict(re.findall(r"nodelist\.node\.(\d+)\.nodeid .*= (\d+)", text, re.M))
    id_to_status = dict(re.findall(r"^runtime\.members\.(\d+).status .*= (.*)", text, re.M))
    return [name for index, name in names if id_to_status.get(index_to_id.get(index, ""), "") == "joined"]


def corosync_lines(corosync_names: Sequence[str], active: Sequence[str]) -> list[str]:
    """The "Corosync Nodes:" section of `pcs status nodes corosync|both`."""
    online = sorted(active)
    offline = sorted(name for name in corosync_names if name not in active)
    return ["Corosync Nodes:", " ".join([" Online:", *online]), " ".join([" Offline:", *offline])]
