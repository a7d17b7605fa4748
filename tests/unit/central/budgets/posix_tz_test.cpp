#include "central/budgets/posix_tz.h"

#include <gtest/gtest.h>

#include "tests/unit/central/budgets/zone_helpers.h"

namespace costgate::central::budgets {
namespace {

using testing::UtcSeconds;

PosixTz MustParse(std::string_view text) {
  auto parsed = ParsePosixTz(text);
  EXPECT_TRUE(std::holds_alternative<PosixTz>(parsed)) << std::get<std::string>(parsed);
  return std::get<PosixTz>(parsed);
}

TEST(PosixTz, StandardTimeOnly) {
  EXPECT_EQ(MustParse("JST-9").std_offset, 9 * 3600);
  EXPECT_FALSE(MustParse("JST-9").has_dst);
  EXPECT_EQ(MustParse("<+0530>-5:30").std_offset, 5 * 3600 + 1800);
  EXPECT_EQ(MustParse("<-03>3").std_offset, -3 * 3600);
  EXPECT_EQ(MustParse("XXX+1:02:03").std_offset, -3723);
  EXPECT_EQ(PosixOffsetAt(MustParse("UTC0"), 123).offset, 0);
}

TEST(PosixTz, DaylightRules) {
  const PosixTz ny = MustParse("EST5EDT,M3.2.0,M11.1.0");
  EXPECT_EQ(ny.std_offset, -5 * 3600);
  EXPECT_EQ(ny.dst_offset, -4 * 3600);  // one hour ahead when not given
  // 2026: 8 March 02:00 EST = 07:00Z; 1 November 02:00 EDT = 06:00Z.
  EXPECT_EQ(PosixOffsetAt(ny, UtcSeconds(2026, 3, 8, 7) - 1).offset, -5 * 3600);
  EXPECT_EQ(PosixOffsetAt(ny, UtcSeconds(2026, 3, 8, 7) - 1).until, UtcSeconds(2026, 3, 8, 7));
  EXPECT_EQ(PosixOffsetAt(ny, UtcSeconds(2026, 3, 8, 7)).offset, -4 * 3600);
  EXPECT_EQ(PosixOffsetAt(ny, UtcSeconds(2026, 3, 8, 7)).until, UtcSeconds(2026, 11, 1, 6));
  EXPECT_EQ(PosixOffsetAt(ny, UtcSeconds(2026, 11, 1, 6)).offset, -5 * 3600);
  EXPECT_EQ(PosixOffsetAt(ny, UtcSeconds(2026, 12, 31, 23)).until, UtcSeconds(2027, 3, 14, 7));

  // Southern hemisphere, half-hour DST, and the extended rule time "24" (RFC 8536 3.3.1).
  const PosixTz lord_howe = MustParse("<+1030>-10:30<+11>-11,M10.1.0,M4.1.0");
  EXPECT_EQ(lord_howe.dst_offset - lord_howe.std_offset, 1800);
  EXPECT_EQ(PosixOffsetAt(lord_howe, UtcSeconds(2026, 1, 1)).offset, 11 * 3600);
  EXPECT_EQ(PosixOffsetAt(lord_howe, UtcSeconds(2026, 6, 1)).offset, 10 * 3600 + 1800);
  const PosixTz santiago = MustParse("<-04>4<-03>,M9.1.6/24,M4.1.6/24");
  EXPECT_EQ(santiago.dst_start.seconds, 24 * 3600);
  // First Saturday of September 2026 is the 5th; 24:00 -04 = 6 September 04:00Z.
  EXPECT_EQ(PosixOffsetAt(santiago, UtcSeconds(2026, 9, 6, 4) - 1).offset, -4 * 3600);
  EXPECT_EQ(PosixOffsetAt(santiago, UtcSeconds(2026, 9, 6, 4)).offset, -3 * 3600);
  EXPECT_EQ(MustParse("XXX3YYY,M3.5.0/-1,M10.5.0/167").dst_start.seconds, -3600);
  // Week 5 means the last such weekday: Europe's last Sunday of March 2026 is the 29th.
  const PosixTz london = MustParse("GMT0BST,M3.5.0/1,M10.5.0");
  EXPECT_EQ(PosixOffsetAt(london, UtcSeconds(2026, 3, 29, 1)).offset, 3600);
  EXPECT_EQ(PosixOffsetAt(london, UtcSeconds(2026, 3, 29, 1) - 1).offset, 0);
}

TEST(PosixTz, RefusesWhatItDoesNotImplement) {
  for (std::string_view bad :
       {"", "E5", "EST", "EST5EDT", "EST5EDT,J60,J300", "EST5EDT,60,300", "EST5EDT,M13.1.0,M11.1.0",
        "EST5EDT,M3.6.0,M11.1.0", "EST5EDT,M3.2.7,M11.1.0", "EST5EDT,M3.2.0",
        "EST5EDT,M3.2.0,M11.1.0x", "EST25", "<AB>5", "<ABC5", "EST5EDT,M3.2.0/168,M11.1.0",
        "EST5:60"}) {
    auto parsed = ParsePosixTz(bad);
    ASSERT_TRUE(std::holds_alternative<std::string>(parsed)) << bad;
    EXPECT_NE(std::get<std::string>(parsed).find(std::string(bad)), std::string::npos);
  }
  auto julian = ParsePosixTz("EST5EDT,J60,J300");
  EXPECT_NE(std::get<std::string>(julian).find("Jn and n"), std::string::npos);
}

}  // namespace
}  // namespace costgate::central::budgets
