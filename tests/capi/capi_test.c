/* The C ABI, exercised from C99 (-std=c99 -pedantic -Werror), as a host
 * would call it: every function, every error path (NULL handles and
 * pointers, malformed JSON, an options struct of an unknown version,
 * _free(NULL)), and the last error per thread. Run under AddressSanitizer
 * and LeakSanitizer by scripts/test: every handle and string is freed.
 *
 * KEFU_SOURCE_DIR (the repository) is a compile definition.
 */
#define KEFU_EXPERIMENTAL
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kefu.h"

#ifndef KEFU_SOURCE_DIR
#error "KEFU_SOURCE_DIR must name the repository"
#endif

static int failures = 0;

#define CHECK(cond)                                                     \
  do {                                                                  \
    if (!(cond)) {                                                      \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n  last error: %d %s\n", \
              __FILE__, __LINE__, #cond, kefu_last_error_code(),        \
              kefu_last_error_message(NULL));                           \
      ++failures;                                                       \
    }                                                                   \
  } while (0)

/* A call that must fail with `code`, leaving the thread's last error. */
#define CHECK_FAILS(call, code)                                              \
  do {                                                                       \
    int rc_ = (call);                                                        \
    if (rc_ != (code) || kefu_last_error_code() != (code) ||                 \
        kefu_last_error_message(NULL)[0] == '\0') {                          \
      fprintf(stderr, "%s:%d: %s returned %d (expected %d): %s\n", __FILE__, \
              __LINE__, #call, rc_, (code), kefu_last_error_message(NULL));  \
      ++failures;                                                            \
    }                                                                        \
  } while (0)

#define STR(s) s, sizeof(s) - 1

static const char kPolicyPath[] =
    KEFU_SOURCE_DIR "/examples/policies/reference.json";

/* Instants (Unix seconds) of the answers `kefu due` gives. */
#define T_2026_03_02_0900 ((int64_t)1772413200) /* Mon 09:00 +08:00 */
#define T_2026_03_02_1015 ((int64_t)1772417700)
#define T_2026_03_02_1400 ((int64_t)1772431200)
#define T_2026_03_02_1430 ((int64_t)1772433000)
#define T_2026_03_05_1800 ((int64_t)1772704800) /* 3wd from Mon 09:00 */
#define T_2026_09_30_1700 ((int64_t)1790758800)
#define T_2026_10_08_1130 ((int64_t)1791430200) /* 4h across National Day */
#define T_2030_03_02_0900 ((int64_t)1898643600) /* no holiday data */

static int contains(const char* haystack, const char* needle) {
  return haystack != NULL && strstr(haystack, needle) != NULL;
}

static int count_lines(const char* s, size_t len) {
  int n = 0;
  size_t i;
  for (i = 0; i < len; ++i) n += s[i] == '\n';
  return n;
}

static kefu_policy* load_reference(void) {
  kefu_policy* policy = NULL;
  CHECK(kefu_policy_load_file(&policy, kPolicyPath, strlen(kPolicyPath)) ==
        KEFU_OK);
  CHECK(policy != NULL);
  return policy;
}

static void test_version(void) {
  CHECK(kefu_version_number() == KEFU_VERSION_NUMBER);
  CHECK(kefu_abi_version() == KEFU_ABI_VERSION);
  CHECK(KEFU_VERSION_NUMBER == KEFU_VERSION_MAJOR * 10000 +
                                   KEFU_VERSION_MINOR * 100 +
                                   KEFU_VERSION_PATCH);
}

static void test_error_codes_are_stable(void) {
  /* Append-only: these values are the ABI. */
  CHECK(KEFU_OK == 0);
  CHECK(KEFU_ERROR == -1);
  CHECK(KEFU_EINVALID == -2);
  CHECK(KEFU_EPOLICY == -3);
  CHECK(KEFU_ERANGE == -4);
  CHECK(KEFU_ENOTFOUND == -5);
  CHECK(KEFU_EREFUSED == -6);
  CHECK(KEFU_EVERSION == -7);
  CHECK(KEFU_ENULL == -8);
  CHECK(KEFU_INGEST_ACCEPTED == 0);
  CHECK(KEFU_INGEST_DUPLICATE == 1);
}

static void test_free_null_is_a_no_op(void) {
  kefu_free(NULL);
  kefu_policy_free(NULL);
  kefu_calendar_free(NULL);
  kefu_engine_free(NULL);
}

static void test_last_error_is_cleared_by_success(void) {
  size_t len = 99;
  kefu_policy* policy = NULL;
  CHECK_FAILS(kefu_policy_load(NULL, STR("{}")), KEFU_ENULL);
  CHECK(kefu_last_error_message(&len) != NULL && len > 0);
  policy = load_reference();
  CHECK(kefu_last_error_code() == KEFU_OK);
  len = 99;
  CHECK(strcmp(kefu_last_error_message(&len), "") == 0 && len == 0);
  len = 99;
  CHECK(strcmp(kefu_last_error_path(&len), "") == 0 && len == 0);
  len = 99;
  CHECK(strcmp(kefu_last_error_event(&len), "") == 0 && len == 0);
  len = 99;
  CHECK(strcmp(kefu_last_error_entity(&len), "") == 0 && len == 0);
  /* The accessors accept a NULL length. */
  CHECK(kefu_last_error_message(NULL) != NULL);
  CHECK(kefu_last_error_path(NULL) != NULL);
  CHECK(kefu_last_error_event(NULL) != NULL);
  CHECK(kefu_last_error_entity(NULL) != NULL);
  kefu_policy_free(policy);
}

/* ---------------------------------------------------------------- policy */

static void test_policy_load_bytes(void) {
  static const char kDoc[] =
      "{\"version\":\"mini-1\",\"calendars\":{\"office\":{"
      "\"utc_offset\":\"+08:00\",\"week\":{\"mon\":[\"09:00-18:00\"]}}}}";
  kefu_policy* policy = NULL;
  char* version = NULL;
  size_t len = 0;
  /* No NUL terminator is needed: the length counts. */
  char buffer[sizeof kDoc + 8];
  memcpy(buffer, kDoc, sizeof kDoc - 1);
  memset(buffer + sizeof kDoc - 1, 'x', 8);
  CHECK(kefu_policy_load(&policy, buffer, sizeof kDoc - 1) == KEFU_OK);
  CHECK(kefu_policy_version(&version, &len, policy) == KEFU_OK);
  CHECK(version != NULL && len == 6 && strcmp(version, "mini-1") == 0);
  kefu_free(version);
  version = NULL;
  /* out_len may be NULL; the string is NUL-terminated. */
  CHECK(kefu_policy_version(&version, NULL, policy) == KEFU_OK);
  CHECK(version != NULL && strcmp(version, "mini-1") == 0);
  kefu_free(version);
  kefu_policy_free(policy);
}

static void test_policy_load_errors(void) {
  kefu_policy* policy = (kefu_policy*)&failures; /* must be reset to NULL */
  size_t len = 0;
  char* version = (char*)&failures;

  /* Malformed JSON: a syntax error with its byte offset. */
  CHECK_FAILS(kefu_policy_load(&policy, STR("{\"version\": ")), KEFU_EPOLICY);
  CHECK(policy == NULL);
  CHECK(contains(kefu_last_error_message(NULL), "byte"));

  /* A valid document with an invalid value: the JSON pointer names it. */
  CHECK_FAILS(
      kefu_policy_load(&policy, STR("{\"version\":\"x\",\"calendars\":{\"o\":{"
                                    "\"utc_offset\":\"+08:00\",\"week\":{"
                                    "\"mon\":[\"18:00-09:00\"]}}}}")),
      KEFU_EPOLICY);
  CHECK(strcmp(kefu_last_error_path(&len), "/calendars/o/week/mon/0") == 0);
  CHECK(len == strlen("/calendars/o/week/mon/0"));

  /* Empty input is not a policy (a NULL pointer is fine when len is 0). */
  CHECK_FAILS(kefu_policy_load(&policy, NULL, 0), KEFU_EPOLICY);

  /* NULL where a pointer is required. */
  CHECK_FAILS(kefu_policy_load(NULL, STR("{}")), KEFU_ENULL);
  CHECK_FAILS(kefu_policy_load(&policy, NULL, 3), KEFU_ENULL);
  CHECK(policy == NULL);
  CHECK_FAILS(kefu_policy_load_file(NULL, STR("x.json")), KEFU_ENULL);
  CHECK_FAILS(kefu_policy_load_file(&policy, NULL, 4), KEFU_ENULL);
  CHECK_FAILS(kefu_policy_version(NULL, &len, NULL), KEFU_ENULL);
  CHECK_FAILS(kefu_policy_version(&version, &len, NULL), KEFU_ENULL);
  CHECK(version == NULL && len == 0);

  /* Files. */
  CHECK_FAILS(kefu_policy_load_file(&policy, STR("/nonexistent/p.json")),
              KEFU_ENOTFOUND);
  CHECK(contains(kefu_last_error_message(NULL), "/nonexistent/p.json"));
  CHECK_FAILS(kefu_policy_load_file(&policy, STR("a\0b.json")), KEFU_EINVALID);
  CHECK(policy == NULL);
  /* The path needs no NUL: a longer buffer, cut by the length. */
  CHECK(kefu_policy_load_file(&policy, kPolicyPath, sizeof kPolicyPath - 1) ==
        KEFU_OK);
  kefu_policy_free(policy);
}

/* -------------------------------------------------------------- calendar */

static void test_calendar_add_and_elapsed(void) {
  kefu_policy* policy = load_reference();
  kefu_calendar* office = NULL;
  kefu_calendar* always = NULL;
  int64_t due = 0;
  int64_t open = 0;
  CHECK(kefu_calendar_get(&office, policy, STR("office")) == KEFU_OK);
  CHECK(kefu_calendar_get(&always, policy, STR("24x7")) == KEFU_OK);
  /* The calendar keeps its tables alive: the policy may go first. */
  kefu_policy_free(policy);

  CHECK(kefu_calendar_add(&due, office, T_2026_03_02_0900, STR("3wd")) ==
        KEFU_OK);
  CHECK(due == T_2026_03_05_1800);
  CHECK(kefu_calendar_add(&due, office, T_2026_03_02_0900, STR("4h")) ==
        KEFU_OK);
  CHECK(due == T_2026_03_02_1430);
  /* Across the National Day holiday of 2026. */
  CHECK(kefu_calendar_add(&due, office, T_2026_09_30_1700, STR("4h")) ==
        KEFU_OK);
  CHECK(due == T_2026_10_08_1130);
  /* JSON specs, as `kefu due --duration` takes them. */
  CHECK(kefu_calendar_add(&due, office, T_2026_03_02_0900,
                          STR("{\"at\":\"17:00\"}")) == KEFU_OK);
  CHECK(due == T_2026_03_02_0900 + 8 * 3600);
  CHECK(kefu_calendar_add(&due, office, T_2026_03_02_0900, STR("\"3wd\"")) ==
        KEFU_OK);
  CHECK(due == T_2026_03_05_1800);
  CHECK(kefu_calendar_add(&due, always, 0, STR("1h")) == KEFU_OK);
  CHECK(due == 3600);

  CHECK(kefu_calendar_elapsed(&open, office, T_2026_03_02_0900,
                              T_2026_03_02_1400) == KEFU_OK);
  CHECK(open == 12600);
  CHECK(kefu_calendar_elapsed(&open, office, T_2026_03_02_1400,
                              T_2026_03_02_0900) == KEFU_OK);
  CHECK(open == -12600);
  kefu_calendar_free(always);
  kefu_calendar_free(office);
}

static void test_calendar_errors(void) {
  kefu_policy* policy = load_reference();
  kefu_calendar* office = NULL;
  kefu_calendar* none = (kefu_calendar*)&failures;
  int64_t due = 42;
  int64_t open = 42;
  CHECK(kefu_calendar_get(&office, policy, STR("office")) == KEFU_OK);

  CHECK_FAILS(kefu_calendar_get(&none, policy, STR("nope")), KEFU_ENOTFOUND);
  CHECK(none == NULL);
  CHECK(contains(kefu_last_error_message(NULL), "office"));
  CHECK_FAILS(kefu_calendar_get(NULL, policy, STR("office")), KEFU_ENULL);
  CHECK_FAILS(kefu_calendar_get(&none, NULL, STR("office")), KEFU_ENULL);
  CHECK_FAILS(kefu_calendar_get(&none, policy, NULL, 6), KEFU_ENULL);

  /* Malformed specs; a JSON spec's error names the member. */
  CHECK_FAILS(kefu_calendar_add(&due, office, T_2026_03_02_0900, STR("3 days")),
              KEFU_EINVALID);
  CHECK(due == 0);
  CHECK_FAILS(kefu_calendar_add(&due, office, T_2026_03_02_0900,
                                STR("{\"at\":\"25:00\"}")),
              KEFU_EINVALID);
  CHECK(strcmp(kefu_last_error_path(NULL), "/at") == 0);
  CHECK_FAILS(
      kefu_calendar_add(&due, office, T_2026_03_02_0900, STR("{\"at\":")),
      KEFU_EINVALID);
  CHECK_FAILS(kefu_calendar_add(&due, office, T_2026_03_02_0900, NULL, 0),
              KEFU_EINVALID);
  /* Outside the bundled holiday data; outside the years kefu accepts. */
  CHECK_FAILS(kefu_calendar_add(&due, office, T_2030_03_02_0900, STR("3wd")),
              KEFU_ERANGE);
  CHECK(contains(kefu_last_error_message(NULL), "2030"));
  CHECK_FAILS(kefu_calendar_add(&due, office, INT64_MAX, STR("1h")),
              KEFU_EINVALID);
  CHECK_FAILS(kefu_calendar_add(&due, office, INT64_MIN, STR("1h")),
              KEFU_EINVALID);
  CHECK_FAILS(kefu_calendar_elapsed(&open, office, T_2026_03_02_0900,
                                    T_2030_03_02_0900),
              KEFU_ERANGE);
  CHECK(open == 0);
  CHECK_FAILS(kefu_calendar_elapsed(&open, office, INT64_MIN, 0),
              KEFU_EINVALID);

  /* Found by fuzzing (tests/fuzz/capi_fuzz.cc, an entity name given to
   * kefu_engine_timers_of): a message quoting the caller's bytes held them
   * as they were, invalid UTF-8 and NUL included. Messages are UTF-8 with
   * no NUL: the bad bytes become U+FFFD, the NUL "\0". */
  {
    static const char spec[] = "*\313\313\313\313\313\3130\"0:0\0";
    size_t len = 0;
    const char* message;
    CHECK_FAILS(kefu_calendar_add(&due, office, T_2026_03_02_0900, spec,
                                  sizeof spec - 1),
                KEFU_EINVALID);
    message = kefu_last_error_message(&len);
    CHECK(strlen(message) == len);
    CHECK(contains(message, "got \"*\xEF\xBF\xBD\xEF\xBF\xBD"));
    CHECK(contains(message, "0:0\\0\""));
  }

  CHECK_FAILS(kefu_calendar_add(NULL, office, 0, STR("1h")), KEFU_ENULL);
  CHECK_FAILS(kefu_calendar_add(&due, NULL, 0, STR("1h")), KEFU_ENULL);
  CHECK_FAILS(kefu_calendar_add(&due, office, 0, NULL, 2), KEFU_ENULL);
  CHECK_FAILS(kefu_calendar_elapsed(NULL, office, 0, 1), KEFU_ENULL);
  CHECK_FAILS(kefu_calendar_elapsed(&open, NULL, 0, 1), KEFU_ENULL);

  kefu_calendar_free(office);
  kefu_policy_free(policy);
}

static void test_calendar_many(void) {
  kefu_policy* policy = load_reference();
  kefu_calendar* office = NULL;
  int64_t starts[3];
  int64_t dues[3];
  int64_t a[2];
  int64_t b[2];
  int64_t open[2];
  CHECK(kefu_calendar_get(&office, policy, STR("office")) == KEFU_OK);
  kefu_policy_free(policy);

  starts[0] = T_2026_03_02_0900;
  starts[1] = T_2026_09_30_1700;
  starts[2] = T_2026_03_02_0900;
  CHECK(kefu_calendar_add_many(dues, office, starts, 3, STR("4h")) == KEFU_OK);
  CHECK(dues[0] == T_2026_03_02_1430);
  CHECK(dues[1] == T_2026_10_08_1130);
  CHECK(dues[2] == T_2026_03_02_1430);
  /* In place. */
  CHECK(kefu_calendar_add_many(starts, office, starts, 3, STR("3wd")) ==
        KEFU_OK);
  CHECK(starts[0] == T_2026_03_05_1800 && starts[2] == T_2026_03_05_1800);
  /* Nothing to do: NULL arrays are fine. */
  CHECK(kefu_calendar_add_many(NULL, office, NULL, 0, STR("3wd")) == KEFU_OK);
  CHECK(kefu_calendar_elapsed_many(NULL, office, NULL, NULL, 0) == KEFU_OK);

  /* The first failing element: its index in message and path; the
   * elements before it hold their answers, the rest are untouched. */
  starts[0] = T_2026_03_02_0900;
  starts[1] = T_2030_03_02_0900;
  starts[2] = T_2026_03_02_0900;
  dues[0] = dues[1] = dues[2] = -1;
  CHECK_FAILS(kefu_calendar_add_many(dues, office, starts, 3, STR("3wd")),
              KEFU_ERANGE);
  CHECK(contains(kefu_last_error_message(NULL), "starts[1]: "));
  CHECK(strcmp(kefu_last_error_path(NULL), "/1") == 0);
  CHECK(dues[0] == T_2026_03_05_1800 && dues[1] == -1 && dues[2] == -1);
  /* A malformed spec fails before any element. */
  dues[0] = -1;
  CHECK_FAILS(kefu_calendar_add_many(dues, office, starts, 3, STR("3x")),
              KEFU_EINVALID);
  CHECK(dues[0] == -1);

  a[0] = T_2026_03_02_0900;
  b[0] = T_2026_03_02_1400;
  a[1] = T_2026_03_02_1400;
  b[1] = T_2026_03_02_0900;
  CHECK(kefu_calendar_elapsed_many(open, office, a, b, 2) == KEFU_OK);
  CHECK(open[0] == 12600 && open[1] == -12600);
  b[1] = T_2030_03_02_0900;
  open[1] = 7;
  CHECK_FAILS(kefu_calendar_elapsed_many(open, office, a, b, 2), KEFU_ERANGE);
  CHECK(contains(kefu_last_error_message(NULL), "a[1], b[1]: "));
  CHECK(strcmp(kefu_last_error_path(NULL), "/1") == 0);
  CHECK(open[0] == 12600 && open[1] == 7);

  CHECK_FAILS(kefu_calendar_add_many(dues, NULL, starts, 3, STR("1h")),
              KEFU_ENULL);
  CHECK_FAILS(kefu_calendar_add_many(NULL, office, starts, 3, STR("1h")),
              KEFU_ENULL);
  CHECK_FAILS(kefu_calendar_add_many(dues, office, NULL, 3, STR("1h")),
              KEFU_ENULL);
  CHECK_FAILS(kefu_calendar_add_many(dues, office, starts, 3, NULL, 2),
              KEFU_ENULL);
  CHECK_FAILS(kefu_calendar_elapsed_many(open, NULL, a, b, 2), KEFU_ENULL);
  CHECK_FAILS(kefu_calendar_elapsed_many(NULL, office, a, b, 2), KEFU_ENULL);
  CHECK_FAILS(kefu_calendar_elapsed_many(open, office, NULL, b, 2), KEFU_ENULL);
  CHECK_FAILS(kefu_calendar_elapsed_many(open, office, a, NULL, 2), KEFU_ENULL);
  kefu_calendar_free(office);
}

/* ---------------------------------------------------------------- engine */

static const char kCreated[] =
    "{\"id\":\"e-1\",\"type\":\"order.created\","
    "\"at\":\"2026-03-02T09:15:00+08:00\",\"order\":\"WB123\","
    "\"attrs\":{\"tier\":\"C\"}}";

static void test_engine_options(void) {
  kefu_engine_options opts = KEFU_ENGINE_OPTIONS_INIT;
  kefu_engine_options fresh;
  kefu_policy* policy = load_reference();
  kefu_engine* engine = (kefu_engine*)&failures;
  CHECK(opts.version == KEFU_ENGINE_OPTIONS_VERSION);
  CHECK(kefu_engine_options_init(&fresh, KEFU_ENGINE_OPTIONS_VERSION) ==
        KEFU_OK);
  CHECK(fresh.version == KEFU_ENGINE_OPTIONS_VERSION);
  CHECK_FAILS(kefu_engine_options_init(&fresh, 0), KEFU_EVERSION);
  CHECK_FAILS(kefu_engine_options_init(&fresh, KEFU_ENGINE_OPTIONS_VERSION + 1),
              KEFU_EVERSION);
  CHECK_FAILS(kefu_engine_options_init(NULL, KEFU_ENGINE_OPTIONS_VERSION),
              KEFU_ENULL);

  CHECK(kefu_engine_new(&engine, policy, &opts) == KEFU_OK);
  kefu_engine_free(engine);
  engine = (kefu_engine*)&failures;
  /* An options struct from a newer (or broken) caller. */
  opts.version = KEFU_ENGINE_OPTIONS_VERSION + 1;
  CHECK_FAILS(kefu_engine_new(&engine, policy, &opts), KEFU_EVERSION);
  CHECK(engine == NULL);
  opts.version = 0;
  CHECK_FAILS(kefu_engine_new(&engine, policy, &opts), KEFU_EVERSION);
  CHECK_FAILS(kefu_engine_new(NULL, policy, NULL), KEFU_ENULL);
  CHECK_FAILS(kefu_engine_new(&engine, NULL, NULL), KEFU_ENULL);
  CHECK(engine == NULL);
  kefu_policy_free(policy);
}

static void test_engine_ingest_and_advance(void) {
  kefu_policy* policy = load_reference();
  kefu_engine* engine = NULL;
  int outcome = -1;
  char* out = NULL;
  size_t len = 0;
  CHECK(kefu_engine_new(&engine, policy, NULL) == KEFU_OK);
  /* The engine keeps what it needs. */
  kefu_policy_free(policy);

  CHECK(kefu_engine_ingest(&outcome, engine, STR(kCreated)) == KEFU_OK);
  CHECK(outcome == KEFU_INGEST_ACCEPTED);
  CHECK(kefu_engine_ingest(&outcome, engine, STR(kCreated)) == KEFU_OK);
  CHECK(outcome == KEFU_INGEST_DUPLICATE);
  /* out_outcome may be NULL. */
  CHECK(kefu_engine_ingest(NULL, engine, STR(kCreated)) == KEFU_OK);

  /* Up to 10:15 inclusive: the two warnings and the breach of
   * order.confirm (1h, warn at 0.5 and 0.8). */
  CHECK(kefu_engine_advance(&out, &len, engine, T_2026_03_02_1015) == KEFU_OK);
  CHECK(out != NULL && count_lines(out, len) == 3 && out[len] == '\0');
  CHECK(contains(out,
                 "{\"kind\":\"warning\",\"seq\":1,\"at\":\"2026-03-02T09:45:"
                 "00+08:00\",\"sla\":\"order.confirm\""));
  CHECK(contains(out, "\"kind\":\"breach\",\"seq\":3"));
  kefu_free(out);
  out = NULL;
  /* Nothing more; the clock never goes back. */
  CHECK(kefu_engine_advance(&out, &len, engine, T_2026_03_02_1015) == KEFU_OK);
  CHECK(out != NULL && len == 0 && strcmp(out, "") == 0);
  kefu_free(out);
  out = NULL;
  CHECK(kefu_engine_advance(&out, NULL, engine, 0) == KEFU_OK);
  CHECK(out != NULL && out[0] == '\0');
  kefu_free(out);
  kefu_engine_free(engine);
}

static void test_engine_ingest_errors(void) {
  kefu_policy* policy = load_reference();
  kefu_engine* engine = NULL;
  int outcome = 77;
  char* out = (char*)&failures;
  size_t len = 5;
  CHECK(kefu_engine_new(&engine, policy, NULL) == KEFU_OK);
  CHECK(kefu_engine_ingest(&outcome, engine, STR(kCreated)) == KEFU_OK);
  outcome = 77;

  /* Malformed JSON. */
  CHECK_FAILS(kefu_engine_ingest(&outcome, engine, STR("{not json")),
              KEFU_EINVALID);
  CHECK(outcome == 77);
  CHECK(contains(kefu_last_error_message(NULL), "byte"));
  CHECK_FAILS(kefu_engine_ingest(&outcome, engine, NULL, 0), KEFU_EINVALID);
  /* A bad field: the path names it, the error names event and entity. */
  CHECK_FAILS(kefu_engine_ingest(
                  &outcome, engine,
                  STR("{\"id\":\"e-5\",\"type\":\"order.confirmed\",\"at\":"
                      "\"2026-03-02T09:20:00\",\"order\":\"WB123\"}")),
              KEFU_EINVALID);
  CHECK(strcmp(kefu_last_error_path(&len), "/at") == 0 && len == 3);
  CHECK(strcmp(kefu_last_error_event(&len), "e-5") == 0 && len == 3);
  CHECK(strcmp(kefu_last_error_entity(NULL), "order:WB123") == 0);
  /* A type the policy does not know. */
  CHECK_FAILS(kefu_engine_ingest(
                  &outcome, engine,
                  STR("{\"id\":\"e-4\",\"type\":\"order.bogus\",\"at\":"
                      "\"2026-03-02T09:20:00+08:00\",\"order\":\"WB123\"}")),
              KEFU_EINVALID);
  CHECK(strcmp(kefu_last_error_path(NULL), "/type") == 0);
  /* An illegal transition. */
  CHECK_FAILS(kefu_engine_ingest(
                  &outcome, engine,
                  STR("{\"id\":\"e-2\",\"type\":\"order.signed\",\"at\":"
                      "\"2026-03-02T09:20:00+08:00\",\"order\":\"WB123\"}")),
              KEFU_EREFUSED);
  CHECK(strcmp(kefu_last_error_event(NULL), "e-2") == 0);
  CHECK(contains(kefu_last_error_message(NULL), "state created"));
  /* The same id with other content. */
  CHECK_FAILS(kefu_engine_ingest(
                  &outcome, engine,
                  STR("{\"id\":\"e-1\",\"type\":\"order.created\",\"at\":"
                      "\"2026-03-02T09:15:00+08:00\",\"order\":\"WB123\","
                      "\"attrs\":{\"tier\":\"B\"}}")),
              KEFU_EREFUSED);
  /* No such entity. */
  CHECK_FAILS(kefu_engine_ingest(
                  &outcome, engine,
                  STR("{\"id\":\"e-3\",\"type\":\"order.confirmed\",\"at\":"
                      "\"2026-03-02T09:20:00+08:00\",\"order\":\"WB999\"}")),
              KEFU_ENOTFOUND);
  CHECK(strcmp(kefu_last_error_entity(NULL), "order:WB999") == 0);

  CHECK_FAILS(kefu_engine_ingest(&outcome, NULL, STR(kCreated)), KEFU_ENULL);
  CHECK_FAILS(kefu_engine_ingest(&outcome, engine, NULL, 4), KEFU_ENULL);
  CHECK(outcome == 77);

  CHECK_FAILS(kefu_engine_advance(&out, &len, NULL, 0), KEFU_ENULL);
  CHECK(out == NULL && len == 0);
  CHECK_FAILS(kefu_engine_advance(NULL, &len, engine, 0), KEFU_ENULL);
  CHECK_FAILS(kefu_engine_advance(&out, &len, engine, INT64_MAX),
              KEFU_EINVALID);
  CHECK(out == NULL);

  CHECK_FAILS(kefu_engine_load_policy(NULL, policy), KEFU_ENULL);
  CHECK_FAILS(kefu_engine_load_policy(engine, NULL), KEFU_ENULL);
  kefu_engine_free(engine);
  kefu_policy_free(policy);
}

static void test_engine_ingest_batch(void) {
  static const char kBatch[] =
      "{\"id\":\"e-1\",\"type\":\"order.created\",\"at\":\"2026-03-02T09:15:"
      "00+08:00\",\"order\":\"WB123\",\"attrs\":{\"tier\":\"C\"}}\n"
      "\n"
      "{\"id\":\"e-1\",\"type\":\"order.created\",\"at\":\"2026-03-02T09:15:"
      "00+08:00\",\"order\":\"WB123\",\"attrs\":{\"tier\":\"C\"}}\r\n"
      "{\"id\":\"e-2\",\"type\":\"order.signed\",\"at\":\"2026-03-02T09:20:"
      "00+08:00\",\"order\":\"WB123\"}\n"
      "{not json\n"
      "{\"id\":\"e-3\",\"type\":\"order.confirmed\",\"at\":\"2026-03-02T09:"
      "20:00+08:00\",\"order\":\"WB123\"}";
  kefu_policy* policy = load_reference();
  kefu_engine* engine = NULL;
  char* results = NULL;
  size_t len = 0;
  size_t accepted = 9, duplicates = 9, refused = 9;
  CHECK(kefu_engine_new(&engine, policy, NULL) == KEFU_OK);

  CHECK(kefu_engine_ingest_batch(&results, &len, &accepted, &duplicates,
                                 &refused, engine, STR(kBatch)) == KEFU_OK);
  CHECK(accepted == 2 && duplicates == 1 && refused == 2);
  CHECK(results != NULL && strlen(results) == len);
  CHECK(contains(results,
                 "[{\"line\":1,\"result\":\"ok\"},"
                 "{\"line\":3,\"result\":\"duplicate\"},"
                 "{\"line\":4,\"result\":\"refused\",\"code\":-6,"));
  CHECK(contains(results, "\"event\":\"e-2\",\"entity\":\"order:WB123\"}"));
  CHECK(contains(results, "{\"line\":5,\"result\":\"refused\",\"code\":-2,"));
  CHECK(contains(results, "\"path\":null,\"event\":null,\"entity\":null}"));
  CHECK(contains(results, "{\"line\":6,\"result\":\"ok\"}]"));
  kefu_free(results);
  results = NULL;

  /* Counts only, no report; an empty batch. */
  CHECK(kefu_engine_ingest_batch(NULL, NULL, &accepted, NULL, NULL, engine,
                                 STR(kBatch)) == KEFU_OK);
  CHECK(accepted == 0);
  CHECK(kefu_engine_ingest_batch(&results, &len, NULL, NULL, &refused, engine,
                                 NULL, 0) == KEFU_OK);
  CHECK(results != NULL && strcmp(results, "[]") == 0 && len == 2);
  CHECK(refused == 0);
  kefu_free(results);
  results = (char*)&failures;

  CHECK_FAILS(kefu_engine_ingest_batch(&results, &len, NULL, NULL, NULL, NULL,
                                       STR(kBatch)),
              KEFU_ENULL);
  CHECK(results == NULL && len == 0);
  CHECK_FAILS(kefu_engine_ingest_batch(&results, &len, NULL, NULL, NULL, engine,
                                       NULL, 10),
              KEFU_ENULL);
  kefu_engine_free(engine);
  kefu_policy_free(policy);
}

static void test_engine_queries(void) {
  kefu_policy* policy = load_reference();
  kefu_engine* engine = NULL;
  char* out = NULL;
  size_t len = 0;
  CHECK(kefu_engine_new(&engine, policy, NULL) == KEFU_OK);
  CHECK(kefu_engine_ingest(NULL, engine, STR(kCreated)) == KEFU_OK);

  CHECK(kefu_engine_timers_of(&out, &len, engine, STR("order:WB123")) ==
        KEFU_OK);
  CHECK(out != NULL && strlen(out) == len);
  CHECK(contains(out,
                 "[{\"sla\":\"order.confirm\",\"target\":\"/sla/0\","
                 "\"entity\":\"order\",\"key\":\"WB123\",\"state\":"
                 "\"running\",\"breached\":false,\"armed\":\"2026-03-"
                 "02T09:15:00+08:00\",\"due\":\"2026-03-02T10:15:00+08:"
                 "00\",\"due_unix\":1772417700,\"ended\":null,"
                 "\"calendar\":\"cn-24x7\",\"policy_version\":"
                 "\"cn-logistics-2026.1\"}"));
  kefu_free(out);
  out = NULL;

  CHECK(kefu_engine_due_before(&out, &len, engine, T_2026_03_02_1015 + 1) ==
        KEFU_OK);
  CHECK(contains(out, "\"sla\":\"order.confirm\""));
  kefu_free(out);
  out = NULL;
  CHECK(kefu_engine_due_before(&out, &len, engine, T_2026_03_02_1015) ==
        KEFU_OK);
  CHECK(out != NULL && strcmp(out, "[]") == 0);
  kefu_free(out);
  out = NULL;

  CHECK(kefu_engine_explain(&out, &len, engine, STR("order:WB123")) == KEFU_OK);
  CHECK(contains(out, "\"key\": \"WB123\""));
  CHECK(contains(out, "\"why\""));
  kefu_free(out);
  out = (char*)&failures;

  /* Errors: no such entity, a malformed reference, NULLs. */
  CHECK_FAILS(kefu_engine_timers_of(&out, &len, engine, STR("order:WB999")),
              KEFU_ENOTFOUND);
  CHECK(out == NULL && len == 0);
  CHECK_FAILS(kefu_engine_timers_of(&out, &len, engine, STR("WB123")),
              KEFU_EINVALID);
  CHECK_FAILS(kefu_engine_timers_of(&out, &len, engine, STR("parcel:WB123")),
              KEFU_EINVALID);
  CHECK_FAILS(kefu_engine_timers_of(&out, &len, engine, STR("order:")),
              KEFU_EINVALID);
  CHECK_FAILS(kefu_engine_timers_of(&out, &len, engine, NULL, 0),
              KEFU_EINVALID);
  CHECK_FAILS(kefu_engine_timers_of(&out, &len, engine, NULL, 3), KEFU_ENULL);
  CHECK_FAILS(kefu_engine_timers_of(&out, &len, NULL, STR("order:WB123")),
              KEFU_ENULL);
  CHECK_FAILS(kefu_engine_timers_of(NULL, &len, engine, STR("order:WB123")),
              KEFU_ENULL);
  CHECK_FAILS(kefu_engine_due_before(&out, &len, NULL, 0), KEFU_ENULL);
  CHECK_FAILS(kefu_engine_due_before(NULL, &len, engine, 0), KEFU_ENULL);
  CHECK_FAILS(kefu_engine_due_before(&out, &len, engine, INT64_MIN),
              KEFU_EINVALID);
  CHECK_FAILS(kefu_engine_explain(&out, &len, engine, STR("order:WB999")),
              KEFU_ENOTFOUND);
  CHECK_FAILS(kefu_engine_explain(&out, &len, engine, STR("nope")),
              KEFU_EINVALID);
  CHECK_FAILS(kefu_engine_explain(&out, &len, NULL, STR("order:WB123")),
              KEFU_ENULL);
  CHECK_FAILS(kefu_engine_explain(NULL, &len, engine, STR("order:WB123")),
              KEFU_ENULL);
  CHECK_FAILS(kefu_engine_explain(&out, &len, engine, NULL, 2), KEFU_ENULL);
  CHECK(out == NULL);
  kefu_engine_free(engine);
  kefu_policy_free(policy);
}

/* A second policy: order.confirm only, with a 4h target. */
static const char kLax[] =
    "{\"version\":\"lax-1\",\"sla\":[{\"id\":\"order.confirm\","
    "\"entity\":\"order\",\"start\":\"order.created\","
    "\"stop\":\"order.confirmed\",\"target\":\"4h\","
    "\"calendar\":\"24x7\"}]}";

static void test_engine_load_policy(void) {
  kefu_policy* reference = load_reference();
  kefu_policy* lax = NULL;
  kefu_engine* engine = NULL;
  char* out = NULL;
  size_t len = 0;
  CHECK(kefu_policy_load(&lax, STR(kLax)) == KEFU_OK);
  CHECK(kefu_engine_new(&engine, reference, NULL) == KEFU_OK);
  CHECK(kefu_engine_load_policy(engine, lax) == KEFU_OK);
  kefu_policy_free(lax);
  CHECK(kefu_engine_ingest(NULL, engine, STR(kCreated)) == KEFU_OK);
  CHECK(kefu_engine_timers_of(&out, &len, engine, STR("order:WB123")) ==
        KEFU_OK);
  CHECK(contains(out, "\"policy_version\":\"lax-1\""));
  CHECK(contains(out, "\"due\":\"2026-03-02T05:15:00+00:00\""));
  kefu_free(out);
  kefu_engine_free(engine);
  kefu_policy_free(reference);
}

/* Migrating moves WB123's open confirmation (1h, due 10:15) to lax-1's 4h
 * entry: due 13:15, reported; a second call finds nothing. */
static void test_engine_migrate(void) {
  kefu_policy* reference = load_reference();
  kefu_policy* lax = NULL;
  kefu_engine* engine = NULL;
  char* out = NULL;
  size_t len = 0;
  CHECK(kefu_policy_load(&lax, STR(kLax)) == KEFU_OK);
  CHECK(kefu_engine_new(&engine, reference, NULL) == KEFU_OK);
  CHECK(kefu_engine_ingest(NULL, engine, STR(kCreated)) == KEFU_OK);
  CHECK(kefu_engine_load_policy(engine, lax) == KEFU_OK);
  kefu_policy_free(lax);
  CHECK(kefu_engine_migrate(&out, &len, engine) == KEFU_OK);
  CHECK(out != NULL && len == strlen(out));
  CHECK(contains(out, "{\"to_version\":\"lax-1\",\"examined\":"));
  CHECK(contains(out, "{\"entity\":\"order\",\"key\":\"WB123\",\"sla\":\"order.confirm\","
                      "\"what\":\"retargeted\",\"from_version\":\"cn-logistics-2026.1\""));
  CHECK(contains(out, "\"due_before\":\"2026-03-02T10:15:00+08:00\","
                      "\"due_after\":\"2026-03-02T13:15:00+08:00\",\"late_breach\":false"));
  kefu_free(out);
  CHECK(kefu_engine_timers_of(&out, &len, engine, STR("order:WB123")) == KEFU_OK);
  CHECK(contains(out, "\"policy_version\":\"lax-1\""));
  kefu_free(out);
  CHECK(kefu_engine_migrate(&out, NULL, engine) == KEFU_OK);
  CHECK(strcmp(out, "{\"to_version\":\"lax-1\",\"examined\":0,\"unchanged\":0,"
                    "\"changes\":[]}") == 0);
  kefu_free(out);
  CHECK_FAILS(kefu_engine_migrate(NULL, &len, engine), KEFU_ENULL);
  CHECK_FAILS(kefu_engine_migrate(&out, &len, NULL), KEFU_ENULL);
  CHECK(out == NULL && len == 0);
  kefu_engine_free(engine);
  kefu_policy_free(reference);
}

/* ---------------------------------------------------------------- threads */

struct thread_job {
  const kefu_calendar* calendar;
  int ok;
  int last_error_code;
};

/* Another thread sees its own last error, and shares the calendar. */
static void* thread_main(void* arg) {
  struct thread_job* job = (struct thread_job*)arg;
  int64_t due = 0;
  int i;
  job->last_error_code = kefu_last_error_code();
  job->ok = 1;
  for (i = 0; i < 1000; ++i) {
    if (kefu_calendar_add(&due, job->calendar, T_2026_03_02_0900, STR("3wd")) !=
            KEFU_OK ||
        due != T_2026_03_05_1800)
      job->ok = 0;
  }
  return NULL;
}

static void test_engine_kpis(void) {
  /* October 2026: WB1 confirmed in 30 minutes, WB2 in 90 (ORD-1's hour
   * missed): order response 1 of 2, a missed KPI-1 figure. */
  static const char events[] =
      "{\"id\":\"k-1\",\"type\":\"order.created\",\"at\":\"2026-10-12T10:00:00+08:00\","
      "\"order\":\"WB1\",\"attrs\":{\"tier\":\"C\"}}\n"
      "{\"id\":\"k-2\",\"type\":\"order.confirmed\",\"at\":\"2026-10-12T10:30:00+08:00\","
      "\"order\":\"WB1\"}\n"
      "{\"id\":\"k-3\",\"type\":\"order.created\",\"at\":\"2026-10-12T11:00:00+08:00\","
      "\"order\":\"WB2\",\"attrs\":{\"tier\":\"C\"}}\n"
      "{\"id\":\"k-4\",\"type\":\"order.confirmed\",\"at\":\"2026-10-12T12:30:00+08:00\","
      "\"order\":\"WB2\"}\n";
  kefu_policy* policy = load_reference();
  kefu_engine* engine = NULL;
  char* out = NULL;
  size_t len = 0;
  size_t accepted = 0;
  CHECK(kefu_engine_new(&engine, policy, NULL) == KEFU_OK);

  CHECK(kefu_engine_kpis(&out, &len, engine) == KEFU_OK);
  CHECK(out != NULL && contains(out, "\"months\":[]"));
  kefu_free(out);

  CHECK(kefu_engine_ingest_batch(NULL, NULL, &accepted, NULL, NULL, engine,
                                 events, sizeof events - 1) == KEFU_OK);
  CHECK(accepted == 4);
  CHECK(kefu_engine_advance(&out, &len, engine, 1793548800) == KEFU_OK); /* 11-02 */
  kefu_free(out);
  out = NULL;
  CHECK(kefu_engine_kpis(&out, &len, engine) == KEFU_OK);
  CHECK(out != NULL && strlen(out) == len);
  CHECK(contains(out, "\"month\":\"2026-10\""));
  CHECK(contains(out, "\"order_response\":{\"value\":0.5,\"numerator\":1,"
                      "\"denominator\":2"));
  kefu_free(out);

  out = (char*)&failures;
  CHECK_FAILS(kefu_engine_kpis(&out, &len, NULL), KEFU_ENULL);
  CHECK(out == NULL && len == 0);
  CHECK_FAILS(kefu_engine_kpis(NULL, &len, engine), KEFU_ENULL);
  kefu_engine_free(engine);
  kefu_policy_free(policy);
}

/* ----------------------------------------------------------------- claims */

/* A short claim story under the reference policy, its figures those of the
 * ReferencePolicy CL-3, CL-6, CMP-1 and INS-2 tests: order WB5008
 * (uninsured, freight 200.00) on Monday 2 November 2026; claim CL-6001 for
 * 700.00 with a loss of 1000.00 and a 300.00 deduction agreed at delivery
 * (CL-6), so the first approval band (up to 500000: claims clerk, then CS
 * supervisor); WB-D1, insured with us for 15 000.00, created at 00:10 on
 * the 2nd (+08:00, the insurance calendar's offset). */
static const char kClaimStory[] =
    "{\"id\":\"o-3\",\"type\":\"order.created\",\"at\":\"2026-11-02T00:10:00+08:00\","
    "\"order\":\"WB-D1\",\"customer\":\"C1\",\"attrs\":{\"insured\":true,"
    "\"insured_value_cents\":1500000}}\n"
    "{\"id\":\"o-1\",\"type\":\"order.created\",\"at\":\"2026-11-02T09:00:00+08:00\","
    "\"order\":\"WB5008\",\"customer\":\"C900\",\"attrs\":{\"freight_cents\":20000}}\n"
    "{\"id\":\"o-2\",\"type\":\"order.confirmed\",\"at\":\"2026-11-02T09:10:00+08:00\","
    "\"order\":\"WB5008\"}\n"
    "{\"id\":\"c-1\",\"type\":\"claim.created\",\"at\":\"2026-11-02T10:00:00+08:00\","
    "\"claim\":\"CL-6001\",\"order\":\"WB5008\",\"attrs\":{\"deduction_cents\":30000,"
    "\"loss_cents\":100000,\"amount_cents\":70000}}\n"
    "{\"id\":\"c-2\",\"type\":\"claim.investigation_started\","
    "\"at\":\"2026-11-02T10:30:00+08:00\",\"claim\":\"CL-6001\"}\n"
    "{\"id\":\"c-3\",\"type\":\"claim.liability_determined\","
    "\"at\":\"2026-11-02T11:00:00+08:00\",\"claim\":\"CL-6001\"}\n"
    "{\"id\":\"c-4\",\"type\":\"claim.reported\",\"at\":\"2026-11-03T17:00:00+08:00\","
    "\"claim\":\"CL-6001\"}\n"
    "{\"id\":\"c-5\",\"type\":\"claim.signed_off\",\"at\":\"2026-11-03T17:30:00+08:00\","
    "\"claim\":\"CL-6001\",\"attrs\":{\"role\":\"claims_clerk\",\"opinion\":\"approve\"}}\n"
    "{\"id\":\"c-10\",\"type\":\"claim.created\",\"at\":\"2026-11-03T10:00:00+08:00\","
    "\"claim\":\"CL-6002\",\"order\":\"WB5008\",\"attrs\":{\"amount_cents\":10000}}\n";

/* The supervisor disagrees (CL-3); the arbitration approves; paid 300.00. */
static const char kClaimStoryEnd[] =
    "{\"id\":\"c-6\",\"type\":\"claim.signed_off\",\"at\":\"2026-11-04T09:00:00+08:00\","
    "\"claim\":\"CL-6001\",\"attrs\":{\"role\":\"cs_supervisor\",\"opinion\":\"reject\"}}\n"
    "{\"id\":\"c-7\",\"type\":\"claim.arbitrated\",\"at\":\"2026-11-04T10:00:00+08:00\","
    "\"claim\":\"CL-6001\",\"attrs\":{\"decision\":\"approve\"}}\n"
    "{\"id\":\"c-8\",\"type\":\"claim.approved\",\"at\":\"2026-11-04T11:00:00+08:00\","
    "\"claim\":\"CL-6001\"}\n"
    "{\"id\":\"c-9\",\"type\":\"claim.paid\",\"at\":\"2026-11-05T10:00:00+08:00\","
    "\"claim\":\"CL-6001\",\"attrs\":{\"amount_cents\":30000}}\n";

static void test_engine_claims(void) {
  kefu_policy* policy = load_reference();
  kefu_engine* engine = NULL;
  char* out = NULL;
  size_t len = 0;
  size_t accepted = 0;
  CHECK(kefu_engine_new(&engine, policy, NULL) == KEFU_OK);
  CHECK(kefu_engine_ingest_batch(NULL, NULL, &accepted, NULL, NULL, engine,
                                 kClaimStory, sizeof kClaimStory - 1) == KEFU_OK);
  CHECK(accepted == 9);

  /* Reported and signed by the clerk: the supervisor signs next. */
  CHECK(kefu_engine_claim(&out, &len, engine, STR("CL-6001")) == KEFU_OK);
  CHECK(out != NULL && strlen(out) == len);
  CHECK(contains(out, "{\"claim\":\"CL-6001\",\"state\":\"signing\","
                      "\"order\":\"WB5008\",\"complaint\":null,"
                      "\"amount_cents\":70000,\"major\":false,"
                      "\"insured_cargo\":false,\"band\":{\"index\":1,"
                      "\"up_to_cents\":500000,\"roles\":[\"claims_clerk\","
                      "\"cs_supervisor\"]},\"signoffs\":[{\"role\":"
                      "\"claims_clerk\",\"opinion\":\"approve\",\"event\":"
                      "\"c-5\"}],\"next_role\":\"cs_supervisor\","
                      "\"disagreement\":false,\"awaiting_arbitration\":false,"
                      "\"arbitration\":null,\"decision\":null,"));
  kefu_free(out);
  out = NULL;

  CHECK(kefu_engine_ingest_batch(NULL, NULL, &accepted, NULL, NULL, engine,
                                 kClaimStoryEnd,
                                 sizeof kClaimStoryEnd - 1) == KEFU_OK);
  CHECK(accepted == 4);
  CHECK(kefu_engine_claim(&out, &len, engine, STR("CL-6001")) == KEFU_OK);
  CHECK(contains(out, "\"state\":\"paid\""));
  CHECK(contains(out, "\"next_role\":null,\"disagreement\":true,"
                      "\"awaiting_arbitration\":false,\"arbitration\":"
                      "\"approve\",\"decision\":\"approve\""));
  CHECK(contains(out, "\"paid_cents\":30000}"));
  kefu_free(out);
  out = NULL;

  /* CMP-1 for CL-6's figures: min(1000.00, 3 x 200.00) - 300.00. */
  CHECK(kefu_engine_compensation(&out, &len, engine, STR("CL-6001")) ==
        KEFU_OK);
  CHECK(out != NULL &&
        strcmp(out,
               "{\"claim\":\"CL-6001\",\"basis\":\"uninsured\","
               "\"cap_cents\":60000,\"before_deduction_cents\":60000,"
               "\"deduction_cents\":30000,\"amount_cents\":30000,"
               "\"steps\":[\"loss 1000.00\",\"uninsured: cap 3 x freight "
               "200.00 = 600.00; min(loss, cap) = 600.00\",\"less the "
               "deduction agreed at delivery 300.00: 300.00\","
               "\"pay 300.00\"]}") == 0);
  kefu_free(out);
  out = NULL;

  /* INS-1 / INS-2. */
  CHECK(kefu_engine_insurance(&out, &len, engine, STR("WB-D1")) == KEFU_OK);
  CHECK(out != NULL &&
        strcmp(out,
               "{\"order\":\"WB-D1\",\"insured\":true,\"reason\":"
               "\"insured_with_us\",\"never_insurable\":false,"
               "\"category\":null,\"value_cents\":1500000,"
               "\"value_attribute\":\"insured_value_cents\",\"tracked\":true,"
               "\"tracking_reason\":\"insured_value_cents 1500000 > "
               "1000000\"}") == 0);
  kefu_free(out);
  out = NULL;
  CHECK(kefu_engine_insurance(&out, &len, engine, STR("WB5008")) == KEFU_OK);
  CHECK(contains(out, "\"insured\":false,\"reason\":\"no insured_when rule "
                      "matches\""));
  kefu_free(out);
  out = NULL;

  /* The daily list: WB-D1 only (WB5008 is not insured). */
  CHECK(kefu_engine_insured_cargo_list(&out, &len, engine, STR("2026-11-02")) ==
        KEFU_OK);
  CHECK(out != NULL &&
        strcmp(out,
               "{\"date\":\"2026-11-02\",\"calendar\":\"cn-24x7\","
               "\"orders\":[{\"order\":\"WB-D1\",\"customer\":\"C1\","
               "\"created\":\"2026-11-02T00:10:00+08:00\","
               "\"created_unix\":1793549400,\"insured\":true,\"reason\":"
               "\"insured_with_us\",\"never_insurable\":false,"
               "\"category\":null,\"value_cents\":1500000,"
               "\"value_attribute\":\"insured_value_cents\",\"tracked\":true,"
               "\"tracking_reason\":\"insured_value_cents 1500000 > "
               "1000000\"}]}") == 0);
  kefu_free(out);
  out = NULL;
  CHECK(kefu_engine_insured_cargo_list(&out, &len, engine, STR("2026-11-03")) ==
        KEFU_OK);
  CHECK(out != NULL && contains(out, "\"orders\":[]}"));
  kefu_free(out);

  /* Errors: unknown claim and order, a missing input, bad dates, NULLs.
   * Each resets the out parameters and names what was wrong. */
  out = (char*)&failures;
  len = 7;
  CHECK_FAILS(kefu_engine_claim(&out, &len, engine, STR("CL-404")),
              KEFU_ENOTFOUND);
  CHECK(out == NULL && len == 0);
  CHECK(strcmp(kefu_last_error_message(NULL),
               "claim:CL-404 does not exist") == 0);
  CHECK(strcmp(kefu_last_error_entity(NULL), "claim:CL-404") == 0);
  CHECK_FAILS(kefu_engine_claim(&out, &len, engine, STR("")), KEFU_EINVALID);
  CHECK(contains(kefu_last_error_message(NULL), "claim is empty"));
  CHECK_FAILS(kefu_engine_claim(&out, &len, engine, NULL, 0), KEFU_EINVALID);
  CHECK_FAILS(kefu_engine_claim(&out, &len, engine, NULL, 3), KEFU_ENULL);
  CHECK_FAILS(kefu_engine_claim(&out, &len, NULL, STR("CL-6001")), KEFU_ENULL);
  CHECK_FAILS(kefu_engine_claim(NULL, &len, engine, STR("CL-6001")),
              KEFU_ENULL);

  CHECK_FAILS(kefu_engine_compensation(&out, &len, engine, STR("CL-404")),
              KEFU_ENOTFOUND);
  CHECK(strcmp(kefu_last_error_entity(NULL), "claim:CL-404") == 0);
  CHECK_FAILS(kefu_engine_compensation(&out, &len, engine, STR("CL-6002")),
              KEFU_EINVALID);
  CHECK(out == NULL && len == 0);
  CHECK(contains(kefu_last_error_message(NULL),
                 "claim:CL-6002: no loss_cents"));
  CHECK(strcmp(kefu_last_error_entity(NULL), "claim:CL-6002") == 0);
  CHECK_FAILS(kefu_engine_compensation(&out, &len, engine, STR("")),
              KEFU_EINVALID);
  CHECK_FAILS(kefu_engine_compensation(&out, &len, NULL, STR("CL-6001")),
              KEFU_ENULL);
  CHECK_FAILS(kefu_engine_compensation(NULL, &len, engine, STR("CL-6001")),
              KEFU_ENULL);
  CHECK_FAILS(kefu_engine_compensation(&out, &len, engine, NULL, 1),
              KEFU_ENULL);

  CHECK_FAILS(kefu_engine_insurance(&out, &len, engine, STR("WB-404")),
              KEFU_ENOTFOUND);
  CHECK(strcmp(kefu_last_error_entity(NULL), "order:WB-404") == 0);
  CHECK_FAILS(kefu_engine_insurance(&out, &len, engine, STR("")),
              KEFU_EINVALID);
  CHECK(contains(kefu_last_error_message(NULL), "order is empty"));
  CHECK_FAILS(kefu_engine_insurance(&out, &len, NULL, STR("WB-D1")),
              KEFU_ENULL);
  CHECK_FAILS(kefu_engine_insurance(NULL, &len, engine, STR("WB-D1")),
              KEFU_ENULL);
  CHECK_FAILS(kefu_engine_insurance(&out, &len, engine, NULL, 5), KEFU_ENULL);

  CHECK_FAILS(
      kefu_engine_insured_cargo_list(&out, &len, engine, STR("2026-13-01")),
      KEFU_EINVALID);
  CHECK(out == NULL && len == 0);
  CHECK(strcmp(kefu_last_error_message(NULL),
               "invalid date \"2026-13-01\": month 13 does not exist") == 0);
  CHECK_FAILS(
      kefu_engine_insured_cargo_list(&out, &len, engine, STR("2026-11-31")),
      KEFU_EINVALID);
  CHECK(contains(kefu_last_error_message(NULL), "day 31 does not exist"));
  CHECK_FAILS(kefu_engine_insured_cargo_list(
                  &out, &len, engine, STR("2026-11-02T00:00:00+08:00")),
              KEFU_EINVALID);
  CHECK_FAILS(kefu_engine_insured_cargo_list(&out, &len, engine, STR("")),
              KEFU_EINVALID);
  CHECK_FAILS(kefu_engine_insured_cargo_list(&out, &len, engine, NULL, 0),
              KEFU_EINVALID);
  CHECK_FAILS(kefu_engine_insured_cargo_list(&out, &len, engine, NULL, 10),
              KEFU_ENULL);
  CHECK_FAILS(kefu_engine_insured_cargo_list(&out, &len, NULL, STR("2026-11-02")),
              KEFU_ENULL);
  CHECK_FAILS(
      kefu_engine_insured_cargo_list(NULL, &len, engine, STR("2026-11-02")),
      KEFU_ENULL);
  CHECK(out == NULL);

  /* A success clears the last error. */
  CHECK(kefu_engine_claim(&out, NULL, engine, STR("CL-6002")) == KEFU_OK);
  CHECK(kefu_last_error_code() == KEFU_OK);
  CHECK(contains(out, "\"state\":\"filed\",\"order\":\"WB5008\""));
  CHECK(contains(out, "\"band\":null,\"signoffs\":[],\"next_role\":null"));
  kefu_free(out);
  kefu_engine_free(engine);
  kefu_policy_free(policy);
}

static void test_threads(void) {
  kefu_policy* policy = load_reference();
  kefu_calendar* office = NULL;
  kefu_calendar* none = NULL;
  struct thread_job jobs[2];
  pthread_t threads[2];
  int i;
  CHECK(kefu_calendar_get(&office, policy, STR("office")) == KEFU_OK);
  CHECK_FAILS(kefu_calendar_get(&none, NULL, STR("office")), KEFU_ENULL);
  for (i = 0; i < 2; ++i) {
    jobs[i].calendar = office;
    jobs[i].ok = 0;
    jobs[i].last_error_code = 1;
    CHECK(pthread_create(&threads[i], NULL, thread_main, &jobs[i]) == 0);
  }
  for (i = 0; i < 2; ++i) {
    CHECK(pthread_join(threads[i], NULL) == 0);
    CHECK(jobs[i].ok == 1);
    CHECK(jobs[i].last_error_code == KEFU_OK);
  }
  /* This thread's error is still its own. */
  CHECK(kefu_last_error_code() == KEFU_ENULL);
  kefu_calendar_free(office);
  kefu_policy_free(policy);
}

/* The whole file, malloc'd and NUL-terminated, or NULL. */
static char* read_whole(const char* path, size_t* len) {
  FILE* f = fopen(path, "rb");
  char* text = NULL;
  size_t n = 0;
  long size;
  if (f == NULL) return NULL;
  if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 &&
      fseek(f, 0, SEEK_SET) == 0) {
    text = (char*)malloc((size_t)size + 1);
    if (text != NULL) n = fread(text, 1, (size_t)size, f);
    if (text != NULL) text[n] = '\0';
  }
  fclose(f);
  *len = n;
  return text;
}

static void remove_store(const char* path) {
  char buf[512];
  remove(path);
  sprintf(buf, "%s-wal", path);
  remove(buf);
  sprintf(buf, "%s-shm", path);
  remove(buf);
}

static void test_store(void) {
  static const char kPath[] = "/tmp/kefu_capi_test_store.db";
  static const char kEvents[] =
      "{\"id\":\"e-1\",\"type\":\"order.created\",\"at\":\"2026-03-02T09:00:00+08:00\","
      "\"order\":\"WB1\",\"attrs\":{\"tier\":\"C\"}}\n"
      "{\"id\":\"e-2\",\"type\":\"order.confirmed\",\"at\":\"2026-03-02T10:30:00+08:00\","
      "\"order\":\"WB1\"}\n"
      "{\"id\":\"e-3\",\"type\":\"order.signed\",\"at\":\"2026-03-02T10:31:00+08:00\","
      "\"order\":\"WB1\"}\n";
  kefu_store_options opts = KEFU_STORE_OPTIONS_INIT;
  kefu_store* store = NULL;
  char* results = NULL;
  char* jsonl = NULL;
  char* state = NULL;
  char* state2 = NULL;
  size_t len = 0, jsonl_len = 0, accepted = 0, duplicates = 0, refused = 0;
  int64_t journal_seq = 0;
  size_t policy_len = 0;
  char* policy = read_whole(kPolicyPath, &policy_len);
  CHECK(policy != NULL);
  remove_store(kPath);

  CHECK(kefu_store_options_init(&opts, KEFU_STORE_OPTIONS_VERSION) == KEFU_OK);
  CHECK(opts.synchronous == KEFU_SYNC_FULL && opts.keep_snapshots == 2);
  CHECK_FAILS(kefu_store_options_init(&opts, 99), KEFU_EVERSION);
  CHECK_FAILS(kefu_store_open(&store, kPath, strlen(kPath), NULL, 0, NULL), KEFU_ENOTFOUND);
  CHECK(store == NULL);
  CHECK_FAILS(kefu_store_open(&store, kPath, strlen(kPath), STR("{}"), NULL), KEFU_EPOLICY);
  CHECK_FAILS(kefu_store_open(NULL, kPath, strlen(kPath), NULL, 0, NULL), KEFU_ENULL);
  opts.synchronous = 7;
  CHECK_FAILS(kefu_store_open(&store, kPath, strlen(kPath), policy, policy_len, &opts),
              KEFU_EINVALID);
  opts.synchronous = KEFU_SYNC_NORMAL;
  CHECK(kefu_store_open(&store, kPath, strlen(kPath), policy, policy_len, &opts) == KEFU_OK);
  CHECK(store != NULL);

  CHECK(kefu_store_ingest_batch(&results, &len, &accepted, &duplicates, &refused, &jsonl,
                                &jsonl_len, store, STR(kEvents), 1) == KEFU_OK);
  CHECK(accepted == 2 && duplicates == 0 && refused == 1);
  CHECK(contains(results, "{\"line\":3,\"result\":\"refused\",\"code\":-6"));
  /* The advances before e-2 released the two warnings and the breach. */
  CHECK(count_lines(jsonl, jsonl_len) == 3);
  CHECK(contains(jsonl, "{\"kind\":\"breach\",\"seq\":3,"));
  kefu_free(results);
  kefu_free(jsonl);

  CHECK(kefu_store_pending(&jsonl, &jsonl_len, store) == KEFU_OK);
  CHECK(count_lines(jsonl, jsonl_len) == 3);
  kefu_free(jsonl);
  CHECK(kefu_store_ack(store, 2) == KEFU_OK);
  CHECK_FAILS(kefu_store_ack(store, 99), KEFU_EINVALID);
  CHECK(kefu_store_pending(&jsonl, &jsonl_len, store) == KEFU_OK);
  CHECK(count_lines(jsonl, jsonl_len) == 1 && contains(jsonl, "\"seq\":3,"));
  kefu_free(jsonl);

  CHECK(kefu_store_snapshot(&journal_seq, store) == KEFU_OK);
  CHECK(journal_seq >= 4); /* policy, advance, event, advance, event, ... */
  CHECK(kefu_store_advance(&jsonl, &jsonl_len, store, T_2026_03_02_1400) == KEFU_OK);
  kefu_free(jsonl);
  CHECK(kefu_store_timers_of(&results, &len, store, STR("order:WB1")) == KEFU_OK);
  CHECK(contains(results, "\"state\":\"stopped\""));
  kefu_free(results);
  CHECK(kefu_store_state(&state, &len, store) == KEFU_OK);
  CHECK(contains(state, "\"key\":\"WB1\""));
  kefu_store_free(store);
  store = NULL;

  /* Reopened: the same state, the same unacknowledged notification. */
  CHECK(kefu_store_open(&store, kPath, strlen(kPath), NULL, 0, NULL) == KEFU_OK);
  CHECK(kefu_store_state(&state2, NULL, store) == KEFU_OK);
  CHECK(state != NULL && state2 != NULL && strcmp(state, state2) == 0);
  CHECK(kefu_store_pending(&jsonl, &jsonl_len, store) == KEFU_OK);
  CHECK(count_lines(jsonl, jsonl_len) == 1 && contains(jsonl, "\"seq\":3,"));
  kefu_free(jsonl);
  CHECK(kefu_store_load_policy(store, policy, policy_len) == KEFU_OK); /* the same: no-op */
  CHECK_FAILS(kefu_store_load_policy(store, STR("{")), KEFU_EPOLICY);
  /* WB1 was signed: nothing open to migrate, and the call is journaled. */
  CHECK(kefu_store_load_policy(store, STR("{\"version\":\"store-2\"}")) == KEFU_OK);
  CHECK(kefu_store_migrate(&results, &len, store) == KEFU_OK);
  CHECK(strcmp(results, "{\"to_version\":\"store-2\",\"examined\":0,\"unchanged\":0,"
                        "\"changes\":[]}") == 0);
  kefu_free(results);
  CHECK_FAILS(kefu_store_migrate(&results, &len, NULL), KEFU_ENULL);
  CHECK_FAILS(kefu_store_migrate(NULL, &len, store), KEFU_ENULL);
  CHECK_FAILS(kefu_store_ack(NULL, 1), KEFU_ENULL);
  kefu_free(state);
  kefu_free(state2);
  kefu_store_free(store);
  kefu_store_free(NULL);
  free(policy);
  remove_store(kPath);
}

/* The claim queries of a store answer as its engine's, after a reopen too. */
static void test_store_claims(void) {
  static const char kPath[] = "/tmp/kefu_capi_test_store_claims.db";
  static const char* const kQueries[] = {"claim", "compensation", "insurance", "list"};
  kefu_policy* reference = load_reference();
  kefu_engine* engine = NULL;
  kefu_store* store = NULL;
  size_t policy_len = 0, accepted = 0;
  char* policy = read_whole(kPolicyPath, &policy_len);
  char* want = NULL;
  char* got = NULL;
  size_t len = 0;
  int reopen, q;
  CHECK(policy != NULL);
  remove_store(kPath);
  CHECK(kefu_engine_new(&engine, reference, NULL) == KEFU_OK);
  CHECK(kefu_engine_ingest_batch(NULL, NULL, &accepted, NULL, NULL, engine,
                                 kClaimStory, sizeof kClaimStory - 1) == KEFU_OK);
  CHECK(kefu_store_open(&store, kPath, strlen(kPath), policy, policy_len, NULL) == KEFU_OK);
  CHECK(kefu_store_ingest_batch(NULL, NULL, &accepted, NULL, NULL, NULL, NULL, store,
                                kClaimStory, sizeof kClaimStory - 1, 0) == KEFU_OK);
  CHECK(accepted == 9);
  for (reopen = 0; reopen < 2; ++reopen) {
    if (reopen) {
      kefu_store_free(store);
      store = NULL;
      CHECK(kefu_store_open(&store, kPath, strlen(kPath), NULL, 0, NULL) == KEFU_OK);
    }
    for (q = 0; q < 4; ++q) {
      int a, b;
      switch (q) {
        case 0:
          a = kefu_engine_claim(&want, NULL, engine, STR("CL-6001"));
          b = kefu_store_claim(&got, &len, store, STR("CL-6001"));
          break;
        case 1:
          a = kefu_engine_compensation(&want, NULL, engine, STR("CL-6001"));
          b = kefu_store_compensation(&got, &len, store, STR("CL-6001"));
          break;
        case 2:
          a = kefu_engine_insurance(&want, NULL, engine, STR("WB-D1"));
          b = kefu_store_insurance(&got, &len, store, STR("WB-D1"));
          break;
        default:
          a = kefu_engine_insured_cargo_list(&want, NULL, engine, STR("2026-11-02"));
          b = kefu_store_insured_cargo_list(&got, &len, store, STR("2026-11-02"));
      }
      if (a != KEFU_OK || b != KEFU_OK || want == NULL || got == NULL ||
          strcmp(want, got) != 0 || strlen(got) != len) {
        fprintf(stderr, "store query %s (reopen %d) differs from the engine's\n",
                kQueries[q], reopen);
        ++failures;
      }
      kefu_free(want);
      kefu_free(got);
      want = got = NULL;
    }
  }
  CHECK(kefu_store_claim(&got, &len, store, STR("CL-6001")) == KEFU_OK);
  CHECK(contains(got, "\"next_role\":\"cs_supervisor\""));
  kefu_free(got);
  got = NULL;
  CHECK_FAILS(kefu_store_claim(&got, &len, store, STR("CL-404")), KEFU_ENOTFOUND);
  CHECK(strcmp(kefu_last_error_entity(NULL), "claim:CL-404") == 0);
  CHECK_FAILS(kefu_store_compensation(&got, &len, store, STR("CL-6002")), KEFU_EINVALID);
  CHECK_FAILS(kefu_store_insured_cargo_list(&got, &len, store, STR("2026-02-30")),
              KEFU_EINVALID);
  CHECK_FAILS(kefu_store_insurance(&got, &len, NULL, STR("WB-D1")), KEFU_ENULL);
  CHECK(strcmp(kefu_last_error_message(NULL), "store is NULL") == 0);
  CHECK(got == NULL && len == 0);
  kefu_store_free(store);
  kefu_engine_free(engine);
  kefu_policy_free(reference);
  free(policy);
  remove_store(kPath);
}

int main(void) {
  test_version();
  test_error_codes_are_stable();
  test_free_null_is_a_no_op();
  test_last_error_is_cleared_by_success();
  test_policy_load_bytes();
  test_policy_load_errors();
  test_calendar_add_and_elapsed();
  test_calendar_errors();
  test_calendar_many();
  test_engine_options();
  test_engine_ingest_and_advance();
  test_engine_ingest_errors();
  test_engine_ingest_batch();
  test_engine_queries();
  test_engine_load_policy();
  test_engine_migrate();
  test_engine_kpis();
  test_engine_claims();
  test_store_claims();
  test_threads();
  test_store();
  if (failures == 0) printf("capi_test: all checks passed\n");
  return failures == 0 ? 0 : 1;
}
