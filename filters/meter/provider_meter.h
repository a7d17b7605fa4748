// The call meter of a routed, metered request, by provider.
#pragma once

#include <memory>

#include "filters/call_meter.h"
#include "filters/exchange.h"

namespace costgate::filters {

// A meter for x's call (x.provider and x.operation are set), or nullptr when the provider has
// no meter for it.
std::unique_ptr<CallMeter> CreateCallMeter(const Exchange& x);

}  // namespace costgate::filters
