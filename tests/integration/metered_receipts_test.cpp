// Every metered call leaves exactly one receipt whose units are the provider's last usage report,
// read by hand from the fixture files.
#include <gtest/gtest.h>

#include <map>

#include "tests/integration/integration_fixture_helpers.h"

namespace costgate::integration {
namespace {

using UnitMap = std::map<std::string, int64_t>;

struct MeteredCase {
  std::string_view fixture;
  std::string_view prefix;
  std::string_view operation;
  std::string_view model_requested;
  std::string_view model_version;
  UnitMap units;
  std::string_view price_key;
  int64_t cost_pico;  // hand-computed from the list prices (pricing/data, tests/unit/pricing)
};

// Short names in test listings (ctest) instead of a byte dump.
void PrintTo(const MeteredCase& c, std::ostream* out) { *out << c.fixture; }

std::string MeteredCaseName(const ::testing::TestParamInfo<MeteredCase>& info) {
  std::string name;
  for (char c : info.param.fixture) {
    name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  }
  return name;
}

// Expected units: the usageMetadata of the fixture's last report (for streams, the final event).
const MeteredCase kMeteredCases[] = {
    {"ddtrace-gemini-2.0-flash-generateContent-gzip",
     "",
     "generateContent",
     "gemini-2.0-flash-001",
     "gemini-2.0-flash-001",
     {{"input_tokens", 14},
      {"output_tokens", 52},
      {"total_tokens", 66},
      {"input_text_tokens", 14},
      {"output_text_tokens", 52}},
     "gemini/gemini-2.0-flash-001",
     22'200'000},  // 14 x $0.10/1M + 52 x $0.40/1M
    // Interim events say promptTokenCount 15; the final event's 14 wins.
    {"ddtrace-gemini-2.0-flash-streamGenerateContent-sse",
     "",
     "streamGenerateContent",
     "gemini-2.0-flash-001",
     "gemini-2.0-flash-001",
     {{"input_tokens", 14},
      {"output_tokens", 51},
      {"total_tokens", 65},
      {"input_text_tokens", 14},
      {"output_text_tokens", 51}},
     "gemini/gemini-2.0-flash-001",
     21'800'000},  // 14 x $0.10/1M + 51 x $0.40/1M
    {"ddtrace-vertex-2.0-flash-generateContent-gzip",
     "/gemini",
     "generateContent",
     "gemini-2.0-flash-001",
     "gemini-2.0-flash-001",
     {{"input_tokens", 14},
      {"output_tokens", 52},
      {"total_tokens", 66},
      {"input_text_tokens", 14},
      {"output_text_tokens", 52}},
     "gemini-2.0-flash-001",
     33'300'000},  // Vertex list price: 14 x $0.15/1M + 52 x $0.60/1M
    // Vertex interim events carry only trafficType; counts come in the final event.
    {"ddtrace-vertex-2.0-flash-streamGenerateContent-sse",
     "/gemini",
     "streamGenerateContent",
     "gemini-2.0-flash-001",
     "gemini-2.0-flash-001",
     {{"input_tokens", 14},
      {"output_tokens", 52},
      {"total_tokens", 66},
      {"input_text_tokens", 14},
      {"output_text_tokens", 52}},
     "gemini-2.0-flash-001",
     33'300'000},  // Vertex list price: 14 x $0.15/1M + 52 x $0.60/1M
    // URL alias vs served model; thinking tokens.
    {"llmgemini-flash-latest-streamGenerateContent-jsonarray-gzip",
     "/gemini",
     "streamGenerateContent",
     "gemini-flash-latest",
     "gemini-3.6-flash",
     {{"input_tokens", 11},
      {"output_tokens", 2},
      {"thinking_tokens", 291},
      {"total_tokens", 304},
      {"input_text_tokens", 11}},
     "gemini/gemini-3.6-flash",
     2'214'000'000},  // served model: 11 x $1.50/1M + (2 + 291) x $7.50/1M
    {"llmgemini-2.5-flash-tools-streamGenerateContent-jsonarray-gzip.0",
     "",
     "streamGenerateContent",
     "gemini-2.5-flash",
     "gemini-2.5-flash",
     {{"input_tokens", 32},
      {"output_tokens", 12},
      {"thinking_tokens", 42},
      {"total_tokens", 86},
      {"input_text_tokens", 32}},
     "gemini/gemini-2.5-flash",
     144'600'000},  // 32 x $0.30/1M + (12 + 42) x $2.50/1M
    {"llmgemini-2.5-flash-tools-streamGenerateContent-jsonarray-gzip.1",
     "",
     "streamGenerateContent",
     "gemini-2.5-flash",
     "gemini-2.5-flash",
     {{"input_tokens", 105},
      {"output_tokens", 13},
      {"total_tokens", 118},
      {"input_text_tokens", 105}},
     "gemini/gemini-2.5-flash",
     64'000'000},  // 105 x $0.30/1M + 13 x $2.50/1M
    {"llmgemini-2.5-flash-tools-streamGenerateContent-jsonarray-gzip.2",
     "",
     "streamGenerateContent",
     "gemini-2.5-flash",
     "gemini-2.5-flash",
     {{"input_tokens", 137},
      {"output_tokens", 6},
      {"total_tokens", 143},
      {"input_text_tokens", 137}},
     "gemini/gemini-2.5-flash",
     56'100'000},  // 137 x $0.30/1M + 6 x $2.50/1M
    {"pydanticai-2.0-flash-exp-sse",
     "/gemini",
     "streamGenerateContent",
     "gemini-2.0-flash-exp",
     "gemini-2.0-flash-exp",
     {{"input_tokens", 13},
      {"output_tokens", 8},
      {"total_tokens", 21},
      {"input_text_tokens", 13},
      {"output_text_tokens", 8}},
     "gemini/gemini-2.0-flash",
     4'500'000},  // -exp falls back to 2.0 Flash: 13 x $0.10/1M + 8 x $0.40/1M
    {"pydanticai-cachedContents-explicit-cache.1",
     "",
     "generateContent",
     "gemini-2.5-flash",
     "gemini-2.5-flash",
     {{"input_tokens", 3520},
      {"output_tokens", 2},
      {"cached_input_tokens", 3512},
      {"thinking_tokens", 42},
      {"total_tokens", 3564},
      {"input_text_tokens", 3520},
      {"cached_input_text_tokens", 3512}},
     "gemini/gemini-2.5-flash",
     217'760'000},  // 8 x $0.30/1M + 3512 cached x $0.03/1M + (2 + 42) x $2.50/1M
    {"pydanticai-cachedContents-explicit-cache.2",
     "",
     "generateContent",
     "gemini-2.5-flash",
     "gemini-2.5-flash",
     {{"input_tokens", 3520},
      {"output_tokens", 2},
      {"cached_input_tokens", 3512},
      {"thinking_tokens", 51},
      {"total_tokens", 3573},
      {"input_text_tokens", 3520},
      {"cached_input_text_tokens", 3512}},
     "gemini/gemini-2.5-flash",
     240'260'000},  // 8 x $0.30/1M + 3512 cached x $0.03/1M + (2 + 51) x $2.50/1M
    {"pydanticai-countTokens-then-generate.1",
     "",
     "generateContent",
     "gemini-2.5-flash",
     "gemini-2.5-flash",
     {{"input_tokens", 12},
      {"output_tokens", 109},
      {"thinking_tokens", 806},
      {"total_tokens", 927},
      {"input_text_tokens", 12}},
     "gemini/gemini-2.5-flash",
     2'291'100'000},  // 12 x $0.30/1M + (109 + 806) x $2.50/1M
    // MAX_TOKENS while thinking: no candidatesTokenCount, so no output_tokens (not a 0).
    {"pydanticai-thinking-max-tokens-empty",
     "",
     "generateContent",
     "gemini-2.5-pro",
     "gemini-2.5-pro",
     {{"input_tokens", 15},
      {"thinking_tokens", 2},
      {"total_tokens", 17},
      {"input_text_tokens", 15}},
     "gemini/gemini-2.5-pro",
     38'750'000},  // 15 x $1.25/1M + 2 thinking x $10.00/1M
    {"pydanticai-vertex-countTokens.1",
     "/gemini",
     "generateContent",
     "gemini-2.5-flash",
     "gemini-2.5-flash",
     {{"input_tokens", 13},
      {"output_tokens", 7},
      {"thinking_tokens", 32},
      {"total_tokens", 52},
      {"input_text_tokens", 13},
      {"output_text_tokens", 7}},
     "gemini-2.5-flash",
     101'400'000},  // Vertex: 13 x $0.30/1M + (7 + 32) x $2.50/1M
};

class MeteredReceiptTest : public SharedDaemonTest,
                           public ::testing::WithParamInterface<MeteredCase> {};

TEST_P(MeteredReceiptTest, WritesOneReceiptWithTheReportedUsage) {
  const MeteredCase& expected = GetParam();
  const GeminiFixture fixture = LoadFixture(expected.fixture);
  const std::string marker = UniqueToken("receipt");
  const HttpResponse response = Http(
      FixtureRequest(daemon(), fixture, expected.prefix, marker, {"x-costgate-job: " + marker}));
  ASSERT_EQ(response.status, 200) << response.body;
  const std::string event_id = response.Header("x-costgate-event-id").value_or("");

  const auto rows = daemon().receipts().WaitForRows("job", marker, 1, kWait);
  ASSERT_EQ(rows.size(), 1u);
  const ReceiptRow& receipt = rows[0];
  EXPECT_EQ(receipt.Text("event_id"), event_id);
  EXPECT_EQ(JsonIntObject(receipt.Text("units_json")), expected.units)
      << receipt.Text("units_json");
  EXPECT_EQ(receipt.Text("provider"), "gemini");
  EXPECT_EQ(receipt.Text("operation"), expected.operation);
  EXPECT_EQ(receipt.Text("model_requested"), expected.model_requested);
  EXPECT_EQ(receipt.Text("model_version"), expected.model_version);
  EXPECT_EQ(receipt.Text("outcome"), "success");
  EXPECT_EQ(receipt.Int("http_status"), 200);
  EXPECT_EQ(receipt.Int("metered"), 1);
  EXPECT_EQ(receipt.Int("estimated"), 0);
  EXPECT_EQ(receipt.Text("price_key"), expected.price_key);
  EXPECT_EQ(receipt.Int("cost_pico_usd"), expected.cost_pico) << receipt.Text("unpriced_reason");
  EXPECT_EQ(receipt.Text("pricing_version").substr(0, 3), "pb-");
  EXPECT_EQ(receipt.Text("state"), "closed");
  EXPECT_EQ(receipt.Int("request_bytes"), static_cast<int64_t>(fixture.request_body.size()));
  EXPECT_EQ(receipt.Int("response_bytes"), static_cast<int64_t>(fixture.response_body.size()));
}

INSTANTIATE_TEST_SUITE_P(Fixtures, MeteredReceiptTest, ::testing::ValuesIn(kMeteredCases),
                         MeteredCaseName);

}  // namespace
}  // namespace costgate::integration
