// alerts: where budget alerts go and how they are retried; every problem named by its path.
#include <gtest/gtest.h>

#include "config/config_loader.h"
#include "tests/unit/config/load_helpers.h"

namespace costgate::config {
namespace {

TEST(YamlAlerts, DefaultsSendNothingAndRetryEightTimes) {
  const AlertsConfig alerts = DefaultConfig().alerts;
  EXPECT_EQ(alerts.email.url, "");
  EXPECT_TRUE(alerts.email.to.empty());
  EXPECT_EQ(alerts.email.starttls, StartTls::kTry);
  EXPECT_TRUE(alerts.webhooks.empty());
  EXPECT_EQ(alerts.retry.max_attempts, 8u);
  EXPECT_EQ(alerts.retry.initial_backoff, Millis(30'000));
  EXPECT_EQ(alerts.retry.max_backoff, Millis(3'600'000));
  EXPECT_EQ(alerts.timeout, Millis(30'000));
  EXPECT_EQ(alerts.check_interval, Millis(60'000));
}

TEST(YamlAlerts, ReadsEveryKey) {
  const Config config = LoadAccepted(R"(
alerts:
  timeout_ms: 5000
  check_interval_ms: 15000
  ca_file: /etc/costgate/mail-ca.pem
  email:
    url: smtp://mail.example.com:587
    from: costgate@example.com
    to: [finance@example.com, ops@example.org]
    username: costgate
    password_file: /run/secrets/smtp
    starttls: required
  webhooks:
    - url: https://hooks.slack.com/services/T0/B0/XXXX
    - url: http://10.0.0.7:8080/costgate?channel=ops
      secret_file: /run/secrets/hook
    - {url: "https://alerts.example.com/in", secret_env: COSTGATE_HOOK_SECRET}
  retry: {max_attempts: 3, initial_backoff_ms: 100, max_backoff_ms: 1000}
)");
  const AlertsConfig& a = config.alerts;
  EXPECT_EQ(a.timeout, Millis(5'000));
  EXPECT_EQ(a.check_interval, Millis(15'000));
  EXPECT_EQ(a.ca_file, "/etc/costgate/mail-ca.pem");
  EXPECT_EQ(a.email.url, "smtp://mail.example.com:587");
  EXPECT_EQ(a.email.from, "costgate@example.com");
  EXPECT_EQ(a.email.to, (std::vector<std::string>{"finance@example.com", "ops@example.org"}));
  EXPECT_EQ(a.email.username, "costgate");
  EXPECT_EQ(a.email.password_file, "/run/secrets/smtp");
  EXPECT_EQ(a.email.starttls, StartTls::kRequired);
  ASSERT_EQ(a.webhooks.size(), 3u);
  EXPECT_EQ(a.webhooks[0],
            (WebhookAlertConfig{"https://hooks.slack.com/services/T0/B0/XXXX", "", ""}));
  EXPECT_EQ(a.webhooks[1], (WebhookAlertConfig{"http://10.0.0.7:8080/costgate?channel=ops",
                                               "/run/secrets/hook", ""}));
  EXPECT_EQ(a.webhooks[2].secret_env, "COSTGATE_HOOK_SECRET");
  EXPECT_EQ(a.retry, (AlertRetryConfig{3, Millis(100), Millis(1'000)}));
}

TEST(YamlAlerts, SmtpsAndStartTlsOffAreAccepted) {
  const Config config = LoadAccepted(R"(
alerts:
  email: {url: "smtps://mail.example.com", from: a@example.com, to: [b@example.com], starttls: off}
)");
  EXPECT_EQ(config.alerts.email.starttls, StartTls::kOff);
}

TEST(YamlAlerts, EveryProblemIsNamedByItsPath) {
  const std::vector<ConfigError> errors = LoadRejected(R"(
alerts:
  colour: red
  email:
    url: https://mail.example.com
    from: not-an-address
    to: [ok@example.com, "Bob <bob@example.com>", {a: 1}]
    starttls: sometimes
    cc: x@example.com
  webhooks:
    - url: ftp://hooks.example.com/x
    - secret_file: /run/a
      secret_env: B
      url: https://hooks.example.com/y
    - secret_env: "1BAD"
    - nope
  retry: {max_attempts: 0, initial_backoff_ms: 5000, max_backoff_ms: 1000}
)");
  EXPECT_EQ(PathsOf(errors),
            (Paths{"alerts.colour", "alerts.email.url", "alerts.email.from", "alerts.email.to[1]",
                   "alerts.email.to[2]", "alerts.email.starttls", "alerts.email.cc",
                   "alerts.webhooks[0].url", "alerts.webhooks[1].secret_env",
                   "alerts.webhooks[2].secret_env", "alerts.webhooks[2].url", "alerts.webhooks[3]",
                   "alerts.retry.max_attempts", "alerts.retry.max_backoff_ms"}));
  EXPECT_EQ(errors[0].message,
            "unknown key; known keys: timeout_ms, check_interval_ms, ca_file, email, webhooks, "
            "retry");
  EXPECT_EQ(errors[5].message, "expected one of try, required, off, got 'sometimes'");
  EXPECT_EQ(errors[8].message, "set secret_file or secret_env, not both");
}

TEST(YamlAlerts, AnEmailServerNeedsASenderAndRecipients) {
  EXPECT_EQ(PathsOf(LoadRejected("alerts:\n  email:\n    url: smtp://mail.example.com\n")),
            (Paths{"alerts.email.from", "alerts.email.to"}));
}

TEST(YamlAlerts, APasswordNeedsAUser) {
  const std::vector<ConfigError> errors =
      LoadRejected("alerts:\n  email:\n    password_file: /run/secrets/smtp\n");
  ASSERT_EQ(PathsOf(errors), (Paths{"alerts.email.username"}));
  EXPECT_EQ(errors[0].message, "required when alerts.email.password_file is set");
}

TEST(YamlAlerts, ListsMustBeLists) {
  EXPECT_EQ(PathsOf(LoadRejected("alerts:\n  webhooks: https://x.example.com\n  email:\n    to: "
                                 "a@example.com\n")),
            (Paths{"alerts.webhooks", "alerts.email.to"}));
}

}  // namespace
}  // namespace costgate::config
