// Sending one alert email through alerts.email's SMTP server with libcurl: MAIL FROM, one RCPT TO
// per recipient, DATA with the message, over TLS from the first byte (smtps://) or upgraded with
// STARTTLS as alerts.email.starttls says (smtp://). Peer and host verified (alerts.ca_file or
// the system store). util::InitCurlOnce() must have run.
#pragma once

#include <span>
#include <stop_token>
#include <string>
#include <string_view>

#include "config/alerts_config.h"
#include "daemon/alerts/send_outcome.h"

namespace costgate::daemon::alerts {

struct SmtpRequest {
  const config::EmailAlertsConfig& email;
  std::string_view password;  // "" with no authentication
  std::span<const std::string> recipients;
  std::string_view message;  // RFC 5322, CRLF lines (central/alerts/email_message.h)
  long timeout_ms = 30'000;
  const std::string& ca_file;
};

// Sent when the server accepted the message (250 after DATA). Returns early, not sent, once
// `stop` is requested.
SendOutcome SendEmail(const SmtpRequest& request, std::stop_token stop);

}  // namespace costgate::daemon::alerts
