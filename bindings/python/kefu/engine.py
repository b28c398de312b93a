"""Engine: events in, notifications out (DESIGN.md's contract).

Example::

    engine = kefu.Engine(policy)
    engine.ingest({"id": "e-1", "type": "order.created",
                   "at": datetime(2026, 3, 2, 9, 15, tzinfo=CST),
                   "order": "WB123"})               # Outcome.ACCEPTED
    for note in engine.advance(datetime(2026, 3, 2, 10, 15, tzinfo=CST)):
        print(note["kind"], note["sla"], note["due"])
    engine.timers_of("order:WB123")                 # [{"sla": ..., ...}]
    engine.claim("CL-1")["next_role"]               # "cs_supervisor"
    engine.compensation("CL-1")["amount_cents"]     # 30000
    engine.insured_cargo_list("2026-11-02")         # [{"order": ...}, ...]

Events are JSON objects (docs/events.md): give them as text (str or
bytes) or as a Mapping, where aware datetimes become ISO 8601 instants.
Results are the contract's JSON, parsed: notifications, timers and batch
reports are lists of dicts; a claim, a compensation and an insurance
assessment are dicts. Instants stay ISO 8601 strings in the offset of the
calendar concerned, UTC for a claim's (``datetime.fromisoformat`` reads
them); amounts are integer cents.

The engine is deterministic: no clock inside; time moves only by event
timestamps and :meth:`Engine.advance`.

Thread safety: the C engine takes one thread at a time; this class holds a
lock around every call, so threads may share an Engine (their calls run one
after the other). Distinct engines run in parallel.
"""

import dataclasses
import enum
import json
import threading

from . import _convert
from ._ffi import ffi, lib
from ._claim_queries import ClaimQueries
from ._handle import Handle
from .errors import check
from .policy import Policy


class Outcome(enum.IntEnum):
    """What became of an ingested event (``kefu_ingest_outcome``)."""

    ACCEPTED = lib.KEFU_INGEST_ACCEPTED
    DUPLICATE = lib.KEFU_INGEST_DUPLICATE  # the same id and content again


@dataclasses.dataclass(frozen=True)
class BatchResult:
    """What :meth:`Engine.ingest_batch` did.

    ``results`` holds one dict per non-blank line, in order, or is None
    when no report was asked for::

        {"line": 1, "result": "ok"}
        {"line": 2, "result": "duplicate"}
        {"line": 3, "result": "refused", "code": -6, "error": "...",
         "path": "/at" or None, "event": "e-3" or None,
         "entity": "order:WB123" or None}
    """

    accepted: int
    duplicates: int
    refused: int
    results: list = None


def _policy_ptr(policy):
    if not isinstance(policy, Policy):
        raise TypeError(f"policy: expected kefu.Policy, got "
                        f"{type(policy).__name__}")
    return policy._ptr()


def _jsonl(events):
    """One buffer of JSONL: text as is, or an iterable of events a line."""
    if isinstance(events, (str, bytes, bytearray, memoryview)):
        return _convert.utf8(events, "events")
    lines = []
    for event in events:
        line = _convert.json_bytes(event, "event")
        # Valid JSON holds no raw CR or LF inside strings: outside them they
        # are whitespace, so a pretty-printed event fits on one line.
        lines.append(line.replace(b"\r", b" ").replace(b"\n", b" "))
    return b"\n".join(lines)


