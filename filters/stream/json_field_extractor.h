// Streaming extractor of chosen top-level fields from a sequence of JSON objects.
//
// The input is a stream of "units": top-level JSON objects, either one after another
// (JsonFraming::kValues: a plain body, or the data of one SSE event) or as the elements of a
// top-level array (JsonFraming::kArray: "[{..}\n,\r\n{..}\n]"). For each unit the extractor
// copies the exact bytes of the values of the chosen keys found at the unit's first level into
// bounded buffers (JsonCaptures); every other byte is skipped without buffering, so memory stays
// bounded however large a value (a 64 MB base64 string costs nothing). When a unit closes
// well-formed the consumer gets the captures; a capture larger than max_capture_bytes is
// dropped and flagged oversized. Malformed input (garbage, unbalanced or mismatched brackets,
// nesting deeper than kMaxDepth) drops the unit and counts it once in malformed(). With kValues
// everything up to the next EndUnit() (the end of an SSE event, or of the body) is dropped with
// it; with kArray scanning resumes, best effort, once the brackets of the broken element are
// closed, at the next top-level '{'. Only the first level of each unit is checked strictly;
// deeper values are only balanced, and captured values are left to the consumer's parser.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "filters/stream/byte_finder.h"
#include "filters/stream/json_captures.h"

namespace costgate::filters::stream {

enum class JsonFraming : uint8_t {
  kValues,  // top-level objects one after another
  kArray,   // the elements of a top-level array
};

class JsonUnitConsumer {
 public:
  virtual ~JsonUnitConsumer() = default;
  // A unit closed well-formed. captures[i] belongs to keys[i]; views are valid during the call.
  virtual void OnUnit(std::span<const JsonCapture> captures) noexcept = 0;
};

class JsonFieldExtractor {
 public:
  static constexpr size_t kMaxKeys = JsonCaptures::kMaxKeys;
  static constexpr size_t kMaxKeyBytes = 64;  // longer keys never match
  static constexpr uint32_t kMaxDepth = 512;

  // `keys` (at most kMaxKeys; extra ones are ignored) are compared with the raw key bytes; their
  // characters must outlive the extractor, as must `consumer`.
  JsonFieldExtractor(JsonFraming framing, std::span<const std::string_view> keys,
                     size_t max_capture_bytes, JsonUnitConsumer& consumer) noexcept;

  void Feed(std::string_view bytes) noexcept;
  // An external unit boundary (the end of an SSE event): an unfinished unit counts as malformed
  // and scanning starts afresh.
  void EndUnit() noexcept;
  // The input ended; same as EndUnit().
  void Finish() noexcept { EndUnit(); }

  uint32_t malformed() const noexcept { return malformed_; }
  // Largest total capacity the capture buffers reached.
  size_t BufferHighWater() const noexcept { return captures_.HighWater(); }

 private:
  // Where the scan stands at the first level of the current unit.
  enum class Member : uint8_t { kKeyOrEnd, kKey, kColon, kValue, kScalar, kCommaOrEnd };
  enum class StringRole : uint8_t { kSkip, kKey, kValue };

  const char* ScanString(const char* p, const char* end, ByteFinder& stops) noexcept;
  void EndString(const char* after) noexcept;
  void TopLevel(char c) noexcept;
  // Handles one byte outside strings inside a unit; false when it is not valid there.
  bool InUnit(char c, const char* at) noexcept;
  bool AtFirstLevel(char c, const char* at) noexcept;
  bool Push(bool is_array) noexcept;
  bool TopIsArray() const noexcept;
  // Tracks only strings and bracket depth while a broken kArray element is skipped.
  void Resync(char c) noexcept;
  // The unit is malformed at byte `c`.
  void Fail(char c) noexcept;
  // kValues: a malformed unit drops everything up to the next EndUnit(), whose boundary is
  // the only one known to be trustworthy (an SSE event, or the body's end).
  bool DroppingToBoundary() const noexcept { return resync_ && framing_ == JsonFraming::kValues; }
  void StartCapture(const char* at) noexcept;
  void EndCapture(const char* stop) noexcept;

  const JsonFraming framing_;
  JsonUnitConsumer& consumer_;
  JsonCaptures captures_;

  uint32_t depth_ = 0;                                 // 0 between units, 1 at a unit's first level
  std::array<uint64_t, kMaxDepth / 64> array_bits_{};  // per level: the container is an array
  Member member_ = Member::kKeyOrEnd;
  StringRole role_ = StringRole::kSkip;
  bool in_string_ = false;
  bool escape_ = false;    // the previous string byte was a backslash
  bool resync_ = false;    // the current unit is malformed and being skipped
  bool in_array_ = false;  // kArray: inside the top-level array
  bool key_unmatchable_ = false;
  uint8_t key_length_ = 0;
  std::array<char, kMaxKeyBytes> key_{};
  int key_match_ = -1;     // capture slot of the first-level key just read, -1 when not chosen
  int capture_slot_ = -1;  // slot whose value is being copied, -1 when none
  const char* capture_from_ = nullptr;  // where the open capture resumes in the current chunk

  uint32_t malformed_ = 0;
};

}  // namespace costgate::filters::stream
