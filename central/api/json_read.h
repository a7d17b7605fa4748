// Reading request bodies strictly with simdjson's DOM: typed fields, errors that name the JSON
// path of the offending value and say what it must be.
//
// The DOM parses and validates the whole body before anything reads it, so a body that is not
// JSON is refused before any of it is acted on. Every string read passes base/text_rule.h
// (at most base::kMaxIdBytes bytes, or kMaxDisplayBytes for the fields people read, valid UTF-8,
// no control characters): what central stores reads back as it was sent.
#pragma once

#include <simdjson.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/text_rule.h"
#include "central/store/event.h"

namespace costgate::central {

struct FieldError {
  std::string field;   // JSON path relative to the value read: "units.input_tokens"; "" = itself
  std::string reason;  // what it must be: "must be an integer >= 0"
};
using FieldStatus = std::optional<FieldError>;  // nullopt = read

// Parses `body` with this thread's parser. The element (and every string read from it) stays
// valid until the next ParseJsonBody call on this thread.
simdjson::simdjson_result<simdjson::dom::element> ParseJsonBody(std::string_view body);

// "events[3]" + "units.input_tokens" -> "events[3].units.input_tokens"; either may be empty.
std::string JoinPath(std::string_view parent, std::string_view child);
// Puts `error` under `parent`.
FieldError Nest(FieldError error, std::string_view parent);

// Strings of ids, labels and names: at most base::kMaxIdBytes bytes of text.
FieldStatus ReadString(simdjson::dom::element value, std::string& out);
FieldStatus ReadNonEmptyString(simdjson::dom::element value, std::string& out);
// A string, or null for "" (V1 fields that "may be null or absent").
FieldStatus ReadStringOrNull(simdjson::dom::element value, std::string& out);
// ReadStringOrNull for a field people read (email, full name, a project's name): at most
// base::kMaxDisplayBytes bytes of text.
FieldStatus ReadDisplayStringOrNull(simdjson::dom::element value, std::string& out);
FieldStatus ReadBool(simdjson::dom::element value, bool& out);
// An integer in [min, max]; a number with a fraction or an exponent is not an integer.
FieldStatus ReadInt(simdjson::dom::element value, int64_t min, int64_t max, int64_t& out);
FieldStatus ReadUint(simdjson::dom::element value, uint64_t& out);
// An object of at most kMaxUnits unit name ([a-z0-9_]+, at most base::kMaxIdBytes) -> integer
// >= 0; "chars" (the V1 spelling) is read as "characters". Errors name the unit: "input_tokens".
inline constexpr size_t kMaxUnits = 64;
FieldStatus ReadUnits(simdjson::dom::element value, EventUnits& out);

// How one field of an object is read into T.
template <typename T>
struct FieldRule {
  std::string_view name;
  FieldStatus (*read)(simdjson::dom::element value, T& out);
  bool required = false;
};

enum class UnknownFields { kReject, kIgnore };

// Reads an object by its rules. A field named twice, a rule's read failing, an unknown field
// (when rejected) or a required one missing is an error naming that field (the first one met,
// in document order; missing ones after that, in rule order).
template <typename T, size_t N>
FieldStatus ReadObject(simdjson::dom::element value, const std::array<FieldRule<T>, N>& rules,
                       UnknownFields unknown, T& out) {
  static_assert(N <= 64, "the seen-set is one 64-bit word");
  simdjson::dom::object object;
  if (value.get_object().get(object) != simdjson::SUCCESS) {
    return FieldError{"", "must be an object"};
  }
  uint64_t seen = 0;
  for (const auto [key, field] : object) {
    size_t i = 0;
    while (i < N && rules[i].name != key) {
      ++i;
    }
    if (i == N) {
      if (unknown == UnknownFields::kReject) {
        // The name comes from the client: it is bounded before an answer repeats it.
        return FieldError{base::BoundText(key, base::kMaxIdBytes), "unknown field"};
      }
      continue;
    }
    const uint64_t bit = uint64_t{1} << i;
    if ((seen & bit) != 0) {
      return FieldError{std::string(key), "duplicate field"};
    }
    seen |= bit;
    if (FieldStatus error = rules[i].read(field, out)) {
      return Nest(std::move(*error), key);
    }
  }
  for (size_t i = 0; i < N; ++i) {
    if (rules[i].required && (seen & (uint64_t{1} << i)) == 0) {
      return FieldError{std::string(rules[i].name), "required"};
    }
  }
  return std::nullopt;
}

}  // namespace costgate::central
