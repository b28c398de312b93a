/* The C ABI, exercised from C99. */
#include <stdio.h>

#include "kefu.h"

static int failures = 0;

#define CHECK(cond)                                              \
  do {                                                           \
    if (!(cond)) {                                               \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__,     \
              __LINE__, #cond);                                  \
      ++failures;                                                \
    }                                                            \
  } while (0)

int main(void) {
  CHECK(kefu_version_number() == KEFU_VERSION_NUMBER);
  CHECK(kefu_abi_version() == KEFU_ABI_VERSION);
  if (failures == 0) printf("capi_test: all checks passed\n");
  return failures == 0 ? 0 : 1;
}
