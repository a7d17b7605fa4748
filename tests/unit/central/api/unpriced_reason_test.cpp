// JudgeUnpriced: why a model's calls are unpriced, from a small hand-built book.
#include "central/api/unpriced_reason.h"

#include <gtest/gtest.h>

#include "pricing/price_book.h"
#include "pricing/rate.h"

namespace costgate::central {
namespace {

using pricing::Band;
using pricing::Money;
using pricing::RateKind;
using pricing::ServiceTier;

pricing::PriceRow Row(std::string key, std::string provider, std::vector<RateKind> kinds) {
  pricing::PriceRow row;
  row.key = std::move(key);
  row.provider = std::move(provider);
  row.mode = "chat";
  for (const RateKind kind : kinds) {
    row.SetRate(kind, ServiceTier::kStandard, Band::kBase, Money::FromPico(1'000'000));
  }
  return row;
}

class JudgeUnpricedTest : public ::testing::Test {
 protected:
  std::shared_ptr<const pricing::PriceBook> book_ = pricing::PriceBook::Build(
      {Row("acme/both", "acme", {RateKind::kInputToken, RateKind::kOutputToken}),
       Row("acme/output-only", "acme", {RateKind::kOutputToken}),
       Row("acme/speech", "acme", {RateKind::kInputCharacter})},
      {});
};

AnalyticsMeasures Used(int64_t input, int64_t output, int64_t characters) {
  AnalyticsMeasures m;
  m.calls = 1;
  m.input_tokens = input;
  m.output_tokens = output;
  m.characters = characters;
  return m;
}

TEST_F(JudgeUnpricedTest, NoKeyResolvesNamesTheKeysTried) {
  const UnpricedReason judged = JudgeUnpriced(*book_, "acme", "nothing", Used(10, 2, 0), 0);
  EXPECT_EQ(judged.reason, "unknown_model");
  EXPECT_TRUE(judged.price_key.empty());
  // Any other provider: "<provider>/<m>", then "<m>" (price_key.h rule 2).
  EXPECT_EQ(judged.tried, (std::vector<std::string>{"acme/nothing", "nothing"}));
  // A call without a provider lists no "/nothing": no key has that shape.
  EXPECT_EQ(JudgeUnpriced(*book_, "", "nothing", Used(10, 2, 0), 0).tried,
            (std::vector<std::string>{"nothing"}));
}

TEST_F(JudgeUnpricedTest, ARowWithoutTheRateOfAUnitUsedNamesTheMissingRate) {
  const UnpricedReason judged = JudgeUnpriced(*book_, "acme", "output-only", Used(10, 2, 0), 0);
  EXPECT_EQ(judged.reason, "no_rate");
  EXPECT_EQ(judged.price_key, "acme/output-only");
  EXPECT_EQ(judged.missing, (std::vector<std::string>{"input_cost_per_token"}));
  // Calls that used no input tokens would be priced by that row.
  EXPECT_EQ(JudgeUnpriced(*book_, "acme", "output-only", Used(0, 2, 0), 0).reason, "priced_now");
}

TEST_F(JudgeUnpricedTest, CharactersCountOnlyForCallsWithoutTokens) {
  // A token-billed row is not faulted for the characters its calls also counted.
  EXPECT_EQ(JudgeUnpriced(*book_, "acme", "both", Used(10, 2, 500), 0).reason, "priced_now");
  const UnpricedReason speech = JudgeUnpriced(*book_, "acme", "both", Used(0, 0, 500), 0);
  EXPECT_EQ(speech.reason, "no_rate");
  EXPECT_EQ(speech.missing, (std::vector<std::string>{"input_cost_per_character"}));
  EXPECT_EQ(JudgeUnpriced(*book_, "acme", "speech", Used(0, 0, 500), 0).reason, "priced_now");
}

}  // namespace
}  // namespace costgate::central
