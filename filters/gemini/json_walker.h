// Streaming walker of one JSON document that reports values by their path, for the few
// Gemini / Vertex AI quantities that sit below the first level (predictions[].embeddings
// .statistics.token_count, the images of predictions[], the text parts of an embedding request).
//
// Fed the document in arbitrary chunks; string contents are never buffered, so a many-MB base64
// image costs O(1) memory. A path is the keys from the root, with "[]" for an array element:
// {"predictions", "[]", "bytesBase64Encoded"}. Keys longer than kMaxKeyBytes never match, and
// values nested deeper than kMaxDepth are walked but not reported. Malformed input (a stray or
// mismatched bracket) stops the walk and sets malformed(). Pure: no I/O, never throws.
#pragma once

#include <array>
#include <bitset>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <string_view>

namespace costgate::filters::gemini {

using JsonPath = std::span<const std::string_view>;

inline constexpr std::string_view kArrayElement = "[]";

// True when `path` is exactly `pattern`.
bool PathIs(JsonPath path, std::initializer_list<std::string_view> pattern) noexcept;

class JsonWalkConsumer {
 public:
  virtual ~JsonWalkConsumer() = default;
  // An object or array begins / ends at `path`.
  virtual void OnOpen(JsonPath path, bool is_array) noexcept {
    (void)path;
    (void)is_array;
  }
  virtual void OnClose(JsonPath path, bool is_array) noexcept {
    (void)path;
    (void)is_array;
  }
  // A string value ended; `characters` counts its decoded characters (code points; an escape
  // sequence counts one).
  virtual void OnString(JsonPath path, uint64_t characters) noexcept {
    (void)path;
    (void)characters;
  }
  // A number, true, false or null ended; `raw` is its text (cut at kMaxScalarBytes).
  virtual void OnScalar(JsonPath path, std::string_view raw) noexcept {
    (void)path;
    (void)raw;
  }
};

class JsonWalker {
 public:
  static constexpr size_t kMaxDepth = 12;
  static constexpr size_t kMaxKeyBytes = 40;
  static constexpr size_t kMaxScalarBytes = 32;
  static constexpr size_t kMaxNesting = 512;  // deeper is malformed

  // `consumer` must outlive the walker.
  explicit JsonWalker(JsonWalkConsumer& consumer) noexcept : consumer_(consumer) {}

  void Feed(std::string_view bytes) noexcept;
  // The document ended: a scalar at the root ends; an unclosed container is malformed.
  void Finish() noexcept;

  bool malformed() const noexcept { return malformed_; }

 private:
  enum class Expect : uint8_t { kValue, kKey, kColon, kCommaOrClose };
  struct Frame {
    bool is_array = false;
    uint8_t key_length = 0;
    bool key_too_long = false;
    std::array<char, kMaxKeyBytes> key{};
  };

  void Byte(char c) noexcept;
  void StringByte(char c) noexcept;
  void EndString() noexcept;
  void EndScalar() noexcept;
  void Open(bool is_array) noexcept;
  void Close(bool is_array) noexcept;
  void AfterValue() noexcept;
  void Fail() noexcept { malformed_ = true; }
  // The path of the value being read (at depth_), valid until the next byte.
  JsonPath Path() noexcept;

  JsonWalkConsumer& consumer_;
  std::array<Frame, kMaxDepth> frames_{};
  std::array<std::string_view, kMaxDepth> path_{};
  size_t depth_ = 0;                     // open containers, including ones deeper than kMaxDepth
  std::bitset<kMaxNesting> array_bits_;  // per open container: it is an array
  Expect expect_ = Expect::kValue;
  bool in_string_ = false;
  bool string_is_key_ = false;
  bool escape_ = false;
  uint8_t unicode_digits_ = 0;  // hex digits of a \uXXXX escape still to skip
  uint64_t characters_ = 0;
  bool in_scalar_ = false;
  uint8_t scalar_length_ = 0;
  std::array<char, kMaxScalarBytes> scalar_{};
  bool malformed_ = false;
  bool done_ = false;  // the root value ended
};

}  // namespace costgate::filters::gemini
