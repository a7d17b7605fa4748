// Calls the preflight let through without holding their cost against the budgets, by provider
// and why: what makes a way around a budget visible (costgate_preflight_unchecked_total).
//
// One instance per process, in FilterStats. Filters add from any worker thread (relaxed
// increments); the daemon reads Rows() for /metrics.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace costgate::filters::preflight {

class UncheckedCalls {
 public:
  enum class Reason : uint8_t {
    kUnmeteredOperation,  // an operation with no meter (Metering::kUnmetered): never checked
    kUnpricedEstimate,    // checked, but its estimate has no price: nothing was held for it
    kCentralUnreachable,  // the gate allowed it without a check (fail-open)
  };

  static constexpr size_t kReasons = 3;
  static constexpr size_t kProviders = 5;  // the four provider folders, then "other"

  void Add(std::string_view provider, Reason reason) noexcept;

  struct Row {
    std::string_view provider;  // "gemini", ..., or "other"
    std::string_view reason;    // "unmetered_operation", "unpriced_estimate", ...
    uint64_t count = 0;
  };
  // Every provider folder's rows (zeros included), then "other" rows that are not zero.
  std::vector<Row> Rows() const;

 private:
  std::array<std::atomic<uint64_t>, kReasons * kProviders> counts_{};
};

}  // namespace costgate::filters::preflight
