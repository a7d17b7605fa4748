// Price: turns units into cost, after meter (it needs the units) and before receipt (the receipt
// carries the cost).
//
// Every exchange that becomes a receipt is priced with the book in force (PriceBookHolder) at
// the call's start time (pricing/cost.h has the rules). When it cannot be priced -- unknown
// model, a unit without a rate, no usage at all, an unmetered operation -- cost stays nullopt
// with the reason on the receipt, and the receipt keeps its units so it can be re-priced once a
// price exists. A price that is not exactly the call's own row and tier says so in
// x.pricing_notes (pricing/pricing_notes.h). A call the provider refused (an error status, or no
// response at all) with no usage costs zero: providers do not bill failed calls (PROVIDERS.md
// A4, B3).
#pragma once

#include <memory>

#include "filters/filter.h"
#include "filters/filter_stats.h"
#include "pricing/book_holder.h"

namespace costgate::filters {

class PriceFilter final : public Filter {
 public:
  PriceFilter(const pricing::PriceBookHolder& prices, FilterStats& stats)
      : prices_(prices), stats_(stats) {}
  void OnComplete(Exchange& x) noexcept override;

 private:
  const pricing::PriceBookHolder& prices_;
  FilterStats& stats_;
};

class PriceFilterFactory final : public FilterFactory {
 public:
  PriceFilterFactory(const pricing::PriceBookHolder& prices, FilterStats& stats)
      : prices_(prices), stats_(stats) {}
  std::string_view Name() const override { return "price"; }
  std::unique_ptr<Filter> Create() const override {
    return std::make_unique<PriceFilter>(prices_, stats_);
  }

 private:
  const pricing::PriceBookHolder& prices_;
  FilterStats& stats_;
};

}  // namespace costgate::filters
