// daemon/proxy/task_wait.h: a filters::Task awaited from an Asio coroutine resumes on the
// io_context's thread, and a daemon stop (the io_context destroyed) tears a waiting Task down.
#include "daemon/proxy/task_wait.h"

#include <gtest/gtest.h>

#include <optional>
#include <thread>

namespace costgate::daemon::proxy {
namespace {

// Sets *flag when destroyed: tells whether a coroutine frame was freed.
struct WaitFrameProbe {
  bool* destroyed;
  ~WaitFrameProbe() { *destroyed = true; }
};

// A filter-side Task that waits for its Answer and records the thread it continued on.
filters::Task<int> AskElsewhere(std::optional<filters::Answer<int>::Sender>& sender,
                                std::thread::id& resumed_on, bool* destroyed) {
  const WaitFrameProbe probe{destroyed};
  filters::Answer<int> answer;
  sender.emplace(answer.sender());
  const int value = co_await answer;
  resumed_on = std::this_thread::get_id();
  co_return value + 1;
}

TEST(TaskWait, AnswerFromAnotherThreadContinuesOnTheExecutor) {
  asio::io_context io;
  std::optional<filters::Answer<int>::Sender> sender;
  std::thread::id filter_resumed_on;
  std::thread::id session_resumed_on;
  bool frame_destroyed = false;
  std::optional<int> result;
  asio::co_spawn(
      io,
      [&]() -> Awaitable<void> {
        result = co_await Wait(AskElsewhere(sender, filter_resumed_on, &frame_destroyed));
        session_resumed_on = std::this_thread::get_id();
      },
      asio::detached);
  io.poll();  // runs until the filter waits
  ASSERT_TRUE(sender.has_value());
  EXPECT_FALSE(result.has_value());
  std::thread central([&sender] { EXPECT_TRUE(sender->Send(41)); });
  central.join();
  io.run();  // the posted resumption, then the session's continuation
  EXPECT_EQ(result, 42);
  EXPECT_EQ(filter_resumed_on, std::this_thread::get_id());
  EXPECT_EQ(session_resumed_on, std::this_thread::get_id());
  EXPECT_TRUE(frame_destroyed);
}

TEST(TaskWait, TaskThatFinishesWithoutSuspendingNeedsNoWakeUp) {
  asio::io_context io;
  std::optional<int> result;
  auto seven = []() -> filters::Task<int> { co_return 7; };
  asio::co_spawn(
      io, [&]() -> Awaitable<void> { result = co_await Wait(seven()); }, asio::detached);
  io.run();
  EXPECT_EQ(result, 7);
}

TEST(TaskWait, DaemonStopDestroysTheWaitingTaskAndTheSession) {
  auto io = std::make_unique<asio::io_context>();
  std::optional<filters::Answer<int>::Sender> sender;
  std::thread::id unused;
  bool filter_frame_destroyed = false;
  bool session_frame_destroyed = false;
  bool continued = false;
  asio::co_spawn(
      *io,
      [&]() -> Awaitable<void> {
        const WaitFrameProbe probe{&session_frame_destroyed};
        co_await Wait(AskElsewhere(sender, unused, &filter_frame_destroyed));
        continued = true;
      },
      asio::detached);
  io->poll();
  ASSERT_TRUE(sender.has_value());
  io.reset();  // what a daemon stop does to a connection still waiting
  EXPECT_TRUE(filter_frame_destroyed);
  EXPECT_TRUE(session_frame_destroyed) << "the session's completion guard would run here";
  EXPECT_FALSE(continued);
  EXPECT_FALSE(sender->Send(1)) << "the request went away";
}

}  // namespace
}  // namespace costgate::daemon::proxy
