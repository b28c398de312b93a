/* kefu: the C ABI.
 *
 * A host written in C (or in any language that can call C: Java through JNI,
 * Go through cgo, Python through cffi) links libkefu.so and drives the
 * engine through this one header. It is plain C99; every symbol is prefixed
 * kefu_ and every macro KEFU_.
 *
 * Conventions, the same for every call (docs/c-api.md says more):
 *
 * - Handles are opaque: kefu_policy, kefu_calendar, kefu_engine,
 *   kefu_store. Each has a
 *   constructor that writes it to an out parameter and a kefu_x_free();
 *   kefu_x_free(NULL) is a harmless no-op.
 * - A fallible call returns an int: KEFU_OK (0) or a negative error class
 *   (enum kefu_error). Out parameters come first, then the handle, then the
 *   inputs. On failure out parameters are set to NULL / 0 unless the call
 *   says otherwise.
 * - The last error is per thread: kefu_last_error_message() and friends
 *   describe the last failed call of the calling thread. Every call that
 *   returns a status clears it first, so after a success
 *   kefu_last_error_code() is KEFU_OK. Only the return code reports failure.
 * - Strings in are UTF-8 as (const char* s, size_t len); no NUL terminator
 *   is needed and the pointer may be NULL only when len is 0.
 * - Strings out are (char** out, size_t* out_len): the library allocates,
 *   NUL-terminates (the NUL is not counted in *out_len) and the caller
 *   releases with kefu_free(). out_len may be NULL.
 * - Option structs start with `unsigned int version`: initialise them with
 *   KEFU_X_OPTIONS_INIT or kefu_x_options_init(); NULL means defaults.
 * - Instants are int64 seconds since 1970-01-01T00:00:00Z (Unix time),
 *   within the years 1900-9999.
 * - No C++ exception crosses this boundary.
 * - Calls declared under KEFU_EXPERIMENTAL may change between minor
 *   versions; define KEFU_EXPERIMENTAL before including this header to see
 *   them.
 *
 * Example:
 *
 *   kefu_policy* policy = NULL;
 *   kefu_engine* engine = NULL;
 *   char* out = NULL;
 *   size_t out_len = 0;
 *   if (kefu_policy_load_file(&policy, path, strlen(path)) != KEFU_OK ||
 *       kefu_engine_new(&engine, policy, NULL) != KEFU_OK) {
 *     fprintf(stderr, "kefu: %s\n", kefu_last_error_message(NULL));
 *     ...
 *   }
 *   kefu_engine_ingest(NULL, engine, event, strlen(event));
 *   kefu_engine_advance(&out, &out_len, engine, 1772420400);
 *   fwrite(out, 1, out_len, stdout);  // one notification a line
 *   kefu_free(out);
 *   kefu_engine_free(engine);
 *   kefu_policy_free(policy);
 *
 * Thread safety: stated for each handle and call. In short: a kefu_policy
 * and a kefu_calendar are immutable and shared freely between threads; a
 * kefu_engine is used by one thread at a time, and distinct engines run in
 * parallel. The last error is per thread.
 */
#ifndef KEFU_H_
#define KEFU_H_

#include <stddef.h>
#include <stdint.h>

#include "kefu_version.h"

#if defined(KEFU_BUILDING_LIBRARY)
#define KEFU_API __attribute__((visibility("default")))
#else
#define KEFU_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------
 * Version
 * ------------------------------------------------------------------------ */

/* The library's version, MAJOR * 10000 + MINOR * 100 + PATCH; compare with
 * KEFU_VERSION_NUMBER. Never fails; any thread. */
KEFU_API int kefu_version_number(void);

/* The ABI major version, which is also the shared library's SONAME number;
 * a host asserts kefu_abi_version() == KEFU_ABI_VERSION. Never fails; any
 * thread. */
KEFU_API int kefu_abi_version(void);

/* ------------------------------------------------------------------------
 * Errors
 * ------------------------------------------------------------------------ */

/* Error classes. Append-only: values are never renumbered or reused. The
 * values -2 .. -6 are the C++ core's StatusCode values. */
