// filters/task.h: ready Tasks, lazy coroutine Tasks started and resumed through their Post,
// nesting, Answers delivered from elsewhere, and teardown of a suspended Task.
#include "filters/task.h"

#include <gtest/gtest.h>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

namespace costgate::filters {
namespace {

// The thread that owns the request, reduced to a queue the test drains by hand.
class WorkQueue {
 public:
  Post post() {
    return [this](std::function<void()> work) {
      const std::lock_guard lock(mutex_);
      work_.push_back(std::move(work));
      ready_.notify_all();
    };
  }
  size_t size() {
    const std::lock_guard lock(mutex_);
    return work_.size();
  }
  void WaitForWork() {
    std::unique_lock lock(mutex_);
    ready_.wait(lock, [this] { return !work_.empty(); });
  }
  void RunAll() {
    for (;;) {
      std::function<void()> work;
      {
        const std::lock_guard lock(mutex_);
        if (work_.empty()) {
          return;
        }
        work = std::move(work_.front());
        work_.pop_front();
      }
      work();
    }
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> work_;
};

// Sets *flag when destroyed: tells whether a coroutine frame was freed.
struct FrameProbe {
  bool* destroyed;
  ~FrameProbe() { *destroyed = true; }
};

Task<int> Plus(int a, int b) { co_return a + b; }

Task<int> AwaitAnswer(Answer<int>& answer, bool* destroyed) {
  const FrameProbe probe{destroyed};
  co_return co_await answer * 10;
}

Task<int> AwaitInner(Answer<int>& answer, bool* inner_destroyed, bool* outer_destroyed) {
  const FrameProbe probe{outer_destroyed};
  const int ready = co_await Task<int>(1);
  const int sum = co_await Plus(ready, 2);
  const int answered = co_await AwaitAnswer(answer, inner_destroyed);
  co_return sum + answered;
}

// A request whose Answer lives in its own frame, handing out the sender.
Task<int> AwaitOwnAnswer(std::optional<Answer<int>::Sender>& sender, bool* destroyed) {
  const FrameProbe probe{destroyed};
  Answer<int> answer;
  sender.emplace(answer.sender());
  co_return co_await answer;
}

TEST(Task, BuiltFromAValueIsReadyAtOnce) {
  const Task<int> task = 42;
  EXPECT_TRUE(task.ready());
  EXPECT_EQ(task.value(), 42);
  EXPECT_EQ(task, 42);
  EXPECT_FALSE(task == 41);
}

TEST(Task, CoroutineDoesNotRunUntilStarted) {
  bool ran = false;
  auto body = [&ran]() -> Task<int> {
    ran = true;
    co_return 7;
  };
  Task<int> task = body();
  EXPECT_FALSE(task.ready());
  EXPECT_FALSE(task == 7) << "a Task that is not ready equals nothing";
  EXPECT_FALSE(ran);
  WorkQueue queue;
  int done_calls = 0;
  task.Start(queue.post(), [&done_calls] { ++done_calls; });
  EXPECT_TRUE(ran);
  EXPECT_TRUE(task.ready());
  EXPECT_EQ(done_calls, 1) << "a Task that never suspends is done before Start returns";
  EXPECT_EQ(task.value(), 7);
  EXPECT_EQ(queue.size(), 0u);
}

TEST(Task, SuspendedOnAnAnswerResumesThroughPostNotInsideSend) {
  Answer<int> answer;
  bool destroyed = false;
  Task<int> task = AwaitAnswer(answer, &destroyed);
  WorkQueue queue;
  int done_calls = 0;
  task.Start(queue.post(), [&done_calls] { ++done_calls; });
  EXPECT_FALSE(task.ready());
  EXPECT_EQ(done_calls, 0);

  EXPECT_TRUE(answer.sender().Send(4));
  EXPECT_FALSE(task.ready()) << "Send only posts the resumption";
  EXPECT_EQ(queue.size(), 1u);
  queue.RunAll();
  EXPECT_TRUE(task.ready());
  EXPECT_EQ(done_calls, 1);
  EXPECT_EQ(task.value(), 40);
  EXPECT_TRUE(destroyed) << "the finished coroutine's locals are gone";
}

TEST(Task, AnswerSentBeforeTheAwaitDoesNotSuspend) {
  Answer<int> answer;
  EXPECT_TRUE(answer.sender().Send(5));
  bool destroyed = false;
  Task<int> task = AwaitAnswer(answer, &destroyed);
  WorkQueue queue;
  int done_calls = 0;
  task.Start(queue.post(), [&done_calls] { ++done_calls; });
  EXPECT_EQ(done_calls, 1);
  EXPECT_EQ(task.value(), 50);
  EXPECT_EQ(queue.size(), 0u);
}

TEST(Task, SecondSendIsRefused) {
  Answer<int> answer;
  const Answer<int>::Sender sender = answer.sender();
  EXPECT_TRUE(sender.Send(1));
  EXPECT_FALSE(sender.Send(2));
}

TEST(Task, NestedAwaitsRunReadyAndSuspendedTasksInOrder) {
  Answer<int> answer;
  bool inner_destroyed = false;
  bool outer_destroyed = false;
  Task<int> task = AwaitInner(answer, &inner_destroyed, &outer_destroyed);
  WorkQueue queue;
  int done_calls = 0;
  task.Start(queue.post(), [&done_calls] { ++done_calls; });
  EXPECT_FALSE(task.ready()) << "suspended two frames down";
  EXPECT_TRUE(answer.sender().Send(6));
  queue.RunAll();
  ASSERT_TRUE(task.ready());
  EXPECT_EQ(done_calls, 1);
  EXPECT_EQ(task.value(), 3 + 60);
  EXPECT_TRUE(inner_destroyed);
  EXPECT_TRUE(outer_destroyed);
}

TEST(Task, AnswerFromAnotherThreadResumesOnTheOwningThread) {
  Answer<int> answer;
  bool destroyed = false;
  Task<int> task = AwaitAnswer(answer, &destroyed);
  WorkQueue queue;
  std::thread::id resumed_on;
  task.Start(queue.post(), [&resumed_on] { resumed_on = std::this_thread::get_id(); });
  std::thread central([sender = answer.sender()] { EXPECT_TRUE(sender.Send(9)); });
  queue.WaitForWork();
  central.join();
  EXPECT_FALSE(task.ready());
  queue.RunAll();
  EXPECT_EQ(task.value(), 90);
  EXPECT_EQ(resumed_on, std::this_thread::get_id());
}

TEST(Task, DestroyingASuspendedTaskFreesEveryFrameAndSilencesTheSender) {
  Answer<int> answer;
  const Answer<int>::Sender sender = answer.sender();
  bool inner_destroyed = false;
  bool outer_destroyed = false;
  WorkQueue queue;
  bool done = false;
  {
    Task<int> task = AwaitInner(answer, &inner_destroyed, &outer_destroyed);
    task.Start(queue.post(), [&done] { done = true; });
    ASSERT_FALSE(task.ready());
  }
  EXPECT_TRUE(inner_destroyed);
  EXPECT_TRUE(outer_destroyed);
  EXPECT_FALSE(done) << "done never runs for a Task destroyed before it finished";
  // The Answer itself lives on here (it is the test's), but nobody waits for it any more.
  EXPECT_TRUE(sender.Send(1));
  queue.RunAll();
  EXPECT_FALSE(done);
}

TEST(Task, SenderOutlivingTheRequestDoesNothing) {
  std::optional<Answer<int>::Sender> sender;
  WorkQueue queue;
  bool destroyed = false;
  {
    Task<int> task = AwaitOwnAnswer(sender, &destroyed);
    task.Start(queue.post(), [] {});
    ASSERT_FALSE(task.ready());
  }
  EXPECT_TRUE(destroyed);
  EXPECT_FALSE(sender->Send(3)) << "the request went away: its Answer is gone";
  EXPECT_EQ(queue.size(), 0u);
}

TEST(Task, TornDownBetweenSendAndResumeIsNotResumed) {
  std::optional<Answer<int>::Sender> sender;
  WorkQueue queue;
  bool destroyed = false;
  bool done = false;
  {
    Task<int> task = AwaitOwnAnswer(sender, &destroyed);
    task.Start(queue.post(), [&done] { done = true; });
    EXPECT_TRUE(sender->Send(3));
    EXPECT_EQ(queue.size(), 1u);
  }
  EXPECT_TRUE(destroyed);
  queue.RunAll();  // the posted resumption finds no waiter
  EXPECT_FALSE(done);
}

}  // namespace
}  // namespace costgate::filters
