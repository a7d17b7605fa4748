#include "filters/stream/json_field_extractor.h"

#include <algorithm>

namespace costgate::filters::stream {
namespace {

bool IsSpace(char c) noexcept { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

}  // namespace

JsonFieldExtractor::JsonFieldExtractor(JsonFraming framing, std::span<const std::string_view> keys,
                                       size_t max_capture_bytes,
                                       JsonUnitConsumer& consumer) noexcept
    : framing_(framing), max_capture_bytes_(max_capture_bytes), consumer_(consumer) {
  key_count_ = std::min(keys.size(), kMaxKeys);
  std::copy_n(keys.begin(), key_count_, keys_.begin());
}

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
    Append(capture_from_, end);
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
  ClearCaptures();
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
    MatchKey();
  } else if (role_ == StringRole::kValue) {
    EndCapture(after);
  }
  role_ = StringRole::kSkip;
}

void JsonFieldExtractor::TopLevel(char c) noexcept {
  if (IsSpace(c)) {
    return;
  }
  if (c == '{') {
    // A new unit; also where a dropped one resynchronises.
    resync_ = false;
    depth_ = 1;
    array_bits_[0] = 0;
    member_ = Member::kKeyOrEnd;
    key_match_ = -1;
    return;
  }
  if (framing_ == JsonFraming::kArray) {
    // Element order is not checked: a missing or doubled comma loses nothing worth counting.
    if (c == '[' && !in_array_) {
      in_array_ = true;
      return;
    }
    if (c == ',' && in_array_) {
      return;
    }
    if (c == ']' && in_array_) {
      in_array_ = false;
      return;
    }
  }
  Fail(c);
}

bool JsonFieldExtractor::InUnit(char c, const char* at) noexcept {
  if (depth_ == 1) {
    return AtFirstLevel(c, at);
  }
  switch (c) {
    case '{':
    case '[':
      if (depth_ >= kMaxDepth) {
        return false;
      }
      if (c == '[') {
        array_bits_[depth_ / 64] |= uint64_t{1} << (depth_ % 64);
      } else {
        array_bits_[depth_ / 64] &= ~(uint64_t{1} << (depth_ % 64));
      }
      ++depth_;
      return true;
    case '}':
    case ']':
      if (TopIsArray() != (c == ']')) {
        return false;
      }
      --depth_;
      if (depth_ == 1) {
        EndCapture(at + 1);
      }
      return true;
    case '"':
      in_string_ = true;
      role_ = StringRole::kSkip;
      return true;
    default:
      return true;  // values below the first level are balanced, not validated
  }
}

bool JsonFieldExtractor::AtFirstLevel(char c, const char* at) noexcept {
  if (member_ == Member::kScalar && (IsSpace(c) || c == ',' || c == '}')) {
    EndCapture(at);
    member_ = Member::kCommaOrEnd;
  }
  if (IsSpace(c)) {
    return true;
  }
  switch (c) {
    case '"':
      if (member_ == Member::kKeyOrEnd || member_ == Member::kKey) {
        in_string_ = true;
        role_ = StringRole::kKey;
        key_length_ = 0;
        key_unmatchable_ = false;
        member_ = Member::kColon;
        return true;
      }
      if (member_ != Member::kValue) {
        return false;
      }
      StartCapture(at);
      in_string_ = true;
      role_ = StringRole::kValue;
      member_ = Member::kCommaOrEnd;
      return true;
    case ':':
      if (member_ != Member::kColon) {
        return false;
      }
      member_ = Member::kValue;
      return true;
    case ',':
      if (member_ != Member::kCommaOrEnd) {
        return false;
      }
      member_ = Member::kKey;
      key_match_ = -1;
      return true;
    case '{':
    case '[':
      if (member_ != Member::kValue) {
        return false;
      }
      StartCapture(at);
      member_ = Member::kCommaOrEnd;
      if (c == '[') {
        array_bits_[1 / 64] |= uint64_t{1} << 1;
      } else {
        array_bits_[1 / 64] &= ~(uint64_t{1} << 1);
      }
      depth_ = 2;
      return true;
    case '}':
      if (member_ != Member::kCommaOrEnd && member_ != Member::kKeyOrEnd) {
        return false;
      }
      depth_ = 0;
      EmitUnit();
      return true;
    case ']':
      return false;
    default:
      if (member_ == Member::kValue) {
        StartCapture(at);
        member_ = Member::kScalar;
        return true;
      }
      return member_ == Member::kScalar;
  }
}

