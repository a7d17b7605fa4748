#include "daemon/upstream/vertex_location.h"

namespace costgate::daemon::upstream {
namespace {

// A DNS label holds 63 characters; "-aiplatform" takes 11 of them.
constexpr size_t kMaxLocationLength = 63 - std::string_view("-aiplatform").size();

bool IsLocationChar(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

// Splits off the next path segment of `rest` (which starts after a '/').
std::string_view NextSegment(std::string_view& rest) {
  const size_t slash = rest.find('/');
  const std::string_view segment = rest.substr(0, slash);
  rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
  return segment;
}

}  // namespace

std::string_view NamedLocation(std::string_view target) {
  std::string_view rest = target.substr(0, target.find('?'));
  if (!rest.starts_with('/')) {
    return {};
  }
  rest.remove_prefix(1);
  NextSegment(rest);  // the API version: which one is the upstream's business
  if (NextSegment(rest) != "projects" || NextSegment(rest).empty() ||
      NextSegment(rest) != "locations") {
    return {};
  }
  const std::string_view location = NextSegment(rest);
  // Location-level custom methods: locations/{LOC}:evaluateInstances.
  return location.substr(0, location.find(':'));
}

LocationHost HostForLocation(std::string_view location) {
  const auto refuse = [location](std::string_view why) {
    return LocationHost{{},
                        "location '" + std::string(location.substr(0, kMaxLocationLength + 1)) +
                            "' " + std::string(why) +
                            ": a Vertex AI location is lower-case letters, digits and '-' "
                            "(us-central1, europe-west4, global, us, eu)"};
  };
  if (location.empty()) {
    return refuse("is empty");
  }
  if (location.size() > kMaxLocationLength) {
    return refuse("is longer than " + std::to_string(kMaxLocationLength) + " characters");
  }
  if (location.front() == '-') {
    return refuse("starts with '-'");
  }
  for (const char c : location) {
    if (!IsLocationChar(c)) {
      return refuse("has a character other than a-z, 0-9 and '-'");
    }
  }
  if (location == "global") {
    return {std::string(kVertexPublicHost), {}};
  }
  // Multi-region endpoints are regional endpoints (REP) under a different pattern.
  if (location == "us" || location == "eu") {
    return {"aiplatform." + std::string(location) + ".rep.googleapis.com", {}};
  }
  return {std::string(location) + "-" + std::string(kVertexPublicHost), {}};
}

}  // namespace costgate::daemon::upstream
