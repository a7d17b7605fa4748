// POSTing one alert to a webhook with libcurl: the JSON body, signed when the webhook has a
// secret (X-Costgate-Signature: sha256=<HMAC-SHA256 of the body>), with X-Costgate-Timestamp.
// A 2xx answer is delivered; anything else, or no answer, is not. Redirects are not followed;
// TLS peer and host verified (alerts.ca_file or the system store). util::InitCurlOnce() must
// have run.
#pragma once

#include <cstdint>
#include <stop_token>
#include <string>
#include <string_view>

#include "daemon/alerts/send_outcome.h"

namespace costgate::daemon::alerts {

struct WebhookRequest {
  const std::string& url;
  std::string_view body;
  std::string_view secret;  // "" sends no signature
  int64_t timestamp_unix_s = 0;
  long timeout_ms = 30'000;
  const std::string& ca_file;
};

// Returns early, not sent, once `stop` is requested.
SendOutcome PostWebhook(const WebhookRequest& request, std::stop_token stop);

}  // namespace costgate::daemon::alerts
