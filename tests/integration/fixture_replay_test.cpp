// Every recorded exchange in tests/fixtures/<provider>/ replayed through the proxy by the mock
// upstream: the client gets the recorded bytes unchanged (status, Content-Type, body: the raw
// gzip stream where the recording was gzip), and the call's receipt has the units and cost the
// provider bills. Metering at every split offset is unit-tested (tests/unit/filters); this is the
// whole path: routing, forwarding over TLS, metering, pricing, the outbox.
//
// Costs are pico-USD (1 USD = 1e12) from the bundled price book, by hand: units x the LiteLLM
// per-token rate in pricing/data/litellm_model_prices.json ("gemini/<model>" for the Gemini API,
// "<model>" for a Vertex AI path), cached tokens at cache_read_input_token_cost and the rest of
// the prompt at input_cost_per_token, thinking at the output rate; Cloud TTS characters x the
// voice type's input_cost_per_character in pricing/data/catalogue.yaml.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "tests/integration/integration_fixture_helpers.h"
#include "tests/integration/replay_fixture_helpers.h"

namespace costgate::integration {
namespace {

using UnitMap = std::map<std::string, int64_t>;

enum class Billing {
  kMetered,   // a receipt with the provider's units (reported, or estimated when `estimated`)
  kFree,      // a receipt at cost 0 with one request unit (countTokens)
  kError,     // an error answer: a receipt with the status and no billed units (a free
              // operation keeps its one request unit, at cost 0)
  kNoReceipt  // not billed: only the bytes are checked (pass-through operations)
};

struct ReplayCase {
  std::string_view folder;
  std::string_view fixture;
  std::string_view prefix;  // route prefix the client uses ("" = bare path)
  Billing billing;
  std::string_view provider;
  std::string_view operation;
  UnitMap units;  // exact units of the receipt
  bool estimated = false;
  std::optional<int64_t> cost_pico;  // nullopt: not asserted
};

void PrintTo(const ReplayCase& c, std::ostream* out) { *out << c.folder << "/" << c.fixture; }

std::string ReplayCaseName(const ::testing::TestParamInfo<ReplayCase>& info) {
  std::string name;
  for (char c : info.param.fixture) {
    name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  }
  return name;
}

// The generateContent units name the per-modality text details too (usageMetadata
// promptTokensDetails / candidatesTokensDetails).
UnitMap Tokens(int64_t input, std::optional<int64_t> output, int64_t total,
               std::optional<int64_t> output_text = std::nullopt) {
  UnitMap units = {{"input_tokens", input}, {"total_tokens", total}, {"input_text_tokens", input}};
  if (output) {
    units["output_tokens"] = *output;
  }
  if (output_text) {
    units["output_text_tokens"] = *output_text;
  }
  return units;
}

UnitMap WithThinking(UnitMap units, int64_t thinking) {
  units["thinking_tokens"] = thinking;
  return units;
}

UnitMap WithCached(UnitMap units, int64_t cached) {
  units["cached_input_tokens"] = cached;
  units["cached_input_text_tokens"] = cached;
  return units;
}

const ReplayCase kReplayCases[] = {
    // 14 x $0.10/1M + 52 x $0.40/1M
    {"gemini", "ddtrace-gemini-2.0-flash-generateContent-gzip", "", Billing::kMetered, "gemini",
     "generateContent", Tokens(14, 52, 66, 52), false, 22'200'000},
    // final event: 14 x $0.10/1M + 51 x $0.40/1M
    {"gemini", "ddtrace-gemini-2.0-flash-streamGenerateContent-sse", "", Billing::kMetered,
     "gemini", "streamGenerateContent", Tokens(14, 51, 65, 51), false, 21'800'000},
    // Vertex AI gemini-2.0-flash-001: 14 x $0.15/1M + 52 x $0.60/1M
    {"gemini", "ddtrace-vertex-2.0-flash-generateContent-gzip", "/gemini", Billing::kMetered,
     "gemini", "generateContent", Tokens(14, 52, 66, 52), false, 33'300'000},
    {"gemini", "ddtrace-vertex-2.0-flash-streamGenerateContent-sse", "/gemini", Billing::kMetered,
     "gemini", "streamGenerateContent", Tokens(14, 52, 66, 52), false, 33'300'000},
    // 32 x $0.30/1M + (12 + 42) x $2.50/1M
    {"gemini", "llmgemini-2.5-flash-tools-streamGenerateContent-jsonarray-gzip.0", "",
     Billing::kMetered, "gemini", "streamGenerateContent", WithThinking(Tokens(32, 12, 86), 42),
     false, 144'600'000},
    // 105 x $0.30/1M + 13 x $2.50/1M
    {"gemini", "llmgemini-2.5-flash-tools-streamGenerateContent-jsonarray-gzip.1", "",
     Billing::kMetered, "gemini", "streamGenerateContent", Tokens(105, 13, 118), false, 64'000'000},
    // 137 x $0.30/1M + 6 x $2.50/1M
    {"gemini", "llmgemini-2.5-flash-tools-streamGenerateContent-jsonarray-gzip.2", "",
     Billing::kMetered, "gemini", "streamGenerateContent", Tokens(137, 6, 143), false, 56'100'000},
    // No usage in the answer: "Some text goes here" = 19 characters / 4, rounded up = 5
    // tokens, estimated; 5 x $0.15/1M.
    {"gemini",
     "llmgemini-embedding-001-batchEmbedContents-no-usage",
     "",
     Billing::kMetered,
     "gemini",
     "batchEmbedContents",
     {{"input_tokens", 5}},
     true,
     750'000},
    // promptTokenCount 4: 4 x $0.20/1M
    {"gemini",
     "llmgemini-embedding-2-batchEmbedContents",
     "",
     Billing::kMetered,
     "gemini",
     "batchEmbedContents",
     {{"input_tokens", 4}, {"input_text_tokens", 4}},
     false,
     800'000},
    // served gemini-3.6-flash: 11 x $1.50/1M + (2 + 291) x $7.50/1M
    {"gemini", "llmgemini-flash-latest-streamGenerateContent-jsonarray-gzip", "/gemini",
     Billing::kMetered, "gemini", "streamGenerateContent", WithThinking(Tokens(11, 2, 304), 291),
     false, 2'214'000'000},
    // -exp priced as gemini-2.0-flash: 13 x $0.10/1M + 8 x $0.40/1M
    {"gemini", "pydanticai-2.0-flash-exp-sse", "/gemini", Billing::kMetered, "gemini",
     "streamGenerateContent", Tokens(13, 8, 21, 8), false, 4'500'000},
    // No usage: "Hello, world!" = 13 characters / 4, rounded up = 4 tokens, estimated;
    // 4 x $0.20/1M (gemini-embedding-2-preview).
    {"gemini",
     "pydanticai-batchEmbedContents",
     "",
     Billing::kMetered,
     "gemini",
     "batchEmbedContents",
     {{"input_tokens", 4}},
     true,
     800'000},
    // Cache creation: usageMetadata.totalTokenCount as input tokens (the cache's storage per
    // hour is not in this answer; cost not asserted).
    {"gemini",
     "pydanticai-cachedContents-explicit-cache.0",
     "",
     Billing::kMetered,
     "gemini",
     "cachedContents.create",
     {{"input_tokens", 3512}},
     false,
     std::nullopt},
    // 8 x $0.30/1M + 3512 cached x $0.03/1M + (2 + 42) x $2.50/1M
    {"gemini", "pydanticai-cachedContents-explicit-cache.1", "", Billing::kMetered, "gemini",
     "generateContent", WithCached(WithThinking(Tokens(3520, 2, 3564), 42), 3512), false,
     217'760'000},
    // 8 x $0.30/1M + 3512 cached x $0.03/1M + (2 + 51) x $2.50/1M
    {"gemini", "pydanticai-cachedContents-explicit-cache.2", "", Billing::kMetered, "gemini",
     "generateContent", WithCached(WithThinking(Tokens(3520, 2, 3573), 51), 3512), false,
     240'260'000},
    {"gemini",
     "pydanticai-cachedContents-explicit-cache.3",
     "",
     Billing::kNoReceipt,
     "gemini",
     "cachedContents.delete",
     {},
     false,
     std::nullopt},
    {"gemini",
     "pydanticai-countTokens-error",
     "",
     Billing::kError,
     "gemini",
     "countTokens",
     {{"requests", 1}},
     false,
     0},
    {"gemini",
     "pydanticai-countTokens-raw",
     "",
     Billing::kFree,
     "gemini",
     "countTokens",
     {{"requests", 1}},
     false,
     0},
    {"gemini",
     "pydanticai-countTokens-then-generate.0",
     "",
     Billing::kFree,
     "gemini",
     "countTokens",
     {{"requests", 1}},
     false,
     0},
    // 12 x $0.30/1M + (109 + 806) x $2.50/1M
    {"gemini", "pydanticai-countTokens-then-generate.1", "", Billing::kMetered, "gemini",
     "generateContent", WithThinking(Tokens(12, 109, 927), 806), false, 2'291'100'000},
    {"gemini",
     "pydanticai-embed-error",
     "",
     Billing::kError,
     "gemini",
     "batchEmbedContents",
     {},
     false,
     0},
    {"gemini",
     "pydanticai-embedding-countTokens",
     "",
     Billing::kFree,
     "gemini",
     "countTokens",
     {{"requests", 1}},
     false,
     0},
    // MAX_TOKENS while thinking, no candidatesTokenCount: 15 x $1.25/1M + 2 x $10.00/1M
    {"gemini", "pydanticai-thinking-max-tokens-empty", "", Billing::kMetered, "gemini",
     "generateContent", WithThinking(Tokens(15, std::nullopt, 17), 2), false, 38'750'000},
    {"gemini",
     "pydanticai-vertex-countTokens.0",
     "/gemini",
     Billing::kFree,
     "gemini",
     "countTokens",
     {{"requests", 1}},
     false,
     0},
    // Vertex AI gemini-2.5-flash: 13 x $0.30/1M + (7 + 32) x $2.50/1M
    {"gemini", "pydanticai-vertex-countTokens.1", "/gemini", Billing::kMetered, "gemini",
     "generateContent", WithThinking(Tokens(13, 7, 52, 7), 32), false, 101'400'000},
    // Vertex AI embedContent, promptTokenCount 11: 11 x $0.20/1M (gemini-embedding-2)
    {"gemini",
     "pydanticai-vertex-embedContent",
     "/gemini",
     Billing::kMetered,
     "gemini",
     "embedContent",
     {{"input_tokens", 11}, {"input_text_tokens", 11}, {"total_tokens", 11}},
     false,
     2'200'000},
    // Vertex AI :predict on gemini-embedding-001: statistics.token_count 4 as input tokens;
    // 4 x $0.15/1M (gemini-embedding-001).
    {"gemini",
     "pydanticai-vertex-embeddings-predict",
     "/gemini",
     Billing::kMetered,
     "gemini",
     "predict",
     {{"input_tokens", 4}},
     false,
     600'000},
    // "TEST" = 4 characters, voice en-US-Wavenet-A (google-tts/wavenet $0.000004 per
    // character): 4 x $4/1M. Bare path: the Cloud TTS REST client takes no prefix.
    {"google-tts",
     "audioslides-v1beta1-text-synthesize-wavenet",
     "",
     Billing::kMetered,
     "google-tts",
     "synthesize",
     {{"characters", 4}},
     false,
     16'000'000},
};

class FixtureReplayTest : public SharedDaemonTest,
                          public ::testing::WithParamInterface<ReplayCase> {};

TEST_P(FixtureReplayTest, ClientGetsTheRecordedBytesAndTheReceiptTheBilledUnits) {
  const ReplayCase& expected = GetParam();
  const RecordedExchange fixture = LoadRecordedExchange(expected.folder, expected.fixture);
  const std::string marker = UniqueToken("replay");
  HttpRequest request;
  request.method = fixture.method;
  request.url = daemon().Url(std::string(expected.prefix) + fixture.target);
  request.headers = {"Content-Type: application/json", "x-mock-fixture: " + fixture.name,
                     std::string(kMarkerHeader) + ": " + marker, "x-costgate-job: " + marker};
  if (fixture.method != "GET") {
    request.body = fixture.request_body;
  }
  const HttpResponse response = Http(request);
  ASSERT_EQ(response.curl_code, CURLE_OK) << response.curl_error;
  EXPECT_EQ(response.status, fixture.status) << response.body.substr(0, 300);
  EXPECT_EQ(response.Header("Content-Type").value_or(""), fixture.content_type);
  EXPECT_TRUE(SameBytes(response.body, fixture.response_body));
  if (expected.billing == Billing::kNoReceipt) {
    return;
  }

  const auto rows = daemon().receipts().WaitForRows("job", marker, 1, kWait);
  ASSERT_EQ(rows.size(), 1u);
  const ReceiptRow& receipt = rows[0];
  EXPECT_EQ(receipt.Text("provider"), expected.provider);
  EXPECT_EQ(receipt.Text("operation"), expected.operation);
  EXPECT_EQ(receipt.Int("http_status"), fixture.status);
  const auto units = JsonIntObject(receipt.Text("units_json"));
  ASSERT_TRUE(units.has_value()) << receipt.Text("units_json");
  EXPECT_EQ(*units, expected.units) << receipt.Text("units_json");
  if (expected.billing == Billing::kError) {
    EXPECT_NE(receipt.Text("outcome"), "success");
  } else {
    EXPECT_EQ(receipt.Text("outcome"), "success");
    EXPECT_EQ(receipt.Int("estimated"), expected.estimated ? 1 : 0);
  }
  if (expected.cost_pico) {
    EXPECT_EQ(receipt.Int("cost_pico_usd"), *expected.cost_pico)
        << receipt.Text("price_key") << " " << receipt.Text("unpriced_reason");
  }
}

INSTANTIATE_TEST_SUITE_P(RecordedFixtures, FixtureReplayTest, ::testing::ValuesIn(kReplayCases),
                         ReplayCaseName);

// A fixture copied into tests/fixtures without a row above fails here, so none is left out.
TEST(FixtureReplayTableTest, EveryRecordedFixtureHasAReplayCase) {
  std::set<std::string> covered;
  for (const ReplayCase& c : kReplayCases) {
    covered.insert(std::string(c.folder) + "/" + std::string(c.fixture));
  }
  std::vector<std::string> missing;
  for (const std::string& name : AllRecordedExchanges()) {
    if (!covered.contains(name)) {
      missing.push_back(name);
    }
  }
  EXPECT_TRUE(missing.empty()) << "fixtures without a replay case: "
                               << ::testing::PrintToString(missing);
}

}  // namespace
}  // namespace costgate::integration
