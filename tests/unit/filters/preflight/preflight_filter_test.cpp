// The preflight and settle filters in a whole chain, with a scripted BudgetGate: what the gate is
// asked, what the receipt says, the deny replies, and the one Settle of each allowed call.
#include "filters/preflight/preflight_filter.h"

#include <gtest/gtest.h>

#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "base/gzip_encoder.h"
#include "filters/chain.h"
#include "filters/request_phase.h"
#include "filters/token_estimate.h"
#include "pricing/call_price.h"
#include "tests/unit/filters/bundled_prices_helpers.h"
#include "tests/unit/filters/collecting_receipt_sink.h"

namespace costgate::filters::preflight {
namespace {

using pricing::Money;
using PreflightFilters = std::vector<std::unique_ptr<Filter>>;

constexpr int64_t kPreflightAt = 1'790'000'000'000;  // 2026-09-21T14:13:20Z

// A gate that answers what the test scripts and records what it is told.
class ScriptedGate final : public BudgetGate {
 public:
  struct Asked {
    std::string event_id;
    std::string model;
    std::optional<Money> estimate;
    bool exact = false;
    std::string units;  // GateCall::units as JSON (what central mode sends); "<null>" when none
  };

  GateDecision next{.verdict = GateVerdict::kAllow,
                    .reason = "",
                    .budget_id = "bud_team",
                    .budget_name = "Team",
                    .reset_unix_ms = 0,
                    .reservation = 7,
                    .budget_holder = "px_0123456789abcdef"};
  bool suspend = false;  // answer through `pending` instead of at once
  std::optional<Answer<GateDecision>::Sender> pending;
  std::vector<Asked> asked;
  std::vector<std::pair<uint64_t, std::optional<Money>>> settled;

  Task<GateDecision> Reserve(const GateCall& call) override {
    asked.push_back({call.x->event_id, std::string(call.model), call.estimate, call.exact,
                     call.units != nullptr ? call.units->ToJson() : std::string("<null>")});
    if (!suspend) {
      return next;
    }
    return Later();
  }
  void Settle(uint64_t reservation, std::optional<Money> real_cost) noexcept override {
    settled.emplace_back(reservation, real_cost);
  }

 private:
  Task<GateDecision> Later() {
    Answer<GateDecision> answer;
    pending.emplace(answer.sender());
    GateDecision decision = co_await answer;
    co_return decision;
  }
};

config::Config PreflightConfig() {
  config::Config config;
  for (const auto& [name, url] : {std::pair{"gemini", "https://generativelanguage.googleapis.com"},
                                  std::pair{"vertex", "https://aiplatform.googleapis.com"},
                                  std::pair{"google-tts", "https://texttospeech.googleapis.com"},
                                  std::pair{"elevenlabs", "https://api.elevenlabs.io"}}) {
    config::UpstreamConfig upstream;
    upstream.name = name;
    upstream.url = url;
    config.upstreams.push_back(upstream);
  }
  config.preflight.default_output_tokens = 256;
  config.preflight.max_buffered_body_bytes = 4096;
  return config;
}

Exchange PreflightRequest(std::string target, std::string body, std::string key_header) {
  Exchange x;
  x.event_id = "0190a6e4-7b1c-7cc3-9a4e-3f1d2c5b6a70";
  x.start_unix_ms = kPreflightAt;
  x.request.method = "POST";
  x.request.target = std::move(target);
  x.request.headers.Add("Content-Type", "application/json");
  x.request.headers.Add(std::move(key_header), "secret");
  x.request.headers.Add("Content-Length", std::to_string(body.size()));
  x.request_body = std::move(body);
  return x;
}

Exchange GeminiRequest(std::string target, std::string body) {
  return PreflightRequest(std::move(target), std::move(body), "x-goog-api-key");
}

// The daemon's part (daemon/proxy/proxy_exchange.cpp): runs the request phase; when a filter
// asks for the body, hands it the body the Exchange was made with (or, past the filter's limit,
// only its size) and runs the phase again from that filter. The body then reaches the filters
// as it is forwarded, when the phase let the call go.
Task<Next> PreflightPhase(const PreflightFilters& filters, Exchange& x, size_t& at) {
  Task<Next> phase = RunRequestFilters(filters, x, 0, &at);
  if (!phase.ready() || phase.value() != Next::kNeedBody) {
    return phase;
  }
  if (x.request_body.size() > x.request_body_limit) {
    x.request_body_state = RequestBodyState::kTooLarge;
    x.request_body_size = x.request_body.size();
    x.request_body.clear();
  } else {
    x.request_body_state = RequestBodyState::kBuffered;
    x.request_body_size = x.request_body.size();
  }
  return RunRequestFilters(filters, x, at, &at);
}

void PreflightForward(const PreflightFilters& filters, Exchange& x) {
  for (const auto& filter : filters) {
    filter->OnRequestBody(x, x.request_body);
  }
  x.request_bytes = x.request_body.size();
  x.sent_upstream = true;
}

void PreflightRespond(const PreflightFilters& filters, Exchange& x, int status,
                      std::string_view body, std::string content_type = "application/json") {
  ResponseHead head;
  head.status = status;
  head.headers.Add("Content-Type", std::move(content_type));
  x.response = std::move(head);
  for (const auto& filter : filters) {
    filter->OnResponseHead(x);
  }
  for (const auto& filter : filters) {
    filter->OnResponseBody(x, body);
  }
  x.response_bytes = body.size();
}

void PreflightComplete(const PreflightFilters& filters, Exchange& x, Outcome outcome, int status,
                       std::string reason = "") {
  x.outcome = outcome;
  x.http_status = status;
  x.reason = std::move(reason);
  x.end_unix_ms = x.start_unix_ms + 100;
  for (const auto& filter : filters) {
    filter->OnComplete(x);
  }
}

pricing::CallPrice PreflightPriceOf(std::string_view family, std::string_view model,
                                    const filters::Units& units) {
  return pricing::PriceCall(BundledPrices().Current(), {.subject = {family, {}, model},
                                                        .known_key = {},
                                                        .units = units,
                                                        .tier = pricing::ServiceTier::kStandard,
                                                        .metered = true,
                                                        .provider_did_not_bill = false,
                                                        .at_ms = kPreflightAt});
}

uint64_t UncheckedCount(const FilterStats& stats, std::string_view provider,
                        std::string_view reason) {
  for (const auto& row : stats.preflight_unchecked.Rows()) {
    if (row.provider == provider && row.reason == reason) {
      return row.count;
    }
  }
  return 0;
}

class PreflightFilterTest : public ::testing::Test {
 protected:
  // A whole call: request phase (the gate answering at once), then, when allowed, forwarding,
  // the response and completion; denied, completion as the daemon does it.
  const Receipt& Call(Exchange& x, int status = 200, std::string_view response = "{}",
                      std::string content_type = "application/json") {
    const PreflightFilters filters = chain_.CreateFilters();
    size_t at = 0;
    const Task<Next> phase = PreflightPhase(filters, x, at);
    EXPECT_TRUE(phase.ready());
    if (phase.value() == Next::kAnswered) {
      x.http_status = x.reply.status;
      PreflightComplete(filters, x, Outcome::kDenied, x.reply.status, x.reply.reason);
    } else {
      EXPECT_EQ(phase.value(), Next::kContinue);
      PreflightForward(filters, x);
      PreflightRespond(filters, x, status, response, std::move(content_type));
      PreflightComplete(filters, x, status < 400 ? Outcome::kSuccess : Outcome::kUpstreamError,
                        status);
    }
    EXPECT_EQ(sink_.receipts.size(), 1u);
    return sink_.receipts.back();
  }

