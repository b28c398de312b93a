"""Store: an engine that survives its process (docs/store.md).

Example::

    with kefu.Store("kefu.db", policy_text) as store:
        result, released = store.ingest_batch(lines, replay=True)
        for note in store.pending():      # not yet acknowledged, by seq
            deliver(note)
            store.ack(note["seq"])
        store.snapshot()

A store owns an engine and one SQLite file holding the policy versions,
the journal of everything accepted, snapshots and the outbox of
notifications. Every call that changes the engine is one transaction with
its effects, so after a crash ``Store(path)`` recovers exactly the state of
the last call that returned, and :meth:`pending` gives every notification
not yet acknowledged, without gaps or repeats.

Thread safety: the C store takes one thread at a time; this class holds a
lock around every call.
"""

import enum
import json
import os
import threading

from . import _convert
from ._ffi import ffi, lib
from ._claim_queries import ClaimQueries
from ._handle import Handle
from .engine import BatchResult, _jsonl
from .errors import check


class Sync(enum.IntEnum):
    """SQLite's ``PRAGMA synchronous`` for the store's file (``kefu_sync``)."""

    OFF = lib.KEFU_SYNC_OFF        # never fsync
    NORMAL = lib.KEFU_SYNC_NORMAL  # a process crash loses nothing
    FULL = lib.KEFU_SYNC_FULL      # a power cut loses nothing (default)


def _policy_bytes(policy):
    if policy is None:
        return ffi.NULL, 0
    if hasattr(policy, "read"):
        policy = policy.read()
    data = _convert.utf8(policy, "policy")
    return data, len(data)


class Store(ClaimQueries, Handle):
    """A store (``kefu_store``) at a file path.

    ``policy``: the policy document (str or bytes, or a file object);
    required for a new file, optional for an existing one, where a document
    other than the version in force is loaded as a new version.
    """

    _claim_calls = (lib.kefu_store_claim, lib.kefu_store_compensation,
                    lib.kefu_store_insurance, lib.kefu_store_insured_cargo_list)

    @staticmethod
    def _release(handle):
        lib.kefu_store_free(handle)

    def __init__(self, path, policy=None, *, synchronous=Sync.FULL,
                 snapshot_every=0, keep_snapshots=2):
        self._lock = threading.Lock()
        options = ffi.new("kefu_store_options*")
        check(lib.kefu_store_options_init(options,
                                          lib.KEFU_STORE_OPTIONS_VERSION))
        options.synchronous = int(synchronous)
        options.snapshot_every = int(snapshot_every)
        options.keep_snapshots = int(keep_snapshots)
        file = _convert.path_bytes(os.fspath(path))
        document, length = _policy_bytes(policy)
        out = ffi.new("kefu_store**")
        check(lib.kefu_store_open(out, file, len(file), document, length,
                                  options))
        self._handle = out[0]
        self.path = os.fspath(path)

    def close(self):
        with self._lock:
            super().close()

    def ingest_batch(self, events, *, replay=False):
        """Applies many events in one transaction: all accepted ones are
        journaled, or (on an error writing the file) none.

        With ``replay=True`` the clock first advances to one second before
        each event, as ``kefu replay`` does. Returns ``(BatchResult,
        notifications)``: the per-line report and the notifications those
        advances released (already in the outbox).
        """
        data = _jsonl(events)
        out = ffi.new("char**")
        length = ffi.new("size_t*")
        notes = ffi.new("char**")
        notes_length = ffi.new("size_t*")
        counts = ffi.new("size_t[3]")
        with self._lock:
            rc = lib.kefu_store_ingest_batch(
                out, length, counts + 0, counts + 1, counts + 2, notes,
                notes_length, self._ptr(), data, len(data), 1 if replay else 0)
        try:
            check(rc)
            results = json.loads(ffi.unpack(out[0], length[0]))
            text = ffi.unpack(notes[0], notes_length[0]).decode("utf-8")
        finally:
            lib.kefu_free(out[0])
            lib.kefu_free(notes[0])
        released = [json.loads(line) for line in text.splitlines()]
        return BatchResult(counts[0], counts[1], counts[2], results), released

    def advance(self, now):
        """:meth:`kefu.Engine.advance`, journaled; the notifications are in
        the outbox before they are returned.
        """
        t = _convert.to_unix(now, "now")
        with self._lock:
            text = _convert.take_string(lib.kefu_store_advance, self._ptr(), t)
        return [json.loads(line) for line in text.splitlines()]

    def pending(self):
        """The notifications not yet acknowledged, by seq, as dicts."""
        with self._lock:
            text = _convert.take_string(lib.kefu_store_pending, self._ptr())
        return [json.loads(line) for line in text.splitlines()]

    def ack(self, seq):
        """The host has the notifications up to ``seq``: they leave the
        outbox. Raises :class:`kefu.InvalidArgumentError` for a seq not
        issued yet.
        """
        with self._lock:
            check(lib.kefu_store_ack(self._ptr(), int(seq)))

    def snapshot(self):
        """Writes a snapshot; returns the journal entries it holds."""
        out = ffi.new("int64_t*")
        with self._lock:
            check(lib.kefu_store_snapshot(out, self._ptr()))
        return out[0]

    def load_policy(self, policy):
        """Loads a new policy version (journaled); timers keep theirs."""
        document, length = _policy_bytes(policy)
        with self._lock:
            check(lib.kefu_store_load_policy(self._ptr(), document, length))

    def migrate(self):
        """:meth:`kefu.Engine.migrate` on the store's engine, journaled:
        a reopened store has it. Returns the report as a dict."""
        with self._lock:
            text = _convert.take_string(lib.kefu_store_migrate, self._ptr())
        return json.loads(text)

    def state(self):
        """The canonical state, parsed (``state_json`` gives the bytes)."""
        return json.loads(self.state_json())

    def state_json(self):
        """The canonical state as text: the same history, the same bytes."""
        with self._lock:
            return _convert.take_string(lib.kefu_store_state, self._ptr())

    def timers_of(self, entity):
        """:meth:`kefu.Engine.timers_of` on the store's engine."""
        data = _convert.utf8(entity, "entity")
        with self._lock:
            text = _convert.take_string(lib.kefu_store_timers_of, self._ptr(),
                                        data, len(data))
        return json.loads(text)

    def __repr__(self):
        state = " closed" if self.closed else ""
        return f"<kefu.Store {self.path!r}{state}>"
