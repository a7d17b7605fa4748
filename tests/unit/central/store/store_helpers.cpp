#include "tests/unit/central/store/store_helpers.h"

#include <gtest/gtest.h>

#include "central/store/open_store.h"
#include "config/store_location.h"

namespace costgate::central::store_testing {

Event MakeEvent(const std::string& event_id) {
  Event e;
  e.event_id = event_id;
  e.origin = "proxy";
  e.request_id = "req-1";
  e.start_unix_ms = 1'763'800'000'000;
  e.end_unix_ms = 1'763'800'001'200;
  e.source_app = "video-accessibility";
  e.workspace = "ford";
  e.team = "video";
  e.project = "p-7";
  e.user = "u-42";
  e.job = "job-123";
  e.feature = "captions";
  e.environment = "prod";
  e.host = "web-1";
  e.pod = "pod-3";
  e.daemon_version = "0.4.0";
  e.provider = "gemini";
  e.operation = "generateContent";
  e.model = "gemini-2.5-flash";
  e.model_version = "gemini-2.5-flash-001";
  e.service_tier = "standard";
  e.metered = true;
  e.units = {{"output_tokens", 2}, {"input_tokens", 3520}, {"thinking_tokens", 0}};
  e.estimated = true;
  e.status = "upstream_error";
  e.reason = "upstream_status";
  e.http_status = 503;
  e.latency_ms = 1'200;
  e.ttfb_ms = 310;
  e.request_bytes = 812;
  e.response_bytes = 2'048;
  e.proxy_cost = pricing::Money::FromPico(217'760'000);
  e.proxy_pricing_version = "pb-01ec3c36b0172eeb";
  e.cost = pricing::Money::FromPico(217'760'001);
  e.pricing_version = "pb-central-0001";
  e.price_key = "gemini/gemini-2.5-flash";
  e.unpriced_reason = "";
  e.pricing_notes = "model_fallback,tier_fallback";
  e.received_unix_ms = 1'763'800'002'000;
  return e;
}

std::unique_ptr<Store> OpenSqliteStore(const std::string& path) {
  auto opened =
      OpenStore({config::StoreLocation::Kind::kSqlite, path}, config::SqliteSynchronous::kNormal);
  if (auto* error = std::get_if<StoreError>(&opened)) {
    ADD_FAILURE() << "open " << path << ": " << error->message;
    return nullptr;
  }
  return std::move(std::get<std::unique_ptr<Store>>(opened));
}

std::vector<StoreUnderTest> StoresUnderTest() {
  return {
      {"Sqlite", [](const TempDir& dir) { return "sqlite:" + dir.File("central.db"); },
       [](const config::StoreLocation& location, const std::string& sql) {
         return QueryRows(location.path, sql);
       },
       [](const config::StoreLocation& location, const std::string& event_id) {
         ExecuteSql(location.path,
                    "CREATE TRIGGER fail BEFORE INSERT ON events WHEN "
                    "NEW.event_id = '" +
                        event_id + "' BEGIN SELECT RAISE(ABORT, 'refused by test'); END");
       }},
  };
}

std::string StoreName(const ::testing::TestParamInfo<StoreUnderTest>& info) {
  return info.param.name;
}

void StoreTest::SetUp() {
  const std::string text = GetParam().location(dir_);
  config::Parsed<config::StoreLocation> parsed = config::ParseStoreLocation(text);
  ASSERT_TRUE(parsed.value) << text << ": " << parsed.error;
  location_ = *parsed.value;
  // OFF: these tests look at what a store holds, never at what survives a power loss, and the
  // fsyncs of NORMAL (the checkpoint of each store's close) took ~90 ms a test.
  auto opened = OpenStore(location_, config::SqliteSynchronous::kOff);
  if (auto* error = std::get_if<StoreError>(&opened)) {
    FAIL() << "open " << text << ": " << error->message;
  }
  store_ = std::move(std::get<std::unique_ptr<Store>>(opened));
}

std::unique_ptr<Store> StoreTest::OpenReplica() {
  auto opened = OpenStore(location_, config::SqliteSynchronous::kOff);
  if (auto* error = std::get_if<StoreError>(&opened)) {
    ADD_FAILURE() << "open a replica's connection: " << error->message;
    return nullptr;
  }
  return std::move(std::get<std::unique_ptr<Store>>(opened));
}

std::unique_ptr<Store> StoreTest::OpenReader() {
  auto opened = OpenReadOnlyStore(location_);
  if (auto* error = std::get_if<StoreError>(&opened)) {
    ADD_FAILURE() << "open a reader: " << error->message;
    return nullptr;
  }
  return std::move(std::get<std::unique_ptr<Store>>(opened));
}

}  // namespace costgate::central::store_testing
