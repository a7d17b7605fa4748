// The mock upstream on its own (no costgate): it must replay the fixtures byte for byte and
// enforce the recorded routes, or the proxy tests would prove nothing.
#include <gtest/gtest.h>

#include "tests/integration/integration_fixture_helpers.h"

namespace costgate::integration {
namespace {

class MockUpstreamTest : public ::testing::Test {
 protected:
  void SetUp() override {
    try {
      Upstream();
    } catch (const std::exception& e) {
      GTEST_FAIL() << e.what();
    }
  }

  HttpRequest DirectRequest(const GeminiFixture& fixture, std::string_view target,
                            std::string_view marker) {
    HttpRequest request;
    request.method = fixture.method;
    request.url = Upstream().mock->url() + std::string(target);
    request.ca_file = Upstream().ca.ca_file.string();
    request.headers = {"x-mock-fixture: " + fixture.name,
                       std::string(kMarkerHeader) + ": " + std::string(marker)};
    request.body = fixture.request_body;
    return request;
  }
};

TEST_F(MockUpstreamTest, ReplaysGzipFixtureBytesExactly) {
  const GeminiFixture fixture = LoadFixture("ddtrace-gemini-2.0-flash-generateContent-gzip");
  const HttpResponse response = Http(DirectRequest(fixture, fixture.target, UniqueToken("gzip")));
  ASSERT_EQ(response.curl_code, CURLE_OK) << response.curl_error;
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.Header("Content-Encoding"), "gzip");
  EXPECT_EQ(response.Header("Transfer-Encoding"), "chunked");
  EXPECT_EQ(response.body, fixture.response_body);
}

TEST_F(MockUpstreamTest, ReplaysSseFixtureBytesExactly) {
  const GeminiFixture fixture = LoadFixture("ddtrace-gemini-2.0-flash-streamGenerateContent-sse");
  const HttpResponse response = Http(DirectRequest(fixture, fixture.target, UniqueToken("sse")));
  ASSERT_EQ(response.curl_code, CURLE_OK) << response.curl_error;
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.Header("Content-Type"), "text/event-stream");
  EXPECT_FALSE(response.Header("Content-Encoding").has_value());
  EXPECT_EQ(response.body, fixture.response_body);
  EXPECT_EQ(SplitSseEvents(response.body).size(), 5u);
}

TEST_F(MockUpstreamTest, IgnoresKeyQueryParameterWhenMatchingTheRoute) {
  const GeminiFixture fixture = LoadFixture("ddtrace-gemini-2.0-flash-streamGenerateContent-sse");
  const HttpResponse response =
      Http(DirectRequest(fixture, fixture.target + "&key=abc", UniqueToken("key")));
  EXPECT_EQ(response.status, 200);
}

TEST_F(MockUpstreamTest, RejectsAPathThatDiffersFromTheRecording) {
  const GeminiFixture fixture = LoadFixture("ddtrace-gemini-2.0-flash-generateContent-gzip");
  const HttpResponse response =
      Http(DirectRequest(fixture, "/gemini" + fixture.target, UniqueToken("path")));
  EXPECT_EQ(response.status, 400);
  EXPECT_NE(response.body.find("expects POST /v1beta/models/gemini-2.0-flash-001:generateContent"),
            std::string::npos)
      << response.body;
}

TEST_F(MockUpstreamTest, AnswersGeminiShaped404WithoutFixtureHeader) {
  HttpRequest request;
  request.url = Upstream().mock->url() + "/v1beta/models/x:generateContent";
  request.ca_file = Upstream().ca.ca_file.string();
  const HttpResponse response = Http(request);
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(JsonString(response.body, "/error/status"), "NOT_FOUND");
}

TEST_F(MockUpstreamTest, RecordsRequestsWithHeadersBodyDigestAndConnection) {
  const GeminiFixture fixture = LoadFixture("ddtrace-gemini-2.0-flash-generateContent-gzip");
  const std::string marker = UniqueToken("record");
  HttpClient client;
  HttpRequest request = DirectRequest(fixture, fixture.target, marker);
  ASSERT_EQ(client.Perform(request).status, 200);
  request.chunked_upload = true;
  ASSERT_EQ(client.Perform(request).status, 200);

  const auto requests = Upstream().mock->RequestsWith(kMarkerHeader, marker);
  ASSERT_EQ(requests.size(), 2u);
  for (const auto& seen : requests) {
    EXPECT_EQ(seen.method, "POST");
    EXPECT_EQ(seen.target, fixture.target);
    EXPECT_EQ(seen.body_len, fixture.request_body.size());
    EXPECT_EQ(seen.body_sha256, Sha256Hex(fixture.request_body));
    EXPECT_TRUE(seen.response_completed);
    EXPECT_FALSE(seen.client_aborted);
  }
  EXPECT_EQ(requests[1].Header("Transfer-Encoding"), "chunked");
  EXPECT_EQ(requests[0].connection_id, requests[1].connection_id);
}

TEST_F(MockUpstreamTest, GateHoldsTheRestOfTheBodyUntilReleased) {
  const GeminiFixture fixture = LoadFixture("ddtrace-gemini-2.0-flash-streamGenerateContent-sse");
  const std::string gate = UniqueToken("gate");
  HttpRequest request = DirectRequest(fixture, fixture.target, gate);
  request.headers.push_back("x-mock-behavior: gate:" + gate);
  // Released before the request: the gate opens at once, so this cannot hang.
  Upstream().mock->Release(gate);
  const HttpResponse response = Http(request);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, fixture.response_body);
}

TEST_F(MockUpstreamTest, ResetAfterTwoChunksTruncatesTheBody) {
  const GeminiFixture fixture = LoadFixture("ddtrace-gemini-2.0-flash-streamGenerateContent-sse");
  const std::string marker = UniqueToken("reset");
  HttpRequest request = DirectRequest(fixture, fixture.target, marker);
  request.headers.push_back("x-mock-behavior: reset-after:2");
  const HttpResponse response = Http(request);
  EXPECT_NE(response.curl_code, CURLE_OK);
  const auto events = SplitSseEvents(fixture.response_body);
  EXPECT_EQ(response.body, events[0] + events[1]);
  const auto seen = Upstream().mock->RequestsWith(kMarkerHeader, marker);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_FALSE(seen[0].response_completed);
}

TEST_F(MockUpstreamTest, LengthBehaviorSendsContentLengthFraming) {
  const GeminiFixture fixture = LoadFixture("ddtrace-gemini-2.0-flash-streamGenerateContent-sse");
  HttpRequest request = DirectRequest(fixture, fixture.target, UniqueToken("length"));
  request.headers.push_back("x-mock-behavior: length");
  const HttpResponse response = Http(request);
  EXPECT_EQ(response.Header("Content-Length"), std::to_string(fixture.response_body.size()));
  EXPECT_FALSE(response.Header("Transfer-Encoding").has_value());
  EXPECT_EQ(response.body, fixture.response_body);
}

}  // namespace
}  // namespace costgate::integration
