// PROVIDERS.md E: the ways a Gemini body can mislead a meter.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <string>
#include <vector>

#include "filters/gemini/meter.h"
#include "tests/support/gzip_parts.h"
#include "tests/unit/filters/gemini/fixture_helpers.h"

namespace costgate::filters::gemini {
namespace {

using testing::Describe;
using testing::LoadFixture;
using testing::MeterWhole;

MeterOptions SseOptions() {
  MeterOptions options;
  options.format = BodyFormat::kSse;
  return options;
}

std::string Sse(const std::vector<std::string>& events) {
  std::string body;
  for (const std::string& event : events) {
    body += "data: " + event + "\r\n\r\n";
  }
  return body;
}

TEST(GeminiMeterTraps, LastReportWinsOverAHigherProvisionalPromptCount) {
  const std::string body = Sse({
      R"({"usageMetadata": {"promptTokenCount": 15, "totalTokenCount": 15}})",
      R"({"usageMetadata": {"promptTokenCount": 15, "candidatesTokenCount": 51, "totalTokenCount": 66}})",
      R"({"usageMetadata": {"promptTokenCount": 14, "candidatesTokenCount": 102, "totalTokenCount": 116}})",
  });
  const MeteredUsage usage = MeterWhole(SseOptions(), body);
  EXPECT_EQ(usage.units.ToJson(), R"({"input_tokens":14,"output_tokens":102,"total_tokens":116})");
}

TEST(GeminiMeterTraps, LastReportReplacesTheWholeEarlierOne) {
  // A later snapshot without toolUse counts does not keep the earlier snapshot's fields.
  const std::string body = Sse({
      R"({"usageMetadata": {"promptTokenCount": 9, "toolUsePromptTokenCount": 30}})",
      R"({"usageMetadata": {"promptTokenCount": 9, "candidatesTokenCount": 4}})",
  });
  EXPECT_EQ(MeterWhole(SseOptions(), body).units.ToJson(),
            R"({"input_tokens":9,"output_tokens":4})");
}

TEST(GeminiMeterTraps, VertexInterimTrafficTypeEventsAreNotReports) {
  const std::string body = Sse({
      R"({"usageMetadata": {"trafficType": "ON_DEMAND", "billablePromptUsage": {"textCount": 16}}})",
      R"({"usageMetadata": {"trafficType": "ON_DEMAND"}})",
  });
  const MeteredUsage usage = MeterWhole(SseOptions(), body);
  EXPECT_FALSE(usage.reported);
  EXPECT_TRUE(usage.units.empty());
  EXPECT_EQ(usage.traffic_type, "ON_DEMAND");
  EXPECT_EQ(usage.malformed, 0U);
}

TEST(GeminiMeterTraps, VertexFinalEventCountsAfterInterimEvents) {
  const std::string body = Sse({
      R"({"usageMetadata": {"trafficType": "ON_DEMAND"}, "modelVersion": "gemini-2.0-flash-001"})",
      R"({"usageMetadata": {"promptTokenCount": 14, "candidatesTokenCount": 52, "totalTokenCount": 66, "trafficType": "ON_DEMAND"}})",
  });
  EXPECT_EQ(Describe(MeterWhole(SseOptions(), body)),
            "units={\"input_tokens\":14,\"output_tokens\":52,\"total_tokens\":66} "
            "model=gemini-2.0-flash-001 tier= traffic=ON_DEMAND reported=1 malformed=0 "
            "oversized=0");
}

TEST(GeminiMeterTraps, ReportWithoutCountsAfterTheFinalOneKeepsTheCounts) {
  const std::string body = Sse({
      R"({"usageMetadata": {"promptTokenCount": 14, "totalTokenCount": 14}})",
      R"({"usageMetadata": {"trafficType": "PROVISIONED_THROUGHPUT"}})",
  });
  const MeteredUsage usage = MeterWhole(SseOptions(), body);
  EXPECT_EQ(usage.units.ToJson(), R"({"input_tokens":14,"total_tokens":14})");
  EXPECT_TRUE(usage.reported);
  EXPECT_EQ(usage.traffic_type, "PROVISIONED_THROUGHPUT");
}

TEST(GeminiMeterTraps, ThoughtsWithoutCandidatesLeaveOutputAbsent) {
  const MeteredUsage usage = MeterWhole(
      MeterOptions{},
      R"({"usageMetadata": {"promptTokenCount": 15, "thoughtsTokenCount": 2, "totalTokenCount": 17}})");
  EXPECT_EQ(usage.units.ToJson(), R"({"input_tokens":15,"thinking_tokens":2,"total_tokens":17})");
  EXPECT_FALSE(usage.units.Get("output_tokens").has_value());
}

TEST(GeminiMeterTraps, ErrorBodyOnAnSseUrlReportsNothingAndIsNotMalformed) {
  // jsgenai-rec-Chats_Tests_sendMessage_Send_message_stream_with_error.json: 404 with
  // Content-Type text/event-stream and one plain JSON error object as the body.
  simdjson::dom::parser parser;
  const simdjson::dom::element recording = parser.load(
      COSTGATE_FIXTURES_DIR
      "/gemini/jsgenai-rec-Chats_Tests_sendMessage_Send_message_stream_with_error.json");
  const simdjson::dom::element response = recording["interactions"].at(0)["response"];
  const std::string body = simdjson::minify(response["bodySegments"].at(0));
  ResponseHead head;
  head.status = 404;
  head.headers.Add("Content-Type",
                   std::string(std::string_view(response["headers"]["Content-Type"])));
  const MeterOptions options = ChooseMeterOptions("streamGenerateContent", true, head);
  ASSERT_EQ(options.format, BodyFormat::kSse);
  EXPECT_EQ(Describe(MeterWhole(options, body)),
            "units={} model= tier= traffic= reported=0 malformed=0 oversized=0");
}

TEST(GeminiMeterTraps, PrettyPrintedErrorBodyOnAnSseUrlReportsNothing) {
  const std::string body =
      "{\n  \"error\": {\n    \"code\": 429,\n    \"message\": \"Resource exhausted.\",\n"
      "    \"status\": \"RESOURCE_EXHAUSTED\"\n  }\n}\n";
  EXPECT_EQ(Describe(MeterWhole(SseOptions(), body)),
            "units={} model= tier= traffic= reported=0 malformed=0 oversized=0");
}

TEST(GeminiMeterTraps, SseStreamCutMidEventKeepsTheLastCompleteReport) {
  // ddtrace-gemini-2.0-flash-streamGenerateContent-sse cut inside its final event: the 4th
  // event's provisional usage (prompt 15, total 15, TEXT 15) is the last complete report.
  const auto fixture = LoadFixture("ddtrace-gemini-2.0-flash-streamGenerateContent-sse");
  const size_t last_event = fixture.body.rfind("data: ");
  const std::string cut = fixture.body.substr(0, last_event + 200);
  EXPECT_EQ(Describe(MeterWhole(fixture.options, cut)),
            "units={\"input_tokens\":15,\"total_tokens\":15,\"input_text_tokens\":15} "
            "model=gemini-2.0-flash-001 tier= traffic= reported=1 malformed=1 oversized=0");
}

TEST(GeminiMeterTraps, VertexSseCutBeforeTheFinalEventHasNoCounts) {
  const auto fixture = LoadFixture("ddtrace-vertex-2.0-flash-streamGenerateContent-sse");
  const std::string cut = fixture.body.substr(0, fixture.body.rfind("data: ") + 50);
  const MeteredUsage usage = MeterWhole(fixture.options, cut);
  EXPECT_FALSE(usage.reported);
  EXPECT_EQ(usage.traffic_type, "ON_DEMAND");
  EXPECT_EQ(usage.model_version, "gemini-2.0-flash-001");
}

TEST(GeminiMeterTraps, GzipJsonArrayCutMidElementKeepsTheLastCompleteElement) {
  // llmgemini-flash-latest: elements report (11, total 11), then (11, 2, thoughts 291, 304)
  // twice. Cut the decoded array inside the third element, then gzip it as a server would
  // have flushed it: the second element's report stands.
  const std::string json =
      testing::ReadFile(COSTGATE_FIXTURES_DIR
                        "/gemini/llmgemini-flash-latest-streamGenerateContent-jsonarray-gzip"
                        ".response.json");
  const size_t third = json.find(",\r\n{", json.find(",\r\n{") + 1);
  const auto gz = test_support::GzipParts({std::string_view(json).substr(0, third + 40), "x"});
  MeterOptions options;
  options.format = BodyFormat::kJsonArray;
  options.gzip = true;
  EXPECT_EQ(Describe(MeterWhole(options, std::string_view(gz.bytes).substr(0, gz.flush_ends[0]))),
            "units={\"input_tokens\":11,\"output_tokens\":2,\"thinking_tokens\":291,"
            "\"total_tokens\":304,\"input_text_tokens\":11} model=gemini-3.6-flash "
            "tier=standard traffic= reported=1 malformed=1 oversized=0");
}

TEST(GeminiMeterTraps, MalformedUsageDoesNotReplaceAnEarlierReport) {
  const std::string body = Sse({
      R"({"usageMetadata": {"promptTokenCount": 14, "candidatesTokenCount": 5}})",
      R"({"usageMetadata": {"promptTokenCount": -1, "candidatesTokenCount": 6}})",
      R"({"usageMetadata": {"promptTokenCount": 14.5}})",
  });
  const MeteredUsage usage = MeterWhole(SseOptions(), body);
  EXPECT_EQ(usage.units.ToJson(), R"({"input_tokens":14,"output_tokens":5})");
  EXPECT_EQ(usage.malformed, 2U);
}

TEST(GeminiMeterTraps, MalformedEventDoesNotReplaceAnEarlierReport) {
  const std::string body = Sse({
      R"({"usageMetadata": {"promptTokenCount": 14}, "modelVersion": "a"})",
      R"({"usageMetadata": {"promptTokenCount": 99}, "modelVersion": "b" garbage})",
  });
  const MeteredUsage usage = MeterWhole(SseOptions(), body);
  EXPECT_EQ(usage.units.ToJson(), R"({"input_tokens":14})");
  EXPECT_EQ(usage.model_version, "a");
  EXPECT_EQ(usage.malformed, 1U);
}

TEST(GeminiMeterTraps, OversizedUsageIsCountedAndIgnored) {
  MeterOptions options = SseOptions();
  options.max_capture_bytes = 40;
  const std::string body = Sse({
      R"({"usageMetadata": {"promptTokenCount": 14}})",
      R"({"usageMetadata": {"promptTokenCount": 15, "candidatesTokenCount": 100, "totalTokenCount": 115}})",
  });
  const MeteredUsage usage = MeterWhole(options, body);
  EXPECT_EQ(usage.units.ToJson(), R"({"input_tokens":14})");
  EXPECT_EQ(usage.oversized, 1U);
  EXPECT_EQ(usage.malformed, 0U);
}

TEST(GeminiMeterTraps, LastNonEmptyModelVersionWins) {
  const std::string body = Sse({
      R"({"modelVersion": "gemini-2.5-flash"})",
      R"({"modelVersion": ""})",
      R"({"responseId": "x"})",
      R"({"modelVersion": "gemini-2.5-flash-\u0030\u0030\u0031"})",
  });
  EXPECT_EQ(MeterWhole(SseOptions(), body).model_version, "gemini-2.5-flash-001");
  EXPECT_EQ(MeterWhole(SseOptions(), Sse({R"({"modelVersion": "a"})", R"({"modelVersion": ""})"}))
                .model_version,
            "a");
}

TEST(GeminiMeterTraps, CorruptGzipKeepsWhatWasDecodedAndCountsOnce) {
  const std::string json = R"([{"usageMetadata": {"promptTokenCount": 3}},)";
  auto gz = test_support::GzipParts({json, R"({"usageMetadata": {"promptTokenCount": 4}}])"});
  std::string body = gz.bytes.substr(0, gz.flush_ends[0]) + "garbage that is not deflate";
  MeterOptions options;
  options.format = BodyFormat::kJsonArray;
  options.gzip = true;
  const MeteredUsage usage = MeterWhole(options, body);
  EXPECT_EQ(usage.units.ToJson(), R"({"input_tokens":3})");
  EXPECT_EQ(usage.malformed, 1U);
}

TEST(GeminiMeterTraps, TruncatedPlainJsonBodyIsMalformed) {
  const MeteredUsage usage =
      MeterWhole(MeterOptions{}, R"({"candidates": [], "usageMetadata": {"promptTokenCount": 1)");
  EXPECT_FALSE(usage.reported);
  EXPECT_EQ(usage.malformed, 1U);
}

TEST(GeminiMeterTraps, InputAfterFinishIsIgnored) {
  const auto meter = CreateMeter(MeterOptions{});
  meter->Feed(R"({"usageMetadata": {"promptTokenCount": 1}})");
  meter->Finish();
  meter->Feed(R"({"usageMetadata": {"promptTokenCount": 2}})");
  meter->Finish();
  EXPECT_EQ(meter->usage().units.ToJson(), R"({"input_tokens":1})");
}

}  // namespace
}  // namespace costgate::filters::gemini
