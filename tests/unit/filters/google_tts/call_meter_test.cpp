// What a Cloud TTS synthesis is billed by, read from its request (PROVIDERS.md C2, C3).
#include "filters/google_tts/call_meter.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/unit/filters/google_tts/meter_test_support.h"

namespace costgate::filters::google_tts {
namespace {

using testing::MeterPieces;
using testing::MeterRequest;
using testing::SynthesisCall;

TEST(GoogleTtsMeter, TextCountsItsCharactersOnTheNamedVoiceType) {
  const MeteredUsage usage = MeterRequest(
      R"({"input":{"text":"Hello, world"},"voice":{"languageCode":"en-US","name":"en-US-Wavenet-A"},)"
      R"("audioConfig":{"audioEncoding":"MP3"}})");
  EXPECT_EQ(usage.units.ToJson(), R"({"characters":12})");
  EXPECT_EQ(usage.model_requested, "wavenet");
  EXPECT_TRUE(usage.reported);
  EXPECT_FALSE(usage.estimated);
  EXPECT_EQ(usage.malformed, 0u);
}

TEST(GoogleTtsMeter, SsmlCountsItsTagsToo) {
  // <speak>Hi <break time="1s"/> there</speak>: 42 characters, 36 of them markup or spaces.
  const MeteredUsage usage =
      MeterRequest(R"({"input":{"ssml":"<speak>Hi <break time=\"1s\"/> there</speak>"},)"
                   R"("voice":{"languageCode":"en-US","name":"en-US-Standard-B"}})");
  EXPECT_EQ(usage.units.Get(kUnitCharacters), 42);
  EXPECT_EQ(usage.model_requested, "standard");
}

TEST(GoogleTtsMeter, MarkupCountsItsPauseTags) {
  const MeteredUsage usage =
      MeterRequest(R"({"input":{"markup":"Hello [pause] world"},)"
                   R"("voice":{"languageCode":"en-US","name":"en-US-Chirp3-HD-Kore"}})");
  EXPECT_EQ(usage.units.Get(kUnitCharacters), 19);
  EXPECT_EQ(usage.model_requested, "chirp3-hd");
}

TEST(GoogleTtsMeter, MultiSpeakerCountsEveryTurnTextButNotSpeakers) {
  const MeteredUsage usage =
      MeterRequest(R"({"input":{"multiSpeakerMarkup":{"turns":[{"speaker":"R","text":"Hi"},)"
                   R"({"speaker":"S","text":"Hello there"},{"speaker":"R","text":"Bye!"}]}},)"
                   R"("voice":{"languageCode":"en-US","name":"en-US-Studio-MultiSpeaker"}})");
  EXPECT_EQ(usage.units.Get(kUnitCharacters), 2 + 11 + 4);
  EXPECT_EQ(usage.model_requested, "studio");
}

TEST(GoogleTtsMeter, ProtoFieldNamesAreReadLikeJsonNames) {
  const MeteredUsage usage =
      MeterRequest(R"({"input":{"multi_speaker_markup":{"turns":[{"speaker":"R","text":"abc"}]}},)"
                   R"("voice":{"language_code":"en-US","name":"en-US-Neural2-A"}})");
  EXPECT_EQ(usage.units.Get(kUnitCharacters), 3);
  EXPECT_EQ(usage.model_requested, "neural2");
}

TEST(GoogleTtsMeter, NonAsciiTextCountsCodePointsNotBytes) {
  // "héllo 日本語 😀": 11 code points in 21 UTF-8 bytes.
  const std::string text = "h\xC3\xA9llo \xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E \xF0\x9F\x98\x80";
  ASSERT_EQ(text.size(), 21u);
  const MeteredUsage usage =
      MeterRequest(R"({"input":{"text":")" + text + R"("},"voice":{"name":"ja-JP-Wavenet-B"}})");
  EXPECT_EQ(usage.units.Get(kUnitCharacters), 11);
}

TEST(GoogleTtsMeter, EscapedCodePointsCountOnceEach) {
  // \u00e9 is one code point; the surrogate pair \ud83d\ude00 is one more.
  const MeteredUsage usage =
      MeterRequest(R"({"input":{"text":"\u00e9\ud83d\ude00\n"},"voice":{"name":"en-US-News-K"}})");
  EXPECT_EQ(usage.units.Get(kUnitCharacters), 3);
  EXPECT_EQ(usage.model_requested, "news");
}

