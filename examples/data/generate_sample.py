#!/usr/bin/python3
"""Writes a realistic event log of one logistics branch, for `kefu replay`.

A month of one branch, 2026-09-15 to 2026-10-20 (China time, +08:00), across
the Mid-Autumn break (09-25..09-27) and the National Day holiday
(10-01..10-07, make-up working days Sun 09-20 and Sat 10-10): customers first
(tiers A/B/C, some with warehousing), their recurring chores (waybill checks,
weekly and monthly reports, visits, stock reconciliation and counts, receipt
collection), then orders through their lifecycle with the milestones of the
reference policy (examples/policies/reference.json), and the claims filed
for damage found at delivery (the claim workflow, sign-off chain by
amount, arbitration, insurer recovery, salvage, legal referral; CL-1 ..
CL-7). Most milestones are on
time; some are late and some missing, as in a real branch, and volume and
staffing drop over the holiday.

The log is one JSON event a line, in time order (a stable sort by instant),
ids "e-000001" upwards, instants with +08:00. Every line replays cleanly
under the reference policy: the generator follows the order state machine
(docs/events.md) and never writes an event after an order closes.

Usage:
  examples/data/generate_sample.py [--seed 2026] [--orders 700] [--out FILE]

The same seed and size give the same bytes. Any size can be written
(--orders 1000000 for benchmarks): events are bucketed by day in temporary
files and sorted one day at a time, so memory stays bounded.

Only the Python standard library is used.
"""

import argparse
import datetime as dt
import json
import os
import random
import sys
import tempfile

TZ = dt.timezone(dt.timedelta(hours=8))
START = dt.datetime(2026, 9, 15, 0, 0, tzinfo=TZ)
END = dt.datetime(2026, 10, 20, 23, 59, 59, tzinfo=TZ)  # inclusive
FIRST_DAY = START.date()
LAST_DAY = END.date()

MINUTE = 60
HOUR = 3600
DAY = 86400

START_S = int(START.timestamp())
END_S = int(END.timestamp())

HERE = os.path.dirname(os.path.abspath(__file__))
HOLIDAY_DATA = os.path.join(HERE, "..", "..", "src", "time", "data",
                            "cn-statutory.json")


# --- calendars ---------------------------------------------------------------

def load_holidays():
    """The 2026 days off and make-up working days, from the bundled data."""
    off, workdays = set(), set()
    with open(HOLIDAY_DATA, encoding="utf-8") as f:
        data = json.load(f)
    for block in data["blocks"]:
        off.update(dt.date.fromisoformat(d) for d in block.get("off", []))
        workdays.update(dt.date.fromisoformat(d)
                        for d in block.get("workdays", []))
    return off, workdays


OFF, MAKEUP = load_holidays()


def is_office_day(day):
    """Mon-Fri and make-up days, holidays excluded (the `office` calendar)."""
    if day in OFF:
        return False
    return day.weekday() < 5 or day in MAKEUP


def is_warehouse_day(day):
    """Mon-Sat and make-up days, holidays excluded (`warehouse`)."""
    if day in OFF:
        return False
    return day.weekday() < 6 or day in MAKEUP


def days():
    d = FIRST_DAY
    while d <= LAST_DAY:
        yield d
        d += dt.timedelta(days=1)


def at(day, hour, minute=0):
    """Seconds since the epoch of a local wall time on `day`."""
    return int(dt.datetime(day.year, day.month, day.day, hour, minute,
                           tzinfo=TZ).timestamp())


def local_day(t):
    return dt.datetime.fromtimestamp(t, TZ).date()


def local_hour(t):
    x = dt.datetime.fromtimestamp(t, TZ)
    return x.hour + x.minute / 60


def iso(t):
    return dt.datetime.fromtimestamp(t, TZ).isoformat()


def add_warehouse_open(t, seconds):
    """`t` plus that much open time of the warehouse (08:00-20:00)."""
    day = local_day(t)
    while True:
        if is_warehouse_day(day):
            open_, close = at(day, 8), at(day, 20)
            begin = max(t, open_)
            if begin < close:
                if begin + seconds <= close:
                    return begin + seconds
                seconds -= close - begin
        day += dt.timedelta(days=1)
        t = at(day, 0)


def next_office_moment(t, rng):
    """`t` if the office is open then, else a moment soon after it opens."""
    day = local_day(t)
    h = local_hour(t)
    if is_office_day(day) and (8.5 <= h < 12 or 13.5 <= h < 18):
        return t
    if is_office_day(day) and h < 8.5:
        return at(day, 8, 30) + rng.randint(0, 40 * MINUTE)
    if is_office_day(day) and 12 <= h < 13.5:
        return at(day, 13, 30) + rng.randint(0, 30 * MINUTE)
    day += dt.timedelta(days=1)
    while not is_office_day(day):
        day += dt.timedelta(days=1)
    return at(day, 8, 30) + rng.randint(0, 40 * MINUTE)


