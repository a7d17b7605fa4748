// central.static_dir: safe path resolution (the traversal family), content types, caching
// headers, ETag and 304, the single-page app's fallback to index.html, and where the API
// sends a path to the files.
#include "central/api/static_files.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "central/api/static_names.h"
#include "tests/support/temp_dir.h"
#include "tests/unit/central/api/api_harness.h"

namespace costgate::central {
namespace {

namespace fs = std::filesystem;
using testing::ApiHarness;
using testing::HeaderValue;
using testing::Json;

void WriteFile(const fs::path& path, std::string_view content) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

// A dashboard build in <tmp>/site, a secret beside it in <tmp>/secret.txt.
class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    site_ = dir_.path() / "site";
    WriteFile(site_ / "index.html", "<html>app</html>");
    WriteFile(site_ / "assets/index-3f2a9c1b.js", "console.log(1)");
    WriteFile(site_ / "assets/logo.svg", "<svg/>");
    WriteFile(site_ / "robots.txt", "User-agent: *");
    WriteFile(site_ / ".env", "SECRET=1");
    WriteFile(site_ / ".git/config", "[core]");
    WriteFile(site_ / "docs/readme.txt", "docs");
    WriteFile(dir_.path() / "secret.txt", "top secret");
    fs::create_symlink("../secret.txt", site_ / "leak.txt");
    fs::create_symlink("../secret.txt", site_ / "leak");
    fs::create_symlink("assets/logo.svg", site_ / "logo-link.svg");
    fs::create_symlink(".env", site_ / "env.txt");
    files_ = Open(site_.string());
  }

  static std::unique_ptr<StaticFiles> Open(const std::string& dir) {
    auto opened = StaticFiles::Open(dir);
    if (auto* error = std::get_if<std::string>(&opened)) {
      ADD_FAILURE() << *error;
      return nullptr;
    }
    return std::move(std::get<std::unique_ptr<StaticFiles>>(opened));
  }

  ApiResponse Get(std::string_view path, std::string_view if_none_match = "") {
    return files_->Serve(path, if_none_match);
  }

  test_support::TempDir dir_;
  fs::path site_;
  std::unique_ptr<StaticFiles> files_;
};

TEST_F(StaticFilesTest, RootServesIndexHtmlUncached) {
  const ApiResponse r = Get("/");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "<html>app</html>");
  EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(HeaderValue(r, "Cache-Control"), "no-cache");
  EXPECT_EQ(HeaderValue(r, "X-Content-Type-Options"), "nosniff");
}

TEST_F(StaticFilesTest, HashedAssetIsImmutableForAYear) {
  const ApiResponse r = Get("/assets/index-3f2a9c1b.js");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "console.log(1)");
  EXPECT_EQ(r.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(HeaderValue(r, "Cache-Control"), "public, max-age=31536000, immutable");
}

TEST_F(StaticFilesTest, UnhashedFileIsCachedFiveMinutes) {
  const ApiResponse r = Get("/robots.txt");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/plain; charset=utf-8");
  EXPECT_EQ(HeaderValue(r, "Cache-Control"), "public, max-age=300");
}

TEST_F(StaticFilesTest, EscapedNamesAreDecoded) {
  WriteFile(site_ / "a b.txt", "spaced");
  EXPECT_EQ(Get("/a%20b.txt").body, "spaced");
  EXPECT_EQ(Get("/assets%2flogo.svg").body, "<svg/>");  // an encoded "/" inside the root
}

TEST_F(StaticFilesTest, SymlinkInsideTheRootIsFollowed) {
  const ApiResponse r = Get("/logo-link.svg");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "<svg/>");
  EXPECT_EQ(r.content_type, "image/svg+xml");
}

TEST_F(StaticFilesTest, AppRouteWithoutExtensionFallsBackToIndex) {
  EXPECT_EQ(Get("/settings/keys").body, "<html>app</html>");
  EXPECT_EQ(Get("/docs").body, "<html>app</html>");  // a directory is not a file
  EXPECT_EQ(HeaderValue(Get("/settings"), "Cache-Control"), "no-cache");
}

