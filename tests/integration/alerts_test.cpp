// Budget alerts end to end: `costgate central` with an alerts: section, a budget the test writes
// into its store, events shipped to /v1/usage/batch, and a local SMTP sink and webhook receiver
// (alert_sink.py) that keep what arrives: the email's envelope, headers and text, the webhook's
// JSON and its HMAC signature (checked by Python's hmac), retries after a failing receiver, a
// delivery resumed after a restart, and the alert log at GET /admin/v1/alerts.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <chrono>
#include <fstream>
#include <string>

#include "base/clock.h"
#include "central/alerts/message.h"
#include "central/store/open_store.h"
#include "tests/integration/alert_sink_helpers.h"
#include "tests/integration/central_helpers.h"
#include "tests/integration/json_helpers.h"

namespace costgate::integration {
namespace {

constexpr const char* kHookSecret = "s3cret-hook-key";
constexpr const char* kBudgetName = "Team video";

// An event of the usage batch format starting now, so it falls in the budget's current period.
std::string AlertEvent(const std::string& event_id) {
  const int64_t now = base::NowUnixMs();
  return R"({"event_id":")" + event_id + R"(","start_unix_ms":)" + std::to_string(now - 1'000) +
         R"(,"end_unix_ms":)" + std::to_string(now) +
         R"(,"host":"web-1","daemon_version":"0.4.0",
   "labels":{"source_app":"video-accessibility","workspace":"ford","team":"video","project":"p-7",
             "environment":"prod","pod":"","user":"u-42","job":"","feature":""},
   "provider":"gemini","operation":"generateContent","metered":true,
   "model":"gemini-2.5-flash","model_version":"gemini-2.5-flash","service_tier":"",
   "units":{"input_tokens":3520,"output_tokens":2},"estimated":false,
   "status":"success","reason":"","http_status":200,"latency_ms":1000,"ttfb_ms":300,
   "request_bytes":812,"response_bytes":2048,"cost_pico_usd":217760000,
   "pricing_version":"pb-test","price_key":"gemini/gemini-2.5-flash","unpriced_reason":""})";
}

void WriteText(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path) << text;
}

// Central with `alerts_yaml` (a whole alerts: section), stopped once so that the test can write
// its budget into the store, then started again.
class AlertsTest : public ::testing::Test {
 protected:
  void StartCentral(const std::string& alerts_yaml, std::vector<std::string> env = {}) {
    central_ =
        std::make_unique<CentralUnderTest>(0, "", [alerts_yaml, env](DaemonSettings& settings) {
          settings.extra_yaml = alerts_yaml;
          settings.env = env;
        });
    ship_key_ = central_->CreateKey("ship", "video-accessibility", "ship");
    admin_key_ = central_->CreateKey("admin", "ops", "admin");
    central_->Stop();
    CreateBudget();
    central_->Start();
  }

  // A soft monthly budget of a millionth of a dollar over everything, alerting at 80 %: the
  // first priced event takes it past 100 % at once, so no forecast joins the threshold (the
  // forecast stays quiet once the amount is spent) whatever the day of the month.
  void CreateBudget() {
    auto opened = central::OpenStore(
        {config::StoreLocation::Kind::kSqlite, (central_->dir() / "central.db").string()},
        config::SqliteSynchronous::kNormal);
    ASSERT_TRUE(std::holds_alternative<std::unique_ptr<central::Store>>(opened));
    auto& store = *std::get<std::unique_ptr<central::Store>>(opened);
    central::Budget budget;
    budget.id = "bud_0123456789ab";
    budget.name = kBudgetName;
    budget.period = "monthly";
    budget.amount = pricing::Money::FromPico(1'000'000);
    budget.thresholds_percent = {80};
    const central::AuditEntry audit{0, 1, "test", "budget.create", budget.id, "", "{}"};
    ASSERT_EQ(std::get<central::BudgetChange>(store.CreateBudget(budget, audit)),
              central::BudgetChange::kDone);
  }

