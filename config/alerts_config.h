// Budget alerts' delivery (config "alerts:", used by `costgate central` and `costgate all`):
// where alerts go (an SMTP server and its recipients, webhooks) and how deliveries are retried.
// Secrets are named here, never held: the SMTP password and the webhook secrets are read by the
// daemon from a file or the environment when it starts.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace costgate::config {

// alerts.email.starttls: whether an smtp:// connection upgrades to TLS (smtps:// is TLS from the
// first byte, whatever this says).
enum class StartTls {
  kTry,       // upgrade when the server offers it, else go on in clear text
  kRequired,  // upgrade, or fail the attempt
  kOff,       // never upgrade
};

struct EmailAlertsConfig {
  std::string url;  // smtp://host[:port] or smtps://host[:port]; empty: no email
  std::string from;
  std::vector<std::string> to;
  std::string username;       // empty: no SMTP authentication
  std::string password_file;  // the password on its first line; never logged
  StartTls starttls = StartTls::kTry;

  bool operator==(const EmailAlertsConfig&) const = default;
};

struct WebhookAlertConfig {
  std::string url;          // http(s)://host[:port][/path][?query]
  std::string secret_file;  // the HMAC secret on its first line; or
  std::string secret_env;   // the environment variable holding it; neither: unsigned

  bool operator==(const WebhookAlertConfig&) const = default;
};

struct AlertRetryConfig {
  uint32_t max_attempts = 8;
  std::chrono::milliseconds initial_backoff{30'000};  // after the first failure; doubles
  std::chrono::milliseconds max_backoff{3'600'000};   // up to this

  bool operator==(const AlertRetryConfig&) const = default;
};

struct AlertsConfig {
  EmailAlertsConfig email;
  std::vector<WebhookAlertConfig> webhooks;
  AlertRetryConfig retry;
  std::chrono::milliseconds timeout{30'000};  // one delivery attempt, connect to answer
  // Every budget's alerts are checked on ingest, and all of them again this often (what time
  // alone makes due, such as a forecast once enough of the period has passed).
  std::chrono::milliseconds check_interval{60'000};
  std::string ca_file;  // PEM CA bundle for TLS to the SMTP server and webhooks; empty: system

  bool operator==(const AlertsConfig&) const = default;
};

}  // namespace costgate::config
