// Why a model's calls are unpriced, judged against the price book in force when asked. The
// rollups that count unpriced calls per provider and model keep no per-event reason (each
// stored event has its own unpriced_reason, seen in the drill-down), so GET
// /admin/v1/prices/unpriced explains each model from the book as it is now:
//   unknown_model  no key of the book resolves for the provider and model (price_key.h rules);
//   no_rate        a key resolves, but its row lacks the rate of a unit these calls used
//                  (input or output tokens, characters);
//   priced_now     a key resolves and has those rates: the calls came before the row (an
//                  override or a newer LiteLLM version added it since), or used a tier or a
//                  unit the rollups do not tell apart.
// Pure: no store, no clock (`at_ms` is a parameter).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "central/store/analytics.h"
#include "pricing/price_book.h"

namespace costgate::central {

struct UnpricedReason {
  std::string_view reason;           // "unknown_model", "no_rate", "priced_now"
  std::string price_key;             // the key that resolves now; empty for unknown_model
  std::vector<std::string> tried;    // unknown_model: the candidate keys, in the order tried
  std::vector<std::string> missing;  // no_rate: the rate fields the row lacks
};

// `measures`: what the model's calls used in the range asked about.
UnpricedReason JudgeUnpriced(const pricing::PriceBook& book, std::string_view provider,
                             std::string_view model, const AnalyticsMeasures& measures,
                             int64_t at_ms);

}  // namespace costgate::central
