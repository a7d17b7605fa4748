// The meter filter reads a gzip-coded request body decoded: what the meters count from the
// request (Gemini's cut-off estimate, ElevenLabs text, Veo seconds, Cloud TTS characters) is
// the decoded body's, whatever the chunking of the coded bytes.
#include <gtest/gtest.h>

#include <string>

#include "tests/support/gzip_parts.h"
#include "tests/unit/filters/meter/request_call_support.h"

namespace costgate::filters {
namespace {

using test_support::Gzip;
using testing::CutOffGenerate;
using testing::kSpeechRequest;
using testing::MeterRequest;
using testing::Pieces;
using testing::Speech;
using testing::SplitAt;

// 4038 bytes of JSON: 1010 tokens at four bytes each; gzip makes it under a hundred bytes.
std::string GeminiPrompt() {
  std::string text;
  for (int i = 0; i < 1000; ++i) {
    text += "sky ";
  }
  return R"({"contents":[{"parts":[{"text":")" + text + R"("}]}]})";
}

TEST(GzipRequestTest, GeminiCallCutOffBeforeUsageIsEstimatedFromTheDecodedBytes) {
  const std::string body = GeminiPrompt();
  const std::string coded = Gzip(body);
  ASSERT_EQ(body.size(), 4038u);
  ASSERT_LT(coded.size(), 100u);
  FilterStats stats;
  const Exchange x = MeterRequest(CutOffGenerate("gzip"), Pieces(coded, 16), stats);
  EXPECT_EQ(x.units.Get(kUnitInputTokens), 1010);
  EXPECT_TRUE(x.estimated);
  EXPECT_EQ(x.request_bytes, coded.size());  // the receipt still says what was sent
  EXPECT_EQ(x.malformed_units, 0u);
}

TEST(GzipRequestTest, ElevenLabsSpeechInGzipHasItsTextCounted) {
  const std::string coded = Gzip(kSpeechRequest);
  FilterStats stats;
  const Exchange x = MeterRequest(Speech("gzip"), Pieces(coded, 4096), stats);
  EXPECT_EQ(x.units.Get(kUnitCharacters), 23);
  EXPECT_TRUE(x.estimated);
  EXPECT_EQ(x.model_requested, "eleven_turbo_v2_5");
}

TEST(GzipRequestTest, ElevenLabsSpeechSplitAtEveryByteOffsetCountsTheSameText) {
  const std::string coded = Gzip(kSpeechRequest);
  for (size_t at = 0; at <= coded.size(); ++at) {
    FilterStats stats;
    const Exchange x = MeterRequest(Speech("gzip"), SplitAt(coded, at), stats);
    EXPECT_EQ(x.units.Get(kUnitCharacters), 23) << "split at " << at;
    EXPECT_EQ(x.model_requested, "eleven_turbo_v2_5") << "split at " << at;
  }
}

TEST(GzipRequestTest, GeminiPromptSplitAtEveryByteOffsetIsEstimatedTheSame) {
  const std::string coded = Gzip(GeminiPrompt());
  for (size_t at = 0; at <= coded.size(); ++at) {
    FilterStats stats;
    const Exchange x = MeterRequest(CutOffGenerate("gzip"), SplitAt(coded, at), stats);
    EXPECT_EQ(x.units.Get(kUnitInputTokens), 1010) << "split at " << at;
  }
}

TEST(GzipRequestTest, BodyFedOneByteAtATimeIsDecoded) {
  const std::string coded = Gzip(kSpeechRequest);
  FilterStats stats;
  EXPECT_EQ(MeterRequest(Speech("gzip"), Pieces(coded, 1), stats).units.Get(kUnitCharacters), 23);
}

TEST(GzipRequestTest, XGzipIsGzip) {
  const std::string coded = Gzip(kSpeechRequest);
  FilterStats stats;
  EXPECT_EQ(MeterRequest(Speech("x-gzip"), Pieces(coded, 7), stats).units.Get(kUnitCharacters), 23);
}

TEST(GzipRequestTest, IdentityCodingIsReadAsIs) {
  FilterStats stats;
  EXPECT_EQ(MeterRequest(Speech("identity"), Pieces(kSpeechRequest, 10), stats)
                .units.Get(kUnitCharacters),
            23);
}

TEST(GzipRequestTest, VeoDurationIsReadFromAGzipRequest) {
  const std::string coded = Gzip(
      R"({"instances":[{"prompt":"a cat"}],"parameters":{"durationSeconds":5,"sampleCount":2}})");
  FilterStats stats;
  const Exchange x = MeterRequest({.provider = "gemini",
                                   .operation = "predictLongRunning",
                                   .content_encoding = "gzip",
                                   .model = "veo-3.0-generate-001",
                                   .status = 200},
                                  Pieces(coded, 9), stats);
  EXPECT_EQ(x.units.Get(kUnitVideoSeconds), 10);
}

TEST(GzipRequestTest, CloudTtsCharactersAreCountedFromAGzipRequest) {
  const std::string coded = Gzip(
      R"({"input":{"text":"Hello there"},"voice":{"languageCode":"en-US","name":"en-US-Wavenet-D"}})");
  FilterStats stats;
  const Exchange x = MeterRequest({.provider = "google-tts",
                                   .operation = "synthesize",
                                   .content_encoding = "gzip",
                                   .status = 200},
                                  Pieces(coded, 5), stats);
  EXPECT_EQ(x.units.Get(kUnitCharacters), 11);
  EXPECT_TRUE(x.usage_reported);
  EXPECT_FALSE(x.estimated);
  EXPECT_EQ(x.model_requested, "wavenet");
}

}  // namespace
}  // namespace costgate::filters
