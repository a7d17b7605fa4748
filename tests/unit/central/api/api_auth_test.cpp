// Api::Handle: who may call (key_auth.h).
#include <gtest/gtest.h>

#include "central/api/key_auth.h"
#include "central/keys/api_key.h"
#include "tests/unit/central/api/api_harness.h"

namespace costgate::central {
namespace {

using testing::ApiHarness;
using testing::Json;
using testing::kNow;

constexpr std::string_view kUpsert = R"({"external_id":"42","source_app":"my-project"})";

std::string ErrorCode(const ApiResponse& r) {
  return std::string(std::string_view(Json(r.body)["error"]["code"]));
}

std::optional<int64_t> LastUsed(Store& store, const std::string& secret) {
  auto found = store.FindKeyByHash(HashKey(secret));
  return std::get<std::optional<ApiKeyRecord>>(found).value().last_used_unix_ms;
}

TEST(ApiAuth, MissingKeyIs401) {
  ApiHarness h;
  const ApiResponse r = h.Post("/v1/users/upsert", "", kUpsert);
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(
      r.body,
      R"json({"error":{"code":"unauthorized","message":"missing API key (X-API-Key header or Authorization: Bearer)"}})json");
}

TEST(ApiAuth, BearerTokenIsTheKeyWhenThereIsNoXApiKey) {
  ApiHarness h;
  const std::string key = h.MakeKey("upsert");
  const ApiResponse bearer =
      h.api().Handle({"POST", "/v1/users/upsert", "", kUpsert, kNow, "", "Bearer " + key});
  EXPECT_EQ(bearer.status, 200) << bearer.body;
  // X-API-Key wins over Authorization.
  const ApiResponse both = h.api().Handle(
      {"POST", "/v1/users/upsert", "ct_live_wrong", kUpsert, kNow, "", "Bearer " + key});
  EXPECT_EQ(both.status, 401);
}

TEST(PresentedKey, ReadsXApiKeyThenABearerToken) {
  EXPECT_EQ(PresentedKey("k1", "Bearer k2"), "k1");
  EXPECT_EQ(PresentedKey("", "Bearer k2"), "k2");
  EXPECT_EQ(PresentedKey("", "BEARER   k2"), "k2");
  EXPECT_EQ(PresentedKey("", "Basic dXNlcjpwdw=="), "");
  EXPECT_EQ(PresentedKey("", "Bearer"), "");
  EXPECT_EQ(PresentedKey("", ""), "");
}

TEST(ApiAuth, UnknownKeyIs401) {
  ApiHarness h;
  h.MakeKey("all");
  const ApiResponse r = h.Post("/v1/users/upsert", "ct_live_not-a-key", kUpsert);
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(ErrorCode(r), "unauthorized");
}

TEST(ApiAuth, RevokedKeyIs401) {
  ApiHarness h;
  const std::string key = h.MakeKey("all");
  const std::string id =
      std::get<std::optional<ApiKeyRecord>>(h.store().FindKeyByHash(HashKey(key))).value().id;
  ASSERT_TRUE(std::get<bool>(h.store().RevokeKey(id, kNow - 1)));
  const ApiResponse r = h.Post("/v1/users/upsert", key, kUpsert);
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.body, R"({"error":{"code":"unauthorized","message":"API key revoked"}})");
}

TEST(ApiAuth, KeyWithoutTheScopeIs403) {
  ApiHarness h;
  const ApiResponse r = h.Post("/v1/users/upsert", h.MakeKey("preflight,record"), kUpsert);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.body, R"({"error":{"code":"missing_scope","message":"API key lacks scope upsert"}})");
}

TEST(ApiAuth, KeyWithTheScopeIsAdmitted) {
  ApiHarness h;
  const ApiResponse r = h.Post("/v1/users/upsert", h.MakeKey("upsert"), kUpsert);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"ok":true,"external_id":"42"})");
}

TEST(ApiAuth, FirstUseRecordsLastUsed) {
  ApiHarness h;
  const std::string key = h.MakeKey("upsert");
  ASSERT_EQ(LastUsed(h.store(), key), std::nullopt);
  h.Post("/v1/users/upsert", key, kUpsert, kNow);
  EXPECT_EQ(LastUsed(h.store(), key), kNow);
}

