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

}  // namespace
}  // namespace costgate::filters
