// JsonFieldExtractor, part 1: feeding, strings and captures. The bytes outside strings are
// handled in json_field_extractor_structure.cpp.
#include "filters/stream/json_field_extractor.h"

#include <algorithm>

namespace costgate::filters::stream {

JsonFieldExtractor::JsonFieldExtractor(JsonFraming framing, std::span<const std::string_view> keys,
                                       size_t max_capture_bytes,
                                       JsonUnitConsumer& consumer) noexcept
    : framing_(framing), consumer_(consumer), captures_(keys, max_capture_bytes) {}

void JsonFieldExtractor::Feed(std::string_view bytes) noexcept {
  if (DroppingToBoundary()) {
    return;
  }
  const char* p = bytes.data();
  const char* const end = p + bytes.size();
  ByteFinder string_stops(end, '"', '\\');
  capture_from_ = p;
  while (p < end) {
    if (in_string_) {
      p = ScanString(p, end, string_stops);
      continue;
    }
    const char c = *p;
    if (depth_ == 0) {
      TopLevel(c);
    } else if (resync_) {
      Resync(c);
    } else if (!InUnit(c, p)) {
      Fail(c);
    }
    if (DroppingToBoundary()) {
      return;  // Fail() closed any capture
    }
    ++p;
  }
  // A capture still open continues in the next chunk; keep what this chunk held of it.
  if (capture_slot_ >= 0) {
    captures_.Append(capture_slot_, std::string_view(capture_from_, end));
  }
}

void JsonFieldExtractor::EndUnit() noexcept {
  if (!resync_ && (depth_ > 0 || in_string_)) {
    ++malformed_;
  }
  depth_ = 0;
  in_string_ = false;
  escape_ = false;
  resync_ = false;
  in_array_ = false;
  capture_slot_ = -1;
  key_match_ = -1;
  captures_.Clear();
}

const char* JsonFieldExtractor::ScanString(const char* p, const char* end,
                                           ByteFinder& stops) noexcept {
  if (escape_) {
    escape_ = false;
    // Escaped keys are never compared: no chosen key needs one, and decoding is not worth it.
    key_unmatchable_ = key_unmatchable_ || role_ == StringRole::kKey;
    return p + 1;
  }
  const char* stop = stops.Next(p);
  if (role_ == StringRole::kKey && !key_unmatchable_) {
    const auto n = static_cast<size_t>(stop - p);
    if (key_length_ + n <= kMaxKeyBytes) {
      std::copy_n(p, n, key_.begin() + key_length_);
      key_length_ = static_cast<uint8_t>(key_length_ + n);
    } else {
      key_unmatchable_ = true;
    }
  }
  if (stop == end) {
    return end;
  }
  if (*stop == '\\') {
    escape_ = true;
    return stop + 1;
  }
  in_string_ = false;
  EndString(stop + 1);
  return stop + 1;
}

void JsonFieldExtractor::EndString(const char* after) noexcept {
  if (role_ == StringRole::kKey) {
    key_match_ =
        key_unmatchable_ ? -1 : captures_.Match(std::string_view(key_.data(), key_length_));
  } else if (role_ == StringRole::kValue) {
    EndCapture(after);
  }
  role_ = StringRole::kSkip;
}

void JsonFieldExtractor::StartCapture(const char* at) noexcept {
  if (key_match_ < 0) {
    return;
  }
  capture_slot_ = key_match_;
  captures_.Start(capture_slot_);
  capture_from_ = at;
}

void JsonFieldExtractor::EndCapture(const char* stop) noexcept {
  if (capture_slot_ < 0) {
    return;
  }
  captures_.Append(capture_slot_, std::string_view(capture_from_, stop));
  captures_.End(capture_slot_);
  capture_slot_ = -1;
  key_match_ = -1;
}

}  // namespace costgate::filters::stream
