// What each request costs, decided by the built-in routes of all four providers on one table:
// the operations issue 5 lists are metered, countTokens and computeTokens are free, bookkeeping
// calls pass through without a receipt, and nothing else is billed: an unknown operation on a
// known provider is forwarded and recorded as unmetered.
#include <gtest/gtest.h>

#include <string>

#include "filters/route/builtin_routes.h"
#include "filters/route/route_table.h"
#include "tests/unit/filters/route/route_test_support.h"

namespace costgate::filters {
namespace {

using test_routes::ConfigWithUpstreams;
using test_routes::Request;

struct Case {
  const char* method;
  const char* target;
  const char* key_header;  // "x-goog-api-key", "xi-api-key", or "" (Bearer / none)
  const char* provider;
  Metering metering;
};

std::ostream& operator<<(std::ostream& out, const Case& c) {
  return out << c.method << " " << c.target;
}

constexpr Metering kMetered = Metering::kMetered;
constexpr Metering kFree = Metering::kFree;
constexpr Metering kPass = Metering::kPassThrough;
constexpr Metering kUnmetered = Metering::kUnmetered;

const Case kCases[] = {
    // Gemini API: billable.
    {"POST", "/v1beta/models/gemini-2.5-flash:generateContent", "x-goog-api-key", "gemini",
     kMetered},
    {"POST", "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse", "x-goog-api-key",
     "gemini", kMetered},
    {"POST", "/v1beta/models/gemini-embedding-001:batchEmbedContents", "x-goog-api-key", "gemini",
     kMetered},
    {"POST", "/v1beta/models/gemini-embedding-001:embedContent", "x-goog-api-key", "gemini",
     kMetered},
    {"POST", "/v1beta/models/veo-3.0-generate-001:predictLongRunning", "x-goog-api-key", "gemini",
     kMetered},
    {"POST", "/v1beta/cachedContents", "x-goog-api-key", "gemini", kMetered},
    {"POST", "/v1beta/openai/chat/completions", "", "gemini", kMetered},
    {"POST", "/v1beta/openai/embeddings", "", "gemini", kMetered},
    // Gemini API: free, then bookkeeping.
    {"POST", "/v1beta/models/gemini-2.5-flash:countTokens", "x-goog-api-key", "gemini", kFree},
    {"GET", "/v1beta/models", "x-goog-api-key", "gemini", kPass},
    {"GET", "/v1/models/gemini-2.5-flash", "x-goog-api-key", "gemini", kPass},
    {"GET", "/v1beta/files/abc", "x-goog-api-key", "gemini", kPass},
    {"POST", "/upload/v1beta/files", "x-goog-api-key", "gemini", kPass},
    {"GET", "/v1beta/cachedContents/c1", "x-goog-api-key", "gemini", kPass},
    {"DELETE", "/v1beta/cachedContents/c1", "x-goog-api-key", "gemini", kPass},
    {"GET", "/v1beta/models/veo-3.0-generate-001/operations/op1", "x-goog-api-key", "gemini",
     kPass},
    // Gemini API: not billed by a meter, but visible.
    {"POST", "/v1beta/models/gemini-2.5-flash:batchGenerateContent", "x-goog-api-key", "gemini",
     kUnmetered},
    {"POST", "/v1beta/models/gemini-2.5-flash:someFutureMethod", "x-goog-api-key", "gemini",
     kUnmetered},
    // Vertex AI.
    {"POST",
     "/v1beta1/projects/p/locations/us-central1/publishers/google/models/"
     "gemini-2.0-flash-001:generateContent",
     "", "vertex", kMetered},
    {"POST", "/v1/publishers/google/models/gemini-2.5-flash:streamGenerateContent",
     "x-goog-api-key", "vertex", kMetered},
    {"POST",
     "/v1beta1/projects/p/locations/us-central1/publishers/google/models/"
     "text-embedding-005:predict",
     "", "vertex", kMetered},
    {"POST",
     "/v1beta1/projects/p/locations/us-central1/publishers/google/models/"
     "imagen-4.0-generate-001:predict",
     "", "vertex", kMetered},
    {"POST",
     "/v1beta1/projects/p/locations/us-central1/publishers/google/models/"
     "gemini-2.5-flash:computeTokens",
     "", "vertex", kFree},
    {"POST",
     "/v1beta1/projects/p/locations/us-central1/publishers/google/models/"
     "veo-3.0-generate-001:fetchPredictOperation",
     "", "vertex", kPass},
    // ElevenLabs.
    {"POST", "/v1/text-to-speech/voice1", "xi-api-key", "elevenlabs", kMetered},
    {"POST", "/v1/text-to-speech/voice1/stream/with-timestamps", "xi-api-key", "elevenlabs",
     kMetered},
    {"POST", "/v1/text-to-dialogue", "xi-api-key", "elevenlabs", kMetered},
    {"POST", "/v1/speech-to-speech/voice1", "xi-api-key", "elevenlabs", kMetered},
    {"POST", "/v1/speech-to-text", "xi-api-key", "elevenlabs", kMetered},
    {"POST", "/v1/sound-generation", "xi-api-key", "elevenlabs", kMetered},
    {"GET", "/v1/models", "xi-api-key", "elevenlabs", kPass},
    {"GET", "/v1/voices", "xi-api-key", "elevenlabs", kPass},
    {"GET", "/v1/user", "xi-api-key", "elevenlabs", kPass},
    {"GET", "/v1/history", "xi-api-key", "elevenlabs", kPass},
    {"POST", "/v1/voices/add", "xi-api-key", "elevenlabs", kUnmetered},
    // Cloud Text-to-Speech.
    {"POST", "/v1/text:synthesize", "", "google-tts", kMetered},
    {"POST", "/v1beta1/text:synthesize", "x-goog-api-key", "google-tts", kMetered},
    {"POST", "/v1/projects/p/locations/global:synthesizeLongAudio", "", "google-tts", kMetered},
    {"GET", "/v1/voices", "", "google-tts", kPass},
};

class BillingCoverageTest : public ::testing::TestWithParam<Case> {
 protected:
  const RouteTable table_{ConfigWithUpstreams({"gemini", "vertex", "elevenlabs", "google-tts"}),
                          BuiltinProviderRoutes()};
};

TEST_P(BillingCoverageTest, RoutesToTheProviderWithItsMetering) {
  const Case& c = GetParam();
  RequestHead request = std::string(c.key_header).empty()
                            ? Request(c.method, c.target)
                            : Request(c.method, c.target, {{c.key_header, "k"}});
  const RouteDecision decision = table_.Decide(request);
  ASSERT_EQ(decision.kind, RouteDecision::Kind::kRouted) << decision.message;
  EXPECT_EQ(decision.routes->provider, c.provider);
  const std::string_view target = decision.upstream_target;
  const size_t question = target.find('?');
  const Operation op = decision.routes->classify(
      c.method, target.substr(0, question),
      question == std::string_view::npos ? std::string_view() : target.substr(question + 1));
  EXPECT_EQ(op.metering, c.metering) << op.name;
}

INSTANTIATE_TEST_SUITE_P(EveryProvider, BillingCoverageTest, ::testing::ValuesIn(kCases));

}  // namespace
}  // namespace costgate::filters
