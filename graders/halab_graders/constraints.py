"""Checks for 06 constraints: placement rules judged by where the cluster puts things, and in which order.

The check builds the exercise's resources on a fresh cluster and runs the
student's constraint commands in the same breath (before the DC computes
its next transition), so the very first placement already obeys them. It
then reads `ClusterState.resources` and the action events: where each
resource runs, which start waited for which, what happens when the
preferred node crashes and comes back. The module also holds the small
helpers every Pacemaker check (06-10) shares: `pacemaker_lab`, `starts`,
`wait_service`, `placement`.
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from lxml import etree

from halab_kernel import Lab
from halab_kernel.model import ActionFinished, ActionStarted, ClusterState

from halab_graders.cib import query
from halab_graders.check import EVERY_SEED, Mismatch, Scope, exercise, require_number
from halab_graders.labs import drew_nothing, event_lines
from halab_graders.service import SERVICE_KINDS, active_nodes, apply_commands, service_up

DC_ELECTED_WITHIN = 60.0  # virtual seconds: a fresh cluster waits dc-deadtime (20 s) before its first election
NO_FENCING = "pcs property set stonith-enabled=false"
VIP = "pcs resource create vip ocf:heartbeat:IPaddr2 ip=192.168.122.200 cidr_netmask=24 op monitor interval=10s"
WEB = ("pcs resource create web ocf:heartbeat:apache configfile=/etc/apache2/apache2.conf "
       "statusurl=http://localhost/server-status op monitor interval=20s")
SETTLE = 10.0  # virtual seconds to let a transition finish before the next fault
ACTION_KINDS = ("fault_injected", "membership_changed", "action_started", "action_finished", "node_fenced")


def pacemaker_lab(nodes: int = 3, seed: int = 0, *, fencing: bool = False,
                  corosync: str | Mapping[str, Any] | None = None, setup: Sequence[str] = ()) -> Lab:
    """A fresh simulated cluster with its DC elected, every node online, and `setup` commands run.

    Without `fencing`, stonith-enabled=false comes first, as in the
    notebooks before 08: Pacemaker starts nothing while fencing is enabled
    and no fence device exists. No virtual time passes after `setup`, so
    commands run next are seen by the same transition.
    """
    lab = Lab.simulated(nodes=nodes, seed=seed, corosync=corosync)
    if not lab.wait_until(lambda state: state.dc is not None and all(node.status == "online" for node in state.nodes),
                          DC_ELECTED_WITHIN):
        raise Mismatch("the exercise's fresh cluster did not elect a DC within 60 s (a bug in the course, not "
                       "your answer)")
    for command in ([] if fencing else [NO_FENCING]) + list(setup):
        result = lab.run(lab.node_names[0], command)
        if not result.ok:
            raise Mismatch(f"preparing the exercise's cluster failed at `{command}`: {result.output.strip()}")
    return lab


def story_step(lab: Lab, command: str, story: str) -> None:
    """Run one command of a check's story (a colleague's maintenance); an answer that makes it fail cannot skip the
    story: the check fails, saying which step the answer's configuration refused."""
    result = lab.run(lab.node_names[0], command)
    if not result.ok:
        raise Mismatch(f"{story}: `{command}` failed on your cluster ({result.output.strip()[:200]}), so the story "
                       "the exercise plays could not happen there", hint="keep vip and web the plain resources the "
                       "exercise creates; change only what it asks")


def _outermost(lab: Lab, resource: str) -> str:
    """The id a location constraint for `resource` names: its clone's when it is cloned (pcs refuses the
    primitive's), else its own."""
    found = query(lab, "resources")
    if found is None:
        return resource
    parents = found.xpath(
        "//primitive[@id=$id]/ancestor::*[self::clone or self::master]/@id", id=resource)
    return str(parents[-1]) if parents else resource


def placement(lab: Lab, resources: Sequence[str]) -> str:
    """'vip on node2; web on no node': where each resource is active now."""
    state = lab.state()
    return "; ".join(f"{name} on {', '.join(active_nodes(state, name)) or 'no node'}" for name in resources)


def wait_service(lab: Lab, resources: Sequence[str], within: float, avoid: str | None = None) -> str | None:
    """The node the whole service runs on once it is up together, not on `avoid` (None if not within `within` s)."""
    def up(state: ClusterState) -> bool:
        return service_up(state, resources) and active_nodes(state, resources[0])[0] != avoid

    if not lab.wait_until(up, within):
        return None
    return active_nodes(lab.state(), resources[0])[0]


