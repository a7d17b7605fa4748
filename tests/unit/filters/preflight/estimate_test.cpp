#include "filters/preflight/estimate.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "filters/elevenlabs/json_request.h"
#include "filters/google_tts/synthesis_request.h"
#include "filters/meter/meter_filter.h"
#include "filters/preflight/generation_request.h"
#include "filters/price/price_filter.h"
#include "filters/token_estimate.h"
#include "pricing/call_price.h"
#include "tests/unit/filters/bundled_prices_helpers.h"
#include "tests/unit/filters/fixture_file.h"

namespace costgate::filters::preflight {
namespace {

constexpr int64_t kAt = 1'790'000'000'000;  // 2026-09-21
constexpr EstimateOptions kDefaultOutput{.default_output_tokens = 512,
                                         .per_request_output_cap = std::nullopt};

const pricing::PriceBook& Book() { return BundledPrices().Current(); }

// A metered request as the route leaves it; `body` must outlive the request (a view).
CallRequest Request(std::string_view provider, std::string_view operation, std::string_view model,
                    std::string_view body) {
  return {.provider = provider,
          .operation = operation,
          .metering = Metering::kMetered,
          .model = model,
          .content_type = "application/json",
          .body = body,
          .body_readable = true,
          .body_bytes = body.size()};
}

Estimate EstimateOf(const CallRequest& request, const EstimateOptions& options = kDefaultOutput) {
  const EstimateResult result = EstimateCall(request, options);
  EXPECT_TRUE(result.estimate.has_value()) << result.error;
  return result.estimate.value_or(Estimate{});
}

// What the receipt's price filter computes for `units` of a call of `model`.
pricing::CallPrice ReceiptPrice(std::string_view family, std::string_view model,
                                const pricing::Units& units) {
  return pricing::PriceCall(Book(), {.subject = {family, {}, model},
                                     .known_key = {},
                                     .units = units,
                                     .tier = pricing::ServiceTier::kStandard,
                                     .metered = true,
                                     .provider_did_not_bill = false,
                                     .at_ms = kAt});
}

int64_t UnitCount(const Estimate& e, std::string_view unit) {
  return e.units.Get(unit).value_or(-1);
}

// The receipt of the same request answered 200 with no usage headers or body: the chain's meter
// and price filters, as they run on completion.
Exchange ReceiptOf(const CallRequest& r, std::string_view response_body = {}) {
  Exchange x;
  x.provider = std::string(r.provider);
  x.operation = std::string(r.operation);
  x.metering = r.metering;
  x.model_requested = std::string(r.model);
  x.start_unix_ms = kAt;
  x.request.method = "POST";
  x.request.headers.Add("Content-Type", std::string(r.content_type));
  FilterStats stats;
  MeterFilter meter(stats);
  meter.OnRequestBody(x, r.body);
  x.request_bytes = r.body.size();
  ResponseHead head;
  head.status = 200;
  head.headers.Add("content-type", "application/json");
  x.response = head;
  meter.OnResponseHead(x);
  meter.OnResponseBody(x, response_body);
  meter.OnComplete(x);
  PriceFilter(BundledPrices(), stats).OnComplete(x);
  return x;
}

// --- Gemini API / Vertex AI generation ---

TEST(PreflightEstimateTest, GenerateContentTextCountsTheBodyAtTheTextRatioAndMaxOutputTokens) {
  const std::string body =
      ReadFixture("gemini/ddtrace-gemini-2.0-flash-generateContent-gzip.request.json");
  const Estimate e = EstimateOf(Request("gemini", "generateContent", "gemini-2.0-flash", body));
  EXPECT_EQ(UnitCount(e, kUnitInputTokens), TokensFromBytes(body.size()));
  EXPECT_EQ(UnitCount(e, kUnitOutputTokens), 100);  // generationConfig.maxOutputTokens
  EXPECT_EQ(e.method, "request_text_ratio");
  EXPECT_EQ(e.output_method, "max_output_tokens");
  EXPECT_FALSE(e.exact);

  const EstimatePrice price = PriceEstimate(Book(), "gemini", e, kAt);
  ASSERT_TRUE(price.cost.has_value()) << price.unpriced_reason;
  EXPECT_EQ(price.price_key, "gemini/gemini-2.0-flash");
  // $0.10 / $0.40 per million tokens: 100,000 and 400,000 pico-USD per token.
  EXPECT_EQ(price.cost->pico(), TokensFromBytes(body.size()) * 100'000 + 100 * 400'000);
}

TEST(PreflightEstimateTest, GenerateContentWithoutAnOutputLimitUsesTheDefault) {
  const std::string body = ReadFixture("gemini/pydanticai-countTokens-raw.request.json");
  const Estimate e = EstimateOf(Request("gemini", "generateContent", "gemini-2.5-flash", body));
  EXPECT_EQ(UnitCount(e, kUnitInputTokens), TokensFromBytes(body.size()));
  EXPECT_EQ(UnitCount(e, kUnitOutputTokens), 512);
  EXPECT_EQ(e.output_method, "default_output_tokens");
}

TEST(PreflightEstimateTest, ACapLowerThanMaxOutputTokensBoundsTheOutput) {
  const std::string body =
      ReadFixture("gemini/ddtrace-gemini-2.0-flash-generateContent-gzip.request.json");
  const Estimate capped = EstimateOf(Request("gemini", "generateContent", "gemini-2.0-flash", body),
                                     {.default_output_tokens = 512, .per_request_output_cap = 40});
  EXPECT_EQ(UnitCount(capped, kUnitOutputTokens), 40);
  EXPECT_EQ(capped.output_method, "per_request_output_cap");

  const Estimate uncapped =
      EstimateOf(Request("gemini", "generateContent", "gemini-2.0-flash", body),
                 {.default_output_tokens = 512, .per_request_output_cap = 1000});
  EXPECT_EQ(UnitCount(uncapped, kUnitOutputTokens), 100);
  EXPECT_EQ(uncapped.output_method, "max_output_tokens");
}

TEST(PreflightEstimateTest, ACapAlsoBoundsTheDefault) {
  const Estimate e = EstimateOf(Request("gemini", "streamGenerateContent", "gemini-2.5-flash",
                                        R"({"contents":[{"parts":[{"text":"hi"}]}]})"),
                                {.default_output_tokens = 512, .per_request_output_cap = 64});
  EXPECT_EQ(UnitCount(e, kUnitOutputTokens), 64);
  EXPECT_EQ(e.output_method, "per_request_output_cap");
}

TEST(PreflightEstimateTest, EveryCandidateIsBilledItsOutput) {
  const Estimate e = EstimateOf(
      Request("gemini", "generateContent", "gemini-2.5-flash",
              R"({"contents":[],"generationConfig":{"maxOutputTokens":300,"candidateCount":3}})"));
  EXPECT_EQ(UnitCount(e, kUnitOutputTokens), 900);
}

TEST(PreflightEstimateTest, AnInlineImageCountsAtThePerImageRateNotItsBase64) {
  const std::string image(40'000, 'A');
  const std::string body = R"({"contents":[{"parts":[{"text":"Describe this."},)"
                           R"({"inlineData":{"mimeType":"image/png","data":")" +
                           image + R"("}}]}]})";
  const Estimate e = EstimateOf(Request("gemini", "generateContent", "gemini-2.5-flash", body));
  EXPECT_EQ(UnitCount(e, kUnitInputTokens),
            TokensFromBytes(body.size() - image.size()) + kImageTokens);
  EXPECT_EQ(e.method, "request_media_rates");
}