typedef enum kefu_error {
  KEFU_OK = 0,
  KEFU_ERROR = -1,     /* unexpected: an internal error or out of memory */
  KEFU_EINVALID = -2,  /* malformed input: a bad spec, timestamp, event */
  KEFU_EPOLICY = -3,   /* the policy document is malformed or inconsistent */
  KEFU_ERANGE = -4,    /* the answer needs data the calendar does not have */
  KEFU_ENOTFOUND = -5, /* a named thing (calendar, entity, file) is absent */
  KEFU_EREFUSED = -6,  /* a well-formed event the engine cannot accept:
                          illegal transition, conflict, too late */
  KEFU_EVERSION = -7,  /* an options struct of a version this library
                          does not know */
  KEFU_ENULL = -8      /* a NULL handle or pointer where one is required */
} kefu_error;

/* The code of the calling thread's last failed call, or KEFU_OK when the
 * last status-returning call succeeded (or none was made). Any thread;
 * reads only the calling thread's state; does not clear it. */
KEFU_API int kefu_last_error_code(void);

/* The message of the calling thread's last error: never NULL; "" when
 * there is none. `len` (may be NULL) receives its length. The string is
 * NUL-terminated and owned by the library: valid until this thread's next
 * status-returning kefu call. Do not free it. */
KEFU_API const char* kefu_last_error_message(size_t* len);

/* The RFC 6901 JSON pointer of the value the last error is about ("/at",
 * "/sla/1/target"), or "" (never NULL). Ownership as for the message. */
KEFU_API const char* kefu_last_error_path(size_t* len);

/* The id of the event the last error is about ("e-7"), or "" (never
 * NULL). Ownership as for the message. */
KEFU_API const char* kefu_last_error_event(size_t* len);

/* The entity the last error is about ("order:WB123"), or "" (never
 * NULL). Ownership as for the message. */
KEFU_API const char* kefu_last_error_entity(size_t* len);

/* ------------------------------------------------------------------------
 * Memory
 * ------------------------------------------------------------------------ */

/* Releases memory the library returned (strings out). NULL is a no-op.
 * Never mix allocators: free() on a kefu string, or kefu_free() on
 * memory of your own, is undefined. Any thread. */
KEFU_API void kefu_free(void* p);

/* ------------------------------------------------------------------------
 * Policy: a company's rules, parsed, validated and compiled.
 *
 * Thread safety: a kefu_policy is immutable; any number of threads may use
 * one at once (calendars, engines). kefu_policy_free() must not race with
 * another call on the same handle. Calendars and engines made from a
 * policy keep what they need, so it may be freed before them.
 * ------------------------------------------------------------------------ */

typedef struct kefu_policy kefu_policy;

/* Parses and validates the policy document in bytes[0, len).
 * On success *out is a new policy, released with kefu_policy_free().
 * Returns KEFU_OK; KEFU_EPOLICY (the first error of the document, its JSON
 * pointer in kefu_last_error_path(); a syntax error gives its byte offset
 * in the message); KEFU_ENULL (out NULL, or bytes NULL with len > 0);
 * KEFU_ERROR. */
KEFU_API int kefu_policy_load(kefu_policy** out, const char* bytes, size_t len);

/* kefu_policy_load() of the file at path[0, path_len) (UTF-8, no NUL
 * needed). Returns as kefu_policy_load(), plus KEFU_ENOTFOUND (no such
 * file) and KEFU_EINVALID (the file cannot be read, or the path holds a
 * NUL byte). */
KEFU_API int kefu_policy_load_file(kefu_policy** out, const char* path,
                                   size_t path_len);

/* The policy's "version" string ("cn-logistics-2026.1"), as a new string
 * released with kefu_free(). Returns KEFU_OK; KEFU_ENULL (out or policy
 * NULL); KEFU_ERROR. */
KEFU_API int kefu_policy_version(char** out, size_t* out_len,
                                 const kefu_policy* policy);

/* Releases a policy. NULL is a no-op. */
KEFU_API void kefu_policy_free(kefu_policy* policy);

/* ------------------------------------------------------------------------
 * Calendar: one business calendar of a policy, and deadline arithmetic.
 *
 * A kefu_calendar shares the policy's compiled tables (no copy of them is
 * made) and keeps them alive: it stays valid after kefu_policy_free().
 *
 * Thread safety: a kefu_calendar is immutable; any number of threads may
 * use one at once.
 * ------------------------------------------------------------------------ */

typedef struct kefu_calendar kefu_calendar;

