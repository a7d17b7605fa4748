// The value of one field of a multipart/form-data request body (RFC 7578), found as the body
// streams past: ElevenLabs speech-to-text and speech-to-speech name their model in a `model_id`
// part next to an audio file of many megabytes (PROVIDERS.md B2).
//
// Bounded memory whatever the body: the file part is scanned for the next boundary and never
// kept; a part's headers are kept up to kMaxHeaderBytes and the wanted value up to
// kMaxValueBytes (a longer value is dropped). Scanning stops once the field's part closes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace costgate::filters::elevenlabs {

// The boundary parameter of a multipart/form-data Content-Type (quotes removed); empty when the
// type is another one or names no boundary.
std::string_view MultipartBoundary(std::string_view content_type) noexcept;

class MultipartFieldReader {
 public:
  static constexpr size_t kMaxValueBytes = 256;
  static constexpr size_t kMaxHeaderBytes = 8 * 1024;

  // `boundary` as MultipartBoundary returns it (1 to 70 characters; RFC 2046); `field` is the
  // wanted part's name.
  MultipartFieldReader(std::string_view boundary, std::string_view field);

  void Feed(std::string_view chunk) noexcept;

  // The field's value once its part has closed; nullopt until then, or when the body has no
  // such part, or its value was too long.
  const std::optional<std::string>& value() const noexcept { return value_; }
  // The body broke the format (part headers beyond the limit): scanning gave up.
  bool malformed() const noexcept { return malformed_; }

 private:
  enum class State : uint8_t { kBody, kAfterDelimiter, kHeaders, kDone };

  // Advances the delimiter match by one byte; true when the delimiter is complete.
  bool MatchDelimiter(char c) noexcept;
  void OnDelimiter() noexcept;
  void AfterDelimiter(char c) noexcept;
  void Header(char c) noexcept;
  void HeaderLine(std::string_view line);

  const std::string delimiter_;  // CRLF "--" boundary
  const std::string field_;
  std::vector<size_t> failure_;  // KMP failure function of delimiter_
  State state_ = State::kBody;
  size_t matched_ = 2;  // the body's first delimiter has no CRLF before it
  bool capturing_ = false;
  bool value_too_long_ = false;
  std::string captured_;  // the wanted part's bytes, delimiter included
  size_t after_delimiter_ = 0;
  bool closing_ = false;     // "--" right after a delimiter: the last one
  std::string line_;         // the current header line
  size_t header_bytes_ = 0;  // of the current part
  bool wanted_part_ = false;
  std::optional<std::string> value_;
  bool malformed_ = false;
};

}  // namespace costgate::filters::elevenlabs
