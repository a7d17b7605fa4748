// RunRequestFilters: the synchronous chain is ready at once; a filter that suspends hands the
// rest of the chain to a Task that carries on, in order, once its answer arrives.
#include "filters/request_phase.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

namespace costgate::filters {
namespace {

using PhaseFilters = std::vector<std::unique_ptr<Filter>>;

// Appends its name to x.reason (the test's trace) and returns `next`.
class SyncStep final : public Filter {
 public:
  SyncStep(std::string name, Next next) : name_(std::move(name)), next_(next) {}
  Task<Next> OnRequest(Exchange& x) override {
    x.reason += name_;
    return next_;
  }

 private:
  std::string name_;
  Next next_;
};

// Waits for its Answer (the way preflight will wait for central) and returns what it says.
class WaitingStep final : public Filter {
 public:
  explicit WaitingStep(std::optional<Answer<Next>::Sender>& sender) : sender_(sender) {}
  Task<Next> OnRequest(Exchange& x) override {
    x.reason += "wait,";
    sender_.emplace(answer_.sender());
    const Next next = co_await answer_;
    x.reason += "answered,";
    co_return next;
  }

 private:
  std::optional<Answer<Next>::Sender>& sender_;
  Answer<Next> answer_;
};

std::vector<std::function<void()>> phase_posted;
Post PhaseQueue() {
  return [](std::function<void()> work) { phase_posted.push_back(std::move(work)); };
}
void RunPhasePosted() {
  while (!phase_posted.empty()) {
    auto work = std::move(phase_posted.front());
    phase_posted.erase(phase_posted.begin());
    work();
  }
}

TEST(RequestPhase, SynchronousFiltersAreReadyAtOnceInOrder) {
  PhaseFilters chain;
  chain.push_back(std::make_unique<SyncStep>("a,", Next::kContinue));
  chain.push_back(std::make_unique<SyncStep>("b,", Next::kContinue));
  Exchange x;
  const Task<Next> phase = RunRequestFilters(chain, x);
  ASSERT_TRUE(phase.ready());
  EXPECT_EQ(phase.value(), Next::kContinue);
  EXPECT_EQ(x.reason, "a,b,");
}

TEST(RequestPhase, AnAnswerStopsTheFiltersAfterIt) {
  PhaseFilters chain;
  chain.push_back(std::make_unique<SyncStep>("a,", Next::kAnswered));
  chain.push_back(std::make_unique<SyncStep>("b,", Next::kContinue));
  Exchange x;
  EXPECT_EQ(RunRequestFilters(chain, x), Next::kAnswered);
  EXPECT_EQ(x.reason, "a,");
}

TEST(RequestPhase, ASuspendedFilterResumesTheRestOfTheChainWhenAnswered) {
  std::optional<Answer<Next>::Sender> sender;
  PhaseFilters chain;
  chain.push_back(std::make_unique<SyncStep>("a,", Next::kContinue));
  chain.push_back(std::make_unique<WaitingStep>(sender));
  chain.push_back(std::make_unique<SyncStep>("c,", Next::kContinue));
  Exchange x;
  Task<Next> phase = RunRequestFilters(chain, x);
  ASSERT_FALSE(phase.ready());
  EXPECT_EQ(x.reason, "a,") << "a suspendable filter's body runs when the Task is started";
  bool done = false;
  phase.Start(PhaseQueue(), [&done] { done = true; });
  EXPECT_EQ(x.reason, "a,wait,") << "the chain stops at the filter that waits";
  EXPECT_FALSE(done);
  ASSERT_TRUE(sender.has_value());
  EXPECT_TRUE(sender->Send(Next::kContinue));
  RunPhasePosted();
  EXPECT_TRUE(done);
  EXPECT_EQ(phase, Next::kContinue);
  EXPECT_EQ(x.reason, "a,wait,answered,c,");
}

TEST(RequestPhase, ASuspendedFilterThatAnswersSkipsTheRest) {
  std::optional<Answer<Next>::Sender> sender;
  PhaseFilters chain;
  chain.push_back(std::make_unique<WaitingStep>(sender));
  chain.push_back(std::make_unique<SyncStep>("c,", Next::kContinue));
  Exchange x;
  Task<Next> phase = RunRequestFilters(chain, x);
  phase.Start(PhaseQueue(), [] {});
  EXPECT_TRUE(sender->Send(Next::kAnswered));
  RunPhasePosted();
  EXPECT_EQ(phase, Next::kAnswered);
  EXPECT_EQ(x.reason, "wait,answered,");
}

TEST(RequestPhase, AFilterThatNeedsTheBodyStopsThePhaseWhichResumesThere) {
  PhaseFilters chain;
  chain.push_back(std::make_unique<SyncStep>("a,", Next::kContinue));
  chain.push_back(std::make_unique<SyncStep>("body?,", Next::kNeedBody));
  chain.push_back(std::make_unique<SyncStep>("c,", Next::kContinue));
  Exchange x;
  size_t at = 99;
  EXPECT_EQ(RunRequestFilters(chain, x, 0, &at), Next::kNeedBody);
  EXPECT_EQ(at, 1u);
  EXPECT_EQ(x.reason, "a,body?,");
  // The daemon reads the body, then runs the phase again from that filter (which, here, asks
  // again: the daemon goes on after it then).
  EXPECT_EQ(RunRequestFilters(chain, x, at + 1, &at), Next::kContinue);
  EXPECT_EQ(x.reason, "a,body?,c,");
}

TEST(RequestPhase, ASuspendedPhaseSaysWhereItStopped) {
  std::optional<Answer<Next>::Sender> sender;
  PhaseFilters chain;
  chain.push_back(std::make_unique<SyncStep>("a,", Next::kContinue));
  chain.push_back(std::make_unique<WaitingStep>(sender));
  chain.push_back(std::make_unique<SyncStep>("c,", Next::kAnswered));
  Exchange x;
  size_t at = 0;
  Task<Next> phase = RunRequestFilters(chain, x, 1, &at);
  ASSERT_FALSE(phase.ready());
  phase.Start(PhaseQueue(), [] {});
  EXPECT_TRUE(sender->Send(Next::kContinue));
  RunPhasePosted();
  EXPECT_EQ(phase, Next::kAnswered);
  EXPECT_EQ(at, 2u);
  EXPECT_EQ(x.reason, "wait,answered,c,") << "the phase began at the filter it was given";
}

}  // namespace
}  // namespace costgate::filters
