// Each count adds to its own kind. Twin of business_plus_working_days.fail.cc.
#include "kefu/time/due_spec.h"

kefu::time::BusinessDuration Open(kefu::time::BusinessDuration a,
                                  kefu::time::BusinessDuration b) {
  return a + b;
}
kefu::time::WorkingDays Days(kefu::time::WorkingDays a,
                             kefu::time::WorkingDays b) {
  return a + b;
}
