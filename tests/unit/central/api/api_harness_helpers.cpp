#include <stdlib.h>

#include <filesystem>
#include <stdexcept>
#include <system_error>
#include <variant>

#include "central/keys/api_key.h"
#include "central/store/open_store.h"
#include "pricing/book_loader.h"
#include "tests/unit/central/api/api_harness.h"

namespace costgate::central::testing {
namespace {

std::unique_ptr<Store> OpenMemoryStore() {
  auto opened = OpenStore({config::StoreLocation::Kind::kSqlite, ":memory:"},
                          config::SqliteSynchronous::kNormal);
  if (auto* error = std::get_if<StoreError>(&opened)) {
    throw std::runtime_error("open store: " + error->message);
  }
  return std::move(std::get<std::unique_ptr<Store>>(opened));
}

}  // namespace

std::shared_ptr<const pricing::PriceBook> TestBook() {
  static const std::shared_ptr<const pricing::PriceBook> book = [] {
    std::string dir = (std::filesystem::temp_directory_path() / "costgate-central-XXXXXX");
    if (mkdtemp(dir.data()) == nullptr) {
      throw std::runtime_error("mkdtemp failed");
    }
    config::PricingConfig pricing;
    pricing.history_dir = dir;
    pricing::BookLoad load = pricing::LoadPriceBook(pricing);
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
    if (!load.book) {
      throw std::runtime_error("price book: " + load.errors.front());
    }
    return load.book;
  }();
  return book;
}

ApiHarness::ApiHarness(ApiLimits limits, const StaticFiles* static_files)
    : store_(OpenMemoryStore()),
      prices_(TestBook()),
      api_(*store_, prices_, limits, static_files) {}

std::string HeaderValue(const ApiResponse& response, std::string_view name) {
  for (const ApiHeader& header : response.headers) {
    if (header.name == name) {
      return header.value;
    }
  }
  return "";
}

std::string ApiHarness::MakeKey(std::string_view scopes, std::string_view source_app,
                                std::string_view workspace) {
  NewKey key = GenerateKey(kNow - 86'400'000);
  key.record.name = "test key " + key.record.id;
  key.record.source_app = source_app;
  key.record.workspace = workspace;
  key.record.scopes = ParseScopes(scopes).value();
  if (StoreStatus error = store_->CreateKey(key.record)) {
    throw std::runtime_error("create key: " + error->message);
  }
  return key.secret;
}

ApiResponse ApiHarness::Post(std::string_view path, std::string_view key, std::string_view body,
                             int64_t now) {
  return api_.Handle({"POST", path, key, body, now});
}

ApiResponse ApiHarness::Get(std::string_view path, std::string_view key, int64_t now) {
  return api_.Handle({"GET", path, key, "", now});
}

Event StoredEvent(Store& store, const std::string& event_id) {
  StoreResult<std::optional<Event>> found = store.FindEvent(event_id);
  if (auto* error = std::get_if<StoreError>(&found)) {
    throw std::runtime_error("find event: " + error->message);
  }
  std::optional<Event>& event = std::get<std::optional<Event>>(found);
  if (!event) {
    throw std::runtime_error("no stored event " + event_id);
  }
  return std::move(*event);
}

std::string ExampleEvent(std::string_view event_id) {
  return Replace(R"({"event_id": "EVENT_ID",
   "start_unix_ms": 1763800000000, "end_unix_ms": 1763800001200,
   "host": "web-1", "daemon_version": "0.4.0",
   "labels": {"source_app": "video-accessibility", "workspace": "ford", "team": "video",
              "project": "p-7", "environment": "prod", "pod": "", "user": "u-42",
              "job": "job-123", "feature": ""},
   "provider": "gemini", "operation": "generateContent", "metered": true,
   "model": "gemini-2.5-flash", "model_version": "gemini-2.5-flash",
   "service_tier": "", "units": {"input_tokens": 3520, "output_tokens": 2},
   "estimated": false,
   "status": "success", "reason": "", "http_status": 200,
   "latency_ms": 1200, "ttfb_ms": 310, "request_bytes": 812, "response_bytes": 2048,
   "cost_pico_usd": 217760000, "pricing_version": "pb-01ec3c36b0172eeb",
   "price_key": "gemini/gemini-2.5-flash", "unpriced_reason": ""})",
                 "EVENT_ID", event_id);
}

std::string Batch(std::initializer_list<std::string_view> events) {
  std::string body = R"({"events": [)";
  bool first = true;
  for (std::string_view event : events) {
    if (!first) {
      body.push_back(',');
    }
    first = false;
    body.append(event);
  }
  body.append("]}");
  return body;
}

std::string Replace(std::string text, std::string_view from, std::string_view to) {
  const size_t at = text.find(from);
  if (at == std::string::npos) {
    throw std::runtime_error("Replace: no " + std::string(from));
  }
  text.replace(at, from.size(), to);
  return text;
}

Json::Json(std::string_view text) : root_(parser_.parse(text.data(), text.size()).value()) {}

}  // namespace costgate::central::testing
