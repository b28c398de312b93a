#!/usr/bin/python3
"""Times workalendar's China().add_working_days(d, 3), the baseline for
kefu's BM_CalendarAdd/3wd.

Run with Debian's interpreter and package (python3-workalendar):
    /usr/bin/python3 bench/time/workalendar_benchmark.py
Prints one line of JSON: {"name":"workalendar_add_working_days_3",
"ns_per_op":...}, the best of several timeit repeats (the least disturbed).

The calendar is built once and warmed over every year used, as kefu's is
built once: the figure is the steady-state cost of one call, not of loading
holiday data. workalendar's China supports 2018-2023, so the start dates are
kept in 2019-01-01 .. 2023-12-15 (3 working days never leave 2023).
"""
import datetime
import json
import random
import sys
import timeit
import warnings

from workalendar.asia import China

# China warns on every holiday computation that its data needs yearly updates.
warnings.simplefilter("ignore")

STARTS = 4096
NUMBER = 20000  # calls per timeit repeat
REPEATS = 7


def main():
    calendar = China()
    first = datetime.date(2019, 1, 1)
    span = (datetime.date(2023, 12, 15) - first).days
    rng = random.Random(20190101)
    dates = [first + datetime.timedelta(days=rng.randrange(span + 1))
             for _ in range(STARTS)]
    for d in dates:  # warm the per-year holiday caches
        calendar.add_working_days(d, 3)

    cycle = dates * (NUMBER // STARTS + 1)
    it = iter(())

    def one_call():
        return calendar.add_working_days(next(it), 3)

    best = float("inf")
    for _ in range(REPEATS):
        it = iter(cycle)
        best = min(best, timeit.timeit(one_call, number=NUMBER))
    # The harness (one_call, next) is included: ~0.05 us of ~30 us.
    ns_per_op = best / NUMBER * 1e9
    json.dump({"name": "workalendar_add_working_days_3",
               "ns_per_op": round(ns_per_op, 1)}, sys.stdout,
              separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
