#include "filters/elevenlabs/routes.h"

#include <gtest/gtest.h>

#include "filters/route/route_table.h"
#include "tests/unit/filters/route/route_test_support.h"

namespace costgate::filters::elevenlabs {
namespace {

using test_routes::ConfigWithUpstreams;
using test_routes::Request;

Operation Post(std::string_view path) { return Classify("POST", path, ""); }

TEST(ElevenLabsRoutesTest, TextToSpeechAndItsVariantsAreMetered) {
  EXPECT_EQ(Post("/v1/text-to-speech/JBFqnCBsd6RMkjVDRZzb").name, "text-to-speech");
  EXPECT_EQ(Post("/v1/text-to-speech/JBFqnCBsd6RMkjVDRZzb/stream").name, "text-to-speech.stream");
  EXPECT_EQ(Post("/v1/text-to-speech/v/with-timestamps").name, "text-to-speech.with-timestamps");
  EXPECT_EQ(Post("/v1/text-to-speech/v/stream/with-timestamps").name,
            "text-to-speech.stream.with-timestamps");
  for (const std::string_view path :
       {"/v1/text-to-speech/v", "/v1/text-to-speech/v/stream",
        "/v1/text-to-speech/v/with-timestamps", "/v1/text-to-speech/v/stream/with-timestamps"}) {
    EXPECT_EQ(Post(path).metering, Metering::kMetered) << path;
  }
}

TEST(ElevenLabsRoutesTest, NoModelIsReadFromTheUrl) {
  const Operation op = Classify("POST", "/v1/text-to-speech/v/stream", "output_format=pcm_24000");
  EXPECT_EQ(op.model, "");
  EXPECT_FALSE(op.stream_sse);
  EXPECT_EQ(op.price_family, "");
}

TEST(ElevenLabsRoutesTest, DialogueSpeechToSpeechTranscriptionAndSoundAreMetered) {
  EXPECT_EQ(Post("/v1/text-to-dialogue").name, "text-to-dialogue");
  EXPECT_EQ(Post("/v1/text-to-dialogue/stream").name, "text-to-dialogue.stream");
  EXPECT_EQ(Post("/v1/text-to-dialogue/stream/with-timestamps").name,
            "text-to-dialogue.stream.with-timestamps");
  EXPECT_EQ(Post("/v1/speech-to-speech/v").name, "speech-to-speech");
  EXPECT_EQ(Post("/v1/speech-to-speech/v/stream").name, "speech-to-speech.stream");
  EXPECT_EQ(Post("/v1/speech-to-text").name, "speech-to-text");
  EXPECT_EQ(Post("/v1/sound-generation").name, "sound-generation");
  for (const std::string_view path :
       {"/v1/text-to-dialogue", "/v1/text-to-dialogue/with-timestamps", "/v1/speech-to-speech/v",
        "/v1/speech-to-speech/v/stream", "/v1/speech-to-text", "/v1/sound-generation"}) {
    EXPECT_EQ(Post(path).metering, Metering::kMetered) << path;
  }
}

TEST(ElevenLabsRoutesTest, UnknownSuffixesOfMeteredEndpointsAreUnmetered) {
  EXPECT_EQ(Post("/v1/text-to-speech/v/stream-input").name, "text-to-speech.stream-input");
  EXPECT_EQ(Post("/v1/text-to-speech/v/stream-input").metering, Metering::kUnmetered);
  EXPECT_EQ(Post("/v1/speech-to-speech/v/with-timestamps").metering, Metering::kUnmetered);
  EXPECT_EQ(Post("/v1/speech-to-text/extra").metering, Metering::kUnmetered);
  EXPECT_EQ(Post("/v1/text-to-speech").metering, Metering::kUnmetered);  // no voice id
  EXPECT_EQ(Classify("GET", "/v1/text-to-speech/v", "").metering, Metering::kUnmetered);
}

TEST(ElevenLabsRoutesTest, BookkeepingGetsPassThrough) {
  for (const std::string_view path :
       {"/v1/models", "/v1/voices", "/v1/voices/v/settings", "/v2/voices", "/v1/user",
        "/v1/user/subscription", "/v1/history", "/v1/history/h/audio", "/v1/shared-voices"}) {
    EXPECT_EQ(Classify("GET", path, "").metering, Metering::kPassThrough) << path;
  }
  EXPECT_EQ(Classify("GET", "/v1/models", "").name, "models.get");
  EXPECT_EQ(Classify("GET", "/v2/voices", "page_size=10").name, "voices.get");
  EXPECT_EQ(Classify("GET", "/v1/shared-voices", "").name, "shared-voices.get");
}

TEST(ElevenLabsRoutesTest, EverythingElseIsUnmeteredAndNamed) {
  EXPECT_EQ(Classify("POST", "/v1/voices/add", "").name, "voices.post");
  EXPECT_EQ(Classify("POST", "/v1/voices/add", "").metering, Metering::kUnmetered);
  EXPECT_EQ(Classify("DELETE", "/v1/history/h", "").name, "history.delete");
  EXPECT_EQ(Classify("POST", "/v1/music", "").name, "music.post");
  EXPECT_EQ(Classify("POST", "/v1/music", "").metering, Metering::kUnmetered);
  EXPECT_EQ(Classify("GET", "/v3/voices", "").name, "unknown");
  EXPECT_EQ(Classify("GET", "/", "").name, "unknown");
}

TEST(ElevenLabsRoutesTest, ClaimsOnlyRequestsCarryingXiApiKey) {
  EXPECT_TRUE(ClaimsRequest(Request("GET", "/v1/models", {{"xi-api-key", "sk_1"}})));
  EXPECT_TRUE(ClaimsRequest(Request("GET", "/v1/models", {{"XI-API-KEY", "sk_1"}})));
  EXPECT_FALSE(ClaimsRequest(Request("GET", "/v1/models", {{"x-goog-api-key", "AIza"}})));
  EXPECT_FALSE(ClaimsRequest(Request("GET", "/v1/models")));
}

class ElevenLabsRouteTableTest : public ::testing::Test {
 protected:
  RouteTable table_{ConfigWithUpstreams({"gemini", "elevenlabs"}), BuiltinProviderRoutes()};

