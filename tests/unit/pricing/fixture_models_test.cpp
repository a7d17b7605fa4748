// Every model the recorded provider fixtures (tests/fixtures, ../shared/fixtures) and our tests
// use resolves to a price row that cites its public source; the ones that are not real models
// stay unpriced.
#include <gtest/gtest.h>

#include "pricing/price_key.h"
#include "tests/unit/pricing/test_books_helpers.h"

namespace costgate::pricing {
namespace {

struct FixtureModel {
  std::string_view provider;
  std::string_view model_version;
  std::string_view model_requested;
  std::string_view price_key;
};

const FixtureModel kFixtureModels[] = {
    {"gemini", "gemini-2.0-flash-001", "gemini-2.0-flash-001", "gemini/gemini-2.0-flash-001"},
    {"vertex", "gemini-2.0-flash-001", "gemini-2.0-flash-001", "gemini-2.0-flash-001"},
    {"vertex", "", "gemini-2.0-flash", "vertex_ai/gemini-2.0-flash"},
    {"gemini", "gemini-2.0-flash-exp", "gemini-2.0-flash-exp", "gemini/gemini-2.0-flash"},
    {"gemini", "gemini-2.5-flash", "gemini-2.5-flash", "gemini/gemini-2.5-flash"},
    {"vertex", "gemini-2.5-flash", "gemini-2.5-flash", "gemini-2.5-flash"},
    {"gemini", "gemini-2.5-pro", "gemini-2.5-pro", "gemini/gemini-2.5-pro"},
    {"gemini", "gemini-3.6-flash", "gemini-flash-latest", "gemini/gemini-3.6-flash"},
    {"gemini", "", "gemini-flash-latest", "gemini/gemini-flash-latest"},
    {"gemini", "", "gemini-embedding-001", "gemini/gemini-embedding-001"},
    {"vertex", "", "gemini-embedding-001", "gemini-embedding-001"},
    {"gemini", "", "gemini-embedding-2", "gemini/gemini-embedding-2"},
    {"gemini", "", "gemini-embedding-2-preview", "gemini/gemini-embedding-2-preview"},
    {"elevenlabs", "", "eleven_multilingual_v2", "elevenlabs/eleven_multilingual_v2"},
    {"elevenlabs", "", "eleven_turbo_v2", "elevenlabs/eleven_turbo_v2"},
    {"elevenlabs", "", "eleven_turbo_v2_5", "elevenlabs/eleven_turbo_v2_5"},
    {"elevenlabs", "", "scribe_v1", "elevenlabs/scribe_v1"},
    {"elevenlabs", "", "scribe_v1_experimental", "elevenlabs/scribe_v1_experimental"},
    {"google-tts", "", "wavenet", "google-tts/wavenet"},
};

TEST(FixtureModelsTest, EachResolvesToACitedPrice) {
  const auto book = BundledBook();
  for (const FixtureModel& m : kFixtureModels) {
    const ResolvedKey resolved =
        ResolvePriceKey(*book, {m.provider, m.model_version, m.model_requested}, Day2026(320));
    ASSERT_NE(resolved.row, nullptr) << m.provider << " " << m.model_requested;
    EXPECT_EQ(resolved.key, m.price_key) << m.model_requested;
    EXPECT_EQ(resolved.row->source.rfind("http", 0), 0u)
        << resolved.key << " cites: " << resolved.row->source;
    EXPECT_TRUE(resolved.row->HasAnyRate() || resolved.row->credits_per_character_milli > 0)
        << resolved.key;
  }
}

TEST(FixtureModelsTest, ModelsThatDoNotExistStayUnpriced) {
  const auto book = BundledBook();
  for (std::string_view model : {"nonexistent-model", "custom-gemini-2.0-flash"}) {
    EXPECT_EQ(ResolvePriceKey(*book, {"gemini", "", model}, Day2026(320)).row, nullptr) << model;
  }
}

}  // namespace
}  // namespace costgate::pricing
