// The central daemon's router over real HTTP: a dashboard file from central.static_dir with its
// ETag, then 304 on revalidation; HEAD without a body; a /v1 path with the wrong method gets 405
// naming the methods it takes.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tests/integration/central_helpers.h"
#include "tests/integration/integration_fixture_helpers.h"

namespace costgate::integration {
namespace {

class CentralStaticTest : public IntegrationTest {
 protected:
  CostgateProcess& StartDaemon() override {
    std::filesystem::create_directories(site_.path() / "assets");
    std::ofstream(site_.path() / "index.html") << "<html>dashboard</html>";
    std::ofstream(site_.path() / "assets" / "index-3f2a9c1b.js") << "console.log('dashboard')";
    central_ =
        std::make_unique<CentralUnderTest>(0, "  static_dir: " + site_.path().string() + "\n");
    return central_->process();
  }

  HttpResponse Send(const std::string& method, const std::string& path,
                    std::vector<std::string> headers = {}) {
    HttpRequest request;
    request.method = method;
    request.url = central_->Url(path);
    request.headers = std::move(headers);
    return Http(request);
  }

  TempDir site_;
  std::unique_ptr<CentralUnderTest> central_;
};

TEST_F(CentralStaticTest, ServesAFileWithETagThenNotModified) {
  const HttpResponse first = Send("GET", "/assets/index-3f2a9c1b.js");
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.body, "console.log('dashboard')");
  EXPECT_EQ(first.Header("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(first.Header("Cache-Control"), "public, max-age=31536000, immutable");
  const std::optional<std::string> etag = first.Header("ETag");
  ASSERT_TRUE(etag.has_value());

  const HttpResponse again = Send("GET", "/assets/index-3f2a9c1b.js", {"If-None-Match: " + *etag});
  EXPECT_EQ(again.status, 304);
  EXPECT_EQ(again.body, "");
  EXPECT_EQ(again.Header("ETag"), etag);
  EXPECT_FALSE(again.Header("Content-Length").has_value());
}

TEST_F(CentralStaticTest, AppRouteGetsIndexAndHeadGetsNoBody) {
  const HttpResponse page = Send("GET", "/settings/keys");
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.body, "<html>dashboard</html>");
  EXPECT_EQ(page.Header("Cache-Control"), "no-cache");

  // Then on the same connection: HEAD's Content-Length announces a body that is not sent.
  HttpClient client;
  HttpRequest head;
  head.method = "HEAD";
  head.url = central_->Url("/");
  const HttpResponse headed = client.Perform(head);
  EXPECT_EQ(headed.status, 200);
  EXPECT_EQ(headed.body, "");
  EXPECT_EQ(headed.Header("Content-Length"), "22");
  HttpRequest health;
  health.url = central_->Url("/v1/health");
  const HttpResponse next = client.Perform(health);
  EXPECT_EQ(next.status, 200);
  EXPECT_EQ(next.new_connections, 0);
}

TEST_F(CentralStaticTest, WrongMethodOnAV1PathIs405WithAllow) {
  const HttpResponse response = Send("DELETE", "/cost-tracker/v1/usage/record");
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(response.Header("Allow"), "POST");
  EXPECT_EQ(response.Header("Content-Type"), "application/json");
  EXPECT_NE(response.body.find("method_not_allowed"), std::string::npos) << response.body;
}

TEST_F(CentralStaticTest, UnknownV1PathIsStillAJson404) {
  const HttpResponse response = Send("GET", "/v1/budgets");
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(response.Header("Content-Type"), "application/json");
}

}  // namespace
}  // namespace costgate::integration
