// The LiteLLM catalogues saved by `costgate prices import` and the scheduled refresh: one file
// per version in `pricing.history_dir`, named litellm-<unix_ms>-<sha>.json, where unix_ms is
// the moment the version takes effect and sha the first 12 hex digits of the SHA-256 of the
// file's bytes. The directory is the history: nothing here rewrites or deletes a saved file.
//
// Plain file I/O, no clock reads: the saving moment comes in as a parameter.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/sha256.h"  // names carry a SHA-256 prefix

namespace costgate::pricing {

inline constexpr size_t kHistoryShaDigits = 12;

struct SavedVersion {
  std::string path;               // history_dir / file name
  int64_t effective_from_ms = 0;  // unix_ms of the name
  std::string sha;                // kHistoryShaDigits lowercase hex digits of the name
};

struct HistoryList {
  std::vector<SavedVersion> versions;  // oldest first (by effective_from_ms, then name)
  std::vector<std::string> notes;      // files ignored because their name is not a version's
  std::vector<std::string> errors;     // the directory exists but cannot be read
};

// The saved versions in `dir`. A directory that does not exist holds no version (nothing was
// saved yet): no error.
HistoryList ListPriceHistory(const std::string& dir);

struct SaveResult {
  std::string path;      // the file written, or the newest saved one when it has this content
  bool written = false;  // false with no error: the newest saved version has the same content
  std::string error;     // non-empty: nothing was written
};

// Saves `content` as the version in force from `now_ms`, creating `dir` if needed. The file is
// written whole or not at all (temporary file, fsync, rename, fsync of the directory). When the
// newest saved version has the same SHA-256 prefix nothing is written. A `now_ms` not after the
// newest saved version is an error: the new version would be shadowed by an older one.
SaveResult SaveToPriceHistory(const std::string& dir, std::string_view content, int64_t now_ms);

// "litellm-<unix_ms>-<sha>.json"
std::string HistoryFileName(int64_t effective_from_ms, std::string_view sha);

}  // namespace costgate::pricing
