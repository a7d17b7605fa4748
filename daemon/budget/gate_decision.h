// The decisions both gates make, spelled once: the deny reasons (stable snake_case codes: the
// reply's x-costgate-deny-reason, the receipt's reason, the metric), and how each is counted.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "daemon/budget/budget_stats.h"
#include "daemon/budget/lease_book.h"
#include "filters/preflight/budget_gate.h"

namespace costgate::daemon::budget {

inline constexpr std::string_view kBudgetExhausted = "budget_exhausted";
inline constexpr std::string_view kOverPerRequestCap = "over_per_request_cap";
inline constexpr std::string_view kCentralUnreachable = "central_unreachable";

// Allowed; `reason` "" after a check, kCentralUnreachable under fail-open.
filters::preflight::GateDecision Allowed(std::string_view reason, const BudgetRef* budget,
                                         uint64_t reservation, std::string_view holder);

filters::preflight::GateDecision Denied(std::string_view reason, const BudgetRef* budget);

}  // namespace costgate::daemon::budget
