#include "central/api/v1_requests.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace costgate::central
