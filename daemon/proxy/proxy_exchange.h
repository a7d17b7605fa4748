// One admitted request, end to end: the filter chain's request phase, forwarding the request to
// its upstream, relaying the response while the meters watch it, and completion.
//
// Reads top to bottom like the request lifecycle in ARCHITECTURE.md. Completion (OnComplete of
// every filter, the metrics and the access log) runs exactly once on every path, from a scope
// guard (Completion) that Run creates with the filters, after the outcome fields are set.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "daemon/asio.h"
#include "daemon/http/message_parser.h"
#include "daemon/proxy/proxy_runtime.h"
#include "daemon/upstream/upstream_connection.h"
#include "filters/exchange.h"
#include "filters/filter.h"

namespace costgate::daemon::server {
class ClientConnection;
}

namespace costgate::daemon::proxy {

class ProxyHandler;

// Runs the request whose head `client.parser()` just parsed. Returns true when the client
// connection may carry another request.
Awaitable<bool> RunExchange(server::ClientConnection& client, ProxyHandler& handler);

class ProxyExchange {
 public:
  ProxyExchange(server::ClientConnection& client, ProxyHandler& handler);
  ProxyExchange(const ProxyExchange&) = delete;
  ProxyExchange& operator=(const ProxyExchange&) = delete;

  Awaitable<bool> Run();

 private:
  // The scope guard of completion. Run creates it right after the filters, before any hook
  // runs; its destructor calls Finish, so completion runs exactly once whichever way Run ends:
  // any co_return (answered locally, upstream failure, client gone, success), an exception, or
  // the coroutine destroyed mid-flight by a daemon stop (then with outcome interrupted, reason
  // daemon_stopped, as no path set one). Locals declared after it in Run (the request phase's
  // Task) are gone before it runs, so no filter frame is suspended during completion.
  class Completion {
   public:
    explicit Completion(ProxyExchange& exchange) noexcept : exchange_(exchange) {}
    Completion(const Completion&) = delete;
    Completion& operator=(const Completion&) = delete;
    ~Completion() { exchange_.Finish(); }

   private:
    ProxyExchange& exchange_;
  };

  // Request side (proxy_exchange.cpp).
  Awaitable<bool> AnswerLocally(bool close);
  Awaitable<bool> Fail(int status, std::string_view reason, std::string message);
  bool RequestBodyPending() const;
  bool DiscardBufferedBody();  // true when the request body is fully consumed
  Awaitable<bool> AcquireUpstream();
  // Completion (the guard's): stops the client watch, marks a request that no path gave an
  // outcome as cut off by the daemon, then OnComplete of every filter, metrics, access log.
  void Finish() noexcept;

  // The request phase around the filters (request_phase.cpp).
  // A request phase that suspended: awaited while the client is watched; client_gone_ says
  // whether it left meanwhile.
  Awaitable<filters::Next> WaitForFilters(filters::Task<filters::Next> phase);
  // The declared Content-Length is over limits.max_request_body_bytes (413).
  bool BodyTooLarge() const;
  // The request body read before the filters decide (Next::kNeedBody).
  enum class BufferResult {
    kRead,        // x_.request_body_state says what was read
    kRefused,     // malformed, over limits.max_request_body_bytes, too slow: reply set
    kClientGone,  // outcome set
  };
  Awaitable<BufferResult> BufferRequestBody();
  // After the request phase: the filters see the buffered body, which becomes the start of
  // buffered_body_ in costgate's framing.
  void ForwardBufferedBody();

  // Request body (request_forward.cpp).
  enum class SendResult { kSent, kClientGone, kUpstreamFailed, kRejected };
  // Reads the body bytes that arrived with the head into buffered_body_; false when they are
  // malformed or over the limit (the reply is set).
  bool PrepareRequest();
  Awaitable<SendResult> SendRequest();
  // Parses the client's buffered input, appending the body in costgate's framing to `out`;
  // false (reply set) on a malformed or oversized body.
  bool FeedBody(std::string& out);
  SendResult BodyTimedOut();
  // The parser's body sink: filters' OnRequestBody, then the re-framed bytes into body_out_.
  static void OnRequestBodyData(void* self, std::string_view data);
  // Response side (response_relay.cpp).
  enum class RelayResult { kDone, kRetry };
  Awaitable<RelayResult> RelayResponse(bool& keep_alive);
  void StartClientWatch();
  void StopClientWatch();
  static void ProbeClient(void* self) noexcept;
  static void OnBodyData(void* self, std::string_view data);
  void CloseUpstream();
  void SetOutcome(filters::Outcome outcome, std::string_view reason);

  server::ClientConnection& client_;
  ProxyHandler& handler_;
  std::shared_ptr<const Runtime> runtime_;
  filters::Exchange x_;
  std::vector<std::unique_ptr<filters::Filter>> filters_;
  std::chrono::steady_clock::time_point start_;
  std::shared_ptr<const upstream::UpstreamTarget> target_;  // per request: regional hosts
  std::unique_ptr<upstream::UpstreamConnection> upstream_;
  bool upstream_reused_ = false;
  std::string request_bytes_;        // the request as sent upstream, while it can be replayed
  std::string buffered_body_;        // body that came with the head, re-framed, not yet sent
  std::string* body_out_ = nullptr;  // where OnRequestBodyData writes the re-framed body
  bool request_replayable_ = false;
  size_t phase_stopped_at_ = 0;  // the filter that stopped the request phase (kNeedBody)
  bool body_accepted_ = false;   // 413 checked and 100 Continue answered
  http::MessageParser response_parser_;
  std::string client_out_;  // bytes on their way to the client
  bool dechunk_ = false;    // HTTP/1.0 client: body sent close-delimited, decoded
  bool response_head_sent_ = false;
  bool outcome_set_ = false;
  bool client_gone_ = false;  // set by ProbeClient
};

}  // namespace costgate::daemon::proxy
