// Voice names -> price key suffixes (PROVIDERS.md C3), one voice type per test.
#include "filters/google_tts/voice_type.h"

#include <gtest/gtest.h>

namespace costgate::filters::google_tts {
namespace {

TEST(GoogleTtsVoiceType, Standard) { EXPECT_EQ(VoiceTypeKey("en-US-Standard-A"), "standard"); }

TEST(GoogleTtsVoiceType, Wavenet) { EXPECT_EQ(VoiceTypeKey("en-US-Wavenet-A"), "wavenet"); }

TEST(GoogleTtsVoiceType, Neural2) { EXPECT_EQ(VoiceTypeKey("en-GB-Neural2-C"), "neural2"); }

TEST(GoogleTtsVoiceType, News) { EXPECT_EQ(VoiceTypeKey("en-US-News-K"), "news"); }

TEST(GoogleTtsVoiceType, Studio) { EXPECT_EQ(VoiceTypeKey("en-US-Studio-O"), "studio"); }

TEST(GoogleTtsVoiceType, Polyglot) { EXPECT_EQ(VoiceTypeKey("en-US-Polyglot-1"), "polyglot"); }

TEST(GoogleTtsVoiceType, Journey) { EXPECT_EQ(VoiceTypeKey("en-US-Journey-D"), "journey"); }

TEST(GoogleTtsVoiceType, ChirpHd) { EXPECT_EQ(VoiceTypeKey("en-US-Chirp-HD-D"), "chirp-hd"); }

TEST(GoogleTtsVoiceType, Chirp3Hd) { EXPECT_EQ(VoiceTypeKey("en-US-Chirp3-HD-Kore"), "chirp3-hd"); }

TEST(GoogleTtsVoiceType, Casual) { EXPECT_EQ(VoiceTypeKey("en-US-Casual-K"), "casual"); }

TEST(GoogleTtsVoiceType, ThreeLetterLanguageCodes) {
  EXPECT_EQ(VoiceTypeKey("cmn-CN-Wavenet-B"), "wavenet");
  EXPECT_EQ(VoiceTypeKey("yue-HK-Standard-A"), "standard");
}

TEST(GoogleTtsVoiceType, CaseIsIgnored) { EXPECT_EQ(VoiceTypeKey("en-us-WAVENET-a"), "wavenet"); }

TEST(GoogleTtsVoiceType, TypeMustBeAWholeSegmentRun) {
  EXPECT_EQ(VoiceTypeKey("en-US-Standardized-A"), "");
  EXPECT_EQ(VoiceTypeKey("en-US-Standard"), "");
}

TEST(GoogleTtsVoiceType, BareSpeakerNameHasNoType) { EXPECT_EQ(VoiceTypeKey("Kore"), ""); }

}  // namespace
}  // namespace costgate::filters::google_tts