  std::string ProviderOf(const RequestHead& request) const {
    const RouteDecision decision = table_.Decide(request);
    return decision.kind == RouteDecision::Kind::kRouted ? std::string(decision.routes->provider)
                                                         : "";
  }
};

TEST_F(ElevenLabsRouteTableTest, SharedModelListGoesToElevenLabsWithItsKey) {
  EXPECT_EQ(ProviderOf(Request("GET", "/v1/models", {{"xi-api-key", "sk_1"}})), "elevenlabs");
}

TEST_F(ElevenLabsRouteTableTest, SharedModelListStaysGeminiWithoutXiApiKey) {
  EXPECT_EQ(ProviderOf(Request("GET", "/v1/models", {{"x-goog-api-key", "AIza"}})), "gemini");
  EXPECT_EQ(ProviderOf(Request("GET", "/v1/models")), "gemini");
}

TEST_F(ElevenLabsRouteTableTest, BothKeysOnASharedPathAreAmbiguous) {
  const RouteDecision decision = table_.Decide(
      Request("GET", "/v1/models", {{"xi-api-key", "sk_1"}, {"x-goog-api-key", "AIza"}}));
  EXPECT_EQ(decision.kind, RouteDecision::Kind::kAmbiguous);
  EXPECT_NE(decision.message.find("elevenlabs: xi-api-key header (or the /elevenlabs/ prefix)"),
            std::string::npos)
      << decision.message;
}

TEST_F(ElevenLabsRouteTableTest, ElevenLabsOnlyBarePathsNeedNoKey) {
  const RouteDecision decision = table_.Decide(Request("POST", "/v1/text-to-speech/v?x=1"));
  ASSERT_EQ(decision.kind, RouteDecision::Kind::kRouted);
  EXPECT_EQ(decision.routes->provider, "elevenlabs");
  EXPECT_EQ(decision.upstream_target, "/v1/text-to-speech/v?x=1");
  EXPECT_EQ(ProviderOf(Request("POST", "/v1/speech-to-text")), "elevenlabs");
  EXPECT_EQ(ProviderOf(Request("GET", "/v2/voices")), "elevenlabs");
}

TEST_F(ElevenLabsRouteTableTest, PrefixIsStrippedBeforeForwarding) {
  const RouteDecision decision =
      table_.Decide(Request("GET", "/elevenlabs/v1/models", {{"x-goog-api-key", "AIza"}}));
  ASSERT_EQ(decision.kind, RouteDecision::Kind::kRouted);
  EXPECT_EQ(decision.routes->provider, "elevenlabs");
  EXPECT_EQ(decision.upstream_target, "/v1/models");
}

TEST(ElevenLabsRouteTableAllProvidersTest, SharedVoiceListGoesByXiApiKey) {
  const RouteTable table(ConfigWithUpstreams({"gemini", "vertex", "google-tts", "elevenlabs"}),
                         BuiltinProviderRoutes());
  const auto provider_of = [&](const RequestHead& request) {
    const RouteDecision decision = table.Decide(request);
    return decision.kind == RouteDecision::Kind::kRouted ? std::string(decision.routes->provider)
                                                         : decision.message;
  };
  EXPECT_EQ(provider_of(Request("GET", "/v1/voices", {{"xi-api-key", "sk_1"}})), "elevenlabs");
  EXPECT_EQ(provider_of(Request("GET", "/v1/voices", {{"x-goog-api-key", "AIza"}})), "google-tts");
  EXPECT_EQ(provider_of(Request("GET", "/v1/models", {{"xi-api-key", "sk_1"}})), "elevenlabs");
}

TEST_F(ElevenLabsRouteTableTest, NoUpstreamNoRoutes) {
  const RouteTable gemini_only(ConfigWithUpstreams({"gemini"}), BuiltinProviderRoutes());
  EXPECT_EQ(gemini_only.Decide(Request("POST", "/v1/text-to-speech/v")).kind,
            RouteDecision::Kind::kUnknown);
}

}  // namespace
}  // namespace costgate::filters::elevenlabs
