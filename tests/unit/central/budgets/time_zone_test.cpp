#include "central/budgets/time_zone.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tests/unit/central/budgets/zone_helpers.h"

namespace costgate::central::budgets {
namespace {

using testing::CraftedZone;
using testing::CraftTzif;
using testing::SystemZone;

struct ExpectedOffset {
  const char* zone;
  int64_t unix_seconds;
  int32_t offset;
};

// From `TZ=<zone> date -d @<secs> +%::z` (glibc's tzcode is the reference): 1900, 1970, 2001,
// the 2026 US changes and their last seconds before, 2100, 2300 and 3000 (past every listed
// transition: the footer rule).
constexpr ExpectedOffset kExpectedOffsets[] = {
    {"America/New_York", -2208988800, -18000},
    {"America/New_York", 0, -18000},
    {"America/New_York", 1000000000, -14400},
    {"America/New_York", 1772946000, -18000},
    {"America/New_York", 1772949599, -18000},
    {"America/New_York", 1772949600, -18000},
    {"America/New_York", 1793505599, -14400},
    {"America/New_York", 1793505600, -14400},
    {"America/New_York", 1793509199, -14400},
    {"America/New_York", 1793509200, -14400},
    {"America/New_York", 4108683600, -18000},
    {"America/New_York", 10440158400, -14400},
    {"America/New_York", 32503680000, -18000},
    {"Europe/London", -2208988800, 0},
    {"Europe/London", 0, 3600},
    {"Europe/London", 1000000000, 3600},
    {"Europe/London", 1772946000, 0},
    {"Europe/London", 1772949599, 0},
    {"Europe/London", 1772949600, 0},
    {"Europe/London", 1793505599, 0},
    {"Europe/London", 1793505600, 0},
    {"Europe/London", 1793509199, 0},
    {"Europe/London", 1793509200, 0},
    {"Europe/London", 4108683600, 0},
    {"Europe/London", 10440158400, 0},
    {"Europe/London", 32503680000, 0},
    {"Asia/Kolkata", -2208988800, 19270},
    {"Asia/Kolkata", 0, 19800},
    {"Asia/Kolkata", 1000000000, 19800},
    {"Asia/Kolkata", 1772946000, 19800},
    {"Asia/Kolkata", 1772949599, 19800},
    {"Asia/Kolkata", 1772949600, 19800},
    {"Asia/Kolkata", 1793505599, 19800},
    {"Asia/Kolkata", 1793505600, 19800},
    {"Asia/Kolkata", 1793509199, 19800},
    {"Asia/Kolkata", 1793509200, 19800},
    {"Asia/Kolkata", 4108683600, 19800},
    {"Asia/Kolkata", 10440158400, 19800},
    {"Asia/Kolkata", 32503680000, 19800},
    {"Australia/Lord_Howe", -2208988800, 36000},
    {"Australia/Lord_Howe", 0, 36000},
    {"Australia/Lord_Howe", 1000000000, 37800},
    {"Australia/Lord_Howe", 1772946000, 39600},
    {"Australia/Lord_Howe", 1772949599, 39600},
    {"Australia/Lord_Howe", 1772949600, 39600},
    {"Australia/Lord_Howe", 1793505599, 39600},
    {"Australia/Lord_Howe", 1793505600, 39600},
    {"Australia/Lord_Howe", 1793509199, 39600},
    {"Australia/Lord_Howe", 1793509200, 39600},
    {"Australia/Lord_Howe", 4108683600, 39600},
    {"Australia/Lord_Howe", 10440158400, 39600},
    {"Australia/Lord_Howe", 32503680000, 39600},
    {"America/Santiago", -2208988800, -16965},
    {"America/Santiago", 0, -10800},
    {"America/Santiago", 1000000000, -14400},
    {"America/Santiago", 1772946000, -10800},
    {"America/Santiago", 1772949599, -10800},
    {"America/Santiago", 1772949600, -10800},
    {"America/Santiago", 1793505599, -10800},
    {"America/Santiago", 1793505600, -10800},
    {"America/Santiago", 1793509199, -10800},
    {"America/Santiago", 1793509200, -10800},
    {"America/Santiago", 4108683600, -10800},
    {"America/Santiago", 10440158400, -10800},
    {"America/Santiago", 32503680000, -10800},
    {"Asia/Beirut", -2208988800, 7200},
    {"Asia/Beirut", 0, 7200},
    {"Asia/Beirut", 1000000000, 10800},
    {"Asia/Beirut", 1772946000, 7200},
    {"Asia/Beirut", 1772949599, 7200},
    {"Asia/Beirut", 1772949600, 7200},
    {"Asia/Beirut", 1793505599, 7200},
    {"Asia/Beirut", 1793505600, 7200},
    {"Asia/Beirut", 1793509199, 7200},
    {"Asia/Beirut", 1793509200, 7200},
    {"Asia/Beirut", 4108683600, 7200},
    {"Asia/Beirut", 10440158400, 7200},
    {"Asia/Beirut", 32503680000, 7200},
    {"Pacific/Chatham", -2208988800, 44100},
    {"Pacific/Chatham", 0, 45900},
    {"Pacific/Chatham", 1000000000, 45900},
    {"Pacific/Chatham", 1772946000, 49500},
    {"Pacific/Chatham", 1772949599, 49500},
    {"Pacific/Chatham", 1772949600, 49500},
    {"Pacific/Chatham", 1793505599, 49500},
    {"Pacific/Chatham", 1793505600, 49500},
    {"Pacific/Chatham", 1793509199, 49500},
    {"Pacific/Chatham", 1793509200, 49500},
    {"Pacific/Chatham", 4108683600, 49500},
    {"Pacific/Chatham", 10440158400, 49500},
    {"Pacific/Chatham", 32503680000, 49500},
    {"America/St_Johns", -2208988800, -12652},
    {"America/St_Johns", 0, -12600},
    {"America/St_Johns", 1000000000, -9000},
    {"America/St_Johns", 1772946000, -12600},
    {"America/St_Johns", 1772949599, -9000},
    {"America/St_Johns", 1772949600, -9000},
    {"America/St_Johns", 1793505599, -9000},
    {"America/St_Johns", 1793505600, -9000},
    {"America/St_Johns", 1793509199, -12600},
    {"America/St_Johns", 1793509200, -12600},
    {"America/St_Johns", 4108683600, -12600},
    {"America/St_Johns", 10440158400, -9000},
    {"America/St_Johns", 32503680000, -12600},
    {"Africa/Casablanca", -2208988800, -1820},
    {"Africa/Casablanca", 0, 0},
    {"Africa/Casablanca", 1000000000, 0},
    {"Africa/Casablanca", 1772946000, 0},
    {"Africa/Casablanca", 1772949599, 0},
    {"Africa/Casablanca", 1772949600, 0},
    {"Africa/Casablanca", 1793505599, 3600},
    {"Africa/Casablanca", 1793505600, 3600},
    {"Africa/Casablanca", 1793509199, 3600},
    {"Africa/Casablanca", 1793509200, 3600},
    {"Africa/Casablanca", 4108683600, 3600},
    {"Africa/Casablanca", 10440158400, 3600},
    {"Africa/Casablanca", 32503680000, 3600},
    {"Europe/Dublin", -2208988800, -1521},
    {"Europe/Dublin", 0, 3600},
    {"Europe/Dublin", 1000000000, 3600},
    {"Europe/Dublin", 1772946000, 0},
    {"Europe/Dublin", 1772949599, 0},
    {"Europe/Dublin", 1772949600, 0},
    {"Europe/Dublin", 1793505599, 0},
    {"Europe/Dublin", 1793505600, 0},
    {"Europe/Dublin", 1793509199, 0},
    {"Europe/Dublin", 1793509200, 0},
    {"Europe/Dublin", 4108683600, 0},
    {"Europe/Dublin", 10440158400, 0},
    {"Europe/Dublin", 32503680000, 0},
};

TEST(TimeZone, OffsetsMatchTheSystemTzcode) {
  for (const ExpectedOffset& expected : kExpectedOffsets) {
    const auto zone = SystemZone(expected.zone);
    if (!zone) GTEST_SKIP() << expected.zone << " is not installed";
    EXPECT_EQ(zone->UtcOffsetSeconds(expected.unix_seconds), expected.offset)
        << expected.zone << " at " << expected.unix_seconds;
  }
}

TEST(TimeZone, UtcNeedsNoFiles) {
  auto utc = TimeZone::Load("UTC", "/nonexistent");
  ASSERT_TRUE(std::holds_alternative<TimeZone>(utc));
  EXPECT_EQ(std::get<TimeZone>(utc).name(), "UTC");
  EXPECT_EQ(std::get<TimeZone>(utc).UtcOffsetSeconds(1798675200), 0);
  EXPECT_EQ(TimeZone::Utc().StartOfLocalDay({2024, 2, 29}), 1709164800);
  EXPECT_EQ(TimeZone::Utc().LocalDateAt(-1), (CivilDate{1969, 12, 31}));
}

TEST(TimeZone, BadNamesAndMissingFilesNameTheZone) {
  for (std::string_view name :
       {"../etc/passwd", "/etc/localtime", "Europe/../../x", "Europe/Lon don", "Europe\\London", "",
        "Zone;rm", "Europe/Lond\xc3\xb6n"}) {
    auto zone = TimeZone::Load(name);
    ASSERT_TRUE(std::holds_alternative<std::string>(zone)) << name;
    EXPECT_EQ(std::get<std::string>(zone).rfind("time zone \"" + std::string(name) + "\": ", 0), 0u)
        << std::get<std::string>(zone);
  }
  auto missing = TimeZone::Load("Mars/Olympus_Mons");
  ASSERT_TRUE(std::holds_alternative<std::string>(missing));
  EXPECT_NE(std::get<std::string>(missing).find("\"Mars/Olympus_Mons\": no such zone"),
            std::string::npos);
  auto directory = TimeZone::Load("Europe");  // a folder of the database, not a zone
  ASSERT_TRUE(std::holds_alternative<std::string>(directory));
  // A file under the root that is not TZif, and a crafted one that is.
  const std::filesystem::path root = std::filesystem::path(::testing::TempDir()) / "h14_zoneinfo";
  std::filesystem::create_directories(root / "Test");
  std::ofstream(root / "Test" / "Text") << "# not a zone\n";
  auto not_tzif = TimeZone::Load("Test/Text", root);
  ASSERT_TRUE(std::holds_alternative<std::string>(not_tzif));
  EXPECT_EQ(std::get<std::string>(not_tzif),
            "time zone \"Test/Text\": not a TZif file (bad magic or shorter than its header)");
  CraftedZone crafted;
  crafted.footer = "<+0530>-5:30";
  std::ofstream(root / "Test" / "Crafted", std::ios::binary) << CraftTzif(crafted);
  auto loaded = TimeZone::Load("Test/Crafted", root);
  ASSERT_TRUE(std::holds_alternative<TimeZone>(loaded)) << std::get<std::string>(loaded);
  EXPECT_EQ(std::get<TimeZone>(loaded).name(), "Test/Crafted");
  EXPECT_EQ(std::get<TimeZone>(loaded).UtcOffsetSeconds(0), 5 * 3600 + 1800);
  std::filesystem::remove_all(root);
}

// From `TZ=<zone> date -d '<date> 00:00' +%s`; where date calls midnight invalid (skipped),
// from `TZ=<zone> date -d '<date> 01:00' +%s`: the first instant after the gap.
TEST(TimeZone, StartOfLocalDay) {
  struct Case {
    const char* zone;
    CivilDate date;
    int64_t start;
  };
  constexpr Case kCases[] = {
      {"America/New_York", {2026, 3, 8}, 1772946000},
      {"America/New_York", {2026, 3, 9}, 1773028800},
      {"America/New_York", {2026, 11, 1}, 1793505600},
      {"America/New_York", {2026, 11, 2}, 1793595600},
      {"America/New_York", {2300, 11, 1}, 10440072000},
      {"America/New_York", {2300, 11, 2}, 10440158400},
      {"Europe/London", {2026, 3, 29}, 1774742400},
      {"Europe/London", {2026, 3, 30}, 1774825200},
      {"Asia/Kolkata", {2026, 12, 7}, 1796581800},
      {"Australia/Lord_Howe", {2026, 10, 4}, 1791034200},
      {"Australia/Lord_Howe", {2026, 10, 5}, 1791118800},
      {"America/Santiago", {2026, 9, 5}, 1788580800},
      {"America/Santiago", {2026, 9, 6}, 1788667200},  // midnight skipped: 01:00 -03
      {"America/Santiago", {2026, 9, 7}, 1788750000},
      {"Asia/Beirut", {2026, 3, 29}, 1774735200},  // midnight skipped: 01:00 EEST
      {"Asia/Beirut", {2026, 3, 30}, 1774818000},
  };
  for (const Case& c : kCases) {
    const auto zone = SystemZone(c.zone);
    if (!zone) continue;  // this tzdata lacks the zone
    EXPECT_EQ(zone->StartOfLocalDay(c.date), c.start)
        << c.zone << " " << c.date.year << "-" << c.date.month << "-" << c.date.day;
  }
}

// A file built by hand: clocks go from 00:00 to 01:00 on 2 January 2000, and back from 00:30
// on 4 January to 23:30 on 3 January, so the midnight starting 4 January happens twice.
TEST(TimeZone, CraftedMidnightGapAndRepeat) {
  CraftedZone crafted;
  const int64_t jan2 = 946771200;  // 2000-01-02T00:00Z
  const int64_t jan4 = jan2 + 2 * 86400;
  crafted.times = {jan2, jan4 - 1800};  // local 00:00 (+0) and 00:30 (+1)
  crafted.type_of = {1, 0};
  crafted.type_offsets = {0, 3600};
  auto loaded = TimeZone::FromTzif("Crafted/Gap", CraftTzif(crafted));
  ASSERT_TRUE(std::holds_alternative<TimeZone>(loaded)) << std::get<std::string>(loaded);
  const TimeZone& zone = std::get<TimeZone>(loaded);
  EXPECT_EQ(zone.StartOfLocalDay({2000, 1, 2}), jan2);  // 01:00 local, the end of the gap
  EXPECT_EQ(zone.StartOfLocalDay({2000, 1, 3}), jan2 + 86400 - 3600);
  EXPECT_EQ(zone.StartOfLocalDay({2000, 1, 4}), jan4 - 3600);  // the earlier of two midnights
  EXPECT_EQ(zone.StartOfLocalDay({2000, 1, 5}), jan4 + 86400);
  EXPECT_EQ(zone.UtcOffsetSeconds(jan2 - 1), 0);
  EXPECT_EQ(zone.UtcOffsetSeconds(jan2), 3600);
  EXPECT_EQ(zone.UtcOffsetSeconds(jan4), 0);  // no footer: the last offset holds
}

}  // namespace
}  // namespace costgate::central::budgets
