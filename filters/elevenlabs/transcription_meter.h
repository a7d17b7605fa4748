// The meter of ElevenLabs speech-to-text: the audio duration its JSON answer reports (else the
// last word's end, estimated), and the model from the multipart request (call_meter.h).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "filters/call_meter.h"
#include "filters/elevenlabs/multipart_field.h"
#include "filters/elevenlabs/transcript_reader.h"

namespace costgate::filters::elevenlabs {

class TranscriptionMeter final : public CallMeter {
 public:
  // `boundary`: of the multipart/form-data request; empty when the request is not one (the
  // model then stays unknown).
  explicit TranscriptionMeter(std::string_view boundary);

  void OnRequestBody(std::string_view chunk) noexcept override;
  void OnResponseHead(const ResponseHead& head) noexcept override;
  void OnResponseBody(std::string_view chunk) noexcept override;
  void Finish(const Exchange& x, MeteredUsage& usage) noexcept override;

 private:
  std::optional<MultipartFieldReader> model_id_;
  std::optional<TranscriptReader> transcript_;
  bool undecodable_ = false;  // a 200 body in an encoding the reader cannot decode
};

// Milliseconds in `seconds`, rounded to the nearest (half away from zero); 0 when negative or
// not finite.
int64_t MillisecondsFromSeconds(double seconds) noexcept;

}  // namespace costgate::filters::elevenlabs
