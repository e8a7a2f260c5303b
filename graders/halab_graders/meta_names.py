"""Meta attributes spelt with underscores: Pacemaker 2.1.5 does not read them.

`pcs resource meta web migration_threshold=2` is accepted by pcs (it stores any name) and ignored by the
cluster: the scheduler looks meta attributes up by their dashed names, so the resource keeps the default
(real crm_simulate on such a CIB: "dummy1 can fail 999998 more times on node2 before reaching migration
threshold (1000000)"). Only a CIB of a pre-2.0 schema is upgraded to the dashed names. Every check that runs a
student's commands fails such a name, saying what the cluster does with it.
"""

from __future__ import annotations


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
