"""01 why HA: single points of failure, availability arithmetic, what a cluster can and cannot fix."""

from cells import Notebook, Topic, Trick, check_button_cell, code, exercise, graded, md, right, see, solution, written, wrong
from common import backend_cells

CELLS = [
    md("""
    # 01 · Why high availability?

    **Learning objectives.** After this notebook you can
    - spot the **single points of failure** (SPOF) of a service;
    - turn "three nines" into minutes of downtime, and compute the availability of components
      **in series** and **in parallel**;
    - say what a cluster can fix (a dead machine, a dead process) and what it cannot (a bad
      configuration copied everywhere, corrupted data, a shared dependency that fails).
    """),
    *backend_cells("availability"),
    md("""
    ## Availability in numbers

    *Availability* is the share of time a service works: 99.9 % ("three nines") still allows
    almost nine hours of downtime a year. Each extra nine divides the allowance by ten, and costs
    far more than the previous one.
    """),
    code("""
    import pandas as pd

    MINUTES_PER_YEAR = 365 * 24 * 60
    nines = pd.DataFrame({"availability": [0.99, 0.999, 0.9999, 0.99999]})
    nines["downtime per year (hours)"] = ((1 - nines.availability) * MINUTES_PER_YEAR / 60).round(2)
    nines["downtime per month (minutes)"] = ((1 - nines.availability) * MINUTES_PER_YEAR / 12).round(1)
    nines
    """),
    see("""
    each extra nine divides the downtime budget by ten; three nines still allow more than eight
    hours a year:
    """, "0.99900 8.76 43.8", "0.99999 0.09 0.4"),
    md("""
    ## Exercise 1 · the downtime budget (1 point)

    How many **minutes** of downtime per year (365 days) does an availability of 99.9 % allow?
    Store the number in `downtime_999_minutes`.
    """),
    *exercise("downtime", 1, check="availability.downtime_minutes", answer="downtime_999_minutes",
              source="""
    ### BEGIN SOLUTION
    downtime_999_minutes = (1 - 0.999) * MINUTES_PER_YEAR
    ### END SOLUTION
    """),
    md("""
    ## Series and parallel

    A service usually needs several components at once: a load balancer **and** a web server
    **and** a database. Components the service needs all of are **in series**: it is up only when
    every one of them is up. Components that back each other up are **in parallel**: the service
    is down only when all of them are down at once. (This assumes failures are independent: two
    servers in one rack on one power feed are not.)

    ## Exercise 2 · series and parallel (2 points)

    Write two functions taking any number of availabilities (numbers between 0 and 1):
    `series(*availabilities)` and `parallel(*availabilities)`. They are checked on cases you
    have not seen.
    """),
    solution("ex-series-parallel", """
    ### BEGIN SOLUTION
    def series(*availabilities):
        result = 1.0
        for availability in availabilities:
            result *= availability
        return result


    def parallel(*availabilities):
        all_down = 1.0
        for availability in availabilities:
            all_down *= 1 - availability
        return 1 - all_down
    ### END SOLUTION
    """),
    check_button_cell("availability.series_function", "series"),
    check_button_cell("availability.parallel_function", "parallel"),
    graded("test-series", 1, "availability.series_function", "series", hidden=(dict(seed=2026, cases=12),)),
    graded("test-parallel", 1, "availability.parallel_function", "parallel", hidden=(dict(seed=2026, cases=12),)),
    md("""
    ## A small web stack

    A load balancer `lb` sends requests to two web servers `web1` and `web2` (either one is enough),
    which read a single database `db`. `WEB_STACK` lists its tiers; `service_up(tiers, failed)`
    tells whether the service still works when the components in `failed` are down.
    """),
    code("""
    from halab_graders.availability import WEB_STACK, WEB_STACK_AVAILABILITY, service_up

    print(WEB_STACK)
    print(WEB_STACK_AVAILABILITY)
    print("both web servers down:", service_up(WEB_STACK, {"web1", "web2"}))
    """),
    md("""
    ## Exercise 3 · the stack's availability, and its weak spots (2 points)

    1. Compute the availability of the whole stack into `stack_availability` (use your functions).
    2. Store in `spofs` the set of components whose failure **alone** stops the service.
    """),
    solution("ex-stack", """
    ### BEGIN SOLUTION
    a = WEB_STACK_AVAILABILITY
    stack_availability = series(a["lb"], parallel(a["web1"], a["web2"]), a["db"])
    spofs = {part for parts in WEB_STACK.values() for part in parts if not service_up(WEB_STACK, {part})}
    ### END SOLUTION
    """),
    check_button_cell("availability.stack_availability", "stack_availability"),
    check_button_cell("availability.single_points_of_failure", "spofs"),
    graded("test-stack", 1, "availability.stack_availability", "stack_availability"),
    graded("test-spofs", 1, "availability.single_points_of_failure", "spofs"),
    md("""
    ## What a cluster can fix

    A cluster removes single points of failure among **machines and processes**: when a node dies,
    the others notice (02), agree on who is left and whether they may go on (03), and restart the
    service elsewhere (05-07, with the Pacemaker layer). Watch the first half of that on your lab:
    one node crashes, the other two carry on as a quorate cluster.
    """),
    code("""
    lab.advance("10s")
    lab.crash(third)
    lab.advance("20s")
    state = lab.state()
    {name: ("quorate" if state.quorate(name) else "no quorum / down") for name in state.node_names}
    """),
    see("""
    the two survivors keep quorum (2 of 3 votes) and carry on; the crashed node has none:
    """, "'node1': 'quorate', 'node2': 'quorate', 'node3': 'no quorum / down'"),
    md("""
    ## Exercise 4 · what a cluster cannot fix (2 points, graded by your instructor)

    Give two failures that an HA cluster does **not** protect a service from, and say why for each.
    """),
    written("written-cannot-fix", 2, """
    1. A bad configuration or software bug: the cluster starts the same broken service on the next node,
       so it fails there too (and may fail over and over).
    2. Corrupted or deleted data on shared storage: every node sees the same corrupted data; only backups help.
    (Also: a shared dependency outside the cluster, such as one network switch, one power feed or DNS.)
    """),
]

