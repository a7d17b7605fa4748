#include "tests/support/notify_socket.h"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <cstddef>
#include <stdexcept>

namespace costgate::test_support {

namespace {
std::atomic<int> next_notify_socket{0};
}  // namespace

NotifySocket::NotifySocket() {
  fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) {
    throw std::runtime_error("socket(AF_UNIX, SOCK_DGRAM) failed");
  }
  // Unique per process and socket: tests run in parallel shards.
  const std::string name = "costgate-test-notify-" + std::to_string(::getpid()) + "-" +
                           std::to_string(next_notify_socket.fetch_add(1));
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  address.sun_path[0] = '\0';
  name.copy(address.sun_path + 1, name.size());
  const auto length = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + 1 + name.size());
  if (::bind(fd_, reinterpret_cast<const sockaddr*>(&address), length) != 0) {
    ::close(fd_);
    throw std::runtime_error("bind of the abstract notify socket failed");
  }
  env_value_ = "@" + name;
}

NotifySocket::~NotifySocket() { ::close(fd_); }

std::optional<std::string> NotifySocket::Receive(std::chrono::milliseconds timeout) {
  pollfd wait{fd_, POLLIN, 0};
  if (::poll(&wait, 1, static_cast<int>(timeout.count())) != 1) {
    return std::nullopt;
  }
  char buffer[4096];
  const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
  if (n < 0) {
    return std::nullopt;
  }
  return std::string(buffer, static_cast<size_t>(n));
}

bool NotifySocket::WaitFor(const std::string& message, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      return false;
    }
    const std::optional<std::string> got = Receive(left);
    if (!got) {
      return false;
    }
    if (*got == message || got->rfind(message + "\n", 0) == 0) {
      return true;
    }
  }
}

}  // namespace costgate::test_support
