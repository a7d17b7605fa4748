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
  EXPECT_EQ(error.reason, "unit names are [a-z0-9_]+, at most 256 bytes");
}

TEST(ReadBatchEvent, RejectsAUnitNameOverTheLimit) {
  const std::string name(257, 'u');
  const FieldError error =
      ErrorOf(Replace(ExampleEvent(kId), R"("output_tokens")", "\"" + name + "\""));
  EXPECT_EQ(error.field, "units." + std::string(256, 'u'));  // the name is bounded in the answer
  EXPECT_EQ(error.reason, "unit names are [a-z0-9_]+, at most 256 bytes");
}

TEST(ReadBatchEvent, RejectsMoreThan64Units) {
  std::string units = "{";
  for (int i = 0; i < 65; ++i) {
    units += (i == 0 ? "\"u" : ",\"u") + std::to_string(i) + "\": 1";
  }
  units += "}";
  const FieldError error =
      ErrorOf(Replace(ExampleEvent(kId), R"({"input_tokens": 3520, "output_tokens": 2})", units));
  EXPECT_EQ(error.field, "units");
  EXPECT_EQ(error.reason, "must hold at most 64 units");
}

// Every string field of an event, as the example spells it: each one is text by the rule of
// base/text_rule.h (at most 256 bytes, UTF-8, no control characters).
struct BatchStringField {
  std::string_view path;  // the field an error names
  std::string_view key;   // its JSON key
  std::string_view example;
};
constexpr BatchStringField kBatchStringFields[] = {
    {"host", "host", "web-1"},
    {"daemon_version", "daemon_version", "0.4.0"},
    {"labels.source_app", "source_app", "video-accessibility"},
    {"labels.workspace", "workspace", "ford"},
    {"labels.team", "team", "video"},
    {"labels.project", "project", "p-7"},
    {"labels.environment", "environment", "prod"},
    {"labels.pod", "pod", ""},
    {"labels.user", "user", "u-42"},
    {"labels.job", "job", "job-123"},
    {"labels.feature", "feature", ""},
    {"provider", "provider", "gemini"},
    {"operation", "operation", "generateContent"},
    {"model", "model", "gemini-2.5-flash"},
    {"model_version", "model_version", "gemini-2.5-flash"},
    {"service_tier", "service_tier", ""},
    {"reason", "reason", ""},
    {"pricing_version", "pricing_version", "pb-01ec3c36b0172eeb"},
    {"price_key", "price_key", "gemini/gemini-2.5-flash"},
    {"unpriced_reason", "unpriced_reason", ""},
};

std::string EventWithField(const BatchStringField& field, std::string_view json_value) {
  const std::string from =
      "\"" + std::string(field.key) + "\": \"" + std::string(field.example) + "\"";
  return Replace(ExampleEvent(kId), from,
                 "\"" + std::string(field.key) + "\": " + std::string(json_value));
}

TEST(ReadBatchEvent, EveryStringFieldRefusesTextBreakingTheRule) {
  const std::pair<std::string, std::string_view> bad[] = {
      {"\"" + std::string(257, 'a') + "\"", "must be at most 256 bytes"},
      {R"("a\u0000b")", "must not contain control characters"},
      {R"("a\u001bb")", "must not contain control characters"},
      {R"("a\u007f")", "must not contain control characters"},
      {R"("\u0085")", "must not contain control characters"},
  };
  for (const BatchStringField& field : kBatchStringFields) {
    for (const auto& [value, reason] : bad) {
      const FieldError error = ErrorOf(EventWithField(field, value));
      EXPECT_EQ(error.field, field.path) << value;
      EXPECT_EQ(error.reason, reason) << field.path << " " << value;
    }
  }
}

TEST(ReadBatchEvent, EveryStringFieldTakesTextUpToTheLimit) {
  for (const BatchStringField& field : kBatchStringFields) {
    for (const std::string& value : {std::string(256, 'a'), std::string("Zo\u00eb \u65e5")}) {
      const std::variant<Event, FieldError> read = Read(EventWithField(field, "\"" + value + "\""));
      EXPECT_TRUE(std::holds_alternative<Event>(read)) << field.path << " " << value;
    }
  }
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
