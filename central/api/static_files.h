// central.static_dir: the dashboard's files, served where no API route claims the path.
//
// GET and HEAD only, no key. A request path is decoded and checked (static_names.h), then
// resolved on disk and refused unless it lands on a regular file inside the directory (a
// symlink may point within it, never out). "/" and a path without an extension that names no
// file answer index.html (the single-page app routes on the client). Each file has a strong
// ETag from its SHA-256, computed once per (mtime, size) and kept; If-None-Match with it
// answers 304 without reading the file again. Files over kMaxStaticFileBytes are refused.
//
// Serve reads files on its caller's thread and touches no store (RouteKind::kNoStore); it may
// be called from several threads at once.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>

#include "central/api/api.h"

namespace costgate::central {

inline constexpr uint64_t kMaxStaticFileBytes = 16 * 1024 * 1024;

class StaticFiles {
 public:
  // The files under `dir`, or why not (it is not an existing directory).
  static std::variant<std::unique_ptr<StaticFiles>, std::string> Open(const std::string& dir);

  // The response to GET `path` (the request path without its query string); `if_none_match` is
  // the request's If-None-Match field ("" when absent). A HEAD gets the same response, its
  // body left unsent by the caller.
  ApiResponse Serve(std::string_view path, std::string_view if_none_match) const;

 private:
  explicit StaticFiles(std::string root) : root_(std::move(root)) {}

  struct Tag {
    int64_t mtime_ns = 0;
    uint64_t size = 0;
    std::string etag;
  };
  // Serves `relative` (checked, decoded); nullopt when no regular file inside the root has
  // that name, so the caller may fall back to index.html.
  std::optional<ApiResponse> ServeFile(const std::string& relative,
                                       std::string_view if_none_match) const;

  std::string root_;  // canonical, without a trailing "/"
  mutable std::mutex mutex_;
  mutable std::unordered_map<std::string, Tag> tags_;  // by canonical path
};

// True when If-None-Match `field` ("*", or a list of entity tags, weak ones included) names
// `etag` (RFC 9110 13.1.2: weak comparison).
bool IfNoneMatchNames(std::string_view field, std::string_view etag);

}  // namespace costgate::central
