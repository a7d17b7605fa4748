#include "filters/preflight/generation_request.h"

#include <simdjson.h>

#include <string>

#include "filters/google_field_name.h"
#include "filters/token_estimate.h"

namespace costgate::filters::preflight {
namespace {

namespace dom = simdjson::dom;

bool Add(int64_t& total, int64_t more) noexcept {
  return !__builtin_add_overflow(total, more, &total);
}

int64_t CeilDiv(int64_t a, int64_t b) noexcept { return a / b + (a % b != 0 ? 1 : 0); }

// Tokens of `base64_bytes` of inline data of type `mime`, at the rates of the header.
int64_t MediaTokens(std::string_view mime, uint64_t base64_bytes) noexcept {
  const int64_t decoded = static_cast<int64_t>(base64_bytes / 4 * 3);
  if (mime.starts_with("image/")) {
    return kImageTokens;
  }
  if (mime.starts_with("audio/")) {
    return CeilDiv(decoded, kAudioBytesPerSecond) * kAudioTokensPerSecond;
  }
  if (mime.starts_with("video/")) {
    return CeilDiv(decoded, kVideoBytesPerSecond) * kVideoTokensPerSecond;
  }
  return TokensFromBytes(static_cast<uint64_t>(decoded));
}

class Reader {
 public:
  explicit Reader(GenerationRequest& out) : out_(out) {}

  // Bytes of the base64 strings counted as media.
  uint64_t media_bytes() const noexcept { return media_bytes_; }

  bool Walk(dom::element value) {
    dom::object object;
    dom::array array;
    std::string_view text;
    if (value.get_object().get(object) == simdjson::SUCCESS) {
      for (const dom::key_value_pair field : object) {
        if (!Field(field.key, field.value)) {
          return false;
        }
      }
    } else if (value.get_array().get(array) == simdjson::SUCCESS) {
      for (const dom::element item : array) {
        if (!Walk(item)) {
          return false;
        }
      }
    } else if (value.get_string().get(text) == simdjson::SUCCESS) {
      return DataUrl(text);
    }
    return true;
  }

 private:
  bool Field(std::string_view key, dom::element value) {
    dom::object object;
    if (value.get_object().get(object) != simdjson::SUCCESS) {
      return Walk(value);
    }
    if (IsGoogleField(key, "inlineData", "inline_data")) {  // Gemini: {"mimeType", "data"}
      return Media(String(object, "mimeType", "mime_type"), String(object, "data", "data"));
    }
    if (key == "input_audio") {  // OpenAI: {"data", "format": "wav" | "mp3"}
      return Media("audio/", String(object, "data", "data"));
    }
    return Walk(value);
  }

  // OpenAI image_url.url: "data:image/png;base64,<data>".
  bool DataUrl(std::string_view text) {
    constexpr std::string_view kBase64 = ";base64,";
    const size_t marker = text.find(kBase64);
    if (!text.starts_with("data:") || marker == std::string_view::npos) {
      return true;
    }
    return Media(text.substr(5, marker - 5), text.substr(marker + kBase64.size()));
  }

  bool Media(std::string_view mime, std::string_view data) {
    out_.has_media = true;
    media_bytes_ += data.size();
    return Add(out_.media_tokens, MediaTokens(mime, data.size()));
  }

  static std::string_view String(dom::object object, std::string_view json_name,
                                 std::string_view proto_name) {
    std::string_view text;
    if (object[json_name].get_string().get(text) == simdjson::SUCCESS ||
        object[proto_name].get_string().get(text) == simdjson::SUCCESS) {
      return text;
    }
    return {};
  }

