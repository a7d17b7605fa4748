// Central's reads run beside its writer: while another connection holds the database's write
// lock (a long write, as a huge batch or a checkpoint would), a write to central waits for it,
// and a read is answered at once from central.read_threads' read-only connections.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <future>
#include <memory>
#include <string>

#include "tests/integration/central_helpers.h"
#include "tests/integration/integration_fixture_helpers.h"

namespace costgate::integration {
namespace {

using Clock = std::chrono::steady_clock;

// A connection of the test's own holding the write lock of a WAL database until destroyed.
class WriteLockHolder {
 public:
  explicit WriteLockHolder(const std::filesystem::path& path) {
    if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK ||
        sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) {
      throw std::runtime_error("cannot take the write lock of " + path.string());
    }
  }
  ~WriteLockHolder() {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(db_);
  }
  WriteLockHolder(const WriteLockHolder&) = delete;
  WriteLockHolder& operator=(const WriteLockHolder&) = delete;

 private:
  sqlite3* db_ = nullptr;
};

class CentralReadPoolTest : public IntegrationTest {
 protected:
  CostgateProcess& StartDaemon() override {
    central_ = std::make_unique<CentralUnderTest>(0, "  read_threads: 2\n");
    key_ = central_->CreateKey("pool-" + UniqueToken("key"), "my-project", "record");
    return central_->process();
  }

  HttpResponse Record() {
    HttpRequest request;
    request.method = "POST";
    request.url = central_->Url("/v1/usage/record");
    request.headers = {"X-API-Key: " + key_, "Content-Type: application/json"};
    request.body =
        R"({"request_id":"","user_external_id":"u","source_app":"my-project","model":"gemini-2.5-flash","units":{"input_tokens":10},"latency_ms":1,"status":"success"})";
    return Http(request);
  }

  std::unique_ptr<CentralUnderTest> central_;
  std::string key_;
};

TEST_F(CentralReadPoolTest, HealthIsAnsweredWhileTheWriterWaitsForTheWriteLock) {
  std::future<HttpResponse> write;
  {
    WriteLockHolder lock(central_->dir() / "central.db");
    write = std::async(std::launch::async, [this] { return Record(); });
    // The write is at central, waiting on the lock (busy timeout 5 s), before the read goes.
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    ASSERT_EQ(write.wait_for(std::chrono::seconds(0)), std::future_status::timeout);
    HttpRequest health;
    health.url = central_->Url("/v1/health");
    const auto start = Clock::now();
    const HttpResponse answer = Http(health);
    const auto took = Clock::now() - start;
    EXPECT_EQ(answer.status, 200) << answer.body;
    EXPECT_EQ(answer.body, R"({"status":"ok","db":"ok"})");
    EXPECT_LT(took, std::chrono::milliseconds(1000));
    EXPECT_EQ(write.wait_for(std::chrono::seconds(0)), std::future_status::timeout);
  }
  // The lock gone, the write goes through.
  EXPECT_EQ(write.get().status, 200);
}

}  // namespace
}  // namespace costgate::integration