void JsonFieldExtractor::Resync(char c) noexcept {
  switch (c) {
    case '{':
    case '[':
      if (depth_ < UINT32_MAX) {
        ++depth_;
      }
      break;
    case '}':
    case ']':
      if (depth_ > 0 && --depth_ == 0) {
        resync_ = false;  // the broken unit is over; what follows is judged afresh
      }
      break;
    case '"':
      in_string_ = true;
      role_ = StringRole::kSkip;
      break;
    default:
      break;
  }
}

void JsonFieldExtractor::Fail(char c) noexcept {
  if (!resync_) {
    ++malformed_;
    resync_ = true;
  }
  capture_slot_ = -1;
  key_match_ = -1;
  role_ = StringRole::kSkip;
  ClearCaptures();
  if (framing_ == JsonFraming::kArray) {
    Resync(c);  // the offending byte still counts towards finding the element's end
  }
}

void JsonFieldExtractor::MatchKey() noexcept {
  key_match_ = -1;
  if (key_unmatchable_) {
    return;
  }
  const std::string_view key(key_.data(), key_length_);
  for (size_t i = 0; i < key_count_; ++i) {
    if (keys_[i] == key) {
      key_match_ = static_cast<int>(i);
      return;
    }
  }
}

void JsonFieldExtractor::StartCapture(const char* at) noexcept {
  if (key_match_ < 0) {
    return;
  }
  capture_slot_ = key_match_;
  const auto slot = static_cast<size_t>(capture_slot_);
  // A repeated key replaces the earlier value, as JSON parsers commonly do.
  captured_[slot].clear();
  present_[slot] = false;
  oversized_[slot] = false;
  capture_from_ = at;
}

void JsonFieldExtractor::EndCapture(const char* stop) noexcept {
  if (capture_slot_ < 0) {
    return;
  }
  Append(capture_from_, stop);
  const auto slot = static_cast<size_t>(capture_slot_);
  present_[slot] = !oversized_[slot];
  capture_slot_ = -1;
  key_match_ = -1;
}

void JsonFieldExtractor::Append(const char* from, const char* to) noexcept {
  const auto slot = static_cast<size_t>(capture_slot_);
  if (oversized_[slot]) {
    return;
  }
  const auto n = static_cast<size_t>(to - from);
  std::string& buffer = captured_[slot];
  if (n > max_capture_bytes_ - buffer.size()) {
    oversized_[slot] = true;
    buffer.clear();
    return;
  }
  buffer.append(from, n);
  size_t total = 0;
  for (size_t i = 0; i < key_count_; ++i) {
    total += captured_[i].capacity();
  }
  high_water_ = std::max(high_water_, total);
}

void JsonFieldExtractor::EmitUnit() noexcept {
  for (size_t i = 0; i < key_count_; ++i) {
    results_[i].raw = present_[i] ? std::string_view(captured_[i]) : std::string_view();
    results_[i].oversized = oversized_[i];
  }
  consumer_.OnUnit(std::span<const JsonCapture>(results_.data(), key_count_));
  ClearCaptures();
  key_match_ = -1;
}

void JsonFieldExtractor::ClearCaptures() noexcept {
  for (size_t i = 0; i < key_count_; ++i) {
    captured_[i].clear();
    present_[i] = false;
    oversized_[i] = false;
  }
}

bool JsonFieldExtractor::TopIsArray() const noexcept {
  const uint32_t level = depth_ - 1;
  return ((array_bits_[level / 64] >> (level % 64)) & 1U) != 0;
}

}  // namespace costgate::filters::stream
