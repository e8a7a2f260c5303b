"""Checks for 02 Corosync: how long the ring takes to notice a node has gone.

Every verdict comes from running the simulator: the student's measurement,
prediction function or totem options are compared with what a fresh
cluster actually does when a node crashes.
"""

from __future__ import annotations

import random
from typing import Any, Mapping

from halab_graders.check import Mismatch, Tolerance, exercise, require_callable, require_number, require_returned_number
from halab_graders.labs import detection_seconds, event_lines, fresh_lab, lab_from_config

MEASURE = Tolerance(absolute=0.1)
PREDICT = Tolerance(absolute=0.06)


@exercise("02.detection-time", expected="the seconds between crashing node3 of a 3-node lab (default totem "
          "settings) and node1 installing a membership without it, within 0.1 s",
          hint="note lab.now just before lab.crash('node3'), advance 20 s, then find the first "
               "'membership_changed' event whose `left` column holds node3: subtract the two times")
def detection_time(answer: Any, nodes: int = 3, seed: int = 0) -> None:
    value = require_number(answer, "detection_seconds")
    lab = fresh_lab(nodes=nodes, seed=seed)
    truth = detection_seconds(lab, lab.node_names[-1])
    if not MEASURE.close(value, truth):
        if value > 100:
            raise Mismatch(f"you answered {value:g}: is that in milliseconds? The exercise asks for seconds")
        token_only = lab.run(lab.node_names[0], "corosync-cmapctl -g runtime.config.totem.token").stdout
        if token_only and MEASURE.close(value * 1000, float(token_only.rsplit("=", 1)[1])):
            raise Mismatch(f"you answered {value:g} s, the token timeout alone",
                           hint="after the token is lost, the survivors still need to agree on a new membership "
                                "(the consensus timeout) before they install it")
        raise Mismatch(f"you answered {value:g} s")


def _random_configurations(seed: int, cases: int) -> list[tuple[int, dict[str, int]]]:
    rng = random.Random(seed)
    # every seed tries the defaults, a pair, and a consensus set by hand (a formula that ignores the consensus
    # argument must not pass on a seed whose random draws happen to leave it unset)
    chosen: list[tuple[int, dict[str, int]]] = [(3, {}), (2, {"token": 1000}), (4, {"token": 2000, "consensus": 5000})]
    for _ in range(cases):
        totem: dict[str, int] = {"token": rng.choice((1000, 1500, 2000, 3000, 5000))}
        if rng.random() < 0.5:
            totem["token_coefficient"] = rng.choice((0, 300, 650, 1000))
        if rng.random() < 0.3:
            totem["consensus"] = int(totem["token"] * rng.choice((1.5, 2, 3)))
        chosen.append((rng.randint(2, 7), totem))
    return chosen


@exercise("02.detection-formula", expected="detection_ms(nodes, token=3000, token_coefficient=650, consensus=None) "
          "returns, within 60 ms, how long survivors take to notice a crashed node, for any cluster size and totem "
          "settings", hint="compare your prediction with corosync-cmapctl's runtime.config.totem values on clusters of "
          "2, 3 and 5 nodes: which of them grow with the cluster, and which follow the others?")
def detection_formula(function: Any, seed: int = 0, cases: int = 4) -> None:
    predict = require_callable(function, "detection_ms")
    for nodes, totem in _random_configurations(seed, cases):
        lab = fresh_lab(nodes=nodes, seed=seed, corosync={"totem": totem})
        crashed_at = lab.now
        measured = detection_seconds(lab, lab.node_names[-1])
        predicted_ms = require_returned_number(predict(nodes, **totem), f"detection_ms({nodes}, {totem})")
        if not PREDICT.close(predicted_ms / 1000.0, measured):
            settings = ", ".join(f"{key}={value}" for key, value in totem.items()) or "default totem settings"
            raise Mismatch(f"for {nodes} nodes with {settings} your function predicts {predicted_ms:g} ms; "
                           f"the survivors installed their new membership {measured * 1000:.0f} ms after the crash",
                           events=event_lines(lab.events, kinds=("fault_injected", "token_lost", "membership_changed"),
                                              nodes=lab.node_names[:1] + lab.node_names[-1:],
                                              since=crashed_at))


def _runtime(lab: Any, key: str) -> float:
    """A runtime totem value (ms) as node1's corosync-cmapctl shows it."""
    line = lab.run("node1", f"corosync-cmapctl -g runtime.config.totem.{key}").stdout
    return float(line.rsplit("=", 1)[1])


@exercise("02.fast-detection", expected="totem options (a dict) with token of at least 1000 ms under which a 3-node "
          "cluster notices a crashed node within 3.0 s",
          hint="measure what your options give; if the token alone cannot get there, look at what else corosync "
               "adds to it for a 3-node cluster (corosync-cmapctl shows the runtime values)")
def fast_detection(totem: Any, limit_seconds: float = 3.0, seed: int = 0) -> None:
    if not isinstance(totem, Mapping):
        raise Mismatch(f"fast_totem should be a dict of totem options such as {{'token': 1000}}, not {type(totem).__name__}")
    token = require_number(totem.get("token", 3000), "fast_totem['token']")
    if token < 1000:
        raise Mismatch(f"token is {token:g} ms: shorter than 1000 ms makes a briefly paused or busy node look dead",
                       hint="keep token at 1000 ms or more and find another way")
    options = {key: value for key, value in dict(totem).items() if value is not None}  # None: "not set"
    lab = lab_from_config({"totem": options}, nodes=3, seed=seed, what="these totem options")
    if "consensus" in options:
        runtime_token, consensus = (_runtime(lab, key) for key in ("token", "consensus"))
        if consensus < 1.2 * runtime_token:
            raise Mismatch(f"consensus is {consensus:g} ms, shorter than 1.2 x the {runtime_token:g} ms token this "
                           "3-node cluster runs with: a new membership round would start before the old one could "
                           "agree", hint="corosync.conf(5): consensus must be at least 1.2 x token; leave it unset "
                                         "and corosync derives it")
    crashed_at = lab.now
    measured = detection_seconds(lab, "node3")
    if measured > limit_seconds:
        raise Mismatch(f"with these options the survivors needed {measured:.2f} s to notice node3 had gone",
                       events=event_lines(lab.events, kinds=("fault_injected", "token_lost", "membership_changed"),
                                          nodes=("node1", "node3"), since=crashed_at))