  CollectingReceiptSink sink_;
  FilterStats stats_;
  ScriptedGate gate_;
  FilterChain chain_ = FilterChain::Build(PreflightConfig(), sink_, stats_, BundledPrices(),
                                          {.host = "h", .version = "v"}, &gate_);
};

TEST(PreflightChainTest, WithoutAGateTheChainHasNoPreflightAtAll) {
  CollectingReceiptSink sink;
  FilterStats stats;
  const FilterChain off =
      FilterChain::Build(PreflightConfig(), sink, stats, BundledPrices(), {"h", "v"}, nullptr);
  EXPECT_EQ(off.FilterNames(),
            (std::vector<std::string_view>{"route", "attribute", "meter", "price", "receipt"}));
  ScriptedGate gate;
  const FilterChain on =
      FilterChain::Build(PreflightConfig(), sink, stats, BundledPrices(), {"h", "v"}, &gate);
  EXPECT_EQ(on.FilterNames(),
            (std::vector<std::string_view>{"route", "attribute", "preflight", "meter", "price",
                                           "receipt", "budget_settle"}));
}

TEST_F(PreflightFilterTest, AsksForTheBodyOnceBeforeItEstimates) {
  const PreflightFilters filters = chain_.CreateFilters();
  Exchange x = GeminiRequest("/v1beta/models/gemini-2.0-flash-001:generateContent", "{}");
  size_t at = 0;
  const Task<Next> first = RunRequestFilters(filters, x, 0, &at);
  ASSERT_TRUE(first.ready());
  EXPECT_EQ(first.value(), Next::kNeedBody);
  EXPECT_EQ(at, 2u);  // route, attribute, then preflight
  EXPECT_EQ(x.request_body_limit, 4096u);
  EXPECT_TRUE(gate_.asked.empty());
  x.request_body_state = RequestBodyState::kBuffered;
  const Task<Next> again = RunRequestFilters(filters, x, at, &at);
  ASSERT_TRUE(again.ready());
  EXPECT_EQ(again.value(), Next::kContinue);
  EXPECT_EQ(gate_.asked.size(), 1u);
}

TEST_F(PreflightFilterTest, CloudTtsCharactersAreAnExactEstimateOfTheReceiptsCost) {
  Exchange x = PreflightRequest("/v1/text:synthesize",
                                R"({"input":{"text":"Hello, world: a budgeted sentence."},)"
                                R"("voice":{"languageCode":"en-US","name":"en-US-Wavenet-D"},)"
                                R"("audioConfig":{"audioEncoding":"MP3"}})",
                                "x-goog-api-key");
  const Receipt& r = Call(x, 200, R"({"audioContent":"AAAA"})");
  ASSERT_EQ(gate_.asked.size(), 1u);
  EXPECT_TRUE(gate_.asked[0].exact);
  EXPECT_EQ(gate_.asked[0].event_id, x.event_id);
  EXPECT_EQ(r.estimate_method, "request_characters");
  ASSERT_TRUE(r.estimated_cost.has_value());
  EXPECT_GT(r.estimated_cost->pico(), 0);
  EXPECT_EQ(r.estimated_cost, r.cost);  // 34 characters at the WaveNet rate, both ways
  EXPECT_EQ(gate_.asked[0].estimate, r.estimated_cost);
  // Central mode prices these units with central's book: without them it would hold nothing.
  EXPECT_EQ(gate_.asked[0].units, R"({"characters":34})");
  EXPECT_EQ(r.budget_holder, "px_0123456789abcdef");
}

TEST_F(PreflightFilterTest, ElevenLabsCharactersBecomeCreditsByTheModelsFactor) {
  Exchange x = PreflightRequest("/v1/text-to-speech/voice123",
                                R"({"text":"Twenty characters!!!","model_id":"eleven_flash_v2_5"})",
                                "xi-api-key");
  const Receipt& r = Call(x, 200, "ID3audio", "audio/mpeg");
  ASSERT_EQ(gate_.asked.size(), 1u);
  EXPECT_TRUE(gate_.asked[0].exact);
  EXPECT_EQ(gate_.asked[0].model, "eleven_flash_v2_5");
  EXPECT_EQ(r.estimate_method, "request_characters");
  filters::Units credits;
  credits.Set(kUnitCharacters, 20);
  const pricing::CallPrice expected = PreflightPriceOf("elevenlabs", "eleven_flash_v2_5", credits);
  ASSERT_TRUE(expected.cost.has_value());
  EXPECT_EQ(r.estimated_cost, expected.cost);
  EXPECT_EQ(r.estimated_cost, r.cost);  // no character-cost header: the receipt counts the same
}

TEST_F(PreflightFilterTest, GeminiTextAtTheRatioPlusMaxOutputTokens) {
  const std::string body =
      R"({"contents":[{"parts":[{"text":"Summarise the quarterly report."}]}],)"
      R"("generationConfig":{"maxOutputTokens":100,"candidateCount":2}})";
  Exchange x = GeminiRequest("/v1beta/models/gemini-2.0-flash-001:generateContent", body);
  const Receipt& r = Call(x);
  EXPECT_EQ(r.estimate_method, "request_text_ratio+max_output_tokens");
  filters::Units units;
  units.Set(kUnitInputTokens, TokensFromBytes(body.size()));
  units.Set(kUnitOutputTokens, 200);
  const pricing::CallPrice expected = PreflightPriceOf("gemini", "gemini-2.0-flash-001", units);
  ASSERT_TRUE(expected.cost.has_value());
  EXPECT_EQ(r.estimated_cost, expected.cost);
  ASSERT_EQ(gate_.asked.size(), 1u);
  EXPECT_EQ(gate_.asked[0].model, "gemini-2.0-flash-001");
  EXPECT_EQ(gate_.asked[0].estimate, expected.cost);
  EXPECT_FALSE(gate_.asked[0].exact);
  EXPECT_EQ(gate_.asked[0].units, units.ToJson());
}

TEST_F(PreflightFilterTest, WithoutAnOutputLimitTheConfiguredDefaultCounts) {
  const std::string body = R"({"contents":[{"parts":[{"text":"Hi"}]}]})";
  Exchange x =
      GeminiRequest("/v1beta/models/gemini-2.0-flash-001:streamGenerateContent?alt=sse", body);
  const Receipt& r = Call(x, 200, "", "text/event-stream");
  EXPECT_EQ(r.estimate_method, "request_text_ratio+default_output_tokens");
  filters::Units units;
  units.Set(kUnitInputTokens, TokensFromBytes(body.size()));
  units.Set(kUnitOutputTokens, 256);  // preflight.default_output_tokens
  EXPECT_EQ(r.estimated_cost, PreflightPriceOf("gemini", "gemini-2.0-flash-001", units).cost);
}

TEST_F(PreflightFilterTest, VertexPricesTheEstimateFromVertexsList) {
  const std::string body = R"({"contents":[{"parts":[{"text":"Hi"}]}]})";
  Exchange x = PreflightRequest(
      "/vertex/v1/projects/p/locations/us-central1/publishers/google/models/"
      "gemini-2.0-flash-001:generateContent",
      body, "Authorization");
  const Receipt& r = Call(x);
  filters::Units units;
  units.Set(kUnitInputTokens, TokensFromBytes(body.size()));
  units.Set(kUnitOutputTokens, 256);
  const pricing::CallPrice expected = PreflightPriceOf("vertex", "gemini-2.0-flash-001", units);
  ASSERT_TRUE(expected.cost.has_value());
  EXPECT_EQ(r.estimated_cost, expected.cost);
}

TEST_F(PreflightFilterTest, OpenAiCompatibleMaxTokensAndTheBodysModel) {
  const std::string body =
      R"({"model":"gemini-2.0-flash","messages":[{"role":"user","content":"Hello"}],)"
      R"("max_tokens":50})";
  Exchange x = PreflightRequest("/v1beta/openai/chat/completions", body, "Authorization");
  const Receipt& r = Call(x);
  EXPECT_EQ(r.estimate_method, "request_text_ratio+max_output_tokens");
  ASSERT_EQ(gate_.asked.size(), 1u);
  EXPECT_EQ(gate_.asked[0].model, "gemini-2.0-flash");
  filters::Units units;
  units.Set(kUnitInputTokens, TokensFromBytes(body.size()));
  units.Set(kUnitOutputTokens, 50);
  EXPECT_EQ(r.estimated_cost, PreflightPriceOf("gemini", "gemini-2.0-flash", units).cost);
}

TEST_F(PreflightFilterTest, AGzipBodyIsEstimatedAsItsDecodedText) {
  const std::string body =
      R"({"contents":[{"parts":[{"text":"A body sent compressed, as some SDKs do."}]}]})";
  Exchange plain = GeminiRequest("/v1beta/models/gemini-2.0-flash-001:generateContent", body);
  const std::optional<Money> plain_cost = Call(plain).estimated_cost;
  Exchange coded =
      GeminiRequest("/v1beta/models/gemini-2.0-flash-001:generateContent", *base::Gzip(body));
  coded.request.headers.Add("Content-Encoding", "gzip");
  sink_.receipts.clear();
  const Receipt& r = Call(coded);
  EXPECT_EQ(r.estimate_method, "request_text_ratio+default_output_tokens");
  EXPECT_EQ(r.estimated_cost, plain_cost);
}

TEST_F(PreflightFilterTest, ABodyOverTheBufferLimitIsEstimatedFromItsSize) {
  const std::string body = R"({"contents":[{"parts":[{"text":")" + std::string(5000, 'a') +
                           R"("}]}],"generationConfig":{"maxOutputTokens":10}})";
  Exchange x = GeminiRequest("/v1beta/models/gemini-2.0-flash-001:generateContent", body);
  const PreflightFilters filters = chain_.CreateFilters();
  size_t at = 0;
  ASSERT_EQ(PreflightPhase(filters, x, at), Next::kContinue);
  EXPECT_EQ(x.request_body_state, RequestBodyState::kTooLarge);
  // The output limit is in the part not read: the default counts.
  EXPECT_EQ(x.estimate_method, "body_bytes+default_output_tokens");
  filters::Units units;
  units.Set(kUnitInputTokens, TokensFromBytes(body.size()));
  units.Set(kUnitOutputTokens, 256);
  EXPECT_EQ(x.estimated_cost, PreflightPriceOf("gemini", "gemini-2.0-flash-001", units).cost);
}

