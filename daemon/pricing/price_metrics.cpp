#include "daemon/pricing/price_metrics.h"

namespace costgate::daemon::price_refresh {

void RegisterPriceMetrics(metrics::ProxyMetrics& metrics,
                          const costgate::pricing::PriceBookHolder& holder,
                          const RefreshStats& stats) {
  auto count = [](const std::atomic<uint64_t>& counter) {
    return static_cast<double>(counter.load(std::memory_order_relaxed));
  };
  metrics.registry().AddCallback(
      metrics::MetricType::kCounter, "costgate_price_refresh_total",
      "Scheduled price feed refreshes by result: ok (a new book published), unchanged, failed "
      "(the last good book kept).",
      {"result"}, [&stats, count] {
        return std::vector<metrics::Sample>{{{"ok"}, count(stats.ok)},
                                            {{"unchanged"}, count(stats.unchanged)},
                                            {{"failed"}, count(stats.failed)}};
      });
  // Share(), not Current(): a render must not pin a book in the rendering thread's cache.
  metrics.registry().AddCallback(
      metrics::MetricType::kGauge, "costgate_price_book_info",
      "The price book in force; its version is on every receipt priced with it.", {"version"},
      [&holder] {
        return std::vector<metrics::Sample>{{{holder.Share()->version()}, 1}};
      });
  metrics.registry().AddCallback(metrics::MetricType::kGauge, "costgate_price_book_keys",
                                 "Price keys in the price book in force.", [&holder] {
                                   return static_cast<double>(holder.Share()->key_count());
                                 });
}

}  // namespace costgate::daemon::price_refresh
