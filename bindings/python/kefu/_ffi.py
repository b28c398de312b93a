"""The one module that loads libkefu and declares its C ABI to cffi.

cffi's ABI mode (``cdef`` + ``dlopen``) needs no compiler at install time,
but it trusts the declarations below blindly: a wrong one corrupts memory
instead of failing to build. So ``CDEF`` is ``capi/kefu.h`` copied
declaration by declaration (macros and comments left out, the experimental
calls included), and ``tests/python/test_ffi.py`` parses both and fails on
any difference. Change them together.

Where the library comes from, first match wins:

1. ``KEFU_LIBRARY`` in the environment, when set: that file and nothing
   else (for development against a build folder without reinstalling).
2. The path recorded when the package was built: ``setup.py`` writes the
   build-time ``KEFU_LIBRARY`` into ``kefu/_config.py``, the way a binary's
   RUNPATH records a library folder. ``scripts/python-test`` installs this
   way against the build folder it tests.
3. ``libkefu.so.<ABI>`` next to this file (a package that bundles it).
4. ``libkefu.so.<ABI>`` by SONAME through the system's loader path: the
   packaged case (``/usr/lib/<triplet>``, or ``/usr/local/lib`` after
   ``cmake --install`` and ``ldconfig``).

Whichever loads must report ``kefu_abi_version() == ABI_VERSION`` or the
import fails: these declarations describe that ABI and no other.
"""

import os

from cffi import FFI

# The ABI these declarations describe: capi/kefu.h's KEFU_ABI_VERSION, the
# number in the library's SONAME.
ABI_VERSION = 0
SONAME = f"libkefu.so.{ABI_VERSION}"

