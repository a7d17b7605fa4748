// The meter's result does not depend on how the body is cut into reads: every stream fixture is
// split at every byte offset into two chunks, and fed byte by byte once.
#include <gtest/gtest.h>

#include "filters/gemini/meter.h"
#include "tests/unit/filters/gemini/fixture_helpers.h"

namespace costgate::filters::gemini {
namespace {

using testing::Describe;
using testing::LoadFixture;
using testing::Meter;
using testing::MeterByteByByte;
using testing::MeterWhole;

void ExpectSameAtEverySplit(std::string_view name) {
  const auto fixture = LoadFixture(name);
  const MeteredUsage whole = MeterWhole(fixture.options, fixture.body);
  ASSERT_TRUE(whole.reported) << name;
  ASSERT_EQ(whole.malformed, 0U) << name;
  const std::string expected = Describe(whole);
  const std::string_view body = fixture.body;
  for (size_t cut = 0; cut <= body.size(); ++cut) {
    const MeteredUsage split = Meter(fixture.options, {body.substr(0, cut), body.substr(cut)});
    ASSERT_EQ(Describe(split), expected) << name << " cut at " << cut;
  }
  EXPECT_EQ(Describe(MeterByteByByte(fixture.options, body)), expected) << name;
}

TEST(GeminiMeterSplits, AisSse) {
  ExpectSameAtEverySplit("ddtrace-gemini-2.0-flash-streamGenerateContent-sse");
}

TEST(GeminiMeterSplits, VertexSse) {
  ExpectSameAtEverySplit("ddtrace-vertex-2.0-flash-streamGenerateContent-sse");
}

TEST(GeminiMeterSplits, PydanticSse) { ExpectSameAtEverySplit("pydanticai-2.0-flash-exp-sse"); }

TEST(GeminiMeterSplits, JsonArrayGzipTools0) {
  ExpectSameAtEverySplit("llmgemini-2.5-flash-tools-streamGenerateContent-jsonarray-gzip.0");
}

TEST(GeminiMeterSplits, JsonArrayGzipTools1) {
  ExpectSameAtEverySplit("llmgemini-2.5-flash-tools-streamGenerateContent-jsonarray-gzip.1");
}

TEST(GeminiMeterSplits, JsonArrayGzipTools2) {
  ExpectSameAtEverySplit("llmgemini-2.5-flash-tools-streamGenerateContent-jsonarray-gzip.2");
}

TEST(GeminiMeterSplits, JsonArrayGzipFlashLatest) {
  ExpectSameAtEverySplit("llmgemini-flash-latest-streamGenerateContent-jsonarray-gzip");
}

TEST(GeminiMeterSplits, AisGenerateContentGzip) {
  ExpectSameAtEverySplit("ddtrace-gemini-2.0-flash-generateContent-gzip");
}

TEST(GeminiMeterSplits, VertexGenerateContentGzip) {
  ExpectSameAtEverySplit("ddtrace-vertex-2.0-flash-generateContent-gzip");
}

}  // namespace
}  // namespace costgate::filters::gemini
