// POST /v1/usage/batch through Api::Handle (docs/usage-batch.md).
#include <gtest/gtest.h>

#include "tests/unit/central/api/api_harness.h"

namespace costgate::central {
namespace {

using testing::ApiHarness;
using testing::Batch;
using testing::ExampleEvent;
using testing::Json;
using testing::kNow;
using testing::Replace;
using testing::StoredEvent;

constexpr std::string_view kPath = "/v1/usage/batch";
// The app of the example event (docs/usage-batch.md), and of the ship keys here.
constexpr std::string_view kApp = "video-accessibility";

int64_t CountEvents(Store& store) { return std::get<int64_t>(store.CountEvents()); }

TEST(ApiBatch, StoresEachEventAndSaysSo) {
  ApiHarness h;
  const ApiResponse r =
      h.Post(kPath, h.MakeKey("ship", kApp), Batch({ExampleEvent("e-1"), ExampleEvent("e-2")}));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body,
            R"({"results":[{"event_id":"e-1","status":"stored"},)"
            R"({"event_id":"e-2","status":"stored"}],"stored":2,"duplicate":0,"rejected":0})");
  EXPECT_EQ(CountEvents(h.store()), 2);
}

TEST(ApiBatch, ResentBatchComesBackDuplicateAndIsNotStoredTwice) {
  ApiHarness h;
  const std::string key = h.MakeKey("ship", kApp);
  const std::string body = Batch({ExampleEvent("e-1"), ExampleEvent("e-2")});
  h.Post(kPath, key, body);
  const ApiResponse r = h.Post(kPath, key, body);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body,
            R"({"results":[{"event_id":"e-1","status":"duplicate"},)"
            R"({"event_id":"e-2","status":"duplicate"}],"stored":0,"duplicate":2,"rejected":0})");
  EXPECT_EQ(CountEvents(h.store()), 2);
}

TEST(ApiBatch, RejectsOneBadEventAndStoresTheOthers) {
  ApiHarness h;
  const std::string bad =
      Replace(ExampleEvent("e-2"), R"("input_tokens": 3520)", R"("input_tokens": -3)");
  const ApiResponse r = h.Post(kPath, h.MakeKey("ship", kApp),
                               Batch({ExampleEvent("e-1"), bad, ExampleEvent("e-3")}));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body,
            R"({"results":[{"event_id":"e-1","status":"stored"},)"
            R"({"event_id":"e-2","status":"rejected","field":"events[1].units.input_tokens",)"
            R"("reason":"must be an integer >= 0"},)"
            R"({"event_id":"e-3","status":"stored"}],"stored":2,"duplicate":0,"rejected":1})");
  EXPECT_EQ(CountEvents(h.store()), 2);
}

TEST(ApiBatch, RejectsAnEventWithAnUnknownField) {
  ApiHarness h;
  const std::string bad = Replace(ExampleEvent("e-1"), R"("estimated")", R"("estimate")");
  const Json result(h.Post(kPath, h.MakeKey("ship", kApp), Batch({bad})).body);
  const auto first = result["results"].at(0);
  EXPECT_EQ(std::string_view(first["status"]), "rejected");
  EXPECT_EQ(std::string_view(first["field"]), "events[0].estimate");
  EXPECT_EQ(std::string_view(first["reason"]), "unknown field");
}

TEST(ApiBatch, KeepsTheProxysCostBesideCentrals) {
  ApiHarness h;
  h.Post(kPath, h.MakeKey("ship", kApp), Batch({ExampleEvent("e-1")}));
  const Event event = StoredEvent(h.store(), "e-1");
  EXPECT_EQ(event.origin, "proxy");
  EXPECT_EQ(event.proxy_cost, pricing::Money::FromPico(217'760'000));
  EXPECT_EQ(event.proxy_pricing_version, "pb-01ec3c36b0172eeb");
  EXPECT_EQ(event.cost, pricing::Money::FromPico(1'061'000'000));
  EXPECT_EQ(event.pricing_version, testing::TestBook()->version());
  EXPECT_EQ(event.price_key, "gemini/gemini-2.5-flash");
  EXPECT_EQ(event.received_unix_ms, kNow);
}

TEST(ApiBatch, StoresTheLabelsAndUnitsAsSent) {
  ApiHarness h;
  h.Post(kPath, h.MakeKey("ship", kApp), Batch({ExampleEvent("e-1")}));
  const Event event = StoredEvent(h.store(), "e-1");
  EXPECT_EQ(event.source_app, "video-accessibility");
  EXPECT_EQ(event.workspace, "ford");
  EXPECT_EQ(event.project, "p-7");
  EXPECT_EQ(event.user, "u-42");
  EXPECT_EQ(event.units, (EventUnits{{"input_tokens", 3520}, {"output_tokens", 2}}));
}

TEST(ApiBatch, BodyThatIsNotJsonIs400AndStoresNothing) {
  ApiHarness h;
  const ApiResponse r = h.Post(kPath, h.MakeKey("ship", kApp), R"({"events": [)");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(std::string_view(Json(r.body)["error"]["code"]), "invalid_json");
  EXPECT_EQ(CountEvents(h.store()), 0);
}

TEST(ApiBatch, BodyWithoutAnEventsArrayIs400NamingIt) {
  ApiHarness h;
  const ApiResponse r = h.Post(kPath, h.MakeKey("ship", kApp), R"({"event": []})");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.body, R"({"error":{"code":"invalid_request",)"
                    R"("message":"events must be an array of events","field":"events"}})");
}

TEST(ApiBatch, MoreEventsThanTheLimitIs413AndStoresNothing) {
  ApiHarness h(ApiLimits{.max_batch_events = 2});
  const ApiResponse r =
      h.Post(kPath, h.MakeKey("ship", kApp),
             Batch({ExampleEvent("e-1"), ExampleEvent("e-2"), ExampleEvent("e-3")}));
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(std::string_view(Json(r.body)["error"]["code"]), "too_many_events");
  EXPECT_EQ(CountEvents(h.store()), 0);
}

TEST(ApiBatch, EventsUpToTheLimitAreAccepted) {
  ApiHarness h(ApiLimits{.max_batch_events = 2});
  const ApiResponse r =
      h.Post(kPath, h.MakeKey("ship", kApp), Batch({ExampleEvent("e-1"), ExampleEvent("e-2")}));
  EXPECT_EQ(r.status, 200);
}

TEST(ApiBatch, EmptyBatchAnswersNoResults) {
  ApiHarness h;
  const ApiResponse r = h.Post(kPath, h.MakeKey("ship", kApp), R"({"events":[]})");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"results":[],"stored":0,"duplicate":0,"rejected":0})");
}

