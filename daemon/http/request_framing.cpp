#include "daemon/http/request_framing.h"

#include <limits>
#include <string_view>

namespace costgate::daemon::http {
namespace {

using base::EqualsIgnoreCase;

constexpr RequestFraming Refuse(int status, const char* detail) {
  return RequestFraming{BodyFraming::kNone, 0, status, detail};
}

std::string_view TrimOws(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
    s.remove_suffix(1);
  }
  return s;
}

bool IsToken(std::string_view s) {
  if (s.empty()) {
    return false;
  }
  for (const char c : s) {
    if (!IsTokenChar(c)) {
      return false;
    }
  }
  return true;
}

// A Transfer-Encoding value other than exactly "chunked": 501 when it is a well-formed list of
// codings ending in one "chunked" (we just do not implement the others), 400 when it is not.
RequestFraming RefuseTransferCodings(std::string_view value) {
  int chunked_seen = 0;
  bool chunked_last = false;
  size_t start = 0;
  while (true) {
    const size_t comma = value.find(',', start);
    const std::string_view element =
        TrimOws(value.substr(start, comma == std::string_view::npos ? comma : comma - start));
    // Parameters (";q=1") make no coding costgate implements acceptable, but they are valid
    // syntax: only the name decides between 400 and 501.
    const std::string_view name = TrimOws(element.substr(0, element.find(';')));
    if (!IsToken(name)) {
      return Refuse(400, "malformed Transfer-Encoding");
    }
    chunked_last = EqualsIgnoreCase(name, "chunked");
    chunked_seen += chunked_last ? 1 : 0;
    if (comma == std::string_view::npos) {
      break;
    }
    start = comma + 1;
  }
  if (chunked_seen > 1) {
    return Refuse(400, "chunked applied more than once in Transfer-Encoding");
  }
  if (chunked_seen == 1 && !chunked_last) {
    return Refuse(400, "chunked is not the final transfer coding");
  }
  return Refuse(501, "transfer codings other than chunked are not supported");
}

// 1*DIGIT below 2^63, nothing else.
bool ParseLength(std::string_view s, uint64_t& out) {
  if (s.empty()) {
    return false;
  }
  constexpr uint64_t kMax = std::numeric_limits<int64_t>::max();
  uint64_t n = 0;
  for (const char c : s) {
    if (c < '0' || c > '9') {
      return false;
    }
    const uint64_t digit = static_cast<uint64_t>(c - '0');
    if (n > (kMax - digit) / 10) {
      return false;
    }
    n = n * 10 + digit;
  }
  out = n;
  return true;
}

// "Transfer_Encoding", "content_length": a token, but some servers fold '_' into '-' and would
// read a framing field that costgate does not see. Never forwarded, never accepted.
bool ImitatesFramingField(std::string_view name) {
  if (name.find('_') == std::string_view::npos) {
    return false;
  }
  for (const std::string_view framing : {"transfer-encoding", "content-length"}) {
    if (name.size() != framing.size()) {
      continue;
    }
    bool same = true;
    for (size_t i = 0; i < name.size() && same; ++i) {
      const char c = name[i] == '_' ? '-' : static_cast<char>(name[i] | 0x20);
      same = c == framing[i];
    }
    if (same) {
      return true;
    }
  }
  return false;
}

}  // namespace

bool IsTokenChar(char c) noexcept {
  switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
      return true;
    default:
      return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}

RequestFraming DecideRequestFraming(const base::RequestHead& head) {
  if (head.target.empty() || head.target.front() != '/') {
    return Refuse(400,
                  "the request target must be a path (origin-form): costgate is not a "
                  "forward proxy");
  }
  const std::string* transfer_encoding = nullptr;
  const std::string* content_length = nullptr;
  int transfer_encodings = 0;
  int content_lengths = 0;
  for (const auto& field : head.headers.fields()) {
    if (!IsToken(field.name)) {
      return Refuse(400, "a header field name is empty or not a token");
    }
    if (ImitatesFramingField(field.name)) {
      return Refuse(400, "a header field name spells a framing field with '_'");
    }
    if (EqualsIgnoreCase(field.name, "transfer-encoding")) {
      transfer_encoding = &field.value;
      ++transfer_encodings;
    } else if (EqualsIgnoreCase(field.name, "content-length")) {
      content_length = &field.value;
      ++content_lengths;
    }
  }
  if (transfer_encodings > 0) {
    if (transfer_encodings > 1) {
      return Refuse(400, "more than one Transfer-Encoding field");
    }
    if (content_lengths > 0) {
      return Refuse(400, "Transfer-Encoding together with Content-Length");
    }
    if (head.version_minor == 0) {
      return Refuse(400, "Transfer-Encoding in an HTTP/1.0 request");
    }
    if (!EqualsIgnoreCase(TrimOws(*transfer_encoding), "chunked")) {
      return RefuseTransferCodings(*transfer_encoding);
    }
    return RequestFraming{BodyFraming::kChunked, 0, 0, ""};
  }
  if (content_lengths > 1) {
    return Refuse(400, "more than one Content-Length field");
  }
  if (content_lengths == 1) {
    uint64_t length = 0;
    if (!ParseLength(TrimOws(*content_length), length)) {
      return Refuse(400, "Content-Length is not a single decimal length");
    }
    return RequestFraming{BodyFraming::kContentLength, length, 0, ""};
  }
  return RequestFraming{};
}

}  // namespace costgate::daemon::http
