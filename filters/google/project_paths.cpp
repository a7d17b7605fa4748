#include "filters/google/project_paths.h"

#include <string>

namespace costgate::filters::google {
namespace {

bool NamesCloudClientLibrary(const RequestHead& request) noexcept {
  const std::string* api_client = request.headers.Find("x-goog-api-client");
  return api_client != nullptr && api_client->find("gapic/") != std::string::npos;
}

}  // namespace

ResourcePath SplitResourcePath(std::string_view path) noexcept {
  ResourcePath out;
  while (!path.empty()) {
    const size_t slash = path.find('/');
    const std::string_view segment = path.substr(0, slash);
    if (!segment.empty()) {
      if (out.count == ResourcePath::kMaxSegments) {
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

bool IsProjectsVersion(std::string_view segment) noexcept {
  return segment == "v1" || segment == "v1beta1";
}

bool IsLocation(const ResourcePath& path) noexcept {
  return path.count >= 5 && !path.too_many && path.items[1] == "projects" &&
         path.items[3] == "locations";
}

bool IsLocationOperations(const ResourcePath& path) noexcept {
  return IsLocation(path) && (path.count == 6 || path.count == 7) && path.items[5] == "operations";
}

bool IsCloudTtsRequest(const RequestHead& request) noexcept {
  const std::string_view path = request.Path();
  if (path.ends_with(kLongAudioMethod)) {
    return true;
  }
  const ResourcePath segments = SplitResourcePath(path);
  // Vertex AI long-running operations have the same shape; Google's Cloud client libraries
  // (the only TTS clients that poll) say so in x-goog-api-client, the genai SDK does not.
  return segments.count > 0 && IsProjectsVersion(segments.items[0]) &&
         IsLocationOperations(segments) && NamesCloudClientLibrary(request);
}

}  // namespace costgate::filters::google