TEST(ApiBatch, WorkspaceKeyRejectsAnEventOfAnotherWorkspace) {
  ApiHarness h;
  const std::string key = h.MakeKey("ship", kApp, "acme");
  const ApiResponse r = h.Post(kPath, key, Batch({ExampleEvent("e-1")}));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"results":[{"event_id":"e-1","status":"rejected",)"
                    R"("field":"events[0].labels.workspace","reason":"workspace_forbidden"}],)"
                    R"("stored":0,"duplicate":0,"rejected":1})");
}

TEST(ApiBatch, WorkspaceKeyStoresAnEventWithoutWorkspaceIntoItsOwn) {
  ApiHarness h;
  const std::string key = h.MakeKey("ship", kApp, "acme");
  h.Post(kPath, key,
         Batch({Replace(ExampleEvent("e-1"), R"("workspace": "ford")", R"("workspace": "")")}));
  EXPECT_EQ(StoredEvent(h.store(), "e-1").workspace, "acme");
}

TEST(ApiBatch, WorkspaceKeyStoresAnEventOfItsOwnWorkspace) {
  ApiHarness h;
  const Json result(
      h.Post(kPath, h.MakeKey("ship", kApp, "ford"), Batch({ExampleEvent("e-1")})).body);
  EXPECT_EQ(int64_t(result["stored"]), 1);
}

TEST(ApiBatch, KeyOfAnotherAppRejectsItsEventAloneAndStoresTheRest) {
  ApiHarness h;
  const std::string key = h.MakeKey("ship", "other-app");
  const std::string own = Replace(ExampleEvent("e-2"), kApp, "other-app");
  const ApiResponse r = h.Post(kPath, key, Batch({ExampleEvent("e-1"), own}));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"results":[{"event_id":"e-1","status":"rejected",)"
                    R"("field":"events[0].labels.source_app","reason":"source_app_mismatch"},)"
                    R"({"event_id":"e-2","status":"stored"}],)"
                    R"("stored":1,"duplicate":0,"rejected":1})");
  EXPECT_EQ(CountEvents(h.store()), 1);
  EXPECT_EQ(StoredEvent(h.store(), "e-2").source_app, "other-app");
}

TEST(ApiBatch, EventWithoutSourceAppTakesTheKeys) {
  ApiHarness h;
  const std::string key = h.MakeKey("ship", "other-app");
  const std::string unnamed =
      Replace(ExampleEvent("e-1"), R"("source_app": "video-accessibility")", R"("source_app": "")");
  const std::string absent =
      Replace(ExampleEvent("e-2"), R"("source_app": "video-accessibility",)", "");
  const Json result(h.Post(kPath, key, Batch({unnamed, absent})).body);
  EXPECT_EQ(int64_t(result["stored"]), 2);
  EXPECT_EQ(StoredEvent(h.store(), "e-1").source_app, "other-app");
  EXPECT_EQ(StoredEvent(h.store(), "e-2").source_app, "other-app");
}

TEST(ApiBatch, SourceAppIsCheckedBeforeTheWorkspace) {
  ApiHarness h;
  const std::string key = h.MakeKey("ship", "other-app", "acme");
  const Json result(h.Post(kPath, key, Batch({ExampleEvent("e-1")})).body);
  EXPECT_EQ(std::string_view(result["results"].at(0)["reason"]), "source_app_mismatch");
}

TEST(ApiBatch, KeyWithoutShipScopeIs403) {
  ApiHarness h;
  const ApiResponse r = h.Post(kPath, h.MakeKey("preflight,record,upsert"), Batch({}));
  EXPECT_EQ(r.status, 403);
}

}  // namespace
}  // namespace costgate::central
