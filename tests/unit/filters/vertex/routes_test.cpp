// Vertex AI routes: its prefix and bare paths go to the vertex provider (not Gemini's), are
// classified as Vertex AI calls, and share /{ver}/projects with Cloud TTS without overlap.
#include "filters/vertex/routes.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "filters/google_tts/routes.h"
#include "filters/route/route_table.h"
#include "tests/unit/filters/route/route_test_support.h"

namespace costgate::filters::vertex {
namespace {

using test_routes::ConfigWithUpstreams;
using test_routes::Request;
using Kind = RouteDecision::Kind;

const std::string kRegional = "/v1beta1/projects/p/locations/us-central1";
const std::string kGenerate = "/publishers/google/models/gemini-2.0-flash-001:generateContent";
const std::string kGapic = "gl-node/20.0.0 gax/4.4.0 gapic/5.5.0 gccl/5.5.0 rest/4.4.0";

// A decision points into its table: keep the table alive while using the decision.
RouteTable AllProviders() {
  return RouteTable(ConfigWithUpstreams({"gemini", "vertex", "elevenlabs", "google-tts"}),
                    BuiltinProviderRoutes());
}

std::string ProviderOf(const RouteDecision& d) {
  return d.kind == Kind::kRouted ? std::string(d.routes->provider) : "(not routed)";
}

TEST(VertexRoutes, RegionalBarePathGoesToVertexUnchanged) {
  const RouteTable table = AllProviders();
  const RouteDecision d = table.Decide(Request("POST", kRegional + kGenerate));
  EXPECT_EQ(ProviderOf(d), "vertex");
  EXPECT_EQ(d.upstream_target, kRegional + kGenerate);
}

TEST(VertexRoutes, EveryBarePathGoesToVertex) {
  const RouteTable table = AllProviders();
  for (const std::string target :
       {"/v1/projects/p/locations/global/publishers/google/models/m:generateContent",
        "/v1beta1/projects/p/locations/europe-west4/publishers/google/models/m:countTokens",
        "/v1/publishers/google/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
        "/v1beta1/publishers/google/models/gemini-2.5-flash:generateContent",
        "/v1/projects/p/locations/us-central1/endpoints/123:predict"}) {
    const RouteDecision d = table.Decide(Request("POST", target));
    EXPECT_EQ(ProviderOf(d), "vertex") << target;
    EXPECT_EQ(d.upstream_target, target);
  }
}

TEST(VertexRoutes, PrefixIsStrippedAndTheQueryKept) {
  const RouteTable table = AllProviders();
  const RouteDecision d = table.Decide(
      Request("POST", "/vertex" + kRegional + kGenerate + "?alt=sse", {{"x-test", "1"}}));
  EXPECT_EQ(ProviderOf(d), "vertex");
  EXPECT_EQ(d.upstream_target, kRegional + kGenerate + "?alt=sse");
}

TEST(VertexRoutes, GeminiApiPathsStayGeminis) {
  const RouteTable table = AllProviders();
  const RouteDecision d =
      table.Decide(Request("POST", "/v1beta/models/gemini-2.0-flash-001:generateContent"));
  EXPECT_EQ(ProviderOf(d), "gemini");
}

TEST(VertexRoutes, BarePathsMatchOnlyAtASegmentBoundary) {
  const RouteTable table = AllProviders();
  for (const std::string target : {"/v1/projectsx/p", "/v1beta1/publishersfoo", "/v2/projects/p"}) {
    EXPECT_EQ(table.Decide(Request("POST", target)).kind, Kind::kUnknown) << target;
  }
}

TEST(VertexRoutes, NoUpstreamNoRoutes) {
  const RouteTable table(ConfigWithUpstreams({"gemini"}), BuiltinProviderRoutes());
  EXPECT_EQ(table.Decide(Request("POST", "/v1/publishers/google/models/m:generateContent")).kind,
            Kind::kUnknown);
  EXPECT_EQ(table.Decide(Request("POST", "/vertex" + kRegional + kGenerate)).kind, Kind::kUnknown);
}

TEST(VertexRoutes, ClaimsGenerateContentOnAProjectPath) {
  EXPECT_TRUE(ClaimsRequest(Request("POST", kRegional + kGenerate)));
}

TEST(VertexRoutes, ClaimsOperationPollsOfTheGenaiSdk) {
  EXPECT_TRUE(ClaimsRequest(Request("GET", kRegional + "/operations/42",
                                    {{"x-goog-api-client", "google-genai-sdk/1.0 gl-python/3"}})));
}

TEST(VertexRoutes, LeavesLongAudioSynthesisToCloudTts) {
  EXPECT_FALSE(ClaimsRequest(Request("POST", kRegional + ":synthesizeLongAudio")));
}

TEST(VertexRoutes, LeavesOperationPollsOfCloudClientLibrariesToCloudTts) {
  EXPECT_FALSE(
      ClaimsRequest(Request("GET", kRegional + "/operations/42", {{"x-goog-api-client", kGapic}})));
}

TEST(VertexRoutes, ClaimsExactlyWhatCloudTtsLeaves) {
  const std::vector<RequestHead> requests = {
      Request("POST", kRegional + kGenerate),
      Request("POST", kRegional + ":synthesizeLongAudio"),
      Request("GET", kRegional + "/operations"),
      Request("GET", kRegional + "/operations/7", {{"x-goog-api-client", kGapic}}),
      Request("GET", kRegional + "/publishers/google/models/m/operations/7",
              {{"x-goog-api-client", kGapic}}),
  };
  for (const RequestHead& request : requests) {
    EXPECT_NE(ClaimsRequest(request), google_tts::ClaimsRequest(request)) << request.target;
  }
}

TEST(VertexRoutes, SharedProjectPathsNeverAreAmbiguous) {
  const RouteTable table = AllProviders();
  EXPECT_EQ(ProviderOf(table.Decide(Request("POST", kRegional + ":synthesizeLongAudio"))),
            "google-tts");
  EXPECT_EQ(ProviderOf(table.Decide(
                Request("GET", kRegional + "/operations/42", {{"x-goog-api-client", kGapic}}))),
            "google-tts");
  EXPECT_EQ(ProviderOf(table.Decide(Request("GET", kRegional + "/operations/42"))), "vertex");
}

TEST(VertexRoutes, RegionalGenerateContentIsAMeteredVertexCall) {
  const RouteTable table = AllProviders();
  const RouteDecision d = table.Decide(Request("POST", kRegional + kGenerate));
  ASSERT_EQ(d.kind, Kind::kRouted);
  const RequestHead upstream = Request("POST", d.upstream_target);
  const Operation op = d.routes->classify("POST", upstream.Path(), upstream.Query());
  EXPECT_EQ(op.name, "generateContent");
  EXPECT_EQ(op.metering, Metering::kMetered);
  EXPECT_EQ(op.model, "gemini-2.0-flash-001");
  EXPECT_EQ(op.price_family, "vertex");
}

TEST(VertexRoutes, ExpressModeStreamIsAMeteredVertexCall) {
  const RouteTable table = AllProviders();
  const RouteDecision d = table.Decide(Request(
      "POST",
      "/vertex/v1/publishers/google/models/gemini-2.5-flash:streamGenerateContent?alt=sse"));
  ASSERT_EQ(d.kind, Kind::kRouted);
  const RequestHead upstream = Request("POST", d.upstream_target);
  const Operation op = d.routes->classify("POST", upstream.Path(), upstream.Query());
  EXPECT_EQ(op.name, "streamGenerateContent");
  EXPECT_EQ(op.metering, Metering::kMetered);
  EXPECT_EQ(op.model, "gemini-2.5-flash");
  EXPECT_TRUE(op.stream_sse);
  EXPECT_EQ(op.price_family, "vertex");
}

TEST(VertexRoutes, CountTokensIsFree) {
  const Operation op = gemini::Classify(
      "POST", "/v1/projects/p/locations/us-central1/publishers/google/models/m:countTokens", "");
  EXPECT_EQ(op.metering, Metering::kFree);
}

}  // namespace
}  // namespace costgate::filters::vertex
