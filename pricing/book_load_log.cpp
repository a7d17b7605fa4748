#include "pricing/book_load_log.h"

#include <utility>

namespace costgate::pricing {

void BookLoadLog::Note(BookLoadAttempt attempt) {
  std::lock_guard lock(mutex_);
  if (attempt.result == "ok") {
    last_published_ = attempt;
  }
  last_attempt_ = std::move(attempt);
}

std::optional<BookLoadAttempt> BookLoadLog::LastAttempt() const {
  std::lock_guard lock(mutex_);
  return last_attempt_;
}

std::optional<BookLoadAttempt> BookLoadLog::LastPublished() const {
  std::lock_guard lock(mutex_);
  return last_published_;
}

std::string JoinLoadErrors(const std::vector<std::string>& errors) {
  std::string joined;
  for (const std::string& error : errors) {
    joined += joined.empty() ? "" : "; ";
    joined += error;
  }
  return joined;
}

}  // namespace costgate::pricing
