#include "filters/route/route_filter.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <memory>

#include "tests/unit/filters/route/route_test_support.h"

namespace costgate::filters {
namespace {

using test_routes::ConfigWithUpstreams;
using test_routes::Request;

class RouteFilterTest : public ::testing::Test {
 protected:
  Next Run(RequestHead request) {
    x_.request = std::move(request);
    return RouteFilter(table_).OnRequest(x_).value();
  }

  RouteTable table_{ConfigWithUpstreams({"gemini"}), BuiltinProviderRoutes()};
  Exchange x_;
};

TEST_F(RouteFilterTest, PrefixedStreamRequestIsRoutedAndClassified) {
  ASSERT_EQ(Run(Request("POST",
                        "/gemini/v1beta/models/gemini-2.0-flash-001:"
                        "streamGenerateContent?alt=sse")),
            Next::kContinue);
  EXPECT_EQ(x_.provider, "gemini");
  EXPECT_EQ(x_.upstream_target,
            "/v1beta/models/gemini-2.0-flash-001:streamGenerateContent?alt=sse");
  EXPECT_EQ(x_.operation, "streamGenerateContent");
  EXPECT_EQ(x_.metering, Metering::kMetered);
  EXPECT_EQ(x_.model_requested, "gemini-2.0-flash-001");
  EXPECT_TRUE(x_.stream_sse);
}

TEST_F(RouteFilterTest, BareModelListPassesThrough) {
  ASSERT_EQ(Run(Request("GET", "/v1beta/models?key=k")), Next::kContinue);
  EXPECT_EQ(x_.provider, "gemini");
  EXPECT_EQ(x_.upstream_target, "/v1beta/models?key=k");
  EXPECT_EQ(x_.operation, "listModels");
  EXPECT_EQ(x_.metering, Metering::kPassThrough);
  EXPECT_FALSE(x_.stream_sse);
}

TEST_F(RouteFilterTest, LeavesTheClientTargetUntouched) {
  Run(Request("POST", "/gemini/v1beta/models/m:generateContent"));
  EXPECT_EQ(x_.request.target, "/gemini/v1beta/models/m:generateContent");
}

TEST_F(RouteFilterTest, UnknownRouteAnswers404ListingTheRoutes) {
  ASSERT_EQ(Run(Request("POST", "/foo?key=secret")), Next::kAnswered);
  EXPECT_EQ(x_.provider, "");
  EXPECT_EQ(x_.reply.status, 404);
  EXPECT_EQ(x_.reply.reason, "unknown_route");
  EXPECT_EQ(*x_.reply.headers.Find("x-costgate-reason"), "unknown_route");
  EXPECT_EQ(x_.reply.body.find("secret"), std::string::npos);

  simdjson::dom::parser parser;
  simdjson::dom::element error = parser.parse(x_.reply.body)["error"];
  EXPECT_EQ(int64_t(error["code"]), 404);
  EXPECT_EQ(std::string_view(error["status"]), "NOT_FOUND");
  EXPECT_EQ(std::string_view(error["message"]), "costgate: no route for POST /foo");
  EXPECT_EQ(std::string_view(error["reason"]), "unknown_route");
  simdjson::dom::array routes = error["routes"];
  ASSERT_EQ(routes.size(), 2u);
  EXPECT_EQ(std::string_view(routes.at(0)["prefix"]), "/gemini/");
  EXPECT_EQ(std::string_view(routes.at(0)["provider"]), "gemini");
  EXPECT_EQ(std::string_view(routes.at(0)["upstream"]),
            "https://generativelanguage.googleapis.com");
  EXPECT_EQ(std::string_view(routes.at(1)["paths"].at(0)), "/v1/models/...");
}

TEST_F(RouteFilterTest, UnsafeTargetAnswers400BadRequestTarget) {
  ASSERT_EQ(Run(Request("GET", "/gemini/%2e%2e/v1beta/models")), Next::kAnswered);
  EXPECT_EQ(x_.reply.status, 400);
  EXPECT_EQ(x_.reply.reason, "bad_request_target");
  EXPECT_EQ(x_.provider, "");
  EXPECT_EQ(x_.upstream_target, "");
}

TEST(RouteFilterAmbiguityTest, AmbiguousBarePathAnswers404AmbiguousRoute) {
  const RouteTable table(ConfigWithUpstreams({"gemini", "voice"}),
                         test_routes::GeminiAndVoiceRoutes());
  Exchange x;
  x.request = Request("GET", "/v1/models", {{"xi-api-key", "e"}, {"x-goog-api-key", "k"}});
  ASSERT_EQ(RouteFilter(table).OnRequest(x), Next::kAnswered);
  EXPECT_EQ(x.reply.status, 404);
  EXPECT_EQ(x.reply.reason, "ambiguous_route");
  EXPECT_NE(x.reply.body.find("xi-api-key header"), std::string::npos);
  EXPECT_EQ(x.provider, "");
}

TEST(RouteFilterFactoryTest, CreatesFiltersSharingTheTable) {
  auto table =
      std::make_shared<const RouteTable>(ConfigWithUpstreams({"gemini"}), BuiltinProviderRoutes());
  const RouteFilterFactory factory(table);
  EXPECT_EQ(factory.Name(), "route");
  Exchange x;
  x.request = Request("GET", "/v1/models/m");
  EXPECT_EQ(factory.Create()->OnRequest(x), Next::kContinue);
  EXPECT_EQ(x.operation, "getModel");
}

}  // namespace
}  // namespace costgate::filters