TEST_F(StaticFilesTest, MissingFileWithExtensionIs404) {
  const ApiResponse r = Get("/assets/gone-12345678.js");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body, R"({"error":{"code":"not_found","message":"no such route"}})");
  EXPECT_EQ(r.content_type, "application/json");
}

TEST_F(StaticFilesTest, WithoutIndexTheRootIs404) {
  fs::remove(site_ / "index.html");
  EXPECT_EQ(Get("/").status, 404);
  EXPECT_EQ(Get("/settings").status, 404);
}

TEST_F(StaticFilesTest, DotDotIsRefused) {
  EXPECT_EQ(Get("/../secret.txt").status, 400);
  EXPECT_EQ(Get("/assets/../../secret.txt").status, 400);
  EXPECT_EQ(Get("/assets/..").status, 400);
  EXPECT_EQ(Get("/./index.html").status, 400);
}

TEST_F(StaticFilesTest, EncodedDotDotIsRefused) {
  EXPECT_EQ(Get("/%2e%2e/secret.txt").status, 400);
  EXPECT_EQ(Get("/%2E%2E%2Fsecret.txt").status, 400);
  EXPECT_EQ(Get("/assets/..%2f..%2fsecret.txt").status, 400);
  EXPECT_EQ(Get("/assets/.%2e/.%2e/secret").status, 400);
}

TEST_F(StaticFilesTest, AbsolutePathsAreRefused) {
  EXPECT_EQ(Get("//etc/passwd").status, 400);
  EXPECT_EQ(Get("/%2fetc%2fpasswd").status, 400);
  EXPECT_EQ(Get("/assets//logo.svg").status, 400);
  EXPECT_EQ(Get("etc/passwd").status, 400);
}

TEST_F(StaticFilesTest, BackslashIsRefused) {
  EXPECT_EQ(Get("/assets\\..\\..\\secret.txt").status, 400);
  EXPECT_EQ(Get("/assets%5c..%5c..%5csecret.txt").status, 400);
}

TEST_F(StaticFilesTest, NulIsRefused) {
  EXPECT_EQ(Get("/index.html%00.js").status, 400);
  EXPECT_EQ(Get(std::string_view("/index.html\0.js", 15)).status, 400);
}

TEST_F(StaticFilesTest, MalformedEscapeIsRefused) { EXPECT_EQ(Get("/a%zz.js").status, 400); }

TEST_F(StaticFilesTest, SymlinkOutOfTheRootIsNotFollowed) {
  const ApiResponse r = Get("/leak.txt");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body.find("top secret"), std::string::npos);
  // Not mistaken for an app route either: the escape is refused, not replaced by index.html.
  EXPECT_EQ(Get("/leak").status, 404);
}

TEST_F(StaticFilesTest, DotfilesAreNeverServed) {
  EXPECT_EQ(Get("/.env").status, 404);
  EXPECT_EQ(Get("/.git/config").status, 404);
  EXPECT_EQ(Get("/%2eenv").status, 404);
  EXPECT_EQ(Get("/.git").status, 404);     // not an app route either
  EXPECT_EQ(Get("/env.txt").status, 404);  // nor through a symlink
}

TEST_F(StaticFilesTest, ETagIsStrongAndStable) {
  const std::string etag = HeaderValue(Get("/robots.txt"), "ETag");
  ASSERT_EQ(etag.size(), 34u);  // 32 hex digits in quotes
  EXPECT_EQ(etag.front(), '"');
  EXPECT_EQ(etag.back(), '"');
  EXPECT_EQ(HeaderValue(Get("/robots.txt"), "ETag"), etag);
  EXPECT_NE(HeaderValue(Get("/index.html"), "ETag"), etag);
}

