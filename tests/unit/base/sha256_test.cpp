#include "base/sha256.h"

#include <gtest/gtest.h>

namespace costgate::base {
namespace {

TEST(Sha256Hex, MatchesTheStandardTestVectors) {
  EXPECT_EQ(Sha256Hex("abc", 64),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex("", 12), "e3b0c44298fc");
}

}  // namespace
}  // namespace costgate::base
