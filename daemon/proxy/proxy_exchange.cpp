#include "daemon/proxy/proxy_exchange.h"

#include "base/clock.h"
#include "daemon/http/serialize.h"
#include "daemon/log/logger.h"
#include "daemon/log/redact.h"
#include "daemon/proxy/proxy_handler.h"
#include "daemon/server/client_connection.h"
#include "daemon/server/request_body.h"
#include "daemon/server/worker.h"
#include "daemon/upstream/connect.h"
#include "filters/local_reply.h"
#include "filters/request_phase.h"

namespace costgate::daemon::proxy {

namespace {

using filters::Next;
using filters::Outcome;
using Progress = http::MessageParser::Progress;

int64_t ElapsedMs(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                               since)
      .count();
}

}  // namespace

Awaitable<bool> RunExchange(server::ClientConnection& client, ProxyHandler& handler) {
  ProxyExchange exchange(client, handler);
  co_return co_await exchange.Run();
}

ProxyExchange::ProxyExchange(server::ClientConnection& client, ProxyHandler& handler)
    : client_(client),
      handler_(handler),
      runtime_(handler.runtime()),
      response_parser_(http::MessageParser::Kind::kResponse, {64 * 1024, 256}) {}

void ProxyExchange::SetOutcome(Outcome outcome, std::string_view reason) {
  x_.outcome = outcome;
  x_.reason = std::string(reason);
  outcome_set_ = true;
}

Awaitable<bool> ProxyExchange::Run() {
  const int64_t now_ms = base::NowUnixMs();
  start_ = std::chrono::steady_clock::now();
  x_.event_id = handler_.ids().Next(now_ms);
  x_.start_unix_ms = now_ms;
  x_.request = std::move(client_.parser().request());
  filters_ = runtime_->chain.CreateFilters();
  handler_.services().metrics.RequestStarted();
  const Completion completion(*this);

  for (size_t first = 0;;) {
    // Synchronous filters are ready at once; only a filter that suspends costs a wait.
    filters::Task<Next> phase = filters::RunRequestFilters(filters_, x_, first, &phase_stopped_at_);
    const Next next = phase.ready() ? phase.value() : co_await WaitForFilters(std::move(phase));
    if (next == Next::kAnswered) {
      SetOutcome(Outcome::kDenied, x_.reply.reason);
      co_return co_await AnswerLocally(false);
    }
    if (client_gone_) {
      SetOutcome(Outcome::kCancelled, "client_disconnected");
      co_return false;
    }
    // Once, before any of the body is read (by a filter that needs it, or to forward it): the
    // declared size is checked, and the daemon answers 100-continue itself, after its own
    // checks, and never forwards Expect: the upstream then sees an ordinary request. A body too
    // large for the filter to read first is asked for only once the filters let the call go.
    const auto& parser = client_.parser();
    const bool read_now = next == Next::kContinue || !parser.has_content_length() ||
                          parser.content_length() <= x_.request_body_limit;
    if (!body_accepted_) {
      if (BodyTooLarge()) {
        const uint64_t limit = runtime_->config->limits.max_request_body_bytes;
        co_return co_await Fail(
            413, "body_too_large",
            "costgate: request body of " + std::to_string(parser.content_length()) +
                " bytes exceeds limits.max_request_body_bytes (" + std::to_string(limit) + ")");
      }
      body_accepted_ = read_now;
      if (read_now && RequestBodyPending() &&
          !co_await server::AnswerExpectContinue(client_, x_.request)) {
        SetOutcome(Outcome::kCancelled, "client_disconnected");
        co_return false;
      }
    }
    if (next == Next::kContinue) {
      break;
    }
    // Next::kNeedBody: read it, then run the phase again from the filter that asked. A filter
    // asking a second time gets no second read: the phase goes on after it.
    first = phase_stopped_at_ + 1;
    if (x_.request_body_state == filters::RequestBodyState::kUnread) {
      const BufferResult buffered = co_await BufferRequestBody();
      if (buffered == BufferResult::kRefused) {
        co_return co_await AnswerLocally(true);
      }
      if (buffered == BufferResult::kClientGone) {
        co_return false;
      }
      first = phase_stopped_at_;
    }
  }
  ForwardBufferedBody();

  // A body that is already here is checked before any byte goes upstream: a request that is
  // malformed or too large in what it sent with its head never reaches the provider.
  if (!PrepareRequest()) {
    co_return co_await AnswerLocally(true);
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
    handler_.services().metrics.CountLocalReply(x_.reply.reason);
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
  upstream_ = handler_.pool().TakeIdle(*target_, std::chrono::steady_clock::now());
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
  handler_.services().metrics.CountUpstreamError(x_.provider, reason);
  handler_.services()
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

void ProxyExchange::CloseUpstream() {
  client_.set_active_upstream(nullptr);
  if (upstream_) {
    error_code ignored;
    upstream_->stream.next_layer().close(ignored);
    upstream_.reset();
  }
}

void ProxyExchange::Finish() noexcept {
  StopClientWatch();
  // Still without an outcome, the exchange was cut off before any path concluded it: a daemon
  // stop destroyed the coroutine mid-flight. It still gets its receipt.
  if (!outcome_set_) {
    SetOutcome(Outcome::kInterrupted, "daemon_stopped");
  }
  ProxyServices& services = handler_.services();
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