def starts(lab: Lab, resource: str, since: float) -> list[tuple[float, float | None, str]]:
    """(began, finished or None, node) of every start of `resource` since `since`."""
    found: list[tuple[float, float | None, str]] = []
    for event in lab.events:
        is_start = getattr(event, "resource", None) == resource and getattr(event, "action", "") == "start"
        if event.time < since or not is_start:
            continue
        if isinstance(event, ActionStarted) and event.interval_ms == 0:
            found.append((event.time, None, event.node or ""))
        elif isinstance(event, ActionFinished) and event.rc == 0:
            for index in range(len(found) - 1, -1, -1):
                if found[index][2] == event.node and found[index][1] is None:
                    found[index] = (found[index][0], event.time, found[index][2])
                    break
    return found


def require_started_after(lab: Lab, first: str, then: str, since: float, story: str) -> None:
    """Every start of `then` since `since` began after a start of `first` had finished on that node."""
    done = [(finished, node) for _, finished, node in starts(lab, first, since) if finished is not None]
    for began, _, node in starts(lab, then, since):
        if not any(finished <= began and where == node for finished, where in done):
            raise Mismatch(f"{story}: {then} began starting on {node} at t={began:.2f} s before {first} had "
                           f"started there", events=event_lines(lab.events, kinds=ACTION_KINDS, since=since, limit=12),
                           hint="colocation says where, not when: the order of starts needs its own constraint")


def _start_edges(root: etree._Element) -> set[tuple[str, str]]:
    """(first, then) for every start a constraint or group orders after another (groups named by their members)."""
    members = {group.get("id", ""): [child.get("id", "") for child in group if child.tag == "primitive"]
               for group in root.iter("group")}
    edges: set[tuple[str, str]] = set()
    for names in members.values():
        edges |= set(zip(names, names[1:]))

    def add(firsts: list[str], thens: list[str]) -> None:
        edges.update((first, then) for a in firsts for first in members.get(a, [a])
                     for b in thens for then in members.get(b, [b]))

    for order in root.iter("rsc_order"):
        if order.get("kind", "Mandatory").lower() == "serialize":  # keeps two starts apart, in either order
            continue
        if order.get("first") and order.get("first-action", "start") == order.get("then-action", "start") == "start":
            add([order.get("first", "")], [order.get("then", "")])
        started = [each for each in order.iter("resource_set") if each.get("action", "start") == "start"]
        sets = [[ref.get("id", "") for ref in each.iter("resource_ref")] for each in started]
        for names, element in zip(sets, started):
            if element.get("sequential", "true") in ("true", "yes", "1"):
                for first, then in zip(names, names[1:]):
                    add([first], [then])
        for before, after in zip(sets, sets[1:]):
            add(before, after)
    return edges


def require_ordered(lab: Lab, first: str, then: str) -> None:
    """Some order constraint or group, directly or through others, starts `then` only after `first`."""
    root = query(lab, "configuration")
    if root is None:
        raise Mismatch("cibadmin -Q found no cluster configuration to read the order constraints from")
    edges = _start_edges(root)
    reached, frontier = {first}, [first]
    while frontier:
        current = frontier.pop()
        for before, after in edges:
            if before == current and after not in reached:
                reached.add(after)
                frontier.append(after)
    if then not in reached:
        serialized = any(order.get("kind", "").lower() == "serialize" for order in root.iter("rsc_order"))
        raise Mismatch(f"no order constraint or group starts {then} after {first}: that {then} started after it "
                       "here was the timing of this run, not a rule the cluster keeps"
                       + (" (an order of kind=Serialize only keeps two actions from running at the same time, in "
                          "either order)" if serialized else ""),
                       hint="pcs constraint order FIRST then THEN, or a group listing them in order")


def crashed_holder_recovers(lab: Lab, resources: Sequence[str], holder: str, within: float) -> tuple[float, str]:
    """Crash `holder` once its starts are done; the service must run together elsewhere within `within` s.

    Returns (crash time, the node the service moved to).
    """
    lab.advance(SETTLE)
    crashed_at = lab.now
    lab.crash(holder)
    moved = wait_service(lab, resources, within, avoid=holder)
    if moved is None:
        raise Mismatch(f"{holder} crashed at t={crashed_at:.1f} s and {within:g} s later the service is not running "
                       f"together on another node ({placement(lab, resources)})",
                       events=event_lines(lab.events, kinds=SERVICE_KINDS, since=crashed_at))
    return crashed_at, moved


