// The /{ver}/projects/... resource paths Vertex AI and Cloud TTS both serve at the listener root,
// and which of the two a request there is for. Both provider folders ask this one place (a
// provider folder includes no other's), so one of them always claims such a request and never
// both. Pure functions over strings; PROVIDERS.md A1 and C1 are the sources.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

#include "filters/http_message.h"

namespace costgate::filters::google {

// Cloud TTS's long-audio synthesis: POST /{ver}/projects/{p}/locations/{l}:synthesizeLongAudio.
inline constexpr std::string_view kLongAudioMethod = ":synthesizeLongAudio";

// A resource path as its non-empty '/'-separated segments, views into the path, without
// allocating. The paths read here are at most /{ver}/projects/{p}/locations/{l}/operations/{id};
// a longer one is some other API's, and is left unsplit past the limit (too_many).
struct ResourcePath {
  static constexpr size_t kMaxSegments = 8;
  std::array<std::string_view, kMaxSegments> items{};
  size_t count = 0;
  bool too_many = false;
};
ResourcePath SplitResourcePath(std::string_view path) noexcept;

// "v1" or "v1beta1": the versions both APIs serve under /{ver}/projects.
bool IsProjectsVersion(std::string_view segment) noexcept;

// /{ver}/projects/{p}/locations/{l}... (the fifth segment may carry a custom method).
bool IsLocation(const ResourcePath& path) noexcept;

// /{ver}/projects/{p}/locations/{l}/operations or .../operations/{id}: the long-running
// operations of both APIs have this shape.
bool IsLocationOperations(const ResourcePath& path) noexcept;

// True when a request on a /{ver}/projects path is Cloud TTS's:
//  - a path ending with ":synthesizeLongAudio";
//  - an operation poll of the shape IsLocationOperations, with an x-goog-api-client header
//    naming a Google Cloud client library ("gapic/"; the genai SDK sends no such token). Deeper
//    operation paths (.../models/{m}/operations/..., .../endpoints/{e}/operations/...) are
//    never Cloud TTS's.
// Every other request there is Vertex AI's.
bool IsCloudTtsRequest(const RequestHead& request) noexcept;

}  // namespace costgate::filters::google
