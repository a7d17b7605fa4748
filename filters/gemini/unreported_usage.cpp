#include "filters/gemini/unreported_usage.h"

#include "filters/gemini/call_outcome.h"
#include "filters/token_estimate.h"

namespace costgate::filters::gemini {

void EstimateUnreportedUsage(const Exchange& x, const SeenText& seen,
                             MeteredUsage& usage) noexcept {
  if (usage.reported || !MayBeBilled(x) || (seen.prompt == 0 && seen.output == 0)) {
    return;
  }
  // Google bills the prompt of a call it started, and the output it generated: what reached us
  // is a lower bound of the latter (thinking tokens never travel as text).
  usage.units.clear();
  try {
    usage.units.Set(kUnitInputTokens, TokensFromBytes(seen.prompt));
    if (seen.output > 0) {
      usage.units.Set(kUnitOutputTokens, TokensFromBytes(seen.output));
    }
  } catch (...) {
    usage.units.clear();  // no memory for the units: the call goes without them
    return;
  }
  usage.estimated = true;
}

}  // namespace costgate::filters::gemini
