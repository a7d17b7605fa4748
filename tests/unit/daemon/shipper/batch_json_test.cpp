#include "daemon/shipper/batch_json.h"

#include <gtest/gtest.h>

#include <vector>

namespace costgate::daemon::shipper {
namespace {

outbox::StoredReceipt Stored() {
  outbox::StoredReceipt s;
  filters::Receipt& r = s.receipt;
  r.event_id = "0193f0c2-7a1e-7b3c-9d4e-5f6a7b8c9d0e";
  r.start_unix_ms = 1'763'800'000'000;
  r.end_unix_ms = 1'763'800'001'200;
  r.host = "web-1";
  r.daemon_version = "0.4.0";
  r.labels = {{.source_app = "video-accessibility",
               .workspace = "ford",
               .team = "video",
               .project = "p-7",
               .environment = "prod",
               .pod = ""},
              /*user=*/"u-42",
              /*job=*/"job-123",
              /*feature=*/""};
  r.provider = "gemini";
  r.operation = "generateContent";
  r.metered = true;
  r.model_requested = "gemini-2.5-flash";
  r.model_version = "gemini-2.5-flash";
  s.units_json = R"({"input_tokens":3520,"output_tokens":2})";
  r.estimated = false;
  r.outcome = filters::Outcome::kSuccess;
  r.http_status = 200;
  r.latency_ms = 1200;
  r.ttfb_ms = 310;
  r.request_bytes = 812;
  r.response_bytes = 2048;
  r.cost = pricing::Money::FromPico(217'760'000);
  r.pricing_version = "pb-01ec3c36b0172eeb";
  r.price_key = "gemini/gemini-2.5-flash";
  return s;
}

// The example event of docs/usage-batch.md, field for field.
TEST(BatchJson, WritesTheContractsExampleEvent) {
  const std::vector<outbox::StoredReceipt> batch = {Stored()};
  EXPECT_EQ(BatchJson(batch),
            R"({"events":[{"event_id":"0193f0c2-7a1e-7b3c-9d4e-5f6a7b8c9d0e",)"
            R"("start_unix_ms":1763800000000,"end_unix_ms":1763800001200,)"
            R"("host":"web-1","daemon_version":"0.4.0",)"
            R"("labels":{"source_app":"video-accessibility","workspace":"ford","team":"video",)"
            R"("project":"p-7","environment":"prod","pod":"","user":"u-42","job":"job-123",)"
            R"("feature":""},)"
            R"("provider":"gemini","operation":"generateContent","metered":true,)"
            R"("model":"gemini-2.5-flash","model_version":"gemini-2.5-flash",)"
            R"("service_tier":"","units":{"input_tokens":3520,"output_tokens":2},)"
            R"("estimated":false,"status":"success","reason":"","http_status":200,)"
            R"("latency_ms":1200,"ttfb_ms":310,"request_bytes":812,"response_bytes":2048,)"
            R"("cost_pico_usd":217760000,"pricing_version":"pb-01ec3c36b0172eeb",)"
            R"("price_key":"gemini/gemini-2.5-flash","unpriced_reason":"","pricing_notes":"",)"
            R"("estimated_cost_pico_usd":null,"estimate_method":"","budget_holder":""}]})");
}

TEST(BatchJson, CarriesThePreflightEstimateAndTheLeaseHolder) {
  outbox::StoredReceipt s = Stored();
  s.receipt.estimated_cost = pricing::Money::FromPico(300'000'000);
  s.receipt.estimate_method = "request_text_ratio+max_output_tokens";
  s.receipt.budget_holder = "px_0123456789abcdef";
  EXPECT_NE(BatchJson(std::vector{s})
                .find(R"("estimated_cost_pico_usd":300000000,)"
                      R"("estimate_method":"request_text_ratio+max_output_tokens",)"
                      R"("budget_holder":"px_0123456789abcdef"})"),
            std::string::npos);
}

TEST(BatchJson, CarriesThePricingNotes) {
  outbox::StoredReceipt s = Stored();
  s.receipt.pricing_notes = "provider_fallback,tier_fallback";
  EXPECT_NE(BatchJson(std::vector{s}).find(R"("pricing_notes":"provider_fallback,tier_fallback",)"),
            std::string::npos);
}

TEST(BatchJson, AnUnpricedEventHasANullCost) {
  outbox::StoredReceipt s = Stored();
  s.receipt.cost.reset();
  s.receipt.unpriced_reason = "unknown_model";
  const std::string json = BatchJson(std::vector{s});
  EXPECT_NE(json.find(R"("cost_pico_usd":null,)"), std::string::npos) << json;
  EXPECT_NE(json.find(R"("unpriced_reason":"unknown_model")"), std::string::npos) << json;
}

TEST(BatchJson, EmptyStoredUnitsAreAnEmptyObject) {
  outbox::StoredReceipt s = Stored();
  s.units_json.clear();
  EXPECT_NE(BatchJson(std::vector{s}).find(R"("units":{},)"), std::string::npos);
}

TEST(BatchJson, WritesTheOutcomeAsStatus) {
  outbox::StoredReceipt s = Stored();
  s.receipt.outcome = filters::Outcome::kInterrupted;
  s.receipt.reason = "daemon_crashed";
  s.receipt.estimated = true;
  const std::string json = BatchJson(std::vector{s});
  EXPECT_NE(json.find(R"("estimated":true,"status":"interrupted","reason":"daemon_crashed")"),
            std::string::npos)
      << json;
}

TEST(BatchJson, EscapesLabelText) {
  outbox::StoredReceipt s = Stored();
  s.receipt.labels.user = "a\"b\\c\n";
  EXPECT_NE(BatchJson(std::vector{s}).find(R"("user":"a\"b\\c\n")"), std::string::npos);
}

TEST(BatchJson, SeparatesEventsWithCommas) {
  outbox::StoredReceipt a = Stored();
  outbox::StoredReceipt b = Stored();
  b.receipt.event_id = "second";
  const std::string json = BatchJson(std::vector{a, b});
  EXPECT_NE(json.find(R"("budget_holder":""},{"event_id":"second",)"), std::string::npos) << json;
  EXPECT_TRUE(json.ends_with(R"("budget_holder":""}]})"));
}

TEST(BatchJson, AnEmptyBatchHasNoEvents) { EXPECT_EQ(BatchJson({}), R"({"events":[]})"); }

}  // namespace
}  // namespace costgate::daemon::shipper
