#include "filters/elevenlabs/transcript_reader.h"

#include <charconv>
#include <cmath>

namespace costgate::filters::elevenlabs {
namespace {

constexpr std::string_view kKeys[] = {"audio_duration_secs"};

std::string_view Trim(std::string_view s) noexcept {
  const size_t first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) {
    return {};
  }
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

}  // namespace

TranscriptReader::TranscriptReader(bool gzip)
    : extractor_(stream::JsonFraming::kValues, kKeys, kMaxCaptureBytes, *this), ends_("end") {
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

bool GzipEncoded(const Headers& headers, bool& readable) noexcept {
  int gzip_layers = 0;
  readable = true;
  for (const Headers::Field& field : headers.fields()) {
    if (!EqualsIgnoreCase(field.name, "Content-Encoding")) {
      continue;
    }
    std::string_view rest = field.value;
    while (!rest.empty()) {
      const size_t comma = rest.find(',');
      const std::string_view coding = Trim(rest.substr(0, comma));
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
      if (coding.empty() || EqualsIgnoreCase(coding, "identity")) {
        continue;
      }
      if (EqualsIgnoreCase(coding, "gzip") || EqualsIgnoreCase(coding, "x-gzip")) {
        ++gzip_layers;
      } else {
        readable = false;
      }
    }
  }
  readable = readable && gzip_layers <= 1;
  return gzip_layers == 1;
}

}  // namespace costgate::filters::elevenlabs
