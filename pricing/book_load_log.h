// The price book's last load attempts: when the book in force was published, from which source,
// and how the last attempt to change it ended. Every place that (re)builds the book notes its
// outcome here (the start, a SIGHUP reload, the scheduled refresh, an admin's import or
// override), so that GET /admin/v1/prices/status can say it whichever thread did the work.
// Time comes in as a parameter (no clock reads in pricing/).
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace costgate::pricing {

struct BookLoadAttempt {
  int64_t at_unix_ms = 0;
  // "start", "reload" (SIGHUP), "refresh" (pricing.refresh.url), "import", "override".
  std::string source;
  std::string from;     // where the prices came from (a URL, a file); may be empty
  std::string result;   // "ok" (a book published), "unchanged" (the same prices), "failed"
  std::string error;    // why it failed; empty otherwise
  std::string version;  // the book in force after the attempt
};

// Thread-safe: written by the thread that loaded, read by the API's.
class BookLoadLog {
 public:
  // An attempt whose result is "ok" is also the last publication.
  void Note(BookLoadAttempt attempt);
  std::optional<BookLoadAttempt> LastAttempt() const;
  std::optional<BookLoadAttempt> LastPublished() const;

 private:
  mutable std::mutex mutex_;
  std::optional<BookLoadAttempt> last_attempt_;
  std::optional<BookLoadAttempt> last_published_;
};

// A loader's errors as one text: "first; second".
std::string JoinLoadErrors(const std::vector<std::string>& errors);

}  // namespace costgate::pricing
