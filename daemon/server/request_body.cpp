#include "daemon/server/request_body.h"

#include <algorithm>

#include "daemon/server/client_connection.h"
#include "daemon/server/worker.h"

namespace costgate::daemon::server {
namespace {

using Clock = std::chrono::steady_clock;

// Long enough for a client to read an answer that reached it with our FIN; short enough that a
// refused client cannot keep its connection long by sending more.
constexpr auto kLingerTime = std::chrono::seconds(2);

constexpr size_t kReadBytes = 16 * 1024;

void SinkInto(void* sink, std::string_view bytes) { static_cast<BodySink*>(sink)->Write(bytes); }

bool ExpectsContinue(const base::RequestHead& head) {
  const std::string* expect = head.headers.Find("expect");
  return expect != nullptr && base::EqualsIgnoreCase(*expect, "100-continue");
}

}  // namespace

BodyReader::BodyReader(ClientConnection& client)
    : client_(client),
      read_limit_(client.worker().config()->timeouts.header_read),
      pace_(client.worker().config()->timeouts.request_body,
            client.worker().config()->limits.min_request_body_bytes_per_s) {}

Awaitable<BodyReader::Step> BodyReader::ReadMore() {
  const Clock::duration wait = std::min(read_limit_, pace_.Remaining());
  if (wait <= Clock::duration::zero()) {
    co_return Step::kTimedOut;
  }
  Watchdog& watchdog = client_.watchdog();
  auto [data, size] = client_.input().PrepareWrite(kReadBytes);
  watchdog.Arm(wait, &CancelTcpSocket, &client_.socket());
  const Clock::time_point start = Clock::now();
  error_code ec;
  const size_t n = co_await client_.socket().async_read_some(asio::buffer(data, size), Await(ec));
  pace_.Record(Clock::now() - start, ec ? 0 : n);
  const bool timed_out = watchdog.fired();
  watchdog.Disarm();
  if (ec) {
    co_return timed_out ? Step::kTimedOut : Step::kClosed;
  }
  client_.input().Commit(n);
  co_return Step::kRead;
}

Awaitable<BodyRead> ReadRequestBody(ClientConnection& client, BodySink& sink) {
  http::MessageParser& parser = client.parser();
  http::ByteBuffer& input = client.input();
  BodyReader reader(client);
  parser.set_body_sink(&SinkInto, &sink);
  BodyRead result = BodyRead::kDone;
  while (!parser.message_done()) {
    if (!input.empty()) {
      const auto r = parser.Feed(input.Readable());
      input.Consume(r.consumed);
      if (r.progress == http::MessageParser::Progress::kError) {
        result = BodyRead::kMalformed;
        break;
      }
      if (sink.Refuses()) {
        result = BodyRead::kRefused;
        break;
      }
      continue;
    }
    const BodyReader::Step step = co_await reader.ReadMore();
    if (step != BodyReader::Step::kRead) {
      result = step == BodyReader::Step::kTimedOut ? BodyRead::kTimedOut : BodyRead::kClosed;
      break;
    }
  }
  parser.set_body_sink(nullptr, nullptr);
  co_return result;
}

Awaitable<bool> AnswerExpectContinue(ClientConnection& client, const base::RequestHead& head) {
  if (client.parser().message_done() || !ExpectsContinue(head)) {
    co_return true;
  }
  co_return co_await client.WriteAll("HTTP/1.1 100 Continue\r\n\r\n");
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
