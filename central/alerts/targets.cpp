#include "central/alerts/targets.h"

#include "central/alerts/email_message.h"

namespace costgate::central::alerts {

std::vector<DeliveryTarget> AlertTargets(const config::AlertsConfig& alerts) {
  std::vector<DeliveryTarget> targets;
  if (!alerts.email.url.empty() && !alerts.email.to.empty()) {
    targets.push_back({std::string(kChannelEmail), JoinRecipients(alerts.email.to)});
  }
  for (const config::WebhookAlertConfig& webhook : alerts.webhooks) {
    targets.push_back({std::string(kChannelWebhook), webhook.url});
  }
  return targets;
}

std::string DisplayTarget(const DeliveryTarget& target) {
  if (target.channel != kChannelWebhook) {
    return target.target;
  }
  const size_t authority = target.target.find("://");
  if (authority == std::string::npos) {
    return "...";
  }
  const size_t end = target.target.find_first_of("/?#", authority + 3);
  if (end == std::string::npos) {
    return target.target;
  }
  return target.target.substr(0, end) + "/...";
}

}  // namespace costgate::central::alerts
