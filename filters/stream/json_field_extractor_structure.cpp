// JsonFieldExtractor, part 2: the bytes outside strings (brackets, separators, scalars) and
// what they do to the unit being read. Strings and captures are in json_field_extractor.cpp.
#include "filters/stream/json_field_extractor.h"

namespace costgate::filters::stream {
namespace {

bool IsSpace(char c) noexcept { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

}  // namespace

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
      return Push(c == '[');
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
      return Push(c == '[');
    case '}':
      if (member_ != Member::kCommaOrEnd && member_ != Member::kKeyOrEnd) {
        return false;
      }
      depth_ = 0;
      consumer_.OnUnit(captures_.View());
      captures_.Clear();
      key_match_ = -1;
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
  captures_.Clear();
  if (framing_ == JsonFraming::kArray) {
    Resync(c);  // the offending byte still counts towards finding the element's end
  }
}

bool JsonFieldExtractor::Push(bool is_array) noexcept {
  if (depth_ >= kMaxDepth) {
    return false;
  }
  const uint64_t bit = uint64_t{1} << (depth_ % 64);
  uint64_t& word = array_bits_[depth_ / 64];
  word = is_array ? (word | bit) : (word & ~bit);
  ++depth_;
  return true;
}

bool JsonFieldExtractor::TopIsArray() const noexcept {
  const uint32_t level = depth_ - 1;
  return ((array_bits_[level / 64] >> (level % 64)) & 1U) != 0;
}

}  // namespace costgate::filters::stream
