#include "filters/provider_errors.h"

#include <gtest/gtest.h>

#include "filters/route/builtin_routes.h"

namespace costgate::filters {
namespace {

TEST(ProviderErrorBodyTest, EveryBuiltinProviderHasItsOwnShape) {
  for (const ProviderRoutes& routes : BuiltinProviderRoutes()) {
    EXPECT_NE(ProviderErrorBody(routes.provider), nullptr) << routes.provider;
  }
}

TEST(ProviderErrorBodyTest, UnroutedAndUnknownProvidersHaveNone) {
  EXPECT_EQ(ProviderErrorBody(""), nullptr);
  EXPECT_EQ(ProviderErrorBody("someday"), nullptr);
}

// What each provider answers an account out of quota: what its SDKs already handle (and do or
// do not retry).
TEST(ProviderQuotaStatusTest, GoogleApisSay429AndElevenLabs401) {
  EXPECT_EQ(ProviderQuotaStatus("gemini"), 429);
  EXPECT_EQ(ProviderQuotaStatus("vertex"), 429);
  EXPECT_EQ(ProviderQuotaStatus("google-tts"), 429);
  EXPECT_EQ(ProviderQuotaStatus("elevenlabs"), 401);
}

TEST(ProviderQuotaStatusTest, UnroutedAndUnknownProvidersSay429) {
  EXPECT_EQ(ProviderQuotaStatus(""), 429);
  EXPECT_EQ(ProviderQuotaStatus("someday"), 429);
}

}  // namespace
}  // namespace costgate::filters
