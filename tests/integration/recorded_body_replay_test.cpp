// Recorded answers that are not whole recorded exchanges, replayed through the proxy by the mock
// upstream: ElevenLabs speech-to-text bodies (tests/fixtures/elevenlabs, no recorded request)
// and js-genai's error-on-a-stream recording (body kept only as parsed JSON). Costs in pico-USD
// (1 USD = 1e12) from the bundled price book, computed by hand as noted per case.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <optional>

#include "tests/integration/integration_fixture_helpers.h"

namespace costgate::integration {
namespace {

using UnitMap = std::map<std::string, int64_t>;

// Recorded ElevenLabs speech-to-text answers (tests/fixtures/elevenlabs: bodies only, no recorded
// request) served by the mock for a multipart request, as the SDK sends it. Billed by
// audio_duration_secs (ms, rounded), else the last word's end, estimated. Cost: scribe_v1
// input_cost_per_second "0.0000611111111111" = 61'111'111 pico-USD per second (the book keeps
// whole pico), x ms / 1000; the fractions left (.388, .169) round down either way.
struct TranscriptCase {
  std::string_view body_file;  // under tests/fixtures/elevenlabs
  UnitMap units;
  bool estimated = false;
  std::optional<int64_t> cost_pico;
};

void PrintTo(const TranscriptCase& c, std::ostream* out) { *out << c.body_file; }

std::string TranscriptCaseName(const ::testing::TestParamInfo<TranscriptCase>& info) {
  std::string name;
  for (char c : info.param.body_file.substr(0, info.param.body_file.find('.'))) {
    name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  }
  return name;
}

const TranscriptCase kTranscriptCases[] = {
    // audio_duration_secs 2.50775: 2508 ms x 61'111'111 / 1000
    {"vercelai-stt-scribe-response-live-with-duration.json",
     {{"audio_ms", 2508}},
     false,
     153'266'666},
    {"vercelai-stt-scribe-response-not-diarized.json", {{"audio_ms", 2508}}, false, 153'266'666},
    // No audio_duration_secs: the last word ends at 2.479 s; 2479 ms x 61'111'111 / 1000
    {"vercelai-stt-scribe-response-no-duration.json", {{"audio_ms", 2479}}, true, 151'494'444},
};

class TranscriptReplayTest : public SharedDaemonTest,
                             public ::testing::WithParamInterface<TranscriptCase> {};

TEST_P(TranscriptReplayTest, ClientGetsTheRecordedTranscriptAndTheReceiptTheAudioDuration) {
  const TranscriptCase& expected = GetParam();
  const std::string recorded = ReadFileOrEmpty(std::filesystem::path(COSTGATE_FIXTURES_DIR) /
                                               "elevenlabs" / expected.body_file);
  ASSERT_FALSE(recorded.empty()) << expected.body_file;
  const std::string marker = UniqueToken("stt");
  const std::string boundary = "costgate-replay-boundary";
  HttpRequest request;
  request.method = "POST";
  request.url = daemon().Url("/v1/speech-to-text");
  request.headers = {"Content-Type: multipart/form-data; boundary=" + boundary,
                     "xi-api-key: replay-key",
                     "x-mock-body: elevenlabs/" + std::string(expected.body_file),
                     std::string(kMarkerHeader) + ": " + marker, "x-costgate-job: " + marker};
  request.body = "--" + boundary +
                 "\r\nContent-Disposition: form-data; name=\"model_id\"\r\n\r\nscribe_v1\r\n--" +
                 boundary +
                 "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.mp3\"\r\n"
                 "Content-Type: audio/mpeg\r\n\r\n\xff\xfb\x90\x64\r\n--" +
                 boundary + "--\r\n";
  const HttpResponse response = Http(request);
  ASSERT_EQ(response.curl_code, CURLE_OK) << response.curl_error;
  EXPECT_EQ(response.status, 200) << response.body.substr(0, 300);
  EXPECT_TRUE(SameBytes(response.body, recorded));

  const auto rows = daemon().receipts().WaitForRows("job", marker, 1, kWait);
  ASSERT_EQ(rows.size(), 1u);
  const ReceiptRow& receipt = rows[0];
  EXPECT_EQ(receipt.Text("provider"), "elevenlabs");
  EXPECT_EQ(receipt.Text("operation"), "speech-to-text");
  EXPECT_EQ(receipt.Text("model_requested"), "scribe_v1");  // from the form, not the URL
  EXPECT_EQ(receipt.Text("model_version"), "");
  EXPECT_EQ(receipt.Text("price_key"), "elevenlabs/scribe_v1");
  EXPECT_EQ(receipt.Text("outcome"), "success");
  EXPECT_EQ(JsonIntObject(receipt.Text("units_json")), expected.units)
      << receipt.Text("units_json");
  EXPECT_EQ(receipt.Int("estimated"), expected.estimated ? 1 : 0);
  if (expected.cost_pico) {
    EXPECT_EQ(receipt.Int("cost_pico_usd"), *expected.cost_pico)
        << receipt.Text("price_key") << " " << receipt.Text("unpriced_reason");
  }
}

INSTANTIATE_TEST_SUITE_P(RecordedTranscripts, TranscriptReplayTest,
                         ::testing::ValuesIn(kTranscriptCases), TranscriptCaseName);

// js-genai's recording of an error on a streaming URL (PROVIDERS.md A4, trap 6): 404 with
// Content-Type text/event-stream and one plain JSON error object, no `data:` framing. The
// recording keeps the body only as parsed JSON, so the mock re-serializes it: the test reads the
// body as JSON rather than comparing bytes.
using StreamErrorReplayTest = SharedDaemonTest;

TEST_F(StreamErrorReplayTest, ErrorOnAStreamUrlReachesTheClientAndBillsNothing) {
  const std::string marker = UniqueToken("stream-error");
  HttpRequest request;
  request.method = "POST";
  request.url =
      daemon().Url("/v1beta/models/custom-gemini-2.0-flash:streamGenerateContent?alt=sse");
  request.headers = {
      "Content-Type: application/json",
      "x-mock-fixture: jsgenai-rec-Chats_Tests_sendMessage_Send_message_stream_with_error",
      std::string(kMarkerHeader) + ": " + marker, "x-costgate-job: " + marker};
  request.body = R"({"contents":[{"parts":[{"text":"why is the sky blue?"}],"role":"user"}]})";
  const HttpResponse response = Http(request);
  ASSERT_EQ(response.curl_code, CURLE_OK) << response.curl_error;
  EXPECT_EQ(response.status, 404) << response.body.substr(0, 300);
  EXPECT_EQ(response.Header("Content-Type").value_or(""), "text/event-stream");
  EXPECT_EQ(JsonInt(response.body, "/error/code"), 404) << response.body.substr(0, 300);
  EXPECT_EQ(JsonString(response.body, "/error/status"), "NOT_FOUND");

  const auto rows = daemon().receipts().WaitForRows("job", marker, 1, kWait);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].Text("provider"), "gemini");
  EXPECT_EQ(rows[0].Text("operation"), "streamGenerateContent");
  EXPECT_EQ(rows[0].Int("http_status"), 404);
  EXPECT_NE(rows[0].Text("outcome"), "success");
  EXPECT_EQ(rows[0].Text("units_json"), "{}");
  EXPECT_EQ(rows[0].Int("estimated"), 0);
  EXPECT_EQ(rows[0].Int("cost_pico_usd"), 0) << rows[0].Text("unpriced_reason");
}

}  // namespace
}  // namespace costgate::integration
