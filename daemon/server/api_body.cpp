#include "daemon/server/api_body.h"

#include <algorithm>
#include <chrono>

#include "base/gzip_decoder.h"
#include "daemon/http/body_pace.h"
#include "daemon/server/client_connection.h"
#include "daemon/server/worker.h"

namespace costgate::daemon::server {
namespace {

using Clock = std::chrono::steady_clock;

// Long enough for a client to read an answer that reached it with our FIN; short enough that a
// refused client cannot keep its connection long by sending more.
constexpr auto kLingerTime = std::chrono::seconds(2);

// Compressed bytes fed to the decoder at once: decoding stops within one such slice of the
// point where the decoded body passed a bound, so a small gzip bomb costs little CPU.
constexpr size_t kGunzipSlice = 16 * 1024;

constexpr size_t kReadBytes = 16 * 1024;

BodyRead FromState(BudgetedBody::State state) {
  switch (state) {
    case BudgetedBody::State::kOk:
      return BodyRead::kDone;
    case BudgetedBody::State::kTooLarge:
      return BodyRead::kTooLarge;
    case BudgetedBody::State::kOverBudget:
      return BodyRead::kOverBudget;
  }
  return BodyRead::kOverBudget;
}

void SinkInto(void* body, std::string_view bytes) {
  static_cast<BudgetedBody*>(body)->Write(bytes);
}

}  // namespace

Awaitable<BodyRead> ReadRequestBody(ClientConnection& client, BudgetedBody& body) {
  http::MessageParser& parser = client.parser();
  http::ByteBuffer& input = client.input();
  const config::Config& config = *client.worker().runtime()->config;
  const Clock::duration read_limit = config.timeouts.header_read;
  // A stalled or trickling client cannot hold its connection, its buffers and its share of the
  // body budget for ever: the body as a whole must keep a minimum pace.
  http::BodyPace pace(config.timeouts.request_body, config.limits.min_request_body_bytes_per_s);
  parser.set_body_sink(&SinkInto, &body);
  BodyRead result = BodyRead::kDone;
  while (!parser.message_done()) {
    if (!input.empty()) {
      const auto r = parser.Feed(input.Readable());
      input.Consume(r.consumed);
      if (r.progress == http::MessageParser::Progress::kError) {
        result = BodyRead::kMalformed;
        break;
      }
      if (body.state() != BudgetedBody::State::kOk) {
        result = FromState(body.state());
        break;
      }
      continue;
    }
    const Clock::duration remaining = pace.Remaining();
    if (remaining <= Clock::duration::zero()) {
      result = BodyRead::kTimedOut;
      break;
    }
    auto [data, size] = input.PrepareWrite(kReadBytes);
    client.watchdog().Arm(std::min(read_limit, remaining), &CancelTcpSocket, &client.socket());
    const Clock::time_point start = Clock::now();
    error_code ec;
    const size_t n = co_await client.socket().async_read_some(asio::buffer(data, size), Await(ec));
    pace.Record(Clock::now() - start, ec ? 0 : n);
    const bool timed_out = client.watchdog().fired();
    client.watchdog().Disarm();
    if (ec) {
      result = timed_out ? BodyRead::kTimedOut : BodyRead::kClosed;
      break;
    }
    input.Commit(n);
  }
  parser.set_body_sink(nullptr, nullptr);
  co_return result;
}

BodyRead Gunzip(std::string_view compressed, BudgetedBody& plain) {
  base::GzipDecoder decoder(plain);
  while (!compressed.empty() && plain.state() == BudgetedBody::State::kOk && !decoder.corrupt()) {
    const size_t n = std::min(compressed.size(), kGunzipSlice);
    decoder.Feed(compressed.substr(0, n));
    compressed.remove_prefix(n);
  }
  if (plain.state() != BudgetedBody::State::kOk) {
    return FromState(plain.state());
  }
  decoder.Finish();
  return decoder.corrupt() || decoder.truncated() ? BodyRead::kMalformed : BodyRead::kDone;
}

Awaitable<void> DiscardUntilClosed(ClientConnection& client) {
  error_code ec;
  client.socket().shutdown(tcp::socket::shutdown_send, ec);
  http::ByteBuffer& input = client.input();
  input.Consume(input.size());
  client.watchdog().Arm(kLingerTime, &CancelTcpSocket, &client.socket());
  while (!ec) {
    auto [data, size] = input.PrepareWrite(kReadBytes);
    co_await client.socket().async_read_some(asio::buffer(data, size), Await(ec));
  }
  client.watchdog().Disarm();
}

}  // namespace costgate::daemon::server
