"""A judge's time limit counts its own time: a machine too busy to run it promptly does not fail the answer.

The judge (`isolated.run_check`, started directly here) is starved on purpose: pinned to one CPU
beside eight busy loops on the same CPU, each in a session of its own (Linux shares a CPU
between sessions first: a low priority alone would not starve a judge in its own session), it
spends most of its wall time waiting in the run queue. A limit of one second of its own time still passes a check
that takes a few tenths of a second of computing, though the check takes seconds of wall time;
a limit on wall time would have stopped it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

STARVED = """
import json, os, sys, time
os.sched_setaffinity(0, {0})
from halab_graders.isolated import run_check
started = time.monotonic()
verdict = run_check("corosync.detection_time", 8.03, limit_seconds=1.0)
print(json.dumps({"passed": verdict["passed"], "observed": verdict["observed"], "wall": time.monotonic() - started}))
"""


@pytest.mark.skipif(not os.path.exists("/proc/self/schedstat") or not hasattr(os, "sched_setaffinity"),
                    reason="needs Linux's run-queue accounting and CPU affinity")
def test_a_starved_judge_is_not_stopped_by_the_time_it_waited_for_a_cpu():
    hogs = [subprocess.Popen([sys.executable, "-c", "import os\nos.sched_setaffinity(0, {0})\nwhile True: pass"],
                             start_new_session=True) for _ in range(8)]
    try:
        time.sleep(0.3)
        done = subprocess.run([sys.executable, "-c", STARVED], capture_output=True, text=True, timeout=120,
                              env={**os.environ, "HALAB_NO_SERVER": "1"})
    finally:
        for hog in hogs:
            hog.kill()
            hog.wait()
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["wall"] > 1.0, "the judge was not starved: the test proves nothing"
    assert result["passed"], result["observed"]
