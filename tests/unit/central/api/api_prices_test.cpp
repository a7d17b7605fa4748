// /admin/v1/prices: the book in force and a key's timeline from the bundled data, overrides
// written to pricing.overrides_file and pricing new events at once (stored ones keep their
// price), a LiteLLM import saved to the history with its diff, the status, and the models with
// unpriced calls from the rollups. Every change is in the audit log.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "pricing/bundled.h"
#include "tests/support/temp_dir.h"
#include "tests/unit/central/api/api_harness.h"

namespace costgate::central::testing {
namespace {

std::string PriceText(const simdjson::dom::element& e) { return std::string(std::string_view(e)); }

// ExampleEvent of a model no price row names, unpriced by the proxy too.
std::string UnknownModelEvent(std::string_view id) {
  std::string event = Replace(ExampleEvent(id), "\"model\": \"gemini-2.5-flash\"",
                              "\"model\": \"gemini-9-secret\"");
  event = Replace(event, "\"price_key\": \"gemini/gemini-2.5-flash\"", "\"price_key\": \"\"");
  event = Replace(event, "\"model_version\": \"gemini-2.5-flash\"",
                  "\"model_version\": \"gemini-9-secret\"");
  event = Replace(event, "\"cost_pico_usd\": 217760000", "\"cost_pico_usd\": null");
  return Replace(event, "\"unpriced_reason\": \"\"", "\"unpriced_reason\": \"unknown_model\"");
}

class AdminPricesTest : public ::testing::Test {
 protected:
  AdminPricesTest() : key_(h_.MakeKey("admin")) {}

  void Configure(bool with_overrides_file = true) {
    config::PricingConfig pricing;
    pricing.history_dir = dir_.File("history");
    pricing.overrides_file = with_overrides_file ? dir_.File("overrides.yaml") : "";
    h_.api().price_control().Configure(pricing);
  }

  ApiResponse Call(std::string_view method, std::string_view path, std::string_view body = "",
                   int64_t now = kNow) {
    ApiRequest request(method, path, key_, body, now);
    return h_.api().Handle(request);
  }

  std::vector<AuditEntry> Audit() {
    return std::get<std::vector<AuditEntry>>(h_.store().ListAudit(100, std::nullopt));
  }

