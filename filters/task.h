// Task<T>: what a suspendable filter hook returns, without Asio (filters compile without it).
//
// A Task is one of two things:
//   - ready: built implicitly from a T (`return Next::kContinue;`). No coroutine frame, no
//     allocation: a synchronous filter pays for a 16-byte return value and nothing else.
//   - a lazy C++20 coroutine (a function returning Task<T> that uses co_await / co_return). Its
//     body does not run until the Task is started (Start) or awaited from another Task.
//
// Contract:
//   - ready() is true for a value-built Task and for a coroutine that has finished; value() may
//     only be read then. operator== against a T is false while not ready.
//   - A coroutine Task is either started once with Start, or co_awaited once from another Task
//     coroutine (which then runs it as part of itself); never both.
//   - Start(post, done) runs the coroutine until it suspends or finishes; `done` runs exactly
//     once when it has finished, possibly before Start returns, always on the thread that owns
//     the request. `post` is how a suspended Task gets back there: it must run `work` later on
//     that thread (the daemon posts it to the connection's executor: daemon/proxy/task_wait.h).
//   - The Task owns its frame: destroying a Task that is suspended destroys the frame, the
//     Tasks it awaits and their Answers, and `done` never runs.
//   - No exceptions: the data path reports failures as values (STYLE.md habit 6); an exception
//     escaping a Task coroutine ends the process, as one escaping a noexcept hook would.
//
// Answer<T> is what a Task coroutine awaits for a value computed elsewhere (central's preflight
// answer, from another thread): give answer.sender() to the computation, then `co_await answer`.
// Sender::Send may be called from any thread; the coroutine resumes through `post`, never inside
// Send. The sender does not keep the request alive: when the request went away first (its Task
// destroyed), Send does nothing and returns false.
#pragma once

#include <coroutine>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>

namespace costgate::filters {

// Runs `work` later on the thread that owns the request (never inline from another thread).
using Post = std::function<void(std::function<void()> work)>;

template <typename T>
class Task;

namespace task_detail {

// What every Task frame knows, whatever its T: where it resumes from and how to get home.
struct PromiseBase {
  std::coroutine_handle<> continuation;  // the awaiting Task's frame; null for the started root
  std::function<void()> done;            // the root's Start callback
  const Post* post = nullptr;            // the root's own_post, shared by every frame it runs
  Post own_post;                         // set by Start on the root
};

template <typename T>
struct Promise : PromiseBase {
  std::optional<T> result;

  Task<T> get_return_object() noexcept {
    return Task<T>(std::coroutine_handle<Promise>::from_promise(*this));
  }
  std::suspend_always initial_suspend() noexcept { return {}; }  // lazy: runs when started
  auto final_suspend() noexcept {
    struct Final {
      bool await_ready() noexcept { return false; }
      std::coroutine_handle<> await_suspend(std::coroutine_handle<Promise> self) noexcept {
        PromiseBase& p = self.promise();
        if (p.continuation) {
          return p.continuation;  // symmetric transfer: no stack growth through nesting
        }
        // `done` may destroy this Task and its frame: nothing here touches the frame after it.
        const std::function<void()> done = std::move(p.done);
        if (done) {
          done();
        }
        return std::noop_coroutine();
      }
      void await_resume() noexcept {}
    };
    return Final{};
  }
  void return_value(T value) { result.emplace(std::move(value)); }
  void unhandled_exception() noexcept { std::terminate(); }
};

}  // namespace task_detail

template <typename T>
class [[nodiscard]] Task {
 public:
  using promise_type = task_detail::Promise<T>;

  // Ready at once (the synchronous filters' path). Implicit so that `return Next::kContinue;`
  // works in a function returning Task<Next>.
  Task(T value) : value_(std::move(value)) {}  // NOLINT(google-explicit-constructor)

  Task(Task&& other) noexcept
      : value_(std::move(other.value_)), handle_(std::exchange(other.handle_, {})) {}
  Task& operator=(Task&& other) noexcept {
    if (this != &other) {
      Reset();
      value_ = std::move(other.value_);
      handle_ = std::exchange(other.handle_, {});
    }
    return *this;
  }
  Task(const Task&) = delete;
  Task& operator=(const Task&) = delete;
  ~Task() { Reset(); }

  bool ready() const noexcept { return !handle_ || handle_.done(); }

  // Precondition: ready().
  const T& value() const noexcept { return handle_ ? *handle_.promise().result : *value_; }

