// The official SDKs (tests/sdk/deny.mjs: @google/genai for Gemini and Vertex AI, the OpenAI SDK
// on Gemini's OpenAI-compatible route, ElevenLabs JS, Google Cloud Text-to-Speech), unmodified,
// each making calls that costgate refuses:
//  - a hard budget that cannot pay for any call, in `costgate all` (lease mode, the default with
//    a central): the SDK raises its usual error for an exhausted quota, with the status the
//    provider itself uses for it (429; ElevenLabs 401), naming the budget;
//  - fail-closed with central unreachable: 503 central_unreachable.
// In both, the mock upstream sees nothing, and the SDK's own retry policy decides how many times
// the call is sent: each attempt is one `denied` receipt at cost 0 (and one denial on the
// proxy's /metrics), and that number is bounded, as is the time the SDK takes to give up.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "tests/integration/central_helpers.h"
#include "tests/integration/command_helpers.h"
#include "tests/integration/integration_fixture_helpers.h"
#include "tests/integration/sdk_helpers.h"
#include "tests/integration/shipping_helpers.h"
#include "tests/support/refusing_port.h"

namespace costgate::integration {
namespace {

constexpr std::string_view kSdkDenyBudget = "sdk-deny";
// Bound on one denied call, the SDK's retries included: the slowest policy here (ElevenLabs JS
// on a 503: two retries after about 1 s and 2 s) gives up in about 3 s.
constexpr int64_t kSdkDenyMaxCallMs = 10'000;
constexpr auto kSdkDenyReadyWait = std::chrono::seconds(20);

// One call of deny.mjs and what the application must see.
struct SdkDenyCall {
  std::string_view call;
  std::string_view error_class;
  int status;
  int attempts;  // requests the SDK sends: 1 + its retries for this status
  std::string_view provider;
  std::string_view operation;
};

// The calls of one SDK (one Node process: `node deny.mjs <group>`), in the script's order.
struct SdkDenyGroup {
  std::string_view group;
  std::vector<SdkDenyCall> calls;
};

// @google/genai retries only when the application sets httpOptions.retryOptions (then 429 and
// 5xx, `attempts` in all); the OpenAI SDK honours x-should-retry: false, else retries 429 and
// 5xx twice; ElevenLabs JS retries 408, 429 and 5xx twice, never 401; the Cloud TTS REST
// fallback retries nothing (its HTTP error's code is the HTTP status, which google-gax's retry
// codes, gRPC UNAVAILABLE and DEADLINE_EXCEEDED, never match).
const SdkDenyGroup kSdkBudgetDenies[] = {
    {"genai",
     {{"genai.generateContent", "ApiError", 429, 1, "gemini", "generateContent"},
      {"genai.generateContentStream", "ApiError", 429, 1, "gemini", "streamGenerateContent"},
      {"genai.generateContent(retryOptions)", "ApiError", 429, 3, "gemini", "generateContent"},
      {"genai.vertex.generateContent(express)", "ApiError", 429, 1, "vertex", "generateContent"}}},
    {"openai",
     {{"openai.chat.completions.create", "RateLimitError", 429, 1, "gemini",
       "openai.chat.completions"},
      {"openai.chat.completions.create(stream)", "RateLimitError", 429, 1, "gemini",
       "openai.chat.completions"}}},
    {"elevenlabs",
     {{"elevenlabs.textToSpeech.convert", "ElevenLabsError", 401, 1, "elevenlabs",
       "text-to-speech"},
      {"elevenlabs.textToSpeech.stream", "ElevenLabsError", 401, 1, "elevenlabs",
       "text-to-speech.stream"}}},
    {"googleTts",
     {{"googleTts.synthesizeSpeech", "GaxiosError", 429, 1, "google-tts", "synthesize"}}},
};

const SdkDenyGroup kSdkFailClosedDenies[] = {
    {"genai",
     {{"genai.generateContent", "ApiError", 503, 1, "gemini", "generateContent"},
      {"genai.generateContentStream", "ApiError", 503, 1, "gemini", "streamGenerateContent"},
      {"genai.generateContent(retryOptions)", "ApiError", 503, 3, "gemini", "generateContent"},
      {"genai.vertex.generateContent(express)", "ApiError", 503, 1, "vertex", "generateContent"}}},
    {"openai",
     {{"openai.chat.completions.create", "InternalServerError", 503, 3, "gemini",
       "openai.chat.completions"},
      {"openai.chat.completions.create(stream)", "InternalServerError", 503, 3, "gemini",
       "openai.chat.completions"}}},
    {"elevenlabs",
     {{"elevenlabs.textToSpeech.convert", "ElevenLabsError", 503, 3, "elevenlabs",
       "text-to-speech"},
      {"elevenlabs.textToSpeech.stream", "ElevenLabsError", 503, 3, "elevenlabs",
       "text-to-speech.stream"}}},
    {"googleTts",
     {{"googleTts.synthesizeSpeech", "GaxiosError", 503, 1, "google-tts", "synthesize"}}},
};

void PrintTo(const SdkDenyGroup& g, std::ostream* out) { *out << g.group; }

std::string SdkDenyGroupName(const ::testing::TestParamInfo<SdkDenyGroup>& info) {
  return std::string(info.param.group);
}

int SdkDenyAttempts(const SdkDenyGroup& g) {
  int attempts = 0;
  for (const SdkDenyCall& c : g.calls) {
    attempts += c.attempts;
  }
  return attempts;
}

// The closed receipts of calls that started at `since_unix_ms` or later, in start order, polling
// until there are `count` of them or kWait passes.
std::vector<ReceiptRow> SdkDenyReceiptsSince(const ReceiptsDb& db, int64_t since_unix_ms,
                                             size_t count) {
  const auto deadline = std::chrono::steady_clock::now() + kWait;
  while (true) {
    std::vector<ReceiptRow> rows = QueryRows(db.path(),
                                             "SELECT * FROM receipts WHERE state = 'closed' AND "
                                             "start_unix_ms >= CAST(?1 AS INTEGER) "
                                             "ORDER BY start_unix_ms, rowid",
                                             {std::to_string(since_unix_ms)});
    if (rows.size() >= count || std::chrono::steady_clock::now() >= deadline) {
      return rows;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));  // polling, bounded above
  }
}

int64_t SdkDenyNowUnixMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The denial reason both fixtures count on the proxy's /metrics, and what the message says.
struct SdkDenyExpectation {
  std::string_view reason;   // x-costgate-deny-reason, the receipts' reason
  std::string message_part;  // in every error's message
};

// Shared by both fixtures: skip or fail without the SDKs, run one group, check everything.
class SdkDenyTestBase : public IntegrationTest, public ::testing::WithParamInterface<SdkDenyGroup> {
 protected:
  void SetUp() override {
    if (const std::string reason = SdkSkipReason(); !reason.empty()) {
      // scripts/test.sh installs the SDKs and sets this: there a missing SDK is a failure.
      if (std::getenv("COSTGATE_REQUIRE_SDK_TESTS") != nullptr) {
        FAIL() << reason;
      }
      GTEST_SKIP() << reason;
    }
    IntegrationTest::SetUp();
  }

