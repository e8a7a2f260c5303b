"""The crmsh way of saying a pcs command (SUSE's shell for the same cluster).

`crmsh_equivalent("pcs resource create vip ocf:heartbeat:IPaddr2 ip=10.0.0.5")` ->
`crm configure primitive vip ocf:heartbeat:IPaddr2 params ip=10.0.0.5`. The table
follows the pcs/crmsh comparison in Pacemaker's documentation; a student who
learnt one shell can read the other. Unknown commands say so instead of guessing.
"""

from __future__ import annotations

import shlex
from typing import Callable

Translator = Callable[[list[str]], str]


def _split_params(words: list[str]) -> tuple[list[str], list[str], list[str]]:
    """pcs's `key=value ... [meta k=v ...] [op name k=v ...]` into params, meta and op words."""
    params: list[str] = []
    meta: list[str] = []
    ops: list[str] = []
    section = params
    for word in words:
        if word == "meta":
            section = meta
        elif word == "op":
            section = ops
            ops.append("op")
        elif word.startswith("--"):
            continue
        else:
            section.append(word)
    return params, meta, ops


def _primitive(words: list[str]) -> str:
    rsc, agent, *rest = words
    if ":" not in agent:
        agent = f"ocf:heartbeat:{agent}"
    params, meta, ops = _split_params(rest)
    line = f"crm configure primitive {rsc} {agent}"
    line += f" params {' '.join(params)}" if params else ""
    line += f" meta {' '.join(meta)}" if meta else ""
    line += f" {' '.join(ops)}" if ops else ""
    group = next((words[i + 1] for i, w in enumerate(words[:-1]) if w == "--group"), None)
    if group:
        line += f"\ncrm configure group {group} {rsc}   # (or add {rsc} to the existing group with `crm configure modgroup {group} add {rsc}`)"
    return line


def _stonith(words: list[str]) -> str:
    rsc, agent, *rest = words
    params, meta, ops = _split_params(rest)
    line = f"crm configure primitive {rsc} stonith:{agent}"
    return line + (f" params {' '.join(params)}" if params else "") + (f" {' '.join(ops)}" if ops else "")


def _location(words: list[str]) -> str:
    rsc, verb, *targets = words
    lines = []
    for target in targets:
        node, _, score = target.partition("=")
        score = score or "INFINITY"
        if verb == "avoids":
            score = score if score.startswith("-") else f"-{score}"
        lines.append(f"crm configure location loc-{rsc}-{node} {rsc} {score}: {node}")
    return "\n".join(lines)


def _colocation(words: list[str]) -> str:
    words = [w for w in words if w not in ("Started", "Promoted", "Master", "Slave", "Unpromoted")]
    rsc, _with, other, *rest = words
    score = rest[0] if rest else "INFINITY"
    return f"crm configure colocation col-{rsc}-{other} {score}: {rsc} {other}"


def _order(words: list[str]) -> str:
    actions = {"start", "stop", "promote", "demote"}
    first_action = words.pop(0) if words[0] in actions else "start"
    first = words.pop(0)
    words.pop(0)  # "then"
    then_action = words.pop(0) if words[0] in actions else first_action
    then = words.pop(0)
    kind = next((w.split("=", 1)[1] for w in words if w.startswith("kind=")), "Mandatory")
    return f"crm configure order ord-{first}-{then} {kind}: {first}:{first_action} {then}:{then_action}"


TABLE: dict[tuple[str, ...], Translator] = {
    ("status",): lambda w: "crm status",
    ("config",): lambda w: "crm configure show",
    ("resource", "create"): _primitive,
    ("resource", "delete"): lambda w: f"crm configure delete {w[0]}",
    ("resource", "update"): lambda w: f"crm resource param {w[0]} set " + " ".join(p.replace("=", " ", 1) for p in w[1:2]),
    ("resource", "move"): lambda w: f"crm resource move {' '.join(w)}",
    ("resource", "ban"): lambda w: f"crm resource ban {' '.join(w)}",
    ("resource", "clear"): lambda w: f"crm resource clear {w[0]}",
    ("resource", "cleanup"): lambda w: f"crm resource cleanup {' '.join(w)}".rstrip(),
    ("resource", "enable"): lambda w: f"crm resource start {w[0]}",
    ("resource", "disable"): lambda w: f"crm resource stop {w[0]}",
    ("resource", "restart"): lambda w: f"crm resource restart {w[0]}",
    ("resource", "group", "add"): lambda w: f"crm configure group {w[0]} {' '.join(w[1:])}",
    ("resource", "clone"): lambda w: f"crm configure clone {w[0]}-clone {w[0]}",
    ("resource", "status"): lambda w: "crm resource status",
    ("resource", "config"): lambda w: f"crm configure show {' '.join(w)}".rstrip(),
    ("resource", "failcount", "show"): lambda w: f"crm resource failcount {w[0] if w else '<rsc>'} show <node>",
    ("constraint", "location"): _location,
    ("constraint", "colocation", "add"): _colocation,
    ("constraint", "order"): _order,
    ("constraint", "delete"): lambda w: f"crm configure delete {w[0]}",
    ("constraint", "config"): lambda w: "crm configure show type:location type:colocation type:order",
    ("property", "set"): lambda w: "crm configure property " + " ".join(w),
    ("property", "unset"): lambda w: f"crm configure property {w[0]}=   # (crmsh: delete the nvpair)",
    ("property", "config"): lambda w: "crm configure show cib-bootstrap-options",
    ("node", "standby"): lambda w: f"crm node standby {' '.join(w)}".rstrip(),
    ("node", "unstandby"): lambda w: f"crm node online {' '.join(w)}".rstrip(),
    ("node", "maintenance"): lambda w: f"crm node maintenance {' '.join(w)}".rstrip(),
    ("node", "unmaintenance"): lambda w: f"crm node ready {' '.join(w)}".rstrip(),
    ("stonith", "create"): _stonith,
    ("stonith", "fence"): lambda w: f"crm node fence {w[0]}",
    ("cluster", "start"): lambda w: "crm cluster start" + (" --all" if "--all" in w else ""),
    ("cluster", "stop"): lambda w: "crm cluster stop" + (" --all" if "--all" in w else ""),
    ("quorum", "status"): lambda w: "corosync-quorumtool -s   # (crmsh has no own command)",
}


def crmsh_equivalent(pcs_line: str) -> str:
    """The crmsh command(s) doing what `pcs_line` does; a clear note when there is no entry."""
    words = shlex.split(pcs_line)
    if words[:1] == ["pcs"]:
        words = words[1:]
    words = [w for w in words if w not in ("-f",)]
    for length in (3, 2, 1):
        translate = TABLE.get(tuple(words[:length]))
        if translate is not None:
            try:
                return translate(list(words[length:]))
            except (IndexError, ValueError):
                return f"# incomplete pcs command: {pcs_line}"
    return f"# no crmsh equivalent in halab's table for: {pcs_line}"
