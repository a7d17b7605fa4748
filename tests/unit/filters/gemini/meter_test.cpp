#include "filters/gemini/meter.h"

#include <gtest/gtest.h>

#include "tests/unit/filters/gemini/fixture_helpers.h"

namespace costgate::filters::gemini {
namespace {

ResponseHead Head(std::vector<std::pair<std::string, std::string>> fields) {
  ResponseHead head;
  head.status = 200;
  for (auto& [name, value] : fields) {
    head.headers.Add(std::move(name), std::move(value));
  }
  return head;
}

const ResponseHead kJsonHead = Head({{"Content-Type", "application/json; charset=UTF-8"}});

TEST(GeminiMeterOptions, AltSseChoosesSse) {
  EXPECT_EQ(ChooseMeterOptions("streamGenerateContent", true, kJsonHead).format, BodyFormat::kSse);
}

TEST(GeminiMeterOptions, EventStreamContentTypeChoosesSse) {
  const auto head = Head({{"content-type", " Text/Event-Stream ; charset=utf-8"}});
  EXPECT_EQ(ChooseMeterOptions("streamGenerateContent", false, head).format, BodyFormat::kSse);
}

TEST(GeminiMeterOptions, StreamWithoutAltSseChoosesJsonArray) {
  EXPECT_EQ(ChooseMeterOptions("streamGenerateContent", false, kJsonHead).format,
            BodyFormat::kJsonArray);
}

TEST(GeminiMeterOptions, OtherOperationsChooseJson) {
  EXPECT_EQ(ChooseMeterOptions("generateContent", false, kJsonHead).format, BodyFormat::kJson);
  EXPECT_EQ(ChooseMeterOptions("batchEmbedContents", false, kJsonHead).format, BodyFormat::kJson);
}

TEST(GeminiMeterOptions, NoContentEncodingIsPlain) {
  const MeterOptions options = ChooseMeterOptions("generateContent", false, kJsonHead);
  EXPECT_FALSE(options.gzip);
  EXPECT_FALSE(options.undecodable);
  EXPECT_EQ(options.max_capture_bytes, 64U * 1024U);
}

TEST(GeminiMeterOptions, GzipContentEncodingIsDecoded) {
  for (const char* coding : {"gzip", "GZIP", "x-gzip", "identity, gzip"}) {
    const MeterOptions options =
        ChooseMeterOptions("generateContent", false, Head({{"Content-Encoding", coding}}));
    EXPECT_TRUE(options.gzip) << coding;
    EXPECT_FALSE(options.undecodable) << coding;
  }
}

TEST(GeminiMeterOptions, IdentityContentEncodingIsPlain) {
  const MeterOptions options =
      ChooseMeterOptions("generateContent", false, Head({{"Content-Encoding", "identity"}}));
  EXPECT_FALSE(options.gzip);
  EXPECT_FALSE(options.undecodable);
}

TEST(GeminiMeterOptions, OtherContentEncodingsAreUndecodable) {
  for (const char* coding : {"br", "deflate", "zstd", "gzip, br", "gzip, gzip"}) {
    EXPECT_TRUE(ChooseMeterOptions("generateContent", false, Head({{"Content-Encoding", coding}}))
                    .undecodable)
        << coding;
  }
}

TEST(GeminiMeterOptions, GzipAppliedTwiceInSeparateFieldsIsUndecodable) {
  const auto head = Head({{"Content-Encoding", "gzip"}, {"content-encoding", "gzip"}});
  EXPECT_TRUE(ChooseMeterOptions("generateContent", false, head).undecodable);
}

TEST(GeminiMeter, UndecodableBodyIsOneMalformedUnitAndNothingElse) {
  const MeterOptions options =
      ChooseMeterOptions("generateContent", false, Head({{"Content-Encoding", "br"}}));
  const MeteredUsage usage =
      testing::MeterWhole(options, R"({"usageMetadata": {"promptTokenCount": 1}})");
  EXPECT_EQ(testing::Describe(usage),
            "units={} model= tier= traffic= reported=0 malformed=1 oversized=0");
}

TEST(GeminiMeter, EmptyBodyReportsNothing) {
  EXPECT_EQ(testing::Describe(testing::MeterWhole(MeterOptions{}, "")),
            "units={} model= tier= traffic= reported=0 malformed=0 oversized=0");
}

TEST(GeminiMeter, PlainJsonBody) {
  const MeteredUsage usage = testing::MeterWhole(
      MeterOptions{}, R"({"usageMetadata": {"promptTokenCount": 3}, "modelVersion": "m"})");
  EXPECT_EQ(testing::Describe(usage),
            "units={\"input_tokens\":3} model=m tier= traffic= reported=1 malformed=0 "
            "oversized=0");
}

TEST(GeminiMeter, UsageIsReadableBeforeFinish) {
  MeterOptions options;
  options.format = BodyFormat::kSse;
  const auto meter = CreateMeter(options);
  meter->Feed("data: {\"usageMetadata\": {\"promptTokenCount\": 3}}\r\n\r\n");
  EXPECT_TRUE(meter->usage().reported);
  EXPECT_EQ(meter->usage().units.Get("input_tokens"), 3);
}

}  // namespace
}  // namespace costgate::filters::gemini
