// The seed /v1/preflight contract (V1-API.md), request for request as the document writes it:
// the full example with project and job, the same with them null or absent, a character-priced
// call; its allow answer has exactly the documented fields, and with a hard budget exceeded the
// deny answer has allow=false and a deny_reason, beside the documented ones.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "tests/unit/central/api/api_harness.h"

namespace costgate::central {
namespace {

using testing::ApiHarness;
using testing::Json;
using testing::kNow;

// V1-API.md "POST /v1/preflight", verbatim.
constexpr std::string_view kContractRequest =
    R"({"user_external_id": "u-42", "project_external_id": "p-7", "job_external_id": "job-123",
 "source_app": "video-accessibility", "model": "gemini-2.5-pro-preview",
 "estimated_units": {"input_tokens": 1000, "output_tokens": 2048}})";
// "`project_external_id` and `job_external_id` may be null or absent."
constexpr std::string_view kContractNullIds =
    R"({"user_external_id": "u-42", "project_external_id": null, "job_external_id": null,
 "source_app": "video-accessibility", "model": "gemini-2.5-pro-preview",
 "estimated_units": {"input_tokens": 1000, "output_tokens": 2048}})";
constexpr std::string_view kContractAbsentIds =
    R"({"user_external_id": "u-42", "source_app": "video-accessibility",
 "model": "gemini-2.5-pro-preview", "estimated_units": {"input_tokens": 1000, "output_tokens": 2048}})";
// "For character-priced products the units are {"chars": N}."
constexpr std::string_view kContractChars =
    R"({"user_external_id": "u-42", "source_app": "video-accessibility",
 "model": "eleven_multilingual_v2", "estimated_units": {"chars": 1234}})";

class ApiPreflightContract : public ::testing::Test {
 protected:
  ApiPreflightContract()
      : key_(h_.MakeKey("preflight", "video-accessibility")),
        admin_key_(h_.MakeKey("admin", "video-accessibility")) {}

  void AddHardBudget(std::string_view amount_usd) {
    const ApiResponse r = h_.Post(
        "/admin/v1/budgets", admin_key_,
        R"({"name":"video","scope":{"source_app":"video-accessibility"},"period":"monthly",)"
        R"("amount_usd":")" +
            std::string(amount_usd) + R"(","hard_limit":true})");
    ASSERT_TRUE(r.status == 200 || r.status == 201) << r.status << " " << r.body;
  }

  // The allow answer: exactly {"allow": true, "estimated_cost_usd": N, "request_id": "…"}.
  double ExpectDocumentedAllow(std::string_view request) {
    const ApiResponse r = h_.Post("/v1/preflight", key_, request);
    EXPECT_EQ(r.status, 200) << r.body;
    if (r.status != 200) {
      return -1;
    }
    const Json body(r.body);
    EXPECT_EQ(body.root().get_object().value().size(), 3u) << r.body;
    EXPECT_TRUE(bool(body["allow"])) << r.body;
    EXPECT_FALSE(std::string_view(body["request_id"]).empty()) << r.body;
    return double(body["estimated_cost_usd"]);
  }

  ApiHarness h_;
  std::string key_;
  std::string admin_key_;
};

TEST_F(ApiPreflightContract, TheDocumentedRequestGetsTheDocumentedAllow) {
  // The document's figure, 0.0217: 1000 input tokens at $1.25 and 2048 output tokens at $10 per
  // million.
  const double estimate = ExpectDocumentedAllow(kContractRequest);
  EXPECT_EQ(std::lround(estimate * 10'000), 217) << estimate;
  EXPECT_EQ(ExpectDocumentedAllow(kContractNullIds), estimate);
  EXPECT_EQ(ExpectDocumentedAllow(kContractAbsentIds), estimate);
  EXPECT_GT(ExpectDocumentedAllow(kContractChars), 0);
}

TEST_F(ApiPreflightContract, UnderAHardBudgetTheDocumentedAllowThenTheDocumentedDeny) {
  AddHardBudget("0.03");  // room for one such call
  const double estimate = ExpectDocumentedAllow(kContractRequest);
  const ApiResponse r = h_.Post("/v1/preflight", key_, kContractRequest);
  ASSERT_EQ(r.status, 200) << r.body;
  const Json body(r.body);
  EXPECT_FALSE(bool(body["allow"])) << r.body;
  EXPECT_EQ(std::string_view(body["deny_reason"]).rfind("budget_exhausted: budget video (", 0), 0u)
      << r.body;
  EXPECT_EQ(double(body["estimated_cost_usd"]), estimate);
  EXPECT_FALSE(std::string_view(body["request_id"]).empty()) << r.body;
  EXPECT_EQ(std::string_view(body["budget"]["name"]), "video");
  EXPECT_GT(int64_t(body["budget"]["reset_unix_ms"]), kNow);
}

}  // namespace
}  // namespace costgate::central
