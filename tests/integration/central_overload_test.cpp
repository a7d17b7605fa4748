// Central under hostile or heavy clients: a request is admitted from its head before any body
// byte is read, request bodies share one memory budget (central.max_buffered_body_bytes), and a
// body must keep a minimum pace (timeouts.request_body_ms, limits.min_request_body_bytes_per_s).
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "tests/integration/central_helpers.h"
#include "tests/integration/integration_fixture_helpers.h"
#include "tests/integration/json_helpers.h"
#include "tests/integration/raw_client_helpers.h"

namespace costgate::integration {
namespace {

// Resident memory of a process, from /proc/PID/status (kB there).
int64_t ResidentBytes(pid_t pid) {
  const std::string status = ReadFileOrEmpty("/proc/" + std::to_string(pid) + "/status");
  const size_t at = status.find("VmRSS:");
  return at == std::string::npos ? -1 : std::stoll(status.substr(at + 6)) * 1024;
}

std::string BatchHead(std::string_view key, std::string_view framing, std::string_view extra = "") {
  std::string head = "POST /v1/usage/batch HTTP/1.1\r\nHost: central\r\n";
  if (!key.empty()) {
    head += "X-API-Key: " + std::string(key) + "\r\n";
  }
  return head + "Content-Type: application/json\r\n" + std::string(framing) + "\r\n" +
         std::string(extra) + "\r\n";
}

std::string ContentLength(uint64_t bytes) { return "Content-Length: " + std::to_string(bytes); }

// A valid batch of exactly `bytes` bytes: no events, padded with whitespace.
std::string EmptyBatchOf(size_t bytes) {
  const std::string open = R"({"events":[)";
  const std::string close = "]}";
  return open + std::string(bytes - open.size() - close.size(), ' ') + close;
}

HttpResponse CentralGet(const CentralUnderTest& central, std::string_view path) {
  HttpRequest request;
  request.url = central.Url(path);
  return Http(request);
}

// The request's error code, once its response head has been read.
std::string ErrorCodeOf(RawConnection& connection) {
  connection.ReadFullBody(kWait);
  return JsonString(connection.body(), "/error/code").value_or("");
}

// 30 clients without a key, each declaring a 15 MiB body, sending 1 MiB of it and stalling:
// each is refused at once from its head, and central holds none of their bytes.
TEST(CentralOverload, UnauthenticatedBodiesAreRefusedFromTheHeadAndNeverHeld) {
  CentralUnderTest central;
  ASSERT_EQ(CentralGet(central, "/v1/health").status, 200);
  const pid_t pid = central.process().process().pid();
  const int64_t idle = ResidentBytes(pid);
  ASSERT_GT(idle, 0);

  constexpr int kClients = 30;
  const std::string sent(1 << 20, 'x');
  std::vector<std::unique_ptr<RawConnection>> clients;
  const auto start = Clock::now();
  for (int i = 0; i < kClients; ++i) {
    clients.push_back(std::make_unique<RawConnection>(central.port()));
    ASSERT_TRUE(clients.back()->connected());
    ASSERT_TRUE(clients.back()->Send(BatchHead("", ContentLength(15 << 20))));
    clients.back()->Send(sent);  // may fail once central has answered and closed: no matter
  }
  for (auto& client : clients) {
    const std::optional<RawResponseHead> head = client->ReadHead(kWait);
    ASSERT_TRUE(head.has_value());
    EXPECT_EQ(head->status, 401);
    EXPECT_EQ(head->Header("Connection"), "close");
    EXPECT_EQ(ErrorCodeOf(*client), "unauthorized");
  }
  // At once: well within timeouts.header_read (10 s), which the body would otherwise have had.
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(8));
  // The clients are still connected and stalled; 30 MiB arrived, none of it is kept.
  const int64_t loaded = ResidentBytes(pid);
  EXPECT_LT(loaded - idle, 8 << 20) << "idle " << idle << " loaded " << loaded;
}

TEST(CentralOverload, ExpectContinueIsNotAnsweredForARefusedRequest) {
  CentralUnderTest central;
  RawConnection connection(central.port());
  ASSERT_TRUE(connection.Send(
      BatchHead("ct_live_unknown", ContentLength(100), "Expect: 100-continue\r\n")));
  const std::optional<RawResponseHead> head = connection.ReadHead(kWait);
  ASSERT_TRUE(head.has_value());
  EXPECT_EQ(head->status, 401);  // not 100: the client never sends the body
  EXPECT_TRUE(connection.WaitForClose(kWait));
}

TEST(CentralOverload, ADeclaredBodyOverTheLimitIsRefusedBeforeItIsSent) {
  CentralUnderTest central(0, "  max_body_bytes: 4096\n");
  const std::string key = central.CreateKey("big-" + UniqueToken("key"), "my-project");
  RawConnection connection(central.port());
  ASSERT_TRUE(connection.Send(BatchHead(key, ContentLength(4097), "Expect: 100-continue\r\n")));
  const std::optional<RawResponseHead> head = connection.ReadHead(kWait);
  ASSERT_TRUE(head.has_value());
  EXPECT_EQ(head->status, 413);
  EXPECT_EQ(ErrorCodeOf(connection), "body_too_large");
}

// The budget holds one 40 KB body: a second one is refused 503 with Retry-After before it is
// read (declared length) or as it grows (chunked), a small one still fits, and everything is
// given back when the requests end.
TEST(CentralOverload, BodiesBeyondTheBudgetGet503WhileOneThatFitsIsServed) {
  CentralUnderTest central(0, "  max_body_bytes: 49152\n  max_buffered_body_bytes: 65536\n");
  const std::string key = central.CreateKey("budget-" + UniqueToken("key"), "my-project");

  // Holds 40,000 bytes of the budget: 100 Continue comes once the body is admitted and paid for.
  RawConnection holder(central.port());
  ASSERT_TRUE(holder.Send(BatchHead(key, ContentLength(40'000), "Expect: 100-continue\r\n")));
  const std::optional<RawResponseHead> go_ahead = holder.ReadHead(kWait);
  ASSERT_TRUE(go_ahead.has_value());
  ASSERT_EQ(go_ahead->status, 100);

  RawConnection declared(central.port());
  ASSERT_TRUE(declared.Send(BatchHead(key, ContentLength(40'000))));
  const std::optional<RawResponseHead> refused = declared.ReadHead(kWait);
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(refused->status, 503);
  EXPECT_EQ(refused->Header("Retry-After"), "1");
  EXPECT_EQ(refused->Header("Connection"), "close");
  EXPECT_EQ(ErrorCodeOf(declared), "overloaded");

  RawConnection chunked(central.port());
  ASSERT_TRUE(chunked.Send(BatchHead(key, "Transfer-Encoding: chunked")));
  const std::string chunk(30'000, ' ');
  ASSERT_TRUE(chunked.Send("7530\r\n" + chunk + "\r\n"));  // 0x7530 = 30,000
  const std::optional<RawResponseHead> cut = chunked.ReadHead(kWait);
  ASSERT_TRUE(cut.has_value());
  EXPECT_EQ(cut->status, 503);
  EXPECT_EQ(cut->Header("Retry-After"), "1");
  EXPECT_EQ(ErrorCodeOf(chunked), "overloaded");

  HttpRequest small_request;
  small_request.method = "POST";
  small_request.url = central.Url("/v1/usage/batch");
  small_request.headers = {"X-API-Key: " + key, "Content-Type: application/json"};
  small_request.body = EmptyBatchOf(2'000);
  const HttpResponse small = Http(small_request);
  EXPECT_EQ(small.status, 200) << small.body;

  ASSERT_TRUE(holder.Send(EmptyBatchOf(40'000)));
  const std::optional<RawResponseHead> served = holder.ReadHead(kWait);
  ASSERT_TRUE(served.has_value());
  EXPECT_EQ(served->status, 200);

  const std::string metrics = CentralGet(central, "/metrics").body;
  EXPECT_NE(metrics.find("costgate_central_overload_refusals_total 2\n"), std::string::npos)
      << metrics;
  EXPECT_NE(metrics.find("costgate_central_body_bytes_buffered 0\n"), std::string::npos) << metrics;
}

// A byte every 200 ms never leaves a read waiting timeouts.header_read, but the body as a whole
// is too slow: 600 ms plus 10 ms per byte delivered runs out after about 0.65 s.
TEST(CentralOverload, ATrickledBodyGets408) {
  CentralUnderTest central(0, {}, [](DaemonSettings& settings) {
    settings.header_read_ms = 2'000;
    settings.timeouts_yaml = "  request_body_ms: 600\n";
    settings.limits_yaml = "  min_request_body_bytes_per_s: 100\n";
  });
  const std::string key = central.CreateKey("slow-" + UniqueToken("key"), "my-project");
  RawConnection connection(central.port());
  const auto start = Clock::now();
  ASSERT_TRUE(connection.Send(BatchHead(key, ContentLength(1'000))));
  std::optional<RawResponseHead> head;
  while (!head && Clock::now() - start < std::chrono::seconds(10)) {
    connection.Send(" ");
    // Waiting for the answer paces the trickle.
    head = connection.ReadHead(std::chrono::milliseconds(200));
    if (connection.peer_closed()) {
      break;
    }
  }
  const auto elapsed = Clock::now() - start;
  ASSERT_TRUE(head.has_value()) << "no answer after "
                                << std::chrono::duration<double>(elapsed).count() << " s";
  EXPECT_EQ(head->status, 408);
  EXPECT_EQ(ErrorCodeOf(connection), "body_timeout");
  EXPECT_GE(elapsed, std::chrono::milliseconds(550));
  EXPECT_LT(elapsed, std::chrono::seconds(4));
}

}  // namespace
}  // namespace costgate::integration
