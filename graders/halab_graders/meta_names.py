"""Meta attributes Pacemaker 2.1.5 does not read: spelt with underscores, or stored as a resource's instance
attributes or as operation defaults.

`pcs resource meta web migration_threshold=2` is accepted by pcs (it stores any name) and ignored by the
cluster: the scheduler looks meta attributes up by their dashed names, so the resource keeps the default
(real crm_simulate on such a CIB: "dummy1 can fail 999998 more times on node2 before reaching migration
threshold (1000000)"). Only a CIB of a pre-2.0 schema is upgraded to the dashed names. Every check that runs a
student's commands fails such a name, saying what the cluster does with it.

A resource's meta attribute stored among its instance attributes (`crm_resource -r web -p migration-threshold -v 2`,
without --meta) or among the operation defaults (`pcs resource op defaults update resource-stickiness=100`, which real
pcs accepts) is not read either: real crm_simulate moves a resource whose resource-stickiness=100 sits in either place,
and keeps it where it is when the same value is a meta attribute or a resource default.
"""

from __future__ import annotations

import re

from halab_kernel import Lab

from halab_graders.cib import query
from halab_graders.check import Mismatch

# the meta attributes of resources and operations Pacemaker 2.1.5 reads (Pacemaker Explained, 2.1)
KNOWN = frozenset({
    "priority", "critical", "target-role", "is-managed", "maintenance", "resource-stickiness", "requires",
    "migration-threshold", "failure-timeout", "multiple-active", "allow-migrate", "allow-unhealthy-nodes",
    "container-attribute-target", "remote-node", "remote-port", "remote-addr", "remote-connect-timeout",
    "clone-max", "clone-node-max", "clone-min", "notify", "globally-unique", "ordered", "interleave", "promotable",
    "promoted-max", "promoted-node-max", "master-max", "master-node-max", "on-fail", "timeout", "interval",
    "start-delay", "interval-origin", "record-pending", "enabled", "role",
})


def require_dashed_meta_names(lab: Lab) -> None:
    """Fail a meta attribute written with underscores for one Pacemaker spells with dashes."""
    root = query(lab, "configuration")
    if root is None:
        return  # no cluster (yet): nothing configured to read
    for pair in root.xpath("//meta_attributes/nvpair[@name]"):
        name = pair.get("name", "")
        if "_" in name and name.replace("_", "-") in KNOWN:
            owner = pair.getparent().getparent()
            whose = {"rsc_defaults": "the resource defaults", "op_defaults": "the operation defaults"}.get(
                owner.tag, owner.get("id") or owner.tag)
            raise Mismatch(f"the meta attribute {name} (of {whose}) is not one Pacemaker reads: its name is "
                           f"{name.replace('_', '-')}, with dashes, so the cluster ignores {name} and keeps the "
                           "default (pcs stores any name you give it)",
                           hint="crm_resource --meta -r RESOURCE -g NAME shows what the cluster reads")


# meta attributes of a resource only (not of an operation): what an instance attribute or an operation default
# of that name would be mistaken for
RESOURCE_ONLY = frozenset({
    "priority", "critical", "target-role", "is-managed", "maintenance", "resource-stickiness", "migration-threshold",
    "failure-timeout", "multiple-active", "allow-migrate",
})
_OP_DEFAULTS = re.compile(r"^pcs\s+resource\s+op\s+defaults\s+(?:update\s+)?(.*)$")


def resource_meta_as_op_default(line: str) -> str | None:
    """The first resource-only meta attribute a `pcs resource op defaults` line sets, if any."""
    match = _OP_DEFAULTS.match(line.strip())
    names = [word.split("=", 1)[0] for word in match.group(1).split() if "=" in word] if match else []
    return next((name for name in names if name in RESOURCE_ONLY), None)


def op_default_mismatch(name: str) -> Mismatch:
    return Mismatch(f"{name} is a meta attribute of resources, not of operations: an operation default of that name "
                    "(pcs resource op defaults, the op_defaults section) is never read by Pacemaker, so the cluster "
                    f"keeps its default {name} (real crm_simulate on such a CIB schedules as if it were unset); "
                    f"pcs resource defaults update {name}=... sets it for every resource",
                    hint="pcs resource defaults is for resources' meta attributes, pcs resource op defaults for "
                         "operations' (timeout, on-fail)")


def require_meta_where_read(lab: Lab) -> None:
    """Fail a resource-only meta attribute stored where Pacemaker 2.1.5 does not read it: among a resource's
    instance attributes (parameters handed to its agent; `crm_resource -p` without --meta puts it there; real
    crm_simulate ignores a resource-stickiness there), or among the operation defaults."""
    root = query(lab, "configuration")
    if root is None:
        return
    for pair in root.xpath("//op_defaults/meta_attributes/nvpair[@name]"):
        if pair.get("name") in RESOURCE_ONLY:
            raise op_default_mismatch(pair.get("name", ""))
    for pair in root.xpath("//resources//*[self::primitive or self::group or self::clone or self::bundle]"
                           "/instance_attributes/nvpair[@name]"):
        name, holder = pair.get("name", ""), pair.getparent().getparent()
        if name in RESOURCE_ONLY and not (name == "priority" and holder.get("class") == "stonith"):  # fenced's own
            owner = holder.get("id", "")
            raise Mismatch(f"{owner}'s {name} is an instance attribute (a parameter handed to its agent), not a meta "
                           f"attribute: Pacemaker 2.1.5 reads meta attributes only from meta_attributes, so the "
                           f"cluster ignores it and keeps the default {name}",
                           hint=f"crm_resource needs --meta for a meta attribute (crm_resource -r {owner} --meta -p "
                                f"{name} -v VALUE), or pcs resource meta {owner} {name}=VALUE")
