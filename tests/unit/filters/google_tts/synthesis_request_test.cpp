// The Cloud TTS `input` and `voice` readers on values of every JSON type they may meet: null is
// an absent value, a counted field of another type makes the input unreadable.
#include "filters/google_tts/synthesis_request.h"

#include <gtest/gtest.h>

namespace costgate::filters::google_tts {
namespace {

TEST(GoogleTtsSynthesisInput, NullTextCountsNothingAndReads) {
  SynthesisInput input;
  ASSERT_TRUE(ReadSynthesisInput(R"({"text":null,"ssml":"<speak>ab</speak>"})", input));
  EXPECT_EQ(input.characters, 17);
}

TEST(GoogleTtsSynthesisInput, NullPromptCountsNothingAndReads) {
  SynthesisInput input;
  ASSERT_TRUE(ReadSynthesisInput(R"({"text":"abc","prompt":null})", input));
  EXPECT_EQ(input.characters, 3);
  EXPECT_EQ(input.prompt_characters, 0);
}

TEST(GoogleTtsSynthesisInput, TextOfAnotherTypeIsUnreadable) {
  SynthesisInput input;
  EXPECT_FALSE(ReadSynthesisInput(R"({"text":12})", input));
}

TEST(GoogleTtsSynthesisInput, NullMultiSpeakerMarkupCountsNothingAndReads) {
  SynthesisInput input;
  ASSERT_TRUE(ReadSynthesisInput(R"({"multiSpeakerMarkup":null,"text":"ab"})", input));
  EXPECT_EQ(input.characters, 2);
}

TEST(GoogleTtsSynthesisInput, MultiSpeakerMarkupOfAnotherTypeIsUnreadable) {
  SynthesisInput input;
  EXPECT_FALSE(ReadSynthesisInput(R"({"multiSpeakerMarkup":"ab"})", input));
}

TEST(GoogleTtsSynthesisInput, NullTurnsCountNothingAndRead) {
  SynthesisInput input;
  ASSERT_TRUE(ReadSynthesisInput(R"({"multiSpeakerMarkup":{"turns":null}})", input));
  EXPECT_EQ(input.characters, 0);
}

TEST(GoogleTtsSynthesisInput, TurnsOfAnotherTypeAreUnreadable) {
  SynthesisInput input;
  EXPECT_FALSE(ReadSynthesisInput(R"({"multiSpeakerMarkup":{"turns":{"text":"ab"}}})", input));
}

TEST(GoogleTtsSynthesisInput, NullTurnIsUnreadable) {
  SynthesisInput input;
  EXPECT_FALSE(
      ReadSynthesisInput(R"({"multiSpeakerMarkup":{"turns":[{"text":"ab"},null]}})", input));
}

TEST(GoogleTtsSynthesisInput, NullTurnTextCountsNothingAndReads) {
  SynthesisInput input;
  ASSERT_TRUE(ReadSynthesisInput(
      R"({"multiSpeakerMarkup":{"turns":[{"speaker":"R","text":null},{"text":"abc"}]}})", input));
  EXPECT_EQ(input.characters, 3);
}

TEST(GoogleTtsSynthesisInput, TurnTextOfAnotherTypeIsUnreadable) {
  SynthesisInput input;
  EXPECT_FALSE(ReadSynthesisInput(R"({"multiSpeakerMarkup":{"turns":[{"text":true}]}})", input));
}

TEST(GoogleTtsSynthesisInput, InputThatIsNotAnObjectIsUnreadable) {
  SynthesisInput input;
  EXPECT_FALSE(ReadSynthesisInput(R"("hello")", input));
}

TEST(GoogleTtsSynthesisInput, ReadingOverwritesThePreviousInput) {
  SynthesisInput input;
  ASSERT_TRUE(ReadSynthesisInput(R"({"text":"abcd","prompt":"xy"})", input));
  ASSERT_TRUE(ReadSynthesisInput(R"({"markup":"a"})", input));
  EXPECT_EQ(input.characters, 1);
  EXPECT_EQ(input.prompt_characters, 0);
}

TEST(GoogleTtsSynthesisVoice, NullAndNonStringNamesAreIgnored) {
  SynthesisVoice voice;
  ASSERT_TRUE(ReadSynthesisVoice(R"({"name":null,"modelName":7,"languageCode":"en-US"})", voice));
  EXPECT_EQ(voice.name, "");
  EXPECT_EQ(voice.model_name, "");
}

TEST(GoogleTtsSynthesisVoice, NullVoiceCloneIsAbsent) {
  SynthesisVoice voice;
  ASSERT_TRUE(ReadSynthesisVoice(R"({"name":"x","voiceClone":null,"custom_voice":{}})", voice));
  EXPECT_FALSE(voice.voice_clone);
  EXPECT_TRUE(voice.custom_voice);
}

TEST(GoogleTtsSynthesisVoice, VoiceThatIsNotAnObjectIsUnreadable) {
  SynthesisVoice voice;
  EXPECT_FALSE(ReadSynthesisVoice("[1]", voice));
}

}  // namespace
}  // namespace costgate::filters::google_tts