TEST_F(PreflightFilterTest, ABodyInACodingNoMeterReadsIsEstimatedFromItsSize) {
  const std::string body = std::string(400, '\x9c');  // brotli, to the filter: bytes
  Exchange x = GeminiRequest("/v1beta/models/gemini-2.0-flash-001:generateContent", body);
  x.request.headers.Add("Content-Encoding", "br");
  const Receipt& r = Call(x);
  EXPECT_EQ(r.estimate_method, "body_bytes+default_output_tokens");
  filters::Units units;
  units.Set(kUnitInputTokens, 100);
  units.Set(kUnitOutputTokens, 256);
  EXPECT_EQ(r.estimated_cost, PreflightPriceOf("gemini", "gemini-2.0-flash-001", units).cost);
}

TEST_F(PreflightFilterTest, AFreeOperationIsCheckedAtAnExactZero) {
  Exchange x = GeminiRequest("/v1beta/models/gemini-2.0-flash-001:countTokens", "{}");
  Call(x, 200, R"({"totalTokens":3})");
  ASSERT_EQ(gate_.asked.size(), 1u);
  EXPECT_EQ(gate_.asked[0].estimate, Money());
  EXPECT_TRUE(gate_.asked[0].exact);
  EXPECT_EQ(x.estimate_method, "free_operation");
}

