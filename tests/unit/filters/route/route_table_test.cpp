#include "filters/route/route_table.h"

#include <gtest/gtest.h>

#include "tests/unit/filters/route/route_test_support.h"

namespace costgate::filters {
namespace {

using test_routes::ConfigWithUpstreams;
using test_routes::GeminiAndVoiceRoutes;
using test_routes::Request;
using Kind = RouteDecision::Kind;

TEST(RouteTableTest, PrefixRouteStripsThePrefixAndKeepsTheQuery) {
  const RouteTable table(ConfigWithUpstreams({"gemini"}), BuiltinProviderRoutes());
  const RouteDecision d =
      table.Decide(Request("POST", "/gemini/v1beta/models/x:generateContent?alt=sse"));
  ASSERT_EQ(d.kind, Kind::kRouted);
  EXPECT_EQ(d.routes->provider, "gemini");
  EXPECT_EQ(d.upstream_target, "/v1beta/models/x:generateContent?alt=sse");
}

TEST(RouteTableTest, BarePrefixBecomesRootTarget) {
  const RouteTable table(ConfigWithUpstreams({"gemini"}), BuiltinProviderRoutes());
  const RouteDecision d = table.Decide(Request("GET", "/gemini?key=k"));
  ASSERT_EQ(d.kind, Kind::kRouted);
  EXPECT_EQ(d.upstream_target, "/?key=k");
}

TEST(RouteTableTest, PrefixMatchesOnlyAWholeSegment) {
  const RouteTable table(ConfigWithUpstreams({"gemini"}), BuiltinProviderRoutes());
  EXPECT_EQ(table.Decide(Request("GET", "/geminix/v1beta/models")).kind, Kind::kUnknown);
}

TEST(RouteTableTest, BarePathIsForwardedUnchanged) {
  const RouteTable table(ConfigWithUpstreams({"gemini"}), BuiltinProviderRoutes());
  const RouteDecision d =
      table.Decide(Request("POST", "/v1beta/models/x:streamGenerateContent?alt=sse"));
  ASSERT_EQ(d.kind, Kind::kRouted);
  EXPECT_EQ(d.routes->provider, "gemini");
  EXPECT_EQ(d.upstream_target, "/v1beta/models/x:streamGenerateContent?alt=sse");
}

TEST(RouteTableTest, GeminiClaimsItsBarePaths) {
  const RouteTable table(ConfigWithUpstreams({"gemini"}), BuiltinProviderRoutes());
  for (const std::string target :
       {"/v1/models", "/v1beta/models", "/v1alpha/models/m", "/v1beta/models:x",
        "/v1beta/cachedContents", "/v1beta/cachedContents/abc", "/v1beta/files/abc",
        "/upload/v1beta/files?upload_id=1", "/v1beta/openai/chat/completions",
        "/v1beta/tunedModels/t:generateContent", "/v1alpha/files"}) {
    const RouteDecision d = table.Decide(Request("GET", target));
    EXPECT_EQ(d.kind, Kind::kRouted) << target;
    EXPECT_EQ(d.upstream_target, target);
  }
}

TEST(RouteTableTest, BarePathMatchesOnlyAtASegmentBoundary) {
  const RouteTable table(ConfigWithUpstreams({"gemini"}), BuiltinProviderRoutes());
  for (const std::string target : {"/v1/modelsx", "/v1beta/filesystem", "/v2/models", "/foo"}) {
    EXPECT_EQ(table.Decide(Request("GET", target)).kind, Kind::kUnknown) << target;
  }
}

TEST(RouteTableTest, UnknownRouteNamesMethodAndPathButNotTheQuery) {
  const RouteTable table(ConfigWithUpstreams({"gemini"}), BuiltinProviderRoutes());
  const RouteDecision d = table.Decide(Request("POST", "/foo?key=secret"));
  ASSERT_EQ(d.kind, Kind::kUnknown);
  EXPECT_EQ(d.message, "costgate: no route for POST /foo");
}

TEST(RouteTableTest, ProviderWithoutUpstreamHasNoRoutes) {
  const RouteTable table(ConfigWithUpstreams({}), BuiltinProviderRoutes());
  EXPECT_EQ(table.Decide(Request("POST", "/gemini/v1beta/models/x:generateContent")).kind,
            Kind::kUnknown);
  EXPECT_EQ(table.Decide(Request("GET", "/v1beta/models")).kind, Kind::kUnknown);
  EXPECT_TRUE(table.descriptions().empty());
}

TEST(RouteTableTest, UnsafeTargetIsRefusedBeforeRouting) {
  const RouteTable table(ConfigWithUpstreams({"gemini"}), BuiltinProviderRoutes());
  for (const std::string target :
       {"/gemini/../v1beta/models", "http://evil.example/", "/gemini//evil.example/x", "*"}) {
    const RouteDecision d = table.Decide(Request("GET", target));
    EXPECT_EQ(d.kind, Kind::kBadTarget) << target;
    EXPECT_TRUE(d.message.starts_with("costgate: ")) << d.message;
  }
}

TEST(RouteTableTest, SharedBarePathGoesToTheOnlyClaimantWhenTheOtherHasNoUpstream) {
  const RouteTable table(ConfigWithUpstreams({"voice"}), GeminiAndVoiceRoutes());
  const RouteDecision d = table.Decide(Request("GET", "/v1/models"));
  ASSERT_EQ(d.kind, Kind::kRouted);
  EXPECT_EQ(d.routes->provider, "voice");
}

TEST(RouteTableTest, SharedBarePathWithElevenLabsKeyGoesToVoice) {
  const RouteTable table(ConfigWithUpstreams({"gemini", "voice"}), GeminiAndVoiceRoutes());
  const RouteDecision d = table.Decide(Request("GET", "/v1/models", {{"xi-api-key", "e"}}));
  ASSERT_EQ(d.kind, Kind::kRouted);
  EXPECT_EQ(d.routes->provider, "voice");
  EXPECT_EQ(d.upstream_target, "/v1/models");
}

TEST(RouteTableTest, SharedBarePathWithGoogleKeyGoesToGemini) {
  const RouteTable table(ConfigWithUpstreams({"gemini", "voice"}), GeminiAndVoiceRoutes());
  const RouteDecision d = table.Decide(Request("GET", "/v1/models", {{"x-goog-api-key", "k"}}));
  ASSERT_EQ(d.kind, Kind::kRouted);
  EXPECT_EQ(d.routes->provider, "gemini");
}

TEST(RouteTableTest, SharedBarePathWithoutAnyKeyGoesToGemini) {
  const RouteTable table(ConfigWithUpstreams({"gemini", "voice"}), GeminiAndVoiceRoutes());
  const RouteDecision d = table.Decide(Request("GET", "/v1/models"));
  ASSERT_EQ(d.kind, Kind::kRouted);
  EXPECT_EQ(d.routes->provider, "gemini");
}

TEST(RouteTableTest, SharedBarePathWithBothKeysIsAmbiguous) {
  const RouteTable table(ConfigWithUpstreams({"gemini", "voice"}), GeminiAndVoiceRoutes());
  const RouteDecision d =
      table.Decide(Request("GET", "/v1/models", {{"xi-api-key", "e"}, {"x-goog-api-key", "k"}}));
  ASSERT_EQ(d.kind, Kind::kAmbiguous);
  EXPECT_EQ(d.message,
            "costgate: GET /v1/models is served by several providers and the request headers do "
            "not pick exactly one; send the headers of one: gemini: x-goog-api-key header or "
            "key= query parameter, or no xi-api-key header (or the /gemini/ prefix); voice: "
            "xi-api-key header (or the /voice/ prefix)");
}

TEST(RouteTableTest, PathClaimedByOneProviderIgnoresTheOthersKey) {
  const RouteTable table(ConfigWithUpstreams({"gemini", "voice"}), GeminiAndVoiceRoutes());
  const RouteDecision d =
      table.Decide(Request("POST", "/v1/text-to-speech/voice-id", {{"x-goog-api-key", "k"}}));
  ASSERT_EQ(d.kind, Kind::kRouted);
  EXPECT_EQ(d.routes->provider, "voice");
}

TEST(RouteTableTest, DescribesPrefixAndBarePathRoutesPerProvider) {
  const RouteTable table(ConfigWithUpstreams({"gemini", "voice"}), GeminiAndVoiceRoutes());
  const auto& descriptions = table.descriptions();
  ASSERT_EQ(descriptions.size(), 4u);
  EXPECT_EQ(descriptions[0].provider, "gemini");
  EXPECT_EQ(descriptions[0].prefix, "/gemini/");
  EXPECT_EQ(descriptions[0].upstream, "https://generativelanguage.googleapis.com");
  EXPECT_EQ(descriptions[1].provider, "gemini");
  EXPECT_EQ(descriptions[1].prefix, "");
  ASSERT_EQ(descriptions[1].paths.size(), gemini::kBarePaths.size());
  EXPECT_EQ(descriptions[1].paths[0], "/v1/models/...");
  EXPECT_EQ(descriptions[3].provider, "voice");
  EXPECT_EQ(descriptions[3].paths,
            (std::vector<std::string>{"/v1/models/...", "/v1/text-to-speech/..."}));
  EXPECT_EQ(descriptions[3].upstream, "https://voice.example");
}

TEST(RouteTableTest, RoutesJsonListsEveryRoute) {
  const RouteTable table(ConfigWithUpstreams({"voice"}), GeminiAndVoiceRoutes());
  EXPECT_EQ(table.routes_json_member(),
            R"("routes":[{"prefix":"/voice/","provider":"voice","upstream":)"
            R"("https://voice.example"},{"paths":["/v1/models/...","/v1/text-to-speech/..."],)"
            R"("provider":"voice","upstream":"https://voice.example"}])");
}

}  // namespace
}  // namespace costgate::filters
