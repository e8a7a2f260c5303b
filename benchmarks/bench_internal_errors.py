"""Sweep the simulated tools for internal errors (rc 70 from the router's catch-all).

Random and odd argument lists (known options with odd values, quotes, pipes, unicode, empty
strings, repeated flags, XML fragments) for crm_mon, crm_resource, crm_attribute, crm_node,
crm_verify, cibadmin, corosync-cfgtool, corosync-cmapctl, corosync-quorumtool and stonith_admin,
run on a settled service lab (a fresh one every 250 commands). Prints each command that ends in an internal error.

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
]


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
        command = command_line(rng)
        result = lab.run("node1", command)
        if result.rc == 70 and "internal error" in result.stderr:
            internal.setdefault(command.split()[0], []).append((command, result.stderr.strip()[-300:]))
    for tool, found in sorted(internal.items()):
        print(f"=== {tool}: {len(found)}")
        for command, stderr in found[:8]:
            print(f"  {command}\n    {stderr}")
    print(f"internal errors: {sum(len(found) for found in internal.values())} of {count} commands")


if __name__ == "__main__":
    main()
