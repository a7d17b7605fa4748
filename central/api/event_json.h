// An event as the API writes it (the events drill-down, the JSON Lines export): every receipt
// field central keeps, by its column name, money as `<name>_usd` and `<name>_pico_usd`, the units
// as an object, then central's own columns (origin, request_id, cost, pricing, received time).
#pragma once

#include <string>

#include "central/store/event.h"

namespace costgate::central {

void AppendEventJson(std::string& out, const Event& e);

}  // namespace costgate::central
