#include "daemon/alerts/alert_sender.h"

#include <algorithm>
#include <chrono>
#include <exception>
#include <utility>

#include "base/clock.h"
#include "central/alerts/check.h"
#include "central/alerts/targets.h"
#include "daemon/alerts/alert_secrets.h"
#include "daemon/alerts/attempt_delivery.h"
#include "daemon/util/curl_transfer.h"

namespace costgate::daemon::alerts {
namespace {

central::alerts::RetryPolicy PolicyOf(const config::AlertRetryConfig& retry) {
  return {static_cast<int>(retry.max_attempts), retry.initial_backoff.count(),
          retry.max_backoff.count()};
}

}  // namespace

AlertSender::AlertSender(config::AlertsConfig config, WriterAccess writer,
                         const log::Logger& logger, Clock clock)
    : config_(std::move(config)),
      targets_(central::alerts::AlertTargets(config_)),
      policy_(PolicyOf(config_.retry)),
      writer_(std::move(writer)),
      logger_(logger),
      clock_(clock != nullptr ? clock : &base::NowUnixMs) {}

AlertSender::~AlertSender() { Stop(); }

void AlertSender::Start() {
  std::lock_guard lock(stop_mu_);
  if (thread_.joinable()) {
    return;
  }
  util::InitCurlOnce();
  thread_ = std::jthread([this](std::stop_token stop) { Run(std::move(stop)); });
}

void AlertSender::Stop() {
  std::lock_guard lock(stop_mu_);
  thread_.request_stop();
  if (thread_.joinable()) {
    thread_.join();
  }
}

void AlertSender::LogUnusableSecrets() const {
  std::vector<Secret> secrets = {SmtpPassword(config_.email)};
  for (const config::WebhookAlertConfig& webhook : config_.webhooks) {
    secrets.push_back(WebhookSecret(webhook));
  }
  for (const Secret& secret : secrets) {
    if (!secret.error.empty()) {
      logger_.Error("an alert secret cannot be had; deliveries needing it fail until it can")
          .Str("error", secret.error)
          .Emit();
    }
  }
}

void AlertSender::Run(std::stop_token stop) {
  logger_.Info("alert sender started")
      .Uint("targets", targets_.size())
      .Int("check_interval_ms", config_.check_interval.count())
      .Emit();
  LogUnusableSecrets();
  while (!stop.stop_requested()) {
    int64_t wait = kPollMs;
    try {
      wait = Round(stop);
    } catch (const std::exception& e) {
      // Out of memory, mostly: this round is lost, its deliveries stay in the table.
      logger_.Error("alert sender round failed").Str("error", e.what()).Emit();
    }
    if (wait > 0) {
      std::unique_lock lock(wait_mu_);
      // Nothing else notifies: the wait ends after `wait` or, at once, when a stop is requested.
      wake_.wait_for(lock, stop, std::chrono::milliseconds(wait), [] { return false; });
    }
  }
}

void AlertSender::LogStoreError(std::string_view what, const central::StoreError& error) {
  if (!store_error_logged_) {
    logger_.Error("alert sender cannot use the store; retrying")
        .Str("doing", what)
        .Str("error", error.message)
        .Emit();
    store_error_logged_ = true;
  }
}

void AlertSender::CheckBudgets(int64_t now) {
  central::StoreResult<int> checked = central::StoreError{"not run"};
  writer_([&](central::Store& store) {
    checked = central::alerts::CheckAllBudgetAlerts({store, zones_, targets_, now});
  });
  if (auto* error = std::get_if<central::StoreError>(&checked)) {
    LogStoreError("check budgets", *error);
  } else if (const int recorded = std::get<int>(checked); recorded > 0) {
    logger_.Info("budget alerts fired").Int("alerts", recorded).Emit();
  }
}

int64_t AlertSender::Round(std::stop_token stop) {
  const int64_t now = clock_();
  if (now >= next_check_ms_) {
    CheckBudgets(now);
    next_check_ms_ = now + config_.check_interval.count();
  }
  const int64_t claim_ms = config_.timeout.count() + kClaimMarginMs;
  central::StoreResult<central::DeliveryClaims> claims = central::StoreError{"not run"};
  writer_([&](central::Store& store) {
    // One at a time: each claim is attempted at once, so a stop never strands a claimed one.
    claims = store.ClaimDeliveries(now, claim_ms, policy_.max_attempts, 1);
  });
  if (auto* error = std::get_if<central::StoreError>(&claims)) {
    LogStoreError("claim deliveries", *error);
    return kPollMs;
  }
  store_error_logged_ = false;
  const central::DeliveryClaims& claimed = std::get<central::DeliveryClaims>(claims);
  if (!claimed.claimed.empty()) {
    Deliver(claimed.claimed.front(), stop);
    return 0;
  }
  int64_t wait = std::min(kPollMs, next_check_ms_ - now);
  if (claimed.next_due_unix_ms) {
    wait = std::min(wait, *claimed.next_due_unix_ms - now);
  }
  return std::max<int64_t>(wait, 0);
}

void AlertSender::Deliver(const central::ClaimedDelivery& claimed, std::stop_token stop) {
  const central::Delivery& delivery = claimed.delivery;
  SendOutcome outcome = AttemptDelivery(config_, claimed, clock_(), stop);
  const int64_t ended = clock_();
  central::AttemptResult result = central::alerts::AttemptEnded(
      policy_, delivery.id, delivery.attempts, outcome.sent, outcome.detail, ended);
  if (stop.stop_requested() && result.outcome == central::kAttemptRetry) {
    result.next_attempt_unix_ms = ended;  // cut short by the stop: due again at the next start
  }
  central::StoreStatus finished = central::StoreError{"not run"};
  writer_([&](central::Store& store) { finished = store.FinishAttempt(result); });
  if (finished) {
    LogStoreError("record a delivery attempt", *finished);
  }
  const bool sent = result.outcome == central::kDeliverySent;
  const bool retry = result.outcome == central::kAttemptRetry;
  log::Line line = sent    ? logger_.Info("alert delivered")
                   : retry ? logger_.Warn("alert delivery failed; retrying")
                           : logger_.Error("alert delivery failed; giving up");
  line.Int("alert_id", claimed.alert.id)
      .Int("delivery_id", delivery.id)
      .Str("budget_id", claimed.alert.budget_id)
      .Str("period_key", claimed.alert.period_key)
      .Str("kind", claimed.alert.kind)
      .Int("threshold_percent", claimed.alert.threshold_percent)
      .Str("channel", delivery.to.channel)
      .Str("target", central::alerts::DisplayTarget(delivery.to))
      .Int("attempt", delivery.attempts)
      .Str("detail", result.detail);
  if (retry) {
    line.Int("next_attempt_in_ms", result.next_attempt_unix_ms - ended);
  }
  line.Emit();
}

}  // namespace costgate::daemon::alerts
