// The budget preflight on the request path of a real proxy (in this process, so that a scripted
// BudgetGate can be handed to it) in front of the mock upstream: a denied call never reaches the
// upstream, a body read before the check is forwarded byte for byte, a body over the buffer
// limit streams, a gate that waits holds the call and nothing else, and every reservation is
// settled once.
#include <gtest/gtest.h>

#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <set>

#include "tests/integration/in_process_proxy_helpers.h"
#include "tests/integration/integration_fixture_helpers.h"

namespace costgate::integration {
namespace {

using filters::Answer;
using filters::Task;
using filters::preflight::GateCall;
using filters::preflight::GateDecision;
using filters::preflight::GateVerdict;
using pricing::Money;

constexpr uint64_t kBufferLimit = 4096;
constexpr std::string_view kGeneratePath = "/v1beta/models/gemini-2.0-flash-001:generateContent";

// A gate scripted by the test: allows, denies, or waits for the test to answer. Reserve and
// Settle run on the proxy's worker thread; the test reads from its own.
class PreflightTestGate final : public filters::preflight::BudgetGate {
 public:
  enum class Mode { kAllow, kDeny, kWait };

  struct Asked {
    std::string model;
    std::optional<Money> estimate;
    std::string method;  // the Exchange's estimate_method
  };

  void SetMode(Mode mode) {
    const std::lock_guard lock(mutex_);
    mode_ = mode;
  }

  Task<GateDecision> Reserve(const GateCall& call) override {
    const std::lock_guard lock(mutex_);
    asked_.push_back({std::string(call.model), call.estimate, call.x->estimate_method});
    changed_.notify_all();
    if (mode_ == Mode::kAllow) {
      return AllowLocked();
    }
    if (mode_ == Mode::kDeny) {
      return Deny();
    }
    return Later();
  }

  void Settle(uint64_t reservation, std::optional<Money> real_cost) noexcept override {
    const std::lock_guard lock(mutex_);
    settled_.emplace_back(reservation, real_cost);
    held_.erase(reservation);
    changed_.notify_all();
  }

  // Answers the oldest waiting Reserve. True when the request took the answer; an allow holds a
  // reservation only then (a gate whose Send fails releases what it reserved: budget_gate.h).
  bool Answer(bool allow) {
    std::optional<filters::Answer<GateDecision>::Sender> sender;
    GateDecision decision = Deny();
    {
      const std::lock_guard lock(mutex_);
      sender = std::move(waiting_.front());
      waiting_.pop_front();
      if (allow) {
        decision = AllowLocked();
      }
    }
    const bool taken = sender->Send(decision);
    if (!taken) {
      const std::lock_guard lock(mutex_);
      held_.erase(decision.reservation);
    }
    return taken;
  }

  bool WaitFor(const std::function<bool()>& done) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, kWait, done);
  }
  bool WaitForWaiting(size_t n) {
    return WaitFor([&] { return waiting_.size() >= n; });
  }
  bool WaitForSettled(size_t n) {
    return WaitFor([&] { return settled_.size() >= n; });
  }

  std::vector<Asked> asked() const {
    const std::lock_guard lock(mutex_);
    return asked_;
  }
  std::vector<std::pair<uint64_t, std::optional<Money>>> settled() const {
    const std::lock_guard lock(mutex_);
    return settled_;
  }
  size_t held() const {
    const std::lock_guard lock(mutex_);
    return held_.size();
  }

 private:
  GateDecision AllowLocked() {
    const uint64_t reservation = ++last_reservation_;
    held_.insert(reservation);
    return {.verdict = GateVerdict::kAllow,
            .reason = "",
            .budget_id = "bud_all",
            .budget_name = "All",
            .reset_unix_ms = 0,
            .reservation = reservation,
            .budget_holder = "px_00000000000000aa"};
  }
  static GateDecision Deny() {
    return {.verdict = GateVerdict::kDeny,
            .reason = "budget_exhausted",
            .budget_id = "bud_all",
            .budget_name = "All",
            .reset_unix_ms = 4'102'444'800'000,  // 2100-01-01
            .reservation = 0,
            .budget_holder = ""};
  }
  Task<GateDecision> Later() {
    filters::Answer<GateDecision> answer;
    {
      const std::lock_guard lock(mutex_);
      waiting_.push_back(answer.sender());
      changed_.notify_all();
    }
    GateDecision decision = co_await answer;
    co_return decision;
  }

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  Mode mode_ = Mode::kAllow;
  uint64_t last_reservation_ = 0;
  std::set<uint64_t> held_;
  std::vector<Asked> asked_;
  std::vector<std::pair<uint64_t, std::optional<Money>>> settled_;
  std::deque<filters::Answer<GateDecision>::Sender> waiting_;
};

