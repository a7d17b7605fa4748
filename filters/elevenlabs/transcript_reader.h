// The JSON answer of ElevenLabs speech-to-text (PROVIDERS.md B2, B3): how long the audio was.
//
// `audio_duration_secs` at the body's first level is the billed quantity; older answers lack it,
// and then the largest `end` time of any word is the best measure left. Fed the body as it
// streams (gzip decoded when the head said so); memory is bounded by the decoder's fixed buffer,
// a small capture for the duration and one number's characters, however many words.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "base/gzip_decoder.h"
#include "filters/elevenlabs/number_key_scanner.h"
#include "filters/http_message.h"
#include "filters/stream/byte_sink.h"
#include "filters/stream/json_field_extractor.h"

namespace costgate::filters::elevenlabs {

class TranscriptReader final : private stream::ByteSink, private stream::JsonUnitConsumer {
 public:
  static constexpr size_t kMaxCaptureBytes = 64;  // a number

  explicit TranscriptReader(bool gzip);
  TranscriptReader(const TranscriptReader&) = delete;
  TranscriptReader& operator=(const TranscriptReader&) = delete;

  void Feed(std::string_view chunk) noexcept;
  // The body ended (completely or not).
  void Finish() noexcept;

  // audio_duration_secs of a well-formed body; nullopt when absent or not a number.
  std::optional<double> audio_duration_secs() const noexcept { return audio_duration_secs_; }
  // The largest `end` time in the body, read even from a body cut short; nullopt when none.
  std::optional<double> last_end_secs() const noexcept { return ends_.max(); }
  // Bodies (or corrupt gzip) that did not parse.
  uint32_t malformed() const noexcept;

 private:
  void Write(std::string_view bytes) noexcept override;
  void OnUnit(std::span<const stream::JsonCapture> captures) noexcept override;

  std::optional<base::GzipDecoder> gzip_;
  stream::JsonFieldExtractor extractor_;
  NumberKeyScanner ends_;
  std::optional<double> audio_duration_secs_;
};

}  // namespace costgate::filters::elevenlabs
