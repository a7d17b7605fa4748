// A route's path pattern: "/admin/v1/budgets/{id}", "/files/{rest...}".
//
// Segments are split on "/". A literal segment matches the same raw text (no decoding: "%76"
// is not "v"); "{name}" captures one non-empty segment; a last "{name...}" captures the rest of
// the path, "/" included, possibly empty. Captured values are percent-decoded ("+" stays "+":
// only query values are form-encoded), so a value may hold any byte, "/" and NUL included:
// its user checks what it accepts.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace costgate::central {

struct PathParam {
  std::string name;
  std::string value;
};

class PathParams {
 public:
  // The decoded value captured as `name`; nullptr when the pattern has no such capture.
  const std::string* Find(std::string_view name) const;
  void Add(std::string name, std::string value) {
    params_.push_back({std::move(name), std::move(value)});
  }
  const std::vector<PathParam>& all() const { return params_; }

 private:
  std::vector<PathParam> params_;
};

class PathPattern {
 public:
  // Throws std::invalid_argument for a malformed pattern (not starting with "/", an unclosed or
  // empty "{}", a "{name...}" that is not last, text around a capture in one segment): route
  // tables are written in code, so this is a programming error found by the first test.
  explicit PathPattern(std::string_view pattern);

  // True when `path` (no query string) has this pattern's shape; captures are not decoded yet.
  bool Matches(std::string_view path) const;

  // The captures of a `path` that Matches, decoded. Returns false and names the capture in
  // `bad` when one holds a malformed percent escape.
  bool Capture(std::string_view path, PathParams& params, std::string& bad) const;

  std::string_view text() const { return text_; }

 private:
  struct Segment {
    enum class Kind { kLiteral, kCapture, kRest } kind;
    std::string text;  // the literal, or the capture's name
  };

  // Walks `path` against the segments; calls `capture(name, raw)` for each capture; false when
  // the shape does not match or `capture` returns false.
  template <typename OnCapture>
  bool Walk(std::string_view path, OnCapture&& capture) const;

  std::string text_;
  std::vector<Segment> segments_;
};

}  // namespace costgate::central