CDEF = r"""
int kefu_version_number(void);
int kefu_abi_version(void);

typedef enum kefu_error {
  KEFU_OK = 0,
  KEFU_ERROR = -1,
  KEFU_EINVALID = -2,
  KEFU_EPOLICY = -3,
  KEFU_ERANGE = -4,
  KEFU_ENOTFOUND = -5,
  KEFU_EREFUSED = -6,
  KEFU_EVERSION = -7,
  KEFU_ENULL = -8
} kefu_error;

int kefu_last_error_code(void);
const char* kefu_last_error_message(size_t* len);
const char* kefu_last_error_path(size_t* len);
const char* kefu_last_error_event(size_t* len);
const char* kefu_last_error_entity(size_t* len);

void kefu_free(void* p);

typedef struct kefu_policy kefu_policy;
int kefu_policy_load(kefu_policy** out, const char* bytes, size_t len);
int kefu_policy_load_file(kefu_policy** out, const char* path,
                          size_t path_len);
int kefu_policy_version(char** out, size_t* out_len,
                        const kefu_policy* policy);
void kefu_policy_free(kefu_policy* policy);

typedef struct kefu_calendar kefu_calendar;
int kefu_calendar_get(kefu_calendar** out, const kefu_policy* policy,
                      const char* name, size_t len);
void kefu_calendar_free(kefu_calendar* calendar);
int kefu_calendar_add(int64_t* out_due, const kefu_calendar* calendar,
                      int64_t start_unix_seconds, const char* spec,
                      size_t spec_len);
int kefu_calendar_elapsed(int64_t* out_seconds,
                          const kefu_calendar* calendar, int64_t a,
                          int64_t b);
int kefu_calendar_add_many(int64_t* out_dues, const kefu_calendar* calendar,
                           const int64_t* starts, size_t n,
                           const char* spec, size_t spec_len);
int kefu_calendar_elapsed_many(int64_t* out, const kefu_calendar* calendar,
                               const int64_t* a, const int64_t* b,
                               size_t n);

typedef struct kefu_engine kefu_engine;
typedef struct kefu_engine_options {
  unsigned int version;
} kefu_engine_options;
#define KEFU_ENGINE_OPTIONS_VERSION 1
int kefu_engine_options_init(kefu_engine_options* opts,
                             unsigned int version);
int kefu_engine_new(kefu_engine** out, const kefu_policy* policy,
                    const kefu_engine_options* opts);
void kefu_engine_free(kefu_engine* engine);
int kefu_engine_migrate(char** out_json, size_t* out_len, kefu_engine* engine);
int kefu_engine_load_policy(kefu_engine* engine, const kefu_policy* policy);

typedef enum kefu_ingest_outcome {
  KEFU_INGEST_ACCEPTED = 0,
  KEFU_INGEST_DUPLICATE = 1
} kefu_ingest_outcome;

int kefu_engine_ingest(int* out_outcome, kefu_engine* engine,
                       const char* json, size_t len);
int kefu_engine_ingest_batch(char** out_results, size_t* out_len,
                             size_t* out_accepted, size_t* out_duplicates,
                             size_t* out_refused, kefu_engine* engine,
                             const char* jsonl, size_t len);
int kefu_engine_advance(char** out_jsonl, size_t* out_len,
                        kefu_engine* engine, int64_t now_unix_seconds);
int kefu_engine_timers_of(char** out_json, size_t* out_len,
                          const kefu_engine* engine, const char* entity,
                          size_t len);
int kefu_engine_due_before(char** out_json, size_t* out_len,
                           const kefu_engine* engine,
                           int64_t before_unix_seconds);
int kefu_engine_kpis(char** out_json, size_t* out_len,
                     const kefu_engine* engine);
int kefu_engine_claim(char** out_json, size_t* out_len,
                      const kefu_engine* engine, const char* claim,
                      size_t len);
int kefu_engine_compensation(char** out_json, size_t* out_len,
                             const kefu_engine* engine, const char* claim,
                             size_t len);
int kefu_engine_insurance(char** out_json, size_t* out_len,
                          const kefu_engine* engine, const char* order,
                          size_t len);
int kefu_engine_insured_cargo_list(char** out_json, size_t* out_len,
                                   const kefu_engine* engine,
                                   const char* date, size_t len);


typedef struct kefu_store kefu_store;
typedef enum kefu_sync {
  KEFU_SYNC_OFF = 0,
  KEFU_SYNC_NORMAL = 1,
  KEFU_SYNC_FULL = 2
} kefu_sync;
typedef struct kefu_store_options {
  unsigned int version;
  int synchronous;
  int64_t snapshot_every;
  int keep_snapshots;
} kefu_store_options;
#define KEFU_STORE_OPTIONS_VERSION 1
int kefu_store_options_init(kefu_store_options* opts, unsigned int version);
int kefu_store_open(kefu_store** out, const char* path, size_t path_len,
                    const char* policy, size_t policy_len,
                    const kefu_store_options* opts);
void kefu_store_free(kefu_store* store);
int kefu_store_ingest_batch(char** out_results, size_t* out_len,
                            size_t* out_accepted, size_t* out_duplicates,
                            size_t* out_refused, char** out_jsonl,
                            size_t* out_jsonl_len, kefu_store* store,
                            const char* jsonl, size_t len, int replay);
int kefu_store_advance(char** out_jsonl, size_t* out_len, kefu_store* store,
                       int64_t now_unix_seconds);
int kefu_store_pending(char** out_jsonl, size_t* out_len, kefu_store* store);
int kefu_store_ack(kefu_store* store, int64_t seq);
int kefu_store_snapshot(int64_t* out_journal_seq, kefu_store* store);
int kefu_store_load_policy(kefu_store* store, const char* policy, size_t len);
int kefu_store_migrate(char** out_json, size_t* out_len, kefu_store* store);
int kefu_store_state(char** out_json, size_t* out_len,
                     const kefu_store* store);
int kefu_store_timers_of(char** out_json, size_t* out_len,
                         const kefu_store* store, const char* entity,
                         size_t len);
int kefu_store_claim(char** out_json, size_t* out_len, const kefu_store* store,
                     const char* claim, size_t len);
int kefu_store_compensation(char** out_json, size_t* out_len,
                            const kefu_store* store, const char* claim,
                            size_t len);
int kefu_store_insurance(char** out_json, size_t* out_len,
                         const kefu_store* store, const char* order,
                         size_t len);
int kefu_store_insured_cargo_list(char** out_json, size_t* out_len,
                                  const kefu_store* store, const char* date,
                                  size_t len);

int kefu_engine_explain(char** out_json, size_t* out_len,
                        const kefu_engine* engine, const char* entity,
                        size_t len);
"""

ffi = FFI()
ffi.cdef(CDEF)


def _recorded_library():
    try:
        from ._config import LIBRARY  # written by setup.py at build time
    except ImportError:
        return None
    return LIBRARY or None


def _candidates():
    explicit = os.environ.get("KEFU_LIBRARY")
    if explicit:
        # Explicit means explicit: no silent fallback to another copy.
        return [explicit]
    found = []
    recorded = _recorded_library()
    if recorded:
        found.append(recorded)
    bundled = os.path.join(os.path.dirname(os.path.abspath(__file__)), SONAME)
    if os.path.exists(bundled):
        found.append(bundled)
    found.append(SONAME)
    return found


def _load():
    failures = []
    for candidate in _candidates():
        try:
            loaded = ffi.dlopen(candidate)
        except OSError as e:
            failures.append(f"{candidate}: {e}")
            continue
        abi = loaded.kefu_abi_version()
        if abi != ABI_VERSION:
            raise ImportError(
                f"kefu: {candidate} implements ABI {abi}, but this package "
                f"declares ABI {ABI_VERSION}; install the matching package")
        return loaded, candidate
    raise ImportError(
        "kefu: cannot load the kefu shared library ("
        + "; ".join(failures)
        + "). Install libkefu (cmake --install BUILD, then ldconfig), "
        "reinstall this package with KEFU_LIBRARY=/path/to/" + SONAME
        + " in the environment, or set KEFU_LIBRARY at run time")


lib, LIBRARY_PATH = _load()
