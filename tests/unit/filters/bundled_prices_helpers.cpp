#include "tests/unit/filters/bundled_prices_helpers.h"

#include "pricing/bundled.h"
#include "pricing/litellm_catalogue.h"

namespace costgate::filters {

const pricing::PriceBookHolder& BundledPrices() {
  static const pricing::PriceBookHolder holder = [] {
    pricing::CatalogueLoad load =
        pricing::LoadLiteLlmCatalogue(pricing::BundledLiteLlmJson(), pricing::kSinceAlways);
    return pricing::PriceBookHolder(
        pricing::PriceBook::Build(std::move(load.rows), pricing::BookOptions{}));
  }();
  return holder;
}

}  // namespace costgate::filters
