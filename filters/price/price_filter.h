// Price: turns units into cost, after meter (it needs the units) and before receipt (the receipt
// carries the cost).
//
// There is no pricing engine yet (a later issue), so every exchange that will become a receipt
// is marked unpriced -- cost_micro_usd nullopt, pricing_version "" -- and counted as such: an
// unknown cost is never reported as zero.
#pragma once

#include <memory>

#include "filters/filter.h"
#include "filters/filter_stats.h"

namespace costgate::filters {

class PriceFilter final : public Filter {
 public:
  explicit PriceFilter(FilterStats& stats) : stats_(stats) {}
  void OnComplete(Exchange& x) noexcept override;

 private:
  FilterStats& stats_;
};

class PriceFilterFactory final : public FilterFactory {
 public:
  explicit PriceFilterFactory(FilterStats& stats) : stats_(stats) {}
  std::string_view Name() const override { return "price"; }
  std::unique_ptr<Filter> Create() const override { return std::make_unique<PriceFilter>(stats_); }

 private:
  FilterStats& stats_;
};

}  // namespace costgate::filters
