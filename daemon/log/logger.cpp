#include "daemon/log/logger.h"

#include <cerrno>
#include <charconv>
#include <cmath>

#include "base/json_text.h"
#include "daemon/log/rfc3339.h"

namespace costgate::daemon::log {
namespace {

struct ThreadBuffer {
  std::string text;
  bool busy = false;
};

// Reused across lines so a steady stream of log lines allocates nothing; `busy` covers a line
// built while another is open on the same thread (a field's value computed by code that logs).
thread_local ThreadBuffer tls_buffer;

// Lines waiting for one write(2) (Line::EmitBatched), and the logger they belong to.
struct ThreadBatch {
  std::string text;
  const Logger* owner = nullptr;
};
thread_local ThreadBatch tls_batch;

// A rare huge line must not pin its memory to the thread for good.
constexpr size_t kKeepCapacity = 64 * 1024;

template <typename T>
void AppendNumber(std::string& out, T value) {
  char digits[32];
  const auto result = std::to_chars(digits, digits + sizeof(digits), value);
  out.append(digits, result.ptr);
}

}  // namespace

std::string_view LevelName(LogLevel level) noexcept {
  switch (level) {
    case LogLevel::kDebug:
      return "debug";
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kWarn:
      return "warn";
    case LogLevel::kError:
      return "error";
  }
  return "unknown";
}

Line::Line(const Logger* logger, LogLevel level, std::string_view msg) : logger_(logger) {
  if (logger_ == nullptr) {
    buf_ = &own_;
    return;
  }
  if (!tls_buffer.busy) {
    tls_buffer.busy = true;
    uses_thread_buffer_ = true;
    buf_ = &tls_buffer.text;
    buf_->clear();
  } else {
    buf_ = &own_;
  }
  std::string& out = *buf_;
  out += R"({"ts":")";
  AppendRfc3339Millis(out, logger_->clock_());
  out += R"(","level":")";
  out += LevelName(level);
  out += R"(","msg":)";
  base::AppendJsonString(out, msg);
}

Line::~Line() { Emit(); }

void Line::Key(std::string_view key) {
  *buf_ += ',';
  base::AppendJsonString(*buf_, key);
  *buf_ += ':';
}

Line& Line::Str(std::string_view key, std::string_view value) {
  if (logger_ != nullptr) {
    Key(key);
    base::AppendJsonString(*buf_, value);
  }
  return *this;
}

Line& Line::Int(std::string_view key, int64_t value) {
  if (logger_ != nullptr) {
    Key(key);
    AppendNumber(*buf_, value);
  }
  return *this;
}

Line& Line::Uint(std::string_view key, uint64_t value) {
  if (logger_ != nullptr) {
    Key(key);
    AppendNumber(*buf_, value);
  }
  return *this;
}

Line& Line::Double(std::string_view key, double value) {
  if (logger_ != nullptr) {
    Key(key);
    if (std::isfinite(value)) {
      AppendNumber(*buf_, value);
    } else {
      *buf_ += "null";  // JSON has no NaN or Infinity
    }
  }
  return *this;
}

Line& Line::Bool(std::string_view key, bool value) {
  if (logger_ != nullptr) {
    Key(key);
    *buf_ += value ? "true" : "false";
  }
  return *this;
}

void Line::EmitBatched() {
  if (logger_ == nullptr) {
    return;
  }
  if (tls_batch.owner != nullptr && tls_batch.owner != logger_) {
    tls_batch.owner->FlushThreadBatch();
  }
  tls_batch.owner = logger_;
  tls_batch.text += *buf_;
  tls_batch.text += "}\n";
  if (tls_batch.text.size() >= kBatchBytes) {
    logger_->FlushThreadBatch();
  }
  Release();
}

void Line::Emit() {
  if (logger_ == nullptr) {
    return;
  }
  *buf_ += "}\n";
  logger_->Write(*buf_);
  Release();
}

void Line::Release() {
  logger_ = nullptr;
  if (uses_thread_buffer_) {
    if (buf_->capacity() > kKeepCapacity) {
      std::string().swap(*buf_);
    }
    tls_buffer.busy = false;
    uses_thread_buffer_ = false;
  }
}

Logger::Logger(int fd, LogLevel level, ClockFn clock) : fd_(fd), level_(level), clock_(clock) {}

Line Logger::At(LogLevel level, std::string_view msg) const {
  return Line(Enabled(level) ? this : nullptr, level, msg);
}

void Logger::Write(std::string_view line) const noexcept {
  // One write(2) per line; the loop only runs again after EINTR or a short write (a full
  // non-blocking pipe), where the rest is better than a truncated line.
  std::lock_guard lock(write_mu_);
  while (!line.empty()) {
    const ssize_t n = ::write(fd_, line.data(), line.size());
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      return;  // nowhere left to report a failing log
    }
    line.remove_prefix(static_cast<size_t>(n));
  }
}

void Logger::FlushThreadBatch() const noexcept {
  if (tls_batch.owner != this || tls_batch.text.empty()) {
    return;
  }
  Write(tls_batch.text);
  tls_batch.text.clear();
  if (tls_batch.text.capacity() > kKeepCapacity) {
    std::string().swap(tls_batch.text);
  }
}

Logger& Default() {
  static Logger logger;
  return logger;
}

}  // namespace costgate::daemon::log
