"""Held-back answers, tenth round (issue 15): notebook 12's timings read as an administrator who knows that a
bound has to hold whatever the moment.

What this round found misjudged, and the checks now get right: 12's office hours passed a cluster-recheck-interval
of 301 s, 330 s, 6 or 8 minutes, because that week's rechecks happened to fall within 5 minutes of 08:00 and 18:00
(the bound the text asks for holds only with a recheck of at most 5 minutes); 12's uplink rule passed a dampen of
25 to 40 s or a monitor every 20 to 40 s, because the cut came right before a monitor and the simulated ping
answered at once. The check now cuts the uplink just after a monitor began (the worst moment, as 05 and 07 fail a
resource just after a monitor), and the simulated ping waits for lost echoes as the real agent does (2 s of
echoes, then the monitor's timeout / attempts / 1.1: 6 s for a monitor without a timeout).
"""

from __future__ import annotations

from cells import right, wrong

_OFFICE = "pcs constraint location web rule score=100 date-spec hours=8-17 weekdays=1-5 and '#uname' eq node2"
_RULE = "\npcs constraint location web rule score-attribute=pingd defined pingd"


def _ping(dampen: str, interval: str, extra: str = "") -> str:
    return (f"pcs resource create ping ocf:pacemaker:ping host_list=10.200.0.1 multiplier=1000 dampen={dampen} "
            f"{extra}op monitor interval={interval} clone")


TENTH_ROUND = (
    # connectivity.office_hours: the recheck bounds how late a date-spec rule is acted on
    wrong("connectivity.office_hours", "pcs property set cluster-recheck-interval=301\n" + _OFFICE,
          "cluster-recheck-interval is 301 s"),
    wrong("connectivity.office_hours", "pcs property set cluster-recheck-interval=330s\n" + _OFFICE,
          "more than the 5 allowed"),
    wrong("connectivity.office_hours", "pcs property set cluster-recheck-interval=6min\n" + _OFFICE,
          "more than the 5 allowed"),
    wrong("connectivity.office_hours", "pcs property set cluster-recheck-interval=8min\n" + _OFFICE,
          "may move up to 8 minutes"),
    right("connectivity.office_hours", "pcs property set cluster-recheck-interval=4min\n" + _OFFICE),
    right("connectivity.office_hours", "pcs property set cluster-recheck-interval=300\n" + _OFFICE),
    right("connectivity.office_hours", "pcs property set cluster-recheck-interval=3m\n" + _OFFICE),
    # connectivity.uplink_rule: an interval, a lost ping and the dampening, from the worst moment
    right("connectivity.uplink_rule", _ping("5s", "10s") + _RULE),
    right("connectivity.uplink_rule", _ping("20s", "10s") + _RULE),  # 2 + 10 + 8 + 20 s, then the move
    right("connectivity.uplink_rule", _ping("5s", "20s") + _RULE),
    right("connectivity.uplink_rule", _ping("5s", "10s", "timeout=1 ") + _RULE),
    wrong("connectivity.uplink_rule", _ping("30s", "10s") + _RULE, "just after its ping monitor began"),
    wrong("connectivity.uplink_rule", _ping("40s", "10s") + _RULE, "45 s later web is on node1"),
    wrong("connectivity.uplink_rule", _ping("5s", "40s") + _RULE, "just after its ping monitor began"),
    wrong("connectivity.uplink_rule", _ping("20s", "20s") + _RULE, "just after its ping monitor began"),
    # a monitor timeout of 60 s makes each lost ping wait 18 s: 2 + 10 + 20 + 15 s is too late
    wrong("connectivity.uplink_rule", _ping("15s", "10s timeout=60s") + _RULE, "just after its ping monitor began"),
)
