// Writing HTTP/1.1 heads for the upstream and the client.
//
// Hop-by-hop fields (RFC 9110 7.6.1: Connection and the fields it names, Keep-Alive,
// Proxy-Connection, TE, Upgrade) never cross the proxy; framing fields (Content-Length,
// Transfer-Encoding) do, because bodies are forwarded with the framing they arrived in.
#pragma once

#include <string>
#include <string_view>

#include "filters/exchange.h"
#include "filters/http_message.h"

namespace costgate::daemon::http {

// "METHOD target HTTP/1.1" + Host + end-to-end fields of `head` except Host and Expect.
void AppendUpstreamRequestHead(std::string& out, const filters::RequestHead& head,
                               std::string_view target, std::string_view host_header);

struct ResponseHeadOptions {
  bool close = false;         // add "Connection: close"
  bool drop_framing = false;  // remove Transfer-Encoding (body sent close-delimited)
  std::string_view event_id;  // x-costgate-event-id, when non-empty
};
void AppendClientResponseHead(std::string& out, const filters::ResponseHead& head,
                              const ResponseHeadOptions& options);

// A complete response the daemon answers itself, with Content-Length. `headers` carries
// Content-Type and any other fields.
void AppendLocalResponse(std::string& out, int status, const filters::Headers& headers,
                         std::string_view body, bool close);
inline void AppendLocalReply(std::string& out, const filters::LocalReply& reply, bool close) {
  AppendLocalResponse(out, reply.status, reply.headers, reply.body, close);
}

std::string_view ReasonPhrase(int status);

}  // namespace costgate::daemon::http
