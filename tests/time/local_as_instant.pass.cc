// With the offset, local time converts to an instant. Twin of
// local_as_instant.fail.cc.
#include "kefu/time/instant.h"

void Assign(kefu::time::Instant& t, kefu::time::LocalSeconds l,
            kefu::time::UtcOffset o) {
  t = kefu::time::to_instant(l, o);
}
