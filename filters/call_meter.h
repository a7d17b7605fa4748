// A provider's meter for one call: what the call used, read from the request, the response
// head and the response body, whichever the provider puts it in (PROVIDERS.md A2, B3, C3).
//
// Created by the meter filter for a metered operation once the route is known, fed on the
// request's worker thread, and asked for the usage exactly once at completion, on every path
// (answered by the provider, failed, cut off). Every hook is observe-only: bounded memory,
// never blocks, never throws. Pure: no I/O, no clock.
#pragma once

#include <cstdint>
#include <string_view>

#include "filters/exchange.h"
#include "filters/http_message.h"
#include "filters/usage_meter.h"

namespace costgate::filters {

class CallMeter {
 public:
  virtual ~CallMeter() = default;

  // Body bytes of the request, in order: as forwarded (transfer-decoded), or content-decoded
  // when the request says Content-Encoding gzip (the meter filter decodes a copy; what is
  // forwarded is untouched). A meter estimating from the body's size counts these bytes.
  virtual void OnRequestBody(std::string_view chunk) noexcept { (void)chunk; }
  // The rest of the request body cannot be read: a content coding the meter filter does not
  // decode (br, zstd, deflate, gzip twice), a corrupt gzip, or more decoded bytes than it
  // decodes for a meter. No OnRequestBody follows; what came before is a prefix of the body.
  // The meter does what it can without the rest (a size estimate falls back to
  // x.request_bytes, the bytes as sent). At most once per call.
  virtual void OnRequestBodyUnreadable() noexcept {}
  // The upstream's response head arrived (any status).
  virtual void OnResponseHead(const ResponseHead& head) noexcept { (void)head; }
  // Response body bytes after transfer decoding, content encoding untouched.
  virtual void OnResponseBody(std::string_view chunk) noexcept { (void)chunk; }
  // The call ended: `x` carries its outcome, status and sizes. Fills `usage` with what is
  // known: the provider's report, units counted from the request, or an estimate (marked).
  virtual void Finish(const Exchange& x, MeteredUsage& usage) noexcept = 0;
};

// The size of the request body as a meter read it, for the meters that estimate from it.
class RequestBodySize {
 public:
  // From OnRequestBody and OnRequestBodyUnreadable.
  void Add(std::string_view chunk) noexcept { read_ += chunk.size(); }
  void MarkUnreadable() noexcept { unreadable_ = true; }

  // The bytes read (decoded ones of a gzip body); the bytes sent, x.request_bytes, when more
  // for a body left unread in part.
  uint64_t Bytes(const Exchange& x) const noexcept {
    return unreadable_ && x.request_bytes > read_ ? x.request_bytes : read_;
  }

 private:
  uint64_t read_ = 0;
  bool unreadable_ = false;
};

}  // namespace costgate::filters