std::string GenerateBody(size_t text_bytes) {
  return R"({"contents":[{"role":"user","parts":[{"text":")" + std::string(text_bytes, 'x') +
         R"("}]}],"generationConfig":{"maxOutputTokens":64}})";
}

std::string RawHead(std::string_view marker, std::string_view framing) {
  return "POST " + std::string(kGeneratePath) +
         " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
         "x-goog-api-key: test-key\r\n" +
         std::string(kMarkerHeader) + ": " + std::string(marker) + "\r\n" + std::string(framing);
}

std::string Chunked(std::string_view body, size_t piece) {
  std::string wire;
  for (size_t at = 0; at < body.size(); at += piece) {
    const std::string_view chunk = body.substr(at, piece);
    char size[32];
    std::snprintf(size, sizeof size, "%zx\r\n", chunk.size());
    wire += size + std::string(chunk) + "\r\n";
  }
  return wire + "0\r\n\r\n";
}

class PreflightDaemonTest : public ::testing::Test {
 protected:
  void SetUp() override {
    DaemonSettings settings = MockUpstreamSettings();
    settings.extra_yaml =
        "preflight:\n  max_buffered_body_bytes: " + std::to_string(kBufferLimit) + "\n";
    proxy_ = std::make_unique<InProcessProxy>(settings, &gate_);
  }
  void TearDown() override {
    if (HasFailure() && proxy_ != nullptr) {
      std::cerr << "--- proxy log ---\n" << proxy_->Log() << "\n";
    }
    proxy_.reset();
    // Every reservation a request took was settled, whatever way it ended.
    EXPECT_EQ(gate_.held(), 0u);
  }

  HttpResponse Post(std::string_view marker, const std::string& body,
                    std::vector<std::string> headers = {}) {
    HttpRequest request;
    request.method = "POST";
    request.url = proxy_->Url(kGeneratePath);
    request.headers = {"Content-Type: application/json", "x-goog-api-key: test-key",
                       std::string(kMarkerHeader) + ": " + std::string(marker)};
    request.headers.insert(request.headers.end(), headers.begin(), headers.end());
    request.body = body;
    return Http(request);
  }

  // Sends a whole request and waits until the gate holds its Reserve.
  bool SendWhileReserveWaits(RawConnection& connection, std::string_view marker) {
    const std::string body = GenerateBody(200);
    return connection.Send(RawHead(
               marker, "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body)) &&
           gate_.WaitForWaiting(1);
  }

  std::vector<MockRequest> Upstreamed(std::string_view marker) {
    return Upstream().mock->RequestsWith(kMarkerHeader, marker);
  }

  PreflightTestGate gate_;
  std::unique_ptr<InProcessProxy> proxy_;  // after the gate: it uses the gate until it stops
};

TEST_F(PreflightDaemonTest, ADeniedCallNeverReachesTheUpstream) {
  gate_.SetMode(PreflightTestGate::Mode::kDeny);
  const std::string marker = UniqueToken("denied");
  const HttpResponse response = Post(marker, GenerateBody(100));
  EXPECT_EQ(response.status, 429);
  EXPECT_NE(response.body.find(R"("status":"RESOURCE_EXHAUSTED")"), std::string::npos)
      << response.body;
  EXPECT_NE(response.body.find("budget All (bud_all) is exhausted; it resets at "
                               "2100-01-01T00:00:00Z"),
            std::string::npos)
      << response.body;
  EXPECT_EQ(response.Header("x-costgate-deny-reason"), "budget_exhausted");
  EXPECT_EQ(response.Header("x-costgate-reason"), "budget_exhausted");
  EXPECT_EQ(response.Header("x-costgate-budget"), "bud_all");
  EXPECT_EQ(response.Header("x-should-retry"), "false");
  ASSERT_TRUE(response.Header("retry-after").has_value());
  EXPECT_GT(std::stoll(*response.Header("retry-after")), 0);

  const auto rows = proxy_->receipts().WaitForRows("outcome", "denied", 1, kWait);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].Text("reason"), "budget_exhausted");
  EXPECT_EQ(rows[0].Int("cost_pico_usd"), 0);
  EXPECT_EQ(rows[0].Text("estimate_method"), "request_text_ratio+max_output_tokens");
  EXPECT_GT(rows[0].Int("estimated_cost_pico_usd").value_or(0), 0);
  EXPECT_EQ(rows[0].Text("budget_holder"), "");
  EXPECT_TRUE(Upstreamed(marker).empty());
  EXPECT_TRUE(gate_.settled().empty());
}

