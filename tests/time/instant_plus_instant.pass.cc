// An instant plus a wall-clock duration is an instant; the difference of
// two instants is a duration. Twin of instant_plus_instant.fail.cc.
#include "kefu/time/instant.h"

kefu::time::Instant Later(kefu::time::Instant a, kefu::time::Duration d) {
  return a + d;
}
kefu::time::Duration Between(kefu::time::Instant a, kefu::time::Instant b) {
  return b - a;
}
