// Statements: binding parameters, reading columns, resetting, owning a statement prepared for
// one use. Plain wrappers over the SQLite C API; nothing here allocates except Reader::Text.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace costgate::sqlite {

// Binds parameters left to right; the first failing code is kept. Text is bound without a copy
// (SQLITE_STATIC): it must outlive the statement's step, and the statement is reset with its
// bindings cleared before that text goes away (ResetOnExit). An empty text binds '', never NULL.
// Defined in the header so that binding inlines: the outbox binds every receipt at request rate.
class Binder {
 public:
  explicit Binder(sqlite3_stmt* stmt) : stmt_(stmt) {}

  void Text(std::string_view v) {
    // A null pointer would bind SQL NULL into a NOT NULL column: "" is never null.
    Check(sqlite3_bind_text(stmt_, ++index_, v.empty() ? "" : v.data(), static_cast<int>(v.size()),
                            SQLITE_STATIC));
  }
  void Int(int64_t v) { Check(sqlite3_bind_int64(stmt_, ++index_, v)); }
  void OptionalInt(const std::optional<int64_t>& v) {
    if (v) {
      Int(*v);
    } else {
      Null();
    }
  }
  void Null() { Check(sqlite3_bind_null(stmt_, ++index_)); }
  // One value by its C++ type, for code that binds a struct's members in a loop: a bool is 0 or
  // 1, an unsigned count is stored as an INTEGER (counts stay below 2^63).
  void Value(const std::string& v) { Text(v); }
  void Value(bool v) { Int(v ? 1 : 0); }
  void Value(int v) { Int(v); }
  void Value(int64_t v) { Int(v); }
  void Value(uint64_t v) { Int(static_cast<int64_t>(v)); }

  // SQLITE_OK, or the code of the first bind that failed.
  int rc() const { return rc_; }
  // Steps the statement once if every bind succeeded. Returns the step's code (SQLITE_ROW,
  // SQLITE_DONE, an error), or the failing bind's code without stepping.
  int Step() { return rc_ == SQLITE_OK ? sqlite3_step(stmt_) : rc_; }

 private:
  void Check(int rc) {
    if (rc_ == SQLITE_OK) {
      rc_ = rc;
    }
  }

  sqlite3_stmt* stmt_;
  int index_ = 0;
  int rc_ = SQLITE_OK;
};

// Reads the columns of the current row left to right. A NULL column reads as "" (Text) or 0
// (Int); OptionalInt tells NULL apart.
class Reader {
 public:
  explicit Reader(sqlite3_stmt* stmt) : stmt_(stmt) {}
  std::string Text();
  int64_t Int();
  std::optional<int64_t> OptionalInt();
  // The next column into a value of the type Binder::Value binds.
  void Into(std::string& v) { v = Text(); }
  void Into(bool& v) { v = Int() != 0; }
  void Into(int& v) { v = static_cast<int>(Int()); }
  void Into(int64_t& v) { v = Int(); }
  void Into(uint64_t& v) { v = static_cast<uint64_t>(Int()); }

 private:
  sqlite3_stmt* stmt_;
  int index_ = 0;
};

// Resets a statement and clears its bindings when the scope ends, on every path: bound text
// points into the caller's values, and a statement left mid-step would hold a read lock.
class ResetOnExit {
 public:
  explicit ResetOnExit(sqlite3_stmt* stmt) : stmt_(stmt) {}
  ~ResetOnExit() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  ResetOnExit(const ResetOnExit&) = delete;
  ResetOnExit& operator=(const ResetOnExit&) = delete;

 private:
  sqlite3_stmt* stmt_;
};

struct Finalize {
  void operator()(sqlite3_stmt* stmt) const noexcept { sqlite3_finalize(stmt); }
};
// A statement prepared for one use (PrepareOnce), finalized when it goes.
using Statement = std::unique_ptr<sqlite3_stmt, Finalize>;

}  // namespace costgate::sqlite
