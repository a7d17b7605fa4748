#include "pricing/pricing_notes.h"

namespace costgate::pricing {

std::string PricingNotes::Text() const {
  std::string text;
  for (const auto& [applies, code] : {std::pair{model_fallback, "model_fallback"},
                                      std::pair{provider_fallback, "provider_fallback"},
                                      std::pair{tier_fallback, "tier_fallback"}}) {
    if (applies) {
      text.append(text.empty() ? "" : ",").append(code);
    }
  }
  return text;
}

PricingNotes NotesFor(const PriceBook& book, const PriceSubject& subject, std::string_view key,
                      const PriceRow& row, bool tier_fallback) noexcept {
  PricingNotes notes;
  notes.tier_fallback = tier_fallback;
  notes.provider_fallback = !RowBelongsTo(row, subject.provider);
  // What the call used is the model the answer says served it; the requested one only when the
  // answer named none (price_key.h rule 1).
  const std::string_view served = PricedModelName(
      subject.model_version.empty() ? subject.model_requested : subject.model_version);
  if (!served.empty() && key != book.elevenlabs_plan_key()) {
    // A key is a model name behind at most one "<list>/" prefix.
    const size_t slash = key.rfind('/');
    const std::string_view model = slash == std::string_view::npos ? key : key.substr(slash + 1);
    notes.model_fallback = model != served;
  }
  return notes;
}

}  // namespace costgate::pricing