TEST(ApiAuth, UseWithinAMinuteDoesNotRewriteLastUsed) {
  ApiHarness h;
  const std::string key = h.MakeKey("upsert");
  h.Post("/v1/users/upsert", key, kUpsert, kNow);
  h.Post("/v1/users/upsert", key, kUpsert, kNow + 59'999);
  EXPECT_EQ(LastUsed(h.store(), key), kNow);
}

TEST(ApiAuth, UseAfterAMinuteRewritesLastUsed) {
  ApiHarness h;
  const std::string key = h.MakeKey("upsert");
  h.Post("/v1/users/upsert", key, kUpsert, kNow);
  h.Post("/v1/users/upsert", key, kUpsert, kNow + 60'000);
  EXPECT_EQ(LastUsed(h.store(), key), kNow + 60'000);
}

// Admission reads the head alone: the body is not there yet when it decides.
TEST(ApiAdmit, RefusesFromTheHeadAlone) {
  ApiHarness h;
  const std::string upsert_key = h.MakeKey("upsert");
  const auto status = [&](std::string_view method, std::string_view path, std::string_view key) {
    std::variant<Admission, ApiResponse> admitted = h.api().Admit({method, path, key, kNow});
    const ApiResponse* refused = std::get_if<ApiResponse>(&admitted);
    return refused != nullptr ? refused->status : 0;
  };
  EXPECT_EQ(status("POST", "/v1/nothing", upsert_key), 404);
  EXPECT_EQ(status("GET", "/v1/users/upsert", upsert_key), 405);
  EXPECT_EQ(status("POST", "/v1/users/upsert", ""), 401);
  EXPECT_EQ(status("POST", "/v1/users/upsert", "ct_live_not-a-key"), 401);
  EXPECT_EQ(status("POST", "/v1/usage/batch", upsert_key), 403);
  EXPECT_EQ(status("POST", "/v1/users/upsert", upsert_key), 0);
  EXPECT_EQ(status("GET", "/v1/health", ""), 0);
}

TEST(ApiAdmit, AdmissionCarriesTheRouteAndTheKey) {
  ApiHarness h;
  std::variant<Admission, ApiResponse> admitted =
      h.api().Admit({"POST", "/cost-tracker/v1/users/upsert", h.MakeKey("upsert"), kNow});
  const Admission& admission = std::get<Admission>(admitted);
  EXPECT_EQ(admission.route, Route::kUsersUpsert);
  ASSERT_TRUE(admission.key.has_value());
  EXPECT_EQ(admission.key->source_app, "my-project");
  const Admission health = std::get<Admission>(h.api().Admit({"GET", "/v1/health", "", kNow}));
  EXPECT_EQ(health.route, Route::kHealth);
  EXPECT_FALSE(health.key.has_value());
}

// The key was checked at admission; a revocation while the body arrives does not undo it.
TEST(ApiAdmit, HandleDoesNotAuthenticateAgain) {
  ApiHarness h;
  const std::string key = h.MakeKey("upsert");
  const Admission admission =
      std::get<Admission>(h.api().Admit({"POST", "/v1/users/upsert", key, kNow}));
  const std::string id =
      std::get<std::optional<ApiKeyRecord>>(h.store().FindKeyByHash(HashKey(key))).value().id;
  ASSERT_TRUE(std::get<bool>(h.store().RevokeKey(id, kNow)));
  const ApiResponse r = h.api().Handle({"POST", "/v1/users/upsert", "", kUpsert, kNow}, admission);
  EXPECT_EQ(r.status, 200) << r.body;
}

TEST(ApiAuth, KeyOfAnotherSourceAppIs403) {
  ApiHarness h;
  const ApiResponse r = h.Post("/v1/users/upsert", h.MakeKey("upsert", "other-app"), kUpsert);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(ErrorCode(r), "source_app_mismatch");
  EXPECT_EQ(std::string_view(Json(r.body)["error"]["field"]), "source_app");
}

}  // namespace
}  // namespace costgate::central
