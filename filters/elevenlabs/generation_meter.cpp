#include "filters/elevenlabs/generation_meter.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "filters/elevenlabs/billed.h"
#include "filters/elevenlabs/call_meter.h"

namespace costgate::filters::elevenlabs {

GenerationMeter::GenerationMeter(GenerationRules rules) : rules_(std::move(rules)) {
  if (!rules_.multipart) {
    json_.emplace();
  } else if (!rules_.boundary.empty()) {
    multipart_.emplace(rules_.boundary, "model_id");
  }
}

void GenerationMeter::OnRequestBody(std::string_view chunk) noexcept {
  if (json_.has_value()) {
    json_->Feed(chunk);
  } else if (multipart_.has_value()) {
    multipart_->Feed(chunk);
  }
}

void GenerationMeter::OnResponseHead(const ResponseHead& head) noexcept {
  // Read now, not at the end: a stream the client cancels never gets to Finish with its head
  // anywhere else in the meter.
  if (IsSuccess(head.status)) {
    cost_ = ReadCostHeaders(head.headers);
  }
}

void GenerationMeter::Finish(const Exchange& x, MeteredUsage& usage) noexcept {
  try {
    if (json_.has_value()) {
      json_->Finish();
    }
    usage.model_requested = ModelId();
    if (x.response.has_value()) {
      if (!IsSuccess(x.response->status)) {
        return;
      }
      if (cost_.credits.has_value()) {
        usage.units.Set(kUnitCredits, *cost_.credits);
        usage.reported = true;
        return;
      }
      if (cost_.characters.has_value()) {
        // The provider's count, but the credits they become (the model's credit factor, without
        // voice multipliers) are our estimate of the bill.
        usage.units.Set(kUnitCharacters, *cost_.characters);
        usage.reported = true;
        usage.estimated = true;
        return;
      }
      EstimateUnits(usage);
      return;
    }
    if (CutOffBeforeAnswer(x)) {
      EstimateUnits(usage);
    }
  } catch (...) {
    usage = {};  // no memory to record: the call goes unmetered rather than failing completion
  }
}

std::string GenerationMeter::ModelId() const {
  if (json_.has_value() && !json_->request().model_id.empty()) {
    return json_->request().model_id;
  }
  if (multipart_.has_value() && multipart_->value().has_value() && !multipart_->value()->empty()) {
    return *multipart_->value();
  }
  return std::string(rules_.default_model);
}

void GenerationMeter::EstimateUnits(MeteredUsage& usage) const {
  switch (rules_.estimate) {
    case Estimate::kTextCharacters:
      if (json_.has_value() && json_->request().characters.has_value()) {
        usage.units.Set(kUnitCharacters, *json_->request().characters);
        usage.estimated = true;
      }
      return;
    case Estimate::kSoundCredits:
      usage.units.Set(kUnitCredits,
                      EstimatedSoundCredits(json_.has_value() ? json_->request().duration_seconds
                                                              : std::nullopt));
      usage.estimated = true;
      return;
    case Estimate::kNothing:
      // Speech-to-speech bills by the duration of the uploaded audio, which would take decoding
      // the upload: without the header the call stays unpriced, visibly, not guessed.
      return;
  }
}

int64_t EstimatedSoundCredits(std::optional<double> duration_seconds) noexcept {
  if (!duration_seconds.has_value() || !std::isfinite(*duration_seconds) ||
      *duration_seconds <= 0) {
    return kSoundCreditsPerGeneration;
  }
  // The API caps duration_seconds at 30; the clamp only keeps a wild value in range.
  const double seconds = std::min(*duration_seconds, 3600.0);
  return static_cast<int64_t>(std::llround(seconds * static_cast<double>(kSoundCreditsPerSecond)));
}

}  // namespace costgate::filters::elevenlabs
