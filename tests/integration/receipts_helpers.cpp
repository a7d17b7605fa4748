#include "tests/integration/receipts_helpers.h"

#include <cstdlib>
#include <stdexcept>
#include <thread>

#include "tests/support/sqlite_rows.h"

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
  try {
    for (test_support::SqlRow& columns : test_support::QueryRows(path, sql, params)) {
      rows.push_back(ReceiptRow{std::move(columns)});
    }
  } catch (const std::runtime_error&) {
    // Not there yet (the daemon has not created the file or the table): callers poll.
    rows.clear();
  }
  return rows;
}

std::vector<ReceiptRow> ReceiptsDb::RowsWhere(std::string_view column, std::string_view value,
                                              Rows which) const {
  std::string sql = std::string("SELECT * FROM receipts WHERE \"").append(column).append("\" = ?1");
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