TEST_F(PreflightDaemonTest, ABufferedBodyIsForwardedByteForByte) {
  const std::string marker = UniqueToken("buffered");
  const std::string body = GenerateBody(1000);
  const HttpResponse response = Post(marker, body);
  EXPECT_EQ(response.status, 200) << response.body;
  const auto seen = Upstreamed(marker);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].Header("Content-Length"), std::to_string(body.size()));
  EXPECT_EQ(seen[0].body_sha256, Sha256Hex(body));
  ASSERT_EQ(gate_.asked().size(), 1u);
  EXPECT_EQ(gate_.asked()[0].method, "request_text_ratio+max_output_tokens");
  EXPECT_EQ(gate_.asked()[0].model, "gemini-2.0-flash-001");

  const auto rows = proxy_->receipts().WaitForRows("outcome", "success", 1, kWait);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].Int("request_bytes"), static_cast<int64_t>(body.size()));
  EXPECT_EQ(rows[0].Text("budget_holder"), "px_00000000000000aa");
  EXPECT_EQ(rows[0].Text("estimate_method"), "request_text_ratio+max_output_tokens");
  // The metered input is the provider's report, not the estimate: the meter saw the body too.
  ASSERT_TRUE(gate_.WaitForSettled(1));
  ASSERT_EQ(gate_.settled().size(), 1u);
  EXPECT_EQ(gate_.settled()[0].second, Money::FromPico(*rows[0].Int("cost_pico_usd")));
}

TEST_F(PreflightDaemonTest, AChunkedBodyWithExpectContinueIsReadThenForwardedWhole) {
  const std::string marker = UniqueToken("chunked");
  const std::string body = GenerateBody(2000);
  RawConnection connection(proxy_->port());
  ASSERT_TRUE(connection.Send(
      RawHead(marker, "Expect: 100-continue\r\nTransfer-Encoding: chunked\r\n\r\n")));
  const auto interim = connection.ReadHead(kWait);
  ASSERT_TRUE(interim.has_value());
  EXPECT_EQ(interim->status, 100);
  EXPECT_TRUE(gate_.asked().empty());  // nothing decided before the body
  ASSERT_TRUE(connection.Send(Chunked(body, 333)));
  const auto head = connection.ReadHead(kWait);
  ASSERT_TRUE(head.has_value());
  EXPECT_EQ(head->status, 200);
  connection.ReadFullBody(kWait);
  const auto seen = Upstreamed(marker);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].Header("Transfer-Encoding"), "chunked");
  EXPECT_EQ(seen[0].Header("Expect"), std::nullopt);
  EXPECT_EQ(seen[0].body_sha256, Sha256Hex(body));
  ASSERT_EQ(gate_.asked().size(), 1u);
  EXPECT_EQ(gate_.asked()[0].method, "request_text_ratio+max_output_tokens");
}

TEST_F(PreflightDaemonTest, ABodyOverTheLimitStreamsAndIsEstimatedFromItsLength) {
  const std::string marker = UniqueToken("large");
  const std::string body = GenerateBody(3 * kBufferLimit);
  const HttpResponse response = Post(marker, body);
  EXPECT_EQ(response.status, 200) << response.body;
  const auto seen = Upstreamed(marker);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].body_sha256, Sha256Hex(body));
  ASSERT_EQ(gate_.asked().size(), 1u);
  EXPECT_EQ(gate_.asked()[0].method, "body_bytes+default_output_tokens");
}

