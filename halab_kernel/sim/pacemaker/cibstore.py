"""The simulated cluster's CIB: a real Pacemaker CIB document, kept as XML.

The configuration section is what pcs/cibadmin edit; the status section is
what the controller writes as nodes join and operations complete, in the very
shape Pacemaker 2.1.5 writes it (node_state, transient attributes,
lrm_rsc_op with transition keys and rc codes). Because it is a real CIB, the
simulator's scheduler reads it like `crm_simulate -x` reads a file, and the
real tools can read it too (`crm_mon`, `crm_simulate`, `crm_verify` on
`cibadmin -Q`'s output).

Operation history is the truth of each node's executor. Each partition's view
(which nodes are in its membership, joined, expected) is laid over it when
the view is taken (`view(...)`), so split brain shows as two views of one
history. A partition cannot hear what happens beyond it: the history of a
node outside an observer's membership is the copy the observer last heard
(frozen when the membership lost it, emptied when the node is fenced), and
the node's own truth again once they share a membership, as a real join
refreshes the status section from each node's executor.
"""

from __future__ import annotations

import copy
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Callable, Iterable, Iterator

from lxml import etree

from . import digests
from .scheduler.unmodelled import check_simulatable

def cluster_property(root: etree._Element, name: str, default: str | None = None) -> str | None:
    """A cluster option's value as a CIB document sets it (the first nvpair naming it), else `default`."""
    for nvpair in root.iterfind("configuration/crm_config/cluster_property_set/nvpair"):
        if nvpair.get("name") == name:
            return nvpair.get("value")
    return default


FEATURE_SET = "3.16.1"
SCHEMA = "pacemaker-3.9"
DC_VERSION = "2.1.5-a3f44794f94"
CLUSTER_UUID = "5c4b1d2e-7a0f-4b6e-9d41-halab0000001"


@dataclass(frozen=True)
class NodeView:
    """How one partition sees one node when it builds its CIB view."""

    in_ccm: bool
    crmd: str  # "online" / "offline"
    join: str  # "member", "down", "pending", "banned"
    expected: str  # "member" / "down"


