// Opening central's store where the configuration says (central.store): the one place that knows
// which implementation serves which location, so central, the CLI and the tests hold a Store and
// never name an implementation.
#pragma once

#include <memory>

#include "central/store/store.h"
#include "config/config.h"

namespace costgate::central {

// Opens (creating if needed) the store at `location` for reading and writing, its schema created
// or migrated: the process's one writer of that store (ARCHITECTURE.md). `synchronous` is
// SQLite's durability level (central.synchronous). Returns the error, naming the location, when
// the store cannot be opened or is from a newer schema.
StoreResult<std::unique_ptr<Store>> OpenStore(const config::StoreLocation& location,
                                              config::SqliteSynchronous synchronous);

// Opens another connection to the store at `location` that only reads, for reads off the
// writer's thread (one per reading thread: a Store is used by one thread at a time). It sees
// what the writer committed before each read starts; its write methods return an error and
// change nothing; it never checkpoints (sqlite/open.h). Open it after the writer, which creates
// the schema: a store that does not exist yet, or has another schema version, is an error, as is
// a private in-memory SQLite database (no second connection can see it).
StoreResult<std::unique_ptr<Store>> OpenReadOnlyStore(const config::StoreLocation& location);

}  // namespace costgate::central
