// The analytics API of a real `costgate central` over HTTP: calls recorded through /v1 show in
// the summary and the day buckets of central.time_zone, served by the read threads; a zone that
// does not exist stops central at start, naming it.
#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>
#include <string>

#include "tests/integration/central_helpers.h"
#include "tests/integration/integration_fixture_helpers.h"

namespace costgate::integration {
namespace {

class CentralAnalyticsTest : public IntegrationTest {
 protected:
  CostgateProcess& StartDaemon() override {
    central_ =
        std::make_unique<CentralUnderTest>(0, "  read_threads: 2\n  time_zone: Europe/Berlin\n");
    record_key_ = central_->CreateKey("rec-" + UniqueToken("key"), "my-project", "record");
    admin_key_ = central_->CreateKey("adm-" + UniqueToken("key"), "my-project", "admin");
    return central_->process();
  }

  HttpResponse Record(const std::string& model) {
    HttpRequest request;
    request.method = "POST";
    request.url = central_->Url("/v1/usage/record");
    request.headers = {"X-API-Key: " + record_key_, "Content-Type: application/json"};
    request.body =
        R"({"request_id":"","user_external_id":"u","source_app":"my-project","model":")" + model +
        R"(","units":{"input_tokens":1000,"output_tokens":10},"latency_ms":1,"status":"success"})";
    return Http(request);
  }

  HttpResponse Admin(const std::string& path) {
    HttpRequest request;
    request.url = central_->Url(path);
    request.headers = {"Authorization: Bearer " + admin_key_};
    return Http(request);
  }

  std::unique_ptr<CentralUnderTest> central_;
  std::string record_key_;
  std::string admin_key_;
};

TEST_F(CentralAnalyticsTest, RecordedCallsShowInTheSummaryAndBreakdown) {
  ASSERT_EQ(Record("gemini-2.5-flash").status, 200);
  ASSERT_EQ(Record("gemini-2.5-flash").status, 200);
  ASSERT_EQ(Record("gemini-2.5-pro").status, 200);
  const HttpResponse summary = Admin("/admin/v1/analytics/summary");
  ASSERT_EQ(summary.status, 200) << summary.body;
  EXPECT_NE(summary.body.find(R"("tz":"Europe/Berlin")"), std::string::npos) << summary.body;
  EXPECT_NE(summary.body.find(R"("calls":3,)"), std::string::npos) << summary.body;
  EXPECT_NE(summary.body.find(R"("input_tokens":3000,)"), std::string::npos) << summary.body;
  const HttpResponse breakdown = Admin("/admin/v1/analytics/breakdown?by=model&order=calls");
  ASSERT_EQ(breakdown.status, 200) << breakdown.body;
  EXPECT_NE(breakdown.body.find(R"("rows":[{"key":"gemini-2.5-flash")"), std::string::npos)
      << breakdown.body;
  const HttpResponse days = Admin("/admin/v1/analytics/timeseries?bucket=day");
  ASSERT_EQ(days.status, 200) << days.body;
  EXPECT_NE(days.body.find("T00:00:00+0"), std::string::npos) << days.body;
  EXPECT_EQ(Admin("/admin/v1/analytics/summary").status, 200);
  HttpRequest keyless;
  keyless.url = central_->Url("/admin/v1/analytics/summary");
  EXPECT_EQ(Http(keyless).status, 401);
}

TEST(CentralAnalyticsZone, AnUnknownZoneStopsCentral) {
  EXPECT_THROW(CentralUnderTest(0, "  time_zone: Mars/Olympus\n"), std::runtime_error);
}

}  // namespace
}  // namespace costgate::integration
