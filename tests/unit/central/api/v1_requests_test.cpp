#include "central/api/v1_requests.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace costgate::central {
namespace {

constexpr std::string_view kSmokeRecord =
    R"({"request_id":"","user_external_id":"test-user","source_app":"my-project",
        "model":"gemini-2.5-pro-preview","units":{"input_tokens":987,"output_tokens":180},
        "latency_ms":1200,"status":"success"})";

template <typename T>
std::variant<T, FieldError> ReadWith(std::variant<T, FieldError> (*read)(simdjson::dom::element),
                                     std::string_view json) {
  simdjson::dom::parser parser;
  return read(parser.parse(json.data(), json.size()).value());
}

TEST(ReadRecord, ReadsTheSmokeTestBody) {
  const RecordRequest r = std::get<RecordRequest>(ReadWith(ReadRecord, kSmokeRecord));
  EXPECT_EQ(r.request_id, "");
  EXPECT_EQ(r.user, "test-user");
  EXPECT_EQ(r.source_app, "my-project");
  EXPECT_EQ(r.model, "gemini-2.5-pro-preview");
  EXPECT_EQ(r.units, (EventUnits{{"input_tokens", 987}, {"output_tokens", 180}}));
  EXPECT_EQ(r.latency_ms, 1200);
  EXPECT_EQ(r.status, "success");
  EXPECT_EQ(r.project, "");
}

TEST(ReadRecord, AcceptsNullProjectJobAndRequestId) {
  const RecordRequest r = std::get<RecordRequest>(
      ReadWith(ReadRecord, R"({"request_id":null,"user_external_id":"u","project_external_id":null,
                     "job_external_id":null,"source_app":"a","model":"m","units":{},
                     "latency_ms":0,"status":"success"})"));
  EXPECT_EQ(r.request_id, "");
  EXPECT_EQ(r.project, "");
  EXPECT_EQ(r.job, "");
}

TEST(ReadRecord, IgnoresUnknownTopLevelFields) {
  const RecordRequest r = std::get<RecordRequest>(ReadWith(
      ReadRecord, R"({"user_external_id":"u","source_app":"a","model":"m","units":{"chars":5},
                     "latency_ms":3,"status":"error","sdk_version":"1.2","extra":{"x":[1]}})"));
  EXPECT_EQ(r.units, (EventUnits{{"characters", 5}}));
  EXPECT_EQ(r.status, "error");
}

TEST(ReadRecord, KeepsWholeMillisecondsOfAFractionalLatency) {
  const RecordRequest r = std::get<RecordRequest>(
      ReadWith(ReadRecord, R"({"user_external_id":"u","source_app":"a","model":"m","units":{},
                     "latency_ms":1200.7,"status":"success"})"));
  EXPECT_EQ(r.latency_ms, 1200);
}

TEST(ReadRecord, RejectsANegativeLatency) {
  const FieldError e = std::get<FieldError>(
      ReadWith(ReadRecord, R"({"user_external_id":"u","source_app":"a","model":"m","units":{},
                     "latency_ms":-1,"status":"success"})"));
  EXPECT_EQ(e.field, "latency_ms");
}

TEST(ReadRecord, RejectsAMissingModel) {
  const FieldError e = std::get<FieldError>(
      ReadWith(ReadRecord, R"({"user_external_id":"u","source_app":"a","units":{},"latency_ms":1,
                     "status":"success"})"));
  EXPECT_EQ(e.field, "model");
  EXPECT_EQ(e.reason, "required");
}

TEST(ReadRecord, RejectsAStatusThatIsNotAString) {
  const FieldError e = std::get<FieldError>(
      ReadWith(ReadRecord, R"({"user_external_id":"u","source_app":"a","model":"m","units":{},
                     "latency_ms":1,"status":200})"));
  EXPECT_EQ(e.field, "status");
  EXPECT_EQ(e.reason, "must be a string");
}

TEST(ReadRecord, RejectsAnEmptySourceApp) {
  const FieldError e = std::get<FieldError>(
      ReadWith(ReadRecord, R"({"user_external_id":"u","source_app":"","model":"m","units":{},
                     "latency_ms":1,"status":"success"})"));
  EXPECT_EQ(e.field, "source_app");
  EXPECT_EQ(e.reason, "must be a non-empty string");
}

