#include "filters/attribute/attribute_filter.h"

#include <string>
#include <string_view>

#include "base/text_rule.h"
#include "filters/local_reply.h"

namespace costgate::filters {
namespace {

constexpr std::string_view kOwnHeaderPrefix = "x-costgate-";

struct LabelHeader {
  std::string_view name;
  std::string Labels::*label;
};

constexpr LabelHeader kLabelHeaders[] = {
    {"x-costgate-user", &Labels::user},
    {"x-costgate-project", &Labels::project},
    {"x-costgate-job", &Labels::job},
    {"x-costgate-feature", &Labels::feature},
};

bool IsOwnHeader(std::string_view name) noexcept {
  return name.size() >= kOwnHeaderPrefix.size() &&
         EqualsIgnoreCase(name.substr(0, kOwnHeaderPrefix.size()), kOwnHeaderPrefix);
}

void RemoveOwnHeaders(Headers& headers) {
  // Remove() takes a name, and a client may send several spellings of several x-costgate-*
  // fields; each pass removes every spelling of one name.
  while (true) {
    const Headers::Field* own = nullptr;
    for (const auto& field : headers.fields()) {
      if (IsOwnHeader(field.name)) {
        own = &field;
        break;
      }
    }
    if (own == nullptr) {
      return;
    }
    const std::string name = own->name;
    headers.Remove(name);
  }
}

}  // namespace

Task<Next> AttributeFilter::OnRequest(Exchange& x) {
  x.labels.source_app = defaults_.source_app;
  x.labels.workspace = defaults_.workspace;
  x.labels.team = defaults_.team;
  x.labels.project = defaults_.project;
  x.labels.environment = defaults_.environment;
  x.labels.pod = defaults_.pod;
  for (const LabelHeader& header : kLabelHeaders) {
    const std::string* value = x.request.headers.Find(header.name);
    if (value == nullptr || value->empty()) {
      continue;
    }
    // Labels end up in logs, metrics and central's store keys: control bytes there would let
    // a caller forge log lines or split keys, and unbounded values would bloat every receipt.
    if (const base::TextProblem problem = base::CheckText(*value, base::kMaxIdBytes);
        problem != base::TextProblem::kNone) {
      SetErrorReply(x, 400, "bad_label",
                    "costgate: header " + std::string(header.name) + " " +
                        base::TextProblemReason(problem, base::kMaxIdBytes));
      return Next::kAnswered;
    }
    x.labels.*header.label = *value;
  }
  RemoveOwnHeaders(x.request.headers);
  return Next::kContinue;
}

}  // namespace costgate::filters
