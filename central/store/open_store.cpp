#include "central/store/open_store.h"

#include <utility>
#include <variant>

#include "central/store/sqlite/sqlite_store.h"

namespace costgate::central {
namespace {

// An implementation's own unique_ptr, or its error, as the factory's result.
template <typename Impl>
StoreResult<std::unique_ptr<Store>> AsStore(
    std::variant<std::unique_ptr<Impl>, StoreError> opened) {
  if (auto* error = std::get_if<StoreError>(&opened)) {
    return std::move(*error);
  }
  return std::unique_ptr<Store>(std::move(std::get<std::unique_ptr<Impl>>(opened)));
}

}  // namespace

StoreResult<std::unique_ptr<Store>> OpenStore(const config::StoreLocation& location,
                                              config::SqliteSynchronous synchronous) {
  switch (location.kind) {
    case config::StoreLocation::Kind::kSqlite:
      return AsStore(SqliteStore::Open(location.path, synchronous));
  }
  return StoreError{"unknown kind of store"};  // every Kind is handled above
}

StoreResult<std::unique_ptr<Store>> OpenReadOnlyStore(const config::StoreLocation& location) {
  switch (location.kind) {
    case config::StoreLocation::Kind::kSqlite:
      return AsStore(SqliteStore::OpenReadOnly(location.path));
  }
  return StoreError{"unknown kind of store"};
}

}  // namespace costgate::central
