// The bundled LiteLLM price book in a holder, as the daemon has it, for filter tests.
#pragma once

#include "pricing/book_holder.h"

namespace costgate::filters {

const pricing::PriceBookHolder& BundledPrices();

}  // namespace costgate::filters
