#include "filters/preflight/unchecked_calls.h"

#include "filters/elevenlabs/routes.h"
#include "filters/gemini/routes.h"
#include "filters/google_tts/routes.h"
#include "filters/vertex/routes.h"

namespace costgate::filters::preflight {
namespace {

constexpr std::array<std::string_view, UncheckedCalls::kProviders> kProviderNames = {
    gemini::kProvider, vertex::kProvider, google_tts::kProvider, elevenlabs::kProvider, "other"};
constexpr std::array<std::string_view, UncheckedCalls::kReasons> kReasonNames = {
    "unmetered_operation", "unpriced_estimate", "central_unreachable"};

size_t ProviderIndex(std::string_view provider) noexcept {
  for (size_t i = 0; i + 1 < kProviderNames.size(); ++i) {
    if (kProviderNames[i] == provider) {
      return i;
    }
  }
  return kProviderNames.size() - 1;
}

}  // namespace

void UncheckedCalls::Add(std::string_view provider, Reason reason) noexcept {
  counts_[ProviderIndex(provider) * kReasons + static_cast<size_t>(reason)].fetch_add(
      1, std::memory_order_relaxed);
}

std::vector<UncheckedCalls::Row> UncheckedCalls::Rows() const {
  std::vector<Row> rows;
  for (size_t p = 0; p < kProviders; ++p) {
    for (size_t r = 0; r < kReasons; ++r) {
      const uint64_t count = counts_[p * kReasons + r].load(std::memory_order_relaxed);
      if (p + 1 < kProviders || count != 0) {
        rows.push_back({kProviderNames[p], kReasonNames[r], count});
      }
    }
  }
  return rows;
}

}  // namespace costgate::filters::preflight
