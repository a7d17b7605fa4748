#include "tests/support/sqlite_rows.h"

#include <sqlite3.h>

#include <memory>
#include <stdexcept>

namespace costgate::test_support {
namespace {

struct CloseDb {
  void operator()(sqlite3* db) const { sqlite3_close(db); }
};
struct FinalizeStatement {
  void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using Db = std::unique_ptr<sqlite3, CloseDb>;
using Statement = std::unique_ptr<sqlite3_stmt, FinalizeStatement>;

// Long enough to outwait a checkpoint or a recovery of the code's own connection; WAL readers
// otherwise never wait.
constexpr int kBusyTimeoutMs = 5000;

std::runtime_error Failure(std::string what, sqlite3* db) {
  return std::runtime_error(what.append(": ").append(sqlite3_errmsg(db)));
}

Db Open(const std::filesystem::path& path, int flags) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  Db db(raw);
  if (rc != SQLITE_OK) {
    throw Failure(std::string("open ").append(path.string()), db.get());
  }
  sqlite3_busy_timeout(db.get(), kBusyTimeoutMs);
  return db;
}

}  // namespace

std::vector<SqlRow> QueryRows(const std::filesystem::path& path, const std::string& sql,
                              const std::vector<std::string>& params) {
  const Db db = Open(path, SQLITE_OPEN_READONLY);
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db.get(), sql.c_str(), -1, &raw, nullptr) != SQLITE_OK) {
    throw Failure(sql, db.get());
  }
  const Statement statement(raw);
  for (size_t i = 0; i < params.size(); ++i) {
    sqlite3_bind_text(statement.get(), static_cast<int>(i + 1), params[i].data(),
                      static_cast<int>(params[i].size()), SQLITE_TRANSIENT);
  }
  std::vector<SqlRow> rows;
  int rc = SQLITE_ROW;
  while ((rc = sqlite3_step(statement.get())) == SQLITE_ROW) {
    SqlRow& row = rows.emplace_back();
    for (int i = 0; i < sqlite3_column_count(statement.get()); ++i) {
      std::optional<std::string> cell;
      if (sqlite3_column_type(statement.get(), i) != SQLITE_NULL) {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement.get(), i));
        cell.emplace(text, static_cast<size_t>(sqlite3_column_bytes(statement.get(), i)));
      }
      row[sqlite3_column_name(statement.get(), i)] = std::move(cell);
    }
  }
  if (rc != SQLITE_DONE) {
    throw Failure(sql, db.get());
  }
  return rows;
}

void ExecuteSql(const std::filesystem::path& path, const std::string& sql) {
  const Db db = Open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  char* error = nullptr;
  const int rc = sqlite3_exec(db.get(), sql.c_str(), nullptr, nullptr, &error);
  const std::string message = error != nullptr ? error : "";
  sqlite3_free(error);
  if (rc != SQLITE_OK) {
    throw std::runtime_error(std::string(sql).append(": ").append(message));
  }
}

}  // namespace costgate::test_support
