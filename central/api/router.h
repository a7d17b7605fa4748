// A route table: method + path pattern (path_pattern.h) → the caller's route number.
//
// Lookup answers what HTTP needs: the route, or 405 with the methods the path takes (Allow), or
// 404, or 400 when the route's captures hold a malformed escape. HEAD is served by a GET route
// (the caller answers it without a body) and listed in Allow next to GET.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "central/api/path_pattern.h"

namespace costgate::central {

struct RouterMatch {
  enum class Outcome { kFound, kNotFound, kWrongMethod, kBadEscape };
  Outcome outcome = Outcome::kNotFound;
  size_t route = 0;          // kFound, kBadEscape: the number given to Add
  std::string_view pattern;  // kFound, kWrongMethod, kBadEscape: the path's pattern (a view
                             // into the Router: valid while it lives)
  PathParams params;         // kFound: the decoded captures
  std::string allow;         // kWrongMethod: "GET, HEAD, POST" (sorted, HEAD when GET)
  std::string bad_param;     // kBadEscape: the capture with the malformed escape
};

class Router {
 public:
  // Adds `method` ("GET", "POST", ...) on `pattern` as route number `route`. Routes are tried in
  // the order added: the first whose pattern and method match wins.
  void Add(std::string_view method, std::string_view pattern, size_t route);

  // `path` without its query string.
  RouterMatch Find(std::string_view method, std::string_view path) const;

 private:
  struct Entry {
    std::string method;
    PathPattern pattern;
    size_t route;
  };
  std::vector<Entry> entries_;
};

// The methods of a 405's Allow field, sorted and without repeats, HEAD added where GET is:
// {"POST", "GET"} → "GET, HEAD, POST".
std::string AllowList(std::vector<std::string_view> methods);

}  // namespace costgate::central
