// A TCP listener on 127.0.0.1 that speaks nothing and counts what reaches it: every connection
// accepted and every byte received. Pointed at as a daemon's upstream, it proves that a request
// never left the daemon (zero connections means zero bytes, not even a TLS ClientHello).
#pragma once

#include <atomic>
#include <cstdint>
#include <thread>

namespace costgate::integration {

class CountingListener {
 public:
  // Listens on an ephemeral port; throws std::runtime_error when it cannot.
  CountingListener();
  ~CountingListener();
  CountingListener(const CountingListener&) = delete;
  CountingListener& operator=(const CountingListener&) = delete;

  uint16_t port() const { return port_; }
  uint64_t connections() const { return connections_.load(); }
  uint64_t bytes() const { return bytes_.load(); }

 private:
  void Run();

  int listen_fd_ = -1;
  int wake_fd_ = -1;  // eventfd: tells Run to stop
  uint16_t port_ = 0;
  std::atomic<uint64_t> connections_{0};
  std::atomic<uint64_t> bytes_{0};
  std::thread thread_;
};

}  // namespace costgate::integration