  virtual SdkDenyExpectation Expected() const = 0;
  virtual const std::filesystem::path& WorkDir() const = 0;

  void RunGroupAndCheck() {
    const SdkDenyGroup& group = GetParam();
    const SdkDenyExpectation expected = Expected();
    const std::string denials =
        R"(costgate_budget_denials_total{reason=")" + std::string(expected.reason) + R"("})";
    const double denials_before = std::max(0.0, MetricValue(daemon(), denials));
    const size_t upstream_before = mock().Requests().size();
    const int64_t started_unix_ms = SdkDenyNowUnixMs();

    const SdkRun run = RunSdkScript(daemon(), "deny.mjs", group.group, WorkDir());
    ASSERT_TRUE(run.wait_status.has_value()) << "node did not finish; stderr:\n" << run.stderr_text;
    ASSERT_EQ(run.lines.size(), group.calls.size()) << run.stderr_text;
    for (size_t i = 0; i < group.calls.size(); ++i) {
      const SdkDenyCall& want = group.calls[i];
      const std::string& line = run.lines[i];
      // What the application saw, and how long its SDK took to give up (for the report).
      std::cout << line << "\n";
      EXPECT_EQ(JsonString(line, "/call"), std::string(want.call)) << line;
      EXPECT_NE(line.find(R"("ok":true)"), std::string::npos) << line;
      EXPECT_EQ(JsonString(line, "/error_class"), std::string(want.error_class)) << line;
      EXPECT_EQ(JsonInt(line, "/status"), want.status) << line;
      const std::string message = JsonString(line, "/message").value_or("");
      EXPECT_NE(message.find(expected.message_part), std::string::npos) << line;
      if (group.group == "googleTts") {
        EXPECT_EQ(JsonString(line, "/body_status"),
                  want.status == 503 ? "UNAVAILABLE" : "RESOURCE_EXHAUSTED")
            << line;
      }
      if (group.group == "elevenlabs") {
        EXPECT_EQ(JsonString(line, "/detail_status"), std::string(expected.reason)) << line;
      }
      EXPECT_LT(JsonInt(line, "/elapsed_ms").value_or(kSdkDenyMaxCallMs), kSdkDenyMaxCallMs)
          << line;
    }
    EXPECT_EQ(DescribeWaitStatus(*run.wait_status), "exited with code 0") << run.stderr_text;

    // Each attempt was refused (counted before its reply was written, so final once node has
    // exited), and none reached the provider.
    const int attempts = SdkDenyAttempts(group);
    EXPECT_EQ(MetricValue(daemon(), denials) - denials_before, attempts);
    EXPECT_EQ(mock().Requests().size(), upstream_before);

    // One denied receipt at cost 0 per attempt, in call order.
    const std::vector<ReceiptRow> rows =
        SdkDenyReceiptsSince(daemon().receipts(), started_unix_ms, static_cast<size_t>(attempts));
    ASSERT_EQ(rows.size(), static_cast<size_t>(attempts));
    size_t at = 0;
    for (const SdkDenyCall& want : group.calls) {
      for (int attempt = 0; attempt < want.attempts; ++attempt, ++at) {
        const ReceiptRow& r = rows[at];
        SCOPED_TRACE(std::string(want.call) + " attempt " + std::to_string(attempt + 1));
        EXPECT_EQ(r.Text("provider"), want.provider);
        EXPECT_EQ(r.Text("operation"), want.operation);
        EXPECT_EQ(r.Text("outcome"), "denied");
        EXPECT_EQ(r.Text("reason"), expected.reason);
        EXPECT_EQ(r.Int("http_status"), want.status);
        EXPECT_EQ(r.Int("cost_pico_usd"), 0);
      }
    }
  }
};

// `costgate all` in lease mode with one hard budget over the whole organisation that cannot pay
// for any call (one millionth of a dollar a day). One process for the suite: the budget is
// created once, and the proxy has learnt it (a call is denied) before the first test.
class SdkBudgetDenyTest : public SdkDenyTestBase {
 protected:
  static void TearDownTestSuite() { all_.reset(); }

