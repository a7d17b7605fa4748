// Which Google host serves a Vertex AI request, from the location its path names
// (PROVIDERS.md A1). Pure functions over strings: no sockets, no DNS.
#pragma once

#include <string>
#include <string_view>

namespace costgate::daemon::upstream {

// The public Vertex AI host: location "global", express mode, and paths naming no location.
inline constexpr std::string_view kVertexPublicHost = "aiplatform.googleapis.com";

// The {LOC} of a resource path /{ver}/projects/{p}/locations/{LOC}[/...|:method] (query
// allowed), exactly as written; empty when the path names no location (express mode
// /{ver}/publishers/..., /{ver}/projects/{p}, anything else).
std::string_view NamedLocation(std::string_view target);

struct LocationHost {
  std::string host;   // set iff error is empty
  std::string error;  // why the location cannot name a host, for the client
};

// The host serving `location`: kVertexPublicHost for "global", aiplatform.{LOC}.rep.googleapis.com
// for the multi-regions "us" and "eu", {LOC}-aiplatform.googleapis.com for any other. A location
// must be 1 to 52 characters of [a-z0-9-] not starting with '-' (so that {LOC}-aiplatform is one
// DNS label): anything else is refused, so the host is always a *.googleapis.com name of these
// three forms whatever the client sends.
LocationHost HostForLocation(std::string_view location);

}  // namespace costgate::daemon::upstream
