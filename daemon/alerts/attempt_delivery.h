// One attempt at one claimed delivery, through the channel it names (email or webhook), with the
// settings and secrets configured now: a delivery recorded under a configuration that no longer
// has its webhook, or its email server, fails its attempts with a detail saying so.
#pragma once

#include <cstdint>
#include <stop_token>

#include "central/store/alert.h"
#include "config/alerts_config.h"
#include "daemon/alerts/send_outcome.h"

namespace costgate::daemon::alerts {

SendOutcome AttemptDelivery(const config::AlertsConfig& config,
                            const central::ClaimedDelivery& claimed, int64_t now_unix_ms,
                            std::stop_token stop);

}  // namespace costgate::daemon::alerts
