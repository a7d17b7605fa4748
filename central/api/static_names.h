// What a static file's name says: the request path it may be read from, its content type and
// how long a browser may cache it.
#pragma once

#include <string>
#include <string_view>
#include <variant>

namespace costgate::central {

enum class PathRefusal {
  kMalformed,  // 400: a malformed escape, NUL, backslash, ".", ".." or an empty segment
  kHidden,     // 404: a segment starting with "." (dotfiles are never served)
};

// The relative file path a request path names under the static directory ("/assets/a.js" →
// "assets/a.js", "/" → ""), percent-decoded and checked segment by segment, or why not. The
// check is on the decoded text, so "%2e%2e" and "..%2f" are refused like ".." and "../".
std::variant<std::string, PathRefusal> StaticRelativePath(std::string_view path);

// The Content-Type for a file name by its extension; application/octet-stream when unknown.
std::string_view StaticContentType(std::string_view name);

// Cache-Control for a file name: "no-cache" for index.html (it names the current assets), a
// year and immutable for a name carrying a content hash ("index-3f2a9c1b.js": a new build
// gets a new name), five minutes otherwise.
std::string_view StaticCacheControl(std::string_view name);

// True when the last segment of `path` has no extension ("app/settings", not "app/a.js"): a
// client-side route of the single-page app rather than a missing file.
bool LooksLikeAppRoute(std::string_view path);

}  // namespace costgate::central
