// Open time and working days are different counts: "1h" never adds to
// "3wd". Twin: business_plus_working_days.pass.cc.
// expect: no match for .*operator[+].*BusinessDuration.*and .*WorkingDays
#include "kefu/time/due_spec.h"

auto Mixed(kefu::time::BusinessDuration a, kefu::time::WorkingDays b) {
  return a + b;
}
