// /admin/v1/budgets and /admin/v1/audit through the real Api over a real SQLite store: budgets
// made, read, changed and deleted by a key with scope admin; every refusal naming its field.
#include <gtest/gtest.h>

#include <string>
#include <variant>

#include "central/keys/api_key.h"
#include "tests/unit/central/api/api_harness.h"

namespace costgate::central {
namespace {

using testing::ApiHarness;
using testing::Json;
using testing::kNow;

constexpr std::string_view kAdminBody =
    R"({"name":"video-team","scope":{"team":"video","provider":"gemini"},"period":"monthly",)"
    R"("amount_usd":"250.5","hard_limit":true,"thresholds_percent":[100,50],)"
    R"("per_request_cap_usd":0.25,"fail_closed":false})";

ApiResponse AdminCall(ApiHarness& h, std::string_view method, std::string_view path,
                      std::string_view key, std::string_view body = "") {
  return h.api().Handle({method, path, key, body, kNow});
}

std::string AdminText(const simdjson::dom::element& e) { return std::string(std::string_view(e)); }

std::string AdminErrorField(const ApiResponse& r) {
  const Json body(r.body);  // owns what `field` points into
  simdjson::dom::element field;
  if (body["error"]["field"].get(field) != simdjson::SUCCESS) {
    return "";
  }
  return AdminText(field);
}

std::string CreatedId(ApiHarness& h, const std::string& key, std::string_view body = kAdminBody) {
  const ApiResponse r = AdminCall(h, "POST", "/admin/v1/budgets", key, body);
  EXPECT_EQ(r.status, 201) << r.body;
  return r.status == 201 ? AdminText(Json(r.body)["id"]) : "";
}

TEST(AdminBudgets, CreateAnswersTheBudgetWithItsSpend) {
  ApiHarness h;
  const ApiResponse r =
      AdminCall(h, "POST", "/admin/v1/budgets", h.MakeKey("admin", ""), kAdminBody);
  ASSERT_EQ(r.status, 201) << r.body;
  const Json body(r.body);
  const std::string id = AdminText(body["id"]);
  EXPECT_TRUE(id.starts_with("bud_")) << id;
  EXPECT_EQ(id.size(), 16u);
  EXPECT_EQ(AdminText(body["name"]), "video-team");
  EXPECT_EQ(AdminText(body["scope"]["team"]), "video");
  EXPECT_EQ(AdminText(body["scope"]["model"]), "");
  EXPECT_EQ(AdminText(body["time_zone"]), "UTC");
  EXPECT_EQ(int64_t(body["fiscal_first_month"]), 1);
  EXPECT_EQ(int64_t(body["amount_pico_usd"]), 250'500'000'000'000);
  EXPECT_NE(r.body.find(R"("amount_usd":250.5,)"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find(R"("thresholds_percent":[50,100])"), std::string::npos) << r.body;
  EXPECT_TRUE(bool(body["hard_limit"]));
  EXPECT_EQ(int64_t(body["per_request_cap_pico_usd"]), 250'000'000'000);
  EXPECT_FALSE(bool(body["fail_closed"]));
  EXPECT_EQ(int64_t(body["created_unix_ms"]), kNow);
  EXPECT_EQ(AdminText(body["spend"]["period_key"]), "2025-11");
  EXPECT_EQ(int64_t(body["spend"]["period_start_unix_ms"]), 1'761'955'200'000);  // 2025-11-01Z
  EXPECT_EQ(int64_t(body["spend"]["period_end_unix_ms"]), 1'764'547'200'000);    // 2025-12-01Z
  EXPECT_EQ(int64_t(body["spend"]["spent_pico_usd"]), 0);
  EXPECT_NE(r.body.find(R"("percent":0})"), std::string::npos) << r.body;

  const std::optional<Budget> stored = std::get<std::optional<Budget>>(h.store().FindBudget(id));
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->scope.provider, "gemini");
  EXPECT_EQ(stored->fail_closed, false);
}

TEST(AdminBudgets, ListGetPatchAndDelete) {
  ApiHarness h;
  const std::string key = h.MakeKey("admin", "");
  const std::string id = CreatedId(h, key);
  CreatedId(h, key, R"({"name":"everything","period":"daily","amount_usd":10})");

  const ApiResponse listed = AdminCall(h, "GET", "/admin/v1/budgets", key);
  ASSERT_EQ(listed.status, 200) << listed.body;
  const Json list(listed.body);
  ASSERT_EQ(simdjson::dom::array(list["budgets"]).size(), 2u);
  // Both were made in the same (fixed) millisecond: the list's order between them is their
  // random ids', so each is found by name.
  const size_t everything = AdminText(list["budgets"].at(0)["name"]) == "everything" ? 0 : 1;
  EXPECT_EQ(AdminText(list["budgets"].at(1 - everything)["name"]), "video-team");
  EXPECT_EQ(AdminText(list["budgets"].at(everything)["spend"]["period_key"]), "2025-11-22");

  for (const std::string& target : {id, std::string("video-team")}) {
    const ApiResponse got = AdminCall(h, "GET", "/admin/v1/budgets/" + target, key);
    ASSERT_EQ(got.status, 200) << got.body;
    EXPECT_EQ(AdminText(Json(got.body)["id"]), id);
  }

  const ApiResponse patched = AdminCall(h, "PATCH", "/admin/v1/budgets/video-team", key,
                                        R"({"amount_usd":"99","scope":{"team":null}})");
  ASSERT_EQ(patched.status, 200) << patched.body;
  const Json after(patched.body);
  EXPECT_EQ(int64_t(after["amount_pico_usd"]), 99'000'000'000'000);
  EXPECT_EQ(AdminText(after["scope"]["team"]), "");
  EXPECT_EQ(AdminText(after["scope"]["provider"]), "gemini");  // untouched
  EXPECT_TRUE(bool(after["hard_limit"]));                      // untouched

  const ApiResponse deleted = AdminCall(h, "DELETE", "/admin/v1/budgets/" + id, key);
  ASSERT_EQ(deleted.status, 200) << deleted.body;
  EXPECT_TRUE(bool(Json(deleted.body)["deleted"]));
  EXPECT_EQ(AdminCall(h, "GET", "/admin/v1/budgets/" + id, key).status, 404);
  EXPECT_EQ(std::get<std::optional<Budget>>(h.store().FindBudget(id)), std::nullopt);
}

TEST(AdminBudgets, BearerAuthorizationIsAKeyToo) {
  ApiHarness h;
  const std::string key = h.MakeKey("admin", "");
  const ApiResponse r =
      h.api().Handle({"GET", "/admin/v1/budgets", "", "", kNow, "", std::string("Bearer ") + key});
  EXPECT_EQ(r.status, 200) << r.body;
  const ApiResponse lower =
      h.api().Handle({"GET", "/admin/v1/budgets", "", "", kNow, "", "bearer " + key});
  EXPECT_EQ(lower.status, 200) << lower.body;
  const ApiResponse basic =
      h.api().Handle({"GET", "/admin/v1/budgets", "", "", kNow, "", "Basic " + key});
  EXPECT_EQ(basic.status, 401) << basic.body;
}

TEST(AdminBudgets, NoKeyIs401AndAnIngestKeyIs403) {
  ApiHarness h;
  EXPECT_EQ(AdminCall(h, "GET", "/admin/v1/budgets", "").status, 401);
  const ApiResponse ingest =
      AdminCall(h, "POST", "/admin/v1/budgets", h.MakeKey("all"), kAdminBody);
  EXPECT_EQ(ingest.status, 403);
  EXPECT_EQ(ingest.body,
            R"({"error":{"code":"missing_scope","message":"API key lacks scope admin"}})");
  EXPECT_EQ(AdminCall(h, "GET", "/admin/v1/audit", h.MakeKey("ship")).status, 403);
  // The admin scope alone does not ship usage either.
  EXPECT_EQ(AdminCall(h, "POST", "/v1/usage/batch", h.MakeKey("admin", ""), "{}").status, 403);
}

TEST(AdminBudgets, EachBadFieldIs400NamingIt) {
  ApiHarness h;
  const std::string key = h.MakeKey("admin", "");
  const std::string base = R"("name":"n","period":"monthly","amount_usd":"1")";
  struct Case {
    std::string body;
    std::string field;
  };
  const Case cases[] = {
      {"{" + base + R"(,"colour":"blue"})", "colour"},
      {"{" + base + R"(,"scope":{"colour":"blue"}})", "scope.colour"},
      {"{" + base + R"(,"scope":{"model":7}})", "scope.model"},
      {"{" + base + R"(,"scope":"team"})", "scope"},
      {R"({"period":"monthly","amount_usd":"1"})", "name"},
      {R"({"name":"n","amount_usd":"1"})", "period"},
      {R"({"name":"n","period":"monthly"})", "amount_usd"},
      {R"({"name":"","period":"monthly","amount_usd":"1"})", "name"},
      {R"({"name":"bud_x","period":"monthly","amount_usd":"1"})", "name"},
      {R"({"name":5,"period":"monthly","amount_usd":"1"})", "name"},
      {R"({"name":"n","period":"hourly","amount_usd":"1"})", "period"},
      {R"({"name":"n","period":"monthly","amount_usd":"-1"})", "amount_usd"},
      {R"({"name":"n","period":"monthly","amount_usd":-1})", "amount_usd"},
      {R"({"name":"n","period":"monthly","amount_usd":"0.0000000000001"})", "amount_usd"},
      {R"({"name":"n","period":"monthly","amount_usd":1e-13})", "amount_usd"},
      {R"({"name":"n","period":"monthly","amount_usd":0.12345678901234567})", "amount_usd"},
      {R"({"name":"n","period":"monthly","amount_usd":"9999999"})", "amount_usd"},
      {R"({"name":"n","period":"monthly","amount_usd":true})", "amount_usd"},
      {"{" + base + R"(,"time_zone":"Mars/Base"})", "time_zone"},
      {"{" + base + R"(,"fiscal_first_month":13})", "fiscal_first_month"},
      {"{" + base + R"(,"fiscal_first_month":1.5})", "fiscal_first_month"},
      {"{" + base + R"(,"thresholds_percent":[50,0]})", "thresholds_percent[1]"},
      {"{" + base + R"(,"thresholds_percent":[50,"80"]})", "thresholds_percent[1]"},
      {"{" + base + R"(,"thresholds_percent":50})", "thresholds_percent"},
      {"{" + base + R"(,"hard_limit":"yes"})", "hard_limit"},
      {"{" + base + R"(,"per_request_cap_usd":"0"})", "per_request_cap_usd"},
      {"{" + base + R"(,"fail_closed":"no"})", "fail_closed"},
      {"{" + base + R"(,"name":"m"})", "name"},  // named twice
  };
  for (const Case& c : cases) {
    const ApiResponse r = AdminCall(h, "POST", "/admin/v1/budgets", key, c.body);
    EXPECT_EQ(r.status, 400) << c.body << " -> " << r.body;
    EXPECT_EQ(AdminErrorField(r), c.field) << c.body << " -> " << r.body;
  }
  EXPECT_EQ(AdminCall(h, "POST", "/admin/v1/budgets", key, "{").status, 400);
  EXPECT_TRUE(std::get<std::vector<Budget>>(h.store().ListBudgets()).empty());

  // The same rules for a change.
  const std::string id = CreatedId(h, key);
  const ApiResponse patch =
      AdminCall(h, "PATCH", "/admin/v1/budgets/" + id, key, R"({"amount_usd":"1.5.0"})");
  EXPECT_EQ(patch.status, 400);
  EXPECT_EQ(AdminErrorField(patch), "amount_usd") << patch.body;
  EXPECT_NE(patch.body.find("amount_usd must be a decimal amount of USD"), std::string::npos)
      << patch.body;
}

TEST(AdminBudgets, AJsonNumberIsItsExactDecimal) {
  ApiHarness h;
  const ApiResponse r =
      AdminCall(h, "POST", "/admin/v1/budgets", h.MakeKey("admin", ""),
                R"({"name":"n","period":"monthly","amount_usd":0.1,"per_request_cap_usd":1e-12})");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(int64_t(Json(r.body)["amount_pico_usd"]), 100'000'000'000);
  EXPECT_EQ(int64_t(Json(r.body)["per_request_cap_pico_usd"]), 1);
}

TEST(AdminBudgets, ATakenNameIs409AndAnUnknownBudget404) {
  ApiHarness h;
  const std::string key = h.MakeKey("admin", "");
  CreatedId(h, key);
  const std::string other =
      CreatedId(h, key, R"({"name":"other","period":"weekly","amount_usd":1})");
  const ApiResponse again = AdminCall(h, "POST", "/admin/v1/budgets", key, kAdminBody);
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(AdminErrorField(again), "name");
  const ApiResponse rename =
      AdminCall(h, "PATCH", "/admin/v1/budgets/" + other, key, R"({"name":"video-team"})");
  EXPECT_EQ(rename.status, 409) << rename.body;

  for (const std::string_view method : {"GET", "PATCH", "DELETE"}) {
    const ApiResponse r = AdminCall(h, method, "/admin/v1/budgets/bud_nothere", key, "{}");
    EXPECT_EQ(r.status, 404) << method;
    EXPECT_EQ(AdminText(Json(r.body)["error"]["code"]), "budget_not_found");
  }
  const ApiResponse put = AdminCall(h, "PUT", "/admin/v1/budgets/" + other, key, "{}");
  EXPECT_EQ(put.status, 405);
  EXPECT_EQ(testing::HeaderValue(put, "Allow"), "DELETE, GET, HEAD, PATCH");
}

TEST(AdminAudit, EveryChangeIsLoggedWithItsActorAndTheBudgetBeforeAndAfter) {
  ApiHarness h;
  const std::string key = h.MakeKey("admin", "");
  const std::string key_id =
      std::get<std::optional<ApiKeyRecord>>(h.store().FindKeyByHash(HashKey(key))).value().id;
  const std::string id = CreatedId(h, key);
  ASSERT_EQ(AdminCall(h, "PATCH", "/admin/v1/budgets/" + id, key, R"({"amount_usd":"300"})").status,
            200);
  // A change that changes nothing is not one.
  ASSERT_EQ(AdminCall(h, "PATCH", "/admin/v1/budgets/" + id, key, "{}").status, 200);
  ASSERT_EQ(AdminCall(h, "DELETE", "/admin/v1/budgets/" + id, key).status, 200);

  const ApiResponse r = AdminCall(h, "GET", "/admin/v1/audit", key);
  ASSERT_EQ(r.status, 200) << r.body;
  const Json log(r.body);
  const simdjson::dom::array entries = log["entries"];
  ASSERT_EQ(entries.size(), 3u) << r.body;
  const auto entry = [&log](size_t i) { return log["entries"].at(i); };
  EXPECT_EQ(AdminText(entry(0)["action"]), "budget.delete");
  EXPECT_EQ(AdminText(entry(1)["action"]), "budget.update");
  EXPECT_EQ(AdminText(entry(2)["action"]), "budget.create");
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(AdminText(entry(i)["actor"]), "key:" + key_id);
    EXPECT_EQ(AdminText(entry(i)["object_id"]), id);
    EXPECT_EQ(int64_t(entry(i)["at_unix_ms"]), kNow);
  }
  EXPECT_TRUE(entry(2)["before"].is_null());
  EXPECT_EQ(int64_t(entry(2)["after"]["amount_pico_usd"]), 250'500'000'000'000);
  EXPECT_EQ(int64_t(entry(1)["before"]["amount_pico_usd"]), 250'500'000'000'000);
  EXPECT_EQ(int64_t(entry(1)["after"]["amount_pico_usd"]), 300'000'000'000'000);
  EXPECT_EQ(AdminText(entry(0)["before"]["name"]), "video-team");
  EXPECT_TRUE(entry(0)["after"].is_null());
  EXPECT_TRUE(log["next_before"].is_null());
}

TEST(AdminAudit, PagesNewestFirstByIdAndRefusesABadQuery) {
  ApiHarness h;
  const std::string key = h.MakeKey("admin", "");
  for (const std::string_view name : {"a", "b", "c"}) {
    CreatedId(h, key,
              R"({"name":")" + std::string(name) + R"(","period":"monthly","amount_usd":1})");
  }
  const ApiResponse first = AdminCall(h, "GET", "/admin/v1/audit?limit=2", key);
  ASSERT_EQ(first.status, 200) << first.body;
  const Json page(first.body);
  ASSERT_EQ(simdjson::dom::array(page["entries"]).size(), 2u);
  EXPECT_EQ(AdminText(page["entries"].at(0)["after"]["name"]), "c");
  const int64_t next = int64_t(page["next_before"]);
  EXPECT_EQ(next, int64_t(page["entries"].at(1)["id"]));
  const ApiResponse second =
      AdminCall(h, "GET", "/admin/v1/audit?limit=2&before=" + std::to_string(next), key);
  const Json rest(second.body);
  ASSERT_EQ(simdjson::dom::array(rest["entries"]).size(), 1u);
  EXPECT_EQ(AdminText(rest["entries"].at(0)["after"]["name"]), "a");
  EXPECT_TRUE(rest["next_before"].is_null());

  for (const std::string_view query : {"limit=0", "limit=501", "limit=x", "before=-1"}) {
    const ApiResponse bad = AdminCall(h, "GET", "/admin/v1/audit?" + std::string(query), key);
    EXPECT_EQ(bad.status, 400) << query;
    EXPECT_EQ(AdminErrorField(bad), query.substr(0, query.find('='))) << bad.body;
  }
}

}  // namespace
}  // namespace costgate::central