  HttpResponse Ship(const std::string& event_id) {
    HttpRequest request;
    request.method = "POST";
    request.url = central_->Url("/v1/usage/batch");
    request.headers = {"X-API-Key: " + ship_key_, "Content-Type: application/json"};
    request.body = R"({"events":[)" + AlertEvent(event_id) + "]}";
    return Http(request);
  }

  std::string AlertLog() {
    HttpRequest request;
    request.url = central_->Url("/admin/v1/alerts");
    request.headers = {"X-API-Key: " + admin_key_};
    const HttpResponse response = Http(request);
    EXPECT_EQ(response.status, 200) << response.body;
    return response.body;
  }

  // Polls the alert log until delivery `index` of the newest alert has `status`, or 20 s pass.
  std::string WaitForDelivery(std::string_view status, const std::string& index = "0") {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (true) {
      std::string log = AlertLog();
      if (JsonString(log, "/alerts/0/deliveries/" + index + "/status") == status ||
          std::chrono::steady_clock::now() >= deadline) {
        return log;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(25));  // polling, bounded above
    }
  }

  test_support::TempDir secrets_;
  std::unique_ptr<CentralUnderTest> central_;
  std::string ship_key_;
  std::string admin_key_;
};

TEST_F(AlertsTest, EmailAndWebhookCarryTheAlertOnceThroughDuplicatedIngest) {
  AlertSink sink({"", kHookSecret, true});
  WriteText(secrets_.path() / "smtp.pass", "smtp-password-1\n");
  WriteText(secrets_.path() / "hook.secret", std::string(kHookSecret) + "\n");
  const std::string hook_url =
      "http://127.0.0.1:" + std::to_string(sink.http_port()) + "/hooks/costgate";
  StartCentral("alerts:\n  timeout_ms: 5000\n  email:\n    url: smtp://127.0.0.1:" +
               std::to_string(sink.smtp_port()) +
               "\n    from: costgate@example.com\n"
               "    to: [finance@example.com, ops@example.org]\n"
               "    username: costgate\n    password_file: \"" +
               (secrets_.path() / "smtp.pass").string() + "\"\n    starttls: try\n" +
               "  webhooks:\n    - url: " + hook_url + "\n      secret_file: \"" +
               (secrets_.path() / "hook.secret").string() + "\"\n");

  ASSERT_EQ(Ship("evt-alert-1").status, 200);
  const std::string received = sink.WaitFor("/mails", 1);
  sink.WaitFor("/webhooks", 1);
  // The shipper's retries of the same event alert nobody again.
  ASSERT_EQ(Ship("evt-alert-1").status, 200);
  ASSERT_EQ(Ship("evt-alert-1").status, 200);
  const std::string log = WaitForDelivery("sent");
  ASSERT_EQ(JsonArraySize(log, "/alerts"), 1u) << log;

  const std::vector<ReceiptRow> events = central_->Events();
  ASSERT_EQ(events.size(), 1u);
  const std::string spent = central::alerts::UsdText(
      pricing::Money::FromPico(events[0].Int("cost_pico_usd").value_or(0)));

  // The email: envelope, credentials from the password file, headers and a link-free text.
  const std::string all = sink.Received();
  ASSERT_EQ(JsonArraySize(all, "/mails"), 1u) << all;
  EXPECT_EQ(JsonString(all, "/mails/0/from"), "<costgate@example.com>");
  EXPECT_EQ(JsonString(all, "/mails/0/to/0"), "<finance@example.com>");
  EXPECT_EQ(JsonString(all, "/mails/0/to/1"), "<ops@example.org>");
  EXPECT_EQ(JsonString(all, "/mails/0/auth/user"), "costgate");
  EXPECT_EQ(JsonString(all, "/mails/0/auth/password"), "smtp-password-1");
  const std::string mail = JsonString(all, "/mails/0/data").value_or("");
  EXPECT_NE(mail.find("\r\nSubject: Budget \"Team video\" reached 80%: " + spent + " of $0.000001"),
            std::string::npos)
      << mail;
  EXPECT_NE(mail.find("From: costgate@example.com\r\n"), std::string::npos);
  EXPECT_NE(mail.find("To: finance@example.com, ops@example.org\r\n"), std::string::npos);
  EXPECT_NE(mail.find("Budget \"Team video\" (bud_0123456789ab) has spent " + spent +
                      " of its $0.000001 monthly amount"),
            std::string::npos)
      << mail;
  EXPECT_NE(mail.find("The budget resets at "), std::string::npos);
  EXPECT_EQ(mail.find("http"), std::string::npos);
  EXPECT_EQ(mail.find("smtp-password-1"), std::string::npos);

  // The webhook: a Slack-compatible text and the alert's fields, signed with the secret.
  ASSERT_EQ(JsonArraySize(all, "/webhooks"), 1u);
  EXPECT_EQ(JsonString(all, "/webhooks/0/path"), "/hooks/costgate");
  simdjson::dom::parser parser;
  simdjson::dom::element hook = parser.parse(all).value()["webhooks"].at(0).value();
  EXPECT_TRUE(bool(hook["signature_ok"]));
  EXPECT_EQ(std::string_view(hook["headers"]["content-type"]), "application/json");
  const std::string body = JsonString(all, "/webhooks/0/body").value_or("");
  EXPECT_EQ(JsonString(body, "/budget/name"), kBudgetName);
  EXPECT_EQ(JsonString(body, "/alert/kind"), "threshold");
  EXPECT_EQ(JsonInt(body, "/alert/threshold_percent"), 80);
  EXPECT_EQ(JsonInt(body, "/delivery/attempt"), 1);
  EXPECT_EQ(std::to_string(JsonInt(body, "/delivery/timestamp").value_or(-1)),
            std::string(std::string_view(hook["headers"]["x-costgate-timestamp"])));
  EXPECT_TRUE(JsonString(body, "/text")->starts_with("Budget \"Team video\" (bud_0123456789ab)"));

  // The alert log: one alert, both deliveries sent on their first attempt.
  for (const std::string delivery : {"0", "1"}) {
    const std::string at = "/alerts/0/deliveries/" + delivery;
    const std::string settled = WaitForDelivery("sent", delivery);
    EXPECT_EQ(JsonInt(settled, at + "/attempts"), 1) << settled;
    EXPECT_EQ(JsonString(settled, at + "/attempt_log/0/outcome"), "sent");
  }
  EXPECT_EQ(JsonString(log, "/alerts/0/deliveries/1/target"),
            "http://127.0.0.1:" + std::to_string(sink.http_port()) + "/...");
  EXPECT_EQ(central_->process().Log().find(kHookSecret), std::string::npos);
  EXPECT_EQ(central_->process().Log().find("smtp-password-1"), std::string::npos);
}