  test_support::TempDir dir_;
  ApiHarness h_;
  std::string key_;
};

TEST_F(AdminPricesTest, ListsTheRowsInForceFilteredByProviderAndText) {
  const ApiResponse listed = Call("GET", "/admin/v1/prices?provider=gemini&q=2.5-FLASH");
  ASSERT_EQ(listed.status, 200) << listed.body;
  const Json json(listed.body);
  EXPECT_EQ(PriceText(json["version"]), TestBook()->version());
  bool found = false;
  for (const auto row : json["rows"].get_array()) {
    EXPECT_EQ(PriceText(row["provider"]), "gemini");
    if (PriceText(row["key"]) == "gemini/gemini-2.5-flash") {
      found = true;
      EXPECT_EQ(PriceText(row["origin"]), "bundled");
      EXPECT_TRUE(row["effective_from"].is_null());
      EXPECT_GT(row["rates"].get_array().size(), 0u);
    }
  }
  EXPECT_TRUE(found) << listed.body;
  EXPECT_EQ(Call("GET", "/admin/v1/prices?at=yesterday").status, 400);
}

TEST_F(AdminPricesTest, ShowsAKeysTimelineAnd404ForAnUnknownKey) {
  const ApiResponse got = Call("GET", "/admin/v1/prices/gemini/gemini-2.5-flash");
  ASSERT_EQ(got.status, 200) << got.body;
  const Json json(got.body);
  EXPECT_EQ(PriceText(json["in_force"]["key"]), "gemini/gemini-2.5-flash");
  EXPECT_GE(json["timeline"].get_array().size(), 1u);
  EXPECT_EQ(Call("GET", "/admin/v1/prices/nobody/none").status, 404);
}

TEST_F(AdminPricesTest, OverridesNeedTheSettingsAndTheFile) {
  EXPECT_EQ(Call("GET", "/admin/v1/prices/overrides").status, 409);
  Configure(false);
  const ApiResponse refused = Call("POST", "/admin/v1/prices/overrides",
                                   R"({"key":"gemini/gemini-2.5-flash","effective_from":
                                       "2025-11-01","rates":{"input_cost_per_token":"0.000001"}})");
  EXPECT_EQ(refused.status, 409);
  EXPECT_NE(refused.body.find("pricing.overrides_file"), std::string::npos) << refused.body;
}

TEST_F(AdminPricesTest, AnOverridePricesNewEventsAndStoredOnesKeepTheirPrice) {
  Configure();
  ASSERT_EQ(h_.Post("/v1/usage/batch", h_.MakeKey("ship", "video-accessibility"),
                    Batch({ExampleEvent("before")}))
                .status,
            200);
  const int64_t before_cost = StoredEvent(h_.store(), "before").cost->pico();

  for (const std::string_view bad :
       {R"({"key":"gemini/x","effective_from":"2025-13-01","rates":{"input_cost_per_token":"1"}})",
        R"({"key":"gemini/x","effective_from":"2025-11-01","rates":{"input_cost_per_tokn":"1"}})",
        R"({"key":"gemini/x","effective_from":"2025-11-01","rates":{"input_cost_per_token":"x"}})",
        R"({"effective_from":"2025-11-01","rates":{"input_cost_per_token":"1"}})"}) {
    const ApiResponse refused = Call("POST", "/admin/v1/prices/overrides", bad);
    EXPECT_EQ(refused.status, 400) << bad;
    EXPECT_NE(refused.body.find("\"field\""), std::string::npos) << refused.body;
  }

  const ApiResponse made = Call("POST", "/admin/v1/prices/overrides",
                                R"({"key":"gemini/gemini-2.5-flash","effective_from":"2025-11-01",
               "rates":{"input_cost_per_token":"0.000001","output_cost_per_token":"0.000002"}})");
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_NE(PriceText(Json(made.body)["version"]), TestBook()->version());
  EXPECT_TRUE(std::filesystem::exists(dir_.File("overrides.yaml")));
  EXPECT_EQ(Call("POST", "/admin/v1/prices/overrides",
                 R"({"key":"gemini/gemini-2.5-flash","effective_from":"2025-11-01",
                     "rates":{"input_cost_per_token":"0.000003"}})")
                .status,
            409);

  const ApiResponse listed = Call("GET", "/admin/v1/prices/overrides");
  ASSERT_EQ(listed.status, 200) << listed.body;
  ASSERT_EQ(Json(listed.body)["overrides"].get_array().size(), 1u);
  const ApiResponse in_force = Call("GET", "/admin/v1/prices/gemini/gemini-2.5-flash");
  EXPECT_EQ(PriceText(Json(in_force.body)["in_force"]["origin"]), "override") << in_force.body;

  ASSERT_EQ(h_.Post("/v1/usage/batch", h_.MakeKey("ship", "video-accessibility", ""),
                    Batch({ExampleEvent("after")}))
                .status,
            200);
  // 3520 input tokens at $1/M and 2 output tokens at $2/M.
  EXPECT_EQ(StoredEvent(h_.store(), "after").cost->pico(), 3'524'000'000);
  EXPECT_EQ(StoredEvent(h_.store(), "before").cost->pico(), before_cost);

  const ApiResponse removed = Call(
      "DELETE", "/admin/v1/prices/overrides/gemini/gemini-2.5-flash?effective_from=2025-11-01");
  ASSERT_EQ(removed.status, 200) << removed.body;
  EXPECT_EQ(PriceText(Json(removed.body)["version"]), TestBook()->version());
  EXPECT_EQ(Call("DELETE", "/admin/v1/prices/overrides/gemini/gemini-2.5-flash").status, 404);

  const std::vector<AuditEntry> audit = Audit();
  ASSERT_GE(audit.size(), 2u);
  EXPECT_EQ(audit[0].action, "price.override.delete");
  EXPECT_EQ(audit[1].action, "price.override.create");
  EXPECT_EQ(audit[1].object_id, "gemini/gemini-2.5-flash");
  EXPECT_EQ(audit[1].actor.rfind("key:", 0), 0u);
}

