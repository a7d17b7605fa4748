#include "base/uuid7.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "base/clock.h"

namespace costgate::base {
namespace {

constexpr std::array<uint64_t, 4> kSeed = {1, 2, 3, 4};

TEST(FormatUuidV7, MatchesRfc9562ExampleVector) {
  // RFC 9562 appendix A.6: 017F22E2-79B0-7CC3-98C4-DC0C0C07398F.
  EXPECT_EQ(FormatUuidV7(0x017F22E279B0, 0xCC3, 0x18C4DC0C0C07398F),
            "017f22e2-79b0-7cc3-98c4-dc0c0c07398f");
}

TEST(FormatUuidV7, SetsVersionAndVariantWhateverTheRandomBits) {
  const std::string id = FormatUuidV7(1, 0xffff, ~uint64_t{0});
  ASSERT_EQ(id.size(), kUuidLength);
  EXPECT_EQ(id[14], '7');
  EXPECT_EQ(id[19], 'b');  // 0b10 variant, then the two top rand_b bits
  EXPECT_EQ(FormatUuidV7(1, 0, 0)[19], '8');
}

TEST(UuidV7UnixMs, RoundTripsTheTimestamp) {
  EXPECT_EQ(UuidV7UnixMs(FormatUuidV7(1'717'171'717'171, 5, 6)), 1'717'171'717'171);
  EXPECT_EQ(UuidV7UnixMs(FormatUuidV7(0, 0, 0)), 0);
  EXPECT_EQ(UuidV7UnixMs(FormatUuidV7(0xffffffffffff, 0, 0)), 0xffffffffffff);
}

TEST(UuidV7UnixMs, RejectsWhatIsNotACanonicalV7) {
  EXPECT_EQ(UuidV7UnixMs(""), std::nullopt);
  EXPECT_EQ(UuidV7UnixMs("017f22e2-79b0-4cc3-98c4-dc0c0c07398f"), std::nullopt);  // v4
  EXPECT_EQ(UuidV7UnixMs("017f22e2-79b0-7cc3-c8c4-dc0c0c07398f"), std::nullopt);  // variant
  EXPECT_EQ(UuidV7UnixMs("017F22E2-79B0-7CC3-98C4-DC0C0C07398F"), std::nullopt);  // upper
  EXPECT_EQ(UuidV7UnixMs("017f22e2079b0-7cc3-98c4-dc0c0c07398f"), std::nullopt);  // dash
}

TEST(UuidV7Generator, StampsTheGivenTime) {
  UuidV7Generator gen(kSeed);
  EXPECT_EQ(UuidV7UnixMs(gen.Next(1'700'000'000'123)), 1'700'000'000'123);
}

TEST(UuidV7Generator, IdsIncreaseWithinOneMillisecond) {
  UuidV7Generator gen(kSeed);
  std::string previous = gen.Next(1000);
  for (int i = 0; i < 100; ++i) {
    std::string next = gen.Next(1000);
    EXPECT_LT(previous, next);
    previous = std::move(next);
  }
}

TEST(UuidV7Generator, IdsKeepIncreasingWhenTheClockStepsBack) {
  UuidV7Generator gen(kSeed);
  const std::string late = gen.Next(5000);
  const std::string after_step_back = gen.Next(4000);
  EXPECT_LT(late, after_step_back);
  EXPECT_EQ(UuidV7UnixMs(after_step_back), 5000);
}

TEST(UuidV7Generator, CounterRolloverAdvancesTheTimestamp) {
  UuidV7Generator gen(kSeed);
  std::string previous = gen.Next(1000);
  for (int i = 0; i < 5000; ++i) {  // more than the 12-bit counter holds
    std::string next = gen.Next(1000);
    ASSERT_LT(previous, next);
    previous = std::move(next);
  }
  EXPECT_GT(UuidV7UnixMs(previous), 1000);
}

TEST(UuidV7Generator, DifferentSeedsGiveDifferentIds) {
  UuidV7Generator a = UuidV7Generator::FromOsEntropy();
  UuidV7Generator b = UuidV7Generator::FromOsEntropy();
  EXPECT_NE(a.Next(1000), b.Next(1000));
}

// The daemon's event ids: one generator per worker, stamped with the wall clock.
TEST(UuidV7Generator, MillionIdsAtTheWallClockAreUniqueAndInCreationOrder) {
  UuidV7Generator gen = UuidV7Generator::FromOsEntropy();
  std::vector<std::string> ids;
  ids.reserve(1'000'000);
  for (int i = 0; i < 1'000'000; ++i) {
    ids.push_back(gen.Next(NowUnixMs()));
  }
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));
  EXPECT_EQ(std::adjacent_find(ids.begin(), ids.end()), ids.end());
}

TEST(UuidV7Generator, CarriesTheCurrentTime) {
  const int64_t before = NowUnixMs();
  UuidV7Generator gen = UuidV7Generator::FromOsEntropy();  // a fresh generator
  const std::optional<int64_t> ms = UuidV7UnixMs(gen.Next(NowUnixMs()));
  const int64_t after = NowUnixMs();
  ASSERT_TRUE(ms.has_value());
  EXPECT_GE(*ms, before);
  EXPECT_LE(*ms, after + 1);  // +1: a counter rollover may borrow one millisecond
}

// Central's ids: the random bits fill both fields; the version and variant bits are set.
TEST(FormatUuidV7, PutsTheMillisecondsFirstAndSetsVersionAndVariant) {
  EXPECT_EQ(FormatUuidV7(0x0193f0c27a1e, 0xffff, ~uint64_t{0}),
            "0193f0c2-7a1e-7fff-bfff-ffffffffffff");
}

TEST(FormatUuidV7, ZeroRandomBitsKeepTheVersionAndVariantBits) {
  EXPECT_EQ(FormatUuidV7(1, 0, 0), "00000000-0001-7000-8000-000000000000");
}

TEST(NewUuidV7, TwoIdsOfTheSameMillisecondDiffer) {
  const std::string a = NewUuidV7(1'763'800'000'000);
  const std::string b = NewUuidV7(1'763'800'000'000);
  EXPECT_NE(a, b);
  EXPECT_EQ(a.substr(0, 13), b.substr(0, 13));
  EXPECT_EQ(a.substr(0, 13), "019aaaac-2600");
}

}  // namespace
}  // namespace costgate::base
