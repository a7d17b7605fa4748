// The /v1 API existing integrations speak (../shared/V1-API.md), through Api::Handle.
#include <gtest/gtest.h>

#include <regex>

#include "tests/unit/central/api/api_harness.h"

namespace costgate::central {
namespace {

using testing::ApiHarness;
using testing::Json;
using testing::kNow;
using testing::StoredEvent;

// Exactly the bodies of the V1-API.md smoke test.
constexpr std::string_view kSmokePreflight =
    R"({"user_external_id":"test-user","source_app":"my-project","model":"gemini-2.5-pro-preview","estimated_units":{"input_tokens":1000,"output_tokens":200}})";
constexpr std::string_view kSmokeRecord =
    R"({"request_id":"","user_external_id":"test-user","source_app":"my-project","model":"gemini-2.5-pro-preview","units":{"input_tokens":987,"output_tokens":180},"latency_ms":1200,"status":"success"})";

const std::regex kUuidV7("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

std::string RecordBody(std::string_view model, std::string_view units) {
  return R"({"request_id":"r-1","user_external_id":"u-42","project_external_id":"p-7",)"
         R"("job_external_id":"job-123","source_app":"my-project","model":")" +
         std::string(model) + R"(","units":)" + std::string(units) +
         R"(,"latency_ms":1200,"status":"success"})";
}

TEST(ApiV1Smoke, PreflightAllowsWithTheEstimateAndARequestId) {
  ApiHarness h;
  const ApiResponse r = h.Post("/cost-tracker/v1/preflight", h.MakeKey("all"), kSmokePreflight);
  ASSERT_EQ(r.status, 200);
  // 1000 x $1.25/M + 200 x $10/M (gemini-2.5-pro, the preview's price)
  std::smatch m;
  ASSERT_TRUE(std::regex_match(
      r.body, m,
      std::regex(R"re(\{"allow":true,"estimated_cost_usd":0\.00325,"request_id":"(.*)"\})re")))
      << r.body;
  EXPECT_TRUE(std::regex_match(m[1].str(), kUuidV7)) << m[1];
}

TEST(ApiV1Smoke, RecordAnswersTheEventIdAndItsCost) {
  ApiHarness h;
  const ApiResponse r = h.Post("/cost-tracker/v1/usage/record", h.MakeKey("all"), kSmokeRecord);
  ASSERT_EQ(r.status, 200);
  // 987 x $1.25/M + 180 x $10/M
  std::smatch m;
  ASSERT_TRUE(std::regex_match(r.body, m,
                               std::regex(R"re(\{"event_id":"(.*)","cost_usd":0\.00303375\})re")))
      << r.body;
  EXPECT_TRUE(std::regex_match(m[1].str(), kUuidV7)) << m[1];
}

TEST(ApiV1Record, StoresTheCallAsAnEvent) {
  ApiHarness h;
  const Json answer(h.Post("/v1/usage/record", h.MakeKey("record"),
                           RecordBody("gemini-2.5-pro-preview", R"({"input_tokens":987})"))
                        .body);
  const Event event = StoredEvent(h.store(), std::string(std::string_view(answer["event_id"])));
  EXPECT_EQ(event.origin, "record");
  EXPECT_EQ(event.request_id, "r-1");
  EXPECT_EQ(event.user, "u-42");
  EXPECT_EQ(event.project, "p-7");
  EXPECT_EQ(event.job, "job-123");
  EXPECT_EQ(event.source_app, "my-project");
  EXPECT_EQ(event.end_unix_ms, kNow);
  EXPECT_EQ(event.start_unix_ms, kNow - 1200);
  EXPECT_EQ(event.latency_ms, 1200);
  EXPECT_EQ(event.status, "success");
  EXPECT_EQ(event.cost, pricing::Money::FromPico(1'233'750'000));
  EXPECT_EQ(event.price_key, "gemini/gemini-2.5-pro");
}

TEST(ApiV1Record, PricesCharsForAnElevenLabsModel) {
  ApiHarness h;
  const ApiResponse r = h.Post("/v1/usage/record", h.MakeKey("record"),
                               RecordBody("eleven_multilingual_v2", R"({"chars":1234})"));
  ASSERT_EQ(r.status, 200);
  // 1234 credits at $0.10 per 1,000 (pay as you go)
  EXPECT_NE(r.body.find(R"("cost_usd":0.1234})"), std::string::npos) << r.body;
  const Event event =
      StoredEvent(h.store(), std::string(std::string_view(Json(r.body)["event_id"])));
  EXPECT_EQ(event.units, (EventUnits{{"characters", 1234}}));
}

TEST(ApiV1Record, UnknownModelHasNullCostAndIsKept) {
  ApiHarness h;
  const ApiResponse r = h.Post("/v1/usage/record", h.MakeKey("record"),
                               RecordBody("brand-new-model", R"({"input_tokens":10})"));
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find(R"("cost_usd":null})"), std::string::npos) << r.body;
  const Event event =
      StoredEvent(h.store(), std::string(std::string_view(Json(r.body)["event_id"])));
  EXPECT_FALSE(event.cost.has_value());
  EXPECT_EQ(event.unpriced_reason, "unknown_model");
}

TEST(ApiV1Record, NegativeUnitsAre400NamingTheField) {
  ApiHarness h;
  const ApiResponse r = h.Post("/v1/usage/record", h.MakeKey("record"),
                               RecordBody("gemini-2.5-pro", R"({"output_tokens":-4})"));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.body, R"({"error":{"code":"invalid_request",)"
                    R"("message":"units.output_tokens must be an integer >= 0",)"
                    R"("field":"units.output_tokens"}})");
  EXPECT_EQ(std::get<int64_t>(h.store().CountEvents()), 0);
}

TEST(ApiV1Record, MalformedJsonIs400) {
  ApiHarness h;
  const ApiResponse r = h.Post("/v1/usage/record", h.MakeKey("record"), R"({"model": "x",})");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(std::string_view(Json(r.body)["error"]["code"]), "invalid_json");
}

TEST(ApiV1Record, WorkspaceKeyRecordsIntoItsWorkspace) {
  ApiHarness h;
  const ApiResponse r = h.Post("/v1/usage/record", h.MakeKey("record", "my-project", "ford"),
                               RecordBody("gemini-2.5-pro", R"({"input_tokens":1})"));
  const Event event =
      StoredEvent(h.store(), std::string(std::string_view(Json(r.body)["event_id"])));
  EXPECT_EQ(event.workspace, "ford");
}

TEST(ApiV1Preflight, UnpricedModelEstimatesZero) {
  ApiHarness h;
  const ApiResponse r = h.Post(
      "/v1/preflight", h.MakeKey("preflight"),
      R"({"user_external_id":"u","source_app":"my-project","model":"brand-new-model","estimated_units":{"chars":5}})");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(std::regex_match(
      r.body,
      std::regex(R"re(\{"allow":true,"estimated_cost_usd":0,"request_id":"[-0-9a-f]{36}"\})re")))
      << r.body;
}

TEST(ApiV1Preflight, AnEstimateWhoseCostOverflowsIs400NotFree) {
  ApiHarness h;
  const ApiResponse r = h.Post(
      "/v1/preflight", h.MakeKey("preflight"),
      R"({"user_external_id":"u","source_app":"my-project","model":"gemini-2.5-pro-preview",)"
      R"("estimated_units":{"input_tokens":1000000000000000000}})");
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(std::string_view(Json(r.body)["error"]["field"]), "estimated_units");
}

TEST(ApiV1Record, AUserIdWithANulIs400AndNothingIsStored) {
  ApiHarness h;
  const ApiResponse r =
      h.Post("/v1/usage/record", h.MakeKey("record"),
             R"({"request_id":"","user_external_id":"a\u0000b","source_app":"my-project",)"
             R"("model":"gemini-2.5-flash","units":{"input_tokens":1},"latency_ms":1,)"
             R"("status":"success"})");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(std::string_view(Json(r.body)["error"]["field"]), "user_external_id");
  EXPECT_EQ(std::get<int64_t>(h.store().CountEvents()), 0);
}

TEST(ApiV1Upsert, AMegabyteIdIs400NamingTheField) {
  ApiHarness h;
  const ApiResponse r =
      h.Post("/v1/users/upsert", h.MakeKey("upsert"),
             R"({"external_id":")" + std::string(1 << 20, '7') + R"(","source_app":"my-project"})");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(std::string_view(Json(r.body)["error"]["field"]), "external_id");
  EXPECT_EQ(std::string_view(Json(r.body)["error"]["message"]),
            "external_id must be at most 256 bytes");
}

TEST(ApiV1Preflight, SourceAppOfAnotherAppIs403) {
  ApiHarness h;
  const ApiResponse r =
      h.Post("/v1/preflight", h.MakeKey("preflight", "other-app"), kSmokePreflight);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(std::string_view(Json(r.body)["error"]["code"]), "source_app_mismatch");
}

TEST(ApiV1Preflight, MissingEstimatedUnitsIs400NamingTheField) {
  ApiHarness h;
  const ApiResponse r = h.Post("/v1/preflight", h.MakeKey("preflight"),
                               R"({"user_external_id":"u","source_app":"my-project","model":"m"})");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(std::string_view(Json(r.body)["error"]["field"]), "estimated_units");
}

TEST(ApiV1Upsert, UserIsMirrored) {
  ApiHarness h;
  const ApiResponse r = h.Post(
      "/v1/users/upsert", h.MakeKey("upsert", "video-accessibility"),
      R"({"external_id": "42", "source_app": "video-accessibility", "email": "a@b.c", "full_name": "A B"})");
  EXPECT_EQ(r.body, R"({"ok":true,"external_id":"42"})");
  const auto user =
      std::get<std::optional<UserRecord>>(h.store().FindUser("video-accessibility", "42"));
  ASSERT_TRUE(user.has_value());
  EXPECT_EQ(user->email, "a@b.c");
  EXPECT_EQ(user->full_name, "A B");
}

TEST(ApiV1Upsert, ProjectIsMirroredWithItsWorkspace) {
  ApiHarness h;
  const ApiResponse r = h.Post(
      "/v1/projects/upsert", h.MakeKey("upsert", "video-accessibility"),
      R"({"external_id": "7", "source_app": "video-accessibility", "name": "Ford Q3 Campaign", "workspace_id": "ford"})");
  EXPECT_EQ(r.body, R"({"ok":true,"external_id":"7"})");
  const auto project =
      std::get<std::optional<ProjectRecord>>(h.store().FindProject("video-accessibility", "7"));
  ASSERT_TRUE(project.has_value());
  EXPECT_EQ(project->name, "Ford Q3 Campaign");
  EXPECT_EQ(project->workspace_id, "ford");
}

TEST(ApiV1Upsert, WorkspaceKeyCannotPutAProjectIntoAnotherWorkspace) {
  ApiHarness h;
  const ApiResponse r = h.Post(
      "/v1/projects/upsert", h.MakeKey("upsert", "video-accessibility", "acme"),
      R"({"external_id": "7", "source_app": "video-accessibility", "name": "Ford Q3 Campaign", "workspace_id": "ford"})");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(std::string_view(Json(r.body)["error"]["code"]), "workspace_forbidden");
  EXPECT_FALSE(
      std::get<std::optional<ProjectRecord>>(h.store().FindProject("video-accessibility", "7"))
          .has_value());
}

TEST(ApiV1Upsert, WorkspaceKeyPutsAProjectWithoutWorkspaceIntoItsOwn) {
  ApiHarness h;
  h.Post("/v1/projects/upsert", h.MakeKey("upsert", "video-accessibility", "acme"),
         R"({"external_id": "7", "source_app": "video-accessibility", "name": "Q3"})");
  const auto project =
      std::get<std::optional<ProjectRecord>>(h.store().FindProject("video-accessibility", "7"));
  ASSERT_TRUE(project.has_value());
  EXPECT_EQ(project->workspace_id, "acme");
}

}  // namespace
}  // namespace costgate::central
