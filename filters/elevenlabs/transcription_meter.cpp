#include "filters/elevenlabs/transcription_meter.h"

#include <cmath>

#include "filters/body_coding.h"
#include "filters/elevenlabs/billed.h"

namespace costgate::filters::elevenlabs {

TranscriptionMeter::TranscriptionMeter(std::string_view boundary) {
  if (!boundary.empty()) {
    model_id_.emplace(boundary, "model_id");
  }
}

void TranscriptionMeter::OnRequestBody(std::string_view chunk) noexcept {
  if (model_id_.has_value()) {
    model_id_->Feed(chunk);
  }
}

void TranscriptionMeter::OnResponseHead(const ResponseHead& head) noexcept {
  // The character-cost header some probes saw on speech-to-text is not read: Scribe is priced
  // per second of audio, and recording credits as well would bill the call twice.
  // 202 is the webhook mode: the transcript (and its duration) is delivered later, elsewhere.
  if (head.status == 202 || !IsSuccess(head.status)) {
    return;
  }
  const BodyCoding coding = ReadBodyCoding(head.headers);
  if (coding.undecodable) {
    undecodable_ = true;
    return;
  }
  try {
    transcript_.emplace(coding.gzip);
  } catch (...) {
    // No memory for the decoder: the call is recorded without units.
  }
}

void TranscriptionMeter::OnResponseBody(std::string_view chunk) noexcept {
  if (transcript_.has_value()) {
    transcript_->Feed(chunk);
  }
}

void TranscriptionMeter::Finish(const Exchange& x, MeteredUsage& usage) noexcept {
  (void)x;
  try {
    if (model_id_.has_value() && model_id_->value().has_value()) {
      usage.model_requested = *model_id_->value();
    }
  } catch (...) {
    usage.model_requested.clear();
  }
  if (undecodable_) {
    usage.malformed = 1;
    return;
  }
  if (!transcript_.has_value()) {
    return;
  }
  transcript_->Finish();
  usage.malformed = transcript_->malformed();
  if (const auto seconds = transcript_->audio_duration_secs(); seconds.has_value()) {
    usage.units.Set(kUnitAudioMs, MillisecondsFromSeconds(*seconds));
    usage.reported = true;
  } else if (const auto end = transcript_->last_end_secs(); end.has_value()) {
    // Older answers have no duration: the last word's end is a lower bound of the audio billed.
    usage.units.Set(kUnitAudioMs, MillisecondsFromSeconds(*end));
    usage.estimated = true;
  }
}

int64_t MillisecondsFromSeconds(double seconds) noexcept {
  if (!std::isfinite(seconds) || seconds <= 0) {
    return 0;
  }
  return static_cast<int64_t>(std::llround(seconds * 1000.0));
}

}  // namespace costgate::filters::elevenlabs
