#include "daemon/server/api_exchange.h"

#include <chrono>
#include <string>

#include "central/api/api_error.h"
#include "daemon/http/serialize.h"
#include "daemon/server/api_service.h"
#include "daemon/server/client_connection.h"
#include "daemon/server/worker.h"
#include "filters/stream/gzip_decoder.h"

namespace costgate::daemon::server {
namespace {

// Collects body bytes up to a limit; past it, keeps counting but stores nothing more.
class BoundedBody final : public filters::stream::ByteSink {
 public:
  explicit BoundedBody(uint64_t limit) : limit_(limit) {}
  void Write(std::string_view bytes) noexcept override {
    if (over_ || bytes.size() > limit_ - text_.size()) {
      over_ = true;
      return;
    }
    text_.append(bytes);
  }
  static void Sink(void* self, std::string_view bytes) {
    static_cast<BoundedBody*>(self)->Write(bytes);
  }
  bool over() const { return over_; }
  std::string& text() { return text_; }

 private:
  uint64_t limit_;
  std::string text_;
  bool over_ = false;
};

bool HeaderIs(const filters::RequestHead& head, std::string_view name, std::string_view value) {
  const std::string* found = head.headers.Find(name);
  return found != nullptr && filters::EqualsIgnoreCase(*found, value);
}

enum class BodyResult { kDone, kTooLarge, kMalformed, kTimedOut, kClosed };

// Reads the rest of the request body into `body` through the parser.
Awaitable<BodyResult> ReadBody(ClientConnection& client, BoundedBody& body) {
  http::MessageParser& parser = client.parser();
  parser.set_body_sink(&BoundedBody::Sink, &body);
  http::ByteBuffer& input = client.input();
  // A whole body, however large, must arrive within one header_read period of silence at most
  // per read: a stalled client cannot hold a worker's connection slot for ever.
  const auto timeout = client.worker().runtime()->config->timeouts.header_read;
  BodyResult result = BodyResult::kDone;
  while (!parser.message_done()) {
    if (!input.empty()) {
      const auto r = parser.Feed(input.Readable());
      input.Consume(r.consumed);
      if (r.progress == http::MessageParser::Progress::kError) {
        result = BodyResult::kMalformed;
        break;
      }
      if (body.over()) {
        result = BodyResult::kTooLarge;
        break;
      }
      continue;
    }
    auto [data, size] = input.PrepareWrite(16 * 1024);
    client.watchdog().Arm(timeout, &CancelTcpSocket, &client.socket());
    error_code ec;
    const size_t n = co_await client.socket().async_read_some(asio::buffer(data, size), Await(ec));
    const bool timed_out = client.watchdog().fired();
    client.watchdog().Disarm();
    if (ec) {
      result = timed_out ? BodyResult::kTimedOut : BodyResult::kClosed;
      break;
    }
    input.Commit(n);
  }
  parser.set_body_sink(nullptr, nullptr);
  co_return result;
}

// Gunzips `compressed` within the limit; false when corrupt, truncated or too large.
bool Gunzip(const std::string& compressed, uint64_t limit, std::string& out, bool& too_large) {
  BoundedBody plain(limit);
  filters::stream::GzipDecoder decoder(plain);
  decoder.Feed(compressed);
  decoder.Finish();
  too_large = plain.over();
  if (too_large || decoder.corrupt() || decoder.truncated()) {
    return false;
  }
  out = std::move(plain.text());
  return true;
}

int64_t NowUnixMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

Awaitable<bool> RunApiExchange(ClientConnection& client, ApiService& api) {
  const filters::RequestHead& head = client.parser().request();
  bool close = client.worker().draining() || !client.parser().keep_alive();
  const uint64_t limit = api.limits().max_body_bytes;
  central::ApiResponse response;
  BoundedBody body(limit);
  if (!client.parser().message_done() && HeaderIs(head, "expect", "100-continue")) {
    // curl asks before sending a large body; the answer comes after the body anyway.
    if (!co_await client.WriteAll("HTTP/1.1 100 Continue\r\n\r\n")) {
      co_return false;
    }
  }
  const BodyResult read = co_await ReadBody(client, body);
  const std::string* encoding = head.headers.Find("content-encoding");
  std::string decoded;
  bool too_large = false;
  if (read == BodyResult::kClosed) {
    co_return false;
  }
  if (read != BodyResult::kDone) {
    // The rest of the body is unread: the connection cannot carry another request.
    close = true;
    response =
        read == BodyResult::kTooLarge
            ? central::ErrorResponse(413, "body_too_large",
                                     "request body exceeds central.max_body_bytes")
        : read == BodyResult::kTimedOut
            ? central::ErrorResponse(408, "body_timeout", "the request body did not arrive in time")
            : central::ErrorResponse(400, "bad_request", "malformed HTTP request body framing");
  } else if (encoding != nullptr && filters::EqualsIgnoreCase(*encoding, "gzip") &&
             !Gunzip(body.text(), limit, decoded, too_large)) {
    response = too_large
                   ? central::ErrorResponse(413, "body_too_large",
                                            "decoded request body exceeds central.max_body_bytes")
                   : central::ErrorResponse(400, "bad_gzip", "the gzip request body is corrupt");
  } else if (encoding != nullptr && !filters::EqualsIgnoreCase(*encoding, "gzip") &&
             !filters::EqualsIgnoreCase(*encoding, "identity")) {
    response = central::ErrorResponse(415, "unsupported_encoding",
                                      "Content-Encoding must be gzip or identity");
  } else {
    const std::string* key = head.headers.Find("x-api-key");
    central::ApiRequest request;
    request.method = head.method;
    request.path = head.target;
    request.api_key = key != nullptr ? std::string_view(*key) : std::string_view();
    request.body = encoding != nullptr && filters::EqualsIgnoreCase(*encoding, "gzip")
                       ? std::string_view(decoded)
                       : std::string_view(body.text());
    request.now_unix_ms = NowUnixMs();
    response = co_await api.Handle(request);
  }
  filters::Headers headers;
  headers.Add("Content-Type", "application/json");
  std::string out;
  http::AppendLocalResponse(out, response.status, headers, response.body, close);
  co_return co_await client.WriteAll(out) && !close;
}

}  // namespace costgate::daemon::server