  CostgateProcess& StartDaemon() override {
    if (all_ == nullptr) {
      StartWithBudget();
    }
    return all_->process();
  }
  SdkDenyExpectation Expected() const override {
    return {"budget_exhausted", "budget " + std::string(kSdkDenyBudget) + " (" + budget_id_ +
                                    ") is exhausted; it resets at "};
  }
  const std::filesystem::path& WorkDir() const override { return all_->dir(); }

 private:
  static void StartWithBudget() {
    // A lease lives 1 s, so the proxy syncs (and learns the budget) every third of a second.
    all_ = std::make_unique<CentralUnderTest>(0, "  budget_lease_ttl_ms: 1000\n",
                                              [](DaemonSettings& settings) {
                                                const DaemonSettings mock = MockUpstreamSettings();
                                                settings.role = "all";
                                                settings.central_port = settings.port;
                                                settings.port = 0;
                                                settings.upstream_url = mock.upstream_url;
                                                settings.ca_file = mock.ca_file;
                                              });
    const CommandResult created = RunCostgate(
        {"budgets", "create", "--name", std::string(kSdkDenyBudget), "--period", "daily",
         "--amount-usd", "0.000001", "--hard", "--json", "--config", all_->config_path().string()},
        all_->dir(), std::chrono::seconds(20));
    if (created.exit_code != 0) {
      throw std::runtime_error("costgate budgets create: " + created.err);
    }
    budget_id_ = JsonString(created.out, "/id").value_or("");
    // The proxy learns the budget at its next lease sync: until then a call is allowed (and
    // reaches the mock, before any test counts).
    const auto deadline = std::chrono::steady_clock::now() + kSdkDenyReadyWait;
    while (true) {
      HttpRequest probe;
      probe.method = "POST";
      probe.url = all_->process().Url("/v1beta/models/gemini-2.0-flash-001:generateContent");
      probe.headers = {"Content-Type: application/json", "x-goog-api-key: sdk-deny-probe"};
      probe.body = R"({"contents":[{"parts":[{"text":"hello"}]}]})";
      const HttpResponse answer = Http(probe);
      if (answer.status == 429) {
        return;
      }
      if (std::chrono::steady_clock::now() >= deadline) {
        throw std::runtime_error("the proxy never denied a call under budget " + budget_id_ +
                                 "; last answer " + std::to_string(answer.status));
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));  // polling, bounded above
    }
  }

