// The webhook's JSON: a Slack-compatible text, the budget, the alert and the delivery, signed.
#include "central/alerts/webhook_body.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include "base/hmac_sha256.h"

namespace costgate::central::alerts {
namespace {

Alert WebhookAlert() {
  Alert a;
  a.id = 12;
  a.budget_id = "bud_0123456789ab";
  a.budget_name = "R&D <video>";
  a.period_key = "2026-12";
  a.period = "monthly";
  a.kind = std::string(kAlertThreshold);
  a.threshold_percent = 80;
  a.spent = pricing::Money::FromPico(12'340'000'000'000);
  a.amount = pricing::Money::FromPico(15'000'000'000'000);
  a.period_start_unix_ms = 1'796'083'200'000;
  a.period_end_unix_ms = 1'798'761'600'000;
  a.fired_unix_ms = 1'797'000'000'000;
  a.subject = "Budget \"R&D <video>\" reached 80%";
  a.text = "Budget \"R&D <video>\" has spent $12.34.\n\nPeriod: 2026-12.\n";
  return a;
}

TEST(WebhookBody, CarriesTextBudgetAlertAndDelivery) {
  const std::string body = WebhookBody(WebhookAlert(), 3, 2, 1'797'000'001);
  simdjson::dom::parser parser;
  const simdjson::dom::element doc = parser.parse(body).value();
  EXPECT_EQ(std::string_view(doc["text"]),
            "Budget \"R&amp;D &lt;video&gt;\" has spent $12.34.");  // first line, Slack-escaped
  EXPECT_EQ(std::string_view(doc["budget"]["id"]), "bud_0123456789ab");
  EXPECT_EQ(std::string_view(doc["budget"]["name"]), "R&D <video>");
  EXPECT_EQ(std::string_view(doc["budget"]["period"]), "monthly");
  EXPECT_EQ(std::string_view(doc["budget"]["period_key"]), "2026-12");
  EXPECT_EQ(int64_t(doc["budget"]["period_end_unix_ms"]), 1'798'761'600'000);
  EXPECT_EQ(double(doc["budget"]["amount_usd"]), 15.0);
  EXPECT_EQ(int64_t(doc["budget"]["amount_pico_usd"]), 15'000'000'000'000);
  EXPECT_EQ(int64_t(doc["alert"]["id"]), 12);
  EXPECT_EQ(std::string_view(doc["alert"]["kind"]), "threshold");
  EXPECT_EQ(int64_t(doc["alert"]["threshold_percent"]), 80);
  EXPECT_EQ(double(doc["alert"]["spent_usd"]), 12.34);
  EXPECT_TRUE(doc["alert"]["projected_usd"].is_null());
  EXPECT_TRUE(doc["alert"]["projected_pico_usd"].is_null());
  EXPECT_EQ(std::string_view(doc["alert"]["message"]), WebhookAlert().text);
  EXPECT_EQ(int64_t(doc["delivery"]["id"]), 3);
  EXPECT_EQ(int64_t(doc["delivery"]["attempt"]), 2);
  EXPECT_EQ(int64_t(doc["delivery"]["timestamp"]), 1'797'000'001);
}

TEST(WebhookBody, AForecastHasItsProjection) {
  Alert a = WebhookAlert();
  a.kind = std::string(kAlertForecast);
  a.projected = pricing::Money::FromPico(20'500'000'000'000);
  simdjson::dom::parser parser;
  const simdjson::dom::element doc = parser.parse(WebhookBody(a, 1, 1, 0)).value();
  EXPECT_EQ(double(doc["alert"]["projected_usd"]), 20.5);
  EXPECT_EQ(int64_t(doc["alert"]["projected_pico_usd"]), 20'500'000'000'000);
}

TEST(WebhookSignature, IsSha256PrefixedHexHmacOfTheBody) {
  EXPECT_EQ(WebhookSignature("Jefe", "what do ya want for nothing?"),
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(SlackEscape, EscapesOnlyAmpersandAndAngleBrackets) {
  EXPECT_EQ(SlackEscape("a & b <c> \"d\" *e*"), "a &amp; b &lt;c&gt; \"d\" *e*");
}

}  // namespace
}  // namespace costgate::central::alerts