TEST(PreflightEstimateTest, InlineAudioCountsPerSecondAtTheAssumedBitrate) {
  // 16,000 base64 bytes are 12,000 bytes of audio: 3 seconds at 4,000 bytes a second.
  const std::string audio(16'000, 'A');
  const std::string body = R"({"contents":[{"parts":[{"inline_data":{"mime_type":"audio/mp3",)"
                           R"("data":")" +
                           audio + R"("}}]}]})";
  const Estimate e = EstimateOf(Request("vertex", "generateContent", "gemini-2.5-flash", body));
  EXPECT_EQ(UnitCount(e, kUnitInputTokens),
            TokensFromBytes(body.size() - audio.size()) + 3 * kAudioTokensPerSecond);
  EXPECT_EQ(e.method, "request_media_rates");
}

TEST(PreflightEstimateTest, VertexPathModelIsPricedFromTheVertexList) {
  const std::string body =
      ReadFixture("gemini/ddtrace-vertex-2.0-flash-generateContent-gzip.request.json");
  const Estimate e = EstimateOf(Request("vertex", "generateContent", "gemini-2.0-flash-001", body));
  EXPECT_EQ(e.model_requested, "gemini-2.0-flash-001");
  const EstimatePrice price = PriceEstimate(Book(), "vertex", e, kAt);
  ASSERT_TRUE(price.cost.has_value()) << price.unpriced_reason;
  // The receipt's price key for the same subject and units.
  const pricing::CallPrice receipt = ReceiptPrice("vertex", "gemini-2.0-flash-001", e.units);
  EXPECT_EQ(price.price_key, receipt.price_key);
  EXPECT_EQ(price.cost, receipt.cost);
  EXPECT_EQ(price.price_key, "gemini-2.0-flash-001");  // a Vertex AI row of LiteLLM
}

