// The usage meter for a routed response, by provider.
#pragma once

#include <memory>

#include "filters/exchange.h"
#include "filters/usage_meter.h"

namespace costgate::filters {

// A meter for x's response body (x.response must be set), or nullptr when x.provider has no
// meter.
std::unique_ptr<UsageMeter> CreateProviderMeter(const Exchange& x);

}  // namespace costgate::filters