TEST_F(PreflightFilterTest, AnOutputLimitBeyondAnyCountHoldsTheMostThereIs) {
  Exchange x = GeminiRequest("/v1beta/models/gemini-2.0-flash-001:generateContent",
                             R"({"generationConfig":{"maxOutputTokens":99999999999999999999}})");
  Call(x);
  ASSERT_EQ(gate_.asked.size(), 1u);
  EXPECT_EQ(gate_.asked[0].estimate, Money::FromPico(std::numeric_limits<int64_t>::max()));
  EXPECT_FALSE(gate_.asked[0].exact);
  EXPECT_EQ(x.estimate_method, "estimate_overflow");
  EXPECT_EQ(x.estimated_cost, std::nullopt);
}

TEST_F(PreflightFilterTest, NotEstimableIsAllowedUnpricedAndCounted) {
  Exchange x =
      PreflightRequest("/v1/speech-to-text", "--b\r\n\r\naudio\r\n--b--\r\n", "xi-api-key");
  const Receipt& r = Call(x, 200, R"({"text":"hi","language_code":"en"})");
  ASSERT_EQ(gate_.asked.size(), 1u);
  EXPECT_EQ(gate_.asked[0].estimate, std::nullopt);
  EXPECT_EQ(r.estimate_method, "not_estimable");
  EXPECT_EQ(r.estimated_cost, std::nullopt);
  EXPECT_EQ(r.outcome, Outcome::kSuccess);
  EXPECT_EQ(UncheckedCount(stats_, "elevenlabs", "unpriced_estimate"), 1u);
}

