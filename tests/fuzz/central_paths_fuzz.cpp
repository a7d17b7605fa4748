// libFuzzer target for what central reads from a request target before any handler: the query
// string (central/api/query.h), percent decoding (percent.h), the route table (routes.h) and a
// static file's path (static_names.h).
//
// Input: the request target (path and query). Beyond what the sanitizers catch, it aborts when
//  - a query that parses holds a name or value that is not its raw text decoded (the pairs,
//    re-split from the raw text and decoded, must be the parsed pairs, empty pairs skipped);
//  - decoding with "+" kept accepts text that decoding with "+" as a space refuses, or
//    differs from it anywhere but where the raw text has a "+";
//  - a static path is accepted that holds "..", "." or an empty segment, a NUL, a backslash, or
//    a segment starting with ".", or that starts with "/";
//  - the route table names a route for a method other than the one asked (HEAD for GET aside),
//    or refuses a method without saying which methods the path takes.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "central/api/percent.h"
#include "central/api/query.h"
#include "central/api/routes.h"
#include "central/api/static_names.h"

namespace {

namespace central = costgate::central;

void Require(bool condition) {
  if (!condition) {
    std::abort();
  }
}

std::vector<std::string_view> Split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    const size_t end = text.find(separator, start);
    parts.push_back(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) {
      return parts;
    }
    start = end + 1;
  }
}

void CheckQuery(std::string_view raw) {
  const std::variant<central::Query, central::QueryError> parsed = central::ParseQuery(raw);
  const auto* query = std::get_if<central::Query>(&parsed);
  if (query == nullptr) {
    return;
  }
  std::vector<central::QueryParam> expected;
  for (std::string_view pair : Split(raw, '&')) {
    if (pair.empty()) {
      continue;
    }
    const size_t eq = pair.find('=');
    const auto name = central::PercentDecode(pair.substr(0, eq), central::PlusIs::kSpace);
    const auto value = eq == std::string_view::npos
                           ? std::optional<std::string>("")
                           : central::PercentDecode(pair.substr(eq + 1), central::PlusIs::kSpace);
    Require(name.has_value() && value.has_value());
    expected.push_back({*name, *value});
  }
  const std::vector<central::QueryParam>& got = query->params();
  Require(got.size() == expected.size());
  for (size_t i = 0; i < got.size(); ++i) {
    Require(got[i].name == expected[i].name && got[i].value == expected[i].value);
  }
}

void CheckDecoding(std::string_view raw) {
  const auto kept = central::PercentDecode(raw, central::PlusIs::kPlus);
  const auto spaced = central::PercentDecode(raw, central::PlusIs::kSpace);
  Require(kept.has_value() == spaced.has_value());
  if (!kept) {
    return;
  }
  Require(kept->size() == spaced->size());
  for (size_t i = 0; i < kept->size(); ++i) {
    Require((*kept)[i] == (*spaced)[i] || ((*kept)[i] == '+' && (*spaced)[i] == ' '));
  }
}

void CheckStaticPath(std::string_view path) {
  const std::variant<std::string, central::PathRefusal> relative =
      central::StaticRelativePath(path);
  const auto* accepted = std::get_if<std::string>(&relative);
  if (accepted == nullptr) {
    return;
  }
  Require(accepted->empty() || accepted->front() != '/');
  Require(accepted->find('\0') == std::string::npos);
  Require(accepted->find('\\') == std::string::npos);
  if (accepted->empty()) {
    return;
  }
  for (std::string_view segment : Split(*accepted, '/')) {
    Require(!segment.empty() && segment != "." && segment != "..");
    Require(segment.front() != '.');
  }
}

void CheckRoute(std::string_view method, std::string_view target) {
  const central::RouteLookup found = central::FindRoute(method, target);
  switch (found.outcome) {
    case central::RouteLookup::Outcome::kFound:
      Require(found.spec != nullptr);
      Require(found.spec->method == method || (method == "HEAD" && found.spec->method == "GET"));
      break;
    case central::RouteLookup::Outcome::kWrongMethod:
      Require(!found.allow.empty());
      break;
    default:
      break;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view target(reinterpret_cast<const char*>(data), size);
  const size_t mark = target.find('?');
  const std::string_view path = target.substr(0, mark);
  if (mark != std::string_view::npos) {
    CheckQuery(target.substr(mark + 1));
  }
  CheckDecoding(target);
  CheckStaticPath(path);
  for (std::string_view method : {"GET", "HEAD", "POST", "DELETE"}) {
    CheckRoute(method, target);
  }
  return 0;
}
