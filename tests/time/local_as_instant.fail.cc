// Local (civil) time is not an instant: converting needs the calendar's
// offset (abseil's absl/time). Twin: local_as_instant.pass.cc.
// expect: no match for .*operator=.*Instant.*and .*LocalSeconds
#include "kefu/time/instant.h"

void Assign(kefu::time::Instant& t, kefu::time::LocalSeconds l) { t = l; }
