// The budget gates' series on /metrics:
//   costgate_budget_reservations_total{result}  held | uncovered | fail_open | denied
//   costgate_budget_denials_total{reason}       budget_exhausted | over_per_request_cap |
//                                               central_unreachable
//   costgate_budget_waits_total                 calls that waited for central
//   costgate_budget_lease_syncs_total{result}   ok | unreachable | refused (lease mode)
//   costgate_budget_lease_remaining_pico_usd{budget}  granted - used per hard budget's lease, at
//       most kMaxLeaseSeries budgets (by id): the label set stays bounded
#pragma once

#include <cstddef>

#include "daemon/budget/gate_service.h"
#include "daemon/metrics/proxy_metrics.h"

namespace costgate::daemon::budget {

inline constexpr size_t kMaxLeaseSeries = 100;

// `service` outlives every render of `metrics`.
void RegisterBudgetMetrics(metrics::ProxyMetrics& metrics, GateService& service);

}  // namespace costgate::daemon::budget
