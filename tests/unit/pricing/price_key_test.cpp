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
