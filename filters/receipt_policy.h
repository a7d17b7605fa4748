// Which exchanges end as a receipt: one rule, read by every filter that must agree on it.
#pragma once

#include "filters/exchange.h"

namespace costgate::filters {

// Routed requests for a model operation: metered, free (countTokens) or unmetered. Bookkeeping
// calls (model lists, files, operation polls, voices) and requests no provider claimed (404, bad
// target) leave no receipt.
inline bool ProducesReceipt(const Exchange& x) noexcept {
  return !x.provider.empty() && x.metering != Metering::kPassThrough;
}

}  // namespace costgate::filters
