#include "filters/elevenlabs/transcript_reader.h"

#include <charconv>
#include <cmath>

namespace costgate::filters::elevenlabs {
namespace {

constexpr std::string_view kTranscriptKeys[] = {"audio_duration_secs"};

}  // namespace

TranscriptReader::TranscriptReader(bool gzip)
    : extractor_(stream::JsonFraming::kValues, kTranscriptKeys, kMaxCaptureBytes, *this),
      ends_("end") {
  if (gzip) {
    gzip_.emplace(static_cast<stream::ByteSink&>(*this));
  }
}

void TranscriptReader::Feed(std::string_view chunk) noexcept {
  if (gzip_.has_value()) {
    gzip_->Feed(chunk);
  } else {
    Write(chunk);
  }
}

void TranscriptReader::Finish() noexcept {
  if (gzip_.has_value()) {
    gzip_->Finish();
  }
  extractor_.Finish();
  ends_.Finish();
}

uint32_t TranscriptReader::malformed() const noexcept {
  return extractor_.malformed() + (gzip_.has_value() && gzip_->corrupt() ? 1U : 0U);
}

void TranscriptReader::Write(std::string_view bytes) noexcept {
  extractor_.Feed(bytes);
  ends_.Feed(bytes);
}

void TranscriptReader::OnUnit(std::span<const stream::JsonCapture> captures) noexcept {
  const std::string_view raw = captures[0].raw;
  double seconds = 0;
  const auto [end, error] = std::from_chars(raw.data(), raw.data() + raw.size(), seconds);
  if (!raw.empty() && error == std::errc() && end == raw.data() + raw.size() &&
      std::isfinite(seconds) && seconds >= 0) {
    audio_duration_secs_ = seconds;
  }
}

}  // namespace costgate::filters::elevenlabs
