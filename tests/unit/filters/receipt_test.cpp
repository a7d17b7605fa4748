#include "filters/receipt.h"

#include <gtest/gtest.h>

namespace costgate::filters {
namespace {

TEST(OutcomeNameTest, NamesEveryOutcome) {
  EXPECT_EQ(OutcomeName(Outcome::kSuccess), "success");
  EXPECT_EQ(OutcomeName(Outcome::kUpstreamError), "upstream_error");
  EXPECT_EQ(OutcomeName(Outcome::kCancelled), "cancelled");
  EXPECT_EQ(OutcomeName(Outcome::kInterrupted), "interrupted");
  EXPECT_EQ(OutcomeName(Outcome::kDenied), "denied");
}

}  // namespace
}  // namespace costgate::filters
