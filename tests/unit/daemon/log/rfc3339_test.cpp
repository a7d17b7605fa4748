#include "daemon/log/rfc3339.h"

#include <gtest/gtest.h>

#include <string>

namespace costgate::daemon::log {
namespace {

std::string Rfc3339(int64_t unix_ms) {
  std::string out;
  AppendRfc3339Millis(out, unix_ms);
  return out;
}

TEST(AppendRfc3339Millis, FormatsTheEpoch) { EXPECT_EQ(Rfc3339(0), "1970-01-01T00:00:00.000Z"); }

TEST(AppendRfc3339Millis, FormatsMilliseconds) {
  EXPECT_EQ(Rfc3339(1'717'171'717'171), "2024-05-31T16:08:37.171Z");
  EXPECT_EQ(Rfc3339(1'717'171'717'007), "2024-05-31T16:08:37.007Z");
}

TEST(AppendRfc3339Millis, HandlesLeapDaysAndCenturies) {
  EXPECT_EQ(Rfc3339(951'782'400'000), "2000-02-29T00:00:00.000Z");
  EXPECT_EQ(Rfc3339(4'102'444'799'999), "2099-12-31T23:59:59.999Z");
}

TEST(AppendRfc3339Millis, FormatsInstantsBeforeTheEpoch) {
  EXPECT_EQ(Rfc3339(-1), "1969-12-31T23:59:59.999Z");
}

}  // namespace
}  // namespace costgate::daemon::log
