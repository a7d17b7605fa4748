// Why a priced call's cost is not the exact list price of what it used, as reason codes for its
// receipt (README "Receipts", `pricing_notes`). Computed once, in PriceCall (call_price.h), for
// the proxy and for central, so their notes agree whenever their books do.
//
//  - model_fallback: the row is not the served model's own: a shorter version's row
//    (gemini-2.5-flash for gemini-2.5-flash-preview-05-20, gemini-2.5-pro for
//    gemini-2.5-pro@default), or the requested model's row when the answer says another model
//    served the call (an alias such as gemini-flash-latest). The ElevenLabs plan row pricing
//    credits is the price of credits, not a fallback.
//  - provider_fallback: the row belongs to another provider's price list (price_key.h
//    RowBelongsTo): a Gemini API row for a Vertex AI call, or the reverse.
//  - tier_fallback: the call's tier (flex, priority, batch) had no rate on the row, so the
//    standard rates priced it (Quote::tier_fallback).
#pragma once

#include <string>
#include <string_view>

#include "pricing/price_book.h"
#include "pricing/price_key.h"

namespace costgate::pricing {

struct PricingNotes {
  bool model_fallback = false;
  bool provider_fallback = false;
  bool tier_fallback = false;

  // The codes that apply, in the order above, joined with ","; "" when none does.
  std::string Text() const;
};

// The notes of a call about `subject` priced with `row`, found under `key` (whether resolved for
// the subject or known beforehand), whose quote says `tier_fallback`.
PricingNotes NotesFor(const PriceBook& book, const PriceSubject& subject, std::string_view key,
                      const PriceRow& row, bool tier_fallback) noexcept;

}  // namespace costgate::pricing
