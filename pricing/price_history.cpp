#include "pricing/price_history.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <optional>
#include <system_error>

namespace costgate::pricing {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kPrefix = "litellm-";
constexpr std::string_view kSuffix = ".json";

bool IsLowerHex(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

// litellm-<unix_ms>-<sha>.json -> (unix_ms, sha); nullopt for any other name.
std::optional<std::pair<int64_t, std::string_view>> ParseFileName(std::string_view name) {
  if (!name.starts_with(kPrefix) || !name.ends_with(kSuffix)) {
    return std::nullopt;
  }
  std::string_view middle =
      name.substr(kPrefix.size(), name.size() - kPrefix.size() - kSuffix.size());
  const size_t dash = middle.find('-');
  if (dash == std::string_view::npos || dash == 0) {
    return std::nullopt;
  }
  std::string_view digits = middle.substr(0, dash);
  std::string_view sha = middle.substr(dash + 1);
  int64_t ms = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), ms);
  if (ec != std::errc() || end != digits.data() + digits.size() || digits.front() == '+' ||
      digits.front() == '-' || sha.size() != kHistoryShaDigits || !IsLowerHex(sha)) {
    return std::nullopt;
  }
  return std::pair{ms, sha};
}

std::string Errno(int error_number) { return std::strerror(error_number); }

// Writes all of `content` to `fd`; false with errno set on failure.
bool WriteAll(int fd, std::string_view content) {
  while (!content.empty()) {
    const ssize_t n = ::write(fd, content.data(), content.size());
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      return false;
    }
    content.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

// The rename is only durable once the directory entry is on disk.
bool FsyncDirectory(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    return false;
  }
  const bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

// Temporary file, fsync, rename: a reader (or a crash) sees the whole file or none of it. The
// temporary name starts with '.' and carries the pid, so it never looks like a saved version
// and two processes saving at once do not write into the same file.
std::string WriteAtomically(const std::string& dir, const std::string& name,
                            std::string_view content) {
  const std::string final_path = (fs::path(dir) / name).string();
  const std::string temp_path =
      (fs::path(dir) / ("." + name + ".tmp-" + std::to_string(::getpid()))).string();
  const int fd = ::open(temp_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) {
    return "cannot create " + temp_path + ": " + Errno(errno);
  }
  std::string error;
  if (!WriteAll(fd, content)) {
    error = "cannot write " + temp_path + ": " + Errno(errno);
  } else if (::fsync(fd) != 0) {
    error = "cannot sync " + temp_path + ": " + Errno(errno);
  }
  if (::close(fd) != 0 && error.empty()) {
    error = "cannot close " + temp_path + ": " + Errno(errno);
  }
  if (error.empty() && ::rename(temp_path.c_str(), final_path.c_str()) != 0) {
    error = "cannot rename " + temp_path + " to " + final_path + ": " + Errno(errno);
  }
  if (!error.empty()) {
    ::unlink(temp_path.c_str());
    return error;
  }
  // Best effort: the file is complete and in place either way; a failed directory sync only
  // risks losing the whole entry on a power cut, never a partial file.
  FsyncDirectory(dir);
  return {};
}

}  // namespace

std::string HistoryFileName(int64_t effective_from_ms, std::string_view sha) {
  return std::string(kPrefix) + std::to_string(effective_from_ms) + "-" + std::string(sha) +
         std::string(kSuffix);
}

HistoryList ListPriceHistory(const std::string& dir) {
  HistoryList out;
  std::error_code ec;
  const bool exists = fs::exists(dir, ec);
  if (!exists && !ec) {
    return out;
  }
  fs::directory_iterator it;
  if (!ec) {
    it = fs::directory_iterator(dir, ec);
  }
  if (ec) {
    out.errors.push_back("cannot read price history directory " + dir + ": " + ec.message());
    return out;
  }
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    const std::string name = it->path().filename().string();
    auto parsed = ParseFileName(name);
    if (!parsed || !it->is_regular_file(ec)) {
      out.notes.push_back("ignored " + it->path().string() +
                          ": not a saved LiteLLM version (litellm-<unix_ms>-<sha>.json)");
      continue;
    }
    out.versions.push_back({it->path().string(), parsed->first, std::string(parsed->second)});
  }
  if (ec) {
    out.errors.push_back("cannot read price history directory " + dir + ": " + ec.message());
  }
  std::sort(out.versions.begin(), out.versions.end(),
            [](const SavedVersion& a, const SavedVersion& b) {
              return a.effective_from_ms != b.effective_from_ms
                         ? a.effective_from_ms < b.effective_from_ms
                         : a.path < b.path;
            });
  std::sort(out.notes.begin(), out.notes.end());
  return out;
}

SaveResult SaveToPriceHistory(const std::string& dir, std::string_view content, int64_t now_ms) {
  SaveResult result;
  HistoryList history = ListPriceHistory(dir);
  if (!history.errors.empty()) {
    result.error = history.errors.front();
    return result;
  }
  const std::string sha = base::Sha256Hex(content, kHistoryShaDigits);
  if (!history.versions.empty()) {
    const SavedVersion& newest = history.versions.back();
    if (newest.sha == sha) {
      result.path = newest.path;
      return result;
    }
    if (now_ms <= newest.effective_from_ms) {
      result.error = "the clock (" + std::to_string(now_ms) +
                     " ms) is not after the newest saved version " + newest.path;
      return result;
    }
  }
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    result.error = "cannot create price history directory " + dir + ": " + ec.message();
    return result;
  }
  const std::string name = HistoryFileName(now_ms, sha);
  result.error = WriteAtomically(dir, name, content);
  if (result.error.empty()) {
    result.path = (fs::path(dir) / name).string();
    result.written = true;
  }
  return result;
}

}  // namespace costgate::pricing
