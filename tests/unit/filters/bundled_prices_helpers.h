// The price book the daemon loads with no history and no overrides, in a holder, for filter
// tests.
#pragma once

#include "pricing/book_holder.h"

namespace costgate::filters {

const pricing::PriceBookHolder& BundledPrices();

}  // namespace costgate::filters
