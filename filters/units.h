// Units live in pricing (the lowest layer that reads them); filters use the same type and names.
#pragma once

#include "pricing/units.h"

namespace costgate::filters {

using pricing::kUnitAudioMs;
using pricing::kUnitCachedInputAudioTokens;
using pricing::kUnitCachedInputTokens;
using pricing::kUnitCharacters;
using pricing::kUnitCredits;
using pricing::kUnitImages;
using pricing::kUnitInputAudioTokens;
using pricing::kUnitInputTokens;
using pricing::kUnitOutputAudioTokens;
using pricing::kUnitOutputImageTokens;
using pricing::kUnitOutputTokens;
using pricing::kUnitRequests;
using pricing::kUnitThinkingTokens;
using pricing::kUnitToolUseInputTokens;
using pricing::kUnitTotalTokens;
using pricing::kUnitVideoSeconds;
using pricing::Units;

}  // namespace costgate::filters
