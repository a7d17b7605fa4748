#include "filters/google/rpc_error.h"

#include <gtest/gtest.h>

namespace costgate::filters::google {
namespace {

TEST(GoogleErrorBodyTest, CarriesCodeMessageStatusAndErrorInfoReason) {
  EXPECT_EQ(ErrorBody(502, "upstream_connect_failed", "costgate: upstream unreachable"),
            R"({"error":{"code":502,"message":"costgate: upstream unreachable",)"
            R"("status":"UNAVAILABLE","details":[{"@type":"type.googleapis.com/google.rpc.)"
            R"(ErrorInfo","reason":"UPSTREAM_CONNECT_FAILED","domain":"costgate"}]}})");
}

TEST(GoogleErrorBodyTest, EscapesTheMessage) {
  const std::string body = ErrorBody(400, "bad_request_target", "bad \"x\"\n");
  EXPECT_NE(body.find(R"("message":"bad \"x\"\n")"), std::string::npos);
}

struct StatusCase {
  int http_status;
  const char* rpc_status;
};

class GoogleErrorStatusTest : public ::testing::TestWithParam<StatusCase> {};

TEST_P(GoogleErrorStatusTest, MapsHttpStatusToRpcStatus) {
  const StatusCase& c = GetParam();
  const std::string body = ErrorBody(c.http_status, "r", "m");
  EXPECT_NE(body.find("\"status\":\"" + std::string(c.rpc_status) + "\""), std::string::npos)
      << body;
  EXPECT_NE(body.find("\"code\":" + std::to_string(c.http_status) + ","), std::string::npos)
      << body;
}

INSTANTIATE_TEST_SUITE_P(
    EmittedStatuses, GoogleErrorStatusTest,
    ::testing::Values(StatusCase{400, "INVALID_ARGUMENT"}, StatusCase{401, "UNAUTHENTICATED"},
                      StatusCase{403, "PERMISSION_DENIED"}, StatusCase{404, "NOT_FOUND"},
                      StatusCase{408, "DEADLINE_EXCEEDED"}, StatusCase{413, "INVALID_ARGUMENT"},
                      StatusCase{429, "RESOURCE_EXHAUSTED"}, StatusCase{431, "INVALID_ARGUMENT"},
                      StatusCase{500, "INTERNAL"}, StatusCase{502, "UNAVAILABLE"},
                      StatusCase{503, "UNAVAILABLE"}, StatusCase{504, "DEADLINE_EXCEEDED"},
                      StatusCase{418, "UNKNOWN"}));

}  // namespace
}  // namespace costgate::filters::google
