// The service manager's side of sd_notify for tests: an AF_UNIX datagram socket bound to a
// fresh abstract name, as systemd binds its own, that collects the messages a daemon sends.
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace costgate::test_support {

class NotifySocket {
 public:
  NotifySocket();  // throws std::runtime_error when the socket cannot be bound
  ~NotifySocket();
  NotifySocket(const NotifySocket&) = delete;
  NotifySocket& operator=(const NotifySocket&) = delete;

  // The value for $NOTIFY_SOCKET: "@" and the abstract name.
  const std::string& env_value() const { return env_value_; }
  // The next datagram, or nothing when none arrives within `timeout`.
  std::optional<std::string> Receive(std::chrono::milliseconds timeout);
  // Datagrams until one equal to `message` or starting with `message` + "\n"; the ones read
  // before it are dropped. False when none arrives within `timeout`.
  bool WaitFor(const std::string& message, std::chrono::milliseconds timeout);

 private:
  int fd_ = -1;
  std::string env_value_;
};

}  // namespace costgate::test_support
