#include "filters/stream/sse_reader.h"

#include "filters/stream/byte_finder.h"

namespace costgate::filters::stream {
namespace {

bool IsLineEnd(char c) noexcept { return c == '\n' || c == '\r'; }

}  // namespace

void SseReader::Feed(std::string_view chunk) noexcept {
  const char* p = chunk.data();
  const char* const end = p + chunk.size();
  ByteFinder line_ends(end, '\n', '\r');
  while (p < end) {
    if (skip_lf_) {
      skip_lf_ = false;
      if (*p == '\n') {
        ++p;
        continue;
      }
    }
    switch (state_) {
      case State::kLineStart:
        if (IsLineEnd(*p)) {
          // Blank line: dispatch.
          skip_lf_ = *p == '\r';
          ++p;
          if (event_has_data_) {
            event_has_data_ = false;
            consumer_.OnEventEnd();
          }
          continue;
        }
        name_length_ = 0;
        name_too_long_ = false;
        state_ = State::kName;
        break;
      case State::kName: {
        const char c = *p;
        if (IsLineEnd(c)) {
          skip_lf_ = c == '\r';
          ++p;
          EndLine();
          continue;
        }
        ++p;
        if (c == ':') {
          field_is_data_ = !name_too_long_ && name_length_ == kNameBytes &&
                           std::string_view(name_, kNameBytes) == "data";
          if (field_is_data_) {
            BeginData();
          }
          state_ = State::kValueStart;
        } else if (name_length_ < kNameBytes) {
          name_[name_length_++] = c;
          if (name_length_ > name_high_water_) {
            name_high_water_ = name_length_;
          }
        } else {
          name_too_long_ = true;
        }
        continue;
      }
      case State::kValueStart:
        state_ = State::kValue;
        if (*p == ' ') {
          ++p;
          continue;
        }
        break;
      case State::kValue: {
        const char* line_end = line_ends.Next(p);
        if (field_is_data_ && line_end != p) {
          consumer_.OnData(std::string_view(p, static_cast<size_t>(line_end - p)));
        }
        p = line_end;
        if (p < end) {
          skip_lf_ = *p == '\r';
          ++p;
          state_ = State::kLineStart;
        }
        continue;
      }
    }
  }
}

void SseReader::Finish() noexcept {
  if (state_ != State::kLineStart) {
    EndLine();
  }
  skip_lf_ = false;
  if (event_has_data_) {
    event_has_data_ = false;
    consumer_.OnEventEnd();
  }
}

void SseReader::EndLine() noexcept {
  if (state_ == State::kName && !name_too_long_ && name_length_ == kNameBytes &&
      std::string_view(name_, kNameBytes) == "data") {
    BeginData();  // "data" alone on a line: a data field with an empty value
  }
  state_ = State::kLineStart;
}

void SseReader::BeginData() noexcept {
  if (event_has_data_) {
    consumer_.OnData("\n");
  }
  event_has_data_ = true;
}

}  // namespace costgate::filters::stream
