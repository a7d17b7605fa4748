// The one rule for how a request body is delimited (RFC 9112 6), decided from the head alone,
// before any body byte is read. The proxy accepts only framings that every HTTP/1.1 parser reads
// the same way, and never forwards the client's framing fields: it writes its own
// (AppendUpstreamRequestHead), so nothing the client wrote can make the upstream see a different
// message boundary than costgate did (request smuggling).
//
// Accepted:
//  - no Transfer-Encoding and no Content-Length: no body;
//  - exactly one Content-Length field, 1*DIGIT (no sign, list or whitespace inside), < 2^63;
//  - exactly one Transfer-Encoding field whose value is exactly "chunked" (any case), with no
//    Content-Length, on HTTP/1.1.
// Refused with 501: a well-formed list of codings other than a lone final "chunked" (gzip,
// identity, "foo, chunked"): costgate implements no other transfer coding. Refused with 400:
// everything else (two Transfer-Encoding fields, an empty one, empty list elements, "chunked"
// not last or twice, Transfer-Encoding on HTTP/1.0 or beside Content-Length, two Content-Length
// fields, a malformed or overflowing length).
//
// Also checked here because the same parser runs before it: every field name is a non-empty
// token (RFC 9110 5.1) and none spells a framing field with '_' for '-' (servers that fold one
// into the other would see framing costgate did not), and the target is in origin-form ("/..."):
// costgate is not a forward proxy. (Host needs no rule: every Host field is dropped and the
// upstream's written.)
#pragma once

#include <cstdint>

#include "base/http_message.h"

namespace costgate::daemon::http {

enum class BodyFraming { kNone, kContentLength, kChunked };

struct RequestFraming {
  BodyFraming framing = BodyFraming::kNone;
  uint64_t content_length = 0;  // kContentLength only
  int refusal = 0;              // 0: acceptable; else 400 or 501
  const char* detail = "";      // why refused, for the error message
};

RequestFraming DecideRequestFraming(const base::RequestHead& head);

// RFC 9110 5.6.2 tchar.
bool IsTokenChar(char c) noexcept;

}  // namespace costgate::daemon::http
