// A real Api for tests: a private in-memory SQLite store (from the factory), the price book central
// loads with no saved history and no overrides, keys made the way `costgate keys create` makes
// them.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "central/api/api.h"
#include "central/api/static_files.h"
#include "central/store/store.h"
#include "pricing/book_holder.h"

namespace costgate::central::testing {

// 2025-11-22T08:26:40Z: the calls of these tests happen then.
inline constexpr int64_t kNow = 1'763'800'000'000;

// The bundled price book, loaded once per process (history_dir a fresh empty directory).
std::shared_ptr<const pricing::PriceBook> TestBook();

class ApiHarness {
 public:
  // `static_files`, when set, must outlive the harness.
  explicit ApiHarness(ApiLimits limits = {}, const StaticFiles* static_files = nullptr);

  // Stores a key and returns its secret. `scopes` as for `costgate keys create --scopes`.
  std::string MakeKey(std::string_view scopes, std::string_view source_app = "my-project",
                      std::string_view workspace = "");

  ApiResponse Post(std::string_view path, std::string_view key, std::string_view body,
                   int64_t now = kNow);
  ApiResponse Get(std::string_view path, std::string_view key = "", int64_t now = kNow);

  Store& store() { return *store_; }
  Api& api() { return api_; }

 private:
  std::unique_ptr<Store> store_;
  pricing::PriceBookHolder prices_;
  Api api_;
};

// The value of the response's extra header `name` (exact case); "" when absent.
std::string HeaderValue(const ApiResponse& response, std::string_view name);

// The stored event, or a test failure.
Event StoredEvent(Store& store, const std::string& event_id);

// The example event of docs/usage-batch.md with this event_id.
std::string ExampleEvent(std::string_view event_id);
// {"events":[...]} of these events.
std::string Batch(std::initializer_list<std::string_view> events);
// `text` with its first `from` replaced by `to` (which must be there).
std::string Replace(std::string text, std::string_view from, std::string_view to);

// A response body parsed for assertions (exceptions on a missing field or a wrong type: the
// test fails).
class Json {
 public:
  explicit Json(std::string_view text);
  simdjson::dom::element operator[](std::string_view key) const { return root_[key].value(); }
  simdjson::dom::element root() const { return root_; }

 private:
  simdjson::dom::parser parser_;
  simdjson::dom::element root_;
};

}  // namespace costgate::central::testing
