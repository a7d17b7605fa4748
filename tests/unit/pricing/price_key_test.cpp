#include "pricing/price_key.h"

#include <gtest/gtest.h>

#include "tests/unit/pricing/test_books_helpers.h"

namespace costgate::pricing {
namespace {

std::string Resolve(std::string_view provider, std::string_view model_version,
                    std::string_view model_requested) {
  return ResolvePriceKey(BundledLiteLlmBook(), {provider, model_version, model_requested},
                         Day2026(300))
      .key;
}

TEST(PriceKeyTest, GeminiApiModelsResolveToGeminiKeys) {
  EXPECT_EQ(Resolve("gemini", "", "gemini-2.5-flash"), "gemini/gemini-2.5-flash");
}

TEST(PriceKeyTest, ModelsPrefixIsIgnored) {
  EXPECT_EQ(Resolve("gemini", "", "models/gemini-2.5-pro"), "gemini/gemini-2.5-pro");
}

TEST(PriceKeyTest, ServedModelVersionWinsOverTheUrlAlias) {
  // The API answered gemini-flash-latest with gemini-3.6-flash (fixture llmgemini-flash-latest).
  EXPECT_EQ(Resolve("gemini", "gemini-3.6-flash", "gemini-flash-latest"),
            "gemini/gemini-3.6-flash");
}

TEST(PriceKeyTest, UrlModelIsUsedWhenTheResponseNamesNone) {
  EXPECT_EQ(Resolve("gemini", "", "gemini-flash-latest"), "gemini/gemini-flash-latest");
}

TEST(PriceKeyTest, DatedPreviewFallsBackToItsBaseModel) {
  EXPECT_EQ(Resolve("gemini", "gemini-2.5-flash-preview-05-20", ""), "gemini/gemini-2.5-flash");
}

TEST(PriceKeyTest, ExactDatedPreviewIsPreferredWhenPriced) {
  EXPECT_EQ(Resolve("gemini", "gemini-2.5-flash-lite-preview-06-17", ""),
            "gemini/gemini-2.5-flash-lite-preview-06-17");
}

TEST(PriceKeyTest, ExperimentalSuffixFallsBack) {
  EXPECT_EQ(Resolve("gemini", "gemini-2.0-flash-exp", "gemini-2.0-flash-exp"),
            "gemini/gemini-2.0-flash");
}

TEST(PriceKeyTest, NumberedVersionOfAnUnlistedModelFallsBack) {
  EXPECT_EQ(Resolve("gemini", "gemini-2.5-flash-002", ""), "gemini/gemini-2.5-flash");
}

TEST(PriceKeyTest, VertexPrefersVertexPrices) {
  EXPECT_EQ(Resolve("vertex", "", "publishers/google/models/gemini-2.0-flash-001"),
            "gemini-2.0-flash-001");
  EXPECT_EQ(Resolve("vertex", "", "gemini-3.6-flash"), "vertex_ai/gemini-3.6-flash");
}

TEST(PriceKeyTest, VertexGemini20FlashIsPricedAtTheVertexListPrice) {
  // LiteLLM's bare gemini-2.0-flash row is filed under Vertex AI with the Gemini API's price;
  // the catalogue's vertex_ai/ row has Vertex AI's.
  const auto book = BundledBook();
  const ResolvedKey vertex =
      ResolvePriceKey(*book, {"vertex", "", "gemini-2.0-flash"}, Day2026(340));
  ASSERT_NE(vertex.row, nullptr);
  EXPECT_EQ(vertex.key, "vertex_ai/gemini-2.0-flash");
  EXPECT_EQ(vertex.row->Rate(RateKind::kInputToken), Money::FromPico(150'000));
  EXPECT_EQ(vertex.row->Rate(RateKind::kOutputToken), Money::FromPico(600'000));
  const ResolvedKey gemini =
      ResolvePriceKey(*book, {"gemini", "", "gemini-2.0-flash"}, Day2026(340));
  ASSERT_NE(gemini.row, nullptr);
  EXPECT_EQ(gemini.key, "gemini/gemini-2.0-flash");
  EXPECT_EQ(gemini.row->Rate(RateKind::kInputToken), Money::FromPico(100'000));
}

TEST(PriceKeyTest, EachApiPricesAtItsOwnListWhenItHasTheModel) {
  // Every model name both lists price (a gemini/ row, and a vertex_ai/ row or a bare row filed
  // under Vertex AI) resolves to the caller's own list's row.
  const auto book = BundledBook();
  size_t both = 0;
  for (const std::string_view key : book->Keys()) {
    if (!key.starts_with("gemini/")) {
      continue;
    }
    const std::string model(key.substr(std::string_view("gemini/").size()));
    const PriceRow* bare = book->Find(model, Day2026(340));
    const bool vertex_has_it = book->Find("vertex_ai/" + model, Day2026(340)) != nullptr ||
                               (bare != nullptr && RowBelongsTo(*bare, "vertex"));
    if (!vertex_has_it) {
      continue;
    }
    ++both;
    for (const std::string_view provider : {"gemini", "vertex"}) {
      const ResolvedKey resolved = ResolvePriceKey(*book, {provider, "", model}, Day2026(340));
      ASSERT_NE(resolved.row, nullptr) << provider << " " << model;
      EXPECT_TRUE(RowBelongsTo(*resolved.row, provider))
          << provider << " " << model << " -> " << resolved.key;
    }
  }
  EXPECT_GT(both, 30U);
}

TEST(PriceKeyTest, TheOwnListsRowWinsWhateverItsKeysPrefix) {
  // An override filed under the other list's prefix still belongs to the list it names.
  PriceRow bare = Row("m", RateKind::kInputToken, 1);
  bare.provider = "gemini";
  PriceRow filed = Row("gemini/m", RateKind::kInputToken, 2);
  filed.provider = "vertex_ai";
  const auto book = PriceBook::Build({bare, filed}, BookOptions{});
  EXPECT_EQ(ResolvePriceKey(*book, {"vertex", "", "m"}, 0).key, "gemini/m");
  EXPECT_EQ(ResolvePriceKey(*book, {"gemini", "", "m"}, 0).key, "m");
  // Without a row of its own list a call takes another list's, in the usual order.
  const auto other = PriceBook::Build({bare}, BookOptions{});
  EXPECT_EQ(ResolvePriceKey(*other, {"vertex", "", "m"}, 0).key, "m");
}

TEST(PriceKeyTest, TheSameModelInAnotherListBeatsAShorterVersionInTheOwnList) {
  PriceRow dated = Row("gemini/m-preview-05-20", RateKind::kInputToken, 1);
  dated.provider = "gemini";
  PriceRow base = Row("vertex_ai/m", RateKind::kInputToken, 2);
  base.provider = "vertex_ai";
  const auto book = PriceBook::Build({dated, base}, BookOptions{});
  EXPECT_EQ(ResolvePriceKey(*book, {"vertex", "m-preview-05-20", ""}, 0).key,
            "gemini/m-preview-05-20");
}

TEST(PriceKeyTest, RowsBelongToTheirProvidersList) {
  auto row = [](std::string provider) {
    PriceRow r;
    r.provider = std::move(provider);
    return r;
  };
  EXPECT_TRUE(RowBelongsTo(row("gemini"), "gemini"));
  EXPECT_FALSE(RowBelongsTo(row("gemini"), "vertex"));
  for (const char* vertex : {"vertex_ai", "vertex_ai-language-models", "vertex_ai-embedding-models",
                             "vertex_ai-image-models", "vertex"}) {
    EXPECT_TRUE(RowBelongsTo(row(vertex), "vertex")) << vertex;
    EXPECT_FALSE(RowBelongsTo(row(vertex), "gemini")) << vertex;
  }
  EXPECT_TRUE(RowBelongsTo(row("vertex_ai-language-models"), "google-tts"));
  EXPECT_TRUE(RowBelongsTo(row("google-tts"), "google-tts"));
  EXPECT_FALSE(RowBelongsTo(row("gemini"), "google-tts"));
  EXPECT_TRUE(RowBelongsTo(row("elevenlabs"), "elevenlabs"));
  EXPECT_FALSE(RowBelongsTo(row("elevenlabs"), "gemini"));
  EXPECT_TRUE(RowBelongsTo(row(""), "vertex"));  // names no list: claims none
}

TEST(PriceKeyTest, VertexVersionAfterAtSignFallsBack) {
  EXPECT_EQ(Resolve("vertex", "", "gemini-2.5-pro@default"), "gemini-2.5-pro");
}

TEST(PriceKeyTest, UnknownModelResolvesToNothing) {
  const ResolvedKey r =
      ResolvePriceKey(BundledLiteLlmBook(), {"gemini", "", "custom-gemini-2.0-flash"}, 0);
  EXPECT_EQ(r.row, nullptr);
  EXPECT_EQ(r.key, "");
}

TEST(PriceKeyTest, SingleDigitModelGenerationIsNotAVersionSuffix) {
  // gemini-embedding-2 must not be shortened to gemini-embedding.
  EXPECT_EQ(Resolve("gemini", "", "gemini-embedding-2"), "gemini/gemini-embedding-2");
}

TEST(PriceKeyTest, CandidatesListEveryKeyTriedInOrder) {
  EXPECT_EQ(PriceKeyCandidates({"gemini", "", "models/x-exp"}),
            (std::vector<std::string>{"gemini/x-exp", "x-exp", "vertex_ai/x-exp", "gemini/x", "x",
                                      "vertex_ai/x"}));
}

TEST(PriceKeyTest, CandidatesTryTheServedModelFirst) {
  const auto keys = PriceKeyCandidates({"elevenlabs", "a", "b"});
  EXPECT_EQ(keys, (std::vector<std::string>{"elevenlabs/a", "elevenlabs/b"}));
}

}  // namespace
}  // namespace costgate::pricing