TEST(GoogleTtsMeter, EmptyVoiceNameIsStandardAndEstimated) {
  const MeteredUsage usage = MeterRequest(
      R"({"input":{"text":"abcd"},"voice":{"languageCode":"en-US","ssmlGender":"FEMALE"}})");
  EXPECT_EQ(usage.units.Get(kUnitCharacters), 4);
  EXPECT_EQ(usage.model_requested, "standard");
  EXPECT_TRUE(usage.reported);
  EXPECT_TRUE(usage.estimated);
}

TEST(GoogleTtsMeter, VoiceCloneBillsAsInstantCustomVoice) {
  const MeteredUsage usage =
      MeterRequest(R"({"input":{"text":"abcd"},"voice":{"languageCode":"en-US",)"
                   R"("voiceClone":{"voiceCloningKey":"AUm1qkRr..."}}})");
  EXPECT_EQ(usage.model_requested, "instant-custom-voice");
  EXPECT_FALSE(usage.estimated);
}

TEST(GoogleTtsMeter, CustomVoiceHasItsOwnKey) {
  const MeteredUsage usage =
      MeterRequest(R"({"input":{"text":"abcd"},"voice":{"languageCode":"en-US",)"
                   R"("customVoice":{"model":"projects/p/locations/us-central1/models/m"}}})");
  EXPECT_EQ(usage.model_requested, "custom-voice");
}

TEST(GoogleTtsMeter, VoiceOfUnknownTypeKeepsItsNameAndItsCount) {
  const MeteredUsage usage =
      MeterRequest(R"({"input":{"text":"abcd"},"voice":{"name":"en-US-Futuristic-Z"}})");
  EXPECT_EQ(usage.units.Get(kUnitCharacters), 4);
  EXPECT_EQ(usage.model_requested, "en-US-Futuristic-Z");
  EXPECT_TRUE(usage.reported);
}

TEST(GoogleTtsMeter, GeminiTtsEstimatesInputTokensFromTextAndPrompt) {
  // 33 characters of text + 14 of prompt = 47 -> 12 tokens; output audio tokens unknowable.
  const MeteredUsage usage = MeterRequest(
      R"({"input":{"prompt":"Say cheerfully","text":"Have a wonderful day, everybody!!"},)"
      R"("voice":{"languageCode":"en-us","name":"Kore","modelName":"gemini-2.5-flash-tts"},)"
      R"("audioConfig":{"audioEncoding":"LINEAR16"}})");
  EXPECT_EQ(usage.units.ToJson(), R"({"input_tokens":12})");
  EXPECT_EQ(usage.model_requested, "gemini-2.5-flash-tts");
  EXPECT_FALSE(usage.reported);
  EXPECT_TRUE(usage.estimated);
}

TEST(GoogleTtsMeter, GeminiTtsProModelIsNamedByItsProtoFieldNameToo) {
  const MeteredUsage usage = MeterRequest(
      R"({"input":{"text":"abcd"},"voice":{"name":"Puck","model_name":"gemini-2.5-pro-tts"}})");
  EXPECT_EQ(usage.units.Get(kUnitInputTokens), 1);
  EXPECT_EQ(usage.model_requested, "gemini-2.5-pro-tts");
}

TEST(GoogleTtsMeter, IntegerEnumsDoNotDisturbTheCount) {
  // The Node client's REST fallback sends `$alt=json;enum-encoding=int` bodies.
  const MeteredUsage usage = MeterRequest(
      R"({"input":{"text":"abc"},"voice":{"languageCode":"en-US","name":"en-US-Polyglot-1",)"
      R"("ssmlGender":2},"audioConfig":{"audioEncoding":2,"speakingRate":1.25,)"
      R"("effectsProfileId":["telephony-class-application"]}})");
  EXPECT_EQ(usage.units.Get(kUnitCharacters), 3);
  EXPECT_EQ(usage.model_requested, "polyglot");
  EXPECT_EQ(usage.malformed, 0u);
}

TEST(GoogleTtsMeter, ClientErrorCarriesNoUnits) {
  const MeteredUsage usage =
      MeterRequest(R"({"input":{"text":"abcd"},"voice":{"name":"en-US-Wavenet-A"}})", 400);
  EXPECT_TRUE(usage.units.empty());
  EXPECT_FALSE(usage.reported);
  EXPECT_EQ(usage.model_requested, "");
}

TEST(GoogleTtsMeter, ServerErrorCarriesNoUnits) {
  const MeteredUsage usage =
      MeterRequest(R"({"input":{"text":"abcd"},"voice":{"name":"en-US-Wavenet-A"}})", 503);
  EXPECT_TRUE(usage.units.empty());
}

TEST(GoogleTtsMeter, CallWithoutAnAnswerCarriesNoUnits) {
  const MeteredUsage usage =
      MeterRequest(R"({"input":{"text":"abcd"},"voice":{"name":"en-US-Wavenet-A"}})", 0);
  EXPECT_TRUE(usage.units.empty());
}

