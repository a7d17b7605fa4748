// The configured targets, and how a target is shown without a webhook's secret path.
#include "central/alerts/targets.h"

#include <gtest/gtest.h>

namespace costgate::central::alerts {
namespace {

TEST(AlertTargets, OneEmailForAllRecipientsThenEachWebhook) {
  config::AlertsConfig alerts;
  alerts.email.url = "smtp://mail.example.com:587";
  alerts.email.from = "costgate@example.com";
  alerts.email.to = {"a@example.com", "b@example.com"};
  alerts.webhooks = {{"https://hooks.example.com/1", "", ""}, {"http://10.0.0.2:8080/x", "", ""}};
  EXPECT_EQ(AlertTargets(alerts),
            (std::vector<DeliveryTarget>{{"email", "a@example.com, b@example.com"},
                                         {"webhook", "https://hooks.example.com/1"},
                                         {"webhook", "http://10.0.0.2:8080/x"}}));
}

TEST(AlertTargets, NoEmailWithoutAServer) {
  config::AlertsConfig alerts;
  alerts.email.to = {"a@example.com"};
  EXPECT_TRUE(AlertTargets(alerts).empty());
}

TEST(DisplayTarget, AWebhookShowsOnlyItsOrigin) {
  EXPECT_EQ(DisplayTarget({"webhook", "https://hooks.slack.com/services/T0/B0/XXXX"}),
            "https://hooks.slack.com/...");
  EXPECT_EQ(DisplayTarget({"webhook", "https://h.example.com:8443?token=x"}),
            "https://h.example.com:8443/...");
  EXPECT_EQ(DisplayTarget({"webhook", "https://h.example.com"}), "https://h.example.com");
  EXPECT_EQ(DisplayTarget({"email", "a@example.com, b@example.com"}),
            "a@example.com, b@example.com");
}

}  // namespace
}  // namespace costgate::central::alerts
