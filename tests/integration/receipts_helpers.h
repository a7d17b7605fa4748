// Reads the daemon's receipts database (SQLite) the way an operator would.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tests/support/sqlite_rows.h"

namespace costgate::integration {

// One row of `receipts`: column name -> text value (nullopt = SQL NULL).
class ReceiptRow {
 public:
  test_support::SqlRow columns;

  bool IsNull(const std::string& column) const;
  // The value as text; "<NULL>" for NULL and "<missing column>" for an unknown column, so
  // assertions print something meaningful.
  std::string Text(const std::string& column) const;
  std::optional<int64_t> Int(const std::string& column) const;
};

// Every row `sql` returns from the SQLite database at `path` (read-only), with ?1, ?2, ...
// bound to `params` as text; empty when the database or table does not exist yet.
std::vector<ReceiptRow> QueryRows(const std::filesystem::path& path, const std::string& sql,
                                  const std::vector<std::string>& params = {});

class ReceiptsDb {
 public:
  explicit ReceiptsDb(std::filesystem::path path) : path_(std::move(path)) {}

  // Which rows a query sees: final receipts only (what the tests wait for), or intents too.
  enum class Rows { kClosed, kOpenOrClosed };

  // Rows where `column` = `value`; empty while the database or table does not exist yet.
  std::vector<ReceiptRow> RowsWhere(std::string_view column, std::string_view value,
                                    Rows which = Rows::kClosed) const;
  // Polls until at least `count` closed rows match or the timeout passes; returns the last
  // result.
  std::vector<ReceiptRow> WaitForRows(std::string_view column, std::string_view value, size_t count,
                                      std::chrono::milliseconds timeout) const;
  // The receipt with this event_id, polling until it appears.
  std::optional<ReceiptRow> WaitForReceipt(std::string_view event_id,
                                           std::chrono::milliseconds timeout) const;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace costgate::integration