NOTEBOOK = Notebook(
    assignment="01-why-ha",
    filename="why-ha.ipynb",
    cells=CELLS,
    wrong_answers={
        # parallel written as if redundant parts were all needed (the commonest slip)
        "ex-series-parallel": """
        def series(*availabilities):
            result = 1.0
            for availability in availabilities:
                result *= availability
            return result


        def parallel(*availabilities):
            return series(*availabilities)
        """,
    },
    cases=(
        right("availability.downtime_minutes", 525.6),
        wrong("availability.downtime_minutes", 8.76, "looks like hours"),
        wrong("availability.downtime_minutes", 43.8, "43.8 minutes"),
        right("availability.series_function", "import math\ndef series(*a):\n    return math.prod(a)\n", "series"),
        wrong("availability.series_function", "def series(*a):\n    return min(a)\n", "series(", "series"),
        right("availability.parallel_function", "def parallel(*a):\n    down = 1\n    for x in a:\n        down *= 1 - x\n"
              "    return 1 - down\n", "parallel"),
        wrong("availability.parallel_function", "def parallel(*a):\n    return max(a)\n", "parallel(", "parallel"),
        right("availability.stack_availability", 0.999 * (1 - 0.01 * 0.01) * 0.995),
        wrong("availability.stack_availability", 0.999 * 0.99 * 0.99 * 0.995, ""),
        right("availability.single_points_of_failure", {"lb", "db"}),
        right("availability.single_points_of_failure", ["db", "lb"]),
        wrong("availability.single_points_of_failure", {"lb"}, ""),
        wrong("availability.single_points_of_failure", {"lb", "db", "web1"}, ""),
    ),
    tricks=(
        # the function swallows whatever the grader raises to stop it, and loops for ever; the test is killed in
        # bounded time and every other cell is still graded (the student's own stack cell, which calls series,
        # runs into nbgrader's cell timeout)
        Trick("ex-series-parallel", """
        def series(*availabilities):
            while True:
                try:
                    pass
                except BaseException:
                    pass


        def parallel(*availabilities):
            all_down = 1.0
            for availability in availabilities:
                all_down *= 1 - availability
            return 1 - all_down
        """, ("test-series", "test-stack", "test-spofs")),  # the stack cell calls this series too: its own cell times out
    ),
    topics=(
        Topic('why HA matters: availability arithmetic', 'Availability in numbers, Series and parallel', ('test-downtime', 'test-series', 'test-parallel')),
        Topic('why HA matters: single points of failure', 'A small web stack', ('test-stack', 'test-spofs')),
        Topic('what a cluster can and cannot fix; multi-layer thinking', 'What a cluster can fix', ('written-cannot-fix',)),
    ),
)
