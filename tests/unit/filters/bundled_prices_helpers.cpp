#include "tests/unit/filters/bundled_prices_helpers.h"

#include "pricing/book_loader.h"

namespace costgate::filters {

const pricing::PriceBookHolder& BundledPrices() {
  static const pricing::PriceBookHolder holder = [] {
    config::PricingConfig pricing;
    pricing.history_dir.clear();  // bundled sources only
    return pricing::PriceBookHolder(pricing::LoadPriceBook(pricing).book);
  }();
  return holder;
}

}  // namespace costgate::filters
