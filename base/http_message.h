// Plain HTTP/1.1 message heads shared by the daemon's parser, the server core and the filters.
//
// No sockets here: filters inspect and edit these values; daemon/http parses and serialises them.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace costgate::base {

// ASCII case-insensitive equality, the comparison HTTP field names need.
bool EqualsIgnoreCase(std::string_view a, std::string_view b) noexcept;

// Ordered header fields; names keep the case they arrived in, lookups ignore case.
class Headers {
 public:
  struct Field {
    std::string name;
    std::string value;
  };

  void Add(std::string name, std::string value) {
    fields_.push_back({std::move(name), std::move(value)});
  }
  // First value of the field, or nullptr.
  const std::string* Find(std::string_view name) const noexcept;
  bool Contains(std::string_view name) const noexcept { return Find(name) != nullptr; }
  // Removes every field with that name; returns how many were removed.
  size_t Remove(std::string_view name);
  // Replaces all fields of that name with one (appended when absent).
  void Set(std::string_view name, std::string value);

  const std::vector<Field>& fields() const noexcept { return fields_; }
  // The last field, for parsers that receive a name or value in pieces. Requires size() > 0.
  Field& back() noexcept { return fields_.back(); }
  // For parsers that normalise values in place after the head is complete.
  std::vector<Field>& mutable_fields() noexcept { return fields_; }
  size_t size() const noexcept { return fields_.size(); }
  void clear() noexcept { fields_.clear(); }

 private:
  std::vector<Field> fields_;
};

struct RequestHead {
  std::string method;     // "POST"
  std::string target;     // origin-form as received: path and query
  int version_minor = 1;  // HTTP/1.x
  Headers headers;

  std::string_view Path() const noexcept;   // target without the query
  std::string_view Query() const noexcept;  // after '?', without it; empty when none
};

struct ResponseHead {
  int status = 0;
  std::string reason;
  int version_minor = 1;
  Headers headers;
};

}  // namespace costgate::base