class CibStore:
    """Holds the CIB document and tells listeners when the configuration changes."""

    def __init__(self, cluster_name: str, nodes: Iterable[tuple[str, int]],
                 clock: Callable[[], int] = lambda: 0) -> None:
        self.root = _initial(cluster_name, list(nodes))
        self._clock = clock  # Unix time now, for cib-last-written
        self._config_listeners: list[Callable[[], None]] = []
        self._call_ids: dict[str, int] = {}
        self._last_heard: dict[str, dict[str, etree._Element]] = {}  # observer -> node -> its lrm, as last heard
        self._primitives: tuple[object, dict[str, etree._Element]] = (None, {})  # (root, epochs) -> id -> primitive
        self._histories: dict[str, tuple[etree._Element, dict[str, etree._Element]]] = {}  # node -> its index
        self._digests: dict[tuple[str, str, int], dict[str, str]] = {}  # per configuration, like _primitives

    @classmethod
    def holding(cls, root: etree._Element) -> "CibStore":
        """A store over an existing document, edited in place: for what-if runs on a copy."""
        store = cls("", ())
        store.root = root
        return store

    # --- the configuration (what pcs and cibadmin edit) ---------------------------

    def read(self) -> etree._Element:
        """A private copy of the whole CIB, to edit and hand back with `replace`."""
        return copy.deepcopy(self.root)

    def replace(self, new_root: etree._Element, *, client: str = "cibadmin", origin: str | None = None,
                user: str = "root") -> None:
        """Adopt a new configuration (the status section stays the controller's)."""
        if new_root.tag != "cib" or new_root.find("configuration") is None or _dangling_references(new_root):
            raise ValueError("Update does not conform to the configured schema")
        check_simulatable(new_root)  # the honesty gate: never adopt what the scheduler cannot run truthfully
        configuration = copy.deepcopy(new_root.find("configuration"))
        old = self.root.find("configuration")
        self.root.replace(old, configuration)
        for name, value in new_root.attrib.items():
            if name in ("admin_epoch", "validate-with"):
                self.root.set(name, value)
        self.root.set("epoch", str(int(self.root.get("epoch", "0")) + 1))
        self.root.set("num_updates", "0")
        moment = datetime.fromtimestamp(self._clock(), tz=timezone.utc)
        self.root.set("cib-last-written", f"{moment:%a %b} {moment.day:>2} {moment:%H:%M:%S %Y}")
        self.root.set("update-client", client)
        self.root.set("update-user", user)
        if origin:
            self.root.set("update-origin", origin)
        for listener in list(self._config_listeners):
            listener()

    def set_node_attribute(self, name: str, node_id: int, attribute: str, value: str | None, *,
                           client: str = "crm_attribute", origin: str | None = None) -> None:
        """A permanent node attribute (standby, maintenance...) as `crm_attribute -N` writes it, in
        configuration/nodes; None removes it."""
        root = self.read()
        nodes = root.find("configuration/nodes")
        node = next((n for n in nodes.iterfind("node") if n.get("uname") == name), None)
        if node is None:
            node = etree.SubElement(nodes, "node", id=str(node_id), uname=name)
        attrs = node.find("instance_attributes")
        if attrs is None:
            attrs = etree.SubElement(node, "instance_attributes", id=f"nodes-{node_id}")
        existing = next((nv for nv in attrs.iterfind("nvpair") if nv.get("name") == attribute), None)
        if value is None and existing is None:
            return
        if value is None and existing is not None:
            attrs.remove(existing)
        else:
            if existing is None:
                existing = etree.SubElement(attrs, "nvpair", id=f"nodes-{node_id}-{attribute}", name=attribute)
            existing.set("value", value or "")
        self.replace(root, client=client, origin=origin)

    def on_configuration_change(self, listener: Callable[[], None]) -> None:
        self._config_listeners.append(listener)

    def configuration(self) -> etree._Element:
        return self.root.find("configuration")

    def property(self, name: str, default: str | None = None) -> str | None:
        return cluster_property(self.root, name, default)

    def configuration_key(self) -> tuple[object, str | None, str | None]:
        """Changes whenever the configuration does (a new document, a new epoch): for caches of what is
        derived from the configuration alone."""
        root = self.root
        return (root, root.get("admin_epoch"), root.get("epoch"))

    def primitive(self, rsc_id: str) -> etree._Element | None:
        """The configured primitive of a resource, or of a globally-unique clone's instance (`u:0`),
        from an index rebuilt when the configuration changes: it is looked up at every operation,
        monitor and transition."""
        key = self.configuration_key()
        if self._primitives[0] != key:
            found = {element.get("id", ""): element
                     for element in reversed(list(self.root.iterfind(".//configuration/resources//primitive")))}
            self._primitives = (key, found)
            self._digests = {}
        return self._primitives[1].get(rsc_id.split(":")[0])

    # --- the status section (what the controller writes) --------------------------

    def _bump(self) -> None:
        self.root.set("num_updates", str(int(self.root.get("num_updates", "0")) + 1))

    def node_state(self, name: str, node_id: int) -> etree._Element:
        status = self.root.find("status")
        for element in status.iterfind("node_state"):
            if element.get("uname") == name:
                return element
        element = etree.SubElement(status, "node_state", id=str(node_id), uname=name, in_ccm="false",
                                   crmd="offline", join="down", expected="down")
        attrs = etree.SubElement(etree.SubElement(element, "transient_attributes", id=str(node_id)),
                                 "instance_attributes", id=f"status-{node_id}")
        etree.SubElement(attrs, "nvpair", id=f"status-{node_id}-.feature-set", name="#feature-set",
                         value=FEATURE_SET)
        etree.SubElement(etree.SubElement(element, "lrm", id=str(node_id)), "lrm_resources")
        return element

    def set_node(self, name: str, node_id: int, **fields: str) -> None:
        element = self.node_state(name, node_id)
        for key, value in fields.items():
            element.set(key.replace("_", "-") if key == "crm_debug_origin" else key, value)
        self._bump()

    def forget_node_history(self, name: str, node_id: int) -> None:
        """After fencing or a clean stop, nothing runs there any more: drop its operation history."""
        resources = self.node_state(name, node_id).find("lrm/lrm_resources")
        for child in list(resources):
            resources.remove(child)
        for heard in self._last_heard.values():
            if name in heard:
                heard[name] = copy.deepcopy(self.node_state(name, node_id).find("lrm"))
        self._bump()

    def membership_formed(self, members: Iterable[str]) -> None:
        """A partition formed: its members stop hearing the history of everyone outside it (their
        last copy is kept) and hear again that of everyone inside."""
        members = set(members)
        everyone = [state.get("uname") for state in self.root.iterfind("status/node_state")]
        frozen: dict[str, etree._Element] = {}  # one copy per outsider, shared: views copy it again to use it
        for observer in members:
            heard = self._last_heard.setdefault(observer, {})
            for name in everyone:
                if name in members:
                    heard.pop(name, None)
                elif name not in heard:
                    if name not in frozen:
                        frozen[name] = copy.deepcopy(self.node_state(name, 0).find("lrm"))
                    heard[name] = frozen[name]

    def transient(self, name: str, node_id: int) -> dict[str, str]:
        attrs = self.node_state(name, node_id).find("transient_attributes/instance_attributes")
        return {} if attrs is None else {nv.get("name"): nv.get("value") for nv in attrs.iterfind("nvpair")}

    def erase_transient(self, name: str, node_id: int) -> None:
        """Drop a node's transient attributes (fail counts, promotion scores, `-l reboot` attributes),
        as the DC does when the node's Pacemaker goes and attrd does when it starts again
        (attrd_erase_attrs: "Clearing transient attributes from CIB")."""
        state = self.node_state(name, node_id)
        for element in state.findall("transient_attributes"):
            state.remove(element)
        self._bump()

    def set_transient(self, name: str, node_id: int, attribute: str, value: str | None) -> None:
        state = self.node_state(name, node_id)
        attrs = state.find("transient_attributes/instance_attributes")
        if attrs is None:
            if value is None:
                return
            attrs = etree.SubElement(etree.SubElement(state, "transient_attributes", id=str(node_id)),
                                     "instance_attributes", id=f"status-{node_id}")
        for nvpair in attrs.iterfind("nvpair"):
            if nvpair.get("name") == attribute:
                if value is None:
                    attrs.remove(nvpair)
                else:
                    nvpair.set("value", value)
                self._bump()
                return
        if value is not None:
            etree.SubElement(attrs, "nvpair", id=f"status-{node_id}-{attribute.replace('#', '.')}",
                             name=attribute, value=value)
            self._bump()

    def set_ticket(self, ticket: str, attributes: dict[str, str | None]) -> None:
        """Set (or, with None, remove) attributes of a ticket's `<ticket_state>` (crm_ticket)."""
        status = self.root.find("status")
        tickets = status.find("tickets")
        if tickets is None:
            tickets = etree.Element("tickets")
            status.insert(0, tickets)
        state = tickets.find(f"ticket_state[@id='{ticket}']")
        if state is None:
            state = etree.SubElement(tickets, "ticket_state", id=ticket)
        for name, value in attributes.items():
            if value is None:
                state.attrib.pop(name, None)
            else:
                state.set(name, value)
        self._bump()

    def _history_of(self, name: str, resources: etree._Element) -> dict[str, etree._Element]:
        """Resource id -> lrm_resource of one node, rebuilt whenever the list was changed elsewhere
        (history forgotten, a resource cleaned up): the same element and the same length."""
        indexed = self._histories.get(name)
        if indexed is None or indexed[0] is not resources or len(indexed[1]) != len(resources):
            found = {e.get("id", ""): e for e in resources if e.tag == "lrm_resource"}
            indexed = self._histories[name] = (resources, found)
        return indexed[1]

    def record_operation(self, name: str, node_id: int, rsc_id: str, operation: str, interval_ms: int,
                         rc: int, *, transition_key: str, when: int, exec_ms: int, op_status: int = 0,
                         exit_reason: str = "", timeout_ms: int = 20000) -> None:
        """Write an `lrm_rsc_op` as the controller does when the executor reports a result."""
        primitive = self.primitive(rsc_id)
        resources = self.node_state(name, node_id).find("lrm/lrm_resources")
        history = self._history_of(name, resources).get(rsc_id)
        if history is None:
            history = etree.SubElement(resources, "lrm_resource", id=rsc_id)
            if primitive is not None:
                history.set("type", primitive.get("type", ""))
                history.set("class", primitive.get("class", ""))
                if primitive.get("provider"):
                    history.set("provider", primitive.get("provider"))
        self._histories[name][1][rsc_id] = history
        self._call_ids[name] = self._call_ids.get(name, 0) + 1
        key = f"{rsc_id}_{operation}_{interval_ms}"
        fields = {
            "operation_key": key, "operation": operation, "crm-debug-origin": "do_update_resource",
            "crm_feature_set": FEATURE_SET, "transition-key": transition_key,
            "transition-magic": f"{op_status}:{rc};{transition_key}", "exit-reason": exit_reason,
            "on_node": name, "call-id": str(self._call_ids[name]), "rc-code": str(rc), "op-status": str(op_status),
            "interval": str(interval_ms), "last-rc-change": str(when), "exec-time": str(exec_ms), "queue-time": "0",
        }
        if primitive is not None:
            digest_key = (rsc_id.split(":")[0], operation, interval_ms)
            if digest_key not in self._digests:  # the same for every run of the operation until the configuration changes
                self._digests[digest_key] = digests.operation_digests(primitive, operation, interval_ms).attributes()
            fields |= self._digests[digest_key]
        record_ids = [f"{rsc_id}_monitor_{interval_ms}"] if interval_ms else [f"{rsc_id}_last_0"]
        is_probe = operation == "monitor" and not interval_ms
        expected = int(transition_key.split(":")[2])  # 8 for a promoted instance's monitor
        if op_status != 0 or rc not in ((0, 7) if is_probe else (expected,)):
            record_ids.append(f"{rsc_id}_last_failure_0")
        for record_id in record_ids:
            record = next((op for op in history.iterfind("lrm_rsc_op") if op.get("id") == record_id), None)
            if record is None:
                record = etree.SubElement(history, "lrm_rsc_op", id=record_id)
            record.attrib.update(fields)
        if operation == "stop" and rc == 0:
            for op in list(history.iterfind("lrm_rsc_op")):
                if op.get("interval", "0") != "0" and not op.get("id", "").endswith("_last_failure_0"):
                    history.remove(op)
        self._bump()

    def forget_record(self, node: str, rsc_id: str, record_id: str) -> None:
        """One `lrm_rsc_op` leaves the status section: a cancelled monitor's, a cleared failure's."""
        for op in self.root.iterfind(f"status/node_state[@uname='{node}']/lrm/lrm_resources/lrm_resource/lrm_rsc_op"):
            if op.get("id") == record_id and op.getparent().get("id") == rsc_id:
                op.getparent().remove(op)
                self._bump()

    def clear_resource_history(self, rsc_id: str, node: str | None = None) -> None:
        """`crm_resource --cleanup`: forget failures and history so the scheduler re-probes."""
        for state in self.root.iterfind("status/node_state"):
            if node and state.get("uname") != node:
                continue
            resources = state.find("lrm/lrm_resources")
            for history in list(resources.iterfind("lrm_resource")):
                if history.get("id") == rsc_id:
                    resources.remove(history)
        self._bump()

    def view(self, node_views: dict[str, tuple[int, NodeView]], have_quorum: bool, dc: tuple[str, int] | None,
             now: int, observer: str | None = None) -> etree._Element:
        """The CIB as the DC of one partition sees it: its view of every node over the history
        `observer` (default: the DC) has heard."""
        root = copy.deepcopy(self.root)
        heard = self._last_heard.get(observer or (dc[0] if dc else ""), {})
        root.set("have-quorum", "1" if have_quorum else "0")
        root.set("execution-date", str(now))
        if dc:
            root.set("dc-uuid", str(dc[1]))
        for state in root.iterfind("status/node_state"):
            seen = node_views.get(state.get("uname"))
            if seen is None:
                continue
            _, view = seen
            if state.get("uname") in heard:
                state.replace(state.find("lrm"), copy.deepcopy(heard[state.get("uname")]))
            state.set("in_ccm", "true" if view.in_ccm else "false")
            state.set("crmd", view.crmd)
            state.set("join", view.join)
            state.set("expected", view.expected)
        return root

    @contextmanager
    def overlaid(self, node_views: dict[str, tuple[int, NodeView]], have_quorum: bool, dc: tuple[str, int] | None,
                 now: int, observer: str | None = None, panic: bool = False) -> Iterator[etree._Element]:
        """`view(...)` (with `no-quorum-panic="1"` when `panic`) laid over the live document for the time of
        a `with` block, and taken off again: what a transition reads, without copying the whole CIB at
        every transition (issue 18). The element is only to be read inside the block, never kept."""
        root = self.root
        attributes = dict(root.attrib)
        heard = self._last_heard.get(observer or (dc[0] if dc else ""), {})
        states: list[tuple[etree._Element, list[str | None], etree._Element | None, etree._Element | None]] = []
        try:
            root.set("have-quorum", "1" if have_quorum else "0")
            root.set("execution-date", str(now))
            if dc:
                root.set("dc-uuid", str(dc[1]))
            if panic:
                root.set("no-quorum-panic", "1")
            for state in root.iterfind("status/node_state"):
                seen = node_views.get(state.get("uname"))
                if seen is None:
                    continue
                _, view = seen
                own = other = None
                if state.get("uname") in heard:
                    own, other = state.find("lrm"), heard[state.get("uname")]
                states.append((state, [state.get(name) for name in _VIEWED], own, other))
                if own is not None and other is not None:
                    state.replace(own, other)
                state.set("in_ccm", "true" if view.in_ccm else "false")
                state.set("crmd", view.crmd)
                state.set("join", view.join)
                state.set("expected", view.expected)
            yield root
        finally:
            for state, values, own, other in states:
                if own is not None and other is not None:
                    state.replace(other, own)
                for name, value in zip(_VIEWED, values):
                    if value is None:
                        state.attrib.pop(name, None)
                    else:
                        state.set(name, value)
            root.attrib.clear()
            root.attrib.update(attributes)

    def xml(self) -> str:
        return etree.tostring(self.root, pretty_print=True, encoding="unicode")


