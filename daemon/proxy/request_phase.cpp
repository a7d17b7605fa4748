// The request phase of a proxy exchange, beyond running the filters (filters/request_phase.h):
// waiting for a filter that suspended, the size check before any of the body is read, and the
// body a filter needs before it decides (Next::kNeedBody: preflight estimates from it), read
// then forwarded from that buffer unchanged. Only bodies up to the limit the filter asked for
// are held: a larger one is left to stream as any body does, and the filter makes do with its
// size (filters/exchange.h, RequestBodyState).
#include <algorithm>

#include "daemon/http/serialize.h"
#include "daemon/proxy/proxy_exchange.h"
#include "daemon/proxy/task_wait.h"
#include "daemon/server/client_connection.h"
#include "daemon/server/request_body.h"
#include "filters/local_reply.h"

namespace costgate::daemon::proxy {

namespace {

using filters::Next;
using filters::Outcome;
using filters::RequestBodyState;

// Keeps the decoded body in the Exchange until it passes `limit`, then refuses more. The bytes
// of the read that crossed the limit are kept too: they have been taken from the client and
// must still be forwarded.
class ExchangeBodySink final : public server::BodySink {
 public:
  ExchangeBodySink(std::string& body, uint64_t limit) : body_(body), limit_(limit) {}
  void Write(std::string_view bytes) noexcept override { body_.append(bytes); }
  bool Refuses() const noexcept override { return body_.size() > limit_; }

 private:
  std::string& body_;
  const uint64_t limit_;
};

}  // namespace

Awaitable<Next> ProxyExchange::WaitForFilters(filters::Task<Next> phase) {
  // Nothing reads the client while a filter waits (for central, say): the watch notices a client
  // that went away, and one last look when the wait is over catches one that just left, so
  // that nothing of its call goes upstream.
  StartClientWatch();
  const Next next = co_await Wait(std::move(phase));
  StopClientWatch();
  ProbeClient(this);
  co_return next;
}

bool ProxyExchange::BodyTooLarge() const {
  const auto& parser = client_.parser();
  return parser.has_content_length() &&
         parser.content_length() > runtime_->config->limits.max_request_body_bytes;
}

Awaitable<ProxyExchange::BufferResult> ProxyExchange::BufferRequestBody() {
  auto& parser = client_.parser();
  const uint64_t limit = x_.request_body_limit;
  const uint64_t max_body = runtime_->config->limits.max_request_body_bytes;
  if (parser.has_content_length() && parser.content_length() > limit) {
    // Not read: it streams when forwarded, and the filter estimates from its declared size.
    x_.request_body_state = RequestBodyState::kTooLarge;
    x_.request_body_size = parser.content_length();
    co_return BufferResult::kRead;
  }
  if (parser.has_content_length()) {
    x_.request_body.reserve(static_cast<size_t>(parser.content_length()));
  }
  // A chunked body declares no size: it is read until it ends or passes either limit.
  ExchangeBodySink sink(x_.request_body, std::min(limit, max_body));
  const server::BodyRead read = co_await server::ReadRequestBody(client_, sink);
  switch (read) {
    case server::BodyRead::kDone:
      x_.request_body_state = RequestBodyState::kBuffered;
      x_.request_body_size = x_.request_body.size();
      co_return BufferResult::kRead;
    case server::BodyRead::kRefused:
      if (x_.request_body.size() > max_body) {
        SetOutcome(Outcome::kDenied, "body_too_large");
        filters::SetErrorReply(x_, 413, "body_too_large",
                               "costgate: request body exceeds limits.max_request_body_bytes (" +
                                   std::to_string(max_body) + ")");
        co_return BufferResult::kRefused;
      }
      x_.request_body_state = RequestBodyState::kTooLarge;
      x_.request_body_size = x_.request_body.size();
      co_return BufferResult::kRead;
    case server::BodyRead::kMalformed:
      SetOutcome(Outcome::kDenied, "bad_request");
      filters::SetErrorReply(
          x_, 400, "bad_request",
          std::string("costgate: malformed request body: ") + parser.error_detail());
      co_return BufferResult::kRefused;
    case server::BodyRead::kTimedOut:
      BodyTimedOut();
      co_return BufferResult::kRefused;
    case server::BodyRead::kClosed:
      break;
  }
  SetOutcome(Outcome::kCancelled, "client_disconnected");
  co_return BufferResult::kClientGone;
}

void ProxyExchange::ForwardBufferedBody() {
  if (x_.request_body_state == RequestBodyState::kUnread) {
    return;
  }
  const auto& parser = client_.parser();
  if (!x_.request_body.empty()) {
    for (auto& filter : filters_) {
      filter->OnRequestBody(x_, x_.request_body);
    }
  }
  // Forwarded as read, in costgate's own framing (request_forward.cpp), and no longer held by
  // the Exchange: a long response does not keep the request body's memory.
  if (parser.body_framing() == http::BodyFraming::kChunked) {
    http::AppendBodyPiece(buffered_body_, parser.body_framing(), x_.request_body);
    std::string().swap(x_.request_body);
  } else {
    buffered_body_ = std::move(x_.request_body);
    x_.request_body = std::string();
  }
  if (parser.message_done()) {
    http::AppendBodyEnd(buffered_body_, parser.body_framing());
  }
}

}  // namespace costgate::daemon::proxy