TEST_F(AdminPricesTest, AnImportIsSavedAndAnswersItsDiff) {
  Configure();
  EXPECT_EQ(Call("POST", "/admin/v1/prices/import", "{not json").status, 400);
  // The bundled catalogue with one model's price raised.
  std::string litellm(pricing::BundledLiteLlmJson());
  const size_t model = litellm.find("\"gemini/gemini-2.5-flash\": {");
  ASSERT_NE(model, std::string::npos);
  const size_t rate = litellm.find("\"input_cost_per_token\": ", model);
  const size_t end = litellm.find(',', rate);
  litellm.replace(rate, end - rate, "\"input_cost_per_token\": 9e-06");
  const ApiResponse imported = Call("POST", "/admin/v1/prices/import", litellm, kNow + 1000);
  ASSERT_EQ(imported.status, 200) << imported.body.substr(0, 500);
  const Json json(imported.body);
  EXPECT_EQ(json["import"]["changed"].get_int64().value(), 1);
  EXPECT_EQ(json["import"]["added"].get_int64().value(), 0);
  EXPECT_EQ(PriceText(json["changed_keys"].at(0)), "gemini/gemini-2.5-flash");
  EXPECT_NE(PriceText(json["version"]), PriceText(json["version_before"]));
  EXPECT_EQ(Audit().at(0).action, "price.import");

  const ApiResponse got = Call("GET", "/admin/v1/prices/gemini/gemini-2.5-flash", "", kNow + 2000);
  EXPECT_EQ(PriceText(Json(got.body)["in_force"]["origin"]), "litellm") << got.body;
}

TEST_F(AdminPricesTest, StatusSaysTheVersionAndWhetherARefreshIsSet) {
  ApiResponse status = Call("GET", "/admin/v1/prices/status");
  ASSERT_EQ(status.status, 200) << status.body;
  EXPECT_EQ(PriceText(Json(status.body)["refresh"]), "no refresh configured");
  // The harness publishes its book without noting it: nothing to say yet.
  EXPECT_TRUE(Json(status.body)["loaded"].is_null()) << status.body;
  EXPECT_TRUE(Json(status.body)["last_attempt"].is_null()) << status.body;
  config::PricingConfig pricing;
  pricing.refresh.url = "https://example.test/prices.json";
  h_.api().price_control().Configure(pricing, [] { return std::string(R"({"ok":3})"); });
  status = Call("GET", "/admin/v1/prices/status");
  const Json json(status.body);
  EXPECT_EQ(PriceText(json["refresh"]["url"]), "https://example.test/prices.json");
  EXPECT_EQ(json["refresh"]["last"]["ok"].get_int64().value(), 3);
  EXPECT_EQ(PriceText(json["version"]), TestBook()->version());
}

TEST_F(AdminPricesTest, StatusSaysWhenWhatAndWhoLastLoadedTheBookAndHowTheLastAttemptEnded) {
  Configure();
  ASSERT_EQ(Call("POST", "/admin/v1/prices/overrides",
                 R"({"key":"acme/m1","effective_from":"2025-01-01",
                     "rates":{"input_cost_per_token":"0.000001"}})",
                 kNow + 1000)
                .status,
            201);
  const std::string published =
      PriceText(Json(Call("GET", "/admin/v1/prices/status").body)["version"]);
  // A saved LiteLLM version that does not parse: the next change is kept but cannot load.
  std::filesystem::create_directories(dir_.File("history"));
  std::ofstream(dir_.File("history") + "/litellm-1763000000000-abcdef012345.json") << "{oops";
  const ApiResponse refused = Call("POST", "/admin/v1/prices/overrides",
                                   R"({"key":"acme/m2","effective_from":"2025-01-01",
                                       "rates":{"input_cost_per_token":"0.000001"}})",
                                   kNow + 2000);
  EXPECT_EQ(refused.status, 500) << refused.body;

  const ApiResponse status = Call("GET", "/admin/v1/prices/status");
  ASSERT_EQ(status.status, 200) << status.body;
  const Json json(status.body);
  const auto loaded = json["loaded"];
  EXPECT_EQ(loaded["at_unix_ms"].get_int64().value(), kNow + 1000) << status.body;
  EXPECT_EQ(PriceText(loaded["source"]), "override.create");
  // Who: the audit log's actor of that change ("key:<id>").
  EXPECT_EQ(PriceText(loaded["from"]), Audit().at(0).actor);
  EXPECT_EQ(PriceText(loaded["from"]).rfind("key:", 0), 0u);
  EXPECT_EQ(PriceText(loaded["result"]), "ok");
  EXPECT_EQ(PriceText(loaded["version"]), published);
  const auto last = json["last_attempt"];
  EXPECT_EQ(last["at_unix_ms"].get_int64().value(), kNow + 2000);
  EXPECT_EQ(PriceText(last["result"]), "failed");
  EXPECT_NE(PriceText(last["error"]).find("litellm-1763000000000-abcdef012345.json"),
            std::string::npos)
      << status.body;
  // The book in force is still the one published before the failure.
  EXPECT_EQ(PriceText(last["version"]), published);
}