TEST_F(StaticFilesTest, MatchingIfNoneMatchIs304WithoutBody) {
  const std::string etag = HeaderValue(Get("/assets/index-3f2a9c1b.js"), "ETag");
  const ApiResponse r = Get("/assets/index-3f2a9c1b.js", etag);
  EXPECT_EQ(r.status, 304);
  EXPECT_EQ(r.body, "");
  EXPECT_EQ(r.content_type, "");
  EXPECT_EQ(HeaderValue(r, "ETag"), etag);
  EXPECT_EQ(HeaderValue(r, "Cache-Control"), "public, max-age=31536000, immutable");
}

TEST_F(StaticFilesTest, IfNoneMatchOnAFreshServerIs304Too) {
  const std::string etag = HeaderValue(Get("/robots.txt"), "ETag");
  const std::unique_ptr<StaticFiles> restarted = Open(site_.string());
  EXPECT_EQ(restarted->Serve("/robots.txt", etag).status, 304);
}

TEST_F(StaticFilesTest, OtherETagGets200) {
  const ApiResponse r = Get("/robots.txt", "\"0123456789abcdef0123456789abcdef\"");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "User-agent: *");
}

TEST_F(StaticFilesTest, ChangedFileGetsANewETag) {
  const std::string before = HeaderValue(Get("/robots.txt"), "ETag");
  WriteFile(site_ / "robots.txt", "User-agent: *\nDisallow: /");
  const ApiResponse r = Get("/robots.txt", before);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "User-agent: *\nDisallow: /");
  EXPECT_NE(HeaderValue(r, "ETag"), before);
}

TEST_F(StaticFilesTest, FileOverTheCapIsRefused) {
  WriteFile(site_ / "big.bin", "");
  fs::resize_file(site_ / "big.bin", kMaxStaticFileBytes + 1);
  EXPECT_EQ(Get("/big.bin").status, 500);
}

TEST_F(StaticFilesTest, OpenNeedsAnExistingDirectory) {
  EXPECT_TRUE(std::holds_alternative<std::string>(StaticFiles::Open(dir_.File("nowhere"))));
  EXPECT_TRUE(std::holds_alternative<std::string>(StaticFiles::Open(dir_.File("secret.txt"))));
}

TEST(IfNoneMatchNames, ListsWeakTagsAndStar) {
  EXPECT_TRUE(IfNoneMatchNames("\"abc\"", "\"abc\""));
  EXPECT_TRUE(IfNoneMatchNames("\"x\", W/\"abc\"", "\"abc\""));
  EXPECT_TRUE(IfNoneMatchNames("*", "\"abc\""));
  EXPECT_FALSE(IfNoneMatchNames("", "\"abc\""));
  EXPECT_FALSE(IfNoneMatchNames("\"abcd\"", "\"abc\""));
  EXPECT_FALSE(IfNoneMatchNames("abc", "\"abc\""));
}

