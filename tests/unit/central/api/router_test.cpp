// Path patterns and the route table: literal segments, captures, the rest of a path, decoding,
// and what a path with the wrong method answers (405's Allow).
#include "central/api/router.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "central/api/path_pattern.h"

namespace costgate::central {
namespace {

TEST(PathPattern, LiteralSegmentsMatchExactly) {
  const PathPattern pattern("/v1/health");
  EXPECT_TRUE(pattern.Matches("/v1/health"));
  EXPECT_FALSE(pattern.Matches("/v1/health/"));
  EXPECT_FALSE(pattern.Matches("/v1"));
  EXPECT_FALSE(pattern.Matches("/v1/healthz"));
  EXPECT_FALSE(pattern.Matches("v1/health"));
  EXPECT_FALSE(pattern.Matches("/v1/%68ealth"));  // literals are compared undecoded
}

TEST(PathPattern, RootMatchesOnlyTheRoot) {
  const PathPattern pattern("/");
  EXPECT_TRUE(pattern.Matches("/"));
  EXPECT_FALSE(pattern.Matches("/a"));
}

TEST(PathPattern, CaptureTakesOneNonEmptySegmentDecoded) {
  const PathPattern pattern("/admin/v1/budgets/{id}");
  PathParams params;
  std::string bad;
  ASSERT_TRUE(pattern.Capture("/admin/v1/budgets/ford%20q3%2Fvideo", params, bad));
  ASSERT_NE(params.Find("id"), nullptr);
  EXPECT_EQ(*params.Find("id"), "ford q3/video");
  EXPECT_EQ(params.Find("other"), nullptr);
  EXPECT_FALSE(pattern.Matches("/admin/v1/budgets/"));
  EXPECT_FALSE(pattern.Matches("/admin/v1/budgets/a/b"));
}

TEST(PathPattern, PlusInAPathCaptureStaysAPlus) {
  PathParams params;
  std::string bad;
  ASSERT_TRUE(PathPattern("/u/{name}").Capture("/u/a+b", params, bad));
  EXPECT_EQ(*params.Find("name"), "a+b");
}

TEST(PathPattern, SeveralCapturesInOrder) {
  PathParams params;
  std::string bad;
  ASSERT_TRUE(PathPattern("/w/{workspace}/p/{project}").Capture("/w/ford/p/q3", params, bad));
  ASSERT_EQ(params.all().size(), 2u);
  EXPECT_EQ(params.all()[0].name, "workspace");
  EXPECT_EQ(params.all()[0].value, "ford");
  EXPECT_EQ(params.all()[1].name, "project");
  EXPECT_EQ(params.all()[1].value, "q3");
}

TEST(PathPattern, RestCapturesTheRemainderSlashesIncluded) {
  const PathPattern pattern("/files/{rest...}");
  PathParams params;
  std::string bad;
  ASSERT_TRUE(pattern.Capture("/files/assets/index-3f2a9c1b.js", params, bad));
  EXPECT_EQ(*params.Find("rest"), "assets/index-3f2a9c1b.js");

  PathParams empty;
  ASSERT_TRUE(pattern.Capture("/files/", empty, bad));
  EXPECT_EQ(*empty.Find("rest"), "");
  EXPECT_FALSE(pattern.Matches("/other/a"));
}

TEST(PathPattern, RestAtTheRootTakesEveryPath) {
  const PathPattern pattern("/{path...}");
  PathParams params;
  std::string bad;
  ASSERT_TRUE(pattern.Capture("/", params, bad));
  EXPECT_EQ(*params.Find("path"), "");
  EXPECT_TRUE(pattern.Matches("/a/b/c"));
}

TEST(PathPattern, MalformedEscapeNamesTheCapture) {
  PathParams params;
  std::string bad;
  EXPECT_TRUE(PathPattern("/b/{id}").Matches("/b/%zz"));
  EXPECT_FALSE(PathPattern("/b/{id}").Capture("/b/%zz", params, bad));
  EXPECT_EQ(bad, "id");
}

TEST(PathPattern, MalformedPatternsAreProgrammingErrors) {
  EXPECT_THROW(PathPattern("v1/health"), std::invalid_argument);
  EXPECT_THROW(PathPattern("/v1/{}"), std::invalid_argument);
  EXPECT_THROW(PathPattern("/v1/{id"), std::invalid_argument);
  EXPECT_THROW(PathPattern("/v1/x{id}"), std::invalid_argument);
  EXPECT_THROW(PathPattern("/v1/{rest...}/more"), std::invalid_argument);
  EXPECT_THROW(PathPattern("/v1/{...}"), std::invalid_argument);
}

Router BudgetsRouter() {
  Router router;
  router.Add("GET", "/admin/v1/budgets", 0);
  router.Add("POST", "/admin/v1/budgets", 1);
  router.Add("GET", "/admin/v1/budgets/{id}", 2);
  router.Add("PUT", "/admin/v1/budgets/{id}", 3);
  router.Add("DELETE", "/admin/v1/budgets/{id}", 4);
  router.Add("GET", "/admin/v1/budgets/summary", 5);
  return router;
}

TEST(Router, FindsTheRouteOfMethodAndPath) {
  const Router router = BudgetsRouter();
  const RouterMatch match = router.Find("PUT", "/admin/v1/budgets/b-7");
  ASSERT_EQ(match.outcome, RouterMatch::Outcome::kFound);
  EXPECT_EQ(match.route, 3u);
  EXPECT_EQ(match.pattern, "/admin/v1/budgets/{id}");
  EXPECT_EQ(*match.params.Find("id"), "b-7");
}

TEST(Router, FirstRouteAddedWinsWhenPatternsOverlap) {
  // "summary" is also an {id}: the table's order decides, so a literal goes first when it
  // must win.
  EXPECT_EQ(BudgetsRouter().Find("GET", "/admin/v1/budgets/summary").route, 2u);
}

TEST(Router, HeadIsServedByTheGetRoute) {
  const RouterMatch match = BudgetsRouter().Find("HEAD", "/admin/v1/budgets");
  ASSERT_EQ(match.outcome, RouterMatch::Outcome::kFound);
  EXPECT_EQ(match.route, 0u);
}

TEST(Router, WrongMethodListsTheMethodsOfThePathSorted) {
  const Router router = BudgetsRouter();
  const RouterMatch match = router.Find("PATCH", "/admin/v1/budgets/b-7");
  ASSERT_EQ(match.outcome, RouterMatch::Outcome::kWrongMethod);
  EXPECT_EQ(match.allow, "DELETE, GET, HEAD, PUT");
  EXPECT_EQ(match.pattern, "/admin/v1/budgets/{id}");
}

TEST(Router, WrongMethodWithoutGetListsNoHead) {
  Router router;
  router.Add("POST", "/v1/usage/batch", 0);
  const RouterMatch match = router.Find("HEAD", "/v1/usage/batch");
  ASSERT_EQ(match.outcome, RouterMatch::Outcome::kWrongMethod);
  EXPECT_EQ(match.allow, "POST");
}

TEST(Router, UnknownPathIsNotFound) {
  EXPECT_EQ(BudgetsRouter().Find("GET", "/admin/v1/teams").outcome,
            RouterMatch::Outcome::kNotFound);
  EXPECT_EQ(Router().Find("GET", "/").outcome, RouterMatch::Outcome::kNotFound);
}

TEST(Router, MalformedEscapeInACaptureNamesIt) {
  const RouterMatch match = BudgetsRouter().Find("GET", "/admin/v1/budgets/%G1");
  ASSERT_EQ(match.outcome, RouterMatch::Outcome::kBadEscape);
  EXPECT_EQ(match.route, 2u);
  EXPECT_EQ(match.bad_param, "id");
}

TEST(AllowList, SortsDropsRepeatsAndAddsHeadToGet) {
  EXPECT_EQ(AllowList({"POST", "GET", "POST"}), "GET, HEAD, POST");
  EXPECT_EQ(AllowList({"GET", "HEAD"}), "GET, HEAD");
  EXPECT_EQ(AllowList({"DELETE"}), "DELETE");
}

}  // namespace
}  // namespace costgate::central
