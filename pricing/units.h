// Billable quantities of one call: an ordered map of unit name -> non-negative integer.
//
// Names are static strings (kUnit* below, or other string literals): Units never owns them, so
// recording usage on the hot path allocates nothing beyond the vector. "Not reported" is
// absence, distinct from a reported 0.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace costgate::pricing {

// Unit vocabulary shared by meters, pricing and receipts (ARCHITECTURE.md "Usage event").
// A meter records what the provider bills for a call, once: a call billed by characters carries
// characters, not also tokens (pricing bills every unit it has a rate for). Names are
// [a-z0-9_]+.
inline constexpr std::string_view kUnitInputTokens = "input_tokens";    // prompt incl. cached
inline constexpr std::string_view kUnitOutputTokens = "output_tokens";  // visible candidates
inline constexpr std::string_view kUnitCachedInputTokens = "cached_input_tokens";
inline constexpr std::string_view kUnitThinkingTokens = "thinking_tokens";
inline constexpr std::string_view kUnitToolUseInputTokens = "tool_use_input_tokens";
inline constexpr std::string_view kUnitTotalTokens = "total_tokens";
inline constexpr std::string_view kUnitCharacters = "characters";
inline constexpr std::string_view kUnitAudioMs = "audio_ms";
inline constexpr std::string_view kUnitImages = "images";  // images generated
inline constexpr std::string_view kUnitVideoSeconds =
    "video_seconds";                                         // seconds of video generated
inline constexpr std::string_view kUnitCredits = "credits";  // ElevenLabs credits (character-cost)
inline constexpr std::string_view kUnitRequests = "requests";
// Per-modality token details (subsets of the counts above) that pricing reads for their own rates.
inline constexpr std::string_view kUnitInputAudioTokens = "input_audio_tokens";
inline constexpr std::string_view kUnitCachedInputAudioTokens = "cached_input_audio_tokens";
inline constexpr std::string_view kUnitOutputImageTokens = "output_image_tokens";
inline constexpr std::string_view kUnitOutputAudioTokens = "output_audio_tokens";

class Units {
 public:
  using Entry = std::pair<std::string_view, int64_t>;

  // Sets (replacing) one unit. `name` must outlive this object (a literal / static string).
  void Set(std::string_view name, int64_t value);
  std::optional<int64_t> Get(std::string_view name) const noexcept;
  bool empty() const noexcept { return entries_.empty(); }
  void clear() noexcept { entries_.clear(); }
  const std::vector<Entry>& entries() const noexcept { return entries_; }

  // {"input_tokens":14,"output_tokens":51} in insertion order.
  std::string ToJson() const;

  friend bool operator==(const Units&, const Units&) = default;

 private:
  std::vector<Entry> entries_;
};

}  // namespace costgate::pricing
