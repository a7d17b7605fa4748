// sd_notify without libsystemd: the $NOTIFY_SOCKET and $WATCHDOG_* parsing as plain functions,
// and the datagrams on a real abstract AF_UNIX socket (tests/support/notify_socket.h plays
// systemd). The daemon's use of it (READY=1 after listening, pings, reload, drain):
// tests/integration/systemd_notify_test.cpp.
#include "daemon/server/systemd_notify.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <chrono>
#include <optional>
#include <string>

#include "tests/support/notify_socket.h"

namespace costgate::daemon::server {
namespace {

using std::chrono::microseconds;
using std::chrono::milliseconds;

// Sets (or with nullptr unsets) an environment variable for one test, then puts it back.
class ScopedNotifyEnv {
 public:
  ScopedNotifyEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name); old != nullptr) {
      old_ = old;
    }
    Set(value);
  }
  ~ScopedNotifyEnv() { Set(old_ ? old_->c_str() : nullptr); }
  ScopedNotifyEnv(const ScopedNotifyEnv&) = delete;
  ScopedNotifyEnv& operator=(const ScopedNotifyEnv&) = delete;

 private:
  void Set(const char* value) {
    if (value == nullptr) {
      ::unsetenv(name_);
    } else {
      ::setenv(name_, value, 1);
    }
  }

  const char* name_;
  std::optional<std::string> old_;
};

TEST(ParseNotifySocket, AbstractNameStartsWithNul) {
  const auto address = ParseNotifySocket("@costgate/notify");
  ASSERT_TRUE(address.has_value());
  EXPECT_TRUE(address->abstract);
  EXPECT_EQ(address->name, std::string("\0costgate/notify", 16));
}

TEST(ParseNotifySocket, AbsolutePathIsKeptAsIs) {
  const auto address = ParseNotifySocket("/run/systemd/notify");
  ASSERT_TRUE(address.has_value());
  EXPECT_FALSE(address->abstract);
  EXPECT_EQ(address->name, "/run/systemd/notify");
}

TEST(ParseNotifySocket, EmptyRelativeOrTooLongIsNone) {
  EXPECT_EQ(ParseNotifySocket(""), std::nullopt);
  EXPECT_EQ(ParseNotifySocket("@"), std::nullopt);
  EXPECT_EQ(ParseNotifySocket("run/notify"), std::nullopt);
  EXPECT_EQ(ParseNotifySocket("/" + std::string(200, 'x')), std::nullopt);
}

TEST(WatchdogInterval, HalfOfWatchdogUsec) {
  EXPECT_EQ(WatchdogInterval("30000000", nullptr, 42), microseconds(15'000'000));
  EXPECT_EQ(WatchdogInterval("30000000", "42", 42), microseconds(15'000'000));
}

TEST(WatchdogInterval, NoneWhenAbsentMalformedOrForAnotherProcess) {
  EXPECT_EQ(WatchdogInterval(nullptr, nullptr, 42), microseconds(0));
  EXPECT_EQ(WatchdogInterval("", nullptr, 42), microseconds(0));
  EXPECT_EQ(WatchdogInterval("0", nullptr, 42), microseconds(0));
  EXPECT_EQ(WatchdogInterval("30s", nullptr, 42), microseconds(0));
  EXPECT_EQ(WatchdogInterval("-5", nullptr, 42), microseconds(0));
  EXPECT_EQ(WatchdogInterval("30000000", "41", 42), microseconds(0));
  EXPECT_EQ(WatchdogInterval("30000000", "x", 42), microseconds(0));
}

TEST(SystemdNotifier, SendsEachMessageAsOneDatagram) {
  test_support::NotifySocket manager;
  ScopedNotifyEnv socket("NOTIFY_SOCKET", manager.env_value().c_str());
  ScopedNotifyEnv usec("WATCHDOG_USEC", "2000000");
  ScopedNotifyEnv pid("WATCHDOG_PID", nullptr);
  const SystemdNotifier notifier = SystemdNotifier::FromEnvironment();
  ASSERT_TRUE(notifier.enabled());
  EXPECT_EQ(notifier.watchdog_interval(), microseconds(1'000'000));

  EXPECT_TRUE(notifier.Send("READY=1\nSTATUS=serving"));
  EXPECT_TRUE(notifier.Send("WATCHDOG=1"));
  EXPECT_EQ(manager.Receive(milliseconds(1000)), "READY=1\nSTATUS=serving");
  EXPECT_EQ(manager.Receive(milliseconds(1000)), "WATCHDOG=1");
}

TEST(SystemdNotifier, ReloadingCarriesTheMonotonicStamp) {
  const std::string message = ReloadingMessage();
  EXPECT_EQ(message.rfind("RELOADING=1\nMONOTONIC_USEC=", 0), 0u) << message;
  EXPECT_GT(message.size(), std::string("RELOADING=1\nMONOTONIC_USEC=").size());
}

TEST(SystemdNotifier, WithoutNotifySocketDoesNothing) {
  ScopedNotifyEnv socket("NOTIFY_SOCKET", nullptr);
  ScopedNotifyEnv usec("WATCHDOG_USEC", "2000000");
  const SystemdNotifier notifier = SystemdNotifier::FromEnvironment();
  EXPECT_FALSE(notifier.enabled());
  EXPECT_EQ(notifier.watchdog_interval(), microseconds(0));
  EXPECT_FALSE(notifier.Send("READY=1"));
}

TEST(SystemdNotifier, GoneManagerIsNotAnError) {
  std::string gone;
  {
    test_support::NotifySocket manager;
    gone = manager.env_value();
  }
  ScopedNotifyEnv socket("NOTIFY_SOCKET", gone.c_str());
  const SystemdNotifier notifier = SystemdNotifier::FromEnvironment();
  EXPECT_TRUE(notifier.enabled());
  EXPECT_FALSE(notifier.Send("READY=1"));  // refused, and the caller serves on
}

}  // namespace
}  // namespace costgate::daemon::server
