#include "tests/unit/daemon/outbox/outbox_helpers.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <stdexcept>

namespace costgate::daemon::outbox::testing {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "costgate-outbox-XXXXXX");
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

filters::Receipt MakeReceipt(const std::string& event_id) {
  filters::Receipt r;
  r.event_id = event_id;
  r.start_unix_ms = 1'717'171'717'000;
  r.end_unix_ms = 1'717'171'719'500;
  r.host = "host-1";
  r.daemon_version = "0.1.0";
  r.labels = {.source_app = "app",
              .workspace = "ws",
              .team = "team",
              .project = "proj",
              .environment = "prod",
              .pod = "pod-7",
              .user = "alice",
              .job = "nightly",
              .feature = "summarize"};
  r.provider = "gemini";
  r.operation = "generateContent";
  r.metered = true;
  r.model_requested = "gemini-2.0-flash";
  r.model_version = "gemini-2.0-flash-001";
  r.units.Set(filters::kUnitInputTokens, 14);
  r.units.Set(filters::kUnitOutputTokens, 51);
  r.service_tier = "standard";
  r.cost = pricing::Money::FromPico(2'345'000'000);
  r.pricing_version = "pb-0123456789abcdef";
  r.price_key = "gemini/gemini-2.0-flash-001";
  r.outcome = filters::Outcome::kUpstreamError;
  r.reason = "upstream_status";
  r.http_status = 503;
  r.latency_ms = 2'500;
  r.ttfb_ms = 730;
  r.request_bytes = 1'234;
  r.response_bytes = 5'678;
  r.estimated = false;
  return r;
}

size_t CountRows(const std::string& db_path) {
  return std::stoul(*Query(db_path, "SELECT count(*) AS n FROM receipts")[0]["n"]);
}

config::ReceiptsConfig TestConfig(const std::string& path) {
  config::ReceiptsConfig config;
  config.path = path;
  config.flush_interval = std::chrono::hours(1);
  return config;
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

ScopedDiskFull::ScopedDiskFull() {
  getrlimit(RLIMIT_FSIZE, &saved_limit_);
  saved_handler_ = signal(SIGXFSZ, SIG_IGN);
  rlimit none = saved_limit_;
  none.rlim_cur = 0;
  setrlimit(RLIMIT_FSIZE, &none);
}

ScopedDiskFull::~ScopedDiskFull() {
  setrlimit(RLIMIT_FSIZE, &saved_limit_);
  signal(SIGXFSZ, saved_handler_);
}

LogPipe::LogPipe() {
  if (pipe2(fds_, O_CLOEXEC) != 0) {
    throw std::runtime_error("pipe2 failed");
  }
  fcntl(fds_[0], F_SETFL, O_NONBLOCK);
}

LogPipe::~LogPipe() {
  close(fds_[0]);
  close(fds_[1]);
}

std::string LogPipe::Read() {
  char buf[4096];
  for (ssize_t n; (n = read(fds_[0], buf, sizeof(buf))) > 0;) {
    text_.append(buf, static_cast<size_t>(n));
  }
  return text_;
}

}  // namespace costgate::daemon::outbox::testing
