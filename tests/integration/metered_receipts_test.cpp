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
};

// Short names in test listings (ctest) instead of a byte dump.
void PrintTo(const MeteredCase& c, std::ostream* out) { *out << c.fixture; }

std::string CaseName(const ::testing::TestParamInfo<MeteredCase>& info) {
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
      {"output_text_tokens", 52}}},
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
      {"output_text_tokens", 51}}},
    {"ddtrace-vertex-2.0-flash-generateContent-gzip",
     "/gemini",
     "generateContent",
     "gemini-2.0-flash-001",
     "gemini-2.0-flash-001",
     {{"input_tokens", 14},
      {"output_tokens", 52},
      {"total_tokens", 66},
      {"input_text_tokens", 14},
      {"output_text_tokens", 52}}},
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
      {"output_text_tokens", 52}}},
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
      {"input_text_tokens", 11}}},
    {"llmgemini-2.5-flash-tools-streamGenerateContent-jsonarray-gzip.0",
     "",
     "streamGenerateContent",
     "gemini-2.5-flash",
     "gemini-2.5-flash",
     {{"input_tokens", 32},
      {"output_tokens", 12},
      {"thinking_tokens", 42},
      {"total_tokens", 86},
      {"input_text_tokens", 32}}},
    {"llmgemini-2.5-flash-tools-streamGenerateContent-jsonarray-gzip.1",
     "",
     "streamGenerateContent",
     "gemini-2.5-flash",
     "gemini-2.5-flash",
     {{"input_tokens", 105},
      {"output_tokens", 13},
      {"total_tokens", 118},
      {"input_text_tokens", 105}}},
    {"llmgemini-2.5-flash-tools-streamGenerateContent-jsonarray-gzip.2",
     "",
     "streamGenerateContent",
     "gemini-2.5-flash",
     "gemini-2.5-flash",
     {{"input_tokens", 137},
      {"output_tokens", 6},
      {"total_tokens", 143},
      {"input_text_tokens", 137}}},
    {"pydanticai-2.0-flash-exp-sse",
     "/gemini",
     "streamGenerateContent",
     "gemini-2.0-flash-exp",
     "gemini-2.0-flash-exp",
     {{"input_tokens", 13},
      {"output_tokens", 8},
      {"total_tokens", 21},
      {"input_text_tokens", 13},
      {"output_text_tokens", 8}}},
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
      {"cached_input_text_tokens", 3512}}},
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
      {"cached_input_text_tokens", 3512}}},
    {"pydanticai-countTokens-then-generate.1",
     "",
     "generateContent",
     "gemini-2.5-flash",
     "gemini-2.5-flash",
     {{"input_tokens", 12},
      {"output_tokens", 109},
      {"thinking_tokens", 806},
      {"total_tokens", 927},
      {"input_text_tokens", 12}}},
    // MAX_TOKENS while thinking: no candidatesTokenCount, so no output_tokens (not a 0).
    {"pydanticai-thinking-max-tokens-empty",
     "",
     "generateContent",
     "gemini-2.5-pro",
     "gemini-2.5-pro",
     {{"input_tokens", 15},
      {"thinking_tokens", 2},
      {"total_tokens", 17},
      {"input_text_tokens", 15}}},
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
      {"output_text_tokens", 7}}},
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
  EXPECT_TRUE(receipt.IsNull("cost_micro_usd")) << receipt.Text("cost_micro_usd");
  EXPECT_EQ(receipt.Text("state"), "closed");
  EXPECT_EQ(receipt.Int("request_bytes"), static_cast<int64_t>(fixture.request_body.size()));
  EXPECT_EQ(receipt.Int("response_bytes"), static_cast<int64_t>(fixture.response_body.size()));
}

INSTANTIATE_TEST_SUITE_P(Fixtures, MeteredReceiptTest, ::testing::ValuesIn(kMeteredCases),
                         CaseName);

}  // namespace
}  // namespace costgate::integration
