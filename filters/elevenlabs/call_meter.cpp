#include "filters/elevenlabs/call_meter.h"

#include <string>
#include <utility>

#include "filters/elevenlabs/generation_meter.h"
#include "filters/elevenlabs/multipart_field.h"
#include "filters/elevenlabs/transcription_meter.h"

namespace costgate::filters::elevenlabs {
namespace {

// `operation` is the endpoint itself or one of its metered variants (routes.h).
bool IsEndpoint(std::string_view operation, std::string_view endpoint) noexcept {
  if (!operation.starts_with(endpoint)) {
    return false;
  }
  const std::string_view variant = operation.substr(endpoint.size());
  return variant.empty() || variant == ".stream" || variant == ".with-timestamps" ||
         variant == ".stream.with-timestamps";
}

std::string RequestBoundary(const Exchange& x) {
  const std::string* type = x.request.headers.Find("Content-Type");
  return type == nullptr ? std::string() : std::string(MultipartBoundary(*type));
}

}  // namespace

std::unique_ptr<CallMeter> CreateCallMeter(const Exchange& x) {
  const std::string_view op = x.operation;
  GenerationRules rules;
  if (IsEndpoint(op, "text-to-speech")) {
    rules.estimate = Estimate::kTextCharacters;
    rules.default_model = kDefaultSpeechModel;
  } else if (IsEndpoint(op, "text-to-dialogue")) {
    rules.estimate = Estimate::kTextCharacters;
    rules.default_model = kDefaultDialogueModel;
  } else if (op == "sound-generation") {
    rules.estimate = Estimate::kSoundCredits;
  } else if (IsEndpoint(op, "speech-to-speech")) {
    rules.estimate = Estimate::kNothing;
    rules.default_model = kDefaultVoiceChangerModel;
    rules.multipart = true;
    rules.boundary = RequestBoundary(x);
  } else if (op == "speech-to-text") {
    return std::make_unique<TranscriptionMeter>(RequestBoundary(x));
  } else {
    return nullptr;
  }
  return std::make_unique<GenerationMeter>(std::move(rules));
}

}  // namespace costgate::filters::elevenlabs