TEST_F(PreflightFilterTest, AnUnmeteredOperationGoesUncheckedAndIsCounted) {
  Exchange x = GeminiRequest("/v1beta/models/gemini-2.0-flash-001:batchGenerateContent", "{}");
  const PreflightFilters filters = chain_.CreateFilters();
  size_t at = 0;
  ASSERT_EQ(PreflightPhase(filters, x, at), Next::kContinue);
  EXPECT_EQ(x.request_body_state, RequestBodyState::kUnread);  // nothing to estimate: not read
  EXPECT_TRUE(gate_.asked.empty());
  EXPECT_EQ(UncheckedCount(stats_, "gemini", "unmetered_operation"), 1u);
}

TEST_F(PreflightFilterTest, PassThroughIsNotAPaidCall) {
  Exchange x = GeminiRequest("/v1beta/models", "");
  x.request.method = "GET";
  const PreflightFilters filters = chain_.CreateFilters();
  size_t at = 0;
  ASSERT_EQ(PreflightPhase(filters, x, at), Next::kContinue);
  EXPECT_EQ(x.request_body_state, RequestBodyState::kUnread);
  EXPECT_TRUE(gate_.asked.empty());
  for (const auto& row : stats_.preflight_unchecked.Rows()) {
    EXPECT_EQ(row.count, 0u) << row.provider << " " << row.reason;
  }
}

// --- deny replies ----------------------------------------------------------------------------

GateDecision ExhaustedDecision() {
  return {.verdict = GateVerdict::kDeny,
          .reason = "budget_exhausted",
          .budget_id = "bud_team",
          .budget_name = "Team",
          .reset_unix_ms = 1'796'688'000'000,  // 2026-12-08T00:00:00Z
          .reservation = 0,
          .budget_holder = ""};
}

void ExpectDenyHeaders(const LocalReply& reply, std::string_view reason) {
  EXPECT_EQ(reply.reason, reason);
  ASSERT_NE(reply.headers.Find("x-costgate-reason"), nullptr);
  EXPECT_EQ(*reply.headers.Find("x-costgate-reason"), reason);
  ASSERT_NE(reply.headers.Find("x-costgate-deny-reason"), nullptr);
  EXPECT_EQ(*reply.headers.Find("x-costgate-deny-reason"), reason);
  ASSERT_NE(reply.headers.Find("x-costgate-budget"), nullptr);
  EXPECT_EQ(*reply.headers.Find("x-costgate-budget"), "bud_team");
  EXPECT_EQ(*reply.headers.Find("content-type"), "application/json");
  // The denied receipt's id, as on every forwarded answer.
  ASSERT_NE(reply.headers.Find("x-costgate-event-id"), nullptr);
  EXPECT_EQ(*reply.headers.Find("x-costgate-event-id"), "0190a6e4-7b1c-7cc3-9a4e-3f1d2c5b6a70");
}

TEST_F(PreflightFilterTest, GeminiDenyIsResourceExhaustedNamingTheBudgetAndItsReset) {
  gate_.next = ExhaustedDecision();
  Exchange x = GeminiRequest("/v1beta/models/gemini-2.0-flash-001:generateContent", "{}");
  const Receipt& r = Call(x);
  EXPECT_EQ(x.reply.status, 429);
  EXPECT_EQ(x.reply.body,
            R"({"error":{"code":429,"message":"costgate: budget Team (bud_team) is exhausted; it )"
            R"(resets at 2026-12-08T00:00:00Z","status":"RESOURCE_EXHAUSTED","details":[{"@type":)"
            R"("type.googleapis.com/google.rpc.ErrorInfo","reason":"BUDGET_EXHAUSTED",)"
            R"("domain":"costgate"}]}})");
  ExpectDenyHeaders(x.reply, "budget_exhausted");
  // 2026-12-08T00:00:00Z - 2026-09-21T14:13:20Z
  EXPECT_EQ(*x.reply.headers.Find("retry-after"), "6688000");
  EXPECT_EQ(*x.reply.headers.Find("x-should-retry"), "false");
  EXPECT_EQ(r.outcome, Outcome::kDenied);
  EXPECT_EQ(r.reason, "budget_exhausted");
  EXPECT_EQ(r.http_status, 429);
  EXPECT_EQ(r.cost, Money());
  EXPECT_EQ(r.estimate_method, "request_text_ratio+default_output_tokens");
  EXPECT_TRUE(r.estimated_cost.has_value());
  EXPECT_EQ(r.budget_holder, "");
  EXPECT_TRUE(sink_.intents.empty());  // refused before the receipt's intent
  EXPECT_TRUE(gate_.settled.empty());  // nothing was held
}

