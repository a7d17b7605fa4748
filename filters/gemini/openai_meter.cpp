// The OpenAI-compatible endpoint (PROVIDERS.md A8): OpenAI's `usage` object, in the JSON body or
// in the stream's chunks (`data: {...}` events ending with `data: [DONE]`). Gemini puts a
// cumulative usage on every chunk, so the last one wins whole (trap 1), and it hides thinking
// tokens in total_tokens only (trap 7): thinking = total - prompt - completion.
//
// A stream carries usage only when the request asked for it (stream_options.include_usage), which
// the openai SDKs do not by default; the request is never changed to ask (the client would get
// chunks it did not ask for). So the text the answer carries is counted as it passes, walked
// without buffering, for the estimate of a call that ends without usage (unreported_usage.h).
#include <array>
#include <optional>
#include <string>

#include "filters/gemini/body_meter.h"
#include "filters/gemini/json_value.h"
#include "filters/gemini/json_walker.h"
#include "filters/gemini/meters.h"
#include "filters/gemini/request_fields.h"
#include "filters/gemini/unreported_usage.h"
#include "filters/stream/json_field_extractor.h"
#include "filters/stream/sse_reader.h"

namespace costgate::filters::gemini {
namespace {

enum : size_t { kUsageSlot, kModelSlot };
constexpr std::array<std::string_view, 2> kOpenAiResponseKeys = {"usage", "model"};
constexpr std::array<std::string_view, 1> kOpenAiRequestKeys = {"model"};

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

// The text the model generated: what a chunk's choices[].delta (a completion's
// choices[].message) carries as content (a string, or parts' "text"), reasoning, or tool-call
// arguments and names.
class AnswerText final : public JsonWalkConsumer {
 public:
  uint64_t characters() const noexcept { return characters_; }

 private:
  void OnString(JsonPath path, uint64_t characters) noexcept override {
    if (path.size() < 4 || path[0] != "choices" || path[1] != kArrayElement ||
        (path[2] != "delta" && path[2] != "message")) {
      return;
    }
    const std::string_view key = path.back();
    if (key == "content" || key == "text" || key == "reasoning_content" || key == "reasoning" ||
        key == "arguments" || (key == "name" && path[path.size() - 2] == "function")) {
      characters_ += characters;
    }
  }

  uint64_t characters_ = 0;
};

// The text an embeddings request asks to embed: "input", a string or an array of strings.
class InputText final : public JsonWalkConsumer {
 public:
  uint64_t characters() const noexcept { return characters_; }

 private:
  void OnString(JsonPath path, uint64_t characters) noexcept override {
    if (PathIs(path, {"input"}) || PathIs(path, {"input", kArrayElement})) {
      characters_ += characters;
    }
  }

  uint64_t characters_ = 0;
};

class OpenAiMeter final : public BodyMeter,
                          private stream::SseDataConsumer,
                          private stream::JsonUnitConsumer {
 public:
  explicit OpenAiMeter(bool embeddings) : embeddings_(embeddings) {}

  void OnRequestBody(std::string_view chunk) noexcept override {
    request_size_.Add(chunk);
    request_.Feed(chunk);
    if (embeddings_) {
      input_walker_.Feed(chunk);
    }
  }

  void OnRequestBodyUnreadable() noexcept override { request_size_.MarkUnreadable(); }

  void Finish(const Exchange& x, MeteredUsage& usage) noexcept override {
    if (FinishBody()) {
      if (event_stream()) {
        sse_reader_.Finish();
      }
      extractor_.Finish();
      usage.malformed = extractor_.malformed() + usage_malformed_ + body_malformed();
      if (!units_.empty()) {
        usage.units = units_;
        usage.reported = true;
      }
    }
    // Every receipt of the call names the model it asked for, errors and cut-offs included.
    SetModelNames(model_, request_.Raw(0), usage);
    // The embeddings estimate reads the text to embed, as the native embeddings meter does; a
    // request whose text was not read (a coding the meter cannot decode) falls back to its size.
    const uint64_t input = input_text_.characters();
    const uint64_t prompt = embeddings_ && input > 0 ? input : request_size_.Bytes(x);
    EstimateUnreportedUsage(x, {.prompt = prompt, .output = answer_text_.characters()}, usage);
  }

 private:
  void Write(std::string_view bytes) noexcept override {
    if (event_stream()) {
      sse_reader_.Feed(bytes);
      return;
    }
    extractor_.Feed(bytes);
    if (!answer_walker_.has_value()) {
      answer_walker_.emplace(answer_text_);
    }
    answer_walker_->Feed(bytes);
  }

  // An event whose data is not an object (the `[DONE]` terminator) is not a chunk. Each chunk
  // is one JSON document: it gets a fresh walker.
  void OnData(std::string_view piece) noexcept override {
    if (!event_kind_known_) {
      const size_t first = piece.find_first_not_of(" \t\r\n");
      if (first == std::string_view::npos) {
        return;
      }
      event_kind_known_ = true;
      skip_event_ = piece[first] != '{';
      if (!skip_event_) {
        answer_walker_.emplace(answer_text_);
      }
    }
    if (!skip_event_) {
      extractor_.Feed(piece);
      answer_walker_->Feed(piece);
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

  const bool embeddings_;
  RequestFields request_{kOpenAiRequestKeys};
  RequestBodySize request_size_;
  InputText input_text_;
  JsonWalker input_walker_{input_text_};
  stream::SseReader sse_reader_{*this};
  bool event_kind_known_ = false;
  bool skip_event_ = false;
  stream::JsonFieldExtractor extractor_{stream::JsonFraming::kValues, kOpenAiResponseKeys,
                                        kMaxCaptureBytes, *this};
  AnswerText answer_text_;
  std::optional<JsonWalker> answer_walker_;  // over the body, or the current chunk of a stream
  Units units_;
  std::string model_;
  uint32_t usage_malformed_ = 0;
};

}  // namespace

std::unique_ptr<CallMeter> CreateOpenAiMeter(const Exchange& x) {
  return std::make_unique<OpenAiMeter>(x.operation == "openai.embeddings");
}

}  // namespace costgate::filters::gemini
