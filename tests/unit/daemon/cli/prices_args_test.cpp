#include "daemon/cli/prices_args.h"

#include <gtest/gtest.h>

#include "daemon/cli/price_text.h"
#include "pricing/price_row.h"

namespace costgate::daemon::cli {
namespace {

constexpr int64_t kNewYear2026 = 1'767'225'600'000;  // 2026-01-01T00:00:00Z

std::optional<PricesArgs> ParsePrices(std::vector<std::string_view> args) {
  return ParsePricesArgs(args, kNewYear2026);
}

TEST(ParsePricesArgs, ShowTakesAModelAndDefaultsToGeminiNowStandard) {
  const auto args = ParsePrices({"show", "gemini-2.5-pro"});
  ASSERT_TRUE(args.has_value());
  EXPECT_EQ(args->subcommand, "show");
  EXPECT_EQ(args->positional, std::vector<std::string>{"gemini-2.5-pro"});
  EXPECT_EQ(args->provider, "gemini");
  EXPECT_EQ(args->at_ms, kNewYear2026);
  EXPECT_EQ(args->tier, pricing::ServiceTier::kStandard);
  EXPECT_FALSE(args->json);
}

TEST(ParsePricesArgs, ReadsOptionsWithSpaceOrEquals) {
  const auto args =
      ParsePrices({"quote", "--provider=vertex", "gemini-2.5-flash", "--tier", "flex",
                   "input_tokens=5", "--at", "2026-01-02", "--json", "-c", "/etc/c.yaml"});
  ASSERT_TRUE(args.has_value());
  EXPECT_EQ(args->provider, "vertex");
  EXPECT_EQ(args->tier, pricing::ServiceTier::kFlex);
  EXPECT_EQ(args->at_ms, kNewYear2026 + 86'400'000);
  EXPECT_TRUE(args->json);
  EXPECT_EQ(args->config_path, "/etc/c.yaml");
  EXPECT_EQ(args->positional, (std::vector<std::string>{"gemini-2.5-flash", "input_tokens=5"}));
}

TEST(ParsePricesArgs, ImportTakesAFileAndDryRun) {
  const auto args = ParsePrices({"import", "prices.json", "--dry-run"});
  ASSERT_TRUE(args.has_value());
  EXPECT_TRUE(args->dry_run);
  EXPECT_EQ(args->positional, std::vector<std::string>{"prices.json"});
}

TEST(ParsePricesArgs, RejectsOptionsThatDoNotApplyToTheSubcommand) {
  EXPECT_FALSE(ParsePrices({"show", "m", "--dry-run"}));
  EXPECT_FALSE(ParsePrices({"show", "m", "--tier", "flex"}));
  EXPECT_FALSE(ParsePrices({"import", "f.json", "--at", "2026-01-01"}));
  EXPECT_FALSE(ParsePrices({"import", "f.json", "--json"}));
}

TEST(ParsePricesArgs, RejectsBadValuesAndCounts) {
  EXPECT_FALSE(ParsePrices({}));
  EXPECT_FALSE(ParsePrices({"list"}));
  EXPECT_FALSE(ParsePrices({"show"}));
  EXPECT_FALSE(ParsePrices({"show", "a", "b"}));
  EXPECT_FALSE(ParsePrices({"quote", "m"}));
  EXPECT_FALSE(ParsePrices({"quote", "m", "input_tokens=1", "--tier", "gold"}));
  EXPECT_FALSE(ParsePrices({"show", "m", "--at"}));
  EXPECT_FALSE(ParsePrices({"show", "m", "--at", "yesterday"}));
  EXPECT_FALSE(ParsePrices({"show", "m", "--provider="}));
  EXPECT_FALSE(ParsePrices({"show", "m", "--json=yes"}));
  EXPECT_FALSE(ParsePrices({"show", "m", "--colour"}));
}

TEST(TrimmedUsd, DropsTrailingZerosKeepingTwoDecimals) {
  EXPECT_EQ(TrimmedUsd(pricing::Money::FromPico(1'250'000)), "0.00000125");
  EXPECT_EQ(TrimmedUsd(pricing::Money::FromPico(2'500'000'000'000)), "2.50");
  EXPECT_EQ(TrimmedUsd(pricing::Money::FromPico(160'000'000'000'000)), "160.00");
  EXPECT_EQ(TrimmedUsd(pricing::Money::FromPico(1)), "0.000000000001");
  EXPECT_EQ(TrimmedUsd(pricing::Money{}), "0.00");
}

TEST(PerMillionUsd, OnlyForTokensAndCharacters) {
  const auto per_token = pricing::Money::FromPico(300'000);  // $0.30 per 1M
  EXPECT_EQ(PerMillionUsd(pricing::RateKind::kInputToken, per_token), "0.30");
  EXPECT_EQ(PerMillionUsd(pricing::RateKind::kInputCharacter, pricing::Money::FromPico(4'000'000)),
            "4.00");
  EXPECT_EQ(PerMillionUsd(pricing::RateKind::kOutputImage, per_token), "");
  EXPECT_EQ(PerMillionUsd(pricing::RateKind::kCredit, per_token), "");
}

TEST(FormatFrom, SaysSinceAlwaysForTheOldestRow) {
  EXPECT_EQ(FormatFrom(pricing::kSinceAlways), "since always");
  EXPECT_EQ(FormatFrom(kNewYear2026), "from 2026-01-01T00:00:00.000Z");
}

TEST(JsonOut, WritesCommasAndEscapes) {
  JsonOut json;
  json.Begin('{').Field("a", std::string_view("x\"y")).Field("n", 3).Key("l").Begin('[');
  json.Str("p").Null().Bool(true).End(']').Key("o").Begin('{').End('}').End('}');
  EXPECT_EQ(json.text(), R"({"a":"x\"y","n":3,"l":["p",null,true],"o":{}})");
}

}  // namespace
}  // namespace costgate::daemon::cli
