#include "pricing/book_loader.h"

#include <gtest/gtest.h>

#include "pricing/price_history.h"
#include "tests/unit/pricing/history_dir_helpers.h"
#include "tests/unit/pricing/test_books_helpers.h"

namespace costgate::pricing {
namespace {

using testing::TempDir;
using testing::WriteText;

constexpr std::string_view kPro = "gemini/gemini-2.5-pro";
// LiteLLM's bundled snapshot: gemini/gemini-2.5-pro input_cost_per_token 1.25e-06.
constexpr int64_t kBundledProInputPico = 1'250'000;

// A LiteLLM catalogue with one entry: gemini-2.5-pro at another input price.
std::string ProCatalogue(std::string_view input_cost) {
  return R"({"gemini/gemini-2.5-pro": {"input_cost_per_token": )" + std::string(input_cost) +
         R"(, "output_cost_per_token": 1e-05, "litellm_provider": "gemini", "mode": "chat"}})";
}

// Writes a version file by hand (as an older costgate, or an admin, would have left it).
std::string PlaceVersion(const TempDir& dir, int64_t ms, std::string_view content) {
  const std::string name = HistoryFileName(ms, base::Sha256Hex(content, kHistoryShaDigits));
  WriteText(dir.path() / name, content);
  return dir.File(name);
}

config::PricingConfig PricingIn(const TempDir& dir) {
  config::PricingConfig pricing;
  pricing.history_dir = dir.path().string();
  return pricing;
}

int64_t ProInputAt(const PriceBook& book, int64_t at_ms) {
  const PriceRow* row = book.Find(kPro, at_ms);
  return row == nullptr ? -1 : row->Rate(RateKind::kInputToken).value_or(Money{}).pico();
}

std::string Joined(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) {
    text += line + "\n";
  }
  return text;
}

TEST(LoadPriceBook, BundledSourcesAloneMakeABook) {
  TempDir dir;
  config::PricingConfig pricing;
  pricing.history_dir = dir.File("not-created");
  const BookLoad load = LoadPriceBook(pricing);
  ASSERT_NE(load.book, nullptr) << Joined(load.errors);
  EXPECT_TRUE(load.errors.empty());
  EXPECT_EQ(ProInputAt(*load.book, Day2026(0)), kBundledProInputPico);
  const PriceRow* wavenet = load.book->Find("google-tts/wavenet", Day2026(0));
  ASSERT_NE(wavenet, nullptr);
  EXPECT_EQ(wavenet->layer, Layer::kCatalogue);
  EXPECT_EQ(load.book->options().elevenlabs_plan, "pay_as_you_go");
}

TEST(LoadPriceBook, BundledOnlyBookHasTheSameVersionOnEveryLoad) {
  TempDir dir;
  EXPECT_EQ(LoadPriceBook(PricingIn(dir)).book->version(),
            LoadPriceBook(PricingIn(dir)).book->version());
}

TEST(LoadPriceBook, SavedVersionPricesFromItsTimeOnAndNotBefore) {
  TempDir dir;
  PlaceVersion(dir, Day2026(10), ProCatalogue("2e-06"));
  const BookLoad load = LoadPriceBook(PricingIn(dir));
  ASSERT_NE(load.book, nullptr) << Joined(load.errors);
  EXPECT_EQ(ProInputAt(*load.book, Day2026(10) - 1), kBundledProInputPico);
  EXPECT_EQ(ProInputAt(*load.book, Day2026(10)), 2'000'000);
}

TEST(LoadPriceBook, SavedVersionsFollowEachOtherInTimeOrder) {
  TempDir dir;
  PlaceVersion(dir, Day2026(20), ProCatalogue("3e-06"));
  PlaceVersion(dir, Day2026(10), ProCatalogue("2e-06"));
  const BookLoad load = LoadPriceBook(PricingIn(dir));
  ASSERT_NE(load.book, nullptr) << Joined(load.errors);
  EXPECT_EQ(ProInputAt(*load.book, Day2026(5)), kBundledProInputPico);
  EXPECT_EQ(ProInputAt(*load.book, Day2026(15)), 2'000'000);
  EXPECT_EQ(ProInputAt(*load.book, Day2026(25)), 3'000'000);
  EXPECT_NE(Joined(load.notes).find("2 saved LiteLLM version(s) loaded"), std::string::npos)
      << Joined(load.notes);
}

TEST(LoadPriceBook, AKeyMissingFromANewerVersionKeepsItsLastPrice) {
  TempDir dir;
  PlaceVersion(dir, Day2026(10), ProCatalogue("2e-06"));
  const BookLoad load = LoadPriceBook(PricingIn(dir));
  ASSERT_NE(load.book, nullptr) << Joined(load.errors);
  // The saved version has only gemini-2.5-pro; flash is still priced by the bundled snapshot.
  EXPECT_NE(load.book->Find("gemini/gemini-2.5-flash", Day2026(11)), nullptr);
}

TEST(LoadPriceBook, ASavedVersionChangesTheBookVersion) {
  TempDir dir;
  const std::string before = LoadPriceBook(PricingIn(dir)).book->version();
  PlaceVersion(dir, Day2026(10), ProCatalogue("2e-06"));
  EXPECT_NE(LoadPriceBook(PricingIn(dir)).book->version(), before);
}

TEST(LoadPriceBook, ASavedVersionThatDoesNotParseIsAnErrorNamingItsFile) {
  TempDir dir;
  PlaceVersion(dir, Day2026(10), ProCatalogue("2e-06"));
  const std::string broken = PlaceVersion(dir, Day2026(20), "{\"gemini/x\": {\"input_cost");
  const BookLoad load = LoadPriceBook(PricingIn(dir));
  EXPECT_EQ(load.book, nullptr);
  ASSERT_FALSE(load.errors.empty());
  EXPECT_NE(load.errors[0].find(broken), std::string::npos) << load.errors[0];
}

TEST(LoadPriceBook, ASavedVersionWithANegativePriceIsAnError) {
  TempDir dir;
  const std::string path = PlaceVersion(dir, Day2026(10), ProCatalogue("-2e-06"));
  const BookLoad load = LoadPriceBook(PricingIn(dir));
  EXPECT_EQ(load.book, nullptr);
  ASSERT_EQ(load.errors.size(), 1u) << Joined(load.errors);
  EXPECT_NE(load.errors[0].find(path + ": gemini/gemini-2.5-pro.input_cost_per_token"),
            std::string::npos)
      << load.errors[0];
}

TEST(LoadPriceBook, ASavedVersionEditedAfterSavingIsAnError) {
  TempDir dir;
  const std::string path = PlaceVersion(dir, Day2026(10), ProCatalogue("2e-06"));
  WriteText(path, ProCatalogue("1e-09"));
  const BookLoad load = LoadPriceBook(PricingIn(dir));
  EXPECT_EQ(load.book, nullptr);
  ASSERT_EQ(load.errors.size(), 1u);
  EXPECT_NE(load.errors[0].find(path), std::string::npos);
  EXPECT_NE(load.errors[0].find("does not match the SHA-256"), std::string::npos) << load.errors[0];
}

TEST(LoadPriceBook, OtherFilesInTheHistoryDirAreNotedAndIgnored) {
  TempDir dir;
  WriteText(dir.path() / "notes.txt", "hello");
  const BookLoad load = LoadPriceBook(PricingIn(dir));
  ASSERT_NE(load.book, nullptr) << Joined(load.errors);
  EXPECT_NE(Joined(load.notes).find(dir.File("notes.txt")), std::string::npos)
      << Joined(load.notes);
}

TEST(LoadPriceBook, OverridesFileWinsOverTheCatalogueAndLiteLlm) {
  TempDir dir;
  PlaceVersion(dir, Day2026(10), ProCatalogue("2e-06"));
  WriteText(dir.path() / "overrides.yaml", R"yaml(version: 1
prices:
  - key: gemini/gemini-2.5-pro
    provider: gemini
    mode: chat
    source: "negotiated rate, contract 42 (read 2026-01-01)"
    rates:
      input_cost_per_token: "0.000001"
      output_cost_per_token: "0.000008"
)yaml");
  config::PricingConfig pricing = PricingIn(dir);
  pricing.overrides_file = dir.File("overrides.yaml");
  const BookLoad load = LoadPriceBook(pricing);
  ASSERT_NE(load.book, nullptr) << Joined(load.errors);
  EXPECT_EQ(ProInputAt(*load.book, Day2026(0)), 1'000'000);
  EXPECT_EQ(ProInputAt(*load.book, Day2026(11)), 1'000'000);
  EXPECT_EQ(load.book->Find(kPro, Day2026(11))->layer, Layer::kOverride);
}

TEST(LoadPriceBook, AMissingOverridesFileIsAnErrorNamingIt) {
  TempDir dir;
  config::PricingConfig pricing = PricingIn(dir);
  pricing.overrides_file = dir.File("absent.yaml");
  const BookLoad load = LoadPriceBook(pricing);
  EXPECT_EQ(load.book, nullptr);
  ASSERT_EQ(load.errors.size(), 1u);
  EXPECT_NE(load.errors[0].find(dir.File("absent.yaml")), std::string::npos) << load.errors[0];
}

TEST(LoadPriceBook, AnInvalidOverridesFileIsAnErrorNamingIt) {
  TempDir dir;
  WriteText(dir.path() / "overrides.yaml", "version: 1\nprices:\n  - key: x\n");
  config::PricingConfig pricing = PricingIn(dir);
  pricing.overrides_file = dir.File("overrides.yaml");
  const BookLoad load = LoadPriceBook(pricing);
  EXPECT_EQ(load.book, nullptr);
  ASSERT_FALSE(load.errors.empty());
  for (const std::string& error : load.errors) {
    EXPECT_NE(error.find(dir.File("overrides.yaml")), std::string::npos) << error;
  }
}

TEST(LoadPriceBook, TheElevenLabsPlanComesFromTheConfig) {
  TempDir dir;
  config::PricingConfig pricing = PricingIn(dir);
  pricing.elevenlabs_plan = "scale";
  const BookLoad scale = LoadPriceBook(pricing);
  ASSERT_NE(scale.book, nullptr) << Joined(scale.errors);
  EXPECT_EQ(scale.book->options().elevenlabs_plan, "scale");
  EXPECT_NE(scale.book->version(), LoadPriceBook(PricingIn(dir)).book->version());
}

TEST(LoadPriceBook, WhatSaveWroteLoadsBack) {
  TempDir dir;
  const SaveResult saved =
      SaveToPriceHistory(dir.path().string(), ProCatalogue("4e-06"), Day2026(30));
  ASSERT_TRUE(saved.written) << saved.error;
  const BookLoad load = LoadPriceBook(PricingIn(dir));
  ASSERT_NE(load.book, nullptr) << Joined(load.errors);
  EXPECT_EQ(ProInputAt(*load.book, Day2026(30)), 4'000'000);
}

TEST(LoadPriceBook, TheExampleOverridesFileLoadsAndPricesFromItsDate) {
  config::PricingConfig pricing;
  pricing.history_dir.clear();
  pricing.overrides_file =
      std::string(COSTGATE_SOURCE_DIR) + "/config/price-overrides.example.yaml";
  const BookLoad load = LoadPriceBook(pricing);
  ASSERT_TRUE(load.errors.empty()) << load.errors.front();
  const int64_t nov_30 = 1'795'996'800'000;  // date -d 2026-11-30Z +%s
  const int64_t dec_1 = nov_30 + 86'400'000;
  const PriceRow* before = load.book->Find("gemini/gemini-2.5-flash", nov_30);
  const PriceRow* after = load.book->Find("gemini/gemini-2.5-flash", dec_1);
  ASSERT_NE(before, nullptr);
  ASSERT_NE(after, nullptr);
  EXPECT_EQ(before->Rate(RateKind::kInputToken)->pico(), 300'000);
  EXPECT_EQ(after->Rate(RateKind::kInputToken)->pico(), 270'000);
  EXPECT_EQ(after->layer, Layer::kOverride);
  EXPECT_NE(load.book->Find("gemini/custom-gemini-2.0-flash", 0), nullptr);
  const PriceRow* chirp_hd = load.book->Find("google-tts/chirp-hd", 0);
  ASSERT_NE(chirp_hd, nullptr);
  EXPECT_EQ(chirp_hd->Rate(RateKind::kInputCharacter)->pico(), 30'000'000);
}

}  // namespace
}  // namespace costgate::pricing
