// The response half of a proxy exchange: upstream bytes go to the client as they arrive, with
// the framing they came in, while the filters' response hooks watch the decoded body.
#include <sys/socket.h>

#include <cerrno>

#include "daemon/http/serialize.h"
#include "daemon/proxy/proxy_exchange.h"
#include "daemon/proxy/proxy_handler.h"
#include "daemon/server/client_connection.h"
#include "daemon/server/worker.h"
#include "filters/local_reply.h"

namespace costgate::daemon::proxy {

namespace {

using filters::Outcome;
using Progress = http::MessageParser::Progress;

}  // namespace

// While the upstream works on a request, nothing reads the client socket; the connection's
// watchdog probes it (once a second, not once per request) so that a client that went away
// cancels its upstream request instead of letting it run, and bill, to the end.
void ProxyExchange::ProbeClient(void* self) noexcept {
  auto& exchange = *static_cast<ProxyExchange*>(self);
  char byte;
  const ssize_t n =
      ::recv(exchange.client_.socket().native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  // Readable with data is a pipelined next request: the client is still there.
  if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
    exchange.client_gone_ = true;
    if (exchange.upstream_) {
      error_code ignored;
      exchange.upstream_->stream.next_layer().cancel(ignored);
    }
  }
}

void ProxyExchange::StartClientWatch() {
  client_.watchdog().SetProbe(&ProxyExchange::ProbeClient, this,
                              std::chrono::milliseconds(kClientProbeIntervalMs));
}

void ProxyExchange::StopClientWatch() { client_.watchdog().ClearProbe(); }

void ProxyExchange::OnBodyData(void* self, std::string_view data) {
  auto& exchange = *static_cast<ProxyExchange*>(self);
  for (auto& filter : exchange.filters_) {
    filter->OnResponseBody(exchange.x_, data);
  }
  if (exchange.dechunk_) {
    exchange.client_out_.append(data);
  }
}

Awaitable<ProxyExchange::RelayResult> ProxyExchange::RelayResponse(bool& keep_alive) {
  auto& worker = client_.worker();
  ProxyServices& services = handler_.services();
  auto& watchdog = client_.watchdog();
  const auto& timeouts = runtime_->config->timeouts;
  auto& conn = *upstream_;
  tcp::socket& upstream_socket = conn.stream.next_layer();
  const auto sent_at = std::chrono::steady_clock::now();

  response_parser_.Reset();
  response_parser_.set_response_to_head(x_.request.method == "HEAD");
  response_parser_.set_body_sink(&ProxyExchange::OnBodyData, this);
  bool close_client = false;
  bool got_bytes = false;
  bool trailing_garbage = false;
  keep_alive = false;
  StartClientWatch();

  for (;;) {
    watchdog.Arm(timeouts.upstream_response, &server::CancelTcpSocket, &upstream_socket);
    error_code ec;
    const size_t n =
        co_await conn.stream.async_read_some(asio::buffer(conn.read_buffer), Await(ec));
    const bool timed_out = watchdog.fired();
    watchdog.Disarm();
    if (ec) {
      if (client_gone_) {
        StopClientWatch();
        SetOutcome(Outcome::kCancelled, "client_disconnected");
        CloseUpstream();
        co_return RelayResult::kDone;
      }
      const bool eof = ec == asio::error::eof || ec == asio::ssl::error::stream_truncated;
      if (eof && !timed_out && response_parser_.head_done() && response_parser_.needs_eof() &&
          response_parser_.Finish() == Progress::kMessageDone) {
        break;  // a close-delimited body ended as it should
      }
      StopClientWatch();
      CloseUpstream();
      if (!response_head_sent_ && !got_bytes && !timed_out && upstream_reused_ &&
          request_replayable_) {
        co_return RelayResult::kRetry;
      }
      const std::string_view reason = timed_out ? "upstream_timeout" : "upstream_reset";
      services.metrics.CountUpstreamError(x_.provider, reason);
      SetOutcome(Outcome::kUpstreamError, reason);
      if (!response_head_sent_) {
        filters::SetErrorReply(x_, timed_out ? 504 : 502, reason,
                               timed_out ? "costgate: the upstream did not answer in time"
                                         : "costgate: the upstream closed the connection "
                                           "before answering");
        keep_alive = co_await AnswerLocally(false);
      }
      // Mid-body there is no way to tell an HTTP/1.1 client but to cut the connection.
      co_return RelayResult::kDone;
    }
    if (!got_bytes) {
      got_bytes = true;
      x_.ttfb_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::steady_clock::now() - start_)
                       .count();
    }

    std::string_view data(conn.read_buffer.data(), n);
    client_out_.clear();
    while (!data.empty() && !response_parser_.message_done()) {
      const auto r = response_parser_.Feed(data);
      if (r.progress == Progress::kError) {
        StopClientWatch();
        CloseUpstream();
        services.metrics.CountUpstreamError(x_.provider, "upstream_protocol_error");
        SetOutcome(Outcome::kUpstreamError, "upstream_protocol_error");
        if (!response_head_sent_) {
          filters::SetErrorReply(x_, 502, "upstream_protocol_error",
                                 std::string("costgate: the upstream sent a malformed response: ") +
                                     response_parser_.error_detail());
          keep_alive = co_await AnswerLocally(false);
        } else if (!client_out_.empty()) {
          co_await client_.WriteAll(client_out_);
        }
        co_return RelayResult::kDone;
      }
      if (r.progress == Progress::kHeadDone) {
        data.remove_prefix(r.consumed);
        const int status = response_parser_.response().status;
        if (status < 200 && status != 101) {
          // Interim responses (103 Early Hints, a stray 100) are not forwarded.
          response_parser_.Reset();
          response_parser_.set_response_to_head(x_.request.method == "HEAD");
          continue;
        }
        services.metrics.ObserveUpstreamLatency(x_.provider,
                                                std::chrono::steady_clock::now() - sent_at);
        x_.http_status = status;
        dechunk_ = x_.request.version_minor == 0 && response_parser_.chunked();
        close_client = dechunk_ || worker.draining() || !client_.parser().keep_alive() ||
                       response_parser_.needs_eof() || status == 101;
        x_.response = std::move(response_parser_.response());
        for (auto& filter : filters_) {
          filter->OnResponseHead(x_);
        }
        http::AppendClientResponseHead(client_out_, *x_.response,
                                       {close_client, dechunk_, x_.event_id});
        response_head_sent_ = true;
        continue;
      }
      if (!dechunk_) {
        client_out_.append(data.substr(0, r.consumed));
      }
      data.remove_prefix(r.consumed);
    }
    trailing_garbage = trailing_garbage || !data.empty();
    // Almost always the socket takes the whole piece at once: no asynchronous write then.
    std::string_view unsent = client_out_;
    if (!client_.SendNow(unsent) || (!unsent.empty() && !co_await client_.WriteRest(unsent))) {
      StopClientWatch();
      SetOutcome(Outcome::kCancelled, "client_disconnected");
      CloseUpstream();
      x_.response_bytes = response_parser_.body_bytes();
      co_return RelayResult::kDone;
    }
    if (response_parser_.message_done()) {
      break;
    }
  }

  StopClientWatch();
  x_.response_bytes = response_parser_.body_bytes();
  if (!outcome_set_) {
    SetOutcome(x_.http_status >= 400 ? Outcome::kUpstreamError : Outcome::kSuccess,
               x_.http_status >= 400 ? "upstream_http_error" : "");
  }
  client_.set_active_upstream(nullptr);
  if (response_parser_.keep_alive() && !response_parser_.needs_eof() && !trailing_garbage) {
    handler_.pool().GiveBack(*target_, std::move(upstream_), std::chrono::steady_clock::now());
  } else {
    CloseUpstream();
  }
  keep_alive = !close_client;
  co_return RelayResult::kDone;
}

}  // namespace costgate::daemon::proxy