TEST(PreflightEstimateTest, CountTokensIsFreeWithNoOutput) {
  const std::string body = ReadFixture("gemini/pydanticai-countTokens-raw.request.json");
  CallRequest r = Request("gemini", "countTokens", "gemini-2.5-flash", body);
  r.metering = Metering::kFree;
  const Estimate e = EstimateOf(r);
  EXPECT_FALSE(e.units.Get(kUnitOutputTokens).has_value());
  EXPECT_EQ(e.method, "free_operation");
  EXPECT_TRUE(e.exact);
  const EstimatePrice price = PriceEstimate(Book(), "gemini", e, kAt);
  ASSERT_TRUE(price.cost.has_value()) << price.unpriced_reason;
  EXPECT_EQ(price.cost->pico(), 0);
}

TEST(PreflightEstimateTest, EmbeddingsCountTheTextToEmbedAsTheReceiptDoes) {
  const std::string body =
      ReadFixture("gemini/llmgemini-embedding-001-batchEmbedContents-no-usage.request.json");
  const CallRequest r = Request("gemini", "batchEmbedContents", "gemini-embedding-001", body);
  const Estimate e = EstimateOf(r);
  EXPECT_EQ(UnitCount(e, kUnitInputTokens),
            TokensFromBytes(std::string_view("Some text goes here").size()));
  EXPECT_FALSE(e.units.Get(kUnitOutputTokens).has_value());
  EXPECT_EQ(e.method, "request_text_ratio");
  // The recorded answer reports no usage: its receipt counts the same text.
  const Exchange receipt = ReceiptOf(
      r, ReadFixture("gemini/llmgemini-embedding-001-batchEmbedContents-no-usage.response.json"));
  EXPECT_EQ(e.units, receipt.units);
  EXPECT_EQ(PriceEstimate(Book(), "gemini", e, kAt).cost, receipt.cost);
}

// --- OpenAI-compatible chat completions ---

TEST(PreflightEstimateTest, OpenAiChatTakesMaxTokensAndTheBodysModel) {
  const Estimate e = EstimateOf(Request(
      "gemini", "openai.chat.completions", "",
      R"({"model":"gemini-2.5-flash","messages":[{"role":"user","content":"hi"}],"max_tokens":50})"));
  EXPECT_EQ(UnitCount(e, kUnitOutputTokens), 50);
  EXPECT_EQ(e.output_method, "max_output_tokens");
  EXPECT_EQ(e.model_requested, "gemini-2.5-flash");
  const EstimatePrice price = PriceEstimate(Book(), "gemini", e, kAt);
  EXPECT_TRUE(price.cost.has_value()) << price.unpriced_reason;
  EXPECT_EQ(price.price_key, "gemini/gemini-2.5-flash");
}

