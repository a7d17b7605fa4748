// The bundled catalogue (pricing/data/catalogue.yaml) as shipped: it loads, every row cites its
// page, and each price is the one its page states (pricing/data/README.md lists the sources).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "pricing/bundled.h"
#include "pricing/cost.h"
#include "pricing/price_key.h"
#include "pricing/yaml_catalogue.h"

namespace costgate::pricing {
namespace {

const YamlCatalogueLoad& Bundled() {
  static const YamlCatalogueLoad load =
      LoadYamlCatalogue(BundledCatalogueYaml(), Layer::kCatalogue, "catalogue.yaml");
  return load;
}

const PriceRow* FindRow(std::string_view key) {
  for (const PriceRow& row : Bundled().rows) {
    if (row.key == key) {
      return &row;
    }
  }
  return nullptr;
}

struct Expected {
  const char* key;
  RateKind kind;
  int64_t pico;
};

TEST(CatalogueDataTest, LoadsWithoutErrors) {
  EXPECT_EQ(Bundled().errors, std::vector<std::string>{});
  EXPECT_FALSE(Bundled().rows.empty());
}

TEST(CatalogueDataTest, EveryRowCitesAPublicPageAndTheDateRead) {
  for (const PriceRow& row : Bundled().rows) {
    EXPECT_NE(row.source.find("http"), std::string::npos) << row.key;
    EXPECT_NE(row.source.find("read 20"), std::string::npos) << row.key;
  }
}

// Cloud TTS voice types: USD per 1M characters (cloud.google.com/text-to-speech/pricing) x 1e6
// pico per USD per 1M = pico per character.
TEST(CatalogueDataTest, CloudTtsVoiceTypesArePricedPerCharacter) {
  const Expected kCases[] = {
      {"google-tts/standard", RateKind::kInputCharacter, 4'000'000},
      {"google-tts/wavenet", RateKind::kInputCharacter, 4'000'000},
      {"google-tts/news", RateKind::kInputCharacter, 4'000'000},
      {"google-tts/neural2", RateKind::kInputCharacter, 16'000'000},
      {"google-tts/polyglot", RateKind::kInputCharacter, 16'000'000},
      {"google-tts/studio", RateKind::kInputCharacter, 160'000'000},
      {"google-tts/chirp3-hd", RateKind::kInputCharacter, 30'000'000},
      {"google-tts/instant-custom-voice", RateKind::kInputCharacter, 60'000'000},
  };
  for (const Expected& c : kCases) {
    const PriceRow* row = FindRow(c.key);
    ASSERT_NE(row, nullptr) << c.key;
    EXPECT_EQ(row->Rate(c.kind), Money::FromPico(c.pico)) << c.key;
    EXPECT_EQ(row->provider, "google-tts") << c.key;
  }
}

TEST(CatalogueDataTest, ElevenLabsModelsCarryTheirCreditsPerCharacter) {
  const std::pair<const char*, int64_t> kCases[] = {
      {"elevenlabs/eleven_multilingual_v2", 1000}, {"elevenlabs/eleven_v3", 1000},
      {"elevenlabs/eleven_multilingual_v1", 1000}, {"elevenlabs/eleven_monolingual_v1", 1000},
      {"elevenlabs/eleven_flash_v2", 500},         {"elevenlabs/eleven_flash_v2_5", 500},
      {"elevenlabs/eleven_turbo_v2", 500},         {"elevenlabs/eleven_turbo_v2_5", 500},
  };
  for (const auto& [key, milli] : kCases) {
    const PriceRow* row = FindRow(key);
    ASSERT_NE(row, nullptr) << key;
    EXPECT_EQ(row->credits_per_character_milli, milli) << key;
  }
}

// $0.22/hour / 3600 = 61,111,111.1 pico per second; $0.39/hour / 3600 = 108,333,333.3.
TEST(CatalogueDataTest, ElevenLabsSpeechToTextIsPricedPerSecond) {
  const Expected kCases[] = {
      {"elevenlabs/scribe_v1", RateKind::kInputSecond, 61'111'111},
      {"elevenlabs/scribe_v1_experimental", RateKind::kInputSecond, 61'111'111},
      {"elevenlabs/scribe_v2", RateKind::kInputSecond, 61'111'111},
      {"elevenlabs/scribe_v2_realtime", RateKind::kInputSecond, 108'333'333},
  };
  for (const Expected& c : kCases) {
    const PriceRow* row = FindRow(c.key);
    ASSERT_NE(row, nullptr) << c.key;
    EXPECT_EQ(row->Rate(c.kind), Money::FromPico(c.pico)) << c.key;
  }
}

// USD per 1K credits x 1e9 = pico per credit.
TEST(CatalogueDataTest, ElevenLabsPlansPriceACredit) {
  const Expected kCases[] = {
      {"elevenlabs/plan/pay_as_you_go", RateKind::kCredit, 100'000'000},
      {"elevenlabs/plan/business", RateKind::kCredit, 120'000'000},
      {"elevenlabs/plan/scale", RateKind::kCredit, 180'000'000},
  };
  for (const Expected& c : kCases) {
    const PriceRow* row = FindRow(c.key);
    ASSERT_NE(row, nullptr) << c.key;
    EXPECT_EQ(row->Rate(c.kind), Money::FromPico(c.pico)) << c.key;
  }
}

// Vertex AI list prices LiteLLM lacks or gets wrong: USD per 1M tokens x 1e6 = pico per token.
TEST(CatalogueDataTest, VertexAiRowsCarryTheVertexListPrice) {
  const Expected kCases[] = {
      {"vertex_ai/gemini-2.0-flash", RateKind::kInputToken, 150'000},
      {"vertex_ai/gemini-2.0-flash", RateKind::kInputAudioToken, 1'000'000},
      {"vertex_ai/gemini-2.0-flash", RateKind::kCacheReadToken, 37'500},
      {"vertex_ai/gemini-2.0-flash", RateKind::kOutputToken, 600'000},
  };
  for (const Expected& c : kCases) {
    const PriceRow* row = FindRow(c.key);
    ASSERT_NE(row, nullptr) << c.key;
    EXPECT_EQ(row->Rate(c.kind), Money::FromPico(c.pico)) << c.key << " " << RateKindName(c.kind);
    EXPECT_TRUE(RowBelongsTo(*row, "vertex")) << c.key;
  }
}

TEST(CatalogueDataTest, DefaultPlanPricesAFlashCallAtFiveCentsPerThousandCharacters) {
  // 1,000 characters x 0.5 credit x $0.10 per 1K credits = $0.05.
  const auto book = PriceBook::Build(Bundled().rows, BookOptions{});
  Units units;
  units.Set(kUnitCharacters, 1000);
  const Quote q =
      PriceUsage(*book, {"elevenlabs", "", "eleven_flash_v2_5"}, units, ServiceTier::kStandard, 0);
  ASSERT_TRUE(q.priced()) << UnpricedReason(q.unpriced);
  EXPECT_EQ(q.total, Money::FromPico(50'000'000'000));
  ASSERT_NE(q.plan_row, nullptr);
  EXPECT_EQ(q.plan_row->key, "elevenlabs/plan/pay_as_you_go");
}

TEST(CatalogueDataTest, WaveNetVoiceCostsFourDollarsPerMillionCharacters) {
  const auto book = PriceBook::Build(Bundled().rows, BookOptions{});
  Units units;
  units.Set(kUnitCharacters, 1'000'000);
  const Quote q =
      PriceUsage(*book, {"google-tts", "", "wavenet"}, units, ServiceTier::kStandard, 0);
  ASSERT_TRUE(q.priced()) << UnpricedReason(q.unpriced);
  EXPECT_EQ(q.total, Money::FromPico(4 * kPicoPerUsd));
  EXPECT_EQ(q.price_key, "google-tts/wavenet");
}

}  // namespace
}  // namespace costgate::pricing
