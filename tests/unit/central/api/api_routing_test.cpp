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

TEST(ApiRouting, WrongMethodNamesTheAllowedMethods) {
  ApiHarness h;
  EXPECT_EQ(testing::HeaderValue(h.Get("/v1/usage/batch", h.MakeKey("ship")), "Allow"), "POST");
  EXPECT_EQ(testing::HeaderValue(h.Post("/v1/health", "", ""), "Allow"), "GET, HEAD");
}

TEST(ApiRouting, HeadOfHealthIsAnsweredLikeGet) {
  ApiHarness h;
  const ApiResponse r = h.api().Handle({"HEAD", "/v1/health", "", "", testing::kNow});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "application/json");
}

TEST(ApiRouting, JsonIsTheDefaultContentType) {
  ApiHarness h;
  EXPECT_EQ(h.Get("/v1/health").content_type, "application/json");
  EXPECT_EQ(h.Get("/v1/nothing").content_type, "application/json");
}

TEST(ApiRouting, QueryReachesTheAdmissionDecoded) {
  ApiHarness h;
  std::variant<Admission, ApiResponse> admitted =
      h.api().Admit({"GET", "/v1/health?from=2025-11-01&model=a+b&model=c%2Fd", "", testing::kNow});
  ASSERT_TRUE(std::holds_alternative<Admission>(admitted));
  const Query& query = std::get<Admission>(admitted).query;
  EXPECT_EQ(*query.Find("from"), "2025-11-01");
  EXPECT_EQ(query.All("model"), (std::vector<std::string_view>{"a b", "c/d"}));
}

TEST(ApiRouting, MalformedQueryEscapeIs400NamingTheParameter) {
  ApiHarness h;
  const ApiResponse r = h.Get("/v1/health?ok=1&from=2025%2");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(std::string_view(Json(r.body)["error"]["code"]), "invalid_query");
  EXPECT_EQ(std::string_view(Json(r.body)["error"]["field"]), "from");
}

TEST(ApiRouting, AdmissionSaysWhetherTheRouteWritesTheStore) {
  ApiHarness h;
  const auto kind = [&](std::string_view method, std::string_view path, std::string_view key) {
    std::variant<Admission, ApiResponse> admitted =
        h.api().Admit({method, path, key, testing::kNow});
    EXPECT_TRUE(std::holds_alternative<Admission>(admitted)) << path;
    return std::holds_alternative<Admission>(admitted) ? std::get<Admission>(admitted).kind
                                                       : RouteKind::kNoStore;
  };
  const std::string key = h.MakeKey("all");
  EXPECT_EQ(kind("GET", "/v1/health", ""), RouteKind::kRead);
  EXPECT_EQ(kind("POST", "/v1/preflight", key), RouteKind::kWrite);  // it reserves
  EXPECT_EQ(kind("POST", "/v1/usage/batch", key), RouteKind::kWrite);
  EXPECT_EQ(kind("POST", "/v1/usage/record", key), RouteKind::kWrite);
  EXPECT_EQ(kind("POST", "/v1/users/upsert", key), RouteKind::kWrite);
  EXPECT_EQ(kind("POST", "/v1/projects/upsert", key), RouteKind::kWrite);
  EXPECT_EQ(kind("POST", "/v1/budget/leases", key), RouteKind::kWrite);
}

}  // namespace
}  // namespace costgate::central
