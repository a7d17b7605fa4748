#include "tests/unit/central/store/store_helpers.h"

#include <gtest/gtest.h>

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

std::unique_ptr<SqliteStore> OpenStore(const std::string& path) {
  auto opened = SqliteStore::Open(path, config::SqliteSynchronous::kNormal);
  if (auto* error = std::get_if<StoreError>(&opened)) {
    ADD_FAILURE() << "open " << path << ": " << error->message;
    return nullptr;
  }
  return std::move(std::get<std::unique_ptr<SqliteStore>>(opened));
}

}  // namespace costgate::central::store_testing
