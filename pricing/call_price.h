// The price of one finished call: the rules the proxy (filters/price) and central (reprice)
// both apply, so their figures agree whenever their books do.
//
//  - an unmetered call (unknown operation) is unpriced, reason "unmetered";
//  - a call the provider did not bill (refused by us, or failed at the provider, with no usage:
//    PROVIDERS.md A4, B3) costs 0, and so does a free operation (countTokens), recorded with a
//    lone `requests` unit;
//  - otherwise its units are priced at the call's start time with the row of `known_key` when
//    the book has one in force (a key resolved earlier, where more was known: the proxy knows a
//    Vertex AI path from a Gemini API one), else of the key resolved for `subject`; an unpriced
//    call keeps the reason ("unknown_model", "no_usage", "no_rate", ...). ElevenLabs credits
//    alone resolve to the plan's row when the model has none (price_key.h);
//  - a call priced at a row's rates says where that price is not exactly its own
//    (pricing_notes.h: model_fallback, provider_fallback, tier_fallback).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "pricing/cost.h"
#include "pricing/money.h"
#include "pricing/price_book.h"
#include "pricing/price_key.h"
#include "pricing/pricing_notes.h"
#include "pricing/units.h"

namespace costgate::pricing {

struct CallToPrice {
  PriceSubject subject;
  std::string_view known_key;  // tried first when not empty
  const Units& units;
  ServiceTier tier = ServiceTier::kStandard;
  bool metered = true;
  bool provider_did_not_bill = false;  // ProviderDidNotBill
  int64_t at_ms = 0;                   // the call's start
};

struct CallPrice {
  std::optional<Money> cost;    // nullopt: unpriced
  std::string pricing_version;  // the book's, when cost is set
  std::string price_key;        // the key used (or resolved); "" when none
  Unpriced unpriced = Unpriced::kNone;
  std::string_view unpriced_reason;  // "" when priced; "unmetered" or UnpricedReason(unpriced)
  // PricingNotes::Text() of a call priced at a row's rates; "" otherwise (unpriced, not billed,
  // free, provisioned) and when the row and tier are the call's own.
  std::string pricing_notes;
};

CallPrice PriceCall(const PriceBook& book, const CallToPrice& call);

// No usage, and refused by us (`denied`) or failed at the provider (`upstream_error` with no
// answer, or an answer of 400 or more): nothing was billed.
bool ProviderDidNotBill(bool has_units, bool denied, bool upstream_error, int upstream_status);

}  // namespace costgate::pricing
