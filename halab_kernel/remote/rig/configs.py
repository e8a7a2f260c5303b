"""The text of every file a rig writes: corosync.conf, sshd_config, CIB seed, inventory.

Pure functions of a `RigLayout` so they can be read, tested and compared with
the captured working configuration without starting anything.
"""

from __future__ import annotations

import json
import shlex

from halab_kernel.remote.rig.layout import RigLayout

CLUSTER_NAME = "halab"
FENCE_DEVICE_ID = "fence-rig"


def corosync_conf(layout: RigLayout, token_ms: int | None = None) -> str:
    """corosync.conf as a real knet cluster would have it (crypto on, votequorum).

    The token is left at corosync's default unless asked: on a loaded 2-core
    machine a short token makes spurious token losses (see the rig notes).
    """
    token = f"    token: {token_ms}\n" if token_ms else ""
    nodes = "".join(
        "    node {\n"
        f"        ring0_addr: {layout.node_address(name)}\n"
        f"        name: {name}\n"
        f"        nodeid: {index}\n"
        "    }\n"
        for index, name in enumerate(layout.node_names, start=1)
    )
    two_node = "    two_node: 1\n" if layout.nodes == 2 else ""
    return (
        "totem {\n"
        "    version: 2\n"
        f"    cluster_name: {CLUSTER_NAME}\n"
        "    transport: knet\n"
        "    crypto_cipher: aes256\n"
        "    crypto_hash: sha256\n"
        f"{token}"
        "}\n"
        f"nodelist {{\n{nodes}}}\n"
        "quorum {\n"
        "    provider: corosync_votequorum\n"
        f"{two_node}"
        "}\n"
        "logging {\n"
        "    to_logfile: yes\n"
        "    logfile: /var/log/corosync/corosync.log\n"
        "    to_syslog: no\n"
        "    to_stderr: no\n"
        "    timestamp: on\n"
        "}\n"
    )


def sshd_config(layout: RigLayout, node: str) -> str:
    """Key-only root login with the rig's own host key; no PAM (no systemd/logind here)."""
    node_dir = layout.node_dir(node)
    return (
        f"ListenAddress {layout.node_address(node)}\n"
        "Port 22\n"
        f"HostKey {node_dir / 'ssh_host_ed25519_key'}\n"
        "PidFile /run/sshd.pid\n"
        "PermitRootLogin prohibit-password\n"
        "PubkeyAuthentication yes\n"
        "AuthorizedKeysFile /root/.ssh/authorized_keys\n"  # the node's own /root: see RigLayout.authorized_keys
        "PasswordAuthentication no\n"
        "KbdInteractiveAuthentication no\n"
        "UsePAM no\n"
        "PrintMotd no\n"
        "UseDNS no\n"
        "MaxSessions 50\n"
        "MaxStartups 50:30:100\n"
        "ClientAliveInterval 15\n"
        "Subsystem sftp /usr/lib/openssh/sftp-server\n"
    )


def ssh_client_config(layout: RigLayout) -> str:
    """For `ssh -F` (and `halab rig ssh`): strict host keys, the rig's key only."""
    return "".join(
        f"Host {name}\n"
        f"    HostName {layout.node_address(name)}\n"
        "    User root\n"
        f"    IdentityFile {layout.client_key}\n"
        "    IdentitiesOnly yes\n"
        f"    UserKnownHostsFile {layout.known_hosts}\n"
        "    StrictHostKeyChecking yes\n"
        "    BatchMode yes\n"
        "    ConnectTimeout 5\n"
        for name in layout.node_names
    )


def hosts_file(layout: RigLayout) -> str:
    lines = ["127.0.0.1 localhost", f"{layout.workstation_address} rig-ws"]
    lines += [f"{layout.node_address(name)} {name}" for name in layout.node_names]
    return "\n".join(lines) + "\n"


