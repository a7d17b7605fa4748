// `costgate prices show | quote | import` run as the real binary, on the bundled price data and
// a price history directory of the test's own.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "daemon/log/rfc3339.h"
#include "pricing/price_history.h"
#include "tests/integration/command_helpers.h"
#include "tests/integration/json_helpers.h"
#include "tests/integration/price_catalogue_helpers.h"
#include "tests/integration/process_helpers.h"

namespace costgate::integration {
namespace {

constexpr auto kExitWait = std::chrono::seconds(30);  // bound on every command

// The line of `text` that starts with `prefix`; "" when there is none.
std::string LineStartingWith(const std::string& text, std::string_view prefix) {
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.starts_with(prefix)) {
      return line;
    }
  }
  return "";
}

std::string Rfc3339(int64_t unix_ms) {
  std::string text;
  daemon::log::AppendRfc3339Millis(text, unix_ms);
  return text;
}

class PricesCliTest : public ::testing::Test {
 protected:
  // Runs `costgate prices args...` in the test's directory (so the default pricing.history_dir,
  // ./costgate-prices, is the test's own).
  CommandResult Prices(std::vector<std::string> args) {
    args.insert(args.begin(), "prices");
    return RunCostgate(args, dir_.path(), kExitWait);
  }

  std::string Write(std::string_view name, std::string_view contents) {
    const std::filesystem::path path = dir_.path() / name;
    WriteFile(path, contents);
    return path.string();
  }

  std::vector<std::filesystem::path> SavedVersions() const {
    std::vector<std::filesystem::path> files;
    if (std::filesystem::exists(History())) {
      for (const auto& entry : std::filesystem::directory_iterator(History())) {
        files.push_back(entry.path());
      }
    }
    return files;
  }

  std::filesystem::path History() const { return dir_.path() / "costgate-prices"; }

  TempDir dir_;
};

