#include "central/api/json_read.h"

#include <limits>

#include "pricing/units.h"

namespace costgate::central {
namespace dom = simdjson::dom;
namespace {

bool IsUnitName(std::string_view name) {
  if (name.empty()) {
    return false;
  }
  for (const char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
      return false;
    }
  }
  return true;
}

std::string IntReason(int64_t min) { return "must be an integer >= " + std::to_string(min); }

FieldStatus CheckText(std::string_view text, size_t max_bytes) {
  if (const base::TextProblem problem = base::CheckText(text, max_bytes);
      problem != base::TextProblem::kNone) {
    return FieldError{"", base::TextProblemReason(problem, max_bytes)};
  }
  return std::nullopt;
}

FieldStatus ReadTextOrNull(dom::element value, size_t max_bytes, std::string& out) {
  if (value.is_null()) {
    out.clear();
    return std::nullopt;
  }
  std::string_view text;
  if (value.get_string().get(text) != simdjson::SUCCESS) {
    return FieldError{"", "must be a string or null"};
  }
  if (FieldStatus error = CheckText(text, max_bytes)) {
    return error;
  }
  out.assign(text);
  return std::nullopt;
}

}  // namespace

simdjson::simdjson_result<dom::element> ParseJsonBody(std::string_view body) {
  // One parser per thread keeps its buffers between requests; parse() copies the body into
  // the parser's padded buffer, so the caller's bytes need no SIMDJSON_PADDING.
  thread_local dom::parser parser;
  return parser.parse(body.data(), body.size());
}

std::string JoinPath(std::string_view parent, std::string_view child) {
  std::string path(parent);
  if (!parent.empty() && !child.empty() && child.front() != '[') {
    path.push_back('.');
  }
  path.append(child);
  return path;
}

FieldError Nest(FieldError error, std::string_view parent) {
  error.field = JoinPath(parent, error.field);
  return error;
}

FieldStatus ReadString(dom::element value, std::string& out) {
  std::string_view text;
  if (value.get_string().get(text) != simdjson::SUCCESS) {
    return FieldError{"", "must be a string"};
  }
  if (FieldStatus error = CheckText(text, base::kMaxIdBytes)) {
    return error;
  }
  out.assign(text);
  return std::nullopt;
}

FieldStatus ReadNonEmptyString(dom::element value, std::string& out) {
  std::string_view text;
  if (value.get_string().get(text) != simdjson::SUCCESS || text.empty()) {
    return FieldError{"", "must be a non-empty string"};
  }
  if (FieldStatus error = CheckText(text, base::kMaxIdBytes)) {
    return error;
  }
  out.assign(text);
  return std::nullopt;
}

FieldStatus ReadStringOrNull(dom::element value, std::string& out) {
  return ReadTextOrNull(value, base::kMaxIdBytes, out);
}

FieldStatus ReadDisplayStringOrNull(dom::element value, std::string& out) {
  return ReadTextOrNull(value, base::kMaxDisplayBytes, out);
}

FieldStatus ReadBool(dom::element value, bool& out) {
  if (value.get_bool().get(out) != simdjson::SUCCESS) {
    return FieldError{"", "must be true or false"};
  }
  return std::nullopt;
}

FieldStatus ReadInt(dom::element value, int64_t min, int64_t max, int64_t& out) {
  // get_int64 also accepts a uint64 that fits; a double (fraction or exponent) never converts.
  int64_t number = 0;
  if (!value.is_int64() && !value.is_uint64()) {
    return FieldError{"", IntReason(min)};
  }
  if (value.get_int64().get(number) != simdjson::SUCCESS || number < min) {
    return FieldError{"", IntReason(min)};
  }
  if (number > max) {
    return FieldError{"", "must be an integer <= " + std::to_string(max)};
  }
  out = number;
  return std::nullopt;
}

FieldStatus ReadUint(dom::element value, uint64_t& out) {
  if (!value.is_int64() && !value.is_uint64()) {
    return FieldError{"", IntReason(0)};
  }
  if (value.get_uint64().get(out) != simdjson::SUCCESS) {
    return FieldError{"", IntReason(0)};
  }
  return std::nullopt;
}

FieldStatus ReadUnits(dom::element value, EventUnits& out) {
  dom::object object;
  if (value.get_object().get(object) != simdjson::SUCCESS) {
    return FieldError{"", "must be an object of unit name -> integer"};
  }
  // A bound on the count keeps the duplicate check (and pricing's lookups) linear in practice:
  // the unit vocabulary (pricing/units.h) has a couple of dozen names.
  if (object.size() > kMaxUnits) {
    return FieldError{"", "must hold at most " + std::to_string(kMaxUnits) + " units"};
  }
  out.clear();
  for (const auto [key, count] : object) {
    if (!IsUnitName(key) || key.size() > base::kMaxIdBytes) {
      return FieldError{
          base::BoundText(key, base::kMaxIdBytes),
          "unit names are [a-z0-9_]+, at most " + std::to_string(base::kMaxIdBytes) + " bytes"};
    }
    const std::string_view name = key == "chars" ? pricing::kUnitCharacters : key;
    int64_t number = 0;
    if (FieldStatus error = ReadInt(count, 0, std::numeric_limits<int64_t>::max(), number)) {
      return Nest(std::move(*error), key);
    }
    for (const auto& [existing, ignored] : out) {
      if (existing == name) {
        return FieldError{std::string(key), "duplicate unit"};
      }
    }
    out.emplace_back(name, number);
  }
  return std::nullopt;
}

}  // namespace costgate::central