  static inline std::unique_ptr<CentralUnderTest> all_;
  static inline std::string budget_id_;
};

TEST_P(SdkBudgetDenyTest, TheSdkRaisesItsQuotaErrorNamingTheBudgetAfterItsOwnRetries) {
  RunGroupAndCheck();
}

INSTANTIATE_TEST_SUITE_P(OfficialSdks, SdkBudgetDenyTest, ::testing::ValuesIn(kSdkBudgetDenies),
                         SdkDenyGroupName);

// A proxy whose central refuses every connection, with preflight.fail_closed: before any lease
// sync no budget is known, so every metered call is refused with central_unreachable.
class SdkFailClosedTest : public SdkDenyTestBase {
 protected:
  static void TearDownTestSuite() {
    proxy_.reset();
    refused_.reset();
  }

  CostgateProcess& StartDaemon() override {
    if (proxy_ == nullptr) {
      refused_ = std::make_unique<test_support::RefusingPort>();
      DaemonSettings settings = MockUpstreamSettings();
      settings.extra_yaml =
          "shipper:\n  url: \"http://127.0.0.1:" + std::to_string(refused_->port()) +
          "\"\n  api_key: \"ct_live_sdk_deny\"\n"
          "preflight:\n  mode: lease\n  fail_closed: true\n";
      proxy_ = std::make_unique<DaemonUnderTest>(settings);
    }
    return *proxy_->daemon;
  }
  SdkDenyExpectation Expected() const override {
    return {"central_unreachable", "could not reach central and preflight is fail-closed"};
  }
  const std::filesystem::path& WorkDir() const override { return proxy_->dir.path(); }

 private:
  static inline std::unique_ptr<test_support::RefusingPort> refused_;
  static inline std::unique_ptr<DaemonUnderTest> proxy_;
};

TEST_P(SdkFailClosedTest, TheSdkRaisesUnavailableAfterItsOwnBoundedRetries) { RunGroupAndCheck(); }

INSTANTIATE_TEST_SUITE_P(OfficialSdks, SdkFailClosedTest, ::testing::ValuesIn(kSdkFailClosedDenies),
                         SdkDenyGroupName);

}  // namespace
}  // namespace costgate::integration
