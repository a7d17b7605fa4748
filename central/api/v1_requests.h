// The request bodies of the /v1 API that existing integrations speak (../shared/V1-API.md).
//
// Fields are typed strictly, but unknown top-level fields are ignored: integrations written
// against the original service may send extras, and must keep working. Preflight and record
// require every field the contract shows except those it lets be null or absent
// (project_external_id, job_external_id; request_id, which clients send null when preflight was
// unreachable). Upserts require external_id and source_app; the rest describes the mirror and
// may be null or absent. Errors name the field ("model", "units.input_tokens"); units spelled
// "chars" are read as "characters". Every string is text by base/text_rule.h: ids, names and
// labels at most base::kMaxIdBytes bytes, email, full_name and a project's name at most
// base::kMaxDisplayBytes.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "central/api/json_read.h"
#include "central/store/event.h"
#include "central/store/store.h"

namespace costgate::central {

// The contract's fields, then the optional ones costgate adds (each may be null or absent: a
// client of the original contract sends none of them).
struct PreflightRequest {
  std::string user;     // user_external_id
  std::string project;  // project_external_id; "" when null or absent
  std::string job;      // job_external_id; "" when null or absent
  std::string source_app;
  std::string model;
  EventUnits units;  // estimated_units
  // costgate's: the hold's id (the proxy sends its event_id; "" = central makes one), labels
  // budgets may be scoped by, and a shorter time to live for the hold (an integer >= 1).
  std::string request_id;
  std::string provider;
  std::string workspace;
  std::string team;
  std::string environment;
  std::optional<int64_t> hold_ms;
};

struct RecordRequest {
  std::string request_id;  // the preflight's; "" when empty, null or absent
  std::string user;
  std::string project;
  std::string job;
  std::string source_app;
  std::string model;
  EventUnits units;
  int64_t latency_ms = 0;  // a number >= 0; a fraction of a millisecond is dropped
  std::string status;      // as given ("success", ...)
};

std::variant<PreflightRequest, FieldError> ReadPreflight(simdjson::dom::element body);
std::variant<RecordRequest, FieldError> ReadRecord(simdjson::dom::element body);
std::variant<UserRecord, FieldError> ReadUserUpsert(simdjson::dom::element body);
std::variant<ProjectRecord, FieldError> ReadProjectUpsert(simdjson::dom::element body);

}  // namespace costgate::central
