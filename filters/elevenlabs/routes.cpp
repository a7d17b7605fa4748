#include "filters/elevenlabs/routes.h"

#include <cctype>
#include <string>
#include <vector>

#include "filters/route/path_segments.h"

namespace costgate::filters::elevenlabs {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

bool IsBookkeeping(std::string_view collection) noexcept {
  return collection == "models" || collection == "voices" || collection == "user" ||
         collection == "history" || collection == "shared-voices";
}

// The endpoint's name followed by its variant suffixes; metered when every suffix is one the
// endpoint has (`streams`: /stream, `timestamps`: /with-timestamps, in that order).
void NameGeneration(std::string_view endpoint, const std::vector<std::string_view>& suffixes,
                    bool timestamps, Operation& op) {
  op.name = std::string(endpoint);
  size_t i = 0;
  if (i < suffixes.size() && suffixes[i] == "stream") {
    ++i;
  }
  if (timestamps && i < suffixes.size() && suffixes[i] == "with-timestamps") {
    ++i;
  }
  const bool known = i == suffixes.size();
  for (const std::string_view suffix : suffixes) {
    op.name.push_back('.');
    op.name.append(suffix);
  }
  op.metering = known ? Metering::kMetered : Metering::kUnmetered;
}

}  // namespace

bool ClaimsRequest(const RequestHead& request) noexcept {
  return request.headers.Contains("xi-api-key");
}

Operation Classify(std::string_view method, std::string_view path, std::string_view query) {
  (void)query;
  Operation op;
  const std::vector<std::string_view> segments = SplitPathSegments(path);
  if (segments.size() < 2 || (segments[0] != "v1" && segments[0] != "v2")) {
    op.name = "unknown";
    return op;
  }
  const std::string_view collection = segments[1];
  if (method == "POST" && segments[0] == "v1") {
    // /v1/{endpoint}/{voice_id}/...: the voice id is not part of the name.
    const bool by_voice = collection == "text-to-speech" || collection == "speech-to-speech";
    const size_t first_suffix = by_voice ? 3 : 2;
    if (segments.size() >= first_suffix &&
        (by_voice || collection == "text-to-dialogue" || collection == "speech-to-text" ||
         collection == "sound-generation")) {
      const std::vector<std::string_view> suffixes(segments.begin() + first_suffix, segments.end());
      const bool variants = collection != "speech-to-text" && collection != "sound-generation";
      if (variants) {
        NameGeneration(collection, suffixes, collection != "speech-to-speech", op);
        return op;
      }
      if (suffixes.empty()) {
        op.name = std::string(collection);
        op.metering = Metering::kMetered;
        return op;
      }
    }
  }
  if (method == "GET" && IsBookkeeping(collection)) {
    op.name = std::string(collection) + ".get";
    op.metering = Metering::kPassThrough;
    return op;
  }
  op.name = std::string(collection) + "." + Lower(method);
  return op;
}

}  // namespace costgate::filters::elevenlabs