TEST(ReadRecord, RejectsABodyThatIsNotAnObject) {
  const FieldError e = std::get<FieldError>(ReadWith(ReadRecord, "[]"));
  EXPECT_EQ(e.field, "");
  EXPECT_EQ(e.reason, "must be an object");
}

TEST(ReadPreflight, ReadsCharsEstimatesAsCharacters) {
  const PreflightRequest r = std::get<PreflightRequest>(
      ReadWith(ReadPreflight, R"({"user_external_id":"u-42","project_external_id":"p-7",
                        "job_external_id":"job-123","source_app":"video-accessibility",
                        "model":"eleven_multilingual_v2","estimated_units":{"chars":1234}})"));
  EXPECT_EQ(r.project, "p-7");
  EXPECT_EQ(r.job, "job-123");
  EXPECT_EQ(r.units, (EventUnits{{"characters", 1234}}));
}

TEST(ReadPreflight, RejectsNonIntegerEstimatedUnitsNamingTheUnit) {
  const FieldError e = std::get<FieldError>(
      ReadWith(ReadPreflight, R"({"user_external_id":"u","source_app":"a","model":"m",
                        "estimated_units":{"input_tokens":"1000"}})"));
  EXPECT_EQ(e.field, "estimated_units.input_tokens");
  EXPECT_EQ(e.reason, "must be an integer >= 0");
}

TEST(ReadUserUpsert, ReadsTheDocumentedBody) {
  const UserRecord u = std::get<UserRecord>(
      ReadWith(ReadUserUpsert, R"({"external_id": "42", "source_app": "video-accessibility",
                                  "email": "a@b.c", "full_name": "A B"})"));
  EXPECT_EQ(u.external_id, "42");
  EXPECT_EQ(u.source_app, "video-accessibility");
  EXPECT_EQ(u.email, "a@b.c");
  EXPECT_EQ(u.full_name, "A B");
}

TEST(ReadUserUpsert, RejectsANumericExternalId) {
  const FieldError e =
      std::get<FieldError>(ReadWith(ReadUserUpsert, R"({"external_id": 42, "source_app": "a"})"));
  EXPECT_EQ(e.field, "external_id");
}

TEST(ReadProjectUpsert, ReadsTheDocumentedBody) {
  const ProjectRecord p = std::get<ProjectRecord>(
      ReadWith(ReadProjectUpsert, R"({"external_id": "7", "source_app": "video-accessibility",
                                     "name": "Ford Q3 Campaign", "workspace_id": "ford"})"));
  EXPECT_EQ(p.external_id, "7");
  EXPECT_EQ(p.name, "Ford Q3 Campaign");
  EXPECT_EQ(p.workspace_id, "ford");
}

// Every string field of every /v1 body: ids, names and labels are text of at most 256 bytes,
// the fields people read (email, full_name, a project's name) of at most 1024; neither holds a
// control character (a NUL stored as given read back cut short).
constexpr std::string_view kPreflightWith =
    R"({"user_external_id":"u","project_external_id":"p","job_external_id":"j",)"
    R"("source_app":"a","model":"m","estimated_units":{"input_tokens":1},FIELD:VALUE})";
constexpr std::string_view kRecordWith =
    R"({"request_id":"r","user_external_id":"u","project_external_id":"p","job_external_id":"j",)"
    R"("source_app":"a","model":"m","units":{"input_tokens":1},"latency_ms":1,"status":"s",)"
    R"(FIELD:VALUE})";
constexpr std::string_view kUserWith =
    R"({"external_id":"u","source_app":"a","email":"e","full_name":"f",FIELD:VALUE})";
constexpr std::string_view kProjectWith =
    R"({"external_id":"p","source_app":"a","name":"n","workspace_id":"w",FIELD:VALUE})";

enum class V1Body { kPreflight, kRecord, kUser, kProject };

struct V1Field {
  V1Body body;
  std::string_view name;
  size_t limit;
};

