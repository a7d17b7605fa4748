#include "daemon/alerts/attempt_delivery.h"

#include <string>
#include <utility>
#include <vector>

#include "central/alerts/email_message.h"
#include "central/alerts/webhook_body.h"
#include "daemon/alerts/alert_secrets.h"
#include "daemon/alerts/smtp_send.h"
#include "daemon/alerts/webhook_send.h"

namespace costgate::daemon::alerts {
namespace {

SendOutcome Email(const config::AlertsConfig& config, const central::ClaimedDelivery& claimed,
                  int64_t now_unix_ms, std::stop_token stop) {
  if (config.email.url.empty() || config.email.from.empty()) {
    return {false, "email is not configured (alerts.email.url)"};
  }
  const Secret password = SmtpPassword(config.email);
  if (!password.error.empty()) {
    return {false, password.error};
  }
  central::alerts::EmailEnvelope envelope;
  envelope.from = config.email.from;
  envelope.to = central::alerts::SplitRecipients(claimed.delivery.to.target);
  envelope.date_unix_ms = now_unix_ms;
  envelope.message_key = "alert-" + std::to_string(claimed.alert.id) + ".delivery-" +
                         std::to_string(claimed.delivery.id);
  const std::string message =
      central::alerts::EmailMessage(envelope, claimed.alert.subject, claimed.alert.text);
  const SmtpRequest request{config.email,
                            password.value,
                            envelope.to,
                            message,
                            static_cast<long>(config.timeout.count()),
                            config.ca_file};
  return SendEmail(request, std::move(stop));
}

SendOutcome Webhook(const config::AlertsConfig& config, const central::ClaimedDelivery& claimed,
                    int64_t now_unix_ms, std::stop_token stop) {
  const config::WebhookAlertConfig* webhook = nullptr;
  for (const config::WebhookAlertConfig& candidate : config.webhooks) {
    if (candidate.url == claimed.delivery.to.target) {
      webhook = &candidate;
    }
  }
  if (webhook == nullptr) {
    return {false, "the webhook is no longer configured (alerts.webhooks)"};
  }
  const Secret secret = WebhookSecret(*webhook);
  if (!secret.error.empty()) {
    return {false, secret.error};
  }
  const int64_t timestamp = now_unix_ms / 1000;
  const std::string body = central::alerts::WebhookBody(claimed.alert, claimed.delivery.id,
                                                        claimed.delivery.attempts, timestamp);
  const WebhookRequest request{
      webhook->url,  body, secret.value, timestamp, static_cast<long>(config.timeout.count()),
      config.ca_file};
  return PostWebhook(request, std::move(stop));
}

}  // namespace

SendOutcome AttemptDelivery(const config::AlertsConfig& config,
                            const central::ClaimedDelivery& claimed, int64_t now_unix_ms,
                            std::stop_token stop) {
  if (claimed.delivery.to.channel == central::kChannelEmail) {
    return Email(config, claimed, now_unix_ms, std::move(stop));
  }
  if (claimed.delivery.to.channel == central::kChannelWebhook) {
    return Webhook(config, claimed, now_unix_ms, std::move(stop));
  }
  return {false, "unknown channel " + claimed.delivery.to.channel};
}

}  // namespace costgate::daemon::alerts
