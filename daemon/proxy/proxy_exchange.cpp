#include "daemon/proxy/proxy_exchange.h"

#include "daemon/http/serialize.h"
#include "daemon/log/logger.h"
#include "daemon/log/redact.h"
#include "daemon/server/client_connection.h"
#include "daemon/server/worker.h"
#include "daemon/upstream/connect.h"
#include "filters/local_reply.h"

namespace costgate::daemon::proxy {

namespace {

using filters::Next;
using filters::Outcome;
using Progress = http::MessageParser::Progress;

bool ExpectsContinue(const filters::RequestHead& head) {
  const std::string* expect = head.headers.Find("expect");
  return expect != nullptr && filters::EqualsIgnoreCase(*expect, "100-continue");
}

// Only requests that are safe to send twice are replayed after a pooled connection turns out
// dead: a POST to a model might have been billed already.
bool IsIdempotent(std::string_view method) {
  return method == "GET" || method == "HEAD" || method == "OPTIONS" || method == "PUT" ||
         method == "DELETE";
}

int64_t ElapsedMs(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                               since)
      .count();
}

}  // namespace

Awaitable<bool> RunExchange(server::ClientConnection& client) {
  ProxyExchange exchange(client);
  co_return co_await exchange.Run();
}

ProxyExchange::ProxyExchange(server::ClientConnection& client)
    : client_(client),
      runtime_(client.worker().runtime()),
      response_parser_(http::MessageParser::Kind::kResponse, {64 * 1024, 256}) {}

ProxyExchange::~ProxyExchange() {
  StopClientWatch();
  // Reached with completed_ false only when the coroutine was destroyed mid-flight (the event
  // loop stopped): the request is cut off by the daemon, and still gets its receipt.
  if (!completed_) {
    if (!outcome_set_) {
      SetOutcome(Outcome::kInterrupted, "daemon_stopped");
    }
    Complete();
  }
}

void ProxyExchange::SetOutcome(Outcome outcome, std::string_view reason) {
  x_.outcome = outcome;
  x_.reason = std::string(reason);
  outcome_set_ = true;
}

Awaitable<bool> ProxyExchange::Run() {
  auto& worker = client_.worker();
  const int64_t now_ms = log::SystemUnixMs();
  start_ = std::chrono::steady_clock::now();
  x_.event_id = worker.ids().Next(now_ms);
  x_.start_unix_ms = now_ms;
  x_.request = std::move(client_.parser().request());
  filters_ = runtime_->chain.CreateFilters();
  worker.services().metrics.RequestStarted();

  for (auto& filter : filters_) {
    if (filter->OnRequest(x_) == Next::kAnswered) {
      SetOutcome(Outcome::kDenied, x_.reply.reason);
      co_return co_await AnswerLocally(false);
    }
  }

  const auto& limits = runtime_->config->limits;
  auto& parser = client_.parser();
  if (parser.has_content_length() && parser.content_length() > limits.max_request_body_bytes) {
    co_return co_await Fail(413, "body_too_large",
                            "costgate: request body of " + std::to_string(parser.content_length()) +
                                " bytes exceeds limits.max_request_body_bytes (" +
                                std::to_string(limits.max_request_body_bytes) + ")");
  }
  // The daemon answers 100-continue itself, after its own checks, and never forwards Expect:
  // the upstream then sees an ordinary request with its body.
  if (RequestBodyPending() && ExpectsContinue(x_.request)) {
    if (!co_await client_.WriteAll("HTTP/1.1 100 Continue\r\n\r\n")) {
      SetOutcome(Outcome::kCancelled, "client_disconnected");
      co_return false;
    }
  }

  for (int attempt = 0;; ++attempt) {
    if (!co_await AcquireUpstream()) {
      co_return co_await AnswerLocally(false);
    }
    switch (co_await SendRequest()) {
      case SendResult::kSent:
        break;
      case SendResult::kClientGone:
        SetOutcome(Outcome::kCancelled, "client_disconnected");
        CloseUpstream();
        co_return false;
      case SendResult::kRejected:
        CloseUpstream();
        co_return co_await AnswerLocally(true);
      case SendResult::kUpstreamFailed:
        CloseUpstream();
        if (attempt == 0 && upstream_reused_ && request_replayable_) {
          continue;
        }
        SetOutcome(Outcome::kUpstreamError, "upstream_reset");
        filters::SetErrorReply(
            x_, 502, "upstream_reset",
            "costgate: the upstream connection failed while sending the request");
        co_return co_await AnswerLocally(false);
    }
    bool keep_alive = false;
    if (co_await RelayResponse(keep_alive) == RelayResult::kRetry && attempt == 0) {
      CloseUpstream();
      continue;
    }
    co_return keep_alive;
  }
}

bool ProxyExchange::RequestBodyPending() const { return !client_.parser().message_done(); }