TEST_F(AdminPricesTest, ThePriceListPagesWithATotalAndANextKey) {
  Configure();
  for (const std::string_view model : {"m1", "m2", "m3", "m4", "m5"}) {
    ASSERT_EQ(Call("POST", "/admin/v1/prices/overrides",
                   R"({"key":"acme/)" + std::string(model) +
                       R"(","effective_from":"2025-01-01","rates":{"input_cost_per_token":"1"}})")
                  .status,
              201);
  }
  const auto keys = [](const Json& page) {
    std::vector<std::string> found;
    for (const auto row : page["rows"].get_array()) {
      found.push_back(PriceText(row["key"]));
    }
    return found;
  };
  // Five acme rows, two a page: m1 m2 | m3 m4 | m5.
  const Json first(Call("GET", "/admin/v1/prices?provider=acme&limit=2").body);
  EXPECT_EQ(keys(first), (std::vector<std::string>{"acme/m1", "acme/m2"}));
  EXPECT_EQ(first["total"].get_int64().value(), 5);
  EXPECT_EQ(first["limit"].get_int64().value(), 2);
  EXPECT_EQ(PriceText(first["next"]), "acme/m2");
  const Json second(Call("GET", "/admin/v1/prices?provider=acme&limit=2&after=acme%2Fm2").body);
  EXPECT_EQ(keys(second), (std::vector<std::string>{"acme/m3", "acme/m4"}));
  EXPECT_EQ(second["total"].get_int64().value(), 5);
  EXPECT_EQ(PriceText(second["next"]), "acme/m4");
  const Json last(Call("GET", "/admin/v1/prices?provider=acme&limit=2&after=acme%2Fm4").body);
  EXPECT_EQ(keys(last), (std::vector<std::string>{"acme/m5"}));
  EXPECT_TRUE(last["next"].is_null());
  // The default page is 200 rows; a page past the end is empty.
  const Json all(Call("GET", "/admin/v1/prices?provider=acme").body);
  EXPECT_EQ(all["limit"].get_int64().value(), 200);
  EXPECT_EQ(keys(all).size(), 5u);
  EXPECT_TRUE(all["next"].is_null());
  EXPECT_TRUE(Json(Call("GET", "/admin/v1/prices?provider=acme&after=acme%2Fm5").body)["rows"]
                  .get_array()
                  .size() == 0);

  for (const std::string_view bad : {"limit=0", "limit=1001", "limit=ten", "after="}) {
    const ApiResponse refused = Call("GET", "/admin/v1/prices?" + std::string(bad));
    EXPECT_EQ(refused.status, 400) << bad;
    const std::string field(std::string_view(bad).substr(0, bad.find('=')));
    EXPECT_EQ(PriceText(Json(refused.body)["error"]["field"]), field) << refused.body;
  }
}

TEST_F(AdminPricesTest, UnpricedModelsWithTheirCallCounts) {
  const std::string ship = h_.MakeKey("ship", "video-accessibility");
  const std::string unknown = UnknownModelEvent("u1");
  const ApiResponse shipped = h_.Post(
      "/v1/usage/batch", ship, Batch({unknown, Replace(unknown, "u1", "u2"), ExampleEvent("p1")}));
  ASSERT_EQ(shipped.status, 200);
  ASSERT_FALSE(StoredEvent(h_.store(), "u1").cost.has_value()) << shipped.body;
  const ApiResponse got =
      Call("GET", "/admin/v1/prices/unpriced?from=2025-11-01T00:00:00Z&to=2025-12-01T00:00:00Z");
  ASSERT_EQ(got.status, 200) << got.body;
  const Json json(got.body);
  ASSERT_EQ(json["models"].get_array().size(), 1u) << got.body;
  EXPECT_EQ(PriceText(json["models"].at(0)["model"]), "gemini-9-secret");
  EXPECT_EQ(json["models"].at(0)["unpriced_calls"].get_int64().value(), 2);
  EXPECT_EQ(Call("GET", "/admin/v1/prices/unpriced?from=bad").status, 400);
}

