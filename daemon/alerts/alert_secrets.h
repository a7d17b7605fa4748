// The secrets deliveries need, read at each attempt (a secret replaced in its file, or a variable
// changed for a restarted unit, is used from the next attempt on). Never logged: an error names
// the setting and the file or variable, never a value.
#pragma once

#include <string>

#include "config/alerts_config.h"

namespace costgate::daemon::alerts {

struct Secret {
  std::string value;  // empty: none configured, or none could be had (then error says why)
  std::string error;
};

// The first line of alerts.email.password_file; empty, no error, when none is set.
Secret SmtpPassword(const config::EmailAlertsConfig& email);

// The webhook's HMAC secret: the first line of its secret_file, or its secret_env variable's
// value; empty, no error, when it has neither (the webhook goes unsigned).
Secret WebhookSecret(const config::WebhookAlertConfig& webhook);

}  // namespace costgate::daemon::alerts
