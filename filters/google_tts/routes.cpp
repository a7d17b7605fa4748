#include "filters/google_tts/routes.h"

#include <string>

#include "filters/google/project_paths.h"

namespace costgate::filters::google_tts {
namespace {

using google::IsLocation;
using google::IsLocationOperations;
using google::IsProjectsVersion;
using google::kLongAudioMethod;
using google::ResourcePath;
using google::SplitResourcePath;

bool IsTextSynthesize(const ResourcePath& s) noexcept {
  return s.count == 2 && s.items[1] == "text:synthesize";
}

Operation Named(std::string_view name, Metering metering) {
  Operation op;
  op.name = std::string(name);
  op.metering = metering;
  return op;
}

}  // namespace

bool ClaimsRequest(const RequestHead& request) noexcept {
  // Long-audio synthesis and its operation polls share /{ver}/projects with Vertex AI, whose
  // routes ask the same function: the two can never disagree.
  if (google::IsCloudTtsRequest(request)) {
    return true;
  }
  const std::string_view path = request.Path();
  const ResourcePath segments = SplitResourcePath(path);
  if (segments.count == 0 || !IsProjectsVersion(segments.items[0])) {
    return false;
  }
  if (IsTextSynthesize(segments)) {
    return true;
  }
  if (path == "/v1/voices" || path == "/v1beta1/voices") {
    // ElevenLabs lists voices on /v1/voices too, and always sends its key.
    return !request.headers.Contains("xi-api-key");
  }
  return false;
}

Operation Classify(std::string_view method, std::string_view path, std::string_view query) {
  (void)query;
  const ResourcePath s = SplitResourcePath(path);
  if (s.count < 2 || s.too_many || !IsProjectsVersion(s.items[0])) {
    return Named("unknown", Metering::kUnmetered);
  }
  if (method == "POST" && IsTextSynthesize(s)) {
    return Named("synthesize", Metering::kMetered);
  }
  if (method == "GET" && s.count == 2 && s.items[1] == "voices") {
    return Named("voices.list", Metering::kPassThrough);
  }
  if (method == "POST" && IsLocation(s) && s.count == 5 && s.items[4].ends_with(kLongAudioMethod)) {
    return Named("synthesizeLongAudio", Metering::kMetered);
  }
  if (method == "GET" && IsLocationOperations(s)) {
    return Named(s.count == 6 ? "operations.list" : "operations.get", Metering::kPassThrough);
  }
  return Named("unknown", Metering::kUnmetered);
}

}  // namespace costgate::filters::google_tts