TEST(StaticContentType, ByExtension) {
  EXPECT_EQ(StaticContentType("a/index.html"), "text/html; charset=utf-8");
  EXPECT_EQ(StaticContentType("app.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(StaticContentType("app.css"), "text/css; charset=utf-8");
  EXPECT_EQ(StaticContentType("logo.svg"), "image/svg+xml");
  EXPECT_EQ(StaticContentType("logo.png"), "image/png");
  EXPECT_EQ(StaticContentType("manifest.json"), "application/json");
  EXPECT_EQ(StaticContentType("favicon.ico"), "image/x-icon");
  EXPECT_EQ(StaticContentType("inter.woff2"), "font/woff2");
  EXPECT_EQ(StaticContentType("app.js.map"), "application/json");
  EXPECT_EQ(StaticContentType("robots.txt"), "text/plain; charset=utf-8");
  EXPECT_EQ(StaticContentType("archive.tar.gz"), "application/octet-stream");
  EXPECT_EQ(StaticContentType("v1.2/LICENSE"), "application/octet-stream");
}

TEST(StaticCacheControl, OnlyNamesCarryingAHashAreImmutable) {
  constexpr std::string_view kYear = "public, max-age=31536000, immutable";
  EXPECT_EQ(StaticCacheControl("assets/index-3f2a9c1b.js"), kYear);
  EXPECT_EQ(StaticCacheControl("assets/vendor-BXq3fA2d.css"), kYear);
  EXPECT_EQ(StaticCacheControl("main.8c9d0e1f2a3b.js"), kYear);
  EXPECT_EQ(StaticCacheControl("index.html"), "no-cache");
  EXPECT_EQ(StaticCacheControl("assets/my-component.js"), "public, max-age=300");
  EXPECT_EQ(StaticCacheControl("assets/chunk-12345678.js"), "public, max-age=300");  // digits only
  EXPECT_EQ(StaticCacheControl("assets/a-3f2a9c1.js"), "public, max-age=300");       // too short
  EXPECT_EQ(StaticCacheControl("favicon.ico"), "public, max-age=300");
}

// The API in front of the files: which paths reach them.
class StaticApiTest : public StaticFilesTest {
 protected:
  void SetUp() override {
    StaticFilesTest::SetUp();
    harness_ = std::make_unique<ApiHarness>(ApiLimits{}, files_.get());
  }
  std::unique_ptr<ApiHarness> harness_;
};

TEST_F(StaticApiTest, PathNoRouteClaimsIsAStaticFileNeedingNoStore) {
  std::variant<Admission, ApiResponse> admitted =
      harness_->api().Admit({"GET", "/assets/logo.svg?v=2", "", testing::kNow});
  ASSERT_TRUE(std::holds_alternative<Admission>(admitted));
  EXPECT_EQ(std::get<Admission>(admitted).route, Route::kStaticFile);
  EXPECT_EQ(std::get<Admission>(admitted).kind, RouteKind::kNoStore);
  EXPECT_EQ(harness_->Get("/assets/logo.svg?v=2").body, "<svg/>");
}

TEST_F(StaticApiTest, HeadIsAdmittedLikeGet) {
  const ApiResponse r = harness_->api().Handle({"HEAD", "/robots.txt", "", "", testing::kNow});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "User-agent: *");  // the server leaves it unsent
}

TEST_F(StaticApiTest, IfNoneMatchReachesTheFiles) {
  const std::string etag = HeaderValue(harness_->Get("/robots.txt"), "ETag");
  ApiRequest request{"GET", "/robots.txt", "", "", testing::kNow};
  request.if_none_match = etag;
  EXPECT_EQ(harness_->api().Handle(request).status, 304);
}

TEST_F(StaticApiTest, OtherMethodsAre405WithAllow) {
  const ApiResponse r = harness_->Post("/index.html", "", "");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(HeaderValue(r, "Allow"), "GET, HEAD");
  EXPECT_EQ(std::string_view(Json(r.body)["error"]["code"]), "method_not_allowed");
}

TEST_F(StaticApiTest, ApiRoutesStillWin) {
  EXPECT_EQ(harness_->Get("/v1/health").body, R"({"status":"ok","db":"ok"})");
  EXPECT_EQ(harness_->Get("/cost-tracker/v1/health").body, R"({"status":"ok","db":"ok"})");
  EXPECT_EQ(harness_->Get("/v1/usage/batch").status, 405);
}

TEST_F(StaticApiTest, UnknownApiPathStaysAJson404) {
  const ApiResponse r = harness_->Get("/v1/budgets");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body, R"({"error":{"code":"not_found","message":"no such route"}})");
  EXPECT_EQ(harness_->Post("/cost-tracker/v1/nothing", "", "").status, 404);
}

TEST(StaticOff, UnknownPathsAre404AsBefore) {
  ApiHarness h;
  EXPECT_EQ(h.Get("/").status, 404);
  EXPECT_EQ(h.Get("/index.html").status, 404);
  EXPECT_EQ(h.Post("/index.html", "", "").status, 404);
}

}  // namespace
}  // namespace costgate::central
