"""Sweep the simulated tools for internal errors (rc 70 from the router's catch-all).

Random and odd argument lists (known options with odd values, quotes, pipes, unicode, empty
strings, repeated flags, XML fragments) for crm_mon, crm_resource, crm_attribute, crm_node,
crm_verify, cibadmin, crm_ticket, crm_standby, crm_failcount, crm_simulate, corosync-cfgtool,
corosync-cmapctl, corosync-quorumtool and stonith_admin, typed on any node of a service lab (a fresh one
every 250 commands) that random faults hit now and then (a crash, a partition, a stopped or killed
daemon, a failed resource, a fence, time passing). Prints each command that ends in an internal error.

    .venv/bin/python benchmarks/bench_internal_errors.py [COUNT] [SEED]
"""

from __future__ import annotations

import argparse
import random
import re
import shlex
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from halab_kernel import Lab  # noqa: E402
from halab_kernel.errors import LabError  # noqa: E402
from tests.sim.topology import service_lab  # noqa: E402

TOOLS = {
    "crm_mon": "-1 -r -f -A -n -X --output-as=xml --output-as=text -R -t -o -j --group-by-node -s -Q --include "
               "--exclude -i",
    "crm_resource": "-r -N -n -v -p -g -d -l -L -W -M -B -U -C -O -o -a -q --why --list --locate --move --ban "
                    "--clear --cleanup --refresh --set-parameter --get-parameter --delete-parameter --meta "
                    "--parameter-value --lifetime --force --utilization -t --constraints --stack --list-agents",
    "crm_attribute": "-n -v -G -D -N -t -l -q -d -s -i -p -U --name --value --query --delete --node --type "
                     "--lifetime --utilization",
    "crm_node": "-l -p -q -n -i -R --force -N -e",
    "crm_verify": "-L -V -VV -x -X -p -q",
    "cibadmin": "-Q -R -C -M -D -o -X -x -A --xpath --scope --force -l -s --no-children",
    "corosync-cfgtool": "-s -n -R -k -a -h -H -b -i -l",
    "corosync-cmapctl": "-g -s -d -b -m -p -t -T -h",
    "corosync-quorumtool": "-s -l -e -v -n -o -p -H -i -a -f -h -V -m",
    "crm_ticket": "-l -L -w -t -g -r -s -S -G -D -v -n -C -q -d --force --ticket --grant --revoke --standby "
                  "--activate --info --details --raw --set-attr --get-attr --delete-attr --cleanup",
    "crm_standby": "-v -G -D -N -l -q -d --node --get-value --attr-value --delete-attr --lifetime --quiet",
    "crm_failcount": "-G -D -r -N -n -I -q -d -v -l --resource-id --node --operation --interval --query "
                     "--delete",
    "crm_simulate": "-L -S -s -x -X -j -d -u -F -i -t -q -U -a -w -D --live-check --simulate --show-scores "
                    "--node-up --node-down --node-fail --op-inject --op-fail --ticket-grant --run",
    "stonith_admin": "-L -l -I -M -F -U -B -r -d -a -t -H -T -q -v --list --list-installed --history --fence "
                     "--reboot --query --verbose",
}
VALUES = ["dummy1", "vip", "grp", "node1", "node2", "node9", "nope", "", " ", "a'b", 'a"b', "a b", "|", "'|'", ";",
          "&&", "$(x)", "ü", "-1", "0", "1", "99999999999999999999", "INFINITY", "-INFINITY", "true", "false",
          "reboot", "off", "on", "resources", "constraints", "status", "bogus", "<primitive id='x'/>", "<cib/>",
          "<x:a xmlns:x='u' id='d'/>", "<", "//primitive", "[", "P1D", "PT5M", "forever", "reboot", "target-role",
          "is-managed", "ip", "nodes", "forever", "xml", "text", "html", "a=b", "--", "-", "---x", "%s", "\\", "\t"]