TEST_F(AlertsTest, AFailingReceiverIsRetriedUntilItAccepts) {
  AlertSink sink({"500,500", kHookSecret, false});
  StartCentral(
      "alerts:\n  webhooks:\n    - url: http://127.0.0.1:" + std::to_string(sink.http_port()) +
          "/in\n      secret_env: ALERT_HOOK_SECRET\n"
          "  retry: {max_attempts: 5, initial_backoff_ms: 100, max_backoff_ms: 200}\n",
      {std::string("ALERT_HOOK_SECRET=") + kHookSecret});
  ASSERT_EQ(Ship("evt-retry-1").status, 200);
  sink.WaitFor("/webhooks", 3);
  const std::string log = WaitForDelivery("sent");

  const std::string all = sink.Received();
  ASSERT_EQ(JsonArraySize(all, "/webhooks"), 3u) << all;
  for (const std::string i : {"0", "1", "2"}) {
    simdjson::dom::parser parser;
    EXPECT_TRUE(
        bool(parser.parse(all).value()["webhooks"].at(std::stoul(i)).value()["signature_ok"]));
    EXPECT_EQ(
        JsonInt(JsonString(all, "/webhooks/" + i + "/body").value_or(""), "/delivery/attempt"),
        std::stoi(i) + 1);
  }
  EXPECT_EQ(JsonInt(log, "/alerts/0/deliveries/0/attempts"), 3) << log;
  EXPECT_EQ(JsonArraySize(log, "/alerts/0/deliveries/0/attempt_log"), 3u);
  EXPECT_EQ(JsonString(log, "/alerts/0/deliveries/0/attempt_log/0/outcome"), "retry");
  EXPECT_EQ(JsonString(log, "/alerts/0/deliveries/0/attempt_log/0/detail"), "HTTP 500");
  EXPECT_EQ(JsonString(log, "/alerts/0/deliveries/0/attempt_log/1/outcome"), "retry");
  EXPECT_EQ(JsonString(log, "/alerts/0/deliveries/0/attempt_log/2/outcome"), "sent");
  EXPECT_EQ(JsonString(log, "/alerts/0/deliveries/0/attempt_log/2/detail"), "HTTP 200");
  // Each attempt's line is written once its outcome is recorded.
  ASSERT_TRUE(central_->process().WaitForLogLine("alert delivered", 0, std::chrono::seconds(10)));
  EXPECT_EQ(central_->process().LogLines("alert delivery failed; retrying").size(), 2u);
  EXPECT_EQ(central_->process().LogLines("alert delivered").size(), 1u);
}

