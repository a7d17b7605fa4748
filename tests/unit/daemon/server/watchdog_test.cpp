// The watchdog runs on a real io_context with short timeouts. Every run is bounded by
// kRunBound, so a watchdog that never fires or never stops fails the test instead of hanging it.
#include "daemon/server/watchdog.h"

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <memory>
#include <utility>

namespace costgate::daemon::server {
namespace {

using namespace std::chrono_literals;
using Clock = Watchdog::Clock;

constexpr Clock::duration kTick = 5ms;
constexpr Clock::duration kRunBound = 5s;
// Generous upper bound for "on time" on a shared, loaded machine.
constexpr Clock::duration kLateBound = 1s;

// What the armed action observed; optionally stops the watchdog from inside the action.
struct ActionLog {
  int runs = 0;
  Clock::time_point last_run;
  Watchdog* stop_on_run = nullptr;
  bool fired_inside = false;
  Watchdog* watched = nullptr;
};

void RecordRun(void* arg) noexcept {
  auto* log = static_cast<ActionLog*>(arg);
  ++log->runs;
  log->last_run = Clock::now();
  if (log->watched != nullptr) {
    log->fired_inside = log->watched->fired();
  }
  if (log->stop_on_run != nullptr) {
    log->stop_on_run->Stop();
  }
}

// Runs `fn` on `io` once `delay` has passed.
void After(asio::io_context& io, Clock::duration delay, std::function<void()> fn) {
  auto timer = std::make_shared<asio::steady_timer>(io, delay);
  timer->async_wait([timer, fn = std::move(fn)](const error_code& ec) {
    if (!ec) {
      fn();
    }
  });
}

TEST(Watchdog, RunsTheActionOnceAfterTheArmedTimeout) {
  asio::io_context io;
  Watchdog dog(io.get_executor(), kTick);
  ActionLog log;
  const Clock::time_point armed_at = Clock::now();
  dog.Arm(40ms, &RecordRun, &log);
  dog.Start(std::make_shared<int>(0));
  After(io, 200ms, [&] { dog.Stop(); });
  io.run_for(kRunBound);

  EXPECT_EQ(log.runs, 1);
  EXPECT_GE(log.last_run - armed_at, 40ms);
  EXPECT_LT(log.last_run - armed_at, kLateBound);
}

TEST(Watchdog, ArmedBeforeStartStillFiresOnTime) {
  asio::io_context io;
  Watchdog dog(io.get_executor(), kTick);
  ActionLog log;
  log.stop_on_run = &dog;
  const Clock::time_point armed_at = Clock::now();
  dog.Arm(30ms, &RecordRun, &log);
  dog.Start(std::make_shared<int>(0));
  io.run_for(kRunBound);

  EXPECT_EQ(log.runs, 1);
  EXPECT_GE(log.last_run - armed_at, 30ms);
  EXPECT_LT(log.last_run - armed_at, kLateBound);
}

TEST(Watchdog, ReArmingPostponesTheAction) {
  asio::io_context io;
  Watchdog dog(io.get_executor(), kTick);
  ActionLog log;
  log.stop_on_run = &dog;
  const Clock::time_point armed_at = Clock::now();
  dog.Arm(250ms, &RecordRun, &log);
  dog.Start(std::make_shared<int>(0));
  Clock::time_point rearmed_at;
  After(io, 10ms, [&] {
    rearmed_at = Clock::now();
    dog.Arm(250ms, &RecordRun, &log);
  });
  io.run_for(kRunBound);

  ASSERT_LT(rearmed_at - armed_at, 250ms) << "the re-arm ran after the first deadline";
  EXPECT_EQ(log.runs, 1);
  EXPECT_GE(log.last_run - rearmed_at, 250ms);
  EXPECT_LT(log.last_run - rearmed_at, kLateBound);
}

TEST(Watchdog, ReArmingAfterAFireRunsTheActionAgain) {
  asio::io_context io;
  Watchdog dog(io.get_executor(), kTick);
  ActionLog log;
  dog.Arm(20ms, &RecordRun, &log);
  dog.Start(std::make_shared<int>(0));
  After(io, 100ms, [&] {
    ASSERT_EQ(log.runs, 1);
    log.stop_on_run = &dog;
    dog.Arm(20ms, &RecordRun, &log);
  });
  io.run_for(kRunBound);

  EXPECT_EQ(log.runs, 2);
}

TEST(Watchdog, DisarmPreventsTheAction) {
  asio::io_context io;
  Watchdog dog(io.get_executor(), kTick);
  ActionLog log;
  dog.Arm(50ms, &RecordRun, &log);
  dog.Start(std::make_shared<int>(0));
  After(io, 10ms, [&] { dog.Disarm(); });
  After(io, 200ms, [&] { dog.Stop(); });
  io.run_for(kRunBound);

  EXPECT_EQ(log.runs, 0);
  EXPECT_FALSE(dog.fired());
}

TEST(Watchdog, StopPreventsAPendingAction) {
  asio::io_context io;
  Watchdog dog(io.get_executor(), kTick);
  ActionLog log;
  dog.Arm(50ms, &RecordRun, &log);
  dog.Start(std::make_shared<int>(0));
  After(io, 10ms, [&] { dog.Stop(); });
  io.run_for(kRunBound);

  EXPECT_EQ(log.runs, 0);
}

TEST(Watchdog, FiredIsTrueWhenTheActionRuns) {
  asio::io_context io;
  Watchdog dog(io.get_executor(), kTick);
  ActionLog log;
  log.watched = &dog;
  log.stop_on_run = &dog;
  EXPECT_FALSE(dog.fired());
  dog.Arm(20ms, &RecordRun, &log);
  EXPECT_FALSE(dog.fired());
  dog.Start(std::make_shared<int>(0));
  io.run_for(kRunBound);

  ASSERT_EQ(log.runs, 1);
  EXPECT_TRUE(log.fired_inside);
  EXPECT_TRUE(dog.fired());
}

TEST(Watchdog, ArmClearsFired) {
  asio::io_context io;
  Watchdog dog(io.get_executor(), kTick);
  ActionLog log;
  log.stop_on_run = &dog;
  dog.Arm(20ms, &RecordRun, &log);
  dog.Start(std::make_shared<int>(0));
  io.run_for(kRunBound);
  ASSERT_TRUE(dog.fired());

  dog.Arm(1s, &RecordRun, &log);
  EXPECT_FALSE(dog.fired());
}

TEST(Watchdog, DisarmClearsFired) {
  asio::io_context io;
  Watchdog dog(io.get_executor(), kTick);
  ActionLog log;
  log.stop_on_run = &dog;
  dog.Arm(20ms, &RecordRun, &log);
  dog.Start(std::make_shared<int>(0));
  io.run_for(kRunBound);
  ASSERT_TRUE(dog.fired());

  dog.Disarm();
  EXPECT_FALSE(dog.fired());
}

TEST(Watchdog, StopEndsTheLoopAndReleasesTheOwner) {
  asio::io_context io;
  Watchdog dog(io.get_executor(), kTick);
  auto owner = std::make_shared<int>(7);
  const std::weak_ptr<int> weak = owner;
  dog.Start(std::move(owner));
  bool alive_while_running = false;
  After(io, 30ms, [&] {
    alive_while_running = !weak.expired();
    dog.Stop();
  });
  const Clock::time_point started = Clock::now();
  io.run_for(kRunBound);

  EXPECT_TRUE(alive_while_running);
  EXPECT_TRUE(io.stopped()) << "work left after Stop: the loop did not end";
  EXPECT_LT(Clock::now() - started, kLateBound);
  EXPECT_TRUE(weak.expired());
}

TEST(Watchdog, StopBeforeTheLoopRunsReleasesTheOwner) {
  asio::io_context io;
  Watchdog dog(io.get_executor(), kTick);
  auto owner = std::make_shared<int>(7);
  const std::weak_ptr<int> weak = owner;
  dog.Start(std::move(owner));
  dog.Stop();
  io.run_for(kRunBound);

  EXPECT_TRUE(io.stopped());
  EXPECT_TRUE(weak.expired());
}

// The shape a client connection uses: the watchdog lives inside the object it keeps alive.
struct Connection {
  explicit Connection(asio::any_io_executor executor) : dog(std::move(executor), kTick) {}
  Watchdog dog;
};

TEST(Watchdog, OwnerContainingTheWatchdogIsDestroyedAfterStop) {
  asio::io_context io;
  auto connection = std::make_shared<Connection>(io.get_executor());
  const std::weak_ptr<Connection> weak = connection;
  connection->dog.Start(connection);
  After(io, 20ms, [connection = std::move(connection)] { connection->dog.Stop(); });
  io.run_for(kRunBound);

  EXPECT_TRUE(io.stopped());
  EXPECT_TRUE(weak.expired());
}

TEST(Watchdog, ProbeRunsEveryIntervalWhileSet) {
  asio::io_context io;
  Watchdog dog(io.get_executor(), kTick);
  ActionLog log;
  const Clock::time_point set_at = Clock::now();
  dog.SetProbe(&RecordRun, &log, 20ms);
  dog.Start(std::make_shared<int>(0));
  After(io, 150ms, [&] { dog.Stop(); });
  io.run_for(kRunBound);

  // About 150 / 20 probes; never earlier than the first interval, never a burst.
  EXPECT_GE(log.runs, 3);
  EXPECT_LE(log.runs, 8);
  EXPECT_GE(log.last_run - set_at, 20ms);
}

// The probe's promise is "within one interval": with a tick as long as the interval it must
// not wait for the tick after its due time (which once made it up to two intervals).
TEST(Watchdog, ProbeRunsOneIntervalAfterSetEvenWithATickAsLongAsTheInterval) {
  asio::io_context io;
  Watchdog dog(io.get_executor(), 100ms);
  ActionLog log;
  // The first run stops the watchdog: a stop at a fixed time raced the probe on a loaded machine.
  log.stop_on_run = &dog;
  dog.Start(std::make_shared<int>(0));
  Clock::time_point set_at;
  // Set mid-tick, as a request arriving between two wake-ups does.
  After(io, 60ms, [&] {
    set_at = Clock::now();
    dog.SetProbe(&RecordRun, &log, 100ms);
  });
  io.run_for(kRunBound);

  ASSERT_EQ(log.runs, 1);
  EXPECT_GE(log.last_run - set_at, 100ms);
  EXPECT_LT(log.last_run - set_at, 110ms + kLateBound / 10);
}

TEST(Watchdog, ClearProbeStopsTheProbe) {
  asio::io_context io;
  Watchdog dog(io.get_executor(), kTick);
  ActionLog log;
  dog.SetProbe(&RecordRun, &log, 10ms);
  dog.Start(std::make_shared<int>(0));
  int runs_at_clear = -1;
  After(io, 60ms, [&] {
    dog.ClearProbe();
    runs_at_clear = log.runs;
  });
  After(io, 200ms, [&] { dog.Stop(); });
  io.run_for(kRunBound);

  EXPECT_GE(runs_at_clear, 1);
  EXPECT_EQ(log.runs, runs_at_clear);
}

TEST(Watchdog, ProbeDoesNotDisturbTheArmedDeadline) {
  asio::io_context io;
  Watchdog dog(io.get_executor(), kTick);
  ActionLog probes;
  ActionLog action;
  action.stop_on_run = &dog;
  const Clock::time_point armed_at = Clock::now();
  dog.SetProbe(&RecordRun, &probes, 10ms);
  dog.Arm(80ms, &RecordRun, &action);
  dog.Start(std::make_shared<int>(0));
  io.run_for(kRunBound);

  EXPECT_EQ(action.runs, 1);
  EXPECT_GE(action.last_run - armed_at, 80ms);
  EXPECT_GE(probes.runs, 3);
}

TEST(Watchdog, SmallerTickFromAReloadIsHonouredAfterTheNextWake) {
  asio::io_context io;
  Watchdog dog(io.get_executor(), 100ms);
  ActionLog log;
  log.stop_on_run = &dog;
  dog.Start(std::make_shared<int>(0));
  dog.set_tick(kTick);
  // Armed after the old tick's first wake: the new tick governs from then on.
  Clock::time_point armed_at;
  After(io, 120ms, [&] {
    armed_at = Clock::now();
    dog.Arm(20ms, &RecordRun, &log);
  });
  io.run_for(kRunBound);

  EXPECT_EQ(log.runs, 1);
  EXPECT_GE(log.last_run - armed_at, 20ms);
  EXPECT_LT(log.last_run - armed_at, 100ms);
}

}  // namespace
}  // namespace costgate::daemon::server
