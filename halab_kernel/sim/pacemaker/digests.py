"""The digests Pacemaker 2.1.5 records with every operation, and what a changed one means.

Each `lrm_rsc_op` carries `op-digest`: an MD5 of the operation's parameters in a canonical
XML form (lib/common/digest.c over the `<parameters>` pcmk__filter_op_for_digest leaves:
the resource's instance attributes, the operation's own ones, and for a recurring operation
its timeout). Agents that can reload also get `op-force-restart` (the parameters a reload
cannot apply) with `op-restart-digest` over only those; agents with private parameters get
`op-secure-params` and `op-secure-digest` over all the others (controld_execd.c). The
scheduler recomputes them from the configuration (pe_digest.c): a different restart digest
means a restart, a different main digest a reload where the agent supports one, else a
restart ("resource definition change"); a different recurring digest reschedules the monitor.
The agent facts below come from the agents Debian bookworm installs: reload support and
parameter order from their metadata, as the controller reads it (newest parameter first).
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from typing import Mapping, Optional

from lxml import etree

from halab_kernel import values
from halab_kernel.sim.pacemaker.cib.references import instance_parameters

DEFAULT_TIMEOUT_MS = 20000


@dataclass(frozen=True)
class ReloadTraits:
    """What the controller learns from an agent's metadata: how it reloads and which parameters
    a reload cannot change (`restart`), and which are secret (`private`), newest first."""

    restart: Optional[tuple[str, ...]] = None  # None: the agent cannot reload
    private: tuple[str, ...] = ()


# reload-agent agents (OCF 1.1): the parameters not marked reloadable; legacy `reload` agents
# (OCF 1.0): the unique ones. Private: the explicit ones, else `password`, `passwd`, `user`.
AGENT_TRAITS: dict[str, ReloadTraits] = {
    "ocf:pacemaker:Dummy": ReloadTraits(restart=("state",), private=("passwd",)),
    "ocf:heartbeat:Dummy": ReloadTraits(restart=("state",)),
    "ocf:pacemaker:Stateful": ReloadTraits(restart=("state",)),
    "ocf:pacemaker:ping": ReloadTraits(restart=("use_fping", "failure_score", "options", "host_list", "multiplier",
                                                "name", "pidfile")),
    "ocf:pacemaker:SysInfo": ReloadTraits(restart=("delay", "pidfile")),
    "ocf:heartbeat:nginx": ReloadTraits(restart=("configfile",)),
    "stonith:fence_virsh": ReloadTraits(private=("password", "passwd")),
    "stonith:fence_ipmilan": ReloadTraits(private=("password", "passwd")),
}


@dataclass(frozen=True)
class OperationDigests:
    """The digest attributes of one `lrm_rsc_op`."""

    digest: str
    force_restart: Optional[str] = None  # " " + names + " ", as pcmk__add_word builds it
    restart_digest: Optional[str] = None
    secure_params: Optional[str] = None
    secure_digest: Optional[str] = None

    def attributes(self) -> dict[str, str]:
        fields = {"op-digest": self.digest}
        if self.force_restart is not None and self.restart_digest is not None:
            fields |= {"op-force-restart": self.force_restart, "op-restart-digest": self.restart_digest}
        if self.secure_params is not None and self.secure_digest is not None:
            fields |= {"op-secure-params": self.secure_params, "op-secure-digest": self.secure_digest}
        return fields


def _escape(value: str) -> str:
    """Attribute text as pcmk__xml2text writes it."""
    return (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;"))


def digest_of(params: Mapping[str, str]) -> str:
    """pcmk__digest_operation(): MD5 of ` <parameters a="1" b="2"/>` + newline, attributes sorted."""
    return _digest(tuple(sorted(params.items())))


@functools.lru_cache(maxsize=4096)
def _digest(pairs: tuple[tuple[str, str], ...]) -> str:
    """Once per distinct set of parameters: the scheduler checks every recorded operation's digests
    at every transition (issue 18: ~110,000 an hour at 500 resources, mostly the same few sets)."""
    body = "".join(f' {name}="{_escape(value)}"' for name, value in pairs)
    return hashlib.md5(f" <parameters{body}/>\n".encode()).hexdigest()


def _word_list(names: tuple[str, ...]) -> str:
    """pcmk__add_word(" ") then each name, then " ": `"  state  "` for one name, "" for none."""
    return "  " + " ".join(names) + "  " if names else ""


def agent_name(primitive: etree._Element) -> str:
    provider = primitive.get("provider")
    parts = [primitive.get("class", ""), *([provider] if provider else []), primitive.get("type", "")]
    return ":".join(parts)


def _nvpairs(element: Optional[etree._Element]) -> dict[str, str]:
    """Instance attributes of one element, the first set's value winning (unpack_attr_set)."""
    if element is None:
        return {}
    found = instance_parameters(element)  # populate_hash: an id-ref pair's, none without name or value
    for name in [name for name, value in found.items() if value.lower() == "#default"]:
        del found[name]   # "#default" unsets a value (populate_hash)
    return found