/* The calendar called name[0, len) in the policy ("office"; the built-in
 * "24x7" is always there). On success *out is a new handle, released with
 * kefu_calendar_free(). Returns KEFU_OK; KEFU_ENOTFOUND (no such calendar;
 * the message lists the names); KEFU_ENULL (out or policy NULL, or name
 * NULL with len > 0); KEFU_ERROR. */
KEFU_API int kefu_calendar_get(kefu_calendar** out, const kefu_policy* policy,
                               const char* name, size_t len);

/* Releases a calendar handle. NULL is a no-op. */
KEFU_API void kefu_calendar_free(kefu_calendar* calendar);

/* The due instant of spec[0, spec_len) counted from start_unix_seconds, in
 * *out_due (Unix seconds). The spec is written as `kefu due --duration`
 * takes it: "30m", "4h", "3wd", "15d", "1mo", or a JSON object such as
 * {"at":"17:00"} or {"day_of_month":15,"months_after":1,"at":"16:00"}.
 * Returns KEFU_OK; KEFU_EINVALID (a malformed spec: the path names the
 * member of a JSON spec; or a start outside the years 1900-9999);
 * KEFU_ERANGE (the answer needs a year the calendar's holiday data does not
 * cover); KEFU_ENULL (out_due or calendar NULL, or spec NULL with
 * spec_len > 0); KEFU_ERROR. *out_due is 0 on failure. */
KEFU_API int kefu_calendar_add(int64_t* out_due, const kefu_calendar* calendar,
                               int64_t start_unix_seconds, const char* spec,
                               size_t spec_len);

/* The open seconds of the calendar in [a, b), negative when b < a, in
 * *out_seconds. Returns KEFU_OK; KEFU_EINVALID (an instant outside the
 * years 1900-9999); KEFU_ERANGE (the span needs a year the holiday data
 * does not cover); KEFU_ENULL (out_seconds or calendar NULL); KEFU_ERROR.
 * *out_seconds is 0 on failure. */
KEFU_API int kefu_calendar_elapsed(int64_t* out_seconds,
                                   const kefu_calendar* calendar, int64_t a,
                                   int64_t b);

/* kefu_calendar_add() over an array: out_dues[i] = add(starts[i], spec)
 * for i in [0, n). The spec is parsed once. out_dues and starts may be the
 * same array; both may be NULL when n is 0.
 * On the first failing element i the call stops and returns that
 * element's code; the message starts with "starts[i]: " and the path is
 * "/i". Then out_dues[0, i) hold their dues and out_dues[i, n) are left
 * as they were. A malformed spec fails before any element is touched.
 * Returns the codes of kefu_calendar_add(), KEFU_ENULL also for out_dues
 * or starts NULL with n > 0. */
KEFU_API int kefu_calendar_add_many(int64_t* out_dues,
                                    const kefu_calendar* calendar,
                                    const int64_t* starts, size_t n,
                                    const char* spec, size_t spec_len);

/* kefu_calendar_elapsed() over arrays: out[i] = elapsed(a[i], b[i]) for i
 * in [0, n). out may alias a or b. Failure at element i as in
 * kefu_calendar_add_many() (message "a[i], b[i]: ...", path "/i";
 * out[0, i) hold their answers, out[i, n) untouched). Returns the codes of
 * kefu_calendar_elapsed(), KEFU_ENULL also for out, a or b NULL with
 * n > 0. */
KEFU_API int kefu_calendar_elapsed_many(int64_t* out,
                                        const kefu_calendar* calendar,
                                        const int64_t* a, const int64_t* b,
                                        size_t n);

/* ------------------------------------------------------------------------
 * Engine: events in, notifications out (DESIGN.md's contract).
 *
 * Deterministic: no clock inside; time moves only by event timestamps and
 * kefu_engine_advance().
 *
 * Thread safety: a kefu_engine is used by one thread at a time (calls on
 * one engine from two threads at once need the host's own lock); distinct
 * engines run in parallel, sharing policies.
 * ------------------------------------------------------------------------ */

typedef struct kefu_engine kefu_engine;

/* Options for kefu_engine_new(). No field yet but the version: fields
 * are only appended, and a caller built against an older header keeps
 * working. */
typedef struct kefu_engine_options {
  unsigned int version; /* KEFU_ENGINE_OPTIONS_VERSION */
} kefu_engine_options;