TEST_F(PreflightFilterTest, VertexAndTheOpenAiRouteDenyInGooglesShapeToo) {
  gate_.next = ExhaustedDecision();
  Exchange vertex = PreflightRequest(
      "/vertex/v1/projects/p/locations/us-central1/publishers/google/models/"
      "gemini-2.0-flash-001:generateContent",
      "{}", "Authorization");
  Call(vertex);
  EXPECT_EQ(vertex.reply.status, 429);
  EXPECT_TRUE(vertex.reply.body.starts_with(R"({"error":{"code":429,"message":"costgate: budget )"))
      << vertex.reply.body;
  EXPECT_NE(vertex.reply.body.find(R"("status":"RESOURCE_EXHAUSTED")"), std::string::npos);
  ExpectDenyHeaders(vertex.reply, "budget_exhausted");
  Exchange openai =
      PreflightRequest("/v1beta/openai/chat/completions",
                       R"({"model":"gemini-2.0-flash","messages":[]})", "Authorization");
  sink_.receipts.clear();
  Call(openai);
  EXPECT_EQ(openai.reply.status, 429);
  // The OpenAI SDKs read error.message and error.code from the same object.
  EXPECT_TRUE(openai.reply.body.starts_with(R"({"error":{"code":429,"message":"costgate: )"))
      << openai.reply.body;
  EXPECT_EQ(*openai.reply.headers.Find("x-should-retry"), "false");
}

// ElevenLabs' own "out of credits" status: its SDKs retry 429 (after Retry-After, up to 60 s a
// time) but not 401, so the app fails at once.
TEST_F(PreflightFilterTest, ElevenLabsDenyIsItsQuotaExceededStatusInItsDetailShape) {
  gate_.next = ExhaustedDecision();
  Exchange x = PreflightRequest("/v1/text-to-speech/voice123", R"({"text":"Hello"})", "xi-api-key");
  const Receipt& r = Call(x);
  EXPECT_EQ(x.reply.status, 401);
  EXPECT_EQ(r.http_status, 401);
  EXPECT_EQ(x.reply.body,
            R"({"detail":{"status":"budget_exhausted","message":"costgate: budget Team )"
            R"((bud_team) is exhausted; it resets at 2026-12-08T00:00:00Z"}})");
  ExpectDenyHeaders(x.reply, "budget_exhausted");
  EXPECT_EQ(*x.reply.headers.Find("retry-after"), "6688000");
  EXPECT_EQ(*x.reply.headers.Find("x-should-retry"), "false");
  EXPECT_EQ(r.outcome, Outcome::kDenied);
  EXPECT_EQ(r.cost, Money());
}

TEST_F(PreflightFilterTest, ElevenLabsOverTheCapIs401TooAndFailClosedStays503) {
  gate_.next = ExhaustedDecision();
  gate_.next.reason = "over_per_request_cap";
  Exchange capped =
      PreflightRequest("/v1/text-to-speech/voice123", R"({"text":"Hello"})", "xi-api-key");
  Call(capped);
  EXPECT_EQ(capped.reply.status, 401);
  EXPECT_TRUE(capped.reply.body.starts_with(R"({"detail":{"status":"over_per_request_cap",)"))
      << capped.reply.body;
  gate_.next.reason = "central_unreachable";
  sink_.receipts.clear();
  Exchange unreachable =
      PreflightRequest("/v1/text-to-speech/voice123", R"({"text":"Hello"})", "xi-api-key");
  Call(unreachable);
  EXPECT_EQ(unreachable.reply.status, 503);
  EXPECT_EQ(unreachable.reply.headers.Find("x-should-retry"), nullptr);
}

TEST_F(PreflightFilterTest, CloudTtsDenyIsTheRpcShape) {
  gate_.next = ExhaustedDecision();
  gate_.next.reason = "over_per_request_cap";
  Exchange x = PreflightRequest(
      "/v1/text:synthesize",
      R"({"input":{"text":"Hello"},"voice":{"languageCode":"en-US","name":"en-US-Standard-A"}})",
      "x-goog-api-key");
  const Receipt& r = Call(x);
  EXPECT_EQ(x.reply.status, 429);
  EXPECT_TRUE(x.reply.body.starts_with(
      R"({"error":{"code":429,"message":"costgate: this call (estimated at USD 0.000020) is )"
      R"x(over the per-request cap of budget Team (bud_team)","status":"RESOURCE_EXHAUSTED")x"))
      << x.reply.body;
  ExpectDenyHeaders(x.reply, "over_per_request_cap");
  // The same call is refused whenever it is sent: nothing to wait for.
  EXPECT_EQ(x.reply.headers.Find("retry-after"), nullptr);
  EXPECT_EQ(*x.reply.headers.Find("x-should-retry"), "false");
  EXPECT_EQ(r.reason, "over_per_request_cap");
}

