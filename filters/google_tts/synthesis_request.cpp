#include "filters/google_tts/synthesis_request.h"

#include <simdjson.h>

#include <utility>

#include "filters/google_field_name.h"
#include "filters/utf8.h"

namespace costgate::filters::google_tts {
namespace ondemand = simdjson::ondemand;
namespace {

// One simdjson parser per thread, shared by every meter on that thread: a parser allocates its
// index buffers on first use. Parses are synchronous, so two meters never interleave inside
// one; its capacity is bounded by the meter's capture limit.
struct ThreadParser {
  ondemand::parser parser;
  std::string padded;  // the value being parsed plus SIMDJSON_PADDING readable bytes
};

simdjson::simdjson_result<ondemand::document> Iterate(std::string_view raw) {
  static thread_local ThreadParser local;
  local.padded.assign(raw);
  local.padded.append(simdjson::SIMDJSON_PADDING, '\0');
  return local.parser.iterate(
      simdjson::padded_string_view(local.padded.data(), raw.size(), local.padded.size()));
}

bool IsNull(ondemand::value& value) noexcept {
  ondemand::json_type type;
  return value.type().get(type) == simdjson::SUCCESS && type == ondemand::json_type::null;
}

// Calls `on_field(key, value)` for each member of `object`; false when a member is unreadable
// or `on_field` says so.
template <typename OnField>
bool ForEachField(ondemand::object& object, OnField&& on_field) noexcept {
  for (auto member : object) {
    ondemand::field field;
    std::string_view key;
    if (std::move(member).get(field) != simdjson::SUCCESS ||
        field.unescaped_key().get(key) != simdjson::SUCCESS) {
      return false;
    }
    if (!on_field(key, field.value())) {
      return false;
    }
  }
  return true;
}

// Calls `on_field(key, value)` for each member of the JSON object `raw`; false when `raw` is not
// an object, a member is unreadable, or `on_field` says so.
template <typename OnField>
bool ForEachFieldOf(std::string_view raw, OnField&& on_field) noexcept {
  ondemand::document doc;
  ondemand::object object;
  if (Iterate(raw).get(doc) != simdjson::SUCCESS ||
      doc.get_object().get(object) != simdjson::SUCCESS) {
    return false;
  }
  return ForEachField(object, on_field);
}

// A value that may be null (null reads as absent, true) or must be a T (std::string_view,
// ondemand::object, ondemand::array): `read(T&)` says whether it was read; another type is false.
template <typename T, typename Read>
bool ReadNullable(ondemand::value& value, Read&& read) noexcept {
  if (IsNull(value)) {
    return true;
  }
  T typed;
  if (value.get(typed) != simdjson::SUCCESS) {
    return false;
  }
  return read(typed);
}

// Adds the code points of a string value to `total`; null adds nothing.
bool AddText(ondemand::value& value, int64_t& total) noexcept {
  return ReadNullable<std::string_view>(value, [&](std::string_view text) {
    total += CountCodePoints(text);
    return true;
  });
}

// multiSpeakerMarkup.turns: [{"speaker": "R", "text": "..."}, ...]; speakers are not spoken
// and not billed.
bool AddTurnTexts(ondemand::array& turns, int64_t& total) noexcept {
  for (auto item : turns) {
    ondemand::object turn;
    if (item.get_object().get(turn) != simdjson::SUCCESS) {
      return false;
    }
    const bool read = ForEachField(turn, [&](std::string_view key, ondemand::value& text) {
      return key != "text" || AddText(text, total);
    });
    if (!read) {
      return false;
    }
  }
  return true;
}

// multiSpeakerMarkup: {"turns": [...]}.
bool AddTurns(ondemand::value& value, int64_t& total) noexcept {
  const auto add_texts = [&](ondemand::array& turns) { return AddTurnTexts(turns, total); };
  return ReadNullable<ondemand::object>(value, [&](ondemand::object& markup) {
    return ForEachField(markup, [&](std::string_view key, ondemand::value& turns) {
      return key != "turns" || ReadNullable<ondemand::array>(turns, add_texts);
    });
  });
}

bool ReadString(ondemand::value& value, std::string& out) {
  std::string_view text;
  if (value.get_string().get(text) == simdjson::SUCCESS) {
    out.assign(text);
  }
  return true;  // a non-string is ignored, not an error: it does not change the bill
}

}  // namespace

bool ReadSynthesisInput(std::string_view raw, SynthesisInput& out) noexcept {
  out = {};
  return ForEachFieldOf(raw, [&](std::string_view key, ondemand::value& value) {
    if (key == "text" || key == "ssml" || key == "markup") {
      return AddText(value, out.characters);
    }
    if (IsGoogleField(key, "multiSpeakerMarkup", "multi_speaker_markup")) {
      return AddTurns(value, out.characters);
    }
    if (key == "prompt") {
      return AddText(value, out.prompt_characters);
    }
    return true;
  });
}

bool ReadSynthesisVoice(std::string_view raw, SynthesisVoice& out) noexcept {
  out = {};
  return ForEachFieldOf(raw, [&](std::string_view key, ondemand::value& value) {
    if (key == "name") {
      return ReadString(value, out.name);
    }
    if (IsGoogleField(key, "modelName", "model_name")) {
      return ReadString(value, out.model_name);
    }
    if (IsGoogleField(key, "voiceClone", "voice_clone")) {
      out.voice_clone = !IsNull(value);
    } else if (IsGoogleField(key, "customVoice", "custom_voice")) {
      out.custom_voice = !IsNull(value);
    }
    return true;
  });
}

}  // namespace costgate::filters::google_tts
