#include "central/api/router.h"

#include <algorithm>

namespace costgate::central {

void Router::Add(std::string_view method, std::string_view pattern, size_t route) {
  entries_.push_back({std::string(method), PathPattern(pattern), route});
}

RouterMatch Router::Find(std::string_view method, std::string_view path) const {
  RouterMatch match;
  std::vector<std::string_view> methods;
  // RFC 9110 9.3.2: HEAD is GET without the content.
  const std::string_view wanted = method == "HEAD" ? std::string_view("GET") : method;
  for (const Entry& entry : entries_) {
    if (!entry.pattern.Matches(path)) {
      continue;
    }
    if (entry.method != wanted) {
      if (methods.empty()) {
        match.pattern = entry.pattern.text();
      }
      methods.push_back(entry.method);
      continue;
    }
    match.route = entry.route;
    match.pattern = entry.pattern.text();
    match.outcome = entry.pattern.Capture(path, match.params, match.bad_param)
                        ? RouterMatch::Outcome::kFound
                        : RouterMatch::Outcome::kBadEscape;
    return match;
  }
  if (!methods.empty()) {
    match.outcome = RouterMatch::Outcome::kWrongMethod;
    match.allow = AllowList(std::move(methods));
  }
  return match;
}

std::string AllowList(std::vector<std::string_view> methods) {
  if (std::find(methods.begin(), methods.end(), "GET") != methods.end()) {
    methods.push_back("HEAD");
  }
  std::sort(methods.begin(), methods.end());
  methods.erase(std::unique(methods.begin(), methods.end()), methods.end());
  std::string allow;
  for (std::string_view method : methods) {
    if (!allow.empty()) {
      allow.append(", ");
    }
    allow.append(method);
  }
  return allow;
}

}  // namespace costgate::central
