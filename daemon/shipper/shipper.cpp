#include "daemon/shipper/shipper.h"

#include <algorithm>

#include "base/clock.h"
#include "base/gzip_encoder.h"
#include "daemon/shipper/api_key.h"
#include "daemon/shipper/batch_json.h"
#include "daemon/util/curl_transfer.h"

namespace costgate::daemon::shipper {
namespace {

constexpr size_t kAnswerExcerptBytes = 300;

std::string_view Excerpt(std::string_view body) { return body.substr(0, kAnswerExcerptBytes); }

}  // namespace

Shipper::Shipper(config::ShipperConfig config, outbox::ReceiptWriter& writer,
                 const log::Logger& logger, std::unique_ptr<BatchTransport> transport)
    : config_(std::move(config)),
      writer_(writer),
      logger_(logger),
      transport_(transport != nullptr  ? std::move(transport)
                 : config_.url.empty() ? nullptr
                                       : std::make_unique<CentralClient>(config_)),
      api_key_(config_, logger_, "the shipper has no API key; receipts wait in the outbox"),
      batch_limit_(std::max<size_t>(config_.batch_max, 1)),
      random_(std::random_device{}()) {}

Shipper::~Shipper() { Stop(); }

void Shipper::Start() {
  std::lock_guard lock(stop_mu_);
  if (!enabled() || thread_.joinable()) {
    return;
  }
  util::InitCurlOnce();
  thread_ = std::jthread([this](std::stop_token stop) { Run(std::move(stop)); });
}

void Shipper::Stop() {
  std::lock_guard lock(stop_mu_);
  thread_.request_stop();
  if (thread_.joinable()) {
    thread_.join();
  }
}

Shipper::DrainOutcome Shipper::Drain() {
  const auto started = std::chrono::steady_clock::now();
  DrainOutcome outcome;
  {
    std::lock_guard stop_lock(stop_mu_);
    if (!thread_.joinable()) {
      return outcome;  // never started, or stopped already
    }
  }
  draining_.store(true);
  {
    std::unique_lock lock(wait_mu_);
    drain_wake_ = true;
    wake_.notify_all();
    drain_cv_.wait_until(lock, started + config_.drain, [this] { return drain_ended_; });
    outcome.emptied = drain_emptied_;
  }
  Stop();
  outcome.took = std::chrono::duration_cast<Millis>(std::chrono::steady_clock::now() - started);
  return outcome;
}

void Shipper::EndDrain(bool emptied) {
  std::lock_guard lock(wait_mu_);
  drain_ended_ = true;
  drain_emptied_ = emptied;
  drain_cv_.notify_all();
}

void Shipper::Run(std::stop_token stop) {
  logger_.Info("shipping receipts to central").Str("url", transport_->Describe()).Emit();
  while (!stop.stop_requested()) {
    const Millis wait = Round(stop);
    std::unique_lock lock(wait_mu_);
    if (drain_ended_) {
      return;
    }
    if (wait > Millis(0)) {
      // The wait ends after `wait`, at once when a stop is requested, and once when a drain
      // begins (its backoffs are waited out like any other).
      wake_.wait_for(lock, stop, wait, [this] { return drain_wake_; });
    }
    drain_wake_ = false;
  }
}

bool Shipper::LoadKey() { return !transport_->NeedsApiKey() || !api_key_.Get().empty(); }

Millis Shipper::Round(std::stop_token stop) {
  const bool draining = draining_.load();
  if (!LoadKey()) {
    if (draining) {
      EndDrain(false);  // without a key nothing can go before exit
    }
    return config_.backoff_max;
  }
  const auto now = std::chrono::steady_clock::now();
  const bool count_backlog = now >= next_count_;
  const outbox::ShipBatch batch = writer_.NextShipBatch(batch_limit_, count_backlog);
  if (count_backlog) {
    next_count_ = now + BacklogCountInterval(batch.backlog.value_or(0));
  }
  if (batch.error) {
    if (!outbox_error_logged_) {
      logger_.Warn("the shipper cannot read the outbox; will retry")
          .Str("error", *batch.error)
          .Emit();
      outbox_error_logged_ = true;
    }
    return RetryDelay();
  }
  outbox_error_logged_ = false;
  const int64_t now_ms = base::NowUnixMs();
  NoteBatch(batch, now_ms);
  if (batch.receipts.empty()) {
    if (draining) {
      EndDrain(true);
    }
    return std::max(config_.batch_age, kIdlePollMin);
  }
  int64_t oldest_end_ms = now_ms;
  for (const outbox::StoredReceipt& r : batch.receipts) {
    oldest_end_ms = std::min(oldest_end_ms, r.receipt.end_unix_ms);
  }
  const Millis delay = draining ? Millis(0)
                                : ShipDelay(batch.receipts.size(), batch_limit_, oldest_end_ms,
                                            now_ms, config_.batch_age);
  if (delay > Millis(0)) {
    return delay;
  }
  return Send(batch, std::move(stop));
}

void Shipper::NoteBatch(const outbox::ShipBatch& batch, int64_t now_ms) {
  uint64_t backlog = batch.backlog.value_or(
      std::max<uint64_t>(stats_.backlog.load(std::memory_order_relaxed), batch.receipts.size()));
  stats_.backlog.store(backlog, std::memory_order_relaxed);
  int64_t age_ms = 0;
  for (const outbox::StoredReceipt& r : batch.receipts) {
    age_ms = std::max(age_ms, now_ms - r.receipt.end_unix_ms);
  }
  stats_.oldest_unshipped_age_ms.store(age_ms, std::memory_order_relaxed);
}

Millis Shipper::Send(const outbox::ShipBatch& batch, std::stop_token stop) {
  std::string body = BatchJson(batch.receipts);
  bool gzipped = false;
  if (config_.gzip) {
    if (std::optional<std::string> compressed = base::Gzip(body)) {
      body = std::move(*compressed);
      gzipped = true;
    }
  }
  static const std::string kNoKey;
  const PostResult answer = transport_->PostBatch(
      body, gzipped, transport_->NeedsApiKey() ? api_key_.Get() : kNoKey, stop);
  if (stop.stop_requested()) {
    return Millis(0);  // the loop ends; the batch stays unshipped for the next start
  }
  stats_.last_status.store(answer.status, std::memory_order_relaxed);
  if (answer.status != 200) {
    return Failed(answer.status, answer.status == 0 ? answer.error : Excerpt(answer.body),
                  batch.receipts.size());
  }
  auto parsed = ParseShipResponse(answer.body, batch.receipts);
  if (const auto* error = std::get_if<std::string>(&parsed)) {
    return Failed(200, *error + ": " + std::string(Excerpt(answer.body)), batch.receipts.size());
  }
  return Acknowledge(std::get<ShipResults>(parsed), batch.receipts.size());
}

Millis Shipper::Acknowledge(const ShipResults& results, size_t sent) {
  const int64_t now_ms = base::NowUnixMs();
  for (const outbox::Rejection& r : results.rejected) {
    logger_.Error("central rejected a receipt; it is kept in the outbox and not sent again")
        .Str("event_id", r.event_id)
        .Str("reason", r.reason)
        .Emit();
  }
  if (auto error = writer_.MarkShipped(results.shipped, now_ms)) {
    logger_.Error("cannot mark receipts shipped; they will be sent again (central keeps one)")
        .Str("error", *error)
        .Emit();
  }
  if (auto error = writer_.MarkRejected(results.rejected, now_ms)) {
    logger_.Error("cannot mark receipts rejected; they will be sent again")
        .Str("error", *error)
        .Emit();
  }
  stats_.events_stored.fetch_add(results.stored, std::memory_order_relaxed);
  stats_.events_duplicate.fetch_add(results.duplicate, std::memory_order_relaxed);
  stats_.events_rejected.fetch_add(results.rejected.size(), std::memory_order_relaxed);
  if (results.shipped.empty() && results.rejected.empty()) {
    // Sending the same batch again at once would get the same answer.
    return Failed(200, "central's answer named none of the batch", sent);
  }
  stats_.batches_sent.fetch_add(1, std::memory_order_relaxed);
  const uint64_t settled = results.shipped.size() + results.rejected.size();
  const uint64_t backlog = stats_.backlog.load(std::memory_order_relaxed);
  stats_.backlog.store(backlog > settled ? backlog - settled : 0, std::memory_order_relaxed);
  attempt_ = 0;
  refusals_logged_.clear();
  return Millis(0);
}

Millis Shipper::RetryDelay() {
  attempt_ = std::min<uint32_t>(attempt_ + 1, 64);
  return JitteredBackoff(attempt_, config_.backoff_first, config_.backoff_max, random_());
}

Millis Shipper::Failed(long status, std::string_view error, size_t events) {
  stats_.batches_failed.fetch_add(1, std::memory_order_relaxed);
  const Failure failure = status == 200 ? Failure::kRetry : ClassifyFailure(status);
  if (failure == Failure::kRetry) {
    const Millis delay = RetryDelay();
    logger_.Warn("receipt batch not delivered to central; will retry")
        .Int("status", status)
        .Str("error", error)
        .Uint("events", events)
        .Int("retry_in_ms", delay.count())
        .Emit();
    return delay;
  }
  if (failure == Failure::kTooLarge) {
    batch_limit_ = HalvedBatchLimit(batch_limit_);
  }
  if (status == 401 || status == 403) {
    api_key_.Forget();  // read again next round: the file may hold a new key by then
  }
  if (refusals_logged_.insert(status).second) {
    logger_.Error("central refused the batch; retrying every shipper.backoff_max until it is fixed")
        .Int("status", status)
        .Str("answer", error)
        .Str("url", transport_->Describe())
        .Uint("events", events)
        .Uint("batch_limit", batch_limit_)
        .Int("retry_in_ms", config_.backoff_max.count())
        .Emit();
  }
  return config_.backoff_max;
}

}  // namespace costgate::daemon::shipper