TEST_F(AdminPricesTest, EachUnpricedModelSaysWhyFromTheBookInForceNow) {
  Configure();
  ASSERT_EQ(h_.Post("/v1/usage/batch", h_.MakeKey("ship", "video-accessibility"),
                    Batch({UnknownModelEvent("u1")}))
                .status,
            200);
  ASSERT_FALSE(StoredEvent(h_.store(), "u1").cost.has_value());
  // The one model's entry, after replacing gemini/gemini-9-secret's override (if `rates`).
  const auto judged_with = [this](std::string_view from, std::string_view rates) {
    if (!rates.empty()) {
      Call("DELETE", "/admin/v1/prices/overrides/gemini/gemini-9-secret");
      const ApiResponse made =
          Call("POST", "/admin/v1/prices/overrides",
               R"({"key":"gemini/gemini-9-secret","effective_from":")" + std::string(from) +
                   R"(","rates":)" + std::string(rates) + "}");
      EXPECT_EQ(made.status, 201) << made.body;
    }
    const ApiResponse got =
        Call("GET", "/admin/v1/prices/unpriced?from=2025-11-01T00:00:00Z&to=2025-12-01T00:00:00Z");
    EXPECT_EQ(got.status, 200) << got.body;
    return std::string(got.body);
  };
  const auto models = [](const std::string& body) {
    return Json(body)["models"].get_array().size();
  };

  // No row: the keys the gemini provider tries, its own "gemini/<m>" first.
  std::string body = judged_with("", "");
  ASSERT_EQ(models(body), 1u) << body;
  EXPECT_EQ(PriceText(Json(body)["models"].at(0)["reason"]), "unknown_model") << body;
  EXPECT_TRUE(Json(body)["models"].at(0)["price_key"].is_null());
  EXPECT_EQ(PriceText(Json(body)["models"].at(0)["tried"].at(0)), "gemini/gemini-9-secret");

  // A row in force from December only: judged at request time (kNow is in November).
  body = judged_with("2025-12-01", R"({"output_cost_per_token":"0.000002"})");
  ASSERT_EQ(models(body), 1u) << body;
  EXPECT_EQ(PriceText(Json(body)["models"].at(0)["reason"]), "unknown_model") << body;

  // In force now with an output rate only: the calls used input tokens (3520 of them).
  body = judged_with("2025-11-01", R"({"output_cost_per_token":"0.000002"})");
  ASSERT_EQ(models(body), 1u) << body;
  const Json no_rate(body);
  EXPECT_EQ(PriceText(no_rate["models"].at(0)["reason"]), "no_rate") << body;
  EXPECT_EQ(PriceText(no_rate["models"].at(0)["price_key"]), "gemini/gemini-9-secret");
  ASSERT_EQ(no_rate["models"].at(0)["missing"].get_array().size(), 1u) << body;
  EXPECT_EQ(PriceText(no_rate["models"].at(0)["missing"].at(0)), "input_cost_per_token");
  // The first call's stored reason is the one central gave it then.
  ASSERT_EQ(no_rate["models"].at(0)["stored_reasons"].get_array().size(), 1u) << body;
  EXPECT_EQ(PriceText(no_rate["models"].at(0)["stored_reasons"].at(0)["reason"]), "unknown_model");

  // A second call, priced against that row: central stores no_rate with it.
  ASSERT_EQ(h_.Post("/v1/usage/batch", h_.MakeKey("ship", "video-accessibility"),
                    Batch({UnknownModelEvent("u2")}))
                .status,
            200);
  EXPECT_EQ(StoredEvent(h_.store(), "u2").unpriced_reason, "no_rate");
  body = judged_with("", "");
  ASSERT_EQ(models(body), 1u) << body;
  const Json both(body);
  EXPECT_EQ(both["models"].at(0)["unpriced_calls"].get_int64().value(), 2) << body;
  const auto stored = both["models"].at(0)["stored_reasons"];
  ASSERT_EQ(stored.get_array().size(), 2u) << body;
  // One call each: by reason.
  EXPECT_EQ(PriceText(stored.at(0)["reason"]), "no_rate");
  EXPECT_EQ(stored.at(0)["calls"].get_int64().value(), 1);
  EXPECT_EQ(PriceText(stored.at(1)["reason"]), "unknown_model");
  EXPECT_EQ(stored.at(1)["calls"].get_int64().value(), 1);

  // Both rates: the stored calls came before the row (they keep their null cost).
  body = judged_with("2025-11-01",
                     R"({"input_cost_per_token":"0.000001","output_cost_per_token":"0.000002"})");
  ASSERT_EQ(models(body), 1u) << body;
  const Json priced(body);
  EXPECT_EQ(PriceText(priced["models"].at(0)["reason"]), "priced_now") << body;
  EXPECT_EQ(priced["models"].at(0)["missing"].get_array().size(), 0u);
  EXPECT_EQ(priced["models"].at(0)["unpriced_calls"].get_int64().value(), 2);
}

}  // namespace
}  // namespace costgate::central::testing
