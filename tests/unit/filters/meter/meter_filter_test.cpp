#include "filters/meter/meter_filter.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "tests/unit/filters/fixture_file.h"

namespace costgate::filters {
namespace {

Exchange MeteredGeminiCall(std::string operation, bool stream_sse) {
  Exchange x;
  x.provider = "gemini";
  x.operation = std::move(operation);
  x.metering = Metering::kMetered;
  x.stream_sse = stream_sse;
  return x;
}

void SetResponse(Exchange& x, int status, std::string content_type,
                 std::string content_encoding = "") {
  ResponseHead head;
  head.status = status;
  head.headers.Add("Content-Type", std::move(content_type));
  if (!content_encoding.empty()) {
    head.headers.Add("Content-Encoding", std::move(content_encoding));
  }
  x.response = std::move(head);
}

// Runs the meter's three hooks the way the daemon does, the body in `piece`-byte chunks.
void Meter(MeterFilter& filter, Exchange& x, std::string_view body, size_t piece) {
  filter.OnResponseHead(x);
  for (size_t at = 0; at < body.size(); at += piece) {
    filter.OnResponseBody(x, body.substr(at, std::min(piece, body.size() - at)));
  }
  filter.OnComplete(x);
}

TEST(MeterFilterTest, ReadsTheLastUsageOfAnSseStreamFedInPieces) {
  FilterStats stats;
  MeterFilter filter(stats);
  Exchange x = MeteredGeminiCall("streamGenerateContent", true);
  SetResponse(x, 200, "text/event-stream");
  Meter(filter, x,
        ReadFixture("gemini/ddtrace-gemini-2.0-flash-streamGenerateContent-sse.response.sse"), 7);
  EXPECT_TRUE(x.usage_reported);
  EXPECT_EQ(x.units.Get(kUnitInputTokens), 14);
  EXPECT_EQ(x.units.Get(kUnitOutputTokens), 51);
  EXPECT_EQ(x.model_version, "gemini-2.0-flash-001");
  EXPECT_EQ(x.malformed_units, 0u);
  EXPECT_EQ(stats.usage_missing.load(), 0u);
}

TEST(MeterFilterTest, ReadsAGzipJsonBody) {
  FilterStats stats;
  MeterFilter filter(stats);
  Exchange x = MeteredGeminiCall("generateContent", false);
  SetResponse(x, 200, "application/json; charset=UTF-8", "gzip");
  Meter(filter, x,
        ReadFixture("gemini/ddtrace-gemini-2.0-flash-generateContent-gzip.response.json.gz"), 100);
  EXPECT_TRUE(x.usage_reported);
  EXPECT_EQ(x.units.Get(kUnitInputTokens), 14);
  EXPECT_EQ(x.units.Get(kUnitOutputTokens), 52);
}

TEST(MeterFilterTest, ErrorResponseIsNotMetered) {
  FilterStats stats;
  MeterFilter filter(stats);
  Exchange x = MeteredGeminiCall("generateContent", false);
  SetResponse(x, 404, "application/json; charset=UTF-8");
  Meter(filter, x, ReadFixture("gemini/pydanticai-countTokens-error.response.json"), 16);
  EXPECT_FALSE(x.usage_reported);
  EXPECT_TRUE(x.units.empty());
  EXPECT_EQ(stats.usage_missing.load(), 0u);
}

TEST(MeterFilterTest, UnmeteredOperationIsNotMetered) {
  FilterStats stats;
  MeterFilter filter(stats);
  Exchange x = MeteredGeminiCall("embedContent", false);
  x.metering = Metering::kUnmetered;
  SetResponse(x, 200, "application/json");
  Meter(filter, x, R"({"usageMetadata":{"promptTokenCount":5,"totalTokenCount":5}})", 8);
  EXPECT_FALSE(x.usage_reported);
  EXPECT_TRUE(x.units.empty());
  EXPECT_EQ(stats.usage_missing.load(), 0u);
}

TEST(MeterFilterTest, MeteredSuccessWithoutUsageCountsUsageMissing) {
  FilterStats stats;
  MeterFilter filter(stats);
  Exchange x = MeteredGeminiCall("generateContent", false);
  SetResponse(x, 200, "application/json");
  Meter(filter, x, R"({"candidates":[]})", 4);
  EXPECT_FALSE(x.usage_reported);
  EXPECT_EQ(stats.usage_missing.load(), 1u);
}

TEST(MeterFilterTest, StreamCutBeforeItsUsageCountsUsageMissing) {
  FilterStats stats;
  MeterFilter filter(stats);
  Exchange x = MeteredGeminiCall("streamGenerateContent", true);
  SetResponse(x, 200, "text/event-stream");
  filter.OnResponseHead(x);
  filter.OnResponseBody(x, "data: {\"candidates\": [{\"content\": ");
  filter.OnComplete(x);
  EXPECT_FALSE(x.usage_reported);
  EXPECT_EQ(stats.usage_missing.load(), 1u);
}

TEST(MeterFilterTest, CountsMalformedStreamUnits) {
  FilterStats stats;
  MeterFilter filter(stats);
  Exchange x = MeteredGeminiCall("streamGenerateContent", true);
  SetResponse(x, 200, "text/event-stream");
  Meter(filter, x,
        "data: {\"candidates\": [\r\n\r\n"
        "data: {\"usageMetadata\": {\"promptTokenCount\": 3, \"candidatesTokenCount\": 4, "
        "\"totalTokenCount\": 7}}\r\n\r\n",
        5);
  EXPECT_TRUE(x.usage_reported);
  EXPECT_EQ(x.units.Get(kUnitOutputTokens), 4);
  EXPECT_EQ(x.malformed_units, 1u);
  EXPECT_EQ(stats.meter_malformed_units.load(), 1u);
}

TEST(MeterFilterTest, CountsOversizedUsageReports) {
  FilterStats stats;
  MeterFilter filter(stats);
  Exchange x = MeteredGeminiCall("generateContent", false);
  SetResponse(x, 200, "application/json");
  const std::string body =
      R"({"usageMetadata":{"promptTokenCount":1,"pad":")" + std::string(200 * 1024, 'a') + R"("}})";
  Meter(filter, x, body, 4096);
  EXPECT_FALSE(x.usage_reported);
  EXPECT_EQ(stats.meter_oversized_units.load(), 1u);
  EXPECT_EQ(stats.usage_missing.load(), 1u);
}

TEST(MeterFilterTest, CompletionWithoutResponseLeavesTheExchangeUnmetered) {
  FilterStats stats;
  MeterFilter filter(stats);
  Exchange x = MeteredGeminiCall("generateContent", false);
  filter.OnResponseHead(x);
  filter.OnComplete(x);
  EXPECT_FALSE(x.usage_reported);
  EXPECT_TRUE(x.units.empty());
  EXPECT_EQ(stats.usage_missing.load(), 0u);
}

TEST(MeterFilterFactoryTest, NamedMeter) {
  FilterStats stats;
  EXPECT_EQ(MeterFilterFactory(stats).Name(), "meter");
}

}  // namespace
}  // namespace costgate::filters