TEMPLATES = [  # well-formed commands whose values are odd: past the option parser, into the tools
    "crm_resource -r {v} --locate", "crm_resource --move -r {v} -N {v}", "crm_resource --ban -r {v} -N {v}",
    "crm_resource --clear -r {v}", "crm_resource -r {v} -p {v} -v {v}", "crm_resource -r {v} -g {v}",
    "crm_resource -r {v} -d {v}", "crm_resource -r {v} --meta -p {v} -v {v}", "crm_resource --cleanup -r {v}",
    "crm_resource --refresh -r {v} -N {v}", "crm_resource --why -r {v}", "crm_resource -r {v} --constraints",
    "crm_resource --move -r {v} -N {v} --lifetime {v}", "crm_resource -r {v} --utilization -p {v} -v {v}",
    "crm_attribute -n {v} -v {v}", "crm_attribute -n {v} -G", "crm_attribute -n {v} -D", "crm_attribute -N {v} -n {v} "
    "-v {v}", "crm_attribute -N {v} -n {v} -v {v} -l {v}", "crm_attribute -t {v} -n {v} -v {v}",
    "crm_attribute -N {v} -n {v} -v {v} --utilization", "crm_node -n", "crm_node -R {v} --force", "crm_node -N {v} -e",
    "crm_verify -L {v}", "crm_verify -x {v}", "crm_mon -1 {v}", "crm_mon --output-as={v}", "crm_mon -1 --include={v}",
    "crm_mon -1 --exclude={v}", "cibadmin -Q -o {v}", "cibadmin -C -o {v} -X {v}", "cibadmin -M -X {v}",
    "cibadmin -D -X {v}", "cibadmin -R -o {v} -X {v}", "cibadmin -Q --xpath {v}", "cibadmin -Q -A {v}",
    "corosync-cmapctl -g {v}", "corosync-cmapctl {v}", "corosync-cfgtool -n {v}", "corosync-cfgtool {v}",
    "corosync-quorumtool -e {v}", "corosync-quorumtool -v {v} -n {v}", "corosync-quorumtool -o {v} -l",
    "stonith_admin -F {v}", "stonith_admin -B {v}", "stonith_admin -H {v}", "stonith_admin -l {v}",
    "stonith_admin -Q {v}", "stonith_admin -U {v}", "stonith_admin -M -a {v}", "stonith_admin -I {v}",
    "crm_ticket -t {v} -g --force", "crm_ticket -t {v} -r --force", "crm_ticket -t {v} -s", "crm_ticket -t {v} -a",
    "crm_ticket -t {v} -G {v}", "crm_ticket -t {v} -S {v} -v {v}", "crm_ticket -t {v} -D {v}", "crm_ticket -l",
    "crm_ticket -t {v} -C --force", "crm_ticket -L", "crm_standby -N {v} -v {v}", "crm_standby -N {v} -G",
    "crm_standby -N {v} -D", "crm_standby -v {v} -l {v}", "crm_failcount -G -r {v} -N {v}",
    "crm_failcount -D -r {v} -N {v}", "crm_failcount -G -r {v} -n {v} -I {v}", "crm_failcount -r {v} -v {v}",
    "crm_simulate -L -s", "crm_simulate -L -S {v}", "crm_simulate -LS --node-fail {v}",
    "crm_simulate -L -S --op-fail {v}", "crm_resource -W -r {v}", "crm_resource -r {v} --why -N {v}",
    "crm_resource --list-operations -r {v}", "crm_resource -r {v} --set-parameter {v} --parameter-value {v}",
    "crm_node -p {v}", "crm_node -q {v}", "crm_mon -1 --resource={v}", "crm_mon -1 --node={v}",
    "crm_resource --restart -r {v}", "crm_resource --force-start -r {v}", "crm_resource --force-check -r {v}",
    "crm_resource --show-metadata {v}", "crm_resource --list-ocf-alternatives {v}", "crm_resource --validate -r {v}",
    "crm_resource --list-standards", "crm_resource --list-ocf-providers", "crm_resource --list-agents {v}",
    "crm_resource -r {v} --set-parameter target-role --meta --parameter-value {v}", "crm_resource --wait --timeout {v}",
    "crm_attribute --type nodes --node {v} --name {v} --update {v} --lifetime forever",
    "crm_attribute --node {v} --name {v} --query --default {v}", "crm_node --remove {v}", "crm_node -i -N {v}",
    "stonith_admin --list-targets {v}", "stonith_admin --validate --agent {v}", "stonith_admin --metadata -a {v}",
    "crm_mon -1 --output-as=xml --include={v}", "crm_mon -1 -{v}", "crm_mon --one-shot --fence-history={v}",
    "cibadmin -Q --node-path --xpath {v}", "cibadmin -M --xpath {v} -X {v}", "cibadmin -E --force",
    "crm_verify -L -VVV {v}", "crm_ticket -t {v} --info", "crm_ticket -t {v} --details",
]
FAULTS = ("crash", "restart", "stop", "start", "kill-corosync", "kill-pacemakerd", "partition", "heal", "fail",
          "fence", "advance")


def random_fault(lab: Lab, rng: random.Random) -> None:
    """One fault on a random node, then a little time: the commands meet a lab in many states."""
    node, kind = rng.choice(lab.node_names), rng.choice(FAULTS)
    try:
        if kind in ("crash", "restart", "stop", "start", "fence"):
            getattr(lab, kind)(node)
        elif kind.startswith("kill-"):
            lab.kill(node, kind.removeprefix("kill-"))
        elif kind == "partition":
            lab.partition([node], [n for n in lab.node_names if n != node])
        elif kind == "heal":
            lab.heal()
        elif kind == "fail":
            lab.fail_resource(rng.choice(("vip", "web")), op=rng.choice(("monitor", "start", "stop")))
    except LabError:  # a fault that does not apply now (a node already down ...)
        pass
    lab.advance(rng.choice((1, 5, 30, 120)))


def command_line(rng: random.Random) -> str:
    if rng.random() < 0.6:
        return re.sub(r"\{v\}", lambda _: shlex.quote(rng.choice(VALUES)), rng.choice(TEMPLATES))
    tool = rng.choice(sorted(TOOLS))
    flags = TOOLS[tool].split()
    words = [tool]
    for _ in range(rng.randint(0, 5)):
        words.append(rng.choice(flags) if rng.random() < 0.85 else rng.choice(VALUES))
        if rng.random() < 0.6:
            words.append(rng.choice(VALUES))
    return " ".join(shlex.quote(word) for word in words)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=2000)
    parser.add_argument("seed", nargs="?", type=int, default=0)
    args = parser.parse_args()
    count = args.count
    rng = random.Random(args.seed)
    internal: dict[str, list[tuple[str, str]]] = {}
    for number in range(count):
        if number % 250 == 0:  # a fresh cluster now and then: fences and deletions pile up
            lab = service_lab()
        elif number % 40 == 0:
            random_fault(lab, rng)
        command = command_line(rng)
        try:
            result = lab.run(rng.choice(("node1", "node1", "node2", "node3")), command)
        except LabError:  # the node is powered off: no shell to type in
            continue
        if result.rc == 70 and "internal error" in result.stderr:
            internal.setdefault(command.split()[0], []).append((command, result.stderr.strip()[-300:]))
    for tool, found in sorted(internal.items()):
        print(f"=== {tool}: {len(found)}")
        for command, stderr in found[:8]:
            print(f"  {command}\n    {stderr}")
    print(f"internal errors: {sum(len(found) for found in internal.values())} of {count} commands")


if __name__ == "__main__":
    main()
