#include "filters/gemini/routes.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <filesystem>
#include <string>
#include <vector>

namespace costgate::filters::gemini {
namespace {

struct Case {
  std::string method;
  std::string target;  // path and query, as forwarded upstream
  std::string operation;
  Metering metering;
  std::string model;
  bool stream_sse;
};

constexpr Metering kMetered = Metering::kMetered;
constexpr Metering kFree = Metering::kFree;
constexpr Metering kPassThrough = Metering::kPassThrough;
constexpr Metering kUnmetered = Metering::kUnmetered;

const std::string kVertex = "/v1beta1/projects/pydantic-ai/locations/global/publishers/google/";
const std::string kVertexDd =
    "/v1beta1/projects/<project-id>/locations/us-central1/publishers/google/";

// The recorded fixture URIs (tests/fixtures/gemini/*.meta.json); FixtureUrisAreAllInTheTable
// keeps this list complete.
const std::vector<Case> kFixtureCases = {
    {"POST", "/v1beta/models/gemini-2.0-flash-001:generateContent", "generateContent", kMetered,
     "gemini-2.0-flash-001", false},
    {"POST", "/v1beta/models/gemini-2.0-flash-001:streamGenerateContent?alt=sse",
     "streamGenerateContent", kMetered, "gemini-2.0-flash-001", true},
    {"POST", kVertexDd + "models/gemini-2.0-flash-001:generateContent", "generateContent", kMetered,
     "gemini-2.0-flash-001", false},
    {"POST", kVertexDd + "models/gemini-2.0-flash-001:streamGenerateContent?alt=sse",
     "streamGenerateContent", kMetered, "gemini-2.0-flash-001", true},
    {"POST", "/v1beta/models/gemini-2.5-flash:streamGenerateContent", "streamGenerateContent",
     kMetered, "gemini-2.5-flash", false},
    {"POST", "/v1beta/models/gemini-embedding-001:batchEmbedContents", "batchEmbedContents",
     kMetered, "gemini-embedding-001", false},
    {"POST", "/v1beta/models/gemini-embedding-2:batchEmbedContents", "batchEmbedContents", kMetered,
     "gemini-embedding-2", false},
    {"POST", "/v1beta/models/gemini-flash-latest:streamGenerateContent", "streamGenerateContent",
     kMetered, "gemini-flash-latest", false},
    {"POST", "/v1beta/models/gemini-2.0-flash-exp:streamGenerateContent?alt=sse",
     "streamGenerateContent", kMetered, "gemini-2.0-flash-exp", true},
    {"POST", "/v1beta/models/gemini-embedding-2-preview:batchEmbedContents", "batchEmbedContents",
     kMetered, "gemini-embedding-2-preview", false},
    {"POST", "/v1beta/cachedContents", "cachedContents.create", kMetered, "", false},
    {"POST", "/v1beta/models/gemini-2.5-flash:generateContent", "generateContent", kMetered,
     "gemini-2.5-flash", false},
    {"DELETE", "/v1beta/cachedContents/7lf5him5ev4iemi1yjv2gwli5bhpz3yidzejwllo",
     "cachedContents.delete", kPassThrough, "", false},
    {"POST", "/v1beta/models/nonexistent-model:countTokens", "countTokens", kFree,
     "nonexistent-model", false},
    {"post", "/v1beta/models/gemini-2.5-flash:countTokens", "countTokens", kFree,
     "gemini-2.5-flash", false},
    {"POST", "/v1beta/models/gemini-2.5-flash:countTokens", "countTokens", kFree,
     "gemini-2.5-flash", false},
    {"POST", "/v1beta/models/nonexistent-model:batchEmbedContents", "batchEmbedContents", kMetered,
     "nonexistent-model", false},
    {"POST", "/v1beta/models/gemini-embedding-2-preview:countTokens", "countTokens", kFree,
     "gemini-embedding-2-preview", false},
    {"POST", "/v1beta/models/gemini-2.5-pro:generateContent", "generateContent", kMetered,
     "gemini-2.5-pro", false},
    {"POST", kVertex + "models/gemini-2.5-flash:countTokens", "countTokens", kFree,
     "gemini-2.5-flash", false},
    {"POST", kVertex + "models/gemini-2.5-flash:generateContent", "generateContent", kMetered,
     "gemini-2.5-flash", false},
    {"POST", kVertex + "models/gemini-embedding-2:embedContent", "embedContent", kMetered,
     "gemini-embedding-2", false},
    {"POST", kVertex + "models/gemini-embedding-001:predict", "predict", kMetered,
     "gemini-embedding-001", false},
};

const std::vector<Case> kMoreCases = {
    // Model list and model get pass through on every version, AIS and Vertex.
    {"GET", "/v1beta/models", "listModels", kPassThrough, "", false},
    {"GET", "/v1beta/models?pageSize=50&key=K", "listModels", kPassThrough, "", false},
    {"GET", "/v1/models/gemini-2.5-flash", "getModel", kPassThrough, "gemini-2.5-flash", false},
    {"GET", "/v1alpha/models/gemini-2.5-flash", "getModel", kPassThrough, "gemini-2.5-flash",
     false},
    {"GET", "/v1beta1/publishers/google/models/gemini-2.5-flash", "getModel", kPassThrough,
     "gemini-2.5-flash", false},
    {"GET", "/v1beta/tunedModels", "listModels", kPassThrough, "", false},
    // Tuned models and Vertex endpoints keep their collection in the model name.
    {"POST", "/v1beta/tunedModels/my-tune:generateContent", "generateContent", kMetered,
     "tunedModels/my-tune", false},
    {"POST", "/v1beta/tunedModels", "tunedModels.create", kUnmetered, "", false},
    {"DELETE", "/v1beta/tunedModels/my-tune", "tunedModels.delete", kUnmetered,
     "tunedModels/my-tune", false},
    {"POST", "/v1/projects/p/locations/us-central1/endpoints/1234567:generateContent",
     "generateContent", kMetered, "endpoints/1234567", false},
    {"POST", "/v1/projects/p/locations/us-central1/endpoints/1234567:predict", "predict",
     kUnmetered, "endpoints/1234567", false},
    // Vertex express mode (API key, no project).
    {"POST", "/v1/publishers/google/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
     "streamGenerateContent", kMetered, "gemini-2.5-flash", true},
    {"POST",
     "/v1beta1/projects/p/locations/l/publishers/google/models/gemini-2.5-flash:"
     "computeTokens",
     "computeTokens", kFree, "gemini-2.5-flash", false},
    // Embeddings, Imagen and Veo by their model family; other models' predict stays unmetered.
    {"POST", "/v1beta/models/gemini-embedding-001:embedContent", "embedContent", kMetered,
     "gemini-embedding-001", false},
    {"POST", kVertex + "models/text-embedding-005:predict", "predict", kMetered,
     "text-embedding-005", false},
    {"POST", kVertex + "models/textembedding-gecko@003:predict", "predict", kMetered,
     "textembedding-gecko@003", false},
    {"POST", kVertex + "models/text-multilingual-embedding-002:predict", "predict", kMetered,
     "text-multilingual-embedding-002", false},
    {"POST", kVertex + "models/multimodalembedding@001:predict", "predict", kMetered,
     "multimodalembedding@001", false},
    {"POST", kVertex + "models/imagen-4.0-generate-001:predict", "predict", kMetered,
     "imagen-4.0-generate-001", false},
    {"POST", "/v1beta/models/imagen-3.0-generate-002:predict", "predict", kMetered,
     "imagen-3.0-generate-002", false},
    {"POST", kVertex + "models/chirp-3:predict", "predict", kUnmetered, "chirp-3", false},
    {"POST", "/v1beta/models/veo-3.0-generate-001:predictLongRunning", "predictLongRunning",
     kMetered, "veo-3.0-generate-001", false},
    {"POST", kVertex + "models/veo-2.0-generate-001:predictLongRunning", "predictLongRunning",
     kMetered, "veo-2.0-generate-001", false},
    {"POST", kVertex + "models/imagen-4.0-upscale:predictLongRunning", "predictLongRunning",
     kUnmetered, "imagen-4.0-upscale", false},
    // Batch jobs settle later: creation stays unmetered, polls pass through.
    {"POST", "/v1beta/models/gemini-2.5-flash:batchGenerateContent", "batchGenerateContent",
     kUnmetered, "gemini-2.5-flash", false},
    {"GET", "/v1beta/batches/123", "batches.get", kPassThrough, "", false},
    {"GET", "/v1beta/batches", "batches.list", kPassThrough, "", false},
    {"POST", "/v1beta/batches/123:cancel", "batches.cancel", kUnmetered, "", false},
    {"DELETE", "/v1beta/batches/123", "batches.delete", kUnmetered, "", false},
    // Operation polls (Veo) pass through: the call was metered when it started.
    {"GET", "/v1beta/models/veo-3.0-generate-001/operations/abc", "operations.get", kPassThrough,
     "", false},
    {"GET", "/v1/projects/p/locations/us-central1/operations/123", "operations.get", kPassThrough,
     "", false},
    {"POST", kVertex + "models/veo-3.0-generate-001:fetchPredictOperation", "fetchPredictOperation",
     kPassThrough, "veo-3.0-generate-001", false},
    // Cached contents: creation is billed; the rest passes through.
    {"GET", "/v1beta/cachedContents", "cachedContents.list", kPassThrough, "", false},
    {"GET", "/v1beta/cachedContents/abc", "cachedContents.get", kPassThrough, "", false},
    {"PATCH", "/v1beta/cachedContents/abc", "cachedContents.update", kPassThrough, "", false},
    {"POST", "/v1beta1/projects/p/locations/us-central1/cachedContents", "cachedContents.create",
     kMetered, "", false},
    // Files are free.
    {"POST", "/upload/v1beta/files", "files.upload", kPassThrough, "", false},
    {"POST", "/upload/v1beta/files?upload_id=xyz&upload_protocol=resumable", "files.upload",
     kPassThrough, "", false},
    {"GET", "/v1beta/files", "files.list", kPassThrough, "", false},
    {"GET", "/v1beta/files/abc-123", "files.get", kPassThrough, "", false},
    {"DELETE", "/v1beta/files/abc-123", "files.delete", kPassThrough, "", false},
    {"GET", "/v1beta/files/abc-123:download", "files.download", kPassThrough, "", false},
    // OpenAI-compatible chat completions and embeddings are metered; other paths are not.
    {"POST", "/v1beta/openai/chat/completions", "openai.chat.completions", kMetered, "", false},
    {"POST", "/v1beta/openai/embeddings", "openai.embeddings", kMetered, "", false},
    {"GET", "/v1beta/openai/models", "openai.models", kUnmetered, "", false},
    {"POST", "/v1beta/openai/images/generations", "openai.images.generations", kUnmetered, "",
     false},
    {"POST", "/v1beta1/projects/p/locations/us-central1/endpoints/openapi/chat/completions",
     "openai.chat.completions", kMetered, "", false},
    // Model names are URL-decoded, and a "models/" prefix is never doubled.
    {"POST", "/v1beta/models/gemini%2D2.5-flash:generateContent", "generateContent", kMetered,
     "gemini-2.5-flash", false},
    {"POST", "/v1beta/models/models%2Fgemini-2.5-flash:generateContent", "generateContent",
     kMetered, "gemini-2.5-flash", false},
    {"POST", "/v1beta/models/bad%zzname:generateContent", "generateContent", kMetered, "bad%zzname",
     false},
    // alt=sse only as its own parameter.
    {"POST", "/v1beta/models/m:streamGenerateContent?key=abc&alt=sse", "streamGenerateContent",
     kMetered, "m", true},
    {"POST", "/v1beta/models/m:streamGenerateContent?alt=ssex", "streamGenerateContent", kMetered,
     "m", false},
    {"POST", "/v1beta/models/m:streamGenerateContent?xalt=sse", "streamGenerateContent", kMetered,
     "m", false},
    // Not an API version we know: forwarded, but nothing is assumed about it.
    {"POST", "/v2/models/m:generateContent", "unknown", kUnmetered, "", false},
    {"POST", "/v1beta", "unknown", kUnmetered, "", false},
    {"GET", "/", "unknown", kUnmetered, "", false},
};

std::pair<std::string_view, std::string_view> SplitTarget(std::string_view target) {
  const size_t q = target.find('?');
  if (q == std::string_view::npos) {
    return {target, {}};
  }
  return {target.substr(0, q), target.substr(q + 1)};
}

void ExpectClassified(const Case& c) {
  const auto [path, query] = SplitTarget(c.target);
  const Operation op = Classify(c.method, path, query);
  EXPECT_EQ(op.name, c.operation) << c.method << " " << c.target;
  EXPECT_EQ(op.metering, c.metering) << c.method << " " << c.target;
  EXPECT_EQ(op.model, c.model) << c.method << " " << c.target;
  EXPECT_EQ(op.stream_sse, c.stream_sse) << c.method << " " << c.target;
}

TEST(GeminiClassifyTest, ClassifiesEveryFixtureUri) {
  for (const Case& c : kFixtureCases) {
    ExpectClassified(c);
  }
}

TEST(GeminiClassifyTest, ClassifiesModelListsMethodsAndOtherResources) {
  for (const Case& c : kMoreCases) {
    ExpectClassified(c);
  }
}

TEST(GeminiClassifyTest, FixtureUrisAreAllInTheTable) {
  const std::filesystem::path dir = std::filesystem::path(COSTGATE_FIXTURES_DIR) / "gemini";
  simdjson::dom::parser parser;
  int seen = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (!name.ends_with(".meta.json")) {
      continue;
    }
    simdjson::dom::element meta = parser.load(entry.path().string());
    const std::string_view method = meta["request"]["method"].get_string().value();
    std::string_view uri = meta["request"]["uri"].get_string().value();
    uri.remove_prefix(uri.find("googleapis.com/") + std::string_view("googleapis.com").size());
    bool found = false;
    for (const Case& c : kFixtureCases) {
      found = found || (c.method == method && c.target == uri);
    }
    EXPECT_TRUE(found) << name << ": " << method << " " << uri;
    ++seen;
  }
  EXPECT_GT(seen, 20);
}

TEST(GeminiClassifyTest, VertexPathsUseVertexPrices) {
  EXPECT_EQ(
      Classify("POST", kVertexDd + "models/gemini-2.0-flash-001:generateContent", "").price_family,
      "vertex");
  EXPECT_EQ(Classify("POST", "/v1/publishers/google/models/gemini-2.5-flash:generateContent", "")
                .price_family,
            "vertex");
  EXPECT_EQ(Classify("POST", "/v1beta/models/gemini-2.5-flash:generateContent", "").price_family,
            "");
}

struct ClaimCase {
  std::vector<std::pair<std::string, std::string>> headers;
  std::string target;
  bool claims;
};

TEST(GeminiClaimsRequestTest, ClaimsByGoogleKeyOrAbsenceOfElevenLabsKey) {
  const std::vector<ClaimCase> cases = {
      {{}, "/v1/models", true},
      {{{"X-Goog-Api-Key", "k"}}, "/v1/models", true},
      {{{"xi-api-key", "e"}}, "/v1/models", false},
      {{{"xi-api-key", "e"}}, "/v1/models?key=k", true},
      {{{"xi-api-key", "e"}}, "/v1/models?a=1&key=k", true},
      {{{"xi-api-key", "e"}}, "/v1/models?apikey=k", false},
      {{{"xi-api-key", "e"}, {"x-goog-api-key", "k"}}, "/v1/models", true},
      {{{"Authorization", "Bearer t"}, {"XI-API-KEY", "e"}}, "/v1/models", false},
  };
  for (const ClaimCase& c : cases) {
    RequestHead request;
    request.method = "GET";
    request.target = c.target;
    for (const auto& [name, value] : c.headers) {
      request.headers.Add(name, value);
    }
    EXPECT_EQ(ClaimsRequest(request), c.claims) << c.target << " with " << c.headers.size();
  }
}

}  // namespace
}  // namespace costgate::filters::gemini