constexpr V1Field kV1StringFields[] = {
    {V1Body::kPreflight, "user_external_id", 256},
    {V1Body::kPreflight, "project_external_id", 256},
    {V1Body::kPreflight, "job_external_id", 256},
    {V1Body::kPreflight, "source_app", 256},
    {V1Body::kPreflight, "model", 256},
    {V1Body::kRecord, "request_id", 256},
    {V1Body::kRecord, "user_external_id", 256},
    {V1Body::kRecord, "project_external_id", 256},
    {V1Body::kRecord, "job_external_id", 256},
    {V1Body::kRecord, "source_app", 256},
    {V1Body::kRecord, "model", 256},
    {V1Body::kRecord, "status", 256},
    {V1Body::kUser, "external_id", 256},
    {V1Body::kUser, "source_app", 256},
    {V1Body::kUser, "email", 1024},
    {V1Body::kUser, "full_name", 1024},
    {V1Body::kProject, "external_id", 256},
    {V1Body::kProject, "source_app", 256},
    {V1Body::kProject, "name", 1024},
    {V1Body::kProject, "workspace_id", 256},
};

// The reader's error for `field` set to `json_value`, or nullopt when the body is read. The
// field is named twice in the body (once by the template, once last): the template's copy is
// removed first.
std::optional<FieldError> ReadV1Field(const V1Field& field, std::string_view json_value) {
  std::string_view with;
  switch (field.body) {
    case V1Body::kPreflight:
      with = kPreflightWith;
      break;
    case V1Body::kRecord:
      with = kRecordWith;
      break;
    case V1Body::kUser:
      with = kUserWith;
      break;
    case V1Body::kProject:
      with = kProjectWith;
      break;
  }
  std::string body(with);
  const std::string quoted = "\"" + std::string(field.name) + "\":";
  const size_t at = body.find(quoted);
  if (at != std::string::npos) {
    const size_t end = body.find(',', at);
    body.erase(at, end + 1 - at);
  }
  body.replace(body.find("FIELD"), 5, "\"" + std::string(field.name) + "\"");
  body.replace(body.find("VALUE"), 5, json_value);
  const auto error_of = [](auto read) -> std::optional<FieldError> {
    if (const FieldError* error = std::get_if<FieldError>(&read)) {
      return *error;
    }
    return std::nullopt;
  };
  switch (field.body) {
    case V1Body::kPreflight:
      return error_of(ReadWith(ReadPreflight, body));
    case V1Body::kRecord:
      return error_of(ReadWith(ReadRecord, body));
    case V1Body::kUser:
      return error_of(ReadWith(ReadUserUpsert, body));
    case V1Body::kProject:
      return error_of(ReadWith(ReadProjectUpsert, body));
  }
  return std::nullopt;
}

TEST(ReadV1Bodies, EveryStringFieldRefusesTextBreakingTheRule) {
  for (const V1Field& field : kV1StringFields) {
    const std::string too_long = "\"" + std::string(field.limit + 1, 'a') + "\"";
    const std::pair<std::string, std::string> bad[] = {
        {too_long, "must be at most " + std::to_string(field.limit) + " bytes"},
        {R"("a\u0000b")", "must not contain control characters"},
        {R"("line\nbreak")", "must not contain control characters"},
        {R"("\u009f")", "must not contain control characters"},
    };
    for (const auto& [value, reason] : bad) {
      const std::optional<FieldError> error = ReadV1Field(field, value);
      ASSERT_TRUE(error.has_value()) << field.name << " " << value;
      EXPECT_EQ(error->field, field.name) << value;
      EXPECT_EQ(error->reason, reason) << field.name;
    }
  }
}

TEST(ReadV1Bodies, EveryStringFieldTakesTextUpToItsLimit) {
  for (const V1Field& field : kV1StringFields) {
    for (const std::string& value :
         {"\"" + std::string(field.limit, 'a') + "\"", std::string(R"("Zo\u00eb \u65e5")")}) {
      const std::optional<FieldError> error = ReadV1Field(field, value);
      EXPECT_FALSE(error.has_value()) << field.name << ": " << error->field << " " << error->reason;
    }
  }
}

TEST(ReadPreflight, RejectsAUnitNameOverTheLimit) {
  const FieldError e = std::get<FieldError>(
      ReadWith(ReadPreflight,
               R"({"user_external_id":"u","source_app":"a","model":"m","estimated_units":{")" +
                   std::string(300, 'x') + R"(":1}})"));
  EXPECT_EQ(e.field, "estimated_units." + std::string(256, 'x'));
}

}  // namespace
}  // namespace costgate::central
