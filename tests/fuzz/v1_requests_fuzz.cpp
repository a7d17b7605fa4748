// libFuzzer target for central's /v1 readers (../shared/V1-API.md): preflight, record, and the
// user and project upserts.
//
// Input: byte 0 picks the reader (mod 4), the rest is the body. Beyond what the sanitizers
// catch, it aborts when a body is accepted whose values break the readers' contract: every
// string text by base/text_rule.h (ids and names at most kMaxIdBytes, email, full name and a
// project's name at most kMaxDisplayBytes), required strings non-empty, units named
// [a-z0-9_]+, >= 0, unique and at most kMaxUnits, latency >= 0; or when a refusal names no
// reason.
#include <simdjson.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <variant>

#include "base/text_rule.h"
#include "central/api/json_read.h"
#include "central/api/v1_requests.h"

namespace {

namespace base = costgate::base;
namespace central = costgate::central;

void Require(bool condition) {
  if (!condition) {
    std::abort();
  }
}

bool IsText(const std::string& text, size_t max_bytes = base::kMaxIdBytes) {
  return base::CheckText(text, max_bytes) == base::TextProblem::kNone;
}

void CheckUnits(const central::EventUnits& units) {
  Require(units.size() <= central::kMaxUnits);
  for (size_t i = 0; i < units.size(); ++i) {
    const std::string& name = units[i].first;
    Require(!name.empty() && name.size() <= base::kMaxIdBytes && units[i].second >= 0);
    for (const char c : name) {
      Require((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
    }
    Require(name != "chars");  // read as "characters"
    for (size_t j = 0; j < i; ++j) {
      Require(units[j].first != name);
    }
  }
}

template <typename T>
const T* Accepted(const std::variant<T, central::FieldError>& read) {
  if (const central::FieldError* error = std::get_if<central::FieldError>(&read)) {
    Require(!error->reason.empty());
    return nullptr;
  }
  return &std::get<T>(read);
}

void Check(const central::PreflightRequest& r) {
  for (const std::string* text : {&r.user, &r.project, &r.job, &r.source_app, &r.model}) {
    Require(IsText(*text));
  }
  Require(!r.source_app.empty() && !r.model.empty());
  CheckUnits(r.units);
}

void Check(const central::RecordRequest& r) {
  for (const std::string* text :
       {&r.request_id, &r.user, &r.project, &r.job, &r.source_app, &r.model, &r.status}) {
    Require(IsText(*text));
  }
  Require(!r.source_app.empty() && !r.model.empty());
  Require(r.latency_ms >= 0);
  CheckUnits(r.units);
}

void Check(const central::UserRecord& u) {
  Require(IsText(u.external_id) && IsText(u.source_app));
  Require(!u.external_id.empty() && !u.source_app.empty());
  Require(IsText(u.email, base::kMaxDisplayBytes) && IsText(u.full_name, base::kMaxDisplayBytes));
}

void Check(const central::ProjectRecord& p) {
  Require(IsText(p.external_id) && IsText(p.source_app) && IsText(p.workspace_id));
  Require(!p.external_id.empty() && !p.source_app.empty());
  Require(IsText(p.name, base::kMaxDisplayBytes));
}

template <typename T>
void Run(std::variant<T, central::FieldError> (*read)(simdjson::dom::element),
         simdjson::dom::element root) {
  const std::variant<T, central::FieldError> result = read(root);
  if (const T* accepted = Accepted(result)) {
    Check(*accepted);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) {
    return 0;
  }
  const std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);
  simdjson::dom::element root;
  if (central::ParseJsonBody(body).get(root) != simdjson::SUCCESS) {
    return 0;
  }
  switch (data[0] % 4) {
    case 0:
      Run(central::ReadPreflight, root);
      break;
    case 1:
      Run(central::ReadRecord, root);
      break;
    case 2:
      Run(central::ReadUserUpsert, root);
      break;
    default:
      Run(central::ReadProjectUpsert, root);
      break;
  }
  return 0;
}
