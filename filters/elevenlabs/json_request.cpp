#include "filters/elevenlabs/json_request.h"

#include <simdjson.h>

#include <array>

#include "filters/utf8.h"

namespace costgate::filters::elevenlabs {
namespace {

constexpr std::array<std::string_view, 4> kRequestTextKeys = {"text", "inputs", "model_id",
                                                              "duration_seconds"};
enum : size_t { kText, kInputs, kModelId, kDurationSeconds };

// One captured value as a DOM element; false when it does not parse.
bool Parse(simdjson::dom::parser& parser, std::string_view raw, simdjson::dom::element& out) {
  if (raw.empty()) {
    return false;
  }
  const simdjson::padded_string padded(raw);
  // The element points into the parser, which outlives every use below.
  return parser.parse(padded).get(out) == simdjson::SUCCESS;
}

std::optional<int64_t> TextCharacters(simdjson::dom::parser& parser, std::string_view raw) {
  simdjson::dom::element value;
  std::string_view text;
  if (!Parse(parser, raw, value) || value.get_string().get(text) != simdjson::SUCCESS) {
    return std::nullopt;
  }
  return CountCodePoints(text);
}

// Dialogue: every input's text is spoken and billed.
std::optional<int64_t> InputsCharacters(simdjson::dom::parser& parser, std::string_view raw) {
  simdjson::dom::element value;
  simdjson::dom::array inputs;
  if (!Parse(parser, raw, value) || value.get_array().get(inputs) != simdjson::SUCCESS) {
    return std::nullopt;
  }
  int64_t characters = 0;
  for (const simdjson::dom::element input : inputs) {
    std::string_view text;
    if (input["text"].get_string().get(text) == simdjson::SUCCESS) {
      characters += CountCodePoints(text);
    }
  }
  return characters;
}

}  // namespace

JsonRequestReader::JsonRequestReader()
    : extractor_(stream::JsonFraming::kValues, kRequestTextKeys, kMaxCaptureBytes, *this) {}

void JsonRequestReader::OnUnit(std::span<const stream::JsonCapture> captures) noexcept {
  try {
    simdjson::dom::parser parser;
    request_ = {};
    if (!captures[kText].raw.empty()) {
      request_.characters = TextCharacters(parser, captures[kText].raw);
    } else if (!captures[kInputs].raw.empty()) {
      request_.characters = InputsCharacters(parser, captures[kInputs].raw);
    }
    simdjson::dom::element value;
    std::string_view model_id;
    if (Parse(parser, captures[kModelId].raw, value) &&
        value.get_string().get(model_id) == simdjson::SUCCESS) {
      request_.model_id = std::string(model_id);
    }
    double seconds = 0;
    if (Parse(parser, captures[kDurationSeconds].raw, value) &&
        value.get_double().get(seconds) == simdjson::SUCCESS) {
      request_.duration_seconds = seconds;
    }
  } catch (...) {
    request_ = {};  // no memory to parse: the request is as good as unread
  }
}

}  // namespace costgate::filters::elevenlabs
