#include "filters/attribute/attribute_filter.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <utility>

#include "base/text_rule.h"

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
  Next Run() { return AttributeFilter(defaults_).OnRequest(x_).value(); }
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

constexpr std::string_view kLabelHeaderNames[] = {"x-costgate-user", "x-costgate-project",
                                                  "x-costgate-job", "x-costgate-feature"};

TEST_F(AttributeFilterTest, EveryLabelHeaderTakesTextUpToTheLimit) {
  for (const std::string_view name : kLabelHeaderNames) {
    for (const std::string& value :
         {std::string(base::kMaxIdBytes, 'u'), std::string("Zoë 日本")}) {
      Exchange x;
      x.request.headers.Add(std::string(name), value);
      const config::LabelsConfig none;
      ASSERT_EQ(AttributeFilter(none).OnRequest(x), Next::kContinue) << name;
      EXPECT_EQ(x.labels.user + x.labels.project + x.labels.job + x.labels.feature, value);
    }
  }
}

// Each way a header value can break the text rule, for each label header: 400 in the
// provider's shape, reason bad_label, the header and what is wrong named in the message.
TEST_F(AttributeFilterTest, EveryLabelHeaderRefusesTextBreakingTheRule) {
  const std::pair<std::string, std::string_view> bad[] = {
      {std::string(base::kMaxIdBytes + 1, 'f'), "must be at most 256 bytes"},
      {"a\x01b", "must not contain control characters"},
      {"a\tb", "must not contain control characters"},
      {"a\x7F", "must not contain control characters"},
      {"\xC2\x85", "must not contain control characters"},
      {"caf\xE9", "must be valid UTF-8"},
      {"\xC0\xAF", "must be valid UTF-8"},
  };
  for (const std::string_view name : kLabelHeaderNames) {
    for (const auto& [value, reason] : bad) {
      Exchange x;
      x.provider = "gemini";
      x.request.headers.Add(std::string(name), value);
      ASSERT_EQ(AttributeFilter(defaults_).OnRequest(x), Next::kAnswered) << name << value;
      EXPECT_EQ(x.reply.status, 400);
      EXPECT_EQ(x.reply.reason, "bad_label");
      EXPECT_NE(
          x.reply.body.find("costgate: header " + std::string(name) + " " + std::string(reason)),
          std::string::npos)
          << x.reply.body;
      EXPECT_NE(x.reply.body.find("\"status\":\"INVALID_ARGUMENT\""), std::string::npos);
    }
  }
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