def next_office_17(t):
    """The first 17:00 of an office working day strictly after `t`."""
    day = local_day(t)
    while not (is_office_day(day) and at(day, 17) > t):
        day += dt.timedelta(days=1)
    return at(day, 17)


def skip_holidays(t):
    """People do not return receipts over a holiday: push past it."""
    day = local_day(t)
    moved = False
    while day in OFF:
        day += dt.timedelta(days=1)
        moved = True
    return t if not moved else at(day, 9) + (t % HOUR)


# --- output ----------------------------------------------------------------

class Log:
    """Events bucketed by local day in temporary files, sorted day by day.

    Each event is written with its instant and a sequence number; within a
    day, the sort is by (instant, sequence), which is stable for an entity
    whose events were emitted in lifecycle order. Events after END are
    dropped; they lie beyond the month.
    """

    def __init__(self, directory):
        self.directory = directory
        self.files = {}
        self.seq = 0

    def add(self, t, body):
        """`body`: the event's JSON after "id", starting with ',"type":'."""
        if t > END_S:
            return
        if t < START_S:
            raise ValueError("event before the month: " + iso(t))
        day = local_day(t)
        f = self.files.get(day)
        if f is None:
            f = open(os.path.join(self.directory, day.isoformat()), "w",
                     encoding="utf-8")
            self.files[day] = f
        self.seq += 1
        f.write("%d\t%d\t%s\n" % (t, self.seq, body))

    def write(self, out):
        n = 0
        for f in self.files.values():
            f.close()
        for day in sorted(self.files):
            with open(os.path.join(self.directory, day.isoformat()),
                      encoding="utf-8") as f:
                rows = []
                for line in f:
                    t, seq, body = line.rstrip("\n").split("\t", 2)
                    rows.append((int(t), int(seq), body))
            rows.sort()
            for _, _, body in rows:
                n += 1
                out.write('{"id":"e-%06d"%s\n' % (n, body))
        return n


def event(log, t, type_, entity, key, **fields):
    """One event: `fields` are references ("customer") and "attrs"."""
    body = ',"type":"%s","at":"%s","%s":%s' % (type_, iso(t), entity,
                                               json.dumps(key))
    for name, value in fields.items():
        body += ',"%s":%s' % (name, json.dumps(value, separators=(",", ":"),
                                               ensure_ascii=False))
    body += "}"
    log.add(t, body)


# --- customers ---------------------------------------------------------------

class Customer:
    def __init__(self, key, tier, warehousing, created, new):
        self.key = key
        self.tier = tier
        self.warehousing = warehousing
        self.created = created
        self.new = new  # joined this month: its early orders are assessed
        self.orders = 0


def make_customers(rng, count):
    customers = []
    for i in range(count):
        tier = rng.choices("ABC", weights=(15, 30, 55))[0]
        warehousing = rng.random() < (0.45 if tier != "C" else 0.1)
        new = i >= count * 0.7  # the last ones join during the month
        if new:
            day = FIRST_DAY + dt.timedelta(days=rng.randint(1, 20))
            while not is_office_day(day):
                day += dt.timedelta(days=1)
            created = at(day, 9) + rng.randint(0, 7 * HOUR)
        else:
            created = at(FIRST_DAY, 8) + i * 7  # seconds apart, in order
        customers.append(
            Customer("C%04d" % (i + 1), tier, warehousing, created, new))
    return customers