#define KEFU_ENGINE_OPTIONS_VERSION 1
#define KEFU_ENGINE_OPTIONS_INIT \
  { KEFU_ENGINE_OPTIONS_VERSION }

/* Sets *opts to the defaults of that version, for callers that cannot see
 * macros (FFI): kefu_engine_options_init(&o, KEFU_ENGINE_OPTIONS_VERSION).
 * Returns KEFU_OK; KEFU_EVERSION (version 0 or newer than this library);
 * KEFU_ENULL (opts NULL). Any thread. */
KEFU_API int kefu_engine_options_init(kefu_engine_options* opts,
                                      unsigned int version);

/* A new engine under `policy` (which may be freed afterwards: the engine
 * keeps what it needs). opts may be NULL for the defaults. On success *out
 * is the engine, released with kefu_engine_free(). Returns KEFU_OK;
 * KEFU_EVERSION (opts->version 0 or newer than this library); KEFU_ENULL
 * (out or policy NULL); KEFU_ERROR. */
KEFU_API int kefu_engine_new(kefu_engine** out, const kefu_policy* policy,
                             const kefu_engine_options* opts);

/* Releases an engine and everything it holds. NULL is a no-op. */
KEFU_API void kefu_engine_free(kefu_engine* engine);

/* Timers started from now on use `policy`; started timers keep the policy
 * they started under. Returns KEFU_OK; KEFU_ENULL; KEFU_ERROR. */
KEFU_API int kefu_engine_load_policy(kefu_engine* engine,
                                     const kefu_policy* policy);

/* Moves the open timers of older policy versions to the newest one, each
 * keeping the open time already elapsed and its pauses, its due recomputed
 * (docs/events.md, "Policies over time"); a timer whose target has no
 * matching entry there stops. *out_json (release with kefu_free()) is the
 * report, {"to_version":V,"examined":N,"unchanged":N,"changes":[...]},
 * one change per timer whose entry, due or state changed (docs/c-api.md).
 * A late breach it causes comes with the next advance. Returns KEFU_OK;
 * KEFU_ENULL; KEFU_ERROR. */
KEFU_API int kefu_engine_migrate(char** out_json, size_t* out_len,
                                 kefu_engine* engine);

/* Outcomes of an ingested event. */
typedef enum kefu_ingest_outcome {
  KEFU_INGEST_ACCEPTED = 0,
  KEFU_INGEST_DUPLICATE = 1 /* the same id and content again: ignored */
} kefu_ingest_outcome;

/* Applies one event, the JSON object in json[0, len). *out_outcome (may be
 * NULL) receives a kefu_ingest_outcome. Does not advance the clock: the
 * notifications come from kefu_engine_advance().
 * *out_outcome is untouched on failure.
 * Returns KEFU_OK; KEFU_EINVALID (the event is malformed or of a type the
 * policy does not know: the path names the field; malformed JSON gives its
 * byte offset); KEFU_ENOTFOUND (an event for an entity that does not
 * exist); KEFU_EREFUSED (an illegal transition, an id seen with other
 * content, too late). Errors name the event id and entity
 * (kefu_last_error_event(), kefu_last_error_entity()) where known, and
 * change nothing. KEFU_ENULL (engine NULL, or json NULL with len > 0);
 * KEFU_ERROR. */
KEFU_API int kefu_engine_ingest(int* out_outcome, kefu_engine* engine,
                                const char* json, size_t len);

/* Applies the events of a JSONL buffer, jsonl[0, len): one event a line,
 * in order, "\n" or "\r\n" line ends; blank lines are skipped. Like
 * kefu_engine_ingest() per line; a refused line does not stop the batch.
 * *out_results (may be NULL: no report is built) receives a JSON array,
 * released with kefu_free(), with one object per non-blank line:
 *   {"line":1,"result":"ok"}
 *   {"line":2,"result":"duplicate"}
 *   {"line":3,"result":"refused","code":-6,"error":"...","path":"/at" or
 *    null,"event":"e-3" or null,"entity":"order:WB123" or null}
 * Lines count from 1, blank lines included. out_accepted, out_duplicates
 * and out_refused (each may be NULL) receive the counts.
 * Returns KEFU_OK whatever the lines' results (read the counts); KEFU_ENULL
 * (engine NULL, or jsonl NULL with len > 0); KEFU_ERROR (then events before
 * the failure stay applied). */
