// Incremental Server-Sent Events framer (WHATWG HTML "event stream interpretation").
//
// Lines end in "\n", "\r\n" or "\r" (a CR/LF pair split across chunks counts once); a blank
// line ends an event. The value of each `data` field (one leading space dropped; several data
// lines joined with "\n") streams to the consumer as it arrives, never buffered, so a 50 MB data
// line costs O(1) memory. Comments and the `event`, `id` and `retry` fields are skipped. An event
// with at least one data field ends with OnEventEnd(); Finish() ends a last event that lacks its
// closing blank line.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace costgate::filters::stream {

class SseDataConsumer {
 public:
  virtual ~SseDataConsumer() = default;
  // Next piece of the current event's data; valid only during the call.
  virtual void OnData(std::string_view piece) noexcept = 0;
  // The current event (which had data) ended.
  virtual void OnEventEnd() noexcept = 0;
};

class SseReader {
 public:
  // `consumer` must outlive the reader.
  explicit SseReader(SseDataConsumer& consumer) noexcept : consumer_(consumer) {}

  void Feed(std::string_view chunk) noexcept;
  void Finish() noexcept;

  // Bytes this reader keeps between chunks: at most the few bytes of a field name.
  size_t BufferHighWater() const noexcept { return name_high_water_; }

 private:
  enum class State : uint8_t { kLineStart, kName, kValueStart, kValue };

  // Handles the end of a line in the current state; `state_` becomes kLineStart.
  void EndLine() noexcept;
  // A `data` field begins (its value, possibly empty, follows).
  void BeginData() noexcept;

  static constexpr size_t kNameBytes = 4;  // "data"; longer names are never data

  SseDataConsumer& consumer_;
  State state_ = State::kLineStart;
  bool skip_lf_ = false;         // the previous line ended in CR: a LF right after belongs to it
  bool field_is_data_ = false;   // the current field's value goes to the consumer
  bool event_has_data_ = false;  // the current event had a data field
  bool name_too_long_ = false;
  uint8_t name_length_ = 0;
  char name_[kNameBytes] = {};
  size_t name_high_water_ = 0;
};

}  // namespace costgate::filters::stream
