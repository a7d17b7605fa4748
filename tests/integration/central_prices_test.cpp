// The price book's admin API on a real `costgate central` over HTTP: an override posted there
// prices the calls recorded after it, while the call stored before keeps its price; the status
// says what loaded the book in force (the start, then the override); an unpriced call's stored
// reason is read back through the read threads' own connections (the partial index).
#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <string>

#include "tests/integration/central_helpers.h"
#include "tests/integration/integration_fixture_helpers.h"
#include "tests/integration/json_helpers.h"

namespace costgate::integration {
namespace {

class CentralPricesTest : public IntegrationTest {
 protected:
  CostgateProcess& StartDaemon() override {
    const std::string overrides = (prices_dir_.path() / "overrides.yaml").string();
    std::ofstream(overrides) << "version: 1\nprices: []\n";
    central_ = std::make_unique<CentralUnderTest>(0, "", [&](DaemonSettings& settings) {
      settings.extra_yaml += "pricing:\n  overrides_file: " + overrides +
                             "\n  history_dir: " + (prices_dir_.path() / "history").string() + "\n";
    });
    record_key_ = central_->CreateKey("rec-" + UniqueToken("key"), "my-project", "record");
    admin_key_ = central_->CreateKey("adm-" + UniqueToken("key"), "my-project", "admin");
    return central_->process();
  }

  HttpResponse Send(const std::string& method, const std::string& path, const std::string& key,
                    const std::string& body = "") {
    HttpRequest request;
    request.method = method;
    request.url = central_->Url(path);
    request.headers = {"X-API-Key: " + key, "Content-Type: application/json"};
    if (method != "GET") {
      request.body = body;
    }
    return Http(request);
  }

  HttpResponse RecordCall() {
    return Send("POST", "/v1/usage/record", record_key_,
                R"({"request_id":"","user_external_id":"u","source_app":"my-project",)"
                R"("model":"gemini-2.5-flash","units":{"input_tokens":1000,"output_tokens":10},)"
                R"("latency_ms":1,"status":"success"})");
  }

  TempDir prices_dir_;
  std::unique_ptr<CentralUnderTest> central_;
  std::string record_key_;
  std::string admin_key_;
};

TEST_F(CentralPricesTest, AnOverridePricesTheCallsRecordedAfterIt) {
  ASSERT_EQ(RecordCall().status, 200);
  const HttpResponse made =
      Send("POST", "/admin/v1/prices/overrides", admin_key_,
           R"({"key":"gemini/gemini-2.5-flash","effective_from":"2020-01-01",)"
           R"("rates":{"input_cost_per_token":"0.000001","output_cost_per_token":"0.000002"}})");
  ASSERT_EQ(made.status, 201) << made.body;
  ASSERT_EQ(RecordCall().status, 200);
  const std::vector<ReceiptRow> events = central_->Events("1 = 1 ORDER BY rowid");
  ASSERT_EQ(events.size(), 2u);
  // 1000 input tokens at $1/M and 10 output tokens at $2/M: $0.00102.
  EXPECT_EQ(events[1].Int("cost_pico_usd"), 1'020'000'000);
  EXPECT_NE(events[0].Int("cost_pico_usd"), 1'020'000'000);
  const HttpResponse row = Send("GET", "/admin/v1/prices/gemini/gemini-2.5-flash", admin_key_);
  EXPECT_NE(row.body.find(R"("origin":"override")"), std::string::npos) << row.body;
  const HttpResponse status = Send("GET", "/admin/v1/prices/status", admin_key_);
  EXPECT_NE(status.body.find(R"("refresh":"no refresh configured")"), std::string::npos)
      << status.body;
  EXPECT_EQ(JsonString(status.body, "/loaded/source"), "override.create") << status.body;
  EXPECT_EQ(JsonString(status.body, "/loaded/version"), JsonString(status.body, "/version"));
}

TEST_F(CentralPricesTest, TheStatusSaysTheBookWasLoadedAtStartFromTheConfigFile) {
  const HttpResponse status = Send("GET", "/admin/v1/prices/status", admin_key_);
  ASSERT_EQ(status.status, 200) << status.body;
  EXPECT_EQ(JsonString(status.body, "/loaded/source"), "start") << status.body;
  EXPECT_EQ(JsonString(status.body, "/loaded/result"), "ok") << status.body;
  EXPECT_TRUE(JsonString(status.body, "/loaded/from").value_or("").ends_with("costgate.yaml"))
      << status.body;
  EXPECT_EQ(JsonString(status.body, "/loaded/version"), JsonString(status.body, "/version"));
  EXPECT_GT(JsonInt(status.body, "/loaded/at_unix_ms").value_or(0), 0);
  EXPECT_EQ(JsonString(status.body, "/last_attempt/source"), "start") << status.body;
}

TEST_F(CentralPricesTest, AnUnpricedCallsStoredReasonIsListedWithItsModel) {
  ASSERT_EQ(Send("POST", "/v1/usage/record", record_key_,
                 R"({"request_id":"","user_external_id":"u","source_app":"my-project",)"
                 R"("model":"no-such-model","units":{"input_tokens":1000,"output_tokens":10},)"
                 R"("latency_ms":1,"status":"success"})")
                .status,
            200);
  const HttpResponse unpriced = Send("GET", "/admin/v1/prices/unpriced", admin_key_);
  ASSERT_EQ(unpriced.status, 200) << unpriced.body;
  EXPECT_EQ(JsonString(unpriced.body, "/models/0/model"), "no-such-model") << unpriced.body;
  EXPECT_EQ(JsonString(unpriced.body, "/models/0/stored_reasons/0/reason"), "unknown_model")
      << unpriced.body;
  EXPECT_EQ(JsonInt(unpriced.body, "/models/0/stored_reasons/0/calls"), 1) << unpriced.body;
  EXPECT_EQ(JsonString(unpriced.body, "/models/0/reason"), "unknown_model") << unpriced.body;
}

}  // namespace
}  // namespace costgate::integration