TEST(GoogleTtsMeter, LongAudioCountsItsRequestTheSameWay) {
  const MeteredUsage usage = MeterPieces(
      {R"({"parent":"projects/p/locations/global","input":{"text":"Once upon a time"},)",
       R"("audioConfig":{"audioEncoding":"LINEAR16"},"voice":{"languageCode":"en-us",)",
       R"("name":"en-us-Standard-A"},"outputGcsUri":"gs://bucket/out.wav"})"},
      200, "synthesizeLongAudio");
  EXPECT_EQ(usage.units.Get(kUnitCharacters), 16);
  EXPECT_EQ(usage.model_requested, "standard");
  EXPECT_TRUE(usage.reported);
}

TEST(GoogleTtsMeter, InputOverTheCaptureLimitIsEstimatedFromRequestBytes) {
  const std::string head = R"({"voice":{"name":"en-US-Wavenet-A"},"input":{"text":")";
  const std::string text(kMaxRequestCaptureBytes, 'a');
  const std::string tail = R"("}})";
  const MeteredUsage usage = MeterPieces({head, text, tail});
  EXPECT_EQ(usage.units.Get(kUnitCharacters),
            static_cast<int64_t>(head.size() + text.size() + tail.size()));
  EXPECT_EQ(usage.model_requested, "wavenet");
  EXPECT_FALSE(usage.reported);
  EXPECT_TRUE(usage.estimated);
  EXPECT_EQ(usage.oversized, 1u);
}

TEST(GoogleTtsMeter, MalformedBodyAnsweredWithSuccessIsEstimatedFromRequestBytes) {
  const std::string body = R"({"input":{"text":"abcd"},"voice":{"name":"en-US-Wavenet-A"})";
  const MeteredUsage usage = MeterRequest(body + "]");
  EXPECT_EQ(usage.units.Get(kUnitCharacters), static_cast<int64_t>(body.size() + 1));
  EXPECT_TRUE(usage.estimated);
  EXPECT_EQ(usage.malformed, 1u);
}

TEST(GoogleTtsMeter, CountedFieldOfTheWrongTypeIsEstimatedAndCounted) {
  const std::string body = R"({"input":{"text":42},"voice":{"name":"en-US-Wavenet-A"}})";
  const MeteredUsage usage = MeterRequest(body);
  EXPECT_EQ(usage.units.Get(kUnitCharacters), static_cast<int64_t>(body.size()));
  EXPECT_TRUE(usage.estimated);
  EXPECT_EQ(usage.malformed, 1u);
}

TEST(GoogleTtsMeter, ResultDoesNotDependOnWhereTheRequestIsSplit) {
  const std::string body =
      "{\"voice\":{\"name\":\"en-US-Chirp3-HD-Kore\",\"ssmlGender\":2},\"input\":{"
      "\"multiSpeakerMarkup\":{\"turns\":[{\"speaker\":\"R\",\"text\":\"h\xC3\xA9 \\\"q\\\"\"},"
      "{\"speaker\":\"S\",\"text\":\"\\u65e5 <b>x</b>\"}]}},\"audioConfig\":{\"audioEncoding\":2}}";
  const MeteredUsage whole = MeterRequest(body);
  ASSERT_EQ(whole.units.Get(kUnitCharacters), 6 + 10);
  ASSERT_EQ(whole.model_requested, "chirp3-hd");
  for (size_t cut = 0; cut <= body.size(); ++cut) {
    const std::string_view view = body;
    const MeteredUsage split = MeterPieces({view.substr(0, cut), view.substr(cut)});
    ASSERT_EQ(split.units, whole.units) << "cut at " << cut;
    ASSERT_EQ(split.model_requested, whole.model_requested) << "cut at " << cut;
    ASSERT_EQ(split.reported, whole.reported) << "cut at " << cut;
    ASSERT_EQ(split.malformed, 0u) << "cut at " << cut;
  }
}

TEST(GoogleTtsMeter, OnlySynthesisOperationsHaveAMeter) {
  EXPECT_EQ(CreateCallMeter(SynthesisCall(200, "voices.list")), nullptr);
  EXPECT_EQ(CreateCallMeter(SynthesisCall(200, "operations.get")), nullptr);
  EXPECT_NE(CreateCallMeter(SynthesisCall(200, "synthesize")), nullptr);
  EXPECT_NE(CreateCallMeter(SynthesisCall(200, "synthesizeLongAudio")), nullptr);
}

}  // namespace
}  // namespace costgate::filters::google_tts