TEST(PreflightEstimateTest, OpenAiMaxCompletionTokensWinsOverMaxTokens) {
  const Estimate e = EstimateOf(Request("vertex", "openai.chat.completions", "",
                                        R"({"model":"google/gemini-2.5-flash","messages":[],)"
                                        R"("max_tokens":50,"max_completion_tokens":70,"n":2})"));
  EXPECT_EQ(UnitCount(e, kUnitOutputTokens), 140);
  EXPECT_EQ(e.model_requested, "gemini-2.5-flash");  // Vertex's "google/" dropped, as on receipts
}

TEST(PreflightEstimateTest, OpenAiDataUrlImageCountsAtThePerImageRate) {
  const std::string image(8'000, 'B');
  const std::string body =
      R"({"model":"gemini-2.5-flash","messages":[{"role":"user","content":[{"type":"image_url",)"
      R"("image_url":{"url":"data:image/jpeg;base64,)" +
      image + R"("}}]}]})";
  const Estimate e = EstimateOf(Request("gemini", "openai.chat.completions", "", body));
  EXPECT_EQ(UnitCount(e, kUnitInputTokens),
            TokensFromBytes(body.size() - image.size()) + kImageTokens);
}

// --- Cloud TTS ---

TEST(PreflightEstimateTest, CloudTtsTextCharactersAreExactAndMatchTheReceipt) {
  const std::string body =
      ReadFixture("google-tts/audioslides-v1beta1-text-synthesize-wavenet.request.json");
  const CallRequest r = Request("google-tts", "synthesize", "", body);
  const Estimate e = EstimateOf(r);
  google_tts::SynthesisInput input;
  ASSERT_TRUE(google_tts::ReadSynthesisInput(R"({"text":"TEST"})", input));
  EXPECT_EQ(UnitCount(e, kUnitCharacters), input.characters);
  EXPECT_EQ(e.method, "request_characters");
  EXPECT_TRUE(e.exact);
  EXPECT_EQ(e.output_method, "");

  const Exchange receipt = ReceiptOf(r);
  EXPECT_EQ(e.units, receipt.units);
  EXPECT_EQ(e.model_requested, receipt.model_requested);
  const EstimatePrice price = PriceEstimate(Book(), "google-tts", e, kAt);
  ASSERT_TRUE(price.cost.has_value()) << price.unpriced_reason;
  EXPECT_EQ(price.cost, receipt.cost);
  EXPECT_EQ(price.price_key, receipt.price_key);
}

TEST(PreflightEstimateTest, CloudTtsSsmlCountsItsTagsAsTheReceiptDoes) {
  constexpr std::string_view kInput =
      R"({"ssml":"<speak>Hello <break time=\"1s\"/> wörld</speak>"})";
  const std::string body =
      R"({"input":)" + std::string(kInput) + R"(,"voice":{"name":"en-US-Neural2-C"}})";
  const CallRequest r = Request("google-tts", "synthesize", "", body);
  const Estimate e = EstimateOf(r);
  google_tts::SynthesisInput input;
  ASSERT_TRUE(google_tts::ReadSynthesisInput(kInput, input));
  EXPECT_EQ(UnitCount(e, kUnitCharacters), input.characters);
  EXPECT_TRUE(e.exact);
  const Exchange receipt = ReceiptOf(r);
  EXPECT_EQ(e.units, receipt.units);
  EXPECT_EQ(PriceEstimate(Book(), "google-tts", e, kAt).cost, receipt.cost);
}

TEST(PreflightEstimateTest, CloudTtsWithoutAVoiceNameIsNotExact) {
  const Estimate e =
      EstimateOf(Request("google-tts", "synthesize", "", R"({"input":{"text":"Hi"},"voice":{}})"));
  EXPECT_EQ(UnitCount(e, kUnitCharacters), 2);
  EXPECT_FALSE(e.exact);  // the service picks the voice, and so the rate
}

// --- ElevenLabs ---