KEFU_API int kefu_engine_ingest_batch(char** out_results, size_t* out_len,
                                      size_t* out_accepted,
                                      size_t* out_duplicates,
                                      size_t* out_refused, kefu_engine* engine,
                                      const char* jsonl, size_t len);

/* Moves the clock to now_unix_seconds (never back: an earlier instant
 * returns nothing) and returns the notifications due up to it, inclusive:
 * JSONL in *out_jsonl, one notification a line, each line ending in "\n",
 * in the contract's order; "" when there are none. Release with
 * kefu_free(). Returns KEFU_OK; KEFU_EINVALID (an instant outside the years
 * 1900-9999); KEFU_ENULL (out_jsonl or engine NULL); KEFU_ERROR. */
KEFU_API int kefu_engine_advance(char** out_jsonl, size_t* out_len,
                                 kefu_engine* engine, int64_t now_unix_seconds);

/* Every timer of one entity, entity[0, len) written "KIND:KEY"
 * ("order:WB123"), in start order, as a JSON array in *out_json (release
 * with kefu_free()). Each element:
 *   {"sla":"order.confirm","target":"/sla/0","entity":"order",
 *    "key":"WB123","state":"running","breached":false,
 *    "armed":"2026-03-02T09:15:00+08:00","due":"2026-03-02T10:15:00+08:00",
 *    "due_unix":1772421300,"ended":null,"calendar":"cn-24x7",
 *    "policy_version":"cn-logistics-2026.1"}
 * state is "running", "paused", "stopped" or "faulted"; instants are in
 * the offset of the timer's calendar; "ended" is when a stopped timer
 * stopped. Returns KEFU_OK; KEFU_EINVALID (entity not "KIND:KEY" with a
 * known kind: order, customer, complaint, claim); KEFU_ENOTFOUND (no such
 * entity); KEFU_ENULL; KEFU_ERROR. */
KEFU_API int kefu_engine_timers_of(char** out_json, size_t* out_len,
                                   const kefu_engine* engine,
                                   const char* entity, size_t len);

/* The open timers (running or paused) whose due is before
 * before_unix_seconds, by due, as a JSON array of the elements
 * kefu_engine_timers_of() returns. Returns KEFU_OK; KEFU_EINVALID (an
 * instant outside the years 1900-9999); KEFU_ENULL; KEFU_ERROR. */
KEFU_API int kefu_engine_due_before(char** out_json, size_t* out_len,
                                    const kefu_engine* engine,
                                    int64_t before_unix_seconds);

/* The service KPIs (KPI-1, KPI-2) of the policy's "kpi" section, per month
 * and per customer tier, computed from the engine's history: every month
 * closed so far and the month the clock is in, oldest first. One JSON
 * document in *out_json, the one `kefu replay --kpi` writes (docs/kpi.md):
 *   {"policy":"cn-logistics-2026.1","calendar":"cn-24x7","months":[
 *     {"month":"2026-10","start":"2026-10-01T00:00:00+08:00",
 *      "end":"2026-11-01T00:00:00+08:00","closed":true,"tiers":{"all":{"order_response":
 *       {"value":0.95,"numerator":19,"denominator":20,"min":0.95,
 *        "missed":false},...},"A":{...}}}]}
 * "months" is empty when the policy declares no KPIs or nothing happened
 * yet. Release with kefu_free(). Returns KEFU_OK; KEFU_ENULL (out_json or
 * engine NULL); KEFU_ERROR. */
KEFU_API int kefu_engine_kpis(char** out_json, size_t* out_len,
                              const kefu_engine* engine);

/* Claims, compensation and insurance (CL-1..CL-7, CMP-1, INS-1, INS-2).
 * Each call returns one JSON document in *out_json (release with
 * kefu_free()); every key is always present, null when it has no value;
 * amounts are integer cents in keys named *_cents. docs/c-api.md documents
 * each key. Keys in are plain entity keys ("CL-1", "WB123"), not
 * "KIND:KEY". Errors name the entity (kefu_last_error_entity()) where one
 * is concerned. On failure *out_json is NULL and *out_len 0. */

