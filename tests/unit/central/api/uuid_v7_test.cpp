#include "central/api/uuid_v7.h"

#include <gtest/gtest.h>

namespace costgate::central {
namespace {

TEST(FormatUuidV7, PutsTheMillisecondsFirstAndSetsVersionAndVariant) {
  const std::array<uint8_t, 10> random = {0xff, 0xff, 0xff, 0xff, 0xff,
                                          0xff, 0xff, 0xff, 0xff, 0xff};
  EXPECT_EQ(FormatUuidV7(0x0193f0c27a1e, random), "0193f0c2-7a1e-7fff-bfff-ffffffffffff");
}

TEST(FormatUuidV7, ZeroRandomBytesKeepTheVersionAndVariantBits) {
  EXPECT_EQ(FormatUuidV7(1, {}), "00000000-0001-7000-8000-000000000000");
}

TEST(NewUuidV7, TwoIdsOfTheSameMillisecondDiffer) {
  const std::string a = NewUuidV7(1'763'800'000'000);
  const std::string b = NewUuidV7(1'763'800'000'000);
  EXPECT_NE(a, b);
  EXPECT_EQ(a.substr(0, 13), b.substr(0, 13));
  EXPECT_EQ(a.substr(0, 13), "019aaaac-2600");
}

}  // namespace
}  // namespace costgate::central
