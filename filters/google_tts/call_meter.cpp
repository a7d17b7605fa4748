#include "filters/google_tts/call_meter.h"

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

#include "filters/google_tts/synthesis_request.h"
#include "filters/google_tts/synthesis_usage.h"
#include "filters/stream/json_field_extractor.h"

namespace costgate::filters::google_tts {
namespace {

constexpr std::array<std::string_view, 2> kTtsRequestKeys = {"input", "voice"};
enum : size_t { kInput, kVoice };

// synthesize and synthesizeLongAudio: the bill is in the request body, which streams past once;
// only its two first-level values that matter are kept, each bounded.
class SynthesisMeter final : public CallMeter, private stream::JsonUnitConsumer {
 public:
  SynthesisMeter()
      : extractor_(stream::JsonFraming::kValues, kTtsRequestKeys, kMaxRequestCaptureBytes, *this) {}

  void OnRequestBody(std::string_view chunk) noexcept override {
    request_size_.Add(chunk);
    extractor_.Feed(chunk);
  }

  void OnRequestBodyUnreadable() noexcept override { request_size_.MarkUnreadable(); }

  void Finish(const Exchange& x, MeteredUsage& usage) noexcept override {
    extractor_.Finish();
    const bool success =
        x.response.has_value() && x.response->status >= 200 && x.response->status <= 299;
    if (!success) {
      return;
    }
    if (input_read_) {
      UsageFromRequest(input_, voice_, usage);
    } else if (const uint64_t bytes = request_size_.Bytes(x); bytes > 0) {
      UsageFromRequestBytes(bytes, voice_, usage);
    }
    usage.malformed = extractor_.malformed() + unreadable_;
    usage.oversized = oversized_;
  }

 private:
  void OnUnit(std::span<const stream::JsonCapture> captures) noexcept override {
    if (seen_unit_) {
      return;  // a body is one object; anything after it is not part of the request
    }
    seen_unit_ = true;
    const stream::JsonCapture& voice = captures[kVoice];
    if (voice.oversized) {
      ++oversized_;
    } else if (!voice.raw.empty() && !ReadSynthesisVoice(voice.raw, voice_)) {
      ++unreadable_;
    }
    const stream::JsonCapture& input = captures[kInput];
    if (input.oversized) {
      ++oversized_;
    } else if (!input.raw.empty()) {
      input_read_ = ReadSynthesisInput(input.raw, input_);
      unreadable_ += input_read_ ? 0 : 1;
    }
  }

  stream::JsonFieldExtractor extractor_;
  RequestBodySize request_size_;
  bool seen_unit_ = false;
  bool input_read_ = false;
  SynthesisInput input_;
  SynthesisVoice voice_;
  uint32_t unreadable_ = 0;  // captured values that did not parse
  uint32_t oversized_ = 0;
};

}  // namespace

std::unique_ptr<CallMeter> CreateCallMeter(const Exchange& x) {
  if (x.operation == "synthesize" || x.operation == "synthesizeLongAudio") {
    return std::make_unique<SynthesisMeter>();
  }
  return nullptr;
}

}  // namespace costgate::filters::google_tts