/* The claim claim[0, len) as it stands:
 *   {"claim":"CL-1","state":"signing","order":"WB1","complaint":null,
 *    "amount_cents":800000,"major":false,"insured_cargo":false,
 *    "band":{"index":2,"up_to_cents":5000000,"roles":["claims_clerk",
 *      "cs_supervisor","branch_manager"]},
 *    "signoffs":[{"role":"claims_clerk","opinion":"approve","event":"e-5"}],
 *    "next_role":"cs_supervisor","disagreement":false,
 *    "awaiting_arbitration":false,"arbitration":null,"decision":null,
 *    "in_legal":false,"legal":[],
 *    "insurer":{"submitted":false,"paid":false,"paid_cents":null},
 *    "salvage":{"value_cents":null,"disposed":false,"proceeds_cents":null},
 *    "paid_cents":null}
 * "band" is null until the claim is reported; instants (legal referrals)
 * are in UTC. Returns KEFU_OK; KEFU_EINVALID (an empty key);
 * KEFU_ENOTFOUND (no such claim); KEFU_ENULL (out_json or engine NULL, or
 * claim NULL with len > 0); KEFU_ERROR. */
KEFU_API int kefu_engine_claim(char** out_json, size_t* out_len,
                               const kefu_engine* engine, const char* claim,
                               size_t len);

/* The compensation (CMP-1) of the claim claim[0, len), from its loss_cents
 * and deduction_cents and its order's insured_value_cents,
 * declared_value_cents, freight_cents and insurability:
 *   {"claim":"CL-6","basis":"uninsured","cap_cents":60000,
 *    "before_deduction_cents":60000,"deduction_cents":30000,
 *    "amount_cents":30000,"steps":["loss 1000.00","uninsured: cap 3 x
 *    freight 200.00 = 600.00; min(loss, cap) = 600.00",...,"pay 300.00"]}
 * "basis" is "insured", "under_insured" or "uninsured"; "steps" explain
 * the arithmetic, one line a step. Returns KEFU_OK; KEFU_EINVALID (an
 * empty key; an input missing, "claim:CL-6: no loss_cents: ...", or a cap
 * that would overflow 64-bit cents, naming the attribute); KEFU_ENOTFOUND
 * (no such claim, or its order is gone); KEFU_ENULL; KEFU_ERROR. */
KEFU_API int kefu_engine_compensation(char** out_json, size_t* out_len,
                                      const kefu_engine* engine,
                                      const char* claim, size_t len);

/* Insurance eligibility (INS-1) and the high-value tracking flag (INS-2)
 * of the order order[0, len):
 *   {"order":"WB1","insured":true,"reason":"insured_with_us",
 *    "never_insurable":false,"category":"electronics",
 *    "value_cents":1500000,"value_attribute":"insured_value_cents",
 *    "tracked":true,"tracking_reason":"insured_value_cents 1500000 >
 *    1000000"}
 * Returns KEFU_OK; KEFU_EINVALID (an empty key); KEFU_ENOTFOUND (no such
 * order); KEFU_ENULL; KEFU_ERROR. */
KEFU_API int kefu_engine_insurance(char** out_json, size_t* out_len,
                                   const kefu_engine* engine, const char* order,
                                   size_t len);

/* The daily insured-cargo list (INS-2) of date[0, len), "YYYY-MM-DD", a
 * local date of the policy's insurance calendar: the insured orders
 * created that day, by creation instant then key, each the object
 * kefu_engine_insurance() returns with its customer and creation added:
 *   {"date":"2026-11-02","calendar":"cn-24x7","orders":[
 *     {"order":"WB1","customer":"C1","created":"2026-11-02T00:10:00+08:00",
 *      "created_unix":1793549400,"insured":true,...}]}
 * Returns KEFU_OK; KEFU_EINVALID (not a date YYYY-MM-DD that exists, years
 * 1900-9999); KEFU_ENULL (out_json or engine NULL, or date NULL with
 * len > 0); KEFU_ERROR. */
KEFU_API int kefu_engine_insured_cargo_list(char** out_json, size_t* out_len,
                                            const kefu_engine* engine,
                                            const char* date, size_t len);

