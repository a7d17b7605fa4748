// Api::Handle: routes, methods, and the health check (no key needed).
#include <gtest/gtest.h>

#include "tests/unit/central/api/api_harness.h"

namespace costgate::central {
namespace {

using testing::ApiHarness;
using testing::Json;

TEST(ApiHealth, AnswersOkWithTheDatabaseUp) {
  ApiHarness h;
  const ApiResponse r = h.Get("/v1/health");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"status":"ok","db":"ok"})");
}

TEST(ApiHealth, AnswersUnderAPathPrefix) {
  ApiHarness h;
  const ApiResponse r = h.Get("/cost-tracker/v1/health");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"status":"ok","db":"ok"})");
}

TEST(ApiRouting, UnknownPathIs404) {
  ApiHarness h;
  const ApiResponse r = h.Get("/v1/budgets");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(std::string_view(Json(r.body)["error"]["code"]), "not_found");
}

TEST(ApiRouting, WrongMethodIs405) {
  ApiHarness h;
  const ApiResponse r = h.Get("/v1/usage/batch", h.MakeKey("ship"));
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.body,
            R"({"error":{"code":"method_not_allowed","message":"/v1/usage/batch takes POST"}})");
}

TEST(ApiRouting, PostToHealthIs405) {
  ApiHarness h;
  EXPECT_EQ(h.Post("/v1/health", "", "").status, 405);
}

}  // namespace
}  // namespace costgate::central