TEST_F(PreflightDaemonTest, AChunkedBodyOverTheLimitStreamsTheRestAfterWhatWasRead) {
  const std::string marker = UniqueToken("large-chunked");
  const std::string body = GenerateBody(3 * kBufferLimit);
  RawConnection connection(proxy_->port());
  ASSERT_TRUE(connection.Send(RawHead(marker, "Transfer-Encoding: chunked\r\n\r\n")));
  ASSERT_TRUE(connection.Send(Chunked(body, 1000)));
  const auto head = connection.ReadHead(kWait);
  ASSERT_TRUE(head.has_value());
  EXPECT_EQ(head->status, 200);
  const auto seen = Upstreamed(marker);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].body_sha256, Sha256Hex(body));
  ASSERT_EQ(gate_.asked().size(), 1u);
  EXPECT_EQ(gate_.asked()[0].method, "body_bytes+default_output_tokens");
}

TEST_F(PreflightDaemonTest, AnOversizedBodyIsNotAskedForBeforeTheCall) {
  gate_.SetMode(PreflightTestGate::Mode::kDeny);
  const std::string marker = UniqueToken("large-refused");
  RawConnection connection(proxy_->port());
  ASSERT_TRUE(connection.Send(RawHead(marker, "Expect: 100-continue\r\nContent-Length: " +
                                                  std::to_string(3 * kBufferLimit) + "\r\n\r\n")));
  const auto head = connection.ReadHead(kWait);
  ASSERT_TRUE(head.has_value());
  EXPECT_EQ(head->status, 429) << "no 100 Continue for a body that would be refused";
  EXPECT_TRUE(Upstreamed(marker).empty());
}

TEST_F(PreflightDaemonTest, AReserveThatWaitsHoldsTheCallUntilAnswered) {
  gate_.SetMode(PreflightTestGate::Mode::kWait);
  const std::string marker = UniqueToken("waits");
  const std::string body = GenerateBody(200);
  std::future<HttpResponse> response =
      std::async(std::launch::async, [&] { return Post(marker, body); });
  ASSERT_TRUE(gate_.WaitForWaiting(1));
  EXPECT_TRUE(Upstreamed(marker).empty());
  EXPECT_TRUE(gate_.Answer(true));
  ASSERT_EQ(response.wait_for(kWait), std::future_status::ready);
  EXPECT_EQ(response.get().status, 200);
  const auto seen = Upstreamed(marker);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].body_sha256, Sha256Hex(body));
  ASSERT_TRUE(gate_.WaitForSettled(1));
  EXPECT_EQ(gate_.settled().size(), 1u);
}

TEST_F(PreflightDaemonTest, AClientGoneWhileReserveWaitsSendsNothingUpstream) {
  gate_.SetMode(PreflightTestGate::Mode::kWait);
  const std::string marker = UniqueToken("gone");
  {
    RawConnection connection(proxy_->port());
    ASSERT_TRUE(SendWhileReserveWaits(connection, marker));
    connection.Close();
  }
  EXPECT_TRUE(gate_.Answer(true));  // the request was still there to take it...
  ASSERT_TRUE(gate_.WaitForSettled(1));
  const auto settled = gate_.settled();
  ASSERT_EQ(settled.size(), 1u);
  EXPECT_EQ(settled[0].second, Money());  // ...and gave it back unspent
  const auto rows = proxy_->receipts().WaitForRows("outcome", "cancelled", 1, kWait);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].Text("reason"), "client_disconnected");
  EXPECT_TRUE(Upstreamed(marker).empty());
}

TEST_F(PreflightDaemonTest, ADaemonStopWhileReserveWaitsLeavesNothingHeld) {
  gate_.SetMode(PreflightTestGate::Mode::kWait);
  const std::string marker = UniqueToken("stopped");
  RawConnection connection(proxy_->port());
  ASSERT_TRUE(SendWhileReserveWaits(connection, marker));
  proxy_->Stop();
  EXPECT_FALSE(gate_.Answer(true));  // nobody took it: the gate keeps nothing for it
  EXPECT_TRUE(gate_.settled().empty());
  EXPECT_TRUE(Upstreamed(marker).empty());
  const auto rows = proxy_->receipts().WaitForRows("outcome", "interrupted", 1, kWait);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].Text("reason"), "daemon_stopped");
}

}  // namespace
}  // namespace costgate::integration
