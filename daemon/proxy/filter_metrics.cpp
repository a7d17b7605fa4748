#include "daemon/proxy/filter_metrics.h"

namespace costgate::daemon::proxy {

namespace {

void AddCounter(metrics::ProxyMetrics& m, std::string name, std::string help,
                const std::atomic<uint64_t>& counter) {
  m.registry().AddCallback(
      metrics::MetricType::kCounter, std::move(name), std::move(help),
      [&counter] { return static_cast<double>(counter.load(std::memory_order_relaxed)); });
}

}  // namespace

void RegisterFilterStats(metrics::ProxyMetrics& metrics, const filters::FilterStats& stats) {
  AddCounter(metrics, "costgate_receipts_submitted_total",
             "Receipts the filter chain handed to the receipt writer.", stats.receipts_submitted);
  AddCounter(metrics, "costgate_receipts_intents_submitted_total",
             "Intents (receipts opened at admission) handed to the receipt writer.",
             stats.intents_submitted);
  AddCounter(metrics, "costgate_receipts_unpriced_total",
             "Receipts without a cost (unknown model, a unit without a rate, no usage, "
             "unmetered operation); the receipt says why.",
             stats.unpriced_receipts);
  AddCounter(metrics, "costgate_receipts_unknown_model_total",
             "Receipts whose model has no price in the book (re-priceable once one exists).",
             stats.unpriced_unknown_model);
  AddCounter(metrics, "costgate_receipts_unmetered_total",
             "Receipts of provider operations that have no meter.", stats.unmetered_receipts);
  AddCounter(metrics, "costgate_meter_usage_missing_total",
             "Metered successful responses in which no usage report was found.",
             stats.usage_missing);
  AddCounter(metrics, "costgate_meter_malformed_units_total",
             "Response units (events, array elements, bodies) the meters could not parse.",
             stats.meter_malformed_units);
  AddCounter(metrics, "costgate_meter_oversized_units_total",
             "Usage reports skipped because they exceeded the capture limit.",
             stats.meter_oversized_units);
  metrics.registry().AddCallback(
      metrics::MetricType::kCounter, "costgate_preflight_unchecked_total",
      "Calls the budget preflight let through without holding their cost: an operation with no "
      "meter, an estimate without a price, or central unreachable under fail-open.",
      {"provider", "reason"}, [&stats] {
        std::vector<metrics::Sample> samples;
        for (const auto& row : stats.preflight_unchecked.Rows()) {
          samples.push_back({{std::string(row.provider), std::string(row.reason)},
                             static_cast<double>(row.count)});
        }
        return samples;
      });
}

}  // namespace costgate::daemon::proxy
