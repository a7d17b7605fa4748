// Writing HTTP/1.1 heads for the upstream and the client.
//
// Hop-by-hop fields (RFC 9110 7.6.1: Connection and the fields it names, Keep-Alive,
// Proxy-Connection, TE, Upgrade) never cross the proxy. A request's framing fields
// (Content-Length, Transfer-Encoding, Trailer) are never copied either: the proxy writes its own
// for the body it sends (request_framing.h). A response is relayed with the framing it arrived
// in, so its framing fields are kept.
#pragma once

#include <string>
#include <string_view>

#include "base/http_message.h"
#include "daemon/http/request_framing.h"
#include "filters/exchange.h"

namespace costgate::daemon::http {

// "METHOD target HTTP/1.1" + Host + the end-to-end fields of `head` except Host, Expect and the
// framing fields, + the framing costgate sends the body with: "Content-Length: N" or
// "Transfer-Encoding: chunked" (nothing for a request without a body).
void AppendUpstreamRequestHead(std::string& out, const base::RequestHead& head,
                               std::string_view target, std::string_view host_header,
                               BodyFraming framing, uint64_t content_length);

// The body in the framing AppendUpstreamRequestHead announced: decoded body bytes as they are
// for Content-Length, as one chunk per piece for chunked (the client's chunk sizes, extensions
// and trailers never reach the upstream). AppendBodyEnd after the last byte.
void AppendBodyPiece(std::string& out, BodyFraming framing, std::string_view data);
void AppendBodyEnd(std::string& out, BodyFraming framing);

struct ResponseHeadOptions {
  bool close = false;         // add "Connection: close"
  bool drop_framing = false;  // remove Transfer-Encoding (body sent close-delimited)
  std::string_view event_id;  // x-costgate-event-id, when non-empty
};
void AppendClientResponseHead(std::string& out, const base::ResponseHead& head,
                              const ResponseHeadOptions& options);

// A complete response the daemon answers itself, with Content-Length. `headers` carries
// Content-Type and any other fields.
void AppendLocalResponse(std::string& out, int status, const base::Headers& headers,
                         std::string_view body, bool close);
// The head of a response the daemon answers itself with a body of unknown length, sent as
// chunks after it (AppendBodyPiece, AppendBodyEnd with BodyFraming::kChunked).
void AppendLocalChunkedHead(std::string& out, int status, const base::Headers& headers, bool close);
inline void AppendLocalReply(std::string& out, const filters::LocalReply& reply, bool close) {
  AppendLocalResponse(out, reply.status, reply.headers, reply.body, close);
}

std::string_view ReasonPhrase(int status);

}  // namespace costgate::daemon::http
