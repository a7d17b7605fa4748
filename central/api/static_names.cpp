#include "central/api/static_names.h"

#include <array>
#include <optional>
#include <utility>

#include "central/api/percent.h"

namespace costgate::central {
namespace {

std::string_view BaseName(std::string_view path) {
  const size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string_view Extension(std::string_view name) {
  const size_t dot = BaseName(name).rfind('.');
  return dot == std::string_view::npos ? std::string_view() : BaseName(name).substr(dot + 1);
}

bool IsHashChar(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

// A bundler's content hash: the stem's last "-" or "." part, 8 or more letters and digits with
// at least one of each. A plain word ("component") is never taken for one: a name wrongly
// cached for a year would outlive its next build, a hash missed costs only a revalidation.
bool HasContentHash(std::string_view name) {
  std::string_view stem = BaseName(name);
  stem = stem.substr(0, stem.rfind('.'));
  const size_t cut = stem.find_last_of("-.");
  if (cut == std::string_view::npos) {
    return false;
  }
  const std::string_view hash = stem.substr(cut + 1);
  bool digit = false;
  bool letter = false;
  for (char c : hash) {
    if (!IsHashChar(c)) {
      return false;
    }
    digit = digit || (c >= '0' && c <= '9');
    letter = letter || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
  return hash.size() >= 8 && digit && letter;
}

}  // namespace

std::variant<std::string, PathRefusal> StaticRelativePath(std::string_view path) {
  std::optional<std::string> decoded = PercentDecode(path.substr(path.empty() ? 0 : 1));
  if (!decoded || path.empty() || path.front() != '/') {
    return PathRefusal::kMalformed;
  }
  if (decoded->find_first_of(std::string_view("\0\\", 2)) != std::string::npos) {
    return PathRefusal::kMalformed;
  }
  if (decoded->empty()) {
    return std::string();
  }
  bool hidden = false;
  std::string_view rest = *decoded;
  while (true) {
    const size_t slash = rest.find('/');
    const std::string_view segment = rest.substr(0, slash);
    // An empty segment ("//etc", "a//b") would make the path absolute or ambiguous.
    if (segment.empty() || segment == "." || segment == "..") {
      return PathRefusal::kMalformed;
    }
    hidden = hidden || segment.front() == '.';
    if (slash == std::string_view::npos) {
      break;
    }
    rest.remove_prefix(slash + 1);
  }
  if (hidden) {
    return PathRefusal::kHidden;
  }
  return std::move(*decoded);
}

std::string_view StaticContentType(std::string_view name) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 10> kTypes = {{
      {"html", "text/html; charset=utf-8"},
      {"js", "text/javascript; charset=utf-8"},
      {"css", "text/css; charset=utf-8"},
      {"svg", "image/svg+xml"},
      {"png", "image/png"},
      {"json", "application/json"},
      {"ico", "image/x-icon"},
      {"woff2", "font/woff2"},
      {"map", "application/json"},
      {"txt", "text/plain; charset=utf-8"},
  }};
  const std::string_view extension = Extension(name);
  for (const auto& [known, type] : kTypes) {
    if (extension == known) {
      return type;
    }
  }
  return "application/octet-stream";
}

std::string_view StaticCacheControl(std::string_view name) {
  if (BaseName(name) == "index.html") {
    return "no-cache";
  }
  if (HasContentHash(name)) {
    return "public, max-age=31536000, immutable";
  }
  return "public, max-age=300";
}

bool LooksLikeAppRoute(std::string_view path) { return Extension(path).empty(); }

}  // namespace costgate::central
