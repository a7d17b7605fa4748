// Api::Handle: who may call (key_auth.h).
#include <gtest/gtest.h>

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
  EXPECT_EQ(r.body, R"({"error":{"code":"unauthorized","message":"missing X-API-Key header"}})");
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

TEST(ApiAuth, KeyOfAnotherSourceAppIs403) {
  ApiHarness h;
  const ApiResponse r = h.Post("/v1/users/upsert", h.MakeKey("upsert", "other-app"), kUpsert);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(ErrorCode(r), "source_app_mismatch");
  EXPECT_EQ(std::string_view(Json(r.body)["error"]["field"]), "source_app");
}

}  // namespace
}  // namespace costgate::central
