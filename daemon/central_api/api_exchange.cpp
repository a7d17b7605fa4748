#include "daemon/central_api/api_exchange.h"

#include <optional>
#include <string>
#include <variant>

#include "base/clock.h"
#include "central/api/api_error.h"
#include "daemon/central_api/api_body.h"
#include "daemon/central_api/api_service.h"
#include "daemon/http/serialize.h"
#include "daemon/server/client_connection.h"
#include "daemon/server/request_body.h"
#include "daemon/server/worker.h"

namespace costgate::daemon::central_api {
namespace {

// What a 503 tells the client to wait: every 503 central answers (body budget full, store
// failing) passes by itself.
constexpr std::string_view kRetryAfterSeconds = "1";

using server::ClientConnection;

bool HeaderIs(const base::RequestHead& head, std::string_view name, std::string_view value) {
  const std::string* found = head.headers.Find(name);
  return found != nullptr && base::EqualsIgnoreCase(*found, value);
}

// The value of header `name`, "" when absent.
std::string_view HeaderText(const base::RequestHead& head, std::string_view name) {
  const std::string* found = head.headers.Find(name);
  return found != nullptr ? std::string_view(*found) : std::string_view();
}

// The peer's IP address, for the login rate limit: the socket's own, never a forwarded header a
// client could write (behind a reverse proxy every client shares the proxy's count).
std::string ClientAddress(ClientConnection& client) {
  boost::system::error_code ec;
  const auto endpoint = client.socket().remote_endpoint(ec);
  return ec ? std::string() : endpoint.address().to_string();
}

// Refusals the head alone decides, before any body byte is read or buffered.
std::optional<central::ApiResponse> RefuseBodyFromHead(http::MessageParser& parser,
                                                       uint64_t max_body_bytes) {
  const std::string* encoding = parser.request().headers.Find("content-encoding");
  if (encoding != nullptr && !base::EqualsIgnoreCase(*encoding, "gzip") &&
      !base::EqualsIgnoreCase(*encoding, "identity")) {
    return central::ErrorResponse(415, "unsupported_encoding",
                                  "Content-Encoding must be gzip or identity");
  }
  if (parser.has_content_length() && parser.content_length() > max_body_bytes) {
    return central::ErrorResponse(413, "body_too_large",
                                  "request body exceeds central.max_body_bytes");
  }
  return std::nullopt;
}

central::ApiResponse BodyRefusal(BodyRead read, bool decoded) {
  switch (read) {
    case BodyRead::kTooLarge:
      return central::ErrorResponse(
          413, "body_too_large",
          decoded ? "decoded request body exceeds central.max_body_bytes (or, with the body, "
                    "central.max_buffered_body_bytes)"
                  : "request body exceeds central.max_body_bytes (or "
                    "central.max_buffered_body_bytes)");
    case BodyRead::kOverBudget:
      return central::ErrorResponse(503, "overloaded",
                                    "central holds as many request bodies as it may; retry later");
    case BodyRead::kTimedOut:
      return central::ErrorResponse(408, "body_timeout", "the request body did not arrive in time");
    case BodyRead::kMalformed:
      return decoded ? central::ErrorResponse(400, "bad_gzip", "the gzip request body is corrupt")
                     : central::ErrorResponse(400, "bad_request",
                                              "malformed HTTP request body framing");
    case BodyRead::kDone:
    case BodyRead::kClosed:
      break;
  }
  return central::ErrorResponse(500, "internal", "unexpected body state");
}

// The parts of a streamed body (central/api/body_stream.h), each written as one chunk before the
// next is asked for. False when the client went away or the stream failed: the response is then
// cut short (no last chunk), so the client cannot take it for a complete file.
Awaitable<bool> WriteStreamedBody(ClientConnection& client, ApiService& api,
                                  central::BodyStream& stream) {
  // Big enough that a row-per-line export costs few hops between threads, small enough to keep
  // memory flat per download.
  constexpr size_t kPartBytes = 256 * 1024;
  std::string part;
  std::string out;
  for (;;) {
    part.clear();
    const central::BodyStream::Part made = co_await api.NextPart(stream, part, kPartBytes);
    if (made == central::BodyStream::Part::kFailed) {
      co_return false;
    }
    out.clear();
    if (!part.empty()) {
      http::AppendBodyPiece(out, http::BodyFraming::kChunked, part);
    }
    if (made == central::BodyStream::Part::kLast) {
      http::AppendBodyEnd(out, http::BodyFraming::kChunked);
    }
    if (!co_await client.WriteAll(out)) {
      co_return false;
    }
    if (made == central::BodyStream::Part::kLast) {
      co_return true;
    }
  }
}

// Writes `response`; returns true when the connection may carry another request. A request
// whose body is not all read cannot be followed by another: its connection closes, after
// DiscardUntilClosed.
Awaitable<bool> Respond(ClientConnection& client, ApiService& api,
                        const central::ApiResponse& response, bool close) {
  const bool body_unread = !client.parser().message_done();
  close = close || body_unread;
  base::Headers headers;
  if (!response.content_type.empty()) {
    headers.Add("Content-Type", response.content_type);
  }
  for (const central::ApiHeader& header : response.headers) {
    headers.Add(header.name, header.value);
  }
  if (response.status == 503) {
    headers.Add("Retry-After", std::string(kRetryAfterSeconds));
  }
  const bool head_only = client.parser().request().method == "HEAD";
  std::string out;
  if (response.stream) {
    http::AppendLocalChunkedHead(out, response.status, headers, close);
  } else {
    http::AppendLocalResponse(out, response.status, headers, response.body, close);
    if (head_only) {
      // RFC 9110 9.3.2: the GET response's head, Content-Length included, without its content.
      out.resize(out.size() - response.body.size());
    }
  }
  bool written = co_await client.WriteAll(out);
  if (written && response.stream && !head_only) {
    written = co_await WriteStreamedBody(client, api, *response.stream);
  }
  if (written && body_unread) {
    co_await server::DiscardUntilClosed(client);
  }
  co_return written && !close;
}

// Admits the request, reads and decodes its body and has the ApiService answer it. The body's
// buffers and its share of the budget end with this call: none of it is held while the answer
// is written, or while a refused client lingers. nullopt: the client went away.
Awaitable<std::optional<central::ApiResponse>> Answer(ClientConnection& client, ApiService& api) {
  http::MessageParser& parser = client.parser();
  const base::RequestHead& head = parser.request();
  const uint64_t limit = api.limits().max_body_bytes;

  // Admission first: a request without a valid key, or for no route, is answered before central
  // reads or keeps a single byte of its body.
  const central::ApiHead api_head{head.method,
                                  head.target,
                                  HeaderText(head, "x-api-key"),
                                  base::NowUnixMs(),
                                  HeaderText(head, "authorization"),
                                  HeaderText(head, "cookie"),
                                  HeaderText(head, "x-csrf-token")};
  std::variant<central::Admission, central::ApiResponse> admitted = co_await api.Admit(api_head);
  if (central::ApiResponse* refused = std::get_if<central::ApiResponse>(&admitted)) {
    co_return std::move(*refused);
  }
  if (std::optional<central::ApiResponse> refused = RefuseBodyFromHead(parser, limit)) {
    co_return refused;
  }

  // Every byte of the body and of its decoded copy is paid for from the process-wide budget;
  // the reservation gives it all back when this call ends, however it ends.
  BodyBudget::Reservation reservation(api.body_budget());
  BudgetedBody body(limit, reservation);
  if (parser.has_content_length() && !body.Expect(parser.content_length())) {
    const bool too_large = body.state() == BudgetedBody::State::kTooLarge;
    co_return BodyRefusal(too_large ? BodyRead::kTooLarge : BodyRead::kOverBudget, false);
  }
  // Only now, admitted and with room for the body: curl sends nothing we would refuse.
  if (!co_await server::AnswerExpectContinue(client, head)) {
    co_return std::nullopt;
  }
  const BodyRead read = co_await ReadRequestBody(client, body);
  if (read == BodyRead::kClosed) {
    co_return std::nullopt;
  }
  if (read != BodyRead::kDone) {
    co_return BodyRefusal(read, false);
  }
  std::string_view text = body.text();
  BudgetedBody decoded(limit, reservation);
  if (HeaderIs(head, "content-encoding", "gzip")) {
    if (const BodyRead gunzipped = Gunzip(text, decoded); gunzipped != BodyRead::kDone) {
      co_return BodyRefusal(gunzipped, true);
    }
    text = decoded.text();
  }
  central::ApiRequest request;
  request.method = api_head.method;
  request.path = api_head.path;
  request.api_key = api_head.api_key;
  request.authorization = api_head.authorization;
  request.cookie = api_head.cookie;
  request.csrf_token = api_head.csrf_token;
  request.forwarded_proto = HeaderText(head, "x-forwarded-proto");
  const std::string client_address = ClientAddress(client);
  request.client_address = client_address;
  request.body = text;
  request.now_unix_ms = base::NowUnixMs();
  request.if_none_match = HeaderText(head, "if-none-match");
  co_return co_await api.Handle(request, std::get<central::Admission>(admitted));
}

}  // namespace

Awaitable<bool> RunApiExchange(ClientConnection& client, ApiService& api) {
  const bool close = client.worker().draining() || !client.parser().keep_alive();
  const std::optional<central::ApiResponse> response = co_await Answer(client, api);
  if (!response) {
    co_return false;
  }
  co_return co_await Respond(client, api, *response, close);
}

}  // namespace costgate::daemon::central_api