TEST_F(PricesCliTest, ShowPrintsTheResolvedKeyAndEveryRate) {
  const CommandResult result = Prices({"show", "gemini-2.5-pro"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("price key  gemini/gemini-2.5-pro\n"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("layer      litellm, in force since always\n"), std::string::npos);
  // https://ai.google.dev/gemini-api/docs/pricing, Gemini 2.5 Pro: $1.25 / $10 per 1M tokens,
  // $2.50 / $15 above 200k prompt tokens.
  EXPECT_NE(LineStartingWith(result.out, "  input_cost_per_token ")
                .find("0.00000125 per token (1.25 per 1M tokens)"),
            std::string::npos)
      << result.out;
  EXPECT_NE(LineStartingWith(result.out, "  output_cost_per_token ")
                .find("0.00001 per token (10.00 per 1M tokens)"),
            std::string::npos);
  EXPECT_NE(LineStartingWith(result.out, "  input_cost_per_token_above_200k_tokens ")
                .find("0.0000025 per token (2.50 per 1M tokens)"),
            std::string::npos);
  EXPECT_NE(LineStartingWith(result.out, "  output_cost_per_token_above_200k_tokens ")
                .find("0.000015 per token (15.00 per 1M tokens)"),
            std::string::npos);
  EXPECT_NE(result.out.find("exceeds 200000 tokens"), std::string::npos);
}

TEST_F(PricesCliTest, ShowJsonCarriesTheKeyRatesAndBookVersion) {
  const CommandResult result = Prices({"show", "models/gemini-2.5-pro", "--json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(JsonString(result.out, "/price_key"), "gemini/gemini-2.5-pro");
  EXPECT_EQ(JsonString(result.out, "/rates/input_cost_per_token"), "0.00000125");
  EXPECT_EQ(JsonInt(result.out, "/long_context_threshold"), 200'000);
  EXPECT_EQ(JsonString(result.out, "/book_version").value_or("").substr(0, 3), "pb-");
  EXPECT_EQ(JsonArraySize(result.out, "/history"), 1u);
}

TEST_F(PricesCliTest, ShowOfAnUnknownModelListsTheKeysTriedAndExitsOne) {
  const CommandResult result = Prices({"show", "gemini-9-ultra"});
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_NE(result.out.find("no price for 'gemini-9-ultra' (provider gemini)"), std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("\n  gemini/gemini-9-ultra\n  gemini-9-ultra\n"
                            "  vertex_ai/gemini-9-ultra\n"),
            std::string::npos)
      << result.out;
}

TEST_F(PricesCliTest, QuoteOfAMillionTokensEachWayOnFlashIsTwoDollarsEighty) {
  // https://ai.google.dev/gemini-api/docs/pricing, Gemini 2.5 Flash (paid tier, text): input
  // $0.30 per 1M tokens, output (including thinking) $2.50 per 1M tokens: 0.30 + 2.50 = 2.80.
  const CommandResult result =
      Prices({"quote", "gemini-2.5-flash", "input_tokens=1000000", "output_tokens=1000000"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("price key  gemini/gemini-2.5-flash\n"), std::string::npos)
      << result.out;
  EXPECT_NE(LineStartingWith(result.out, "  input_tokens ").find("0.300000000000"),
            std::string::npos)
      << result.out;
  EXPECT_NE(LineStartingWith(result.out, "  output_tokens ").find("2.500000000000"),
            std::string::npos);
  EXPECT_NE(result.out.find("total      $2.80 (cents, half to even)\n"), std::string::npos);
  EXPECT_NE(result.out.find("$2.800000000000 (exact)\n"), std::string::npos);
}

TEST_F(PricesCliTest, EachApiQuotesGemini20FlashFromItsOwnPriceList) {
  // Vertex AI lists Gemini 2.0 Flash at $0.15 / $0.60 per 1M tokens
  // (cloud.google.com/vertex-ai/generative-ai/pricing), the Gemini API at $0.10 / $0.40
  // (ai.google.dev/gemini-api/docs/pricing): the proxy and central price by the same keys.
  const struct {
    const char* provider;
    const char* key;
    int64_t micro_usd;
  } kCases[] = {{"vertex", "vertex_ai/gemini-2.0-flash", 750'000},
                {"gemini", "gemini/gemini-2.0-flash", 500'000}};
  for (const auto& c : kCases) {
    const CommandResult quote =
        Prices({"quote", "gemini-2.0-flash", "input_tokens=1000000", "output_tokens=1000000",
                "--provider", c.provider, "--json"});
    ASSERT_EQ(quote.exit_code, 0) << quote.err;
    EXPECT_EQ(JsonString(quote.out, "/price_key"), c.key) << quote.out;
    EXPECT_EQ(JsonInt(quote.out, "/total_micro_usd"), c.micro_usd) << quote.out;
    const CommandResult show =
        Prices({"show", "gemini-2.0-flash", "--provider", c.provider, "--json"});
    ASSERT_EQ(show.exit_code, 0) << show.err;
    EXPECT_EQ(JsonString(show.out, "/price_key"), c.key) << show.out;
  }
}

TEST_F(PricesCliTest, QuoteJsonTotalIsExactInMicroUsd) {
  const CommandResult result = Prices(
      {"quote", "gemini-2.5-flash", "input_tokens=1_000_000", "output_tokens=1000000", "--json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(JsonInt(result.out, "/total_micro_usd"), 2'800'000);
  EXPECT_EQ(JsonString(result.out, "/total_usd"), "2.800000000000");
  EXPECT_EQ(JsonArraySize(result.out, "/lines"), 2u);
  EXPECT_EQ(JsonString(result.out, "/lines/1/rate"), "output_cost_per_token");
}

TEST_F(PricesCliTest, QuoteOfAnUnknownModelSaysUnpricedAndExitsOne) {
  const CommandResult result = Prices({"quote", "gemini-9-ultra", "input_tokens=10"});
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_NE(result.out.find("not priced: unknown_model"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("  gemini/gemini-9-ultra\n"), std::string::npos) << result.out;
}

TEST_F(PricesCliTest, QuoteWithAnUnknownUnitListsTheKnownOnesAndExitsTwo) {
  const CommandResult result = Prices({"quote", "gemini-2.5-flash", "tokens=10"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("'tokens=10' is not UNIT=QTY with a known unit"), std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("input_tokens, cached_input_tokens, output_tokens"), std::string::npos)
      << result.err;
}

TEST_F(PricesCliTest, ImportReportsTheRepricedKeyAndSavesTheFile) {
  const std::string catalogue = RepricedCatalogue();
  const std::string file = Write("newer.json", catalogue);
  const CommandResult result = Prices({"import", file});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("compared with the bundled snapshot:\nadded: 0\n"), std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("repriced: 1\n  ~ gemini/gemini-2.5-pro\n"
                            "      input_cost_per_token: 0.00000125 -> 0.000002\n"),
            std::string::npos)
      << result.out;
  const std::vector<std::filesystem::path> saved = SavedVersions();
  ASSERT_EQ(saved.size(), 1u);
  EXPECT_EQ(ReadFileOrEmpty(saved[0]), catalogue);
  EXPECT_NE(result.out.find("saved costgate-prices/" + saved[0].filename().string()),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("price book pb-"), std::string::npos);
}

TEST_F(PricesCliTest, ShowAtTimesBeforeAndFromTheImportSeesBothPrices) {
  ASSERT_EQ(Prices({"import", Write("newer.json", RepricedCatalogue())}).exit_code, 0);
  const std::vector<std::filesystem::path> saved = SavedVersions();
  ASSERT_EQ(saved.size(), 1u);
  // litellm-<unix_ms>-<sha>.json: the new prices apply from unix_ms on.
  const std::string name = saved[0].filename().string();
  const int64_t from_ms = std::stoll(name.substr(8, name.find('-', 8) - 8));

  const CommandResult before = Prices({"show", "gemini-2.5-pro", "--at", Rfc3339(from_ms - 1)});
  const CommandResult from = Prices({"show", "gemini-2.5-pro", "--at", Rfc3339(from_ms)});
  const CommandResult old_date = Prices({"show", "gemini-2.5-pro", "--at", "2025-06-01"});
  ASSERT_EQ(before.exit_code, 0) << before.err;
  ASSERT_EQ(from.exit_code, 0) << from.err;
  EXPECT_NE(LineStartingWith(before.out, "  input_cost_per_token ").find("0.00000125 per token"),
            std::string::npos)
      << before.out;
  EXPECT_NE(LineStartingWith(old_date.out, "  input_cost_per_token ").find("0.00000125 per token"),
            std::string::npos)
      << old_date.out;
  EXPECT_NE(LineStartingWith(from.out, "  input_cost_per_token ").find("0.000002 per token"),
            std::string::npos)
      << from.out;
  EXPECT_NE(from.out.find("layer      litellm, in force from " + Rfc3339(from_ms)),
            std::string::npos)
      << from.out;
  // Both spans are in the key's history, the second marked as the one in force.
  EXPECT_NE(from.out.find("  from " + Rfc3339(from_ms)), std::string::npos) << from.out;
  EXPECT_NE(from.out.find("<- in force"), std::string::npos);
}

TEST_F(PricesCliTest, QuoteUsesThePriceInForceAtItsTime) {
  ASSERT_EQ(Prices({"import", Write("newer.json", RepricedCatalogue())}).exit_code, 0);
  // 100,000 prompt tokens: under the 200k long-context threshold, so the base input rate.
  const CommandResult old_price =
      Prices({"quote", "gemini-2.5-pro", "input_tokens=100000", "--at", "2025-06-01", "--json"});
  const CommandResult new_price =
      Prices({"quote", "gemini-2.5-pro", "input_tokens=100000", "--json"});
  EXPECT_EQ(JsonInt(old_price.out, "/total_micro_usd"), 125'000) << old_price.out;
  EXPECT_EQ(JsonInt(new_price.out, "/total_micro_usd"), 200'000) << new_price.out;
  EXPECT_NE(JsonString(old_price.out, "/book_version"), std::nullopt);
  EXPECT_EQ(JsonString(old_price.out, "/book_version"), JsonString(new_price.out, "/book_version"));
}

TEST_F(PricesCliTest, ImportingTheSameFileAgainSavesNothing) {
  const std::string file = Write("newer.json", RepricedCatalogue());
  ASSERT_EQ(Prices({"import", file}).exit_code, 0);
  const CommandResult again = Prices({"import", file});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("repriced: 0\n"), std::string::npos) << again.out;
  EXPECT_NE(again.out.find("has the same content; nothing saved"), std::string::npos) << again.out;
  EXPECT_EQ(SavedVersions().size(), 1u);
}

TEST_F(PricesCliTest, DryRunReportsButSavesNothing) {
  const CommandResult result =
      Prices({"import", Write("newer.json", RepricedCatalogue()), "--dry-run"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("repriced: 1\n"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("dry run: nothing saved"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(History()));
}

TEST_F(PricesCliTest, ImportOfABrokenFileExitsTwoAndSavesNothing) {
  const std::string file = Write("broken.json", "{\"gemini/x\": {\"input_cost_per_token\": ");
  const CommandResult result = Prices({"import", file});
  EXPECT_EQ(result.exit_code, 2) << result.out;
  EXPECT_NE(result.err.find(file + ": not a valid LiteLLM price catalogue"), std::string::npos)
      << result.err;
  EXPECT_FALSE(std::filesystem::exists(History()));
}

TEST_F(PricesCliTest, ImportOfANegativePriceNamesTheEntryAndSavesNothing) {
  const std::string file =
      Write("negative.json", R"({"gemini/x": {"input_cost_per_token": -1e-06, "mode": "chat"}})");
  const CommandResult result = Prices({"import", file});
  EXPECT_EQ(result.exit_code, 2) << result.out;
  EXPECT_NE(result.err.find(file + ": gemini/x.input_cost_per_token"), std::string::npos)
      << result.err;
  EXPECT_FALSE(std::filesystem::exists(History()));
}

TEST_F(PricesCliTest, ABrokenSavedVersionMakesShowFailNamingTheFile) {
  std::filesystem::create_directories(History());
  // Named as costgate names a saved version (with its content's hash), but not a catalogue.
  const std::string content = "{\"gemini/x\": ";
  const std::string name = pricing::HistoryFileName(
      1'767'225'600'000, base::Sha256Hex(content, pricing::kHistoryShaDigits));
  WriteFile(History() / name, content);
  const CommandResult result = Prices({"show", "gemini-2.5-pro"});
  EXPECT_EQ(result.exit_code, 2) << result.out;
  EXPECT_NE(result.err.find("costgate-prices/" + name + ": not a JSON object"), std::string::npos)
      << result.err;
  EXPECT_EQ(result.out, "");
}

TEST_F(PricesCliTest, UsageErrorsExitTwo) {
  EXPECT_EQ(Prices({}).exit_code, 2);
  EXPECT_EQ(Prices({"list"}).exit_code, 2);
  EXPECT_EQ(Prices({"show"}).exit_code, 2);
  EXPECT_EQ(Prices({"quote", "gemini-2.5-flash"}).exit_code, 2);
  EXPECT_EQ(Prices({"show", "gemini-2.5-pro", "--at", "yesterday"}).exit_code, 2);
  EXPECT_EQ(Prices({"quote", "gemini-2.5-pro", "input_tokens=1", "--tier", "gold"}).exit_code, 2);
  EXPECT_EQ(Prices({"show", "gemini-2.5-pro", "--dry-run"}).exit_code, 2);
}

TEST_F(PricesCliTest, HelpListsTheSubcommandsAndUnits) {
  const CommandResult result = Prices({"--help"});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_NE(result.out.find("costgate prices show MODEL"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("costgate prices quote MODEL UNIT=QTY..."), std::string::npos);
  EXPECT_NE(result.out.find("costgate prices import FILE"), std::string::npos);
  EXPECT_NE(result.out.find("cached_input_tokens"), std::string::npos);
}

}  // namespace
}  // namespace costgate::integration