bool ProxyExchange::DiscardBufferedBody() {
  auto& parser = client_.parser();
  auto& in = client_.input();
  if (parser.message_done()) {
    return true;
  }
  if (parser.error() != http::ParseError::kNone || in.empty()) {
    return false;
  }
  const auto r = parser.Feed(in.Readable());
  if (r.progress == Progress::kError) {
    return false;
  }
  in.Consume(r.consumed);
  return parser.message_done();
}

Awaitable<bool> ProxyExchange::AnswerLocally(bool close) {
  auto& worker = client_.worker();
  // A body that already arrived in full can be skipped and the connection kept; one still on
  // its way cannot be framed without reading it, so the connection closes after the reply.
  close = close || worker.draining() || !DiscardBufferedBody();
  x_.http_status = x_.reply.status;
  if (!x_.reply.reason.empty()) {
    worker.services().metrics.CountLocalReply(x_.reply.reason);
  }
  client_out_.clear();
  http::AppendLocalReply(client_out_, x_.reply, close);
  const bool written = co_await client_.WriteAll(client_out_);
  co_return written && !close;
}

Awaitable<bool> ProxyExchange::Fail(int status, std::string_view reason, std::string message) {
  SetOutcome(Outcome::kDenied, reason);
  filters::SetErrorReply(x_, status, reason, message);
  co_return co_await AnswerLocally(false);
}

Awaitable<bool> ProxyExchange::AcquireUpstream() {
  auto& worker = client_.worker();
  upstream::TargetChoice choice = runtime_->SelectUpstream(x_.provider, x_.upstream_target);
  if (!choice.error.empty()) {
    SetOutcome(Outcome::kDenied, "bad_location");
    filters::SetErrorReply(x_, 400, "bad_location", "costgate: " + choice.error);
    co_return false;
  }
  target_ = std::move(choice.target);
  if (target_ == nullptr) {
    SetOutcome(Outcome::kUpstreamError, "no_upstream");
    filters::SetErrorReply(x_, 502, "no_upstream",
                           "costgate: no upstream is configured for provider " + x_.provider);
    co_return false;
  }
  upstream_ = worker.pool().TakeIdle(*target_, std::chrono::steady_clock::now());
  upstream_reused_ = upstream_ != nullptr;
  if (upstream_reused_) {
    co_return true;
  }
  auto result = co_await upstream::Connect(*target_, client_.watchdog(),
                                           runtime_->config->timeouts.upstream_connect);
  if (result.error == upstream::ConnectError::kNone) {
    upstream_ = std::move(result.connection);
    co_return true;
  }
  const bool timed_out = result.error == upstream::ConnectError::kTimeout;
  const std::string_view reason =
      timed_out ? "upstream_connect_timeout" : "upstream_connect_failed";
  SetOutcome(Outcome::kUpstreamError, reason);
  worker.services().metrics.CountUpstreamError(x_.provider, reason);
  worker.services()
      .logger.Warn("upstream connect failed")
      .Str("event_id", x_.event_id)
      .Str("upstream", target_->origin)
      .Str("reason", reason)
      .Str("error", result.detail)
      .Emit();
  filters::SetErrorReply(x_, timed_out ? 504 : 502, reason,
                         "costgate: cannot connect to the " + x_.provider + " upstream " +
                             target_->origin + ": " +
                             (timed_out ? std::string("timed out") : result.detail));
  co_return false;
}

