// Vertex AI `:predict` on an embedding model. The response reports both what Google bills the
// character-billed models by (metadata.billableCharacterCount; LiteLLM's text-embedding-004/005
// rows carry input_cost_per_character) and per-instance token counts (the only rate of the
// gemini-embedding-001 row). Pricing bills every unit it is given, so exactly one is recorded:
// the one the model's row bills. Bodies carry the vectors: walked, never buffered.
#include <charconv>
#include <optional>

#include "filters/gemini/body_meter.h"
#include "filters/gemini/call_outcome.h"
#include "filters/gemini/json_walker.h"
#include "filters/gemini/meters.h"
#include "filters/gemini/model_families.h"
#include "filters/token_estimate.h"

namespace costgate::filters::gemini {
namespace {

std::optional<int64_t> ParseCount(std::string_view raw) noexcept {
  int64_t n = 0;
  const auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), n);
  if (ec != std::errc() || end != raw.data() + raw.size() || n < 0) {
    return std::nullopt;
  }
  return n;
}

class PredictEmbeddingMeter final : public BodyMeter, private JsonWalkConsumer {
 public:
  explicit PredictEmbeddingMeter(const Exchange& x)
      : bills_characters_(IsCharacterBilledEmbeddingModel(x.model_requested)) {}

  void Finish(const Exchange& x, MeteredUsage& usage) noexcept override {
    if (!FinishBody()) {
      return;
    }
    walker_.Finish();
    usage.malformed = body_malformed() != 0 || walker_.malformed() ? 1 : 0;
    if (!MayBeBilled(x)) {
      return;
    }
    if (characters_.has_value() && (bills_characters_ || !tokens_.has_value())) {
      if (bills_characters_) {
        usage.units.Set(kUnitCharacters, *characters_);
        usage.reported = true;
      } else {
        usage.units.Set(kUnitInputTokens, TokensFromBytes(static_cast<uint64_t>(*characters_)));
        usage.estimated = true;
      }
    } else if (tokens_.has_value()) {
      usage.units.Set(kUnitInputTokens, *tokens_);
      usage.reported = true;
    }
  }

 private:
  void Write(std::string_view bytes) noexcept override { walker_.Feed(bytes); }

  void OnScalar(JsonPath path, std::string_view raw) noexcept override {
    if (PathIs(path, {"predictions", kArrayElement, "embeddings", "statistics", "token_count"})) {
      if (const auto n = ParseCount(raw)) {
        tokens_ = tokens_.value_or(0) + *n;
      }
    } else if (PathIs(path, {"metadata", "billableCharacterCount"})) {
      characters_ = ParseCount(raw);
    }
  }

  const bool bills_characters_;
  JsonWalker walker_{*this};
  std::optional<int64_t> tokens_;
  std::optional<int64_t> characters_;
};

}  // namespace

std::unique_ptr<CallMeter> CreatePredictEmbeddingMeter(const Exchange& x) {
  return std::make_unique<PredictEmbeddingMeter>(x);
}

}  // namespace costgate::filters::gemini
