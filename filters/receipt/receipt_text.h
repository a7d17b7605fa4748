// The text a receipt carries, made acceptable to central.
//
// Much of a receipt comes from outside: operation names from client paths, model names from
// URL paths and request bodies, model versions and service tiers from provider responses. Central
// refuses an event whose text breaks base/text_rule.h, and a refused row is never resent, so a
// call would go unaccounted: every string of a receipt is bounded here instead (too long: cut
// at a code point; invalid UTF-8 or control characters: replaced by U+FFFD).
#pragma once

#include "filters/receipt.h"

namespace costgate::filters {

// Makes every string field of `receipt` pass base::CheckText(base::kMaxIdBytes). Text that
// passes already (nearly all of it) is left as it is, without a copy.
void BoundReceiptText(Receipt& receipt);

}  // namespace costgate::filters
