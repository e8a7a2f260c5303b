#!/usr/bin/python3
"""fence_rig: the halab rig's fence agent (copied to /usr/sbin/fence_rig inside the nodes).

A "poison pill" agent: it asks the target node's PID 1, through a request file
in the node's mailbox (`nodes/NODE/pills/`), to kill every process of the node
(a power cut), and waits for the acknowledgement of that request. For `reboot`, PID 1 boots the node again after a delay.
It speaks the fence-agents protocol (key=value lines on stdin, or `-o ACTION`
on the command line) and uses only the standard library, because Pacemaker
runs it with the system Python, not the course's.
"""

import os
import sys
import time
import uuid

METADATA = """<?xml version="1.0" ?>
<resource-agent name="fence_rig" shortdesc="Poison-pill fence agent for the halab network-namespace rig">
<longdesc>Kills every process of the target rig node (its PID namespace) and, for reboot, boots it again. Test rig only.</longdesc>
<vendor-url>https://github.com/</vendor-url>
<parameters>
  <parameter name="action" unique="0" required="0">
    <getopt mixed="-o, --action=[action]"/>
    <content type="string" default="reboot"/>
    <shortdesc lang="en">Fencing action</shortdesc>
  </parameter>
  <parameter name="port" unique="0" required="0">
    <getopt mixed="-n, --plug=[name]"/>
    <content type="string"/>
    <shortdesc lang="en">Rig node name to fence</shortdesc>
  </parameter>
  <parameter name="rig_dir" unique="0" required="0">
    <getopt mixed="--rig-dir=[path]"/>
    <content type="string" default="/srv/halab-rig"/>
    <shortdesc lang="en">Rig directory</shortdesc>
  </parameter>
  <parameter name="pill_timeout" unique="0" required="0">
    <getopt mixed="--pill-timeout=[seconds]"/>
    <content type="second" default="20"/>
    <shortdesc lang="en">Seconds to wait for the target to acknowledge</shortdesc>
  </parameter>
</parameters>
<actions>
  <action name="on" automatic="0"/>
  <action name="off"/>
  <action name="reboot"/>
  <action name="status"/>
  <action name="list"/>
  <action name="monitor"/>
  <action name="metadata"/>
  <action name="validate-all"/>
</actions>
</resource-agent>
"""

OPTION_NAMES = {"-o": "action", "--action": "action", "-n": "port", "--plug": "port",
                "--rig-dir": "rig_dir", "--pill-timeout": "pill_timeout"}


def read_options(argv):
    options = {}
    args = list(argv)
    while args:
        flag = args.pop(0)
        name, _, value = flag.partition("=")
        if name in OPTION_NAMES:
            options[OPTION_NAMES[name]] = value if value else (args.pop(0) if args else "")
    if not argv:
        for line in sys.stdin:
            key, sep, value = line.strip().partition("=")
            if sep and not key.startswith("#"):
                options[key.strip()] = value.strip()
    if "option" in options and "action" not in options:
        options["action"] = options["option"]
    for alias in ("plug", "nodename"):
        if alias in options and "port" not in options:
            options["port"] = options[alias]
    return options


def log(rig_dir, text):
    """Best effort: controld runs `metadata` as hacluster, which cannot write here."""
    try:
        with open(os.path.join(rig_dir, "fence.log"), "a") as handle:
            handle.write(f"{time.strftime('%H:%M:%S')} {text}\n")
    except OSError:
        pass


def node_dir(options):
    return os.path.join(options["rig_dir"], "nodes", options.get("port", ""))


def power_state(options):
    try:
        with open(os.path.join(node_dir(options), "power")) as handle:
            return handle.read().strip()
    except OSError:
        return "unknown"


def send_pill(options, action):
    """Leave a request in the node's mailbox and wait for PID 1 to answer that very request."""
    box = os.path.join(node_dir(options), "pills")
    token = uuid.uuid4().hex
    temporary = os.path.join(box, token + ".tmp")
    with open(temporary, "w") as handle:
        handle.write(action + "\n")
    os.rename(temporary, os.path.join(box, token + ".req"))
    ack = os.path.join(box, token + ".ack")
    deadline = time.monotonic() + float(options.get("pill_timeout", "20"))
    while time.monotonic() < deadline:
        if os.path.exists(ack):
            os.unlink(ack)
            return 0
        time.sleep(0.1)
    try:
        os.unlink(os.path.join(box, token + ".req"))  # nobody took it: withdraw it
    except OSError:
        pass
    return 1


def main(argv):
    options = read_options(argv)
    options.setdefault("rig_dir", "/srv/halab-rig")
    action = options.get("action", "reboot")
    if action == "metadata":
        sys.stdout.write(METADATA)
        return 0
    if action in ("monitor", "validate-all"):
        return 0 if os.path.isdir(os.path.join(options["rig_dir"], "nodes")) else 1
    if action == "list":
        for name in sorted(os.listdir(os.path.join(options["rig_dir"], "nodes"))):
            print(f"{name},")
        return 0
    port = options.get("port", "")
    if not port or port != os.path.basename(port) or port in (".", "..") or not os.path.isdir(node_dir(options)):
        sys.stderr.write(f"fence_rig: unknown node {options.get('port', '')!r}\n")
        return 1
    if action == "status":
        state = power_state(options)
        print(f"Status: {state.upper()}")
        return {"on": 0, "off": 2}.get(state, 1)
    if action in ("off", "reboot", "on"):
        log(options["rig_dir"], f"{action} {options['port']}")
        rc = send_pill(options, action)
        log(options["rig_dir"], f"{action} {options['port']}: {'ok' if rc == 0 else 'no acknowledgement'}")
        return rc
    sys.stderr.write(f"fence_rig: unsupported action {action!r}\n")
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
