#include "filters/attribute/attribute_filter.h"

#include <gtest/gtest.h>

#include <string>

namespace costgate::filters {
namespace {

config::LabelsConfig SidecarLabels() {
  config::LabelsConfig labels;
  labels.source_app = "billing-api";
  labels.workspace = "acme";
  labels.team = "payments";
  labels.project = "invoices";
  labels.environment = "prod";
  labels.pod = "billing-api-7f9c";
  return labels;
}

class AttributeFilterTest : public ::testing::Test {
 protected:
  Next Run() { return AttributeFilter(defaults_).OnRequest(x_); }
  void AddHeader(std::string name, std::string value) {
    x_.request.headers.Add(std::move(name), std::move(value));
  }

  config::LabelsConfig defaults_ = SidecarLabels();
  Exchange x_;
};

TEST_F(AttributeFilterTest, CopiesConfiguredLabels) {
  ASSERT_EQ(Run(), Next::kContinue);
  EXPECT_EQ(x_.labels.source_app, "billing-api");
  EXPECT_EQ(x_.labels.workspace, "acme");
  EXPECT_EQ(x_.labels.team, "payments");
  EXPECT_EQ(x_.labels.project, "invoices");
  EXPECT_EQ(x_.labels.environment, "prod");
  EXPECT_EQ(x_.labels.pod, "billing-api-7f9c");
  EXPECT_EQ(x_.labels.user, "");
}

TEST_F(AttributeFilterTest, ReadsPerRequestLabelHeaders) {
  AddHeader("X-Costgate-User", "alice@example.com");
  AddHeader("x-costgate-job", "nightly-summary");
  AddHeader("x-costgate-feature", "summarise");
  ASSERT_EQ(Run(), Next::kContinue);
  EXPECT_EQ(x_.labels.user, "alice@example.com");
  EXPECT_EQ(x_.labels.job, "nightly-summary");
  EXPECT_EQ(x_.labels.feature, "summarise");
}

TEST_F(AttributeFilterTest, ProjectHeaderOverridesConfiguredProject) {
  AddHeader("x-costgate-project", "refunds");
  ASSERT_EQ(Run(), Next::kContinue);
  EXPECT_EQ(x_.labels.project, "refunds");
}

TEST_F(AttributeFilterTest, EmptyProjectHeaderKeepsConfiguredProject) {
  AddHeader("x-costgate-project", "");
  ASSERT_EQ(Run(), Next::kContinue);
  EXPECT_EQ(x_.labels.project, "invoices");
}

TEST_F(AttributeFilterTest, RemovesEveryCostgateHeaderBeforeForwarding) {
  AddHeader("x-costgate-user", "alice");
  AddHeader("Content-Type", "application/json");
  AddHeader("X-COSTGATE-TAGS", "a=b");
  AddHeader("x-costgate-anything-else", "1");
  AddHeader("x-CostGate-User", "bob");
  ASSERT_EQ(Run(), Next::kContinue);
  ASSERT_EQ(x_.request.headers.size(), 1u);
  EXPECT_EQ(x_.request.headers.fields()[0].name, "Content-Type");
}

TEST_F(AttributeFilterTest, LeavesProviderCredentialsUntouched) {
  AddHeader("x-goog-api-key", "AIza-secret");
  AddHeader("Authorization", "Bearer ya29.token");
  AddHeader("x-costgate-user", "alice");
  x_.request.target = "/v1beta/models/m:generateContent?key=AIza-secret";
  ASSERT_EQ(Run(), Next::kContinue);
  ASSERT_EQ(x_.request.headers.size(), 2u);
  EXPECT_EQ(*x_.request.headers.Find("x-goog-api-key"), "AIza-secret");
  EXPECT_EQ(*x_.request.headers.Find("authorization"), "Bearer ya29.token");
  EXPECT_EQ(x_.request.target, "/v1beta/models/m:generateContent?key=AIza-secret");
}

TEST_F(AttributeFilterTest, AcceptsValueOfExactlyTheLimit) {
  AddHeader("x-costgate-user", std::string(kMaxLabelBytes, 'u'));
  ASSERT_EQ(Run(), Next::kContinue);
  EXPECT_EQ(x_.labels.user.size(), kMaxLabelBytes);
}

TEST_F(AttributeFilterTest, OverlongValueAnswers400NamingTheHeader) {
  x_.provider = "gemini";
  AddHeader("x-costgate-feature", std::string(kMaxLabelBytes + 1, 'f'));
  ASSERT_EQ(Run(), Next::kAnswered);
  EXPECT_EQ(x_.reply.status, 400);
  EXPECT_EQ(x_.reply.reason, "invalid_attribution_header");
  EXPECT_NE(x_.reply.body.find("x-costgate-feature"), std::string::npos);
  EXPECT_NE(x_.reply.body.find("\"status\":\"INVALID_ARGUMENT\""), std::string::npos);
}

TEST_F(AttributeFilterTest, ControlCharacterAnswers400NamingTheHeader) {
  AddHeader("x-costgate-job",
            "a\x01"
            "b");
  ASSERT_EQ(Run(), Next::kAnswered);
  EXPECT_EQ(x_.reply.reason, "invalid_attribution_header");
  EXPECT_NE(x_.reply.body.find("x-costgate-job"), std::string::npos);
}

TEST_F(AttributeFilterTest, TabIsAControlCharacter) {
  AddHeader("x-costgate-user", "a\tb");
  EXPECT_EQ(Run(), Next::kAnswered);
}

TEST(AttributeFilterFactoryTest, FiltersUseTheFactorysCopyOfTheLabels) {
  config::LabelsConfig labels = SidecarLabels();
  const AttributeFilterFactory factory(labels);
  labels.project = "changed-after";
  Exchange x;
  ASSERT_EQ(factory.Create()->OnRequest(x), Next::kContinue);
  EXPECT_EQ(factory.Name(), "attribute");
  EXPECT_EQ(x.labels.project, "invoices");
}

}  // namespace
}  // namespace costgate::filters
