#include "tests/unit/central/store/store_helpers.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <filesystem>
#include <stdexcept>

namespace costgate::central::store_testing {

TempDir::TempDir() {
  std::string pattern = std::filesystem::temp_directory_path() / "costgate-central-XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) {
    throw std::runtime_error("mkdtemp failed");
  }
  path_ = pattern;
}

TempDir::~TempDir() {
  chmod(path_.c_str(), 0700);
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

Event MakeEvent(const std::string& event_id) {
  Event e;
  e.event_id = event_id;
  e.origin = "proxy";
  e.request_id = "req-1";
  e.start_unix_ms = 1'763'800'000'000;
  e.end_unix_ms = 1'763'800'001'200;
  e.source_app = "video-accessibility";
  e.workspace = "ford";
  e.team = "video";
  e.project = "p-7";
  e.user = "u-42";
  e.job = "job-123";
  e.feature = "captions";
  e.environment = "prod";
  e.host = "web-1";
  e.pod = "pod-3";
  e.daemon_version = "0.4.0";
  e.provider = "gemini";
  e.operation = "generateContent";
  e.model = "gemini-2.5-flash";
  e.model_version = "gemini-2.5-flash-001";
  e.service_tier = "standard";
  e.metered = true;
  e.units = {{"output_tokens", 2}, {"input_tokens", 3520}, {"thinking_tokens", 0}};
  e.estimated = true;
  e.status = "upstream_error";
  e.reason = "upstream_status";
  e.http_status = 503;
  e.latency_ms = 1'200;
  e.ttfb_ms = 310;
  e.request_bytes = 812;
  e.response_bytes = 2'048;
  e.proxy_cost = pricing::Money::FromPico(217'760'000);
  e.proxy_pricing_version = "pb-01ec3c36b0172eeb";
  e.cost = pricing::Money::FromPico(217'760'001);
  e.pricing_version = "pb-central-0001";
  e.price_key = "gemini/gemini-2.5-flash";
  e.unpriced_reason = "";
  e.received_unix_ms = 1'763'800'002'000;
  return e;
}

std::unique_ptr<SqliteStore> OpenStore(const std::string& path) {
  auto opened = SqliteStore::Open(path, config::SqliteSynchronous::kNormal);
  if (auto* error = std::get_if<StoreError>(&opened)) {
    ADD_FAILURE() << "open " << path << ": " << error->message;
    return nullptr;
  }
  return std::move(std::get<std::unique_ptr<SqliteStore>>(opened));
}

namespace {

sqlite3* OpenOrThrow(const std::string& db_path, int flags) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(db_path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    std::string error = sqlite3_errmsg(db);
    sqlite3_close(db);
    throw std::runtime_error("open " + db_path + ": " + error);
  }
  sqlite3_busy_timeout(db, 5000);
  return db;
}

}  // namespace

std::vector<Row> Query(const std::string& db_path, const std::string& sql) {
  sqlite3* db = OpenOrThrow(db_path, SQLITE_OPEN_READWRITE);
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
    std::string error = sqlite3_errmsg(db);
    sqlite3_close(db);
    throw std::runtime_error(sql + ": " + error);
  }
  std::vector<Row> rows;
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    Row& row = rows.emplace_back();
    for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
      std::optional<std::string> value;
      if (sqlite3_column_type(stmt, i) != SQLITE_NULL) {
        value = reinterpret_cast<const char*>(sqlite3_column_text(stmt, i));
      }
      row[sqlite3_column_name(stmt, i)] = std::move(value);
    }
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return rows;
}

void Execute(const std::string& db_path, const std::string& sql) {
  sqlite3* db = OpenOrThrow(db_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  char* error = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  std::string message = error != nullptr ? error : "";
  sqlite3_free(error);
  sqlite3_close(db);
  if (rc != SQLITE_OK) {
    throw std::runtime_error(sql + ": " + message);
  }
}

ScopedFileModesApply::ScopedFileModesApply() {
  __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
  syscall(SYS_capget, &header, saved_);
  __user_cap_data_struct reduced[2] = {saved_[0], saved_[1]};
  reduced[0].effective &= ~((1u << CAP_DAC_OVERRIDE) | (1u << CAP_DAC_READ_SEARCH));
  syscall(SYS_capset, &header, reduced);
}

ScopedFileModesApply::~ScopedFileModesApply() {
  __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
  syscall(SYS_capset, &header, saved_);
}

}  // namespace costgate::central::store_testing