def customer_events(log, rng, c):
    # CR-1: the policy computes the tier from these; each tier's range.
    attrs = {"annual_volume_cents": {
        "A": rng.randint(500, 2000), "B": rng.randint(100, 499),
        "C": rng.randint(1, 99)}[c.tier] * 1000000,
        "years": rng.randint(1, 12)}
    if c.warehousing:
        attrs["warehousing"] = True
    event(log, c.created, "customer.created", "customer", c.key, attrs=attrs)

    def chore(name, t):
        if t > c.created:
            event(log, t, "customer." + name, "customer", c.key)

    key_account = c.tier in ("A", "B")
    first = local_day(c.created)
    before_october = first < dt.date(2026, 10, 1)
    # The week it joined has no report due; later weeks do.
    week_done = {first.isocalendar()[:2]}
    monthly_done = not before_october
    # Visits: the quota is 5 a month; a month here has ~17 working days.
    visits = {"A": 7.5, "B": 6.0}.get(c.tier, 0.0)
    if key_account and rng.random() < 0.25:
        visits = 3.0  # a neglected account: its quota breaches
    count_pending = False   # the Saturday count, moved past days off
    stock_weeks = {first.isocalendar()[:2]}
    collect_day = dt.date(2026, 10, 13) + dt.timedelta(days=rng.randint(0, 2))
    if rng.random() < 0.15:
        collect_day += dt.timedelta(days=4)  # late
    for day in days():
        if day < first:
            continue
        office = is_office_day(day)
        if key_account and office:
            # Waybills checked before 10:00 each working day.
            r = rng.random()
            if r < 0.90:
                chore("waybills_checked",
                      at(day, 8, 35) + rng.randint(0, 80 * MINUTE))
            elif r < 0.96:
                chore("waybills_checked",
                      at(day, 10, 5) + rng.randint(0, 85 * MINUTE))
            # The weekly report: the week's first working day, before 16:00.
            week = day.isocalendar()[:2]
            if week not in week_done:
                week_done.add(week)
                r = rng.random()
                if r < 0.85:
                    chore("weekly_report_sent",
                          at(day, 13, 30) + rng.randint(0, 145 * MINUTE))
                elif r < 0.95:
                    chore("weekly_report_sent",
                          at(day, 16, 20) + rng.randint(0, 90 * MINUTE))
            if rng.random() < visits / 17:
                chore("visited", at(day, 9, 30) + rng.randint(0, 450 * MINUTE))
            # The monthly report is due on the 2nd at 16:00, moved past the
            # holiday to 10-08.
            if not monthly_done and day >= dt.date(2026, 10, 8):
                monthly_done = True
                r = rng.random()
                if r < 0.85:
                    chore("monthly_report_sent",
                          at(day, 9) + rng.randint(0, 6 * HOUR))
                elif r < 0.95:
                    chore("monthly_report_sent",
                          at(day, 9) + DAY + rng.randint(0, 6 * HOUR))
        if c.warehousing and is_warehouse_day(day):
            # Stock reconciled by 20:00 each warehouse day.
            r = rng.random()
            if r < 0.90:
                chore("stock_reconciled",
                      at(day, 18) + rng.randint(0, 110 * MINUTE))
            elif r < 0.95:
                chore("stock_reconciled",
                      at(day, 20, 10) + rng.randint(0, 50 * MINUTE))
        if c.warehousing and day.weekday() == 5 and day > first:
            count_pending = True
        if c.warehousing and count_pending and is_warehouse_day(day):
            # Counted on Saturday, or the first warehouse day after it.
            count_pending = False
            if rng.random() < 0.85:
                chore("stock_counted",
                      at(day, 14) + rng.randint(0, 330 * MINUTE))
        if (c.warehousing and office and
                day.isocalendar()[:2] not in stock_weeks):
            # The stock report by Monday 12:00 (the week's first working day).
            stock_weeks.add(day.isocalendar()[:2])
            r = rng.random()
            if r < 0.85:
                chore("stock_report_sent",
                      at(day, 9) + rng.randint(0, 170 * MINUTE))
            elif r < 0.95:
                chore("stock_report_sent",
                      at(day, 13, 30) + rng.randint(0, 150 * MINUTE))
        # Last month's receipts: collected by the 15th, archived by the 20th.
        if before_october and day == collect_day:
            chore("receipts_collected", at(day, 10) + rng.randint(0, 7 * HOUR))
        if (before_october and day == dt.date(2026, 10, 19) and
                rng.random() < 0.85):
            chore("receipts_archived", at(day, 10) + rng.randint(0, 30 * HOUR))


# --- orders ------------------------------------------------------------------

CARGO = ("general", "general", "general", "fragile", "cold_chain",
         "electronics", "furniture", "documents")
SPECIAL = ("tail_lift", "temperature 2-8C", "white_glove", "dangerous_goods",
           "oversize")


def order_creation_times(rng, count):
    """Creation instants of `count` orders: working hours mostly, a rush
    before National Day, a trickle during it."""
    weights = []
    for day in days():
        if day > LAST_DAY - dt.timedelta(days=2):
            w = 0.0  # the month's last orders are created by the 18th
        elif day in OFF:
            w = 0.3
        elif not is_office_day(day):
            w = 0.4  # weekends
        elif dt.date(2026, 9, 28) <= day <= dt.date(2026, 9, 30):
            w = 1.6  # the pre-holiday rush
        else:
            w = 1.0
        weights.append((day, w))
    total = sum(w for _, w in weights)
    times = []
    for day, w in weights:
        n = int(round(count * w / total))
        for _ in range(n):
            r = rng.random()
            if r < 0.88:
                t = at(day, 8) + rng.randint(0, 11 * HOUR)
            else:
                t = at(day, 19) + rng.randint(0, 4 * HOUR - 1)
            times.append(t)
    times.sort()
    del times[count:]
    while len(times) < count:  # rounding
        times.append(times[-1] + rng.randint(60, 600))
    return times


