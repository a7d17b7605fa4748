// The official SDKs from npm (tests/sdk/package.json, pinned), unmodified and pointed at costgate
// only by configuration, make each billable call through the proxy to the mock upstream: the SDK
// parses every answer (streams included) as it would the real API's, and the call leaves one
// receipt with the provider, operation, units and cost the provider would bill.
//
// Costs are pico-USD from the bundled price book (pricing/data): tokens x the LiteLLM
// per-token rate (litellm_model_prices.json: gemini/<model> keys for the Gemini API; for Vertex AI
// vertex_ai/<model>, else <model> without a prefix: pricing/price_key.h), Cloud TTS characters x
// the catalogue.yaml rate of the voice type, ElevenLabs credits x the pay_as_you_go plan's
// usd_per_credit ($0.0001). 1 USD = 1e12 pico-USD.
#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <optional>

#include "tests/integration/integration_fixture_helpers.h"
#include "tests/integration/sdk_helpers.h"

namespace costgate::integration {
namespace {

using UnitMap = std::map<std::string, int64_t>;

struct SdkCase {
  std::string_view script;  // in tests/sdk
  std::string_view call;    // the script's name for the call
  std::string_view provider;
  std::string_view operation;
  UnitMap units;  // units the receipt must have (it may have more, e.g. per-modality details)
  // Output tokens billed when the provider reports only a total (OpenAI-compatible usage:
  // thinking is inside total_tokens): output_tokens + thinking_tokens must equal this.
  std::optional<int64_t> output_and_thinking;
  std::optional<int64_t> cost_pico;  // nullopt: not asserted
  std::string_view price_key = {};   // the price row used; empty: not asserted
  // The answer reported no usage: the receipt is estimated (input tokens from the request's
  // bytes / 4 unless `units` names them).
  bool estimated = false;
};

void PrintTo(const SdkCase& c, std::ostream* out) { *out << c.script << " " << c.call; }

std::string SdkCaseName(const ::testing::TestParamInfo<SdkCase>& info) {
  std::string name;
  for (char c : std::string(info.param.script) + "_" + std::string(info.param.call)) {
    name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  }
  return name;
}

// Vertex AI's recorded gemini-2.0-flash-001 answers (ddtrace-vertex-2.0-flash-*).
const UnitMap kVertexFlashTokens = {
    {"input_tokens", 14}, {"output_tokens", 52}, {"total_tokens", 66}};

// What the mock answers (tests/integration/mock_upstream/default_routes.py): recorded Gemini
// and Vertex AI fixtures for the genai calls, synthetic answers shaped like the real API for the
// others.
const SdkCase kSdkCases[] = {
    // ddtrace-gemini-2.0-flash-generateContent-gzip: 14 x $0.10/1M + 52 x $0.40/1M.
    {"genai.mjs",
     "generateContent",
     "gemini",
     "generateContent",
     {{"input_tokens", 14}, {"output_tokens", 52}, {"total_tokens", 66}},
     std::nullopt,
     22'200'000},
    // ddtrace-gemini-2.0-flash-streamGenerateContent-sse (final event): 14 x $0.10/1M +
    // 51 x $0.40/1M.
    {"genai.mjs",
     "generateContentStream",
     "gemini",
     "streamGenerateContent",
     {{"input_tokens", 14}, {"output_tokens", 51}, {"total_tokens", 65}},
     std::nullopt,
     21'800'000},
    // The Gemini API SDK sends embedContent as :batchEmbedContents;
    // llmgemini-embedding-2-batchEmbedContents reports promptTokenCount 4: 4 x $0.20/1M.
    {"genai.mjs",
     "embedContent",
     "gemini",
     "batchEmbedContents",
     {{"input_tokens", 4}},
     std::nullopt,
     800'000},
    // countTokens is free: recorded at cost 0 with one request unit.
    {"genai.mjs", "countTokens", "gemini", "countTokens", {{"requests", 1}}, std::nullopt, 0},
    // genai_vertex.mjs: express mode (/v1beta1/publishers/...), regional and global project mode
    // (/v1beta1/projects/P/locations/L/publishers/...), all on costgate's bare Vertex AI paths.
    // ddtrace-vertex-2.0-flash-generateContent-gzip at the unprefixed gemini-2.0-flash-001 row:
    // 14 x $0.15/1M + 52 x $0.60/1M.
    {"genai_vertex.mjs", "generateContent(express)", "vertex", "generateContent",
     kVertexFlashTokens, std::nullopt, 33'300'000, "gemini-2.0-flash-001"},
    // ddtrace-vertex-2.0-flash-streamGenerateContent-sse (final event): as generateContent.
    {"genai_vertex.mjs", "generateContentStream(express)", "vertex", "streamGenerateContent",
     kVertexFlashTokens, std::nullopt, 33'300'000, "gemini-2.0-flash-001"},
    {"genai_vertex.mjs", "generateContent(us-central1)", "vertex", "generateContent",
     kVertexFlashTokens, std::nullopt, 33'300'000, "gemini-2.0-flash-001"},
    {"genai_vertex.mjs", "generateContentStream(us-central1)", "vertex", "streamGenerateContent",
     kVertexFlashTokens, std::nullopt, 33'300'000, "gemini-2.0-flash-001"},
    {"genai_vertex.mjs", "generateContent(global)", "vertex", "generateContent", kVertexFlashTokens,
     std::nullopt, 33'300'000, "gemini-2.0-flash-001"},
    // The SDK sends gemini-embedding-001 as :predict; pydanticai-vertex-embeddings-predict has
    // statistics.token_count 4: 4 x $0.15/1M (gemini-embedding-001).
    {"genai_vertex.mjs",
     "embedContent(predict)",
     "vertex",
     "predict",
     {{"input_tokens", 4}},
     std::nullopt,
     600'000,
     "gemini-embedding-001"},
    // gemini-embedding-2 is :embedContent; pydanticai-vertex-embedContent reports
    // promptTokenCount 11: 11 x $0.20/1M (LiteLLM has a vertex_ai/ row for this model).
    {"genai_vertex.mjs",
     "embedContent",
     "vertex",
     "embedContent",
     {{"input_tokens", 11}},
     std::nullopt,
     2'200'000,
     "vertex_ai/gemini-embedding-2"},
    {"genai_vertex.mjs",
     "countTokens",
     "vertex",
     "countTokens",
     {{"requests", 1}},
     std::nullopt,
     0},
    // Mock usage {prompt 8, completion 5, total 29}: 8 x $0.30/1M + (29 - 8) x $2.50/1M
    // (gemini/gemini-2.5-flash; thinking is billed at the output rate).
    {"openai_compat.mjs",
     "chat.completions.create",
     "gemini",
     "openai.chat.completions",
     {{"input_tokens", 8}},
     21,
     54'900'000},
    {"openai_compat.mjs",
     "chat.completions.create(stream)",
     "gemini",
     "openai.chat.completions",
     {{"input_tokens", 8}},
     21,
     54'900'000},
    // The SDK's default stream asks for no usage and gets none: estimated from the request's
    // bytes and the 20 characters streamed ("Hello from the mock.": 5 output tokens).
    {"openai_compat.mjs",
     "chat.completions.create(stream without usage)",
     "gemini",
     "openai.chat.completions",
     {{"output_tokens", 5}},
     std::nullopt,
     std::nullopt,
     "gemini/gemini-2.5-flash",
     true},
    // Gemini's embeddings answer has no usage: "Embed this sentence." is 20 characters, 5
    // tokens: 5 x $0.15/1M (gemini/gemini-embedding-001).
    {"openai_compat.mjs",
     "embeddings.create",
     "gemini",
     "openai.embeddings",
     {{"input_tokens", 5}},
     std::nullopt,
     750'000,
     "gemini/gemini-embedding-001",
     true},
    // character-cost: 20 (20 characters, eleven_multilingual_v2): 20 x $0.0001.
    {"elevenlabs.mjs",
     "textToSpeech.convert",
     "elevenlabs",
     "text-to-speech",
     {{"credits", 20}},
     std::nullopt,
     2'000'000'000},
    {"elevenlabs.mjs",
     "textToSpeech.stream",
     "elevenlabs",
     "text-to-speech.stream",
     {{"credits", 20}},
     std::nullopt,
     2'000'000'000},
    // 20 characters of input.text, voice en-US-Wavenet-A (google-tts/wavenet): 20 x $4/1M.
    {"google_tts.mjs",
     "synthesizeSpeech",
     "google-tts",
     "synthesize",
     {{"characters", 20}},
     std::nullopt,
     80'000'000},
};

// A fresh daemon per call, so the outbox holds exactly that call's receipt.
class SdkEndToEndTest : public IntegrationTest, public ::testing::WithParamInterface<SdkCase> {
 protected:
  void SetUp() override {
    if (const std::string reason = SdkSkipReason(); !reason.empty()) {
      // scripts/test.sh installs the SDKs and sets this: there a missing SDK is a failure, not
      // a silently skipped proof.
      if (std::getenv("COSTGATE_REQUIRE_SDK_TESTS") != nullptr) {
        FAIL() << reason;
      }
      GTEST_SKIP() << reason;
    }
    IntegrationTest::SetUp();
  }
  CostgateProcess& StartDaemon() override {
    own_daemon_ = std::make_unique<DaemonUnderTest>(MockUpstreamSettings());
    return *own_daemon_->daemon;
  }
  const std::filesystem::path& work_dir() const { return own_daemon_->dir.path(); }

 private:
  std::unique_ptr<DaemonUnderTest> own_daemon_;
};

TEST_P(SdkEndToEndTest, SdkParsesTheAnswerAndTheCallLeavesItsReceipt) {
  const SdkCase& expected = GetParam();
  const SdkRun run = RunSdkScript(daemon(), expected.script, expected.call, work_dir());
  ASSERT_TRUE(run.wait_status.has_value()) << "node did not finish; stderr:\n" << run.stderr_text;
  for (const std::string& line : run.lines) {
    std::cout << line << "\n";  // the script's report: what the SDK parsed
  }
  ASSERT_EQ(run.lines.size(), 1u) << run.stderr_text;
  EXPECT_EQ(JsonString(run.lines[0], "/call"), std::string(expected.call));
  EXPECT_NE(run.lines[0].find("\"ok\":true"), std::string::npos) << run.lines[0];
  EXPECT_EQ(DescribeWaitStatus(*run.wait_status), "exited with code 0") << run.stderr_text;

  const std::vector<ReceiptRow> rows = WaitForReceiptsInOrder(daemon().receipts(), 1, kWait);
  ASSERT_EQ(rows.size(), 1u);
  const ReceiptRow& receipt = rows[0];
  EXPECT_EQ(receipt.Text("provider"), expected.provider);
  EXPECT_EQ(receipt.Text("operation"), expected.operation);
  EXPECT_EQ(receipt.Text("outcome"), "success");
  EXPECT_EQ(receipt.Int("http_status"), 200);
  const auto units = JsonIntObject(receipt.Text("units_json"));
  ASSERT_TRUE(units.has_value()) << receipt.Text("units_json");
  for (const auto& [unit, value] : expected.units) {
    EXPECT_EQ(units->count(unit) ? units->at(unit) : -1, value)
        << unit << " in " << receipt.Text("units_json");
  }
  if (expected.output_and_thinking) {
    const int64_t output = units->count("output_tokens") ? units->at("output_tokens") : 0;
    const int64_t thinking = units->count("thinking_tokens") ? units->at("thinking_tokens") : 0;
    EXPECT_EQ(output + thinking, *expected.output_and_thinking) << receipt.Text("units_json");
  }
  EXPECT_EQ(receipt.Int("estimated"), expected.estimated ? 1 : 0) << receipt.Text("units_json");
  if (expected.estimated && !expected.units.contains("input_tokens")) {
    EXPECT_EQ(units->count("input_tokens") ? units->at("input_tokens") : -1,
              (receipt.Int("request_bytes").value_or(0) + 3) / 4)
        << receipt.Text("units_json");
  }
  EXPECT_FALSE(receipt.IsNull("cost_pico_usd")) << receipt.Text("unpriced_reason");
  if (!expected.price_key.empty()) {
    EXPECT_EQ(receipt.Text("price_key"), expected.price_key);
  }
  if (expected.cost_pico) {
    EXPECT_EQ(receipt.Int("cost_pico_usd"), *expected.cost_pico)
        << receipt.Text("price_key") << " " << receipt.Text("unpriced_reason");
  }
}

INSTANTIATE_TEST_SUITE_P(OfficialSdks, SdkEndToEndTest, ::testing::ValuesIn(kSdkCases),
                         SdkCaseName);

}  // namespace
}  // namespace costgate::integration