/* ------------------------------------------------------------------------
 * Store: an engine that survives its process (docs/store.md).
 *
 * A kefu_store owns an engine and one SQLite database file (WAL mode)
 * holding the policy versions, the journal of every accepted event and
 * advance, snapshots, and the outbox of notifications. Each call that
 * changes the engine is one transaction with its effects: after a crash,
 * kefu_store_open() recovers exactly the state of the last committed call,
 * and the outbox holds every notification not yet acknowledged, without
 * gaps or repeats.
 *
 * Thread safety: a kefu_store is used by one thread at a time; distinct
 * stores (distinct files) run in parallel.
 * ------------------------------------------------------------------------ */

typedef struct kefu_store kefu_store;

/* SQLite's PRAGMA synchronous for the store's file. */
typedef enum kefu_sync {
  KEFU_SYNC_OFF = 0,    /* never fsync: fastest, a power cut may lose commits */
  KEFU_SYNC_NORMAL = 1, /* fsync at checkpoints: a process crash loses nothing */
  KEFU_SYNC_FULL = 2    /* fsync each commit: a power cut loses nothing */
} kefu_sync;

typedef struct kefu_store_options {
  unsigned int version;   /* KEFU_STORE_OPTIONS_VERSION */
  int synchronous;        /* a kefu_sync; default KEFU_SYNC_FULL */
  int64_t snapshot_every; /* journal entries between automatic snapshots;
                             0 (default): only kefu_store_snapshot() */
  int keep_snapshots;     /* snapshots kept, at least 1; default 2 */
} kefu_store_options;

#define KEFU_STORE_OPTIONS_VERSION 1
#define KEFU_STORE_OPTIONS_INIT \
  { KEFU_STORE_OPTIONS_VERSION, KEFU_SYNC_FULL, 0, 2 }

/* Sets *opts to the defaults of that version (for FFI callers).
 * Returns KEFU_OK; KEFU_EVERSION; KEFU_ENULL. Any thread. */
KEFU_API int kefu_store_options_init(kefu_store_options* opts,
                                     unsigned int version);

/* Opens the store file path[0, path_len), creating it when missing, and
 * recovers its engine (the newest valid snapshot, then the journal after
 * it). policy[0, policy_len) is a policy document: required for a new
 * file; for an existing one it may be NULL (with policy_len 0), and when it
 * differs from the version in force it is stored and loaded as a new
 * version. opts may be NULL for the defaults. On success *out is the store,
 * released with kefu_store_free().
 * Returns KEFU_OK; KEFU_EPOLICY (the policy is invalid); KEFU_ENOTFOUND (a
 * new file and no policy); KEFU_EINVALID (the file cannot be opened, is not
 * a kefu store, or is damaged beyond what recovery can work around: the
 * message says what and where); KEFU_EVERSION; KEFU_ENULL; KEFU_ERROR. */
KEFU_API int kefu_store_open(kefu_store** out, const char* path,
                             size_t path_len, const char* policy,
                             size_t policy_len, const kefu_store_options* opts);

/* Closes the file and releases the store. NULL is a no-op. */
KEFU_API void kefu_store_free(kefu_store* store);

/* Applies the events of jsonl[0, len) (one a line, as
 * kefu_engine_ingest_batch() reads them) in one transaction: the accepted
 * ones are journaled together or, on failure, none is and the engine is as
 * before the call. With replay non-zero, the clock first advances to one
 * second before each event (as `kefu replay` does) and the notifications
 * those advances release go to the outbox and to *out_jsonl; with replay 0
 * the clock is not moved and *out_jsonl is "". out_results, out_accepted,
 * out_duplicates, out_refused: as kefu_engine_ingest_batch() (each may be
 * NULL). *out_jsonl (may be NULL) is released with kefu_free().
 * Returns KEFU_OK whatever the lines' results; KEFU_EINVALID (the file
 * could not be written: nothing of the batch remains); KEFU_ENULL;
 * KEFU_ERROR. */
KEFU_API int kefu_store_ingest_batch(char** out_results, size_t* out_len,
                                     size_t* out_accepted,
                                     size_t* out_duplicates,
                                     size_t* out_refused, char** out_jsonl,
                                     size_t* out_jsonl_len, kefu_store* store,
                                     const char* jsonl, size_t len,
                                     int replay);

/* kefu_engine_advance() through the store: journaled, and the
 * notifications written to the outbox before they are returned (JSONL in
 * *out_jsonl, release with kefu_free()). Returns KEFU_OK; KEFU_EINVALID (a
 * bad instant, or the file could not be written: then nothing changed);
 * KEFU_ENULL; KEFU_ERROR. */
