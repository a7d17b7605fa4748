// Where the configured alerts go, as the delivery targets the store records with each alert, and
// how a target may be shown.
#pragma once

#include <string>
#include <vector>

#include "central/store/alert.h"
#include "config/alerts_config.h"

namespace costgate::central::alerts {

// One email target holding every recipient of alerts.email.to (when alerts.email.url is set),
// then one target per webhook, by its URL, in configuration order.
std::vector<DeliveryTarget> AlertTargets(const config::AlertsConfig& alerts);

// A target for logs and the admin API: an email target as it is; a webhook by its scheme, host
// and port only ("https://hooks.slack.com/..."), because a webhook URL's path or query is often
// its credential (Slack's, for one).
std::string DisplayTarget(const DeliveryTarget& target);

}  // namespace costgate::central::alerts
