#include "config/alerts_reader.h"

#include <utility>

#include "config/addresses.h"
#include "config/scalars.h"
#include "config/yaml_settings.h"

namespace costgate::config {
namespace {

using Errors = std::vector<ConfigError>;
using Text = std::string_view;

// Empty turns email off.
Problem StoreSmtpUrl(Text text, std::string& field) {
  if (text.empty()) {
    field.clear();
    return std::nullopt;
  }
  return Store(ParseSmtpUrl(text), field);
}

// local@domain, each part non-empty, and nothing an SMTP command or a header could be split on.
Parsed<std::string> ParseEmailAddress(Text text) {
  const size_t at = text.rfind('@');
  bool ok = at != Text::npos && at > 0 && at + 1 < text.size();
  for (const char c : text) {
    ok = ok && static_cast<unsigned char>(c) > 0x20 && c != 0x7f && c != '<' && c != '>' &&
         c != ',' && c != '"' && c != '(' && c != ')' && c != ';';
  }
  if (!ok) {
    return Parsed<std::string>::Fail("expected an email address (local@domain), got " +
                                     Quoted(text));
  }
  return Parsed<std::string>::Ok(std::string(text));
}

Problem StoreAddress(Text text, std::string& field) {
  if (text.empty()) {
    field.clear();
    return std::nullopt;
  }
  return Store(ParseEmailAddress(text), field);
}

Parsed<StartTls> ParseStartTls(Text text) {
  if (text == "try") {
    return Parsed<StartTls>::Ok(StartTls::kTry);
  }
  if (text == "required") {
    return Parsed<StartTls>::Ok(StartTls::kRequired);
  }
  if (text == "off") {
    return Parsed<StartTls>::Ok(StartTls::kOff);
  }
  return Parsed<StartTls>::Fail("expected one of try, required, off, got " + Quoted(text));
}

// An environment variable's name: what a shell can export.
Parsed<std::string> ParseEnvName(Text text) {
  bool ok = !text.empty() && !(text[0] >= '0' && text[0] <= '9');
  for (const char c : text) {
    ok = ok &&
         ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
  }
  if (!ok) {
    return Parsed<std::string>::Fail(
        "expected an environment variable name (letters, digits, '_'), got " + Quoted(text));
  }
  return Parsed<std::string>::Ok(std::string(text));
}

// A delivery attempt is one message; more than a few dozen attempts is retrying forever.
constexpr uint64_t kMaxAttempts = 50;

using A = Setting<AlertsConfig>;
using E = Setting<EmailAlertsConfig>;
using W = Setting<WebhookAlertConfig>;
using R = Setting<AlertRetryConfig>;

const A kAlerts[] = {
    {"timeout_ms", [](Text t, AlertsConfig& a) { return Store(ParseDurationMs(t), a.timeout); }},
    {"check_interval_ms",
     [](Text t, AlertsConfig& a) { return Store(ParseDurationMs(t), a.check_interval); }},
    // Checked by the daemon (daemon/roles/config_files.h), like every file setting.
    {"ca_file", [](Text t, AlertsConfig& a) { return StoreText(t, a.ca_file); }},
};

const E kEmail[] = {
    {"url", [](Text t, EmailAlertsConfig& e) { return StoreSmtpUrl(t, e.url); }},
    {"from", [](Text t, EmailAlertsConfig& e) { return StoreAddress(t, e.from); }},
    {"username", [](Text t, EmailAlertsConfig& e) { return StoreText(t, e.username); }},
    {"password_file", [](Text t, EmailAlertsConfig& e) { return StoreText(t, e.password_file); }},
    {"starttls", [](Text t, EmailAlertsConfig& e) { return Store(ParseStartTls(t), e.starttls); }},
};
constexpr std::string_view kEmailTo = "to";

const W kWebhook[] = {
    {"url", [](Text t, WebhookAlertConfig& w) { return Store(ParseFeedUrl(t), w.url); }},
    {"secret_file", [](Text t, WebhookAlertConfig& w) { return StoreText(t, w.secret_file); }},
    {"secret_env",
     [](Text t, WebhookAlertConfig& w) { return Store(ParseEnvName(t), w.secret_env); }},
};

const R kRetry[] = {
    {"max_attempts",
     [](Text t, AlertRetryConfig& r) {
       return Store(ParseUnsigned(t, 1, kMaxAttempts), r.max_attempts);
     }},
    {"initial_backoff_ms",
     [](Text t, AlertRetryConfig& r) { return Store(ParseDurationMs(t), r.initial_backoff); }},
    {"max_backoff_ms",
     [](Text t, AlertRetryConfig& r) { return Store(ParseDurationMs(t), r.max_backoff); }},
};

constexpr std::string_view kEmailKey = "email";
constexpr std::string_view kWebhooksKey = "webhooks";
constexpr std::string_view kRetryKey = "retry";

// A YAML list at `node`, each item visited with its path ("alerts.webhooks[2]"); null is empty.
template <typename Visit>
void ForEachItem(const YAML::Node& node, const std::string& path, Errors& errors, Visit visit) {
  if (node.IsNull()) {
    return;
  }
  if (!node.IsSequence()) {
    errors.push_back({path, "expected a list, got " + KindOf(node)});
    return;
  }
  for (size_t i = 0; i < node.size(); ++i) {
    visit(node[i], path + "[" + std::to_string(i) + "]");
  }
}

void ReadRecipients(const YAML::Node& node, const std::string& path, EmailAlertsConfig& email,
                    Errors& errors) {
  email.to.clear();
  ForEachItem(node, path, errors, [&](const YAML::Node& item, const std::string& item_path) {
    if (!item.IsScalar()) {
      errors.push_back({item_path, "expected an email address, got " + KindOf(item)});
      return;
    }
    Parsed<std::string> address = ParseEmailAddress(item.Scalar());
    if (!address.value) {
      errors.push_back({item_path, std::move(address.error)});
      return;
    }
    email.to.push_back(std::move(*address.value));
  });
}

void ReadEmail(const YAML::Node& node, const std::string& path, EmailAlertsConfig& email,
               Errors& errors) {
  ReadSettingsAnd(
      node, path, std::span<const E>(kEmail), email, errors,
      KeyList(std::span<const E>(kEmail)) + ", " + std::string(kEmailTo),
      [&](const std::string& key, const YAML::Node& value, const std::string& key_path) {
        if (key != kEmailTo) {
          return false;
        }
        ReadRecipients(value, key_path, email, errors);
        return true;
      });
}

void ReadWebhooks(const YAML::Node& node, const std::string& path,
                  std::vector<WebhookAlertConfig>& webhooks, Errors& errors) {
  webhooks.clear();
  ForEachItem(node, path, errors, [&](const YAML::Node& item, const std::string& item_path) {
    WebhookAlertConfig webhook;
    ReadSettings(item, item_path, std::span<const W>(kWebhook), webhook, errors);
    // A url that was there but refused has its error already.
    if (item.IsNull() || (item.IsMap() && !item["url"])) {
      errors.push_back({item_path + ".url", "required: where the webhook is sent"});
    }
    if (!webhook.secret_file.empty() && !webhook.secret_env.empty()) {
      errors.push_back({item_path + ".secret_env", "set secret_file or secret_env, not both"});
    }
    webhooks.push_back(std::move(webhook));
  });
}

// What holds across keys, once the whole section is read.
void CheckAlerts(const AlertsConfig& alerts, const std::string& path, Errors& errors) {
  const EmailAlertsConfig& email = alerts.email;
  const std::string email_path = YamlChildPath(path, std::string(kEmailKey));
  if (!email.url.empty()) {
    if (email.from.empty()) {
      errors.push_back({email_path + ".from", "required when " + email_path + ".url is set"});
    }
    if (email.to.empty()) {
      errors.push_back({email_path + ".to",
                        "at least one recipient is required when " + email_path + ".url is set"});
    }
  }
  if (!email.password_file.empty() && email.username.empty()) {
    errors.push_back(
        {email_path + ".username", "required when " + email_path + ".password_file is set"});
  }
  if (alerts.retry.max_backoff < alerts.retry.initial_backoff) {
    errors.push_back({YamlChildPath(path, std::string(kRetryKey)) + ".max_backoff_ms",
                      "must be at least initial_backoff_ms"});
  }
}

}  // namespace

void ReadAlerts(const YAML::Node& node, const std::string& path, AlertsConfig& alerts,
                Errors& errors) {
  const std::string known_keys = KeyList(std::span<const A>(kAlerts)) + ", " +
                                 std::string(kEmailKey) + ", " + std::string(kWebhooksKey) + ", " +
                                 std::string(kRetryKey);
  ReadSettingsAnd(
      node, path, std::span<const A>(kAlerts), alerts, errors, known_keys,
      [&](const std::string& key, const YAML::Node& value, const std::string& key_path) {
        if (key == kEmailKey) {
          ReadEmail(value, key_path, alerts.email, errors);
        } else if (key == kWebhooksKey) {
          ReadWebhooks(value, key_path, alerts.webhooks, errors);
        } else if (key == kRetryKey) {
          ReadSettings(value, key_path, std::span<const R>(kRetry), alerts.retry, errors);
        } else {
          return false;
        }
        return true;
      });
  if (node.IsMap() || node.IsNull()) {
    CheckAlerts(alerts, path, errors);
  }
}

std::vector<std::string> AlertsSettingPaths() {
  const std::string root(kAlertsKey);
  std::vector<std::string> paths;
  for (const A& setting : kAlerts) {
    paths.push_back(root + "." + std::string(setting.key));
  }
  for (const E& setting : kEmail) {
    paths.push_back(root + "." + std::string(kEmailKey) + "." + std::string(setting.key));
  }
  paths.push_back(root + "." + std::string(kEmailKey) + "." + std::string(kEmailTo));
  paths.push_back(root + "." + std::string(kWebhooksKey));
  for (const R& setting : kRetry) {
    paths.push_back(root + "." + std::string(kRetryKey) + "." + std::string(setting.key));
  }
  return paths;
}

}  // namespace costgate::config
