// A loopback HTTP/1.1 server playing central (a remote service from the proxy's point of view)
// for the budget gates' tests: each request is recorded and answered by the test's handler,
// which may hold the answer back until the test releases it (a slow central).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "pricing/money.h"

namespace costgate::daemon::budget::testing {

struct FakeRequest {
  std::string method;
  std::string path;
  std::string api_key;  // X-API-Key
  std::string body;
};

struct FakeReply {
  int status = 200;
  std::string body;
  bool hold = false;  // answered only once ReleaseHeld is called (or closed at the end)
};

class FakeCentral {
 public:
  using Handler = std::function<FakeReply(const FakeRequest&)>;

  // Listens on 127.0.0.1, an ephemeral port; `handler` runs on the connections' threads.
  explicit FakeCentral(Handler handler);
  ~FakeCentral();  // held answers are dropped (connections closed)
  FakeCentral(const FakeCentral&) = delete;
  FakeCentral& operator=(const FakeCentral&) = delete;

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  void ReleaseHeld();
  std::vector<FakeRequest> requests() const;
  // True once `n` requests have arrived, false after 10 s.
  bool WaitForRequests(size_t n) const;

 private:
  void Accept();
  void Serve(int fd);

  Handler handler_;
  int listen_fd_ = -1;
  uint16_t port_ = 0;
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::vector<FakeRequest> requests_;
  uint64_t releases_ = 0;
  bool stopping_ = false;
  std::vector<int> open_fds_;
  std::vector<std::thread> threads_;
  std::thread acceptor_;
};

// Central's side of the lease protocol (budgets-design.md, "Lease protocol") for one holder and
// budgets with nothing spent: remaining = amount - granted; a hard budget's lease grows by
// max(min(remaining, need), remaining / 2) when the holder has none, asks (need > 0) or is below
// half its last grant; release shrinks it to `used`. Thread-safe.
class LeaseCentral {
 public:
  struct Budget {
    std::string id;
    std::string name;
    std::string project;  // scope.project; the rest of the scope is "any"
    pricing::Money amount;
    bool hard = true;
    std::optional<pricing::Money> cap;
    std::optional<bool> fail_closed;
    std::string period_key = "2030-01";
    int64_t period_end_unix_ms = 1'900'000'000'000;
  };
  struct Report {  // one entry of a request, as read
    std::string budget_id;
    int64_t used = 0;
    int64_t need = 0;
    bool release = false;
  };

  explicit LeaseCentral(std::vector<Budget> budgets, int64_t ttl_ms = 60'000)
      : budgets_(std::move(budgets)), ttl_ms_(ttl_ms) {}

  // The answer to one request body (200), or 400 when it is not the protocol's.
  FakeReply Answer(const FakeRequest& request);

  int64_t granted(const std::string& id) const;
  // The entries of every request so far, request by request.
  std::vector<std::vector<Report>> reports() const;
  std::vector<std::string> holders() const;

 private:
  mutable std::mutex mutex_;
  std::vector<Budget> budgets_;
  int64_t ttl_ms_;
  std::map<std::string, int64_t> granted_;
  std::map<std::string, int64_t> last_grant_;
  std::vector<std::vector<Report>> reports_;
  std::vector<std::string> holders_;
};

}  // namespace costgate::daemon::budget::testing
