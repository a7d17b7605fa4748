// A request body sent with Content-Encoding: gzip reaches the upstream byte for byte as the
// client sent it, while the receipt counts what the decoded request asks for (the meter reads a
// gunzipped copy). Costs in pico-USD (1 USD = 1e12) from the bundled price book.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "base/gzip_encoder.h"
#include "tests/integration/integration_fixture_helpers.h"

namespace costgate::integration {
namespace {

using UnitMap = std::map<std::string, int64_t>;
using GzipRequestTest = SharedDaemonTest;

// A text-to-speech request answered 200 JSON without character-cost or x-character-count (the
// mock's x-mock-body reply): the credits are estimated from the text, 23 characters of it, at
// one credit a character on eleven_multilingual_v2, $0.0001 a credit (elevenlabs/plan/
// pay_as_you_go): 23 x 100'000'000 pico.
TEST_F(GzipRequestTest, SpeechTextIsCountedFromTheDecodedBodyAndForwardedCoded) {
  const auto coded =
      base::Gzip(R"({"text":"Hello from a gzip body.","model_id":"eleven_multilingual_v2"})");
  ASSERT_TRUE(coded.has_value());
  const std::string marker = UniqueToken("gzip-tts");
  HttpRequest request;
  request.method = "POST";
  request.url = daemon().Url("/v1/text-to-speech/JBFqnCBsd6RMkjVDRZzb");
  request.headers = {"Content-Type: application/json",
                     "Content-Encoding: gzip",
                     "xi-api-key: gzip-key",
                     "x-mock-body: elevenlabs/vercelai-stt-scribe-response-silent.json",
                     std::string(kMarkerHeader) + ": " + marker,
                     "x-costgate-job: " + marker};
  request.body = *coded;
  const HttpResponse response = Http(request);
  ASSERT_EQ(response.curl_code, CURLE_OK) << response.curl_error;
  EXPECT_EQ(response.status, 200) << response.body.substr(0, 300);

  const auto seen = mock().RequestsWith(kMarkerHeader, marker);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].Header("Content-Encoding").value_or(""), "gzip");
  EXPECT_EQ(seen[0].body_len, coded->size());
  EXPECT_EQ(seen[0].body_sha256, Sha256Hex(*coded));

  const auto rows = daemon().receipts().WaitForRows("job", marker, 1, kWait);
  ASSERT_EQ(rows.size(), 1u);
  const ReceiptRow& receipt = rows[0];
  EXPECT_EQ(receipt.Text("provider"), "elevenlabs");
  EXPECT_EQ(receipt.Text("operation"), "text-to-speech");
  EXPECT_EQ(receipt.Text("model_requested"), "eleven_multilingual_v2");
  EXPECT_EQ(JsonIntObject(receipt.Text("units_json")), UnitMap({{"characters", 23}}))
      << receipt.Text("units_json");
  EXPECT_EQ(receipt.Int("estimated"), 1);
  EXPECT_EQ(receipt.Int("cost_pico_usd"), 2'300'000'000) << receipt.Text("unpriced_reason");
  EXPECT_EQ(receipt.Int("request_bytes"), static_cast<int64_t>(coded->size()));
}

// Cloud TTS bills the characters of the request: "Hello there" = 11 characters, voice
// en-US-Wavenet-D (google-tts/wavenet, $4 per million characters): 11 x 4'000'000 pico. The
// coded body is uploaded chunked, so it is transfer-decoded and then content-decoded.
TEST_F(GzipRequestTest, SynthesisCharactersAreCountedFromAChunkedGzipUpload) {
  const auto coded =
      base::Gzip(R"({"input":{"text":"Hello there"},"voice":{"languageCode":"en-US",)"
                 R"("name":"en-US-Wavenet-D"},"audioConfig":{"audioEncoding":"MP3"}})");
  ASSERT_TRUE(coded.has_value());
  const std::string marker = UniqueToken("gzip-synth");
  HttpRequest request;
  request.method = "POST";
  request.url = daemon().Url("/v1/text:synthesize");
  request.headers = {"Content-Type: application/json", "Content-Encoding: gzip",
                     "x-goog-api-key: gzip-key", std::string(kMarkerHeader) + ": " + marker,
                     "x-costgate-job: " + marker};
  request.body = *coded;
  request.chunked_upload = true;
  const HttpResponse response = Http(request);
  ASSERT_EQ(response.curl_code, CURLE_OK) << response.curl_error;
  EXPECT_EQ(response.status, 200) << response.body.substr(0, 300);

  const auto seen = mock().RequestsWith(kMarkerHeader, marker);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].body_sha256, Sha256Hex(*coded));

  const auto rows = daemon().receipts().WaitForRows("job", marker, 1, kWait);
  ASSERT_EQ(rows.size(), 1u);
  const ReceiptRow& receipt = rows[0];
  EXPECT_EQ(receipt.Text("provider"), "google-tts");
  EXPECT_EQ(receipt.Text("operation"), "synthesize");
  EXPECT_EQ(JsonIntObject(receipt.Text("units_json")), UnitMap({{"characters", 11}}))
      << receipt.Text("units_json");
  EXPECT_EQ(receipt.Int("estimated"), 0);
  EXPECT_EQ(receipt.Int("cost_pico_usd"), 44'000'000) << receipt.Text("unpriced_reason");
}

}  // namespace
}  // namespace costgate::integration