  GenerationRequest& out_;
  uint64_t media_bytes_ = 0;
};

// A count: a non-negative integer; a number beyond int64 sets `too_large`; anything else
// (negative, fractional, not a number) is nullopt, as if absent: the provider refuses it.
std::optional<int64_t> Count(dom::element value, bool& too_large) {
  int64_t integer = 0;
  uint64_t unsigned_integer = 0;
  double real = 0;
  if (value.get_int64().get(integer) == simdjson::SUCCESS) {
    return integer >= 0 ? std::optional<int64_t>(integer) : std::nullopt;
  }
  if (value.get_uint64().get(unsigned_integer) == simdjson::SUCCESS) {
    too_large = true;
    return std::nullopt;
  }
  if (value.get_double().get(real) == simdjson::SUCCESS && real >= 9.2e18) {
    too_large = true;
  }
  return std::nullopt;
}

std::optional<int64_t> CountAt(dom::object object, std::string_view json_name,
                               std::string_view proto_name, bool& too_large) {
  dom::element value;
  if (object[json_name].get(value) == simdjson::SUCCESS ||
      object[proto_name].get(value) == simdjson::SUCCESS) {
    return Count(value, too_large);
  }
  return std::nullopt;
}

void ReadOutputLimits(dom::object body, GenerationRequest& out) {
  dom::object config;
  if (body["generationConfig"].get_object().get(config) == simdjson::SUCCESS ||
      body["generation_config"].get_object().get(config) == simdjson::SUCCESS) {
    out.max_output_tokens =
        CountAt(config, "maxOutputTokens", "max_output_tokens", out.output_limit_too_large);
    out.candidates =
        CountAt(config, "candidateCount", "candidate_count", out.output_limit_too_large)
            .value_or(1);
    return;
  }
  // OpenAI: max_completion_tokens replaced max_tokens, and wins when both are sent.
  out.max_output_tokens =
      CountAt(body, "max_completion_tokens", "max_completion_tokens", out.output_limit_too_large);
  if (!out.max_output_tokens.has_value()) {
    out.max_output_tokens = CountAt(body, "max_tokens", "max_tokens", out.output_limit_too_large);
  }
  out.candidates = CountAt(body, "n", "n", out.output_limit_too_large).value_or(1);
  std::string_view model;
  if (body["model"].get_string().get(model) == simdjson::SUCCESS) {
    out.model = std::string(model);
  }
}

// A JSON integer literal that does not fit int64 ("18446744073709551616", "1e30" is not one).
bool IntegerBeyondInt64(std::string_view token) noexcept {
  while (!token.empty() && (token.back() == ' ' || token.back() == '\n' || token.back() == '\r' ||
                            token.back() == '\t')) {
    token.remove_suffix(1);
  }
  if (token.empty() || token.find_first_not_of("0123456789") != std::string_view::npos) {
    return false;
  }
  constexpr std::string_view kInt64Max = "9223372036854775807";
  return token.size() > kInt64Max.size() || (token.size() == kInt64Max.size() && token > kInt64Max);
}

// An integer beyond uint64 anywhere fails the whole DOM parse (a number error): on demand reads
// only the output limits, so a body whose limit is such a number is told apart from one that is
// not JSON, or has such a number elsewhere.
bool OutputLimitBeyondUint64(std::string_view body) {
  constexpr std::string_view kLimits[] = {"/generationConfig/maxOutputTokens",
                                          "/generationConfig/candidateCount",
                                          "/generation_config/max_output_tokens",
                                          "/generation_config/candidate_count",
                                          "/max_completion_tokens",
                                          "/max_tokens",
                                          "/n"};
  simdjson::ondemand::parser parser;
  const simdjson::padded_string padded(body);
  simdjson::ondemand::document doc;
  if (parser.iterate(padded).get(doc) != simdjson::SUCCESS) {
    return false;
  }
  for (const std::string_view pointer : kLimits) {
    simdjson::ondemand::value value;
    if (doc.at_pointer(pointer).get(value) == simdjson::SUCCESS &&
        IntegerBeyondInt64(value.raw_json_token())) {
      return true;
    }
  }
  return false;
}

// One parser and padded copy per thread, reused: a new parser allocates its index buffers on
// every call, which cost more than parsing a small request (perf: most of the estimate's
// time). Parses are synchronous and never interleave; what a thread keeps is bounded by the
// largest body read for an estimate (preflight.max_buffered_body_bytes).
struct GenerationRequestParser {
  dom::parser parser;
  std::string padded;  // the body plus SIMDJSON_PADDING readable bytes
};

GenerationRequestParser& ThreadGenerationRequestParser() {
  static thread_local GenerationRequestParser local;
  return local;
}

}  // namespace

bool ReadGenerationRequest(std::string_view body, GenerationRequest& out) {
  out = {};
  GenerationRequestParser& local = ThreadGenerationRequestParser();
  local.padded.assign(body);
  local.padded.append(simdjson::SIMDJSON_PADDING, '\0');
  dom::element root;
  dom::object object;
  if (local.parser.parse(local.padded.data(), body.size(), false).get(root) != simdjson::SUCCESS) {
    out.output_limit_too_large = OutputLimitBeyondUint64(body);
    return false;
  }
  if (root.get_object().get(object) != simdjson::SUCCESS) {
    return false;
  }
  Reader reader(out);
  if (!reader.Walk(root)) {
    return false;
  }
  out.text_bytes = body.size() - reader.media_bytes();
  ReadOutputLimits(object, out);
  if (out.candidates < 1) {
    out.candidates = 1;
  }
  return true;
}

}  // namespace costgate::filters::preflight
