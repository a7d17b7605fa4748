// The lease protocol's JSON (budgets-design.md, "Lease protocol"): the request the proxy sends
// to POST /v1/budget/leases and central's 200 answer, read strictly (every field the design
// names, typed; unknown fields ignored so central may add some).
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <variant>

#include "daemon/budget/lease_wire.h"

namespace costgate::daemon::budget {

// {"holder":"px_..","leases":[{"budget_id":..,"period_key":..,"used_pico_usd":..,
//   "need_pico_usd":..,"release":false}]}
std::string LeaseRequestJson(std::string_view holder, std::span<const LeaseReport> leases);

// Central's answer, or what is wrong with it ("budgets[2].lease.granted_pico_usd: required").
std::variant<LeaseAnswer, std::string> ReadLeaseAnswer(std::string_view body);

}  // namespace costgate::daemon::budget
