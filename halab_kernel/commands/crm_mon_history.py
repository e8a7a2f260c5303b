"""crm_mon's operation history (-o, and -t with timing details) and its one-line status (-s).

As Pacemaker 2.1.5 prints them (lib/pengine/pe_output.c: node_summary, node_history_list,
resource_operation_list, op_history_string; tools/crm_mon.c: print_simple_status), read from
the node's view of the CIB: the operations of each resource on each online node in call order,
without notifications and without probes that found the resource stopped.
"""

from __future__ import annotations

from typing import Callable, Iterable

from lxml import etree

from halab_kernel.commands.crm_mon_status import display_name, fail_counts
from halab_kernel.sim.pacemaker.scheduler.render import by_name

OCF_EXIT_TEXT = {0: "ok", 1: "error", 2: "invalid parameter", 3: "unimplemented feature", 4: "insufficient privileges",
                 5: "not installed", 6: "not configured", 7: "not running", 8: "promoted", 9: "promoted (failed)",
                 190: "degraded", 191: "degraded promoted"}


# the scheduler's node states whose node_summary, node attributes and histories crm_mon lists
# (node->details->online: an unclean node the cluster still sees is online)
ONLINE_STATES = ("online", "standby", "maintenance", "unclean-online")


def _plural(count: int) -> str:
    return "" if count == 1 else "s"


def simple_status(node_states: Iterable[tuple[str, str]], has_dc: bool, instances: int) -> str:
    """`crm_mon -s`: "CLUSTER OK: ..." counting online, standby and maintenance nodes, or
    "CLUSTER WARN: ..." naming a missing DC and every node not online (pending and unclean
    offline nodes included). `node_states` is (name, state) in the CIB's node order."""
    online = standby = maintenance = 0
    offline = []
    for name, state in sorted(node_states, key=lambda pair: by_name(pair[0])):  # the scheduler sorts its nodes
        if state in ("standby", "pending"):  # a pending node is online and in standby until it joins
            standby += 1
        elif state == "maintenance":
            maintenance += 1
        elif state in ("online", "unclean-online"):
            online += 1
        else:
            offline.append(f"offline node: {name}")
    if not has_dc or offline:
        return "CLUSTER WARN: " + ("No DC" if not has_dc else "") + (", " if not has_dc and offline else "") \
            + " ".join(offline)
    extra = (f", {standby} standby node{_plural(standby)}" if standby else "") \
        + (f", {maintenance} maintenance node{_plural(maintenance)}" if maintenance else "")
    return (f"CLUSTER OK: {online} node{_plural(online)} online{extra}, "
            f"{instances} resource instance{_plural(instances)} configured")


def operation_list(history: etree._Element) -> list[etree._Element]:
    """get_operation_list: the entries in call order, minus notifications and probes that found
    the resource not running."""
    kept = []
    for op in history.iterfind("lrm_rsc_op"):
        probe = op.get("operation") == "monitor" and op.get("interval", "0") == "0"
        if op.get("operation") == "notify" or (probe and op.get("rc-code") == "7"):
            continue
        kept.append(op)
    return sorted(kept, key=lambda op: (_number(op.get("call-id")) < 0, _number(op.get("call-id"))))  # pending last


def _number(text: str | None) -> int:
    try:
        return int(text or "0")
    except ValueError:
        return 0


def _operation_line(op: etree._Element, timing: bool, ctime: Callable[[int], str]) -> str:
    """op_history_string: `(call) task[: interval="Nms"]`, with -t the times and the result."""
    task = op.get("operation", "")
    interval = op.get("interval", "0")
    if task == "monitor" and interval == "0":
        task = "probe"
    spaced = f' interval="{interval}ms"' if interval != "0" else ""
    if not timing:
        return f"({op.get('call-id')}) {task}{':' if spaced else ''}{spaced}"
    changed = _number(op.get("last-rc-change"))
    when = f' last-rc-change="{ctime(changed)}"' if changed > 0 else ""
    spent = f' exec-time="{op.get("exec-time")}ms"' if op.get("exec-time") is not None else ""
    queued = f' queue-time="{op.get("queue-time")}ms"' if op.get("queue-time") is not None else ""
    rc = max(_number(op.get("rc-code")), 0)  # pcmk__scan_min_int(..., 0): a pending -1 reads as 0
    return f"({op.get('call-id')}) {task}:{spaced}{when}{spent}{queued} rc={rc} ({OCF_EXIT_TEXT.get(rc, 'unknown')})"


