#include "filters/google_tts/routes.h"

#include <string>

namespace costgate::filters::google_tts {
namespace {

constexpr std::string_view kLongAudioMethod = ":synthesizeLongAudio";

// Resource paths here are at most /{ver}/projects/{p}/locations/{l}/operations/{id}; a longer
// one is some other API's, and is left unsplit past the limit.
constexpr size_t kMaxSegments = 8;

struct Segments {
  std::array<std::string_view, kMaxSegments> items{};
  size_t count = 0;
  bool too_many = false;
};

Segments Split(std::string_view path) noexcept {
  Segments out;
  while (!path.empty()) {
    const size_t slash = path.find('/');
    const std::string_view segment = path.substr(0, slash);
    if (!segment.empty()) {
      if (out.count == kMaxSegments) {
        out.too_many = true;
        break;
      }
      out.items[out.count++] = segment;
    }
    if (slash == std::string_view::npos) {
      break;
    }
    path.remove_prefix(slash + 1);
  }
  return out;
}

bool IsVersion(std::string_view segment) noexcept {
  return segment == "v1" || segment == "v1beta1";
}

// /{ver}/projects/{p}/locations/{l}..., the long-audio resource shape (5 segments, the last
// possibly carrying the custom method).
bool IsLocation(const Segments& s) noexcept {
  return s.count >= 5 && !s.too_many && s.items[1] == "projects" && s.items[3] == "locations";
}

// /{ver}/projects/{p}/locations/{l}/operations or .../operations/{id}.
bool IsOperations(const Segments& s) noexcept {
  return IsLocation(s) && (s.count == 6 || s.count == 7) && s.items[5] == "operations";
}

bool IsTextSynthesize(const Segments& s) noexcept {
  return s.count == 2 && s.items[1] == "text:synthesize";
}

bool NamesCloudClientLibrary(const RequestHead& request) noexcept {
  const std::string* api_client = request.headers.Find("x-goog-api-client");
  return api_client != nullptr && api_client->find("gapic/") != std::string::npos;
}

Operation Named(std::string_view name, Metering metering) {
  Operation op;
  op.name = std::string(name);
  op.metering = metering;
  return op;
}

}  // namespace

bool ClaimsRequest(const RequestHead& request) noexcept {
  const std::string_view path = request.Path();
  if (path.ends_with(kLongAudioMethod)) {
    return true;
  }
  const Segments segments = Split(path);
  if (segments.count == 0 || !IsVersion(segments.items[0])) {
    return false;
  }
  if (IsTextSynthesize(segments)) {
    return true;
  }
  if (IsOperations(segments)) {
    // Vertex AI long-running operations have the same shape; Google's Cloud client libraries
    // (the only TTS clients that poll) say so in x-goog-api-client, the genai SDK does not.
    return NamesCloudClientLibrary(request);
  }
  if (path == "/v1/voices" || path == "/v1beta1/voices") {
    // ElevenLabs lists voices on /v1/voices too, and always sends its key.
    return !request.headers.Contains("xi-api-key");
  }
  return false;
}

Operation Classify(std::string_view method, std::string_view path, std::string_view query) {
  (void)query;
  const Segments s = Split(path);
  if (s.count < 2 || s.too_many || !IsVersion(s.items[0])) {
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
  if (method == "GET" && IsOperations(s)) {
    return Named(s.count == 6 ? "operations.list" : "operations.get", Metering::kPassThrough);
  }
  return Named("unknown", Metering::kUnmetered);
}

}  // namespace costgate::filters::google_tts
