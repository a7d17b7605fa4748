// The request half of a proxy exchange: the client's body is read, checked and forwarded in
// costgate's own framing (daemon/http/request_framing.h), never in the client's, while the
// filters watch the decoded bytes.
#include <algorithm>

#include "daemon/http/serialize.h"
#include "daemon/proxy/proxy_exchange.h"
#include "daemon/server/client_connection.h"
#include "daemon/server/request_body.h"
#include "daemon/server/worker.h"
#include "filters/local_reply.h"

namespace costgate::daemon::proxy {

namespace {

using filters::Outcome;
using Progress = http::MessageParser::Progress;

// Only requests that are safe to send twice are replayed after a pooled connection turns out
// dead: a POST to a model might have been billed already.
bool IsIdempotent(std::string_view method) {
  return method == "GET" || method == "HEAD" || method == "OPTIONS" || method == "PUT" ||
         method == "DELETE";
}

}  // namespace

void ProxyExchange::OnRequestBodyData(void* self, std::string_view data) {
  auto& exchange = *static_cast<ProxyExchange*>(self);
  for (auto& filter : exchange.filters_) {
    filter->OnRequestBody(exchange.x_, data);
  }
  http::AppendBodyPiece(*exchange.body_out_, exchange.client_.parser().body_framing(), data);
}

bool ProxyExchange::FeedBody(std::string& out) {
  auto& parser = client_.parser();
  auto& in = client_.input();
  // The filters see each body byte once, as costgate reads it to forward it: a body skipped after
  // a local answer is never seen, one replayed to a second connection is not seen again.
  body_out_ = &out;
  parser.set_body_sink(&ProxyExchange::OnRequestBodyData, this);
  const auto r = parser.Feed(in.Readable());
  parser.set_body_sink(nullptr, nullptr);
  if (r.progress == Progress::kError) {
    SetOutcome(Outcome::kDenied, "bad_request");
    filters::SetErrorReply(
        x_, 400, "bad_request",
        std::string("costgate: malformed request body: ") + parser.error_detail());
    return false;
  }
  in.Consume(r.consumed);
  const uint64_t limit = runtime_->config->limits.max_request_body_bytes;
  if (parser.body_bytes() > limit) {
    SetOutcome(Outcome::kDenied, "body_too_large");
    filters::SetErrorReply(x_, 413, "body_too_large",
                           "costgate: request body exceeds limits.max_request_body_bytes (" +
                               std::to_string(limit) + ")");
    return false;
  }
  if (parser.message_done()) {
    http::AppendBodyEnd(out, parser.body_framing());
  }
  return true;
}

bool ProxyExchange::PrepareRequest() {
  if (client_.parser().message_done() || client_.input().empty()) {
    return true;
  }
  return FeedBody(buffered_body_);
}

ProxyExchange::SendResult ProxyExchange::BodyTimedOut() {
  SetOutcome(Outcome::kDenied, "body_timeout");
  filters::SetErrorReply(x_, 408, "body_timeout",
                         "costgate: the request body did not arrive in time "
                         "(timeouts.request_body_ms, limits.min_request_body_bytes_per_s, "
                         "timeouts.header_read_ms)");
  return SendResult::kRejected;
}

Awaitable<ProxyExchange::SendResult> ProxyExchange::SendRequest() {
  auto& parser = client_.parser();
  auto& watchdog = client_.watchdog();
  const auto& config = *runtime_->config;
  tcp::socket& upstream_socket = upstream_->stream.next_layer();
  client_.set_active_upstream(&upstream_socket);

  if (request_bytes_.empty()) {
    // Head and the body that came with it go out in one write (one TLS record).
    http::AppendUpstreamRequestHead(request_bytes_, x_.request, x_.upstream_target,
                                    target_->host_header, parser.body_framing(),
                                    parser.content_length());
    request_bytes_.append(buffered_body_);
    buffered_body_.clear();
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
  x_.sent_upstream = true;

  // Paced like every request body (server::BodyReader): a client that stalls, or trickles a
  // byte every few seconds, cannot hold an upstream connection forever.
  server::BodyReader reader(client_);
  std::string piece;
  while (!parser.message_done()) {
    const server::BodyReader::Step step = co_await reader.ReadMore();
    if (step != server::BodyReader::Step::kRead) {
      co_return step == server::BodyReader::Step::kTimedOut ? BodyTimedOut()
                                                            : SendResult::kClientGone;
    }
    piece.clear();
    if (!FeedBody(piece)) {
      co_return SendResult::kRejected;
    }
    if (piece.empty()) {
      continue;  // chunk framing only: nothing of the body yet
    }
    watchdog.Arm(config.timeouts.upstream_response, &server::CancelTcpSocket, &upstream_socket);
    co_await asio::async_write(upstream_->stream, asio::buffer(piece), Await(ec));
    watchdog.Disarm();
    if (ec) {
      co_return SendResult::kUpstreamFailed;
    }
  }
  x_.request_bytes = parser.body_bytes();
  co_return SendResult::kSent;
}

}  // namespace costgate::daemon::proxy
