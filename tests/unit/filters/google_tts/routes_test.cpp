// Cloud TTS paths: operation and metering of each, who claims a shared bare path, and where the
// route table sends them next to Vertex AI and an ElevenLabs-shaped provider.
#include "filters/google_tts/routes.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "filters/route/route_table.h"
#include "tests/unit/filters/route/route_test_support.h"

namespace costgate::filters::google_tts {
namespace {

using test_routes::ConfigWithUpstreams;
using test_routes::Request;
using Kind = RouteDecision::Kind;

const std::string kLocation = "/v1/projects/my-project/locations/global";
const std::string kGapic = "gl-node/20.0.0 gax/4.4.0 gapic/5.5.0 gccl/5.5.0 rest/4.4.0";

struct Case {
  std::string method;
  std::string target;
  std::string operation;
  Metering metering;
};

Operation ClassifyTarget(const std::string& method, const std::string& target) {
  const RequestHead request = Request(method, target);
  return Classify(request.method, request.Path(), request.Query());
}

TEST(GoogleTtsRoutes, ClassifiesEveryOperation) {
  const std::vector<Case> cases = {
      {"POST", "/v1/text:synthesize", "synthesize", Metering::kMetered},
      {"POST", "/v1beta1/text:synthesize?$alt=json%3Benum-encoding=int", "synthesize",
       Metering::kMetered},
      {"POST", kLocation + ":synthesizeLongAudio", "synthesizeLongAudio", Metering::kMetered},
      {"POST", "/v1beta1/projects/p/locations/us-central1:synthesizeLongAudio",
       "synthesizeLongAudio", Metering::kMetered},
      {"GET", "/v1/voices", "voices.list", Metering::kPassThrough},
      {"GET", "/v1beta1/voices?languageCode=en-US", "voices.list", Metering::kPassThrough},
      {"GET", kLocation + "/operations", "operations.list", Metering::kPassThrough},
      {"GET", kLocation + "/operations/5123", "operations.get", Metering::kPassThrough},
      {"GET", "/v1/text:synthesize", "unknown", Metering::kUnmetered},
      {"POST", "/v2/text:synthesize", "unknown", Metering::kUnmetered},
      {"POST", kLocation + "/operations/5123:cancel", "unknown", Metering::kUnmetered},
      {"DELETE", kLocation + "/operations/5123", "unknown", Metering::kUnmetered},
      {"POST", "/v1/projects/p:synthesizeLongAudio", "unknown", Metering::kUnmetered},
      {"GET", "/", "unknown", Metering::kUnmetered},
  };
  for (const Case& c : cases) {
    const Operation op = ClassifyTarget(c.method, c.target);
    EXPECT_EQ(op.name, c.operation) << c.method << " " << c.target;
    EXPECT_EQ(op.metering, c.metering) << c.method << " " << c.target;
    EXPECT_EQ(op.model, "") << c.target;
    EXPECT_EQ(op.price_family, "") << c.target;
  }
}

TEST(GoogleTtsRoutes, ClaimsTextSynthesize) {
  EXPECT_TRUE(ClaimsRequest(Request("POST", "/v1/text:synthesize")));
}

TEST(GoogleTtsRoutes, ClaimsLongAudioWhateverTheHeaders) {
  EXPECT_TRUE(ClaimsRequest(Request("POST", kLocation + ":synthesizeLongAudio")));
  EXPECT_TRUE(ClaimsRequest(
      Request("POST", kLocation + ":synthesizeLongAudio", {{"x-goog-api-client", "genai-js"}})));
}

TEST(GoogleTtsRoutes, ClaimsOperationPollsOfCloudClientLibraries) {
  EXPECT_TRUE(
      ClaimsRequest(Request("GET", kLocation + "/operations/42", {{"X-Goog-Api-Client", kGapic}})));
  EXPECT_TRUE(
      ClaimsRequest(Request("GET", kLocation + "/operations", {{"x-goog-api-client", kGapic}})));
}

TEST(GoogleTtsRoutes, LeavesOperationPollsOfTheGenaiSdk) {
  EXPECT_FALSE(
      ClaimsRequest(Request("GET", kLocation + "/operations/42",
                            {{"x-goog-api-client", "google-genai-sdk/1.30.0 gl-python/3.12.0"}})));
  EXPECT_FALSE(ClaimsRequest(Request("GET", kLocation + "/operations/42")));
}

TEST(GoogleTtsRoutes, LeavesDeeperOperationPathsToVertex) {
  EXPECT_FALSE(
      ClaimsRequest(Request("GET", kLocation + "/publishers/google/models/veo-3.0/operations/42",
                            {{"x-goog-api-client", kGapic}})));
}

TEST(GoogleTtsRoutes, LeavesOtherProjectPaths) {
  EXPECT_FALSE(ClaimsRequest(
      Request("POST", kLocation + "/publishers/google/models/gemini-2.5-flash:generateContent")));
}

TEST(GoogleTtsRoutes, ClaimsVoicesWithoutAnElevenLabsKey) {
  EXPECT_TRUE(ClaimsRequest(Request("GET", "/v1/voices?languageCode=en-US")));
  EXPECT_TRUE(ClaimsRequest(Request("GET", "/v1beta1/voices")));
  EXPECT_FALSE(ClaimsRequest(Request("GET", "/v1/voices", {{"xi-api-key", "k"}})));
  EXPECT_FALSE(ClaimsRequest(Request("GET", "/v1/voices/abc123")));
}

// A decision points into its table: keep the table alive while using the decision.
RouteTable GoogleTable() {
  return RouteTable(ConfigWithUpstreams({"gemini", "vertex", "google-tts", "elevenlabs"}),
                    BuiltinProviderRoutes());
}

std::string ProviderOf(const RouteDecision& d) {
  return d.kind == Kind::kRouted ? std::string(d.routes->provider) : "(not routed)";
}

TEST(GoogleTtsRoutes, TextSynthesizeWorksAtTheRoot) {
  const RouteTable table = GoogleTable();
  const RouteDecision d = table.Decide(Request("POST", "/v1/text:synthesize"));
  EXPECT_EQ(ProviderOf(d), "google-tts");
  EXPECT_EQ(d.upstream_target, "/v1/text:synthesize");
}

TEST(GoogleTtsRoutes, PrefixIsStrippedAndTheQueryKept) {
  const RouteTable table = GoogleTable();
  const RouteDecision d = table.Decide(
      Request("POST", "/gcp-tts/v1beta1/text:synthesize?$alt=json%3Benum-encoding=int"));
  EXPECT_EQ(ProviderOf(d), "google-tts");
  EXPECT_EQ(d.upstream_target, "/v1beta1/text:synthesize?$alt=json%3Benum-encoding=int");
}

TEST(GoogleTtsRoutes, SharedProjectPathsSplitBetweenCloudTtsAndVertex) {
  const RouteTable table = GoogleTable();
  EXPECT_EQ(ProviderOf(table.Decide(Request("POST", kLocation + ":synthesizeLongAudio"))),
            "google-tts");
  EXPECT_EQ(ProviderOf(table.Decide(
                Request("GET", kLocation + "/operations/42", {{"x-goog-api-client", kGapic}}))),
            "google-tts");
  EXPECT_EQ(ProviderOf(table.Decide(Request("GET", kLocation + "/operations/42"))), "vertex");
  EXPECT_EQ(ProviderOf(table.Decide(Request(
                "POST", kLocation + "/publishers/google/models/gemini-2.5-flash:generateContent"))),
            "vertex");
}

TEST(GoogleTtsRoutes, VoicesGoToElevenLabsOnlyWithItsKey) {
  const RouteTable table = GoogleTable();
  EXPECT_EQ(ProviderOf(table.Decide(Request("GET", "/v1/voices"))), "google-tts");
  EXPECT_EQ(ProviderOf(table.Decide(Request("GET", "/v1/voices", {{"xi-api-key", "k"}}))),
            "elevenlabs");
}

TEST(GoogleTtsRoutes, OneElevenLabsVoiceWithoutItsKeyIsAmbiguous) {
  const RouteTable table = GoogleTable();
  const RouteDecision d = table.Decide(Request("GET", "/v1/voices/21m00Tcm4TlvDq8ikWAM"));
  EXPECT_EQ(d.kind, Kind::kAmbiguous);
  EXPECT_NE(d.message.find(std::string(kClaimHint)), std::string::npos) << d.message;
}

}  // namespace
}  // namespace costgate::filters::google_tts
