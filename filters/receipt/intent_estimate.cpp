#include "filters/receipt/intent_estimate.h"

#include <charconv>
#include <cstdint>

#include "filters/token_estimate.h"

namespace costgate::filters {

void EstimateIntentUnits(const Exchange& x, Units& units) {
  if (x.metering != Metering::kMetered || x.provider != "gemini") {
    return;
  }
  const std::string* length = x.request.headers.Find("content-length");
  if (length == nullptr) {
    return;
  }
  int64_t bytes = 0;
  const auto [end, ec] = std::from_chars(length->data(), length->data() + length->size(), bytes);
  if (ec != std::errc() || end != length->data() + length->size() || bytes <= 0) {
    return;
  }
  units.Set(kUnitInputTokens, TokensFromBytes(static_cast<uint64_t>(bytes)));
}

}  // namespace costgate::filters
