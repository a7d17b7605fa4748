#include "daemon/server/client_connection.h"

#include "daemon/server/worker.h"

namespace costgate::daemon::server {

namespace {

http::MessageParser::Limits RequestLimits(const config::Config& config) {
  return {config.limits.max_header_bytes, config.limits.max_header_count};
}

}  // namespace

ClientConnection::ClientConnection(Worker& worker, tcp::socket socket)
    : worker_(worker),
      socket_(std::move(socket)),
      parser_(http::MessageParser::Kind::kRequest, RequestLimits(*worker.config())),
      watchdog_(socket_.get_executor(), worker.watchdog_tick()) {}

ClientConnection::~ClientConnection() { worker_.slots().Give(); }

void ClientConnection::Start() {
  auto self = shared_from_this();
  watchdog_.Start(self);
  asio::co_spawn(
      socket_.get_executor(), [self]() { return self->Run(); }, asio::detached);
}

void ClientConnection::OnDrain() {
  if (idle_) {
    CancelTcpSocket(&socket_);
  }
}

void ClientConnection::OnForceClose() {
  CancelTcpSocket(&socket_);
  if (active_upstream_ != nullptr) {
    error_code ignored;
    active_upstream_->cancel(ignored);
  }
}

bool ClientConnection::SendNow(std::string_view& bytes) {
  error_code ec;
  const size_t n = socket_.write_some(asio::buffer(bytes.data(), bytes.size()), ec);
  if (ec) {
    return ec == asio::error::would_block || ec == asio::error::try_again;
  }
  bytes.remove_prefix(n);
  return true;
}

Awaitable<bool> ClientConnection::WriteAll(std::string_view bytes) {
  if (!SendNow(bytes)) {
    co_return false;
  }
  co_return bytes.empty() || co_await WriteRest(bytes);
}

Awaitable<bool> ClientConnection::WriteRest(std::string_view bytes) {
  watchdog_.Arm(worker_.config()->timeouts.client_write, &CancelTcpSocket, &socket_);
  error_code ec;
  co_await asio::async_write(socket_, asio::buffer(bytes.data(), bytes.size()), Await(ec));
  watchdog_.Disarm();
  co_return !ec;
}

Awaitable<void> ClientConnection::Run() {
  worker_.Register(this);
  error_code ignored;
  socket_.set_option(tcp::no_delay(true), ignored);
  // Synchronous sends (SendNow) must report would_block instead of waiting.
  socket_.non_blocking(true, ignored);
  for (;;) {
    parser_.Reset();
    parser_.set_limits(RequestLimits(*worker_.config()));
    if (co_await ReadHead() != HeadResult::kHead) {
      break;
    }
    const bool keep_alive = co_await worker_.handler().Serve(*this);
    if (!keep_alive || worker_.draining()) {
      break;
    }
  }
  watchdog_.Stop();
  socket_.shutdown(tcp::socket::shutdown_send, ignored);
  socket_.close(ignored);
  worker_.Unregister(this);
}

Awaitable<ClientConnection::HeadResult> ClientConnection::ReadHead() {
  // Held for the whole wait: a reload may replace the worker's configuration meanwhile.
  const std::shared_ptr<const config::Config> config = worker_.config();
  const auto& timeouts = config->timeouts;
  watchdog_.set_tick(worker_.watchdog_tick());
  bool header_clock_started = false;
  for (;;) {
    if (!input_.empty()) {
      idle_ = false;
      if (!header_clock_started) {
        // The header timeout runs from the first byte, and is not extended by later bytes:
        // a client dribbling one byte at a time cannot hold the connection.
        watchdog_.Arm(timeouts.header_read, &CancelTcpSocket, &socket_);
        header_clock_started = true;
      }
      const auto r = parser_.Feed(input_.Readable());
      input_.Consume(r.consumed);
      if (r.progress == http::MessageParser::Progress::kHeadDone) {
        watchdog_.Disarm();
        co_return HeadResult::kHead;
      }
      if (r.progress == http::MessageParser::Progress::kError) {
        watchdog_.Disarm();
        co_await RejectMalformed();
        co_return HeadResult::kClosed;
      }
    } else if (!header_clock_started) {
      idle_ = true;
      if (worker_.draining()) {
        co_return HeadResult::kClosed;
      }
      watchdog_.Arm(timeouts.idle_keepalive, &CancelTcpSocket, &socket_);
    }
    auto [data, size] = input_.PrepareWrite(8 * 1024);
    error_code ec;
    const size_t n = co_await socket_.async_read_some(asio::buffer(data, size), Await(ec));
    if (ec) {
      const bool timed_out = watchdog_.fired();
      watchdog_.Disarm();
      if (timed_out && header_clock_started) {
        worker_.services().metrics.CountLocalReply("header_timeout");
        co_await WriteAll(worker_.handler().ErrorResponse(
            408, "header_timeout", "costgate: the request head did not arrive in time", true));
      }
      co_return HeadResult::kClosed;
    }
    input_.Commit(n);
  }
}

Awaitable<bool> ClientConnection::RejectMalformed() {
  int status = 400;
  std::string_view reason = "bad_request";
  std::string message = "costgate: malformed HTTP request: ";
  switch (parser_.error()) {
    case http::ParseError::kHeadTooLarge:
      status = 431;
      reason = "header_too_large";
      message = "costgate: request head exceeds limits.max_header_bytes";
      break;
    case http::ParseError::kUnsupportedTransferCoding:
      status = 501;
      reason = "unsupported_transfer_coding";
      message = std::string("costgate: ") + parser_.error_detail();
      break;
    case http::ParseError::kTooManyHeaders:
      status = 431;
      reason = "too_many_headers";
      message = "costgate: request has more header fields than limits.max_header_count";
      break;
    default:
      message += parser_.error_detail();
      break;
  }
  worker_.services().metrics.CountLocalReply(reason);
  // Body framing is unknowable after a parse error, so the connection cannot be reused.
  co_return co_await WriteAll(worker_.handler().ErrorResponse(status, reason, message, true));
}

}  // namespace costgate::daemon::server
