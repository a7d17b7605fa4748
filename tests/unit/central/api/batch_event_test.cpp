#include "central/api/batch_event.h"

#include <gtest/gtest.h>

#include "tests/unit/central/api/api_harness.h"

namespace costgate::central {
namespace {

using testing::ExampleEvent;
using testing::Replace;

constexpr std::string_view kId = "0193f0c2-7a1e-7b3c-9d4e-5f6a7b8c9d0e";

std::variant<Event, FieldError> Read(const std::string& json) {
  simdjson::dom::parser parser;
  return ReadBatchEvent(parser.parse(json).value());
}

FieldError ErrorOf(const std::string& json) {
  std::variant<Event, FieldError> read = Read(json);
  if (!std::holds_alternative<FieldError>(read)) {
    ADD_FAILURE() << "read without error: " << json;
    return {};
  }
  return std::get<FieldError>(read);
}

TEST(ReadBatchEvent, ReadsTheDocumentedExample) {
  const Event event = std::get<Event>(Read(ExampleEvent(kId)));
  EXPECT_EQ(event.event_id, kId);
  EXPECT_EQ(event.origin, "proxy");
  EXPECT_EQ(event.start_unix_ms, 1763800000000);
  EXPECT_EQ(event.end_unix_ms, 1763800001200);
  EXPECT_EQ(event.host, "web-1");
  EXPECT_EQ(event.source_app, "video-accessibility");
  EXPECT_EQ(event.workspace, "ford");
  EXPECT_EQ(event.team, "video");
  EXPECT_EQ(event.project, "p-7");
  EXPECT_EQ(event.user, "u-42");
  EXPECT_EQ(event.job, "job-123");
  EXPECT_EQ(event.model, "gemini-2.5-flash");
  EXPECT_EQ(event.units, (EventUnits{{"input_tokens", 3520}, {"output_tokens", 2}}));
  EXPECT_EQ(event.status, "success");
  EXPECT_EQ(event.http_status, 200);
  EXPECT_EQ(event.ttfb_ms, 310);
  EXPECT_EQ(event.response_bytes, 2048u);
  EXPECT_EQ(event.proxy_cost, pricing::Money::FromPico(217760000));
  EXPECT_EQ(event.proxy_pricing_version, "pb-01ec3c36b0172eeb");
  EXPECT_FALSE(event.cost.has_value());
}

TEST(ReadBatchEvent, MissingOptionalFieldsTakeTheirDefaults) {
  const Event event = std::get<Event>(Read(
      R"({"event_id":"e1","start_unix_ms":5,"end_unix_ms":5,"labels":{},"provider":"gemini",
          "operation":"generateContent","model":"","units":{},"status":"interrupted"})"));
  EXPECT_TRUE(event.metered);
  EXPECT_EQ(event.ttfb_ms, -1);
  EXPECT_EQ(event.http_status, 0);
  EXPECT_TRUE(event.units.empty());
  EXPECT_FALSE(event.proxy_cost.has_value());
}

TEST(ReadBatchEvent, NullProxyCostIsUnpriced) {
  const Event event = std::get<Event>(Read(
      Replace(ExampleEvent(kId), R"("cost_pico_usd": 217760000)", R"("cost_pico_usd": null)")));
  EXPECT_FALSE(event.proxy_cost.has_value());
}

TEST(ReadBatchEvent, AcceptsTheProxysPricingNotesButKeepsNoneOfThem) {
  // Optional: a proxy from before the field sends none. Central computes its own (reprice.h).
  for (const std::string_view notes : {"", "model_fallback,tier_fallback"}) {
    const Event event = std::get<Event>(
        Read(Replace(ExampleEvent(kId), R"("unpriced_reason": "")",
                     R"("unpriced_reason": "", "pricing_notes": ")" + std::string(notes) + "\"")));
    EXPECT_EQ(event.pricing_notes, "") << notes;
  }
  const FieldError error = ErrorOf(Replace(ExampleEvent(kId), R"("unpriced_reason": "")",
                                           R"("unpriced_reason": "", "pricing_notes": 3)"));
  EXPECT_EQ(error.field, "pricing_notes");
}

TEST(ReadBatchEvent, RejectsAnUnknownTopLevelField) {
  const FieldError error = ErrorOf(Replace(ExampleEvent(kId), R"("host")", R"("hots")"));
  EXPECT_EQ(error.field, "hots");
  EXPECT_EQ(error.reason, "unknown field");
}

TEST(ReadBatchEvent, RejectsAnUnknownLabel) {
  const FieldError error = ErrorOf(Replace(ExampleEvent(kId), R"("pod")", R"("node")"));
  EXPECT_EQ(error.field, "labels.node");
  EXPECT_EQ(error.reason, "unknown field");
}

TEST(ReadBatchEvent, RejectsNegativeUnitsNamingTheUnit) {
  const FieldError error =
      ErrorOf(Replace(ExampleEvent(kId), R"("input_tokens": 3520)", R"("input_tokens": -1)"));
  EXPECT_EQ(error.field, "units.input_tokens");
  EXPECT_EQ(error.reason, "must be an integer >= 0");
}

TEST(ReadBatchEvent, RejectsFractionalUnits) {
  const FieldError error =
      ErrorOf(Replace(ExampleEvent(kId), R"("output_tokens": 2)", R"("output_tokens": 2.5)"));
  EXPECT_EQ(error.field, "units.output_tokens");
}

TEST(ReadBatchEvent, RejectsUnitsWrittenWithAnExponent) {
  const FieldError error =
      ErrorOf(Replace(ExampleEvent(kId), R"("output_tokens": 2)", R"("output_tokens": 2e3)"));
  EXPECT_EQ(error.field, "units.output_tokens");
}

TEST(ReadBatchEvent, RejectsAUnitNameOutsideTheAlphabet) {
  const FieldError error =
      ErrorOf(Replace(ExampleEvent(kId), R"("output_tokens")", R"("Output-Tokens")"));
  EXPECT_EQ(error.field, "units.Output-Tokens");
  EXPECT_EQ(error.reason, "unit names are [a-z0-9_]+");
}

TEST(ReadBatchEvent, RejectsAMissingRequiredField) {
  const FieldError error = ErrorOf(Replace(ExampleEvent(kId), R"("status": "success",)", ""));
  EXPECT_EQ(error.field, "status");
  EXPECT_EQ(error.reason, "required");
}

TEST(ReadBatchEvent, RejectsAWrongType) {
  const FieldError error =
      ErrorOf(Replace(ExampleEvent(kId), R"("http_status": 200)", R"("http_status": "200")"));
  EXPECT_EQ(error.field, "http_status");
  EXPECT_EQ(error.reason, "must be an integer >= 0");
}

TEST(ReadBatchEvent, RejectsAnUnknownStatus) {
  const FieldError error =
      ErrorOf(Replace(ExampleEvent(kId), R"("status": "success")", R"("status": "ok")"));
  EXPECT_EQ(error.field, "status");
}

TEST(ReadBatchEvent, RejectsAnEventIdWithForbiddenCharacters) {
  const FieldError error = ErrorOf(ExampleEvent("id with spaces"));
  EXPECT_EQ(error.field, "event_id");
  EXPECT_EQ(error.reason, "must be 1..64 characters of [0-9A-Za-z-_]");
}

TEST(ReadBatchEvent, RejectsAnEventIdLongerThan64Characters) {
  EXPECT_EQ(ErrorOf(ExampleEvent(std::string(65, 'a'))).field, "event_id");
}

TEST(ReadBatchEvent, RejectsAnEndBeforeTheStart) {
  const FieldError error =
      ErrorOf(Replace(ExampleEvent(kId), R"("end_unix_ms": 1763800001200)", R"("end_unix_ms": 1)"));
  EXPECT_EQ(error.field, "end_unix_ms");
  EXPECT_EQ(error.reason, "must be >= start_unix_ms");
}

TEST(ReadBatchEvent, RejectsAFieldGivenTwice) {
  const FieldError error =
      ErrorOf(Replace(ExampleEvent(kId), R"("host": "web-1")", R"("host": "a", "host": "b")"));
  EXPECT_EQ(error.field, "host");
  EXPECT_EQ(error.reason, "duplicate field");
}

TEST(ReadBatchEvent, RejectsANegativeProxyCost) {
  const FieldError error = ErrorOf(
      Replace(ExampleEvent(kId), R"("cost_pico_usd": 217760000)", R"("cost_pico_usd": -5)"));
  EXPECT_EQ(error.field, "cost_pico_usd");
  EXPECT_EQ(error.reason, "must be an integer >= 0 or null");
}

TEST(ReadBatchEvent, RejectsANonObjectEvent) {
  EXPECT_EQ(ErrorOf("[1,2]").reason, "must be an object");
}

TEST(ReadBatchEvent, ReadsCharsAsCharacters) {
  const Event event = std::get<Event>(Read(Replace(
      ExampleEvent(kId), R"({"input_tokens": 3520, "output_tokens": 2})", R"({"chars": 12})")));
  EXPECT_EQ(event.units, (EventUnits{{"characters", 12}}));
}

}  // namespace
}  // namespace costgate::central
