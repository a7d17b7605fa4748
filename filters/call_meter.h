// A provider's meter for one call: what the call used, read from the request, the response
// head and the response body, whichever the provider puts it in (PROVIDERS.md A2, B3, C3).
//
// Created by the meter filter for a metered operation once the route is known, fed on the
// request's worker thread, and asked for the usage exactly once at completion, on every path
// (answered by the provider, failed, cut off). Every hook is observe-only: bounded memory,
// never blocks, never throws. Pure: no I/O, no clock.
#pragma once

#include <string_view>

#include "filters/exchange.h"
#include "filters/http_message.h"
#include "filters/usage_meter.h"

namespace costgate::filters {

class CallMeter {
 public:
  virtual ~CallMeter() = default;

  // Body bytes of the request as they are forwarded (transfer-decoded), in order.
  virtual void OnRequestBody(std::string_view chunk) noexcept { (void)chunk; }
  // The upstream's response head arrived (any status).
  virtual void OnResponseHead(const ResponseHead& head) noexcept { (void)head; }
  // Response body bytes after transfer decoding, content encoding untouched.
  virtual void OnResponseBody(std::string_view chunk) noexcept { (void)chunk; }
  // The call ended: `x` carries its outcome, status and sizes. Fills `usage` with what is
  // known: the provider's report, units counted from the request, or an estimate (marked).
  virtual void Finish(const Exchange& x, MeteredUsage& usage) noexcept = 0;
};

}  // namespace costgate::filters
