"""The systemd units and init scripts of a simulated node, for `systemd:`, `lsb:` and `service:` agents.

A simulated node is the course's Debian bookworm node: the packages halab_kernel/remote/rig/host.py
installs (corosync, pacemaker, pcs, openssh-server, apache2, nftables) on a base system. What an agent
of these standards does on a real node (Pacemaker 2.1.5, lib/services):

- `systemd:UNIT`: the metadata is generated for any unit name (systemd_unit_metadata: "Systemd unit file
  for UNIT" when systemd does not know it), so `pcs resource create X systemd:UNIT` succeeds for any
  UNIT where systemd runs; a unit that is not installed fails when it starts. (Where systemd does not run,
  as on the machine the tests compare with, the metadata query fails and pcs says "not installed".)
- `lsb:NAME`: /etc/init.d/NAME; a script that is not there is "not installed".
- `service:NAME`: an init script of that name, else a systemd unit (resources_find_service_class), else
  "not installed".

The simulator runs the units of SIMULATED_UNITS like the Dummy agent (start, stop, monitor); any other
unit, and the init scripts a real node has, are refused by name; a name no real node has is "not
installed", as pcs says.
"""

from __future__ import annotations

# the units the course's packages install that a resource may sensibly run (a web server, the firewall,
# ssh); the cluster's own daemons are left out: pacemaker cannot manage itself
SIMULATED_UNITS = frozenset({"apache2", "apache-htcacheclean", "nftables", "ssh"})
# the other units of those packages and of Debian's base system
REAL_NODE_UNITS = SIMULATED_UNITS | frozenset({
    "corosync", "pacemaker", "pcsd", "pcsd-ruby", "cron", "dbus", "getty@", "systemd-journald", "systemd-logind",
    "systemd-timesyncd", "systemd-udevd", "e2scrub_all", "e2scrub_reap", "apache2@", "apache-htcacheclean@",
    "ssh@", "sshd",
})
# /etc/init.d on such a node (Debian keeps the scripts of the packages that ship one; as on the reference
# machine, whose cluster-glue adds logd, and cron, which a Debian system has)
REAL_NODE_SCRIPTS = frozenset({
    "apache2", "apache-htcacheclean", "corosync", "cron", "dbus", "hwclock.sh", "kmod", "logd", "pacemaker", "pcsd",
    "pcsd-ruby", "procps", "ssh",
})


def unit_name(unit: str) -> str:
    """A unit as systemd names it without its `.service` suffix; an instance (`getty@tty1`) by its template."""
    unit = unit.removesuffix(".service")
    return unit.split("@", 1)[0] + "@" if "@" in unit else unit


def simulated_unit(unit: str) -> bool:
    """Whether the simulator runs `systemd:unit` as a resource."""
    return unit_name(unit) in SIMULATED_UNITS


def on_a_real_node(full_name: str) -> bool:
    """`systemd:`, `lsb:` or `service:` agent that pcs accepts on a course node: any systemd unit (its
    metadata is generated), an init script it has, a service either names."""
    standard, _, name = full_name.partition(":")
    if standard == "systemd":
        return bool(name)
    if standard == "lsb":
        return name in REAL_NODE_SCRIPTS
    if standard == "service":
        return name in REAL_NODE_SCRIPTS or unit_name(name) in REAL_NODE_UNITS
    return False
