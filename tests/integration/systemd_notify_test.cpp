// The daemon as a Type=notify systemd unit: the test plays the service manager with its own
// notify socket (tests/support/notify_socket.h) and checks what `costgate proxy` tells it:
// READY=1 only once clients can connect, WATCHDOG=1 at half of WATCHDOG_USEC, RELOADING=1 and
// READY=1 around a SIGHUP, STOPPING=1 on SIGTERM; and nothing at all without NOTIFY_SOCKET.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "tests/integration/central_helpers.h"
#include "tests/integration/integration_fixture_helpers.h"
#include "tests/integration/process_helpers.h"
#include "tests/integration/raw_client_helpers.h"
#include "tests/support/notify_socket.h"

namespace costgate::integration {
namespace {

using test_support::NotifySocket;

class SystemdNotifyTest : public ::testing::Test {
 protected:
  // `costgate proxy` on the embedded defaults at port_, with `env` added.
  void StartProxy(std::vector<std::string> env) {
    SpawnOptions options;
    options.argv = {COSTGATE_BINARY, "proxy"};
    options.working_dir = dir_.path();
    options.stderr_path = dir_.path() / "stderr.log";
    options.extra_env = std::move(env);
    options.extra_env.push_back("COSTGATE_LISTEN_PORT=" + std::to_string(port_));
    options.extra_env.push_back("COSTGATE_RECEIPTS_PATH=" + dir_.File("receipts.db"));
    daemon_ = std::make_unique<ChildProcess>(options);
  }

  std::string Log() const { return TailOfFile(dir_.path() / "stderr.log", 20); }

  TempDir dir_;
  NotifySocket manager_;
  // Known before the daemon starts: READY=1 is checked against it, not against a port learned
  // from the log after the daemon listens.
  uint16_t port_ = FreeLoopbackPort();
  std::unique_ptr<ChildProcess> daemon_;
};

TEST_F(SystemdNotifyTest, ReadyOnlyOnceClientsCanConnect) {
  StartProxy({"NOTIFY_SOCKET=" + manager_.env_value()});
  ASSERT_TRUE(manager_.WaitFor("READY=1", kWait)) << Log();
  RawConnection client(port_);
  EXPECT_TRUE(client.connected()) << "READY=1 came before the listener was bound\n" << Log();
}

TEST_F(SystemdNotifyTest, WatchdogPingsComeAtHalfTheWatchdogInterval) {
  // WatchdogSec=400ms: a ping every 200 ms.
  StartProxy({"NOTIFY_SOCKET=" + manager_.env_value(), "WATCHDOG_USEC=400000"});
  ASSERT_TRUE(manager_.WaitFor("READY=1", kWait)) << Log();
  const auto start = std::chrono::steady_clock::now();
  int pings = 0;
  while (std::chrono::steady_clock::now() - start < std::chrono::seconds(2)) {
    // Bounds generous for a loaded machine and the sanitizer build; systemd itself would wait
    // no longer than the 400 ms.
    const std::optional<std::string> message = manager_.Receive(std::chrono::seconds(1));
    ASSERT_TRUE(message.has_value()) << "no ping for 1 s, pings due every 200 ms\n" << Log();
    pings += *message == "WATCHDOG=1" ? 1 : 0;
  }
  // Ten in two ideal seconds.
  EXPECT_GE(pings, 5);
}

TEST_F(SystemdNotifyTest, WatchdogMeantForAnotherProcessIsNotPinged) {
  StartProxy({"NOTIFY_SOCKET=" + manager_.env_value(), "WATCHDOG_USEC=200000", "WATCHDOG_PID=1"});
  ASSERT_TRUE(manager_.WaitFor("READY=1", kWait)) << Log();
  EXPECT_EQ(manager_.Receive(std::chrono::milliseconds(500)), std::nullopt);
}

TEST_F(SystemdNotifyTest, ReloadAndDrainAreAnnounced) {
  StartProxy({"NOTIFY_SOCKET=" + manager_.env_value()});
  ASSERT_TRUE(manager_.WaitFor("READY=1", kWait)) << Log();

  // On the embedded defaults there is no file to reload: systemd still sees the reload end.
  daemon_->Signal(SIGHUP);
  ASSERT_TRUE(manager_.WaitFor("RELOADING=1", kWait)) << Log();
  EXPECT_TRUE(manager_.WaitFor("READY=1", kWait)) << Log();

  daemon_->Signal(SIGTERM);
  EXPECT_TRUE(manager_.WaitFor("STOPPING=1", kWait)) << Log();
  const std::optional<int> status = daemon_->WaitExit(kWait);
  ASSERT_TRUE(status.has_value()) << "still running after the drain\n" << Log();
  EXPECT_EQ(*status, 0) << DescribeWaitStatus(*status);
}

TEST_F(SystemdNotifyTest, WithoutNotifySocketNothingIsSent) {
  // Empty, as a shell with no service manager has it (the variable may not be unset here: the
  // child inherits the test's environment).
  StartProxy({"NOTIFY_SOCKET=", "WATCHDOG_USEC=200000"});
  const auto deadline = std::chrono::steady_clock::now() + kWait;
  while (!RawConnection(port_).connected() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_TRUE(RawConnection(port_).connected()) << Log();
  EXPECT_EQ(manager_.Receive(std::chrono::milliseconds(500)), std::nullopt);
}

}  // namespace
}  // namespace costgate::integration