TEST_F(AlertsTest, APendingDeliveryResumesAfterARestart) {
  AlertSink sink({"500", "", false});
  StartCentral(
      "alerts:\n  webhooks:\n    - url: http://127.0.0.1:" + std::to_string(sink.http_port()) +
      "/in\n  retry: {initial_backoff_ms: 2000, max_backoff_ms: 2000}\n");
  ASSERT_EQ(Ship("evt-restart-1").status, 200);
  sink.WaitFor("/webhooks", 1);
  central_->Stop();  // its retry is two seconds away: pending in the table, nowhere else
  central_->Start();
  sink.WaitFor("/webhooks", 2);
  const std::string log = WaitForDelivery("sent");
  EXPECT_EQ(JsonInt(log, "/alerts/0/deliveries/0/attempts"), 2) << log;
  EXPECT_EQ(JsonString(log, "/alerts/0/deliveries/0/attempt_log/0/detail"), "HTTP 500");
  EXPECT_EQ(JsonString(log, "/alerts/0/deliveries/0/attempt_log/1/outcome"), "sent");
  EXPECT_EQ(JsonArraySize(sink.Received(), "/webhooks"), 2u);
}

// starttls: required never sends an alert in clear text to a server that offers no STARTTLS.
TEST_F(AlertsTest, RequiredStartTlsGivesUpOnAServerWithoutIt) {
  AlertSink sink;
  StartCentral("alerts:\n  email:\n    url: smtp://127.0.0.1:" + std::to_string(sink.smtp_port()) +
               "\n    from: costgate@example.com\n    to: [finance@example.com]\n"
               "    starttls: required\n  retry: {max_attempts: 1}\n");
  ASSERT_EQ(Ship("evt-tls-1").status, 200);
  const std::string log = WaitForDelivery("failed");
  EXPECT_EQ(JsonString(log, "/alerts/0/deliveries/0/status"), "failed") << log;
  EXPECT_EQ(JsonString(log, "/alerts/0/deliveries/0/attempt_log/0/outcome"), "failed");
  EXPECT_EQ(JsonArraySize(sink.Received(), "/mails"), 0u);
  EXPECT_TRUE(central_->process().WaitForLogLine("alert delivery failed; giving up", 0,
                                                 std::chrono::seconds(10)));
}

}  // namespace
}  // namespace costgate::integration