TEST_F(PreflightFilterTest, CentralUnreachableFailClosedIsUnavailable) {
  gate_.next = ExhaustedDecision();
  gate_.next.reason = "central_unreachable";
  Exchange x = GeminiRequest("/v1beta/models/gemini-2.0-flash-001:generateContent", "{}");
  const Receipt& r = Call(x);
  EXPECT_EQ(x.reply.status, 503);
  EXPECT_NE(x.reply.body.find(R"("status":"UNAVAILABLE")"), std::string::npos) << x.reply.body;
  EXPECT_NE(x.reply.body.find("fail-closed"), std::string::npos);
  ExpectDenyHeaders(x.reply, "central_unreachable");
  EXPECT_EQ(x.reply.headers.Find("retry-after"), nullptr);
  EXPECT_EQ(x.reply.headers.Find("x-should-retry"), nullptr);
  EXPECT_EQ(r.outcome, Outcome::kDenied);
  EXPECT_EQ(r.reason, "central_unreachable");
}

TEST_F(PreflightFilterTest, AnUnknownResetTimeGivesNoRetryAfter) {
  gate_.next = ExhaustedDecision();
  gate_.next.reset_unix_ms = 0;
  gate_.next.budget_name.clear();
  Exchange x = GeminiRequest("/v1beta/models/gemini-2.0-flash-001:generateContent", "{}");
  Call(x);
  EXPECT_NE(x.reply.body.find(R"("message":"costgate: budget bud_team is exhausted")"),
            std::string::npos)
      << x.reply.body;
  EXPECT_EQ(x.reply.headers.Find("retry-after"), nullptr);
}

TEST_F(PreflightFilterTest, ARetryAfterIsAtLeastOneSecond) {
  gate_.next = ExhaustedDecision();
  gate_.next.reset_unix_ms = kPreflightAt + 1;
  Exchange x = GeminiRequest("/v1beta/models/gemini-2.0-flash-001:generateContent", "{}");
  Call(x);
  EXPECT_EQ(*x.reply.headers.Find("retry-after"), "1");
}

TEST_F(PreflightFilterTest, CentralUnreachableFailOpenIsAllowedAndCounted) {
  gate_.next.reason = "central_unreachable";
  gate_.next.reservation = 0;
  Exchange x = GeminiRequest("/v1beta/models/gemini-2.0-flash-001:generateContent", "{}");
  const Receipt& r = Call(x);
  EXPECT_EQ(r.outcome, Outcome::kSuccess);
  EXPECT_TRUE(gate_.settled.empty());  // nothing held, nothing to settle
  EXPECT_EQ(UncheckedCount(stats_, "gemini", "central_unreachable"), 1u);
}

// --- Settle: exactly once, with the right cost --------------------------------------------------

TEST_F(PreflightFilterTest, ASuccessfulCallSettlesItsReceiptsCost) {
  Exchange x = PreflightRequest(
      "/v1/text:synthesize",
      R"({"input":{"text":"Hello"},"voice":{"languageCode":"en-US","name":"en-US-Wavenet-D"}})",
      "x-goog-api-key");
  const Receipt& r = Call(x, 200, R"({"audioContent":"AAAA"})");
  ASSERT_EQ(gate_.settled.size(), 1u);
  EXPECT_EQ(gate_.settled[0].first, 7u);
  EXPECT_EQ(gate_.settled[0].second, r.cost);
  EXPECT_GT(r.cost->pico(), 0);
  EXPECT_EQ(x.budget_reservation, 0u);
}

TEST_F(PreflightFilterTest, AStreamCutByTheClientSettlesWhatWasMetered) {
  const PreflightFilters filters = chain_.CreateFilters();
  Exchange x = GeminiRequest("/v1beta/models/gemini-2.0-flash-001:streamGenerateContent?alt=sse",
                             R"({"contents":[{"parts":[{"text":"Hi"}]}]})");
  size_t at = 0;
  ASSERT_EQ(PreflightPhase(filters, x, at), Next::kContinue);
  PreflightForward(filters, x);
  PreflightRespond(filters, x, 200,
                   "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hel\"}]}}],"
                   "\"usageMetadata\":{\"promptTokenCount\":3,\"candidatesTokenCount\":40,"
                   "\"totalTokenCount\":43},\"modelVersion\":\"gemini-2.0-flash-001\"}\r\n\r\n",
                   "text/event-stream");
  PreflightComplete(filters, x, Outcome::kCancelled, 200, "client_disconnected");
  ASSERT_EQ(sink_.receipts.size(), 1u);
  ASSERT_TRUE(sink_.receipts[0].cost.has_value());
  EXPECT_GT(sink_.receipts[0].cost->pico(), 0);
  ASSERT_EQ(gate_.settled.size(), 1u);
  EXPECT_EQ(gate_.settled[0].second, sink_.receipts[0].cost);
}

TEST_F(PreflightFilterTest, ACallThatNeverWentOutSettlesZero) {
  // Allowed, then the upstream could not be reached (or the daemon stopped, or the client left)
  // before the request was sent.
  for (const Outcome outcome :
       {Outcome::kUpstreamError, Outcome::kInterrupted, Outcome::kCancelled}) {
    const PreflightFilters filters = chain_.CreateFilters();
    Exchange x = GeminiRequest("/v1beta/models/gemini-2.0-flash-001:generateContent", "{}");
    size_t at = 0;
    ASSERT_EQ(PreflightPhase(filters, x, at), Next::kContinue);
    gate_.settled.clear();
    PreflightComplete(filters, x, outcome, 502, "upstream_connect_failed");
    ASSERT_EQ(gate_.settled.size(), 1u);
    EXPECT_EQ(gate_.settled[0], std::pair(uint64_t{7}, std::optional(Money())));
  }
}

