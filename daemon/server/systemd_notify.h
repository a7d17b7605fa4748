// The service manager's notification protocol (sd_notify(3)), spoken without libsystemd: a
// `Type=notify` unit learns that the daemon is ready, reloading, stopping or still alive from
// datagrams sent to the AF_UNIX socket named by $NOTIFY_SOCKET. Without that variable (a shell,
// a container, a test) every call does nothing.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace costgate::daemon::server {

// The socket $NOTIFY_SOCKET names: a filesystem path ("/run/systemd/notify") or, written with a
// leading '@', a Linux abstract name (the '@' stands for the leading NUL byte). Nothing when the
// value is empty, relative or longer than sockaddr_un allows.
struct NotifyAddress {
  std::string name;  // as sun_path holds it: abstract names start with '\0'
  bool abstract = false;
};
std::optional<NotifyAddress> ParseNotifySocket(std::string_view value);

// How often to send WATCHDOG=1: half of $WATCHDOG_USEC, as sd_watchdog_enabled(3) advises, so
// one late ping is not fatal. Zero (no pings) when the variable is absent, not a positive
// number, or $WATCHDOG_PID names another process (the variables were inherited, not meant for
// us).
std::chrono::microseconds WatchdogInterval(const char* watchdog_usec, const char* watchdog_pid,
                                           pid_t self);

class SystemdNotifier {
 public:
  // Reads $NOTIFY_SOCKET, $WATCHDOG_USEC and $WATCHDOG_PID once; opens the datagram socket
  // when there is somewhere to send.
  static SystemdNotifier FromEnvironment();
  SystemdNotifier() = default;  // disabled
  ~SystemdNotifier();
  SystemdNotifier(SystemdNotifier&& other) noexcept;
  SystemdNotifier& operator=(SystemdNotifier&& other) noexcept;

  bool enabled() const { return fd_ >= 0; }
  std::chrono::microseconds watchdog_interval() const { return watchdog_interval_; }

  // Sends newline-separated assignments ("READY=1", "STOPPING=1\nSTATUS=draining") in one
  // datagram. Thread-safe (one sendto per call). False when disabled or the manager's socket
  // refused it; the daemon serves on either way, so callers ignore it.
  bool Send(std::string_view state) const;

 private:
  SystemdNotifier(int fd, NotifyAddress address, std::chrono::microseconds watchdog_interval);

  int fd_ = -1;
  NotifyAddress address_;
  std::chrono::microseconds watchdog_interval_{0};
};

// RELOADING=1 with the MONOTONIC_USEC= stamp systemd 253+ wants beside it (older ones ignore
// the stamp).
std::string ReloadingMessage();

}  // namespace costgate::daemon::server
