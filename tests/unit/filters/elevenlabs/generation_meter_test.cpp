#include "filters/elevenlabs/generation_meter.h"

#include <gtest/gtest.h>

#include <string>

#include "filters/elevenlabs/call_meter.h"
#include "tests/unit/filters/elevenlabs/meter_test_support.h"

namespace costgate::filters::elevenlabs {
namespace {

using testing::Call;
using testing::Head;
using testing::MeteredCall;
using testing::RecordedTtsHead;
using testing::RunMeter;

constexpr std::string_view kSpeech =
    R"({"text":"Hello from costgate.","model_id":"eleven_turbo_v2_5"})";  // 20 characters

ResponseHead HeadWith(int status, std::string_view name, std::string value) {
  ResponseHead head = Head(status);
  head.headers.Add(std::string(name), std::move(value));
  return head;
}

TEST(ElevenLabsGenerationMeterTest, RecordedCharacterCostIsReportedCredits) {
  Exchange x = MeteredCall("text-to-speech");
  const MeteredUsage usage = RunMeter(
      x, testing::Call().RequestBody(R"({"text":"A long chapter..."})").Answer(RecordedTtsHead()));
  EXPECT_EQ(usage.units.Get(kUnitCredits), 5378);
  EXPECT_EQ(usage.units.Get(kUnitCharacters), std::nullopt);
  EXPECT_TRUE(usage.reported);
  EXPECT_FALSE(usage.estimated);
  EXPECT_EQ(usage.model_requested, kDefaultSpeechModel);
}

TEST(ElevenLabsGenerationMeterTest, ModelIsTheRequestsModelId) {
  Exchange x = MeteredCall("text-to-speech.stream");
  const MeteredUsage usage =
      RunMeter(x, testing::Call().RequestBody(kSpeech).Answer(RecordedTtsHead()));
  EXPECT_EQ(usage.model_requested, "eleven_turbo_v2_5");
}

TEST(ElevenLabsGenerationMeterTest, CancelledStreamKeepsItsHeadersCost) {
  Exchange x = MeteredCall("text-to-speech.stream");
  const MeteredUsage usage = RunMeter(x, testing::Call()
                                             .RequestBody(kSpeech)
                                             .Answer(HeadWith(200, "character-cost", "10"))
                                             .ResponseBody("ID3\x04 partial mp3")
                                             .Ending(Outcome::kCancelled));
  EXPECT_EQ(usage.units.Get(kUnitCredits), 10);
  EXPECT_TRUE(usage.reported);
}

TEST(ElevenLabsGenerationMeterTest, XCharacterCountIsReportedCharactersWithAnEstimatedBill) {
  Exchange x = MeteredCall("text-to-speech");
  const MeteredUsage usage = RunMeter(
      x, testing::Call().RequestBody(kSpeech).Answer(HeadWith(200, "x-character-count", "20")));
  EXPECT_EQ(usage.units.Get(kUnitCharacters), 20);
  EXPECT_EQ(usage.units.Get(kUnitCredits), std::nullopt);
  EXPECT_TRUE(usage.reported);
  EXPECT_TRUE(usage.estimated);  // characters x the model's credit factor is not the bill
}

TEST(ElevenLabsGenerationMeterTest, CharacterCostWinsOverXCharacterCount) {
  Exchange x = MeteredCall("text-to-speech");
  ResponseHead head = HeadWith(200, "x-character-count", "20");
  head.headers.Add("character-cost", "10");
  const MeteredUsage usage = RunMeter(x, testing::Call().RequestBody(kSpeech).Answer(head));
  EXPECT_EQ(usage.units.Get(kUnitCredits), 10);
  EXPECT_EQ(usage.units.Get(kUnitCharacters), std::nullopt);
}

TEST(ElevenLabsGenerationMeterTest, WithoutCostHeadersTextCharactersAreEstimated) {
  Exchange x = MeteredCall("text-to-speech.with-timestamps");
  const MeteredUsage usage =
      RunMeter(x, testing::Call()
                      .RequestBody(kSpeech)
                      .Answer(Head(200, "application/json"))
                      .ResponseBody(R"({"audio_base64":"SUQz","alignment":null})"));
  EXPECT_EQ(usage.units.Get(kUnitCharacters), 20);
  EXPECT_FALSE(usage.reported);
  EXPECT_TRUE(usage.estimated);
}

TEST(ElevenLabsGenerationMeterTest, EstimateIsTheSameForEveryRequestSplit) {
  for (size_t piece = 1; piece <= kSpeech.size(); ++piece) {
    Exchange x = MeteredCall("text-to-speech.stream.with-timestamps");
    const MeteredUsage usage =
        RunMeter(x, testing::Call().RequestBody(kSpeech).Answer(Head(200)).Piece(piece));
    EXPECT_EQ(usage.units.Get(kUnitCharacters), 20) << piece;
    EXPECT_EQ(usage.model_requested, "eleven_turbo_v2_5") << piece;
  }
}

TEST(ElevenLabsGenerationMeterTest, DialogueEstimatesEveryInputAndDefaultsToV3) {
  Exchange x = MeteredCall("text-to-dialogue.stream");
  const MeteredUsage usage = RunMeter(
      x, testing::Call()
             .RequestBody(
                 R"({"inputs":[{"text":"Hi!","voice_id":"a"},{"text":"Hey.","voice_id":"b"}]})")
             .Answer(Head(200)));
  EXPECT_EQ(usage.units.Get(kUnitCharacters), 7);
  EXPECT_TRUE(usage.estimated);
  EXPECT_EQ(usage.model_requested, kDefaultDialogueModel);
}

TEST(ElevenLabsGenerationMeterTest, ErrorAnswersCarryNoUnits) {
  for (const int status : {400, 401, 422, 429, 500}) {
    Exchange x = MeteredCall("text-to-speech");
    const MeteredUsage usage =
        RunMeter(x, testing::Call()
                        .RequestBody(kSpeech)
                        .Answer(HeadWith(status, "character-cost", "20"))
                        .ResponseBody(R"({"detail":{"status":"quota_exceeded","message":"..."}})")
                        .Ending(Outcome::kUpstreamError));
    EXPECT_TRUE(usage.units.empty()) << status;
    EXPECT_FALSE(usage.reported) << status;
    EXPECT_FALSE(usage.estimated) << status;
  }
}

TEST(ElevenLabsGenerationMeterTest, CutOffBeforeAnyAnswerIsEstimated) {
  Exchange x = MeteredCall("text-to-speech");
  const MeteredUsage usage =
      RunMeter(x, testing::Call().RequestBody(kSpeech).Ending(Outcome::kCancelled));
  EXPECT_EQ(usage.units.Get(kUnitCharacters), 20);
  EXPECT_TRUE(usage.estimated);
}

TEST(ElevenLabsGenerationMeterTest, UpstreamFailureBeforeAnyAnswerHasNoUnits) {
  Exchange x = MeteredCall("text-to-speech");
  const MeteredUsage usage =
      RunMeter(x, testing::Call().RequestBody(kSpeech).Ending(Outcome::kUpstreamError));
  EXPECT_TRUE(usage.units.empty());
}

TEST(ElevenLabsGenerationMeterTest, SoundGenerationReadsItsDocumentedHeader) {
  Exchange x = MeteredCall("sound-generation");
  const MeteredUsage usage =
      RunMeter(x, testing::Call()
                      .RequestBody(R"({"text":"door creaks","duration_seconds":4})")
                      .Answer(HeadWith(200, "character-cost", "80")));
  EXPECT_EQ(usage.units.Get(kUnitCredits), 80);
  EXPECT_TRUE(usage.reported);
  EXPECT_EQ(usage.model_requested, "");
}

TEST(ElevenLabsGenerationMeterTest, SoundGenerationEstimatesTwentyCreditsPerSecond) {
  Exchange x = MeteredCall("sound-generation");
  const MeteredUsage usage = RunMeter(
      x, testing::Call()
             .RequestBody(R"({"text":"door creaks","duration_seconds":2.5,"prompt_influence":0.3})")
             .Answer(Head(200)));
  EXPECT_EQ(usage.units.Get(kUnitCredits), 50);
  EXPECT_TRUE(usage.estimated);
  EXPECT_FALSE(usage.reported);
}

TEST(ElevenLabsGenerationMeterTest, SoundGenerationWithoutDurationEstimatesAHundredCredits) {
  Exchange x = MeteredCall("sound-generation");
  const MeteredUsage usage =
      RunMeter(x, testing::Call()
                      .RequestBody(R"({"text":"door creaks","duration_seconds":null})")
                      .Answer(Head(200)));
  EXPECT_EQ(usage.units.Get(kUnitCredits), 100);
  EXPECT_TRUE(usage.estimated);
}

TEST(ElevenLabsGenerationMeterTest, SoundCreditsRoundToTheNearestCredit) {
  EXPECT_EQ(EstimatedSoundCredits(0.5), 10);
  EXPECT_EQ(EstimatedSoundCredits(1.23), 25);  // 24.6
  EXPECT_EQ(EstimatedSoundCredits(30), 600);
  EXPECT_EQ(EstimatedSoundCredits(std::nullopt), 100);
  EXPECT_EQ(EstimatedSoundCredits(-1), 100);
}

TEST(ElevenLabsGenerationMeterTest, SpeechToSpeechReadsTheHeaderAndTheMultipartModel) {
  Exchange x = MeteredCall("speech-to-speech.stream", testing::MultipartType());
  const std::string body = testing::FormFile("audio", std::string(10000, '\x7f')) +
                           testing::FormField("model_id", "eleven_multilingual_sts_v2") +
                           testing::FormEnd();
  const MeteredUsage usage = RunMeter(x, testing::Call()
                                             .RequestBody(body)
                                             .Answer(HeadWith(200, "character-cost", "1200"))
                                             .Piece(1000));
  EXPECT_EQ(usage.units.Get(kUnitCredits), 1200);
  EXPECT_TRUE(usage.reported);
  EXPECT_EQ(usage.model_requested, "eleven_multilingual_sts_v2");
}

TEST(ElevenLabsGenerationMeterTest, SpeechToSpeechWithoutTheHeaderHasNoUnits) {
  Exchange x = MeteredCall("speech-to-speech", testing::MultipartType());
  const std::string body = testing::FormFile("audio", "RIFF....WAVE") + testing::FormEnd();
  const MeteredUsage usage = RunMeter(x, testing::Call().RequestBody(body).Answer(Head(200)));
  EXPECT_TRUE(usage.units.empty());
  EXPECT_FALSE(usage.estimated);
  EXPECT_EQ(usage.model_requested, kDefaultVoiceChangerModel);
}

TEST(ElevenLabsGenerationMeterTest, OnlyMeteredOperationsGetAMeter) {
  EXPECT_EQ(CreateCallMeter(MeteredCall("models.get")), nullptr);
  EXPECT_EQ(CreateCallMeter(MeteredCall("text-to-speech.stream-input")), nullptr);
  EXPECT_NE(CreateCallMeter(MeteredCall("text-to-speech.stream.with-timestamps")), nullptr);
  EXPECT_NE(CreateCallMeter(MeteredCall("speech-to-text")), nullptr);
}

}  // namespace
}  // namespace costgate::filters::elevenlabs