Awaitable<ProxyExchange::SendResult> ProxyExchange::SendRequest() {
  auto& parser = client_.parser();
  auto& in = client_.input();
  auto& watchdog = client_.watchdog();
  const auto& config = *runtime_->config;
  tcp::socket& upstream_socket = upstream_->stream.next_layer();
  client_.set_active_upstream(&upstream_socket);

  const auto over_limit = [&] {
    if (parser.body_bytes() <= config.limits.max_request_body_bytes) {
      return false;
    }
    SetOutcome(Outcome::kDenied, "body_too_large");
    filters::SetErrorReply(x_, 413, "body_too_large",
                           "costgate: request body exceeds limits.max_request_body_bytes (" +
                               std::to_string(config.limits.max_request_body_bytes) + ")");
    return true;
  };
  const auto malformed = [&] {
    SetOutcome(Outcome::kDenied, "bad_request");
    filters::SetErrorReply(
        x_, 400, "bad_request",
        std::string("costgate: malformed request body: ") + parser.error_detail());
  };

  // The filters see the body as it is forwarded, and only then: a body skipped after a local
  // answer, or replayed to a second connection, is never seen twice.
  parser.set_body_sink(&ProxyExchange::OnRequestBodyData, this);
  struct SinkReset {
    http::MessageParser& parser;
    ~SinkReset() { parser.set_body_sink(nullptr, nullptr); }
  } sink_reset{parser};

  if (request_bytes_.empty()) {
    // Head and whatever body is already buffered go out in one write (one TLS record).
    http::AppendUpstreamRequestHead(request_bytes_, x_.request, x_.upstream_target,
                                    target_->host_header);
    if (!parser.message_done() && !in.empty()) {
      const auto r = parser.Feed(in.Readable());
      if (r.progress == Progress::kError) {
        malformed();
        co_return SendResult::kRejected;
      }
      request_bytes_.append(in.Readable().substr(0, r.consumed));
      in.Consume(r.consumed);
    }
    if (over_limit()) {
      co_return SendResult::kRejected;
    }
    request_replayable_ = parser.message_done() && IsIdempotent(x_.request.method);
  }

  error_code ec;
  watchdog.Arm(config.timeouts.upstream_response, &server::CancelTcpSocket, &upstream_socket);
  co_await asio::async_write(upstream_->stream, asio::buffer(request_bytes_), Await(ec));
  watchdog.Disarm();
  if (!request_replayable_) {
    request_bytes_.clear();
  }
  if (ec) {
    co_return SendResult::kUpstreamFailed;
  }

  while (!parser.message_done()) {
    // The gap between body reads is bounded like the head: a client that stalls mid-body
    // cannot hold an upstream connection forever.
    watchdog.Arm(config.timeouts.header_read, &server::CancelTcpSocket, &client_.socket());
    auto [data, size] = in.PrepareWrite(16 * 1024);
    const size_t n = co_await client_.socket().async_read_some(asio::buffer(data, size), Await(ec));
    const bool timed_out = watchdog.fired();
    watchdog.Disarm();
    if (ec) {
      if (timed_out) {
        SetOutcome(Outcome::kDenied, "body_timeout");
        filters::SetErrorReply(x_, 408, "body_timeout",
                               "costgate: the request body stopped arriving");
        co_return SendResult::kRejected;
      }
      co_return SendResult::kClientGone;
    }
    in.Commit(n);
    const auto r = parser.Feed(in.Readable());
    if (r.progress == Progress::kError) {
      malformed();
      co_return SendResult::kRejected;
    }
    if (over_limit()) {
      co_return SendResult::kRejected;
    }
    const std::string_view chunk = in.Readable().substr(0, r.consumed);
    watchdog.Arm(config.timeouts.upstream_response, &server::CancelTcpSocket, &upstream_socket);
    co_await asio::async_write(upstream_->stream, asio::buffer(chunk.data(), chunk.size()),
                               Await(ec));
    watchdog.Disarm();
    in.Consume(r.consumed);
    if (ec) {
      co_return SendResult::kUpstreamFailed;
    }
  }
  x_.request_bytes = parser.body_bytes();
  co_return SendResult::kSent;
}

void ProxyExchange::OnRequestBodyData(void* self, std::string_view data) {
  auto& exchange = *static_cast<ProxyExchange*>(self);
  for (auto& filter : exchange.filters_) {
    filter->OnRequestBody(exchange.x_, data);
  }
}

void ProxyExchange::CloseUpstream() {
  client_.set_active_upstream(nullptr);
  if (upstream_) {
    error_code ignored;
    upstream_->stream.next_layer().close(ignored);
    upstream_.reset();
  }
}

void ProxyExchange::Complete() noexcept {
  completed_ = true;
  auto& services = client_.worker().services();
  client_.set_active_upstream(nullptr);
  x_.latency_ms = ElapsedMs(start_);
  x_.end_unix_ms = x_.start_unix_ms + x_.latency_ms;
  for (auto& filter : filters_) {
    filter->OnComplete(x_);
  }
  const std::string_view provider =
      x_.provider.empty() ? std::string_view("none") : std::string_view(x_.provider);
  const std::string_view operation =
      x_.operation.empty() ? std::string_view("none") : std::string_view(x_.operation);
  services.metrics.CountRequest(provider, operation, x_.http_status,
                                x_.metering == filters::Metering::kUnmetered
                                    ? metrics::ProxyMetrics::OperationName::kFromClient
                                    : metrics::ProxyMetrics::OperationName::kKnown);
  services.metrics.AddRequestBytes(provider, x_.request_bytes);
  services.metrics.AddResponseBytes(provider, x_.response_bytes);
  services.metrics.RequestFinished();
  if (runtime_->config->log.access_log) {
    services.logger.Info("request")
        .Str("event_id", x_.event_id)
        .Str("method", x_.request.method)
        .Str("path", log::RedactTarget(x_.request.target))
        .Str("provider", x_.provider)
        .Str("operation", x_.operation)
        .Str("model", x_.model_version.empty() ? x_.model_requested : x_.model_version)
        .Int("status", x_.http_status)
        .Str("outcome", filters::OutcomeName(x_.outcome))
        .Str("reason", x_.reason)
        .Int("latency_ms", x_.latency_ms)
        .Int("ttfb_ms", x_.ttfb_ms)
        .Uint("request_bytes", x_.request_bytes)
        .Uint("response_bytes", x_.response_bytes)
        .EmitBatched();  // the worker flushes its batch every kAccessLogFlush (worker.cpp)
  }
}

}  // namespace costgate::daemon::proxy
