// The secrets of alert deliveries: read from their file or variable, errors naming where.
#include "daemon/alerts/alert_secrets.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "tests/support/temp_dir.h"

namespace costgate::daemon::alerts {
namespace {

using test_support::TempDir;

TEST(SmtpPassword, IsTheFilesFirstLineTrimmed) {
  TempDir dir;
  std::ofstream(dir.File("pass")) << "  hunter2 \r\nsecond\n";
  config::EmailAlertsConfig email;
  email.password_file = dir.File("pass");
  const Secret secret = SmtpPassword(email);
  EXPECT_EQ(secret.value, "hunter2");
  EXPECT_EQ(secret.error, "");
}

TEST(SmtpPassword, NoFileIsNoPasswordAndNoError) {
  const Secret secret = SmtpPassword({});
  EXPECT_EQ(secret.value, "");
  EXPECT_EQ(secret.error, "");
}

TEST(SmtpPassword, AnUnreadableFileIsAnErrorNamingTheSetting) {
  config::EmailAlertsConfig email;
  email.password_file = "/nonexistent-costgate-dir/pass";
  EXPECT_EQ(SmtpPassword(email).error,
            "cannot read alerts.email.password_file /nonexistent-costgate-dir/pass: No such file "
            "or directory");
}

TEST(WebhookSecret, FromAFileOrAVariableOrNone) {
  TempDir dir;
  std::ofstream(dir.File("hook")) << "file-secret\n";
  EXPECT_EQ(WebhookSecret({"https://x.example.com", dir.File("hook"), ""}).value, "file-secret");
  ::setenv("COSTGATE_TEST_HOOK_SECRET", "env-secret", 1);
  EXPECT_EQ(WebhookSecret({"https://x.example.com", "", "COSTGATE_TEST_HOOK_SECRET"}).value,
            "env-secret");
  ::unsetenv("COSTGATE_TEST_HOOK_SECRET");
  const Secret unset = WebhookSecret({"https://x.example.com", "", "COSTGATE_TEST_HOOK_SECRET"});
  EXPECT_EQ(unset.value, "");
  EXPECT_EQ(unset.error, "the environment variable COSTGATE_TEST_HOOK_SECRET is not set");
  const Secret none = WebhookSecret({"https://x.example.com", "", ""});
  EXPECT_EQ(none.value, "");
  EXPECT_EQ(none.error, "");
}

TEST(WebhookSecret, AnEmptyFirstLineIsAnError) {
  TempDir dir;
  std::ofstream(dir.File("hook")) << "\nsecret-on-line-two\n";
  const Secret secret = WebhookSecret({"https://x.example.com", dir.File("hook"), ""});
  EXPECT_EQ(secret.value, "");
  EXPECT_EQ(secret.error,
            "the secret_file of webhook " + dir.File("hook") + " has nothing on its first line");
}

}  // namespace
}  // namespace costgate::daemon::alerts
