#include "daemon/server/systemd_notify.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstddef>
#include <cstdlib>
#include <ctime>
#include <utility>

namespace costgate::daemon::server {

std::optional<NotifyAddress> ParseNotifySocket(std::string_view value) {
  // Same limits as libsystemd: a path must be absolute, and neither form may overflow sun_path
  // (a path also needs its terminating NUL, an abstract name does not).
  constexpr size_t kSunPath = sizeof(sockaddr_un{}.sun_path);
  if (value.size() >= 2 && value.front() == '@' && value.size() <= kSunPath) {
    NotifyAddress address{std::string(value), true};
    address.name[0] = '\0';
    return address;
  }
  if (!value.empty() && value.front() == '/' && value.size() < kSunPath) {
    return NotifyAddress{std::string(value), false};
  }
  return std::nullopt;
}

std::chrono::microseconds WatchdogInterval(const char* watchdog_usec, const char* watchdog_pid,
                                           pid_t self) {
  if (watchdog_usec == nullptr) {
    return std::chrono::microseconds{0};
  }
  const std::string_view usec_text(watchdog_usec);
  uint64_t usec = 0;
  const auto parsed = std::from_chars(usec_text.data(), usec_text.data() + usec_text.size(), usec);
  if (parsed.ec != std::errc{} || parsed.ptr != usec_text.data() + usec_text.size() || usec == 0) {
    return std::chrono::microseconds{0};
  }
  if (watchdog_pid != nullptr) {
    const std::string_view pid_text(watchdog_pid);
    long pid = 0;
    const auto pid_parsed =
        std::from_chars(pid_text.data(), pid_text.data() + pid_text.size(), pid);
    if (pid_parsed.ec != std::errc{} || pid != static_cast<long>(self)) {
      return std::chrono::microseconds{0};
    }
  }
  return std::chrono::microseconds{static_cast<int64_t>(usec / 2)};
}

SystemdNotifier SystemdNotifier::FromEnvironment() {
  const char* socket_env = std::getenv("NOTIFY_SOCKET");
  if (socket_env == nullptr) {
    return {};
  }
  std::optional<NotifyAddress> address = ParseNotifySocket(socket_env);
  if (!address) {
    return {};
  }
  const int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    return {};
  }
  return SystemdNotifier(
      fd, std::move(*address),
      WatchdogInterval(std::getenv("WATCHDOG_USEC"), std::getenv("WATCHDOG_PID"), ::getpid()));
}

SystemdNotifier::SystemdNotifier(int fd, NotifyAddress address,
                                 std::chrono::microseconds watchdog_interval)
    : fd_(fd), address_(std::move(address)), watchdog_interval_(watchdog_interval) {}

SystemdNotifier::~SystemdNotifier() {
  if (fd_ >= 0) {
    ::close(fd_);
  }
}

SystemdNotifier::SystemdNotifier(SystemdNotifier&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)),
      address_(std::move(other.address_)),
      watchdog_interval_(other.watchdog_interval_) {}

SystemdNotifier& SystemdNotifier::operator=(SystemdNotifier&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) {
      ::close(fd_);
    }
    fd_ = std::exchange(other.fd_, -1);
    address_ = std::move(other.address_);
    watchdog_interval_ = other.watchdog_interval_;
  }
  return *this;
}

bool SystemdNotifier::Send(std::string_view state) const {
  if (fd_ < 0) {
    return false;
  }
  sockaddr_un to{};
  to.sun_family = AF_UNIX;
  address_.name.copy(to.sun_path, address_.name.size());
  // An abstract name's length is exact (trailing NULs would be part of it); a path's includes
  // its NUL.
  const auto length = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) +
                                             address_.name.size() + (address_.abstract ? 0 : 1));
  ssize_t sent = 0;
  do {
    sent = ::sendto(fd_, state.data(), state.size(), MSG_NOSIGNAL,
                    reinterpret_cast<const sockaddr*>(&to), length);
  } while (sent < 0 && errno == EINTR);
  return sent == static_cast<ssize_t>(state.size());
}

std::string ReloadingMessage() {
  timespec now{};
  ::clock_gettime(CLOCK_MONOTONIC, &now);
  const uint64_t usec =
      static_cast<uint64_t>(now.tv_sec) * 1'000'000 + static_cast<uint64_t>(now.tv_nsec) / 1000;
  return "RELOADING=1\nMONOTONIC_USEC=" + std::to_string(usec);
}

}  // namespace costgate::daemon::server
