#include "daemon/budget/lease_client.h"

#include <algorithm>
#include <variant>

#include "base/clock.h"
#include "daemon/budget/lease_json.h"
#include "daemon/util/curl_transfer.h"

namespace costgate::daemon::budget {
namespace {

// Retries after a failed sync never wait longer than this, whatever shipper.backoff_max says: a
// central back from an outage should be seen within seconds, since calls meanwhile follow the
// fail rule instead of the budgets.
constexpr std::chrono::milliseconds kMaxRetry{10'000};

constexpr std::chrono::milliseconds kMinRetry{50};

constexpr size_t kLoggedBodyBytes = 200;

}  // namespace

LeaseClient::LeaseClient(LeaseBook& book, std::unique_ptr<shipper::BatchTransport> transport,
                         Settings settings, const log::Logger& logger, BudgetStats& stats)
    : book_(book),
      transport_(std::move(transport)),
      settings_(std::move(settings)),
      logger_(logger),
      stats_(stats),
      api_key_(settings_.shipper, logger_,
               "the lease client has no API key; hard budgets follow preflight.fail_closed") {}

LeaseClient::~LeaseClient() { Stop(); }

int64_t LeaseClient::Now() const {
  return settings_.now_ms != nullptr ? settings_.now_ms() : base::NowUnixMs();
}

void LeaseClient::Start() {
  const std::lock_guard lock(stop_mutex_);
  if (started_) {
    return;
  }
  started_ = true;
  util::InitCurlOnce();  // here, on the starting thread: curl_global_init is not thread-safe
  thread_ = std::jthread([this](std::stop_token stop) { Run(std::move(stop)); });
}

void LeaseClient::Stop() {
  const std::lock_guard lock(stop_mutex_);
  thread_.request_stop();
  if (thread_.joinable()) {
    thread_.join();
  }
}

void LeaseClient::SyncFor(Waiter waiter) {
  {
    const std::lock_guard lock(mutex_);
    waiters_.push_back(std::move(waiter));
    wanted_ = true;
  }
  wake_.notify_one();
}

void LeaseClient::Poke() {
  {
    const std::lock_guard lock(mutex_);
    wanted_ = true;
  }
  wake_.notify_one();
}

void LeaseClient::Run(std::stop_token stop) {
  logger_.Info("budget leases from central")
      .Str("url", transport_->Describe())
      .Str("holder", settings_.holder)
      .Emit();
  std::vector<Waiter> waiters;
  while (!stop.stop_requested()) {
    {
      const std::lock_guard lock(mutex_);
      wanted_ = false;
      waiters.swap(waiters_);
    }
    // The waiters' needs are in the book already (Reserve recorded them before SyncFor), so
    // this sync's report carries them.
    const SyncOutcome outcome = Sync(false, stop);
    for (const Waiter& w : waiters) {
      w.Send(outcome);
    }
    waiters.clear();
    WaitForTurn(stop);
  }
  {
    const std::lock_guard lock(mutex_);
    waiters.swap(waiters_);
  }
  for (const Waiter& w : waiters) {
    w.Send(SyncOutcome::kFailed);
  }
  // A central that did not answer last time would only make the stop wait for its timeout: its
  // leases lapse by their TTL instead.
  if (book_.synced() && !unreachable()) {
    Sync(true, std::stop_token{});
  }
}

void LeaseClient::WaitForTurn(std::stop_token stop) {
  std::chrono::milliseconds delay = backoff_;
  if (delay == std::chrono::milliseconds(0)) {
    // Never sooner than kMinRetry: a tiny lease TTL must not make this a busy loop.
    const std::optional<int64_t> due = book_.NextSyncDueMs();
    delay = std::max(kMinRetry, std::chrono::milliseconds(due ? *due - Now() : 0));
  }
  const bool retrying = backoff_ > std::chrono::milliseconds(0);
  std::unique_lock lock(mutex_);
  // While retrying, a wish for a sync waits for the retry: calls do not wait for an unreachable
  // central (unreachable()), and a lease running low cannot be refilled sooner.
  wake_.wait_for(lock, stop, delay, [&] { return wanted_ && !retrying; });
}

SyncOutcome LeaseClient::Sync(bool release, std::stop_token stop) {
  std::string error;
  long status = 0;
  std::string body;
  static const std::string kNoKey;
  const std::string& key = transport_->NeedsApiKey() ? api_key_.Get() : kNoKey;
  if (!transport_->NeedsApiKey() || !key.empty()) {
    const std::vector<LeaseReport> reports = book_.Reports(release);
    if (release && reports.empty()) {
      return SyncOutcome::kAnswered;
    }
    shipper::PostResult answer =
        transport_->PostBatch(LeaseRequestJson(settings_.holder, reports), false, key, stop);
    if (stop.stop_requested()) {
      return SyncOutcome::kFailed;  // cut short by Stop: the release follows
    }
    status = answer.status;
    body = std::move(answer.body);
    error = std::move(answer.error);
    if (status == 200) {
      std::variant<LeaseAnswer, std::string> read = ReadLeaseAnswer(body);
      if (auto* lease = std::get_if<LeaseAnswer>(&read)) {
        book_.Apply(*lease, Now(), settings_.dry_ms);
        stats_.syncs_ok.fetch_add(1, std::memory_order_relaxed);
        unreachable_.store(false, std::memory_order_relaxed);
        backoff_ = std::chrono::milliseconds(0);
        if (failing_logged_ || release) {
          logger_.Info(release ? "budget leases released" : "budget lease sync answered again")
              .Uint("budgets", lease->budgets.size())
              .Emit();
          failing_logged_ = false;
        }
        return SyncOutcome::kAnswered;
      }
      error = "unreadable answer: " + std::get<std::string>(read);
    } else if (status == 401 || status == 403) {
      api_key_.Forget();  // reloaded next time: a key replaced in its file is picked up
    }
  } else {
    error = "no API key";
  }
  (status == 0 ? stats_.syncs_unreachable : stats_.syncs_refused)
      .fetch_add(1, std::memory_order_relaxed);
  unreachable_.store(true, std::memory_order_relaxed);
  const std::chrono::milliseconds ceiling =
      std::max(kMinRetry, std::min(kMaxRetry, settings_.shipper.backoff_max));
  backoff_ = backoff_ == std::chrono::milliseconds(0)
                 ? std::clamp(settings_.shipper.backoff_first, kMinRetry, ceiling)
                 : std::min(backoff_ * 2, ceiling);
  if (!failing_logged_ || release) {
    logger_
        .Warn(release ? "budget leases not released; they lapse by their TTL"
                      : "budget lease sync failed; hard budgets follow preflight.fail_closed "
                        "until central answers")
        .Int("status", status)
        .Str("error", error)
        .Str("body", std::string_view(body).substr(0, kLoggedBodyBytes))
        .Emit();
    failing_logged_ = true;
  }
  return SyncOutcome::kFailed;
}

}  // namespace costgate::daemon::budget
