// costgate central as existing integrations use it (../shared/V1-API.md): the documented smoke
// test unchanged, API keys from the CLI, and the errors clients rely on.
#include <gtest/gtest.h>

#include "base/gzip_encoder.h"
#include "tests/integration/central_helpers.h"
#include "tests/integration/command_helpers.h"
#include "tests/integration/integration_fixture_helpers.h"

namespace costgate::integration {
namespace {

class CentralApiTest : public IntegrationTest {
 protected:
  CostgateProcess& StartDaemon() override {
    // Small enough for a test to exceed, large enough for every other body here.
    central_ = std::make_unique<CentralUnderTest>(0, "  max_body_bytes: 4096\n");
    key_ = central_->CreateKey("smoke-" + UniqueToken("key"), "my-project");
    return central_->process();
  }

  HttpResponse Call(const std::string& method, const std::string& path, const std::string& body,
                    const std::string& key) {
    HttpRequest request;
    request.method = method;
    request.url = central_->Url(path);
    if (!key.empty()) {
      request.headers.push_back("X-API-Key: " + key);
    }
    if (method == "POST") {
      request.headers.push_back("Content-Type: application/json");
      request.body = body;
    }
    return Http(request);
  }

  std::unique_ptr<CentralUnderTest> central_;
  std::string key_;
};

// The bodies of the smoke test in V1-API.md, byte for byte.
constexpr std::string_view kPreflightBody =
    R"({"user_external_id":"test-user","source_app":"my-project","model":"gemini-2.5-pro-preview","estimated_units":{"input_tokens":1000,"output_tokens":200}})";
constexpr std::string_view kRecordBody =
    R"({"request_id":"","user_external_id":"test-user","source_app":"my-project","model":"gemini-2.5-pro-preview","units":{"input_tokens":987,"output_tokens":180},"latency_ms":1200,"status":"success"})";

TEST_F(CentralApiTest, HealthSaysOkWithTheDatabase) {
  const HttpResponse response = Call("GET", "/v1/health", "", "");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(JsonString(response.body, "/status"), "ok");
  EXPECT_EQ(JsonString(response.body, "/db"), "ok");
}

TEST_F(CentralApiTest, SmokeTestPreflightAnswersAllowWithEstimateAndRequestId) {
  const HttpResponse response = Call("POST", "/v1/preflight", std::string(kPreflightBody), key_);
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_NE(response.body.find("\"allow\":true"), std::string::npos) << response.body;
  EXPECT_FALSE(JsonString(response.body, "/request_id").value_or("").empty()) << response.body;
  EXPECT_NE(response.body.find("\"estimated_cost_usd\":0."), std::string::npos) << response.body;
}

TEST_F(CentralApiTest, SmokeTestRecordStoresTheEventAndAnswersItsIdAndCost) {
  const HttpResponse response = Call("POST", "/v1/usage/record", std::string(kRecordBody), key_);
  ASSERT_EQ(response.status, 200) << response.body;
  const std::string event_id = JsonString(response.body, "/event_id").value_or("");
  ASSERT_FALSE(event_id.empty()) << response.body;
  EXPECT_NE(response.body.find("\"cost_usd\":0."), std::string::npos) << response.body;
  const std::vector<ReceiptRow> events = central_->Events("event_id = ?1", {event_id});
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].Text("origin"), "record");
  EXPECT_EQ(events[0].Text("source_app"), "my-project");
  EXPECT_EQ(events[0].Text("user"), "test-user");
  EXPECT_EQ(events[0].Text("units_json"), R"({"input_tokens":987,"output_tokens":180})");
  EXPECT_EQ(events[0].Int("latency_ms"), 1200);
}

TEST_F(CentralApiTest, ReadyzOfCentralSaysReadyWithoutAnOutbox) {
  const HttpResponse response = Call("GET", "/readyz", "", "");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, R"({"status":"ready"})");
}

TEST_F(CentralApiTest, BaseUrlWithAPathPrefixWorks) {
  const HttpResponse response = Call("GET", "/cost-tracker/v1/health", "", "");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(JsonString(response.body, "/db"), "ok");
}

TEST_F(CentralApiTest, MissingKeyIsRefusedWith401AndAJsonError) {
  const HttpResponse response = Call("POST", "/v1/preflight", std::string(kPreflightBody), "");
  EXPECT_EQ(response.status, 401);
  EXPECT_TRUE(JsonString(response.body, "/error/message").has_value()) << response.body;
}

TEST_F(CentralApiTest, RevokedKeyIsRefusedWith401) {
  const std::string name = "revoke-" + UniqueToken("key");
  const std::string key = central_->CreateKey(name, "my-project");
  ASSERT_EQ(Call("POST", "/v1/preflight", std::string(kPreflightBody), key).status, 200);
  const CommandResult revoked =
      RunCostgate({"keys", "revoke", name, "--config", central_->config_path().string()},
                  central_->dir(), std::chrono::seconds(20));
  ASSERT_EQ(revoked.exit_code, 0) << revoked.err;
  EXPECT_EQ(Call("POST", "/v1/preflight", std::string(kPreflightBody), key).status, 401);
}

TEST_F(CentralApiTest, KeyListShowsThePrefixButNeverTheSecret) {
  const CommandResult listed =
      RunCostgate({"keys", "list", "--config", central_->config_path().string()}, central_->dir(),
                  std::chrono::seconds(20));
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_EQ(listed.out.find(key_), std::string::npos);
  EXPECT_NE(listed.out.find(key_.substr(0, 12)), std::string::npos) << listed.out;
}

