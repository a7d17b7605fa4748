#include "filters/route/request_target.h"

#include "base/hex.h"

namespace costgate::filters {
namespace {

bool IsEncodedDot(std::string_view s) noexcept {
  return s.size() >= 3 && s[0] == '%' && s[1] == '2' && (s[2] == 'e' || s[2] == 'E');
}

// "." or ".." once %2e is read as '.', ignoring a ";params" tail some servers strip.
bool IsDotSegment(std::string_view segment) noexcept {
  segment = segment.substr(0, segment.find(';'));
  int dots = 0;
  while (!segment.empty()) {
    if (segment.front() == '.') {
      segment.remove_prefix(1);
    } else if (IsEncodedDot(segment)) {
      segment.remove_prefix(3);
    } else {
      return false;
    }
    ++dots;
  }
  return dots == 1 || dots == 2;
}

std::string_view BytesProblem(std::string_view target) noexcept {
  for (size_t i = 0; i < target.size(); ++i) {
    const auto c = static_cast<unsigned char>(target[i]);
    if (c <= 0x20 || c >= 0x7F || c == '#' || c == '\\') {
      return "the request target contains a byte that must be percent-encoded";
    }
    if (c == '%' && (i + 2 >= target.size() || base::HexValue(target[i + 1]) < 0 ||
                     base::HexValue(target[i + 2]) < 0)) {
      return "the request target contains a malformed percent escape";
    }
  }
  return {};
}

std::string_view PathProblem(std::string_view path) noexcept {
  for (size_t i = 0; i + 2 < path.size(); ++i) {
    if (path[i] != '%') {
      continue;
    }
    const std::string_view escape = path.substr(i + 1, 2);
    if (escape == "2f" || escape == "2F" || escape == "5c" || escape == "5C" || escape == "00") {
      return "the request path contains an encoded '/', '\\' or NUL";
    }
  }
  std::string_view rest = path.substr(1);  // after the leading '/'
  while (true) {
    const size_t slash = rest.find('/');
    const std::string_view segment = rest.substr(0, slash);
    if (slash == std::string_view::npos) {
      // A trailing empty segment ("/gemini/") is an ordinary directory-style path.
      return IsDotSegment(segment) ? "the request path contains a '.' or '..' segment"
                                   : std::string_view{};
    }
    if (segment.empty()) {
      return "the request path contains an empty segment ('//')";
    }
    if (IsDotSegment(segment)) {
      return "the request path contains a '.' or '..' segment";
    }
    rest.remove_prefix(slash + 1);
  }
}

}  // namespace

std::string_view RequestTargetProblem(std::string_view target) noexcept {
  if (target.empty() || target.front() != '/') {
    return "the request target must be origin-form (a path starting with '/')";
  }
  if (const std::string_view problem = BytesProblem(target); !problem.empty()) {
    return problem;
  }
  return PathProblem(target.substr(0, target.find('?')));
}

}  // namespace costgate::filters
