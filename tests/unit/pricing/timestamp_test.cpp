#include "pricing/timestamp.h"

#include <gtest/gtest.h>

namespace costgate::pricing {
namespace {

constexpr int64_t kNow = 1'767'225'600'000;  // 2026-01-01T00:00:00Z

TEST(TimestampTest, DateIsUtcMidnight) {
  EXPECT_EQ(ParseTimestampMs("2026-01-01"), kNow);
  EXPECT_EQ(ParseTimestampMs("1970-01-01"), 0);
  EXPECT_EQ(ParseTimestampMs("2024-02-29"), 1'709'164'800'000);  // date -d 2024-02-29Z +%s
}

TEST(TimestampTest, Rfc3339WithMillisecondsAndOffsets) {
  EXPECT_EQ(ParseTimestampMs("2026-01-01T00:00:00Z"), kNow);
  EXPECT_EQ(ParseTimestampMs("2026-01-01T00:00:00.5Z"), kNow + 500);
  EXPECT_EQ(ParseTimestampMs("2026-01-01T00:00:00.123z"), kNow + 123);
  EXPECT_EQ(ParseTimestampMs("2026-01-01T02:00:00+02:00"), kNow);
  EXPECT_EQ(ParseTimestampMs("2025-12-31T23:30:00-00:30"), kNow);
}

TEST(TimestampTest, RejectsWhatIsNotADateOrRfc3339) {
  for (std::string_view text :
       {"", "now", "2026-13-01", "2025-02-29", "2026-01-01T24:00:00Z", "2026-01-01T00:00:00",
        "2026-01-01T00:00:00.1234Z", "2026-01-01T00:00:00.Z", "2026-1-01", "2026-01-01 ",
        "1767225600000"}) {
    EXPECT_EQ(ParseTimestampMs(text), std::nullopt) << text;
  }
}

}  // namespace
}  // namespace costgate::pricing
