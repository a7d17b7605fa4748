// Receipt labels come from x-costgate-* request headers (which never reach the provider) and from
// the configured sidecar labels.
#include <gtest/gtest.h>

#include "tests/integration/integration_fixture_helpers.h"

namespace costgate::integration {
namespace {

using AttributionTest = SharedDaemonTest;

TEST_F(AttributionTest, AttributionHeadersBecomeReceiptLabels) {
  const std::string marker = UniqueToken("labels");
  const HttpResponse response = Http(
      FixtureRequest(daemon(), LoadFixture(kGzipJsonFixture), "/gemini", marker,
                     {"x-costgate-user: user-" + marker, "x-costgate-project: project-" + marker,
                      "x-costgate-job: " + marker, "x-costgate-feature: feature-" + marker}));
  ASSERT_EQ(response.status, 200);
  const auto rows = daemon().receipts().WaitForRows("job", marker, 1, kWait);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].Text("user"), "user-" + marker);
  EXPECT_EQ(rows[0].Text("project"), "project-" + marker);
  EXPECT_EQ(rows[0].Text("feature"), "feature-" + marker);
}

TEST_F(AttributionTest, AttributionHeadersAreNotForwarded) {
  const std::string marker = UniqueToken("strip");
  ASSERT_EQ(Http(FixtureRequest(daemon(), LoadFixture(kGzipJsonFixture), "/gemini", marker,
                                {"x-costgate-user: u", "X-Costgate-Project: p", "x-costgate-job: j",
                                 "x-costgate-feature: f"}))
                .status,
            200);
  const auto seen = mock().RequestsWith(kMarkerHeader, marker);
  ASSERT_EQ(seen.size(), 1u);
  for (const auto& [name, value] : seen[0].headers) {
    EXPECT_NE(strncasecmp(name.c_str(), "x-costgate-", 11), 0) << name << ": " << value;
  }
}

TEST_F(AttributionTest, ConfiguredLabelsAreOnEveryReceipt) {
  const HttpResponse response = Http(
      FixtureRequest(daemon(), LoadFixture(kGzipJsonFixture), "/gemini", UniqueToken("config")));
  ASSERT_EQ(response.status, 200);
  const auto receipt = daemon().receipts().WaitForReceipt(
      response.Header("x-costgate-event-id").value_or(""), kWait);
  ASSERT_TRUE(receipt.has_value());
  EXPECT_EQ(receipt->Text("source_app"), kSourceApp) << "from COSTGATE_SOURCE_APP";
  for (const auto& [label, value] : SharedDaemonLabels()) {
    EXPECT_EQ(receipt->Text(label), value) << label;
  }
  EXPECT_EQ(receipt->Text("user"), "");
  EXPECT_EQ(receipt->Text("job"), "");
}

}  // namespace
}  // namespace costgate::integration