TEST_F(CentralApiTest, MalformedBatchGets400NamingTheProblem) {
  const HttpResponse response = Call("POST", "/v1/usage/batch", "{\"events\": [", key_);
  EXPECT_EQ(response.status, 400);
  EXPECT_TRUE(JsonString(response.body, "/error/message").has_value()) << response.body;
}

// The body as the shipper compresses it.
std::string Gzipped(std::string_view plain) {
  return base::Gzip(plain).value_or(std::string(plain));
}

constexpr std::string_view kOneEventBatch =
    R"({"events":[{"event_id":"gz-1","start_unix_ms":1763800000000,"end_unix_ms":1763800001200,"labels":{"source_app":"my-project","user":"u-1"},"provider":"gemini","operation":"generateContent","model":"gemini-2.5-flash","units":{"input_tokens":10,"output_tokens":2},"status":"success","cost_pico_usd":null}]})";

TEST_F(CentralApiTest, GzipBatchIsDecodedAndStored) {
  HttpRequest request;
  request.method = "POST";
  request.url = central_->Url("/v1/usage/batch");
  request.headers = {"X-API-Key: " + key_, "Content-Type: application/json",
                     "Content-Encoding: gzip"};
  request.body = Gzipped(kOneEventBatch);
  const HttpResponse response = Http(request);
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(JsonString(response.body, "/results/0/status"), "stored") << response.body;
  ASSERT_EQ(central_->Events("event_id = ?1", {"gz-1"}).size(), 1u);
  // The same batch again: central has the event and says so.
  const HttpResponse again = Http(request);
  EXPECT_EQ(JsonString(again.body, "/results/0/status"), "duplicate") << again.body;
  EXPECT_EQ(central_->Events("event_id = ?1", {"gz-1"}).size(), 1u);
}

TEST_F(CentralApiTest, CorruptGzipBodyGets400) {
  HttpRequest request;
  request.method = "POST";
  request.url = central_->Url("/v1/usage/batch");
  request.headers = {"X-API-Key: " + key_, "Content-Encoding: gzip"};
  request.body = Gzipped(kOneEventBatch).substr(0, 20) + "garbage";
  const HttpResponse response = Http(request);
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(JsonString(response.body, "/error/code"), "bad_gzip") << response.body;
}

TEST_F(CentralApiTest, BodyOverMaxBodyBytesGets413) {
  const std::string big = "{\"events\":[" + std::string(5000, ' ') + "]}";
  const HttpResponse response = Call("POST", "/v1/usage/batch", big, key_);
  EXPECT_EQ(response.status, 413);
  EXPECT_EQ(JsonString(response.body, "/error/code"), "body_too_large") << response.body;
}

TEST_F(CentralApiTest, GzipBodyDecodingPastMaxBodyBytesGets413) {
  HttpRequest request;
  request.method = "POST";
  request.url = central_->Url("/v1/usage/batch");
  request.headers = {"X-API-Key: " + key_, "Content-Encoding: gzip"};
  // A few dozen bytes on the wire, 100 KB once decoded.
  request.body = Gzipped(std::string(100'000, ' '));
  ASSERT_LT(request.body->size(), 4096u);
  const HttpResponse response = Http(request);
  EXPECT_EQ(response.status, 413);
  EXPECT_EQ(JsonString(response.body, "/error/code"), "body_too_large") << response.body;
}

TEST_F(CentralApiTest, UnknownContentEncodingGets415) {
  HttpRequest request;
  request.method = "POST";
  request.url = central_->Url("/v1/usage/batch");
  request.headers = {"X-API-Key: " + key_, "Content-Encoding: br"};
  request.body = std::string(kOneEventBatch);
  const HttpResponse response = Http(request);
  EXPECT_EQ(response.status, 415);
  EXPECT_EQ(JsonString(response.body, "/error/code"), "unsupported_encoding") << response.body;
}

TEST_F(CentralApiTest, ExpectContinueGets100BeforeTheBodyIsSent) {
  RawConnection connection(central_->port());
  ASSERT_TRUE(
      connection.Send("POST /v1/usage/batch HTTP/1.1\r\nHost: central\r\nX-API-Key: " + key_ +
                      "\r\nContent-Type: application/json\r\nContent-Length: " +
                      std::to_string(kOneEventBatch.size()) + "\r\nExpect: 100-continue\r\n\r\n"));
  const std::optional<RawResponseHead> interim = connection.ReadHead(kWait);
  ASSERT_TRUE(interim.has_value());
  EXPECT_EQ(interim->status, 100);
  ASSERT_TRUE(connection.Send(kOneEventBatch));
  const std::optional<RawResponseHead> final_head = connection.ReadHead(kWait);
  ASSERT_TRUE(final_head.has_value());
  EXPECT_EQ(final_head->status, 200);
  connection.ReadFullBody(kWait);
  EXPECT_EQ(JsonString(connection.body(), "/results/0/status"), "stored") << connection.body();
}

TEST_F(CentralApiTest, NegativeUnitsGet400NamingTheField) {
  const std::string body =
      R"({"request_id":"","user_external_id":"u","source_app":"my-project","model":"gemini-2.5-flash","units":{"input_tokens":-5},"latency_ms":1,"status":"success"})";
  const HttpResponse response = Call("POST", "/v1/usage/record", body, key_);
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(JsonString(response.body, "/error/field"), "units.input_tokens") << response.body;
}

}  // namespace
}  // namespace costgate::integration