class Timeline:
    """One order's events, kept in lifecycle order and strictly increasing."""

    def __init__(self, key):
        self.key = key
        self.items = []  # (t, type, fields)
        self.last = 0

    def life(self, t, name, **fields):
        """A lifecycle event: at least a minute after the previous one."""
        t = max(t, self.last + MINUTE)
        self.items.append((t, "order." + name, fields))
        self.last = t
        return t

    def milestone(self, t, name, **fields):
        self.items.append((t, "order." + name, fields))

    def write(self, log, closed_at):
        """Milestones at or after the close are dropped: a closed order
        accepts nothing."""
        closing = ("order.receipt_returned", "order.cancelled")
        self.items.sort(key=lambda item: item[0])
        last = 0
        for t, type_, fields in self.items:
            if (closed_at is not None and t >= closed_at and
                    type_ not in closing):
                continue
            t = max(t, last + 1)  # strictly increasing, for a stable replay
            last = t
            event(log, t, type_, "order", self.key, **fields)


def order_events(log, rng, key, created, customer):
    o = Timeline(key)
    customer.orders += 1
    holiday = local_day(created) in OFF
    route = rng.choices(("local", "regional", "long_haul"),
                        weights=(50, 33, 17))[0]

    # order.created, with the attributes the policy's conditions read.
    attrs = {"tier": customer.tier}
    if customer.new and created - customer.created < 14 * DAY:
        attrs["new_customer"] = True  # onboarded less than two weeks ago
    if rng.random() < 0.08:
        attrs["special_requirements"] = rng.choice(SPECIAL)
    has_departure = rng.random() < 0.9
    if route == "local":
        departure = created + rng.randint(4, 26) * HOUR
    else:
        departure = created + rng.randint(8, 60) * HOUR
    departure -= departure % (30 * MINUTE)  # slots on the half hour
    if local_hour(departure) < 7 or local_hour(departure) >= 21:
        departure += 10 * HOUR  # no night departures
    if has_departure:
        attrs["departure_at"] = iso(departure)
    transit = {"local": rng.randint(2, 8) * HOUR,
               "regional": rng.randint(18, 48) * HOUR,
               "long_haul": rng.randint(48, 120) * HOUR}[route]
    has_appointment = (has_departure and route != "long_haul" and
                       rng.random() < 0.2)
    appointment = departure + transit + rng.randint(2, 4) * HOUR
    appointment -= appointment % HOUR
    if not 9 <= local_hour(appointment) < 19:  # appointments in the day
        next_day = local_day(appointment - 9 * HOUR) + dt.timedelta(days=1)
        appointment = at(next_day, rng.randint(9, 11))
    if has_appointment:
        attrs["appointment_at"] = iso(appointment)
    attrs["cargo"] = rng.choice(CARGO)
    attrs["declared_value_cents"] = rng.randint(20, 5000) * 1000
    attrs["insured"] = rng.random() < 0.4
    o.life(created, "created", customer=customer.key, attrs=attrs)

    # ORD-1: confirmed within the hour, mostly; the night and the holiday are
    # thin on staff.
    r = rng.random()
    night = local_hour(created) >= 19
    if (night or holiday) and r < 0.4:
        confirmed = next_office_moment(created + 2 * HOUR, rng)
    elif r < 0.88:
        confirmed = created + rng.randint(5, 29) * MINUTE
    elif r < 0.95:
        confirmed = created + rng.randint(30, 59) * MINUTE
    else:
        confirmed = created + rng.randint(61, 180) * MINUTE
    confirmed = o.life(confirmed, "confirmed")

    if rng.random() < 0.02:  # cancelled before it leaves
        cancelled = o.life(confirmed + rng.randint(1, 20) * HOUR, "cancelled")
        o.write(log, cancelled)
        return

    # ORD-2: new customers and special requirements are risk-assessed in 2h.
    if "new_customer" in attrs or "special_requirements" in attrs:
        late = rng.random() < 0.12
        if late:
            assessed = created + rng.randint(125, 300) * MINUTE
        else:
            assessed = max(confirmed + 5 * MINUTE,
                           created + rng.randint(20, 110) * MINUTE)
        o.life(assessed, "assessed")
    o.life(o.last + rng.randint(10, 60) * MINUTE, "planned")

    # A departure moved by the customer: the plan follows the new time.
    if has_departure and rng.random() < 0.03:
        moved = max(departure + rng.choice((-2, 2, 4, 24)) * HOUR,
                    o.last + 4 * HOUR)
        changes = {"departure_at": iso(moved)}
        if has_appointment:  # the appointment moves with it
            appointment += moved - departure
            changes["appointment_at"] = iso(appointment)
        departure = moved
        o.life(o.last + rng.randint(5, 60) * MINUTE, "updated", attrs=changes)
    if not has_departure:
        departure = max(departure, o.last + 2 * HOUR)

    # TR-1: the transport plan sent 2h before departure.
    if has_departure:
        r = rng.random()
        earliest = o.last + 5 * MINUTE
        if r < 0.92:
            t = departure - rng.randint(180, 600) * MINUTE
            if local_hour(t) < 8:  # not at night: the evening before
                t = (at(local_day(t) - dt.timedelta(days=1), 17) +
                     rng.randint(0, 3 * HOUR))
            o.milestone(max(earliest, t), "plan_sent")
        elif r < 0.97:
            t = departure - rng.randint(10, 110) * MINUTE
            o.milestone(max(earliest, t), "plan_sent")

    # Tier A/B: departure confirmed with the customer the same working day.
    # The check is due at the first 17:00 of a working day after creation.
    if customer.tier in ("A", "B") and rng.random() < 0.95:
        due = next_office_17(created)
        window = due - created
        if window >= HOUR:
            t = created + rng.randint(10 * MINUTE,
                                      min(window - 5 * MINUTE, 4 * HOUR))
        else:  # created just before 17:00: done the next morning, late
            t = next_office_moment(due + 15 * HOUR, rng)
        o.milestone(t, "departure_confirmed")

    departed = departure + rng.randint(-20, 90) * MINUTE
    departed = o.life(max(departed, o.last + 10 * MINUTE), "departed")

    # The journey: hub scans (in_transit), a delay or an anomaly now and then.
    arrival = departed + transit
    delay = None
    if route != "local" and rng.random() < 0.06:
        delay = departed + rng.randint(2 * HOUR, max(2 * HOUR, transit - HOUR))
        arrival += rng.randint(6, 24) * HOUR
    anomaly = None
    if rng.random() < 0.03:
        anomaly = departed + rng.randint(HOUR, max(HOUR, transit - HOUR))
    exception = None
    if anomaly is not None and route != "local" and rng.random() < 0.4:
        exception = (anomaly + rng.randint(2, 5) * MINUTE,
                     anomaly + rng.randint(2, 12) * HOUR)
        arrival += exception[1] - exception[0]

    scans = []
    t = departed + rng.randint(1, 6) * HOUR
    while t < arrival - HOUR:
        scans.append(t)
        if route == "long_haul" and rng.random() < 0.03:
            t += rng.randint(49, 60) * HOUR  # TR-4: cargo dwells too long
        else:
            t += rng.randint(10, 36) * HOUR
    if exception is not None:
        # In exception the cargo is not scanned; the clearing puts it back in
        # transit.
        begin, end = exception
        before = [t for t in scans if t < begin - MINUTE]
        after = [t for t in scans if t > end + MINUTE]
        for t in before:
            o.life(t, "in_transit")
        o.life(begin, "exception")
        o.life(end, "exception_cleared")
        scans = after
    for t in scans:
        o.life(t, "in_transit")

    if delay is not None:  # TR-3: the customer told of a delay within 1h
        o.milestone(delay, "delay_reported")
        r = rng.random()
        o.milestone(delay + (rng.randint(10, 50) if r < 0.85 else
                             rng.randint(65, 180)) * MINUTE, "delay_notified")
    if anomaly is not None:  # anomalies recorded and reported within 1h
        # KPI-2 counts damage and shortage per signed order.
        o.milestone(anomaly, "anomaly_recorded", attrs={"anomaly": rng.choice(
            ("damage", "shortage", "wrong_label"))})
        r = rng.random()
        o.milestone(anomaly + (rng.randint(10, 55) if r < 0.8 else
                               rng.randint(65, 240)) * MINUTE,
                    "anomaly_reported")

    # DL: a delivery appointment confirmed 1h before it.
    if has_appointment:
        r = rng.random()
        if r < 0.85:
            o.milestone(departed + rng.randint(10, 60) * MINUTE,
                        "appointment_confirmed")
        elif r < 0.95:
            late = appointment - rng.randint(5, 55) * MINUTE
            o.milestone(late, "appointment_confirmed")
            arrival = max(arrival, late + 10 * MINUTE)
        arrival = max(arrival, appointment + rng.randint(-60, 60) * MINUTE)

    # WH: into the customer's stock at the branch's warehouse, or delivered.
    arrival = max(arrival, o.last + 10 * MINUTE)
    if customer.warehousing and rng.random() < 0.6:
        arrived = o.life(arrival, "arrived_warehouse")
        late = rng.random() < 0.1
        inbound = add_warehouse_open(
            arrived, rng.randint(270, 480) * MINUTE if late else
            rng.randint(20, 210) * MINUTE)
        o.milestone(inbound, "inbound_confirmed")
        delivered = o.life(inbound + rng.randint(5, 30) * MINUTE, "delivered")
    else:
        delivered = o.life(arrival, "delivered")
    # TR-2: tracking pushed to the customer at least every 24h until
    # delivery.
    t = departed
    while True:
        t += (rng.randint(10 * 60, 22 * 60) if rng.random() < 0.9 else
              rng.randint(24 * 60 + 30, 32 * 60)) * MINUTE
        if t >= delivered:
            break
        o.milestone(t, "tracking_pushed")

    signed = o.life(delivered + (rng.randint(1, 30) * MINUTE
                                 if rng.random() < 0.95 else
                                 rng.randint(2, 20) * HOUR), "signed")

    # RC: the signed receipt back within 15 days of departure.
    earliest_back = signed + 2 * HOUR
    if rng.random() < 0.02:
        # A receipt refused: an exception notice within one working day.
        rejected = signed + rng.randint(1, 4) * DAY + rng.randint(0, 8) * HOUR
        o.milestone(rejected, "receipt_rejected")
        notice = next_office_moment(rejected, rng) + (
            rng.randint(1, 4) * HOUR if rng.random() < 0.9 else 2 * DAY)
        o.milestone(notice, "exception_notice_sent")
        earliest_back = notice + DAY
    r = rng.random()
    if r < 0.75:
        back = departed + rng.randint(3 * 24, 11 * 24) * HOUR
    elif r < 0.86:
        back = departed + rng.randint(12 * 24, 14 * 24 + 20) * HOUR
    elif r < 0.94:
        back = departed + rng.randint(16 * 24, 25 * 24) * HOUR
    else:
        back = None  # never came back (yet)
    closed = None
    if back is not None:
        back = skip_holidays(max(back, earliest_back))
        closed = o.life(back, "receipt_returned")
    # KPI-1 and Q-1: some customers score the order after signing; a score
    # below 80 starts a case review (dropped, like any milestone, if the
    # order closed first).
    if rng.random() < 0.3:
        scored = signed + rng.randint(1, 48) * HOUR
        score = rng.choices((95, 90, 85, 75, 60), weights=(30, 30, 20, 15, 5))[0]
        o.items.append((scored, "order.updated", {"attrs": {"satisfaction": score}}))
        if score < 80:
            o.milestone(next_office_moment(scored, rng) +
                        rng.randint(1, 4) * DAY, "case_reviewed")
    o.write(log, closed)
    # Damage or shortage found at delivery may become a claim (written by
    # claim_events, with its own random stream).
    if anomaly is not None:
        return {"order": key, "attrs": attrs, "signed": signed,
                "deduction": False}
    return None


