// A request's query string as name/value pairs (application/x-www-form-urlencoded).
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace costgate::central {

struct QueryParam {
  std::string name;
  std::string value;
};

class Query {
 public:
  Query() = default;
  explicit Query(std::vector<QueryParam> params) : params_(std::move(params)) {}

  // The first value of `name`; nullptr when the query does not name it.
  const std::string* Find(std::string_view name) const;
  // Every value of `name`, in the order the query gives them ("?model=a&model=b").
  std::vector<std::string_view> All(std::string_view name) const;
  // Every pair, in order, repeated names kept.
  const std::vector<QueryParam>& params() const { return params_; }

 private:
  std::vector<QueryParam> params_;
};

// A name or value with a malformed percent escape: `name` is the parameter's name as decoded
// as far as possible (its raw text when the name itself is malformed).
struct QueryError {
  std::string name;
};

// Parses the text after "?" (without the "?"): pairs split on "&", name and value on the first
// "=", both percent-decoded with "+" as a space. "a" alone is a name with the value ""; empty
// pairs ("a=1&&b=2") are skipped.
std::variant<Query, QueryError> ParseQuery(std::string_view text);

}  // namespace costgate::central