def _meta(element: etree._Element, name: str) -> str | None:
    """A meta attribute of a resource element: the first pair of that name, as unpacking keeps it."""
    return next((nv.get("value", "") for nv in element.iterfind("meta_attributes/nvpair") if nv.get("name") == name),
                None)


def migration_thresholds(view: etree._Element) -> dict[str, str]:
    """Each primitive's migration-threshold as crm_mon prints it: its own meta attribute, else its
    group's or clone's, else rsc_defaults' (INFINITY and the default print as 1000000)."""
    block = view.find("configuration/rsc_defaults")
    defaults = _meta(block, "migration-threshold") if block is not None else None
    thresholds = {}
    for primitive in view.iterfind("configuration/resources//primitive"):
        chain = [primitive, *primitive.iterancestors("group", "clone", "master")]
        value = next((v for v in (_meta(element, "migration-threshold") for element in chain) if v is not None),
                     defaults) or "INFINITY"
        thresholds[primitive.get("id", "")] = "1000000" if value.upper() in ("INFINITY", "+INFINITY") else value
    return thresholds


def anonymous_clone_primitives(view: etree._Element) -> set[str]:
    """The primitives inside a clone that is not globally unique: their instances share one name."""
    found = set()
    for primitive in view.iterfind("configuration/resources//primitive"):
        clones = list(primitive.iterancestors("clone", "master"))
        unique = any((_meta(clone, "globally-unique") or "").lower() in ("true", "yes", "1", "on", "y")
                     for clone in clones)
        if clones and not unique:
            found.add(primitive.get("id", ""))
    return found


def history_fail_counts(state: etree._Element, anonymous: set[str]) -> dict[str, tuple[int, int]]:
    """Each resource history of a node (in its order) with its fail count and last failure as
    pe_get_failcount reads them, expired or not: an anonymous clone instance counts the attributes
    of every instance of its clone (`fail-count-RSC(:N)?`)."""
    raw = fail_counts(state)
    found = {}
    for history in state.iterfind("lrm/lrm_resources/lrm_resource"):
        rsc = history.get("id", "")
        base = rsc.split(":")[0]
        matches = [v for k, v in raw.items() if k.split(":")[0] == base] if base in anonymous else \
            [raw[rsc]] if rsc in raw else []
        count = sum(count for count, _ in matches)
        if count > 0:
            found[rsc] = (count, max(last for _, last in matches))
    return found


def operations_section(view: etree._Element, online: list[str], *, detail: bool,
                       timing: bool, ctime: Callable[[int], str]) -> list[str]:
    """The "Operations" section (in place of the Migration Summary): each online node with the
    history of each of its resources, headed by its migration-threshold and fresh fail count."""
    lines: list[str] = []
    thresholds, anonymous = migration_thresholds(view), anonymous_clone_primitives(view)
    for state in view.iterfind("status/node_state"):
        if state.get("uname") not in online:
            continue
        lines[:] = lines or ["Operations:"]  # the heading comes with the first online node, histories or not
        counts = history_fail_counts(state, anonymous)
        node_lines = []
        for history in state.iterfind("lrm/lrm_resources/lrm_resource"):
            operations = operation_list(history)
            if not operations:
                continue
            rsc = history.get("id", "")
            shown = rsc.split(":")[0] if rsc.split(":")[0] in anonymous else rsc  # rsc_printable_id
            count, last = counts.get(rsc, (0, 0))
            failed = (f" fail-count={min(count, 1_000_000)}" if count else "") + \
                (f" last-failure='{ctime(last)}'" if last and count else "")
            threshold = thresholds.get(shown.split(":")[0], "1000000")
            node_lines.append(f"    * {shown}: migration-threshold={threshold}{failed}:")
            node_lines += [f"      * {_operation_line(op, timing, ctime)}" for op in operations]
        if node_lines:
            named = display_name(state.get("uname"), state.get("id"), detail)
            lines += [f"  * Node: {named}:", *node_lines]
    return lines