TEST_F(PreflightFilterTest, AnsweredLocallyAfterTheCheckSettlesZero) {
  // The receipt filter refuses after preflight allowed (receipts.fail_closed, outbox down).
  class RefusingSink final : public ReceiptSink {
   public:
    void Submit(Receipt) noexcept override {}
    bool accepting() const noexcept override { return false; }
  } refusing;
  const FilterChain chain =
      FilterChain::Build(PreflightConfig(), refusing, stats_, BundledPrices(), {"h", "v"}, &gate_);
  const PreflightFilters filters = chain.CreateFilters();
  Exchange x = GeminiRequest("/v1beta/models/gemini-2.0-flash-001:generateContent", "{}");
  size_t at = 0;
  ASSERT_EQ(PreflightPhase(filters, x, at), Next::kAnswered);
  EXPECT_EQ(x.reply.reason, "outbox_unavailable");
  PreflightComplete(filters, x, Outcome::kDenied, 503, "outbox_unavailable");
  ASSERT_EQ(gate_.settled.size(), 1u);
  EXPECT_EQ(gate_.settled[0].second, Money());
}

TEST_F(PreflightFilterTest, AnUnheldAllowNeedsNoSettle) {
  gate_.next.reservation = 0;
  Exchange x = GeminiRequest("/v1beta/models/gemini-2.0-flash-001:generateContent", "{}");
  Call(x);
  EXPECT_TRUE(gate_.settled.empty());
}

// --- a gate that waits ---------------------------------------------------------------------------

std::vector<std::function<void()>> preflight_posted;
Post PreflightQueue() {
  return [](std::function<void()> work) { preflight_posted.push_back(std::move(work)); };
}
void RunPreflightPosted() {
  while (!preflight_posted.empty()) {
    auto work = std::move(preflight_posted.front());
    preflight_posted.erase(preflight_posted.begin());
    work();
  }
}

TEST_F(PreflightFilterTest, ASuspendedReserveCarriesOnWithTheRestOfTheChainOnceAnswered) {
  gate_.suspend = true;
  const PreflightFilters filters = chain_.CreateFilters();
  Exchange x = GeminiRequest("/v1beta/models/gemini-2.0-flash-001:generateContent", "{}");
  size_t at = 0;
  Task<Next> phase = PreflightPhase(filters, x, at);
  ASSERT_FALSE(phase.ready());
  bool done = false;
  phase.Start(PreflightQueue(), [&done] { done = true; });
  EXPECT_FALSE(done);
  ASSERT_TRUE(gate_.pending.has_value());
  EXPECT_TRUE(sink_.intents.empty());  // receipt's OnRequest waits behind preflight
  EXPECT_TRUE(gate_.pending->Send(gate_.next));
  RunPreflightPosted();
  ASSERT_TRUE(done);
  EXPECT_EQ(phase.value(), Next::kContinue);
  EXPECT_EQ(x.budget_reservation, 7u);
  EXPECT_EQ(sink_.intents.size(), 1u);
  EXPECT_EQ(sink_.intents[0].estimate_method, "request_text_ratio+default_output_tokens");
}

TEST_F(PreflightFilterTest, ASuspendedReserveCanDeny) {
  gate_.suspend = true;
  const PreflightFilters filters = chain_.CreateFilters();
  Exchange x = GeminiRequest("/v1beta/models/gemini-2.0-flash-001:generateContent", "{}");
  size_t at = 0;
  Task<Next> phase = PreflightPhase(filters, x, at);
  ASSERT_FALSE(phase.ready());
  phase.Start(PreflightQueue(), [] {});
  EXPECT_TRUE(gate_.pending->Send(ExhaustedDecision()));
  RunPreflightPosted();
  ASSERT_TRUE(phase.ready());
  EXPECT_EQ(phase.value(), Next::kAnswered);
  EXPECT_EQ(x.reply.status, 429);
}

TEST_F(PreflightFilterTest, ARequestGoneWhileReserveWaitsLeavesNothingHeld) {
  gate_.suspend = true;
  const PreflightFilters filters = chain_.CreateFilters();
  Exchange x = GeminiRequest("/v1beta/models/gemini-2.0-flash-001:generateContent", "{}");
  {
    size_t at = 0;
    Task<Next> phase = PreflightPhase(filters, x, at);
    phase.Start(PreflightQueue(), [] {});
  }  // the daemon stopped: the suspended phase is destroyed
  EXPECT_FALSE(gate_.pending->Send(gate_.next));  // the gate learns nobody took it
  RunPreflightPosted();
  PreflightComplete(filters, x, Outcome::kInterrupted, 0, "daemon_stopped");
  EXPECT_TRUE(gate_.settled.empty());
  EXPECT_EQ(sink_.receipts.size(), 1u);
}

}  // namespace
}  // namespace costgate::filters::preflight