PAIR = ("vip", "web")


@exercise("06.together-in-order", expected="constraints under which web always runs on the node holding vip, "
          "starts only once vip has started there, and the pair runs on node2 while node2 is up (node2 preferred "
          "with a score of 100); after node2 crashes, the pair runs together elsewhere within 30 s; vip keeps running "
          "when web is stopped, and no other constraint ever makes web run away from vip",
          hint="three rules: a location preference, a colocation (web with vip) and an order (vip then web); "
               "a group gives the last two at once")
def together_in_order(commands: Any, seed: int = 0) -> None:
    lab = pacemaker_lab(seed=seed, setup=(VIP, WEB))
    since = lab.now
    apply_commands(lab, commands)
    holder = wait_service(lab, PAIR, 30)
    if holder is None:
        raise Mismatch(f"30 s after your commands vip and web do not run together on one node "
                       f"({placement(lab, PAIR)})", events=event_lines(lab.events, kinds=ACTION_KINDS, since=since))
    if holder != "node2":
        raise Mismatch(f"with every node up the pair runs on {holder}, not on the preferred node",
                       hint="pcs constraint location RESOURCE prefers NODE=SCORE")
    require_started_after(lab, "vip", "web", since, "at the first start")
    require_ordered(lab, "vip", "web")
    crashed_at, _ = crashed_holder_recovers(lab, PAIR, "node2", 30)
    require_started_after(lab, "vip", "web", crashed_at, "after node2 crashed")
    _web_follows_vip(commands, seed)


def _web_follows_vip(commands: Any, seed: int) -> None:
    """Two stories that tell "web with vip" from its reverse (here) and from a score short of INFINITY (never_apart)."""
    lab = pacemaker_lab(seed=seed, setup=(VIP, WEB))
    apply_commands(lab, commands)
    wait_service(lab, PAIR, 30)
    require_vip_outlives_web(lab)
    never_apart(commands, seed, setup=(VIP, WEB))


def require_vip_outlives_web(lab: Lab, story: str = "") -> None:
    """web stopped for maintenance: vip must keep running (web follows vip, vip does not follow web)."""
    since = lab.now
    story_step(lab, "pcs resource disable web", f"{story}web stopped for maintenance")
    lab.advance(SETTLE)
    if len(active_nodes(lab.state(), "vip")) != 1:
        raise Mismatch(f"{story}web was stopped for maintenance (pcs resource disable web) and vip stopped with it: "
                       "in your constraints vip follows web, not web follows vip", events=event_lines(
                           lab.events, kinds=ACTION_KINDS, since=since),
                       hint="pcs constraint colocation add A with B places A where B is; B does not depend on A")


def never_apart(commands: Any, seed: int, setup: Sequence[str] = ()) -> None:
    """A colleague pins vip to node2 and bans web from node2: with web colocated with vip at INFINITY, web stops
    rather than run on another node; with a finite score it runs away from its address."""
    lab = pacemaker_lab(seed=seed, setup=setup)
    apply_commands(lab, commands)
    wait_service(lab, PAIR, 30)
    require_never_apart(lab, "node2")


def require_never_apart(lab: Lab, node: str, story: str = "") -> None:
    """A colleague pins vip to `node` and bans web from it: web must stop rather than run away from vip."""
    since = lab.now
    story_step(lab, f"pcs constraint location {_outermost(lab, 'vip')} prefers {node}=INFINITY",
               f"{story}a colleague pinning vip")
    story_step(lab, f"pcs constraint location {_outermost(lab, 'web')} avoids {node}", f"{story}a colleague banning web")
    lab.advance(SETTLE)
    vip_on, web_on = active_nodes(lab.state(), "vip"), active_nodes(lab.state(), "web")
    if vip_on and web_on and vip_on != web_on:
        raise Mismatch(f"{story}a colleague pinned vip to {node} (prefers {node}=INFINITY) and banned web from {node} "
                       f"(avoids {node}): web then ran away from vip ({placement(lab, PAIR)}); 'always' needs a score "
                       "no other constraint can outweigh", events=event_lines(lab.events, kinds=ACTION_KINDS,
                                                                            since=since),
                       hint="a finite colocation score is a preference that other scores can beat")


