// Structured logging: one JSON object per line, written with a single write(2).
//
//   log::Default().Info("request").Str("event_id", id).Int("status", 200).Emit();
//
// A line starts with "ts" (RFC 3339 UTC, milliseconds), "level" and "msg", then the caller's
// fields in call order. Lines below the logger's level cost one atomic load and nothing else.
// Thread-safe: each line is formatted in a per-thread buffer and handed to the kernel in one
// write(2) under a mutex held only for that call, so lines never interleave or overwrite each
// other whatever the descriptor is (a memfd or a file without O_APPEND shares one offset
// between concurrent writers).
#pragma once

#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "config/config.h"

namespace costgate::daemon::log {

using config::LogLevel;

std::string_view LevelName(LogLevel level) noexcept;  // "debug", "info", "warn", "error"

using ClockFn = int64_t (*)();  // unix milliseconds

class Logger;

// One line being built. Made by Logger::Info() etc.; Emit() writes it, and a Line that was never
// emitted is written by its destructor. A filtered-out Line ignores every call.
class Line {
 public:
  Line(const Line&) = delete;
  Line& operator=(const Line&) = delete;
  ~Line();

  Line& Str(std::string_view key, std::string_view value);
  Line& Int(std::string_view key, int64_t value);
  Line& Uint(std::string_view key, uint64_t value);
  Line& Double(std::string_view key, double value);  // non-finite values are written as null
  Line& Bool(std::string_view key, bool value);
  void Emit();
  // Like Emit, but the line joins the calling thread's batch, which Logger::FlushThreadBatch()
  // writes (or Emit itself, once the batch passes kBatchBytes): one write(2) per batch instead
  // of one per line. For high-volume lines that may lag a little (the access log).
  void EmitBatched();
  static constexpr size_t kBatchBytes = 16 * 1024;

 private:
  friend class Logger;
  Line(const Logger* logger, LogLevel level, std::string_view msg);
  void Key(std::string_view key);
  void Release();  // after the line was handed on: frees the thread buffer for the next line

  const Logger* logger_;  // null: filtered out or already emitted
  std::string* buf_;      // the thread's buffer, or own_ when a line is built inside another
  std::string own_;
  bool uses_thread_buffer_ = false;
};

class Logger {
 public:
  // `fd` is not owned and must stay open while the logger is used.
  explicit Logger(int fd = STDERR_FILENO, LogLevel level = LogLevel::kInfo,
                  ClockFn clock = &base::NowUnixMs);

  void SetLevel(LogLevel level) noexcept { level_.store(level, std::memory_order_relaxed); }
  LogLevel level() const noexcept { return level_.load(std::memory_order_relaxed); }
  bool Enabled(LogLevel level) const noexcept { return level >= this->level(); }

  [[nodiscard]] Line At(LogLevel level, std::string_view msg) const;
  [[nodiscard]] Line Debug(std::string_view msg) const { return At(LogLevel::kDebug, msg); }
  [[nodiscard]] Line Info(std::string_view msg) const { return At(LogLevel::kInfo, msg); }
  [[nodiscard]] Line Warn(std::string_view msg) const { return At(LogLevel::kWarn, msg); }
  [[nodiscard]] Line Error(std::string_view msg) const { return At(LogLevel::kError, msg); }

  // Writes the lines the calling thread batched with Line::EmitBatched. A thread that batches
  // must call this periodically and before it ends.
  void FlushThreadBatch() const noexcept;

 private:
  friend class Line;
  void Write(std::string_view line) const noexcept;

  int fd_;
  mutable std::mutex write_mu_;
  std::atomic<LogLevel> level_;
  ClockFn clock_;
};

// The process-wide logger (stderr, info until the daemon sets the configured level).
Logger& Default();

}  // namespace costgate::daemon::log
