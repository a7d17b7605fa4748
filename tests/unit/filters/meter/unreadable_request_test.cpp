// A request body the meter filter cannot decode (corrupt gzip, a coding it does not read, more
// decoded bytes than it decodes) never reaches the meter as garbage: the meter falls back to
// what it knows without it, and the call stays metered as well as it can be.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "filters/meter/provider_meter.h"
#include "filters/meter/request_body_decoder.h"
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

// 64 bytes of JSON that are not gzip, sent as if they were: 16 tokens at four bytes each.
constexpr std::string_view kNotGzip =
    R"({"contents":[{"parts":[{"text":"plain text not gzip at all"}]}]})";

// A gzip member whose header is sound and whose deflate data is not (a reserved block type).
std::string CorruptAfterHeader(std::string_view body) {
  std::string coded = Gzip(body);
  for (size_t i = 10; i < coded.size(); ++i) {
    coded[i] = '\xff';
  }
  return coded;
}

TEST(UnreadableRequestTest, CorruptGzipGeminiCallIsEstimatedFromTheBytesSentAndMarked) {
  ASSERT_EQ(kNotGzip.size(), 64u);
  FilterStats stats;
  const Exchange x = MeterRequest(CutOffGenerate("gzip"), Pieces(kNotGzip, 8), stats);
  EXPECT_EQ(x.units.Get(kUnitInputTokens), 16);
  EXPECT_TRUE(x.estimated);
  EXPECT_EQ(x.malformed_units, 1u);
  EXPECT_EQ(stats.meter_malformed_units.load(), 1u);
}

TEST(UnreadableRequestTest, CorruptGzipSpeechCountsNoTextAndIsMarked) {
  const std::string coded = CorruptAfterHeader(kSpeechRequest);
  FilterStats stats;
  const Exchange x = MeterRequest(Speech("gzip"), Pieces(coded, 3), stats);
  EXPECT_TRUE(x.units.empty());
  EXPECT_EQ(x.model_requested, "eleven_multilingual_v2");  // the endpoint's default model
  EXPECT_EQ(x.malformed_units, 1u);
  EXPECT_EQ(stats.usage_missing.load(), 1u);
}

TEST(UnreadableRequestTest, UnknownCodingIsNotReadAsTheBody) {
  FilterStats stats;
  // JSON-looking bytes, declared brotli: not the body the provider will read.
  const Exchange x = MeterRequest(Speech("br"), Pieces(kSpeechRequest, 16), stats);
  EXPECT_TRUE(x.units.empty());
  EXPECT_EQ(x.model_requested, "eleven_multilingual_v2");
  EXPECT_EQ(x.malformed_units, 0u);
}

TEST(UnreadableRequestTest, UnknownCodingGeminiCallIsEstimatedFromTheBytesSent) {
  FilterStats stats;
  const Exchange x = MeterRequest(CutOffGenerate("zstd"), Pieces(kNotGzip, 64), stats);
  EXPECT_EQ(x.units.Get(kUnitInputTokens), 16);
  EXPECT_TRUE(x.estimated);
  EXPECT_EQ(x.malformed_units, 0u);
}

TEST(UnreadableRequestTest, UnknownCodingCloudTtsCountsTheBytesSentAsCharacters) {
  FilterStats stats;
  const Exchange x = MeterRequest({.provider = "google-tts",
                                   .operation = "synthesize",
                                   .content_encoding = "deflate",
                                   .status = 200},
                                  Pieces("0123456789abcdefghijklmnopqrstuvwxyz", 36), stats);
  EXPECT_EQ(x.units.Get(kUnitCharacters), 36);
  EXPECT_TRUE(x.estimated);
}

TEST(UnreadableRequestTest, GzipTwiceIsNotDecoded) {
  const std::string coded = Gzip(Gzip(kSpeechRequest));
  FilterStats stats;
  const Exchange x = MeterRequest(Speech("gzip, gzip"), Pieces(coded, 16), stats);
  EXPECT_TRUE(x.units.empty());
  EXPECT_EQ(x.malformed_units, 0u);
}

// 8 MiB of one letter in a prompt, then the tier the request asks for: gzip makes it about
// 8 KiB. The decoder holds one output buffer throughout, the meter keeps only its bounded
// captures, and the value after the huge one is still read.
std::string HugePrompt() {
  return R"({"contents":[{"parts":[{"text":")" + std::string(8 * 1024 * 1024, 'a') +
         R"("}]}],"serviceTier":"flex"})";
}

// A Gemini generateContent exchange cut off after sending `coded` (its 2xx head arrived).
Exchange CutOffAfterHead(uint64_t coded_bytes) {
  Exchange x;
  x.provider = "gemini";
  x.operation = "generateContent";
  x.metering = Metering::kMetered;
  x.request.headers.Add("Content-Encoding", "gzip");
  x.request_bytes = coded_bytes;
  ResponseHead head;
  head.status = 200;
  head.headers.Add("Content-Type", "application/json");
  x.response = head;
  x.outcome = Outcome::kCancelled;
  return x;
}

TEST(UnreadableRequestTest, HighlyCompressibleBodyIsDecodedInBoundedPieces) {
  const std::string body = HugePrompt();
  const std::string coded = Gzip(body);
  ASSERT_LT(coded.size(), 64u * 1024);
  Exchange x = CutOffAfterHead(coded.size());
  const std::unique_ptr<CallMeter> meter = CreateCallMeter(x);
  ASSERT_NE(meter, nullptr);
  RequestBodyDecoder decoder(x.request.headers, *meter);
  for (const std::string_view piece : Pieces(coded, 4096)) {
    decoder.Feed(piece);
    EXPECT_LE(decoder.BufferHighWater(), base::GzipDecoder::kOutputBytes);
  }
  EXPECT_EQ(decoder.fed_bytes(), body.size());
  EXPECT_EQ(decoder.oversized(), 0u);
  meter->OnResponseHead(*x.response);
  MeteredUsage usage;
  meter->Finish(x, usage);
  EXPECT_EQ(usage.units.Get(kUnitInputTokens), static_cast<int64_t>((body.size() + 3) / 4));
  EXPECT_EQ(usage.service_tier, "flex");
}

TEST(UnreadableRequestTest, DecodingStopsAtTheDecodedLimit) {
  const std::string coded = Gzip(HugePrompt());
  Exchange x = CutOffAfterHead(coded.size());
  const std::unique_ptr<CallMeter> meter = CreateCallMeter(x);
  ASSERT_NE(meter, nullptr);
  constexpr uint64_t kLimit = 1024 * 1024;
  RequestBodyDecoder decoder(x.request.headers, *meter, kLimit);
  for (const std::string_view piece : Pieces(coded, 4096)) {
    decoder.Feed(piece);
  }
  EXPECT_EQ(decoder.fed_bytes(), kLimit);
  EXPECT_EQ(decoder.oversized(), 1u);
  EXPECT_EQ(decoder.malformed(), 0u);
  EXPECT_EQ(decoder.BufferHighWater(), 0u);  // the decoder's memory is given back
  meter->OnResponseHead(*x.response);
  MeteredUsage usage;
  meter->Finish(x, usage);
  EXPECT_EQ(usage.units.Get(kUnitInputTokens), 262'144);  // the 1 MiB read, at four bytes each
  EXPECT_TRUE(usage.estimated);
}

}  // namespace
}  // namespace costgate::filters
