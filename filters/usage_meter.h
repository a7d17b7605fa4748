// A provider's usage reader for one response body.
//
// Fed the body as it streams (transfer-decoded, content-encoded as the upstream sent it); keeps
// memory bounded however long the body; never throws. Pure: no I/O, no clock.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "filters/units.h"

namespace costgate::filters {

struct MeteredUsage {
  Units units;
  std::string model_version;  // the model the response says served the call; empty when none
  // The model the request body named, for operations whose URL names none (ElevenLabs model_id,
  // Cloud TTS voice type, cachedContents and OpenAI-compatible "model"); empty otherwise.
  std::string model_requested;
  std::string service_tier;  // AIS usageMetadata.serviceTier ("standard", "flex", "priority")
  std::string traffic_type;  // Vertex usageMetadata.trafficType ("ON_DEMAND", ...)
  // The units are what the provider bills: its own usage report (token counts, the
  // character-cost header) or a count of what it bills by (characters of the request).
  bool reported = false;
  bool estimated = false;  // units (partly) estimated: the provider said nothing exact
  uint32_t malformed = 0;  // units (events, array elements, bodies) skipped as unparsable
  uint32_t oversized = 0;  // units skipped because they exceeded the per-unit byte limit
};

class UsageMeter {
 public:
  virtual ~UsageMeter() = default;
  virtual void Feed(std::string_view chunk) noexcept = 0;
  // The body ended (completely or not); flushes whatever a trailing partial unit allows.
  virtual void Finish() noexcept = 0;
  virtual const MeteredUsage& usage() const noexcept = 0;
};

}  // namespace costgate::filters
