#include "filters/receipt/intent_estimate.h"

#include <charconv>
#include <cstdint>

#include "filters/body_coding.h"
#include "filters/token_estimate.h"

namespace costgate::filters {
namespace {

// The operations billed by the tokens of their prompt, native or OpenAI-compatible (the same
// calls a cut-off estimates, filters/gemini/unreported_usage.h); Imagen and Veo bill images and
// seconds.
bool BilledByPromptTokens(const Exchange& x) noexcept {
  if (x.provider != "gemini" && x.provider != "vertex") {
    return false;
  }
  const std::string_view op = x.operation;
  return op == "generateContent" || op == "streamGenerateContent" || op == "embedContent" ||
         op == "batchEmbedContents" || op == "openai.chat.completions" || op == "openai.embeddings";
}

}  // namespace

void EstimateIntentUnits(const Exchange& x, Units& units) {
  if (x.metering != Metering::kMetered || !BilledByPromptTokens(x)) {
    return;
  }
  // A compressed body's length says little of its prompt (a tenth, or a half): no estimate
  // rather than one known to be low.
  const BodyCoding coding = ReadBodyCoding(x.request.headers);
  if (coding.gzip || coding.undecodable) {
    return;
  }
  const std::string* length = x.request.headers.Find("content-length");
  if (length == nullptr) {
    return;
  }
  int64_t bytes = 0;
  const auto [end, ec] = std::from_chars(length->data(), length->data() + length->size(), bytes);
  if (ec != std::errc() || end != length->data() + length->size() || bytes <= 0) {
    return;
  }
  units.Set(kUnitInputTokens, TokensFromBytes(static_cast<uint64_t>(bytes)));
}

}  // namespace costgate::filters
