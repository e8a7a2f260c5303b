"""The command paths of the real pcs 0.11.5 (the routers of pcs/cli/routing/*.py), for what the simulator lacks.

A pcs line whose words follow a real command the simulator's routers do not have is answered
"not simulated" by name (routing.Router), not with a usage text that would tell a student the
command does not exist.
"""

from __future__ import annotations

REAL_COMMANDS: tuple[str, ...] = (
    "acl config", "acl disable", "acl enable", "acl group", "acl group create", "acl group delete",
    "acl group remove", "acl permission", "acl permission add", "acl permission delete", "acl permission remove",
    "acl role", "acl role assign", "acl role create", "acl role delete", "acl role remove", "acl role unassign",
    "acl show", "acl user", "acl user create", "acl user delete", "acl user remove", "alert config", "alert create",
    "alert delete", "alert recipient", "alert recipient add", "alert recipient delete", "alert recipient remove",
    "alert recipient update", "alert remove", "alert show", "alert update", "booth config", "booth create",
    "booth delete", "booth destroy", "booth disable", "booth enable", "booth pull", "booth remove", "booth restart",
    "booth setup", "booth start", "booth status", "booth stop", "booth sync", "booth ticket", "booth ticket add",
    "booth ticket delete", "booth ticket grant", "booth ticket remove", "booth ticket revoke", "client local-auth",
    "cluster auth", "cluster authkey", "cluster authkey corosync", "cluster certkey", "cluster cib",
    "cluster cib-push", "cluster cib-upgrade", "cluster config", "cluster config show", "cluster config update",
    "cluster config uuid", "cluster config uuid generate", "cluster corosync", "cluster destroy", "cluster disable",
    "cluster edit", "cluster enable", "cluster kill", "cluster link", "cluster link add", "cluster link delete",
    "cluster link remove", "cluster link update", "cluster node", "cluster node add", "cluster node add-guest",
    "cluster node add-outside", "cluster node add-remote", "cluster node clear", "cluster node delete",
    "cluster node delete-guest", "cluster node delete-remote", "cluster node remove", "cluster node remove-guest",
    "cluster node remove-remote", "cluster pcsd-status", "cluster reload", "cluster report", "cluster setup",
    "cluster start", "cluster status", "cluster stop", "cluster sync", "cluster sync corosync", "cluster uidgid",
    "cluster verify", "config backup", "config checkpoint", "config checkpoint diff", "config checkpoint list",
    "config checkpoint restore", "config checkpoint view", "config restore", "config show", "constraint colocation",
    "constraint colocation add", "constraint colocation config", "constraint colocation delete",
    "constraint colocation remove", "constraint colocation set", "constraint colocation show", "constraint config",
    "constraint delete", "constraint list", "constraint location", "constraint order", "constraint ref",
    "constraint remove", "constraint rule", "constraint show", "constraint ticket", "constraint ticket add",
    "constraint ticket config", "constraint ticket delete", "constraint ticket remove", "constraint ticket set",
    "constraint ticket show", "dr config", "dr destroy", "dr set-recovery-site", "dr status", "host auth",
    "host deauth", "node attribute", "node maintenance", "node pacemaker-status", "node standby",
    "node unmaintenance", "node unstandby", "node utilization", "pcsd certkey", "pcsd deauth", "pcsd status",
    "pcsd sync-certificates", "property config", "property list", "property set", "property show", "property unset",
    "qdevice destroy", "qdevice disable", "qdevice enable", "qdevice kill", "qdevice net-client",
    "qdevice net-client destroy", "qdevice net-client import-certificate", "qdevice net-client setup",
    "qdevice setup", "qdevice sign-net-cert-request", "qdevice start", "qdevice status", "qdevice stop",
    "quorum config", "quorum device", "quorum device add", "quorum device delete", "quorum device heuristics",
    "quorum device heuristics delete", "quorum device heuristics remove", "quorum device remove",
    "quorum device status", "quorum device update", "quorum expected-votes", "quorum status", "quorum unblock",
    "quorum update", "resource agents", "resource ban", "resource bundle", "resource bundle create",
    "resource bundle reset", "resource bundle update", "resource cleanup", "resource clear", "resource clone",
    "resource config", "resource create", "resource debug-demote", "resource debug-monitor",
    "resource debug-promote", "resource debug-start", "resource debug-stop", "resource defaults",
    "resource defaults config", "resource defaults set create", "resource defaults set delete",
    "resource defaults set remove", "resource defaults set update", "resource defaults update", "resource delete",
    "resource describe", "resource disable", "resource enable", "resource failcount", "resource failcount show",
    "resource group", "resource group add", "resource group delete", "resource group list", "resource group remove",
    "resource list", "resource manage", "resource meta", "resource move", "resource move-with-constraint",
    "resource op", "resource op add", "resource op defaults", "resource op defaults config",
    "resource op defaults set create", "resource op defaults set delete", "resource op defaults set remove",
    "resource op defaults set update", "resource op defaults update", "resource op delete", "resource op remove",
    "resource promotable", "resource providers", "resource refresh", "resource relations", "resource relocate",
    "resource relocate clear", "resource relocate dry-run", "resource relocate run", "resource relocate show",
    "resource remove", "resource restart", "resource safe-disable", "resource show", "resource standards",
    "resource status", "resource unclone", "resource ungroup", "resource unmanage", "resource update",
    "resource utilization", "status booth", "status cluster", "status corosync", "status nodes", "status pcsd",
    "status qdevice", "status quorum", "status resources", "status status", "status xml", "stonith cleanup",
    "stonith config", "stonith confirm", "stonith create", "stonith defaults", "stonith defaults config",
    "stonith defaults set create", "stonith defaults set delete", "stonith defaults set remove",
    "stonith defaults set update", "stonith defaults update", "stonith delete", "stonith describe",
    "stonith disable", "stonith enable", "stonith failcount", "stonith failcount show", "stonith fence",
    "stonith history", "stonith history cleanup", "stonith history show", "stonith history update", "stonith level",
    "stonith level add", "stonith level clear", "stonith level config", "stonith level delete",
    "stonith level remove", "stonith level verify", "stonith list", "stonith meta", "stonith op", "stonith op add",
    "stonith op defaults", "stonith op defaults config", "stonith op defaults set create",
    "stonith op defaults set delete", "stonith op defaults set remove", "stonith op defaults set update",
    "stonith op defaults update", "stonith op delete", "stonith op remove", "stonith refresh", "stonith remove",
    "stonith sbd", "stonith sbd config", "stonith sbd device", "stonith sbd device message",
    "stonith sbd device setup", "stonith sbd disable", "stonith sbd enable", "stonith sbd status",
    "stonith sbd watchdog", "stonith sbd watchdog list", "stonith sbd watchdog test", "stonith show",
    "stonith status", "stonith update", "stonith update-scsi-devices", "tag config", "tag create", "tag delete",
    "tag list", "tag remove", "tag update",
)
_PATHS: tuple[tuple[str, ...], ...] = tuple(tuple(path.split()) for path in REAL_COMMANDS)


def real_command(words: list[str]) -> str | None:
    """The longest real pcs command `words` begin with ("cluster node add-remote"), or None."""
    found = [path for path in _PATHS if tuple(words[:len(path)]) == path]
    if not found:
        return None
    longest: tuple[str, ...] = max(found, key=len)
    return " ".join(longest)
