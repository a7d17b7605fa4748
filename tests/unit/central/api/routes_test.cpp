#include "central/api/routes.h"

#include <gtest/gtest.h>

#include "central/api/api.h"

namespace costgate::central {
namespace {

TEST(FindRoute, ServesTheBarePath) {
  const RouteSpec* route = FindRoute("POST", "/v1/usage/batch").spec;
  ASSERT_NE(route, nullptr);
  EXPECT_EQ(route->route, Route::kUsageBatch);
  EXPECT_EQ(route->method, "POST");
  EXPECT_EQ(route->scope, Scope::kShip);
}

TEST(FindRoute, DropsAnyPrefixBeforeV1) {
  const RouteSpec* route = FindRoute("POST", "/cost-tracker/v1/usage/record").spec;
  ASSERT_NE(route, nullptr);
  EXPECT_EQ(route->route, Route::kUsageRecord);
}

TEST(FindRoute, IgnoresTheQueryString) {
  const RouteSpec* route = FindRoute("GET", "/v1/health?verbose=1").spec;
  ASSERT_NE(route, nullptr);
  EXPECT_EQ(route->route, Route::kHealth);
  EXPECT_FALSE(route->scope.has_value());
}

TEST(FindRoute, NeedsAnExactMatchAfterThePrefix) {
  EXPECT_EQ(FindRoute("GET", "/v1/health/").spec, nullptr);
  EXPECT_EQ(FindRoute("GET", "/v1/usage").spec, nullptr);
  EXPECT_EQ(FindRoute("GET", "/v2/health").spec, nullptr);
  EXPECT_EQ(FindRoute("GET", "/health").spec, nullptr);
}

TEST(ApiServes, TrueOnlyForTheApiRoutes) {
  EXPECT_TRUE(Api::Serves("/v1/projects/upsert"));
  EXPECT_TRUE(Api::Serves("/cost-tracker/v1/users/upsert"));
  EXPECT_FALSE(Api::Serves("/metrics"));
  EXPECT_FALSE(Api::Serves("/v1/users"));
}

}  // namespace
}  // namespace costgate::central
