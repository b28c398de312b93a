#include "policy/json_pointer.h"

#include <gtest/gtest.h>

namespace kefu::policy::internal {
namespace {

TEST(JsonPointer, EscapesTildeAndSlash) {
  EXPECT_EQ(escape_pointer_token("a~b/c"), "a~0b~1c");
  EXPECT_EQ(escape_pointer_token("~1"), "~01");
  EXPECT_EQ(escape_pointer_token("plain"), "plain");
}

TEST(JsonPointer, AppendsKeysAndIndexes) {
  EXPECT_EQ(pointer_child("", "calendars"), "/calendars");
  EXPECT_EQ(pointer_child("/calendars", "a/b"), "/calendars/a~1b");
  EXPECT_EQ(pointer_child("/holidays", std::size_t{2}), "/holidays/2");
  EXPECT_EQ(pointer_child("", ""), "/");
}

}  // namespace
}  // namespace kefu::policy::internal
