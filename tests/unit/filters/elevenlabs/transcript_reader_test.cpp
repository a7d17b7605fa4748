#include "filters/elevenlabs/transcript_reader.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/support/gzip_parts.h"
#include "tests/unit/filters/elevenlabs/meter_test_support.h"

namespace costgate::filters::elevenlabs {
namespace {

using testing::Fixture;

struct Durations {
  std::optional<double> reported;
  std::optional<double> last_end;
  uint32_t malformed = 0;
};

Durations Read(std::string_view body, bool gzip = false, size_t piece = 4096) {
  TranscriptReader reader(gzip);
  for (size_t at = 0; at < body.size(); at += piece) {
    reader.Feed(body.substr(at, piece));
  }
  reader.Finish();
  return {reader.audio_duration_secs(), reader.last_end_secs(), reader.malformed()};
}

TEST(ElevenLabsTranscriptReaderTest, ReadsTheReportedDuration) {
  const Durations d = Read(Fixture("vercelai-stt-scribe-response-live-with-duration.json"));
  EXPECT_EQ(d.reported, 2.50775);
  EXPECT_EQ(d.last_end, 2.18);
  EXPECT_EQ(d.malformed, 0u);
}

TEST(ElevenLabsTranscriptReaderTest, ReadsTheDurationOfANotDiarizedAnswer) {
  EXPECT_EQ(Read(Fixture("vercelai-stt-scribe-response-not-diarized.json")).reported, 2.50775);
}

TEST(ElevenLabsTranscriptReaderTest, OlderAnswerHasOnlyTheLastWordsEnd) {
  const Durations d = Read(Fixture("vercelai-stt-scribe-response-no-duration.json"));
  EXPECT_EQ(d.reported, std::nullopt);
  EXPECT_EQ(d.last_end, 2.479);
}

TEST(ElevenLabsTranscriptReaderTest, SilenceHasNeitherDurationNorWords) {
  const Durations d = Read(Fixture("vercelai-stt-scribe-response-silent.json"));
  EXPECT_EQ(d.reported, std::nullopt);
  EXPECT_EQ(d.last_end, std::nullopt);
  EXPECT_EQ(d.malformed, 0u);
}

TEST(ElevenLabsTranscriptReaderTest, EveryFixtureSplitAtEveryByteReadsTheSame) {
  for (const std::string_view name : {"vercelai-stt-scribe-response-live-with-duration.json",
                                      "vercelai-stt-scribe-response-no-duration.json",
                                      "vercelai-stt-scribe-response-not-diarized.json",
                                      "vercelai-stt-scribe-response-silent.json"}) {
    const std::string body = Fixture(name);
    const Durations whole = Read(body);
    for (size_t split = 0; split <= body.size(); ++split) {
      TranscriptReader reader(false);
      reader.Feed(std::string_view(body).substr(0, split));
      reader.Feed(std::string_view(body).substr(split));
      reader.Finish();
      EXPECT_EQ(reader.audio_duration_secs(), whole.reported) << name << " @" << split;
      EXPECT_EQ(reader.last_end_secs(), whole.last_end) << name << " @" << split;
      EXPECT_EQ(reader.malformed(), 0u) << name << " @" << split;
    }
  }
}

TEST(ElevenLabsTranscriptReaderTest, ReadsAGzipAnswerInSmallPieces) {
  const std::string body =
      test_support::Gzip(Fixture("vercelai-stt-scribe-response-live-with-duration.json"));
  const Durations d = Read(body, true, 5);
  EXPECT_EQ(d.reported, 2.50775);
  EXPECT_EQ(d.malformed, 0u);
}

TEST(ElevenLabsTranscriptReaderTest, CorruptGzipIsMalformed) {
  EXPECT_EQ(Read("not gzip at all", true).malformed, 1u);
}

TEST(ElevenLabsTranscriptReaderTest, AnAnswerCutShortKeepsTheEndsSeen) {
  const std::string body = Fixture("vercelai-stt-scribe-response-live-with-duration.json");
  const Durations d = Read(std::string_view(body).substr(0, body.find("\"Versal\"")));
  EXPECT_EQ(d.reported, std::nullopt);
  EXPECT_EQ(d.last_end, 0.76);
  EXPECT_EQ(d.malformed, 1u);
}

TEST(ElevenLabsTranscriptReaderTest, EndsInsideStringsAndNonNumbersAreIgnored) {
  const Durations d =
      Read(R"({"text":"the \"end\": 99","words":[{"text":"end","end":1.5},{"end":null},)"
           R"({"end":"7"},{"ends":8},{"end" : 2.25e0}],"audio_duration_secs":null})");
  EXPECT_EQ(d.reported, std::nullopt);
  EXPECT_EQ(d.last_end, 2.25);
}

TEST(ElevenLabsTranscriptReaderTest, MultichannelEndsCountAcrossChannels) {
  const Durations d = Read(R"({"transcripts":[{"channel_index":0,"words":[{"end":3.5}]},)"
                           R"({"channel_index":1,"words":[{"end":4.75},{"end":4.0}]}]})");
  EXPECT_EQ(d.last_end, 4.75);
}

}  // namespace
}  // namespace costgate::filters::elevenlabs
