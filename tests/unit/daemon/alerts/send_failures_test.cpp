// A delivery attempt that cannot reach its receiver is not sent, and says why.
#include <gtest/gtest.h>

#include <string>

#include "daemon/alerts/smtp_send.h"
#include "daemon/alerts/webhook_send.h"
#include "daemon/util/curl_transfer.h"
#include "tests/support/refusing_port.h"

namespace costgate::daemon::alerts {
namespace {

TEST(PostWebhook, ARefusedConnectionIsNotSentAndSaysSo) {
  util::InitCurlOnce();
  test_support::RefusingPort port;
  const std::string url = "http://127.0.0.1:" + std::to_string(port.port()) + "/hook";
  const std::string ca_file;
  const SendOutcome outcome =
      PostWebhook({url, R"({"text":"x"})", "secret", 1, 2'000, ca_file}, {});
  EXPECT_FALSE(outcome.sent);
  EXPECT_NE(outcome.detail.find("127.0.0.1"), std::string::npos) << outcome.detail;
  EXPECT_EQ(outcome.detail.find("secret"), std::string::npos);
}

TEST(SendEmail, ARefusedConnectionIsNotSentAndSaysSo) {
  util::InitCurlOnce();
  test_support::RefusingPort port;
  config::EmailAlertsConfig email;
  email.url = "smtp://127.0.0.1:" + std::to_string(port.port());
  email.from = "costgate@example.com";
  email.username = "costgate";
  const std::vector<std::string> to = {"a@example.com"};
  const std::string ca_file;
  const SendOutcome outcome =
      SendEmail({email, "hunter2", to, "Subject: x\r\n\r\nx\r\n", 2'000, ca_file}, {});
  EXPECT_FALSE(outcome.sent);
  EXPECT_NE(outcome.detail.find("127.0.0.1"), std::string::npos) << outcome.detail;
  EXPECT_EQ(outcome.detail.find("hunter2"), std::string::npos);
}

}  // namespace
}  // namespace costgate::daemon::alerts
