#include "filters/elevenlabs/json_request.h"

#include <gtest/gtest.h>

#include <string>

namespace costgate::filters::elevenlabs {
namespace {

JsonRequest ReadJsonRequest(std::string_view body, size_t piece = 4096) {
  JsonRequestReader reader;
  for (size_t at = 0; at < body.size(); at += piece) {
    reader.Feed(body.substr(at, piece));
  }
  reader.Finish();
  return reader.request();
}

// A Python SDK text-to-speech body ([ELPY] text_to_speech/raw_client.py field order).
constexpr std::string_view kSpeechBody =
    R"({"text": "Caf\u00e9 \"na\u00efve\" \u2014 \ud83c\udfb5 ok", "model_id": "eleven_flash_v2_5",)"
    R"( "voice_settings": {"stability": 0.5, "text": "not this one"}, "seed": 7})";

TEST(ElevenLabsJsonRequestTest, CountsCodePointsOfTheUnescapedText) {
  // C a f é ␠ " n a ï v e " ␠ — ␠ 🎵 ␠ o k: 19 code points (the surrogate pair is one)
  const JsonRequest request = ReadJsonRequest(kSpeechBody);
  EXPECT_EQ(request.characters, 19);
  EXPECT_EQ(request.model_id, "eleven_flash_v2_5");
  EXPECT_EQ(request.duration_seconds, std::nullopt);
}

TEST(ElevenLabsJsonRequestTest, CountsRawUtf8TextLikeItsEscapes) {
  EXPECT_EQ(ReadJsonRequest(R"({"text":"Café "})").characters, 5);
  EXPECT_EQ(ReadJsonRequest("{\"text\":\"\xF0\x9F\x8E\xB5\"}").characters, 1);
}

TEST(ElevenLabsJsonRequestTest, EveryByteSplitGivesTheSameRequest) {
  for (size_t split = 0; split <= kSpeechBody.size(); ++split) {
    JsonRequestReader reader;
    reader.Feed(kSpeechBody.substr(0, split));
    reader.Feed(kSpeechBody.substr(split));
    reader.Finish();
    EXPECT_EQ(reader.request().characters, 19) << split;
    EXPECT_EQ(reader.request().model_id, "eleven_flash_v2_5") << split;
  }
}

constexpr std::string_view kDialogueBody =
    R"({"inputs":[{"text":"Hello, how are you?","voice_id":"9BWtsMINqrJLrRacOk9x"},)"
    R"({"voice_id":"IKne3meq5aSn9XLyUdCD","text":"I'm well, ¿y tú?"}],"model_id":"eleven_v3"})";

TEST(ElevenLabsJsonRequestTest, DialogueCountsEveryInputText) {
  // 19 + 16
  const JsonRequest request = ReadJsonRequest(kDialogueBody);
  EXPECT_EQ(request.characters, 35);
  EXPECT_EQ(request.model_id, "eleven_v3");
}

TEST(ElevenLabsJsonRequestTest, DialogueEveryByteSplitGivesTheSameCount) {
  for (size_t split = 0; split <= kDialogueBody.size(); ++split) {
    JsonRequestReader reader;
    reader.Feed(kDialogueBody.substr(0, split));
    reader.Feed(kDialogueBody.substr(split));
    reader.Finish();
    EXPECT_EQ(reader.request().characters, 35) << split;
  }
}

TEST(ElevenLabsJsonRequestTest, ReadsSoundDurationIntegerOrFractional) {
  EXPECT_EQ(ReadJsonRequest(R"({"text":"door creaks","duration_seconds":2.5})").duration_seconds,
            2.5);
  EXPECT_EQ(ReadJsonRequest(R"({"text":"door creaks","duration_seconds":3})").duration_seconds,
            3.0);
  EXPECT_EQ(ReadJsonRequest(R"({"text":"door creaks","duration_seconds":null})").duration_seconds,
            std::nullopt);
}

TEST(ElevenLabsJsonRequestTest, TextBeyondTheCaptureLimitIsNotCounted) {
  const std::string body = R"({"model_id":"eleven_v3","text":")" +
                           std::string(JsonRequestReader::kMaxCaptureBytes + 1, 'a') + R"("})";
  const JsonRequest request = ReadJsonRequest(body, 65536);
  EXPECT_EQ(request.characters, std::nullopt);
  EXPECT_EQ(request.model_id, "eleven_v3");
}

TEST(ElevenLabsJsonRequestTest, MalformedOrCutBodyYieldsNothing) {
  EXPECT_EQ(ReadJsonRequest(R"({"text":"hello")").characters, std::nullopt);
  EXPECT_EQ(ReadJsonRequest(R"(text=hello)").characters, std::nullopt);
  EXPECT_EQ(ReadJsonRequest(R"({"text":42})").characters, std::nullopt);
}

}  // namespace
}  // namespace costgate::filters::elevenlabs
