"""Controller tuning options the simulated controller does not act on.

Real pacemaker-controld 2.1.5 reads these (its metadata gives the defaults below): how many
actions run at once (batch-limit, node-action-limit, load-threshold), what a node does when told
it was fenced (fence-reaction), how long elections, joins and shutdowns may take, and a delay
before each transition. The simulator behaves as with the defaults, so a live lab refuses a
configuration that sets one of them to anything else (see scheduler/unmodelled.py), rather than
accept it and show the default behaviour. crm_simulate does not read them, so a one-off
simulation of such a CIB stays truthful.
"""

from __future__ import annotations

from lxml import etree

from halab_kernel import values

DEFAULTS: dict[str, str] = {
    "batch-limit": "0",
    "node-action-limit": "0",
    "load-threshold": "80%",
    "fence-reaction": "stop",
    "election-timeout": "2min",
    "join-integration-timeout": "3min",
    "join-finalization-timeout": "30min",
    "shutdown-escalation": "20min",
    "transition-delay": "0",
}
_DURATIONS = {"election-timeout", "join-integration-timeout", "join-finalization-timeout", "shutdown-escalation",
              "transition-delay"}


def _normal(name: str, value: str) -> object:
    """A value as the controller compares it: durations in seconds, integers as scores, words lowercased."""
    text = value.strip()
    if name in _DURATIONS:
        return values.seconds(text, values.seconds(DEFAULTS[name], 0.0))  # unreadable: the default
    if name == "load-threshold":
        return text.rstrip("%").strip()
    if name == "fence-reaction":
        return text.lower()
    return values.char2score(text)


def changed_options(cib: etree._Element) -> list[str]:
    """The options of DEFAULTS this CIB's cluster properties set to something other than the default."""
    changed = []
    for nvpair in cib.iterfind("configuration/crm_config/cluster_property_set/nvpair"):
        name, value = nvpair.get("name", ""), nvpair.get("value")
        if name in DEFAULTS and value is not None and _normal(name, value) != _normal(name, DEFAULTS[name]):
            changed.append(name)
    return changed


def sets_unsimulated_options(cib: etree._Element) -> bool:
    return bool(changed_options(cib))
