#include "central/api/unpriced_reason.h"

#include <array>
#include <string>
#include <vector>

#include "pricing/price_key.h"
#include "pricing/rate.h"

namespace costgate::central {
namespace {

// A unit the rollups count, and the rates that could price it (any one is enough: a speech
// row bills characters on input or on output).
struct UnitRates {
  int64_t AnalyticsMeasures::*used;
  std::string_view field;  // named in `missing` when the row has none of `kinds`
  std::array<pricing::RateKind, 2> kinds;
};

constexpr std::array<UnitRates, 3> kJudgedUnits = {{
    {&AnalyticsMeasures::input_tokens,
     "input_cost_per_token",
     {pricing::RateKind::kInputToken, pricing::RateKind::kInputToken}},
    {&AnalyticsMeasures::output_tokens,
     "output_cost_per_token",
     {pricing::RateKind::kOutputToken, pricing::RateKind::kOutputToken}},
    {&AnalyticsMeasures::characters,
     "input_cost_per_character",
     {pricing::RateKind::kInputCharacter, pricing::RateKind::kOutputCharacter}},
}};

}  // namespace

UnpricedReason JudgeUnpriced(const pricing::PriceBook& book, std::string_view provider,
                             std::string_view model, const AnalyticsMeasures& measures,
                             int64_t at_ms) {
  // The rollups keep the requested model only: it stands for both names the proxy tries.
  const pricing::PriceSubject subject{provider, model, model};
  const pricing::ResolvedKey resolved = pricing::ResolvePriceKey(book, subject, at_ms);
  UnpricedReason judged;
  if (resolved.row == nullptr) {
    judged.reason = "unknown_model";
    judged.tried = pricing::PriceKeyCandidates(subject);
    // A call that names no provider (a record without one) tries "/<m>" too: no key has that
    // shape, so it only clutters the list.
    std::erase_if(judged.tried, [](const std::string& key) { return key.starts_with('/'); });
    return judged;
  }
  judged.price_key = resolved.key;
  for (const UnitRates& unit : kJudgedUnits) {
    // Token-billed models may count characters too (a prompt's length): only a model whose
    // calls reported no tokens is judged by its character rate.
    if (unit.used == &AnalyticsMeasures::characters && measures.tokens() > 0) {
      continue;
    }
    if (measures.*unit.used > 0 && !resolved.row->Rate(unit.kinds[0]) &&
        !resolved.row->Rate(unit.kinds[1])) {
      judged.missing.emplace_back(unit.field);
    }
  }
  judged.reason = judged.missing.empty() ? "priced_now" : "no_rate";
  return judged;
}

}  // namespace costgate::central
