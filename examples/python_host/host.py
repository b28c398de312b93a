"""A TMS-like host in Python, the twin of examples/c_host/main.c.

It loads the company's policy, feeds the engine the events of its order
system as they happen, moves the engine's clock and prints the
notifications a dispatcher would see; then it asks the engine about one
order, and finally computes a million due dates with one NumPy call, as an
analyst replaying a quarter of orders would.

    python examples/python_host/host.py examples/policies/reference.json

Needs the kefu package installed (docs/python.md); scripts/python-test
installs it into build/venv and runs this.
"""

import datetime as dt
import json
import sys
import time

import numpy as np

import kefu

CST = dt.timezone(dt.timedelta(hours=8))
DAY_START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=CST)  # a Monday
SECOND = dt.timedelta(seconds=1)


def minutes(m):
    return DAY_START + dt.timedelta(minutes=m)


# The order system's events, as it records them: aware datetimes, which
# kefu.Engine.ingest writes as ISO 8601 instants.
EVENTS = [
    {"id": "e-1", "type": "customer.created", "at": minutes(0),
     "customer": "C001", "attrs": {"tier": "A"}},
    {"id": "e-2", "type": "order.created", "at": minutes(15), "order": "WB123",
     "customer": "C001", "attrs": {"tier": "A", "cargo": "fragile"}},
    {"id": "e-3", "type": "order.created", "at": minutes(20), "order": "WB124",
     "customer": "C001", "attrs": {"tier": "B"}},
    {"id": "e-4", "type": "order.confirmed", "at": minutes(50),
     "order": "WB123"},
    {"id": "e-5", "type": "customer.waybills_checked", "at": minutes(55),
     "customer": "C001"},
    # The order system re-sends e-4: acknowledged as a duplicate.
    {"id": "e-4", "type": "order.confirmed", "at": minutes(50),
     "order": "WB123"},
    # Signed before it departed: the engine refuses it.
    {"id": "e-6", "type": "order.signed", "at": minutes(70), "order": "WB124"},
]


def advance_to(engine, now):
    """Moves the engine's clock and prints what came due, one JSON a line."""
    for note in engine.advance(now):
        print(json.dumps(note, separators=(",", ":")))


def feed(engine, event):
    # An event at a due instant is on time: advance to just before it.
    advance_to(engine, event["at"] - SECOND)
    try:
        outcome = engine.ingest(event)
    except kefu.Error as e:
        print(f"# refused {e.event} ({e.entity}): {e.message}")
        return  # a TMS logs it and goes on
    print(f"# {event['id']} {outcome.name.lower()}")


def bulk_due_dates(office, n=1_000_000):
    """3 working days from each of n order times in 2019-2025, at once."""
    rng = np.random.default_rng(42)
    starts = rng.integers(
        int(dt.datetime(2019, 1, 1, tzinfo=CST).timestamp()),
        int(dt.datetime(2025, 12, 1, tzinfo=CST).timestamp()),
        size=n, dtype=np.int64)
    began = time.perf_counter()
    dues = office.add_many(starts, "3wd")
    took = time.perf_counter() - began
    open_time = office.elapsed_many(starts, dues)
    print(f"# {n} dues (3wd on office) in one call: {took * 1e3:.1f} ms, "
          f"{took / n * 1e9:.1f} ns each")
    first = dt.datetime.fromtimestamp(int(starts[0]), CST)
    due = dt.datetime.fromtimestamp(int(dues[0]), CST)
    print(f"# starts[0] {first.isoformat()} -> due {due.isoformat()}")
    days = (dues - starts) / 86400
    print(f"# wall time to the due: mean {days.mean():.2f} days, max "
          f"{days.max():.2f} days (a start before the Spring Festival)")
    print(f"# office time to the due: mean {open_time.mean() / 3600:.2f} h")


def main(argv):
    policy_path = argv[1] if len(argv) > 1 else "examples/policies/reference.json"
    if kefu.abi_version() != 0:
        print(f"python_host: written for ABI 0, loaded {kefu.abi_version()}",
              file=sys.stderr)
        return 1
    try:
        with kefu.Policy.from_file(policy_path) as policy, \
                kefu.Engine(policy) as engine, \
                policy.calendar("office") as office:
            print(f"# policy {policy.version}")
            for event in EVENTS:
                feed(engine, event)
            advance_to(engine, minutes(9 * 60))  # the end of the working day
            timers = engine.timers_of("order:WB124")
            print(f"# timers of order:WB124: "
                  f"{json.dumps(timers, separators=(',', ':'))}")

            # A complaint received now is due in 3 working days on the office
            # calendar; and how much office time the day's first hour held.
            due = office.add(DAY_START, "3wd")
            print(f"# 3wd from {DAY_START.isoformat()} on office: "
                  f"{due.isoformat()}")
            first_hour = office.elapsed(DAY_START, minutes(60))
            print(f"# office seconds open 09:00-10:00: "
                  f"{int(first_hour.total_seconds())}")

            bulk_due_dates(office)
    except kefu.Error as e:
        print(f"python_host: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