def _template(primitive: etree._Element) -> Optional[etree._Element]:
    name = primitive.get("template")
    if not name:
        return None
    root = primitive.getroottree().getroot()
    return next((t for t in root.iterfind(".//resources/template") if t.get("id") == name), None)


def _operation(primitive: etree._Element, task: str, interval_ms: int) -> Optional[etree._Element]:
    for holder in (primitive, _template(primitive)):
        if holder is None:
            continue
        for op in holder.iterfind("operations/op"):
            if op.get("name") == task and _interval_ms(op.get("interval", "0")) == interval_ms:
                return op
    return None


def _interval_ms(text: str) -> int:
    """An operation interval ("10s", "1min", "500ms", "30", "PT10S") in milliseconds."""
    return values.interval_ms(text)


def _timeout_ms(primitive: etree._Element, op: Optional[etree._Element]) -> int:
    """The operation's timeout: its own, else op_defaults', else 20 s."""
    if op is not None and op.get("timeout"):
        return _interval_ms(op.get("timeout", ""))
    root = primitive.getroottree().getroot()
    for nvpair in root.iterfind("configuration/op_defaults/meta_attributes/nvpair"):
        if nvpair.get("name") == "timeout":
            return _interval_ms(nvpair.get("value", ""))
    return DEFAULT_TIMEOUT_MS


def operation_timeout_ms(primitive: etree._Element, task: str, interval_ms: int) -> int:
    """The timeout the executor gives an operation (CRM_meta_timeout): its own, else op_defaults', else 20 s."""
    return _timeout_ms(primitive, _operation(primitive, task, interval_ms))


def operation_params(primitive: etree._Element, task: str, interval_ms: int) -> dict[str, str]:
    """The parameters the digest covers: the resource's (a template's under its own), the
    operation's instance attributes, and CRM_meta_timeout for a recurring operation."""
    op = _operation(primitive, task, interval_ms)
    params = _nvpairs(_template(primitive))
    params.update(_nvpairs(primitive))
    for parent in primitive.iterancestors("group", "clone", "master"):  # inherited (get_rsc_attributes)
        for name, value in _nvpairs(parent).items():
            params.setdefault(name, value)
    params.update(_nvpairs(op))
    if interval_ms:
        params["CRM_meta_timeout"] = str(_timeout_ms(primitive, op))
    return params


def operation_digests(primitive: etree._Element, task: str, interval_ms: int) -> OperationDigests:
    """What the controller records for this operation of this resource (its CIB element)."""
    return digests_for(agent_name(primitive), operation_params(primitive, task, interval_ms), interval_ms)


def digests_for(agent: str, params: Mapping[str, str], interval_ms: int) -> OperationDigests:
    """The digests of an operation of `agent` run with `params` (CRM_meta_timeout included for a
    recurring one)."""
    traits = AGENT_TRAITS.get(agent, ReloadTraits())
    force_restart = restart_digest = None
    if traits.restart is not None and not interval_ms:
        force_restart = _word_list(traits.restart)
        restart_digest = digest_of({name: params[name] for name in traits.restart if name in params})
    secure_params = secure_digest = None
    if traits.private:
        secure_params = _word_list(traits.private)
        secure_digest = digest_of({name: value for name, value in params.items() if name not in traits.private})
    return OperationDigests(digest_of(params), force_restart, restart_digest, secure_params, secure_digest)


def definition_change(recorded: Optional[str], recorded_restart: Optional[str], force_restart: Optional[str],
                      params: Mapping[str, str], interval_ms: int) -> Optional[str]:
    """rsc_action_digest_cmp() and pcmk__check_action_config() for one recorded operation, given
    the parameters it would run with now: "restart", "reload", "reschedule" (a recurring
    operation's definition changed), or None. The restart digest covers the parameters the record
    lists in op-force-restart; a record without op-digest (an older controller's) is left alone."""
    if recorded_restart is not None:
        names = set((force_restart or "").split())
        if recorded_restart != digest_of({name: value for name, value in params.items() if name in names}):
            return "restart"
    if recorded is None or recorded == digest_of(params):
        return None
    if interval_ms:
        return "reschedule"
    return "reload" if recorded_restart is not None else "restart"
