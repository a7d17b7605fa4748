#include "filters/elevenlabs/multipart_field.h"

#include <cstring>

#include "filters/body_coding.h"
#include "filters/http_message.h"

namespace costgate::filters::elevenlabs {
namespace {

constexpr size_t kMaxBoundaryBytes = 70;  // RFC 2046 section 5.1.1

std::string_view Unquote(std::string_view s) noexcept {
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') {
    return s.substr(1, s.size() - 2);
  }
  return s;
}

// The value of parameter `name` in "type; a=1; b="2"", unquoted; empty when absent.
std::string_view Parameter(std::string_view field_value, std::string_view name) noexcept {
  size_t semicolon = field_value.find(';');
  while (semicolon != std::string_view::npos) {
    field_value.remove_prefix(semicolon + 1);
    semicolon = field_value.find(';');
    const std::string_view param = field_value.substr(0, semicolon);
    const size_t eq = param.find('=');
    if (eq != std::string_view::npos && EqualsIgnoreCase(TrimOws(param.substr(0, eq)), name)) {
      return Unquote(TrimOws(param.substr(eq + 1)));
    }
  }
  return {};
}

std::vector<size_t> FailureFunction(std::string_view pattern) {
  std::vector<size_t> failure(pattern.size(), 0);
  size_t k = 0;
  for (size_t i = 1; i < pattern.size(); ++i) {
    while (k > 0 && pattern[i] != pattern[k]) {
      k = failure[k - 1];
    }
    if (pattern[i] == pattern[k]) {
      ++k;
    }
    failure[i] = k;
  }
  return failure;
}

}  // namespace

std::string_view MultipartBoundary(std::string_view content_type) noexcept {
  const std::string_view media = TrimOws(content_type.substr(0, content_type.find(';')));
  if (!EqualsIgnoreCase(media, "multipart/form-data")) {
    return {};
  }
  const std::string_view boundary = Parameter(content_type, "boundary");
  return boundary.size() <= kMaxBoundaryBytes ? boundary : std::string_view{};
}

MultipartFieldReader::MultipartFieldReader(std::string_view boundary, std::string_view field)
    : delimiter_("\r\n--" + std::string(boundary)),
      field_(field),
      failure_(FailureFunction(delimiter_)) {
  // Reserved once so the data path never allocates.
  captured_.reserve(kMaxValueBytes + delimiter_.size());
  line_.reserve(kMaxHeaderBytes);
}

void MultipartFieldReader::Feed(std::string_view chunk) noexcept {
  const char* p = chunk.data();
  const char* const end = p + chunk.size();
  while (p < end) {
    switch (state_) {
      case State::kBody: {
        if (matched_ == 0 && !capturing_) {
          // A file part is most of the body: jump to the next byte a delimiter can start with.
          const void* cr = std::memchr(p, '\r', static_cast<size_t>(end - p));
          if (cr == nullptr) {
            return;
          }
          p = static_cast<const char*>(cr);
        }
        const char c = *p++;
        if (capturing_) {
          if (captured_.size() < kMaxValueBytes + delimiter_.size()) {
            captured_.push_back(c);
          } else {
            value_too_long_ = true;
          }
        }
        if (MatchDelimiter(c)) {
          OnDelimiter();
        }
        break;
      }
      case State::kAfterDelimiter:
        AfterDelimiter(*p++);
        break;
      case State::kHeaders:
        Header(*p++);
        break;
      case State::kDone:
        return;
    }
  }
}

bool MultipartFieldReader::MatchDelimiter(char c) noexcept {
  while (matched_ > 0 && c != delimiter_[matched_]) {
    matched_ = failure_[matched_ - 1];
  }
  if (c == delimiter_[matched_]) {
    ++matched_;
  }
  if (matched_ == delimiter_.size()) {
    matched_ = 0;
    return true;
  }
  return false;
}

void MultipartFieldReader::OnDelimiter() noexcept {
  if (capturing_) {
    if (!value_too_long_) {
      value_.emplace(std::string_view(captured_).substr(0, captured_.size() - delimiter_.size()));
    }
    state_ = State::kDone;  // the one field wanted is read: the rest is of no interest
    return;
  }
  state_ = State::kAfterDelimiter;
  after_delimiter_ = 0;
  closing_ = false;
}

void MultipartFieldReader::AfterDelimiter(char c) noexcept {
  ++after_delimiter_;
  if (after_delimiter_ == 1 && c == '-') {
    closing_ = true;
  } else if (after_delimiter_ == 2 && closing_ && c == '-') {
    state_ = State::kDone;  // the close delimiter: no part follows
  } else if (c == '\n') {
    state_ = State::kHeaders;
    line_.clear();
    header_bytes_ = 0;
    wanted_part_ = false;
  } else if (after_delimiter_ > kMaxHeaderBytes) {
    malformed_ = true;
    state_ = State::kDone;
  }
}

void MultipartFieldReader::Header(char c) noexcept {
  if (++header_bytes_ > kMaxHeaderBytes) {
    malformed_ = true;
    state_ = State::kDone;
    return;
  }
  if (c != '\n') {
    line_.push_back(c);
    return;
  }
  if (!line_.empty() && line_.back() == '\r') {
    line_.pop_back();
  }
  if (!line_.empty()) {
    HeaderLine(line_);
    line_.clear();
    return;
  }
  // The blank line: the part's body follows.
  state_ = State::kBody;
  capturing_ = wanted_part_;
  captured_.clear();
  value_too_long_ = false;
  matched_ = 0;
}

void MultipartFieldReader::HeaderLine(std::string_view line) {
  const size_t colon = line.find(':');
  if (colon == std::string_view::npos ||
      !EqualsIgnoreCase(TrimOws(line.substr(0, colon)), "Content-Disposition")) {
    return;
  }
  wanted_part_ = Parameter(line.substr(colon + 1), "name") == field_;
}

}  // namespace costgate::filters::elevenlabs
