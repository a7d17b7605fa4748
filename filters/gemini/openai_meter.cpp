// The OpenAI-compatible endpoint (PROVIDERS.md A8): OpenAI's `usage` object, in the JSON body or
// in the stream's chunks (`data: {...}` events ending with `data: [DONE]`). Gemini puts a
// cumulative usage on every chunk, so the last one wins whole (trap 1), and it hides thinking
// tokens in total_tokens only (trap 7): thinking = total - prompt - completion.
#include <array>
#include <optional>
#include <string>

#include "filters/gemini/body_meter.h"
#include "filters/gemini/json_value.h"
#include "filters/gemini/meters.h"
#include "filters/gemini/request_fields.h"
#include "filters/stream/json_field_extractor.h"
#include "filters/stream/sse_reader.h"

namespace costgate::filters::gemini {
namespace {

enum : size_t { kUsageSlot, kModelSlot };
constexpr std::array<std::string_view, 2> kResponseKeys = {"usage", "model"};
constexpr std::array<std::string_view, 1> kRequestKeys = {"model"};

// OpenAI usage -> units; empty when the object has no prompt_tokens (null, or absent).
Units UnitsFromUsage(std::string_view raw) {
  Units units;
  const auto prompt = JsonCountAt(raw, "prompt_tokens");
  if (!prompt.has_value()) {
    return units;
  }
  const auto completion_tokens = JsonCountAt(raw, "completion_tokens");
  const int64_t completion = completion_tokens.value_or(0);
  units.Set(kUnitInputTokens, *prompt);
  if (completion_tokens.has_value()) {
    units.Set(kUnitOutputTokens, completion);
  }
  if (const auto cached = JsonCountAt(raw, "prompt_tokens_details", "cached_tokens")) {
    units.Set(kUnitCachedInputTokens, *cached);
  }
  if (const auto total = JsonCountAt(raw, "total_tokens")) {
    if (const int64_t thinking = *total - *prompt - completion; thinking > 0) {
      units.Set(kUnitThinkingTokens, thinking);
    }
    units.Set(kUnitTotalTokens, *total);
  }
  return units;
}

class OpenAiMeter final : public BodyMeter,
                          private stream::SseDataConsumer,
                          private stream::JsonUnitConsumer {
 public:
  void OnRequestBody(std::string_view chunk) noexcept override { request_.Feed(chunk); }

  void Finish(const Exchange& x, MeteredUsage& usage) noexcept override {
    (void)x;
    if (!FinishBody()) {
      return;
    }
    if (event_stream()) {
      sse_reader_.Finish();
    }
    extractor_.Finish();
    usage.malformed = extractor_.malformed() + usage_malformed_ + body_malformed();
    if (!units_.empty()) {
      usage.units = units_;
      usage.reported = true;
    }
    SetModelNames(model_, request_.Raw(0), usage);
  }

 private:
  void Write(std::string_view bytes) noexcept override {
    if (event_stream()) {
      sse_reader_.Feed(bytes);
    } else {
      extractor_.Feed(bytes);
    }
  }

  // An event whose data is not an object (the `[DONE]` terminator) is not a chunk.
  void OnData(std::string_view piece) noexcept override {
    if (!event_kind_known_) {
      const size_t first = piece.find_first_not_of(" \t\r\n");
      if (first == std::string_view::npos) {
        return;
      }
      event_kind_known_ = true;
      skip_event_ = piece[first] != '{';
    }
    if (!skip_event_) {
      extractor_.Feed(piece);
    }
  }

  void OnEventEnd() noexcept override {
    if (event_kind_known_ && !skip_event_) {
      extractor_.EndUnit();
    }
    event_kind_known_ = false;
    skip_event_ = false;
  }

  void OnUnit(std::span<const stream::JsonCapture> captures) noexcept override {
    try {
      const std::string_view usage = captures[kUsageSlot].raw;
      if (!usage.empty() && usage != "null") {
        Units units = UnitsFromUsage(usage);
        if (units.empty()) {
          ++usage_malformed_;
        } else {
          units_ = std::move(units);
        }
      }
      if (auto model = JsonString(captures[kModelSlot].raw); model && !model->empty()) {
        model_ = BareModelName(*model);
      }
    } catch (...) {
      ++usage_malformed_;  // no memory for this chunk's report
    }
  }

  RequestFields request_{kRequestKeys};
  stream::SseReader sse_reader_{*this};
  bool event_kind_known_ = false;
  bool skip_event_ = false;
  stream::JsonFieldExtractor extractor_{stream::JsonFraming::kValues, kResponseKeys,
                                        kMaxCaptureBytes, *this};
  Units units_;
  std::string model_;
  uint32_t usage_malformed_ = 0;
};

}  // namespace

std::unique_ptr<CallMeter> CreateOpenAiMeter(const Exchange& x) {
  (void)x;
  return std::make_unique<OpenAiMeter>();
}

}  // namespace costgate::filters::gemini
