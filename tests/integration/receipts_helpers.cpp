#include "tests/integration/receipts_helpers.h"

#include <sqlite3.h>

#include <cstdlib>
#include <thread>

namespace costgate::integration {

bool ReceiptRow::IsNull(const std::string& column) const {
  auto it = columns.find(column);
  return it != columns.end() && !it->second.has_value();
}

std::string ReceiptRow::Text(const std::string& column) const {
  auto it = columns.find(column);
  if (it == columns.end()) {
    return "<missing column>";
  }
  return it->second.value_or("<NULL>");
}

std::optional<int64_t> ReceiptRow::Int(const std::string& column) const {
  auto it = columns.find(column);
  if (it == columns.end() || !it->second || it->second->empty()) {
    return std::nullopt;
  }
  char* end = nullptr;
  const long long value = std::strtoll(it->second->c_str(), &end, 10);
  if (*end != '\0') {
    return std::nullopt;
  }
  return value;
}

std::vector<ReceiptRow> QueryRows(const std::filesystem::path& path, const std::string& sql,
                                  const std::vector<std::string>& params) {
  std::vector<ReceiptRow> rows;
  sqlite3* db = nullptr;
  // Read-only and opened per query: the test never holds a snapshot or a lock that the daemon's
  // writer would have to wait for.
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return rows;
  }
  sqlite3_busy_timeout(db, 2000);
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK) {
    for (size_t i = 0; i < params.size(); ++i) {
      sqlite3_bind_text(statement, static_cast<int>(i + 1), params[i].data(),
                        static_cast<int>(params[i].size()), SQLITE_TRANSIENT);
    }
    while (sqlite3_step(statement) == SQLITE_ROW) {
      ReceiptRow row;
      for (int i = 0; i < sqlite3_column_count(statement); ++i) {
        std::optional<std::string> cell;
        if (sqlite3_column_type(statement, i) != SQLITE_NULL) {
          const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, i));
          cell = std::string(text, static_cast<size_t>(sqlite3_column_bytes(statement, i)));
        }
        row.columns.emplace(sqlite3_column_name(statement, i), std::move(cell));
      }
      rows.push_back(std::move(row));
    }
  }
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return rows;
}

std::vector<ReceiptRow> ReceiptsDb::RowsWhere(std::string_view column, std::string_view value,
                                              Rows which) const {
  std::string sql = "SELECT * FROM receipts WHERE \"" + std::string(column) + "\" = ?1";
  if (which == Rows::kClosed) {
    sql += " AND state = 'closed'";  // an intent is not a receipt until its call ends
  }
  return QueryRows(path_, sql, {std::string(value)});
}

std::vector<ReceiptRow> ReceiptsDb::WaitForRows(std::string_view column, std::string_view value,
                                                size_t count,
                                                std::chrono::milliseconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    std::vector<ReceiptRow> rows = RowsWhere(column, value);
    if (rows.size() >= count || std::chrono::steady_clock::now() >= deadline) {
      return rows;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));  // polling, bounded above
  }
}

std::optional<ReceiptRow> ReceiptsDb::WaitForReceipt(std::string_view event_id,
                                                     std::chrono::milliseconds timeout) const {
  std::vector<ReceiptRow> rows = WaitForRows("event_id", event_id, 1, timeout);
  if (rows.empty()) {
    return std::nullopt;
  }
  return rows.front();
}

}  // namespace costgate::integration
