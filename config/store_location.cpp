#include "config/store_location.h"

#include <utility>

namespace costgate::config {
namespace {

constexpr std::string_view kSqliteScheme = "sqlite:";

enum class StoreKey { kStore, kDatabase };

Problem NameStore(StoreLocation location, StoreKey key, CentralConfig& central) {
  const bool by_store = key == StoreKey::kStore;
  const bool other_named =
      by_store ? central.store_named_by.database : central.store_named_by.store;
  // The value the other key stored is still central.store: a key agreeing with it changes
  // nothing, and one naming another store is refused rather than quietly overriding it.
  if (other_named && location != central.store) {
    const std::string mine = Quoted(StoreLocationText(location));
    const std::string theirs = Quoted(StoreLocationText(central.store));
    return "central.store " + (by_store ? mine : theirs) + " and central.database " +
           (by_store ? theirs : mine) + " name different stores; set only one of them";
  }
  (by_store ? central.store_named_by.store : central.store_named_by.database) = true;
  central.store = std::move(location);
  return std::nullopt;
}

}  // namespace

Parsed<StoreLocation> ParseStoreLocation(std::string_view text) {
  if (!text.starts_with(kSqliteScheme) || text.size() == kSqliteScheme.size()) {
    return Parsed<StoreLocation>::Fail("expected sqlite:PATH (PATH a database file), got " +
                                       Quoted(text));
  }
  return Parsed<StoreLocation>::Ok(
      {StoreLocation::Kind::kSqlite, std::string(text.substr(kSqliteScheme.size()))});
}

std::string StoreLocationText(const StoreLocation& location) {
  switch (location.kind) {
    case StoreLocation::Kind::kSqlite:
      return std::string(kSqliteScheme) + location.path;
  }
  return location.path;
}

Problem SetCentralStore(std::string_view text, CentralConfig& central) {
  Parsed<StoreLocation> parsed = ParseStoreLocation(text);
  if (!parsed.value) {
    return std::move(parsed.error);
  }
  return NameStore(*std::move(parsed.value), StoreKey::kStore, central);
}

Problem SetCentralDatabase(std::string_view text, CentralConfig& central) {
  Parsed<std::string> path = ParseNonEmpty(text, "a file path");
  if (!path.value) {
    return std::move(path.error);
  }
  return NameStore({StoreLocation::Kind::kSqlite, *std::move(path.value)}, StoreKey::kDatabase,
                   central);
}

}  // namespace costgate::config
