#include "filters/elevenlabs/transcription_meter.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/support/gzip_parts.h"
#include "tests/unit/filters/elevenlabs/meter_test_support.h"

namespace costgate::filters::elevenlabs {
namespace {

using testing::Fixture;
using testing::FormEnd;
using testing::FormField;
using testing::FormFile;
using testing::Head;
using testing::MeteredCall;
using testing::MultipartType;
using testing::RunMeter;

// The Python SDK's form: model_id first, then the file ([ELPY] speech_to_text/raw_client.py).
const std::string kUpload = FormField("model_id", "scribe_v1") +
                            FormFile("file", std::string(20000, '\x42')) +
                            FormField("diarize", "true") + FormEnd();

MeteredUsage Transcribe(std::string_view response_body, int status = 200,
                        std::string_view request_body = kUpload) {
  Exchange x = MeteredCall("speech-to-text", MultipartType());
  return RunMeter(x, testing::Call()
                         .RequestBody(request_body)
                         .Answer(Head(status, "application/json"))
                         .ResponseBody(response_body)
                         .Piece(777));
}

TEST(ElevenLabsTranscriptionMeterTest, ReportedDurationIsAudioMilliseconds) {
  const MeteredUsage usage =
      Transcribe(Fixture("vercelai-stt-scribe-response-live-with-duration.json"));
  EXPECT_EQ(usage.units.Get(kUnitAudioMs), 2508);  // 2.50775 s
  EXPECT_TRUE(usage.reported);
  EXPECT_FALSE(usage.estimated);
  EXPECT_EQ(usage.model_requested, "scribe_v1");
}

TEST(ElevenLabsTranscriptionMeterTest, NotDiarizedAnswerReportsTheSameDuration) {
  const MeteredUsage usage = Transcribe(Fixture("vercelai-stt-scribe-response-not-diarized.json"));
  EXPECT_EQ(usage.units.Get(kUnitAudioMs), 2508);
  EXPECT_TRUE(usage.reported);
}

TEST(ElevenLabsTranscriptionMeterTest, WithoutDurationTheLastWordEndIsEstimated) {
  const MeteredUsage usage = Transcribe(Fixture("vercelai-stt-scribe-response-no-duration.json"));
  EXPECT_EQ(usage.units.Get(kUnitAudioMs), 2479);
  EXPECT_FALSE(usage.reported);
  EXPECT_TRUE(usage.estimated);
}

TEST(ElevenLabsTranscriptionMeterTest, SilenceWithoutDurationHasNoUnits) {
  const MeteredUsage usage = Transcribe(Fixture("vercelai-stt-scribe-response-silent.json"));
  EXPECT_TRUE(usage.units.empty());
  EXPECT_FALSE(usage.reported);
  EXPECT_EQ(usage.model_requested, "scribe_v1");
}

TEST(ElevenLabsTranscriptionMeterTest, ModelIdAfterTheFileIsFound) {
  const std::string upload =
      FormFile("file", std::string(5000, '\r')) + FormField("model_id", "scribe_v2") + FormEnd();
  EXPECT_EQ(
      Transcribe(Fixture("vercelai-stt-scribe-response-silent.json"), 200, upload).model_requested,
      "scribe_v2");
}

TEST(ElevenLabsTranscriptionMeterTest, GzipAnswerIsDecoded) {
  Exchange x = MeteredCall("speech-to-text", MultipartType());
  ResponseHead head = Head(200, "application/json");
  head.headers.Add("Content-Encoding", "gzip");
  const std::string body =
      test_support::Gzip(Fixture("vercelai-stt-scribe-response-live-with-duration.json"));
  const MeteredUsage usage =
      RunMeter(x, testing::Call().RequestBody(kUpload).Answer(head).ResponseBody(body).Piece(64));
  EXPECT_EQ(usage.units.Get(kUnitAudioMs), 2508);
  EXPECT_EQ(usage.malformed, 0u);
}

TEST(ElevenLabsTranscriptionMeterTest, UndecodableAnswerIsOneMalformedUnit) {
  Exchange x = MeteredCall("speech-to-text", MultipartType());
  ResponseHead head = Head(200, "application/json");
  head.headers.Add("Content-Encoding", "br");
  const MeteredUsage usage =
      RunMeter(x, testing::Call().RequestBody(kUpload).Answer(head).ResponseBody("\x1b\x2c"));
  EXPECT_TRUE(usage.units.empty());
  EXPECT_EQ(usage.malformed, 1u);
}

TEST(ElevenLabsTranscriptionMeterTest, WebhookModeAcceptedAnswerHasNoUnits) {
  const MeteredUsage usage = Transcribe(
      R"({"message":"Request accepted","request_id":"r1","transcription_id":"t1"})", 202);
  EXPECT_TRUE(usage.units.empty());
  EXPECT_FALSE(usage.estimated);
}

TEST(ElevenLabsTranscriptionMeterTest, ErrorAnswerHasNoUnits) {
  const MeteredUsage usage = Transcribe(
      R"({"detail":[{"loc":["body","model_id"],"msg":"field required","type":"missing"}]})", 422);
  EXPECT_TRUE(usage.units.empty());
  EXPECT_FALSE(usage.reported);
}

TEST(ElevenLabsTranscriptionMeterTest, SecondsRoundToTheNearestMillisecond) {
  EXPECT_EQ(MillisecondsFromSeconds(2.50775), 2508);
  EXPECT_EQ(MillisecondsFromSeconds(0.0004), 0);
  EXPECT_EQ(MillisecondsFromSeconds(3600), 3'600'000);
  EXPECT_EQ(MillisecondsFromSeconds(-1), 0);
}

}  // namespace
}  // namespace costgate::filters::elevenlabs
