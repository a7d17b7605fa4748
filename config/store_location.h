// central.store and central.database: two keys for one setting, where central keeps its data.
//
// central.store is the location as text ("sqlite:PATH"; a later issue adds "postgresql://...").
// central.database is the older key, a path, kept working as it was: it means "sqlite:PATH".
// Setting both is fine when they name the same store and an error naming both keys when they do
// not, whichever comes first: neither silently wins over the other.
#pragma once

#include <string>
#include <string_view>

#include "config/config.h"
#include "config/scalars.h"
#include "config/schema.h"

namespace costgate::config {

// "sqlite:PATH" with a non-empty PATH.
Parsed<StoreLocation> ParseStoreLocation(std::string_view text);

// The text ParseStoreLocation reads back ("sqlite:PATH"), for logs and messages.
std::string StoreLocationText(const StoreLocation& location);

// The rules of the two keys (config/schema.cpp), recording in central.store_named_by which key
// named the store.
Problem SetCentralStore(std::string_view text, CentralConfig& central);
Problem SetCentralDatabase(std::string_view text, CentralConfig& central);

}  // namespace costgate::config
