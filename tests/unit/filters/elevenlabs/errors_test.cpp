#include "filters/elevenlabs/errors.h"

#include <gtest/gtest.h>

namespace costgate::filters::elevenlabs {
namespace {

TEST(ElevenLabsErrorBodyTest, CarriesTheReasonAsStatusAndTheMessageUnderDetail) {
  EXPECT_EQ(ErrorBody(429, "budget_exceeded", "costgate: \"over\""),
            R"({"detail":{"status":"budget_exceeded","message":"costgate: \"over\""}})");
}

}  // namespace
}  // namespace costgate::filters::elevenlabs
