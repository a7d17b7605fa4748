#include "filters/preflight/preflight_filter.h"

#include <gtest/gtest.h>

namespace costgate::filters {
namespace {

TEST(PreflightFilterTest, ContinuesWithoutTouchingTheExchange) {
  Exchange x;
  x.provider = "gemini";
  x.request.target = "/v1beta/models/m:generateContent";
  const PreflightFilterFactory factory;
  EXPECT_EQ(factory.Name(), "preflight");
  EXPECT_EQ(factory.Create()->OnRequest(x), Next::kContinue);
  EXPECT_EQ(x.reply.status, 0);
  EXPECT_EQ(x.request.target, "/v1beta/models/m:generateContent");
}

}  // namespace
}  // namespace costgate::filters
