#include "daemon/budget/budget_metrics.h"

#include <atomic>
#include <string>
#include <utility>
#include <vector>

namespace costgate::daemon::budget {
namespace {

using metrics::MetricType;
using metrics::Sample;

double Read(const std::atomic<uint64_t>& counter) {
  return static_cast<double>(counter.load(std::memory_order_relaxed));
}

// One labelled counter family over `counters` (label value, counter).
void AddLabelled(metrics::ProxyMetrics& m, std::string name, std::string help, std::string label,
                 std::vector<std::pair<std::string, const std::atomic<uint64_t>*>> counters) {
  m.registry().AddCallback(MetricType::kCounter, std::move(name), std::move(help),
                           {std::move(label)}, [counters = std::move(counters)] {
                             std::vector<Sample> samples;
                             samples.reserve(counters.size());
                             for (const auto& [value, counter] : counters) {
                               samples.push_back({{value}, Read(*counter)});
                             }
                             return samples;
                           });
}

}  // namespace

void RegisterBudgetMetrics(metrics::ProxyMetrics& metrics, GateService& service) {
  const BudgetStats& s = service.stats();
  AddLabelled(metrics, "costgate_budget_reservations_total",
              "Budget checks of calls by result: held (against a lease, or by central), "
              "uncovered (no hard budget covers the call), fail_open (central could not be "
              "asked; allowed by preflight.fail_closed false), denied.",
              "result",
              {{"held", &s.held},
               {"uncovered", &s.uncovered},
               {"fail_open", &s.fail_open},
               {"denied", &s.denied}});
  AddLabelled(metrics, "costgate_budget_denials_total",
              "Calls denied by a budget check, by reason.", "reason",
              {{"budget_exhausted", &s.denied_budget_exhausted},
               {"over_per_request_cap", &s.denied_over_per_request_cap},
               {"central_unreachable", &s.denied_central_unreachable}});
  metrics.registry().AddCallback(MetricType::kCounter, "costgate_budget_waits_total",
                                 "Budget checks that waited for central (a lease, or central "
                                 "mode's preflight), at most preflight.timeout each.",
                                 [&s] { return Read(s.waited); });
  if (service.mode() != GateMode::kLease) {
    return;
  }
  AddLabelled(
      metrics, "costgate_budget_lease_syncs_total",
      "Lease syncs with central by result: ok, unreachable (no answer), refused (an "
      "answer other than 200, or unreadable).",
      "result",
      {{"ok", &s.syncs_ok}, {"unreachable", &s.syncs_unreachable}, {"refused", &s.syncs_refused}});
  const LeaseBook& book = service.book();
  metrics.registry().AddCallback(
      MetricType::kGauge, "costgate_budget_lease_remaining_pico_usd",
      "What this proxy may still hold against each hard budget's lease (granted - used), in "
      "pico-USD; negative when real costs ran past the grant.",
      {"budget"}, [&book] {
        std::vector<Sample> samples;
        for (const LeaseBook::LeaseView& v : book.Remaining(kMaxLeaseSeries)) {
          samples.push_back({{v.budget_id}, static_cast<double>(v.remaining_pico)});
        }
        return samples;
      });
}

}  // namespace costgate::daemon::budget
