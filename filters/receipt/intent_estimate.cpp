#include "filters/receipt/intent_estimate.h"

#include <charconv>
#include <cstdint>

namespace costgate::filters {
namespace {

constexpr int64_t kBytesPerToken = 4;

}  // namespace

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
  units.Set(kUnitInputTokens, (bytes + kBytesPerToken - 1) / kBytesPerToken);
}

}  // namespace costgate::filters
