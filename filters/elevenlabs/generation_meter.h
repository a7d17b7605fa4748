// The meter of ElevenLabs calls that generate audio (text-to-speech, text-to-dialogue, sound
// generation, speech-to-speech): the cost headers of a 2xx answer, else an estimate from the
// request (call_meter.h lists the rules per operation).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "filters/call_meter.h"
#include "filters/elevenlabs/cost_headers.h"
#include "filters/elevenlabs/json_request.h"
#include "filters/elevenlabs/multipart_field.h"

namespace costgate::filters::elevenlabs {

// What a 2xx answer without cost headers is estimated from.
enum class Estimate : uint8_t {
  kTextCharacters,  // the characters of the request's text
  kSoundCredits,    // the sound-generation rule (duration_seconds, or per generation)
  kNothing,         // no estimate: the call stays without units
};

struct GenerationRules {
  Estimate estimate = Estimate::kNothing;
  std::string_view default_model;  // when the request names none; may be empty
  // The request is multipart/form-data (model_id is a part) rather than JSON.
  bool multipart = false;
  std::string boundary;  // of the multipart body; empty when the request named none
};

class GenerationMeter final : public CallMeter {
 public:
  explicit GenerationMeter(GenerationRules rules);

  void OnRequestBody(std::string_view chunk) noexcept override;
  void OnResponseHead(const ResponseHead& head) noexcept override;
  void Finish(const Exchange& x, MeteredUsage& usage) noexcept override;

 private:
  std::string ModelId() const;
  void EstimateUnits(MeteredUsage& usage) const;

  const GenerationRules rules_;
  std::optional<JsonRequestReader> json_;
  std::optional<MultipartFieldReader> multipart_;
  HeaderCost cost_;
};

// Credits of a sound effect the answer named no cost for (call_meter.h).
int64_t EstimatedSoundCredits(std::optional<double> duration_seconds) noexcept;

}  // namespace costgate::filters::elevenlabs
