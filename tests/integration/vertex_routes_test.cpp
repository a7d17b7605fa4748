// Vertex AI is its own provider: its bare paths and /vertex prefix go to the vertex upstream (not
// Gemini's) and leave receipts saying vertex; with the public host, a location that cannot name
// a Google host is refused before anything is forwarded.
#include <gtest/gtest.h>

#include "tests/integration/integration_fixture_helpers.h"

namespace costgate::integration {
namespace {

constexpr std::string_view kGenerate = "ddtrace-vertex-2.0-flash-generateContent-gzip";
constexpr std::string_view kStream = "ddtrace-vertex-2.0-flash-streamGenerateContent-sse";

// Vertex AI pointed at the mock, Gemini at a port where nothing listens: a call answered 200 went
// to the vertex upstream. regional is left at its default (true): it applies only while the url
// is the public host, so every request goes to the mock.
class VertexDaemonTest : public IntegrationTest {
 protected:
  CostgateProcess& StartDaemon() override {
    static std::unique_ptr<DaemonUnderTest> vertex;
    if (!vertex) {
      DaemonSettings settings = MockUpstreamSettings();
      settings.upstream_url = "https://127.0.0.1:1";
      settings.env = {"COSTGATE_VERTEX_URL=" + Upstream().mock->url(),
                      "COSTGATE_VERTEX_CA_FILE=" + Upstream().ca.ca_file.string()};
      vertex = std::make_unique<DaemonUnderTest>(settings);
    }
    return *vertex->daemon;
  }
};

TEST_F(VertexDaemonTest, BareRegionalPathIsForwardedToTheVertexUpstreamUnchanged) {
  const GeminiFixture fixture = LoadFixture(kGenerate);
  ASSERT_EQ(fixture.target,
            "/v1beta1/projects/%3Cproject-id%3E/locations/us-central1/publishers/google/models/"
            "gemini-2.0-flash-001:generateContent");
  const std::string marker = UniqueToken("vertex");
  const HttpResponse response = Http(FixtureRequest(daemon(), fixture, "", marker));
  ASSERT_EQ(response.curl_code, CURLE_OK) << response.curl_error;
  EXPECT_EQ(response.status, 200) << response.body;
  EXPECT_TRUE(SameBytes(response.body, fixture.response_body));

  const auto seen = mock().RequestsWith(kMarkerHeader, marker);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].method, "POST");
  EXPECT_EQ(seen[0].target, fixture.target);
  EXPECT_EQ(seen[0].Header("host"), "127.0.0.1:" + std::to_string(mock().port()));
}

TEST_F(VertexDaemonTest, BareRegionalCallLeavesAVertexReceiptAtVertexPrices) {
  const GeminiFixture fixture = LoadFixture(kGenerate);
  const std::string marker = UniqueToken("vertex");
  const HttpResponse response =
      Http(FixtureRequest(daemon(), fixture, "", marker, {"x-costgate-job: " + marker}));
  ASSERT_EQ(response.status, 200) << response.body;

  const auto rows = daemon().receipts().WaitForRows("job", marker, 1, kWait);
  ASSERT_EQ(rows.size(), 1u);
  const ReceiptRow& receipt = rows[0];
  EXPECT_EQ(receipt.Text("provider"), "vertex");
  EXPECT_EQ(receipt.Text("operation"), "generateContent");
  EXPECT_EQ(receipt.Text("model_requested"), "gemini-2.0-flash-001");
  EXPECT_EQ(receipt.Text("outcome"), "success");
  EXPECT_EQ(receipt.Int("metered"), 1);
  EXPECT_EQ(JsonIntObject(receipt.Text("units_json")),
            (std::map<std::string, int64_t>{{"input_tokens", 14},
                                            {"output_tokens", 52},
                                            {"total_tokens", 66},
                                            {"input_text_tokens", 14},
                                            {"output_text_tokens", 52}}));
  // LiteLLM's vertex_ai rows carry no prefix: the Vertex AI list price of the served model.
  EXPECT_EQ(receipt.Text("price_key"), "gemini-2.0-flash-001");
  EXPECT_EQ(receipt.Int("cost_pico_usd"), 33'300'000);  // 14 x $0.15/1M + 52 x $0.60/1M
}

TEST_F(VertexDaemonTest, PrefixedStreamIsForwardedWithoutThePrefix) {
  const GeminiFixture fixture = LoadFixture(kStream);
  const std::string marker = UniqueToken("vertex");
  const HttpResponse response =
      Http(FixtureRequest(daemon(), fixture, "/vertex", marker, {"x-costgate-job: " + marker}));
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_TRUE(SameBytes(response.body, fixture.response_body));
  const auto seen = mock().RequestsWith(kMarkerHeader, marker);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].target, fixture.target);

  const auto rows = daemon().receipts().WaitForRows("job", marker, 1, kWait);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].Text("provider"), "vertex");
  EXPECT_EQ(rows[0].Text("operation"), "streamGenerateContent");
}

// Vertex AI at its default, the public host with regional hosts: the refusal comes before any
// connection, so nothing here reaches the network.
class VertexPublicHostTest : public IntegrationTest {
 protected:
  CostgateProcess& StartDaemon() override {
    static std::unique_ptr<DaemonUnderTest> public_host;
    if (!public_host) {
      DaemonSettings settings = MockUpstreamSettings();
      settings.env = {"COSTGATE_VERTEX_URL=https://aiplatform.googleapis.com",
                      "COSTGATE_VERTEX_CA_FILE="};
      public_host = std::make_unique<DaemonUnderTest>(settings);
    }
    return *public_host->daemon;
  }
};

TEST_F(VertexPublicHostTest, LocationThatCannotNameAGoogleHostIsRefusedWith400) {
  const std::string marker = UniqueToken("badloc");
  HttpRequest request;
  request.method = "POST";
  request.url = daemon().Url(
      "/v1beta1/projects/p/locations/evil.example/publishers/google/models/"
      "gemini-2.0-flash-001:generateContent");
  request.headers = {"Content-Type: application/json", std::string(kMarkerHeader) + ": " + marker};
  request.body = R"({"contents":[{"parts":[{"text":"hi"}]}]})";
  const HttpResponse response = Http(request);
  ASSERT_EQ(response.curl_code, CURLE_OK) << response.curl_error;
  EXPECT_EQ(response.status, 400) << response.body;
  EXPECT_EQ(response.Header("x-costgate-reason"), "bad_location");
  EXPECT_EQ(response.Header("content-type"), "application/json");
  EXPECT_NE(response.body.find(R"("code":400)"), std::string::npos) << response.body;
  EXPECT_NE(response.body.find(R"("status":"INVALID_ARGUMENT")"), std::string::npos)
      << response.body;
  EXPECT_NE(response.body.find("location 'evil.example'"), std::string::npos) << response.body;
  EXPECT_TRUE(mock().RequestsWith(kMarkerHeader, marker).empty());
}

}  // namespace
}  // namespace costgate::integration
