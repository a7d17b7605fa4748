// The body of POST /v1/budget/leases, a proxy's lease sync (lease_handler.cpp):
//   {"holder":"px_0123456789abcdef",
//    "leases":[{"budget_id":"bud_..","period_key":"2026-12","used_pico_usd":123,
//               "need_pico_usd":0,"release":false}]}
// holder, budget_id and period_key are non-empty text (base/text_rule.h); the amounts integers
// >= 0. Required: holder; per entry budget_id, period_key, used_pico_usd. Absent: leases = [],
// need_pico_usd = 0, release = false. Unknown fields and a second entry for the same budget and
// period are refused: a machine protocol, so a misspelt field is a bug to surface, never to skip.
#pragma once

#include <simdjson.h>

#include <string>
#include <variant>
#include <vector>

#include "central/api/json_read.h"
#include "central/store/ledger.h"

namespace costgate::central {

// A proxy holds one lease per hard budget; the bound keeps a sync's transaction short.
inline constexpr size_t kMaxLeaseEntries = 1'000;

struct LeaseSyncRequest {
  std::string holder;
  std::vector<LeaseEntry> leases;
};

std::variant<LeaseSyncRequest, FieldError> ReadLeaseSync(simdjson::dom::element body);

}  // namespace costgate::central
