// ElevenLabs calls metered and priced end to end with the bundled price book (meter filter, then
// price filter, as the chain runs them).
#include <gtest/gtest.h>

#include <string>

#include "filters/meter/meter_filter.h"
#include "filters/price/price_filter.h"
#include "tests/unit/filters/bundled_prices_helpers.h"
#include "tests/unit/filters/elevenlabs/meter_test_support.h"

namespace costgate::filters::elevenlabs {
namespace {

constexpr int64_t kStart = 1'790'000'000'000;  // 2026-09-21

// Meters and prices x: request body, head (when given), response body, completion.
void MeterAndPrice(Exchange& x, std::string_view request_body, std::optional<ResponseHead> head,
                   std::string_view response_body = {}) {
  FilterStats stats;
  x.start_unix_ms = kStart;
  MeterFilter meter(stats);
  meter.OnRequestBody(x, request_body);
  x.request_bytes = request_body.size();
  if (head.has_value()) {
    x.response = std::move(head);
    meter.OnResponseHead(x);
    meter.OnResponseBody(x, response_body);
  }
  meter.OnComplete(x);
  PriceFilter(BundledPrices(), stats).OnComplete(x);
}

TEST(ElevenLabsPricedCallTest, CharacterCostIsPricedAtThePayAsYouGoCreditRate) {
  Exchange x = testing::MeteredCall("text-to-speech");
  MeterAndPrice(x, R"({"text":"A long chapter..."})", testing::RecordedTtsHead());
  // 5378 credits x $0.0001 = $0.5378
  ASSERT_TRUE(x.cost.has_value()) << x.unpriced_reason;
  EXPECT_EQ(x.cost->pico(), 537'800'000'000);
  EXPECT_EQ(x.price_key, "elevenlabs/eleven_multilingual_v2");
  EXPECT_TRUE(x.usage_reported);
  EXPECT_FALSE(x.estimated);
}

TEST(ElevenLabsPricedCallTest, EstimatedFlashCharactersArePricedAsHalfCredits) {
  Exchange x = testing::MeteredCall("text-to-speech.stream");
  MeterAndPrice(x, R"({"text":"Hello from costgate.","model_id":"eleven_flash_v2_5"})",
                testing::Head(200));
  // 20 characters x 0.5 credit x $0.0001 = $0.001
  ASSERT_TRUE(x.cost.has_value()) << x.unpriced_reason;
  EXPECT_EQ(x.cost->pico(), 1'000'000'000);
  EXPECT_EQ(x.price_key, "elevenlabs/eleven_flash_v2_5");
  EXPECT_TRUE(x.estimated);
}

TEST(ElevenLabsPricedCallTest, TranscriptionIsPricedPerSecondOfReportedAudio) {
  Exchange x = testing::MeteredCall("speech-to-text", testing::MultipartType());
  MeterAndPrice(x,
                testing::FormField("model_id", "scribe_v1") + testing::FormFile("file", "RIFF") +
                    testing::FormEnd(),
                testing::Head(200, "application/json"),
                ReadFixture("elevenlabs/vercelai-stt-scribe-response-live-with-duration.json"));
  // 2508 ms x 61,111,111 pico-USD/s / 1000 = 153,266,666.4 -> 153,266,666 pico-USD
  ASSERT_TRUE(x.cost.has_value()) << x.unpriced_reason;
  EXPECT_EQ(x.cost->pico(), 153'266'666);
  EXPECT_EQ(x.price_key, "elevenlabs/scribe_v1");
}

TEST(ElevenLabsPricedCallTest, ErrorAnswerCostsNothing) {
  Exchange x = testing::MeteredCall("text-to-speech");
  x.outcome = Outcome::kUpstreamError;
  MeterAndPrice(x, R"({"text":"hi"})", testing::Head(401, "application/json"),
                R"({"detail":{"status":"invalid_api_key","message":"Invalid API key"}})");
  ASSERT_TRUE(x.cost.has_value());
  EXPECT_EQ(x.cost->pico(), 0);
  EXPECT_TRUE(x.units.empty());
}

TEST(ElevenLabsPricedCallTest, SoundCreditsWithoutAModelRowPriceAtThePlanRate) {
  Exchange x = testing::MeteredCall("sound-generation");
  MeterAndPrice(x, R"({"text":"door creaks"})", testing::Head(200));
  EXPECT_EQ(x.units.Get(kUnitCredits), 100);
  ASSERT_TRUE(x.cost.has_value()) << x.unpriced_reason;
  EXPECT_EQ(x.cost->pico(), 10'000'000'000);  // 100 credits x $0.0001 (pay_as_you_go)
  EXPECT_EQ(x.price_key, "elevenlabs/plan/pay_as_you_go");
}

TEST(ElevenLabsPricedCallTest, VoiceChangerCharacterCostPricesAtThePlanRate) {
  // No catalogue row for the speech-to-speech models: the header's credits are the bill.
  Exchange x = testing::MeteredCall("speech-to-speech");
  ResponseHead head = testing::Head(200);
  head.headers.Add("character-cost", "340");
  MeterAndPrice(x, {}, head);
  ASSERT_TRUE(x.cost.has_value()) << x.unpriced_reason;
  EXPECT_EQ(x.cost->pico(), 34'000'000'000);  // 340 credits x $0.0001
}

}  // namespace
}  // namespace costgate::filters::elevenlabs