  // Runs the coroutine (see the contract above). Precondition: not ready, not started.
  void Start(Post post, std::function<void()> done) {
    promise_type& p = handle_.promise();
    p.own_post = std::move(post);
    p.post = &p.own_post;  // the root frame outlives the frames it awaits
    p.done = std::move(done);
    handle_.resume();
  }

  // Awaiting a Task from a Task coroutine: a ready one gives its value without suspending; a
  // coroutine one runs as part of the awaiting frame and resumes it when it finishes.
  auto operator co_await() && noexcept { return Awaiter{*this}; }

  friend bool operator==(const Task& task, const T& value) {
    return task.ready() && task.value() == value;
  }

 private:
  friend promise_type;
  explicit Task(std::coroutine_handle<promise_type> handle) noexcept : handle_(handle) {}

  struct Awaiter {
    Task& task;
    bool await_ready() const noexcept { return task.ready(); }
    template <typename P>
    std::coroutine_handle<> await_suspend(std::coroutine_handle<P> awaiting) noexcept {
      promise_type& child = task.handle_.promise();
      child.continuation = awaiting;
      child.post = awaiting.promise().post;
      return task.handle_;
    }
    T await_resume() const noexcept { return task.value(); }
  };

  void Reset() noexcept {
    if (handle_) {
      handle_.destroy();
      handle_ = {};
    }
  }

  std::optional<T> value_;
  std::coroutine_handle<promise_type> handle_;
};

template <typename T>
class Answer {
  struct State {
    std::mutex mutex;
    std::optional<T> value;
    std::coroutine_handle<> waiter;  // the suspended frame; null when none (yet, or any more)
    Post post;                       // copied from the waiter's Task at suspension
  };

 public:
  class Sender {
   public:
    // Delivers the answer (thread-safe). False when it cannot be used: the Answer is gone (the
    // request went away) or an answer was already sent.
    bool Send(T value) const {
      const std::shared_ptr<State> state = state_.lock();
      if (state == nullptr) {
        return false;
      }
      Post post;
      {
        const std::lock_guard lock(state->mutex);
        if (state->value.has_value()) {
          return false;
        }
        state->value.emplace(std::move(value));
        if (!state->waiter) {
          return true;  // not awaited yet: the co_await finds it without suspending
        }
        post = state->post;
      }
      // On the request's thread, the frame is resumed only if it still exists: a request torn
      // down meanwhile cleared the waiter, on that same thread, before this runs.
      post([state] {
        std::coroutine_handle<> waiter;
        {
          const std::lock_guard lock(state->mutex);
          waiter = std::exchange(state->waiter, {});
        }
        if (waiter) {
          waiter.resume();
        }
      });
      return true;
    }

   private:
    friend Answer;
    explicit Sender(std::weak_ptr<State> state) : state_(std::move(state)) {}
    std::weak_ptr<State> state_;
  };

  Answer() : state_(std::make_shared<State>()) {}
  Answer(const Answer&) = delete;
  Answer& operator=(const Answer&) = delete;

  Sender sender() const { return Sender(state_); }

  // Only from a Task coroutine that was started or awaited (it needs the Task's Post).
  auto operator co_await() & noexcept { return Awaiter(*state_); }

 private:
  // Lives in the awaiting frame while it is suspended: a frame destroyed there (the request torn
  // down) takes its registration with it, so a later Send finds no waiter, even when the Answer
  // itself (a filter's member, say) outlives the frame.
  struct Awaiter {
    explicit Awaiter(State& s) noexcept : state(s) {}
    Awaiter(const Awaiter&) = delete;
    Awaiter& operator=(const Awaiter&) = delete;
    ~Awaiter() {
      if (registered) {
        const std::lock_guard lock(state.mutex);
        if (state.waiter == registered) {
          state.waiter = {};
        }
      }
    }
    bool await_ready() const {
      const std::lock_guard lock(state.mutex);
      return state.value.has_value();
    }
    template <typename P>
    bool await_suspend(std::coroutine_handle<P> awaiting) {
      const std::lock_guard lock(state.mutex);
      if (state.value.has_value()) {
        return false;  // sent between await_ready and here: carry on
      }
      state.waiter = awaiting;
      registered = awaiting;
      state.post = *awaiting.promise().post;
      return true;
    }
    T await_resume() {
      const std::lock_guard lock(state.mutex);
      return std::move(*state.value);
    }

    State& state;
    std::coroutine_handle<> registered;
  };

  std::shared_ptr<State> state_;
};

}  // namespace costgate::filters