# --- claims -----------------------------------------------------------------

# The reference policy's approval matrix (claims.approval) and insurance
# rules (insurance.*), mirrored so that every sign-off names the role the
# engine expects and insurer events come only for insured cargo.
ROLES = ("claims_clerk", "cs_supervisor", "branch_manager", "unit_head")
NEVER_INSURABLE = {"cement", "jade", "fish_meal", "uninspected_import",
                   "flammable_explosive", "artwork", "craft", "poultry",
                   "live_fresh", "live_animal"}
LEGAL_REASONS = ("the consignee sued the carrier; the court decides liability",
                 "liability disputed with the subcontracted carrier")


def band_roles(amount):
    if amount <= 500000:
        return ROLES[:2]
    if amount <= 5000000:
        return ROLES[:3]
    return ROLES


def is_insured(attrs):
    if attrs.get("cargo") in NEVER_INSURABLE:
        return False
    return (attrs.get("insured") is True or
            attrs.get("declared_value_cents", 0) > 1000000 or
            attrs.get("cargo") == "fragile")


class ClaimTimeline:
    """One claim's events, strictly increasing, in lifecycle order."""

    def __init__(self, log, key):
        self.log = log
        self.key = key
        self.last = 0

    def add(self, t, name, **fields):
        t = max(t, self.last + MINUTE)
        self.last = t
        event(self.log, t, "claim." + name, "claim", self.key, **fields)
        return t


