#include "daemon/alerts/alert_secrets.h"

#include <cstdlib>

#include "daemon/util/first_line.h"

namespace costgate::daemon::alerts {
namespace {

Secret FromFile(const std::string& path, const std::string& setting) {
  util::FirstLine line = util::ReadFirstLine(path);
  switch (line.problem) {
    case util::FirstLine::Problem::kUnreadable:
      return {"", "cannot read " + setting + " " + path + ": " + line.reason};
    case util::FirstLine::Problem::kEmpty:
      return {"", setting + " " + path + " has nothing on its first line"};
    case util::FirstLine::Problem::kNone:
      break;
  }
  return {std::move(line.value), ""};
}

}  // namespace

Secret SmtpPassword(const config::EmailAlertsConfig& email) {
  if (email.password_file.empty()) {
    return {};
  }
  return FromFile(email.password_file, "alerts.email.password_file");
}

Secret WebhookSecret(const config::WebhookAlertConfig& webhook) {
  if (!webhook.secret_file.empty()) {
    return FromFile(webhook.secret_file, "the secret_file of webhook");
  }
  if (!webhook.secret_env.empty()) {
    // getenv only: nothing in the daemon sets variables once threads run.
    const char* value = std::getenv(webhook.secret_env.c_str());
    if (value == nullptr || *value == '\0') {
      return {"", "the environment variable " + webhook.secret_env + " is not set"};
    }
    return {value, ""};
  }
  return {};
}

}  // namespace costgate::daemon::alerts