_VIEWED = ("in_ccm", "crmd", "join", "expected")  # the node_state fields a partition's view sets


def _dangling_references(root: etree._Element) -> list[str]:
    """Constraint references to resources that do not exist: the schema's IDREF check."""
    ids = {element.get("id") for element in root.iterfind("configuration/resources//*")}
    ids |= {element.get("id") for element in root.iterfind("configuration/tags/tag")}
    dangling = []
    for constraint in root.iterfind("configuration/constraints/*"):
        for attribute in ("rsc", "with-rsc", "first", "then"):
            reference = constraint.get(attribute)
            if reference is not None and reference not in ids:
                dangling.append(reference)
        for ref in constraint.iterfind(".//resource_ref"):
            if ref.get("id") not in ids:
                dangling.append(ref.get("id", ""))
    return dangling


def _initial(cluster_name: str, nodes: list[tuple[str, int]]) -> etree._Element:
    root = etree.Element("cib", {
        "crm_feature_set": FEATURE_SET, "validate-with": SCHEMA, "epoch": "5", "num_updates": "0",
        "admin_epoch": "0", "cib-last-written": "Mon Jan  5 09:00:00 2026", "update-origin": nodes[0][0] if nodes else "",
        "update-client": "crmd", "update-user": "hacluster", "have-quorum": "0",
    })
    configuration = etree.SubElement(root, "configuration")
    crm_config = etree.SubElement(configuration, "crm_config")
    options = etree.SubElement(crm_config, "cluster_property_set", id="cib-bootstrap-options")
    for name, value in (("have-watchdog", "false"), ("dc-version", DC_VERSION),
                        ("cluster-infrastructure", "corosync"), ("cluster-name", cluster_name)):
        etree.SubElement(options, "nvpair", id=f"cib-bootstrap-options-{name}", name=name, value=value)
    node_section = etree.SubElement(configuration, "nodes")
    for name, node_id in nodes:
        etree.SubElement(node_section, "node", id=str(node_id), uname=name)
    etree.SubElement(configuration, "resources")
    etree.SubElement(configuration, "constraints")
    etree.SubElement(root, "status")
    return root