GROUP = ("pcs resource group add webgroup vip web", "pcs constraint location webgroup prefers node2=100")


def _stopped_since(lab: Lab, resources: Sequence[str], since: float) -> list[str]:
    return [f"{event.time:9.3f} s  {event.node:<8} {event.message}" for event in lab.events
            if isinstance(event, ActionFinished) and event.time >= since and event.action == "stop"
            and event.resource in resources]


@exercise("06.stays-put", expected="commands that keep webgroup where it is after a failover: node2 is still "
          "preferred (score 100) when the cluster starts, but once node2 has been stopped for maintenance and "
          "started again, the service stays on the node it moved to instead of moving back (a second interruption)",
          hint="resource-stickiness is a score for staying put; a group adds up the stickiness of its members; "
               "compare the totals with lab.explain('webgroup') or crm_simulate -sL")
def stays_put(commands: Any, seed: int = 0) -> Scope | None:
    lab = pacemaker_lab(seed=seed, setup=(VIP, WEB, *GROUP))
    since = lab.now
    apply_commands(lab, commands)
    holder = wait_service(lab, PAIR, 30)
    if holder != "node2":
        raise Mismatch(f"with every node up, webgroup should start on its preferred node ({placement(lab, PAIR)})",
                       events=event_lines(lab.events, kinds=SERVICE_KINDS, since=since),
                       hint="keep the location preference: the exercise only asks the service not to move back")
    lab.advance(SETTLE)
    left_at = lab.now
    lab.stop("node2")  # pcs cluster stop node2: maintenance
    moved = wait_service(lab, PAIR, 30, avoid="node2")
    if moved is None:
        raise Mismatch(f"node2 was stopped for maintenance at t={left_at:.1f} s and 30 s later the service does not "
                       f"run together elsewhere ({placement(lab, PAIR)})",
                       events=event_lines(lab.events, kinds=SERVICE_KINDS, since=left_at))
    lab.advance(SETTLE)
    back_at = lab.now
    lab.start("node2")
    lab.advance(60)
    stops = _stopped_since(lab, PAIR, back_at)
    if stops or not service_up(lab.state(), PAIR):
        raise Mismatch(f"node2 was started again at t={back_at:.1f} s and the service moved from {moved} back to it "
                       f"(now: {placement(lab, PAIR)}): a second interruption", events=stops[:8] or event_lines(
                           lab.events, kinds=SERVICE_KINDS, since=back_at))
    return EVERY_SEED if drew_nothing(lab, seed) else None


@exercise("06.read-scores", expected="the allocation score of vip on node2 that crm_simulate -sL reports in the "
          "cluster of the section 'Reading the scores' once resource-stickiness is 30 (vip preferring node2 with 50, "
          "web colocated with vip)", hint="change the stickiness on that cluster, advance a few seconds, run "
          "crm_simulate -sL (or print(lab.explain('vip'))) and read the line 'vip allocation score on node2'")
def read_scores(answer: Any, seed: int = 0, stickiness: int = 30) -> None:
    given = require_number(answer, "vip_score_on_node2")
    lab = scores_lab(seed=seed, stickiness=stickiness)
    output = lab.run(lab.node_names[0], "crm_simulate -sL").stdout
    line = next((line for line in output.splitlines() if "vip allocation score on node2:" in line), "")
    if not line:
        raise Mismatch("crm_simulate -sL did not list vip's scores (a bug in the course, not your answer)")
    truth = line.rsplit(":", 1)[1].strip()
    if f"{given:g}" != truth:
        raise Mismatch(f"{given:g} is not the score crm_simulate shows for vip on node2",
                       hint="the score adds up the location preference, vip's own stickiness where it runs, and "
                            "what web (colocated with vip) brings along")


SCORES_SETUP = (VIP, WEB, "pcs constraint location vip prefers node2=50",
                "pcs constraint colocation add web with vip INFINITY", "pcs constraint order vip then web")


def scores_lab(seed: int = 0, stickiness: int = 100) -> Lab:
    """The cluster of 'Reading the scores', settled: the notebook's experiment and the check build the same one."""
    lab = pacemaker_lab(seed=seed, setup=(f"pcs resource defaults update resource-stickiness={stickiness}",
                                          *SCORES_SETUP))
    lab.wait_until(lambda state: service_up(state, PAIR), 30)
    lab.advance(5)
    return lab