class Engine(ClaimQueries, Handle):
    """An engine (``kefu_engine``) running a :class:`Policy`."""

    _claim_calls = (lib.kefu_engine_claim, lib.kefu_engine_compensation,
                    lib.kefu_engine_insurance, lib.kefu_engine_insured_cargo_list)

    @staticmethod
    def _release(handle):
        lib.kefu_engine_free(handle)

    def __init__(self, policy):
        self._lock = threading.Lock()
        options = ffi.new("kefu_engine_options*")
        # What pygit2 does with git_*_options_init: the version of the
        # struct this package declares, so a newer library knows our layout.
        check(lib.kefu_engine_options_init(options,
                                           lib.KEFU_ENGINE_OPTIONS_VERSION))
        out = ffi.new("kefu_engine**")
        check(lib.kefu_engine_new(out, _policy_ptr(policy), options))
        self._handle = out[0]
        self.policy = policy

    def migrate(self):
        """Moves the open timers of older policy versions to the newest
        one, each keeping the open time already elapsed and its pauses,
        its due recomputed; a timer whose target has no matching entry
        there stops. Returns the report as a dict: ``{"to_version": ...,
        "examined": N, "unchanged": N, "changes": [{"key": ..., "sla": ...,
        "what": "retargeted" or "stopped", "due_before": ..., "due_after":
        ..., "late_breach": False, ...}]}`` (docs/python.md). A late breach
        it causes comes with the next :meth:`advance`.
        """
        with self._lock:
            text = _convert.take_string(lib.kefu_engine_migrate, self._ptr())
        return json.loads(text)

    def close(self):
        with self._lock:
            super().close()

    def load_policy(self, policy):
        """Timers started from now on use ``policy``; started timers keep
        the policy they started under.
        """
        with self._lock:
            check(lib.kefu_engine_load_policy(self._ptr(), _policy_ptr(policy)))
        self.policy = policy

    def ingest(self, event):
        """Applies one event; returns :class:`Outcome`. Does not move the
        clock (the notifications come from :meth:`advance`).

        Raises, changing nothing, :class:`kefu.InvalidArgumentError`
        (malformed, or a type the policy does not know; ``e.path`` names
        the field), :class:`kefu.NotFoundError` (no such entity) or
        :class:`kefu.RefusedError` (an illegal transition, an id seen with
        other content, too late); ``e.event`` and ``e.entity`` say which.
        """
        data = _convert.json_bytes(event, "event")
        outcome = ffi.new("int*")
        with self._lock:
            check(lib.kefu_engine_ingest(outcome, self._ptr(), data, len(data)))
        return Outcome(outcome[0])

    def ingest_batch(self, events, *, report=True):
        """Applies many events in order, in one call into C.

        ``events``: JSONL text (str or bytes, one event a line) or an
        iterable of events (each as :meth:`ingest` takes it). A refused
        event does not stop the batch and raises nothing: read the counts,
        and with ``report=True`` the per-line ``results`` (line N is the
        N-th event of an iterable).
        """
        data = _jsonl(events)
        out = ffi.new("char**") if report else ffi.NULL
        length = ffi.new("size_t*")
        counts = ffi.new("size_t[3]")
        with self._lock:
            rc = lib.kefu_engine_ingest_batch(
                out, length, counts + 0, counts + 1, counts + 2, self._ptr(),
                data, len(data))
        try:
            check(rc)
            results = None
            if report:
                results = json.loads(ffi.unpack(out[0], length[0]))
        finally:
            if report:
                lib.kefu_free(out[0])
        return BatchResult(counts[0], counts[1], counts[2], results)

    def advance(self, now):
        """Moves the clock to ``now`` (an aware datetime; never back: an
        earlier instant returns nothing) and returns the notifications due
        up to it, inclusive, in the contract's order, as dicts.
        """
        t = _convert.to_unix(now, "now")
        with self._lock:
            text = _convert.take_string(lib.kefu_engine_advance, self._ptr(), t)
        return [json.loads(line) for line in text.splitlines()]

    def timers_of(self, entity):
        """Every timer of ``entity`` ("order:WB123"), in start order.

        Raises :class:`kefu.NotFoundError` for an unknown entity and
        :class:`kefu.InvalidArgumentError` when it is not "KIND:KEY".
        """
        data = _convert.utf8(entity, "entity")
        with self._lock:
            text = _convert.take_string(lib.kefu_engine_timers_of, self._ptr(),
                                        data, len(data))
        return json.loads(text)

    def due_before(self, before):
        """The open timers (running or paused) due before ``before`` (an
        aware datetime), by due.
        """
        t = _convert.to_unix(before, "before")
        with self._lock:
            text = _convert.take_string(lib.kefu_engine_due_before,
                                        self._ptr(), t)
        return json.loads(text)

    def kpis(self):
        """The service KPIs (KPI-1, KPI-2) per month and per customer tier,
        computed from the engine's history, as a dict: the document
        ``kefu replay --kpi`` writes (``{"policy": ..., "calendar": ...,
        "months": [{"month": "2026-10", "closed": True, "tiers": {"all":
        {"order_response": {"value": 0.95, ...}}}}]}``).
        """
        with self._lock:
            text = _convert.take_string(lib.kefu_engine_kpis, self._ptr())
        return json.loads(text)

    def explain(self, entity):
        """Experimental (its shape may change in a minor version): why each
        timer of ``entity`` is where it is, the JSON of ``kefu explain``.
        """
        data = _convert.utf8(entity, "entity")
        with self._lock:
            text = _convert.take_string(lib.kefu_engine_explain, self._ptr(),
                                        data, len(data))
        return json.loads(text)

    def __repr__(self):
        state = " closed" if self.closed else ""
        return f"<kefu.Engine{state}>"

