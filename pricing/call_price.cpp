#include "pricing/call_price.h"

#include <utility>

namespace costgate::pricing {
namespace {

ResolvedKey ResolveKey(const PriceBook& book, const CallToPrice& call) {
  if (!call.known_key.empty()) {
    if (const PriceRow* row = book.Find(call.known_key, call.at_ms)) {
      return {row, std::string(call.known_key)};
    }
  }
  return ResolvePriceKey(book, call.subject, call.units, call.at_ms);
}

// A free operation (countTokens, computeTokens) is recorded with one `requests` unit and
// nothing billable: no price list has a per-request rate.
bool OnlyCountsRequests(const Units& units) noexcept {
  return !units.empty() && units.entries().size() == 1 && units.Get(kUnitRequests).has_value();
}

}  // namespace

bool ProviderDidNotBill(bool has_units, bool denied, bool upstream_error, int upstream_status) {
  if (has_units) {
    return false;
  }
  // Status 0: the provider never answered.
  return denied || (upstream_error && (upstream_status == 0 || upstream_status >= 400));
}

CallPrice PriceCall(const PriceBook& book, const CallToPrice& call) {
  CallPrice price;
  if (!call.metered) {
    price.unpriced_reason = "unmetered";
    return price;
  }
  ResolvedKey resolved = ResolveKey(book, call);
  price.price_key = std::move(resolved.key);
  if (call.provider_did_not_bill || OnlyCountsRequests(call.units)) {
    price.cost = Money{};
    price.pricing_version = book.version();
    return price;
  }
  if (resolved.row == nullptr) {
    price.unpriced = call.units.empty() ? Unpriced::kNoUsage : Unpriced::kUnknownModel;
  } else {
    const Quote quote = PriceWithRow(book, *resolved.row, call.units, call.tier, call.at_ms);
    price.unpriced = quote.unpriced;
    if (quote.priced()) {
      price.cost = quote.total;
      price.pricing_version = book.version();
      if (quote.line_count > 0) {  // no line: nothing was priced at the row's rates
        price.pricing_notes =
            NotesFor(book, call.subject, price.price_key, *resolved.row, quote.tier_fallback)
                .Text();
      }
      return price;
    }
  }
  price.unpriced_reason = UnpricedReason(price.unpriced);
  return price;
}

}  // namespace costgate::pricing