def seed_cib(layout: RigLayout, fencing: bool = True, dc_deadtime: str = "2s") -> str:
    """The first CIB each node boots with.

    `dc-deadtime` is pre-seeded small: with Pacemaker's default (20 s) every
    start waits 20 s for a DC that never answers. The fence device is
    configured up front so that the cluster is safe from its first second.
    """
    props = [("dc-deadtime", dc_deadtime), ("stonith-enabled", "true" if fencing else "false")]
    nvpairs = "".join(
        f'        <nvpair id="cib-bootstrap-options-{name}" name="{name}" value="{value}"/>\n'
        for name, value in props
    )
    nodes = "".join(
        f'      <node id="{index}" uname="{name}"/>\n' for index, name in enumerate(layout.node_names, start=1)
    )
    device = ""
    if fencing:
        attrs = {
            "pcmk_host_list": " ".join(layout.node_names),
            "pcmk_reboot_timeout": "40",
            "rig_dir": str(layout.directory),
        }
        pairs = "".join(
            f'          <nvpair id="{FENCE_DEVICE_ID}-instance_attributes-{key}" name="{key}" value="{value}"/>\n'
            for key, value in attrs.items()
        )
        device = (
            f'      <primitive id="{FENCE_DEVICE_ID}" class="stonith" type="fence_rig">\n'
            f'        <instance_attributes id="{FENCE_DEVICE_ID}-instance_attributes">\n{pairs}'
            "        </instance_attributes>\n"
            "        <operations>\n"
            f'          <op name="monitor" interval="60s" id="{FENCE_DEVICE_ID}-monitor-interval-60s"/>\n'
            "        </operations>\n"
            "      </primitive>\n"
        )
    return (
        '<cib crm_feature_set="3.16.1" validate-with="pacemaker-3.9" epoch="1" num_updates="0" admin_epoch="0">\n'
        "  <configuration>\n"
        "    <crm_config>\n"
        '      <cluster_property_set id="cib-bootstrap-options">\n'
        f"{nvpairs}"
        "      </cluster_property_set>\n"
        "    </crm_config>\n"
        f"    <nodes>\n{nodes}    </nodes>\n"
        f"    <resources>\n{device}    </resources>\n"
        "    <constraints/>\n"
        "  </configuration>\n"
        "  <status/>\n"
        "</cib>\n"
    )


def inventory_toml(layout: RigLayout, shared_disk: str) -> str:
    """The file `Lab.ssh(inventory=PATH)` reads: hosts, user, key, known_hosts, and the course's [lab] values.

    Strings are written with JSON escaping, which TOML basic strings share.
    """
    hosts = "".join(f"{name} = {json.dumps(layout.node_address(name))}\n" for name in layout.node_names)
    return (
        "# A halab inventory, written by `halab rig up`.\n"
        "# Lab.ssh(inventory=THIS_FILE) connects to these nodes.\n"
        'user = "root"\n'
        f"key = {json.dumps(str(layout.client_key))}\n"
        f"known_hosts = {json.dumps(str(layout.known_hosts))}\n"
        "\n[hosts]\n"
        f"{hosts}"
        "\n[lab]  # what the course notebooks use on these nodes\n"
        f"service_address = {json.dumps(layout.service_address)}\n"
        f"shared_disk = {json.dumps(shared_disk)}\n"
    )


def rig_stack_script(layout: RigLayout) -> str:
    """`rig-stack start|stop|status|poweroff|power-on NODE` inside a node.

    The rig has no systemd; this is its `systemctl start/stop corosync pacemaker`
    (PID 1 does the work, asked by signal; waits are bounded), its power button
    (`poweroff`: PID 1 kills every process of the node) and, run on another
    node, the power switch that boots a node again (`power-on NODE`, through
    the fence agent's `on`).
    """
    rig_dir = shlex.quote(str(layout.directory))
    return f"""#!/bin/sh
# rig-stack: the halab rig's stand-in for systemd and the power switch.
RIG={rig_dir}
""" + """running() { pidof corosync >/dev/null 2>&1 && pidof pacemakerd >/dev/null 2>&1; }
case "$1" in
  poweroff)
    node=$(uname -n)
    box="$RIG/nodes/$node/pills"
    printf 'off\\n' > "$box/noack-$$.tmp" && mv "$box/noack-$$.tmp" "$box/noack-$$.req"
    sleep 10; echo "rig-stack: PID 1 did not power the node off" >&2; exit 1 ;;
  power-on)
    [ -n "$2" ] || { echo "usage: rig-stack power-on NODE" >&2; exit 2; }
    exec fence_rig --action=on --plug="$2" --rig-dir="$RIG" ;;
  start)
    running && { echo "rig-stack: already running"; exit 0; }
    kill -USR1 1
    i=0
    while [ $i -lt 150 ]; do
      if pidof pacemaker-controld >/dev/null 2>&1 && corosync-cfgtool -s >/dev/null 2>&1; then exit 0; fi
      sleep 0.2; i=$((i+1))
    done
    echo "rig-stack: stack did not come up within 30 s" >&2; exit 1 ;;
  stop)
    pidof corosync >/dev/null 2>&1 || pidof pacemakerd >/dev/null 2>&1 || { echo "rig-stack: not running"; exit 0; }
    kill -USR2 1
    i=0
    while [ $i -lt 300 ]; do
      if ! pidof corosync >/dev/null 2>&1 && ! pidof pacemakerd >/dev/null 2>&1; then exit 0; fi
      sleep 0.2; i=$((i+1))
    done
    echo "rig-stack: stack did not stop within 60 s" >&2; exit 1 ;;
  status)
    if running; then echo running; exit 0; else echo stopped; exit 3; fi ;;
  *) echo "usage: rig-stack start|stop|status" >&2; exit 2 ;;
esac
"""