KEFU_API int kefu_store_advance(char** out_jsonl, size_t* out_len,
                                kefu_store* store, int64_t now_unix_seconds);

/* The notifications not yet acknowledged, by seq, as JSONL in *out_jsonl
 * (release with kefu_free()). Returns KEFU_OK; KEFU_EINVALID (the file
 * could not be read); KEFU_ENULL; KEFU_ERROR. */
KEFU_API int kefu_store_pending(char** out_jsonl, size_t* out_len,
                                kefu_store* store);

/* The host has the notifications up to seq: they leave the outbox. An
 * older seq is a no-op. Returns KEFU_OK; KEFU_EINVALID (seq was not issued
 * yet, or the file could not be written); KEFU_ENULL; KEFU_ERROR. */
KEFU_API int kefu_store_ack(kefu_store* store, int64_t seq);

/* Writes a snapshot of the engine. *out_journal_seq (may be NULL) receives
 * the journal entries it holds. Returns KEFU_OK; KEFU_EINVALID (the file
 * could not be written); KEFU_ENULL; KEFU_ERROR. */
KEFU_API int kefu_store_snapshot(int64_t* out_journal_seq, kefu_store* store);

/* Loads a new policy version, policy[0, len) (journaled; timers keep the
 * version they started under). The same document as the version in force
 * is a no-op. Returns KEFU_OK; KEFU_EPOLICY; KEFU_EINVALID; KEFU_ENULL;
 * KEFU_ERROR. */
KEFU_API int kefu_store_load_policy(kefu_store* store, const char* policy,
                                    size_t len);

/* kefu_engine_migrate() on the store's engine, journaled: recovery repeats
 * it at the same point. *out_json as there. Returns KEFU_OK; KEFU_EINVALID
 * (the file could not be written; nothing changed); KEFU_ENULL;
 * KEFU_ERROR. */
KEFU_API int kefu_store_migrate(char** out_json, size_t* out_len,
                                kefu_store* store);

/* The engine's canonical state as one JSON document in *out_json (release
 * with kefu_free()): the same bytes for the same history, as
 * `kefu state --store` prints. Returns KEFU_OK; KEFU_ENULL; KEFU_ERROR. */
KEFU_API int kefu_store_state(char** out_json, size_t* out_len,
                              const kefu_store* store);

/* Every timer of one entity of the store's engine: as
 * kefu_engine_timers_of(). */
KEFU_API int kefu_store_timers_of(char** out_json, size_t* out_len,
                                  const kefu_store* store, const char* entity,
                                  size_t len);

/* The claim and insurance queries on the store's engine: as
 * kefu_engine_claim(), kefu_engine_compensation(), kefu_engine_insurance()
 * and kefu_engine_insured_cargo_list(), KEFU_ENULL for a NULL store. */
KEFU_API int kefu_store_claim(char** out_json, size_t* out_len,
                              const kefu_store* store, const char* claim,
                              size_t len);
KEFU_API int kefu_store_compensation(char** out_json, size_t* out_len,
                                     const kefu_store* store,
                                     const char* claim, size_t len);
KEFU_API int kefu_store_insurance(char** out_json, size_t* out_len,
                                  const kefu_store* store, const char* order,
                                  size_t len);
KEFU_API int kefu_store_insured_cargo_list(char** out_json, size_t* out_len,
                                           const kefu_store* store,
                                           const char* date, size_t len);

#if defined(KEFU_EXPERIMENTAL)
/* Experimental: the shape of this JSON may change in a minor version.
 *
 * Why each timer of entity[0, len) ("order:WB123") is where it is, as an
 * indented JSON document in *out_json (release with kefu_free()): the
 * entity, its state and attributes, and per timer the target matched and
 * why, the calendar, pauses, warnings, due, state, its log and the holiday
 * notices it crossed; then the targets that did not start and why. The
 * same JSON as `kefu explain`. Returns as kefu_engine_timers_of(). */
KEFU_API int kefu_engine_explain(char** out_json, size_t* out_len,
                                 const kefu_engine* engine, const char* entity,
                                 size_t len);
#endif /* KEFU_EXPERIMENTAL */

#ifdef __cplusplus
}
#endif

#endif /* KEFU_H_ */
