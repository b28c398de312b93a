/* A TMS-like host in C: it loads the company's policy, feeds the engine
 * the events of its order system as they happen, moves the engine's clock
 * and prints the notifications a dispatcher would see. Then it asks the
 * engine about one order and computes a due date on the office calendar.
 *
 *   kefu_c_host examples/policies/reference.json
 *
 * Every kefu call returns a status; on failure the thread's last error
 * says why (message, JSON pointer, event id, entity).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "kefu.h"

/* Monday 2026-03-02 09:00 in +08:00, as Unix seconds: the TMS keeps time_t
 * values and formats them for kefu. */
#define DAY_START ((int64_t)1772413200)
#define MINUTES(m) ((int64_t)(m)*60)

struct tms_event {
  int64_t at;
  const char* id;
  const char* type;
  const char* key_field; /* "order" or "customer" */
  const char* key;
  const char* extra; /* more members, each starting with a comma */
};

static const struct tms_event kEvents[] = {
    {DAY_START + MINUTES(0), "e-1", "customer.created", "customer", "C001",
     ",\"attrs\":{\"tier\":\"A\"}"},
    {DAY_START + MINUTES(15), "e-2", "order.created", "order", "WB123",
     ",\"customer\":\"C001\",\"attrs\":{\"tier\":\"A\",\"cargo\":\"fragile\"}"},
    {DAY_START + MINUTES(20), "e-3", "order.created", "order", "WB124",
     ",\"customer\":\"C001\",\"attrs\":{\"tier\":\"B\"}"},
    {DAY_START + MINUTES(50), "e-4", "order.confirmed", "order", "WB123", ""},
    {DAY_START + MINUTES(55), "e-5", "customer.waybills_checked", "customer",
     "C001", ""},
    /* The order system re-sends e-4: acknowledged as a duplicate. */
    {DAY_START + MINUTES(50), "e-4", "order.confirmed", "order", "WB123", ""},
    /* Signed before it departed: the engine refuses it. */
    {DAY_START + MINUTES(70), "e-6", "order.signed", "order", "WB124", ""},
};

static int failed(const char* what) {
  size_t len = 0;
  const char* path = kefu_last_error_path(&len);
  fprintf(stderr, "c_host: %s: %s (code %d%s%s)\n", what,
          kefu_last_error_message(NULL), kefu_last_error_code(),
          len > 0 ? ", at " : "", path);
  return 1;
}

/* "2026-03-02T01:15:00Z" */
static void format_utc(char* out, size_t size, int64_t t) {
  time_t tt = (time_t)t;
  struct tm* utc = gmtime(&tt);
  strftime(out, size, "%Y-%m-%dT%H:%M:%SZ", utc);
}

/* Moves the engine's clock and prints what came due. */
static int advance_to(kefu_engine* engine, int64_t now) {
  char* notes = NULL;
  size_t len = 0;
  if (kefu_engine_advance(&notes, &len, engine, now) != KEFU_OK)
    return failed("advance");
  fwrite(notes, 1, len, stdout);
  kefu_free(notes);
  return 0;
}

static int feed(kefu_engine* engine, const struct tms_event* e) {
  char at[32];
  char json[512];
  int outcome = 0;
  int n;
  format_utc(at, sizeof at, e->at);
  n = snprintf(json, sizeof json,
               "{\"id\":\"%s\",\"type\":\"%s\",\"at\":\"%s\",\"%s\":\"%s\"%s}",
               e->id, e->type, at, e->key_field, e->key, e->extra);
  if (n < 0 || (size_t)n >= sizeof json) return 1;
  /* An event at a due instant is on time: advance to just before it. */
  if (advance_to(engine, e->at - 1) != 0) return 1;
  if (kefu_engine_ingest(&outcome, engine, json, (size_t)n) != KEFU_OK) {
    printf("# refused %s (%s): %s\n", kefu_last_error_event(NULL),
           kefu_last_error_entity(NULL), kefu_last_error_message(NULL));
    return 0; /* a TMS logs it and goes on */
  }
  printf("# %s %s\n", e->id,
         outcome == KEFU_INGEST_DUPLICATE ? "duplicate" : "accepted");
  return 0;
}

int main(int argc, char** argv) {
  const char* policy_path =
      argc > 1 ? argv[1] : "examples/policies/reference.json";
  kefu_policy* policy = NULL;
  kefu_engine* engine = NULL;
  kefu_calendar* office = NULL;
  char* text = NULL;
  size_t len = 0;
  int64_t due = 0;
  int64_t open_seconds = 0;
  char due_text[32];
  size_t i;
  int status = 1;

  if (kefu_abi_version() != KEFU_ABI_VERSION) {
    fprintf(stderr, "c_host: built for ABI %d, loaded ABI %d\n",
            KEFU_ABI_VERSION, kefu_abi_version());
    return 1;
  }
  if (kefu_policy_load_file(&policy, policy_path, strlen(policy_path)) !=
      KEFU_OK) {
    failed("loading the policy");
    goto done;
  }
  if (kefu_policy_version(&text, &len, policy) != KEFU_OK) {
    failed("policy version");
    goto done;
  }
  printf("# policy %s\n", text);
  kefu_free(text);
  text = NULL;

  if (kefu_engine_new(&engine, policy, NULL) != KEFU_OK) {
    failed("engine");
    goto done;
  }
  for (i = 0; i < sizeof kEvents / sizeof kEvents[0]; ++i)
    if (feed(engine, &kEvents[i]) != 0) goto done;
  /* The end of the working day. */
  if (advance_to(engine, DAY_START + MINUTES(9 * 60)) != 0) goto done;

  if (kefu_engine_timers_of(&text, &len, engine, "order:WB124", 11) !=
      KEFU_OK) {
    failed("timers of order:WB124");
    goto done;
  }
  printf("# timers of order:WB124: %s\n", text);
  kefu_free(text);
  text = NULL;

  /* A complaint received now is due in 3 working days on the office
   * calendar; and how much office time the day's first hour held. */
  if (kefu_calendar_get(&office, policy, "office", 6) != KEFU_OK ||
      kefu_calendar_add(&due, office, DAY_START, "3wd", 3) != KEFU_OK ||
      kefu_calendar_elapsed(&open_seconds, office, DAY_START,
                            DAY_START + MINUTES(60)) != KEFU_OK) {
    failed("office calendar");
    goto done;
  }
  format_utc(due_text, sizeof due_text, due);
  printf("# 3wd from 2026-03-02T09:00+08:00 on office: %s\n", due_text);
  printf("# office seconds open 09:00-10:00: %lld\n", (long long)open_seconds);
  status = 0;

done:
  kefu_calendar_free(office);
  kefu_engine_free(engine);
  kefu_policy_free(policy);
  return status;
}
