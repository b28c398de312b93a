// Two instants do not add: a point in time plus a point in time means
// nothing (date.h's daypday.fail.cpp). Twin: instant_plus_instant.pass.cc.
// expect: no match for .*operator[+].*Instant.*and .*Instant
#include "kefu/time/instant.h"

kefu::time::Instant Sum(kefu::time::Instant a, kefu::time::Instant b) {
  return a + b;
}
