/* A tiny host of an installed kefu: checks that header and library agree,
 * loads a policy and computes one due date.
 *
 *   kefu_consumer POLICY.json
 *
 * Prints the due instant (Unix seconds) of "3wd" on the "office" calendar
 * from 2026-03-02T09:00:00+08:00 and exits 0 when it is Thursday 18:00.
 */
#include <kefu.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char** argv) {
  kefu_policy* policy = NULL;
  kefu_calendar* office = NULL;
  int64_t due = 0;
  int status = 1;
  if (argc != 2) {
    fprintf(stderr, "usage: kefu_consumer POLICY.json\n");
    return 2;
  }
  if (kefu_abi_version() != KEFU_ABI_VERSION ||
      kefu_version_number() != KEFU_VERSION_NUMBER) {
    fprintf(stderr, "kefu_consumer: header and library disagree\n");
    return 1;
  }
  if (kefu_policy_load_file(&policy, argv[1], strlen(argv[1])) != KEFU_OK ||
      kefu_calendar_get(&office, policy, "office", 6) != KEFU_OK ||
      kefu_calendar_add(&due, office, 1772413200, "3wd", 3) != KEFU_OK) {
    fprintf(stderr, "kefu_consumer: %s\n", kefu_last_error_message(NULL));
  } else {
    printf("%lld\n", (long long)due);
    status = due == 1772704800 ? 0 : 1;
  }
  kefu_calendar_free(office);
  kefu_policy_free(policy);
  return status;
}
