#include "central/budgets/tzif.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "central/budgets/time_zone.h"
#include "tests/unit/central/budgets/zone_helpers.h"

namespace costgate::central::budgets {
namespace {

using testing::CraftedZone;
using testing::CraftTzif;

CraftedZone TwoTransitions(char version) {
  CraftedZone zone;
  zone.version = version;
  zone.times = {-100, 1000};
  zone.type_of = {1, 0};
  zone.type_offsets = {3600, 7200};
  zone.footer = "XXX-1";
  return zone;
}

TEST(Tzif, ReadsVersionOneAndTheSixtyFourBitBlock) {
  for (char version : {'\0', '2', '3', '4'}) {
    auto parsed = ParseTzif(CraftTzif(TwoTransitions(version)));
    ASSERT_TRUE(std::holds_alternative<TzifData>(parsed)) << std::get<std::string>(parsed);
    const TzifData& data = std::get<TzifData>(parsed);
    EXPECT_EQ(data.initial_offset, 3600);
    EXPECT_EQ(data.times, (std::vector<int64_t>{-100, 1000}));
    EXPECT_EQ(data.offsets_after, (std::vector<int32_t>{7200, 3600}));
    EXPECT_EQ(data.footer, version == '\0' ? "" : "XXX-1");
  }
}

TEST(Tzif, ReadsTheSystemDatabase) {
  std::ifstream in("/usr/share/zoneinfo/America/New_York", std::ios::binary);
  if (!in) GTEST_SKIP() << "tzdata is not installed";
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto parsed = ParseTzif(bytes);
  ASSERT_TRUE(std::holds_alternative<TzifData>(parsed)) << std::get<std::string>(parsed);
  EXPECT_EQ(std::get<TzifData>(parsed).footer, "EST5EDT,M3.2.0,M11.1.0");
  EXPECT_GT(std::get<TzifData>(parsed).times.size(), 200u);
}

TEST(Tzif, MalformedBytesGiveReasons) {
  const std::string good = CraftTzif(TwoTransitions('2'));
  std::vector<std::pair<std::string, std::string>> cases = {
      {"", "bad magic"},
      {"TZif", "bad magic"},
      {"TZjf" + good.substr(4), "bad magic"},
      {good.substr(0, 4) + "9" + good.substr(5), "version"},
      {good.substr(0, 60), "truncated data block"},
      {good.substr(0, 44 + 4 * 2 + 2 + 12 + 4 + 10), "64-bit"},
      {good.substr(0, good.size() - 30), "truncated 64-bit"},
      {good.substr(0, good.size() - 7), "footer"},
      {good.substr(0, good.size() - 1), "unterminated footer"},
  };
  CraftedZone unordered = TwoTransitions('2');
  unordered.times = {1000, 1000};
  cases.emplace_back(CraftTzif(unordered), "ascending");
  CraftedZone bad_type = TwoTransitions('2');
  bad_type.type_of = {0, 2};
  cases.emplace_back(CraftTzif(bad_type), "type index");
  CraftedZone huge_offset = TwoTransitions('2');
  huge_offset.type_offsets = {3600, 27 * 3600};
  cases.emplace_back(CraftTzif(huge_offset), "offset out of range");
  CraftedZone no_types = TwoTransitions('\0');
  no_types.times.clear();
  no_types.type_of.clear();
  no_types.type_offsets.clear();
  cases.emplace_back(CraftTzif(no_types), "no local time types");
  std::string huge_count = good;
  huge_count[20 + 4 * 3] = '\xff';  // timecnt of about 4 billion
  cases.emplace_back(huge_count, "truncated");

  for (const auto& [bytes, reason] : cases) {
    auto parsed = ParseTzif(bytes);
    ASSERT_TRUE(std::holds_alternative<std::string>(parsed)) << reason;
    EXPECT_NE(std::get<std::string>(parsed).find(reason), std::string::npos)
        << std::get<std::string>(parsed);
  }
}

TEST(Tzif, EveryPrefixAndByteFlipIsSafe) {
  const std::string good = CraftTzif(TwoTransitions('2'));
  for (size_t length = 0; length < good.size(); ++length) {
    (void)TimeZone::FromTzif("Crafted/Zone", good.substr(0, length));
  }
  for (size_t i = 0; i < good.size(); ++i) {
    std::string flipped = good;
    flipped[i] = static_cast<char>(flipped[i] ^ 0xa5);
    auto zone = TimeZone::FromTzif("Crafted/Zone", flipped);
    if (auto* loaded = std::get_if<TimeZone>(&zone)) {
      (void)loaded->UtcOffsetSeconds(0);
      (void)loaded->StartOfLocalDay(CivilDate{2026, 1, 1});
    }
  }
}

TEST(Tzif, ZoneErrorsNameTheZone) {
  auto zone = TimeZone::FromTzif("Crafted/Zone", "garbage");
  ASSERT_TRUE(std::holds_alternative<std::string>(zone));
  EXPECT_EQ(std::get<std::string>(zone),
            "time zone \"Crafted/Zone\": not a TZif file (bad magic or shorter than its header)");
  CraftedZone julian = TwoTransitions('2');
  julian.footer = "EST5EDT,J60,J300";
  auto rule = TimeZone::FromTzif("Crafted/Julian", CraftTzif(julian));
  ASSERT_TRUE(std::holds_alternative<std::string>(rule));
  EXPECT_NE(std::get<std::string>(rule).find("\"Crafted/Julian\""), std::string::npos);
  EXPECT_NE(std::get<std::string>(rule).find("Jn and n"), std::string::npos);
}

}  // namespace
}  // namespace costgate::central::budgets