TEST(PreflightEstimateTest, ElevenLabsCreditsAreCharactersTimesTheModelsFactor) {
  constexpr std::string_view kBody =
      R"({"text":"Hello from costgate.","model_id":"eleven_flash_v2_5"})";
  const CallRequest r = Request("elevenlabs", "text-to-speech.stream", "", kBody);
  const Estimate e = EstimateOf(r);
  elevenlabs::JsonRequestReader reader;
  reader.Feed(kBody);
  reader.Finish();
  ASSERT_TRUE(reader.request().characters.has_value());
  EXPECT_EQ(UnitCount(e, kUnitCharacters), *reader.request().characters);
  EXPECT_EQ(e.method, "request_characters");
  EXPECT_TRUE(e.exact);
  EXPECT_EQ(e.model_requested, "eleven_flash_v2_5");

  const EstimatePrice price = PriceEstimate(Book(), "elevenlabs", e, kAt);
  ASSERT_TRUE(price.cost.has_value()) << price.unpriced_reason;
  // 20 characters x 0.5 credit (Flash) = 10 credits, priced as the character-cost header's
  // credits would be.
  pricing::Units credits;
  credits.Set(kUnitCredits, *reader.request().characters / 2);
  const pricing::CallPrice billed = ReceiptPrice("elevenlabs", "eleven_flash_v2_5", credits);
  EXPECT_EQ(price.cost, billed.cost);
  EXPECT_EQ(price.cost->pico(), 1'000'000'000);  // 10 credits x $0.0001
  EXPECT_EQ(price.cost, ReceiptOf(r).cost);
}

TEST(PreflightEstimateTest, ElevenLabsWithoutModelIdUsesTheDocumentedDefault) {
  const Estimate e = EstimateOf(Request("elevenlabs", "text-to-speech", "", R"({"text":"Hello"})"));
  EXPECT_EQ(e.model_requested, "eleven_multilingual_v2");
  EXPECT_EQ(UnitCount(e, kUnitCharacters), 5);
}

// --- Bodies the meter cannot read ---

TEST(PreflightEstimateTest, AnUnreadableGenerationBodyIsEstimatedFromItsSize) {
  CallRequest r = Request("gemini", "generateContent", "gemini-2.5-flash", "");
  r.body_readable = false;  // say Content-Encoding: br
  r.body_bytes = 4'001;
  const Estimate e = EstimateOf(r);
  EXPECT_EQ(UnitCount(e, kUnitInputTokens), 1'001);
  EXPECT_EQ(UnitCount(e, kUnitOutputTokens), 512);
  EXPECT_EQ(e.method, "body_bytes");
  EXPECT_EQ(e.output_method, "default_output_tokens");
  EXPECT_FALSE(e.exact);
}

TEST(PreflightEstimateTest, AnUnreadableTtsBodyCountsItsBytesAsCharacters) {
  CallRequest r = Request("google-tts", "synthesize", "", "");
  r.body_readable = false;
  r.body_bytes = 300;
  const Estimate e = EstimateOf(r);
  EXPECT_EQ(UnitCount(e, kUnitCharacters), 300);
  EXPECT_EQ(e.method, "body_bytes");
  EXPECT_FALSE(e.exact);
}

TEST(PreflightEstimateTest, AnUnreadableElevenLabsBodyCountsItsBytesAsCharacters) {
  CallRequest r = Request("elevenlabs", "text-to-speech", "", "");
  r.body_readable = false;
  r.body_bytes = 120;
  const Estimate e = EstimateOf(r);
  EXPECT_EQ(UnitCount(e, kUnitCharacters), 120);
  EXPECT_EQ(e.method, "body_bytes");
  EXPECT_FALSE(e.exact);
}

// --- Errors and unpriced ---

TEST(PreflightEstimateTest, AMaxOutputTokensBeyondInt64IsAnErrorNeverZero) {
  const EstimateResult result = EstimateCall(
      Request("gemini", "generateContent", "gemini-2.5-flash",
              R"({"contents":[],"generationConfig":{"maxOutputTokens":18446744073709551615}})"),
      kDefaultOutput);
  EXPECT_FALSE(result.estimate.has_value());
  EXPECT_EQ(result.error, "estimate_overflow");
}

TEST(PreflightEstimateTest, AMaxOutputTokensBeyondUint64IsAnErrorToo) {
  const EstimateResult result =
      EstimateCall(Request("gemini", "generateContent", "gemini-2.5-flash",
                           R"({"generationConfig":{"maxOutputTokens":100000000000000000000000}})"),
                   kDefaultOutput);
  EXPECT_FALSE(result.estimate.has_value());
  EXPECT_EQ(result.error, "estimate_overflow");
}

TEST(PreflightEstimateTest, AHugeIntegerElsewhereIsNotAnOutputOverflow) {
  const std::string body =
      R"({"tools":[{"limit":100000000000000000000000}],"generationConfig":{"maxOutputTokens":9}})";
  const Estimate e = EstimateOf(Request("gemini", "generateContent", "gemini-2.5-flash", body));
  EXPECT_EQ(e.method, "body_bytes");  // unreadable as a whole: its size is what is left
  EXPECT_EQ(UnitCount(e, kUnitInputTokens), TokensFromBytes(body.size()));
  EXPECT_EQ(UnitCount(e, kUnitOutputTokens), 512);
}

TEST(PreflightEstimateTest, OutputTimesCandidatesThatOverflowsIsAnError) {
  const EstimateResult result =
      EstimateCall(Request("gemini", "generateContent", "gemini-2.5-flash",
                           R"({"generationConfig":{"maxOutputTokens":9223372036854775807,)"
                           R"("candidateCount":2}})"),
                   kDefaultOutput);
  EXPECT_FALSE(result.estimate.has_value());
  EXPECT_EQ(result.error, "estimate_overflow");
}

TEST(PreflightEstimateTest, ACapBoundsAnOutputLimitBeyondInt64) {
  const Estimate e =
      EstimateOf(Request("gemini", "generateContent", "gemini-2.5-flash",
                         R"({"generationConfig":{"maxOutputTokens":18446744073709551615}})"),
                 {.default_output_tokens = 512, .per_request_output_cap = 2'000});
  EXPECT_EQ(UnitCount(e, kUnitOutputTokens), 2'000);
  EXPECT_EQ(e.output_method, "per_request_output_cap");
}

TEST(PreflightEstimateTest, AnEstimateWhoseCostOverflowsIsUnpricedNeverZero) {
  const Estimate e =
      EstimateOf(Request("gemini", "generateContent", "gemini-2.5-flash",
                         R"({"generationConfig":{"maxOutputTokens":9223372036854775807}})"));
  const EstimatePrice price = PriceEstimate(Book(), "gemini", e, kAt);
  EXPECT_FALSE(price.cost.has_value());
  EXPECT_EQ(price.unpriced_reason, "overflow");
}

TEST(PreflightEstimateTest, AnUnknownModelIsUnpricedWithItsReason) {
  const Estimate e = EstimateOf(Request("gemini", "generateContent", "gemini-9-nonexistent",
                                        R"({"contents":[{"parts":[{"text":"hi"}]}]})"));
  const EstimatePrice price = PriceEstimate(Book(), "gemini", e, kAt);
  EXPECT_FALSE(price.cost.has_value());
  EXPECT_EQ(price.unpriced_reason, "unknown_model");
  EXPECT_EQ(price.price_key, "");
}

TEST(PreflightEstimateTest, AResponseBilledOperationIsNotEstimable) {
  CallRequest r = Request("elevenlabs", "speech-to-text", "", "--x\r\n");
  r.content_type = "multipart/form-data; boundary=x";
  const Estimate e = EstimateOf(r);
  EXPECT_TRUE(e.units.empty());
  EXPECT_EQ(e.method, "not_estimable");
  EXPECT_EQ(PriceEstimate(Book(), "elevenlabs", e, kAt).unpriced_reason, "no_usage");
}

}  // namespace
}  // namespace costgate::filters::preflight