def claim_events(log, rng, key, candidate):
    """A claim through its workflow (CL-1..CL-7): mostly complete within
    seven office days, some late, some to arbitration, some to the legal
    department, with insurer recovery for insured cargo and salvage."""
    attrs = candidate["attrs"]
    value = attrs["declared_value_cents"]
    loss = rng.randint(value // 20, value // 2)
    loss -= loss % 100
    c = ClaimTimeline(log, key)
    filed_attrs = {"amount_cents": loss, "loss_cents": loss}
    if candidate["deduction"]:
        filed_attrs["deduction_cents"] = min(loss, rng.randint(50, 800) * 100)
    t = c.add(next_office_moment(candidate["signed"] + rng.randint(1, 20) * HOUR,
                                 rng), "created", order=candidate["order"],
              attrs=filed_attrs)
    if rng.random() < 0.04:  # CL-7: to the legal department and back
        t = c.add(t + rng.randint(1, 6) * HOUR, "legal_referred",
                  attrs={"reason": rng.choice(LEGAL_REASONS)})
        t = c.add(next_office_moment(t + rng.randint(2, 6) * DAY, rng),
                  "legal_concluded")
    slow = rng.random() < 0.15
    step = (lambda: rng.randint(4, 30) * HOUR) if slow else \
        (lambda: rng.randint(1, 6) * HOUR)
    t = c.add(next_office_moment(t + rng.randint(1, 3) * HOUR, rng),
              "investigation_started")
    t = c.add(next_office_moment(t + step(), rng), "liability_determined")
    insured = is_insured(attrs)
    submitted = None
    if insured:
        submitted = next_office_moment(
            t + (rng.randint(2, 20) if rng.random() < 0.85 else
                 rng.randint(80, 120)) * HOUR, rng)
    t = c.add(next_office_moment(t + step(), rng), "reported")
    roles = band_roles(loss)
    disagree = rng.random() < 0.1
    rejected = False
    for i, role in enumerate(roles):
        opinion = "reject" if disagree and i == 1 else "approve"
        t = c.add(next_office_moment(t + step(), rng), "signed_off",
                  attrs={"role": role, "opinion": opinion})
        if opinion == "reject":
            break  # CL-3: signing stops; arbitration within 3 office days
    if disagree:
        decision = "approve" if rng.random() < 0.7 else "reject"
        t = c.add(next_office_moment(t + rng.randint(4, 60) * HOUR, rng),
                  "arbitrated", attrs={"decision": decision})
        rejected = decision == "reject"
    t = c.add(next_office_moment(t + rng.randint(1, 4) * HOUR, rng),
              "rejected" if rejected else "approved")
    if not rejected:
        t = c.add(next_office_moment(t + step(), rng), "paid",
                  attrs={"amount_cents": loss})
    if submitted is not None:
        t = c.add(max(submitted, t), "insurer_submitted")
        t = c.add(next_office_moment(t + rng.randint(3, 12) * DAY, rng),
                  "insurer_paid", attrs={"amount_cents": loss})
    if not rejected and rng.random() < 0.3:  # CL-5: the residual value
        t = c.add(next_office_moment(t + rng.randint(1, 3) * DAY, rng),
                  "salvage_appraised",
                  attrs={"salvage_value_cents": loss // 10})
        t = c.add(t + rng.randint(2, 35) * DAY, "salvage_disposed",
                  attrs={"amount_cents": loss // 12})
    c.add(next_office_moment(t + rng.randint(1, 2) * DAY, rng), "closed")


# --- complaints --------------------------------------------------------------

CATEGORIES = ("delay", "tracking_query", "damage", "loss", "wrong_item",
              "attitude")
CHANNELS = ("hotline", "website", "app", "account_manager", "service_hall")


def complaint_events(log, rng, key, t0, customer, order):
    """One complaint (AS-1, AS-2, CP-1 .. CP-7) through its lifecycle, in
    the order of docs/events.md; what would fall after the end of the log
    is left out, so the complaint is simply still open."""
    category = rng.choices(CATEGORIES, weights=(35, 20, 18, 5, 12, 10))[0]
    attrs = {"category": category, "channel": rng.choice(CHANNELS)}
    if rng.random() < 0.35:
        attrs["request"] = rng.choice(("return_exchange", "claim", "inquiry"))
    if category in ("damage", "loss"):
        attrs["claimed_cents"] = rng.randint(50, 2000) * 1000
    if customer.tier == "A":
        attrs["key_account"] = True
    if rng.random() < 0.04:
        attrs["group_complaint"] = True
    # The grade the policy's rules give (/complaints/grades).
    if attrs.get("group_complaint"):
        grade = "major"
    elif category in ("damage", "loss") or attrs.get("claimed_cents", 0) >= 500000:
        grade = "complex"
    else:
        grade = "ordinary"
    items = []
    last = [t0]

    def life(t, name, **fields):
        t = max(t, last[0] + MINUTE)
        last[0] = t
        items.append((t, name, fields))
        return t

    def milestone(t, name, **fields):
        items.append((max(t, t0 + MINUTE), name, fields))

    life(t0, "created", order=order, customer=customer.key, attrs=attrs)
    registered = life(t0 + rng.randint(5, 70) * MINUTE, "registered")
    accepted = life(registered + rng.randint(3, 25) * MINUTE, "accepted")
    if category in ("damage", "loss"):
        milestone(t0 + rng.randint(4, 30) * HOUR, "liability_determined")
        milestone(t0 + rng.randint(6, 30) * HOUR, "remedy_proposed")
    if grade == "major":
        milestone(registered + rng.randint(10, 40) * MINUTE, "reported_to_gm")
        milestone(registered + rng.randint(30, 150) * MINUTE, "team_formed")
    if rng.random() < 0.06:
        life(accepted + rng.randint(1, 6) * HOUR, "escalated")
    solution = registered + (rng.randint(2, 30) if grade == "ordinary"
                             else rng.randint(10, 55)) * HOUR
    milestone(solution, "solution_proposed")
    investigating = life(accepted + rng.randint(10, 90) * MINUTE,
                         "investigating")
    if rng.random() < 0.2:
        waiting = life(investigating + rng.randint(1, 8) * HOUR,
                       "awaiting_customer")
        life(waiting + rng.randint(2, 40) * HOUR, "customer_replied")
    resolved = life(next_office_moment(max(solution, last[0]), rng) +
                    (rng.randint(1, 30) if rng.random() < 0.9
                     else rng.randint(4 * 24, 9 * 24)) * HOUR, "resolved")
    if grade == "major":
        t = registered
        while t + 20 * HOUR < resolved:
            t += rng.randint(8, 23) * HOUR
            milestone(t, "progress_reported")
    life(resolved + rng.randint(1, 20) * MINUTE, "updated",
         attrs={"valid": rng.random() < 0.3})
    fed_back = life(resolved + (rng.randint(1, 20) if rng.random() < 0.9
                                else rng.randint(25, 40)) * HOUR,
                    "feedback_sent")
    if rng.random() < 0.6:
        life(fed_back + rng.randint(1, 48) * HOUR, "evaluated",
             attrs={"satisfaction": rng.choice((60, 75, 85, 90, 95))})
    visited = life(resolved + rng.randint(5, 35) * DAY, "return_visited")
    life(visited + rng.randint(1, 3) * HOUR, "closed")

    items.sort(key=lambda item: item[0])
    previous = 0
    for t, name, fields in items:
        if t > END_S:
            break  # the rest of its life falls after the log
        t = max(t, previous + 1)
        previous = t
        event(log, t, "complaint." + name, "complaint", key, **fields)


# --- main -------------------------------------------------------------------

def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--orders", type=int, default=640)
    parser.add_argument("--out", default="-",
                        help="the JSONL file to write (default: stdout)")
    args = parser.parse_args(argv)
    if args.orders < 1:
        parser.error("--orders must be at least 1")

    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="kefu-sample-") as tmp:
        log = Log(tmp)
        customers = make_customers(rng, max(8, args.orders // 30))
        for c in customers:
            customer_events(log, rng, c)
        weights = [{"A": 6, "B": 3, "C": 1}[c.tier] for c in customers]
        complaints = 0
        candidates = []
        for i, created in enumerate(order_creation_times(rng, args.orders)):
            # A customer who exists by then.
            while True:
                c = rng.choices(customers, weights=weights)[0]
                if c.created < created:
                    break
            candidate = order_events(log, rng, "WB%06d" % (i + 1), created, c)
            if candidate is not None:
                candidates.append(candidate)
            # About one order in fourteen draws a complaint, a few hours to
            # a few days after it was placed.
            if rng.random() < 0.07:
                complaints += 1
                complaint_events(log, rng, "CP%05d" % complaints,
                                 created + rng.randint(2, 96) * HOUR, c,
                                 "WB%06d" % (i + 1))
        # Claims draw from their own stream, so the orders are those of the
        # seed whether or not claims are written.
        claim_rng = random.Random(args.seed + 1)
        claims = 0
        for candidate in candidates:
            if claim_rng.random() < 0.7:
                candidate["deduction"] = claim_rng.random() < 0.2
                claims += 1
                claim_events(log, claim_rng, "CL%06d" % claims, candidate)
        if args.out == "-":
            n = log.write(sys.stdout)
        else:
            with open(args.out, "w", encoding="utf-8", newline="\n") as out:
                n = log.write(out)
    print("wrote %d events (%d orders, %d complaints, %d claims, %d customers)" %
          (n, args.orders, complaints, claims, len(customers)), file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
